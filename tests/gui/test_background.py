"""BackgroundOp: work on a worker thread, results and failures back on the GUI thread,
progress shown, cancel honoured."""

import gc
import sqlite3
import threading

import pytest
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton, QWidget

from jimo_desktop.views.background import BackgroundOp


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_the_work_runs_off_the_gui_thread_and_its_result_comes_back_on_it(qtbot, parent):
    gui_thread = threading.get_ident()
    seen = {}

    def work(progress):
        seen["worker"] = threading.get_ident()
        return 6 * 7

    def done(result):
        seen["result"], seen["callback"] = result, threading.get_ident()

    BackgroundOp(parent, work).success(done).run_in_background()
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 42
    assert seen["worker"] != gui_thread
    assert seen["callback"] == gui_thread


def test_a_failure_reaches_the_failure_callback_not_success(qtbot, parent):
    outcome = {}

    def work(progress):
        raise ValueError("数据有误")

    BackgroundOp(parent, work).success(lambda r: outcome.setdefault("success", r)).failure(
        lambda error: outcome.setdefault("failure", error)
    ).run_in_background()
    qtbot.waitUntil(lambda: bool(outcome))
    assert list(outcome) == ["failure"]
    assert str(outcome["failure"]) == "数据有误"


def test_without_a_failure_callback_the_officer_is_told(qtbot, parent, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[1:3]))

    def work(progress):
        raise OSError("磁盘已满")

    BackgroundOp(parent, work).run_in_background()
    qtbot.waitUntil(lambda: bool(shown))
    assert shown == [("操作未完成", "磁盘已满")]


def test_progress_is_shown_and_cancel_stops_the_work(qtbot, parent):
    started, outcome = threading.Event(), {}

    def work(progress):
        progress.report(1, 10, "第一步")
        started.set()
        while not progress.cancelled():
            threading.Event().wait(0.01)
        raise RuntimeError("stopped because cancelled")

    op = BackgroundOp(parent, work).with_progress("正在导出…")
    op.success(lambda r: outcome.setdefault("success", r))
    op.failure(lambda e: outcome.setdefault("failure", e))
    op.cancelled(lambda: outcome.setdefault("cancelled", True))
    op.run_in_background()
    assert started.wait(5)
    dialog = op.dialog
    assert isinstance(dialog, QProgressDialog)
    qtbot.waitUntil(lambda: dialog.labelText() == "第一步")
    assert (dialog.value(), dialog.maximum()) == (1, 10)
    dialog.findChild(QPushButton).click()  # 取消, as the officer clicks it
    qtbot.waitUntil(lambda: bool(outcome))
    assert outcome == {"cancelled": True}
    assert op.dialog is None


def test_no_garbage_collection_runs_on_the_worker_while_work_is_in_flight(qtbot, parent):
    """A collection there could destroy Qt objects off the GUI thread."""
    seen = {}
    BackgroundOp(parent, lambda progress: gc.isenabled()).success(
        lambda enabled: seen.setdefault("during", enabled)
    ).run_in_background()
    qtbot.waitUntil(lambda: "during" in seen)
    assert seen["during"] is False
    assert gc.isenabled()


ENDLESS = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"


def test_stopping_interrupts_a_read_under_way_and_skips_the_ones_waiting(qtbot, parent, db):
    from jimo_desktop.views.background import read_in_background, stop_background_work

    began, answered, outcome = threading.Event(), [], {}

    def endless(reader):
        began.set()
        try:
            return reader.execute(ENDLESS).fetchone()
        except sqlite3.OperationalError as error:
            outcome["error"] = str(error)
            raise

    def waiting(reader):
        outcome["waiting ran"] = True

    for read in (endless, waiting):
        op = read_in_background(parent, db, read).success(answered.append)
        op.failure(answered.append).run_in_background()
    assert began.wait(10)

    stop_background_work()
    qtbot.wait(50)  # anything queued for the GUI thread would arrive now

    assert outcome == {"error": "interrupted"}
    assert answered == []  # a stopped read answers nobody
