import dataclasses

import pytest

from jimo_desktop.domain.project import Level, Project, YearListing
from jimo_desktop.domain.validation import MAX_NAME_LENGTH, validate_project


def valid_project(**changes) -> Project:
    project = Project(
        name="海洋生物医药产业园",
        unit_id=1,
        industry_id=1,
        total_investment=1_000_000,
        planned_start="2020-03",
        planned_end="2021-12",
        actual_start="2020-04-15",
        actual_end="2021-11",
        builder_phone="0532-8858 1234",
        responsible_phone="13800000000",
        in_statistics=True,
        statistics_date="2020-05",
        years=[YearListing(2020, Level.DISTRICT, 300_000), YearListing(2021)],
    )
    return dataclasses.replace(project, **changes)


def test_a_complete_valid_project_has_no_problems():
    assert validate_project(valid_project()) == {}


def test_a_minimal_project_has_no_problems():
    assert validate_project(Project(name="储备项目", unit_id=3, industry_id=2)) == {}


def test_name_of_maximum_length_is_accepted():
    assert validate_project(valid_project(name="园" * MAX_NAME_LENGTH)) == {}


def test_plan_equal_to_total_is_accepted():
    project = valid_project(years=[YearListing(2020, None, 1_000_000)])
    assert validate_project(project) == {}


def test_end_in_the_same_month_as_a_full_start_date_is_accepted():
    project = valid_project(planned_start="2020-06-15", planned_end="2020-06")
    assert validate_project(project) == {}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "园" * (MAX_NAME_LENGTH + 1)}, "name"),
        ({"unit_id": None}, "unit_id"),
        ({"industry_id": None}, "industry_id"),
        ({"total_investment": -1, "years": []}, "total_investment"),
        ({"planned_start": "2020-06", "planned_end": "2020-05-31"}, "planned_end"),
        ({"planned_start": "2021-01-10", "planned_end": "2020-12"}, "planned_end"),
        ({"actual_start": "2020-06", "actual_end": "2020-05"}, "actual_end"),
        ({"actual_start": None, "in_statistics": False}, "actual_start"),
        ({"builder_phone": "八八五八一二三四"}, "builder_phone"),
        ({"builder_phone": "123"}, "builder_phone"),
        ({"responsible_phone": "138abc00000"}, "responsible_phone"),
        ({"actual_start": None, "actual_end": None}, "in_statistics"),
        ({"years": [YearListing(1999)]}, "years"),
        ({"years": [YearListing(2101)]}, "years"),
        ({"years": [YearListing(2020), YearListing(2020, Level.PROVINCE)]}, "years"),
        ({"years": [YearListing(2020, None, -1)]}, "years"),
        ({"years": [YearListing(2020, None, 1_000_001)]}, "years"),
    ],
)
def test_each_rule_names_its_field_and_only_that_field(changes, field):
    problems = validate_project(valid_project(**changes))
    assert set(problems) == {field}
    assert problems[field].strip()


def test_several_problems_are_reported_together():
    project = Project(name="", unit_id=None, industry_id=None, total_investment=-5)
    assert set(validate_project(project)) == {"name", "unit_id", "industry_id", "total_investment"}


def test_full_end_date_before_full_start_date_in_the_same_month_is_refused():
    project = valid_project(planned_start="2020-06-20", planned_end="2020-06-10")
    assert set(validate_project(project)) == {"planned_end"}
