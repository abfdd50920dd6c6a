"""Hostile field packages through merge-package: nothing read from a package becomes a path
outside the data folder, no file is read from elsewhere, every refusal is one Chinese line,
and a refused package leaves the office's database as it was.
"""

import hashlib
import json
import os
import re
import signal
import tempfile
import zipfile

import pytest

from jimo_desktop import cli
from tests.unit.field_trip import record_inspection, start_trip
from tests.unit.package_forgery import entries_of, forge, photo_sha256, write_package

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def trip(tmp_path):
    trip = start_trip(tmp_path)
    yield trip
    trip.close()


@pytest.fixture
def back(trip):
    """The laptop's package: one inspection, one photo whose original travels with it."""
    record_inspection(trip.laptop, trip.project_ids[1], trip.folder / "laptop", photo_count=1)
    return trip.send_back()


def dump(db) -> str:
    return "\n".join(db.conn.iterdump())


def merge(capsys, trip, package, *options) -> tuple[int, str, str]:
    status = cli.main(["merge-package", str(package), "--db", str(trip.office_path()), *options])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def office_files(trip) -> list[str]:
    folder = trip.office_path().parent
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


def assert_refused(capsys, trip, package, *options) -> str:
    """Refused in one Chinese line, the office's database and folder as they were (no backup)."""
    before, files = dump(trip.office), office_files(trip)
    status, _, error = merge(capsys, trip, package, *options)
    assert status == 1
    assert len(error.strip().splitlines()) == 1 and CHINESE.search(error), error
    assert dump(trip.office) == before
    assert office_files(trip) == files
    return error


def files_outside(root, data_folder) -> set[str]:
    return {
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path.is_file() and not path.is_relative_to(data_folder)
    }


def test_a_photo_extension_that_climbs_out_of_the_photos_folder_writes_nothing(trip, back, capsys):
    sha256 = photo_sha256(back)
    forged = forge(
        back,
        trip.folder / "forged.jimopkg",
        change_data=lambda data: data.execute(
            "UPDATE photo_files SET extension = '/../../../../outside/pwned.sh'"
        ),
        entries={f"originals/{sha256}.jpg": b"#!/bin/sh\necho pwned\n"},
    )
    before = files_outside(trip.folder, trip.office_path().parent)
    error = assert_refused(capsys, trip, forged, "--prefer", "field")
    assert "照片" in error
    assert not (trip.folder / "outside").exists()
    assert files_outside(trip.folder, trip.office_path().parent) == before


def test_a_checksum_that_names_another_file_copies_nothing(trip, back, capsys):
    secret = trip.folder / "secret.docx"
    secret.write_bytes("机密文件：不得外传".encode())
    climbing = "../" * 40 + str(secret.with_suffix("")).lstrip("/")

    def point_at_the_secret(data):
        data.execute("UPDATE photo_files SET sha256 = ?", [climbing])
        data.execute("UPDATE photos SET file_sha256 = ?", [climbing])

    forged = forge(back, trip.folder / "forged.jimopkg", change_data=point_at_the_secret)
    assert_refused(capsys, trip, forged, "--prefer", "field")
    assert sorted(path.name for path in trip.folder.glob("secret*")) == ["secret.docx"]
    office_folder = trip.office_path().parent
    for path in office_folder.rglob("*"):
        if path.is_file():
            assert "机密文件".encode() not in path.read_bytes(), path


@pytest.mark.parametrize(
    "name",
    [
        "originals\\..\\..\\evil.jpg",
        "originals/..\\..\\evil.jpg",
        "C:\\Windows\\evil.jpg",
        "originals/C:evil.jpg",
        "../evil.jpg",
        "/tmp/evil.jpg",
        "originals/evil.exe",
        "originals/" + "a" * 64 + ".exe",
        "originals/" + "A" * 64 + ".jpg",
        "originals/" + "a" * 64 + ".jpg/../../evil.jpg",
        "originals/nested/" + "a" * 64 + ".jpg",
    ],
)
def test_an_entry_named_outside_the_fixed_pattern_is_refused(trip, back, capsys, name):
    forged = forge(back, trip.folder / "forged.jimopkg", entries={name: b"x"})
    error = assert_refused(capsys, trip, forged, "--prefer", "field")
    assert "文件名" in error


