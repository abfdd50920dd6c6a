"""Workbooks made to hurt the reader are refused with one message, in bounded time and memory.

Each file here once aborted the process (an allocation of gigabytes), hung the import, or
had a cell imported as what it is not. The readings that could abort or hang run in a child
process with a deadline and a memory ceiling (`isolated`).
"""

import struct
import zipfile

import pytest

from jimo_desktop.excel.importing.importer import plan_import
from jimo_desktop.excel.reading.limits import MAX_CELLS, MAX_COLUMNS, MAX_ROWS
from jimo_desktop.excel.reading.workbook import read_sheets
from tests.unit.excel.hostile import (
    MEGABYTE,
    far_apart,
    isolated,
    number_record,
    padded,
    record,
    with_cell,
    write_padded,
    write_sheet,
    write_xls_patched,
)
from tests.unit.excel.workbooks import (
    SheetSpec,
    project_row,
    sheet_xml,
    submission,
    write_encrypted_xlsx,
    write_raw_xlsx,
    write_xls,
    write_xlsx,
)

TOO_MANY_ROWS = f"工作表“Sheet1”超过 {MAX_ROWS:,} 行，不像一份填报表，未导入"
TOO_MANY_COLUMNS = f"工作表“Sheet1”超过 {MAX_COLUMNS} 列，不像一份填报表，未导入"
MAIN = b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


# --- where cells land ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "rows",
    [
        far_apart(b"A1", b"IV1048576"),
        far_apart(b"a1", b"iv1048576"),  # the reader takes lower case too
        b"<row><c r='A1'><v>1</v></c></row><row><c r='IV1048576'><v>1</v></c></row>",
        b'<row><c r="A1"><v>1</v></c><c s="0" cm=">" r="IV1048576"><v>1</v></c></row>',
        b'<x:row %s><x:c r="IV1048576"><x:v>1</x:v></x:c></x:row>' % MAIN,
    ],
    ids=["rows without numbers", "lower case", "single quotes", "'>' in a value", "prefixed"],
)
def test_a_far_cell_is_measured_where_the_reader_puts_it(tmp_path, rows):
    path = write_sheet(tmp_path / "远.xlsx", rows)
    assert path.stat().st_size < 6000
    assert isolated(path) == {"refused": TOO_MANY_ROWS}


def test_cells_without_references_are_counted_along_their_row(tmp_path):
    """Without r= the reader puts each cell after the one before it."""
    wide = b"<row>" + b"<c><v>1</v></c>" * 20_000 + b'</row><row r="1048576"><c><v>1</v></c></row>'
    assert isolated(write_sheet(tmp_path / "宽.xlsx", wide)) == {"refused": TOO_MANY_ROWS}


def test_a_sheet_kept_outside_the_worksheets_folder_is_measured_too(tmp_path):
    path = write_sheet(tmp_path / "别处.xlsx", far_apart(b"A1", b"IV1048576"))
    moved = tmp_path / "moved.xlsx"
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(moved, "w") as copy:
        for member in original.infolist():
            data = original.read(member)
            name = member.filename.replace("worksheets/sheet1.xml", "data/s.xml")
            copy.writestr(name, data.replace(b"worksheets/sheet1.xml", b"data/s.xml"))
    assert isolated(moved) == {"refused": TOO_MANY_ROWS}


def test_the_grids_of_all_sheets_together_are_bounded(tmp_path):
    """Each sheet alone is allowed; the reader holds them all at once."""
    path = tmp_path / "多表.xlsx"
    corner = (
        b'<row r="1"><c r="A1"><v>1</v></c></row><row r="150000"><c r="T150000"><v>1</v></c></row>'
    )
    sheets = 40  # each 150,000 × 20 = 3,000,000 cells; the fifth passes 12,000,000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        body = b"".join(sheet_xml([corner]))
        for name, data in _workbook_of(sheets, body).items():
            archive.writestr(name, data)
    assert 150_000 * 20 <= MAX_CELLS < sheets * 150_000 * 20
    assert isolated(path) == {"refused": "工作表“S5”：整个文件的单元格过多，不像一份填报表，未导入"}


def test_sheets_that_all_read_one_large_part_are_bounded_together(tmp_path):
    """Each reading of the part is allowed; the reader parses it once for every sheet."""
    text = b"<x>" + b"a" * 200_000 + b"</x>"
    body = b"".join(sheet_xml([b'<row r="1"><c r="A1"><v>1</v></c></row>', text * 150]))
    path = tmp_path / "同一.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in _workbook_of(1000, body, one_part=True).items():
            archive.writestr(name, data)
    assert isolated(path, deadline=30) == {
        "refused": "工作表“S21”：多个工作表重复同一内容，读取量过大，未导入"
    }


