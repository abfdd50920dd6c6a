"""时间表: the filtered projects on a Qt-drawn time axis, driven by real wheel, key and mouse
events; printed to PDF pages and a PNG."""

import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QTabWidget

from jimo_desktop.demo import tracking
from jimo_desktop.domain.dates import format_partial_date
from jimo_desktop.domain.project import Stage
from jimo_desktop.reports import fonts
from jimo_desktop.store import settings
from jimo_desktop.store.project_library.project_index import ProjectIndex
from jimo_desktop.store.tracking import milestones
from jimo_desktop.views.main_window import MainWindow
from jimo_desktop.views.timeline import page as page_module
from jimo_desktop.views.timeline.arrangement import Grouping
from jimo_desktop.views.timeline.page import TimelinePage
from jimo_desktop.views.timeline.scales import Zoom
from tests.gui.wheel import wheel

CONTROL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def tracked_db(demo_db):
    """The demo with milestones, whether or not the demo builder adds them already."""
    if not demo_db.execute("SELECT COUNT(*) FROM milestones").fetchone()[0]:
        tracking.fill(demo_db, random.Random(7), settings.today(demo_db))
    return demo_db


def open_page(qtbot, db) -> TimelinePage:
    index = ProjectIndex(db, settings.current_year(db))
    widget = TimelinePage(db, index)
    qtbot.addWidget(widget)
    widget.resize(1400, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def page(qtbot, tracked_db) -> TimelinePage:
    return open_page(qtbot, tracked_db)


def shown_ids(page: TimelinePage) -> list[int]:
    lines = page.lines()
    return lines.data.ids[lines.rows()].tolist()


def sql_ids(db, where: str, params=()) -> set[int]:
    rows = db.execute(f"SELECT id FROM projects WHERE deleted_at IS NULL AND {where}", params)
    return {row[0] for row in rows}


def choose(combo, data) -> None:
    number = combo.findData(data)
    assert number >= 0
    combo.setCurrentIndex(number)


def focus(qtbot, page: TimelinePage) -> None:
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.canvas.setFocus()


def node_position(page: TimelinePage, node_id: int) -> QPoint:
    """Where a node's mark is on screen, after scrolling its line and date into view."""
    canvas = page.canvas
    lines = page.lines()
    data = lines.data
    node = int(np.flatnonzero(data.nodes.ids == node_id)[0])
    line = lines.line_of_id(int(data.ids[data.row_of_node(node)]))
    canvas.set_current(line)
    day = data.nodes.actual[node] or data.nodes.planned[node]
    canvas.scroll_to_day(day - 30)
    frame = canvas.frame()
    x = frame.x_of(day, canvas.style_)
    y = canvas.style_.header_height + (line - frame.first_line + 0.5) * canvas.style_.row_height
    return QPoint(round(x), round(y))


# --- the projects shown ---------------------------------------------------------------------


def test_it_opens_on_this_years_listed_projects_in_the_lists_order(page, tracked_db):
    assert page.year.currentText() == "2020年"
    listed = (  # the list as it stands on the demo's business day: none withdrawn by then
        "id IN (SELECT project_id FROM project_years WHERE year = 2020"
        " AND (withdrawn_on IS NULL OR withdrawn_on > '2020-06-30'))"
    )
    assert set(shown_ids(page)) == sql_ids(tracked_db, listed)
    names = [page.lines().data.labels[row] for row in page.lines().rows()]
    index = ProjectIndex(tracked_db, 2020)
    selection = index.select(page.current_filter())
    assert names == [selection.row(number).name for number in range(len(selection))]


def test_unit_and_stage_filters_narrow_the_projects(page, tracked_db):
    unit_id = tracked_db.execute("SELECT unit_id FROM projects LIMIT 1").fetchone()[0]
    choose(page.year, None)
    choose(page.unit, unit_id)
    choose(page.stage, Stage.STARTED)
    where = "unit_id = ? AND stage = 'started'"
    assert set(shown_ids(page)) == sql_ids(tracked_db, where, [unit_id])


def test_the_batch_filter_keeps_the_years_batch(page, tracked_db):
    choose(page.batch, Stage.COMPLETED)
    listed = (
        "id IN (SELECT project_id FROM project_years WHERE year = 2020 AND batch = 'completed')"
    )
    assert shown_ids(page) and set(shown_ids(page)) == sql_ids(tracked_db, listed) & set(
        shown_ids_without_batch(page)
    )


def shown_ids_without_batch(page: TimelinePage) -> list[int]:
    choose(page.batch, None)
    ids = shown_ids(page)
    choose(page.batch, Stage.COMPLETED)
    return ids


def test_late_only_keeps_the_projects_with_an_overdue_node_and_counts_them(page, tracked_db):
    today = settings.today(tracked_db)
    choose(page.year, None)
    choose(page.late, True)
    late = milestones.late(tracked_db, today)
    assert late and set(shown_ids(page)) == {node.project_id for node in late}
    assert (
        page.summary.text()
        == f"共 {len(set(shown_ids(page)))} 个项目，逾期未完成节点 {len(late)} 个"
    )
    names = page.lines().data.labels
    assert all(names[row] for row in page.lines().rows())


def test_search_by_pinyin_initials_narrows_the_projects(qtbot, page):
    from jimo_desktop.domain.pinyin import name_initials

    first = page.lines().rows()[0]
    name = page.lines().data.labels[first]
    qtbot.keyClicks(page.search, name_initials(name)[:4])
    assert all(
        name_initials(name)[:4] in name_initials(page.lines().data.labels[row])
        for row in page.lines().rows()
    )
    qtbot.keyClicks(page.search, "zzzz")
    assert shown_ids(page) == []
    assert page.summary.text().startswith("共 0 个项目")
    assert grey_pixels_under_the_header(page) > 20  # 没有符合条件的项目, in words


def grey_pixels_under_the_header(page: TimelinePage) -> int:
    from jimo_desktop.views.timeline.painter import GREY

    image = page.canvas.viewport().grab().toImage()
    style = page.canvas.style_
    ratio = image.devicePixelRatio()
    top, left = round((style.header_height + 2) * ratio), round((style.name_width + 2) * ratio)
    return sum(
        1
        for y in range(top, top + round(3 * style.row_height * ratio))
        for x in range(left, image.width(), 2)
        if _near(image.pixelColor(x, y), GREY)
    )


def _near(found, wanted) -> bool:
    pairs = zip(found.getRgb()[:3], wanted.getRgb()[:3], strict=True)
    return all(abs(a - b) <= 25 for a, b in pairs)


def test_grouping_by_unit_puts_each_project_under_its_units_heading(page, tracked_db):
    choose(page.grouping, Grouping.UNIT)
    lines = page.lines()
    assert len(lines.headings) > 1
    heading = None
    for line in range(len(lines)):
        row = lines.row_at(line)
        if row is None:
            heading = lines.headings[-1 - int(lines.entries[line])]
        else:
            assert heading.startswith(lines.data.units[row] + "（")
    counted = sum(int(h.split("（")[1].rstrip("个项目）")) for h in lines.headings)
    assert counted == len(lines.rows()) == len(shown_ids_ungrouped(page))


def shown_ids_ungrouped(page: TimelinePage) -> list[int]:
    choose(page.grouping, Grouping.NONE)
    return shown_ids(page)


def test_grouping_by_leader_heads_each_group_with_its_leader(page, tracked_db):
    choose(page.grouping, Grouping.LEADER)
    lines = page.lines()
    leaders = {row[0] or "未填写" for row in tracked_db.execute("SELECT leader FROM projects")}
    assert {heading.split("（")[0] for heading in lines.headings} <= leaders


def test_an_empty_database_opens_on_an_empty_timeline_that_says_so(qtbot, db):
    page = open_page(qtbot, db)
    assert shown_ids(page) == []
    assert page.summary.text() == "共 0 个项目，逾期未完成节点 0 个"
    assert grey_pixels_under_the_header(page) > 20
    wheel(page.canvas.viewport(), -1)
    qtbot.keyClick(page.canvas, Qt.Key.Key_Down)
    assert page.canvas.current_line is None


def test_more_than_three_hundred_projects_are_all_drawn(qtbot, db):
    from jimo_desktop.demo.builder import fill_demo

    fill_demo(db, project_count=320)
    page = open_page(qtbot, db)
    choose(page.year, None)
    assert len(shown_ids(page)) == 320
    page.canvas.set_current(len(page.lines()) - 1)
    assert page.canvas.first_line() + page.canvas.lines_in_view() >= 320


# --- moving about with the wheel, the keys and the mouse ------------------------------------


def test_new_filters_show_their_lines_from_the_top_or_keep_the_current_project_in_view(page):
    canvas = page.canvas
    wheel(canvas.viewport(), -5)
    assert canvas.first_line() == 15
    choose(page.grouping, Grouping.UNIT)
    assert canvas.first_line() == 0
    canvas.set_current(len(page.lines()) - 1)  # a group's last project
    project = canvas.current_row_id()
    assert project is not None
    choose(page.grouping, Grouping.NONE)
    assert canvas.current_row_id() == project
    first = canvas.first_line()
    assert first <= canvas.current_line < first + canvas.lines_in_view()


def test_the_wheel_scrolls_three_lines_a_notch_and_the_header_stays(page):
    canvas = page.canvas
    viewport = canvas.viewport()
    header = canvas.style_.header_height
    before = viewport.grab().toImage()
    wheel(viewport, -2)
    assert canvas.first_line() == 6
    after = viewport.grab().toImage()
    ratio = after.devicePixelRatio()
    band = (0, 0, round(viewport.width() * ratio), round((header - 2) * ratio))
    assert after.copy(*band) == before.copy(*band)  # the dates did not move
    rows = (0, round((header + 4) * ratio), band[2], band[3])
    assert after.copy(*rows) != before.copy(*rows)
    wheel(viewport, +1)
    assert canvas.first_line() == 3


def test_shift_wheel_moves_along_the_dates_and_ctrl_wheel_zooms_around_the_pointer(page):
    canvas = page.canvas
    viewport = canvas.viewport()
    left = canvas.frame().left_day
    wheel(viewport, -1, Qt.KeyboardModifier.ShiftModifier)
    assert canvas.frame().left_day > left
    assert canvas.zoom is Zoom.QUARTER
    pointer = QPointF(canvas.style_.name_width + 200, 200)
    day = canvas.frame().day_at(pointer.x(), canvas.style_)
    wheel(viewport, +1, CONTROL, pointer)
    assert canvas.zoom is Zoom.MONTH
    assert canvas.frame().day_at(pointer.x(), canvas.style_) == pytest.approx(day, abs=0.5)
    assert page.zoom_label.text() == "刻度：月"
    for _ in range(5):
        wheel(viewport, -1, CONTROL, pointer)
    assert canvas.zoom is Zoom.YEAR


def test_plus_and_minus_zoom_through_the_four_levels(qtbot, page):
    focus(qtbot, page)
    seen = [page.canvas.zoom]
    for _ in range(3):
        qtbot.keyClick(page.canvas, Qt.Key.Key_Plus)
        seen.append(page.canvas.zoom)
    assert seen == [Zoom.QUARTER, Zoom.MONTH, Zoom.WEEK, Zoom.WEEK]
    for _ in range(3):
        qtbot.keyClick(page.canvas, Qt.Key.Key_Minus)
    assert page.canvas.zoom is Zoom.YEAR


def test_the_zoom_buttons_keep_the_middle_day_in_the_middle(qtbot, page):
    canvas = page.canvas
    style = canvas.style_
    middle = (style.name_width + canvas.viewport().width()) / 2
    day = canvas.frame().day_at(middle, style)
    qtbot.mouseClick(page.zoom_in_button, Qt.MouseButton.LeftButton)
    assert canvas.zoom is Zoom.MONTH
    assert canvas.frame().day_at(middle, style) == pytest.approx(day, abs=1)
    for _ in range(2):
        qtbot.mouseClick(page.zoom_out_button, Qt.MouseButton.LeftButton)
    assert canvas.zoom is Zoom.YEAR
    assert canvas.frame().day_at(middle, style) == pytest.approx(day, abs=1)
    canvas.pan(900)
    qtbot.mouseClick(page.today_button, Qt.MouseButton.LeftButton)
    assert canvas.frame().day_at(middle, style) == pytest.approx(page.data.today_number, abs=1)


def test_home_brings_today_to_the_middle_after_panning(qtbot, page):
    canvas = page.canvas
    focus(qtbot, page)
    style = canvas.style_
    middle = (style.name_width + canvas.viewport().width()) / 2
    today = page.data.today_number
    assert canvas.frame().day_at(middle, style) == pytest.approx(today, abs=1)
    for _ in range(4):
        qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.frame().day_at(middle, style) > today + 30
    qtbot.keyClick(canvas, Qt.Key.Key_Home)
    assert canvas.frame().day_at(middle, style) == pytest.approx(today, abs=1)


def test_dragging_pans_the_dates_and_the_lines(qtbot, page):
    canvas = page.canvas
    viewport = canvas.viewport()
    canvas.scroll_lines(10)
    left, first = canvas.frame().left_day, canvas.first_line()
    start = QPoint(700, 300)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(-150, 48))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(-150, 48))
    assert canvas.frame().left_day == pytest.approx(left + 150 / canvas.zoom.pixels_per_day)
    assert canvas.first_line() == first - 2


