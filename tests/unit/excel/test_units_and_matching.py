"""Unit and industry names matched to the dictionaries; project names to the kept projects."""

from dataclasses import dataclass

import pytest

from jimo_desktop.excel.importing.matching import Closeness, Found, ProjectMatcher, normalise_name
from jimo_desktop.excel.importing.units import industry_matcher, unit_matcher
from jimo_desktop.store import dictionaries


@pytest.fixture
def units(db):
    return unit_matcher(dictionaries.entries(db, "units"))


def unit_named(db, name: str) -> int:
    return next(entry.id for entry in dictionaries.entries(db, "units") if entry.name == name)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("通济街道", "通济街道"),
        ("蓝谷", "青岛蓝谷"),  # an alias
        ("经济开发区", "即墨经济开发区"),
        ("即墨区通济街道办事处", "通济街道"),  # administrative prefix and suffix
        ("青岛蓝谷管理局", "青岛蓝谷"),
        ("通济 街道", "通济街道"),
        ("通济", "通济街道"),  # the core of a street's name
        ("鳌山卫镇", "鳌山卫街道"),  # the former name
        ("鳌山卫", "鳌山卫街道"),
        ("田横", "田横镇"),
    ],
)
def test_units_are_matched_exactly_then_normalised(db, units, written, meant):
    assert units.match(written) == unit_named(db, meant)


@pytest.mark.parametrize("written", ["即墨区发展和改革局", "城阳街道", ""])
def test_an_unknown_unit_is_not_guessed(units, written):
    assert units.match(written) is None


def test_a_unit_named_in_a_title(db, units):
    assert units.find_in("即墨区2020年重点项目申报表（通济街道）") == unit_named(db, "通济街道")
    assert units.find_in("2020年即墨区重点项目清单") is None


def test_industries_are_matched_without_their_suffix(db):
    matcher = industry_matcher(dictionaries.entries(db, "industries"))
    names = dictionaries.names_by_id(db, "industries")
    assert names[matcher.match("现代海洋产业")] == "现代海洋"
    assert names[matcher.match("交通类")] == "交通"
    assert matcher.match("装备制造") is None


@dataclass(frozen=True)
class Kept:
    id: int
    name: str
    unit_id: int | None
    code: str = ""


KEPT = [
    Kept(1, "海洋生物医药产业园项目", 1),
    Kept(2, "鹤山路拓宽改造工程（一期）", 1),
    Kept(3, "老旧小区综合整治工程", 2, "2020-370282-48-01-000001"),
]


def test_names_are_compared_without_brackets_spaces_or_width():
    assert normalise_name("鹤山路拓宽改造工程(一期)") == normalise_name(
        "鹤山路拓宽改造工程（一期）"
    )
    assert normalise_name(" ＡＢＣ 产业园 ") == normalise_name("abc产业园")


def test_an_exact_match_is_by_code_or_by_name_within_the_unit():
    matcher = ProjectMatcher(KEPT)
    assert matcher.exact("海洋生物医药产业园项目", 1) == 1
    assert matcher.exact("鹤山路拓宽改造工程(一期)", 1) == 2
    assert matcher.exact("海洋生物医药产业园项目", 5) is None
    assert matcher.exact("改了名字的项目", 9, "2020-370282-48-01-000001") == 3
    assert matcher.exact("海洋生物医药产业园项目", None) == 1


@pytest.mark.parametrize(
    ("written", "unit_id", "project_id", "closeness"),
    [
        ("海洋生物医药产业园", 1, 1, Closeness.SUFFIX),
        ("海洋生物医药产业园工程", 1, 1, Closeness.SUFFIX),
        ("海洋生物医药产业圆项目", 1, 1, Closeness.ONE_CHARACTER),
        ("海洋生物医药产业园项目", 7, 1, Closeness.OTHER_UNIT),
        ("海洋生物医药产业园项目（一期）", 1, 1, Closeness.BRACKETS),
        ("鹤山路拓宽改造工程", 1, 2, Closeness.BRACKETS),
    ],
)
def test_near_names_become_questions(written, unit_id, project_id, closeness):
    assert ProjectMatcher(KEPT).near(written, unit_id) == Found(project_id, closeness)


def test_another_phase_is_another_project_not_a_slip():
    matcher = ProjectMatcher(KEPT)
    assert matcher.exact("鹤山路拓宽改造工程（二期）", 1) is None
    assert matcher.near("鹤山路拓宽改造工程（二期）", 1) is None


def test_an_unrelated_name_has_no_near_match():
    assert ProjectMatcher(KEPT).near("蓝谷人工智能产业园", 1) is None
