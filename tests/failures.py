"""A write that fails halfway, on either engine: a trigger refusing the rows that match."""

from jimo_desktop.store.engine import is_postgresql


def fail_inserts_into(db, table: str, condition: str = "1 = 1", name: str = "") -> None:
    """Every INSERT into `table` whose NEW row matches `condition` is refused as a broken
    constraint (sqlite3.IntegrityError on both engines)."""
    trigger = f"fail_{name or table}"
    if is_postgresql(db):
        db.execute(
            f"CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            " RAISE EXCEPTION 'simulated failure' USING ERRCODE = 'integrity_constraint_violation';"
            " END $$"
        )
        db.execute(
            f"CREATE TRIGGER {trigger} BEFORE INSERT ON {table} FOR EACH ROW"
            f" WHEN ({condition}) EXECUTE FUNCTION {trigger}()"
        )
        return
    db.conn.execute(
        f"CREATE TRIGGER {trigger} BEFORE INSERT ON {table} WHEN {condition}"
        " BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
    )
