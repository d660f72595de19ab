-- The timeline page of the bench (CN-RU, 2015 to 2016, 50 items) as the service sends it to PostgreSQL (read from the
-- server log with log_min_duration_statement=0); scripts/bench.sh puts the period's day numbers in :from and :to and
-- runs it through pgbench as the read baseline. Keep it in step with Timeline/GetTimeline.cs.
select d.data from timeline.mt_doc_timelineentry as d where (d.data ->> 'status' != 'Retracted' and d.start_earliest <= :to and d.end_latest >= :from and d.countries @> '{CN}'::text[] and d.countries @> '{RU}'::text[]) order by d.start_earliest, d.start_latest desc, d.sequence LIMIT 51;
