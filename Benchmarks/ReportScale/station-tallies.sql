-- The stations with their staff and portfolio counts, as StationStore.stationTallies computes
-- them: the first part of both hand-written county summaries (read before either).
.output /dev/null
SELECT s.id, s.name, s.org_unit_code, s.area_m2,
       (SELECT COUNT(*) FROM worker w WHERE w.station_id = s.id),
       (SELECT COUNT(*) FROM worker w WHERE w.station_id = s.id AND w.qualification IS NOT NULL),
       (SELECT COUNT(*) FROM worker w WHERE w.station_id = s.id AND w.is_party_member = 1),
       (SELECT COUNT(*) FROM program p WHERE p.station_id = s.id),
       (SELECT COUNT(*) FROM sub_project sp JOIN program p ON p.id = sp.program_id
        WHERE p.station_id = s.id AND sp.retired = 0)
FROM station s ORDER BY s.org_unit_code, s.id;
