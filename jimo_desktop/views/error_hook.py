"""What an unexpected error does: it is written to the log and shown to the officer.

Every save is its own committed transaction, so an error loses nothing that was saved; a
transaction the error interrupted is rolled back, so no half-written change survives. The
program keeps running.
"""

import logging
import sqlite3
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from sqlite_utils import Database

from jimo_desktop.store.engine import OfficeBusy, OfficeConnectionLost

logger = logging.getLogger("jimo_desktop")
TITLE = "程序出错"


def install(db_of_session: Callable[[], Database | None], log_file: Path | None) -> None:
    """Replace sys.excepthook; `db_of_session` gives the connection open at the time."""

    def hook(kind, error, trace) -> None:
        logger.error("未处理的异常", exc_info=(kind, error, trace))
        _roll_back(db_of_session())
        QMessageBox.critical(None, TITLE, explain(error, trace, log_file))

    sys.excepthook = hook


def explain(error: BaseException, trace, log_file: Path | None) -> str:
    if _is_read_only_write(error):
        what = (
            "数据库是以只读方式打开的（另一个窗口正在使用它，或您的账号只能查看），"
            "这次修改没有保存。"
        )
    elif isinstance(error, OfficeBusy):
        what = f"{error}；窗口里已输入的内容仍在，请稍后再保存一次。"
    elif isinstance(error, OfficeConnectionLost):
        what = (
            f"{error}，这一步没有完成，也没有保存任何内容；窗口里已输入的内容仍在。\n"
            "程序会自动重新连接：请检查网络或服务器后再试一次。"
        )
    else:
        frame = traceback.extract_tb(trace)[-1] if trace else None
        where = f"（{Path(frame.filename).name} 第 {frame.lineno} 行）" if frame else ""
        what = f"程序遇到了意外错误{where}：\n{type(error).__name__}: {error}"
    log = f"详细信息已写入日志：\n{log_file}" if log_file else "日志未能写入文件。"
    return (
        f"{what}\n\n此前已保存的数据不受影响；出错时正在进行的那一步修改已撤销。\n"
        f"{log}\n如问题反复出现，请把日志文件发给信息科。"
    )


def _is_read_only_write(error: BaseException) -> bool:
    return isinstance(error, sqlite3.OperationalError) and "readonly" in str(error)


def _roll_back(db: Database | None) -> None:
    if db is None:
        return
    try:
        if db.conn.in_transaction:
            db.conn.rollback()
    except sqlite3.Error as error:
        logger.error("回滚失败：%s", error)
