"""The year a sheet's projects are listed under, and the month a 调度表 reports: where the
workbook says it, or why it cannot be told.

Each is looked for in turn in the sheet's own words (its title, header and name), in the
workbook's (its other sheets, its title), in the file's name, and last in what the officer
gave (--year, --period, the dialog's fields). The first place that says it decides; a place
that says two different ones is a question, and what the officer gives must agree with what
the file says. The clock and the business date never decide: a wrong year on a thousand
projects costs more than a question.
"""

import html
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from jimo_desktop.excel.importing.values import text
from jimo_desktop.excel.reading.guard import ZIP_MAGIC
from jimo_desktop.excel.reading.headers import LISTING_YEAR_FIELDS, Layout, find_layout
from jimo_desktop.excel.reading.titles import Titles, period_in, read_titles, year_in
from jimo_desktop.excel.reading.workbook import Sheet

NO_YEAR = "未能从表名、标题或文件名确定年度，请指定年度（命令行用 --year）"
NO_MONTH = "无法确定报表月份：标题中没有“2020年1-6月”之类的字样；请指定月份（--period）"
_CORE_PROPERTIES = "docProps/core.xml"
_CORE_BYTES = 64 * 1024  # a title is a line; the guard has bounded the member already
_DOCUMENT_TITLE = re.compile(r"<dc:title>([^<]*)</dc:title>")


@dataclass(frozen=True)
class Stated:
    """One place that states a year, a month or both; `place` names it for the officer."""

    place: str
    year: int | None = None
    month: int | None = None


def in_words(words: str, place: str) -> list[Stated]:
    """What a name or a title line states: "2020年1-6月…", "即墨2021重点项目"."""
    period = period_in(words)
    if period:
        return [Stated(place, int(period[:4]), int(period[5:]))]
    year = year_in(words)
    return [Stated(place, year)] if year else []


def own_words(sheet_name: str, titles: Titles, layout: Layout) -> list[Stated]:
    """What a table says of itself: the lines above it, its header, its sheet's name."""
    found = [Stated("标题", titles.year)] if titles.year else []
    if titles.period:
        found.append(Stated("标题", int(titles.period[:4]), int(titles.period[5:])))
    for column in layout.columns:
        year = column.year if column.field in LISTING_YEAR_FIELDS else None
        if year or column.month:
            found.append(Stated(f"表头“{column.header}”", year, column.month))
    return found + in_words(sheet_name, "表名")


@dataclass(frozen=True)
class WorkbookWords:
    """What each visible sheet says of itself, the workbook's title and the file's name."""

    sheets: dict[str, list[Stated]]
    title: list[Stated]
    file_name: list[Stated]

    def levels(self, sheet: str, own: list[Stated]) -> list[list[Stated]]:
        """Where `sheet` is looked for, in order: itself, the rest of the workbook, the name."""
        others = [
            Stated(f"“{name}”表", said.year, said.month)
            for name, stated in self.sheets.items()
            if name != sheet
            for said in stated
        ]
        return [own, others + self.title, self.file_name]


def workbook_words(path: Path, sheets: list[Sheet]) -> WorkbookWords:
    said = {sheet.name: _sheet_words(sheet) for sheet in sheets if sheet.visible}
    title = document_title(path)
    return WorkbookWords(
        said, in_words(title, "工作簿标题") if title else [], in_words(path.stem, "文件名")
    )


def _sheet_words(sheet: Sheet) -> list[Stated]:
    """A table's own words; a sheet without one (a cover, instructions) has its first line."""
    layout = find_layout(sheet.grid)
    if layout is not None:
        return own_words(sheet.name, read_titles(sheet.grid[: layout.header_rows[0]]), layout)
    first = next((line for row in sheet.grid if (line := _joined(row))), "")
    return in_words(first, "标题") + in_words(sheet.name, "表名")


def _joined(row: list) -> str:
    return "".join(text(value) for value in row)


def document_title(path: Path) -> str:
    """The title in an .xlsx's document properties (文件 → 信息 → 标题), or ""."""
    try:
        with path.open("rb") as stream:
            if stream.read(len(ZIP_MAGIC)) != ZIP_MAGIC:
                return ""  # an .xls keeps it in a binary stream the reader does not give
        with zipfile.ZipFile(path) as archive, archive.open(_CORE_PROPERTIES) as member:
            xml = member.read(_CORE_BYTES).decode("utf-8", "replace")
    except (OSError, KeyError, EOFError, RuntimeError, zipfile.BadZipFile, zlib.error):
        return ""  # a member missing, encrypted or damaged: the file states no title
    found = _DOCUMENT_TITLE.search(xml)
    return unicodedata.normalize("NFKC", html.unescape(found.group(1))) if found else ""


