#!/usr/bin/env bash
# Write throughput of the local multi-node rehearsal (./suite.sh --multi-node): three Kafka brokers, and one then two
# replicas of each service. The suite is started by the real launcher; client threads change deadlines and report
# progress on recommendations, round robin over the inspection replicas (MultiNodeThroughputBenchmark, e2e-tests).
# Prints one line per round and a table of the medians.
#   bench/multi-node/run.sh                              # 30 s warm-up, 3 rounds of 30 s per configuration, 8 threads
#   ROUNDS=5 DURATION=60 THREADS=16 bench/multi-node/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -DskipTests install
./mvnw -pl e2e-tests verify -Dtest=MultiNodeThroughputBenchmark -Dqcdc.bench=true \
  -Dqcdc.bench.rounds="${ROUNDS:-3}" -Dqcdc.bench.seconds="${DURATION:-30}" -Dqcdc.bench.threads="${THREADS:-8}" \
  -Dqcdc.bench.warmup="${WARMUP:-30}" \
  -Dsurefire.failIfNoSpecifiedTests=false | sed -n '/^replicas [0-9], round/p;/^# multi-node/,/^$/p;/Tests run:/p'
