"""Photos as thumbnails with captions: in the inspection form (drop files, edit captions,
remove), in the 现场督查 list and on a project's page; and a viewer for one photo.
"""

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from jimo_desktop.domain.inspections import PhotoEntry

THUMBNAIL = QSize(200, 150)
CELL = QSize(220, 222)
CAPTION_MARGIN = 8  # around a caption inside its cell
EntryRole = Qt.ItemDataRole.UserRole + 1


def when_taken(entry: PhotoEntry) -> str:
    """ "2020-06-28T10:12:33" → "6月28日 10:12"; blank when the photo had no time."""
    if not entry.taken_at:
        return ""
    day, _, clock = entry.taken_at.partition("T")
    _, month, date_of_month = day.split("-")
    return f"{int(month)}月{int(date_of_month)}日 {clock[:5]}"


def position(entry: PhotoEntry) -> str:
    if entry.latitude is None or entry.longitude is None:
        return ""
    north = "北纬" if entry.latitude >= 0 else "南纬"
    east = "东经" if entry.longitude >= 0 else "西经"
    return f"{north}{abs(entry.latitude):.5f}° {east}{abs(entry.longitude):.5f}°"


class PhotoListModel(QAbstractListModel):
    """Photo entries with their thumbnails; reads no database (thumbnails come from `load`)."""

    def __init__(self, load: Callable[[str], bytes | None], editable: bool, parent=None):
        super().__init__(parent)
        self._load = load
        self._editable = editable
        self._entries: list[PhotoEntry] = []
        self._pixmaps: dict[str, QPixmap] = {}

    def set_entries(self, entries: Sequence[PhotoEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entries(self) -> list[PhotoEntry]:
        return list(self._entries)

    def append(self, entry: PhotoEntry) -> None:
        row = len(self._entries)
        self.beginInsertRows(QModelIndex(), row, row)
        self._entries.append(entry)
        self.endInsertRows()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._entries[row]
        self.endRemoveRows()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._entries)

    def flags(self, index):
        flags = super().flags(index)
        if self._editable and index.isValid():
            return flags | Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            parts = (entry.caption or "（无说明）", when_taken(entry))
            return "\n".join(part for part in parts if part)
        if role == Qt.ItemDataRole.EditRole:
            return entry.caption
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pixmap(entry.file_sha256)
        if role == Qt.ItemDataRole.ToolTipRole:
            facts = (entry.caption, when_taken(entry), position(entry), entry.original_name)
            return "\n".join(fact for fact in facts if fact)
        if role == EntryRole:
            return entry
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or not self._editable:
            return False
        self._entries[index.row()].caption = str(value).strip()
        self.dataChanged.emit(index, index)
        return True

    def _pixmap(self, sha256: str) -> QPixmap:
        if sha256 not in self._pixmaps:
            pixmap = QPixmap()
            pixmap.loadFromData(self._load(sha256) or b"")
            if not pixmap.isNull():
                pixmap = pixmap.scaled(
                    THUMBNAIL,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            self._pixmaps[sha256] = pixmap
        return self._pixmaps[sha256]


class PhotoStrip(QListView):
    """Thumbnails in rows. Editable: files dropped arrive as `files_dropped`, F2 or a double
    click edits a caption, Delete takes a photo off. Read-only: a double click opens a photo."""

    files_dropped = Signal(list)  # of Path
    photo_opened = Signal(object)  # PhotoEntry

    def __init__(self, load: Callable[[str], bytes | None], editable: bool = False, parent=None):
        super().__init__(parent)
        self.photos = PhotoListModel(load, editable, self)
        self.setModel(self.photos)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(THUMBNAIL)
        self.setGridSize(CELL)
        for signal in (
            self.photos.modelReset,
            self.photos.rowsInserted,
            self.photos.rowsRemoved,
            self.photos.dataChanged,
        ):
            signal.connect(self._fit_captions)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWordWrap(True)
        self.setUniformItemSizes(True)
        self.setSpacing(6)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        if editable:
            self.setAcceptDrops(True)
            self.setDropIndicatorShown(False)
            self.setEditTriggers(
                QAbstractItemView.EditTrigger.DoubleClicked
                | QAbstractItemView.EditTrigger.EditKeyPressed
            )
            remove = QShortcut(QKeySequence(Qt.Key.Key_Delete), self)
            remove.setContext(Qt.ShortcutContext.WidgetShortcut)
            remove.activated.connect(self.remove_current)
        else:
            self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.doubleClicked.connect(lambda index: self.photo_opened.emit(index.data(EntryRole)))

    def _fit_captions(self, *_) -> None:
        """Cells tall enough for the longest caption and its time: none is ever cut off."""
        width = CELL.width() - 2 * CAPTION_MARGIN
        tallest = max(
            (
                self.fontMetrics()
                .boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text)
                .height()
                for row in range(self.photos.rowCount())
                if (text := self.photos.index(row).data())
            ),
            default=0,
        )
        self.setGridSize(
            QSize(
                CELL.width(), max(CELL.height(), THUMBNAIL.height() + tallest + 2 * CAPTION_MARGIN)
            )
        )

    def remove_current(self) -> None:
        index = self.currentIndex()
        if index.isValid():
            self.photos.remove(index.row())

    def dragEnterEvent(self, event) -> None:
        if _dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if _dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        files = _dropped_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)


def _dropped_files(mime) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class PhotoViewer(QDialog):
    """One photo as stored (1024 px), with its caption, time and position; 打开原图 when kept."""

    def __init__(self, entry: PhotoEntry, image: bytes | None, original: Path | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle(entry.caption or entry.original_name or "照片")
        picture = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        pixmap = QPixmap()
        pixmap.loadFromData(image or b"")
        picture.setPixmap(pixmap.scaled(960, 720, Qt.AspectRatioMode.KeepAspectRatio))
        facts = [entry.caption, when_taken(entry), position(entry), entry.original_name]
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        if original is not None:
            button = buttons.addButton("打开原图", QDialogButtonBox.ButtonRole.ActionRole)
            button.clicked.connect(
                lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(original)))
            )
        layout = QVBoxLayout(self)
        layout.addWidget(picture, 1)
        layout.addWidget(QLabel("　".join(fact for fact in facts if fact)))
        layout.addWidget(buttons)


def photo_viewer(entry: PhotoEntry, image: bytes | None, original: Path | None, parent: QWidget):
    viewer = PhotoViewer(entry, image, original, parent)
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    viewer.open()
    return viewer
