-- The gateway's own records: what was uploaded, how far each upload got, and the event log.

create table uploads (
    id              bigserial primary key,
    file_name       text        not null,
    size_bytes      bigint      not null,
    sha256          text        not null,
    kind            text,
    format          text,
    status          text        not null,
    rows_read       bigint      not null default 0,
    rows_published  bigint      not null default 0,
    partitions      integer,
    error           text,
    received_at     timestamptz not null default now(),
    published_at    timestamptz,
    finished_at     timestamptz
);
create index uploads_status on uploads (status) where status in ('RECEIVED', 'PUBLISHED');

-- Where each upload's end marker landed on the raw topic: progress of the transform stage is its
-- committed offset passing that marker.
create table upload_partitions (
    upload_id     bigint  not null references uploads (id),
    partition     integer not null,
    rows          bigint  not null,
    marker_offset bigint  not null,
    primary key (upload_id, partition)
);

create table pipeline_events (
    id              bigserial primary key,
    timestamp       timestamptz not null default now(),
    level           text        not null,
    error_type      text,
    message         text        not null,
    context         text,
    additional_info text
);
create index pipeline_events_level on pipeline_events (level, id);
