-- The event log's retention deletes the oldest events in batches (dev.recon.ingest.eventlog
-- .EventLogRetention): by this index it finds them without reading the whole log.
create index pipeline_events_timestamp on pipeline_events (timestamp);
