#!/usr/bin/env bash
# SQL-level p50/p99 of the recommendation list queries (exactly as RecommendationService.list writes them) against a
# database that already holds the generated rows (e.g. the one RecommendationListBenchmark fills):
#   PGPORT=38803 bench/inspection/sql-latency.sh [iterations]
set -euo pipefail
N="${1:-200}"
export PGPASSWORD="${PGPASSWORD:-postgres}"
PSQL=(psql -h "${PGHOST:-127.0.0.1}" -p "${PGPORT:?set PGPORT}" -U "${PGUSER:-postgres}" -d "${PGDATABASE:-inspection}" -qAt)
U="('06','058','01834','01837','01840','01855')"
declare -A Q
Q[a_baseline_pk]="SELECT r.* FROM recommendation r WHERE r.id = md5('rec123457')::uuid"
Q[b_unit_due]="SELECT r.* FROM recommendation r WHERE true AND r.unit_code IN $U ORDER BY r.due_date, r.id LIMIT 51"
Q[c_unit_status_overdue]="SELECT r.* FROM recommendation r WHERE true AND r.unit_code IN $U AND r.status = 'IN_PROGRESS' AND (r.due_date < CURRENT_DATE AND r.status NOT IN ('VERIFIED', 'CANCELLED')) ORDER BY r.due_date, r.id LIMIT 51"
Q[d_unit_addressee_range_year]="SELECT r.* FROM recommendation r WHERE true AND r.unit_code IN $U AND r.addressee_types @> CAST(ARRAY['WOMENS_UNION'] AS text[]) AND r.due_date >= DATE '2022-01-01' AND r.due_date <= DATE '2023-12-31' AND r.year_assessed = 2021 ORDER BY r.due_date, r.id LIMIT 51"
Q[e_unit_created_desc]="SELECT r.* FROM recommendation r WHERE true AND r.unit_code IN $U ORDER BY r.created_at DESC, r.id DESC LIMIT 51"
Q[f_unit_q_common]="SELECT r.* FROM recommendation r WHERE true AND r.unit_code IN $U AND r.search_key LIKE '%xuat hoa%' ORDER BY r.due_date, r.id LIMIT 51"
Q[g_unit_q_rare]="SELECT r.* FROM recommendation r WHERE true AND r.unit_code IN $U AND r.search_key LIKE '%so 77777 %' ORDER BY r.due_date, r.id LIMIT 51"
echo "rows: $("${PSQL[@]}" -c 'SELECT count(*) FROM recommendation')"
echo "| query | p50 ms | p99 ms | ratio p50 |"
echo "|---|---:|---:|---:|"
base=""
for k in $(printf '%s\n' "${!Q[@]}" | sort); do
  times=$( { echo '\timing on'; for _ in $(seq 1 "$N"); do echo "${Q[$k]};"; done; } | "${PSQL[@]}" 2>&1 \
    | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | sort -n)
  p50=$(echo "$times" | awk -v n="$N" 'NR==int((n+1)/2){print}')
  p99=$(echo "$times" | awk -v n="$N" 'NR==int(n*0.99+0.999){print}')
  [[ -z "$base" ]] && base="$p50"
  echo "| ${k#?_} | $p50 | $p99 | $(awk -v a="$p50" -v b="$base" 'BEGIN{printf "%.1f×", a/b}') |"
done