def test_the_arrow_keys_move_between_projects_over_the_headings(qtbot, page):
    choose(page.grouping, Grouping.UNIT)
    focus(qtbot, page)
    canvas = page.canvas
    lines = page.lines()
    qtbot.keyClick(canvas, Qt.Key.Key_Down)
    assert canvas.current_line == 1  # line 0 is the first heading
    second_heading = int(np.flatnonzero(lines.entries == -2)[0])
    canvas.set_current(second_heading - 1)
    qtbot.keyClick(canvas, Qt.Key.Key_Down)
    assert canvas.current_line == second_heading + 1
    qtbot.keyClick(canvas, Qt.Key.Key_Up)
    assert canvas.current_line == second_heading - 1
    qtbot.keyClick(canvas, Qt.Key.Key_PageDown)
    assert canvas.current_line >= second_heading - 1 + canvas.lines_in_view()
    assert canvas.first_line() <= canvas.current_line < canvas.first_line() + canvas.lines_in_view()


def test_enter_and_a_double_click_ask_for_the_project(qtbot, page):
    canvas = page.canvas
    asked: list[int] = []
    page.project_requested.connect(asked.append)
    focus(qtbot, page)
    qtbot.keyClick(canvas, Qt.Key.Key_Down)
    qtbot.keyClick(canvas, Qt.Key.Key_Down)
    qtbot.keyClick(canvas, Qt.Key.Key_Return)
    lines = page.lines()
    assert asked == [int(lines.data.ids[lines.row_at(1)])]
    y = round(canvas.style_.header_height + 3.5 * canvas.style_.row_height)
    qtbot.mouseDClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(100, y))
    assert asked[-1] == int(lines.data.ids[lines.row_at(3)])


