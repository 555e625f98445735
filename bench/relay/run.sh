#!/usr/bin/env bash
# Benchmark of the outbox relay: how fast it drains N outbox rows (default 50,000), next to Kafka's own
# ProducerPerformance (kafka-producer-perf-test) on the same broker, acks=all, idempotent, same record size.
# Starts a real PostgreSQL and Kafka broker (RealInfraResource) and writes results.md beside this script.
# Extra arguments go to Maven, e.g. -Dqcdc.bench.rows=50000 -Dqcdc.bench.rounds=3 -Dqcdc.events.relay.batch-size=500
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="$(pwd)/bench/relay/results.md"
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' pom.xml)
TOOLS="$(pwd)/platform/event-backbone/target/bench-tools"
# ProducerPerformance lives in kafka-tools, which the build does not otherwise need; its dependencies are on the
# test class path already (the broker's).
./mvnw -B -ntp -q -N dependency:copy -Dartifact="org.apache.kafka:kafka-tools:${KAFKA_VERSION}:jar" \
  -DoutputDirectory="$TOOLS" "$@"
./mvnw -B -ntp -q -pl platform/event-backbone -am install -DskipTests "$@"
./mvnw -B -ntp -pl platform/event-backbone test -Dtest=RelayBenchmark -Dqcdc.bench=true -Dqcdc.bench.out="$OUT" \
  -Dqcdc.bench.kafka-tools="$TOOLS/kafka-tools-${KAFKA_VERSION}.jar" -Dsurefire.failIfNoSpecifiedTests=false "$@" \
  | grep -E "\[bench\]|Tests run:|FAIL|ERROR" || true
echo "results: $OUT"
cat "$OUT"
