"""The import dialog on tables as offices publish them (issue 17): every mapping and note is
a line of the preview, and a range waits for the officer's choice of end."""

from PySide6.QtCore import Qt

from tests.gui.test_import_dialog import dialog, names, press_preview, preview, shown_lines
from tests.unit.excel.office_tables import office_table

__all__ = ["dialog"]  # the fixture, shared

HEADER = ("序号", "项目名称", "建设地点", "所属产业", "总投资", "项目类别")
STATEMENT = ("填报单位（盖章）：", None, None, None, "金额单位：万元")


def test_a_range_waits_for_the_chosen_end_and_the_preview_says_every_mapping(
    qtbot, dialog, db, tmp_path
):
    rows = [[1, "甲项目", "环秀街道", "新材料", "约125.6", "签约"],
            [2, "乙项目", "通济新经济区", "新材料", "500-800", "在建"]]  # fmt: skip
    path = office_table(tmp_path / "表.xlsx", HEADER, rows, statement=STATEMENT)
    preview(qtbot, dialog, path)
    assert dialog.ranges.property("invalid") is True
    assert "有金额写成区间" in dialog.message.text()
    assert not dialog.import_button.isEnabled()
    dialog.ranges.setFocus()
    qtbot.keyClick(dialog.ranges, Qt.Key.Key_Down)  # 取下限
    assert dialog.ranges.currentText() == "取下限"
    press_preview(qtbot, dialog)
    assert dialog.ranges.property("invalid") is False
    lines = shown_lines(dialog)
    said = [(line.name or line.file, line.remarks) for line in lines]
    by_setting = "（按“设置”中签约、前期项目的归类）"
    assert said == [
        ("表.xlsx “Sheet1”表 F列（项目类别）", f"“签约”记为阶段“储备”{by_setting}（第4行）"),
        ("表.xlsx “Sheet1”表 F列（项目类别）", "“在建”记为阶段“开工”、建设性质“续建”（第5行）"),
        ("表.xlsx “Sheet1”表", "2 行的区位取自“建设地点”中的地名"),
        ("甲项目", "E列（总投资）：“约125.6”按所写数字记为 125.60 万元"),
        ("乙项目", "E列（总投资）：“500-800”是区间，按选择取下限：500.00 万元"),
    ]
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert names(db) == ["甲项目", "乙项目"]
