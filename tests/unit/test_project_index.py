import dataclasses
import random
import unicodedata

import pytest

from jimo_desktop.domain.money import parse_wan
from jimo_desktop.domain.pinyin import name_initials
from jimo_desktop.domain.project import Level, Project, Stage, YearListing
from jimo_desktop.store import dictionaries
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.project_library.project_index import (
    ProjectFilter,
    ProjectIndex,
    ProjectKind,
    Scale,
    SortKey,
)

CURRENT_YEAR = 2020

# name, unit, industry, stage, government, total (万元), listings (year, level, plan 万元)
SAMPLE = [
    ("海洋生物医药产业园", "通济街道", "现代海洋", Stage.STARTED, False, "120000",
     [(2020, Level.PROVINCE, "30000")]),
    ("蓝谷海洋科技中心", "青岛蓝谷", "科技创新", Stage.PLANNING, False, "5000",
     [(2020, Level.DISTRICT, "1000")]),
    ("即墨古城保护工程", "通济街道", "城建", Stage.COMPLETED, True, "4999.99",
     [(2019, Level.DISTRICT, "2000")]),
    ("5G基站建设", "蓝村镇", "微电子", Stage.STARTED, False, None,
     [(2020, None, None)]),
    ("ＡＢＣ新材料项目", "即墨经济开发区", "新材料", Stage.RESERVE, False, "80000",
     [(2021, Level.QINGDAO, "20000")]),
    ("温泉康养小镇", "温泉街道", "大健康", Stage.PRODUCING, False, "30000",
     [(2020, Level.QINGDAO, "8000.5"), (2021, Level.PROVINCE, "9000")]),
    ("海水淡化厂", "鳌山卫街道", "水利", Stage.STARTED, True, "20000", []),
    ("汽车零部件产业园", "青岛汽车产业新城", "工业技改", Stage.STARTED, False, "60000",
     [(2020, Level.DISTRICT, "15000")]),
    ("海洋", "田横镇", "现代海洋", Stage.PLANNING, False, "100", []),
    ("国际陆港物流园", "青岛国际陆港", "现代服务业", Stage.RESERVE, False, "45000",
     [(2021, Level.DISTRICT, "10000")]),
]  # fmt: skip


@dataclasses.dataclass
class Sample:
    db: object
    index: ProjectIndex
    ids: dict[str, int]
    units: dict[str, int]
    industries: dict[str, int]

    def names(self, wanted: ProjectFilter, sort=SortKey.NAME, descending=False) -> list[str]:
        selection = self.index.select(wanted, sort, descending)
        return [selection.row(number).name for number in range(len(selection))]

    def found(self, **filter_fields) -> set[str]:
        return set(self.names(ProjectFilter(**filter_fields)))


@pytest.fixture
def sample(db) -> Sample:
    units = {name: id_ for id_, name in dictionaries.names_by_id(db, "units").items()}
    industries = {name: id_ for id_, name in dictionaries.names_by_id(db, "industries").items()}
    ids = {}
    for name, unit, industry, stage, government, total, listings in SAMPLE:
        project = Project(
            name=name,
            unit_id=units[unit],
            industry_id=industries[industry],
            stage=stage,
            is_government=government,
            total_investment=parse_wan(total),
            years=[YearListing(year, level, parse_wan(plan)) for year, level, plan in listings],
        )
        ids[name] = projects.save(db, project).id
    return Sample(db, ProjectIndex(db, CURRENT_YEAR), ids, units, industries)


def test_index_holds_every_live_project(sample):
    assert len(sample.index) == len(SAMPLE)
    assert sample.found() == {row[0] for row in SAMPLE}
    assert sample.index.years() == [2019, 2020, 2021]


def test_one_character_search(sample):
    assert sample.found(text="海") == {
        "海洋生物医药产业园",
        "蓝谷海洋科技中心",
        "海水淡化厂",
        "海洋",
    }


def test_two_character_search(sample):
    assert sample.found(text="海洋") == {"海洋生物医药产业园", "蓝谷海洋科技中心", "海洋"}


def test_longer_search(sample):
    assert sample.found(text="产业园") == {"海洋生物医药产业园", "汽车零部件产业园"}
    assert sample.found(text="海洋生物医药产业园") == {"海洋生物医药产业园"}


def test_search_ignores_blanks_in_the_query(sample):
    assert sample.found(text=" 产业 园 ") == {"海洋生物医药产业园", "汽车零部件产业园"}


