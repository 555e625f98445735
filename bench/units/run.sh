#!/usr/bin/env bash
# Benchmark of GET /api/v1/units (median/p99, 1 and 4 concurrent clients) over the official units, and the heap the
# loaded units take. Starts inspection-service in test mode (real PostgreSQL and Kafka, as every test) and writes
# results.md beside this script.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="$(pwd)/bench/units/results.md"
./mvnw -B -ntp -q ${MAVEN_ARGS:-} -pl platform/admin-units,platform/api-support,inspection-service -am install -DskipTests
./mvnw -B -ntp ${MAVEN_ARGS:-} -pl inspection-service test -Dtest=UnitsListBenchmark -Dqcdc.bench=true -Dqcdc.bench.out="$OUT" \
  -Dsurefire.failIfNoSpecifiedTests=false | grep -E "\[bench\]|Tests run:|FAIL" || true
echo "results: $OUT"
cat "$OUT"
