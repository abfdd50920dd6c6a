"""报送情况: an imported 调度表 is recorded for its 区位 and month, and `submissions` lists
every 区位 as 已报, 未报 or 逾期 against the due day set in 设置, late ones first."""

import shutil
from pathlib import Path

import pytest

from jimo_desktop import cli
from jimo_desktop.domain.submissions import due_date
from jimo_desktop.store import reminders, settings, submissions
from jimo_desktop.store.database import open_database
from tests.monthly_returns import fill_like_a_unit
from tests.unit.test_monthly_templates import (  # noqa: F401  (fixtures)
    PERIOD,
    database,
    demo,
    template_of,
    templates,
    units_with_projects,
)


def test_the_due_day_is_the_fifth_of_the_next_month_unless_set_and_never_past_its_end():
    assert str(due_date("2020-07")) == "2020-08-05"
    assert str(due_date("2020-12")) == "2021-01-05"
    assert str(due_date("2021-01", 28)) == "2021-02-28"


def lines(capsys) -> list[str]:
    return capsys.readouterr().out.splitlines()


@pytest.fixture
def one_returned(database, templates, tmp_path, capsys) -> str:
    unit = units_with_projects(database)[0]
    path = Path(shutil.copy(template_of(templates, unit), tmp_path))
    fill_like_a_unit(path)
    assert cli.main(["import-excel", str(path), "--db", str(database)]) == 0
    capsys.readouterr()
    return unit


def test_an_imported_template_makes_its_unit_reported_with_its_projects_and_others_missing(
    database, one_returned, capsys
):
    assert cli.main(["submissions", "--db", str(database), "--period", PERIOD]) == 0
    shown = lines(capsys)
    assert len(shown) == 24
    reported = [line for line in shown if "已报（" in line]
    assert len(reported) == 1 and reported[0].startswith(f"{one_returned}　已报（2020年6月30日，")
    assert shown[0].endswith("未报（应于2020年8月5日前报送）")  # the demo's day is 2020-06-30
    assert reported[0] == shown[-2]  # reported ones last
    assert shown[-1] == "2020年7月调度表：已报 1 个区位，未报 22 个，逾期 0 个（截止2020年8月5日）"


def test_after_the_due_day_set_in_settings_the_missing_units_are_late_and_listed_first(
    database, one_returned, capsys
):
    db = open_database(database)
    submissions.set_due_day(db, 3)
    settings.put(db, settings.BUSINESS_DATE, "2020-08-04")
    db.close()
    assert cli.main(["submissions", "--db", str(database), "--period", PERIOD]) == 0
    shown = lines(capsys)
    assert all("逾期（应于2020年8月3日前报送）" in line for line in shown[:22])
    assert f"{one_returned}　已报" in shown[22]
    assert shown[-1].endswith("已报 1 个区位，未报 0 个，逾期 22 个（截止2020年8月3日）")


def test_the_reminders_at_opening_count_the_units_that_owe_last_months_report(
    database, one_returned
):
    db = open_database(database)
    settings.put(db, settings.BUSINESS_DATE, "2020-08-04")  # July is the last month over
    found = reminders.todays_reminders(db)
    db.close()
    assert found.units_missing == len(units_with_projects(database)) - 1
