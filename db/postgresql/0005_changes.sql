-- PostgreSQL only, run after db/0005_dated_facts.sql: every change of officers' data writes
-- audit lines (store/records.py), so each committed transaction that wrote some announces
-- the tables it changed on the channel jimo_changes; the other officers' windows listen and
-- refresh their lists (store/office_news.py). PostgreSQL sends a notification only at
-- commit, and one per table and transaction however many rows changed.

CREATE FUNCTION jimo_announce() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('jimo_changes', NEW.table_name);
    RETURN NULL;
END $$;

CREATE TRIGGER audit_log_announce AFTER INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION jimo_announce();
