"""督办单: the list of supervision orders (open ones by default), issuing one, signing it off."""

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget
from sqlite_utils import Database

from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.problems import DeadlineState
from jimo_desktop.store import settings
from jimo_desktop.store.project_library import typed_names
from jimo_desktop.store.tracking import supervision
from jimo_desktop.store.tracking.supervision import OrderRow
from jimo_desktop.views.common.live_news import ListNews
from jimo_desktop.views.common.record_table import (
    CENTRE,
    Column,
    FilteredTable,
    deadline_colour,
    deadline_pressure,
)
from jimo_desktop.views.tracking.problem_dialog import FormField, RecordForm

PLAN_DAYS = 10  # the usual time a 督办单 gives for a rectification plan


def order_form(db: Database, problem, parent: QWidget | None = None) -> RecordForm:
    """A new 督办单 on `problem` (a ProblemRow), addressed by default to its 责任单位."""
    today = settings.today(db)
    fields = [
        FormField(
            "addressee",
            "督办对象(&T)：",
            placeholder="如：区自然资源局（可输入拼音首字母）",
            suggestions=typed_names.departments(db),
        ),
        FormField("demand", "督办事项(&D)：", "long"),
        FormField("plan_deadline", "方案时限(&L)：", "date"),
        FormField("issued_on", "下发日期(&I)：", "date"),
    ]
    values = {
        "addressee": problem.responsible_unit,
        "demand": "请于方案时限前报送整改方案，明确解决时限",
        "plan_deadline": (today + timedelta(days=PLAN_DAYS)).isoformat(),
        "issued_on": today.isoformat(),
    }

    def save(read: dict[str, Any]) -> int:
        return supervision.issue(db, problem.id, **read)

    note = f"项目：{problem.project_name}\n问题：{problem.description}"
    return RecordForm("生成督办单", fields, values, save, parent, note)


def sign_off_form(db: Database, order: OrderRow, parent: QWidget | None = None) -> RecordForm:
    fields = [
        FormField("closing_note", "销号说明(&N)：", "long", placeholder="如：整改方案已报送"),
        FormField("closed_on", "销号日期(&E)：", "date"),
    ]
    values = {"closed_on": settings.today(db).isoformat()}

    def save(read: dict[str, Any]) -> None:
        supervision.sign_off(db, order.id, read["closing_note"], read["closed_on"], opened=order)

    note = f"致{order.addressee}：{order.demand}"
    return RecordForm("督办单销号", fields, values, save, parent, note)


COLUMNS = (
    Column(
        "下发日期", lambda r: format_partial_date(r.issued_on), lambda r: r.issued_on, width=110
    ),
    Column("项目", lambda r: r.project_name, width=220),
    Column("区位", lambda r: r.unit, width=90),
    Column("问题", lambda r: r.problem, width=240),
    Column("督办对象", lambda r: r.addressee, width=150),
    Column("督办事项", lambda r: r.demand, width=260),
    Column(
        "方案时限",
        lambda r: format_partial_date(r.plan_deadline),
        lambda r: r.plan_deadline,
        width=110,
    ),
    Column(
        "时限情况",
        lambda r: r.deadline_note,
        lambda r: deadline_pressure(r.deadline_state, r.plan_deadline),
        CENTRE,
        80,
    ),
    Column("销号", lambda r: format_partial_date(r.closed_on), lambda r: r.closed_on, width=110),
    Column("销号说明", lambda r: r.closing_note),
)


class SupervisionView(ListNews, QWidget):
    """The open 督办单, one click from the sidebar; signed-off ones on request."""

    # The orders, the problems they press, and the projects' names.
    NEWS_TABLES = frozenset({"supervision_orders", "problems", "projects"})

    project_requested = Signal(int)

    def __init__(self, db: Database, parent=None):
        super().__init__(parent)
        self._db = db
        self.table = FilteredTable(
            COLUMNS, deadline_colour, "搜索项目、问题或督办对象", row_key=lambda r: r.id
        )
        self.state = self.table.add_filter(
            "state", "全部督办单", [("未销号", False), ("已销号", True)]
        )
        self.state.setCurrentIndex(1)
        self.sign_off_button = self.table.add_action("销号", self.sign_off)
        self.delete_button = self.table.add_action("删除", self.delete, Qt.Key.Key_Delete)
        self.open_button = self.table.add_action("打开项目", self._request_project, writes=False)
        self.print_button = self.table.add_action("打印督办单", self.print_order, writes=False)
        self.export_button = self.table.add_action("导出Excel", self.export_excel, writes=False)
        self.table.filters_changed.connect(self.refresh)
        self.table.current_changed.connect(self._enable)
        self.table.activated.connect(lambda order: self.sign_off())
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        rows = supervision.orders(
            self._db, signed_off=self.state.currentData(), text=self.table.search_text()
        )
        overdue = sum(row.deadline_state is DeadlineState.OVERDUE for row in rows)
        self.table.set_rows(rows, f"共{len(rows)}件，方案逾期{overdue}件")

    def showEvent(self, event) -> None:
        # 督办单 are issued from the problem list; show the newest when the page comes up.
        self.refresh()
        super().showEvent(event)

    def sign_off(self):
        order = self.table.current_record()
        if order is None or not order.is_open:
            return None
        form = sign_off_form(self._db, order, self)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.accepted.connect(self.refresh)
        form.open()
        return form

    def delete(self) -> None:
        order = self.table.current_record()
        if order is not None:
            self.table.delete_with_undo(
                "督办单",
                f"致{order.addressee}：{order.demand}",
                lambda: (supervision.delete(self._db, order.id), self.refresh()),
                lambda: self._restore(order.id),
            )

    def _restore(self, order_id: int) -> None:
        supervision.restore(self._db, order_id)
        self.refresh()
        self.table.select(lambda record: record.id == order_id)

    def _enable(self, order: OrderRow | None) -> None:
        self.sign_off_button.setEnabled(order is not None and order.is_open)
        self.delete_button.setEnabled(order is not None)
        self.open_button.setEnabled(order is not None)
        self.print_button.setEnabled(order is not None)

    def print_order(self) -> None:
        from jimo_desktop.views.briefings.paper_actions import print_order

        order = self.table.current_record()
        if order is not None:
            print_order(self, self._db, order.id)

    def export_excel(self) -> None:
        from jimo_desktop.views.common.export_actions import export_list, shown_records

        export_list(self, self._db, "supervision", shown_records(self.table))

    def _request_project(self) -> None:
        order = self.table.current_record()
        if order is not None:
            self.project_requested.emit(order.project_id)
