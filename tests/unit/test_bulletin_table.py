"""表1 of the 月度通报 read back from the printed PDF, every cell, against sums written here in
SQL and plain arithmetic, for a past month and the current one: the list, the starts and the
reports as they stood at each month's end."""

import re
import subprocess
from decimal import ROUND_HALF_UP, Decimal

import pytest

from jimo_desktop.reports.bulletin import draft_monthly
from jimo_desktop.reports.bulletin_pdf import write_monthly_pdf
from jimo_desktop.store.papers.briefing_facts import monthly_facts
from tests.briefing_demo import briefing_demo

MONTH_ENDS = {"2020-03": "2020-03-31", "2020-06": "2020-06-30"}
# rank, 区位, 项目个数, 已开工, 开工率, 年度计划(亿元), 累计完成(亿元), 占年度计划, 超时序进度
_ROW = re.compile(
    r"^\s*(\d+|—)?\s*(\S+)\s+(\d+)\s+(\d+)\s+([\d.]+%)\s+([\d,.]+)\s+([\d,.]+)\s+([\d.]+%|—)"
    r"\s+([+-]?[\d.]+|—)\s*$"
)
_LISTED = """
SELECT COALESCE(u.name, ''), COUNT(*),
       SUM(p.actual_start IS NOT NULL AND substr(p.actual_start, 1, 10) <= :day),
       COALESCE(SUM(y.annual_plan), 0),
       COALESCE(SUM((SELECT r.completed_this_year FROM progress_reports r
                     WHERE r.project_id = p.id AND r.period = :period
                       AND r.deleted_at IS NULL)), 0)
FROM project_years y
JOIN projects p ON p.id = y.project_id AND p.deleted_at IS NULL
LEFT JOIN units u ON u.id = p.unit_id
WHERE y.year = 2020
  AND (y.added_on IS NULL OR y.added_on <= :day)
  AND (y.withdrawn_on IS NULL OR y.withdrawn_on > :day)
GROUP BY u.name
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = briefing_demo(tmp_path_factory.mktemp("table1") / "demo.sqlite3", project_count=60)
    yield db
    db.close()


def one_decimal(part: int, whole: int) -> Decimal:
    return (Decimal(part * 100) / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def yi(cents: int) -> str:
    return f"{(Decimal(cents) / 1_000_000).quantize(Decimal('0.01'), ROUND_HALF_UP):,}"


def expected_rows(db, period: str) -> dict[str, tuple[str, ...]]:
    """区位 → its row as 表1 should print it, from SQL and arithmetic written here."""
    elapsed = one_decimal(int(period[5:]), 12)  # 时序进度: months over twelve
    found = {}
    rows = db.execute(_LISTED, {"day": MONTH_ENDS[period], "period": period}).fetchall()
    for unit, listed, started, plan, completed in rows:
        rate = one_decimal(completed, plan) if plan else None
        ahead = rate - elapsed if rate is not None else None
        found[unit] = (
            str(listed),
            str(started),
            f"{one_decimal(started, listed)}%",
            yi(plan),
            yi(completed),
            f"{rate}%" if rate is not None else "—",
            "—" if ahead is None else (f"+{ahead}" if ahead > 0 else str(ahead)),
        )
    return found


def expected_ranks(rows: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Best 占年度计划 first; equal rates share a place (1, 2, 2, 4); no plan, no place."""
    rated = sorted(
        ((Decimal(row[5][:-1]), unit) for unit, row in rows.items() if row[5] != "—"),
        reverse=True,
    )
    ranks, place = {}, 0
    for position, (rate, unit) in enumerate(rated, start=1):
        if position == 1 or rate != rated[position - 2][0]:
            place = position
        ranks[unit] = str(place)
    return {unit: ranks.get(unit, "—") for unit in rows}


def printed_table(db, period: str, tmp_path) -> list[tuple[str, ...]]:
    facts = monthly_facts(db, period)
    path = tmp_path / f"{period}.pdf"
    write_monthly_pdf(facts, draft_monthly(facts), path)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    ).stdout
    start = text.index("表1")
    end = text.index("全区合计", start)
    end = text.index("\n", end)
    return [match.groups() for line in text[start:end].splitlines() if (match := _ROW.match(line))]


@pytest.mark.parametrize("period", sorted(MONTH_ENDS))
def test_every_cell_of_table_1_is_what_the_data_says_at_the_months_end(demo, period, tmp_path):
    expected = expected_rows(demo, period)
    ranks = expected_ranks(expected)
    printed = printed_table(demo, period, tmp_path)
    units = [row for row in printed if row[1] != "全区合计"]
    assert {row[1]: row[2:] for row in units} == expected
    assert {row[1]: row[0] for row in units} == ranks
    shown_ranks = [int(row[0]) if row[0] != "—" else len(units) + 1 for row in units]
    assert shown_ranks == sorted(shown_ranks)  # best first, the unranked last
    total = next(row for row in printed if row[1] == "全区合计")
    listed = sum(int(row[0]) for row in expected.values())
    started = sum(int(row[1]) for row in expected.values())
    assert total[2:5] == (str(listed), str(started), f"{one_decimal(started, listed)}%")


def test_march_and_june_differ_where_the_data_moved(demo, tmp_path):
    march = {row[1]: row for row in printed_table(demo, "2020-03", tmp_path)}
    june = {row[1]: row for row in printed_table(demo, "2020-06", tmp_path)}
    # More projects had started by June than by March; a unit whose list did not change
    # never has fewer (a project withdrawn in May leaves its unit's list, and its start).
    assert int(june["全区合计"][3]) > int(march["全区合计"][3])
    same_list = [unit for unit, row in march.items() if unit in june and june[unit][2] == row[2]]
    assert same_list
    assert all(int(june[unit][3]) >= int(march[unit][3]) for unit in same_list)
