#!/usr/bin/env bash
# Benchmark of inspection-service's recommendation reads and writes, beside PostgreSQL's own speed.
# Starts the service in test mode against a real PostgreSQL and Kafka (RealInfraResource), generates the rows with
# SQL generate_series, then
#  1. RecommendationListBenchmark: per filter, p50/p99 of the list through the HTTP API (one client) beside a
#     primary-key GET, the query plans (custom and generic), and the same SQL with bind parameters
#     (sql-latency.sh: pgbench -M prepared), at each size of SIZES;
#  2. ThroughputBenchmark: list, GET by id and progress report at 16 clients through the API beside pgbench running
#     the same SQL (or the minimal equivalent statements of a progress report), interleaved, medians of ROUNDS;
# and writes results.md beside this script.
#   bench/inspection/run.sh                                        # 10,000 then 1,000,000
#   SIZES=10000 ROWS=10000 ITERATIONS=200 bench/inspection/run.sh   # quicker
#   BENCH_ARGS=-Dquarkus.datasource.jdbc.max-size=8 bench/inspection/run.sh   # the service with other settings
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="$(pwd)/bench/inspection/results.md"
tmp=$(mktemp -d)
M2=${MAVEN_REPO_LOCAL:+-Dmaven.repo.local=$MAVEN_REPO_LOCAL}
SIZES="${SIZES:-10000,1000000}"
./mvnw -o -q -B $M2 -pl inspection-service -am install -DskipTests
./mvnw -o -B $M2 -pl inspection-service test -Dtest='RecommendationListBenchmark,ThroughputBenchmark' \
  -Dsurefire.runOrder=alphabetical -Dqcdc.bench=true -Dqcdc.bench.out="$tmp/list.md" \
  -Dqcdc.bench.throughput.out="$tmp/throughput.md" -Dqcdc.bench.sizes="$SIZES" \
  -Dqcdc.bench.rows="${ROWS:-${SIZES##*,}}" -Dqcdc.bench.rounds="${ROUNDS:-3}" -Dqcdc.bench.seconds="${SECONDS_PER_RUN:-10}" \
  -Dqcdc.bench.throughput.warmup="${WARMUP_SECONDS:-20}" \
  -Dqcdc.bench.iterations="${ITERATIONS:-200}" -Dqcdc.bench.warmup="${WARMUP:-50}" \
  -Dsurefire.failIfNoSpecifiedTests=false ${BENCH_ARGS:-} | grep -E "\[bench\]|Tests run:|FAIL" || true
{
  echo "Run $(date -u +%FT%TZ) on commit $(git rev-parse --short HEAD), $(nproc) cores, load average at the end:"
  echo "$(cut -d' ' -f1-3 /proc/loadavg). Command: \`bench/inspection/run.sh\` (SIZES=$SIZES${BENCH_ARGS:+, BENCH_ARGS=$BENCH_ARGS})."
  echo
  cat "$tmp/throughput.md"
  echo
  cat "$tmp/list.md"
} > "$OUT"
rm -rf "$tmp"
echo "results: $OUT"
cat "$OUT"