def test_a_click_on_a_late_node_tells_its_dates_state_and_responsible_unit(qtbot, page, tracked_db):
    today = settings.today(tracked_db)
    node = next(n for n in milestones.late(tracked_db, today) if n.responsible_unit)
    choose(page.year, None)
    position = node_position(page, node.id)
    qtbot.mouseClick(page.canvas.viewport(), Qt.MouseButton.LeftButton, pos=position)
    text = page.details.text()
    assert node.name in text
    assert f"计划时间：{format_partial_date(node.planned_on)}" in text
    assert "状态：逾期未完成" in text
    assert f"责任单位：{node.responsible_unit}" in text
    assert page.canvas.current_row_id() == node.project_id


def test_hovering_over_a_node_tells_its_details_and_over_a_name_the_whole_name(
    qtbot, page, tracked_db, monkeypatch
):
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    shown: list[str] = []
    monkeypatch.setattr(QToolTip, "showText", lambda _at, text, *_: shown.append(text))
    node = milestones.for_project(tracked_db, shown_ids(page)[0])[0]
    position = node_position(page, node.id)
    viewport = page.canvas.viewport()
    help_event = QHelpEvent(QHelpEvent.Type.ToolTip, position, viewport.mapToGlobal(position))
    QApplication.sendEvent(viewport, help_event)
    assert shown and shown[-1].startswith(
        f"{page.lines().data.labels[page.lines().row_at(page.canvas.current_line)]} — {node.name}"
    )
    name_at = QPoint(40, position.y())
    QApplication.sendEvent(
        viewport, QHelpEvent(QHelpEvent.Type.ToolTip, name_at, viewport.mapToGlobal(name_at))
    )
    lines = page.lines()
    assert shown[-1] == lines.data.labels[lines.row_at(page.canvas.current_line)]


