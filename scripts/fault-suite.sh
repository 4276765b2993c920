#!/usr/bin/env bash
# The fault suite (issue 27): kills Yizhan's processes with SIGKILL at random moments — a ledger
# import, a stream of `record add`, the notifier while delivering, the server while taking writes,
# `db backup` and `key rotate` — and after every kill checks that the workspace holds:
#
#   - PRAGMA integrity_check is ok;
#   - every service record has its `service.recorded` event, and every write a process reported
#     done is there;
#   - an import is all there or not at all; a rotation leaves every sealed value readable with the
#     key file in place (a second run finishes it); a backup at its final name is whole;
#   - the workspace opens and `yizhan-report county` reports;
#   - in the end every selected event reached the receiver at least once.
#
#   scripts/fault-suite.sh            # small: 3 kills a scenario, a 20,000-row ledger (.ci/run)
#   scripts/fault-suite.sh --large    # 20 kills a scenario, a 200,000-row ledger, and the shared-file
#                                     # test for a minute (figures for docs/reliability.md)
#
# Uses the debug products in .build/debug (BIN=… for others), sqlite3, curl and python3.
set -euo pipefail

kills=3
rows=20000
if [ "${1:-}" = "--large" ]; then
    kills=20
    rows=200000
fi
bin=$(cd "${BIN:-.build/debug}" && pwd)
work=$(mktemp -d)
receiver_pid=
server_pid=
cleanup() {
    for pid in $server_pid $receiver_pid; do kill "$pid" 2> /dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

ws="$work/ws"
db="$ws/yizhan.sqlite"
export YIZHAN_WORKSPACE="$ws"
export HOOK_SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
failures=0
total_kills=0

say() { printf '%s\n' "$*"; }
fail() {
    say "  FAILED: $*"
    failures=$((failures + 1))
}
count() { sqlite3 "$db" "$1"; }
# A random number of seconds between 0.005 and $1 × $reach, drawn before the process it times is
# started. Each kill that comes after its process ended halves $reach (a faster machine than the
# one measured, or a run that happened to be quick), so that a scenario still gets its kills.
reach=1
random_seconds() { python3 -c "import random; print(round(random.uniform(0.005, max(0.006, $1 * $reach)), 3))"; }

# The checks after every kill.
check() {
    local what=$1
    [ "$(count 'PRAGMA integrity_check')" = ok ] || fail "$what: integrity_check"
    local records events
    records=$(count "SELECT count(*) FROM service_record")
    events=$(count "SELECT count(*) FROM event WHERE type = 'service.recorded'")
    [ "$records" = "$events" ] || fail "$what: $records records but $events service.recorded events"
    "$bin/yizhan-report" county --period 2021 > /dev/null 2> "$work/report.err" \
        || fail "$what: the county report failed: $(head -c 300 "$work/report.err")"
}

# Kills pid $1 after $2 seconds (from random_seconds), if it is still running then; counts the
# kills in $scenario_kills.
scenario_kills=0
attempts=0
# Whether a scenario needs another kill: until it has $kills, trying at most four times as often
# (a process may end before its kill comes).
more_kills() {
    [ "$scenario_kills" -lt "$kills" ] && [ "$attempts" -lt $((kills * 4)) ] || return 1
    attempts=$((attempts + 1))
}
kill_after() {
    sleep "$2"
    if kill -9 "$1" 2> /dev/null; then
        total_kills=$((total_kills + 1))
        scenario_kills=$((scenario_kills + 1))
    else
        reach=$(python3 -c "print($reach / 2)")
    fi
    wait "$1" 2> /dev/null || true
}
# How long `$@` takes to the end, in seconds, on a scratch copy of the workspace: the range the
# kills fall in.
duration_of() {
    rm -rf "$work/timing"
    cp -r "$ws" "$work/timing"
    local start
    start=$(date +%s%N)
    YIZHAN_WORKSPACE="$work/timing" "$@" > /dev/null 2>&1 || true
    python3 -c "print(max(0.2, ($(date +%s%N) - $start) / 1e9))"
}
scenario_done() {
    say "   $scenario_kills kills in $attempts tries$([ -n "${1:-}" ] && printf '; %s' "$1")"
    [ "$scenario_kills" -ge "$kills" ] || fail "only $scenario_kills kills of $kills: the processes ended first"
    scenario_kills=0
    attempts=0
    reach=1
}

say "== fault suite: $kills kills a scenario, a $rows-row ledger, in $work"
"$bin/yizhan" demo "$ws" > /dev/null 2>&1

# A receiver on loopback that notes every delivery's webhook-id and answers 204.
hook_port=$((20000 + RANDOM % 10000))
cat > "$work/receiver.py" << 'EOF'
import http.server, sys
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(sys.argv[2], "a") as log:
            log.write(self.headers.get("webhook-id", "") + "\n")
        self.send_response(204)
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Hook).serve_forever()
EOF
python3 "$work/receiver.py" "$hook_port" "$work/delivered.txt" &
receiver_pid=$!
cat > "$ws/subscriptions.yaml" << EOF
subscriptions:
  - name: fault-suite
    kind: webhook
    url: http://127.0.0.1:$hook_port/hook
    secret: { env: HOOK_SECRET }
    events: ["service.*"]
    scope: { station: ganpu }
