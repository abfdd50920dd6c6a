"""The quick paths of a large import read and write exactly what the general paths do."""

import dataclasses
import gc
from decimal import InvalidOperation

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jimo_desktop.domain.money import WAN_PER_YI, MoneyError, parse_wan
from jimo_desktop.domain.project import Level, Nature, Project, Stage, YearListing
from jimo_desktop.excel.importing import values
from jimo_desktop.excel.importing.fields import Field
from jimo_desktop.excel.importing.importer import apply_import, plan_import
from jimo_desktop.excel.importing.plan import ImportRefused
from jimo_desktop.excel.reading.column_values import Failed, converted
from jimo_desktop.store.project_library import projects
from tests.unit.excel.workbooks import SheetSpec, project_row, submission, write_xlsx

numbers = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(min_value=-1e13, max_value=1e13).map(lambda number: round(number, 2)),
    st.decimals(min_value=-(10**12), max_value=10**12, places=3).map(float),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.integers(min_value=0, max_value=10**29).map(lambda number: f"{number:,}"),
)


def _reading(read, *arguments):
    try:
        return read(*arguments)
    except (MoneyError, values.CellError, InvalidOperation) as error:
        return type(error)


@given(number=numbers, factor=st.sampled_from([None, 1, WAN_PER_YI]))
def test_an_amount_typed_as_a_number_is_read_as_the_money_parser_reads_it(number, factor):
    expected = _reading(parse_wan, number, factor or 1)
    if expected in (MoneyError, InvalidOperation) or (
        type(expected) is int and abs(expected) >= 2**63
    ):
        expected = values.CellError
    assert _reading(values.amount, number, factor) == expected


@pytest.mark.parametrize("typed", [1e26, 10**17, "100,000,000,000,000,000", -1e300])
def test_an_amount_too_large_to_keep_is_a_problem_at_its_cell(db, tmp_path, typed):
    plan = plan_import(db, [_workbook(tmp_path, project_row(1, "海洋项目", total=typed))])
    (problem,) = plan.all_problems()
    assert str(problem).startswith("申报表.xlsx “新开工项目”表 第4行 E列（总投资（万元））：“")
    assert str(problem).endswith("”超出可以记录的金额，请核对数字和单位")


def test_a_column_is_read_in_place_blank_cells_as_none_and_bad_ones_as_failed():
    cells = ["2020.4", None, "待定", "", "2020.4", "2020年", 43922, "待定"]
    for repeats in (False, True):
        found, failed_at = converted(values.partial_date, cells, repeats=repeats)
        assert failed_at == {2, 5, 7}
        assert [value for value in found if type(value) is not Failed] == [
            "2020-04", None, None, "2020-04", "2020-04-01",
        ]  # fmt: skip
        assert isinstance(found[5].error, values.ImpreciseDate)
        assert "“待定”" in str(found[7].error)


def test_a_column_of_readable_cells_has_no_failed_rows():
    found, failed_at = converted(values.text, [" 海洋 ", None, 12.0], repeats=False)
    assert (found, failed_at) == (["海洋", None, "12"], set())


def _workbook(tmp_path, *rows):
    return write_xlsx(tmp_path / "申报表.xlsx", SheetSpec("新开工项目", submission(*rows)))


def test_the_cycle_collector_runs_again_after_an_import_applied_or_refused(db, tmp_path):
    good = _workbook(tmp_path, project_row(1, "海洋生物医药产业园项目"))
    apply_import(db, plan_import(db, [good]))
    assert gc.isenabled()
    bad = _workbook(tmp_path, project_row(1, "石墨烯生产线", total="待定"))
    with pytest.raises(ImportRefused):
        apply_import(db, plan_import(db, [bad]))
    assert gc.isenabled()


def test_an_import_leaves_the_cycle_collector_off_when_the_caller_had_it_off(db, tmp_path):
    gc.disable()
    try:
        apply_import(db, plan_import(db, [_workbook(tmp_path, project_row(1, "海洋项目"))]))
        assert not gc.isenabled()
    finally:
        gc.enable()


def _stored(db, project_id: int) -> dict[str, object]:
    cursor = db.execute("SELECT * FROM projects WHERE id = ?", [project_id])
    row = dict(zip([column[0] for column in cursor.description], cursor.fetchone(), strict=True))
    return {
        name: value
        for name, value in row.items()
        if name not in ("id", "uuid", "created_at", "updated_at")
    }


def test_insert_many_stores_every_field_as_save_stores_it(db):
    project = Project(
        name="即墨古城（一期）保护工程 5G",
        code="JM-2020-007",
        unit_id=2,
        builder="青岛古城开发有限公司",
        builder_contact="刘工",
        builder_phone="0532-88880000",
        scale="修缮古建筑 12 处",
        nature=Nature.CONTINUED,
        industry_id=3,
        stage=Stage.STARTED,
        is_government=True,
        total_investment=8_500_050,
        planned_start="2020-03",
        planned_end="2022-12-31",
        actual_start="2020-04-15",
        location="通济街道",
        responsible_unit="区住建局",
        responsible_person="王伟",
        responsible_phone="13812345678",
        leader="李区长",
        in_statistics=True,
        statistics_date="2020-05",
        land_status="已供地",
        planning_status="已批",
        demolition_status="完成",
        remarks="续建",
        years=[YearListing(2020, Level.PROVINCE, 300_000), YearListing(2021, None, None)],
    )
    twin = dataclasses.replace(project, years=[dataclasses.replace(y) for y in project.years])
    (inserted,) = projects.insert_many(db, [project])
    saved = projects.save(db, twin).id
    assert _stored(db, inserted) == _stored(db, saved)
    assert projects.get(db, inserted).years == projects.get(db, saved).years
    assert dataclasses.replace(projects.get(db, inserted), id=None, uuid=None) == (
        dataclasses.replace(projects.get(db, saved), id=None, uuid=None)
    )


def test_a_bad_cell_among_many_rows_is_said_in_place_and_its_row_keeps_the_rest(db, tmp_path):
    rows = [project_row(n, f"海洋产业园{n}号项目", total=5000 + n + 0.5) for n in range(1, 301)]
    rows[99] = project_row(100, "海洋产业园100号项目", total="待定", start="2020年")
    plan = plan_import(db, [_workbook(tmp_path, *rows)])
    assert len(plan.rows) == 300
    assert [str(problem) for problem in plan.all_problems()] == [
        "申报表.xlsx “新开工项目”表 第103行 E列（总投资（万元））："
        "“待定”不是金额，应为数字（万元），如 12500 或 1.5亿元"
    ]
    assert plan.rows[99].notes == [
        "申报表.xlsx “新开工项目”表 第103行 G列（计划开工时间）："
        "“2020年”只有年份，时间需写到月（如 2020.3），此项未导入"
    ]
    read_whole = set(plan.rows[98].values)
    assert read_whole - set(plan.rows[99].values) == {Field.TOTAL, Field.PLANNED_START}
    assert plan.rows[98].values[Field.TOTAL] == 509_950  # row 99: 5099.5 万元
    assert plan.rows[98].values[Field.STAGE] == (Stage.STARTED, Nature.NEW)
