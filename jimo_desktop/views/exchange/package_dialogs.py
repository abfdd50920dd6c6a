"""导出外业包 and 导入外业包.

Export: choose projects (search, filter by 区位, Enter adds, Delete removes), choose the file.
Import: the package is checked and compared first; the officer sees what would be added and
updated and every conflict side by side (office value, field value) and decides each one;
only then is anything written, in one transaction. A laptop can instead make its database
from the package (作为新数据库打开).
"""

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)
from sqlite_utils import Database

from jimo_desktop.store import dictionaries
from jimo_desktop.store.packages import field_package
from jimo_desktop.store.packages.package_apply import apply_merge
from jimo_desktop.store.packages.package_merge import ForeignPackage, plan_merge
from jimo_desktop.store.packages.package_plan import Conflict, Detail, MergePlan, Side
from jimo_desktop.store.packages.package_tables import PackageError, is_field_database
from jimo_desktop.store.safekeeping.backup import BackupError
from jimo_desktop.store.safekeeping.database_copy import local_place
from jimo_desktop.store.site_visits import inspections
from jimo_desktop.views.common.busy import busy_cursor
from jimo_desktop.views.common.mnemonics import give_mnemonics
from jimo_desktop.views.common.record_table import Column, FilteredTable
from jimo_desktop.views.common.window_layout import open_sized

PACKAGE_FILTER = f"外业包 (*{field_package.SUFFIX})"
PROJECT_COLUMNS = (
    Column("项目名称", lambda p: p.name, width=300),
    Column("区位", lambda p: p.unit, width=110),
)


def _message_label(name: str) -> QLabel:
    label = QLabel(objectName=name, wordWrap=True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ExportPackageDialog(QDialog):
    def showEvent(self, event) -> None:
        give_mnemonics(self)
        super().showEvent(event)

    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self._db = db
        self.setWindowTitle("导出外业包")
        open_sized(self, "export-package", 1000, 640)
        self._options = inspections.project_options(db)
        self.available = FilteredTable(PROJECT_COLUMNS, search_placeholder="搜索项目名称")
        units = [(entry.name, entry.name) for entry in dictionaries.entries(db, "units")]
        self.available.add_filter("unit", "全部区位", units)
        self.available.add_action("加入 →", self.add_current)
        self.available.add_action("加入全部筛选结果", self.add_shown)
        self.available.activated.connect(lambda option: self.add([option]))
        self.available.filters_changed.connect(self._show_available)
        self.chosen = FilteredTable(PROJECT_COLUMNS, search_placeholder="在已选项目中搜索")
        self.chosen.add_action("← 移出", self.remove_current, Qt.Key.Key_Delete)
        self.chosen.filters_changed.connect(self._show_chosen)
        self._chosen_ids: list[int] = []
        self.out = QLineEdit(objectName="packagePath")
        self.browse = QPushButton("浏览…", clicked=self.choose_file)
        self.export_button = QPushButton("导出", clicked=self.export, default=True)
        self.result = _message_label("exportResult")
        self._lay_out()
        if is_field_database(db):
            # On the laptop the package goes back to the office: everything it holds.
            self.add(self._options)
        self._show_available()

    def _lay_out(self) -> None:
        lists = QHBoxLayout()
        lists.addWidget(self.available, 1)
        lists.addWidget(self.chosen, 1)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel("保存到：", buddy=self.out))
        file_row.addWidget(self.out, 1)
        file_row.addWidget(self.browse)
        file_row.addWidget(self.export_button)
        close = QPushButton("关闭", clicked=self.reject)
        file_row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("选择要带到现场的项目。外业包含项目及其问题、时间节点、最近一次月报和督查照片。")
        )
        layout.addLayout(lists, 1)
        layout.addLayout(file_row)
        layout.addWidget(self.result)

    def _show_available(self) -> None:
        unit = self.available.filter_values()["unit"]
        words = self.available.search_text().split()
        shown = [
            option
            for option in self._options
            if option.id not in self._chosen_ids
            and (unit is None or option.unit == unit)
            and all(word in option.name for word in words)
        ]
        self.available.set_rows(shown, f"可选 {len(shown)} 个")

    def _show_chosen(self) -> None:
        words = self.chosen.search_text().split()
        by_id = {option.id: option for option in self._options}
        shown = [
            by_id[project_id]
            for project_id in self._chosen_ids
            if all(word in by_id[project_id].name for word in words)
        ]
        self.chosen.set_rows(shown, f"已选 {len(self._chosen_ids)} 个项目")
        if not self.out.text() or self.out.text().endswith(f"个项目{field_package.SUFFIX}"):
            folder = Path(self.out.text()).parent if self.out.text() else Path.home()
            self.out.setText(
                str(folder / field_package.default_name(self._db, len(self._chosen_ids)))
            )

    def add(self, options) -> None:
        self._chosen_ids.extend(o.id for o in options if o.id not in self._chosen_ids)
        self._show_available()
        self._show_chosen()

    def add_current(self) -> None:
        option = self.available.current_record()
        if option is not None:
            self.add([option])

    def add_shown(self) -> None:
        self.add(self.available.model.rows())

    def remove_current(self) -> None:
        option = self.chosen.current_record()
        if option is not None:
            self._chosen_ids.remove(option.id)
            self._show_available()
            self._show_chosen()

    def choose_file(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "导出外业包", self.out.text(), PACKAGE_FILTER)
        if name:
            self.out.setText(
                name if name.endswith(field_package.SUFFIX) else name + field_package.SUFFIX
            )

    def export(self) -> bool:
        if not self._chosen_ids:
            self.result.setText("请先选择项目。")
            return False
        out = Path(self.out.text().strip())
        try:
            with busy_cursor():  # checking and writing a package reads every byte
                summary = field_package.export_package(self._db, out, self._chosen_ids)
        except PackageError as error:
            self.result.setText(str(error))
            return False
        rows = summary.rows
        self.result.setText(
            f"已导出 {summary.path}（{summary.size / 1024:,.0f} KB）：{rows['projects']} 个项目，"
            f"{rows['problems']} 条问题，{rows['inspections']} 次督查，{rows['photos']} 张照片。"
        )
        return True


