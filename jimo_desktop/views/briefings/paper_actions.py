"""打印督办单 and 打印纪要: the 督办单 and 周调度 pages' buttons that write the chosen order or
meeting as a PDF in the official format (the `briefing --kind supervision|minutes` command
writes the same paper)."""

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from sqlite_utils import Database

from jimo_desktop.safe_files import WriteFailed, write_with
from jimo_desktop.store.papers import paper_facts
from jimo_desktop.views.common.busy import busy_cursor
from jimo_desktop.views.common.export_actions import documents_folder

PDF_FILES = "PDF 文件 (*.pdf)"


def print_order(parent: QWidget, db: Database, order_id: int) -> Path | None:
    from jimo_desktop.reports.supervision_paper import write_orders_pdf

    papers = paper_facts.order_papers(db, order_id, None)
    return _save(
        parent, "打印督办单", f"督办单（{papers[0].number}）.pdf", papers, write_orders_pdf
    )


def print_minutes(parent: QWidget, db: Database, dispatch_id: int) -> Path | None:
    from jimo_desktop.reports.meeting_minutes import write_minutes_pdf

    papers = paper_facts.minutes_papers(db, dispatch_id, None)
    name = f"周调度会议纪要（{papers[0].meeting.held_on}）.pdf"
    return _save(parent, "打印纪要", name, papers, write_minutes_pdf)


def _save(parent: QWidget, title: str, name: str, papers, write) -> Path | None:
    suggested = documents_folder() / name
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), PDF_FILES)
    if not chosen:
        return None
    path = Path(chosen) if chosen.lower().endswith(".pdf") else Path(f"{chosen}.pdf")
    try:
        with busy_cursor():
            pages = write_with(path, lambda target: write(papers, target), held_by=" PDF 阅读器")
    except (WriteFailed, OSError) as error:
        QMessageBox.warning(parent, title, f"未能写入 {path}：{error}")
        return None
    QMessageBox.information(parent, title, f"已生成 {path}：共 {pages} 页")
    return path
