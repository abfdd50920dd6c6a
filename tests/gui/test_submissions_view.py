"""报送情况 page: every 区位 for the chosen month, the ones owing a report first."""

from jimo_desktop.domain.submissions import ORDER, State
from jimo_desktop.store.monthly import submissions
from jimo_desktop.views.progress.submissions_view import SubmissionsView


def test_the_page_lists_every_unit_owing_ones_first_with_what_came(qtbot, demo_db):
    units = demo_db.execute("SELECT id, name FROM units ORDER BY sort_order").fetchall()
    with demo_db.atomic():
        submissions.record(demo_db, {(units[0][0], "2020-06"): (3, "通济街道.xlsx")})
    view = SubmissionsView(demo_db)
    qtbot.addWidget(view)
    view.period.setCurrentIndex(view.period.findData("2020-06"))
    model = view.table.proxy
    shown = [[model.index(row, column).data() for column in range(7)] for row in range(23)]
    assert model.rowCount() == 23
    by_unit = {row[0]: row for row in shown}
    assert by_unit[units[0][1]][1:4] == ["已报", by_unit[units[0][1]][2], "3"]
    assert by_unit[units[0][1]][6] == "通济街道.xlsx"
    order = [ORDER.index(State(row[1])) for row in shown]
    assert order == sorted(order) and order[0] < order[-1]
    assert view.table.summary.text().startswith("2020年6月调度表：已报 ")
