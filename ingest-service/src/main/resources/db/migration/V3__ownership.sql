-- Several gateways share one database. Each resumes only the uploads it received: it alone has
-- their spooled files. A replay is driven by one gateway at a time, which proves it is alive by its
-- heartbeat; another gateway takes over a replay whose driver stopped beating.

alter table uploads add column owner text;

alter table replays add column owner text;
alter table replays add column heartbeat_at timestamptz;
-- Whether the services were told to resume after this replay: until then the replay is unfinished,
-- even FAILED, and no other replay may start (its pause and this resume would cross).
alter table replays add column resumed boolean not null default true;
alter table replays alter column resumed set default false;
update replays set resumed = false where status in ('PAUSING', 'RESETTING');

drop index replays_one_active;
create unique index replays_one_unfinished on replays ((true))
    where status in ('PAUSING', 'RESETTING', 'REPROCESSING') or not resumed;
