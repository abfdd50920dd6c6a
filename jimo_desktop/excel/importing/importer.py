"""Import the units' Excel submissions: first a plan, then, if the officer agrees, the writes.

`plan_import` reads and recognises every file and decides every row against the data kept,
writing nothing. `apply_import` writes the plan in one transaction, through the store's
audited paths: new projects with `projects.insert_many`, changed ones with
`projects.update_many`, monthly figures with `progress.upsert_reports`, new 存在问题 with
`problems.raise_problem`.
While any problem remains nothing is written, unless the officer chose to skip bad rows.
"""

import contextlib
import gc
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from sqlite_utils import Database

from jimo_desktop.domain.amount_words import RangeAnswer
from jimo_desktop.domain.project import Project
from jimo_desktop.excel.importing import progress_rows, project_rows
from jimo_desktop.excel.importing.context import ImportContext
from jimo_desktop.excel.importing.plan import (
    Action,
    ImportPlan,
    ImportRefused,
    ImportReport,
    Kind,
    PlannedRow,
    Problem,
    RowRef,
    Where,
)
from jimo_desktop.excel.importing.years import workbook_words
from jimo_desktop.excel.reading.guard import ExcelFileError
from jimo_desktop.excel.reading.sheet_reader import Options, read_sheet
from jimo_desktop.excel.reading.workbook import read_sheets
from jimo_desktop.store.monthly import progress, submissions
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.safekeeping import backup
from jimo_desktop.store.tracking import problems

ANSWER_NEW = None  # in confirmed_matches: "not the kept project; a new one" (or: skip, for 月报)


def plan_import(
    db: Database,
    files: Iterable[Path | str],
    *,
    unit: str | None = None,
    kind: Kind | str | None = None,
    period: str | None = None,
    year: int | None = None,
    ranges: RangeAnswer | str | None = None,
) -> ImportPlan:
    """Everything the files hold and what importing them would do; writes nothing.

    `unit` names the 区位 for sheets that do not say it; `kind` forces 申报表 or 调度表;
    `year` is the year of sheets whose words, workbook and file name do not say it, and
    `period` (YYYY-MM) the month of such a 调度表 (excel.years decides; what is given must
    agree with what a file says). `ranges` answers every amount written as a range ("5-8亿元"):
    take its lower or upper end, or leave it blank; unanswered, each is a problem at its cell.
    """
    with _collector_paused():
        answer = RangeAnswer(ranges) if ranges else None
        options = Options(Kind(kind) if kind else None, None, period, year, answer)
        return _plan(db, [Path(path) for path in files], unit, options)


def _plan(db: Database, files: list[Path], unit: str | None, options: Options) -> ImportPlan:
    context = ImportContext.of(db)
    plan = ImportPlan([str(path) for path in files])
    unit_id = context.matchers.units.match(unit) if unit else None
    if unit and unit_id is None:
        plan.problems.append(Problem(Where("指定的区位"), f"“{unit}”不在区位字典中"))
    if options.year and options.period and int(options.period[:4]) != options.year:
        message = f"指定的月份{options.period}不在指定的年度{options.year}年内"
        plan.problems.append(Problem(Where("指定的月份"), message))
    options = replace(options, unit_id=unit_id)
    for path in files:
        _plan_file(plan, path, options, context)
    project_rows.decide([row for row in plan.rows if row.kind is Kind.PROJECTS], context)
    progress_rows.decide([row for row in plan.rows if row.kind is Kind.PROGRESS], context)
    return plan


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while an import runs. A submission becomes some hundred
    thousand objects that all live until the import ends, and the collector, woken by their
    number, would walk them all again and again for nothing: a fifth of an import's time.
    Switched back on, it would still walk them all once, at the next allocation (0.05 s at
    20,000 rows): they are moved to the oldest generation first, as if they had survived."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # all tracked objects to the permanent generation …
        gc.unfreeze()  # … and back into the oldest, untouched
        if was_enabled:
            gc.enable()


def _plan_file(plan: ImportPlan, path: Path, options: Options, context: ImportContext) -> None:
    shown = path.name
    before = len(plan.rows), len(plan.problems), len(plan.filings)
    try:
        sheets = read_sheets(path)
        words = workbook_words(path, sheets)
        for sheet in sheets:
            result = read_sheet(str(path), shown, sheet, options, context.matchers, words)
            plan.rows.extend(result.rows)
            plan.problems.extend(result.problems)
            plan.notes.extend(result.notes)
            plan.needs_unit |= result.needs_unit
            plan.needs_period |= result.needs_period
            plan.needs_year |= result.needs_year
            plan.needs_range |= result.needs_range
            if result.filing is not None:
                plan.filings.append((Where(shown, sheet.name), result.filing))
    except ExcelFileError as error:  # nothing of the file is kept, its one problem said
        del plan.rows[before[0] :], plan.problems[before[1] :], plan.filings[before[2] :]
        plan.problems.append(Problem(Where(shown), str(error)))
        plan.refused_files.add(str(path))
        return
    if (len(plan.rows), len(plan.problems)) == before[:2]:
        plan.notes.append(f"{shown}：没有找到项目行")


@dataclass(frozen=True)
class _Decision:
    row: PlannedRow
    action: Action | None  # None: not imported
    project: Project | None = None
    project_id: int | None = None


