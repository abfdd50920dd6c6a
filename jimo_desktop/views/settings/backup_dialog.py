"""备份与恢复: the backups of the open database, back up now, restore one after confirming.

Restoring replaces the content of the open database (the connection stays open); the state
before the restore is itself kept as a backup, and `restored` tells the window to reload.
Typed work not yet saved is settled first (`before_restore`), as it would be lost or, saved
later, land in the restored data. The office database's backups are its copies into embedded
files kept on this computer; they are listed and made here, and restoring the office database
is the server's business (or copy-database's), so it is not offered.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QVBoxLayout, QWidget
from sqlite_utils import Database

from jimo_desktop.store.safekeeping import backup
from jimo_desktop.store.safekeeping.database_copy import local_place
from jimo_desktop.views.common.busy import busy_cursor
from jimo_desktop.views.common.record_table import RIGHT, Column, FilteredTable
from jimo_desktop.views.common.window_layout import open_sized

TITLE = "备份与恢复"
COLUMNS = (
    Column(
        "备份时间", lambda b: f"{b.taken_at:%Y-%m-%d %H:%M:%S}", lambda b: b.taken_at, width=170
    ),
    Column("原因", lambda b: b.reason_label, width=140),
    Column("大小", lambda b: _size_text(b.size), lambda b: b.size, RIGHT, width=100),
    Column("文件", lambda b: b.path.name),
)


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


class BackupPanel(QWidget):
    """The list of backups with 立即备份 and 恢复所选备份; usable as a page or in the dialog."""

    restored = Signal(Path)  # the backup that holds the state before the restore

    def __init__(
        self,
        db: Database,
        read_only=False,
        parent=None,
        before_restore: Callable[[], bool] = lambda: True,
    ):
        super().__init__(parent)
        # The file whose backups folder holds this database's backups: the database file, or
        # the office database's stand-in on this computer.
        self._db, self._path = db, local_place(db)
        self._before_restore = before_restore
        in_place = backup.database_file(db) is not None
        folder = backup.backups_dir(self._path)
        kept = (
            f"保留最近 {backup.KEEP_DAILY} 天、{backup.KEEP_WEEKLY} 周、"
            f"{backup.KEEP_MONTHLY} 个月各一份。"
        )
        if in_place:
            words = f"备份文件夹：{folder}\n程序每天、关闭时、升级和导入前自动备份，{kept}"
        else:
            words = (
                "办公室数据库的备份是它在本机的完整副本（可在任何电脑上打开），保存在："
                f"\n{folder}\n每次导入和合并外业包前自动备份，也可随时立即备份，{kept}"
                "恢复办公室数据库请联系服务器管理员，或用 copy-database 把备份复制到新的数据库。"
            )
        note = QLabel(words, objectName="backupNote")
        note.setWordWrap(True)
        self.table = FilteredTable(COLUMNS, search_placeholder="搜索备份（日期或原因）")
        self.backup_button = self.table.add_action("立即备份(&B)", self.back_up_now)
        self.restore_button = self.table.add_action("恢复所选备份(&R)…", self.restore_selected)
        for button in (self.backup_button, self.restore_button):
            button.setEnabled(not read_only)
        self.restore_button.setVisible(in_place)
        self.table.filters_changed.connect(self.reload)
        self.table.activated.connect(lambda _: self.restore_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        self.reload()

    def reload(self) -> None:
        wanted = self.table.search_text()
        rows = [
            b
            for b in backup.list_backups(self._path)
            if wanted in f"{b.taken_at:%Y-%m-%d %H:%M} {b.reason_label}"
        ]
        self.table.set_rows(rows, f"共 {len(rows)} 份备份")

    def back_up_now(self) -> None:
        try:
            with busy_cursor():
                target = backup.backup_before(self._db, "manual")
        except (backup.BackupError, OSError) as error:
            QMessageBox.warning(self, TITLE, f"备份失败：{error}")
            return
        self.reload()
        self.table.select(lambda b: b.path == target)

    def restore_selected(self) -> None:
        chosen = self.table.current_record()
        if chosen is None or not self.restore_button.isEnabled() or self.restore_button.isHidden():
            return
        answer = QMessageBox.question(
            self,
            TITLE,
            f"用 {chosen.taken_at:%Y年%m月%d日 %H:%M} 的备份（{chosen.reason_label}）"
            "替换当前数据库吗？\n\n"
            "此后所做的修改会从数据库中消失；当前数据会先另存为一份备份，需要时可以再恢复回来。",
            defaultButton=QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes or not self._before_restore():
            return
        try:
            saved = backup.restore_into(self._db, chosen.path)
        except (backup.BackupError, OSError) as error:
            QMessageBox.warning(self, TITLE, str(error))
            return
        self.reload()
        self.restored.emit(saved)


class BackupDialog(QDialog):
    def __init__(self, db: Database, read_only=False, parent=None):
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        open_sized(self, "backup", 760, 480)
        self.panel = BackupPanel(db, read_only, self)
        self.panel.restored.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
