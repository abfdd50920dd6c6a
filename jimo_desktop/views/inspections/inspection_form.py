"""The quick inspection form, for a laptop held in one hand at a site.

Big fields, one column, Tab going down the form as it reads; today, the officer's name and
the last project visited filled in. What is typed is saved as a draft every few seconds, so
a closed lid or a flat battery loses nothing: the next time the form opens for the same
inspection (or a new one) the draft comes back. Closing the form asks 保存 / 不保存 / 取消
(不保存 drops the draft too); Enter in a field never saves, and a problem typed but not yet
added is asked about before saving (views/unsaved).
"""

import copy
import dataclasses
import itertools
from datetime import datetime

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from jimo_desktop.domain.dates import DateError, parse_partial_date
from jimo_desktop.domain.inspections import (
    Inspection,
    Point,
    follow_up_after,
    validate_inspection,
)
from jimo_desktop.store import settings
from jimo_desktop.store.edit_conflicts import EditedMeanwhile
from jimo_desktop.store.site_visits import inspection_drafts, inspections, photos
from jimo_desktop.store.site_visits.inspection_drafts import Draft
from jimo_desktop.views.common.field_marks import show_problem
from jimo_desktop.views.common.unsaved import FormDialog, holders_in, settle
from jimo_desktop.views.common.window_layout import open_sized
from jimo_desktop.views.inspections.inspection_parts import (
    FoundProblemsEditor,
    PhotosEditor,
    PointsEditor,
    ProjectsPicker,
)

AUTOSAVE_MS = 5000
FONT_STEP = 3  # points above the program's font: fields readable and hit at arm's length
FIELD_HEIGHT = 38


