"""The import dialog as an officer uses it: add files, preview, see the bad cells and why,
answer the near matches, skip bad rows, import; the preview is planned off the window's thread."""

import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QProgressDialog, QPushButton

from jimo_desktop.excel.importing.fields import Field
from jimo_desktop.excel.importing.importer import plan_import
from jimo_desktop.store import settings
from jimo_desktop.views.background import wait_for_background_work
from jimo_desktop.views.exchange import import_dialog
from jimo_desktop.views.exchange.import_dialog import ImportDialog
from jimo_desktop.views.exchange.import_preview import BAD_MARK
from jimo_desktop.views.exchange.import_questions import NEW, SAME
from tests.gui.keyboard import type_text
from tests.unit.excel.hostile import far_apart, write_sheet
from tests.unit.excel.workbooks import SheetSpec, project_row, submission, write_xlsx


@pytest.fixture
def dialog(qtbot, db):
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    dialog = ImportDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)  # its shortcuts (F5) work in the active window
    return dialog


def names(db) -> list[str]:
    return [row[0] for row in db.execute("SELECT name FROM projects ORDER BY id").fetchall()]


def shown_lines(dialog) -> list:
    proxy = dialog.preview.proxy
    return [proxy.index(n, 0).data(Qt.ItemDataRole.UserRole + 2) for n in range(proxy.rowCount())]


def preview(qtbot, dialog, *paths) -> None:
    dialog.add_files(list(paths))
    press_preview(qtbot, dialog)


def press_preview(qtbot, dialog) -> None:
    """F5, then wait for the plan made off the window's thread."""
    qtbot.keyClick(dialog, Qt.Key.Key_F5)
    qtbot.waitUntil(dialog.preview_button.isEnabled)


def test_bad_cells_are_marked_with_what_was_found_and_why(qtbot, dialog, db, tmp_path):
    rows = submission(project_row(1, "好项目"), project_row(2, "坏项目", total="待定"))
    preview(qtbot, dialog, write_xlsx(tmp_path / "通济.xlsx", SheetSpec("新开工", rows)))
    good, bad = shown_lines(dialog)
    assert (good.action, bad.action) == ("新增", "有问题")
    assert bad.cells[Field.TOTAL] == f"{BAD_MARK}待定"
    assert bad.remarks == "总投资（万元）：“待定”不是金额，应为数字（万元），如 12500 或 1.5亿元"
    assert bad.colour.name() == "#c0392b"
    assert not dialog.import_button.isEnabled()
    assert names(db) == []


def test_skipping_bad_rows_imports_the_rest_and_reports_it(qtbot, dialog, db, tmp_path):
    rows = submission(project_row(1, "好项目"), project_row(2, "坏项目", total="待定"))
    preview(qtbot, dialog, write_xlsx(tmp_path / "通济.xlsx", SheetSpec("新开工", rows)))
    qtbot.keyClick(dialog.skip_bad, Qt.Key.Key_Space)
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.imported) as imported:
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert names(db) == ["好项目"]
    assert len(imported.args[0]) == 1
    assert dialog.message.text() == "导入完成：新增 1 项，更新 0 项，无变化 0 项，跳过 1 项。"
    assert not dialog.import_button.isEnabled()  # the plan is spent; a new preview is needed


def test_a_near_match_is_confirmed_as_the_same_project(qtbot, dialog, db, tmp_path):
    first = write_xlsx(
        tmp_path / "v1.xlsx", SheetSpec("新开工", submission(project_row(1, "海洋产业园项目")))
    )
    preview(qtbot, dialog, first)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    near = project_row(1, "海洋产业园", total=20000)
    later = write_xlsx(tmp_path / "v2.xlsx", SheetSpec("新开工", submission(near)))
    dialog.files.clear()
    preview(qtbot, dialog, later)
    assert dialog.questions.isVisible()
    dialog.questions.table.selectRow(0)
    qtbot.mouseClick(dialog.questions.same_button, Qt.MouseButton.LeftButton)
    assert dialog.questions.model.row(0).answer == SAME
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert names(db) == ["海洋产业园项目"]
    assert "更新 1 项" in dialog.message.text()


