-- The database's own work for a write, with no service: make bench runs this through pgbench beside the service's
-- POST /api/visits (docs/performance.md, "Writes: the batch stored as the seed stores it, and what this machine
-- allows"). One transaction stores the rows of :batch visits (their streams, events and timeline entries; a new entry
-- has no revision, Entries/EntryRevision.cs) in the cheapest form there is, one multi-row INSERT per table, into empty
-- copies of the service's three tables with all their indexes and the events' foreign key (schema bench_floor, made and
-- dropped by scripts/bench.sh). Every copied row is the newest visit of the store (bench_floor.template_*); only the
-- ids change. Empty copies and identical rows only make PostgreSQL's work cheaper than in the service's store, so the
-- rate this gives is an upper bound for the database's share.
\set k :k + 1
\startpipeline
BEGIN;
insert into bench_floor.mt_streams (id, type, version, tenant_id)
  select :run || '-' || :client_id || '-' || :k || '-' || g, t.type, 1, t.tenant_id from bench_floor.template_stream t, generate_series(1, :batch) g;
insert into bench_floor.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, user_name)
  select nextval('bench_floor.seq'), gen_random_uuid(), :run || '-' || :client_id || '-' || :k || '-' || g, 1, t.data, t.type, now(), t.tenant_id,
         t.mt_dotnet_type, t.correlation_id, t.user_name
  from bench_floor.template_event t, generate_series(1, :batch) g;
insert into bench_floor.mt_doc_timelineentry (id, data, mt_version, mt_dotnet_type, mt_last_modified, start_earliest, start_latest, end_latest, sequence, last_recorded_at, countries, official_ids)
  select :run || '-' || :client_id || '-' || :k || '-' || g, t.data, t.mt_version, t.mt_dotnet_type, transaction_timestamp(), t.start_earliest,
         t.start_latest, t.end_latest, t.sequence, t.last_recorded_at, t.countries, t.official_ids
  from bench_floor.template_entry t, generate_series(1, :batch) g;
COMMIT;
\endpipeline
