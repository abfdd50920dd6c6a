"""The official document format (GB/T 9704-2012) as the PDF really comes out: the 28 × 22 grid,
page numbers, Chinese line breaking, escaping, embedded fonts, landscape tables."""

import itertools
import re
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jimo_desktop.reports.chinese_text import CANNOT_END, CANNOT_START, GridText, break_lines
from jimo_desktop.reports.document import (
    Cancelled,
    Closing,
    Document,
    Heading,
    TableBlock,
    Text,
    write_pdf,
)
from jimo_desktop.reports.page_styles import (
    BLOCK_HEIGHT,
    BLOCK_WIDTH,
    LEFT_MARGIN,
    PAGE_NUMBER_SIZE,
    styles,
)

MM = 72 / 25.4
BLOCK_BOTTOM_FROM_TOP = 37 * MM + BLOCK_HEIGHT


def pdf_text(path, *options) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *options, str(path), "-"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    ).stdout


def pages_of(path) -> list[str]:
    return pdf_text(path, "-layout").split("\f")[:-1]


def body_lines(block: GridText, width: float = BLOCK_WIDTH) -> list[str]:
    block.wrap(width, 10_000)
    return block.lines()


def test_a_body_line_holds_exactly_28_chinese_characters():
    unindented = styles().unindented
    assert [len(line) for line in body_lines(GridText("中" * 84, unindented))] == [28, 28, 28]
    assert [len(line) for line in body_lines(GridText("中" * 29, unindented))] == [28, 1]


def test_a_paragraph_starts_two_characters_in():
    assert [len(line) for line in body_lines(GridText("中" * 30, styles().body))] == [26, 4]


def test_a_page_holds_exactly_22_body_lines():
    block = GridText("中" * 28 * 30, styles().unindented)
    block.wrap(BLOCK_WIDTH, BLOCK_HEIGHT)
    first, rest = block.split(BLOCK_WIDTH, BLOCK_HEIGHT)
    assert first.wrap(BLOCK_WIDTH, BLOCK_HEIGHT)[1] <= BLOCK_HEIGHT
    assert (len(first.lines()), len(rest.lines())) == (22, 8)


def test_pdf_pages_print_22_lines_of_28_characters(tmp_path):
    common = "重点项目建设开工投资完成年度计划区位街道镇现场督查问题清单服务政策"
    text = "".join(common[n % len(common)] for n in range(28 * 22 * 3))
    path = tmp_path / "grid.pdf"
    write_pdf(Document("网格", [Text(text, indent=False)]), path)
    second_page = [line.strip() for line in pages_of(path)[1].splitlines() if line.strip()]
    body, page_number = second_page[:-1], second_page[-1]
    assert len(body) == 22
    assert {len(line.replace(" ", "")) for line in body} == {28}
    assert page_number.replace(" ", "") == "—2—"


def page_number_boxes(path) -> list[tuple[float, float, float]]:
    """(left, right, middle height) of the page number's dashes on each page, from the
    word boxes pdftotext reports (y from the top of the page)."""
    html = pdf_text(path, "-bbox")
    boxes = []
    for page in html.split("<page ")[1:]:
        words = re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            page,
        )
        dashes = [
            (float(x0), float(x1), (float(y0) + float(y1)) / 2)
            for x0, y0, x1, y1, text in words
            if text == "—"
        ]
        lowest = max(y for _, _, y in dashes)
        on_line = [box for box in dashes if box[2] == lowest]
        boxes.append((min(b[0] for b in on_line), max(b[1] for b in on_line), lowest))
    return boxes


def test_page_numbers_sit_right_on_odd_pages_and_left_on_even_ones(tmp_path):
    path = tmp_path / "numbers.pdf"
    write_pdf(Document("页码", [Text("中" * 28 * 60)]), path)
    boxes = page_number_boxes(path)
    assert len(boxes) == 3
    right_edge = LEFT_MARGIN + BLOCK_WIDTH - PAGE_NUMBER_SIZE
    left_edge = LEFT_MARGIN + PAGE_NUMBER_SIZE
    for number, (x_min, x_max, middle) in enumerate(boxes, start=1):
        if number % 2:
            assert x_max == pytest.approx(right_edge, abs=1.5)
        else:
            assert x_min == pytest.approx(left_edge, abs=1.5)
        # The dash line stands 7 mm below the text block.
        assert middle - BLOCK_BOTTOM_FROM_TOP == pytest.approx(7 * MM, abs=1.5 * MM)