def test_an_unanswered_near_match_is_not_imported_and_a_new_one_can_be_chosen(
    qtbot, dialog, db, tmp_path
):
    first = write_xlsx(
        tmp_path / "v1.xlsx", SheetSpec("新开工", submission(project_row(1, "海洋产业园项目")))
    )
    preview(qtbot, dialog, first)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    dialog.files.clear()
    near = write_xlsx(
        tmp_path / "v2.xlsx", SheetSpec("新开工", submission(project_row(1, "海洋产业园")))
    )
    preview(qtbot, dialog, near)
    dialog.questions.table.selectRow(0)
    qtbot.mouseClick(dialog.questions.new_button, Qt.MouseButton.LeftButton)
    assert dialog.questions.model.row(0).answer == NEW
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert names(db) == ["海洋产业园项目", "海洋产业园"]


def test_a_sheet_without_a_unit_asks_for_one_and_the_choice_is_used(qtbot, dialog, db, tmp_path):
    path = write_xlsx(
        tmp_path / "2020年申报.xlsx", SheetSpec("Sheet1", [["项目名称", "总投资"], ["甲", 9]])
    )
    preview(qtbot, dialog, path)
    assert dialog.unit.property("invalid") is True
    assert "请在上方选择区位后重新预览" in dialog.message.text()
    dialog.unit.setCurrentIndex(dialog.unit.findText("龙山街道"))
    assert not dialog.import_button.isEnabled()  # a changed option discards the preview
    press_preview(qtbot, dialog)
    assert dialog.unit.property("invalid") is False
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert names(db) == ["甲"]


def test_a_month_that_is_not_yyyy_mm_is_marked_and_nothing_previewed(qtbot, dialog, tmp_path):
    path = write_xlsx(tmp_path / "表.xlsx", SheetSpec("新开工", submission(project_row(1, "甲"))))
    dialog.add_files([path])
    type_text(qtbot, dialog.period, "2020年6月")
    qtbot.keyClick(dialog, Qt.Key.Key_F5)
    assert dialog.period.property("invalid") is True
    assert dialog.message.text() == "报表月份应为 YYYY-MM，如 2020-06。"
    assert shown_lines(dialog) == []


def test_an_unreadable_file_is_a_line_of_its_own(qtbot, dialog, tmp_path):
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"not a workbook")
    preview(qtbot, dialog, broken)
    (line,) = shown_lines(dialog)
    assert (line.file, line.action) == ("坏.xlsx", "不能导入")
    assert line.remarks.startswith("不是Excel文件")


def test_the_preview_filter_shows_only_the_chosen_action(qtbot, dialog, tmp_path):
    rows = submission(project_row(1, "好项目"), project_row(2, "坏项目", total="待定"))
    preview(qtbot, dialog, write_xlsx(tmp_path / "通济.xlsx", SheetSpec("新开工", rows)))
    combo = dialog.preview.findChild(type(dialog.kind), "actionFilter")
    combo.setCurrentIndex(combo.findText("有问题"))
    assert [line.name for line in shown_lines(dialog)] == ["坏项目"]


def test_the_preview_model_is_a_sound_item_model(qtbot, dialog, tmp_path):
    QAbstractItemModelTester(
        dialog.preview.model, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    rows = submission(project_row(1, "好项目"), project_row(2, "坏项目", total="待定"))
    preview(qtbot, dialog, write_xlsx(tmp_path / "通济.xlsx", SheetSpec("新开工", rows)))
    assert dialog.preview.model.rowCount() == 2


def test_a_sheet_stating_no_year_asks_for_one_and_the_clock_never_answers(
    qtbot, dialog, db, tmp_path
):
    settings.put(db, settings.BUSINESS_DATE, "2031-06-30")
    rows = submission(project_row(1, "甲"), title="即墨区重点项目申报表")
    rows[2] = [header.replace("2020年", "") for header in rows[2]]
    preview(qtbot, dialog, write_xlsx(tmp_path / "通济.xlsx", SheetSpec("新开工", rows)))
    assert dialog.year.text() == ""
    assert dialog.year.property("invalid") is True
    assert "有的表没有写明年度：请填写年度后重新预览。" in dialog.message.text()
    assert not dialog.import_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Y, Qt.KeyboardModifier.AltModifier)
    assert dialog.year.hasFocus()
    qtbot.keyClicks(dialog.year, "2020")
    qtbot.keyClick(dialog, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: "归入2020年（按指定）。" in dialog.message.text())
    assert dialog.year.property("invalid") is False
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    years = db.execute("SELECT year FROM project_years").fetchall()
    assert years == [(2020,)]


