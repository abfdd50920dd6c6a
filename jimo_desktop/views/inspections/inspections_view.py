"""现场督查: the inspections with their points and photos; on a project's page, its own.

The area's page adds 导出外业包 and 导入外业包, and where the photos' originals are kept.
"""

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.inspections import FollowUp, PhotoEntry
from jimo_desktop.store.site_visits import inspections, photos
from jimo_desktop.store.site_visits.inspections import InspectionFilter, InspectionRow
from jimo_desktop.views.common.live_news import ListNews
from jimo_desktop.views.common.record_table import CENTRE, RIGHT, Column, FilteredTable
from jimo_desktop.views.exchange.package_dialogs import ExportPackageDialog, ImportPackageDialog
from jimo_desktop.views.inspections.inspection_form import InspectionForm
from jimo_desktop.views.inspections.photo_strip import PhotoStrip, photo_viewer

ATTENTION = "attention"
PROJECTS_COLUMN = 1
FOLLOW_UP_COLOURS = {FollowUp.OVERDUE: QColor("#c0392b"), FollowUp.PENDING: QColor("#b9770e")}
COLUMNS = (
    Column(
        "督查日期",
        lambda r: format_partial_date(r.inspected_on),
        lambda r: r.inspected_on,
        width=120,
    ),
    Column("督查项目", lambda r: r.projects or "", width=280),
    Column("地点", lambda r: r.place, width=180),
    Column("督查人员", lambda r: r.inspectors, width=130),
    Column(
        "需关注",
        lambda r: str(r.attention) if r.attention else "",
        lambda r: r.attention,
        RIGHT,
        64,
    ),
    Column("照片", lambda r: str(r.photo_count), lambda r: r.photo_count, RIGHT, 52),
    Column(
        "复查",
        lambda r: _follow_up_text(r),
        lambda r: (r.follow_up is None, r.follow_up_on or ""),
        CENTRE,
        170,
    ),
)


def _follow_up_text(row: InspectionRow) -> str:
    if row.follow_up is None:
        return ""
    return f"{row.follow_up.label}（{format_partial_date(row.follow_up_on)}）"


