#!/usr/bin/env bash
# Benchmark of the bulk import: 100,000 recommendations per CSV file posted with curl (under /usr/bin/time) to
# inspection-service in test mode (real PostgreSQL and Kafka, as every test); three fresh imports and one re-import.
# Writes results.md beside this script.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="$(pwd)/bench/import/results.md"
./mvnw -B -ntp -q ${MAVEN_ARGS:-} -pl inspection-service -am install -DskipTests
./mvnw -B -ntp ${MAVEN_ARGS:-} -pl inspection-service test -Dtest=ImportBenchmark -Dqcdc.bench=true -Dqcdc.bench.out="$OUT" \
  -Dsurefire.failIfNoSpecifiedTests=false | grep -E "\[bench\]|Tests run:|FAIL" || true
echo "results: $OUT"
cat "$OUT"
