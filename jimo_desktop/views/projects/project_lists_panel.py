"""问题与清单: a project's three lists (问题、政策、服务) on its page, each with add, edit, done."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget
from sqlite_utils import Database

from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.problems import PolicyState
from jimo_desktop.store.tracking import three_lists
from jimo_desktop.store.tracking.problems import ProblemFilter
from jimo_desktop.views.common.record_table import CENTRE, Column, FilteredTable, deadline_colour
from jimo_desktop.views.tracking.problem_dialog import FormField, RecordForm
from jimo_desktop.views.tracking.problems_view import (
    CATEGORY,
    DEADLINE,
    DESCRIPTION,
    PRESSURE,
    RAISED,
    RESPONSIBLE,
    STATUS,
    ProblemActions,
    show_problems,
)


@dataclass(frozen=True)
class ListKind:
    """What differs between the policy list and the service list."""

    title: str
    noun: str
    done_label: str
    columns: tuple[Column, ...]
    rows: Callable[[Database, int], list]
    form: Callable[[Database, int, Any, QWidget], RecordForm]
    done: Callable[[Database, int], object]
    is_done: Callable[[Any], bool]
    delete: Callable[[Database, int], None]
    restore: Callable[[Database, int], None]
    describe: Callable[[Any], str]


def policy_form(db: Database, project_id: int, item, parent: QWidget) -> RecordForm:
    fields = [
        FormField("policy", "所需政策(&P)：", placeholder="如：技术改造设备投资奖补"),
        FormField("state", "办理状态(&S)：", "choice", [(s.label, s.value) for s in PolicyState]),
        FormField("note", "备注(&N)："),
    ]
    if item is None:
        return RecordForm(
            "新增政策",
            fields,
            {},
            lambda read: three_lists.add_policy(db, project_id, **read),
            parent,
        )

    def opened_as(opened):
        def save(read: dict[str, Any]):
            return three_lists.update_policy(db, opened.id, read, opened=opened) and opened.id

        return {"policy": opened.policy, "state": opened.state.value, "note": opened.note}, save

    def reopen():
        return opened_as(_kept(three_lists.policies(db, project_id), item.id))

    values, save = opened_as(item)
    return RecordForm("编辑政策", fields, values, save, parent, reopen=reopen)


def service_form(db: Database, project_id: int, item, parent: QWidget) -> RecordForm:
    fields = [
        FormField("promise", "服务事项(&P)：", "long", placeholder="如：协调办理施工许可证"),
        FormField("provider", "责任单位/人(&R)：", placeholder="如：区行政审批服务局 王科长"),
        FormField("due_on", "完成时限(&L)：", "date"),
        FormField("note", "备注(&N)："),
    ]
    if item is None:

        def add(read: dict[str, Any]):
            return three_lists.add_service(db, project_id, **read)

        return RecordForm("新增服务事项", fields, {}, add, parent)

    def opened_as(opened):
        def save(read: dict[str, Any]):
            return three_lists.update_service(db, opened.id, read, opened=opened) and opened.id

        return {field.name: getattr(opened, field.name) for field in fields}, save

    def reopen():
        return opened_as(_kept(three_lists.services(db, project_id), item.id))

    values, save = opened_as(item)
    return RecordForm("编辑服务事项", fields, values, save, parent, reopen=reopen)


def _kept(items, item_id: int):
    """The list item as stored now (a colleague's deletion is refused before this is asked)."""
    return next(item for item in items if item.id == item_id)


def _service_state(item) -> str:
    if item.done:
        return f"已办结 {format_partial_date(item.done_on)}"
    return item.deadline_note or "未办结"


POLICY_LIST = ListKind(
    title="政策清单",
    noun="政策",
    done_label="已落实",
    columns=(
        Column("所需政策", lambda r: r.policy, width=320),
        Column(
            "办理状态",
            lambda r: r.state.label,
            lambda r: list(PolicyState).index(r.state),
            CENTRE,
            90,
        ),
        Column("备注", lambda r: r.note),
    ),
    rows=three_lists.policies,
    form=policy_form,
    done=three_lists.grant_policy,
    is_done=lambda item: item.state is PolicyState.GRANTED,
    delete=three_lists.delete_policy,
    restore=three_lists.restore_policy,
    describe=lambda item: item.policy,
)
SERVICE_LIST = ListKind(
    title="服务清单",
    noun="服务事项",
    done_label="办结",
    columns=(
        Column("服务事项", lambda r: r.promise, width=300),
        Column("责任单位/人", lambda r: r.provider, width=180),
        Column("完成时限", lambda r: format_partial_date(r.due_on), lambda r: r.due_on, width=110),
        Column("办理情况", _service_state, lambda r: (r.done, r.due_on or ""), CENTRE, 150),
        Column("备注", lambda r: r.note),
    ),
    rows=three_lists.services,
    form=service_form,
    done=three_lists.complete_service,
    is_done=lambda item: item.done,
    delete=three_lists.delete_service,
    restore=three_lists.restore_service,
    describe=lambda item: item.promise,
)


class ItemList(QWidget):
    """One of the two lists beside the problems, with 新增, 编辑, done and 删除 (undoable)."""

    changed = Signal()  # rows were added, edited, settled or deleted

    def __init__(self, db: Database, project_id: int, kind: ListKind, parent=None):
        super().__init__(parent)
        self._db, self._project_id, self._kind = db, project_id, kind
        colour = deadline_colour if kind is SERVICE_LIST else None
        self.table = FilteredTable(kind.columns, colour, row_key=lambda r: r.id)
        self.table.search.hide()
        self.add_button = self.table.add_action(
            f"新增{kind.noun}", self.add, QKeySequence.StandardKey.New
        )
        self.edit_button = self.table.add_action("编辑", self.edit, writes=False)
        self.done_button = self.table.add_action(kind.done_label, self.mark_done)
        self.delete_button = self.table.add_action("删除", self.delete, Qt.Key.Key_Delete)
        self.table.activated.connect(lambda item: self.edit())
        self.table.current_changed.connect(self._enable)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        rows = self._kind.rows(self._db, self._project_id)
        done = sum(self._kind.is_done(row) for row in rows)
        self.table.set_rows(rows, f"共{len(rows)}项，{self._kind.done_label}{done}项")
        self.changed.emit()

    def count(self) -> int:
        return self.table.model.rowCount()

    def add(self) -> RecordForm:
        return self._open(self._kind.form(self._db, self._project_id, None, self))

    def edit(self) -> RecordForm | None:
        item = self.table.current_record()
        if item is None:
            return None
        return self._open(self._kind.form(self._db, self._project_id, item, self))

    def mark_done(self) -> None:
        item = self.table.current_record()
        if item is not None and not self._kind.is_done(item):
            self._kind.done(self._db, item.id)
            self.refresh()

    def delete(self) -> None:
        item = self.table.current_record()
        if item is not None:
            self.table.delete_with_undo(
                self._kind.noun,
                self._kind.describe(item),
                lambda: (self._kind.delete(self._db, item.id), self.refresh()),
                lambda: self._restore(item.id),
            )

    def _restore(self, item_id: int) -> None:
        self._kind.restore(self._db, item_id)
        self.refresh()
        self.table.select(lambda record: record.id == item_id)

    def _open(self, form: RecordForm) -> RecordForm:
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.accepted.connect(lambda: self._after_save(form.saved_value))
        form.open()
        return form

    def _after_save(self, saved_id) -> None:
        self.refresh()
        if isinstance(saved_id, int):
            self.table.select(lambda record: record.id == saved_id)

    def _enable(self, item) -> None:
        self.edit_button.setEnabled(item is not None)
        self.delete_button.setEnabled(item is not None)
        self.done_button.setEnabled(item is not None and not self._kind.is_done(item))


class ProjectListsPanel(QWidget):
    """The project page's tab 问题与清单: 问题清单, 政策清单 and 服务清单 of one project."""

    NEWS_TABLES = frozenset({"problems", "supervision_orders", "policy_items", "service_items"})

    def __init__(self, db: Database, project_id: int, parent=None):
        super().__init__(parent)
        self._db = db
        self._project_id = project_id
        self.tabs = QTabWidget(objectName="listTabs")
        self.problems = FilteredTable(
            (STATUS, CATEGORY, DESCRIPTION, RESPONSIBLE, RAISED, DEADLINE, PRESSURE),
            deadline_colour,
            "搜索问题",
            row_key=lambda r: r.id,
        )
        self.problems.filters_changed.connect(self.refresh_problems)
        self.problem_actions = ProblemActions(db, self.problems, self.refresh_problems, project_id)
        self.tabs.addTab(self.problems, "")
        self.policies = ItemList(db, project_id, POLICY_LIST)
        self.services = ItemList(db, project_id, SERVICE_LIST)
        for item_list in (self.policies, self.services):
            self.tabs.addTab(item_list, "")
            item_list.changed.connect(self._update_titles)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.refresh_problems()

    def refresh_problems(self) -> None:
        chosen = ProblemFilter(project_id=self._project_id, text=self.problems.search_text())
        show_problems(self._db, self.problems, chosen)
        self._update_titles()

    def show_news(self) -> None:
        for table, refresh in (
            (self.problems, self.refresh_problems),
            (self.policies.table, self.policies.refresh),
            (self.services.table, self.services.refresh),
        ):
            with table.place_kept():
                refresh()

    def _update_titles(self) -> None:
        lists = (
            (self.problems, self.problems.model.rowCount(), "问题清单"),
            (self.policies, self.policies.count(), POLICY_LIST.title),
            (self.services, self.services.count(), SERVICE_LIST.title),
        )
        for widget, count, title in lists:
            self.tabs.setTabText(self.tabs.indexOf(widget), f"{title}（{count}）")
