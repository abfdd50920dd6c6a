-- PostgreSQL only, run after db/0001_init.sql in the same transaction: the SQLite functions
-- the store's SQL calls, under their SQLite names, and the as-of rules of domain/as_of.py that
-- the project list asks of SQL (on SQLite they are Python functions registered per query).

CREATE FUNCTION instr(haystack text, needle text) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN strpos(haystack, needle);

-- total(): SUM that is 0.0 over no rows, as a float (SQLite's own).
CREATE FUNCTION jimo_total_step(state double precision, value double precision)
    RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN state + COALESCE(value, 0);
CREATE AGGREGATE total(double precision) (
    SFUNC = jimo_total_step, STYPE = double precision, INITCOND = '0'
);

-- group_concat(value, separator), NULLs left out.
CREATE FUNCTION jimo_concat_step(state text, value text, separator text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN value IS NULL THEN state WHEN state IS NULL THEN value
                ELSE state || separator || value END;
CREATE AGGREGATE group_concat(text, text) (
    SFUNC = jimo_concat_step, STYPE = text
);

-- A JSON array as text, '[]' over no rows (SQLite's json_group_array).
CREATE FUNCTION jimo_json_array(items anycompatiblearray) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT COALESCE(array_to_json(items)::text, '[]') $$;
CREATE AGGREGATE json_group_array(anycompatible) (
    SFUNC = array_append, STYPE = anycompatiblearray, FINALFUNC = jimo_json_array
);

-- domain/as_of.happened_by: a dated fact ("2020-06" or "2020-06-15") had happened by the day
-- judged; a month counts from its first day, which is how ISO text compares.
CREATE FUNCTION jimo_happened(iso text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN COALESCE(iso, '') <> '' AND iso COLLATE "C" <= current_setting('jimo.as_of') COLLATE "C";

-- domain/as_of.stage_on with its default (储备 before a start still to come).
CREATE FUNCTION stage_now(stored text, actual_start text, actual_end text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN CASE
        WHEN jimo_happened(actual_end) THEN
            CASE WHEN stored = 'producing' THEN 'producing' ELSE 'completed' END
        WHEN jimo_happened(actual_start) THEN 'started'
        WHEN stored IN ('planning', 'reserve')
             OR (COALESCE(actual_start, '') = '' AND COALESCE(actual_end, '') = '') THEN stored
        ELSE 'reserve'
    END;

-- domain/as_of.listed_on
CREATE FUNCTION listed_now(added_on text, withdrawn_on text) RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN CASE WHEN (added_on IS NULL OR jimo_happened(added_on))
                     AND NOT jimo_happened(withdrawn_on) THEN 1 ELSE 0 END;

-- domain/as_of.in_statistics_on
CREATE FUNCTION counted_now(flag bigint, statistics_date text) RETURNS bigint
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN CASE WHEN flag <> 0 AND (statistics_date IS NULL OR jimo_happened(statistics_date))
                THEN 1 ELSE 0 END;
