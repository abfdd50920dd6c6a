"""A project's 工作日志 tab: the log newest first, a search, and a box to write the next line.

Ctrl+Enter saves the line being written. Enter on an own line loads it into the box to be
corrected; lines the program wrote, or another officer, stay as they are.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.field_merge import rebased_fields
from jimo_desktop.store.edit_conflicts import EditedMeanwhile
from jimo_desktop.store.tracking import work_logs
from jimo_desktop.store.tracking.work_logs import LogEntry, WorkLogError
from jimo_desktop.views.common.live_news import ListNews
from jimo_desktop.views.common.record_table import Column, FilteredTable

COLUMNS = (
    Column("日期", lambda e: format_partial_date(e.logged_on), lambda e: e.logged_on, width=130),
    Column("记录人", lambda e: e.author, width=80),
    Column("来源", lambda e: e.source_label, width=90),
    Column("内容", lambda e: e.content),
)
SAVE_KEYS = ("Ctrl+Return", "Ctrl+Enter")


class WorkLogPanel(ListNews, QWidget):
    NEWS_TABLES = frozenset({"work_logs"})  # the line being typed below stays as it is

    def __init__(self, db: Database, project_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self._project_id = project_id
        self._editing: LogEntry | None = None
        self.table = FilteredTable(
            COLUMNS, search_placeholder="搜索日志内容或记录人", row_key=lambda entry: entry.id
        )
        self.table.filters_changed.connect(self.refresh)
        self.table.activated.connect(self.start_edit)
        self.table.add_action("修改", self.edit_current)
        self.table.add_action("删除", self.delete_current, QKeySequence.StandardKey.Delete)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._build_entry())
        self.refresh()

    def _build_entry(self) -> QWidget:
        box = QWidget(objectName="workLogEntry")
        self.entry_title = QLabel("写日志")
        self.date_edit = QLineEdit(placeholderText="日期（默认今天）")
        self.date_edit.setToolTip("如 2020-06-15；不填即为今天")
        self.date_edit.setFixedWidth(180)
        self.content_edit = QPlainTextEdit(placeholderText="做了什么、谁参加、结果如何……")
        self.content_edit.setMaximumHeight(90)
        self.content_edit.setTabChangesFocus(True)
        self.save_button = QPushButton("添加日志（Ctrl+Enter）", clicked=self.save)
        self.cancel_button = QPushButton("取消修改", clicked=self.cancel_edit)
        self.cancel_button.hide()
        self.message = QLabel()
        self.message.setProperty("role", "error")
        row = QHBoxLayout()
        for widget in (self.entry_title, self.date_edit, self.message):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.content_edit)
        for keys in SAVE_KEYS:
            shortcut = QShortcut(QKeySequence(keys), box)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.save)
        cancel = QShortcut(QKeySequence(Qt.Key.Key_Escape), box)
        cancel.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        cancel.activated.connect(self.cancel_edit)
        return box

    def refresh(self) -> None:
        text = self.table.search_text()
        entries = work_logs.for_project(self._db, self._project_id, text)
        summary = f"共 {len(entries)} 条日志"
        if text:
            total = len(work_logs.for_project(self._db, self._project_id))
            summary = f"共 {total} 条日志，找到 {len(entries)} 条"
        self.table.set_rows(entries, summary)

    def has_unsaved_edits(self) -> bool:
        """A line typed and not added, or an own line changed and not saved."""
        typed = self.content_edit.toPlainText()
        if self._editing is None:
            return bool(typed.strip())
        return (typed, self.date_edit.text()) != (self._editing.content, self._editing.logged_on)

    def unsaved_edits_text(self) -> str:
        typed = self.content_edit.toPlainText().strip()
        return f"工作日志“{typed[:20]}{'…' if len(typed) > 20 else ''}”"

    def save_edits(self) -> bool:
        return self.save()

    def discard_edits(self) -> None:
        self.cancel_edit()

    def save(self) -> bool:
        """Write the new line, or the corrected one, and show it selected in the log."""
        content, day = self.content_edit.toPlainText(), self.date_edit.text()
        try:
            if self._editing is None:
                entry_id = work_logs.write(self._db, self._project_id, content, day)
            else:
                entry_id = self._editing.id
                work_logs.edit(self._db, entry_id, content, day, opened=self._editing)
        except WorkLogError as error:
            self.message.setText(str(error))
            self.content_edit.setFocus()
            return False
        except EditedMeanwhile as error:
            if error.deleted:
                QMessageBox.warning(self, "修改工作日志", str(error))
            else:
                self._take_colleagues_save(error)
            self.content_edit.setFocus()
            return False
        self.cancel_edit()
        self.refresh()
        self.table.select(lambda entry: entry.id == entry_id)
        return True

    def _take_colleagues_save(self, refused: EditedMeanwhile) -> None:
        """The line as the colleague saved it, with what this officer changed on top, still
        unsaved: a second 保存 saves it."""
        opened = self._editing
        self._editing = work_logs.get(self._db, opened.id)
        mine = {"content": self.content_edit.toPlainText(), "logged_on": self.date_edit.text()}
        kept = rebased_fields(vars(opened), vars(self._editing), mine)
        self.content_edit.setPlainText(kept["content"])
        self.date_edit.setText(kept["logged_on"])
        QMessageBox.warning(self, "修改工作日志", refused.words_after_taking_theirs())

    def edit_current(self) -> None:
        entry = self.table.current_record()
        if entry is not None:
            self.start_edit(entry)

    def start_edit(self, entry: LogEntry) -> None:
        reason = work_logs.locked_reason(self._db, entry)
        if reason is not None:
            self.message.setText(reason)
            return
        self._editing = entry
        self.entry_title.setText("修改日志")
        self.date_edit.setText(entry.logged_on)
        self.content_edit.setPlainText(entry.content)
        self.content_edit.moveCursor(QTextCursor.MoveOperation.End)
        self.save_button.setText("保存修改（Ctrl+Enter）")
        self.cancel_button.show()
        self.message.clear()
        self.content_edit.setFocus()

    def cancel_edit(self) -> None:
        self._editing = None
        self.entry_title.setText("写日志")
        self.date_edit.clear()
        self.content_edit.clear()
        self.save_button.setText("添加日志（Ctrl+Enter）")
        self.cancel_button.hide()
        self.message.clear()

    def delete_current(self) -> None:
        entry = self.table.current_record()
        if entry is None:
            return
        reason = work_logs.locked_reason(self._db, entry)
        if reason is not None:
            self.message.setText(reason)
            return
        answer = QMessageBox.question(
            self,
            "删除日志",
            f"删除{format_partial_date(entry.logged_on)}的这条日志？\n“{entry.content[:40]}”",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            work_logs.delete(self._db, entry.id)
            self.refresh()
            self.table.offer_undo("已删除一条日志", lambda: self._restore(entry.id))

    def _restore(self, entry_id: int) -> None:
        work_logs.restore(self._db, entry_id)
        self.refresh()
        self.table.select(lambda entry: entry.id == entry_id)
