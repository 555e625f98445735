#!/usr/bin/env bash
# Start-up time and resident memory of each service alone, beside two baselines started the same way in the same run:
# a minimal Quarkus REST + health application (minimal-app/) and the framework floor (extensions-app/: the Quarkus
# extensions inspection-service uses, with one entity, one migration and one endpoint), both on the suite's Quarkus
# version.
#
# Starts PostgreSQL and Kafka with the real launcher (./suite.sh --no-build, its own data folder and ports), then, for
# each service, starts one more instance of it by hand with the environment the launcher gives that service (read from
# the running replica) on ports of its own, and measures:
#   - ready: from the process' start to the first 200 from its readiness check (GET /q/health/ready), polled every
#     10 ms, and Quarkus' own "started in" figure from its log;
#   - RSS at ready (ps), and RSS after 20 s of load (wrk, 16 connections: the recommendation list for
#     inspection-service, a primary-key read for the others, /hello for the minimal app, its one table for the
#     framework floor);
# RUNS times each (medians), each JVM option set of VARIANTS in turn, the baselines interleaved with the services.
# Writes results.md beside this script (OUT=file to write elsewhere).
#
#   ./mvnw -DskipTests install -Dquarkus.package.jar.appcds.enabled=true   # what ./suite.sh builds; then
#   bench/startup/run.sh                                                    # needs wrk and curl
#   RUNS=3 LOAD_SECONDS=10 VARIANTS=$'-Xmx256m\n-Xmx256m -XX:+UseSerialGC' bench/startup/run.sh
# APPCDS in a variant stands for -XX:SharedArchiveFile=app-cds.jsa (the archive the build left beside each jar), with
# the default java; AOT for -XX:AOTCache=app.aot (the ahead-of-time cache the launcher records on Java 25+), with the
# java the launcher gives the services (a Java 25+: see suite.sh); this script records the baselines' the same way.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
HERE="$ROOT/bench/startup"
RUNS="${RUNS:-5}"
BASE="${BASE_PORT:-18300}"
LOAD_SECONDS="${LOAD_SECONDS:-20}"
# The JVM options compared: the launcher's before issue 11; what deploy/Suite.java gives a service now, with its
# class-data archive; and the same with the optimising compiler on (as a cluster's pods run: slower start, more
# memory, a higher steady rate).
NOW="$(sed -n 's/.*SERVICE_JVM_OPTIONS = "\(.*\)";.*/\1/p' deploy/src/main/java/vn/qcdc/deploy/Suite.java)"
DEFAULT_VARIANTS="-Xmx256m"$'\n'"$NOW APPCDS"$'\n'"$NOW AOT"
VARIANTS="${VARIANTS:-$DEFAULT_VARIANTS}"
SERVICES="${SERVICES:-inspection-service model-registry-service notification-service}"
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

for baseline in minimal-app extensions-app; do
  ./mvnw -q -B -f "bench/startup/$baseline/pom.xml" package -DskipTests -Dquarkus.package.jar.appcds.enabled=true
done

DATA="$(mktemp -d)"
export QCDC_DATA_DIR="$DATA/suite" QCDC_DB_PORT=$((BASE)) QCDC_KAFKA_PORT=$((BASE + 1))
export QCDC_INSPECTION_PORT=$((BASE + 11)) QCDC_MODEL_REGISTRY_PORT=$((BASE + 12)) QCDC_NOTIFICATION_PORT=$((BASE + 13))
export QCDC_WEB_CONSOLE_PORT=$((BASE + 14))
export QCDC_INSPECTION_MANAGEMENT_PORT=$((BASE + 21)) QCDC_MODEL_REGISTRY_MANAGEMENT_PORT=$((BASE + 22))
export QCDC_NOTIFICATION_MANAGEMENT_PORT=$((BASE + 23)) QCDC_WEB_CONSOLE_MANAGEMENT_PORT=$((BASE + 24))
PORT=$((BASE + 40))
MGMT=$((BASE + 41))

