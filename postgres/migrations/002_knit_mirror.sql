-- The mirror's tables (knitpostgres.Mirror), version 2 of this package's
-- schema. Run it with knitpostgres.Migrate, or with your own migration tool
-- after 001_knit_webhook.sql: every statement is idempotent.
--
-- Every record table has the same columns first:
--   integration_id, record_id  the key: the X-Knit-Integration-Id header of
--                              the delivery and the event's recordId;
--   data                       eventData exactly as Knit sent it in the last
--                              record.new or record.modified (one key per
--                              subscribed model); NULL when only a
--                              record.deleted was ever seen;
--   deleted_at                 set by record.deleted (its order_at), cleared
--                              by a newer record.new or record.modified;
--                              data keeps the last record sent;
--   order_at, event_id         the ordering key of the event that last wrote
--                              the row: triggeredAt (else the time the
--                              mirror received the event), then eventId
--                              (byte order) on ties. An event whose key is
--                              not greater than the row's changes nothing;
--   event_type, triggered_at, sync_type, sync_job_id, sync_run_id
--                              that event's envelope;
--   mirrored_at                when the database wrote the row.
-- then typed columns, generated from data (NULL when the field is absent or
-- does not parse): text as sent, amounts as numeric, dates as timestamptz
-- (epoch milliseconds, or ISO 8601; without an offset read as UTC).

-- knit_mirror_time reads a JSON date: epoch milliseconds (number or string)
-- or an ISO 8601 string; anything else is NULL. Fixed time zone and date
-- style make it immutable, as generated columns require.
CREATE OR REPLACE FUNCTION knit_mirror_time(v jsonb) RETURNS timestamptz
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE SET "TimeZone" = 'UTC' SET "DateStyle" = 'ISO, YMD' AS $$
DECLARE
    s text := v #>> '{}';
BEGIN
    IF s IS NULL OR s = '' OR jsonb_typeof(v) NOT IN ('string', 'number') THEN
        RETURN NULL;
    END IF;
    IF s ~ '^[0-9]{11,}$' THEN
        RETURN to_timestamp(s::numeric / 1000);
    END IF;
    RETURN s::timestamptz;
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$$;

