"""briefing --kind supervision|minutes: the 督办单 (one a page, with its 文号 and 回执) and the
周调度会议纪要 print in the official format, chosen by number or by month."""

import re
import sqlite3
import subprocess

import pytest

from jimo_desktop import cli
from tests.briefing_demo import briefing_demo, pdf_text


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    path = tmp_path_factory.mktemp("papers") / "demo.sqlite3"
    briefing_demo(path, project_count=40).close()
    return path


def run(*arguments) -> int:
    try:
        return cli.main(["briefing", *map(str, arguments)])
    except SystemExit as stopped:
        return stopped.code


def pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(
        next(line for line in info.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )


def rows(database, query: str, parameters=()) -> list[tuple]:
    with sqlite3.connect(database) as connection:
        return connection.execute(query, parameters).fetchall()


def test_a_months_orders_print_one_a_page_with_their_numbers_and_receipts(database, tmp_path):
    issued = rows(
        database,
        "SELECT addressee, demand FROM supervision_orders WHERE deleted_at IS NULL"
        " AND substr(issued_on, 1, 7) = '2020-06' ORDER BY issued_on, id",
    )
    assert issued
    out = tmp_path / "督办单.pdf"
    assert run(out, "--db", database, "--kind", "supervision", "--period", "2020-06") == 0
    assert pages(out) == len(issued)
    text = pdf_text(out)
    assert text.count("即墨区重点项目督办单") == len(issued)
    assert text.count("回执（即发改督〔2020〕") == len(issued)
    for addressee, demand in issued:
        assert f"{addressee}：" in text and "".join(demand.split()) in text


def test_one_order_prints_alone_by_its_number(database, tmp_path):
    [(order_id, addressee)] = rows(
        database,
        "SELECT id, addressee FROM supervision_orders WHERE deleted_at IS NULL"
        " ORDER BY issued_on DESC, id DESC LIMIT 1",
    )
    out = tmp_path / "一件.pdf"
    assert run(out, "--db", database, "--kind", "supervision", "--order", order_id) == 0
    assert pages(out) == 1 and f"{addressee}：" in pdf_text(out)


def test_the_minutes_name_attendees_projects_decisions_and_follow_ups(database, tmp_path):
    [(dispatch_id, attendees, decisions)] = rows(
        database,
        "SELECT id, attendees, decisions FROM dispatches WHERE deleted_at IS NULL"
        " ORDER BY held_on DESC, id DESC LIMIT 1",
    )
    owners = rows(
        database,
        "SELECT responsible_unit FROM problems WHERE dispatch_id = ? AND deleted_at IS NULL"
        " UNION ALL SELECT provider FROM service_items"
        " WHERE dispatch_id = ? AND deleted_at IS NULL",
        [dispatch_id, dispatch_id],
    )
    projects = rows(
        database,
        "SELECT p.name FROM dispatch_projects d JOIN projects p ON p.id = d.project_id"
        " WHERE d.dispatch_id = ?",
        [dispatch_id],
    )
    out = tmp_path / "纪要.pdf"
    assert run(out, "--db", database, "--kind", "minutes", "--dispatch", dispatch_id) == 0
    text = re.sub(r"—\d+—", "", pdf_text(out))  # a paragraph may run on over a page number
    assert "重点项目周调度会议纪要" in text
    assert "".join(attendees.split()) in text
    assert all("".join(line.split()) in text for line in decisions.splitlines() if line.strip())
    assert all(name in text for (name,) in projects)
    assert all(owner in text for (owner,) in owners if owner)
    assert ("跟踪落实" in text) == bool(owners)


def test_a_month_without_meetings_is_said_and_a_stray_number_is_a_usage_slip(
    database, tmp_path, capsys
):
    out = tmp_path / "空.pdf"
    assert run(out, "--db", database, "--kind", "minutes", "--period", "2019-01") == 1
    assert "2019年1月没有召开周调度会议" in capsys.readouterr().err
    assert not out.exists()
    assert run(out, "--db", database, "--kind", "minutes", "--order", 1) == 2
    assert run(out, "--db", database, "--kind", "supervision") == 2
