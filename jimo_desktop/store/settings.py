"""Per-database settings: the officer's name, demo marking and the business date."""

from datetime import date

from sqlite_utils import Database

from jimo_desktop.domain.project import Stage
from jimo_desktop.domain.stage_words import EARLY_CHOICES, EarlyStages

OFFICER = "officer_name"
IS_DEMO = "is_demo"
BUSINESS_DATE = "business_date"
SIGNED_STAGE = "signed_projects_stage"  # 谋划 or 储备: how an imported 签约 project counts
PREPARING_STAGE = "preparing_projects_stage"  # likewise a 前期 one
# Who signs a log line, an audit line or a 记录人 cell before 设置 names the officer: never the
# login of the computer, which prints as "Administrator" or "root" on the bureau's paper.
UNNAMED_OFFICER = "未署名"


def get(db: Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [_stored_key(db, key)]).fetchone()
    return row[0] if row and row[0] is not None else default


def put(db: Database, key: str, value: str | None) -> None:
    with db.atomic():
        db["settings"].upsert({"key": _stored_key(db, key), "value": value}, pk="key")


def officer(db: Database) -> str:
    """Who the audit trail names: the name the officer gave, else on the office database the
    role they signed in as, else 未署名 (never the computer's login)."""
    return get(db, OFFICER) or getattr(db, "signed_in", None) or UNNAMED_OFFICER


def _stored_key(db: Database, key: str) -> str:
    """The office database is shared by many officers: each one's name is kept under the
    role they sign in as."""
    signed_in = getattr(db, "signed_in", None)
    return f"{key}:{signed_in}" if key == OFFICER and signed_in else key


def is_demo(db: Database) -> bool:
    return get(db, IS_DEMO) == "1"


def today(db: Database) -> date:
    """The date the program works on: a demo database carries its own, a real one uses the clock."""
    fixed = get(db, BUSINESS_DATE)
    return date.fromisoformat(fixed) if fixed else date.today()


def current_year(db: Database) -> int:
    return today(db).year


def early_stages(db: Database) -> EarlyStages:
    """How 签约 and 前期 projects count (domain.stage_words; 储备 unless set otherwise)."""
    default = EarlyStages()
    return EarlyStages(
        _stage_choice(get(db, SIGNED_STAGE), default.signed),
        _stage_choice(get(db, PREPARING_STAGE), default.preparing),
    )


def _stage_choice(value: str | None, default: Stage) -> Stage:
    return next((stage for stage in EARLY_CHOICES if stage.value == value), default)
