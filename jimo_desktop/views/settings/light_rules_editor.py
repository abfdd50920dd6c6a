"""设置 → 红黄绿灯规则: the thresholds of the traffic lights, with the defaults one click away."""

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)
from sqlite_utils import Database

from jimo_desktop.domain.lights import LightRules
from jimo_desktop.store.project_library import lights
from jimo_desktop.views.common.read_only import mark_writing


def _points(name: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox(objectName=name, decimals=1, minimum=0.1, maximum=100, singleStep=1)
    box.setSuffix(" 个百分点")
    return box


class LightRulesEditor(QGroupBox):
    changed = Signal()  # rules saved: lights shown elsewhere should be evaluated again

    def __init__(self, db: Database, parent=None):
        super().__init__("红黄绿灯规则", parent)
        self._db = db
        self.yellow = _points("yellowBehind")
        self.red = _points("redBehind")
        self.months = QSpinBox(objectName="statisticsMonths", minimum=1, maximum=24)
        self.months.setSuffix(" 个月")
        self.problem = QCheckBox("有逾期未解决的问题时亮红灯(&P)", objectName="problemRed")
        self.message = QLabel(objectName="lightRulesMessage")
        self.message.setWordWrap(True)
        save = QPushButton("保存规则", clicked=self.save)
        defaults = QPushButton("恢复默认", clicked=self.use_defaults)
        mark_writing(save, defaults)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(defaults)
        buttons.addWidget(save)
        form = QFormLayout()
        form.addRow("落后时序进度达到此值亮黄灯(&Y)：", self.yellow)
        form.addRow("落后时序进度超过此值亮红灯(&R)：", self.red)
        form.addRow("开工后超过此时长仍未纳统亮红灯(&T)：", self.months)
        form.addRow("", self.problem)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.show_rules(lights.rules(db))

    def show_rules(self, rules: LightRules) -> None:
        self.yellow.setValue(float(rules.yellow_behind))
        self.red.setValue(float(rules.red_behind))
        self.months.setValue(rules.statistics_months)
        self.problem.setChecked(rules.red_when_problem_overdue)

    def rules(self) -> LightRules:
        return LightRules(
            yellow_behind=_decimal(self.yellow),
            red_behind=_decimal(self.red),
            statistics_months=self.months.value(),
            red_when_problem_overdue=self.problem.isChecked(),
        )

    def save(self) -> bool:
        try:
            lights.save_rules(self._db, self.rules())
        except lights.LightRulesError as error:
            self._say(str(error), error=True)
            return False
        self._say("已保存，项目的红黄绿灯按新规则显示。")
        self.changed.emit()
        return True

    def has_unsaved_edits(self) -> bool:
        return self.rules() != lights.rules(self._db)

    def unsaved_edits_text(self) -> str:
        return "设置：红黄绿灯规则"

    def save_edits(self) -> bool:
        return self.save()

    def discard_edits(self) -> None:
        self.show_rules(lights.rules(self._db))

    def use_defaults(self) -> None:
        self.show_rules(LightRules())
        self._say("已填入默认规则（黄灯10、红灯30个百分点，开工2个月内纳统），保存后生效。")

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setProperty("role", "error" if error else "")
        self.message.style().polish(self.message)
        self.message.setText(text)


def _decimal(box: QDoubleSpinBox) -> Decimal:
    """The box's value as shown (one decimal), not the binary float behind it."""
    return Decimal(box.textFromValue(box.value()))
