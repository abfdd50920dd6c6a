"""The month grid's edits without Qt: typed texts over saved reports, checked and merged."""

from decimal import Decimal

from jimo_desktop.domain.lights import Colour
from jimo_desktop.domain.project import Stage
from jimo_desktop.store.monthly.progress import GridRow, MonthReport
from jimo_desktop.views.progress.progress_edits import MonthEdits


def grid_row(project_id: int, report: MonthReport | None = None) -> GridRow:
    return GridRow(
        project_id=project_id,
        name=f"项目{project_id}",
        unit="通济街道",
        industry="新材料",
        stage=Stage.STARTED,
        actual_start="2019-05",
        actual_end=None,
        total_investment=50_000_00,
        annual_plan=10_000_00,
        project_in_statistics=True,
        report=report or MonthReport(),
        has_report=report is not None,
    )


def edits_over(*rows: GridRow) -> MonthEdits:
    edits = MonthEdits()
    edits.start("2020-06")
    edits.remember(list(rows))
    return edits


def test_an_edit_is_merged_over_the_saved_report():
    row = grid_row(1, MonthReport(5_000_00, 9_000_00, "主体施工", True, ""))
    edits = edits_over(row)
    edits.set_text(row, "image_progress", "主体封顶")
    assert edits.pending() == {1: MonthReport(5_000_00, 9_000_00, "主体封顶", True, "")}


def test_retyping_the_saved_value_in_another_form_is_no_edit():
    row = grid_row(1, MonthReport(5_000_00, None, "", True, ""))
    edits = edits_over(row)
    edits.set_text(row, "completed_this_year", "5,000")
    edits.set_text(row, "in_statistics", "是")
    assert not edits.is_dirty()


def test_problems_come_in_grid_order_with_the_text_kept_as_typed():
    first, second = grid_row(1), grid_row(2)
    edits = edits_over(first, second)
    edits.set_text(second, "in_statistics", "大概")
    edits.set_text(first, "completed_this_year", "五千")
    assert [(row.project_id, field) for row, field, _ in edits.problems()] == [
        (1, "completed_this_year"),
        (2, "in_statistics"),
    ]
    assert edits.text(first, "completed_this_year") == "五千"


def test_rates_and_light_follow_the_edit_and_wait_for_figures():
    row = grid_row(1)
    edits = edits_over(row)
    assert edits.completion(row) == (None, None)
    assert edits.light(row).colour is Colour.GREEN
    edits.set_text(row, "completed_this_year", "1500")
    assert edits.completion(row) == (Decimal("15.0"), Decimal("-35.0"))
    assert edits.light(row).colour is Colour.RED