def test_a_file_that_is_also_a_zip_is_not_read_as_the_zip(tmp_path):
    """The reader tries .xls first and, failing, reads the same bytes as .xlsx."""
    compound = write_encrypted_xlsx(tmp_path / "壳.xls").read_bytes()
    compound = compound.replace(
        "EncryptedPackage".encode("utf-16-le"), "Something_Else12".encode("utf-16-le")
    )
    inner = write_sheet(tmp_path / "inner.xlsx", far_apart(b"A1", b"IV1048576")).read_bytes()
    path = tmp_path / "两面.xls"
    path.write_bytes(compound + inner)
    assert isolated(path) == {"refused": "文件结构异常（既像 .xls 又像 .xlsx），未导入"}


def test_a_lying_dimension_costs_nothing(tmp_path):
    """The reader reserves from <dimension> only below 100,000 cells: the claim is harmless
    and a submission whose dimension says more than it holds is read."""
    claim = b'<dimension ref="A1:XFD1048576"/>'
    parts = sheet_xml([b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'])
    parts[0] = parts[0].replace(b"<sheetData>", claim + b"<sheetData>")
    assert isolated(write_raw_xlsx(tmp_path / "声称.xlsx", parts)) == {"read": [1]}


# --- announced counts ----------------------------------------------------------------------


def test_a_shared_string_table_announcing_billions_is_refused_before_reading(tmp_path):
    strings = b'<sst count="1" uniqueCount="900000000000"><si><t>x</t></si></sst>'
    path = write_sheet(
        tmp_path / "串.xlsx", b'<row r="1"><c r="A1" t="s"><v>0</v></c></row>', strings=strings
    )
    assert isolated(path) == {
        "refused": "文件中的 xl/sharedStrings.xml 的共享文字超过 2,000,000 条，未导入"
    }


def test_overlapping_merged_areas_cannot_make_filling_them_endless(tmp_path):
    corner = b'<row r="1"><c r="A1"><v>1</v></c></row><row r="400"><c r="IV400"><v>1</v></c></row>'
    merges = b"<mergeCells>" + b'<mergeCell ref="A1:IV400"/>' * 50_000 + b"</mergeCells>"
    parts = sheet_xml([corner])
    parts[-1] = b"</sheetData>" + merges + b"</worksheet>"
    path = write_raw_xlsx(tmp_path / "合并.xlsx", parts)
    assert isolated(path, deadline=30) == {
        "refused": "工作表“Sheet1”的合并区域相互重叠、过大，未导入"
    }


# --- padding -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (
            (b"row ", 1, b"<!--", b"-->"),
            "工作表“Sheet1”的XML有未结束或过长的注释，文件可能已损坏或被改动，未导入",
        ),
        (
            (b" ", 300, b"", b""),
            "工作表“Sheet1”的XML有超过 256 KB 的一段文字或空白，文件可能已损坏或被改动，未导入",
        ),
        (
            (b" ", 300, b'<row r="2"', b"></row>"),
            "工作表“Sheet1”的XML有残缺或过长的标记，文件可能已损坏或被改动，未导入",
        ),
        (
            (b"<c/>", 300, b'<row r="2">', b"</row>"),
            "工作表“Sheet1”写有过多的单元格（多为空白填充），未导入",
        ),
        ((b"<row/>", 300, b"", b""), "工作表“Sheet1”写有过多的行（多为空白填充），未导入"),
        ((b"<x/>", 300, b"", b""), "工作表“Sheet1”写有过多的标记（多为空白填充），未导入"),
    ],
    ids=[
        "words in a comment",
        "blanks between tags",
        "blanks in a tag",
        "empty cells",
        "empty rows",
        "elements the reader passes over",
    ],
)
def test_padding_is_refused_quickly_whatever_it_is_made_of(tmp_path, parts, expected):
    filler, megabytes, before, after = parts
    path = write_padded(tmp_path / "填充.xlsx", padded(filler, megabytes, before, after))
    assert path.stat().st_size < 2 * MEGABYTE
    assert isolated(path, deadline=30) == {"refused": expected}


def test_padding_in_the_styles_the_reader_reads_on_opening_is_refused_too(tmp_path):
    path = write_sheet(tmp_path / "样式.xlsx", b'<row r="1"><c r="A1"><v>1</v></c></row>')
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("xl/styles.xml", "w", force_zip64=True) as styles,
    ):
        styles.write(b"<styleSheet>")
        for _ in range(300):
            styles.write(b" " * MEGABYTE)
        styles.write(b"</styleSheet>")
    assert isolated(path, deadline=30) == {
        "refused": "文件中的 xl/styles.xml 的XML有超过 256 KB 的一段文字或空白，"
        "文件可能已损坏或被改动，未导入"
    }