./suite.sh --no-build --demo > "$DATA/suite.log" 2>&1 &
SUITE=$!
CURRENT=""
cleanup() {
  [[ -n "$CURRENT" ]] && kill "$CURRENT" 2>/dev/null || true
  kill $SUITE 2>/dev/null || true
  wait $SUITE 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT
until grep -q "QCDC suite is running" "$DATA/suite.log"; do
  kill -0 $SUITE 2>/dev/null || { cat "$DATA/suite.log"; exit 1; }
  sleep 1
done
TOKEN="$(./suite.sh token steering --unit 06 | tail -1)"

# The environment the launcher gives each service, from its running replica (-Dqcdc.instance names it).
for s in $SERVICES; do
  pid=$(pgrep -f "qcdc.instance=$s( |$)" | head -1)
  # NUL-separated as in /proc (values may hold newlines); the ports given later on the command line win
  cp "/proc/$pid/environ" "$DATA/$s.env"
done
printf 'PATH=%s\0' "$PATH" > "$DATA/minimal-app.env"
# The framework floor runs as inspection-service does (its database, broker and token key; its table in a schema of
# its own, bench_extensions), whichever services are measured.
pid=$(pgrep -f "qcdc.instance=inspection-service( |$)" | head -1)
cp "/proc/$pid/environ" "$DATA/extensions-app.env"
# The java the launcher gave the services (a Java 25+ when one is installed), for the AOT variants.
SERVICE_JAVA="$(readlink "/proc/$(pgrep -f "qcdc.instance=inspection-service( |$)" | head -1)/exe")"

# A path each service answers with data behind it.
load_path() {
  case $1 in
    inspection-service) echo "/api/v1/recommendations?unit=06&limit=50" ;;
    model-registry-service) echo "/api/v1/models?unit=06&limit=50" ;;
    notification-service) echo "/api/v1/units/06" ;;
    extensions-app) echo "/items" ;;
    *) echo "/hello" ;;
  esac
}

# The baselines' ahead-of-time caches, recorded as the launcher records the services' (a start until ready, one
# request, a stop): the framework floor is asked for its OpenAPI document as the launcher asks the services, the minimal
# app (which has none) for /hello.
if [[ $VARIANTS == *AOT* ]]; then
  for baseline in minimal-app extensions-app; do
    envs=()
    mapfile -d '' -t envs < "$DATA/$baseline.env"
    # shellcheck disable=SC2086 # the options are words
    (cd "$HERE/$baseline/target/quarkus-app" && rm -f app.aot && exec env -i "${envs[@]}" QUARKUS_HTTP_PORT=$PORT \
      QUARKUS_MANAGEMENT_PORT=$MGMT QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1 "$SERVICE_JAVA" $NOW \
      -XX:AOTCacheOutput=app.aot -jar quarkus-run.jar > "$DATA/$baseline-record.log" 2>&1) &
    rec=$!
    CURRENT=$rec # stopped by cleanup if anything below fails
    until curl -sf -o /dev/null "http://127.0.0.1:$MGMT/q/health/ready"; do
      kill -0 $rec 2>/dev/null || { echo "$baseline did not start:" >&2; tail -20 "$DATA/$baseline-record.log" >&2; exit 1; }
      sleep 0.1
    done
    [[ $baseline == minimal-app ]] && exercise=/hello || exercise=/q/openapi
    curl -sf -o /dev/null "http://127.0.0.1:$PORT$exercise" || { echo "$baseline: no answer from $exercise" >&2; exit 1; }
    kill $rec
    wait $rec 2>/dev/null || true
    CURRENT=""
  done
fi

median() { sort -n | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else print a[int((NR + 1) / 2)] }'; }

