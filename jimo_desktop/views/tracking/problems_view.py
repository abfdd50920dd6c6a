"""问题清单 across all projects, and the actions on a problem that a project's own list shares.

Overdue problems are drawn in red, near-deadline ones in amber, settled ones in grey; the
summary counts what the filters show ("共N条，逾期M条").
"""

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QVBoxLayout, QWidget
from sqlite_utils import Database

from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.problems import Attention, ProblemStatus, count_problems
from jimo_desktop.store import dictionaries, settings
from jimo_desktop.store.tracking import problems
from jimo_desktop.store.tracking.problems import ProblemFilter, ProblemRow
from jimo_desktop.views.common.live_news import ListNews
from jimo_desktop.views.common.record_table import (
    CENTRE,
    Column,
    FilteredTable,
    deadline_colour,
    deadline_pressure,
)
from jimo_desktop.views.tracking.problem_dialog import new_problem, problem_form, resolution_form
from jimo_desktop.views.tracking.supervision_view import order_form

STATUS = Column(
    "状态", lambda r: r.status.label, lambda r: list(ProblemStatus).index(r.status), CENTRE, 64
)
CATEGORY = Column("类别", lambda r: r.category, width=72)
DESCRIPTION = Column("问题", lambda r: r.description, width=260)
RESPONSIBLE = Column("责任单位", lambda r: r.responsible_unit, width=140)
RAISED = Column(
    "提出日期", lambda r: format_partial_date(r.raised_on), lambda r: r.raised_on, width=104
)
DEADLINE = Column(
    "解决时限", lambda r: format_partial_date(r.deadline), lambda r: r.deadline, width=104
)
PRESSURE = Column(
    "时限情况",
    lambda r: r.deadline_note or r.deadline_state.value,
    lambda r: deadline_pressure(r.deadline_state, r.deadline),
    CENTRE,
    80,
)


def _marks(row: ProblemRow) -> str:
    marks = ["联席会议"] if row.escalated else []
    if row.open_orders:
        marks.append("督办中")
    return "、".join(marks)


MARKS = Column("督办", _marks, lambda r: (r.open_orders, r.escalated), width=130)


class ProblemActions:
    """The actions on a FilteredTable of ProblemRow, for the cross-project list and a project's."""

    def __init__(
        self,
        db: Database,
        table: FilteredTable,
        refresh: Callable[[], None],
        project_id: int | None = None,
    ):
        self._db = db
        self._table = table
        self._refresh = refresh
        self._project_id = project_id
        self.add_button = table.add_action("新增问题", self.add, QKeySequence.StandardKey.New)
        self.edit_button = table.add_action("编辑", self.edit, writes=False)
        self.coordinate_button = table.add_action("协调中", self.coordinate)
        self.resolve_button = table.add_action("解决/销号", self.resolve)
        self.escalate_button = table.add_action("提交联席会议", self.toggle_escalation)
        self.supervise_button = table.add_action("生成督办单", self.supervise)
        self.delete_button = table.add_action("删除", self.delete, Qt.Key.Key_Delete)
        table.activated.connect(self.edit)
        table.current_changed.connect(self._enable)
        self._enable(None)

    def add(self):
        problem = new_problem(self._db, self._project_id)
        return self._open(problem_form(self._db, problem, self._table, self._project_id is None))

    def edit(self):
        row = self._table.current_record()
        if row is None:
            return None
        problem = problems.get(self._db, row.id)
        form = problem_form(self._db, problem, self._table, self._project_id is None)
        return self._open(form, row.id)

    def coordinate(self) -> None:
        row = self._table.current_record()
        if row is not None and row.status is ProblemStatus.OPEN:
            problems.change_status(self._db, row.id, ProblemStatus.COORDINATING)
            self._refresh()

    def resolve(self):
        row = self._table.current_record()
        if row is None or row.status is ProblemStatus.CLOSED:
            return None
        return self._open(resolution_form(self._db, row.id, self._table), row.id)

    def toggle_escalation(self) -> None:
        row = self._table.current_record()
        if row is not None:
            problems.set_escalated(self._db, row.id, not row.escalated)
            self._refresh()

    def supervise(self):
        row = self._table.current_record()
        if row is None or row.status.settled:
            return None
        return self._open(order_form(self._db, row, self._table), row.id)

    def delete(self) -> None:
        row = self._table.current_record()
        if row is not None:
            self._table.delete_with_undo(
                "问题",
                row.description,
                lambda: (problems.delete(self._db, row.id), self._refresh()),
                lambda: self._restore(row.id),
            )

    def _restore(self, problem_id: int) -> None:
        problems.restore(self._db, problem_id)
        self._refresh()
        self._table.select(lambda record: record.id == problem_id)

    def _open(self, form, problem_id: int | None = None):
        """Show `form`; once saved, select its problem (`problem_id`, or the one it raised)."""
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.accepted.connect(lambda: self._after_save(problem_id or form.saved_value))
        form.open()
        return form

    def _after_save(self, problem_id: int) -> None:
        self._refresh()
        self._table.select(lambda record: record.id == problem_id)

    def _enable(self, row: ProblemRow | None) -> None:
        chosen = row is not None
        settled = chosen and row.status.settled
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.escalate_button.setEnabled(chosen)
        self.escalate_button.setText("撤回联席会议" if chosen and row.escalated else "提交联席会议")
        self.coordinate_button.setEnabled(chosen and row.status is ProblemStatus.OPEN)
        self.resolve_button.setEnabled(chosen and row.status is not ProblemStatus.CLOSED)
        self.resolve_button.setText("销号" if settled else "解决/销号")
        self.supervise_button.setEnabled(chosen and not settled)


