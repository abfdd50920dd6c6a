"""设置 says how imported 签约 and 前期 projects count: 谋划 or 储备 (储备 until chosen)."""

from PySide6.QtCore import Qt

from jimo_desktop.domain.project import Stage
from jimo_desktop.store import settings
from jimo_desktop.views.settings.settings_view import SettingsView


def test_choosing_planning_for_signed_projects_is_saved_at_once(qtbot, db, tmp_path):
    view = SettingsView(db, tmp_path / "jimo.sqlite3")
    qtbot.addWidget(view)
    assert view.signed_stage.currentText() == "储备"
    view.signed_stage.setFocus()
    qtbot.keyClick(view.signed_stage, Qt.Key.Key_Up)
    assert view.signed_stage.currentText() == "谋划"
    assert settings.early_stages(db).signed is Stage.PLANNING
    assert settings.early_stages(db).preparing is Stage.RESERVE
    reopened = SettingsView(db, tmp_path / "jimo.sqlite3")
    qtbot.addWidget(reopened)
    assert reopened.signed_stage.currentText() == "谋划"
