"""Pages that break like a typed document, read back page by page from the PDF: no heading or
caption at a page's foot, the 落款 never alone, no single table row alone at a page's top or
foot, dates and header words whole in table cells."""

import io
import re
import subprocess

import pytest
from PIL import Image

from jimo_desktop.reports import flowables
from jimo_desktop.reports.chinese_text import break_lines
from jimo_desktop.reports.document import (
    Closing,
    Document,
    Heading,
    NewPage,
    Picture,
    PictureGrid,
    TableBlock,
    Text,
    write_pdf,
)
from jimo_desktop.reports.page_styles import BLOCK_HEIGHT, BLOCK_WIDTH


def page_texts(path) -> list[str]:
    """Each page's text, one pdftotext run per page (-f N -l N), spaces removed."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    count = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    pages = []
    for number in range(1, count + 1):
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-f", str(number), "-l", str(number), str(path), "-"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        ).stdout
        pages.append(re.sub(r"[ \t]", "", text))
    return pages


def page_sizes(path) -> list[tuple[float, float]]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "99", str(path)], capture_output=True, text=True, check=True
    ).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"size:\s+([\d.]+) x ([\d.]+)", info)]


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (120, 160, 200)).save(out, "PNG")
    return out.getvalue()


def filler(lines: int) -> Text:
    """Body text of exactly `lines` full lines."""
    return Text("文" * 28 * lines, indent=False)


def page_of(pages: list[str], marker: str) -> int:
    return next(number for number, page in enumerate(pages) if marker in page)


@pytest.mark.parametrize("lines", range(10, 21, 2))
def test_a_heading_before_a_picture_goes_to_the_page_the_picture_is_on(tmp_path, lines):
    blocks = [filler(lines), Heading("示意标题"), Picture(png(600, 400), "图1 示意图片")]
    path = tmp_path / "picture.pdf"
    write_pdf(Document("分页", blocks), path)
    pages = page_texts(path)
    assert page_of(pages, "示意标题") == page_of(pages, "图1示意图片")


@pytest.mark.parametrize("lines", range(12, 21, 2))
def test_a_heading_before_photo_rows_keeps_with_the_first_row(tmp_path, lines):
    photos = [(png(400, 300), f"照片{n}号") for n in range(1, 5)]
    blocks = [filler(lines), Heading("现场照片", 2), PictureGrid(photos)]
    path = tmp_path / "photos.pdf"
    write_pdf(Document("分页", blocks), path)
    pages = page_texts(path)
    assert page_of(pages, "现场照片") == page_of(pages, "照片1号")


def test_a_heading_before_a_landscape_table_turns_the_page_with_it(tmp_path):
    table = TableBlock(("序号", "名称"), [("1", "甲")], (1, 4), caption="表1 清单", landscape=True)
    path = tmp_path / "landscape.pdf"
    write_pdf(Document("横排", [filler(3), Heading("附表说明"), table]), path)
    pages, sizes = page_texts(path), page_sizes(path)
    heading = page_of(pages, "附表说明")
    assert heading == page_of(pages, "表1清单") == page_of(pages, "序号")
    width, height = sizes[heading]
    assert width > height


@pytest.mark.parametrize("lines", range(17, 23))
def test_the_closing_never_stands_alone_on_the_last_page(tmp_path, lines):
    blocks = [filler(lines - 3), Text("末" * 28 * 3, indent=False)]
    closing = Closing("即墨区发展和改革局", "2020年6月30日")
    path = tmp_path / "closing.pdf"
    write_pdf(Document("落款", blocks, closing=closing), path)
    last = page_texts(path)[-1]
    assert "即墨区发展和改革局" in last
    before = last[: last.index("即墨区发展和改革局")]
    assert before.count("末") >= 2 * 28, f"the 落款 stands alone after {lines} lines"


@pytest.mark.parametrize("lines", range(10, 21, 2))
def test_each_papers_closing_keeps_its_texts_last_lines(tmp_path, lines):
    """Several papers in one file (督办单, 纪要), each ending with its own 落款."""
    blocks = [
        filler(lines - 3),
        Text("末" * 28 * 3, indent=False),
        Closing("即墨区发展和改革局", "2020年6月30日"),
        NewPage("第二份"),
        Text("次" * 28, indent=False),
        Closing("即墨区发展和改革局", "2020年7月1日"),
    ]
    path = tmp_path / "papers.pdf"
    write_pdf(Document("督办单", blocks), path)
    pages = page_texts(path)
    first = next(page for page in pages if "2020年6月30日" in page)
    before = first[: first.index("即墨区发展和改革局")]
    assert before.count("末") >= 2 * 28, f"the first 落款 stands alone after {lines} lines"


@pytest.mark.parametrize("lines", range(8, 22))
def test_no_table_row_stands_alone_at_a_pages_foot_or_top(tmp_path, lines):
    rows = [(f"R{n:02d}", "一行") for n in range(1, 16)]
    blocks = [filler(lines), TableBlock(("行", "内容"), rows, (1, 3))]
    path = tmp_path / "rows.pdf"
    write_pdf(Document("行", blocks), path)
    for page in page_texts(path):
        shown = len(re.findall(r"R\d\d", page))
        assert shown != 1, f"one row alone after {lines} lines"


def cell_lines(table, row: int, column: int) -> list[str]:
    (cell,) = table._cellvalues[row][column]
    return cell.lines()


def test_dates_in_table_cells_stay_whole():
    header = ("序号", "项目名称", "区位", "类别", "问题", "责任单位", "解决时限", "逾期情况")
    row = ("1", "东方海洋商业综合体项目", "灵山镇", "其他", "项目地块内尚有3户未完成拆迁")
    row += ("区住房和城乡建设局", "2020年6月22日", "逾期8天")
    widths = (1.0, 4.2, 2.2, 1.3, 5.2, 3.0, 2.4, 1.6)
    table = flowables.table(header, [row], widths, frozenset({0}), BLOCK_HEIGHT)
    table.wrap(BLOCK_HEIGHT, 1000)
    assert cell_lines(table, 1, 6) == ["2020年6月22日"]


def test_table_headers_break_between_words_and_before_the_bracket():
    header = ("排名", "区位", "项目个数", "已开工", "开工率", "年度计划投资（亿元）")
    header += ("1-6月累计完成（亿元）", "占年度计划", "超时序进度（个百分点）")
    row = ("1", "田横岛旅游度假区", "4", "4", "100.0%", "20.31", "10.88", "53.6%", "+3.6")
    widths = (1.0, 4.6, 1.4, 1.5, 1.9, 2.3, 2.3, 1.9, 2.0)
    table = flowables.table(header, [row], widths, frozenset(range(2, 9)), BLOCK_WIDTH)
    table.wrap(BLOCK_WIDTH, 1000)
    assert cell_lines(table, 0, 7) == ["占年度计划"]
    completed = cell_lines(table, 0, 6)
    assert completed[-1] == "（亿元）"
    assert any("累计完成" in line for line in completed)
    assert cell_lines(table, 0, 8) == ["超时序进度", "（个百分点）"]
    assert cell_lines(table, 0, 5) == ["年度计划", "投资", "（亿元）"]
    for column in range(len(header)):
        assert all(len(line) > 1 for line in cell_lines(table, 0, column)), header[column]


def test_a_cells_last_line_never_holds_one_character():
    measure = lambda text: 10.0 * len(text)  # noqa: E731
    assert break_lines("青岛康元生产线自动化升级项目", 130, 130, measure) == [
        "青岛康元生产线自动化升级项",
        "目",
    ]
    lines = break_lines("青岛康元生产线自动化升级项目", 130, 130, measure, pair_last=True)
    assert lines == ["青岛康元生产线自动化升级", "项目"]
    assert break_lines("文字，项目）。", 50, 50, measure, pair_last=True) == ["文字，", "项目）。"]


HEADING_START = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|表\d+)")


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory):
    from tests.briefing_demo import briefing_demo

    path = tmp_path_factory.mktemp("pages") / "demo.sqlite3"
    db = briefing_demo(path, project_count=40)
    from jimo_desktop.demo import inspections as demo_inspections
    from jimo_desktop.store import settings

    if not db.execute("SELECT COUNT(*) FROM inspections").fetchone()[0]:
        import random

        demo_inspections.fill(db, random.Random(2), settings.today(db))
    db.conn.commit()
    db.close()
    return path


@pytest.mark.parametrize("kind", ["monthly", "project", "inspection"])
@pytest.mark.parametrize("period", ["2020-06", "2020-03"])
def test_no_briefing_page_ends_on_a_heading_nor_the_closing_stands_alone(
    demo_database, tmp_path, kind, period
):
    from jimo_desktop.domain.briefing import Kind
    from jimo_desktop.jobs.briefing_jobs import prepare
    from jimo_desktop.store.database import open_database

    db = open_database(demo_database)
    project = db.execute("SELECT MIN(project_id) FROM progress_reports").fetchone()[0]
    job = prepare(db, Kind(kind), period, project)
    db.conn.close()
    path = tmp_path / f"{kind}.pdf"
    job.write(path)
    pages = [
        [line.strip() for line in page.splitlines() if line.strip()]
        for page in pdf_layout_pages(path)
    ]
    for number, lines in enumerate(pages, start=1):
        body = [line for line in lines if not re.fullmatch(r"—\s*\d+\s*—", line)]
        assert body, f"page {number} is empty"
        assert not HEADING_START.match(body[-1]), f"page {number} ends on {body[-1]}"
    # The 落款: the office on a line of its own (the masthead has it beside the date).
    (page,) = [lines for lines in pages if "即墨区发展和改革局" in lines]
    assert page.index("即墨区发展和改革局") >= 2, "the 落款 stands alone on its page"


def pdf_layout_pages(path) -> list[str]:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    ).stdout.split("\f")[:-1]


@pytest.mark.parametrize("landscape", [False, True])
@pytest.mark.parametrize("rows", range(14, 40, 3))
def test_the_closing_after_a_table_keeps_the_tables_last_rows(tmp_path, rows, landscape):
    table = TableBlock(
        ("行", "内容"), [(f"R{n:02d}", "一行") for n in range(1, rows + 1)], (1, 3),
        landscape=landscape,
    )  # fmt: skip
    closing = Closing("即墨区发展和改革局", "2020年6月30日")
    path = tmp_path / "table-closing.pdf"
    write_pdf(Document("表格落款", [filler(2), table], closing=closing), path)
    pages = page_texts(path)
    (page,) = [page for page in pages if "即墨区发展和改革局" in page]
    before = page[: page.index("即墨区发展和改革局")]
    assert len(re.findall(r"R\d\d", before)) >= 2, f"the 落款 stands apart after {rows} rows"
    if landscape:  # on the table's last page, not on a portrait page of its own
        assert pages.index(page) == len(pages) - 1
        width, height = page_sizes(path)[-1]
        assert width > height
