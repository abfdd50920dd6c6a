"""The 工作日志 tab: newest first, search, Ctrl+Enter to add, correcting and deleting own lines."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QMessageBox

from jimo_desktop.domain.project import Project
from jimo_desktop.store import settings
from jimo_desktop.store.project_library import projects
from jimo_desktop.store.tracking import work_logs
from jimo_desktop.views.projects.work_log_panel import WorkLogPanel
from tests.gui.keyboard import type_text

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
CONTENT = 3  # column of the text


@pytest.fixture
def project_id(db) -> int:
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    settings.put(db, settings.OFFICER, "李明")
    project_id = projects.save(
        db, Project(name="即墨城投安置房建设项目", unit_id=1, industry_id=7)
    ).id
    work_logs.write(db, project_id, "召开项目推进会，明确拆迁时间节点", "2020-05-12")
    work_logs.write(db, project_id, "现场查看主体结构施工", "2020-06-18")
    work_logs.add(db, project_id, "提出问题：临时用电不足", "problem", "2020-06-01")
    return project_id


@pytest.fixture
def panel(qtbot, db, project_id) -> WorkLogPanel:
    widget = WorkLogPanel(db, project_id)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def shown(panel: WorkLogPanel, column: int = CONTENT) -> list[str]:
    proxy = panel.table.proxy
    return [proxy.index(row, column).data() for row in range(proxy.rowCount())]


def select(panel: WorkLogPanel, content: str) -> None:
    assert panel.table.select(lambda entry: entry.content == content)
    panel.table.table.setFocus()


def test_the_log_shows_newest_first_with_dates_in_chinese(panel):
    assert shown(panel) == [
        "现场查看主体结构施工",
        "提出问题：临时用电不足",
        "召开项目推进会，明确拆迁时间节点",
    ]
    assert shown(panel, 0)[0] == "2020年6月18日"
    assert shown(panel, 2) == ["手工填写", "问题清单", "手工填写"]
    assert panel.table.summary.text() == "共 3 条日志"


def test_ctrl_enter_adds_the_typed_line_at_the_top_dated_today(qtbot, panel, db, project_id):
    panel.content_edit.setFocus()
    type_text(qtbot, panel.content_edit, "协调供电公司接入临时用电")
    qtbot.keyClick(panel.content_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert shown(panel)[0] == "协调供电公司接入临时用电"
    assert shown(panel, 0)[0] == "2020年6月30日"
    assert panel.table.current_record().content == "协调供电公司接入临时用电"
    assert panel.content_edit.toPlainText() == ""
    assert work_logs.for_project(db, project_id)[0].author == "李明"


def test_a_line_without_text_is_not_added_and_the_reason_is_shown(qtbot, panel, db, project_id):
    panel.content_edit.setFocus()
    qtbot.keyClick(panel.content_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert panel.message.text() == "请填写日志内容"
    assert len(work_logs.for_project(db, project_id)) == 3


def test_a_future_date_is_refused(qtbot, panel, db, project_id):
    qtbot.keyClicks(panel.date_edit, "2020-07-02")
    type_text(qtbot, panel.content_edit, "提前写的日志")
    panel.save()
    assert "不能晚于今天" in panel.message.text()
    assert "提前写的日志" not in shown(panel)


def test_search_keeps_the_lines_that_hold_the_words(qtbot, panel):
    type_text(qtbot, panel.table.search, "拆迁")
    assert shown(panel) == ["召开项目推进会，明确拆迁时间节点"]
    assert panel.table.summary.text() == "共 3 条日志，找到 1 条"


def test_enter_on_an_own_line_loads_it_and_ctrl_enter_saves_the_correction(qtbot, panel, db):
    select(panel, "现场查看主体结构施工")
    qtbot.keyClick(panel.table.table, Qt.Key.Key_Return)
    assert panel.entry_title.text() == "修改日志"
    assert panel.date_edit.text() == "2020-06-18"
    assert panel.content_edit.hasFocus()
    type_text(qtbot, panel.content_edit, "，已封顶")
    qtbot.keyClick(panel.content_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert shown(panel)[0] == "现场查看主体结构施工，已封顶"
    assert len(shown(panel)) == 3
    assert panel.entry_title.text() == "写日志"


def test_escape_drops_a_correction(qtbot, panel):
    select(panel, "现场查看主体结构施工")
    panel.edit_current()
    qtbot.keyClick(panel.content_edit, Qt.Key.Key_Escape)
    assert panel.entry_title.text() == "写日志"
    assert panel.content_edit.toPlainText() == ""


def test_a_line_the_program_wrote_cannot_be_changed(qtbot, panel):
    select(panel, "提出问题：临时用电不足")
    panel.edit_current()
    assert panel.entry_title.text() == "写日志"
    assert "自动记录" in panel.message.text()


def test_deleting_asks_first_and_no_keeps_the_line(monkeypatch, panel):
    asked = []

    def question(parent, title, text, *args):
        asked.append(text)
        return answers.pop(0)

    answers = [No, Yes]
    monkeypatch.setattr(QMessageBox, "question", question)
    select(panel, "召开项目推进会，明确拆迁时间节点")
    panel.delete_current()
    assert "召开项目推进会，明确拆迁时间节点" in shown(panel)
    panel.delete_current()
    assert "召开项目推进会，明确拆迁时间节点" not in shown(panel)
    assert "2020年5月12日" in asked[0]
    panel.table.undo_button.click()
    assert panel.table.current_record().content == "召开项目推进会，明确拆迁时间节点"


def test_the_table_model_passes_qts_model_tester(panel):
    QAbstractItemModelTester(panel.table.model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    panel.refresh()
