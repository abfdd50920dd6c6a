"""设置 → 红黄绿灯规则: officers change the thresholds; impossible ones are explained."""

from decimal import Decimal

from jimo_desktop.domain.lights import LightRules
from jimo_desktop.store.project_library import lights
from jimo_desktop.views.settings.light_rules_editor import LightRulesEditor


def open_editor(qtbot, db) -> LightRulesEditor:
    editor = LightRulesEditor(db)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_editor_shows_the_default_rules(qtbot, db):
    editor = open_editor(qtbot, db)
    assert editor.rules() == LightRules()
    assert editor.yellow.text() == "10.0 个百分点"


def test_saved_thresholds_are_stored_exactly_and_announced(qtbot, db):
    editor = open_editor(qtbot, db)
    editor.yellow.setValue(12.5)
    editor.red.setValue(25)
    editor.months.setValue(3)
    editor.problem.setChecked(False)
    with qtbot.waitSignal(editor.changed):
        assert editor.save()
    assert lights.rules(db) == LightRules(Decimal("12.5"), Decimal("25.0"), 3, False)
    assert "已保存" in editor.message.text()
    assert open_editor(qtbot, db).rules() == lights.rules(db)


def test_yellow_above_red_is_refused_with_the_reason(qtbot, db):
    editor = open_editor(qtbot, db)
    editor.yellow.setValue(40)
    with qtbot.assertNotEmitted(editor.changed):
        assert not editor.save()
    assert "黄灯界限" in editor.message.text()
    assert lights.rules(db) == LightRules()


def test_defaults_are_one_click_away(qtbot, db):
    lights.save_rules(db, LightRules(Decimal(5), Decimal(15), 4, False))
    editor = open_editor(qtbot, db)
    editor.use_defaults()
    assert editor.rules() == LightRules()
    assert lights.rules(db) == LightRules(Decimal(5), Decimal(15), 4, False)  # not yet saved
