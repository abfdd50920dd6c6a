"""Merging a field package field by field: the three-way rule, and the words for what differs.

Each field of a row is judged from three values: the base (as the row left the office), the
office's value now and the field's value now. Only one side changed it: that side wins. Both
changed it the same way: nothing to do. Both changed it differently: a conflict, which the
officer decides; it is never overwritten silently.
"""

import dataclasses
from enum import Enum

from jimo_desktop.domain import audit_words
from jimo_desktop.domain.inspections import FIELD_LABELS, TABLE_LABELS

DELETED = "deleted_at"


class Outcome(Enum):
    SAME = "same"  # both sides hold the same value
    KEEP = "keep"  # only the office changed it
    TAKE = "take"  # only the field changed it: the field's value is taken
    CONFLICT = "conflict"


def compare(base: object, office: object, field: object, has_base: bool = True) -> Outcome:
    """Judge one field. Without a base (both sides created the row) any difference conflicts."""
    if office == field:
        return Outcome.SAME
    if not has_base:
        return Outcome.CONFLICT
    if field == base:
        return Outcome.KEEP
    if office == base:
        return Outcome.TAKE
    return Outcome.CONFLICT


def table_label(table: str) -> str:
    return TABLE_LABELS.get(table) or audit_words.table_label(table)


def field_label(table: str, field: str) -> str:
    if field == DELETED:
        return "删除"
    return FIELD_LABELS.get(table, {}).get(field) or audit_words.field_label(table, field)


def value_text(table: str, field: str, value: object) -> str:
    """A portable value (references already turned into names) in the officer's words."""
    if field == DELETED:
        return "已删除" if value else "未删除"
    if isinstance(value, list):
        return "、".join(map(str, value)) or audit_words.EMPTY
    return audit_words.value_text(field, value, {}, table)


def rebased(base, theirs, mine):
    """A record (a dataclass) as this officer meant it on top of what a colleague saved
    meanwhile: each field changed since `base` keeps this officer's value, every other
    field takes the colleague's."""
    names = [field.name for field in dataclasses.fields(mine)]
    values = [{name: getattr(record, name) for name in names} for record in (base, theirs, mine)]
    return dataclasses.replace(theirs, **rebased_fields(*values))


def rebased_fields(base: dict, theirs: dict, mine: dict) -> dict:
    """`rebased` for a form's fields by name (the fields of `mine`)."""
    return {name: value if value != base[name] else theirs[name] for name, value in mine.items()}