def test_the_preview_names_the_year_and_where_it_was_read(qtbot, dialog, tmp_path):
    path = write_xlsx(tmp_path / "通济.xlsx", SheetSpec("新开工", submission(project_row(1, "甲"))))
    preview(qtbot, dialog, path)
    assert dialog.message.text() == "预览：新增 1 行。归入2020年（取自标题）。"
    assert dialog.year.property("invalid") is False


def test_a_year_that_is_not_four_digits_is_marked_and_nothing_previewed(qtbot, dialog, tmp_path):
    dialog.add_files([write_xlsx(tmp_path / "表.xlsx", SheetSpec("新开工", [["项目名称"]]))])
    qtbot.keyClicks(dialog.year, "20")
    qtbot.keyClick(dialog, Qt.Key.Key_F5)
    assert dialog.year.property("invalid") is True
    assert dialog.message.text() == "年度应为四位数字，如 2020。"
    assert shown_lines(dialog) == []


def test_a_cumulative_below_last_month_is_imported_once_confirmed(qtbot, dialog, db, tmp_path):
    projects = write_xlsx(
        tmp_path / "申报.xlsx", SheetSpec("新开工", submission(project_row(1, "海洋产业园项目")))
    )
    preview(qtbot, dialog, projects)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    header = ["序号", "项目名称", "累计完成投资（万元）"]
    for month, completed in ((5, 7088), (6, 7000)):
        title = [f"即墨区2020年1-{month}月重点项目推进情况表"], ["填报单位：通济街道"]
        rows = [*title, header, [1, "海洋产业园项目", completed]]
        path = write_xlsx(tmp_path / f"{month}月.xlsx", SheetSpec("Sheet1", rows))
        dialog.files.clear()
        preview(qtbot, dialog, path)
        if month == 5:
            qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)

    assert dialog.questions.isVisible()
    dialog.questions.table.selectRow(0)
    assert dialog.questions.same_button.text() == "确认导入(&Y)"
    assert dialog.questions.model.row(0).answer == "不导入"
    qtbot.mouseClick(dialog.questions.same_button, Qt.MouseButton.LeftButton)
    assert dialog.questions.model.row(0).answer == "确认导入"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    saved = db.execute("SELECT completed_this_year FROM progress_reports WHERE period = '2020-06'")
    assert saved.fetchall() == [(7_000_00,)]


def test_cleaned_cells_are_said_in_the_preview_at_their_row_or_on_a_line(qtbot, dialog, tmp_path):
    rows = submission(
        project_row(1, '_x0001_=HYPERLINK("http://example.invalid")'),
        project_row(2, "好项目"),
        title="\u202e即墨区2020年重点项目申报表",
    )
    preview(qtbot, dialog, write_xlsx(tmp_path / "通济.xlsx", SheetSpec("新开工", rows)))
    note, crafted, plain = shown_lines(dialog)
    assert (note.action, note.file) == ("提示", "通济.xlsx “新开工”表 第1行 A列")
    assert note.remarks == "有看不见的字符（U+202E），导入时已删除"
    assert crafted.name == '=HYPERLINK("http://example.invalid")'
    assert crafted.remarks == "项目名称：有看不见的字符（U+0001），导入时已删除"
    assert (plain.name, plain.remarks) == ("好项目", "")
    qtbot.keyClick(dialog.preview.table, Qt.Key.Key_Home)
    assert dialog.details.text() == (
        "通济.xlsx “新开工”表 第1行 A列：有看不见的字符（U+202E），导入时已删除"
    )


@pytest.fixture
def slow_plan(monkeypatch):
    """plan_import held until the test lets it go; where it ran is noted."""
    started, release, ran_on = threading.Event(), threading.Event(), []

    def held(db, files, **options):
        ran_on.append(threading.current_thread())
        started.set()
        assert release.wait(20), "the test never let the plan go"
        return plan_import(db, files, **options)

    monkeypatch.setattr(import_dialog, "plan_import", held)
    yield started, release, ran_on
    release.set()
    wait_for_background_work()  # nothing of this test reaches the next one


