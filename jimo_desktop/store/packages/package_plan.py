"""A merge plan: what a package would add and update, what conflicts, in the officer's words.

Each change says where it is (the record, and the project it belongs to) and, field by field,
the base, the office's value and the field's value side by side; the dry run prints the plan's
lines and the import dialog shows its details.
"""

from dataclasses import dataclass, field
from enum import StrEnum

from jimo_desktop.domain.audit_words import in_a_line
from jimo_desktop.domain.field_merge import field_label, table_label
from jimo_desktop.store.packages.package_matching import Match, Rows

BOTH_NEW = "（双方新建）"  # the base of a row both sides created
Key = tuple[str, str]  # (table, row uuid)


class Side(StrEnum):
    OFFICE = "office"
    FIELD = "field"

    @property
    def label(self) -> str:
        return "办公室" if self is Side.OFFICE else "外业"


@dataclass(frozen=True)
class FieldChange:
    field: str  # the field's label
    base_text: str
    office_text: str
    field_text: str

    def words(self) -> str:
        base, office, field = map(in_a_line, (self.base_text, self.office_text, self.field_text))
        return f"{self.field}：原值「{base}」｜办公室「{office}」｜外业「{field}」"


def _where(table: str, title: str, project: str) -> str:
    return title if table == "projects" or not project else f"{title}（项目「{project}」）"


@dataclass(frozen=True)
class RowChange:
    table: str
    row_uuid: str  # the package row's for an addition, this database's row's for an update
    title: str
    values: dict[str, object]  # portable values
    project: str = ""  # the project it belongs to, by name
    fields: tuple[FieldChange, ...] = ()  # an update's fields in words

    @property
    def row_key(self) -> Key:
        return (self.table, self.row_uuid)

    @property
    def where(self) -> str:
        return _where(self.table, self.title, self.project)


@dataclass(frozen=True)
class Conflict:
    table: str
    row_uuid: str
    title: str
    field: str
    base: object
    has_base: bool
    office: object
    field_value: object
    office_text: str
    field_text: str
    base_text: str = BOTH_NEW
    project: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.table, self.row_uuid, self.field)

    @property
    def row_key(self) -> Key:
        return (self.table, self.row_uuid)

    @property
    def field_name(self) -> str:
        return field_label(self.table, self.field)

    @property
    def where(self) -> str:
        return _where(self.table, self.title, self.project)

    @property
    def change(self) -> FieldChange:
        return FieldChange(self.field_name, self.base_text, self.office_text, self.field_text)


@dataclass
class MergePlan:
    package_id: str
    origin: str
    additions: list[RowChange] = field(default_factory=list)
    updates: list[RowChange] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    new_files: int = 0
    package_rows: Rows = field(default_factory=dict)
    foreign: bool = False
    matches: list[Match] = field(default_factory=list)
    # A change to a row this database deleted, or under it: the deleted rows it waits on.
    roots: dict[Key, frozenset[Key]] = field(default_factory=dict)
    kept_deleted: set[Key] = field(default_factory=set)  # decided before: stays deleted

    @property
    def is_empty(self) -> bool:
        return not (self.additions or self.updates or self.conflicts or self.new_files)

    def left_out(self, row_key: Key, kept_deleted: set[Key]) -> bool:
        """Whether a change hangs only under rows that stay deleted."""
        roots = self.roots.get(row_key)
        return bool(roots) and roots <= kept_deleted

    def lines(self) -> list[str]:
        """The plan in the officer's words, as the dry run prints it."""
        if self.is_empty:
            return ["没有需要合并的变化：外业包中的内容都已在本数据库中。"]
        found = [
            f"将新增：{_counted(self.additions) or '无'}",
            f"将更新：{_counted(self.updates) or '无'}",
            f"冲突：{len(self.conflicts)} 处" if self.conflicts else "冲突：无",
        ]
        found.extend(f"  {c.where} · {c.change.words()}" for c in self.conflicts)
        if self.foreign:
            found.append(f"按项目代码和名称对应：{len(self.matches)} 个项目")
            found.extend(f"  {match.line()}" for match in self.matches)
        if self.additions or self.updates:
            found.append("变化明细：")
            found.extend(f"  {detail.line()}" for detail in self.details())
        return found

    def details(self) -> list["Detail"]:
        """Every changed field and every addition, a project's changes together, its own first."""
        found = [(change.project, 0, Detail("修改", change.project, change.title, change.where,
                                            each))
                 for change in self.updates for each in change.fields]  # fmt: skip
        found.extend(
            (change.project, 1, Detail("新增", change.project, change.title, change.where))
            for change in self.additions
        )
        return [detail for *_, detail in sorted(found, key=lambda entry: entry[:2])]

    def match_details(self) -> list["Detail"]:
        return [
            Detail("对应", m.package_name, f"本数据库「{m.office_name}」，按{m.by}", m.line())
            for m in self.matches
        ]


@dataclass(frozen=True)
class Detail:
    """One thing a merge does: a field it changes, a record it adds, a project it matches."""

    kind: str  # 修改, 新增, 对应
    project: str
    record: str
    where: str
    change: FieldChange | None = None

    def line(self) -> str:
        if self.kind == "对应":
            return self.where
        return f"{self.kind} {self.where}" + (f" · {self.change.words()}" if self.change else "")


def _counted(changes: list[RowChange]) -> str:
    counts: dict[str, int] = {}
    for change in changes:
        counts[change.table] = counts.get(change.table, 0) + 1
    return "，".join(f"{table_label(table)} {count} 条" for table, count in counts.items())
