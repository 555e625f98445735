#!/usr/bin/env bash
# Runs the whole QCDC suite on this machine: PostgreSQL, Kafka and the three services.
#
#   ./suite.sh                 build (mvnw -DskipTests install), then start everything and keep it running
#                              (a part that stops is restarted); Ctrl-C or SIGTERM stops it all
#   ./suite.sh --no-build      start with what is already built (the build is also skipped when no file changed
#                              since the last one; --build forces it)
#   ./suite.sh --demo          also ask the services to load demo data (QCDC_DEMO_DATA=true)
#   ./suite.sh --bind ADDRESS  API ports on ADDRESS instead of 127.0.0.1; refused unless a real key is configured
#                              (MP_JWT_VERIFY_PUBLICKEY_LOCATION), since anyone can mint dev tokens
#   ./suite.sh --multi-node    rehearse a cluster: 3 Kafka brokers (replication factor 3, min.insync.replicas 2)
#                              and 2 replicas of each service (= --brokers 3 --replicas 2); see deploy/README.md
#   ./suite.sh token <role> [--unit CODE] [--org ORG_TYPE] [--ttl-minutes N]
#                              print a DEV-ONLY bearer token and exit
#
# Needs only a JDK 17+. Data is kept in ./data (QCDC_DATA_DIR); see deploy/README.md.
set -euo pipefail

cd "$(dirname "$0")"
HOME_DIR="$(pwd)"

if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
  JAVA="${JAVA_HOME}/bin/java"
elif command -v java >/dev/null 2>&1; then
  JAVA="$(command -v java)"
else
  echo "suite.sh: no Java found. Install a JDK 17 or newer (Debian: apt-get install openjdk-17-jdk-headless)." >&2
  exit 1
fi
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p'; }
JAVA_MAJOR="$(java_major "$JAVA")"
if [[ -z "$JAVA_MAJOR" || "${JAVA_MAJOR%%.*}" -lt 17 ]]; then
  echo "suite.sh: Java 17 or newer is needed (found ${JAVA_MAJOR:-unknown} at $JAVA)." >&2
  exit 1
fi

# The services' JVM. Java 25 or newer keeps an ahead-of-time cache of each service's start (recorded by the launcher
# once per build): QCDC_SERVICE_JAVA if set, else this Java if it is 25+, else the newest Java 25+ installed under
# /usr/lib/jvm (Debian's and Temurin's packages put theirs there), else this Java with the class-data archive.
SERVICE_MAJOR=""
if [[ -z "${QCDC_SERVICE_JAVA:-}" ]]; then
  QCDC_SERVICE_JAVA="$JAVA"
  best="${JAVA_MAJOR%%.*}"
  if (( best < 25 )); then
    for candidate in /usr/lib/jvm/*/bin/java; do
      [[ -x "$candidate" ]] || continue
      major="$(java_major "$candidate")"
      major="${major%%.*}"
      if [[ -n "$major" ]] && (( major >= 25 && major > best )); then
        best="$major"
        QCDC_SERVICE_JAVA="$candidate"
      fi
    done
  fi
  SERVICE_MAJOR="$best"
fi
export QCDC_SERVICE_JAVA
# Asked once per Java: a chosen one's version is known from the search above.
[[ -n "$SERVICE_MAJOR" ]] || SERVICE_MAJOR="$(java_major "$QCDC_SERVICE_JAVA")"

LAUNCHER_JAR="deploy/target/deploy.jar"
LAUNCHER_LIB="deploy/target/lib"

build=true
force_build=false
for arg in "$@"; do
  # --help only prints the usage: no build for that
  [[ "$arg" == "--no-build" || "$arg" == "--help" || "$arg" == "-h" ]] && build=false
  [[ "$arg" == "--build" ]] && force_build=true
done
if [[ "${1:-}" == "token" ]]; then
  # A token needs only the launcher; build it (quietly) only if it is not there yet.
  build=false
  if [[ ! -f "$LAUNCHER_JAR" || ! -d "$LAUNCHER_LIB" ]]; then
    ./mvnw -q -DskipTests install -pl deploy -am >&2
  fi
fi

# A build rewrites every jar, which makes the start-up caches stale: skip it when no file of the project changed since
# the last one (--build forces it).
STAMP="deploy/target/.suite-build"
if $build && ! $force_build && [[ -f "$STAMP" && -f "$LAUNCHER_JAR" ]] \
    && [[ -z "$(find . \( -name data -o -name target -o -name .git -o -name node_modules \) -prune -o -type f \
                -newer "$STAMP" -print -quit)" ]]; then
  echo "[suite] no file changed since the last build: starting what is built (--build rebuilds anyway)"
  build=false
fi
if $build; then
  if [[ "${SERVICE_MAJOR%%.*}" -ge 25 ]]; then
    echo "[suite] building: ./mvnw -q -DskipTests install (skip with --no-build)"
    ./mvnw -q -DskipTests install
  else
    # AppCDS: the build also runs each service once to record the classes it loads at start (app-cds.jsa beside its
    # jar); the launcher hands that archive to the JVM, which starts the service faster (bench/startup).
    echo "[suite] building: ./mvnw -q -DskipTests install -Dquarkus.package.jar.appcds.enabled=true (skip with --no-build)"
    ./mvnw -q -DskipTests install -Dquarkus.package.jar.appcds.enabled=true
  fi
  touch "$STAMP"
fi

if [[ ! -f "$LAUNCHER_JAR" || ! -d "$LAUNCHER_LIB" ]]; then
  echo "suite.sh: the launcher is not built ($LAUNCHER_JAR). Run: ./mvnw -DskipTests install" >&2
  exit 1
fi

# exec: the JVM replaces this shell, so Ctrl-C and SIGTERM reach it directly and it stops everything in order.
# A script that starts us in the background (`./suite.sh & ...`) hands us SIGINT ignored, and the JVM then leaves it
# ignored: env --default-signal=INT (GNU coreutils 8.31+) restores it so that SIGINT stops the suite there too.
RESET_SIGINT=()
if env --default-signal=INT true >/dev/null 2>&1; then
  RESET_SIGINT=(env --default-signal=INT)
fi
exec ${RESET_SIGINT[@]+"${RESET_SIGINT[@]}"} "$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dqcdc.home="$HOME_DIR" \
  -cp "$LAUNCHER_JAR:$LAUNCHER_LIB/*" vn.qcdc.deploy.Suite "$@"