EOF
"$bin/yizhan-notify" replay --since 2000-01-01 > /dev/null

say "-- 1. a $rows-row ledger import, killed $kills times at random, then run to the end"
python3 - "$work/ledger.csv" "$rows" << 'EOF'
import sys
with open(sys.argv[1], "w") as out:
    out.write("date,kind,duration,headcount,note\n")
    for row in range(int(sys.argv[2])):
        out.write(f"2021-{1 + row % 11:02d}-{1 + row % 28:02d},走访,30,1,#{row}\n")
EOF
before=$(count "SELECT count(*) FROM service_record")
longest=$(duration_of "$bin/yizhan" import services "$work/ledger.csv" --station baibu)
while more_kills; do
    pause=$(random_seconds "$longest")
    "$bin/yizhan" import services "$work/ledger.csv" --station baibu > /dev/null 2>&1 &
    kill_after $! "$pause"
    added=$(($(count "SELECT count(*) FROM service_record") - before))
    [ "$added" = 0 ] || [ "$added" = "$rows" ] || fail "import: $added of $rows rows after a kill"
    check import
done
"$bin/yizhan" import services "$work/ledger.csv" --station baibu > /dev/null
added=$(($(count "SELECT count(*) FROM service_record") - before))
[ "$added" = "$rows" ] || fail "import: $added of $rows rows after the last run"
check import
scenario_done "an uninterrupted import takes $longest s; $rows rows there once after the last run"

say "-- 2. record add, one after another, $kills killed at random"
before=$(count "SELECT count(*) FROM service_record")
done_count=0
longest=$(duration_of "$bin/yizhan" record add --station ganpu --kind 走访 --date 2021-11-05 --duration 30 \
    --head-count 1)
add() {
    "$bin/yizhan" record add --station ganpu --kind 走访 --date 2021-11-05 --duration 30 --head-count 1 \
        > /dev/null 2>&1
}
tries=0
while more_kills; do
    for _ in 1 2 3 4; do add && done_count=$((done_count + 1)); done
    tries=$((tries + 5))
    pause=$(random_seconds "$longest")
    "$bin/yizhan" record add --station ganpu --kind 走访 --date 2021-11-05 --duration 30 --head-count 1 \
        > /dev/null 2>&1 &
    kill_after $! "$pause"
done
added=$(($(count "SELECT count(*) FROM service_record") - before))
[ "$added" -ge "$done_count" ] && [ "$added" -le "$tries" ] \
    || fail "record add: $added records for $done_count reported done"
check "record add"
scenario_done "an uninterrupted record add takes $longest s; $done_count reported done, $added records written"

say "-- 3. the notifier, killed $kills times while delivering"
while more_kills; do
    pause=$(random_seconds 2)
    "$bin/yizhan-notify" run --lease 2 --timeout 1 --batch-size 20 > /dev/null 2>&1 &
    kill_after $! "$pause"
    check notifier
done
scenario_done

