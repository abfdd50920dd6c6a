"""A package from another database, merged because the officer insists (merge-package
--foreign, the dialog's 按项目代码和名称合并): its projects are matched to this database's.

Rows are matched by uuid, and another database's projects have other uuids: merged as they
are, every project would arrive twice. So each of the package's projects not known by its
uuid is matched to a project here with the same 项目代码, else the same name; a project with
no match is added as new, and a name or code that fits several is refused. Every match is
shown before anything is written, and a matched project has no common base with its match:
any field on which the two differ is a conflict for the officer.
"""

from collections import defaultdict
from dataclasses import dataclass

from sqlite_utils import Database

from jimo_desktop.store.packages.package_tables import LINKED_PROJECTS, TABLES, PackageError

BY_UUID, BY_CODE, BY_NAME = "同一项目", "项目代码", "项目名称"

Rows = dict[str, dict[str, dict[str, object]]]  # table → uuid → portable row


@dataclass(frozen=True)
class Match:
    package_name: str
    package_code: str
    office_name: str
    office_code: str
    by: str

    def line(self) -> str:
        code = f"（代码 {self.package_code}）" if self.package_code else ""
        return f"外业包「{self.package_name}」{code} → 本数据库「{self.office_name}」，按{self.by}"


def match_projects(db: Database, package_projects: dict[str, dict]) -> tuple[list[Match], dict]:
    """The matches, and package uuid → this database's uuid for the projects matched anew."""
    known = {
        row[0]: row[1:] for row in db.execute("SELECT uuid, name, code FROM projects").fetchall()
    }
    live = db.execute("SELECT uuid, name, code FROM projects WHERE deleted_at IS NULL").fetchall()
    by_code, by_name = defaultdict(list), defaultdict(list)
    for row_uuid, name, code in live:
        by_name[name].append((row_uuid, name, code))
        if code:
            by_code[code].append((row_uuid, name, code))
    matches, remap = [], {}
    for package_uuid, row in package_projects.items():
        name, code = str(row.get("name") or ""), str(row.get("code") or "")
        if package_uuid in known:
            matches.append(Match(name, code, *known[package_uuid], BY_UUID))
            continue
        how, found = (BY_CODE, by_code[code]) if by_code.get(code) else (BY_NAME, by_name[name])
        if len(found) > 1:
            raise PackageError(
                f"外业包中的项目「{name}」按{how}对应本数据库的 {len(found)} 个项目，无法确定；"
                "未合并任何内容"
            )
        if found:
            office_uuid, office_name, office_code = found[0]
            if office_uuid in remap.values():
                raise PackageError(
                    f"外业包中有两个项目都对应本数据库的「{office_name}」，无法确定；未合并任何内容"
                )
            remap[package_uuid] = office_uuid
            matches.append(Match(name, code, office_name, office_code, how))
    return matches, remap


def remapped(rows: Rows, remap: dict[str, str]) -> Rows:
    """The package's rows with the matched projects under this database's uuids."""
    if not remap:
        return rows
    moved: Rows = {}
    for spec in TABLES:
        references = [column for column, ref in spec.refs.items() if ref.table == "projects"]
        moved[spec.name] = {}
        for row_uuid, row in rows[spec.name].items():
            row = dict(row)
            for column in references:
                row[column] = remap.get(row[column], row[column])
            if LINKED_PROJECTS in row:
                row[LINKED_PROJECTS] = sorted(remap.get(u, u) for u in row[LINKED_PROJECTS])
            key = remap.get(row_uuid, row_uuid) if spec.name == "projects" else row_uuid
            moved[spec.name][key] = row
    return moved