def test_the_window_keeps_answering_while_a_slow_preview_is_planned(
    qtbot, dialog, tmp_path, slow_plan
):
    started, release, ran_on = slow_plan
    path = write_xlsx(tmp_path / "通济.xlsx", SheetSpec("新开工", submission(project_row(1, "甲"))))
    dialog.add_files([path])
    qtbot.keyClick(dialog, Qt.Key.Key_F5)
    qtbot.waitUntil(started.is_set)
    ticks = []
    timer = QTimer(dialog, interval=20, timeout=lambda: ticks.append(1))
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= 5)  # the event loop runs while the plan is held
    busy = dialog.findChild(QProgressDialog)
    qtbot.waitUntil(busy.isVisible)
    assert busy.labelText() == "正在读取和检查文件…"
    assert not dialog.preview_button.isEnabled() and not dialog.import_button.isEnabled()
    assert ran_on[0] is not threading.main_thread()
    release.set()
    qtbot.waitUntil(dialog.preview_button.isEnabled)
    assert [line.name for line in shown_lines(dialog)] == ["甲"]
    assert not any(left.isVisible() for left in dialog.findChildren(QProgressDialog))
    assert dialog.import_button.isEnabled()


def test_cancelling_a_slow_preview_shows_nothing_of_it(qtbot, dialog, tmp_path, slow_plan):
    started, release, _ = slow_plan
    path = write_xlsx(tmp_path / "通济.xlsx", SheetSpec("新开工", submission(project_row(1, "甲"))))
    dialog.add_files([path])
    qtbot.keyClick(dialog, Qt.Key.Key_F5)
    qtbot.waitUntil(started.is_set)
    busy = dialog.findChild(QProgressDialog)
    qtbot.waitUntil(busy.isVisible)
    cancel = next(button for button in busy.findChildren(QPushButton) if button.text() == "取消")
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert busy.labelText() == "正在取消…"
    release.set()
    qtbot.waitUntil(dialog.preview_button.isEnabled)
    assert dialog.message.text() == "已取消预览。"
    assert shown_lines(dialog) == []
    assert not dialog.import_button.isEnabled()


def test_a_file_the_guard_refuses_shows_why(qtbot, dialog, tmp_path):
    far = tmp_path / "远.xlsx"
    write_sheet(far, far_apart(b"A1", b"IV1048576"))
    preview(qtbot, dialog, far)
    (line,) = shown_lines(dialog)
    assert (line.file, line.action) == ("远.xlsx", "不能导入")
    assert line.remarks == "工作表“Sheet1”超过 200,000 行，不像一份填报表，未导入"


def test_a_file_name_that_looks_like_markup_is_shown_as_written(qtbot, dialog, tmp_path):
    path = write_xlsx(tmp_path / "<i>通济<br>.xlsx", SheetSpec("新开工", [["项目名称"]]))
    preview(qtbot, dialog, path)
    assert dialog.message.textFormat() == Qt.TextFormat.PlainText
    assert dialog.details.textFormat() == Qt.TextFormat.PlainText
    shown = (
        dialog.message.text()
        + dialog.details.text()
        + "".join(line.file for line in shown_lines(dialog))
    )
    assert "<i>通济<br>.xlsx" in shown


def test_a_backup_that_cannot_be_made_stops_the_import_with_words_not_an_error(
    qtbot, dialog, db, tmp_path
):
    """The copy taken before an import failed (a full disk, a folder that cannot be made):
    the dialog raised it as an unexpected error; it now says so and writes nothing."""
    from jimo_desktop.store.safekeeping import backup

    backup.backups_dir(backup.database_file(db)).write_text("一个挡路的文件")
    rows = submission(project_row(1, "好项目"))
    preview(qtbot, dialog, write_xlsx(tmp_path / "通济.xlsx", SheetSpec("新开工", rows)))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text().startswith("导入前的备份没有做成，未导入任何数据：")
    assert names(db) == []