def show_problems(db: Database, table: FilteredTable, chosen: ProblemFilter) -> None:
    """The problems `chosen` lets through, most pressing first, counted in the summary.

    Sorted here rather than by the proxy: a Python lessThan over thousands of rows costs a
    second, a key sort a few milliseconds.
    """
    rows = problems.list_problems(db, chosen)
    rows.sort(key=lambda row: deadline_pressure(row.deadline_state, row.deadline))
    counts = count_problems(((row.deadline, row.status) for row in rows), settings.today(db))
    table.set_rows(rows, counts.summary())


LIST_COLUMNS = (
    STATUS,
    PRESSURE,
    Column("项目", lambda r: r.project_name, width=200),
    DESCRIPTION,
    CATEGORY,
    RESPONSIBLE,
    Column("责任人", lambda r: r.responsible_person, width=64),
    RAISED,
    DEADLINE,
    MARKS,
    Column("区位", lambda r: r.unit, width=90),
    Column("挂钩领导", lambda r: r.leader, width=80),
)


class ProblemsView(ListNews, QWidget):
    """The 问题清单 area: every live problem, filtered by status, category, unit and leader."""

    # The problems, their 督办单 marks, and the projects' names, units and leaders.
    NEWS_TABLES = frozenset({"problems", "supervision_orders", "projects"})
    project_requested = Signal(int)  # "打开项目": the main window opens the project's page

    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self._db = db
        self.table = FilteredTable(
            LIST_COLUMNS, deadline_colour, "搜索问题、项目或责任单位", row_key=lambda r: r.id
        )
        choices = [(a.value, a) for a in Attention] + [(s.label, s) for s in ProblemStatus]
        self.status = self.table.add_filter("status", "全部状态", choices)
        self.status.setCurrentIndex(self.status.findData(Attention.UNSETTLED))
        self.category = self.table.add_filter("category", "全部类别", [])
        self.unit = self.table.add_filter("unit", "全部区位", [])
        self.leader = self.table.add_filter("leader", "全部挂钩领导", [])
        self.actions = ProblemActions(db, self.table, self.refresh)
        self.open_button = self.table.add_action("打开项目", self._request_project, writes=False)
        self.export_button = self.table.add_action("导出Excel", self.export_excel, writes=False)
        self.table.current_changed.connect(lambda row: self.open_button.setEnabled(row is not None))
        self.table.filters_changed.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        self.reload_choices()
        self.refresh()

    def reload_choices(self) -> None:
        """Categories, units and leaders as the dictionaries and projects now have them."""
        entries = dictionaries.entries
        self.table.set_filter_choices(
            "category", [(e.name, e.id) for e in entries(self._db, "problem_categories")]
        )
        self.table.set_filter_choices("unit", [(e.name, e.id) for e in entries(self._db, "units")])
        self.table.set_filter_choices(
            "leader", [(name, name) for name in problems.leaders(self._db)]
        )

    def current_filter(self) -> ProblemFilter:
        chosen = self.table.filter_values()
        status = chosen["status"]
        return ProblemFilter(
            # A combo hands a StrEnum back as its plain value.
            status=ProblemStatus(status) if isinstance(status, str) else status,
            category_id=chosen["category"],
            unit_id=chosen["unit"],
            leader=chosen["leader"],
            text=self.table.search_text(),
        )

    def refresh(self) -> None:
        show_problems(self._db, self.table, self.current_filter())

    def show_news(self) -> None:
        self.reload_choices()  # a colleague's project may bring a new leader
        super().show_news()

    def showEvent(self, event) -> None:
        # Problems change on project pages and in the reminders too; show them as they are now.
        self.reload_choices()
        self.refresh()
        super().showEvent(event)

    def export_excel(self) -> None:
        from jimo_desktop.views.common.export_actions import export_list, shown_records

        export_list(self, self._db, "problems", shown_records(self.table))

    def _request_project(self) -> None:
        row = self.table.current_record()
        if row is not None:
            self.project_requested.emit(row.project_id)
