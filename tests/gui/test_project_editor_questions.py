"""What the project editor asks before saving a valid project, answered by clicking: a new
project without a 年度清单 row, and a name another project of the same 区位 already has."""

import pytest

from jimo_desktop.domain.project import Level, Project, YearListing
from jimo_desktop.store import dictionaries, settings
from jimo_desktop.store.project_library import projects
from tests.gui.answer import answer_next_box
from tests.gui.keyboard import type_text
from tests.gui.test_project_editor import open_editor, press_ctrl_s

LISTED = [YearListing(2020, Level.DISTRICT)]


@pytest.fixture
def units(db):
    settings.put(db, settings.BUSINESS_DATE, "2020-06-30")
    return dictionaries.entries(db, "units")


@pytest.fixture
def kept(db, units) -> Project:
    """A 5G park of the first 区位."""
    industry = dictionaries.entries(db, "industries")[0].id
    project = Project(name="5G智能制造产业园", unit_id=units[0].id, industry_id=industry)
    project.years = list(LISTED)
    return projects.save(db, project)


def fill_in(qtbot, editor, name: str, unit_number: int = 0) -> None:
    type_text(qtbot, editor.ui.nameEdit, name)
    editor.ui.unitCombo.setCurrentIndex(unit_number)
    editor.ui.industryCombo.setCurrentIndex(0)
    editor.ui.nameEdit.setFocus()


def save_again(qtbot, editor) -> None:
    """Ctrl+S once the editor is the active window again, as the window manager makes it
    when the last question box closes (the offscreen platform leaves that to the test)."""
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    press_ctrl_s(qtbot, editor)


def names(db) -> list[str]:
    return [row[0] for row in db.execute("SELECT name FROM projects ORDER BY id")]


def test_a_new_project_without_a_listing_is_asked_to_join_this_years(qtbot, db, units):
    editor = open_editor(qtbot, db, Project(name=""))
    fill_in(qtbot, editor, "即墨区人民医院新院区项目")

    asked = answer_next_box(qtbot, "列入2020年")
    with qtbot.waitSignal(editor.saved) as saved:
        press_ctrl_s(qtbot, editor)

    assert asked == [
        "“即墨区人民医院新院区项目”尚未列入年度清单，不会出现在2020年的项目库、月推进和通报中。"
        "\n列入2020年重点项目清单？级别和年度计划可随后在“年度清单”中填写。"
    ]
    assert projects.get(db, saved.args[0]).years == [YearListing(2020)]
    assert editor.ui.yearsView.model().index(0, 0).data() == "2020"
    assert not editor.is_dirty()


def test_a_new_project_may_still_be_saved_unlisted_or_not_at_all(qtbot, db, units):
    editor = open_editor(qtbot, db, Project(name=""))
    fill_in(qtbot, editor, "即墨区人民医院新院区项目")

    answer_next_box(qtbot, "取消")
    press_ctrl_s(qtbot, editor)
    assert names(db) == []
    assert editor.isVisible() and editor.is_dirty()

    answer_next_box(qtbot, "不列入")
    with qtbot.waitSignal(editor.saved) as saved:
        save_again(qtbot, editor)
    assert names(db) == ["即墨区人民医院新院区项目"]
    assert projects.get(db, saved.args[0]).years == []


def test_a_name_the_unit_already_has_is_asked_naming_the_other_project(qtbot, db, kept, units):
    editor = open_editor(qtbot, db, Project(name="", years=list(LISTED)))
    fill_in(qtbot, editor, "５Ｇ智能制造产业园　")  # full-width letters and space

    asked = answer_next_box(qtbot, "取消")
    press_ctrl_s(qtbot, editor)
    assert asked == [
        f"{units[0].name}已有项目“5G智能制造产业园”，与“５Ｇ智能制造产业园”同名，确认保存？"
    ]
    assert names(db) == ["5G智能制造产业园"]

    answer_next_box(qtbot, "确认")
    save_again(qtbot, editor)
    assert names(db) == ["5G智能制造产业园", "５Ｇ智能制造产业园"]  # trimmed


def test_the_same_name_in_another_unit_or_a_deleted_project_is_not_asked(qtbot, db, kept, units):
    editor = open_editor(qtbot, db, Project(name="", years=list(LISTED)))
    fill_in(qtbot, editor, "5G智能制造产业园", unit_number=1)
    press_ctrl_s(qtbot, editor)  # a question here would fail the test
    projects.delete(db, kept.id)
    again = open_editor(qtbot, db, Project(name="", years=list(LISTED)))
    fill_in(qtbot, again, "5G智能制造产业园")
    press_ctrl_s(qtbot, again)
    assert names(db) == ["5G智能制造产业园"] * 3


def test_renaming_a_project_to_a_name_its_unit_has_is_asked_and_keeping_it_is_not(
    qtbot, db, kept, units
):
    other = projects.save(
        db, Project("海洋产业园", unit_id=units[0].id, industry_id=kept.industry_id)
    )
    editor = open_editor(qtbot, db, projects.get(db, other.id))
    editor.ui.nameEdit.selectAll()
    type_text(qtbot, editor.ui.nameEdit, "5G 智能制造产业园")

    asked = answer_next_box(qtbot, "确认")
    press_ctrl_s(qtbot, editor)
    assert asked == [
        f"{units[0].name}已有项目“5G智能制造产业园”，与“5G 智能制造产业园”同名，确认保存？"
    ]
    type_text(qtbot, editor.ui.remarksEdit, "二期")
    save_again(qtbot, editor)  # the name it now has is not asked about again
    assert projects.get(db, other.id).remarks == "二期"
