"""What it takes to make each kind of briefing: gather its figures, draft or reload its text,
write its PDF. The 简报导出 view and the `briefing` command share this; it imports no Qt, so
the command line stays free of it.

A kind is one entry of KINDS: 月度通报, 项目简报 and the inspections' 督查报告.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from sqlite_utils import Database

from jimo_desktop.domain.briefing import Draft, Kind
from jimo_desktop.store.papers import briefings


class BriefingUnavailable(LookupError):
    """A briefing that cannot be made (a kind not provided yet, a project that does not exist)."""


@dataclass(frozen=True)
class KindRecipe:
    # (db, period, project id, photos at most or None for all) → facts
    gather: Callable[[Database, str, int | None, int | None], Any]
    draft: Callable[[Any], Draft]
    write: Callable[..., int]  # (facts, draft, target, progress, cancelled) → pages
    needs_project: bool = False


def _monthly() -> KindRecipe:
    from jimo_desktop.reports.bulletin import draft_monthly
    from jimo_desktop.reports.bulletin_pdf import write_monthly_pdf

    return KindRecipe(_monthly_facts, draft_monthly, write_monthly_pdf)


def _monthly_facts(db: Database, period: str, _project_id: int | None, _photos: int | None):
    from jimo_desktop.store.papers.briefing_facts import monthly_facts

    facts = monthly_facts(db, period)
    if facts.district.listed == 0:
        raise BriefingUnavailable(f"{facts.year}年没有列入重点项目，无法生成月度通报")
    return facts


def _project() -> KindRecipe:
    from jimo_desktop.reports.project_brief import draft_project, write_project_pdf

    return KindRecipe(_project_facts, draft_project, write_project_pdf, needs_project=True)


def _project_facts(db: Database, period: str, project_id: int | None, photos: int | None):
    from jimo_desktop.store.papers.project_brief_facts import project_facts
    from jimo_desktop.store.project_library.projects import NotFoundError

    try:
        return project_facts(db, project_id, period, photos)
    except NotFoundError as error:
        raise BriefingUnavailable(str(error)) from error


# Recipes are built on first use: ReportLab and matplotlib load only when a briefing is made.
def _inspection() -> KindRecipe:
    from jimo_desktop.reports.inspection_report import draft_inspection, write_inspection_pdf

    return KindRecipe(_inspection_facts, draft_inspection, write_inspection_pdf)


def _inspection_facts(db: Database, period: str, _project_id: int | None, photos: int | None):
    from jimo_desktop.store.site_visits.inspection_facts import month_facts

    return month_facts(db, period, photos)


KINDS: dict[Kind, Callable[[], KindRecipe]] = {
    Kind.MONTHLY: _monthly,
    Kind.PROJECT: _project,
    Kind.INSPECTION: _inspection,
}


@dataclass(frozen=True)
class BriefingJob:
    recipe: KindRecipe
    facts: Any
    draft: Draft
    saved_id: int | None  # the officer's kept draft, if the text came from one

    def fresh_draft(self) -> Draft:
        """The text drafted anew from the figures, setting the officer's edits aside."""
        return self.recipe.draft(self.facts)

    def write(self, target: Path | BinaryIO, progress=None, cancelled=None) -> int:
        return self.recipe.write(self.facts, self.draft, target, progress, cancelled)


def prepare(
    db: Database,
    kind: Kind,
    period: str,
    project_id: int | None = None,
    photos: int | None = None,
) -> BriefingJob:
    """The figures of the briefing, with the officer's kept draft or a new one; `photos`
    caps the site photos printed (per inspection, or of the project), None prints all."""
    recipe_factory = KINDS.get(kind)
    if recipe_factory is None:
        raise BriefingUnavailable(f"{kind.label}尚未提供")
    recipe = recipe_factory()
    if recipe.needs_project and project_id is None:
        raise BriefingUnavailable(f"{kind.label}需要选择项目")
    facts = recipe.gather(db, period, project_id, photos)
    kept = briefings.saved(db, kind, period, project_id if recipe.needs_project else None)
    if kept is not None:
        return BriefingJob(recipe, facts, kept.draft, kept.id)
    return BriefingJob(recipe, facts, recipe.draft(facts), None)
