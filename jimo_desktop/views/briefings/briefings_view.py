"""简报导出: pick the kind and month (and the project of a 项目简报), edit the drafted text,
export a PDF in the official format. The draft is kept with the briefing when saved or
exported; choosing another briefing or closing the program asks about edits not yet kept
(views/unsaved); export runs off the GUI thread with progress and cancel, and the finished PDF
opens in the system's viewer.
"""

import dataclasses
from io import BytesIO
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from jimo_desktop import safe_files
from jimo_desktop.domain.briefing import Draft, Kind
from jimo_desktop.domain.progress import period_label
from jimo_desktop.jobs.briefing_jobs import (
    KINDS,
    BriefingJob,
    BriefingUnavailable,
    prepare,
)
from jimo_desktop.reports import fonts
from jimo_desktop.store import settings
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.papers import briefings
from jimo_desktop.store.papers.briefing_facts import latest_period
from jimo_desktop.store.project_library import typed_names
from jimo_desktop.views.background import BackgroundOp
from jimo_desktop.views.briefings.draft_editor import DraftEditor
from jimo_desktop.views.common.pinyin_completer import PinyinCompleter
from jimo_desktop.views.common.read_only import mark_writing
from jimo_desktop.views.common.unsaved import holders_in, settle

LAST_FOLDER = "briefing_folder"
# How many site photos a 督查报告 prints per inspection, a 项目简报 of its project.
PHOTO_CHOICES = (
    ("全部照片", None),
    ("每处4张", 4),
    ("每处2张", 2),
    ("每处1张", 1),
    ("不附照片", 0),
)


