-- The year's records in one sequential pass grouped by station, kind and month and by the records'
-- extra fields as stored: the summary's totals with what the brand plugins' figures are summed from.
.output /dev/null
SELECT station_id, kind, substr(service_date, 1, 7), fields, COUNT(*),
       SUM(CASE WHEN is_training = 0 THEN person_times ELSE 0 END),
       SUM(CASE WHEN is_training = 1 THEN person_times ELSE 0 END), SUM(duration_minutes)
FROM service_record WHERE voided = 0 AND +service_date BETWEEN '2021-01-01' AND '2021-12-31'
GROUP BY +station_id, kind, substr(service_date, 1, 7), fields;
