"""The database inside a package, read as hostile and copied into a fresh one of our schema.

A package's data.sqlite3 may be made by hand: a table missing or replaced by a view, a schema
without its CHECK constraints, any value of any type. So its rows are never used where they
lie. `checked_copy` lets SQLite check the file, compares its tables and columns with the
schema of the version the file claims, copies the tables a package carries into a fresh
database of this program's schema (whose CHECK, NOT NULL and UNIQUE constraints then apply),
checks every reference there, and every value's type and form: dates, months, stamps, uuids,
the photos' names and images, the JSON of the rows' bases. The first problem found is refused
in one line that names the table, the record and the field.
"""

import json
import math
import re
import sqlite3
import time
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import NoReturn

from sqlite_utils import Database

from jimo_desktop.domain import field_merge
from jimo_desktop.domain.dates import DateError, parse_partial_date
from jimo_desktop.store.database import DatabaseError, latest_version, migrations, open_database
from jimo_desktop.store.packages.package_export import CARRIED_SETTINGS, CARRIED_TABLES, LEFT_EMPTY
from jimo_desktop.store.packages.package_tables import LINKED_PROJECTS, TABLES, PackageError
from jimo_desktop.store.packages.package_unpack import UUID_FORM, original_name, shown

FIRST_SCHEMA_WITH_PACKAGES = 3
TEXT_CAP = 100_000  # characters; a project's remarks or a photo's caption are far shorter
BLOB_CAP = 16 << 20  # a downsized photo is 0.1–0.2 MB
_LENGTH_LIMIT = 64 << 20  # SQLite refuses to read a longer value at all
_CHECK_SECONDS = 600  # a guard against a file that makes SQLite loop, not a speed limit
# Column names follow the schema's convention: *_on, *_start, *_end, *_date and deadline are
# dates (a year-month will do), period is a year-month, *_at a moment.
_DATE = re.compile(r"(.+_(on|start|end|date)|deadline)")
_JPEG = b"\xff\xd8\xff"
_SPECS = {spec.name: spec for spec in TABLES}
# Names for what only a package shows an officer: the tables and columns no form edits.
_TABLE_WORDS = {
    "units": "区位",
    "industries": "产业",
    "problem_categories": "问题类别",
    "project_years": "年度清单",
    "inspection_projects": "督查的项目",
    "photo_files": "照片文件",
    "sync_base": "原始记录",
    "settings": "设置",
}
_FIELD_WORDS = {
    "id": "编号",
    "name": "名称",
    "year": "年度",
    "level": "级别",
    "annual_plan": "年度计划投资",
    "inspection_id": "所属督查",
    "table_name": "表名",
    "key": "设置项",
    "value": "设置值",
    "uuid": "标识",
    "row_uuid": "记录标识",
    "content": "内容",
    "sha256": "校验值",
    "extension": "扩展名",
    "thumbnail": "缩略图",
    "image": "图片",
    "original": "原图",
    "created_at": "创建时间",
    "updated_at": "修改时间",
}
_SETTING_WORDS = {"business_date": "业务日期", "is_demo": "演示数据"}
# quick_check also reports rows that break the file's own CHECK and NOT NULL constraints: the
# copy below judges those by ours and names them better.
_ROW_FINDINGS = ("CHECK constraint failed", "NULL value in")


def table_label(table: str) -> str:
    return _TABLE_WORDS.get(table) or field_merge.table_label(table)


def field_label(table: str, column: str) -> str:
    label = field_merge.field_label(table, column)
    return _FIELD_WORDS.get(column, column) if label == column else label


def checked_copy(package_file: Path, clean_file: Path) -> Database:
    """The rows of the package's database, checked, in a new database at `clean_file`.

    The copy starts at the schema version the package claims and is then migrated like any
    database, so a package from an older program arrives with its data moved as ours was.
    """
    try:
        version = _claimed_version(package_file)
        clean_file.write_bytes(_blank_database(version))
        connection = sqlite3.connect(clean_file)
        try:
            connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, _LENGTH_LIMIT)
            connection.execute("PRAGMA trusted_schema = OFF")
            deadline = time.monotonic() + _CHECK_SECONDS
            connection.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
            _copy_rows(connection, package_file, version)
        finally:
            connection.close()
        clean = open_database(clean_file)
    except (sqlite3.Error, DatabaseError) as error:
        raise PackageError(f"外业包中的数据库无法读取：{shown(error, 80)}") from error
    try:
        _check_values(clean)
    except BaseException:
        clean.conn.close()
        raise
    return clean


def _claimed_version(package_file: Path) -> int:
    probe = sqlite3.connect(f"file:{package_file}?mode=ro", uri=True)
    try:
        version = probe.execute("PRAGMA user_version").fetchone()[0]
    finally:
        probe.close()
    if not FIRST_SCHEMA_WITH_PACKAGES <= version <= latest_version():
        raise PackageError(
            f"外业包中的数据库版本为 {version}，本程序只能读取第 {FIRST_SCHEMA_WITH_PACKAGES}"
            f"–{latest_version()} 版；请用相同版本的程序导出"
        )
    return version


