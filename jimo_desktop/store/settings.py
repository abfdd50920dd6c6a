"""Per-database settings: the officer's name, demo marking and the business date."""

import getpass
from datetime import date

from sqlite_utils import Database

OFFICER = "officer_name"
IS_DEMO = "is_demo"
BUSINESS_DATE = "business_date"


def get(db: Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [_stored_key(db, key)]).fetchone()
    return row[0] if row and row[0] is not None else default


def put(db: Database, key: str, value: str | None) -> None:
    with db.atomic():
        db["settings"].upsert({"key": _stored_key(db, key), "value": value}, pk="key")


def officer(db: Database) -> str:
    """Who the audit trail names: the name the officer gave, else on the office database the
    role they signed in as, else the system's user."""
    return get(db, OFFICER) or getattr(db, "signed_in", None) or getpass.getuser()


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
