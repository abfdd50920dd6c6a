"""The import dialog on tables as offices publish them (issue 17): every mapping and note is
a line of the preview, and a range waits for the officer's choice of end."""

from PySide6.QtCore import Qt

from tests.gui.test_import_dialog import dialog, names, press_preview, preview, shown_lines
from tests.unit.excel.office_tables import office_table, report_table

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


def test_a_report_row_of_a_project_not_kept_is_added_when_answered_new(qtbot, dialog, db, tmp_path):
    rows = [[1, "新签约智能制造产业园", "蓝村镇", 50_000, 1_200, "土方施工"]]
    path = report_table(tmp_path / "推进表.xlsx", rows, year=2020, statement=STATEMENT)
    preview(qtbot, dialog, path)
    (line,) = [line for line in shown_lines(dialog) if line.name]
    assert line.remarks == (
        "未填所属产业，记为“其他”；项目库中没有“新签约智能制造产业园”："
        "是否按本行的名称、区位和总投资新建该项目，并记入本月进度？"
    )
    assert dialog.questions.isVisible() and dialog.questions.new_button.isVisible()
    assert "或调度表中有项目库没有的项目可一并新建" in dialog.message.text()
    dialog.questions.table.selectRow(0)
    qtbot.mouseClick(dialog.questions.new_button, Qt.MouseButton.LeftButton)
    assert dialog.questions.model.row(0).answer == "作为新项目"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert names(db) == ["新签约智能制造产业园"]
    assert dialog.message.text().startswith("导入完成：新增 1 项")


def test_a_place_naming_two_units_is_asked_and_answered_by_the_unit_chosen(
    qtbot, dialog, db, tmp_path
):
    rows = [[1, "甲项目", "环秀街道", "新材料", 100, "在建"],
            [2, "乙项目", "龙泉街道、龙山街道交界", "新材料", 200, "在建"]]  # fmt: skip
    path = office_table(tmp_path / "表.xlsx", HEADER, rows, statement=STATEMENT)
    preview(qtbot, dialog, path)
    bad = next(line for line in shown_lines(dialog) if line.name == "乙项目")
    assert bad.remarks == (
        "建设地点：无法确定区位：“龙泉街道、龙山街道交界”写了多个区位（龙泉街道、龙山街道）；"
        "请写明一个区位，或加“区位”列，或指定区位（命令行用 --unit）"
    )
    assert dialog.unit.property("invalid") is True
    assert not dialog.import_button.isEnabled()
    dialog.unit.setCurrentIndex(dialog.unit.findText("龙山街道"))
    press_preview(qtbot, dialog)
    units = {line.name: line.unit for line in shown_lines(dialog) if line.name}
    assert units == {"甲项目": "环秀街道", "乙项目": "龙山街道"}
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert names(db) == ["甲项目", "乙项目"]
