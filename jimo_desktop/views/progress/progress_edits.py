"""What an officer has typed over a month's saved reports, read and checked; no Qt here.

Texts are kept as typed, per project and field, until saved: one that does not read stays
as typed with the reason, and the report the grid shows (saved values with edits over them)
gives the live rates and light. Edits of projects a filter hides are kept too.
"""

from collections.abc import Mapping

from jimo_desktop.domain import progress as rates
from jimo_desktop.domain.lights import Light, LightFacts, LightRules, evaluate
from jimo_desktop.domain.money import format_wan, parse_wan
from jimo_desktop.store.monthly.progress import REPORT_FIELDS, Around, GridRow, MonthReport

MONEY_FIELDS = ("completed_this_year", "completed_since_start")

Checked = tuple[MonthReport, dict[str, str]]  # the report shown, and field → reason


class MonthEdits:
    def __init__(self):
        self.period = "2020-06"
        self.rules = LightRules()
        self.overdue: dict[int, int] = {}  # project → problems past their deadline
        self._known: dict[int, GridRow] = {}  # every project seen this month, in grid order
        self._texts: dict[int, dict[str, str]] = {}  # project → field → text as typed
        self._checked: dict[int, Checked] = {}  # asked for by every cell and role: read once

    def start(self, period: str) -> None:
        """A new month starts without edits."""
        self.period = period
        self._known.clear()
        self.discard()

    def discard(self) -> None:
        self._texts.clear()
        self._checked.clear()

    def remember(self, rows: list[GridRow]) -> None:
        self._known.update((row.project_id, row) for row in rows)
        self._checked.clear()

    def is_dirty(self) -> bool:
        return bool(self._texts)

    def edited_count(self) -> int:
        return len(self._texts)

    def edited_reports(self) -> dict[int, MonthReport]:
        """The saved report each edited project was last read with."""
        return {pid: self._known[pid].report for pid in self._texts}

    def name_of(self, project_id: int) -> str:
        return self._known[project_id].name

    def is_edited(self, row: GridRow, field: str) -> bool:
        return field in self._texts.get(row.project_id, {})

    def set_text(self, row: GridRow, field: str, text: str) -> None:
        """Keep what was typed, unless it reads as the saved value (then it is no edit)."""
        self._checked.pop(row.project_id, None)
        texts = self._texts.setdefault(row.project_id, {})
        if _reads_as_saved(row, field, text):
            texts.pop(field, None)
        else:
            texts[field] = text
        if not texts:
            del self._texts[row.project_id]

    def text(self, row: GridRow, field: str) -> str:
        """The cell's text to edit: as typed, or the saved value as one would type it."""
        texts = self._texts.get(row.project_id, {})
        return texts[field] if field in texts else saved_text(row.report, field)

    def report(self, row: GridRow) -> Checked:
        if row.project_id not in self._checked:
            self._checked[row.project_id] = self._check(row)
        return self._checked[row.project_id]

    def _check(self, row: GridRow) -> Checked:
        values, problems = row.report.values(), {}
        for field, text in self._texts.get(row.project_id, {}).items():
            try:
                values[field] = parse_field(field, text)
            except ValueError as error:
                problems[field] = str(error)
        report = MonthReport(**values)
        checked = rates.check_report(report.completed_this_year, report.completed_since_start)
        return report, {**checked, **problems}

    def pending(self) -> dict[int, MonthReport]:
        """Every edited project's whole report, ready for the store."""
        return {pid: self.report(self._known[pid])[0] for pid in self._texts}

    def shown(self, project_ids) -> dict[int, MonthReport]:
        """Each project's report as the grid read it: the save refuses one saved since."""
        return {pid: self._known[pid].report for pid in project_ids}

    def problems(self) -> list[tuple[GridRow, str, str]]:
        """Every field that cannot be saved, shown or hidden by the filter, in grid order."""
        found = []
        for project_id, row in self._known.items():
            if project_id in self._texts:
                messages = self.report(row)[1]
                found += [
                    (row, field, messages[field]) for field in REPORT_FIELDS if field in messages
                ]
        return found

    def cumulative_doubts(self, around: Mapping[int, Around]) -> list[tuple[GridRow, str]]:
        """Every edited project whose 1-N月累计 falls against the months saved around it
        (store/monthly/progress.saved_cumulatives_around), in grid order, with the reason."""
        found = []
        for project_id, row in self._known.items():
            if project_id in self._texts:
                completed = self.report(row)[0].completed_this_year
                before, after = around.get(project_id, (None, None))
                doubt = rates.cumulative_doubt(self.period, completed, before, after)
                found += [(row, doubt)] if doubt else []
        return found

    def has_figures(self, row: GridRow) -> bool:
        """A project without a report this month has no rates yet (and no light for them)."""
        return row.has_report or row.project_id in self._texts

    def completion(self, row: GridRow):
        """占年度计划 and 超时序进度 of the report shown; None for both without figures."""
        if not self.has_figures(row):
            return None, None
        done = self.report(row)[0].completed_this_year
        return (
            rates.completion_rate(done, row.annual_plan),
            rates.ahead_of_time_progress(done, row.annual_plan, self.period),
        )

    def light(self, row: GridRow) -> Light:
        flag = self.report(row)[0].in_statistics
        facts = LightFacts(
            ahead=self.completion(row)[1],
            actual_start=row.actual_start,
            in_statistics=row.project_in_statistics if flag is None else flag,
            overdue_problems=self.overdue.get(row.project_id, 0),
        )
        return evaluate(facts, self.rules, self.period)


def parse_field(field: str, text: str):
    if field in MONEY_FIELDS:
        return parse_wan(text)
    if field == "in_statistics":
        return rates.parse_statistics_flag(text)
    return text


def shown_text(report: MonthReport, field: str) -> str:
    """A saved or edited value as the grid shows it: 5,500.00, 已纳统."""
    if field in MONEY_FIELDS:
        return format_wan(getattr(report, field))
    if field == "in_statistics":
        return rates.statistics_text(report.in_statistics)
    return getattr(report, field)


def saved_text(report: MonthReport, field: str) -> str:
    """A value as the officer would type it, so retyping it is no edit: 5500.00, 已纳统."""
    if field in MONEY_FIELDS:
        return format_wan(getattr(report, field), grouping=False)
    return shown_text(report, field)


def _reads_as_saved(row: GridRow, field: str, text: str) -> bool:
    try:
        return parse_field(field, text) == getattr(row.report, field)
    except ValueError:
        return False