def test_search_never_matches_across_two_names(sample):
    # "…产业园" is followed by "蓝谷…" in id order; the joined text must not bridge them
    assert sample.found(text="园蓝") == set()
    assert sample.found(text="洋蓝") == set()


def test_query_longer_than_every_name_matches_nothing(sample):
    assert sample.found(text="海洋生物医药产业园海洋生物医药产业园") == set()


def test_full_width_query_matches_half_width_name_and_back(sample):
    assert sample.found(text="５Ｇ基站") == {"5G基站建设"}
    assert sample.found(text="５ｇ") == {"5G基站建设"}
    assert sample.found(text="abc新材料") == {"ＡＢＣ新材料项目"}
    assert sample.found(text="ABC") == {"ＡＢＣ新材料项目"}


def test_pinyin_initials_query(sample):
    assert sample.found(text="hyswy") == {"海洋生物医药产业园"}
    assert sample.found(text="HYSWY") == {"海洋生物医药产业园"}
    assert sample.found(text="ＨＹ") == {"海洋生物医药产业园", "蓝谷海洋科技中心", "海洋"}
    assert sample.found(text="cyy") == {"海洋生物医药产业园", "汽车零部件产业园"}


def test_query_that_matches_nothing(sample):
    assert sample.found(text="不存在") == set()
    assert sample.found(text="zzz") == set()
    assert len(sample.index.select(ProjectFilter(text="zzz"))) == 0


def test_filter_by_year_of_listing(sample):
    assert sample.found(year=2020) == {
        "海洋生物医药产业园", "蓝谷海洋科技中心", "5G基站建设", "温泉康养小镇", "汽车零部件产业园",
    }  # fmt: skip
    assert sample.found(year=2019) == {"即墨古城保护工程"}
    assert sample.found(year=2018) == set()


def test_filter_by_unit(sample):
    assert sample.found(unit_id=sample.units["通济街道"]) == {
        "海洋生物医药产业园",
        "即墨古城保护工程",
    }
    assert sample.found(unit_id=sample.units["马山生态区"]) == set()


def test_filter_by_industry(sample):
    assert sample.found(industry_id=sample.industries["现代海洋"]) == {"海洋生物医药产业园", "海洋"}


def test_filter_by_stage(sample):
    assert sample.found(stage=Stage.STARTED) == {
        "海洋生物医药产业园", "5G基站建设", "海水淡化厂", "汽车零部件产业园",
    }  # fmt: skip
    assert sample.found(stage=Stage.PRODUCING) == {"温泉康养小镇"}


def test_filter_government_projects(sample):
    assert sample.found(kind=ProjectKind.GOVERNMENT) == {"即墨古城保护工程", "海水淡化厂"}


def test_filter_key_projects_of_a_year_excludes_listings_without_level(sample):
    assert sample.found(kind=ProjectKind.KEY, year=2020) == {
        "海洋生物医药产业园", "蓝谷海洋科技中心", "温泉康养小镇", "汽车零部件产业园",
    }  # fmt: skip


def test_filter_key_projects_of_any_year(sample):
    assert sample.found(kind=ProjectKind.KEY) == {
        "海洋生物医药产业园", "蓝谷海洋科技中心", "即墨古城保护工程", "ＡＢＣ新材料项目",
        "温泉康养小镇", "汽车零部件产业园", "国际陆港物流园",
    }  # fmt: skip


def test_filter_by_level_in_a_year_and_in_any_year(sample):
    assert sample.found(kind=ProjectKind.KEY_PROVINCE, year=2020) == {"海洋生物医药产业园"}
    assert sample.found(kind=ProjectKind.KEY_PROVINCE) == {"海洋生物医药产业园", "温泉康养小镇"}
    assert sample.found(kind=ProjectKind.KEY_QINGDAO, year=2021) == {"ＡＢＣ新材料项目"}
    assert sample.found(kind=ProjectKind.KEY_QINGDAO, year=2020) == {"温泉康养小镇"}
    assert sample.found(kind=ProjectKind.KEY_DISTRICT, year=2021) == {"国际陆港物流园"}


def test_scale_threshold_is_5000_wan_inclusive_and_unknown_totals_are_in_neither(sample):
    above = sample.found(scale=Scale.ABOVE_THRESHOLD)
    below = sample.found(scale=Scale.BELOW_THRESHOLD)
    assert "蓝谷海洋科技中心" in above  # exactly 500000 cents
    assert "即墨古城保护工程" in below  # 499999 cents
    assert below == {"即墨古城保护工程", "海洋"}
    assert above == {row[0] for row in SAMPLE} - below - {"5G基站建设"}


