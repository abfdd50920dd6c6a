"""What the project editor asks before saving a valid project: a name its 区位 already has,
and a new project that no 年度清单 lists (it would vanish from the year's 项目库, 月推进 and
通报 without a word). Questions, never refusals: the officer may save either way."""

import dataclasses

from PySide6.QtWidgets import QWidget
from sqlite_utils import Database

from jimo_desktop.domain.project import Project, YearListing
from jimo_desktop.domain.project_names import normalise_name
from jimo_desktop.store import settings
from jimo_desktop.store.project_library import project_lookup
from jimo_desktop.views.common.confirm import choose, may_save


def answered(
    parent: QWidget, db: Database, kept: Project, project: Project, unit: str
) -> Project | None:
    """The project to save once asked (`kept` as it was loaded, `unit` its 区位's name);
    None when the officer goes back to the form."""
    if not _name_confirmed(parent, db, kept, project, unit):
        return None
    if project.id is not None or project.years:
        return project
    year = settings.current_year(db)
    listed = f"列入{year}年"
    answer = choose(
        parent,
        "年度清单",
        f"“{project.name.strip()}”尚未列入年度清单，不会出现在{year}年的项目库、月推进和通报中。"
        f"\n列入{year}年重点项目清单？级别和年度计划可随后在“年度清单”中填写。",
        (listed, "不列入", "取消"),
    )
    if answer == listed:
        return dataclasses.replace(project, years=[YearListing(year)])
    return project if answer else None


def _name_confirmed(
    parent: QWidget, db: Database, kept: Project, project: Project, unit: str
) -> bool:
    """Another live project of the 区位 with the same name is named and asked about; a name
    and 区位 the project already had are not asked about again."""
    unchanged = kept.id is not None and (kept.unit_id, normalise_name(kept.name)) == (
        project.unit_id,
        normalise_name(project.name),
    )
    if unchanged or project.unit_id is None:
        return True
    other = project_lookup.same_name_in_unit(db, project.name, project.unit_id, project.id)
    if other is None:
        return True
    code = f"（项目代码 {other.code}）" if other.code.strip() else ""
    question = f"{unit}已有项目“{other.name}”{code}，与“{project.name.strip()}”同名，确认保存？"
    return may_save(parent, "项目重名", question)