UNDECIDED = "待决定"
WAITING = QColor("#b9770e")
FOREIGN_HINT = (
    "确需合并时，可点“按项目代码和名称合并”：合并前会列出每个项目对应本数据库的哪个项目。"
)
CONFLICT_COLUMNS = (
    Column("记录", lambda c: c.where, width=300),
    Column("字段", lambda c: c.field_name, width=90),
    Column("原值", lambda c: c.base_text, width=150),
    Column("办公室的值", lambda c: c.office_text, width=180),
    Column("外业的值", lambda c: c.field_text, width=180),
)
DETAIL_COLUMNS = (
    Column("项目", lambda d: d.project, width=240),
    Column("变化", lambda d: d.kind, width=50),
    Column("记录", lambda d: d.record, width=220),
    Column("字段", lambda d: d.change.field if d.change else "", width=90),
    Column("原值", lambda d: d.change.base_text if d.change else "", width=140),
    Column("办公室的值", lambda d: d.change.office_text if d.change else "", width=140),
    Column("外业的值", lambda d: d.change.field_text if d.change else "", width=140),
)


def _conflict_words(conflict: Conflict) -> str:
    return f"{conflict.where}{conflict.field_name}{conflict.office_text}{conflict.field_text}"


def _detail_words(detail: Detail) -> str:
    change = detail.change
    return f"{detail.project}{detail.record}{change.field if change else ''}"