# --- cells the reader would take for what they are not -------------------------------------


@pytest.fixture
def written_as(tmp_path):
    """A submission whose cell at a reference of the first project's row is written as given."""
    source = write_xlsx(
        tmp_path / "source.xlsx",
        SheetSpec("Sheet1", submission(project_row(1, "原名称"), project_row(2, "第二个项目"))),
    )

    def written(reference: str, cell_xml: bytes):
        return with_cell(source, tmp_path / "申报表.xlsx", reference, cell_xml)

    return written


@pytest.fixture
def named_cell(written_as):
    """The submission with its first project's name cell (B4) written as given."""
    return lambda cell_xml: written_as("B4", cell_xml)


@pytest.mark.parametrize(
    ("cell", "what"),
    [
        (b'<c r="B4" t="e"><is><t>EISNAME</t></is></c>', "标为错误值，却写着文字"),
        (b'<c r="B4" t="zz"><is><t>ZZNAME</t></is></c>', "的类型“zz”无法识别"),
        (b'<c r="B4" t="d"><is><t>DISNAME</t></is></c>', "标为日期，却写着文字"),
        (b'<c r="B4" t="d"><v>DGARBAGE</v></c>', "标为日期，却写着“DGARBAGE”"),
        (b'<c r="B4" t="d"><v>2020-13-45</v></c>', "标为日期，却写着“2020-13-45”"),
        (b'<c r="B4" t="n"><v>1</v><is><t>NISNAME</t></is></c>', "标为数字，却写着文字"),
        (
            b'<c r="B4" t="e"><v>#SPILL!</v></c>',
            "显示“#SPILL!”，这种错误值无法读取，请在Excel中改正",
        ),
    ],
)
def test_a_cell_typed_as_what_it_is_not_is_refused_and_never_a_project_name(
    db, named_cell, cell, what
):
    plan = plan_import(db, [named_cell(cell)])
    assert [str(problem) for problem in plan.problems] == [
        f"申报表.xlsx：工作表“Sheet1” B4 单元格{what}，文件可能已损坏或被改动，未导入"
    ]
    assert plan.rows == []


@pytest.mark.parametrize(
    "cell",
    [
        b"<c r='B4' t='e'><v>#N/A</v></c>",
        b'<c r="B4" t = "e" ><v>#N/A</v></c>',
        b'<x:c %s r="B4" t="e"><x:v>#N/A</x:v></x:c>' % MAIN,
        b'<c r="B4" s="0" t="e"><f>NA()</f><v>#N/A</v></c>',
    ],
    ids=["single quotes", "spaces", "prefixed", "with its formula"],
)
def test_an_error_cell_however_spelled_is_refused_at_its_cell(db, named_cell, cell):
    plan = plan_import(db, [named_cell(cell)])
    assert [(str(p.where), p.message) for row in plan.rows for p in row.problems] == [
        (
            "申报表.xlsx “Sheet1”表 第4行 B列（项目名称）",
            "单元格显示“#N/A”（公式出错），请在原表中改正后再导入",
        )
    ]


@pytest.mark.parametrize("written", ["NaN", "-inf", "1e999"])
@pytest.mark.parametrize("reference", ["B4", "G4"])  # the name, and 计划开工时间
def test_a_number_no_excel_can_hold_is_refused_at_its_cell(db, written_as, written, reference):
    """The reader reads these as floats; as a name they came in as "nan", as a date they
    crashed the import."""
    plan = plan_import(
        db,
        [
            written_as(
                reference, b'<c r="%s"><v>%s</v></c>' % (reference.encode(), written.encode())
            )
        ],
    )
    shown = str(float(written))
    assert [str(problem) for problem in plan.problems] == [
        f"申报表.xlsx：工作表“Sheet1” {reference} 单元格的数字“{shown}”无法读取，"
        "文件可能已损坏或被改动，未导入"
    ]
    assert plan.rows == []


