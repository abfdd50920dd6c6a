"""打印督办单 and 打印纪要: the chosen order or meeting becomes a PDF in the official format,
and 设置 keeps the day the monthly 调度表 is due."""

import subprocess

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from jimo_desktop.store.monthly import submissions
from jimo_desktop.store.project_library.project_index import ProjectIndex
from jimo_desktop.views.progress.dispatch_view import DispatchView
from jimo_desktop.views.tracking.supervision_view import SupervisionView
from tests.briefing_demo import pdf_text


def saving_to(monkeypatch, path, said: list) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda parent, caption, suggested, kinds: (str(path), "")
    )
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))


def pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))[6:])


def test_the_chosen_order_prints_on_one_page(qtbot, demo_db, tmp_path, monkeypatch):
    view = SupervisionView(demo_db)
    qtbot.addWidget(view)
    view.state.setCurrentIndex(0)  # every order
    assert view.table.proxy.rowCount()
    view.table.table.selectRow(0)
    order = view.table.current_record()
    said = []
    saving_to(monkeypatch, tmp_path / "督办单.pdf", said)
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    assert pages(tmp_path / "督办单.pdf") == 1
    text = pdf_text(tmp_path / "督办单.pdf")
    assert f"{order.addressee}：" in text and "回执" in text
    assert said == [f"已生成 {tmp_path / '督办单.pdf'}：共 1 页"]


def test_the_chosen_meeting_prints_its_minutes(qtbot, demo_db, tmp_path, monkeypatch):
    view = DispatchView(demo_db, ProjectIndex(demo_db, 2020))
    qtbot.addWidget(view)
    view.table.table.selectRow(0)
    meeting = view.table.current_record()
    said = []
    saving_to(monkeypatch, tmp_path / "纪要", said)
    qtbot.mouseClick(view.print_button, Qt.MouseButton.LeftButton)
    text = pdf_text(tmp_path / "纪要.pdf")
    assert "重点项目周调度会议纪要" in text and "".join(meeting.attendees.split()) in text


def test_the_due_day_chosen_in_settings_is_kept(qtbot, demo_db, tmp_path):
    from jimo_desktop.views.settings.settings_view import SettingsView

    view = SettingsView(demo_db, tmp_path / "demo.sqlite3")
    qtbot.addWidget(view)
    view.due_day.setFocus()
    view.due_day.selectAll()
    qtbot.keyClicks(view.due_day, "8")
    assert submissions.due_day(demo_db) == 8
    assert str(submissions.due_date(demo_db, "2020-07")) == "2020-08-08"
