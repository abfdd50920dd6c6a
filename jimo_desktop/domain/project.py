"""A project as the bureau keeps it, with the vocabularies of its fields."""

from dataclasses import dataclass, field
from enum import StrEnum


class Stage(StrEnum):
    """四个一批 plus 投产; the order is the life of a project."""

    PLANNING = "planning"
    RESERVE = "reserve"
    STARTED = "started"
    COMPLETED = "completed"
    PRODUCING = "producing"

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]


STAGE_LABELS = {
    Stage.PLANNING: "谋划",
    Stage.RESERVE: "储备",
    Stage.STARTED: "开工",
    Stage.COMPLETED: "竣工",
    Stage.PRODUCING: "投产",
}


class Nature(StrEnum):
    NEW = "new"
    CONTINUED = "continued"
    EXPANSION = "expansion"

    @property
    def label(self) -> str:
        return NATURE_LABELS[self]


NATURE_LABELS = {Nature.NEW: "新建", Nature.CONTINUED: "续建", Nature.EXPANSION: "扩建"}


class Level(StrEnum):
    """The level of a yearly key-project listing."""

    PROVINCE = "province"
    QINGDAO = "qingdao"
    DISTRICT = "district"

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]


LEVEL_LABELS = {Level.PROVINCE: "省重点", Level.QINGDAO: "青岛市重点", Level.DISTRICT: "区重点"}


@dataclass
class YearListing:
    """The project's place on one year's key-project list."""

    year: int
    level: Level | None = None
    annual_plan: int | None = None  # cents of 万元
    batch: Stage | None = None  # 四个一批: the year's target (竣工/开工/储备/谋划); None: 续建
    added_on: str | None = None  # 增补 during the year; None: on the list from its start
    withdrawn_on: str | None = None  # 退出 during the year


@dataclass
class Project:
    name: str
    id: int | None = None
    uuid: str | None = None
    code: str = ""
    unit_id: int | None = None
    builder: str = ""
    builder_contact: str = ""
    builder_phone: str = ""
    scale: str = ""
    nature: Nature | None = None
    industry_id: int | None = None
    stage: Stage = Stage.PLANNING
    is_government: bool = False
    total_investment: int | None = None  # cents of 万元
    planned_start: str | None = None
    planned_end: str | None = None
    actual_start: str | None = None
    actual_end: str | None = None
    location: str = ""
    responsible_unit: str = ""
    responsible_person: str = ""
    responsible_phone: str = ""
    leader: str = ""
    in_statistics: bool = False
    statistics_date: str | None = None
    land_status: str = ""
    planning_status: str = ""
    demolition_status: str = ""
    remarks: str = ""
    years: list[YearListing] = field(default_factory=list)

    def listing_for(self, year: int) -> YearListing | None:
        return next((listing for listing in self.years if listing.year == year), None)