class ImportPackageDialog(QDialog):
    merged = Signal()

    def showEvent(self, event) -> None:
        give_mnemonics(self)
        super().showEvent(event)

    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self._db = db
        self._package: Path | None = None
        self._plan: MergePlan | None = None
        self._foreign = False
        self.choices: dict[tuple[str, str, str], Side] = {}
        self.setWindowTitle("导入外业包")
        open_sized(self, "import-package", 1200, 760)
        self.path = QLineEdit(objectName="packagePath", readOnly=True)
        self.browse = QPushButton("选择外业包…", clicked=self.choose_file, default=True)
        self.plan_text = _message_label("planText")
        chosen = Column("采用", self._choice_text, width=90)
        self.conflicts = FilteredTable(
            (*CONFLICT_COLUMNS, chosen),
            lambda c: None if c.key in self.choices else WAITING,
            "搜索冲突",
        )
        self.conflicts.add_action("采用办公室的值", lambda: self.choose(Side.OFFICE), "Ctrl+1")
        self.conflicts.add_action("采用外业的值", lambda: self.choose(Side.FIELD), "Ctrl+2")
        self.conflicts.add_action("全部采用办公室的值", lambda: self.choose_all(Side.OFFICE))
        self.conflicts.add_action("全部采用外业的值", lambda: self.choose_all(Side.FIELD))
        self.conflicts.filters_changed.connect(self._show_conflicts)
        self.changes = FilteredTable(DETAIL_COLUMNS, search_placeholder="搜索项目、记录或字段")
        self.changes.filters_changed.connect(self._show_changes)
        self.merge_button = QPushButton("合并", clicked=self.merge, enabled=False)
        self.foreign_button = QPushButton(
            "按项目代码和名称合并", clicked=self.check_foreign, enabled=False
        )
        self.foreign_button.setToolTip("外业包来自另一个数据库时：按项目代码、其次按名称对应项目")
        self.open_button = QPushButton("作为新数据库打开…", clicked=self.open_as_database)
        self.open_button.setToolTip("在笔记本上：用外业包生成本机的数据库，带到现场使用")
        self.open_button.setEnabled(False)
        self.result = _message_label("mergeResult")
        self.result.setTextFormat(Qt.TextFormat.PlainText)
        self._lay_out()

    def _lay_out(self) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel("外业包：", buddy=self.path))
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.result, 1)
        for button in (self.foreign_button, self.open_button, self.merge_button):
            buttons.addWidget(button)
        buttons.addWidget(QPushButton("关闭", clicked=self.reject))
        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.plan_text)
        layout.addWidget(
            QLabel("冲突：同一字段在办公室和外业都改过且不同，请逐项决定采用哪一边的值。")
        )
        layout.addWidget(self.conflicts, 1)
        layout.addWidget(
            QLabel("变化明细：合并将修改的字段（原值、办公室、外业并列）和新增的记录。")
        )
        layout.addWidget(self.changes, 1)
        layout.addLayout(buttons)

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "导入外业包", "", PACKAGE_FILTER)
        if name:
            self.check(Path(name))

    def check(self, package: Path, foreign: bool = False) -> bool:
        """Check and compare the package; nothing is written. False when it is refused."""
        self._package, self._plan, self.choices = package, None, {}
        self._foreign = foreign
        self.path.setText(str(package))
        self.result.setText("")
        self.open_button.setEnabled(False)
        self.foreign_button.setEnabled(False)
        try:
            with busy_cursor():
                self._plan = self._planned(package)
        except ForeignPackage as error:
            self._say_refused(f"{error}。{FOREIGN_HINT}")
            self.foreign_button.setEnabled(True)
            self.open_button.setEnabled(True)
            return False
        except PackageError as error:
            self._say_refused(str(error))
            return False
        summary = self._plan.lines()[:3]
        if foreign:
            summary.append(f"按项目代码和名称对应：{len(self._plan.matches)} 个项目，见变化明细")
        self.plan_text.setText("<br>".join(html.escape(line) for line in summary))
        self._show_plan()
        self.open_button.setEnabled(True)
        return True

    def check_foreign(self) -> bool:
        """The officer insists on merging another database's package: match the projects."""
        return self._package is not None and self.check(self._package, foreign=True)

    def _say_refused(self, message: str) -> None:
        self.plan_text.setText(f"<span style='color:#c0392b'>{html.escape(message)}</span>")
        self._show_plan()

    def _planned(self, package: Path) -> MergePlan:
        with field_package.opened_package(package, local_place(self._db)) as opened:
            return plan_merge(self._db, opened, self._foreign)

    def _show_plan(self) -> None:
        self._show_conflicts()
        self._show_changes()

    def _show_conflicts(self) -> None:
        words = self.conflicts.search_text().split()
        conflicts = [
            c
            for c in (self._plan.conflicts if self._plan else [])
            if all(
                word in f"{c.where}{c.field_name}{c.office_text}{c.field_text}" for word in words
            )
        ]
        undecided = (
            sum(1 for c in self._plan.conflicts if c.key not in self.choices) if self._plan else 0
        )
        self.conflicts.set_rows(conflicts, f"冲突 {len(conflicts)} 处，待决定 {undecided} 处")
        self.merge_button.setEnabled(
            self._plan is not None and not self._plan.is_empty and not undecided
        )

    def _show_changes(self) -> None:
        details = [*self._plan.match_details(), *self._plan.details()] if self._plan else []
        words = self.changes.search_text().split()
        shown = [d for d in details if all(word in _detail_words(d) for word in words)]
        self.changes.set_rows(shown, f"变化 {len(shown)} 项")

    def _choice_text(self, conflict: Conflict) -> str:
        side = self.choices.get(conflict.key)
        return side.label if side else UNDECIDED

    def choose(self, side: Side) -> None:
        conflict = self.conflicts.current_record()
        if conflict is not None:
            self.choices[conflict.key] = side
            self._show_conflicts()

    def choose_all(self, side: Side) -> None:
        for conflict in self._plan.conflicts if self._plan else []:
            self.choices[conflict.key] = side
        self._show_conflicts()

    def merge(self) -> bool:
        """Write the merge in one transaction, after a backup; the package is checked again."""
        try:
            with busy_cursor():
                result = self._merged()
        except PackageError as error:
            self.result.setText(str(error))
            return False
        except BackupError as error:  # a full disk, a folder that cannot be written
            self.result.setText(f"合并前的备份没有做成，未合并任何数据：{error}")
            return False
        if result.backup is not None:
            after = "合并前已备份数据库。"
        else:
            after = "" if result.changed else "数据未改变，未做备份。"
        self.result.setText(
            f"已合并：新增 {result.added} 条，更新 {result.updated} 条，"
            f"决定冲突 {result.decided} 处。{after}"
        )
        self.merged.emit()
        self._plan = None
        self.plan_text.clear()  # what it said would change has now changed
        self._show_plan()
        return True

    def _merged(self):
        with field_package.opened_package(self._package, local_place(self._db)) as opened:
            plan = plan_merge(self._db, opened, self._foreign)
            return apply_merge(self._db, opened, plan, self.choices)

    def open_as_database(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, "生成外业数据库", "", "数据库 (*.sqlite3)")
        if not name:
            return None
        target = Path(name)
        try:
            with busy_cursor():
                field_package.open_as_database(self._package, target)
        except PackageError as error:
            self.result.setText(str(error))
            return None
        self.result.setText(
            f"已生成数据库 {target}。在笔记本上以它启动程序"
            "（jimo-desktop --db 该文件）即可在现场工作。"
        )
        return target
