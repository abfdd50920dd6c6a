"""What the officer reads for a package's rows: titles, projects and values, in names not uuids."""

from sqlite_utils import Database

from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.field_merge import table_label, value_text
from jimo_desktop.domain.inspections import POINT_LABELS
from jimo_desktop.store.packages.field_package import OpenedPackage
from jimo_desktop.store.packages.package_tables import LINKED_PROJECTS, TableSpec

_TITLE_LENGTH = 24
_NAMED = (("projects", "name"), ("inspections", "place"))


class RowWords:
    def __init__(self, db: Database, package: OpenedPackage, visited: dict[str, list[str]]):
        """`visited`: inspection uuid → the uuids of the projects it visited."""
        self._db = db
        self._visited = visited
        self._by_uuid: dict[str, str] = {}
        for table, column in _NAMED:
            self._by_uuid.update(package.data.execute(f"SELECT uuid, {column} FROM {table}"))

    def name(self, row_uuid: object) -> str:
        """A project's name or an inspection's place, from the package or else this database."""
        if not row_uuid:
            return ""
        if row_uuid not in self._by_uuid:
            for table, column in _NAMED:
                found = self._db.execute(
                    f"SELECT {column} FROM {table} WHERE uuid = ?", [row_uuid]
                ).fetchone()
                if found:
                    self._by_uuid[row_uuid] = found[0]
                    break
        return self._by_uuid.get(row_uuid, str(row_uuid))

    def text(self, spec: TableSpec, column: str, value: object) -> str:
        ref = spec.refs.get(column)
        if ref is not None and ref.key == "uuid":
            value = self.name(value)
        elif column == LINKED_PROJECTS:
            value = [self.name(project) for project in value or []]
        return value_text(spec.name, column, value)

    def project(self, spec: TableSpec, row: dict) -> str:
        """The project (or projects) a row belongs to, by name."""
        if spec.name == "projects":
            return str(row["name"])
        if "project_id" in row:
            return self.name(row["project_id"])
        visited = row.get(LINKED_PROJECTS)
        if visited is None and "inspection_id" in row:
            visited = self._visited.get(row["inspection_id"], [])
        return "、".join(self.name(project) for project in visited or [])

    def title(self, spec: TableSpec, row: dict) -> str:
        if spec.name == "inspection_points":
            words = f"{self.name(row['inspection_id'])} {POINT_LABELS.get(row['point'], '')}"
        elif spec.name == "inspections":
            words = f"{format_partial_date(row['inspected_on'])} {row['place']}"
        elif spec.name == "photos":
            words = row["caption"] or row["original_name"]
        elif spec.name == "progress_reports":
            words = f"{self.name(row['project_id'])} {row['period']}"
        else:
            words = str(row[spec.title])
        return f"{table_label(spec.name)}「{shortened(words)}」"


def shortened(words: str) -> str:
    return words if len(words) <= _TITLE_LENGTH else words[: _TITLE_LENGTH - 1] + "…"
