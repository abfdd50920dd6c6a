"""What an import found and intends, before anything is written, and what it then wrote.

Every problem knows where it is (file, sheet, row, column) and prints as one line in Chinese,
the same on the command line and in the import dialog.
"""

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from jimo_desktop.domain.project import Project
from jimo_desktop.excel.importing.fields import Field
from jimo_desktop.excel.importing.years import Filing

CREATE_QUESTION = "项目库中没有“{name}”：是否按本行的名称、区位和总投资新建该项目，并记入本月进度？"


class Kind(StrEnum):
    PROJECTS = "projects"  # 申报表: the projects themselves
    PROGRESS = "progress"  # 调度表: the month's figures of projects already kept

    @property
    def label(self) -> str:
        return {Kind.PROJECTS: "项目申报表", Kind.PROGRESS: "月度调度表"}[self]


class Action(StrEnum):
    ADD = "add"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ASK = "ask"  # a near match the officer confirms or refuses
    BAD = "bad"  # has problems; imported only if the officer skips bad rows (it is skipped)

    @property
    def label(self) -> str:
        return {
            Action.ADD: "新增",
            Action.UPDATE: "更新",
            Action.UNCHANGED: "无变化",
            Action.ASK: "待确认",
            Action.BAD: "有问题",
        }[self]


def column_letters(index: int) -> str:
    """0 → "A", 26 → "AA"."""
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


@dataclass(frozen=True)
class Where:
    file: str  # the file's name as the officer knows it
    sheet: str | None = None
    row: int | None = None  # as Excel numbers it, from 1
    column: int | None = None  # from 0
    header: str = ""

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet is not None:
            parts.append(f"“{self.sheet}”表")
        if self.row is not None:
            parts.append(f"第{self.row}行")
        if self.column is not None:
            header = f"（{self.header}）" if self.header else ""
            parts.append(f"{column_letters(self.column)}列{header}")
        return " ".join(parts)


@dataclass(frozen=True)
class Problem:
    where: Where
    message: str

    def __str__(self) -> str:
        return f"{self.where}：{self.message}"


@dataclass(frozen=True)
class RowRef:
    """Names one row of one sheet of one file; the key of the officer's answers."""

    path: str
    sheet: str
    row: int


@dataclass
class NearMatch:
    project_id: int
    project_name: str
    unit_name: str
    reason: str
    merged: Project | None = None  # projects kind: the kept project with the row's values
    unchanged: bool = False
    problems: list[Problem] = field(default_factory=list)

    def question(self, name: str) -> str:
        return f"“{name}”是否就是已有项目“{self.project_name}”（{self.unit_name}）？{self.reason}"


@dataclass
class PlannedRow:
    ref: RowRef
    where: Where
    kind: Kind
    name: str
    values: dict[Field, object] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    bad_cells: dict[Field, str] = field(default_factory=dict)  # what was found there
    columns: dict = field(default_factory=dict)  # Field → headers.Column of the row's sheet
    unit_id: int | None = None
    year: int | None = None
    period: str | None = None
    action: Action = Action.BAD
    project_id: int | None = None  # the kept project it updates or reports on
    project: Project | None = None  # projects kind: what is inserted or saved
    report: dict[str, object] = field(default_factory=dict)  # progress kind
    raises: str = ""  # progress kind: the 存在问题 text to open as a problem
    near: NearMatch | None = None
    doubt: Problem | None = None  # progress kind: a figure to confirm (a falling 1-N月累计)
    key: object | None = None  # a 调度表 template's row key (excel/template_keys.RowKey)
    creates: Project | None = None  # progress kind: a project not kept, offered to be added

    @property
    def asks_to_create(self) -> bool:
        return self.creates is not None and self.action is Action.ASK

    def add_problem(self, message: str, column=None, found: str = "") -> None:
        """A problem of this row, at `column` (a headers.Column) if it is one cell's."""
        self.problems.append(self.problem_at(message, column))
        if column is not None:
            self.bad_cells[column.field] = found

    def question(self) -> str:
        """What the officer is asked before the row is imported, with where it is."""
        if self.creates is not None:
            return f"{self.where}：{CREATE_QUESTION.format(name=self.name)}"
        if self.near is None:
            return f"{self.doubt}，确认？"
        asked = f"{self.where}：{self.near.question(self.name)}"
        return f"{asked}；若是，{self.doubt.message}" if self.doubt else asked

    def problem_at(self, message: str, column=None) -> Problem:
        if column is None:
            return Problem(self.where, message)
        where = Where(
            self.where.file, self.where.sheet, self.where.row, column.index, column.header
        )
        return Problem(where, message)


@dataclass
class ImportPlan:
    files: list[str]
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # whole files and sheets
    notes: list[str] = field(default_factory=list)
    refused_files: set[str] = field(default_factory=set)
    needs_unit: bool = False
    needs_period: bool = False
    needs_year: bool = False
    needs_range: bool = False  # an amount written as a range awaits which end to take
    filings: list[tuple[Where, Filing]] = field(default_factory=list)  # sheets with rows

    def all_problems(self) -> list[Problem]:
        found = [*self.problems, *(p for row in self.rows for p in row.problems)]
        return list(dict.fromkeys(found))

    def questions(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.action is Action.ASK]

    def figures_confirmed(self) -> dict[RowRef, int]:
        """The answers that import every row asked about for its figures alone (its project
        is certain), for apply_import's confirmed_matches; near names stay unanswered."""
        return {
            row.ref: row.project_id
            for row in self.questions()
            if row.near is None and row.creates is None
        }

    def creations_confirmed(self) -> dict[RowRef, None]:
        """The answers that add every project a 调度表 row offers to create."""
        return {row.ref: None for row in self.questions() if row.creates is not None}

    def counts(self) -> Counter:
        return Counter(row.action for row in self.rows)

    def summary(self) -> str:
        counts = self.counts()
        parts = [f"{action.label} {counts[action]} 行" for action in Action if counts[action]]
        return "，".join(parts) or "没有找到项目行"

    def filed_under(self) -> str:
        """The year (a 调度表: the month) of every sheet and where it was read, said once when
        the sheets agree: "归入2020年（取自标题）"."""
        shown = {where: filing.shown() for where, filing in self.filings}
        if len(set(shown.values())) > 1:
            return "归入" + "，".join(f"{where} {text}" for where, text in shown.items())
        return f"归入{next(iter(shown.values()))}" if shown else ""


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems_raised: int = 0
    project_ids: list[int] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"新增 {self.added} 项，更新 {self.updated} 项，无变化 {self.unchanged} 项，"
            f"跳过 {self.skipped} 项"
        )
        if self.problems_raised:
            text += f"；新提出问题 {self.problems_raised} 条"
        return text


class ImportRefused(Exception):
    """Problems remain and skipping bad rows was not chosen: nothing was written."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems
