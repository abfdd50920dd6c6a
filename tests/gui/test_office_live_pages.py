"""What a colleague saves on the office database shows on the open pages within the window's
poll (NEWS_MS), keeping the officer's record chosen, search text and typed figures; a page
that shows none of the tables changed is left alone."""

import dataclasses

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView, QWidget

from jimo_desktop.demo.builder import fill_demo
from jimo_desktop.domain.money import parse_wan
from jimo_desktop.domain.problems import Problem
from jimo_desktop.store.database import open_database
from jimo_desktop.store.monthly import progress
from jimo_desktop.store.monthly.progress import MonthReport
from jimo_desktop.store.tracking import milestones, problems, reminders
from jimo_desktop.views.app import Desk
from jimo_desktop.views.background import wait_for_background_work
from jimo_desktop.views.common.export_actions import shown_records
from jimo_desktop.views.common.live_news import deliver
from jimo_desktop.views.common.record_table import Column, FilteredTable
from jimo_desktop.views.progress.progress_grid import ProgressGridPage
from jimo_desktop.views.progress.progress_grid_model import COL_IMAGE, COL_THIS_YEAR
from jimo_desktop.views.projects.milestones_panel import MilestonesPanel
from jimo_desktop.views.projects.project_editor import ProjectEditor
from jimo_desktop.views.projects.project_lists_panel import ProjectListsPanel
from jimo_desktop.views.session import open_session
from jimo_desktop.views.tracking.problems_view import LIST_COLUMNS, RAISED
from jimo_desktop.views.tracking.reminders_panel import RemindersDialog
from tests.gui.keyboard import type_text

WITHIN_POLL_MS = 3000  # a few polls of NEWS_MS, for a slow shared machine


def open_desk(qtbot, office_address) -> Desk:
    office = open_database(office_address)
    fill_demo(office, project_count=12)
    reminders.dismiss_for_today(office)  # no reminders window taking the keys
    office.close()
    desk = Desk(open_session(office_address))
    qtbot.addWidget(desk.window)
    desk.window.show()
    desk.window.activateWindow()  # typed keys go to the focused cell
    qtbot.waitUntil(desk.window.isActiveWindow)
    return desk


def open_page(qtbot, office_address, name: str) -> tuple[Desk, QWidget]:
    desk = open_desk(qtbot, office_address)
    desk.window.open_view(name)
    return desk, desk.window.current_page()


def close(qtbot, desk: Desk) -> None:
    """After the window's reads have answered and its typed figures are dropped."""
    for page in desk.window.findChildren(ProgressGridPage):
        page.discard_edits()
    wait_for_background_work()
    qtbot.wait(50)
    desk.window.close()
    desk.close()


def as_colleague(office_address, write) -> None:
    colleague = open_database(office_address)
    try:
        write(colleague)
    finally:
        colleague.close()


def descriptions(page) -> list[str]:
    return descriptions_in(page.table)


def descriptions_in(table: FilteredTable) -> list[str]:
    return [row.description for row in table.model.rows()]


def test_a_colleagues_new_problem_shows_keeping_the_chosen_problem_and_the_search(
    qtbot, office_address
):
    desk, page = open_page(qtbot, office_address, "problems")
    chosen = page.table.model.row(0)
    type_text(qtbot, page.table.search, chosen.project_name)
    header = page.table.table.horizontalHeader()
    raised_column = LIST_COLUMNS.index(RAISED)
    middle = header.sectionViewportPosition(raised_column) + header.sectionSize(raised_column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, 5))
    assert page.table.select(lambda row: row.id == chosen.id)

    raised = Problem(chosen.project_id, "同事刚发现的用地问题", raised_on="2020-06-28")
    as_colleague(office_address, lambda db: problems.save(db, raised))

    qtbot.waitUntil(lambda: "同事刚发现的用地问题" in descriptions(page), timeout=WITHIN_POLL_MS)
    assert page.table.current_record().id == chosen.id
    assert page.table.search.text() == chosen.project_name
    shown = [record.raised_on for record in shown_records(page.table)]
    assert header.sortIndicatorSection() == raised_column
    assert len(shown) > 1 and shown == sorted(shown)
    close(qtbot, desk)


def open_cell(qtbot, page: ProgressGridPage, text: str) -> QWidget:
    """The first row's 1-N月累计 opened by typing, as an officer starts a figure; its editor."""
    page.grid.start()
    type_text(qtbot, page.grid, text[0])
    qtbot.waitUntil(lambda: page.grid.state() == QAbstractItemView.State.EditingState)
    cell = QGuiApplication.focusObject()
    type_text(qtbot, cell, text[1:])
    return cell


def enter(qtbot, page: ProgressGridPage, cell: QWidget) -> None:
    """Enter in the open cell: the delegate commits it once the event loop runs."""
    qtbot.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.grid.state() != QAbstractItemView.State.EditingState)


