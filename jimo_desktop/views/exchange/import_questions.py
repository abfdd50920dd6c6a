"""The questions of an import preview and the officer's answers. A near match: 是同一项目
(update the kept project), 作为新项目, or 不导入, which is also what an unanswered question
means. A 调度表 row whose 1-N月累计 falls below the month before: 确认导入 or 不导入. A 调度表
row of a project not kept that names its total and place: 作为新项目 (added with its month) or
不导入."""

from dataclasses import dataclass

from jimo_desktop.excel.importing.importer import ANSWER_NEW
from jimo_desktop.excel.importing.plan import Kind, PlannedRow, RowRef
from jimo_desktop.views.common.record_table import CENTRE, Column, FilteredTable

SAME, NEW, SKIP, CONFIRM = "是同一项目", "作为新项目", "不导入", "确认导入"


@dataclass(frozen=True)
class Question:
    """A near match and the answer given so far."""

    row: PlannedRow
    answer: str


COLUMNS = [
    Column("位置", lambda q: f"{q.row.where.sheet} 第{q.row.where.row}行", width=130),
    Column("表中的名称", lambda q: q.row.name, width=260),
    Column("已有项目", lambda q: _kept_name(q.row), width=260),
    Column("区位", lambda q: q.row.near.unit_name if q.row.near else "", width=96),
    Column("待确认之处", lambda q: _asked_about(q.row), width=200),
    Column("回答", lambda q: q.answer, align=CENTRE),
]


class QuestionsPanel(FilteredTable):
    def __init__(self, parent=None):
        super().__init__(COLUMNS, search_placeholder="搜索待确认的项目", parent=parent)
        self._rows: list[PlannedRow] = []
        self._answers: dict[RowRef, int | None] = {}
        self.same_button = self.add_action(f"{SAME}(&Y)", lambda: self.answer(SAME))
        self.new_button = self.add_action(f"{NEW}(&N)", lambda: self.answer(NEW))
        self.add_action(f"{SKIP}(&S)", lambda: self.answer(SKIP))
        self.filters_changed.connect(self._show)
        self.current_changed.connect(self._name_same_button)

    def ask(self, rows: list[PlannedRow]) -> None:
        """New questions, none answered; hidden while there are none."""
        self._rows, self._answers = rows, {}
        # A 调度表 row makes a project only when it offers to (its name, total and place).
        self.new_button.setVisible(any(_may_be_new(row) for row in rows))
        self._show()

    def answers(self) -> dict[RowRef, int | None]:
        """For apply_import's confirmed_matches."""
        return dict(self._answers)

    def answer(self, answer: str) -> None:
        question = self.current_record()
        if question is None:
            return
        row = question.row
        if answer == SKIP or (answer == NEW and not _may_be_new(row)):
            self._answers.pop(row.ref, None)
        elif row.creates is not None:
            if answer == NEW:
                self._answers[row.ref] = ANSWER_NEW
        else:
            kept = row.near.project_id if row.near else row.project_id
            self._answers[row.ref] = kept if answer == SAME else ANSWER_NEW
        self._show()
        self.select(lambda shown: shown.row.ref == row.ref)

    def _show(self) -> None:
        text = self.search_text()
        shown = [Question(row, self._label(row)) for row in self._rows if text in row.name]
        self.set_rows(shown, f"待确认 {len(self._rows)} 个" if self._rows else "")
        self.setVisible(bool(self._rows))

    def _label(self, row: PlannedRow) -> str:
        if row.ref not in self._answers:
            return SKIP
        if self._answers[row.ref] is ANSWER_NEW:
            return NEW
        return SAME if row.near else CONFIRM

    def _name_same_button(self, question: Question | None) -> None:
        """The yes answer says what it agrees to: the same project, or the figures."""
        figures_only = question is not None and question.row.near is None
        self.same_button.setText(f"{CONFIRM if figures_only else SAME}(&Y)")


def _may_be_new(row: PlannedRow) -> bool:
    return row.kind is Kind.PROJECTS or row.creates is not None


def _kept_name(row: PlannedRow) -> str:
    if row.creates is not None:
        return "（项目库中没有）"
    return row.near.project_name if row.near else row.name


def _asked_about(row: PlannedRow) -> str:
    if row.creates is not None:
        return "按本行的名称、区位和总投资新建项目"
    parts = [row.near.reason] if row.near else []
    return "；".join(parts + ([row.doubt.message] if row.doubt else []))
