-- The year's records as first written by hand: grouped by station, by kind and by month in three
-- queries. SQLite answers them through the (station, date) index, looking every record up. The
-- workspace is the whole region, so no station filter is needed.
.output /dev/null
SELECT station_id, COUNT(*), SUM(CASE WHEN is_training = 0 THEN person_times ELSE 0 END),
       SUM(CASE WHEN is_training = 1 THEN person_times ELSE 0 END), SUM(duration_minutes)
FROM service_record WHERE voided = 0 AND service_date BETWEEN '2021-01-01' AND '2021-12-31' GROUP BY station_id;
SELECT kind, COUNT(*), SUM(CASE WHEN is_training = 0 THEN person_times ELSE 0 END),
       SUM(CASE WHEN is_training = 1 THEN person_times ELSE 0 END), SUM(duration_minutes)
FROM service_record WHERE voided = 0 AND service_date BETWEEN '2021-01-01' AND '2021-12-31' GROUP BY kind;
SELECT substr(service_date, 1, 7), COUNT(*), SUM(CASE WHEN is_training = 0 THEN person_times ELSE 0 END),
       SUM(CASE WHEN is_training = 1 THEN person_times ELSE 0 END)
FROM service_record WHERE voided = 0 AND service_date BETWEEN '2021-01-01' AND '2021-12-31' GROUP BY substr(service_date, 1, 7);