def apply_import(
    db: Database,
    plan: ImportPlan,
    *,
    skip_bad_rows: bool = False,
    confirmed_matches: Mapping[RowRef, int | None] | None = None,
) -> ImportReport:
    """Write the plan in one transaction and say what was done.

    `confirmed_matches` answers the questions: row → the kept project's id when the officer
    says it is that project (or, for a row asked about only for its figures, that they are
    right), or ANSWER_NEW when it is a new one. Unanswered questions are skipped. Raises
    ImportRefused, writing nothing, while problems remain and `skip_bad_rows` is false.
    """
    answers = confirmed_matches or {}
    with _collector_paused():
        decisions = [_decide(row, answers) for row in plan.rows]
        refused = [*plan.all_problems(), *_answer_problems(plan.rows, answers)]
        if refused and not skip_bad_rows:
            raise ImportRefused(list(dict.fromkeys(refused)))
        report = ImportReport(skipped=sum(decision.action is None for decision in decisions))
        if any(decision.action is not None for decision in decisions):
            backup.backup_before(db, "before-import")
        with db.atomic():
            _write_projects(db, [d for d in decisions if d.row.kind is Kind.PROJECTS], report)
            _write_progress(db, [d for d in decisions if d.row.kind is Kind.PROGRESS], report)
    return report


def _decide(row: PlannedRow, answers: Mapping[RowRef, int | None]) -> _Decision:
    if row.action is Action.BAD:
        return _Decision(row, None)
    if row.action is not Action.ASK:
        return _Decision(row, row.action, row.project, row.project_id)
    if row.ref not in answers:
        return _Decision(row, None)
    answer = answers[row.ref]
    if row.creates is not None:  # a 调度表 row of a project not kept: added if answered so
        if answer is not ANSWER_NEW:
            raise ValueError(f"row {row.ref} offers a new project, not project {answer}")
        return _Decision(row, Action.ADD, row.creates)
    if row.near is None:  # asked only about its figures: confirmed, they are saved
        if answer != row.project_id:
            raise ValueError(f"row {row.ref} was asked about project {row.project_id}")
        return _Decision(row, Action.UPDATE, row.project, row.project_id)
    if answer is ANSWER_NEW:
        new = row.kind is Kind.PROJECTS
        return _Decision(row, Action.ADD if new else None, row.project if new else None)
    if answer != row.near.project_id:
        raise ValueError(f"row {row.ref} was asked about project {row.near.project_id}")
    if row.near.problems:
        return _Decision(row, None)
    action = Action.UNCHANGED if row.near.unchanged else Action.UPDATE
    return _Decision(row, action, row.near.merged, answer)


def _answer_problems(rows: list[PlannedRow], answers: Mapping[RowRef, int | None]):
    """A confirmed near match whose merged project would not be valid is a problem too."""
    for row in rows:
        if row.near is not None and answers.get(row.ref, ANSWER_NEW) == row.near.project_id:
            yield from row.near.problems


def _write_projects(db: Database, decisions: list[_Decision], report: ImportReport) -> None:
    new = [d.project for d in decisions if d.action is Action.ADD]
    report.project_ids.extend(projects.insert_many(db, new))
    report.added += len(new)
    updated = [d.project for d in decisions if d.action is Action.UPDATE]
    projects.update_many(db, updated)
    report.project_ids.extend(project.id for project in updated)
    report.updated += len(updated)
    report.unchanged += sum(d.action is Action.UNCHANGED for d in decisions)


def _write_progress(db: Database, decisions: list[_Decision], report: ImportReport) -> None:
    """The month's figures of every row at once: the projects a row adds in one statement,
    then every report in a few (store/monthly/progress.upsert_reports), however many rows."""
    written = [decision for decision in decisions if decision.action is not None]
    submissions.record(db, _sent(decision.row for decision in written))
    created = [decision.project for decision in written if decision.row.creates is not None]
    new_ids = iter(projects.insert_many(db, created) if created else [])
    project_ids = [
        next(new_ids) if decision.row.creates is not None else _kept_project(decision.row)
        for decision in written
    ]
    reported = [
        index
        for index, decision in enumerate(written)
        if decision.row.report and decision.action is not Action.UNCHANGED
    ]
    rows = [(project_ids[i], written[i].row.period, written[i].row.report) for i in reported]
    outcomes = dict(zip(reported, progress.upsert_reports(db, rows), strict=True))
    for index, (decision, project_id) in enumerate(zip(written, project_ids, strict=True)):
        if decision.row.creates is not None:
            report.project_ids.append(project_id)
        outcome = outcomes.get(index, "unchanged")
        report.added += outcome == "added"
        report.updated += outcome == "updated"
        report.unchanged += outcome == "unchanged"
        if decision.row.raises:
            problems.raise_problem(db, project_id, decision.row.raises, source="import")
            report.problems_raised += 1


def _kept_project(row: PlannedRow) -> int:
    return row.project_id or row.near.project_id


def _sent(rows: Iterable[PlannedRow]) -> dict[tuple[int, str], tuple[int, str]]:
    """报送情况 of the rows written: (区位, month) → (projects reported, file name). A row's
    区位 is its template key's, else the sheet's; a row of no known 区位 counts for none."""
    found: dict[tuple[int, str], tuple[int, str]] = {}
    for row in rows:
        unit_id = row.key.unit_id if row.key is not None else row.unit_id
        if unit_id is None or row.period is None:
            continue
        count, _ = found.get((unit_id, row.period), (0, ""))
        found[(unit_id, row.period)] = (count + 1, row.where.file)
    return found