# --- paper and picture ----------------------------------------------------------------------


def pdftotext(path: Path, page_number: int) -> str:
    return subprocess.run(
        [
            "pdftotext",
            "-f",
            str(page_number),
            "-l",
            str(page_number),
            "-enc",
            "UTF-8",
            str(path),
            "-",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    ).stdout


def test_the_pdf_repeats_title_and_dates_on_every_numbered_a3_page(
    qtbot, db, tmp_path, monkeypatch
):
    from jimo_desktop.demo.builder import fill_demo

    fill_demo(db, project_count=120)
    page = open_page(qtbot, db)
    choose(page.year, None)
    target = tmp_path / "时间表.pdf"
    monkeypatch.setattr(page_module, "ask_path", lambda *args: target)
    monkeypatch.setattr(page_module, "report_written", lambda *args: None)
    assert page.export_pdf() == target
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True)
    pages = int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages:"))
    )
    size = next(line for line in info.stdout.splitlines() if line.startswith("Page size:"))
    assert "1191 x 842 pts (A3)" in size  # landscape
    assert pages >= 2
    names = page.lines().data.labels
    first_name = names[page.lines().rows()[0]]
    for number in range(1, pages + 1):
        text = "".join(pdftotext(target, number).split())
        assert "重点项目时间表" in text and "项目名称（共120个）" in text
        assert f"第{number}页" in text and f"共{pages}页" in text
        assert "2020年" in text
    assert first_name[:8] in pdftotext(target, 1).replace("\n", "")
    last_name = names[page.lines().rows()[-1]]
    assert last_name[:8] in pdftotext(target, pages).replace("\n", "")


