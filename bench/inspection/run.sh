#!/usr/bin/env bash
# Benchmark of inspection-service's recommendation list (p50/p99) at 10,000 and 1,000,000 recommendations.
# Starts the service in test mode against a real PostgreSQL and Kafka (RealInfraResource), generates the rows with
# SQL generate_series, measures a baseline (GET by primary key) and filtered lists through the HTTP API, records the
# query plans, and writes results.md beside this script.
#   bench/inspection/run.sh                      # 10,000 then 1,000,000
#   SIZES=10000 ITERATIONS=200 bench/inspection/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="$(pwd)/bench/inspection/results.md"
./mvnw -o -q -pl inspection-service install -DskipTests
./mvnw -o -pl inspection-service test -Dtest=RecommendationListBenchmark -Dqcdc.bench=true \
  -Dqcdc.bench.out="$OUT" -Dqcdc.bench.sizes="${SIZES:-10000,1000000}" \
  -Dqcdc.bench.iterations="${ITERATIONS:-500}" -Dqcdc.bench.warmup="${WARMUP:-100}" \
  -Dsurefire.failIfNoSpecifiedTests=false | grep -E "\[bench\]|Tests run:|FAIL" || true
echo "results: $OUT"
cat "$OUT"