-- knit_mirror_numeric reads a JSON amount (a number or a numeric string)
-- exactly; anything else is NULL.
CREATE OR REPLACE FUNCTION knit_mirror_numeric(v jsonb) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    IF jsonb_typeof(v) NOT IN ('string', 'number') THEN
        RETURN NULL;
    END IF;
    RETURN (v #>> '{}')::numeric;
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$$;

-- HRIS employees (syncDataType employee).
CREATE TABLE IF NOT EXISTS knit_mirror_employees (
    integration_id text NOT NULL,
    record_id      text NOT NULL,
    data           jsonb,
    deleted_at     timestamptz,
    order_at       timestamptz NOT NULL,
    event_id       text COLLATE "C" NOT NULL,
    event_type     text NOT NULL,
    triggered_at   timestamptz,
    sync_type      text NOT NULL,
    sync_job_id    text NOT NULL,
    sync_run_id    text NOT NULL,
    mirrored_at    timestamptz NOT NULL DEFAULT now(),
    first_name        text GENERATED ALWAYS AS (data #>> '{profile,firstName}') STORED,
    last_name         text GENERATED ALWAYS AS (data #>> '{profile,lastName}') STORED,
    work_email        text GENERATED ALWAYS AS (data #>> '{profile,workEmail}') STORED,
    employee_number   text GENERATED ALWAYS AS (data #>> '{profile,employeeNumber}') STORED,
    employment_status text GENERATED ALWAYS AS (data #>> '{profile,employmentStatus}') STORED,
    employment_type   text GENERATED ALWAYS AS (data #>> '{profile,employmentType}') STORED,
    department        text GENERATED ALWAYS AS (data #>> '{orgStructure,department}') STORED,
    designation       text GENERATED ALWAYS AS (data #>> '{orgStructure,designation}') STORED,
    manager_id        text GENERATED ALWAYS AS (data #>> '{orgStructure,manager,id}') STORED,
    start_date        timestamptz GENERATED ALWAYS AS (knit_mirror_time(data #> '{profile,startDate}')) STORED,
    termination_date  timestamptz GENERATED ALWAYS AS (knit_mirror_time(data #> '{profile,terminationDate}')) STORED,
    PRIMARY KEY (integration_id, record_id)
);

-- ATS jobs (ats_jobs).
CREATE TABLE IF NOT EXISTS knit_mirror_ats_jobs (
    integration_id text NOT NULL,
    record_id      text NOT NULL,
    data           jsonb,
    deleted_at     timestamptz,
    order_at       timestamptz NOT NULL,
    event_id       text COLLATE "C" NOT NULL,
    event_type     text NOT NULL,
    triggered_at   timestamptz,
    sync_type      text NOT NULL,
    sync_job_id    text NOT NULL,
    sync_run_id    text NOT NULL,
    mirrored_at    timestamptz NOT NULL DEFAULT now(),
    title             text GENERATED ALWAYS AS (data #>> '{info,title}') STORED,
    status            text GENERATED ALWAYS AS (data #>> '{info,status}') STORED,
    department        text GENERATED ALWAYS AS (data #>> '{departments,0,name}') STORED,
    created_at        timestamptz GENERATED ALWAYS AS (knit_mirror_time(data #> '{info,createdAt}')) STORED,
    updated_at        timestamptz GENERATED ALWAYS AS (knit_mirror_time(data #> '{info,updatedAt}')) STORED,
    closed_at         timestamptz GENERATED ALWAYS AS (knit_mirror_time(data #> '{info,closedAt}')) STORED,
    PRIMARY KEY (integration_id, record_id)
);

-- ATS applications (ats_applications).
CREATE TABLE IF NOT EXISTS knit_mirror_ats_applications (
    integration_id text NOT NULL,
    record_id      text NOT NULL,
    data           jsonb,
    deleted_at     timestamptz,
    order_at       timestamptz NOT NULL,
    event_id       text COLLATE "C" NOT NULL,
    event_type     text NOT NULL,
    triggered_at   timestamptz,
    sync_type      text NOT NULL,
    sync_job_id    text NOT NULL,
    sync_run_id    text NOT NULL,
    mirrored_at    timestamptz NOT NULL DEFAULT now(),
    status            text GENERATED ALWAYS AS (data #>> '{info,status}') STORED,
    job_id            text GENERATED ALWAYS AS (data #>> '{info,jobId}') STORED,
    candidate_id      text GENERATED ALWAYS AS (data #>> '{info,candidate,id}') STORED,
    candidate_email   text GENERATED ALWAYS AS (data #>> '{info,candidate,emails,0,email}') STORED,
    current_stage     text GENERATED ALWAYS AS (data #>> '{currentStage,name}') STORED,
    applied_at        timestamptz GENERATED ALWAYS AS (knit_mirror_time(data #> '{info,appliedAt}')) STORED,
    updated_at        timestamptz GENERATED ALWAYS AS (knit_mirror_time(data #> '{info,updatedAt}')) STORED,
    PRIMARY KEY (integration_id, record_id)
);

-- ATS candidates (ats_candidates).
CREATE TABLE IF NOT EXISTS knit_mirror_ats_candidates (
    integration_id text NOT NULL,
    record_id      text NOT NULL,
    data           jsonb,
    deleted_at     timestamptz,
    order_at       timestamptz NOT NULL,
    event_id       text COLLATE "C" NOT NULL,
    event_type     text NOT NULL,
    triggered_at   timestamptz,
    sync_type      text NOT NULL,
    sync_job_id    text NOT NULL,
    sync_run_id    text NOT NULL,
    mirrored_at    timestamptz NOT NULL DEFAULT now(),
    first_name        text GENERATED ALWAYS AS (data #>> '{info,firstName}') STORED,
    last_name         text GENERATED ALWAYS AS (data #>> '{info,lastName}') STORED,
    email             text GENERATED ALWAYS AS (data #>> '{info,emails,0,email}') STORED,
    location          text GENERATED ALWAYS AS (data #>> '{info,location}') STORED,
    PRIMARY KEY (integration_id, record_id)
);

-- Accounting invoices and bills (accounting_invoices).
CREATE TABLE IF NOT EXISTS knit_mirror_accounting_invoices (
    integration_id text NOT NULL,
    record_id      text NOT NULL,
    data           jsonb,
    deleted_at     timestamptz,
    order_at       timestamptz NOT NULL,
    event_id       text COLLATE "C" NOT NULL,
    event_type     text NOT NULL,
    triggered_at   timestamptz,
    sync_type      text NOT NULL,
    sync_job_id    text NOT NULL,
    sync_run_id    text NOT NULL,
    mirrored_at    timestamptz NOT NULL DEFAULT now(),
    invoice_number    text GENERATED ALWAYS AS (data #>> '{info,invoiceNumber}') STORED,
    type              text GENERATED ALWAYS AS (data #>> '{info,type}') STORED,
    status            text GENERATED ALWAYS AS (data #>> '{info,status}') STORED,
    contact_id        text GENERATED ALWAYS AS (data #>> '{info,contactId}') STORED,
    currency          text GENERATED ALWAYS AS (data #>> '{info,currency}') STORED,
    total_amount      numeric GENERATED ALWAYS AS (knit_mirror_numeric(data #> '{info,totalAmount}')) STORED,
    remaining_amount  numeric GENERATED ALWAYS AS (knit_mirror_numeric(data #> '{info,remainingAmount}')) STORED,
    issue_date        timestamptz GENERATED ALWAYS AS (knit_mirror_time(data #> '{info,issueDate}')) STORED,
    due_date          timestamptz GENERATED ALWAYS AS (knit_mirror_time(data #> '{info,dueDate}')) STORED,
    paid_on_date      timestamptz GENERATED ALWAYS AS (knit_mirror_time(data #> '{info,paidOnDate}')) STORED,
    PRIMARY KEY (integration_id, record_id)
);

-- Accounting ledger accounts (data type string: see MirrorConfig.DataTypes).
CREATE TABLE IF NOT EXISTS knit_mirror_accounting_accounts (
    integration_id text NOT NULL,
    record_id      text NOT NULL,
    data           jsonb,
    deleted_at     timestamptz,
    order_at       timestamptz NOT NULL,
    event_id       text COLLATE "C" NOT NULL,
    event_type     text NOT NULL,
    triggered_at   timestamptz,
    sync_type      text NOT NULL,
    sync_job_id    text NOT NULL,
    sync_run_id    text NOT NULL,
    mirrored_at    timestamptz NOT NULL DEFAULT now(),
    name              text GENERATED ALWAYS AS (data #>> '{info,name}') STORED,
    category          text GENERATED ALWAYS AS (data #>> '{info,category}') STORED,
    type              text GENERATED ALWAYS AS (data #>> '{info,type}') STORED,
    status            text GENERATED ALWAYS AS (data #>> '{info,status}') STORED,
    account_number    text GENERATED ALWAYS AS (data #>> '{info,accountNumber}') STORED,
    currency          text GENERATED ALWAYS AS (data #>> '{info,currency}') STORED,
    current_balance   numeric GENERATED ALWAYS AS (knit_mirror_numeric(data #> '{info,currentBalance}')) STORED,
    PRIMARY KEY (integration_id, record_id)
);

-- Accounting contacts (data type string: see MirrorConfig.DataTypes).
CREATE TABLE IF NOT EXISTS knit_mirror_accounting_contacts (
    integration_id text NOT NULL,
    record_id      text NOT NULL,
    data           jsonb,
    deleted_at     timestamptz,
    order_at       timestamptz NOT NULL,
    event_id       text COLLATE "C" NOT NULL,
    event_type     text NOT NULL,
    triggered_at   timestamptz,
    sync_type      text NOT NULL,
    sync_job_id    text NOT NULL,
    sync_run_id    text NOT NULL,
    mirrored_at    timestamptz NOT NULL DEFAULT now(),
    name              text GENERATED ALWAYS AS (data #>> '{info,name}') STORED,
    contact_type      text GENERATED ALWAYS AS (data #>> '{info,contactType}') STORED,
    status            text GENERATED ALWAYS AS (data #>> '{info,status}') STORED,
    email             text GENERATED ALWAYS AS (data #>> '{emails,0,email}') STORED,
    currency          text GENERATED ALWAYS AS (data #>> '{info,currency}') STORED,
    PRIMARY KEY (integration_id, record_id)
);

-- Accounting journal entries (data type string: see MirrorConfig.DataTypes).
CREATE TABLE IF NOT EXISTS knit_mirror_accounting_journal_entries (
    integration_id text NOT NULL,
    record_id      text NOT NULL,
    data           jsonb,
    deleted_at     timestamptz,
    order_at       timestamptz NOT NULL,
    event_id       text COLLATE "C" NOT NULL,
    event_type     text NOT NULL,
    triggered_at   timestamptz,
    sync_type      text NOT NULL,
    sync_job_id    text NOT NULL,
    sync_run_id    text NOT NULL,
    mirrored_at    timestamptz NOT NULL DEFAULT now(),
    name              text GENERATED ALWAYS AS (data #>> '{info,name}') STORED,
    status            text GENERATED ALWAYS AS (data #>> '{info,status}') STORED,
    currency          text GENERATED ALWAYS AS (data #>> '{info,currency}') STORED,
    reference_number  text GENERATED ALWAYS AS (data #>> '{info,referenceNumber}') STORED,
    date              timestamptz GENERATED ALWAYS AS (knit_mirror_time(data #> '{info,date}')) STORED,
    PRIMARY KEY (integration_id, record_id)
);

-- Records of every other data type (CRM, and any syncDataType not mapped to
-- a table above), keyed by data type too; no typed columns.
CREATE TABLE IF NOT EXISTS knit_mirror_records (
    integration_id text NOT NULL,
    data_type      text NOT NULL,
    record_id      text NOT NULL,
    data           jsonb,
    deleted_at     timestamptz,
    order_at       timestamptz NOT NULL,
    event_id       text COLLATE "C" NOT NULL,
    event_type     text NOT NULL,
    triggered_at   timestamptz,
    sync_type      text NOT NULL,
    sync_job_id    text NOT NULL,
    sync_run_id    text NOT NULL,
    mirrored_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (integration_id, data_type, record_id)
);

-- One row per sync run, from sync.events.processed (Knit sends it when the
-- run has emitted every record event) and sync.events.allConsumed (every
-- event of the run was answered 200, so every record is in the tables
-- above). An account's initial sync of a data type is complete when its
-- initial_sync run has all_consumed_at.
CREATE TABLE IF NOT EXISTS knit_mirror_sync_runs (
    integration_id  text NOT NULL,
    sync_run_id     text NOT NULL,
    sync_job_id     text NOT NULL,
    data_type       text NOT NULL,
    sync_type       text NOT NULL,
    processed       bigint,
    emitted         bigint,
    consumed        bigint,
    started_at      timestamptz,
    processed_at    timestamptz,
    complete        boolean,
    processed_event_id text,
    all_consumed_at timestamptz,
    all_consumed_event_id text,
    mirrored_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (integration_id, sync_run_id)
);
CREATE INDEX IF NOT EXISTS knit_mirror_sync_runs_data_type ON knit_mirror_sync_runs (integration_id, data_type, sync_type);

-- Accounts deactivated with Mirror.Deactivate: their events are no longer
-- applied; purged says their rows were deleted.
CREATE TABLE IF NOT EXISTS knit_mirror_deactivated (
    integration_id text PRIMARY KEY,
    deactivated_at timestamptz NOT NULL DEFAULT now(),
    purged         boolean NOT NULL
);
