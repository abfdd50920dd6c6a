"""工作日志: dated lines of what was done on a project, written by officers and by the program."""

from dataclasses import dataclass

from sqlite_utils import Database

from jimo_desktop.domain.dates import DateError, parse_partial_date
from jimo_desktop.domain.sources import MANUAL, SOURCE_LABELS
from jimo_desktop.store import edit_conflicts, records, settings

TABLE = "work_logs"


@dataclass(frozen=True)
class LogEntry:
    id: int
    project_id: int
    logged_on: str
    content: str
    author: str
    source: str

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS.get(self.source, self.source)


class WorkLogError(ValueError):
    """A log line that cannot be written or changed; the message is for the officer."""


def add(
    db: Database,
    project_id: int,
    content: str,
    source: str = MANUAL,
    logged_on: str | None = None,
) -> int:
    """One log line, dated `logged_on` or the business day, signed by the current officer."""
    return records.insert(
        db,
        TABLE,
        {
            "project_id": project_id,
            "logged_on": logged_on or settings.today(db).isoformat(),
            "content": content,
            "author": settings.officer(db),
            "source": source,
        },
    )


def write(db: Database, project_id: int, content: str, logged_on: str | None = None) -> int:
    """An officer's own line, as typed: the text is required, the date a day not yet to come."""
    return add(db, project_id, _checked_content(content), MANUAL, _checked_day(db, logged_on))


def for_project(db: Database, project_id: int, text: str = "") -> list[LogEntry]:
    """The project's log, newest first; `text` keeps lines whose content or author holds it."""
    query = (
        "SELECT id, project_id, logged_on, content, author, source FROM work_logs"
        " WHERE project_id = ? AND deleted_at IS NULL"
    )
    params: list[object] = [project_id]
    wanted = text.strip()
    if wanted:
        query += " AND (instr(content, ?) > 0 OR instr(author, ?) > 0)"
        params += [wanted, wanted]
    rows = db.execute(query + " ORDER BY logged_on DESC, id DESC", params).fetchall()
    return [LogEntry(*row) for row in rows]


def get(db: Database, entry_id: int) -> LogEntry:
    row = db.execute(
        "SELECT id, project_id, logged_on, content, author, source FROM work_logs"
        " WHERE id = ? AND deleted_at IS NULL",
        [entry_id],
    ).fetchone()
    if row is None:
        raise LookupError(f"日志 {entry_id} 不存在或已删除")
    return LogEntry(*row)


def locked_reason(db: Database, entry: LogEntry) -> str | None:
    """Why the current officer may not change the line, or None when it is theirs.

    Officers change only lines they wrote by hand; the program's own lines are the trace.
    """
    if entry.source != MANUAL:
        return f"这条日志由{entry.source_label}自动记录，不能修改或删除"
    if entry.author != settings.officer(db):
        return f"这条日志由{entry.author}填写，只能由本人修改或删除"
    return None


def may_change(db: Database, entry: LogEntry) -> bool:
    return locked_reason(db, entry) is None


def edit(
    db: Database,
    entry_id: int,
    content: str,
    logged_on: str | None,
    *,
    opened: LogEntry | None = None,
) -> bool:
    """Correct an own line. `opened`: the line as the form read it; changed or deleted since
    (the same officer at another desk), nothing is written (edit_conflicts.EditedMeanwhile)."""
    values = {"content": _checked_content(content), "logged_on": _checked_day(db, logged_on)}
    with db.atomic():
        edit_conflicts.refuse_if_saved_meanwhile(db, TABLE, entry_id, opened, values)
        return records.update(db, TABLE, _own(db, entry_id).id, values)


def delete(db: Database, entry_id: int) -> None:
    """A line deleted meanwhile (the officer at another desk) is left as it is."""
    if records.get(db, TABLE, entry_id)["deleted_at"] is None:
        records.delete(db, TABLE, _own(db, entry_id).id)


def restore(db: Database, entry_id: int) -> None:
    records.restore(db, TABLE, entry_id)


def _own(db: Database, entry_id: int) -> LogEntry:
    entry = get(db, entry_id)
    reason = locked_reason(db, entry)
    if reason is not None:
        raise WorkLogError(reason)
    return entry


def _checked_content(content: str) -> str:
    content = content.strip()
    if not content:
        raise WorkLogError("请填写日志内容")
    return content


def _checked_day(db: Database, text: str | None) -> str:
    """A full day (a log line is dated to the day), never after the business date."""
    try:
        day = parse_partial_date(text)
    except DateError as error:
        raise WorkLogError(str(error)) from error
    today = settings.today(db).isoformat()
    if day is None:
        return today
    if len(day) != len(today):
        raise WorkLogError("日志日期应具体到日，如 2020-06-15")
    if day > today:
        raise WorkLogError("日志日期不能晚于今天")
    return day