class InspectionsView(ListNews, QWidget):
    """All inspections (project_id None, the area's page) or one project's, with photos."""

    NEWS_TABLES = frozenset({"inspections", "inspection_points", "photos", "projects"})

    package_merged = Signal()

    def __init__(self, db: Database, project_id: int | None = None, parent=None):
        super().__init__(parent)
        self._db = db
        self._project_id = project_id
        self.table = FilteredTable(
            COLUMNS,
            lambda r: FOLLOW_UP_COLOURS.get(r.follow_up),
            "搜索地点、项目、督查人员或备注",
            row_key=lambda r: r.id,
        )
        self.follow_up = self.table.add_filter(
            "follow_up", "全部复查情况", [(state.label, state) for state in FollowUp]
        )
        self.attention = self.table.add_filter(
            "attention", "全部要点", [("有需关注的要点", ATTENTION)]
        )
        self.table.add_action("新建督查", self.new_inspection, QKeySequence.StandardKey.New)
        self.edit_button = self.table.add_action("编辑", self.edit_inspection, writes=False)
        self.delete_button = self.table.add_action(
            "删除", self.delete_inspection, Qt.Key.Key_Delete
        )
        self.points = QLabel(objectName="inspectionPoints", wordWrap=True)
        self.points.setTextFormat(Qt.TextFormat.RichText)
        self.strip = PhotoStrip(lambda sha: photos.thumbnail(db, sha))
        self.strip.photo_opened.connect(self.open_photo)
        self._lay_out()
        self.table.filters_changed.connect(self.refresh)
        self.table.activated.connect(self.edit_inspection)
        self.table.current_changed.connect(self._show_current)
        self.refresh()

    def _lay_out(self) -> None:
        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.points)
        details_layout.addWidget(self.strip, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        if self._project_id is None:
            layout.addLayout(self._package_bar())
        else:
            self.table.table.setColumnHidden(PROJECTS_COLUMN, True)  # the page's own project

    def _package_bar(self) -> QHBoxLayout:
        self.export_button = self.table.add_action("导出外业包…", self.export_package)
        self.import_button = self.table.add_action("导入外业包…", self.import_package)
        self.originals_in_database = QCheckBox("照片原图保存在数据库中（数据库会明显变大）")
        self.originals_in_database.setToolTip(
            "默认原图保存在数据库旁的 photos 文件夹，数据库只存压缩后的照片；只影响今后添加的照片"
        )
        self.originals_in_database.setChecked(photos.keeps_originals_in_database(self._db))
        if photos.originals_must_stay_in_database(self._db):
            self.originals_in_database.setEnabled(False)
            self.originals_in_database.setToolTip("办公室数据库的照片原图都保存在数据库中")
        self.originals_in_database.toggled.connect(
            lambda checked: photos.set_originals_in_database(self._db, checked)
        )
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.originals_in_database)
        return bar

    def refresh(self) -> None:
        values = self.table.filter_values()
        wanted = InspectionFilter(
            project_id=self._project_id,
            follow_up=values["follow_up"],
            attention_only=values["attention"] == ATTENTION,
            text=self.table.search_text(),
        )
        rows = inspections.list_inspections(self._db, wanted)
        photo_count = sum(row.photo_count for row in rows)
        self.table.set_rows(rows, f"共 {len(rows)} 次督查，照片 {photo_count} 张")
        if self.table.current_record() is None and rows:
            # The newest visit's points and photos show at once, not an empty pane.
            self.table.select(lambda _record: True)
        if self._project_id is not None:
            self._show_project_photos()

    def _show_current(self, row: InspectionRow | None) -> None:
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        if row is None:
            self.points.setText("")
            if self._project_id is None:
                self.strip.photos.set_entries([])
            return
        inspection = inspections.get(self._db, row.id)
        self.points.setText(
            "　".join(
                f"<b>{note.point.label}</b>：{note.state.label}"
                + (f"（{note.note}）" if note.note else "")
                for note in inspection.points
            )
        )
        if self._project_id is None:
            self.strip.photos.set_entries(photos.for_inspection(self._db, row.id))

    def _show_project_photos(self) -> None:
        """A project's page shows every photo of its inspections, the latest first."""
        found = photos.for_project(self._db, self._project_id)
        self.strip.photos.set_entries([photo.entry for photo in found])

    def new_inspection(self) -> InspectionForm:
        return self._open_form(InspectionForm(self._db, None, self._project_id, self))

    def edit_inspection(self) -> InspectionForm | None:
        row = self.table.current_record()
        if row is None:
            return None
        return self._open_form(InspectionForm(self._db, row.id, None, self))

    def _open_form(self, form: InspectionForm) -> InspectionForm:
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.saved.connect(self._after_save)
        form.open()
        return form

    def _after_save(self, inspection_id: int) -> None:
        self.refresh()
        self.table.select(lambda record: record.id == inspection_id)

    def delete_inspection(self) -> None:
        row = self.table.current_record()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            "删除督查记录",
            f"删除 {format_partial_date(row.inspected_on)} 在“{row.place}”的督查记录及其照片？\n"
            "已列入问题清单的问题不受影响；历史记录会保留。",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            inspections.delete(self._db, row.id)
            self.refresh()

    def open_photo(self, entry: PhotoEntry) -> None:
        image = photos.image(self._db, entry.file_sha256)
        photo_viewer(entry, image, photos.original_path(self._db, entry.file_sha256), self)

    def export_package(self) -> ExportPackageDialog:
        dialog = ExportPackageDialog(self._db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def import_package(self) -> ImportPackageDialog:
        dialog = ImportPackageDialog(self._db, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.merged.connect(self.refresh)
        dialog.merged.connect(self.package_merged)
        dialog.open()
        return dialog


def project_inspections_panel(db: Database, project_id: int, parent: QWidget) -> QWidget:
    """The tab on a project's page: its inspections and all their photos."""
    return InspectionsView(db, project_id, parent)


def inspections_page(window) -> InspectionsView:
    """The 现场督查 area's page; a merged package may bring projects, so the window reloads."""
    view = InspectionsView(window.db)
    view.package_merged.connect(window.reload_data)
    return view
