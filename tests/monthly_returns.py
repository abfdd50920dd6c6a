"""A 区位 filling in the monthly 调度表 it was sent, as a unit does in Excel: figures typed in
the open cells, the rows sorted another way, one row hidden, one project renamed. Returns the
figures it typed, by project code, for the tests to check what was saved against."""

import random
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook

HEADER_ROW, FIRST_DATA_ROW = 3, 4
CODE, NAME, PLAN, LAST_YEAR, LAST_START = 2, 3, 4, 5, 6
THIS_YEAR, SINCE_START, IMAGE, PROBLEMS, COUNTED, KEY = 7, 8, 9, 10, 11, 12


@dataclass(frozen=True)
class Typed:
    name: str  # as the template named it
    this_year: Decimal  # 万元
    since_start: Decimal
    image: str


def data_rows(sheet) -> list[int]:
    return [
        row
        for row in range(FIRST_DATA_ROW, sheet.max_row + 1)
        if sheet.cell(row, KEY).value or sheet.cell(row, NAME).value
    ]


def fill_like_a_unit(path: Path, seed: int = 7, rename: bool = True) -> dict[str, Typed]:
    """Type the month's figures, sort by name descending, hide the first row, rename one."""
    chance = random.Random(seed)
    workbook = load_workbook(path)
    sheet = workbook.active
    rows = data_rows(sheet)
    typed: dict[str, Typed] = {}
    for row in rows:
        last_year = Decimal(str(sheet.cell(row, LAST_YEAR).value or 0))
        last_start = Decimal(str(sheet.cell(row, LAST_START).value or 0))
        this_year = last_year + Decimal(chance.randint(1, 90_000)) / 100
        since_start = max(last_start, this_year) + Decimal(chance.randint(0, 50_000)) / 100
        image = chance.choice(("主体施工", "设备安装", "基础施工", "装修收尾"))
        sheet.cell(row, THIS_YEAR).value = float(this_year)
        sheet.cell(row, SINCE_START).value = float(since_start)
        sheet.cell(row, IMAGE).value = image
        sheet.cell(row, PROBLEMS).value = "无"
        typed[sheet.cell(row, CODE).value] = Typed(
            sheet.cell(row, NAME).value, this_year, since_start, image
        )
    _sort_rows(sheet, rows)
    if rows:
        sheet.row_dimensions[rows[0]].hidden = True
    if rename and rows:
        sheet.cell(rows[-1], NAME).value = f"{sheet.cell(rows[-1], NAME).value}（一期）"
    workbook.save(path)
    return typed


def _sort_rows(sheet, rows: list[int]) -> None:
    """Sort the rows by name, last first, moving every cell of a row (the key with it)."""
    values = [[sheet.cell(row, column).value for column in range(1, KEY + 1)] for row in rows]
    values.sort(key=lambda cells: str(cells[NAME - 1]), reverse=True)
    for row, cells in zip(rows, values, strict=True):
        for column, value in enumerate(cells, start=1):
            sheet.cell(row, column).value = value


PERIOD = "2020-07"


def demo_database(folder: Path) -> Path:
    """A demo database of 40 projects (business day 2020-06-30) in `folder`."""
    from jimo_desktop.demo.builder import fill_demo
    from jimo_desktop.store.database import open_database

    path = folder / "demo.sqlite3"
    db = open_database(path)
    fill_demo(db, project_count=40)
    db.close()
    return path


def write_templates(database: Path, folder: Path) -> Path:
    """July's templates of every 区位, written by the real command."""
    from jimo_desktop import cli

    out = folder / "templates"
    assert cli.main(["templates", str(out), "--db", str(database), "--period", PERIOD]) == 0
    return out


def template_of(folder: Path, unit: str) -> Path:
    return folder / f"{unit}2020年7月重点项目调度表.xlsx"


def units_with_projects(database: Path) -> list[str]:
    import sqlite3

    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT DISTINCT u.name FROM units u JOIN projects p ON p.unit_id = u.id"
            " JOIN project_years y ON y.project_id = p.id AND y.year = 2020 ORDER BY u.id"
        )
        return [row[0] for row in rows]
