"""jimo-desktop briefing: PDFs of each kind, the officer's kept draft, exit codes per DESIGN.md."""

import dataclasses

import pytest

from jimo_desktop import cli
from jimo_desktop.domain.briefing import Kind
from jimo_desktop.reports.bulletin import draft_monthly
from jimo_desktop.store.papers import briefings
from jimo_desktop.store.papers.briefing_facts import monthly_facts
from tests.briefing_demo import briefing_demo, pdf_text


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    path = tmp_path_factory.mktemp("command") / "demo.sqlite3"
    briefing_demo(path, project_count=30).close()
    return path


def run(*arguments) -> int:
    """The exit status, whether the command returns it or argparse exits with it."""
    try:
        return cli.main(["briefing", *map(str, arguments)])
    except SystemExit as stopped:
        return stopped.code


def test_the_monthly_bulletin_is_written_with_its_page_count(database, tmp_path, capsys):
    out = tmp_path / "通报.pdf"
    assert run(out, "--db", database, "--period", "2020-06") == 0
    assert "关于2020年1-6月全区重点项目建设情况的通报" in pdf_text(out)
    assert f"已生成 {out}：共" in capsys.readouterr().out


def test_a_project_brief_names_its_project(database, tmp_path):
    out = tmp_path / "brief.pdf"
    assert (
        run(out, "--db", database, "--period", "2020-06", "--kind", "project", "--project", 2) == 0
    )
    text = pdf_text(out)
    assert "重点项目简报" in text and "一、项目基本情况" in text and "项目基本信息" in text


def test_the_officers_kept_draft_is_what_prints(database, tmp_path):
    from jimo_desktop.store.database import open_database

    db = open_database(database)
    draft = draft_monthly(monthly_facts(db, "2020-05"))
    briefings.save(db, dataclasses.replace(draft, title="关于五月份重点项目推进情况的通报"))
    db.close()
    out = tmp_path / "may.pdf"
    assert run(out, "--db", database, "--period", "2020-05") == 0
    assert "关于五月份重点项目推进情况的通报" in pdf_text(out)
    db = open_database(database)
    assert briefings.saved(db, Kind.MONTHLY, "2020-05") is not None
    db.close()


def test_the_inspection_report_prints_the_month_s_site_visits(database, tmp_path):
    out = tmp_path / "inspection.pdf"
    assert run(out, "--db", database, "--period", "2020-06", "--kind", "inspection") == 0
    assert "重点项目现场督查情况" in pdf_text(out)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--kind", "project", "--project", 99999), "项目 99999 不存在"),
        (("--period", "2018-06"), "2018年没有列入重点项目"),
    ],
)
def test_a_briefing_that_cannot_be_made_exits_1_with_one_clear_line(
    database, tmp_path, capsys, arguments, message
):
    out = tmp_path / "x.pdf"
    options = ["--period", "2020-06", *arguments] if "--period" not in arguments else arguments
    assert run(out, "--db", database, *options) == 1
    error = capsys.readouterr().err.strip()
    assert message in error and len(error.splitlines()) == 1
    assert not out.exists()


def test_a_missing_database_or_folder_exits_1(database, tmp_path, capsys):
    assert run(tmp_path / "x.pdf", "--db", tmp_path / "none.sqlite3", "--period", "2020-06") == 1
    assert "数据库文件不存在" in capsys.readouterr().err
    assert run(tmp_path / "no" / "x.pdf", "--db", database, "--period", "2020-06") == 1
    assert "输出文件夹不存在" in capsys.readouterr().err


@pytest.mark.parametrize(
    "arguments",
    [
        ("--period", "2020-13"),
        ("--period", "2020-06", "--kind", "project"),
        ("--period", "2020-06", "--kind", "weekly"),
    ],
)
def test_bad_usage_exits_2(database, tmp_path, arguments):
    assert run(tmp_path / "x.pdf", "--db", database, *arguments) == 2


def test_an_output_that_is_not_a_pdf_is_bad_usage(database, tmp_path):
    assert run(tmp_path / "x.docx", "--db", database, "--period", "2020-06") == 2
