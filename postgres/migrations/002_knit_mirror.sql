-- The mirror's tables (knitpostgres.Mirror), version 2 of this package's
-- schema. Run it with knitpostgres.Migrate, or with your own migration tool
-- after 001_knit_webhook.sql: every statement is idempotent.
--
-- Every record table has the same columns first:
--   integration_id, record_id  the key: the X-Knit-Integration-Id header of
--                              the delivery and the event's recordId;
--   data                       eventData exactly as Knit sent it in the last
--                              record.new or record.modified (one key per
--                              subscribed model; U+0000, which jsonb refuses,
--                              as U+FFFD); NULL when only a record.deleted
--                              was ever seen;
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
-- then typed columns, which the mirror fills from the record as the Go
-- SDK decodes it (hris.DecodeEmployee, ats.DecodeJob, ...; each comment
-- gives the JSON path of Knit's documented key, and the SDK also reads the
-- older names Knit's pages show): text as decoded, amounts as numeric
-- (the exact text Knit sent), dates as timestamptz (epoch milliseconds, or
-- ISO 8601; without an offset read as UTC). Empty text, an absent amount
-- and a date that does not parse (or falls outside years 1-9999) are
-- NULL. A record the SDK cannot decode (a value of the wrong JSON type)
-- keeps its row and data with every typed column NULL, and the mirror logs
-- a warning. A deletion keeps the typed columns.

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
    first_name        text,        -- profile.firstName
    last_name         text,        -- profile.lastName
    work_email        text,        -- profile.workEmail
    employee_number   text,        -- profile.employeeNumber
    employment_status text,        -- profile.employmentStatus
    employment_type   text,        -- profile.employmentType
    department        text,        -- orgStructure.department
    designation       text,        -- orgStructure.designation
    manager_id        text,        -- orgStructure.manager.id
    start_date        timestamptz, -- profile.startDate
    termination_date  timestamptz, -- profile.terminationDate
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
    title             text,        -- info.title
    status            text,        -- info.status
    department        text,        -- departments[0].name
    created_at        timestamptz, -- info.createdAt
    updated_at        timestamptz, -- info.updatedAt
    closed_at         timestamptz, -- info.closedAt
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
    status            text,        -- info.status
    job_id            text,        -- info.jobId
    candidate_id      text,        -- info.candidate.id
    candidate_email   text,        -- info.candidate.emails[0].email
    current_stage     text,        -- currentStage.text
    applied_at        timestamptz, -- info.appliedAt
    updated_at        timestamptz, -- info.updatedAt
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
    first_name        text,        -- info.firstName
    last_name         text,        -- info.lastName
    email             text,        -- info.emails[0].email
    location          text,        -- info.location
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
    invoice_number    text,        -- info.invoiceNumber
    type              text,        -- info.type
    status            text,        -- info.status
    contact_id        text,        -- info.contactId
    currency          text,        -- info.currency
    total_amount      numeric,     -- info.totalAmount
    remaining_amount  numeric,     -- info.remainingAmount
    issue_date        timestamptz, -- info.issueDate
    due_date          timestamptz, -- info.dueDate
    paid_on_date      timestamptz, -- info.paidOnDate
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
    name              text,        -- info.name
    category          text,        -- info.category
    type              text,        -- info.type
    status            text,        -- info.status
    account_number    text,        -- info.accountNumber
    currency          text,        -- info.currency
    current_balance   numeric,     -- info.currentBalance
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
    name              text,        -- info.name
    contact_type      text,        -- info.contactType
    status            text,        -- info.status
    email             text,        -- emails[0].email
    currency          text,        -- info.currency
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
    name              text,        -- info.name
    status            text,        -- info.status
    currency          text,        -- info.currency
    reference_number  text,        -- info.referenceNumber
    date              timestamptz, -- info.date
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
