#!/usr/bin/env bash
# The model list under load, one built checkout beside another: for each round and each checkout given, start the
# suite from it (./suite.sh --no-build --demo, data in $QCDC_DATA_DIR), warm up, then measure with wrk:
# requests/s, p50 and p99 (ms), and the model-registry JVM's CPU time per request (from /proc/<pid>/stat).
#
#   bench/model-registry/list-load.sh BEFORE_DIR AFTER_DIR     (each a clone built with ./mvnw package -DskipTests)
#
# Environment: ROUNDS (3), SECONDS_EACH (15), CLIENTS (8), QCDC_DATA_DIR (a scratch folder; both checkouts share it,
# so compare checkouts with the same migrations). Needs wrk and curl. Prints one line per run, then the medians.
# Between runs it stops the suite it started with SIGINT (pkill -f deploy.Suite), so it refuses to start while
# another suite runs on this machine.
set -euo pipefail
ROUNDS=${ROUNDS:-3}; SECONDS_EACH=${SECONDS_EACH:-15}; CLIENTS=${CLIENTS:-8}
export QCDC_DATA_DIR=${QCDC_DATA_DIR:-/tmp/qcdc-list-load}
URL="http://127.0.0.1:8082/api/v1/models?unit=06&limit=50"
TICK_MS=$((1000 / $(getconf CLK_TCK)))
(($# >= 1)) || { sed -n 2,11p "$0"; exit 2; }
if pgrep -f deploy.Suite > /dev/null; then echo "a suite is already running here: stop it first" >&2; exit 1; fi
runs=$(mktemp)
ms() { # wrk's "950.10us", "8.14ms" or "1.02s" in milliseconds
  awk -v v="$1" 'BEGIN {u = v; sub(/^[0-9.]+/, "", u); x = v + 0; printf "%.2f", u == "us" ? x / 1000 : u == "s" ? x * 1000 : x}'
}
stop_suite() {
  pkill -INT -f deploy.Suite || true
  for _ in $(seq 1 60); do pgrep -f deploy.Suite > /dev/null || return 0; sleep 1; done
}
trap stop_suite EXIT
for round in $(seq 1 "$ROUNDS"); do
  for dir in "$@"; do
    name=$(basename "$(cd "$dir" && pwd)")@$(git -C "$dir" rev-parse --short HEAD)
    (cd "$dir" && ./suite.sh --no-build --demo > "$QCDC_DATA_DIR.suite.log" 2>&1 &)
    token=""
    for _ in $(seq 1 300); do
      token=$(cd "$dir" && ./suite.sh token steering --unit 06 2>/dev/null | tail -1) || true
      [[ -n "$token" ]] && curl -sf -o /dev/null -H "Authorization: Bearer $token" "$URL" && break
      sleep 2
    done
    sleep 10
    wrk -t2 -c"$CLIENTS" -d"${SECONDS_EACH}s" -H "Authorization: Bearer $token" "$URL" > /dev/null
    pid=$(pgrep -f "qcdc.instance=model-registry-service" | head -1)
    cpu0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    out=$(wrk -t2 -c"$CLIENTS" -d"${SECONDS_EACH}s" --latency -H "Authorization: Bearer $token" "$URL")
    cpu1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    n=$(awk '/requests in/ {print $1}' <<< "$out")
    line=$(printf '%s round=%s %s rps=%s p50=%s p99=%s cpu_ms_per_request=%s load=%s' "$(date -u +%H:%M:%S)" "$round" \
      "$name" "$(awk '/Requests\/sec/ {print $2}' <<< "$out")" "$(ms "$(awk '$1 == "50%" {print $2}' <<< "$out")")" \
      "$(ms "$(awk '$1 == "99%" {print $2}' <<< "$out")")" "$(awk -v c=$((cpu1 - cpu0)) -v n="$n" -v t="$TICK_MS" \
      'BEGIN {printf "%.3f", c * t / n}')" "$(cut -d' ' -f1-3 /proc/loadavg | tr ' ' ,)")
    echo "$line" | tee -a "$runs"
    stop_suite
    sleep 3
  done
done
echo "medians:"
for dir in "$@"; do
  name=$(basename "$(cd "$dir" && pwd)")@$(git -C "$dir" rev-parse --short HEAD)
  for key in rps p50 p99 cpu_ms_per_request; do
    grep -F " $name " "$runs" | grep -o "$key=[0-9.]*" | cut -d= -f2 | sort -n \
      | awk -v k="$key" -v nm="$name" '{v[NR] = $1} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%s %s %s\n", nm, k, m}'
  done
done
