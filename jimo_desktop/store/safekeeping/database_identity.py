"""Which database a field package comes from and which office database it belongs to.

Every database has an identity, a uuid kept in its settings, made when it is first needed
(its first package). A database made from a package remembers, besides its own, the identity
of the office database it came from: its home. An office database is its own home. A package
carries its maker's identity and home; it belongs to a database with the same home, so a
package merged into a database it did not come from is recognised before it adds duplicates.
"""

import uuid as uuid_module

from sqlite_utils import Database

from jimo_desktop.store import settings
from jimo_desktop.store.packages.package_tables import is_field_database

OWN = "database_id"
HOME = "home_database_id"


def own(db: Database) -> str:
    """This database's identity, made and kept the first time it is asked for."""
    found = settings.get(db, OWN)
    if found is None:
        found = str(uuid_module.uuid4())
        settings.put(db, OWN, found)
    return found


def home(db: Database) -> str | None:
    """The office database this one belongs to; None for one that never had an identity."""
    return settings.get(db, HOME) or settings.get(db, OWN)


def carried(db: Database) -> dict[str, str | None]:
    """What a package made from this database says about where it comes from. A laptop's
    database made by an older version knows no home: its packages say none."""
    mine = own(db)
    return {OWN: mine, HOME: settings.get(db, HOME) or (None if is_field_database(db) else mine)}


def settle_from(db: Database, manifest: dict) -> None:
    """A database made from a package: an identity of its own, and the package's home."""
    with db.atomic():
        settings.put(db, OWN, str(uuid_module.uuid4()))
        settings.put(db, HOME, manifest.get(HOME))
