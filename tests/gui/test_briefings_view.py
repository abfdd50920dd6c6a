"""简报导出 as a new officer uses it: June's bulletin, one sentence edited, exported off the GUI
thread, the PDF opened; the edit kept with the briefing; redraft and unavailable kinds."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QTextCursor
from PySide6.QtWidgets import QFileDialog, QMessageBox

from jimo_desktop.domain.briefing import Kind
from jimo_desktop.reports import fonts
from jimo_desktop.store.papers import briefings
from jimo_desktop.views.briefings.briefings_view import BriefingsView
from tests.briefing_demo import fill_briefing_demo, pdf_text
from tests.gui.conftest import listed_at_june_end
from tests.gui.keyboard import type_text

EDIT = "经研究，对落后项目实行挂牌督办。"


@pytest.fixture
def view(qtbot, db):
    fill_briefing_demo(db, project_count=30)
    widget = BriefingsView(db)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    return widget


@pytest.fixture
def opened(monkeypatch):
    """The PDFs the view hands to the system viewer."""
    urls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url) or True)
    return urls


def choose_file(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(path), ""))


def test_it_opens_on_junes_bulletin_drafted_from_the_data(view, db):
    assert (view.chosen_kind(), view.period.currentData()) == (Kind.MONTHLY, "2020-06")
    assert view.editor.title.text() == "关于2020年1-6月全区重点项目建设情况的通报"
    overview = view.editor.section_box("overview").toPlainText()
    listed = listed_at_june_end(db)
    assert listed == 29  # the demo's 30, one withdrawn in May
    assert overview.startswith(f"截至6月底，全区{listed}个重点项目已开工")
    assert not view.project.isEnabled()


def test_an_edited_sentence_is_exported_kept_and_the_pdf_opened(
    qtbot, view, db, tmp_path, monkeypatch, opened
):
    box = view.editor.section_box("next_steps")
    box.setFocus()
    box.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    type_text(qtbot, box, EDIT)
    assert "未保存" in view.state.text()
    target = tmp_path / "六月通报.pdf"
    choose_file(monkeypatch, target)
    qtbot.keyClick(view.editor.title, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    assert Path(opened[0].toLocalFile()) == target
    assert EDIT in pdf_text(target)
    kept = briefings.saved(db, Kind.MONTHLY, "2020-06")
    assert kept.draft.section("next_steps").paragraphs[-1] == EDIT
    assert kept.exported_to == str(target)
    assert view.state.text().startswith("已导出 六月通报.pdf，共")


def test_the_kept_draft_comes_back_when_the_month_is_chosen_again(view, db):
    view.editor.title.setText("关于上半年重点项目建设情况的通报")
    view.save()
    view.period.setCurrentIndex(view.period.findData("2020-05"))
    view.period.setCurrentIndex(view.period.findData("2020-06"))
    assert view.editor.title.text() == "关于上半年重点项目建设情况的通报"
    assert "已保存的修改稿" in view.state.text()


def test_redrafting_asks_first_and_then_replaces_the_text(view, monkeypatch):
    view.editor.title.setText("临时标题")
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *args: next(answers))
    view.redraft_button.click()
    assert view.editor.title.text() == "临时标题"
    view.redraft_button.click()
    assert view.editor.title.text() == "关于2020年1-6月全区重点项目建设情况的通报"


def test_a_project_brief_is_drafted_for_the_project_chosen(view):
    view.kind.setCurrentIndex(view.kind.findData(Kind.PROJECT))
    assert view.project.isEnabled()
    name = view.project.currentText()
    assert view.editor.title.text() == f"{name}建设情况"
    assert view.editor.section_box("basic").toPlainText().startswith(name)


def test_the_inspection_report_is_drafted_from_the_month_s_inspections(view):
    view.kind.setCurrentIndex(view.kind.findData(Kind.INSPECTION))
    assert view.editor.title.text().endswith("重点项目现场督查情况")
    assert view.editor.section_box("overview").toPlainText()
    assert view.export_button.isEnabled()


def test_cancelling_the_file_dialog_writes_nothing(view, monkeypatch, opened):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    view.export()
    assert opened == [] and view.export_button.isEnabled()


def test_after_an_export_the_view_says_which_face_stood_in(
    qtbot, view, tmp_path, monkeypatch, opened
):
    stand_ins = [
        fonts.Substitution("heading", "黑体", "微软雅黑"),
        fonts.Substitution("ui", "微软雅黑", "宋体"),  # the window's face is no PDF's business
    ]
    monkeypatch.setattr(fonts, "substitutions", lambda: stand_ins)
    choose_file(monkeypatch, tmp_path / "通报.pdf")
    qtbot.keyClick(view.editor.title, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    lines = view.state.text().splitlines()
    assert lines[0].startswith("已导出 通报.pdf，共")
    assert lines[1:] == ["提示：一级标题（一、）应为黑体，本机没有，以微软雅黑代替"]


def test_the_officer_chooses_how_many_photos_the_inspection_report_prints(qtbot, view):
    assert not view.photos.isEnabled()  # a bulletin prints no site photos
    view.kind.setCurrentIndex(view.kind.findData(Kind.INSPECTION))
    assert view.photos.isEnabled() and view.photos.currentData() is None  # all by default
    everything = view.job.facts
    if not everything.photo_count:
        pytest.skip("the demo took no photos this month")
    assert "选印" not in view.editor.draft().section("overview").paragraphs[0]
    view.photos.setFocus()
    while view.photos.currentData() != 1:
        qtbot.keyClick(view.photos, Qt.Key.Key_Down)
    fewer = view.job.facts
    assert fewer.photos_printed == sum(1 for visit in fewer.visits if visit.photos_taken)
    overview = view.editor.draft().section("overview").paragraphs[0]
    assert f"本报告选印{fewer.photos_printed}张" in overview
