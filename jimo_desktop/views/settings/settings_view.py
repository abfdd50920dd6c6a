"""设置: the officer's name, where the data lives, demo marking, and the dictionaries."""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlite_utils import Database

from jimo_desktop.domain.dates import format_date
from jimo_desktop.domain.project import Stage
from jimo_desktop.domain.stage_words import EARLY_CHOICES
from jimo_desktop.domain.submissions import DUE_DAYS
from jimo_desktop.store import settings
from jimo_desktop.store.engine import is_office_address
from jimo_desktop.store.monthly import submissions
from jimo_desktop.views.common.read_only import mark_writing
from jimo_desktop.views.settings.data_location import DataLocationWidget
from jimo_desktop.views.settings.dictionary_editor import DictionaryEditor
from jimo_desktop.views.settings.light_rules_editor import LightRulesEditor
from jimo_desktop.views.settings.office_connection import OfficeConnectionWidget


class SettingsView(QWidget):
    officer_changed = Signal(str)
    light_rules_changed = Signal()
    dictionaries_changed = Signal()

    def __init__(
        self,
        db: Database,
        database_path: Path,
        switch_database: Callable[[Path], bool] | None = None,
        before_move: Callable[[], bool] = lambda: True,
        parent=None,
    ):
        super().__init__(parent)
        self._db = db
        self.officer = QLineEdit(settings.officer(db), objectName="officerName")
        self.officer.returnPressed.connect(self.save_officer)
        save_officer = QPushButton("保存", clicked=self.save_officer)
        mark_writing(save_officer)
        officer_row = QHBoxLayout()
        officer_row.addWidget(self.officer, 1)
        officer_row.addWidget(save_officer)
        today = format_date(settings.today(db))
        demo_text = (
            f"这是演示数据库：内容为虚构的演示数据，业务日期固定为 {today}。"
            if settings.is_demo(db)
            else f"正式数据库：业务日期随系统日期（今天是 {today}）。"
        )
        general = QFormLayout()
        officer_label = QLabel("经办人(&O)：")
        officer_label.setBuddy(self.officer)
        general.addRow(officer_label, officer_row)
        if not is_office_address(database_path):  # the office database stays where it is
            general.addRow(
                DataLocationWidget(db, Path(database_path), switch_database, before_move)
            )
        # Saved as chosen: a number picked from a box is never half typed.
        self.due_day = QSpinBox(objectName="submissionDueDay", minimum=DUE_DAYS[0])
        self.due_day.setMaximum(DUE_DAYS[-1])
        self.due_day.setValue(submissions.due_day(db))
        self.due_day.setPrefix("次月 ")
        self.due_day.setSuffix(" 日")
        self.due_day.valueChanged.connect(lambda day: submissions.set_due_day(db, day))
        due_label = QLabel("调度表报送截止(&D)：")
        due_label.setBuddy(self.due_day)
        general.addRow(due_label, self.due_day)
        general.addRow("数据类别：", QLabel(demo_text, objectName="demoNote"))
        early = settings.early_stages(db)
        self.signed_stage = self._stage_choice("signedStage", settings.SIGNED_STAGE, early.signed)
        self.preparing_stage = self._stage_choice(
            "preparingStage", settings.PREPARING_STAGE, early.preparing
        )
        general.addRow("导入时“签约”项目记为(&Q)：", self.signed_stage)
        general.addRow("导入时“前期”项目记为(&R)：", self.preparing_stage)
        general_box = QGroupBox("基本设置")
        general_box.setLayout(general)

        tabs = QTabWidget(objectName="dictionaryTabs")
        dictionary_tabs = (
            ("units", "区位（镇街、功能区）"),
            ("industries", "所属产业"),
            ("problem_categories", "问题类别"),
        )
        for table, title in dictionary_tabs:
            editor = DictionaryEditor(db, table)
            editor.changed.connect(self.dictionaries_changed)
            tabs.addTab(editor, title)
        dictionary_box = QGroupBox("字典（导入 Excel 时也按名称和别名匹配）")
        box_layout = QVBoxLayout(dictionary_box)
        box_layout.addWidget(tabs)

        self.light_rules = LightRulesEditor(db)
        self.light_rules.changed.connect(self.light_rules_changed)

        office_box = QGroupBox("办公室数据库（多人共用）")
        QVBoxLayout(office_box).addWidget(OfficeConnectionWidget(database_path))

        # The settings outgrow a 1366×768 laptop's page: they scroll, the window keeps its size.
        content = QWidget(objectName="settingsContent")
        layout = QVBoxLayout(content)
        layout.addWidget(general_box)
        layout.addWidget(office_box)
        layout.addWidget(self.light_rules)
        layout.addWidget(dictionary_box, 1)
        scroll = QScrollArea(widgetResizable=True, frameShape=QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _stage_choice(self, name: str, key: str, chosen: Stage) -> QComboBox:
        """谋划 or 储备 for imported 签约 / 前期 projects, saved as soon as chosen."""
        choice = QComboBox(objectName=name)
        for stage in EARLY_CHOICES:
            choice.addItem(stage.label, stage.value)
        choice.setCurrentIndex(EARLY_CHOICES.index(chosen))
        choice.currentIndexChanged.connect(
            lambda: settings.put(self._db, key, choice.currentData())
        )
        return choice

    def save_officer(self) -> None:
        name = self.officer.text().strip()
        if name:
            settings.put(self._db, settings.OFFICER, name)
            self.officer_changed.emit(name)

    def has_unsaved_edits(self) -> bool:
        """A name typed and not saved; an emptied field is not saved either, so not an edit."""
        name = self.officer.text().strip()
        return bool(name) and name != settings.officer(self._db)

    def unsaved_edits_text(self) -> str:
        return f"设置：经办人“{self.officer.text().strip()}”"

    def save_edits(self) -> bool:
        self.save_officer()
        return True

    def discard_edits(self) -> None:
        self.officer.setText(settings.officer(self._db))