class InspectionForm(FormDialog):
    saved = Signal(int)  # the inspection's id

    def __init__(
        self,
        db: Database,
        inspection_id: int | None = None,
        project_id: int | None = None,
        parent=None,
    ):
        super().__init__(parent, objectName="inspectionForm")
        self._db = db
        self.saved_id: int | None = None
        font = self.font()
        font.setPointSize(font.pointSize() + FONT_STEP)
        self.setFont(font)
        self._build()
        start = self._start(inspection_id, project_id)
        self._key = start.inspection.uuid or inspection_drafts.NEW
        self._start_draft = copy.deepcopy(start)
        self._opened = self._start_draft  # what a save is compared with (edit_conflicts)
        self._baseline = inspection_drafts.draft_json(start)
        self._show(start)
        self._guessed_place = ""
        if inspection_id is None:
            self.picker.take_as_guess()
            self._guessed_place = start.inspection.place
        self._restore_draft()
        self._last_saved = inspection_drafts.draft_json(self._read())
        self._timer = QTimer(self, interval=AUTOSAVE_MS, timeout=self.autosave)
        self._timer.start()
        self.picker.combo.setFocus()

    def _build(self) -> None:
        open_sized(self, "inspection", 820, 900)
        self.banner = QLabel(objectName="draftBanner")
        self.discard_button = QPushButton("丢弃草稿", clicked=self.discard_draft)
        banner = QHBoxLayout()
        banner.addWidget(self.banner, 1)
        banner.addWidget(self.discard_button)
        self.day = QDateEdit(
            objectName="inspectedOn", calendarPopup=True, displayFormat="yyyy-MM-dd"
        )
        self.picker = ProjectsPicker(inspections.project_options(self._db))
        self.place = QLineEdit(objectName="place", placeholderText="如：烟青路北侧项目工地")
        self.inspectors = QLineEdit(objectName="inspectors", placeholderText="多人以“、”分隔")
        self.points = PointsEditor()
        self.found = FoundProblemsEditor(self.picker.project_ids)
        self.photo_editor = PhotosEditor(self._db)
        self.follow_up = QLineEdit(objectName="followUp", placeholderText="如 2020-07-14，可空")
        self.two_weeks = QPushButton("两周后", clicked=self._follow_up_in_two_weeks)
        self.notes = QPlainTextEdit(objectName="notes", tabChangesFocus=True)
        self.notes.setMaximumHeight(110)
        self.message = QLabel(objectName="formMessage", wordWrap=True)
        self.message.setProperty("role", "error")
        self.status = QLabel(objectName="autosaveStatus")
        self.save_button = QPushButton("保存", clicked=self.save)
        self.close_button = QPushButton("关闭", clicked=self.reject)
        self._lay_out(banner)
        self._connect()

    def _lay_out(self, banner: QHBoxLayout) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("督查日期：", self.day)
        form.addRow("督查项目：", self.picker)
        form.addRow("地点：", self.place)
        form.addRow("督查人员：", self.inspectors)
        form.addRow(_heading("督查要点"))
        form.addRow(self.points)
        form.addRow(_heading("发现的问题（保存时列入问题清单，并写入工作日志）"))
        form.addRow(self.found)
        form.addRow(_heading("照片（可拖入照片文件；双击或 F2 写说明，Delete 移除）"))
        form.addRow(self.photo_editor)
        follow_up = QHBoxLayout()
        follow_up.addWidget(self.follow_up, 1)
        follow_up.addWidget(self.two_weeks)
        follow_up_label = QLabel("复查日期：", buddy=self.follow_up)
        form.addRow(follow_up_label, follow_up)
        form.addRow("备注：", self.notes)
        page = QWidget()
        page.setLayout(form)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(page)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(banner)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        for kind in (QLineEdit, QComboBox, QDateEdit, QPushButton):
            for widget in self.findChildren(kind):
                widget.setMinimumHeight(FIELD_HEIGHT)
        _chain(self.tab_order())

    def tab_order(self) -> list[QWidget]:
        """Down the form as it reads, then the buttons."""
        return [
            self.day,
            self.picker.combo,
            self.picker.add_button,
            self.picker.chosen,
            self.place,
            self.inspectors,
            *self.points.focus_chain(),
            *self.found.focus_chain(),
            self.found.found,
            self.photo_editor.strip,
            self.photo_editor.add_button,
            self.follow_up,
            self.two_weeks,
            self.notes,
            self.save_button,
            self.close_button,
        ]

    def _connect(self) -> None:
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save)
        self.picker.changed.connect(self._place_from_project)
        self.photo_editor.added.connect(self._photos_added)

    def _start(self, inspection_id: int | None, project_id: int | None) -> Draft:
        if inspection_id is not None:
            return Draft(
                inspections.get(self._db, inspection_id),
                photos.for_inspection(self._db, inspection_id),
            )
        project_id = project_id or inspections.last_project(self._db)
        inspection = Inspection(
            inspected_on=settings.today(self._db).isoformat(),
            project_ids=[project_id] if project_id else [],
            inspectors=settings.officer(self._db),
        )
        option = self.picker.option(project_id) if project_id else None
        if option is not None:
            inspection.place = _place_of(option)
        return Draft(inspection)

    def _show(self, draft: Draft) -> None:
        self._inspection = draft.inspection
        inspection = draft.inspection
        self.day.setDate(QDate.fromString(inspection.inspected_on, "yyyy-MM-dd"))
        self.picker.set_project_ids(inspection.project_ids)
        self.place.setText(inspection.place)
        self.inspectors.setText(inspection.inspectors)
        self.points.set_points(inspection.points)
        self.found.set_problems(draft.found)
        self.photo_editor.strip.photos.set_entries(draft.photos)
        self.follow_up.setText(inspection.follow_up_on or "")
        self.notes.setPlainText(inspection.notes)
        self.setWindowTitle("编辑现场督查记录" if inspection.id else "新建现场督查记录")

    def _restore_draft(self) -> None:
        found = inspection_drafts.load_draft(self._db, self._key)
        if found is not None:
            draft, saved_at = found
            self._show(draft)
            self._opened = inspection_drafts.opened_with(self._db, self._key) or self._opened
            self.banner.setText(f"已恢复 {saved_at.replace('T', ' ')} 自动保存的草稿。")
        self.banner.setVisible(found is not None)
        self.discard_button.setVisible(found is not None)

    def _read(self) -> Draft:
        """The form as a draft; text that is not yet a date is kept as typed."""
        inspection = dataclasses.replace(
            self._inspection,
            inspected_on=self.day.date().toString("yyyy-MM-dd"),
            project_ids=self.picker.project_ids(),
            place=self.place.text(),
            inspectors=self.inspectors.text(),
            points=self.points.points(),
            follow_up_on=self.follow_up.text().strip() or None,
            notes=self.notes.toPlainText(),
        )
        return Draft(inspection, self.photo_editor.strip.photos.entries(), self.found.problems())

    def autosave(self) -> None:
        """Keep what has been typed; nothing is written while the form is untouched."""
        draft = self._read()
        content = inspection_drafts.draft_json(draft)
        if content == self._last_saved:
            return
        if content == self._baseline:
            inspection_drafts.discard_draft(self._db, self._key)
        else:
            inspection_drafts.save_draft(self._db, self._key, draft, self._opened)
            self.status.setText(f"草稿已自动保存（{datetime.now():%H:%M:%S}）")
        self._last_saved = content

    def has_unsaved_edits(self) -> bool:
        return inspection_drafts.draft_json(self._read()) != self._baseline

    def unsaved_edits_text(self) -> str:
        day = self.day.date().toString("yyyy-MM-dd")
        return f"现场督查记录（{day}，{self.place.text().strip() or '未填地点'}）"

    def save_edits(self) -> bool:
        return self.save()

    def discard_edits(self) -> None:
        """不保存: the officer has said so, so the draft goes too."""
        self._timer.stop()
        inspection_drafts.discard_draft(self._db, self._key)
        super().discard_edits()

    def done(self, result: int) -> None:
        self._timer.stop()
        super().done(result)

    def save(self) -> bool:
        if not settle(self, holders_in(self.found.entry), "先加入问题清单再保存督查记录吗？"):
            return False
        draft = self._read()
        try:
            draft.inspection.follow_up_on = parse_partial_date(draft.inspection.follow_up_on)
        except DateError as error:
            return self._refuse({"follow_up_on": str(error)})
        reasons = validate_inspection(draft.inspection)
        if reasons:
            return self._refuse(reasons)
        try:
            self.saved_id = inspections.save(
                self._db, draft.inspection, draft.photos, draft.found, opened=self._opened
            )
        except inspections.ValidationError as error:
            return self._refuse(error.problems)
        except EditedMeanwhile as error:
            QMessageBox.warning(self, self.windowTitle(), str(error))
            return False
        inspection_drafts.discard_draft(self._db, self._key)
        self.saved.emit(self.saved_id)
        self.accept()
        return True

    def _refuse(self, reasons: dict[str, str]) -> bool:
        widgets = {
            "project_ids": self.picker.combo,
            "place": self.place,
            "inspectors": self.inspectors,
            "follow_up_on": self.follow_up,
            "notes": self.notes,
            "points": self.points.states[Point.LAND],
        }
        self.message.setText("请修改后再保存：" + "；".join(reasons.values()))
        for field, widget in widgets.items():
            show_problem(widget, reasons.get(field))
        first = next((widgets[field] for field in reasons if field in widgets), None)
        if first is not None:
            first.setFocus()
        return False

    def discard_draft(self) -> None:
        answer = QMessageBox.question(
            self,
            "丢弃草稿",
            "丢弃自动保存的草稿，恢复到打开时的内容？",
            defaultButton=QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        inspection_drafts.discard_draft(self._db, self._key)
        self._show(copy.deepcopy(self._start_draft))
        self._opened = self._start_draft
        self._last_saved = self._baseline
        self.banner.hide()
        self.discard_button.hide()

    def _photos_added(self, refused: list[str]) -> None:
        """Photos are kept in the draft at once: they are the hardest thing to take again."""
        self.message.setText("；".join(refused))
        self.autosave()

    def _place_from_project(self) -> None:
        """The first project's place, unless the officer has typed one of their own."""
        chosen = self.picker.project_ids()
        typed = self.place.text().strip()
        if chosen and (not typed or typed == self._guessed_place):
            self._guessed_place = _place_of(self.picker.option(chosen[0]))
            self.place.setText(self._guessed_place)

    def _follow_up_in_two_weeks(self) -> None:
        self.follow_up.setText(follow_up_after(self.day.date().toPython()))


def _place_of(option) -> str:
    return "".join(part for part in (option.unit, option.location) if part)


def _heading(text: str) -> QLabel:
    return QLabel(f"<b>{text}</b>")


def _chain(widgets: list[QWidget]) -> None:
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)