say "-- 4. yizhan-server taking writes, killed $kills times"
token=$("$bin/yizhan" token create --name fault-suite --grant socialWorker@ganpu --days 1 2> /dev/null | tail -1)
port=$((30000 + RANDOM % 10000))
created=0
before=$(count "SELECT count(*) FROM service_record")
while more_kills; do
    "$bin/yizhan-server" --port "$port" > /dev/null 2>&1 &
    server_pid=$!
    until curl -sf "http://127.0.0.1:$port/healthz" > /dev/null; do sleep 0.1; done
    (
        while true; do
            curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $token" \
                -H 'Content-Type: application/json' \
                -d '{"station":"ganpu","kind":"走访","date":"2021-12-01","durationMinutes":30,"headCount":1}' \
                "http://127.0.0.1:$port/api/v1/records" || echo 000
        done
    ) >> "$work/server-codes.txt" &
    writer=$!
    kill_after $server_pid "$(random_seconds 3)"
    server_pid=
    kill "$writer" 2> /dev/null || true
    wait "$writer" 2> /dev/null || true
    check server
done
created=$(grep -c '^201$' "$work/server-codes.txt" || true)
added=$(($(count "SELECT count(*) FROM service_record") - before))
[ "$added" -ge "$created" ] || fail "server: $added records for $created answered 201"
scenario_done "$created writes answered 201, $added records written"

say "-- 5. db backup, killed $kills times"
longest=$(duration_of "$bin/yizhan" db backup "$work/timing.zip")
whole=0
while more_kills; do
    rm -f "$work/backup.zip"
    pause=$(random_seconds "$longest")
    "$bin/yizhan" db backup "$work/backup.zip" > /dev/null 2>&1 &
    kill_after $! "$pause"
    check backup
    if [ -e "$work/backup.zip" ]; then
        rm -rf "$work/restored"
        "$bin/yizhan" init "$work/restored" --county 330424 --data-key "file:$ws/keys/data.key" > /dev/null
        "$bin/yizhan" db restore --workspace "$work/restored" "$work/backup.zip" > /dev/null 2>&1 \
            || fail "backup: a file at the final name does not restore"
        whole=$((whole + 1))
    fi
done
scenario_done "an uninterrupted backup takes $longest s; $whole files at the final name, each restored"

say "-- 6. key rotate, killed $kills times, then run to the end"
sealed=$(count "SELECT count(*) FROM volunteer WHERE name_sealed IS NOT NULL AND station_id = 'baibu'")
readable() {
    "$bin/yizhan" export volunteers --station baibu --reveal --reason 报送上级 --output - 2> "$work/export.err" \
        | tail -n +2 | grep -c . || true
}
longest=$(duration_of "$bin/yizhan" key rotate)
while more_kills; do
    pause=$(random_seconds "$longest")
    "$bin/yizhan" key rotate > /dev/null 2>&1 &
    kill_after $! "$pause"
    check "key rotate"
    # Killed before its commit, the old key still opens everything; after it, the new one does
    # (and the next command finishes moving the files). Either way every volunteer reads.
    [ "$(readable)" = "$sealed" ] || "$bin/yizhan" key rotate > /dev/null 2>&1 || true
    [ "$(readable)" = "$sealed" ] || fail "key rotate: $(readable) of $sealed volunteers readable: $(head -c 300 "$work/export.err")"
done
"$bin/yizhan" key rotate > /dev/null 2>&1 || fail "key rotate: the last run failed"
[ "$(readable)" = "$sealed" ] || fail "key rotate: not every volunteer readable after the last run"
check "key rotate"
scenario_done "an uninterrupted rotation takes $longest s; $sealed volunteers of 百步 readable after each kill"

say "-- every selected event delivered at least once"
"$bin/yizhan-notify" run --once > /dev/null
selected=$(count "SELECT count(*) FROM event WHERE station_id = 'ganpu' AND type LIKE 'service.%'")
delivered=$(sort -u "$work/delivered.txt" | grep -c . || true)
[ "$delivered" = "$selected" ] || fail "notifier: $delivered of $selected events delivered"
say "   $selected events of 澉浦, $delivered delivered, $(wc -l < "$work/delivered.txt") requests in all"

if [ "$kills" = 20 ]; then
    say "-- the CLI, the notifier, the server and reports on one file for a minute (SharedDatabaseTests)"
    YIZHAN_SHARED_SECONDS=60 YIZHAN_SHARED_LEDGER_ROWS=100000 swift test --skip-build --filter SharedDatabaseTests \
        2>&1 | grep -E "✔|✘" | tail -3 || fail "SharedDatabaseTests"
fi

say "== $total_kills kills, $failures failures"
[ "$failures" = 0 ]
