-- SPEC §8.3: an upload can be retracted. A retraction is a replay whose services skip the retracted
-- uploads' rows (see dev.recon.ingest.replay.Retractions).
-- The uploads a replay retracts: those RETRACTING when it cleared the read model. When it is DONE
-- they are RETRACTED.
alter table replays add column retracts bigint[] not null default '{}';
create index uploads_retracted on uploads (id) where status in ('RETRACTING', 'RETRACTED');
