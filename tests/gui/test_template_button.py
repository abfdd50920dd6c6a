"""生成调度表模板 on the 进度调度 page: the officer picks a month and a folder, and every 区位's
调度表 is written there."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from jimo_desktop.views.progress.progress_grid import ProgressGridPage


def test_the_button_writes_one_template_per_unit_for_the_month_chosen(
    qtbot, demo_db, tmp_path, monkeypatch
):
    asked = []

    def choose_month(parent, title, label, items, current, editable):
        asked.append(items)
        return items[0], True

    said = []
    monkeypatch.setattr(QInputDialog, "getItem", choose_month)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(tmp_path))
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    page = ProgressGridPage(demo_db)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.templates_button, Qt.MouseButton.LeftButton)
    month = asked[0][0]
    written = sorted(path.name for path in tmp_path.glob("*.xlsx"))
    assert len(written) == 23
    assert f"通济街道{month}重点项目调度表.xlsx" in written
    [text] = said
    assert text.startswith(f"已为 23 个区位生成{month}调度表模板") and str(tmp_path) in text
