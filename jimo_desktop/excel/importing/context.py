"""What the rows of an import are decided against: the dictionaries and the projects kept."""

from dataclasses import dataclass

from sqlite_utils import Database

from jimo_desktop.excel.importing.matching import ProjectMatcher
from jimo_desktop.excel.importing.units import industry_matcher, unit_matcher
from jimo_desktop.excel.reading.sheet_reader import Matchers
from jimo_desktop.store import dictionaries, settings
from jimo_desktop.store.project_library import project_lookup

OTHER_INDUSTRY = "其他"


@dataclass
class ImportContext:
    db: Database
    matchers: Matchers
    projects: ProjectMatcher
    project_names: dict[int, str]

    @classmethod
    def of(cls, db: Database) -> "ImportContext":
        keys = project_lookup.project_keys(db)
        return cls(
            db=db,
            matchers=Matchers(
                unit_matcher(dictionaries.entries(db, "units")),
                industry_matcher(dictionaries.entries(db, "industries")),
                settings.early_stages(db),
            ),
            projects=ProjectMatcher(keys),
            project_names={key.id: key.name for key in keys},
        )

    def unit_name(self, unit_id: int | None) -> str:
        return self.matchers.units.names.get(unit_id, "区位未定") if unit_id else "区位未定"

    def other_industry(self) -> int | None:
        """Where a new project without a stated industry goes, if the dictionary still has it."""
        return self.matchers.industries.match(OTHER_INDUSTRY)
