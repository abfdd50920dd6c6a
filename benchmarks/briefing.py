"""How long the monthly bulletin takes for 500 projects, against the floor of its tools.

Prints, in one run: the time to build June's bulletin (gather the figures, draft the text,
draw the seven charts, lay out and write the PDF) and the floor — ReportLab alone laying
out the same tables and paragraphs with its own Paragraph (wordWrap="CJK"), plus matplotlib
alone building and drawing the same charts (Agg, at print resolution) — each the median of
several runs after a warm-up (fonts registered, matplotlib and ReportLab imported).
Goal: under 3 s, and at most 1.3× the floor.

    uv run python benchmarks/briefing.py [--projects 500] [--db PATH] [--runs 5]

The demo database is written once and kept (default under out/) so reruns start fast.
"""

import argparse
import random
import statistics
import time
from io import BytesIO
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table
from sqlite_utils import Database

from jimo_desktop.demo import problems, progress, tracking
from jimo_desktop.demo.builder import create_demo
from jimo_desktop.reports import bulletin, bulletin_pdf, charts, page_styles
from jimo_desktop.reports.document import Picture, TableBlock, Text
from jimo_desktop.store import settings
from jimo_desktop.store.database import open_database
from jimo_desktop.store.papers.briefing_facts import monthly_facts

PERIOD = "2020-06"
GOAL_SECONDS, GOAL_RATIO = 3.0, 1.3


def demo_database(path: Path, projects: int) -> Database:
    if path.exists():
        return open_database(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    db = create_demo(path, projects)
    parts = ((tracking, "milestones"), (problems, "problems"), (progress, "progress_reports"))
    for number, (part, table) in enumerate(parts):
        if db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0:  # not in the demo yet
            part.fill(db, random.Random(number), settings.today(db))
    return db


def median_seconds(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def whole_bulletin(db: Database) -> None:
    facts = monthly_facts(db, PERIOD)
    draft = bulletin.draft_monthly(facts)
    bulletin_pdf.write_monthly_pdf(facts, draft, BytesIO())


def reportlab_floor(document) -> None:
    """The same paragraphs and tables as plain ReportLab flowables, portrait and landscape."""
    font = page_styles.registered_fonts()["body"]
    text = ParagraphStyle("body", fontName=font, fontSize=16, leading=29, wordWrap="CJK")
    cell = ParagraphStyle("cell", fontName=font, fontSize=10.5, leading=13.5, wordWrap="CJK")
    story = []
    for block in [*document.blocks, *(b for a in document.attachments for b in a.blocks)]:
        if isinstance(block, Text):
            story.append(Paragraph(block.text, text))
        elif isinstance(block, TableBlock):
            width = 225 * mm if len(block.header) > 8 or block.landscape else 156 * mm
            rows = [
                [Paragraph(value, cell) for value in row] for row in (block.header, *block.rows)
            ]
            widths = [width * part / sum(block.widths) for part in block.widths]
            story += [PageBreak(), Table(rows, colWidths=widths, repeatRows=1)]
    SimpleDocTemplate(BytesIO(), pagesize=landscape(A4)).build(story)


def matplotlib_floor(facts) -> None:
    """The seven figures built and rendered by Agg at print resolution, nothing encoded."""
    for chart in charts.MONTHLY_CHARTS:
        figure = chart.draw(facts)
        figure.set_dpi(charts.PNG_DPI)
        FigureCanvasAgg(figure).draw()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    path = args.db or Path("out") / f"briefing-{args.projects}.sqlite3"
    db = demo_database(path, args.projects)
    facts = monthly_facts(db, PERIOD)
    pictures = bulletin_pdf.chart_pictures(facts)
    document = bulletin_pdf.monthly_document(facts, bulletin.draft_monthly(facts), pictures)
    whole_bulletin(db)  # warm-up: fonts registered, every module imported
    blocks = [*document.blocks, *(b for part in document.attachments for b in part.blocks)]
    tables = [block for block in blocks if isinstance(block, TableBlock)]
    rows = sum(len(table.rows) for table in tables)
    ours = median_seconds(lambda: whole_bulletin(db), args.runs)
    layout = median_seconds(lambda: reportlab_floor(document), args.runs)
    drawing = median_seconds(lambda: matplotlib_floor(facts), args.runs)
    floor = layout + drawing
    pictures_count = sum(isinstance(block, Picture) for block in blocks)
    print(
        f"月度通报（{facts.district.listed}个项目，{len(tables)}张表共{rows}行，"
        f"{pictures_count}幅图）"
    )
    print(f"  整份通报（取数、起草、绘图、排版写 PDF）: {ours:.3f} s   目标 < {GOAL_SECONDS} s")
    print(f"  下限：ReportLab 单独排同样的表格和段落: {layout:.3f} s")
    print(f"  下限：matplotlib 单独绘制同样的图表:     {drawing:.3f} s")
    print(f"  下限合计: {floor:.3f} s   倍数: {ours / floor:.2f}×   目标 ≤ {GOAL_RATIO}×")


if __name__ == "__main__":
    main()