def test_filters_combine_with_search(sample):
    assert sample.found(year=2020, text="海") == {"海洋生物医药产业园", "蓝谷海洋科技中心"}
    assert sample.found(scale=Scale.ABOVE_THRESHOLD, stage=Stage.STARTED, text="产业园") == {
        "海洋生物医药产业园",
        "汽车零部件产业园",
    }
    assert sample.found(unit_id=sample.units["通济街道"], text="hyswy") == {"海洋生物医药产业园"}
    assert sample.found(unit_id=sample.units["通济街道"], text="汽车") == set()
    assert sample.found(kind=ProjectKind.GOVERNMENT, text="hs") == {"海水淡化厂"}


def test_sort_by_name_follows_pinyin_initials_and_descending_reverses(sample):
    ascending = sample.names(ProjectFilter(), SortKey.NAME)
    expected = sorted((row[0] for row in SAMPLE), key=lambda name: (name_initials(name), name))
    assert ascending == expected
    assert ascending[0] == "5G基站建设"
    assert sample.names(ProjectFilter(), SortKey.NAME, descending=True) == expected[::-1]


def test_sort_by_total_puts_unknown_first_ascending_and_largest_first_descending(sample):
    selection = sample.index.select(ProjectFilter(), SortKey.TOTAL)
    totals = [selection.row(n).total_investment for n in range(len(selection))]
    assert totals[0] is None
    assert totals[1:] == sorted(totals[1:])
    descending = sample.names(ProjectFilter(), SortKey.TOTAL, descending=True)
    assert descending[:3] == ["海洋生物医药产业园", "ＡＢＣ新材料项目", "汽车零部件产业园"]
    assert descending[-1] == "5G基站建设"


def test_sort_applies_within_a_filtered_selection(sample):
    names = sample.names(ProjectFilter(text="海"), SortKey.TOTAL, descending=True)
    assert names == ["海洋生物医药产业园", "海水淡化厂", "蓝谷海洋科技中心", "海洋"]


def test_selection_totals_sum_known_amounts_exactly(sample):
    everything = sample.index.select(ProjectFilter())
    known = [parse_wan(row[5]) for row in SAMPLE if row[5]]
    assert everything.total_investment() == sum(known)
    assert sample.index.select(ProjectFilter(text="海洋")).total_investment() == parse_wan("125100")
    year_2020 = sample.index.select(ProjectFilter(year=2020))
    assert year_2020.year == 2020
    assert year_2020.annual_plan() == parse_wan("54000.5")
    assert sample.index.select(ProjectFilter(year=2021)).annual_plan() == parse_wan("39000")


def test_rows_carry_display_values(sample):
    selection = sample.index.select(ProjectFilter(text="温泉康养"))
    row = selection.row(0)
    assert row.id == sample.ids["温泉康养小镇"]
    assert row.unit == "温泉街道"
    assert row.industry == "大健康"
    assert row.stage is Stage.PRODUCING
    assert row.total_investment == 3_000_000
    assert row.annual_plan == 800_050  # the index's current year, 2020
    assert row.years == (2020, 2021)
    assert selection.project_id(0) == row.id
    assert selection.number_of(row.id) == 0
    assert selection.number_of(sample.ids["海洋"]) is None


def test_refresh_takes_in_an_edit(sample):
    project_id = sample.ids["海洋"]
    edited = dataclasses.replace(
        projects.get(sample.db, project_id),
        name="马山石林公园",
        total_investment=parse_wan("8000"),
        years=[YearListing(2020, Level.DISTRICT, parse_wan("100"))],
    )
    projects.save(sample.db, edited)

    sample.index.refresh(project_id)

    assert len(sample.index) == len(SAMPLE)
    assert sample.found(text="海洋") == {"海洋生物医药产业园", "蓝谷海洋科技中心"}
    assert sample.found(text="石林") == {"马山石林公园"}
    assert sample.found(text="msslgy") == {"马山石林公园"}
    assert "马山石林公园" in sample.found(year=2020, scale=Scale.ABOVE_THRESHOLD)
    assert sample.names(ProjectFilter(), SortKey.NAME) == sorted(
        sample.names(ProjectFilter(), SortKey.NAME),
        key=lambda name: (name_initials(name), name),
    )


