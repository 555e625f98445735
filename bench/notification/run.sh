#!/usr/bin/env bash
# Event-to-inbox latency of notification-service beside Kafka's own end-to-end latency on the same broker.
# Starts the service in test mode against a real PostgreSQL and Kafka broker (RealInfraResource), produces events at a
# steady rate and prints a table (p50/p99/max per path, ratio of p99 to the Kafka baseline, load average).
#   bench/notification/run.sh                 # 100 events/s for 30 s per path
#   RATE=50 DURATION=20 bench/notification/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -pl notification-service -am install -DskipTests
./mvnw -pl notification-service test -Dtest=InboxLatencyBenchmark -Dqcdc.bench=true \
  -Dqcdc.bench.rate="${RATE:-100}" -Dqcdc.bench.seconds="${DURATION:-30}" \
  -Dquarkus.log.category.\"vn.qcdc.notification\".level=INFO \
  -Dsurefire.failIfNoSpecifiedTests=false | sed -n '/^# notification-service/,/^$/p;/^|/p;/Tests run:/p'
