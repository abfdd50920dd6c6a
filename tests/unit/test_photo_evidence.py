"""Photos printed as evidence: each says what it shows (the officer's caption, else the place),
when the camera took it and where, never its file's name; the text counts what is printed; the
officer chooses how many go in (all by default)."""

import random
import re

import pytest

from jimo_desktop import cli
from jimo_desktop.demo import inspections as demo_inspections
from jimo_desktop.demo.builder import fill_demo
from jimo_desktop.domain.inspection_facts import evidence_caption
from jimo_desktop.reports.inspection_report import draft_inspection, write_inspection_pdf
from jimo_desktop.store import settings
from jimo_desktop.store.database import open_database
from jimo_desktop.store.site_visits.inspection_facts import month_facts
from tests.briefing_demo import pdf_text

# A printed photo's time as its caption gives it: "2020年6月25日 13:32".
SHOT = re.compile(r"2020年6月\d{1,2}日\d{2}:\d{2}")


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    path = tmp_path_factory.mktemp("evidence") / "demo.sqlite3"
    db = open_database(path)
    fill_demo(db, 30)
    demo_inspections.fill(db, random.Random(2), settings.today(db))
    # One photo the officer did not caption, one whose caption is its file's name.
    first, second = db.execute(
        "SELECT ph.id FROM photos ph JOIN inspections i ON i.id = ph.inspection_id"
        " WHERE i.inspected_on LIKE '2020-06%' ORDER BY ph.id LIMIT 2"
    ).fetchall()
    db.execute("UPDATE photos SET caption = '' WHERE id = ?", first)
    db.execute("UPDATE photos SET caption = original_name WHERE id = ?", second)
    db.conn.commit()
    db.conn.close()
    return path


def test_a_caption_says_what_when_and_where_never_the_files_name():
    said = evidence_caption(
        "", "IMG_20200625_133204.jpg", "鳌山湾科创园", "2020-06-25T13:32:04", "2020-06-25",
        36.488922, 120.5,
    )  # fmt: skip
    assert said.splitlines() == [
        "鳌山湾科创园",
        "2020年6月25日 13:32",
        "北纬36.48892° 东经120.50000°",
    ]
    named = evidence_caption("IMG_1", "IMG_1.jpg", "", None, "2020-06-25", None, None)
    assert named.splitlines() == ["现场照片", "2020年6月25日"]
    assert evidence_caption("基坑支护", "a.jpg", "某地", None, "2020-06", None, None).startswith(
        "基坑支护"
    )


def test_every_photo_of_the_month_prints_with_time_and_place_and_the_text_counts_them(
    database, tmp_path
):
    db = open_database(database)
    facts = month_facts(db, "2020-06")
    names = [row[0] for row in db.execute("SELECT original_name FROM photos").fetchall()]
    db.conn.close()
    out = tmp_path / "report.pdf"
    draft = draft_inspection(facts)
    write_inspection_pdf(facts, draft, out)
    text = pdf_text(out)
    printed = len(SHOT.findall(text))
    assert printed == facts.photo_count == facts.photos_printed
    assert f"拍摄现场照片{printed}张；" in draft.section("overview").paragraphs[0]
    assert "北纬" in text and "东经" in text
    for name in names:
        assert name not in text and name.rsplit(".", 1)[0] not in text


def run(*arguments) -> int:
    try:
        return cli.main(["briefing", *map(str, arguments)])
    except SystemExit as stopped:
        return stopped.code


def test_the_officer_chooses_how_many_photos_go_in_from_the_command_line(database, tmp_path):
    out = tmp_path / "one.pdf"
    arguments = ("--db", database, "--period", "2020-06", "--kind", "inspection")
    assert run(out, *arguments, "--photos", 1) == 0
    text = pdf_text(out)
    printed = len(SHOT.findall(text))
    db = open_database(database)
    facts = month_facts(db, "2020-06")
    db.conn.close()
    assert printed == len(facts.visits)
    assert f"拍摄现场照片{facts.photo_count}张（本报告选印{printed}张）" in text
    assert run(tmp_path / "bad.pdf", *arguments, "--photos", "几张") == 2


def test_a_past_months_project_brief_prints_only_the_photos_taken_by_its_end(database):
    from jimo_desktop.store.papers.project_brief_facts import project_facts

    db = open_database(database)
    (project,) = db.execute(
        "SELECT ip.project_id FROM inspection_projects ip JOIN inspections i"
        " ON i.id = ip.inspection_id WHERE i.inspected_on LIKE '2020-06%' LIMIT 1"
    ).fetchone()
    june = project_facts(db, project, "2020-06")
    may = project_facts(db, project, "2020-05")
    db.conn.close()
    assert any("2020年6月" in caption for _, caption in june.photos)
    assert not any("2020年6月" in caption for _, caption in may.photos)
