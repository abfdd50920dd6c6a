"""督办单 list: open orders by default, sign-off with a note, delete with undo."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from jimo_desktop.domain.problems import DeadlineState
from jimo_desktop.domain.project import Project
from jimo_desktop.store import settings
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.tracking import problems, supervision
from jimo_desktop.views.common.record_table import DEADLINE_COLOURS, RowRole
from jimo_desktop.views.tracking.supervision_view import SupervisionView
from tests.gui.keyboard import type_text


@pytest.fixture
def orders(db) -> dict[str, int]:
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    project = projects.save(db, Project("蓝谷大道拓宽改造工程", unit_id=16, industry_id=5)).id
    land = problems.raise_problem(db, project, "土地未摘牌", raised_on="2020-03-01")
    power = problems.raise_problem(db, project, "电力增容未落实", raised_on="2020-04-01")
    return {
        "db": db,
        "project": project,
        "late": supervision.issue(
            db, land, "区自然资源局", "报送整改方案", "2020-06-10", "2020-06-01"
        ),
        "due": supervision.issue(db, power, "国网即墨供电公司", "明确送电时间", "2020-07-10"),
    }


@pytest.fixture
def view(qtbot, orders) -> SupervisionView:
    widget = SupervisionView(orders["db"])
    qtbot.addWidget(widget)
    widget.resize(1300, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown(view) -> list:
    proxy = view.table.proxy
    return [proxy.index(r, 0).data(RowRole) for r in range(proxy.rowCount())]


def test_open_orders_are_listed_newest_first_with_late_plans_in_red(view, orders):
    assert [order.id for order in shown(view)] == [orders["due"], orders["late"]]
    assert view.table.summary.text() == "共2件，方案逾期1件"
    colour = view.table.proxy.index(1, 0).data(Qt.ItemDataRole.ForegroundRole)
    assert colour == DEADLINE_COLOURS[DeadlineState.OVERDUE]


def test_signing_off_takes_a_note_and_moves_the_order_to_the_signed_off_list(qtbot, view, orders):
    view.table.select(lambda order: order.id == orders["late"])
    form = view.sign_off()
    qtbot.waitUntil(form.isVisible)
    type_text(qtbot, form.widgets["closing_note"], "整改方案已报送")
    assert form.save()

    assert [order.id for order in shown(view)] == [orders["due"]]
    view.state.setCurrentIndex(view.state.findData(True))
    (signed,) = shown(view)
    assert (signed.closed_on, signed.closing_note) == ("2020-06-30", "整改方案已报送")
    view.table.select(lambda order: order.id == signed.id)
    assert not view.sign_off_button.isEnabled()
    assert view.sign_off() is None
    view.state.setCurrentIndex(0)
    assert len(shown(view)) == 2


def test_a_sign_off_dated_before_the_order_is_refused_beside_the_date(qtbot, view, orders):
    view.table.select(lambda order: order.id == orders["late"])
    form = view.sign_off()
    form.widgets["closed_on"].setText("2020-05-01")
    assert form.save() is False
    assert form.errors["closed_on"].text() == "销号日期不能早于下发日期"
    form.done(0)


def test_search_finds_orders_by_problem_or_addressee(qtbot, view):
    type_text(qtbot, view.table.search, "供电")
    assert [order.addressee for order in shown(view)] == ["国网即墨供电公司"]


def test_a_deleted_order_comes_back_with_undo(view, orders, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.table.select(lambda order: order.id == orders["due"])
    view.delete_button.click()
    assert [order.id for order in shown(view)] == [orders["late"]]
    view.table.undo_button.click()
    assert view.table.current_record().id == orders["due"]


def test_open_project_asks_for_the_page_of_the_orders_project(qtbot, view, orders):
    assert not view.open_button.isEnabled()
    view.table.select(lambda order: order.id == orders["due"])
    with qtbot.waitSignal(view.project_requested) as requested:
        view.open_button.click()
    assert requested.args == [orders["project"]]
