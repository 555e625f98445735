#!/usr/bin/env bash
# Where the CPU goes while ThroughputBenchmark runs: start this beside the benchmark, stop it with Ctrl-C when the
# benchmark is done, then summarise the samples:
#
#   bench/inspection/cpu-split.sh samples.txt            # samples once a second until stopped
#   bench/inspection/cpu-split.sh --summary samples.txt  # cores busy per phase (wrk mode or pgbench) and per part
#
# A sample is: the time, what load runs (the mode wrk was given, "pgbench", or "-"), PostgreSQL's CPU ticks (live
# processes plus the postmaster's exited children), and the benchmark JVM's ticks per thread name (digits dropped, so
# executor-thread-1..n count as one). Only /proc, pgrep, awk and sort are used. A tick is 1/CLK_TCK s.
set -u
if [ "${1:-}" = "--summary" ]; then
  hz=$(getconf CLK_TCK)
  awk -v hz="$hz" '
    { t = $1; w = $2; delete cur; for (i = 3; i <= NF; i++) { split($i, kv, "="); cur[kv[1]] = kv[2] }
      if (w == pw && w != "-") { secs[w] += t - pt; for (k in cur) if (k in prev) used[w, k] += cur[k] - prev[k] }
      pw = w; pt = t; delete prev; for (k in cur) prev[k] = cur[k] }
    END { for (wk in used) { split(wk, p, SUBSEP); c = used[wk] / secs[p[1]] / hz
            if (c >= 0.01) printf "%-16s %-24s %5.2f cores (%d s)\n", p[1], p[2], c, secs[p[1]] } }' "$2" | sort -k1,1 -k3,3nr
  exit 0
fi
out=$1
: > "$out"
while true; do
  jvm=""
  for p in $(pgrep java); do
    c=$(tr '\0' ' ' < /proc/$p/cmdline 2>/dev/null)
    case "$c" in *surefire*) [[ "$c" != *classworlds* ]] && jvm=$p ;; esac
  done
  load=$(pgrep -a -x wrk | awk '{print $NF}' | head -1)
  pgrep -x pgbench > /dev/null && load=pgbench
  pg=0
  for p in $(pgrep -x postgres); do pg=$((pg + $(awk '{print $14 + $15}' /proc/$p/stat 2>/dev/null || echo 0))); done
  pm=$(pgrep -o -x postgres)
  [ -n "$pm" ] && pg=$((pg + $(awk '{print $16 + $17}' /proc/$pm/stat 2>/dev/null || echo 0)))
  threads=""
  if [ -n "$jvm" ]; then
    threads=$(for t in /proc/$jvm/task/*; do
      n=$(tr ' ' '_' < $t/comm 2>/dev/null | sed 's/[#0-9-]*$//'); awk -v n="$n" '{print n, $14 + $15}' $t/stat 2>/dev/null
    done | awk '{a[$1] += $2} END {for (k in a) printf "%s=%d ", k, a[k]}')
  fi
  echo "$(date +%s.%N | cut -c1-14) ${load:--} postgres=$pg $threads" >> "$out"
  sleep 1
done
