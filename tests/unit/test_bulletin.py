"""月度通报 on the demo: the numbers in its sentences against sums computed here with SQL, the
units it names, the officer's edits kept and printed, names printed as written."""

import dataclasses
from decimal import ROUND_HALF_UP, Decimal

import pytest

from jimo_desktop.domain.briefing import Draft, Kind
from jimo_desktop.reports.bulletin import draft_monthly
from jimo_desktop.reports.bulletin_pdf import write_monthly_pdf
from jimo_desktop.store import audit, settings
from jimo_desktop.store.database import open_database
from jimo_desktop.store.papers import briefings
from jimo_desktop.store.papers.briefing_facts import latest_period, monthly_facts
from jimo_desktop.store.project_library import projects
from tests.briefing_demo import fill_briefing_demo, pdf_text
from tests.engines import ENGINES, built_database

PERIOD = "2020-06"


@pytest.fixture(scope="module", params=ENGINES)
def demo(request, tmp_path_factory):
    db = open_database(
        built_database(request, tmp_path_factory.mktemp("bulletin"), fill_briefing_demo)
    )
    yield db
    db.close()


@pytest.fixture(scope="module")
def draft(demo) -> Draft:
    return draft_monthly(monthly_facts(demo, PERIOD))


def one(db, sql: str, *params):
    return db.execute(sql, params).fetchone()[0]


