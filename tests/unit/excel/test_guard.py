"""Files that are not readable spreadsheets are refused with a reason, quickly, before the
reader could hang or run out of memory on them."""

import zipfile

import pytest

from jimo_desktop.excel.reading import guard, limits, workbook, xlsx_guard
from jimo_desktop.excel.reading.guard import ExcelFileError, check_file
from jimo_desktop.excel.reading.workbook import read_sheets
from tests.unit.excel.workbooks import (
    SheetSpec,
    million_rows,
    sheet_xml,
    write_encrypted_xlsx,
    write_lying_zip,
    write_raw_xlsx,
    write_truncated,
    write_xls,
    write_xlsx,
    write_zip_bomb,
)


def refusal(path) -> str:
    with pytest.raises(ExcelFileError) as caught:
        read_sheets(path)
    return str(caught.value)


@pytest.fixture
def reader_never_called(monkeypatch):
    """The hostile files must be refused before python-calamine is given them."""

    def refuse(*args, **kwargs):
        raise AssertionError("the reader was given a file the guard should have refused")

    for opening in ("from_path", "from_filelike", "from_object"):
        monkeypatch.setattr(workbook.CalamineWorkbook, opening, refuse)


def test_xlsx_and_xls_are_accepted_by_their_content(tmp_path):
    spec = SheetSpec("表", [["项目名称"]])
    assert check_file(write_xlsx(tmp_path / "a.xlsx", spec)).kind == "xlsx"
    assert check_file(write_xls(tmp_path / "b.xls", spec)).kind == "xls"
    # WPS and careless renaming: the content decides, not the name
    renamed = tmp_path / "c.et"
    renamed.write_bytes((tmp_path / "b.xls").read_bytes())
    assert check_file(renamed).kind == "xls"


def test_a_password_protected_workbook_is_refused_with_what_to_do(tmp_path):
    message = refusal(write_encrypted_xlsx(tmp_path / "加密.xlsx"))
    assert message == "文件有密码保护，请在Excel中去掉密码另存后再导入"


def test_a_truncated_file_is_reported_as_damaged(tmp_path):
    whole = write_xlsx(tmp_path / "whole.xlsx", SheetSpec("表", [["项目名称"]] * 50))
    assert refusal(write_truncated(tmp_path / "half.xlsx", whole)).startswith("文件已损坏")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "文件是空的"),
        (b"%PDF-1.7\n...", "这是PDF文件，不是Excel表格"),
        ("项目名称,总投资\n海洋产业园,12000\n".encode(), "不是Excel文件"),
    ],
)
def test_what_is_not_a_spreadsheet_is_named(tmp_path, content, expected):
    path = tmp_path / "报表.xlsx"
    path.write_bytes(content)
    assert refusal(path).startswith(expected)


def test_a_word_document_renamed_to_xlsx_is_refused(tmp_path):
    path = tmp_path / "报告.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert refusal(path) == "不是Excel表格（可能是Word文档或压缩包）"


def test_a_missing_file_is_named_as_missing(tmp_path):
    assert refusal(tmp_path / "没有.xlsx") == "文件不存在"


@pytest.mark.usefixtures("reader_never_called")
def test_a_zip_bomb_is_refused_without_inflating_it(tmp_path, monkeypatch):
    monkeypatch.setattr(xlsx_guard, "MAX_INFLATED_BYTES", 8 * 1024 * 1024)
    bomb = write_zip_bomb(tmp_path / "bomb.xlsx", inflated_megabytes=40)
    assert bomb.stat().st_size < 200_000
    assert refusal(bomb) == "文件解压后过大（可能是“压缩炸弹”），未导入"


@pytest.mark.usefixtures("reader_never_called")
def test_a_member_that_inflates_beyond_its_stated_size_is_refused(tmp_path):
    lying = write_lying_zip(tmp_path / "lying.xlsx", inflated_megabytes=20)
    assert refusal(lying).startswith("文件已损坏")


@pytest.mark.usefixtures("reader_never_called")
def test_a_million_rows_are_refused_before_reading(tmp_path):
    path = write_raw_xlsx(tmp_path / "million.xlsx", sheet_xml(million_rows()))
    assert refusal(path) == "工作表“Sheet1”超过 200,000 行，不像一份填报表，未导入"


@pytest.mark.usefixtures("reader_never_called")
def test_two_far_apart_cells_cannot_make_the_reader_build_a_huge_grid(tmp_path):
    far = b'<row r="1"><c r="A1"><v>1</v></c></row><row r="900"><c r="XFD900"><v>1</v></c></row>'
    path = write_raw_xlsx(tmp_path / "sparse.xlsx", sheet_xml([far]))
    assert refusal(path) == f"工作表“Sheet1”超过 {limits.MAX_COLUMNS} 列，不像一份填报表，未导入"


@pytest.mark.usefixtures("reader_never_called")
def test_rows_times_columns_are_bounded_too(tmp_path):
    corners = b'<row r="1"><c r="A1"><v>1</v></c><c r="IV1"><v>1</v></c></row>'
    corners += b'<row r="150000"><c r="A150000"><v>1</v></c></row>'
    path = write_raw_xlsx(tmp_path / "corners.xlsx", sheet_xml([corners]))
    assert refusal(path) == "工作表“Sheet1”的单元格过多，不像一份填报表，未导入"


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(guard, "MAX_FILE_BYTES", 1000)
    path = write_xlsx(tmp_path / "big.xlsx", SheetSpec("表", [["项目名称", "x" * 500]] * 20))
    assert "文件过大" in refusal(path)


def test_binary_and_open_document_workbooks_are_asked_to_be_saved_as_xlsx(tmp_path):
    for member, expected in (("xl/workbook.bin", ".xlsb"), ("content.xml", ".ods")):
        path = tmp_path / f"{expected[1:]}.xlsx"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr(member, "x")
        assert expected in refusal(path)
        assert "另存为 .xlsx" in refusal(path)


def test_column_letters_count_from_a():
    assert [limits.column_number(letters) for letters in ("A", "Z", "AA", "IV")] == [1, 26, 27, 256]
    assert [limits.column_letters(number) for number in (1, 26, 27, 256)] == ["A", "Z", "AA", "IV"]