class BriefingsView(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self._db = db
        self.job: BriefingJob | None = None
        self._kept: Draft | None = None  # as last loaded or saved, read back from the editor
        self._shown_choice: tuple[int, ...] = (-1, -1, -1, -1)
        self.kind = QComboBox(objectName="kindChoice")
        for kind in Kind:
            self.kind.addItem(kind.label if kind in KINDS else f"{kind.label}（尚未提供）", kind)
        self.period = QComboBox(objectName="periodChoice")
        for period in progress.selectable_periods(db):
            self.period.addItem(period_label(period), period)
        self.period.setCurrentIndex(max(0, self.period.findData(latest_period(db))))
        self.project = _project_choice(db)
        self.photos = QComboBox(objectName="photoChoice")
        for label, most in PHOTO_CHOICES:
            self.photos.addItem(label, most)
        self.editor = DraftEditor()
        self.state = QLabel(objectName="summary")
        self.redraft_button = QPushButton("按最新数据重新起草")
        self.save_button = QPushButton("保存修改 (Ctrl+S)")
        self.export_button = QPushButton("导出 PDF… (Ctrl+E)", objectName="exportButton")
        mark_writing(self.redraft_button, self.save_button)
        self._layout()
        self._connect()
        self.load()

    def _layout(self) -> None:
        choices = QHBoxLayout()
        for label, widget in (
            ("类型", self.kind),
            ("月份", self.period),
            ("项目", self.project),
            ("现场照片", self.photos),
        ):
            choices.addWidget(QLabel(label))
            choices.addWidget(widget, 2 if widget is self.project else 0)
        choices.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.state, 1)
        for button in (self.redraft_button, self.save_button, self.export_button):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(choices)
        layout.addWidget(self.editor, 1)
        layout.addLayout(actions)

    def _connect(self) -> None:
        for combo in self._choices():
            combo.currentIndexChanged.connect(self._choice_changed)
        self.editor.edited.connect(lambda: self._show_state(edited=True))
        self.redraft_button.clicked.connect(self.redraft)
        self.save_button.clicked.connect(self.save)
        self.export_button.clicked.connect(self.export)
        for keys, slot in ((QKeySequence.StandardKey.Save, self.save), ("Ctrl+E", self.export)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _choices(self) -> tuple[QComboBox, ...]:
        return (self.kind, self.period, self.project, self.photos)

    def _choice_changed(self) -> None:
        """Another briefing: the edits of the one shown are saved or dropped first, or the
        choice goes back to it."""
        if settle(self, holders_in(self), "换一份简报前保存这些修改吗？"):
            self.load()
            return
        for combo, index in zip(self._choices(), self._shown_choice, strict=True):
            combo.blockSignals(True)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)

    def has_unsaved_edits(self) -> bool:
        return self.job is not None and self.editor.draft() != self._kept

    def unsaved_edits_text(self) -> str:
        return f"简报导出：{self.editor.title.text().strip() or self.chosen_kind().label}"

    def save_edits(self) -> bool:
        self.save()
        return True

    def discard_edits(self) -> None:
        if self._kept is not None:
            self.editor.set_draft(self._kept)
            self._show_state(edited=False)

    def chosen_kind(self) -> Kind:
        return Kind(self.kind.currentData())

    def load(self) -> None:
        """The chosen briefing's figures, with the officer's kept draft or a fresh one."""
        kind = self.chosen_kind()
        self._shown_choice = tuple(combo.currentIndex() for combo in self._choices())
        self.project.setEnabled(kind is Kind.PROJECT)
        self.photos.setEnabled(kind in (Kind.PROJECT, Kind.INSPECTION))
        try:
            self.job = prepare(
                self._db,
                kind,
                self.period.currentData(),
                self.project.currentData(),
                self.photos.currentData(),
            )
        except BriefingUnavailable as error:
            self.job = None
            self.editor.clear()
            self.editor.setEnabled(False)
            self.state.setText(str(error))
            self._enable_actions(False)
            return
        self.editor.setEnabled(True)
        self.editor.set_draft(self.job.draft)
        self._kept = self.editor.draft()
        self._enable_actions(True)
        self._show_state(edited=False)

    def _enable_actions(self, enabled: bool) -> None:
        for button in (self.redraft_button, self.save_button, self.export_button):
            button.setEnabled(enabled)

    def _show_state(self, edited: bool) -> None:
        if self.job is None:
            return
        if edited:
            self.state.setText("有未保存的修改；保存或导出时一并保存")
        elif self.job.saved_id is not None:
            self.state.setText("显示的是已保存的修改稿；表格和图表按最新数据生成")
        else:
            self.state.setText("根据最新数据起草，可直接修改文字")

    def save(self) -> None:
        """Keep the edited text with the briefing (audited)."""
        if self.job is None:
            return
        draft = self.editor.draft()
        saved_id = briefings.save(self._db, draft)
        self.job = dataclasses.replace(self.job, draft=draft, saved_id=saved_id)
        self._kept = draft
        self.state.setText("修改已保存")

    def redraft(self) -> None:
        if self.job is None:
            return
        answer = QMessageBox.question(
            self,
            "重新起草",
            "按最新数据重新起草会替换当前文字（已保存的修改稿仍可在历史记录中查到）。继续吗？",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.editor.set_draft(self.job.fresh_draft())
        self._show_state(edited=True)

    def export(self) -> None:
        if self.job is None:
            return
        path = self._ask_path()
        if path is None:
            return
        self.save()
        job, briefing_id = self.job, self.job.saved_id

        def write(progress) -> int:
            buffer = BytesIO()
            pages = job.write(buffer, progress.report, progress.cancelled)
            safe_files.write_bytes(path, buffer.getvalue(), held_by=" PDF 阅读器")
            return pages

        self.export_button.setEnabled(False)
        BackgroundOp(self, write).with_progress("正在导出 PDF…").success(
            lambda pages: self._exported(path, briefing_id, pages)
        ).failure(self._export_failed).cancelled(self._export_cancelled).run_in_background()

    def _ask_path(self) -> Path | None:
        folder = settings.get(self._db, LAST_FOLDER) or str(Path.home())
        suggested = Path(folder) / f"{self.editor.draft().title}.pdf"
        chosen, _ = QFileDialog.getSaveFileName(
            self, "导出 PDF", str(suggested), "PDF 文件 (*.pdf)"
        )
        if not chosen:
            return None
        path = Path(chosen) if chosen.lower().endswith(".pdf") else Path(f"{chosen}.pdf")
        settings.put(self._db, LAST_FOLDER, str(path.parent))
        return path

    def _exported(self, path: Path, briefing_id: int, pages: int) -> None:
        self.export_button.setEnabled(True)
        briefings.mark_exported(self._db, briefing_id, str(path))
        # Which face stood in for a role the computer lacks, one 提示 line each.
        notes = fonts.pdf_notes()
        self.state.setText("\n".join([f"已导出 {path.name}，共{pages}页", *notes]))
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _export_failed(self, error: Exception) -> None:
        self.export_button.setEnabled(True)
        message = str(error)
        self.state.setText("导出未完成")
        QMessageBox.critical(self, "导出未完成", message)

    def _export_cancelled(self) -> None:
        self.export_button.setEnabled(True)
        self.state.setText("已取消导出，未写入文件")


def _project_choice(db: Database) -> QComboBox:
    """Every live project, found by typing any part of its name."""
    combo = QComboBox(objectName="projectChoice", editable=True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    found = typed_names.projects(db)
    for text, _, project_id in found:
        combo.addItem(text, project_id)
    completer = PinyinCompleter([(text, initials) for text, initials, _ in found], combo)
    combo.setCompleter(completer)
    combo.setMinimumContentsLength(24)
    return combo
