"""调整、增补、退出 of a saved listing: what changes, from when, and why.

The change is written at once through store/project_library/listings.py, in its own audited
transaction, so the months before it keep their figures (the list and the batches as they stood
then).
"""

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from jimo_desktop.domain.dates import DateError, parse_partial_date
from jimo_desktop.domain.project import Stage, YearListing
from jimo_desktop.store import settings
from jimo_desktop.store.project_library import listings, projects
from jimo_desktop.views.common.unsaved import FormDialog
from jimo_desktop.views.projects.year_listings import batch_choices

KINDS = (("adjust", "调整批次"), ("add", "增补列入"), ("withdraw", "退出清单"))


class ListingChangeDialog(FormDialog):
    """Changes one saved listing; `changed` holds the listing as it is afterwards. Enter in
    a field never saves it (FormDialog); 保存 or Ctrl+S does, and closing with a reason typed
    asks first."""

    def __init__(self, db: Database, project_id: int, listing: YearListing, parent: QWidget):
        super().__init__(parent)
        self._db, self._project_id, self._listing = db, project_id, listing
        self.changed: YearListing | None = None
        self.setWindowTitle(f"{listing.year}年清单：调整、增补、退出")
        self.kind = QComboBox(objectName="kindCombo")
        for value, label in KINDS:
            self.kind.addItem(label, value)
        self.batch = QComboBox(objectName="batchCombo")
        for label, value in batch_choices():
            self.batch.addItem(label, value)
        self.batch.setCurrentIndex(max(self.batch.findData(_value(listing.batch)), 0))
        self.day = QLineEdit(settings.today(db).isoformat(), objectName="dayEdit")
        self.day.setPlaceholderText("如 2020-04-20")
        self.reason = QPlainTextEdit(objectName="reasonEdit")
        self.reason.setPlaceholderText("原因，如：受土地指标影响，年内难以开工")
        self.reason.setTabChangesFocus(True)
        self.error = QLabel(objectName="errorLabel")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("变更(&K)：", self.kind)
        form.addRow("四个一批(&B)：", self.batch)
        form.addRow("日期(&T)：", self.day)
        form.addRow("原因(&R)：", self.reason)
        buttons = self.save_buttons()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("变更立即保存，并记入操作历史；此前各月的统计不受影响。"))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def has_unsaved_edits(self) -> bool:
        return bool(self.reason.toPlainText().strip())

    def unsaved_edits_text(self) -> str:
        return f"{self._listing.year}年清单的{self.kind.currentText()}"

    def save_edits(self) -> bool:
        self.save()
        return self.changed is not None

    def _kind_changed(self) -> None:
        self.batch.setEnabled(self.kind.currentData() == "adjust")

    def save(self) -> None:
        try:
            day = parse_partial_date(self.day.text())
        except DateError as error:
            return self._refuse(str(error))
        reason = self.reason.toPlainText().strip()
        if not day or len(day) < len("2020-01-01"):
            return self._refuse("请填写变更日期（年月日）")
        if not day.startswith(str(self._listing.year)):
            return self._refuse(f"变更日期应在{self._listing.year}年内")
        if not reason:
            return self._refuse("请填写变更原因")
        kind = self.kind.currentData()
        try:
            if kind == "adjust":
                batch = Stage(self.batch.currentData()) if self.batch.currentData() else None
                if batch == self._listing.batch:
                    return self._refuse("所选批次与现在相同")
                listings.adjust_batch(
                    self._db, self._project_id, self._listing.year, batch, day, reason
                )
            elif kind == "add":
                listings.mark_added(self._db, self._project_id, self._listing.year, day, reason)
            else:
                listings.withdraw(self._db, self._project_id, self._listing.year, day, reason)
        except listings.ListingError as error:
            return self._refuse(str(error))
        saved = projects.get(self._db, self._project_id).listing_for(self._listing.year)
        self.changed = saved
        self.accept()

    def _refuse(self, message: str) -> None:
        self.error.setText(message)


def _value(batch: Stage | None) -> str:
    return batch.value if batch else ""
