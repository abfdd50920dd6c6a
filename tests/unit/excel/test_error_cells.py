"""Cells showing an Excel error are found in the sheets' XML, under their sheet's name."""

import pytest

from jimo_desktop.excel.reading import xlsx_guard
from jimo_desktop.excel.reading.guard import check_file
from tests.unit.excel.workbooks import SheetSpec, write_xlsx


@pytest.mark.parametrize("chunk", [1 << 20, 37])  # 37 bytes: cells cut at every chunk's end
def test_every_error_cell_is_found_at_its_place_in_its_sheet(tmp_path, chunk, monkeypatch):
    monkeypatch.setattr(xlsx_guard, "_CHUNK", chunk)
    rows = [[n, f"项目{n}", "#N/A" if n % 3 == 0 else 100, "#DIV/0!" if n == 7 else None]
            for n in range(1, 301)]  # fmt: skip
    path = write_xlsx(
        tmp_path / "报表.xlsx",
        SheetSpec("说明", [["按要求填写"]]),
        SheetSpec("新开工", rows),
        SheetSpec("储备", [["合计", "#REF!"]]),
    )

    found = check_file(path).error_cells

    expected = {(n - 1, 2): "#N/A" for n in range(3, 301, 3)} | {(6, 3): "#DIV/0!"}
    assert found == {"新开工": expected, "储备": {(0, 1): "#REF!"}}


def test_a_file_without_error_cells_has_none(tmp_path):
    path = write_xlsx(tmp_path / "报表.xlsx", SheetSpec("新开工", [["项目名称"], ["海洋项目"]]))
    assert check_file(path).error_cells == {}