def grid_text(page, project_id: int) -> str:
    return page.model.index(page.model.row_of(project_id), COL_THIS_YEAR).data()


THEIRS = "9,876.54"


def colleague_reports(office_address, page: ProgressGridPage, row) -> None:
    """A colleague saves the month's 1-N月累计 of `row`'s project as THEIRS."""
    report = MonthReport(**{**row.report.values(), "completed_this_year": 987654})
    period = page.current_period()
    as_colleague(
        office_address, lambda db: progress.save_month(db, period, {row.project_id: report})
    )


def test_a_colleagues_month_figure_shows_beside_figures_typed_and_not_saved(qtbot, office_address):
    desk, page = open_page(qtbot, office_address, "progress")
    mine, theirs = page.model.grid_row(0), page.model.grid_row(1)
    enter(qtbot, page, open_cell(qtbot, page, "4321"))
    assert page.model.edits.edited_count() == 1

    colleague_reports(office_address, page, theirs)

    qtbot.waitUntil(lambda: grid_text(page, theirs.project_id) == THEIRS, timeout=WITHIN_POLL_MS)
    assert grid_text(page, mine.project_id) == "4,321.00"
    assert page.model.edits.pending()[mine.project_id].completed_this_year == parse_wan("4321")
    assert page.grid.currentIndex().row() == page.model.row_of(mine.project_id) + 1
    close(qtbot, desk)


def test_a_colleagues_figure_waits_while_a_cell_is_open_and_shows_once_it_closes(
    qtbot, office_address
):
    desk, page = open_page(qtbot, office_address, "progress")
    mine, theirs = page.model.grid_row(0), page.model.grid_row(1)
    cell = open_cell(qtbot, page, "12")

    colleague_reports(office_address, page, theirs)

    qtbot.waitUntil(lambda: page.news_waiting, timeout=WITHIN_POLL_MS)
    assert page.grid.state() == QAbstractItemView.State.EditingState
    assert QGuiApplication.focusObject() is cell
    type_text(qtbot, cell, "34")
    enter(qtbot, page, cell)

    qtbot.waitUntil(lambda: grid_text(page, theirs.project_id) == THEIRS, timeout=WITHIN_POLL_MS)
    assert grid_text(page, mine.project_id) == "1,234.00"
    close(qtbot, desk)


def test_a_colleagues_new_node_shows_on_the_timeline_keeping_the_chosen_project_and_search(
    qtbot, office_address
):
    desk, page = open_page(qtbot, office_address, "timeline")
    type_text(qtbot, page.search, "项目")
    for _ in range(2):
        qtbot.keyClick(page.canvas, Qt.Key.Key_Down)
    chosen = page.canvas.current_row_id()
    assert chosen is not None

    added = []
    as_colleague(
        office_address,
        lambda db: added.append(
            milestones.add_custom(db, chosen, {"name": "同事加的节点", "planned_on": "2020-09"})
        ),
    )

    qtbot.waitUntil(lambda: added[0] in page.data.nodes.ids, timeout=WITHIN_POLL_MS)
    assert page.canvas.current_row_id() == chosen
    assert page.search.text() == "项目"
    close(qtbot, desk)


class Page(QWidget):
    NEWS_TABLES = frozenset({"problems"})

    def __init__(self):
        super().__init__()
        self.news = 0

    def show_news(self) -> None:
        self.news += 1


def test_news_reaches_only_the_pages_showing_a_changed_table_and_a_hidden_one_when_it_shows(
    qtbot,
):
    window = QWidget()
    qtbot.addWidget(window)
    shown, hidden = Page(), Page()
    shown.setParent(window)
    hidden.setParent(window)
    window.show()
    hidden.hide()

    deliver(window, {"milestones"})
    assert (shown.news, hidden.news) == (0, 0)
    deliver(window, {"problems", "projects"})
    deliver(window, {"problems"})
    assert (shown.news, hidden.news) == (2, 0)
    hidden.show()
    assert hidden.news == 1
    hidden.hide()
    hidden.show()
    assert hidden.news == 1


def test_a_list_read_again_keeps_the_record_at_its_top_and_the_one_chosen(qtbot):
    table = FilteredTable([Column("名称", str)], row_key=lambda name: name)
    qtbot.addWidget(table)
    table.resize(400, 300)
    table.show()
    names = [f"第{number:03d}项" for number in range(200)]
    table.set_rows(names)
    table.select(lambda name: name == "第120项")
    table.table.scrollTo(table.proxy.index(100, 0), QAbstractItemView.ScrollHint.PositionAtTop)

    with table.place_kept():
        table.set_rows(["同事新增的一项", *names])

    top = table.table.indexAt(table.table.viewport().rect().topLeft())
    assert top.data() == "第100项"
    assert table.current_record() == "第120项"