@dataclass(frozen=True)
class Filing:
    """The year (and month) a sheet is filed under and where each was read, or the problems
    that keep it from being told."""

    year: int | None
    year_from: str | None  # the place, or None: as the officer gave it
    month: int | None = None
    month_from: str | None = None
    problems: tuple[str, ...] = ()

    @property
    def period(self) -> str | None:
        return f"{self.year}-{self.month:02d}" if self.year and self.month else None

    def shown(self) -> str:
        """ "2020年（取自标题）", "2020年6月（年度取自文件名，月份取自标题）"."""
        if self.month is None:
            return f"{self.year}年（{_origin(self.year_from)}）"
        if self.year_from == self.month_from:
            origin = _origin(self.year_from)
        else:
            origin = f"年度{_origin(self.year_from)}，月份{_origin(self.month_from)}"
        return f"{self.year}年{self.month}月（{origin}）"


def _origin(place: str | None) -> str:
    return f"取自{place}" if place else "按指定"


@dataclass(frozen=True)
class _Wanted:
    """How one of year and month is spoken of."""

    attribute: str
    noun: str
    option: str
    unit: str
    missing: str


_YEAR = _Wanted("year", "年度", "--year", "年", NO_YEAR)
_MONTH = _Wanted("month", "月份", "--period", "月", NO_MONTH)


def filing(
    levels: list[list[Stated]],
    year: int | None = None,
    month: int | None = None,
    *,
    with_month: bool = False,
) -> Filing:
    """Where the sheet whose places are `levels` is filed; `year` and `month` as the officer
    gave them. A 调度表 (`with_month`) needs the month as well."""
    found_year, year_from, year_problem = _decide(levels, year, _YEAR)
    if not with_month:
        return Filing(found_year, year_from, problems=_present(year_problem))
    found_month, month_from, month_problem = _decide(levels, month, _MONTH)
    if month_problem == NO_MONTH and year_problem == NO_YEAR:
        year_problem = None  # --period gives both: one question is enough
    return Filing(
        found_year, year_from, found_month, month_from, _present(year_problem, month_problem)
    )


def _present(*problems: str | None) -> tuple[str, ...]:
    return tuple(problem for problem in problems if problem)


def _decide(
    levels: list[list[Stated]], given: int | None, wanted: _Wanted
) -> tuple[int | None, str | None, str | None]:
    """(value, place, None) from the first level that states the value at all, or what the
    officer gave; (None, None, problem) when a level disagrees with itself or with them."""
    for level in levels:
        places = _places(level, wanted.attribute)
        if not places:
            continue
        if len(places) == 1 and given in (None, *places):
            ((value, where),) = places.items()
            return value, where[0], None
        if given in places:
            return given, None, None
        if len(places) == 1:
            ((value, where),) = places.items()
            stated = f"{value}{wanted.unit}（取自{where[0]}）"
            return None, None, _disagree(stated, given, wanted, "写明")
        stated = "、".join(
            f"{value}{wanted.unit}（{'、'.join(where)}）" for value, where in places.items()
        )
        if given is not None:
            return None, None, _disagree(stated, given, wanted, "写有")
        question = f"请改正文件，或指定其中之一（命令行用 {wanted.option}）"
        return None, None, f"文件写有{stated}，{wanted.noun}不一；{question}"
    if given is not None:
        return given, None, None
    return None, None, wanted.missing


def _places(level: list[Stated], attribute: str) -> dict[int, list[str]]:
    """Each value the level states → the places stating it, in order."""
    places: dict[int, list[str]] = {}
    for said in level:
        value = getattr(said, attribute)
        if value and said.place not in places.setdefault(value, []):
            places[value].append(said.place)
    return places


def _disagree(stated: str, given: int, wanted: _Wanted, verb: str) -> str:
    return (
        f"文件{verb}{stated}，与指定的{wanted.noun}{given}{wanted.unit}不符；"
        f"请核对文件或所指定的{wanted.noun}"
    )