def percent(part: int, whole: int) -> Decimal:
    return (Decimal(part * 100) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


# On the 2020 list at the end of June: 增补 by then, not 退出 by then.
LISTED = """FROM project_years y JOIN projects p ON p.id = y.project_id AND p.deleted_at IS NULL
            WHERE y.year = 2020 AND (y.added_on IS NULL OR y.added_on <= '2020-06-30')
              AND (y.withdrawn_on IS NULL OR y.withdrawn_on > '2020-06-30')"""
STARTED = """AND ((p.actual_start IS NOT NULL AND substr(p.actual_start, 1, 7) <= '2020-06')
             OR (p.actual_start IS NULL AND p.stage IN ('started', 'completed', 'producing')))"""
COMPLETED = f"""SELECT COALESCE(SUM(r.completed_this_year), 0) {
    LISTED.replace(
        "WHERE",
        '''
    JOIN progress_reports r ON r.project_id = p.id AND r.period = '2020-06'
                            AND r.deleted_at IS NULL WHERE''',
    )
}"""


def test_the_overview_sentence_carries_sums_computed_independently(demo, draft):
    listed = one(demo, f"SELECT COUNT(*) {LISTED}")
    started = one(demo, f"SELECT COUNT(*) {LISTED} {STARTED}")
    plan = one(demo, f"SELECT SUM(y.annual_plan) {LISTED}")
    completed = one(demo, COMPLETED)
    rate = percent(completed, plan)
    yi = (Decimal(completed) / 1_000_000).quantize(Decimal("0.01"), ROUND_HALF_UP)
    ahead = rate - Decimal("50.0")
    tail = f"超时序进度{ahead}个百分点" if ahead > 0 else f"落后时序进度{-ahead}个百分点"
    expected = (
        f"截至6月底，全区{listed}个重点项目已开工{started}个，开工率{percent(started, listed)}%；"
        f"完成投资{yi:,}亿元，占年度计划的{rate}%，{tail}。"
    )
    assert listed == 39 and 0 < completed < plan
    assert draft.section("overview").paragraphs[0] == expected


def test_the_best_three_units_are_named_by_their_own_sums(demo, draft):
    rows = demo.execute(
        f"""SELECT u.name, SUM(y.annual_plan),
                   (SELECT COALESCE(SUM(r.completed_this_year), 0) FROM progress_reports r
                     JOIN project_years y2 ON y2.project_id = r.project_id AND y2.year = 2020
                     JOIN projects p2 ON p2.id = r.project_id AND p2.deleted_at IS NULL
                    WHERE r.period = '2020-06' AND r.deleted_at IS NULL AND p2.unit_id = u.id)
            {LISTED.replace("WHERE", "JOIN units u ON u.id = p.unit_id WHERE")} GROUP BY u.id"""
    ).fetchall()
    rates = sorted(((percent(done, plan), name) for name, plan, done in rows if plan), reverse=True)
    best = "、".join(f"{name}（{rate}%）" for rate, name in rates[:3])
    assert f"完成率居前三位的是{best}；" in draft.section("ranking").paragraphs[0]


def test_the_problem_counts_match_the_problem_list(demo, draft):
    total = one(
        demo,
        f"""SELECT COUNT(*) FROM problems pr
           WHERE pr.deleted_at IS NULL AND pr.raised_on <= '2020-06-30'
             AND pr.project_id IN (SELECT p.id {LISTED})""",
    )
    assert f"目前各项目共梳理问题{total}个" in draft.section("problems").paragraphs[0]


def test_lagging_projects_are_named_worst_first(demo, draft):
    facts = monthly_facts(demo, PERIOD)
    behind = sorted(
        (p for p in facts.lagging if p.ahead is not None and p.ahead < 0), key=lambda p: p.ahead
    )
    assert behind
    worst = behind[0]
    text = "".join(draft.section("lagging").paragraphs)
    assert f"{worst.unit}{worst.name}（落后{-worst.ahead}个百分点）" in text
    assert f"共有{len(facts.lagging)}个项目进度滞后或存在逾期事项" in text


def test_the_bulletin_defaults_to_the_newest_month_with_reports(demo):
    assert latest_period(demo) == PERIOD


def test_without_reports_the_bulletin_defaults_to_the_last_full_month(db):
    settings.put(db, settings.BUSINESS_DATE, "2020-07-15")
    assert latest_period(db) == "2020-06"  # July is not over on the 15th


@pytest.fixture(scope="module")
def bulletin_pdf(demo, tmp_path_factory):
    """The June bulletin with an edited sentence and a project named with markup characters."""
    facts = monthly_facts(demo, PERIOD)
    lagging_name = facts.lagging[0].name
    project_id = one(demo, "SELECT id FROM projects WHERE name = ?", lagging_name)
    projects.save(demo, dataclasses.replace(projects.get(demo, project_id), name="A<B & C项目"))
    facts = monthly_facts(demo, PERIOD)
    draft = draft_monthly(facts)
    draft.section("overview").paragraphs.append("这是经办人修改后加上的一句话。")
    path = tmp_path_factory.mktemp("pdf") / "bulletin.pdf"
    steps = []
    pages = write_monthly_pdf(facts, draft, path, lambda *step: steps.append(step))
    return path, pages, steps


def test_the_pdf_prints_the_officers_edit_and_the_figures(bulletin_pdf, draft):
    path, pages, _ = bulletin_pdf
    text = pdf_text(path)
    assert pages >= 4
    for expected in (
        "重点项目建设通报",
        "关于2020年1-6月全区重点项目建设情况的通报",
        "各镇街、功能区，区直有关部门：",
        "一、总体情况",
        "这是经办人修改后加上的一句话。",
        "表1各区位1-6月重点项目投资完成情况",
        "图1逐月累计完成投资与时序进度",
        "附件1",
        "即墨区发展和改革局",
    ):
        assert expected in text, expected


def test_a_name_with_markup_characters_prints_as_written(bulletin_pdf):
    assert "A<B&C项目" in pdf_text(bulletin_pdf[0])


def test_the_export_reports_each_step_up_to_done(bulletin_pdf):
    steps = bulletin_pdf[2]
    assert steps[-1][0] == steps[-1][1]
    assert [done for done, _, _ in steps] == sorted(done for done, _, _ in steps)


def test_a_kept_draft_comes_back_and_its_changes_are_audited(demo, draft):
    briefing_id = briefings.save(demo, draft)
    edited = dataclasses.replace(draft, title="关于上半年全区重点项目建设情况的通报")
    assert briefings.save(demo, edited) == briefing_id
    kept = briefings.saved(demo, Kind.MONTHLY, PERIOD)
    assert kept.draft == edited
    actions = [entry.action for entry in audit.history(demo, "briefings", briefing_id)]
    assert actions == ["update", "insert"]
    change = audit.history(demo, "briefings", briefing_id)[0]
    assert "1-6月" in change.old_value and "上半年" in change.new_value


def test_a_draft_survives_its_round_trip_through_json(draft):
    assert Draft.from_json(draft.to_json()) == draft