def test_the_pdf_embeds_the_face_the_program_chose_for_charts(qtbot, page, tmp_path, monkeypatch):
    target = tmp_path / "时间表.pdf"
    reported: list[str] = []
    monkeypatch.setattr(page_module, "ask_path", lambda *args: target)
    monkeypatch.setattr(
        page_module, "report_written", lambda _p, _path, text, _c: reported.append(text)
    )
    choose(page.paper, "A4")
    choose(page.late, True)
    page.export_pdf()
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True)
    assert "Title:           2020年重点项目时间表（有逾期节点的项目·" in info.stdout
    listing = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True, check=True)
    rows = listing.stdout.splitlines()[2:]
    chosen = fonts.resolve("heading").path
    family = QApplication.font().family()
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", row  # embedded
    assert any(_postscript_stem(chosen) in row.replace("-", "") for row in rows), (rows, family)
    # Qt names a subset without the ABCDEF+ tag pdffonts looks for: the size tells instead.
    assert target.stat().st_size < chosen.stat().st_size / 4
    assert "842 x 595 pts (A4)" in info.stdout  # landscape
    stand_ins = [note for note in fonts.substitutions() if note.role == "heading"]
    assert [line for line in reported[-1].splitlines() if line.startswith("提示")] == [
        note.message() for note in stand_ins
    ]


def _postscript_stem(path: Path) -> str:
    from PySide6.QtGui import QRawFont

    raw = QRawFont(str(path), 10)
    return raw.familyName().replace(" ", "")


def test_png_export_is_the_view_as_shown(qtbot, page, tmp_path, monkeypatch):
    target = tmp_path / "时间表.png"
    monkeypatch.setattr(page_module, "ask_path", lambda *args: target)
    monkeypatch.setattr(page_module, "report_written", lambda *args: None)
    assert page.export_png() == target
    image = QImage(str(target))
    ratio = page.canvas.devicePixelRatioF()
    assert (image.width(), image.height()) == (
        round(page.canvas.width() * ratio),
        round(page.canvas.height() * ratio),
    )


# --- in the window --------------------------------------------------------------------------


def test_a_double_click_in_the_window_opens_the_project_at_its_nodes(qtbot, tracked_db):
    path = Path(tracked_db.execute("PRAGMA database_list").fetchone()[2])
    window = MainWindow(tracked_db, path)
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    qtbot.waitExposed(window)
    window.open_view("timeline")
    page = window.current_page()
    assert isinstance(page, TimelinePage)
    canvas = page.canvas
    y = round(canvas.style_.header_height + 0.5 * canvas.style_.row_height)
    qtbot.mouseDClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(100, y))
    from jimo_desktop.views.projects.project_editor import ProjectEditor

    qtbot.waitUntil(lambda: len(window.findChildren(ProjectEditor)) == 1)
    (editor,) = window.findChildren(ProjectEditor)
    tabs = editor.findChild(QTabWidget, "tabs")
    assert tabs.tabText(tabs.currentIndex()) == "时间节点"
    assert editor.windowTitle().startswith(
        f"编辑项目 — {page.lines().data.labels[page.lines().row_at(0)]}"
    )
    editor.close()


def test_a_node_reached_while_the_page_is_open_shows_when_its_window_is_active_again(
    qtbot, page, tracked_db
):
    from PySide6.QtCore import QEvent

    today = settings.today(tracked_db)
    choose(page.late, True)
    late = milestones.late(tracked_db, today)
    counts = Counter(n.project_id for n in late)
    node = next(n for n in late if counts[n.project_id] == 1)  # its project's only late node
    assert node.project_id in shown_ids(page)
    milestones.update(tracked_db, node.id, {"actual_on": today.isoformat()})
    assert node.project_id in shown_ids(page)  # nothing read yet
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    QApplication.sendEvent(page, QEvent(QEvent.Type.ActivationChange))
    assert node.project_id not in shown_ids(page)
    assert set(shown_ids(page)) == {n.project_id for n in milestones.late(tracked_db, today)}


def test_opening_the_window_and_this_page_does_not_import_matplotlib():
    code = (
        "import sys\n"
        "import jimo_desktop.views.main_window, jimo_desktop.views.timeline.page\n"
        "import jimo_desktop.views.projects.milestones_panel\n"
        "import jimo_desktop.views.progress.dispatch_view\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported at start-up'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