def test_the_open_project_editors_panels_show_a_colleagues_node_and_problem_and_keep_its_typing(
    qtbot, office_address
):
    desk = open_desk(qtbot, office_address)
    project_id = desk.window.project_list.model.selection().project_id(0)
    desk.window.open_project(project_id, "时间节点")
    editor = desk.window.findChild(ProjectEditor)
    qtbot.waitUntil(editor.isVisible)
    typed = editor.ui.nameEdit.text() + "（待改）"
    editor.ui.nameEdit.setText(typed)
    nodes, lists = editor.findChild(MilestonesPanel), editor.findChild(ProjectListsPanel)

    def write(db) -> None:
        milestones.add_custom(db, project_id, {"name": "同事加的节点", "planned_on": "2020-09"})
        problems.save(db, Problem(project_id, "同事在编辑时提出的问题", raised_on="2020-06-28"))

    as_colleague(office_address, write)

    node_names = lambda: [row.node.name for row in nodes.rows()]  # noqa: E731
    qtbot.waitUntil(lambda: "同事加的节点" in node_names(), timeout=WITHIN_POLL_MS)
    editor.show_tab("问题与清单")
    assert "同事在编辑时提出的问题" in descriptions_in(lists.problems)
    assert editor.ui.nameEdit.text() == typed
    editor.discard_edits()
    close(qtbot, desk)


def test_the_reminders_show_a_colleagues_overdue_problem(qtbot, office_address):
    desk = open_desk(qtbot, office_address)
    dialog = RemindersDialog(desk.session.db, desk.window)
    dialog.show()
    qtbot.waitExposed(dialog)
    project_id = desk.window.project_list.model.selection().project_id(0)
    overdue = Problem(
        project_id, "同事登记的逾期问题", raised_on="2020-05-06", deadline="2020-06-10"
    )

    as_colleague(office_address, lambda db: problems.save(db, overdue))

    texts = lambda: "\n".join(reminder.text for reminder in dialog.table.model.rows())  # noqa: E731
    qtbot.waitUntil(lambda: "同事登记的逾期问题" in texts(), timeout=WITHIN_POLL_MS)
    dialog.close()
    close(qtbot, desk)


def test_a_colleagues_save_of_a_project_being_typed_keeps_the_typed_cell_and_takes_the_rest(
    qtbot, office_address
):
    desk, page = open_page(qtbot, office_address, "progress")
    mine = page.model.grid_row(0)
    enter(qtbot, page, open_cell(qtbot, page, "4321"))
    theirs = {
        **mine.report.values(),
        "completed_this_year": 987654,
        "image_progress": "同事写的进度",
    }
    period = page.current_period()
    as_colleague(
        office_address,
        lambda db: progress.save_month(db, period, {mine.project_id: MonthReport(**theirs)}),
    )

    image = lambda: page.model.index(0, COL_IMAGE).data()  # noqa: E731
    qtbot.waitUntil(lambda: image() == "同事写的进度", timeout=WITHIN_POLL_MS)
    assert grid_text(page, mine.project_id) == "4,321.00"
    assert f"其他同事刚保存了{mine.name}的本月填报" in page.message.text()
    pending = page.model.edits.pending()[mine.project_id]
    assert (pending.completed_this_year, pending.image_progress) == (432100, "同事写的进度")
    close(qtbot, desk)


def test_a_server_restart_is_said_in_the_status_bar_and_the_pages_catch_up_after_it(
    qtbot, postgres_server, office_address, monkeypatch
):
    """Before, the window's listening connection raised psycopg's English error at every poll
    once the server had gone; now it says so quietly, listens again, and reads every page
    again since what was announced meanwhile was not heard."""
    from jimo_desktop.store import office_news
    from jimo_desktop.store.project_library import projects
    from jimo_desktop.views.main_window import CONNECTION_LOST
    from tests.gui.test_office_window import names_shown
    from tests.unit.test_office_connection_lost import drop_connections

    monkeypatch.setattr(office_news, "RETRY_SECONDS", 3600)  # down until the test says
    desk = open_desk(qtbot, office_address)
    listing = desk.window.project_list
    drop_connections(postgres_server, office_address)
    bar = desk.window.statusBar()
    qtbot.waitUntil(lambda: bar.currentMessage() == CONNECTION_LOST, timeout=WITHIN_POLL_MS)

    colleague = open_database(office_address)
    renamed = projects.get(colleague, listing.model.selection().project_id(0))
    projects.save(colleague, dataclasses.replace(renamed, name="断线期间同事改名的项目"), renamed)
    colleague.close()
    desk.window._news._next_try = 0.0  # the retry is due: a save announced unheard
    qtbot.waitUntil(
        lambda: "断线期间同事改名的项目" in names_shown(listing), timeout=WITHIN_POLL_MS
    )
    assert bar.currentMessage() == ""
    close(qtbot, desk)
