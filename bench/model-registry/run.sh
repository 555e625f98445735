#!/usr/bin/env bash
# Benchmark of model-registry-service's statistics endpoint (p50/p99) at 10,000 and 1,000,000 models.
# Starts the service in test mode against a real PostgreSQL and Kafka (RealInfraResource), generates the rows with
# SQL generate_series, measures a baseline and the statistics requests, and writes results.md beside this script.
# Extra arguments go to Maven (e.g. -Dmaven.repo.local=...).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="$(pwd)/bench/model-registry/results.md"
./mvnw -o -q -pl model-registry-service install -DskipTests "$@"
./mvnw -o -pl model-registry-service test -Dtest=StatisticsBenchmark -Dqcdc.bench=true -Dqcdc.bench.out="$OUT" \
  -Dsurefire.failIfNoSpecifiedTests=false "$@" | grep -E "\[bench\]|Tests run:|FAIL" || true
echo "results: $OUT"
cat "$OUT"
