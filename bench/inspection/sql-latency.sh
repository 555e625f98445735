#!/usr/bin/env bash
# SQL-level p50/p99 of the recommendation list queries, exactly as RecommendationService.list writes them and run the
# way the JDBC driver runs them: with bind parameters on server-side prepared statements (pgbench -M prepared), one
# connection, N executions each. After 5 executions PostgreSQL may switch such a statement to a generic plan (made
# without the values), so every query is measured three times: with PostgreSQL's default plan_cache_mode (auto: what
# a connection gets unless told otherwise; pgbench's parameters are untyped, the driver's are typed, so the two may
# not flip alike), with the service's setting (force_custom_plan, see inspection-service/README.md), and with the
# generic plan forced (what a flipped statement costs). Needs a database that already holds the generated rows (e.g. the one
# RecommendationListBenchmark fills):
#   PGPORT=<port> bench/inspection/sql-latency.sh [executions]
set -euo pipefail
N="${1:-200}"
export PGPASSWORD="${PGPASSWORD:-postgres}" PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:?set PGPORT}"
export PGUSER="${PGUSER:-postgres}" PGDATABASE="${PGDATABASE:-inspection}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The unit filter as the service binds it: the coverage of the caller's unit as one text[] parameter (UNITS: an array
# literal; RecommendationListBenchmark passes the 117 codes of unit 06; by default the 6 codes the generated rows of 06 use).
UNITS="${UNITS:-{06,058,01834,01837,01840,01855\}}"
U="= ANY(:units)"
# The columns the service selects (RecommendationRows.COLUMNS; RecommendationListBenchmark passes them).
COLUMNS="${COLUMNS:-r.id, r.inspection_id, r.seq, r.content, r.unit_code, r.unit_name, r.steering_unit_code, r.year_assessed, r.area, r.priority, r.due_date, r.original_due_date, r.status, r.addressees, r.progress_percent, r.last_reason, r.completion_reported_at, r.verified_at, r.completion_reported_on, r.verified_on, r.created_at, r.created_by, r.updated_at, r.updated_by, r.version}"
S="SELECT $COLUMNS FROM recommendation r"
declare -A Q
Q[a_baseline_pk]="$S WHERE r.id = :id"
Q[b_unit_due]="$S WHERE true AND r.unit_code $U ORDER BY r.due_date, r.id LIMIT 51"
Q[c_unit_status_overdue]="$S WHERE true AND r.unit_code $U AND r.status = :st AND (r.due_date < :today AND r.status NOT IN ('VERIFIED', 'CANCELLED')) ORDER BY r.due_date, r.id LIMIT 51"
Q[d_unit_addressee_range_year]="$S WHERE true AND r.unit_code $U AND r.addressee_types @> CAST(ARRAY[:ad] AS text[]) AND r.due_date >= :df AND r.due_date <= :dt AND r.year_assessed = :yr ORDER BY r.due_date, r.id LIMIT 51"
Q[e_unit_created_desc]="$S WHERE true AND r.unit_code $U ORDER BY r.created_at DESC, r.id DESC LIMIT 51"
Q[f_unit_q_common]="$S WHERE true AND r.unit_code $U AND r.search_key LIKE :qc ORDER BY r.due_date, r.id LIMIT 51"
Q[g_unit_q_rare]="$S WHERE true AND r.unit_code $U AND r.search_key LIKE :qr ORDER BY r.due_date, r.id LIMIT 51"
# The same rare term as the service sends it since V9 (RecommendationService.searching): its words through the word
# index, the substring checked on the rows it hands over, those rows collected before they are sorted (OFFSET 0).
Q[h_unit_q_rare_words]="SELECT * FROM ($S WHERE true AND r.unit_code $U AND r.search_words @@ CAST(CAST(:qw AS text) AS tsquery) AND strpos(r.search_key, :qs) > 0 OFFSET 0) r ORDER BY r.due_date, r.id LIMIT 51"
id=$(psql -qAt -c "SELECT id FROM recommendation ORDER BY id LIMIT 1")
VARS=(-D "id=$id" -D "units=$UNITS" -D st=IN_PROGRESS
  -D "today=$(date +%F)" -D ad=WOMENS_UNION -D df=2022-01-01 -D dt=2023-12-31 -D yr=2021 -D "qc=%xuat hoa%"
  -D "qr=%so 77777%" -D "qw='77777':*" -D "qs=so 77777")
echo "$(date -u +%FT%TZ), rows: $(psql -qAt -c 'SELECT count(*) FROM recommendation'), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| query | auto: p50 ms | auto: p99 ms | force_custom_plan: p50 ms | force_custom_plan: p99 ms | force_generic_plan: p50 ms | force_generic_plan: p99 ms |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for k in $(printf '%s\n' "${!Q[@]}" | sort); do
  echo "${Q[$k]};" > "$work/q.sql"
  line="| ${k#?_} |"
  for mode in auto force_custom_plan force_generic_plan; do
    rm -f "$work"/log*
    # A forced generic plan is one plan whatever the values: 20 executions show it, bounded to 2 minutes (the rare
    # term's generic plan scans for seconds per execution).
    n="$N"; limit=600
    [[ $mode == force_generic_plan ]] && n=20 && limit=120
    if (cd "$work" && PGOPTIONS="-c plan_cache_mode=$mode" timeout "$limit" pgbench -n -M prepared -c 1 -t "$n" \
      -f q.sql -l --log-prefix=log "${VARS[@]}" >/dev/null 2>&1); then
      stats=$(cat "$work"/log* | awk '{print $3/1000}' | sort -n | awk '{v[NR]=$1} END {
        printf "%.3f | %.3f", v[int((NR+1)/2)], v[int(NR*0.99+0.999)]}')
    else
      stats="> $((limit * 1000 / n)) | (stopped after $limit s)"
    fi
    line="$line $stats |"
  done
  echo "$line"
done
