"""督查报告: a month's inspections drafted as text, printed with the photos and their captions."""

import random
import re

import pytest

from jimo_desktop.demo import inspections as demo_inspections
from jimo_desktop.demo.builder import fill_demo
from jimo_desktop.reports.inspection_report import draft_inspection, write_inspection_pdf
from jimo_desktop.store import settings
from jimo_desktop.store.site_visits.inspection_facts import month_facts
from tests.briefing_demo import pdf_text


@pytest.fixture(scope="module")
def facts(tmp_path_factory):
    from jimo_desktop.store.database import open_database

    db = open_database(tmp_path_factory.mktemp("report") / "demo.sqlite3")
    fill_demo(db, 30)
    demo_inspections.fill(db, random.Random(2), settings.today(db))
    yield month_facts(db, "2020-06")
    db.conn.close()


def test_the_draft_counts_the_months_visits_findings_and_problems(facts):
    draft = draft_inspection(facts)
    assert draft.title == "2020年6月重点项目现场督查情况"
    overview = draft.section("overview").paragraphs[0]
    assert f"现场督查{len(facts.visits)}次" in overview
    assert f"需关注事项{facts.finding_count}项" in overview
    assert f"列入问题清单{facts.problems_raised}个" in overview
    findings = draft.section("findings").paragraphs
    assert len(findings) == sum(1 for visit in facts.visits if visit.findings)


def test_only_the_months_inspections_are_reported(facts):
    assert facts.visits and all(visit.day.startswith("2020-06") for visit in facts.visits)
    assert [visit.day for visit in facts.visits] == sorted(visit.day for visit in facts.visits)


def test_the_pdf_prints_the_visits_table_and_every_photo_with_its_caption(facts, tmp_path):
    out = tmp_path / "督查报告.pdf"
    pages = write_inspection_pdf(facts, draft_inspection(facts), out)
    assert pages >= 2
    text = pdf_text(out)
    assert "重点项目督查通报" in text and "一、总体情况" in text and "督查情况" in text
    for visit in facts.visits:
        for _, caption in visit.photos:
            for line in caption.splitlines():  # a row of photos reads across
                assert "".join(line.split()) in text
    images = len(re.findall(rb"/Subtype\s*/Image", out.read_bytes()))
    assert images >= len({photo for visit in facts.visits for photo, _ in visit.photos})


def test_a_month_without_inspections_says_so(facts):
    empty = type(facts)("2020-05", facts.today, (), 0, 0, 0)
    draft = draft_inspection(empty)
    assert [section.paragraphs for section in draft.sections] == [
        ["2020年5月未开展重点项目现场督查，本期无督查情况通报。"]
    ]
