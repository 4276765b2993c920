-- The county summary written by hand the fast way for the sqlite3 CLI: station tallies, then one
-- sequential pass over the year's records grouped by station, kind and month at once. The unary
-- `+` keeps SQLite off the (station, date) index, whose skip-scan would look every record up.
.output /dev/null
SELECT s.id, s.name, s.org_unit_code, s.area_m2,
       (SELECT COUNT(*) FROM worker w WHERE w.station_id = s.id),
       (SELECT COUNT(*) FROM worker w WHERE w.station_id = s.id AND w.qualification IS NOT NULL),
       (SELECT COUNT(*) FROM worker w WHERE w.station_id = s.id AND w.is_party_member = 1),
       (SELECT COUNT(*) FROM program p WHERE p.station_id = s.id),
       (SELECT COUNT(*) FROM sub_project sp JOIN program p ON p.id = sp.program_id
        WHERE p.station_id = s.id AND sp.retired = 0)
FROM station s ORDER BY s.org_unit_code, s.id;
SELECT station_id, kind, substr(service_date, 1, 7), COUNT(*),
       SUM(CASE WHEN is_training = 0 THEN person_times ELSE 0 END),
       SUM(CASE WHEN is_training = 1 THEN person_times ELSE 0 END), SUM(duration_minutes)
FROM service_record WHERE +service_date BETWEEN '2021-01-01' AND '2021-12-31'
GROUP BY +station_id, kind, substr(service_date, 1, 7);
