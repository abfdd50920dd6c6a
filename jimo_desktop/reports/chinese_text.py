"""Chinese text set on the official document's character grid, for every line a briefing prints.

ReportLab's Paragraph cannot set character spacing, so 28 characters of 16 pt (448 pt) never
fit the 156 mm (442.2 pt) line that GB/T 9704 asks for; and its line-start rules miss the
Chinese comma, colon, semicolon and closing quotes. Lines are therefore broken here, with
the closing punctuation rule applied, and drawn with the spacing that makes the grid exact.
The text is drawn as plain strings, never parsed as markup, so "A<B & C" prints as written.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from reportlab.lib.colors import Color, black
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

# Closing punctuation never starts a line; opening punctuation never ends one.
CANNOT_START = frozenset("，。、；：？！）》」』”’〉】〕…,.;:?!)]}%％·")
CANNOT_END = frozenset("（《「『“‘〈【〔([{")
# A number such as "1,234.56" or "79.6%" and a Latin word stay whole; "——" and "……" too.
_TOKEN = re.compile(r"——|……|[0-9A-Za-z][0-9A-Za-z.,%+\-/:_@#]*|\s|.", re.DOTALL)
# In a table cell a date is one word too: "2020年6月22日" never leaves "日" on a line of its own.
_DATE = r"\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日"
_CELL_TOKEN = re.compile(rf"{_DATE}|{_TOKEN.pattern}", re.DOTALL)
# A table header breaks only between words: these, a bracketed note such as "（亿元）", and
# the runs of other characters between them, each kept whole ("占年度计划", never "占年度计/划").
HEADER_WORDS = (
    "占年度计划", "超时序进度", "年度计划", "累计完成", "个百分点", "项目", "个数", "投资",
    "名称", "计划", "完成", "时间", "日期", "情况", "单位", "人员",
)  # fmt: skip
_HEADER_TOKEN = re.compile(
    r"[（(][^（）()]*[）)]|"
    + "|".join(sorted(HEADER_WORDS, key=len, reverse=True))
    + r"|\s|[^\s（(]",
)
_FUZZ = 0.01  # points; widths summed in floating point must not lose a character


@dataclass(frozen=True)
class TextStyle:
    font: str  # a ReportLab font name registered by reports/document.py
    size: float
    leading: float
    char_space: float = 0.0  # added after every character, negative to tighten
    first_indent: int = 0  # characters of indent on a paragraph's first line
    align: str = "justify"  # justify, left, centre or right
    right_indent: float = 0  # characters kept free at the right ("右空四字")
    colour: Color = black
    balanced: bool = False  # a title: its lines made about equally long
    words: str = "text"  # how lines may break: "text", "cell" (dates whole), "header" (words)
    pair_last: bool = False  # a last line never holds a single character (table cells)

    @property
    def pitch(self) -> float:
        return self.size + self.char_space


def tokens(text: str, words: str = "text") -> list[str]:
    """The pieces a line may break between: characters, numbers and Latin words, and in
    cells dates, in headers the words of HEADER_WORDS and the runs between them."""
    if words == "cell":
        return _CELL_TOKEN.findall(text)
    if words == "header":
        return _header_tokens(text)
    return _TOKEN.findall(text)


def _header_tokens(text: str) -> list[str]:
    pieces = _HEADER_TOKEN.findall(text)
    merged: list[str] = []
    for piece in pieces:
        single = len(piece) == 1 and not piece.isspace()
        if single and merged and merged[-1][-1:] not in "）)" and _is_run(merged[-1]):
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged


def _is_run(piece: str) -> bool:
    """A piece that grows by the characters after it: not a known word nor a bracketed note."""
    return piece not in HEADER_WORDS and not piece.isspace() and piece[0] not in "（("


def break_lines(
    text: str,
    first_width: float,
    width: float,
    measure: Callable[[str], float],
    words: str = "text",
    pair_last: bool = False,
) -> list[str]:
    """Lines of `text` that each fit (the first in `first_width`), no closing mark leading one.

    Every character of the text is in the lines, except spaces where a line breaks; a "\\n"
    in the text always breaks the line. With `pair_last`, a last line of one character takes
    a piece of the line above along.
    """
    lines: list[str] = []
    for number, hard_line in enumerate(text.split("\n")):
        limit = first_width if number == 0 else width
        broken = _break_one(tokens(hard_line, words), limit, width, measure)
        if pair_last:
            _pair_last(broken)
        lines.extend("".join(line).rstrip() for line in broken)
    return lines


def _pair_last(lines: list[list[str]]) -> None:
    """A lone character on the last line ("日", "目") takes the piece before it down, and any
    closing marks with it, as long as the line above keeps something."""
    last = "".join(lines[-1]).strip()
    if len(lines) < 2 or len([char for char in last if char not in CANNOT_START]) != 1:
        return
    above = lines[-2]
    while len(above) > 1:
        lines[-1].insert(0, above.pop())
        if lines[-1][0][0] not in CANNOT_START:
            break
    while len(above) > 1 and (above[-1].isspace() or above[-1][-1] in CANNOT_END):
        lines[-1].insert(0, above.pop())
    while lines[-1][0].isspace():
        lines[-1].pop(0)


def _break_one(parts: list[str], first_width: float, width: float, measure) -> list[list[str]]:
    lines: list[list[str]] = []
    current: list[str] = []
    used, limit = 0.0, first_width
    for token in _split_long(parts, width, measure):
        size = measure(token)
        if current and used + size > limit + _FUZZ:
            if token.isspace():
                continue
            carried = _carried(current, token)
            if not carried and token[0] in CANNOT_START:
                current.append(token)  # a one-token line: the mark hangs rather than lead
                used += size
                continue
            lines.append(current)
            current, used, limit = carried, _width(carried, measure), width
        if token.isspace() and not current:
            continue
        current.append(token)
        used += size
    lines.append(current)
    return lines


def _carried(current: list[str], token: str) -> list[str]:
    """Tokens moved from the full line to the next, so that neither breaks a rule.

    A closing mark that does not fit takes the character before it along; an opening mark
    at the end of a line goes down to what it opens. A line keeps at least one token.
    """
    moved: list[str] = []
    if token[0] in CANNOT_START:
        while len(current) > 1:
            moved.insert(0, current.pop())
            if moved[0][0] not in CANNOT_START:
                break
    while len(current) > 1 and (current[-1][-1] in CANNOT_END or current[-1].isspace()):
        moved.insert(0, current.pop())
    while moved and moved[0].isspace():
        moved.pop(0)
    return moved


def _split_long(parts: list[str], width: float, measure) -> list[str]:
    """A Latin run longer than a whole line is cut into characters rather than overflow."""
    result: list[str] = []
    for token in parts:
        if len(token) > 1 and measure(token) > width:
            result.extend(token)
        else:
            result.append(token)
    return result


def _width(parts: list[str], measure) -> float:
    return sum(measure(part) for part in parts)


def measurer(style: TextStyle) -> Callable[[str], float]:
    """The width a text takes in this style, spacing included."""
    return _measurer(style.font, style.size, style.char_space)


@cache
def _measurer(font: str, size: float, char_space: float) -> Callable[[str], float]:
    """One per face, size and spacing, its character widths remembered across paragraphs
    (a 500-row table measures the same few hundred characters tens of thousands of times)."""
    widths: dict[str, float] = {}

    def character(char: str) -> float:
        width = widths.get(char)
        if width is None:
            width = widths[char] = stringWidth(char, font, size) + char_space
        return width

    return lambda text: sum(map(character, text))


def _balanced(text: str, lines: list[str], width: float, measure) -> list[str]:
    """A title's lines in the shape GB/T 9704 asks for (梯形): the widest setting with as many
    lines whose last line is at least half as long as the first, no word left alone below."""
    narrowest, widest = width / len(lines), width
    best = lines
    for _ in range(12):
        middle = (narrowest + widest) / 2
        attempt = break_lines(text, middle, middle, measure)
        if len(attempt) > len(lines):
            narrowest = middle
        elif measure(attempt[-1]) < measure(attempt[0]) / 2:
            widest = middle
        else:
            best, narrowest = attempt, middle
    return best


@dataclass(frozen=True)
class _Line:
    text: str
    indent: float
    last: bool  # the last line of a paragraph or before a hard break: not stretched


class GridText(Flowable):
    """A paragraph set line by line on the grid; splits across pages between lines."""

    def __init__(self, text: str, style: TextStyle, lines: list[_Line] | None = None):
        super().__init__()
        self.text = text
        self.style = style
        self._lines = lines
        self._fixed = lines is not None  # a part of a split paragraph keeps its lines
        self._laid_out_for: float | None = None

    def lines(self) -> list[str]:
        return [line.text for line in self._lines or []]

    def wrap(self, availWidth, availHeight):
        if not self._fixed and self._laid_out_for != availWidth:
            self._lines = self._layout(availWidth)
            self._laid_out_for = availWidth
        self.width = availWidth
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def _layout(self, width: float) -> list[_Line]:
        style = self.style
        measure = measurer(style)
        usable = width - style.right_indent * style.pitch
        indent = style.first_indent * style.pitch
        result: list[_Line] = []
        for number, hard_line in enumerate(self.text.split("\n")):
            first = indent if number == 0 else 0.0
            broken = break_lines(
                hard_line, usable - first, usable, measure, style.words, style.pair_last
            )
            if style.balanced and len(broken) > 1:
                broken = _balanced(hard_line, broken, usable, measure)
            for position, text in enumerate(broken):
                at = first if position == 0 else 0.0
                result.append(_Line(text, at, position == len(broken) - 1))
        return result

    def split(self, availWidth, availHeight):
        self.wrap(availWidth, availHeight)
        fitting = int((availHeight + _FUZZ) // self.style.leading)
        if fitting <= 0:
            return []
        if fitting >= len(self._lines):
            return [self]
        head, tail = self._lines[:fitting], self._lines[fitting:]
        return [GridText(self.text, self.style, head), GridText(self.text, self.style, tail)]

    def draw(self):
        style = self.style
        measure = measurer(style)
        usable = self.width - style.right_indent * style.pitch
        for number, line in enumerate(self._lines):
            top = self.height - number * style.leading
            baseline = top - style.leading / 2 - 0.38 * style.size
            self._draw_line(line, baseline, usable, measure)

    def _draw_line(self, line: _Line, baseline: float, usable: float, measure) -> None:
        style = self.style
        natural = measure(line.text)
        room = usable - line.indent - natural
        spacing = style.char_space
        x = line.indent
        if style.align == "justify" and not line.last and len(line.text) > 1:
            spacing += room / (len(line.text) - 1)
        elif style.align == "centre":
            x += room / 2
        elif style.align == "right":
            x += room
        self.canv.setFillColor(style.colour)
        self.canv.setFont(style.font, style.size)
        self.canv.drawString(x, baseline, line.text, charSpace=spacing)