@lru_cache
def _blank_database(version: int) -> bytes:
    """A database of the schema at `version`, without rows: what the package's are copied into."""
    connection = _migrated(version)
    for table in (*CARRIED_TABLES, "settings"):
        if table in _schema(version):
            connection.execute(f"DELETE FROM {table}")
    connection.commit()
    data = connection.serialize()
    connection.close()
    return data


def _migrated(version: int) -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    for number, script in migrations():
        if number <= version:
            connection.executescript(script.read_text(encoding="utf-8"))
    connection.execute(f"PRAGMA user_version = {version}")
    return connection


@lru_cache(maxsize=1)
def _current_schema() -> dict[str, dict[str, str]]:
    return _schema(latest_version())


@lru_cache
def _schema(version: int) -> dict[str, dict[str, str]]:
    """Table → column → declared type, as the migrations up to `version` make them."""
    connection = _migrated(version)
    tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master")]
    schema = {
        table: {row[1]: row[2] for row in connection.execute(f"PRAGMA table_info({table})")}
        for table in tables
    }
    connection.close()
    return schema


def _copy_rows(connection: sqlite3.Connection, package_file: Path, version: int) -> None:
    connection.execute("ATTACH DATABASE ? AS package", [str(package_file)])
    findings = [row[0] for row in connection.execute("PRAGMA package.quick_check(100)")]
    if findings != ["ok"] and not all(f.startswith(_ROW_FINDINGS) for f in findings):
        raise PackageError("外业包中的数据库已损坏")
    expected = _schema(version)
    connection.execute("PRAGMA foreign_keys = OFF")  # checked below, to name the record
    connection.execute("BEGIN")
    for table in CARRIED_TABLES:
        if table in expected:  # not a table a later version added
            _copy_table(connection, table, list(expected[table]))
    marks = ", ".join("?" * len(CARRIED_SETTINGS))
    _copy_table(connection, "settings", ["key", "value"], f"key IN ({marks})", CARRIED_SETTINGS)
    connection.commit()
    connection.execute("DETACH DATABASE package")
    connection.execute("PRAGMA foreign_keys = ON")
    for table, row_id, parent, _ in connection.execute("PRAGMA main.foreign_key_check"):
        raise PackageError(
            f"外业包中的数据不符合本程序的格式：{table_label(table)}第 {row_id} 条记录"
            f"引用了包中没有的{table_label(parent)}"
        )


def _copy_table(
    connection: sqlite3.Connection,
    table: str,
    expected: list[str],
    condition: str = "1",
    parameters: tuple = (),
) -> None:
    kind = connection.execute(
        "SELECT type FROM package.sqlite_master WHERE name = ? COLLATE NOCASE", [table]
    ).fetchone()
    if kind is None:
        raise PackageError(f"外业包中的数据库缺少「{table_label(table)}」表")
    if kind[0] != "table":
        raise PackageError(f"外业包中的数据库的「{table_label(table)}」不是数据表，可能被改动过")
    present = {row[1] for row in connection.execute(f"PRAGMA package.table_info({table})")}
    missing = [column for column in expected if column not in present]
    if missing:
        names = "、".join(field_label(table, column) for column in missing)
        raise PackageError(f"外业包中的数据库「{table_label(table)}」表缺少字段：{names}")
    columns = [column for column in expected if column not in LEFT_EMPTY.get(table, ())]
    listed = ", ".join(columns)
    copy = (
        f"INSERT INTO main.{table} ({listed}) SELECT {listed} FROM package.{table}"
        f" WHERE {condition}"
    )
    try:
        connection.execute(copy, parameters)
    except sqlite3.IntegrityError as error:
        row = _first_refused_row(connection, table, copy, parameters)
        raise PackageError(
            f"外业包中的数据不符合本程序的格式：{table_label(table)}{row}"
            f"{_constraint_words(table, str(error))}"
        ) from error


def _first_refused_row(connection: sqlite3.Connection, table: str, copy: str, parameters) -> str:
    """Which row the copy refused, found by copying one row at a time."""
    try:
        for (row_id,) in connection.execute(f"SELECT rowid FROM package.{table}").fetchall():
            try:
                connection.execute(f"{copy} AND rowid = ?", [*parameters, row_id])
            except sqlite3.IntegrityError:
                return f"第 {row_id} 条记录"
    except sqlite3.Error:  # a table without rowids
        pass
    return ""


def _constraint_words(table: str, message: str) -> str:
    """SQLite's "CHECK constraint failed: stage IN (…)" in the officer's words."""
    names = re.findall(r"\w+", message.partition(":")[2])
    columns = [name for name in names if name in _current_schema()[table]]
    labels = "、".join(dict.fromkeys(field_label(table, column) for column in columns))
    if message.startswith("NOT NULL"):
        return f"缺少「{labels}」"
    if message.startswith("UNIQUE"):
        return f"的「{labels}」与另一条记录重复"
    return f"的「{labels}」取值无效" if labels else "取值无效"


