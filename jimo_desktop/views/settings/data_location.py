"""数据位置: where the database file is, and moving it to another folder.

Moving copies the database through the backup API with the photo originals beside it, off
the GUI thread behind a modal progress dialog, verifies the copy (integrity check and the
same number of rows in every table), switches the program to it, and deletes the old file
only after the officer confirms. A folder on a network share is warned about; a cancelled
move leaves no copy behind. Typed work not yet saved is settled before the copy starts
(`before_move`): saved later, it would go to the old file.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)
from sqlite_utils import Database

from jimo_desktop import paths
from jimo_desktop.store.safekeeping import location
from jimo_desktop.views.background import BackgroundOp

TITLE = "移动数据库"


class DataLocationWidget(QWidget):
    """Shows the database file and its backup folder; 移动… when the program can switch."""

    moved = Signal(bool)  # a move has ended: whether the program now uses the new file

    def __init__(
        self,
        db: Database,
        database_path: Path,
        switch_to: Callable[[Path], bool] | None = None,
        before_move: Callable[[], bool] = lambda: True,
        parent=None,
    ):
        super().__init__(parent)
        self._db, self._path, self._switch_to = db, Path(database_path), switch_to
        self._before_move = before_move
        self.path_label = QLabel(str(self._path), objectName="databaseLocation")
        self.path_label.setWordWrap(True)
        self.move_button = QPushButton("移动到其他文件夹(&M)…", clicked=self.choose_folder)
        self.move_button.setEnabled(switch_to is not None)
        row = QHBoxLayout()
        row.addWidget(self.path_label, 1)
        row.addWidget(self.move_button)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow("数据库文件：", row)
        layout.addRow("备份文件夹：", QLabel(str(paths.backups_dir_for(self._path))))
        if location.is_network_path(self._path):
            warning = QLabel("⚠ 数据库在网络共享上，容易损坏，建议移到本机硬盘。")
            warning.setObjectName("networkWarning")
            layout.addRow("", warning)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, TITLE, str(self._path.parent))
        if folder:
            self.move_to(Path(folder))

    def move_to(self, folder: Path) -> None:
        """Copy and verify off the GUI thread behind a modal progress dialog (a year of photo
        originals takes a while), then switch; `moved` says whether the program now uses the
        new file."""
        target = folder / self._path.name
        if location.is_network_path(target):
            answer = QMessageBox.question(
                self,
                TITLE,
                f"{folder} 在网络共享上。SQLite 数据库放在网络共享上容易损坏。\n仍然移到这里吗？",
                defaultButton=QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                self.moved.emit(False)
                return
        if target.exists():  # refused before anything runs: a cancel must not touch it
            self._move_failed(location.MoveError(f"目标位置已有文件 {target}，请换一个文件夹"))
            return
        if not self._before_move():
            self.moved.emit(False)
            return
        source, made = self._path, []

        def copy(_progress) -> Path:
            made.append(location.move_database(source, target))
            return target

        BackgroundOp(self, copy).with_progress("正在复制数据库和照片原件…").success(
            self._switch
        ).failure(self._move_failed).cancelled(
            lambda: self._drop_copy(target) if made else self.moved.emit(False)
        ).run_in_background()

    def _switch(self, target: Path) -> None:
        if self._switch_to is None or not self._switch_to(target):
            self._drop_copy(target)
            return
        self.moved.emit(True)

    def _move_failed(self, error: Exception) -> None:
        QMessageBox.warning(self, TITLE, f"{error}\n程序仍使用原来的数据库。")
        self.moved.emit(False)

    def _drop_copy(self, target: Path) -> None:
        location.delete_database_files(target, originals_kept_beside=self._path)
        self.moved.emit(False)