def test_an_entry_twice_in_the_zip_is_refused(trip, back, capsys):
    manifest, contents = entries_of(back)
    forged = trip.folder / "twice.jimopkg"
    write_package(forged, json.dumps(manifest).encode(), contents)
    with zipfile.ZipFile(forged, "a") as archive, pytest.warns(UserWarning):
        archive.writestr("data.sqlite3", b"another database")
    assert_refused(capsys, trip, forged)


def test_an_entry_over_its_size_cap_is_refused_before_it_is_unpacked(trip, back, capsys):
    """A zip bomb: 260 MiB of zeros, about a megabyte packed, with an honest manifest."""
    manifest, contents = entries_of(back)
    name = "originals/" + "b" * 64 + ".jpg"
    forged = trip.folder / "bomb.jimopkg"
    block, blocks = bytes(1 << 20), 260
    digest = hashlib.sha256()
    for _ in range(blocks):
        digest.update(block)
    manifest["files"][name] = {"sha256": digest.hexdigest(), "size": len(block) * blocks}
    write_package(forged, json.dumps(manifest).encode(), contents)
    with (
        zipfile.ZipFile(forged, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open(name, "w", force_zip64=True) as entry,
    ):
        for _ in range(blocks):
            entry.write(block)
    error = assert_refused(capsys, trip, forged, "--prefer", "field")
    assert "过大" in error


def test_a_manifest_that_claims_a_huge_entry_is_refused(trip, back, capsys):
    def huge(manifest):
        manifest["files"]["data.sqlite3"]["size"] = 10**15

    forged = forge(back, trip.folder / "huge.jimopkg", change_manifest=huge)
    assert "过大" in assert_refused(capsys, trip, forged)


def test_a_deeply_nested_manifest_is_refused_in_one_line(trip, back, capsys):
    _, contents = entries_of(back)
    forged = trip.folder / "nested.jimopkg"
    write_package(forged, b"[" * 100_000 + b"]" * 100_000, contents)
    assert_refused(capsys, trip, forged)


def drop_table(table):
    return lambda data: data.execute(f"DROP TABLE {table}")


def drop_column(table, column):
    return lambda data: data.execute(f"ALTER TABLE {table} DROP COLUMN {column}")


def set_value(table, column, value, where="rowid = (SELECT MIN(rowid) FROM {table})"):
    return lambda data: data.execute(
        f"UPDATE {table} SET {column} = ? WHERE {where.format(table=table)}", [value]
    )


def view_instead_of(table):
    def change(data):
        data.execute(f"DROP TABLE {table}")
        data.execute(
            f"CREATE VIEW {table} AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1"
            " FROM n) SELECT x AS id FROM n"
        )

    return change


SCHEMA_BREAKS = {
    "bogus stage": set_value("projects", "stage", "bogus"),
    "bogus nature": set_value("projects", "nature", "rebuilt"),
    "problem of a project the package lacks": set_value("problems", "project_id", 99999),
    "photo of an inspection the package lacks": set_value("photos", "inspection_id", 99999),
    "photo of a file the package lacks": set_value("photos", "file_sha256", "c" * 64),
    "missing table": drop_table("milestones"),
    "missing column": drop_column("projects", "land_status"),
    "a view in place of a table": view_instead_of("work_logs"),
    "text where a number belongs": set_value("projects", "total_investment", "很多"),
    "a date that is no date": set_value("inspections", "inspected_on", "昨天下午"),
    "a month that is no month": set_value("progress_reports", "period", "2020-13"),
    "a uuid that is no uuid": set_value("problems", "uuid", "../../etc"),
    "a base that is no JSON": set_value("sync_base", "content", "{not json"),
    "a base that is a list": set_value("sync_base", "content", "[1, 2]"),
    "a newer schema": lambda data: data.execute("PRAGMA user_version = 999"),
    "an image that is no JPEG": set_value("photo_files", "image", b"MZ\x90\x00"),
    "a project without its 区位": set_value("projects", "unit_id", None),
    "a business date that is no date": set_value(
        "settings", "value", "明天", where="key = 'business_date'"
    ),
}


@pytest.mark.parametrize("change", SCHEMA_BREAKS.values(), ids=SCHEMA_BREAKS.keys())
def test_rows_that_break_the_office_schema_are_refused_in_one_line(trip, back, capsys, change):
    forged = forge(back, trip.folder / "forged.jimopkg", change_data=change)
    assert_refused(capsys, trip, forged, "--prefer", "field")


def test_a_merge_unpacks_in_a_private_folder_beside_the_database_and_removes_it(
    trip, back, capsys, monkeypatch, tmp_path
):
    from jimo_desktop.store.packages import package_apply

    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    seen = []
    real_apply = package_apply.apply_merge

    def watching(db, package, plan, choices):
        seen.append(
            (package.folder, package.folder.stat().st_mode, sorted(package.folder.rglob("*")))
        )
        return real_apply(db, package, plan, choices)

    monkeypatch.setattr(package_apply, "apply_merge", watching)
    status, _, _ = merge(capsys, trip, back, "--prefer", "field")
    assert status == 0
    [(folder, mode, unpacked)] = seen
    assert folder.is_relative_to(trip.office_path().parent)
    assert any(path.name == "data.sqlite3" for path in unpacked)
    if os.name == "posix":
        assert mode & 0o077 == 0, "only the officer's account may read the unpacked package"
    assert not folder.exists()
    assert list(system_temp.iterdir()) == []


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_the_leftovers_of_a_killed_merge_are_removed_by_the_next_merge(
    tmp_path, monkeypatch, capsys
):
    from tests.unit.test_crash_safety import _package_path, _prepare_field_trip, _spawn

    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(system_temp))
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    database = tmp_path / "office" / "jimo.sqlite3"
    database.parent.mkdir()
    _prepare_field_trip(database)
    before = set(database.parent.rglob("*")) | set(system_temp.rglob("*"))
    child = _spawn("package-merge", database, 1)
    assert any(line.strip() == "MIDDLE" for line in child.stdout)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    left = (set(database.parent.rglob("*")) | set(system_temp.rglob("*"))) - before
    assert any(path.name == "data.sqlite3" for path in left), "the killed merge left its folder"

    status = cli.main(["merge-package", str(_package_path(database)), "--db", str(database)])
    capsys.readouterr()
    assert status in (0, 1)
    after = (set(database.parent.rglob("*")) | set(system_temp.rglob("*"))) - before
    assert not [path for path in after if path.name == "data.sqlite3"]


def test_a_folder_another_merge_is_using_is_left_alone(trip, back, capsys):
    from jimo_desktop.store.packages import field_package

    with field_package.opened_package(back, trip.office_path()) as opened:
        status, _, _ = merge(capsys, trip, back, "--dry-run")
        assert status == 0
        assert opened.folder.is_dir()
        assert opened.data.execute("SELECT COUNT(*) FROM projects").fetchone()[0] == 5


def test_an_original_whose_bytes_are_not_its_name_is_refused(trip, back, capsys):
    sha256 = photo_sha256(back)
    forged = forge(
        back, trip.folder / "forged.jimopkg", entries={f"originals/{sha256}.jpg": b"other bytes"}
    )
    assert_refused(capsys, trip, forged, "--prefer", "field")


def test_an_honest_package_still_merges(trip, back, capsys):
    status, printed, _ = merge(capsys, trip, back, "--prefer", "field")
    assert status == 0 and "已合并" in printed
