#!/usr/bin/env bash
# Latency of GET /api/v1/inbox (it answers with the unread count) for a user with 100,000 inbox entries, 80,000
# unread, beside a baseline, and the unread count in SQL both ways (counting entries vs the kept count).
# Writes unread-results.md beside this script. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="$(pwd)/bench/notification/unread-results.md"
./mvnw -B -ntp -q -pl notification-service -am install -DskipTests "$@"
./mvnw -B -ntp -pl notification-service test -Dtest=InboxUnreadBenchmark -Dqcdc.bench=true -Dqcdc.bench.out="$OUT" \
  -Dsurefire.failIfNoSpecifiedTests=false "$@" | grep -E "\[bench\]|Tests run:|FAIL|ERROR" || true
echo "results: $OUT"
cat "$OUT"