# measure NAME DIR "JVM OPTIONS" PATH_UNDER_LOAD → one line: ready_ms started_in_s rss_ready_kb rss_load_kb req_per_s
# (DIR: the quarkus-app folder; the JVM starts there, as the launcher starts it, which the archive needs)
measure() {
  local name=$1 dir=$2 opts=$3 path=$4 envs=() t0 t1 log="$DATA/$1.log"
  mapfile -d '' -t envs < "$DATA/$name.env"
  if [[ $opts == *AOT* && ! -f "$dir/app.aot" ]]; then
    echo "no ahead-of-time cache in $dir: the launcher records it on Java 25+ (see suite.sh)" >&2
    exit 1
  fi
  if [[ $opts == *APPCDS* && ! -f "$dir/app-cds.jsa" ]]; then
    echo "no class-data archive in $dir: build with -Dquarkus.package.jar.appcds.enabled=true" >&2
    exit 1
  fi
  # -Xshare:on: fail rather than silently start without the archive
  opts=${opts//APPCDS/-XX:SharedArchiveFile=app-cds.jsa -Xshare:on}
  local java=java
  if [[ $opts == *AOT* ]]; then
    java="$SERVICE_JAVA"
    # AOTMode=on: fail rather than silently start without the cache
    opts=${opts//AOT/-XX:AOTCache=app.aot -XX:AOTMode=on}
  fi
  t0=$(date +%s%N)
  # shellcheck disable=SC2086 # the options are words
  (cd "$dir" && exec env -i "${envs[@]}" QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=$MGMT \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_HOST=127.0.0.1 "$java" $opts -jar quarkus-run.jar > "$log" 2>&1) &
  CURRENT=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$MGMT/q/health/ready"; do
    kill -0 $CURRENT 2>/dev/null || { echo "$name did not start:" >&2; tail -20 "$log" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(date +%s%N)
  local rss_ready started rss_load
  rss_ready=$(ps -o rss= -p $CURRENT | tr -d ' ')
  started=$(sed -n 's/.* started in \([0-9.]*\)s.*/\1/p' "$log" | head -1)
  wrk -t2 -c16 -d"${LOAD_SECONDS}s" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$path" > "$DATA/wrk.txt"
  rss_load=$(ps -o rss= -p $CURRENT | tr -d ' ')
  kill $CURRENT
  wait $CURRENT 2>/dev/null || true
  CURRENT=""
  echo "$(( (t1 - t0) / 1000000 )) ${started:--} $rss_ready $rss_load $(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$DATA/wrk.txt")"
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A LINES
while IFS= read -r opts; do
  [[ -z "$opts" ]] && continue
  for ((r = 1; r <= RUNS; r++)); do
    for s in minimal-app extensions-app $SERVICES; do
      if [[ $s == minimal-app || $s == extensions-app ]]; then
        dir="$HERE/$s/target/quarkus-app"
      else
        dir="$ROOT/$s/target/quarkus-app"
      fi
      line=$(measure "$s" "$dir" "$opts" "$(load_path "$s")")
      echo "[bench] $opts | $s run $r: $line"
      LINES["$opts|$s"]+="$line"$'\n'
    done
  done
done <<< "$VARIANTS"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

{
  echo "# Results: start-up time and memory of each service alone"
  echo
  echo "Run $(date -u '+%F %H:%M') UTC on commit $(git rev-parse --short HEAD), $(nproc) cores, $(java -version 2>&1 | head -1) (AOT lines: $("$SERVICE_JAVA" -version 2>&1 | head -1));"
  echo "load average $LOAD_BEFORE before, $LOAD_AFTER after. Medians of $RUNS starts; command: \`bench/startup/run.sh\`."
  echo
  echo "| JVM options | application | ready (ms) | Quarkus \"started in\" (s) | ratio ready / minimal | ratio ready / floor | RSS at ready (MB) | RSS after ${LOAD_SECONDS} s of load (MB) | req/s under that load |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
  while IFS= read -r opts; do
    [[ -z "$opts" ]] && continue
    base=$(printf '%s' "${LINES["$opts|minimal-app"]}" | awk '{print $1}' | median)
    floor=$(printf '%s' "${LINES["$opts|extensions-app"]}" | awk '{print $1}' | median)
    for s in minimal-app extensions-app $SERVICES; do
      data="${LINES["$opts|$s"]}"
      ready=$(printf '%s' "$data" | awk '{print $1}' | median)
      started=$(printf '%s' "$data" | awk '{print $2}' | median)
      rss=$(printf '%s' "$data" | awk '{print $3}' | median)
      rss_load=$(printf '%s' "$data" | awk '{print $4}' | median)
      rps=$(printf '%s' "$data" | awk '{print $5}' | median)
      ratio=$(awk -v a="$ready" -v b="$base" 'BEGIN { printf "%.1f", a / b }')
      to_floor=$(awk -v a="$ready" -v b="$floor" 'BEGIN { printf "%.2f", a / b }')
      echo "| \`$opts\` | $s | $ready | $started | $ratio | $to_floor | $((rss / 1024)) | $((rss_load / 1024)) | $rps |"
    done
  done <<< "$VARIANTS"
} > "${OUT:-$HERE/results.md}"
cat "${OUT:-$HERE/results.md}"
