"""报送情况 page: every 区位 for the chosen month, the ones owing a report first."""

from jimo_desktop.store import submissions
from jimo_desktop.views.submissions_view import SubmissionsView


def test_the_page_lists_every_unit_with_a_reported_one_last(qtbot, demo_db):
    units = demo_db.execute("SELECT id, name FROM units ORDER BY sort_order").fetchall()
    with demo_db.atomic():
        submissions.record(demo_db, {(units[0][0], "2020-06"): (3, "通济街道.xlsx")})
    view = SubmissionsView(demo_db)
    qtbot.addWidget(view)
    view.period.setCurrentIndex(view.period.findData("2020-06"))
    model = view.table.proxy
    assert model.rowCount() == 23
    last = [model.index(22, column).data() for column in range(4)]
    assert last[0] == units[0][1] and last[1] == "已报" and last[3] == "3"
    assert model.index(0, 1).data() == "未报"
    assert view.table.summary.text().startswith("2020年6月调度表：已报 1 个区位，未报 22 个")