def test_refresh_after_delete_drops_the_project_and_after_restore_brings_it_back(sample):
    project_id = sample.ids["海水淡化厂"]
    projects.delete(sample.db, project_id)
    sample.index.refresh(project_id)

    assert len(sample.index) == len(SAMPLE) - 1
    assert sample.found(text="海") == {"海洋生物医药产业园", "蓝谷海洋科技中心", "海洋"}
    assert sample.found(kind=ProjectKind.GOVERNMENT) == {"即墨古城保护工程"}
    assert sample.index.select(ProjectFilter()).number_of(project_id) is None

    projects.restore(sample.db, project_id)
    sample.index.refresh(project_id)

    assert len(sample.index) == len(SAMPLE)
    assert "海水淡化厂" in sample.found(text="海")


def test_refresh_takes_in_a_new_project(sample):
    new = projects.save(
        sample.db, Project(name="海洋牧场", unit_id=1, industry_id=1, years=[YearListing(2022)])
    )
    sample.index.refresh(new.id)
    assert sample.found(text="海洋牧") == {"海洋牧场"}
    assert sample.index.years() == [2019, 2020, 2021, 2022]


ALPHABET = "海洋园区港蓝谷产业"


def _random_names(rng: random.Random, count: int, alphabet: str) -> list[str]:
    return ["".join(rng.choices(alphabet, k=rng.randint(1, 8))) for _ in range(count)]


def _index_of(db, names: list[str]) -> tuple[ProjectIndex, list[int]]:
    ids = [projects.save(db, Project(name=name, unit_id=1, industry_id=1)).id for name in names]
    return ProjectIndex(db, CURRENT_YEAR), ids


def _found_ids(index: ProjectIndex, query: str) -> set[int]:
    selection = index.select(ProjectFilter(text=query))
    return {selection.project_id(n) for n in range(len(selection))}


def test_search_agrees_with_a_plain_substring_scan(db):
    rng = random.Random(4)
    names = _random_names(rng, 300, ALPHABET)
    index, ids = _index_of(db, names)
    queries = ["".join(rng.choices(ALPHABET, k=rng.randint(1, 4))) for _ in range(400)]
    nonempty = 0
    for query in queries:
        expected = {id_ for id_, name in zip(ids, names, strict=True) if query in name}
        assert _found_ids(index, query) == expected, query
        nonempty += bool(expected)
    assert nonempty > 100  # the alphabet is small enough that most queries hit something


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def test_mixed_width_latin_search_agrees_with_a_scan_of_names_and_initials(db):
    alphabet = "海洋园aＡbＢ5５"
    rng = random.Random(7)
    names = _random_names(rng, 300, alphabet)
    index, ids = _index_of(db, names)
    for _ in range(300):
        query = "".join(rng.choices(alphabet, k=rng.randint(1, 4)))
        wanted = _normal(query)
        expected = {
            id_
            for id_, name in zip(ids, names, strict=True)
            if wanted in _normal(name) or (wanted.isascii() and wanted in name_initials(name))
        }
        assert _found_ids(index, query) == expected, query


def test_the_list_shows_stage_and_statistics_as_of_today_from_the_dates(db):
    from jimo_desktop.store import settings

    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    dated = {
        # stored stage, actual start, actual end, 纳统, 纳统 date → stage and 纳统 shown on 6-30
        "未改阶段": (Stage.PLANNING, "2020-05-10", None, True, "2020-06", Stage.STARTED, True),
        "七月才开工": (Stage.STARTED, "2020-07-01", None, True, "2020-08", Stage.RESERVE, False),
        "五月竣工": (Stage.STARTED, "2019-03", "2020-05", False, None, Stage.COMPLETED, False),
        "投产": (Stage.PRODUCING, "2018-03", "2019-12", True, None, Stage.PRODUCING, True),
        "谋划": (Stage.PLANNING, None, None, False, None, Stage.PLANNING, False),
    }
    unit = next(iter(dictionaries.names_by_id(db, "units")))
    industry = next(iter(dictionaries.names_by_id(db, "industries")))
    ids = projects.insert_many(
        db,
        [
            Project(
                name=name,
                unit_id=unit,
                industry_id=industry,
                stage=stored,
                actual_start=start,
                actual_end=end,
                in_statistics=counted,
                statistics_date=since,
            )
            for name, (stored, start, end, counted, since, _, _) in dated.items()
        ],
    )
    index = ProjectIndex(db, CURRENT_YEAR)
    selection = index.select(ProjectFilter(), SortKey.NAME)
    shown = {}
    for number in range(len(selection)):
        row = selection.row(number)
        shown[row.name] = (row.stage, row.in_statistics)
    assert len(ids) == len(shown)
    assert shown == {name: values[5:] for name, values in dated.items()}
