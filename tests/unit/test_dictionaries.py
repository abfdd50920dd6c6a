import pytest

from jimo_desktop.domain.project import Project
from jimo_desktop.store import dictionaries
from jimo_desktop.store.dictionaries import DictionaryError
from jimo_desktop.store.project_library import projects


def unit_id(db, name: str) -> int:
    return next(entry.id for entry in dictionaries.entries(db, "units") if entry.name == name)


def test_added_unit_comes_last_with_its_aliases(db):
    new_id = dictionaries.add(db, "units", " 即墨新区 ", ("新区", "即墨新城"))

    last = dictionaries.entries(db, "units")[-1]
    assert last.id == new_id
    assert last.name == "即墨新区"
    assert last.aliases == ("新区", "即墨新城")
    assert last.sort_order == 23
    assert dictionaries.names_by_id(db, "units")[new_id] == "即墨新区"


def test_added_industry_is_listed(db):
    new_id = dictionaries.add(db, "industries", "数字经济")
    assert dictionaries.names_by_id(db, "industries")[new_id] == "数字经济"
    assert len(dictionaries.entries(db, "industries")) == 13


def test_update_renames_and_replaces_aliases(db):
    blue_valley = unit_id(db, "青岛蓝谷")
    dictionaries.update(db, "units", blue_valley, "青岛蓝谷管理局", ("蓝谷",))

    entry = next(e for e in dictionaries.entries(db, "units") if e.id == blue_valley)
    assert entry.name == "青岛蓝谷管理局"
    assert entry.aliases == ("蓝谷",)
    assert "青岛蓝谷" not in dictionaries.names_by_id(db, "units").values()


def test_update_keeping_its_own_name_is_allowed(db):
    blue_valley = unit_id(db, "青岛蓝谷")
    dictionaries.update(db, "units", blue_valley, "青岛蓝谷", ())
    assert dictionaries.names_by_id(db, "units")[blue_valley] == "青岛蓝谷"


def test_remove_deletes_an_unused_entry(db):
    new_id = dictionaries.add(db, "units", "临时单位")
    dictionaries.remove(db, "units", new_id)
    assert new_id not in dictionaries.names_by_id(db, "units")
    assert len(dictionaries.entries(db, "units")) == 23


@pytest.mark.parametrize("name", ["通济街道", " 通济街道 "])
def test_adding_a_duplicate_name_is_refused(db, name):
    with pytest.raises(DictionaryError, match="已存在"):
        dictionaries.add(db, "units", name)
    assert len(dictionaries.entries(db, "units")) == 23


def test_renaming_to_another_entrys_name_is_refused(db):
    with pytest.raises(DictionaryError, match="已存在"):
        dictionaries.update(db, "industries", 1, "其他", ())
    assert dictionaries.names_by_id(db, "industries")[1] == "现代海洋"


@pytest.mark.parametrize("name", ["", "   "])
def test_blank_name_is_refused(db, name):
    with pytest.raises(DictionaryError, match="不能为空"):
        dictionaries.add(db, "units", name)


def test_removing_a_unit_used_by_a_project_is_refused(db):
    used = unit_id(db, "蓝村镇")
    projects.save(db, Project(name="蓝村物流园", unit_id=used, industry_id=1))

    with pytest.raises(DictionaryError, match="1 个项目"):
        dictionaries.remove(db, "units", used)
    assert used in dictionaries.names_by_id(db, "units")


def test_removing_a_unit_used_only_by_a_deleted_project_is_still_refused(db):
    used = unit_id(db, "蓝村镇")
    saved = projects.save(db, Project(name="蓝村物流园", unit_id=used, industry_id=1))
    projects.delete(db, saved.id)

    with pytest.raises(DictionaryError):
        dictionaries.remove(db, "units", used)


def test_removing_an_industry_used_by_a_project_is_refused(db):
    projects.save(db, Project(name="蓝村物流园", unit_id=1, industry_id=5))
    with pytest.raises(DictionaryError):
        dictionaries.remove(db, "industries", 5)
    dictionaries.remove(db, "industries", 6)
    assert set(dictionaries.names_by_id(db, "industries")) == set(range(1, 13)) - {6}


def test_unknown_table_is_refused(db):
    with pytest.raises(ValueError, match="not a dictionary table"):
        dictionaries.entries(db, "projects")