def _check_values(db: Database) -> None:
    schema = _current_schema()
    for table in CARRIED_TABLES:
        types = schema[table]
        columns = [column for column, kind in types.items() if kind != "BLOB"]
        for row_id, *values in db.execute(f"SELECT rowid, {', '.join(columns)} FROM {table}"):
            row = dict(zip(columns, values, strict=True))
            where = f"{table_label(table)}第 {row_id} 条记录"
            for column, value in row.items():
                why = _value_problem(column, types[column], value)
                if why:
                    _refuse(where, table, column, value, why)
            if table == "photo_files":
                _check_photo_name(where, row["sha256"], row["extension"])
            elif table == "sync_base":
                _check_base(where, row["table_name"], row["content"])
        for column in (column for column, kind in types.items() if kind == "BLOB"):
            _check_images(db, table, column)
    for key, value in db.execute("SELECT key, value FROM settings"):
        if not _setting_ok(key, value):
            words = _SETTING_WORDS.get(key, shown(key))
            raise PackageError(f"外业包中的设置「{words}」的值「{shown(value)}」无效")


def _refuse(where: str, table: str, column: str, value: object, why: str) -> NoReturn:
    raise PackageError(
        f"外业包中的数据不符合本程序的格式：{where}的「{field_label(table, column)}」"
        f"{why}（{shown(value, 24)}）"
    )


def _value_problem(column: str, declared: str, value: object) -> str | None:
    """Why a stored value is not one this program writes; None when it is."""
    if value is None:
        return None
    if declared == "INTEGER" and type(value) is not int:
        return "应为整数"
    if declared == "REAL" and not (type(value) in (int, float) and math.isfinite(value)):
        return "应为数值"
    if declared == "TEXT":
        if not isinstance(value, str):
            return "应为文字"
        if len(value) > TEXT_CAP:
            return "过长"
        return _form_problem(column, value)
    return None


def _form_problem(column: str, value: str) -> str | None:
    if column in ("uuid", "row_uuid"):
        return None if _is_uuid(value) else "不是有效的标识"
    if column == "period" or _DATE.fullmatch(column):
        try:
            parsed = parse_partial_date(value)
        except DateError:
            parsed = None
        if parsed != value or (column == "period" and len(value) != len("2020-06")):
            return "不是有效的日期"
    elif column.endswith("_at"):
        try:
            datetime.fromisoformat(value)
        except ValueError:
            return "不是有效的时间"
    return None


def _check_photo_name(where: str, sha256: object, extension: object) -> None:
    try:
        original_name(sha256, extension)
    except PackageError as error:
        raise PackageError(f"{error}（{where}）") from error


def _check_images(db: Database, table: str, column: str) -> None:
    """Every picture a package holds is a JPEG this program made, of a sensible size."""
    found = db.execute(
        f"SELECT rowid, length({column}) FROM {table} WHERE {column} IS NOT NULL AND"
        f" (typeof({column}) != 'blob' OR length({column}) > ? OR substr({column}, 1, 3) != ?)"
        " LIMIT 1",
        [BLOB_CAP, _JPEG],
    ).fetchone()
    if found:
        where = f"{table_label(table)}第 {found[0]} 条记录"
        _refuse(where, table, column, f"{found[1]} 字节", "不是本程序保存的 JPEG 图片")


def _check_base(where: str, table: str, content: str) -> None:
    spec = _SPECS.get(table)
    try:
        base = json.loads(content)
    except (ValueError, RecursionError):
        base = None
    if spec is None or not isinstance(base, dict):
        _refuse(where, "sync_base", "content", content, "不是有效的原始记录")
    types = _current_schema()[table]
    for column, value in base.items():
        why = _base_value_problem(spec, types, column, value)
        if why:
            _refuse(where, table, column, value, f"原值{why}")


def _base_value_problem(spec, types: dict[str, str], column: str, value: object) -> str | None:
    """A base holds a row in its portable form: references by uuid or by name."""
    if column == LINKED_PROJECTS and spec.name == "inspections":
        uuids = value if isinstance(value, list) else [None]
        return None if all(_is_uuid(each) for each in uuids) else "无效"
    ref = spec.refs.get(column)
    if ref is None:
        if column not in types or types[column] == "BLOB":
            return "不属于该表"
        return _value_problem(column, types[column], value)
    if value is None:
        return None
    if ref.key == "uuid":
        return None if _is_uuid(value) else "无效"
    return None if isinstance(value, str) and len(value) <= TEXT_CAP else "无效"


def _is_uuid(value: object) -> bool:
    return isinstance(value, str) and UUID_FORM.fullmatch(value) is not None


def _setting_ok(key: str, value: object) -> bool:
    if key == "business_date" and value is not None:
        try:
            date.fromisoformat(value)
        except (TypeError, ValueError):
            return False
    return key != "is_demo" or value in ("0", "1", None)
