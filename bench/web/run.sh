#!/usr/bin/env bash
# Benchmark of the public province page of the web console with 10,000 recommendations in the province.
# Starts the whole suite with the real launcher (its own data folder and ports), enters 2,000 public conclusions of
# five recommendations each at the wards of Thành phố Bắc Kạn (province 06, year 2020) through the services' API,
# then measures GET /units/06 (the province page: its newest concluded inspections, its recognised models, the
# units below it) with wrk, and writes results.md beside this script.
#   bench/web/run.sh                                   # needs ./mvnw -DskipTests install first, and wrk
#   INSPECTIONS=2000 DURATION=30s CONNECTIONS=4 BASE_PORT=18100 bench/web/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE="$(pwd)/bench/web"
INSPECTIONS="${INSPECTIONS:-2000}"
DURATION="${DURATION:-30s}"
CONNECTIONS="${CONNECTIONS:-4}"
BASE="${BASE_PORT:-18100}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
DATA="$(mktemp -d)"
export QCDC_DATA_DIR="$DATA" QCDC_DB_PORT=$((BASE)) QCDC_KAFKA_PORT=$((BASE + 1))
export QCDC_INSPECTION_PORT=$((BASE + 11)) QCDC_MODEL_REGISTRY_PORT=$((BASE + 12)) QCDC_NOTIFICATION_PORT=$((BASE + 13))
export QCDC_WEB_CONSOLE_PORT=$((BASE + 14))
export QCDC_INSPECTION_MANAGEMENT_PORT=$((BASE + 21)) QCDC_MODEL_REGISTRY_MANAGEMENT_PORT=$((BASE + 22))
export QCDC_NOTIFICATION_MANAGEMENT_PORT=$((BASE + 23)) QCDC_WEB_CONSOLE_MANAGEMENT_PORT=$((BASE + 24))
API="http://127.0.0.1:$QCDC_INSPECTION_PORT/api/v1"
WEB="http://127.0.0.1:$QCDC_WEB_CONSOLE_PORT"

./suite.sh --no-build > "$DATA/suite.log" 2>&1 &
SUITE=$!
trap 'kill $SUITE 2>/dev/null; wait $SUITE 2>/dev/null; rm -rf "$DATA"' EXIT
until grep -q "QCDC suite is running" "$DATA/suite.log"; do
  kill -0 $SUITE 2>/dev/null || { cat "$DATA/suite.log"; exit 1; }
  sleep 1
done
TOKEN="$(./suite.sh token steering --unit 06)"
export TOKEN API
post() { # path body → the "id" of the answer
  curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$2" "$API$1" \
    | sed -n 's/^{"id":"\([0-9a-f-]*\)".*/\1/p'
}
export -f post

DELEGATION=$(post /delegations '{"name":"Đoàn kiểm tra (benchmark)","committeeName":"Ban Chỉ đạo QCDC tỉnh Bắc Kạn","committeeLevel":"PROVINCE","committeeUnitCode":"06","year":2020,"topics":["QCDC"],"members":[{"name":"Trưởng đoàn","title":"Phó Chủ tịch UBND tỉnh","role":"HEAD"}]}')
# The wards and communes of Thành phố Bắc Kạn as they stood in 2020.
WARDS=$(curl -sf -H "Authorization: Bearer $TOKEN" "$API/units?parent=058&date=2020-12-03&limit=200" \
  | grep -o '"code":"[0-9]*"' | cut -d'"' -f4 | tr '\n' ' ')
[[ -n "$DELEGATION" && -n "$WARDS" ]] || { echo "setup failed (delegation '$DELEGATION', wards '$WARDS')" >&2; exit 1; }
export DELEGATION
one() { # n ward → a public conclusion with five recommendations
  local day; day=$(printf '2020-%02d-%02d' $(( ($1 % 11) + 1 )) $(( ($1 % 27) + 1 )))
  local id; id=$(post /inspections "{\"delegationId\":\"$DELEGATION\",\"unitCode\":\"$2\",\"scheduledDate\":\"$day\",\"yearAssessed\":2020,\"topics\":[\"QCDC\"],\"publicDisclosure\":true}")
  curl -sf -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" "$API/inspections/$id/start"
  local recs=""
  for k in 1 2 3 4 5; do
    recs="$recs{\"content\":\"Kiến nghị $k của buổi kiểm tra $1\",\"addressees\":[{\"bodyType\":\"GOVERNMENT\"}],\"area\":\"OTHER\",\"priority\":\"NORMAL\",\"dueDate\":\"2021-0$k-28\"},"
  done
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"text\":\"Kết luận $1\",\"signer\":\"Trưởng đoàn\",\"date\":\"$day\",\"publicDisclosure\":true,\"recommendations\":[${recs%,}]}" \
    "$API/inspections/$id/conclusion"
}
export -f one
t0=$(date +%s)
read -r -a ward_list <<< "$WARDS"
for ((n = 0; n < INSPECTIONS; n++)); do echo "$n ${ward_list[$((n % ${#ward_list[@]}))]}"; done \
  | xargs -P 4 -n 2 bash -c 'one "$0" "$1"'
SEEDED=$(( $(date +%s) - t0 ))
RECS=$(curl -sf -H "Authorization: Bearer $TOKEN" "$API/statistics/recommendations?unit=06&year=2020" \
  | grep -o '"recommendations":[0-9]*' | head -1 | cut -d: -f2)

cat > "$DATA/p95.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("requests %d, errors %d, mean %.1f ms, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
LUA
curl -sf -o /dev/null "$WEB/units/06"
wrk -t1 -c"$CONNECTIONS" -d10s "$WEB/units/06" > /dev/null                      # warm-up
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
PAGE=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -s "$DATA/p95.lua" "$WEB/units/06" | tail -1)
ONE=$(wrk -t1 -c1 -d"$DURATION" -s "$DATA/p95.lua" "$WEB/units/06" | tail -1)
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
BYTES=$(curl -sf "$WEB/units/06" | wc -c)

cat > "$HERE/results.md" <<MD
# Results: public province page (GET /units/06)

Run $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores; load average $LOAD_BEFORE before, $LOAD_AFTER after.
Data: $INSPECTIONS public conclusions, $RECS recommendations in province 06 (year 2020), entered in ${SEEDED} s.
Page: $BYTES bytes of HTML.

| Clients | Result (wrk, $DURATION after a 10 s warm-up) |
|---|---|
| $CONNECTIONS | $PAGE |
| 1 | $ONE |

Target: p95 ≤ 300 ms.
MD
cat "$HERE/results.md"