@pytest.mark.parametrize(
    "written",
    [
        lambda cell, tmp_path: cell(b'<c r="B4" t="inlineStr"><is><t>&#1;=1+1</t></is></c>'),
        lambda cell, tmp_path: cell(b'<c r="B4" t="str"><v>\x01=1+1</v></c>'),
        lambda cell, tmp_path: write_xls(
            tmp_path / "申报表.xls", SheetSpec("Sheet1", submission(project_row(1, "\x01=1+1")))
        ),
    ],
    ids=["a character reference", "a raw byte", "an .xls string"],
)
def test_text_with_control_characters_is_cleaned_with_a_note_however_it_was_written(
    db, named_cell, tmp_path, written
):
    """ "\x01=1+1" came in as a name; it is read as "=1+1" (text: every export writes it as
    text, tests/unit/test_cell_injection.py) and the preview says which cell was cleaned."""
    path = written(named_cell, tmp_path)
    plan = plan_import(db, [path])
    assert plan.all_problems() == []
    [row] = [row for row in plan.rows if row.name == "=1+1"]
    notes = plan.notes + row.notes
    assert any("U+0001" in note for note in notes), notes


def test_an_error_cell_without_a_value_does_not_take_the_next_cells_value(db, named_cell):
    path = named_cell(b'<c r="B4" t="e"/>')
    sheet = read_sheets(path)[0]
    assert sheet.has_error_cells is False
    assert sheet.grid[3][1] in ("", None)


# --- .xls ----------------------------------------------------------------------------------


def _far_number(data: bytearray) -> None:
    struct.pack_into("<HH", data, number_record(data) + 4, 0xFFFF, 0xFFFF)


def _vast_dimensions(data: bytearray) -> None:
    at = record(data, 0x0200)
    struct.pack_into("<LLHH", data, at + 4, 0, 0xFFFFFFFF, 0, 0xFFFF)


def _fat_count(data: bytearray) -> None:
    struct.pack_into("<L", data, 44, 0x7FFFFFFF)


def _looping_difat(data: bytearray) -> None:
    sector = len(data) // 512 - 1  # the sector appended below, after the header's room
    data.extend(struct.pack("<127L", *([0xFFFFFFFF] * 127)) + struct.pack("<L", sector))
    struct.pack_into("<L", data, 68, sector)


def _two_sheets_on_one_record_stream(data: bytearray) -> None:
    first = record(data, 0x0085)
    second = first + 4 + struct.unpack_from("<H", data, first + 2)[0]
    assert struct.unpack_from("<H", data, second)[0] == 0x0085
    data[second + 4 : second + 8] = data[first + 4 : first + 8]


def _sheet_beyond_the_stream(data: bytearray) -> None:
    struct.pack_into("<L", data, record(data, 0x0085) + 4, 0x7FFFFFFF)


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        (_far_number, "工作表“表”超过 256 列，不像一份填报表，未导入"),
        (_vast_dimensions, "工作表“表”声称的范围过大（4,294,967,295 行 × 65,535 列），未导入"),
        (_fat_count, "文件已损坏（.xls 的内部结构有误），未导入"),
        (_looping_difat, "文件已损坏（.xls 的内部结构有误），未导入"),
        (_sheet_beyond_the_stream, "文件已损坏（.xls 的内部结构有误），未导入"),
        (_two_sheets_on_one_record_stream, "文件已损坏（.xls 的内部结构有误），未导入"),
    ],
    ids=[
        "a far cell",
        "vast dimensions",
        "FAT count",
        "DIFAT loop",
        "sheet beyond the stream",
        "two sheets on one stream",
    ],
)
def test_a_damaged_xls_is_refused_before_the_reader_trusts_it(tmp_path, patch, expected):
    path = write_xls_patched(tmp_path / "旧.xls", patch)
    assert isolated(path, deadline=30) == {"refused": expected}


def _workbook_of(sheets: int, body: bytes, one_part: bool = False) -> dict[str, bytes]:
    """The members of an .xlsx of `sheets` sheets named S1… each holding `body`, or all
    reading the one part that holds it."""
    names = [f"S{n}" for n in range(1, sheets + 1)]
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    sheet_tags = "".join(
        f'<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>' for n, name in enumerate(names, 1)
    )
    links = "".join(
        f'<Relationship Id="rId{n}" Target="worksheets/sheet{1 if one_part else n}.xml"'
        f' Type="{relations}/worksheet"/>'
        for n in range(1, sheets + 1)
    )
    members = {
        "[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "_rels/.rels": (
            f'<Relationships xmlns="{package}"><Relationship Id="rId1" Target="xl/workbook.xml"'
            f' Type="{relations}/officeDocument"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            f'<workbook xmlns="{main}" xmlns:r="{relations}">'
            f"<sheets>{sheet_tags}</sheets></workbook>"
        ).encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{package}">{links}</Relationships>'.encode()
        ),
    }
    for n in range(1, 2 if one_part else sheets + 1):
        members[f"xl/worksheets/sheet{n}.xml"] = body
    return members
