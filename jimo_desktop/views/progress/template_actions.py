"""生成调度表模板: the 进度调度 page's button that writes one pre-filled 调度表 per 区位 for a
month into a folder the officer chooses (the `templates` command does the same)."""

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget
from sqlite_utils import Database

from jimo_desktop.domain import progress as rates
from jimo_desktop.domain.submissions import following_period
from jimo_desktop.safe_files import WriteFailed
from jimo_desktop.store.monthly import submissions
from jimo_desktop.store.monthly.template_rows import unit_templates
from jimo_desktop.views.common.busy import busy_cursor
from jimo_desktop.views.common.export_actions import documents_folder

TITLE = "生成调度表模板"


def months_to_offer(shown: str) -> list[str]:
    """The month after the one shown (the month units report next), then the shown one and
    the two before it."""
    offered = [following_period(shown), shown]
    for _ in range(2):
        offered.append(rates.previous_period(offered[-1]))
    return offered


def send_templates(parent: QWidget, db: Database, shown: str) -> list[Path]:
    """Ask the month and the folder, write every 区位's template; the files written."""
    offered = months_to_offer(shown)
    labels = [rates.period_label(period) for period in offered]
    chosen, accepted = QInputDialog.getItem(parent, TITLE, "调度表月份：", labels, 0, False)
    if not accepted:
        return []
    period = offered[labels.index(chosen)]
    folder = QFileDialog.getExistingDirectory(
        parent, f"{TITLE}：选择保存的文件夹", str(documents_folder())
    )
    if not folder:
        return []
    from jimo_desktop.excel.monthly_template import write_all

    try:
        with busy_cursor():
            written = write_all(
                Path(folder), unit_templates(db, period), submissions.due_date(db, period)
            )
    except (WriteFailed, OSError) as error:
        QMessageBox.warning(parent, TITLE, f"未能写完模板：{error}")
        return []
    projects = sum(count for _, count in written)
    QMessageBox.information(
        parent,
        TITLE,
        f"已为 {len(written)} 个区位生成{rates.period_label(period)}调度表模板"
        f"（共 {projects} 个项目）到 {folder}",
    )
    return [path for path, _ in written]