def test_a_closing_mark_that_does_not_fit_takes_the_character_before_it_down():
    lines = body_lines(GridText("中" * 28 + "，文字。", styles().unindented))
    assert lines == ["中" * 27, "中，文字。"]


def test_an_opening_mark_never_ends_a_line():
    lines = body_lines(GridText("中" * 27 + "《规划》", styles().unindented))
    assert lines == ["中" * 27, "《规划》"]


def test_numbers_are_not_cut_across_lines():
    lines = body_lines(GridText("中" * 26 + "79.6%", styles().unindented))
    assert lines == ["中" * 26, "79.6%"]


CJK = st.sampled_from("重点项目建设开工投资完成年度计划区位街道镇")
MARKS = st.sampled_from("，。、；：？！）》」』”’（《“")
DIGITS = st.sampled_from("0123456789.%")


@given(st.lists(st.one_of(CJK, CJK, CJK, MARKS, DIGITS), min_size=1, max_size=300))
def test_line_breaking_loses_nothing_and_no_line_starts_with_a_closing_mark(characters):
    text = "".join(characters)
    measure = lambda part: 16.0 * sum(1 if ord(c) > 0x2000 else 0.5 for c in part)  # noqa: E731
    lines = break_lines(text, 200.0, 240.0, measure)
    assert "".join(lines) == text
    for previous, line in itertools.pairwise(lines):
        assert line[0] not in CANNOT_START or len(previous) <= 1
        assert previous[-1] not in CANNOT_END or len(previous) <= 1


def test_text_from_the_database_prints_as_written(tmp_path):
    path = tmp_path / "escape.pdf"
    name = "A<B & C项目<b>不是粗体</b>"
    table = TableBlock(("项目名称",), [(name,)], (1,))
    write_pdf(Document(f"{name}简报", [Heading(name), Text(name), table]), path)
    assert pdf_text(path).count(name) == 4


def test_pdftotext_gets_the_chinese_text_back(tmp_path):
    path = tmp_path / "text.pdf"
    paragraph = "截至6月底，全区108个重点项目已开工86个，开工率79.6%。"
    write_pdf(
        Document("关于全区重点项目建设情况的通报", [Heading("总体情况"), Text(paragraph)]), path
    )
    text = re.sub(r"\s", "", pdf_text(path))
    assert "关于全区重点项目建设情况的通报" in text
    assert "一、总体情况" in text
    assert re.sub(r"\s", "", paragraph) in text


def test_every_font_is_embedded_as_a_subset(tmp_path):
    path = tmp_path / "fonts.pdf"
    blocks = [
        Heading("一级"),
        Heading("二级", 2),
        Text("正文"),
        TableBlock(("表头",), [("单元格",)], (1,)),
    ]
    write_pdf(
        Document("字体", blocks, closing=Closing("即墨区发展和改革局", "2020年6月30日")), path
    )
    listing = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, encoding="utf-8", check=True
    )
    fonts = listing.stdout.splitlines()[2:]
    assert fonts
    for line in fonts:
        embedded, subset = line.split()[-5:-3]
        assert (embedded, subset) == ("yes", "yes"), line


def test_wide_tables_repeat_their_header_on_landscape_pages_and_keep_rows_whole(tmp_path):
    path = tmp_path / "table.pdf"
    rows = [
        (
            str(number),
            f"始{number}号" + "很长的项目名称" * (number % 4 + 1) + f"终{number}号",
            "通济街道",
        )
        for number in range(1, 121)
    ]
    table = TableBlock(("序号", "项目名称", "区位"), rows, (1, 6, 2), landscape=True)
    write_pdf(Document("横排表格", [Text("前文"), table, Text("后文")]), path)
    pages = pages_of(path)
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", str(len(pages)), str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    landscape = [n for n, (w, h) in enumerate(sizes) if float(w) > float(h)]
    assert landscape == list(range(1, len(pages) - 1))
    for number in landscape:
        assert "项目名称" in pages[number]
    for number in range(1, 121):
        start = next(n for n, page in enumerate(pages) if f"始{number}号" in page)
        assert f"终{number}号" in pages[start].replace(" ", ""), f"row {number} split"
    assert "后文" in pages[-1]


def test_a_cancelled_export_stops_before_the_file_is_complete(tmp_path):
    with pytest.raises(Cancelled):
        write_pdf(Document("取消", [Text("正文")]), tmp_path / "x.pdf", cancelled=lambda: True)
