"""Slow work off the GUI thread, after Anki's aqt/operations:

    BackgroundOp(parent, fn).success(cb).failure(cb).run_in_background()

`fn` runs on a worker thread of QThreadPool and gets a
`Progress` to report steps and to ask whether the officer cancelled. It must not touch
widgets, nor the GUI thread's database connection (SQLite writes stay on one connection on
one thread); what it needs it receives as plain data, or it opens its own read-only
connection. Callbacks run back on the GUI thread.
"""

import functools
import gc
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from shiboken6 import isValid
from sqlite_utils import Database

from jimo_desktop.store.database import open_read_only, reader_source

# Operations still running; holding them here keeps their signal bridge alive until the end.
_RUNNING: set["BackgroundOp"] = set()


class _CollectorPause:
    """No automatic garbage collection while work runs off the GUI thread.

    A collection triggered on the worker would finalise whatever Qt wrappers are waiting in
    reference cycles there — destroying widgets off the GUI thread, which crashes Qt (Anki
    disables the collector for the same reason). Reference counting still frees memory;
    the cycles are collected on the GUI thread once the last operation ends.
    """

    paused_by_us = False

    @classmethod
    def begin(cls) -> None:
        if not _RUNNING and gc.isenabled():
            gc.disable()
            cls.paused_by_us = True

    @classmethod
    def end(cls) -> None:
        if not _RUNNING and cls.paused_by_us:
            cls.paused_by_us = False
            gc.enable()
            gc.collect()


class Progress:
    """What `fn` is handed: thread-safe step reports and the officer's cancel request."""

    def __init__(self, bridge: "_Bridge"):
        self._bridge = bridge
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        self._bridge.progressed.emit(done, total, text)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Bridge(QObject):
    """Lives on the GUI thread; signals emitted by the worker arrive there queued."""

    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], progress: Progress, bridge: _Bridge):
        super().__init__()
        self.fn, self.progress, self.bridge = fn, progress, bridge

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except Exception as error:  # every failure goes back to the GUI thread to be shown
            self.bridge.failed.emit(error)
        else:
            self.bridge.finished.emit(result)


class BackgroundOp:
    def __init__(
        self, parent: QWidget, fn: Callable[[Progress], Any], pool: QThreadPool | None = None
    ):
        self.parent = parent
        self.fn = fn
        self.pool = pool or QThreadPool.globalInstance()
        self.bridge = _Bridge()
        self.progress = Progress(self.bridge)
        self._on_success: Callable[[Any], None] = lambda result: None
        self._on_failure: Callable[[Exception], None] = self._show_failure
        self._on_cancel: Callable[[], None] = lambda: None
        self.dialog: QProgressDialog | None = None

    def success(self, callback: Callable[[Any], None]) -> "BackgroundOp":
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[Exception], None]) -> "BackgroundOp":
        self._on_failure = callback
        return self

    def cancelled(self, callback: Callable[[], None]) -> "BackgroundOp":
        """Called instead of success or failure when the officer cancelled the work."""
        self._on_cancel = callback
        return self

    def with_progress(self, label: str) -> "BackgroundOp":
        """A modal progress dialog with a 取消 button, fed by fn's `progress.report`."""
        dialog = QProgressDialog(label, "取消", 0, 0, self.parent)
        dialog.setWindowTitle("请稍候")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        # At its minimum, the dialog counts its minimum duration from now; a busy dialog
        # that is never given a value would otherwise wait Qt's default 4 seconds.
        dialog.setValue(0)
        dialog.canceled.connect(self._cancel)
        self.bridge.progressed.connect(self._show_progress)
        self.dialog = dialog
        return self

    def run_in_background(self) -> None:
        _CollectorPause.begin()
        _RUNNING.add(self)
        self.bridge.finished.connect(self._finished)
        self.bridge.failed.connect(self._failed)
        self.pool.start(_Task(self.fn, self.progress, self.bridge))

    def _cancel(self) -> None:
        self.progress.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText("正在取消…")

    def _show_progress(self, done: int, total: int, text: str) -> None:
        dialog = self.dialog
        if dialog is None or self.progress.cancelled():
            return
        # A modal dialog's setValue processes events, in which the work may finish and
        # _end() drop the dialog: the text goes first, on the dialog held here.
        if text:
            dialog.setLabelText(text)
        dialog.setMaximum(total)
        dialog.setValue(done)

    def _finished(self, result: Any) -> None:
        self._end()
        if not isValid(self.parent):
            return  # the window closed while the work ran; nobody is left to tell
        if self.progress.cancelled():
            self._on_cancel()
        else:
            self._on_success(result)

    def _failed(self, error: Exception) -> None:
        self._end()
        if not isValid(self.parent):
            return
        # Whatever fn raised after a cancel request is the cancel taking effect.
        if self.progress.cancelled():
            self._on_cancel()
        else:
            self._on_failure(error)

    def _end(self) -> None:
        _RUNNING.discard(self)
        _CollectorPause.end()
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self._cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _show_failure(self, error: Exception) -> None:
        QMessageBox.critical(self.parent, "操作未完成", str(error) or type(error).__name__)


_STEPS_BETWEEN_QUESTIONS = 10_000  # SQLite virtual machine steps: well under a millisecond


@functools.cache
def _reads() -> QThreadPool:
    """One thread for `read_in_background`: reads of every project (the lights, the reminders)
    each hold their rows in memory, so two at once would add up to twice the peak."""
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    return pool


def wait_for_background_work() -> None:
    """Block until every operation has finished; their answers arrive with the next events."""
    QThreadPool.globalInstance().waitForDone()
    _reads().waitForDone()


def stop_background_work() -> None:
    """At quit, before the database closes: ask what still runs to stop, and wait for it.
    Python must not be torn down under a worker (the process would abort), and an answer
    arriving later must not reach for the closed database: a cancelled one never does.
    A read stops where it is (the lights of 100,000 projects take seconds)."""
    for operation in list(_RUNNING):
        operation.progress.cancel()
    wait_for_background_work()


def read_in_background(parent: QWidget, db: Database, read: Callable[[Database], Any]):
    """A BackgroundOp that runs `read` on its own read-only connection to `db`'s file, so that
    judging thousands of rows leaves the window free; WAL lets it read beside the writer."""
    path = reader_source(db)

    def work(progress: Progress) -> Any:
        reader = open_read_only(path)
        # SQLite asks between steps of every statement whether to go on: a cancel stops the
        # read where it is ("interrupted"), whenever it comes.
        reader.conn.set_progress_handler(progress.cancelled, _STEPS_BETWEEN_QUESTIONS)
        try:
            # Stopped before it began (it waited its turn): nothing to read.
            return None if progress.cancelled() else read(reader)
        finally:
            reader.close()

    return BackgroundOp(parent, work, _reads())
