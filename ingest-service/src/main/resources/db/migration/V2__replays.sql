-- Replays: each rebuilds every result from the raw topics (see dev.recon.ingest.replay.Replays).

create table replays (
    id             bigserial primary key,
    status         text        not null,
    error          text,
    -- the uploads the replay reprocesses: those published up to this id when the read model was cleared
    last_upload_id bigint,
    uploads_total  integer     not null default 0,
    rows_total     bigint      not null default 0,
    requested_at   timestamptz not null default now(),
    finished_at    timestamptz
);
create unique index replays_one_active on replays ((true)) where status in ('PAUSING', 'RESETTING', 'REPROCESSING');
