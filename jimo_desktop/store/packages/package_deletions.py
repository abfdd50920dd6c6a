"""A row this database deleted while the field still worked on it: changed it, or added to it
(a problem raised on a project the office deleted, a photo on its inspection).

Merged as they came, the field's edits to the deleted row were dropped without a word and its
new rows hung under the deleted row, out of every list. So such a deletion is a conflict: the
field's side restores the row and takes the field's work with it; the office's side keeps it
deleted and leaves out the work that hangs only under deleted rows. Keeping the deletion is
remembered like any decision, so the same package leaves that work out again without asking.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from jimo_desktop.domain.field_merge import DELETED, table_label

Key = tuple[str, str]  # (table, row uuid)


@dataclass(frozen=True)
class Deleted:
    title: str
    project: str
    office_value: object  # when this database deleted it
    base_value: object


def deleted_here(base: dict | None, office_row: dict, field_row: dict) -> bool:
    """Deleted here since the base, and not in the field."""
    return (
        base is not None
        and bool(office_row.get(DELETED))
        and not field_row.get(DELETED)
        and not base.get(DELETED)
    )


def roots(owners: dict[Key, tuple[Key, ...]], deleted: Iterable[Key]) -> dict[Key, frozenset[Key]]:
    """For each row hanging only under deleted rows (directly or through others), those rows.

    `owners` lists the rows a row hangs under, in the order of the tables (a row after the
    rows it hangs under); an inspection that visited several projects hangs under all of them.
    """
    found = {key: frozenset([key]) for key in deleted}
    for key, hung_under in owners.items():
        if key not in found and hung_under and all(owner in found for owner in hung_under):
            found[key] = frozenset().union(*(found[owner] for owner in hung_under))
    return found


def field_work(depending: list, key: Key) -> str:
    """What the field did to a row deleted here and under it, for the conflict's field side."""
    own = []
    added: dict[str, int] = {}
    changed: dict[str, int] = {}
    for change in depending:
        if change.row_key == key:
            own.extend(_fields(change))
        else:
            counted = changed if _fields(change) else added
            counted[change.table] = counted.get(change.table, 0) + 1
    parts = ["未删除"]
    if own:
        parts.append(f"修改了 {'、'.join(dict.fromkeys(own))}")
    for words, counts in (("新增", added), ("修改", changed)):
        if counts:
            listed = "、".join(f"{table_label(table)} {n} 条" for table, n in counts.items())
            parts.append(f"{words} {listed}")
    return "；".join(parts)


def _fields(change) -> list[str]:
    """The labels of the fields a change touches; none for an addition."""
    fields = getattr(change, "fields", None)
    if fields is None:
        return [change.field_name]
    return [each.field for each in fields]
