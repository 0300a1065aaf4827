-- Courts and holiday calendars as data (admin.proto: ListCourts, PutCourt, ListHolidayYears,
-- PutHolidayYear), seeded with the sample set a hub had compiled in before (the Urumqi courts,
-- the 2026 schedule), so that a new hub behaves as before. Safe to run again: nothing here
-- replaces a row an operator changed.

-- A court is never deleted: applications, docket entries and keys name it. One that should take
-- no more filings keeps its row with no accepted types.
CREATE TABLE IF NOT EXISTS exchange_courts (
    court_code     text        PRIMARY KEY,
    name           text        NOT NULL,
    -- The proto names of CourtLevel and ApplicationType.
    level          text        NOT NULL CHECK (level IN ('INTERMEDIATE', 'BASIC')),
    division_code  text        NOT NULL DEFAULT '',
    accepted_types text[]      NOT NULL DEFAULT '{}',
    -- 1 when registered, +1 per change (the admin service's optimistic concurrency).
    version        bigint      NOT NULL DEFAULT 1,
    create_time    timestamptz NOT NULL DEFAULT now(),
    update_time    timestamptz NOT NULL DEFAULT now()
);

-- One row per year whose official schedule is known; a year without a row is counted on weekends
-- alone (deadlines marked provisional).
CREATE TABLE IF NOT EXISTS exchange_holiday_years (
    year                 integer     PRIMARY KEY CHECK (year BETWEEN 1900 AND 9998),
    -- [{"name": "Spring Festival", "first": "2026-02-15", "last": "2026-02-23"}, ...]
    holidays             jsonb       NOT NULL DEFAULT '[]',
    make_up_working_days date[]      NOT NULL DEFAULT '{}',
    source               text        NOT NULL DEFAULT '',
    version              bigint      NOT NULL DEFAULT 1,
    update_time          timestamptz NOT NULL DEFAULT now()
);

INSERT INTO exchange_courts (court_code, name, level, division_code, accepted_types) VALUES
    ('新01', '乌鲁木齐市中级人民法院', 'INTERMEDIATE', '6501', '{JUDICIAL_CONFIRMATION}'),
    ('新0102', '天山区人民法院', 'BASIC', '650102', '{JUDICIAL_CONFIRMATION,MEDIATION_DOCUMENT}'),
    ('新0103', '沙依巴克区人民法院', 'BASIC', '650103', '{JUDICIAL_CONFIRMATION,MEDIATION_DOCUMENT}'),
    ('新0104', '新市区人民法院', 'BASIC', '650104', '{JUDICIAL_CONFIRMATION,MEDIATION_DOCUMENT}'),
    ('新0105', '水磨沟区人民法院', 'BASIC', '650105', '{JUDICIAL_CONFIRMATION,MEDIATION_DOCUMENT}'),
    ('新0106', '头屯河区人民法院', 'BASIC', '650106', '{JUDICIAL_CONFIRMATION,MEDIATION_DOCUMENT}'),
    ('新0107', '达坂城区人民法院', 'BASIC', '650107', '{JUDICIAL_CONFIRMATION,MEDIATION_DOCUMENT}'),
    ('新0109', '米东区人民法院', 'BASIC', '650109', '{JUDICIAL_CONFIRMATION,MEDIATION_DOCUMENT}'),
    ('新0121', '乌鲁木齐县人民法院', 'BASIC', '650121', '{JUDICIAL_CONFIRMATION,MEDIATION_DOCUMENT}')
ON CONFLICT (court_code) DO NOTHING;

INSERT INTO exchange_holiday_years (year, holidays, make_up_working_days, source) VALUES (
    2026,
    '[{"name": "New Year", "first": "2026-01-01", "last": "2026-01-03"},
      {"name": "Spring Festival", "first": "2026-02-15", "last": "2026-02-23"},
      {"name": "Qingming", "first": "2026-04-04", "last": "2026-04-06"},
      {"name": "Labour Day", "first": "2026-05-01", "last": "2026-05-05"},
      {"name": "Dragon Boat", "first": "2026-06-19", "last": "2026-06-21"},
      {"name": "Mid-Autumn", "first": "2026-09-25", "last": "2026-09-27"},
      {"name": "National Day", "first": "2026-10-01", "last": "2026-10-07"}]',
    '{2026-01-04,2026-02-14,2026-02-28,2026-05-09,2026-09-20,2026-10-10}',
    'State Council General Office notice of 2025-11-04 on the 2026 public holidays, published by Xinhua (DOMAIN.md §7a)')
ON CONFLICT (year) DO NOTHING;

-- Every silo and gateway LISTENs on this channel and reloads courts and calendar at each commit
-- that changes them, however it was made (the admin service, or psql).
CREATE OR REPLACE FUNCTION exchange_notify_courts_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('exchange_courts_changed', '');
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER exchange_courts_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON exchange_courts
    FOR EACH STATEMENT EXECUTE FUNCTION exchange_notify_courts_changed();

CREATE OR REPLACE TRIGGER exchange_holiday_years_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON exchange_holiday_years
    FOR EACH STATEMENT EXECUTE FUNCTION exchange_notify_courts_changed();
