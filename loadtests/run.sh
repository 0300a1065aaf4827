#!/usr/bin/env bash
# The benchmark suite in one command. Starts a throwaway PostgreSQL (synchronous_commit=on), the hub
# (silo + gateway) and a bare gRPC echo server on 127.0.0.1, then in one run measures:
#   - memory: silo resident memory with the 36,049 seed applications active, and after they idle out,
#     over the idle silo (read after a warm-up seed has been filed and has idled out);
#   - baselines: pgbench doing a plain single-row upsert of a state-sized payload (the durable-write
#     limit), a bare gRPC echo (the transport limit), and the stateless peer (loadtests/Exchange.Peer:
#     SubmitApplication and GetApplication as a team would build them without Orleans, on the same
#     PostgreSQL, driven by the same get-hot and submit-unique scenarios), at the same concurrency;
#   - scenarios: unique submissions, hot reads, a mixed platform day, a court day (accept, start review,
#     BatchRule of 500, docket reads), both days together without and with 20 platforms watching the
#     change feed (delivery lag), the seed replay with the courts' phases (accept, start review,
#     batch confirm) checked in PostgreSQL;
# and writes the reports to loadtests/reports/<time>/ and the summary to docs/BENCHMARKS.md.
#
#   loadtests/run.sh [DURATION_SECONDS=30] [CONCURRENCY=64]
#   environment: WARMUP (seconds, default 20), SEED_SIZE (default 36049), WARM_SEED_SIZE (applications
#   filed and left to idle out before the idle silo is read, default 8000; 0 reads the silo before any
#   request), IDLE_WAIT (the longest wait, in seconds, for idle applications to leave memory, default 420: idle
#   deactivation after 2 minutes, Orleans' collection quantum, the memory-return check), BENCHMARKS_MD (default docs/BENCHMARKS.md),
#   PHASES (default "memory pgbench echo get-hot submit-unique peer platform-day court-day change-feed"; "memory" is the
#   seed replay: its submissions in two halves around the memory readings, and at the end of the suite
#   the courts' phases on them; "peer" runs get-hot and submit-unique against the peer, each right
#   after the hub's own, as peer-get-hot and peer-submit-unique; FEED_ROUNDS (default 1) runs the change-feed pair that many times,
#   interleaved; with fewer phases, for
#   comparing one change, the figures are printed and BENCHMARKS.md is left alone), and any hub setting
#   as an environment variable, e.g. Exchange__IdleDeactivationMinutes=5; BENCH_TMP (default /tmp) holds
#   the throwaway PostgreSQL: /dev/shm takes the disk out of an A/B comparison of CPU-side changes
#   PG_STATEMENTS=1 adds PostgreSQL's time by statement (pg_stat_statements) to the submit-unique
#   phase's cost line (reports/<run>/submit-unique/cost.txt); EXCHANGE_PG_OPTIONS passes server
#   settings to scripts/pg.sh (e.g. auto_explain); the server's log is kept as reports/<run>/postgres.log
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source "$root/scripts/lib.sh"
duration=${1:-30}
concurrency=${2:-64}
warmup=${WARMUP:-20}
seed_size=${SEED_SIZE:-36049}
warm_seed_size=${WARM_SEED_SIZE:-8000}
idle_wait=${IDLE_WAIT:-420}
benchmarks_md=${BENCHMARKS_MD:-$root/docs/BENCHMARKS.md}
all_phases="memory pgbench echo get-hot submit-unique peer platform-day court-day change-feed"
phases=${PHASES:-$all_phases}
phase() { [[ " $phases " == *" $1 "* ]]; }
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$root/loadtests/reports/$stamp"
mkdir -p "$out"
work=$(mktemp -d "${BENCH_TMP:-/tmp}/exchange-bench.XXXXXX")
chmod 755 "$work"
pids=()
cleanup() {
  stop_components
  scripts/pg.sh stop "$work/pg" || true
  [[ -f "$work/pg/run/postgres.log" ]] && cp "$work/pg/run/postgres.log" "$out/postgres.log"
  rm -rf "$work"
}
trap cleanup EXIT

log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$out/run.log"; }

log "building (Release)"
dotnet build Exchange.sln -c Release -v q -nologo >"$out/build.log" 2>&1 || { tail -n 30 "$out/build.log"; exit 1; }
app=(dotnet "$root/loadtests/Exchange.LoadTests/bin/Release/net10.0/Exchange.LoadTests.dll")

pg_port=$(free_port 15470)
[[ "${PG_STATEMENTS:-0}" == 1 ]] && export EXCHANGE_PG_OPTIONS="${EXCHANGE_PG_OPTIONS:-} -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on"
# The font issued documents are set in (the silo refuses to start without it): installed when missing.
scripts/install-fonts.sh
scripts/pg.sh start "$work/pg" "$pg_port"
pg_bin=$(scripts/pg.sh bin)
[[ "${PG_STATEMENTS:-0}" == 1 ]] && "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d exchange -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=exchange${BENCH_DB_OPTIONS:+;$BENCH_DB_OPTIONS}"
silo_port=$(free_port 11300)
silo_gateway_port=$(free_port $((silo_port + 1)))
# The silo's Prometheus endpoint: the group-commit writer's rows per flush (cost_report).
silo_metrics_port=$(free_port $((silo_port + 7)))
port=$(free_port 5380)
echo_port=$(free_port $((port + 1)))
peer_port=$(free_port $((echo_port + 1)))

log "starting the hub (silo $silo_port/$silo_gateway_port, gateway $port) and the echo server ($echo_port)"
export ConnectionStrings__Exchange="$db" Exchange__ClusterId=bench Exchange__SiloPort=$silo_port \
  Exchange__GatewayPort=$silo_gateway_port Exchange__SiloMetricsPort=$silo_metrics_port Exchange__Port=$port Exchange__IdleDeactivationMinutes=2 \
  Exchange__Admin__BootstrapKeyFile="$work/admin-key" \
  Exchange__RateLimits__Platform__PermitsPerSecond=${EXCHANGE_BENCH_PLATFORM_LIMIT:-0} Exchange__RateLimits__Court__PermitsPerSecond=${EXCHANGE_BENCH_COURT_LIMIT:-0}
# The per-platform and per-court limits (500 calls/s each by default) guard against a runaway
# client; the scenarios measure what the hub serves, so they run without them unless set
# (get-hot drove a few platforms past 500/s: 14 % RESOURCE_EXHAUSTED in run 20261206T071611Z).
if [[ "${Exchange__CoHostGateway:-false}" == true ]]; then
  # Silo and gateway in one process: the host project (src/Exchange.Host).
  start_component silo "$out/silo.log" "Exchange gateway ready" dotnet src/Exchange.Host/bin/Release/net10.0/Exchange.Host.dll
  silo_pid=${pids[-1]}
  log "gateway co-hosted with the silo (Exchange.Host)"
else
  start_component silo "$out/silo.log" "Exchange silo ready" dotnet src/Exchange.Silo/bin/Release/net10.0/Exchange.Silo.dll
  silo_pid=${pids[-1]}
  start_component gateway "$out/gateway.log" "Exchange gateway ready" dotnet src/Exchange.Gateway/bin/Release/net10.0/Exchange.Gateway.dll
  gateway_pid=${pids[-1]}
fi
start_component echo "$out/echo.log" "Echo server ready" "${app[@]}" echo-server --port "$echo_port"
EXCHANGE_ADMIN_KEY=$(cat "$work/admin-key") "${app[@]}" provision --endpoint "http://127.0.0.1:$port" --platforms 20 --out "$work/keys.json" >"$out/provision.log"
# The stateless peer, in the hub's database (its own schema, "peer"), accepting the same platform keys.
peer_pid=""
if phase peer; then
  log "starting the stateless peer ($peer_port)"
  start_component peer "$out/peer.log" "Peer ready" dotnet loadtests/Exchange.Peer/bin/Release/net10.0/Exchange.Peer.dll \
    --port "$peer_port" --db "$db" --keys "$work/keys.json"
  peer_pid=${pids[-1]}
fi

endpoint="http://127.0.0.1:$port"
run_scenario() { # LABEL SCENARIO [extra options]: reports go to $out/LABEL; against $target (default: the hub)
  local label=$1 name=$2
  shift 2
  log "scenario $name ($label)"
  "${app[@]}" run --endpoint "${target:-$endpoint}" --echo-endpoint "http://127.0.0.1:$echo_port" --keys "$work/keys.json" \
    --db "$db" --scenario "$name" --report-dir "$out/$label" "$@" 2>&1 | tail -n 40 >>"$out/run.log" \
    || log "scenario $label: thresholds failed or errors (see its report)"
}
rss() { awk '/^VmRSS:/ {print $2}' "/proc/$silo_pid/status"; }
gateway_pid=${gateway_pid:-}
# What a phase cost, counted rather than timed (a shared machine's noise moves rates, much less these):
# CPU seconds of PostgreSQL (every backend, and those that ended: the postmaster's children's time),
# the silo, the gateway and the load generator (this script's ended children), WAL bytes, commits and
# applications stored. cost_mark prints a snapshot; cost_report LABEL BEFORE AFTER logs the
# difference per stored application to run.log and $out/LABEL/cost.txt (with PG_STATEMENTS=1, and
# cost_start for the first snapshot, PostgreSQL's time by statement too). With "peer" as their last
# argument they count the peer instead: its process in the gateway's place, its own table's rows.
clk_tck=$(getconf CLK_TCK)
cpu_of() { # PID [children too: 1]: CPU ticks of the process (and of its reaped children)
  [[ -r /proc/$1/stat ]] || { echo 0; return; }
  awk -v kids="${2:-0}" '{ sub(/^.*\) /, ""); t = $12 + $13; if (kids) t += $14 + $15; print t }' "/proc/$1/stat"
}
pg_cpu() {
  local master total child
  master=$(head -n 1 "$work/pg/db/postmaster.pid")
  total=$(cpu_of "$master" 1)
  for child in $(pgrep -P "$master"); do total=$((total + $(cpu_of "$child"))); done
  echo "$total"
}
cost_start() { # [peer]: cost_mark, after clearing PostgreSQL's statement statistics (PG_STATEMENTS=1)
  if [[ "${PG_STATEMENTS:-0}" == 1 ]]; then
    "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d exchange -qtAc "SELECT pg_stat_statements_reset()" >/dev/null
  fi
  cost_mark "$@"
}
cost_mark() { # [peer]
  # Applications stored: rows inserted into exchange_applications (the peer: peer.applications) by
  # PostgreSQL's statistics (the hub's tables are read only through Exchange.Storage; the statistics
  # lag the inserts by about a second, hence the pause).
  sleep 1.5
  local stored="relname = 'exchange_applications'" silo=$silo_pid service=$gateway_pid
  [[ ${1:-} == peer ]] && stored="schemaname = 'peer' AND relname = 'applications'" silo="" service=$peer_pid
  local sql="SELECT pg_current_wal_lsn() - '0/0', (SELECT xact_commit FROM pg_stat_database WHERE datname = 'exchange'), (SELECT n_tup_ins FROM pg_stat_user_tables WHERE $stored)"
  echo "$(pg_cpu) $( [[ -n $silo ]] && cpu_of "$silo" || echo 0) $( [[ -n $service ]] && cpu_of "$service" || echo 0) $(cpu_of $$ 1)" \
    "$("$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d exchange -tAF' ' -c "$sql")" "$( [[ -n $silo ]] && flush_mark || echo 0 0)"
}
flush_buckets="1 2 3 4 6 8 12 16 24 32 48 64 96 128 192 256 +Inf"
flush_mark() { # the silo's group-commit writer so far: flushes, rows, the cumulative count of each bucket above; then the bytes the silo allocated
  curl -sf --max-time 5 "http://127.0.0.1:$silo_metrics_port/metrics" 2>/dev/null | awk -v buckets="$flush_buckets" '
    BEGIN { n = split(buckets, le, " ") }
    /^exchange_submissions_rows_per_flush[a-z_]*_count[{ ]/ { count += $2 + 0 }
    /^exchange_submissions_rows_per_flush[a-z_]*_sum[{ ]/ { sum += $2 + 0 }
    /^exchange_submissions_rows_per_flush[a-z_]*_bucket[{]/ { if (match($0, /le="[^"]*"/)) { b = substr($0, RSTART + 4, RLENGTH - 5); c[b] += $2 + 0 } }
    /^(dotnet_gc_heap_total_allocated|process_runtime_dotnet_gc_allocations_size)[a-z_]*[{ ]/ { allocated += $2 + 0 }
    END { printf "%d %d", count, sum; for (i = 1; i <= n; i++) printf " %d", c[le[i]]; printf " %.0f\n", allocated }' || echo 0 0
}
cost_report() { # LABEL BEFORE AFTER [peer]
  local line
  line=$(awk -v tck="$clk_tck" -v label="$1" -v peer="${4:-}" -v buckets="$flush_buckets" '
    NR == 1 { for (i = 1; i <= NF; i++) b[i] = $i }
    NR == 2 { for (i = 1; i <= NF; i++) d[i] = $i - b[i]
      n = d[7]; if (n <= 0) { print label ": no applications stored"; exit }
      service = peer == "peer" ? sprintf("peer %.3f", 1000 * d[3] / tck / n) \
        : sprintf("silo %.3f, gateway %.3f", 1000 * d[2] / tck / n, 1000 * d[3] / tck / n)
      # The group-commit writer (fields 8 on: flushes, rows, cumulative bucket counts): its rows per
      # flush as a mean and as the bucket bounds of the median and the 99th percentile.
      flushes = ""; nb = split(buckets, le, " ")
      if (d[8] > 0) {
        for (i = 1; i <= nb; i++) { if (p50 == "" && d[9 + i] >= 0.5 * d[8]) p50 = le[i]; if (p99 == "" && d[9 + i] >= 0.99 * d[8]) p99 = le[i] }
        flushes = sprintf("; rows per flush %.1f mean, p50 <= %s, p99 <= %s (%d flushes)", d[9] / d[8], p50, p99, d[8])
      }
      if (d[10 + nb] > 0) flushes = flushes sprintf("; silo allocated %.1f KB", d[10 + nb] / n / 1000)
      printf "%s cost per stored application (%d stored): CPU ms PostgreSQL %.3f, %s, load generator %.3f; WAL bytes %.0f; commits %.2f%s\n",
        label, n, 1000 * d[1] / tck / n, service, 1000 * d[4] / tck / n, d[5] / n, d[6] / n, flushes }' \
    <(echo "$2"; echo "$3"))
  log "$line"
  mkdir -p "$out/$1" && echo "$line" >"$out/$1/cost.txt"
  if [[ "${PG_STATEMENTS:-0}" == 1 ]]; then
    # PostgreSQL's time by statement since the previous report (pg_stat_statements, loaded by
    # PG_STATEMENTS=1): where the database's share of a submission goes.
    "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d exchange -qAF $'\t' -c \
      "SELECT calls, round(total_exec_time::numeric, 1) AS exec_ms, round(total_plan_time::numeric, 1) AS plan_ms, rows, wal_bytes, left(regexp_replace(query, '\s+', ' ', 'g'), 160) AS query
         FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 15" >>"$out/$1/cost.txt"
  fi
}

# 1. Memory. The idle silo is read after a warm-up seed has been filed and has idled out: what a
#    silo keeps after its first busy minutes (compiled code, grown pools and thread stacks) is not
#    memory per application and never comes back; the reading before any request is reported too.
#    Then the seed in two halves; the marginal cost per application is the slope between them. The
#    courts act on the whole seed at the end of the suite (4.), long after the applications idled out.
rss_cold=0 rss_start=0 rss_half=0 rss_full=0 rss_idle=0 pgbench_tps=0 pgbench_latency=0 pgbench_state_tps=0 pgbench_state_latency=0
# The silo compacts its heap once the applications have been deactivated (MemoryReturnService logs
# "Active applications fell" each time; it needs a drop of at least 5,000): wait for the N-th such
# line, up to IDLE_WAIT, so that a reading is not taken a moment before it.
wait_idled_out() { # N
  for _ in $(seq 1 $((idle_wait / 10))); do
    [ "$(grep -c "Active applications fell" "$out/silo.log")" -ge "$1" ] && { sleep 5; return; }
    sleep 10
  done
  log "no heap compaction seen within ${idle_wait}s: the next reading includes uncollected memory"
}
if phase memory; then
rss_cold=$(rss)
if ((warm_seed_size > 0)); then
  run_scenario seed-warm-up seed-replay --seed-size "$warm_seed_size" --concurrency "$concurrency" --warmup 0s \
    --seed-court-phases false
  log "silo RSS: before any request $rss_cold KiB, $warm_seed_size warm-up applications active $(rss) KiB; waiting up to ${idle_wait}s for them to idle out"
  wait_idled_out 1
fi
rss_start=$(rss)
half=$((seed_size / 2))
run_scenario seed-replay-1 seed-replay --seed-size "$half" --concurrency "$concurrency" --warmup 0s \
  --seed-court-phases false --seed-save "$work/seed-1.tsv"
rss_half=$(rss)
run_scenario seed-replay-2 seed-replay --seed-size $((seed_size - half)) --concurrency "$concurrency" --warmup 0s \
  --seed-court-phases false --seed-save "$work/seed-2.tsv"
rss_full=$(rss)
log "silo RSS: idle $rss_start KiB, $half active $rss_half KiB, $seed_size active $rss_full KiB; waiting up to ${idle_wait}s for them to idle out"
wait_idled_out $(( warm_seed_size > 0 ? 2 : 1 ))
rss_idle=$(rss)
log "silo RSS after the applications idled out: $rss_idle KiB"
fi

# 2. The durable-write baselines: pgbench, a plain single-row upsert of a payload the size of our state,
#    at the same concurrency: first 3,081 bytes of one letter, then the bytes of a real stored state
#    (state-template.json, a fresh id in each row). PostgreSQL compresses the letter to a few dozen
#    bytes but our state JSON as little as the hub's own rows, so the second is the cost of storing one
#    state row as such. (pgbench would read ":name" inside the JSON as one of its variables: a space
#    goes after such colons.)
payload_bytes=$(wc -c <"$root/loadtests/storage-cost/state-template.json")
pgbench_upsert() { # NAME PAYLOAD_SQL: pgbench's output goes to $out/NAME.txt
  { echo '\set id random(1, 2000000000)'
    echo "INSERT INTO bench_upsert VALUES (:id, $2, now()) ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload, modified_on = now();"
  } >"$work/$1.sql"
  "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d exchange -qc "TRUNCATE bench_upsert"
  "$pg_bin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -c "$concurrency" -j 2 -T "$duration" \
    -f "$work/$1.sql" exchange >"$out/$1.txt" 2>&1
}
tps_of() { sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$out/$1.txt"; }
latency_of() { sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$out/$1.txt"; }
if phase pgbench; then
"$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d exchange -qc \
  "CREATE TABLE IF NOT EXISTS bench_upsert (id bigint PRIMARY KEY, payload bytea NOT NULL, modified_on timestamptz NOT NULL)"
log "baseline pgbench upsert ($payload_bytes bytes of one letter, $concurrency clients, ${duration}s)"
pgbench_upsert pgbench "convert_to(repeat('x', $payload_bytes), 'UTF8')"
pgbench_tps=$(tps_of pgbench) pgbench_latency=$(latency_of pgbench)
log "pgbench upsert: $pgbench_tps tps (latency average $pgbench_latency ms)"
template=$(sed -E 's/:([A-Za-z_])/: \1/g' "$root/loadtests/storage-cost/state-template.json")
log "baseline pgbench upsert of a stored state ($payload_bytes bytes of state JSON, $concurrency clients, ${duration}s)"
pgbench_upsert pgbench-state "convert_to(replace('$template', '@ID@', md5(:id::text)::uuid::text), 'UTF8')"
pgbench_state_tps=$(tps_of pgbench-state) pgbench_state_latency=$(latency_of pgbench-state)
log "pgbench upsert of a stored state: $pgbench_state_tps tps (latency average $pgbench_state_latency ms)"
# Nothing of the baseline's rows is left for autovacuum to work on during the scenarios (a suspect
# for the hot reads' spread): emptied, then vacuumed (two commands: VACUUM runs outside a transaction).
"$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d exchange -q -c "TRUNCATE bench_upsert" -c "VACUUM (ANALYZE) bench_upsert"
fi

# 3. The transport baseline and the scenarios, each measured after its own warm-up.
common=(--duration "${duration}s" --warmup "${warmup}s" --concurrency "$concurrency")
phase echo && run_scenario echo echo "${common[@]}"
peer_endpoint="http://127.0.0.1:$peer_port"
phase get-hot && run_scenario get-hot get-hot "${common[@]}"
phase peer && target=$peer_endpoint run_scenario peer-get-hot get-hot "${common[@]}"
if phase submit-unique; then
  before=$(cost_start)
  run_scenario submit-unique submit-unique "${common[@]}"
  cost_report submit-unique "$before" "$(cost_mark)"
fi
if phase peer; then
  before=$(cost_start peer)
  target=$peer_endpoint run_scenario peer-submit-unique submit-unique "${common[@]}"
  cost_report peer-submit-unique "$before" "$(cost_mark peer)" peer
fi
phase platform-day && run_scenario platform-day platform-day "${common[@]}"
phase court-day && run_scenario court-day court-day "${common[@]}"
# The change feed: the two days together without streams, then with 20 platforms watching,
# FEED_ROUNDS times interleaved (default 1); the last round's reports are the ones summarized.
if phase change-feed; then
  feed_rounds=${FEED_ROUNDS:-1}
  for round in $(seq 1 "$feed_rounds"); do
    suffix=""; ((round < feed_rounds)) && suffix="-round$round"
    run_scenario "change-feed-unwatched$suffix" change-feed-unwatched "${common[@]}"
    run_scenario "change-feed$suffix" change-feed "${common[@]}"
  done
fi

# 4. The seed replay's court phases on the whole seed, as the courts would act days after the
#    filing (every application is read back from PostgreSQL): accept, start review, batch confirm,
#    then every application and every court's case numbers checked in PostgreSQL.
phase memory && run_scenario seed-court seed-replay --seed-size 0 --seed-from "$work/seed-1.tsv,$work/seed-2.tsv" \
  --concurrency "$concurrency" --warmup 0s

for name in echo get-hot peer-get-hot submit-unique peer-submit-unique platform-day court-day change-feed-unwatched change-feed seed-court; do
  [[ -f "$out/$name/summary.json" ]] && echo "$name: $(grep -oE '"name": ?"[^"]*"|"rps": ?[0-9.]+|"rate_per_s": ?[0-9.]+|"items_per_s": ?[0-9.]+|"p99_ms": ?[0-9.]+|"errors": ?[0-9]+' "$out/$name/summary.json" | paste -sd' ')" | tee -a "$out/run.log"
done
# The ratios to the peer (and to the upsert baseline), also when BENCHMARKS.md is left alone.
rps_of() { [[ -f "$out/$1/summary.json" ]] && grep -oE '"rps": ?[0-9.]+' "$out/$1/summary.json" | head -n 1 | grep -oE '[0-9.]+$' || echo 0; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }
if phase peer; then
  upsert=$pgbench_state_tps
  log "ratios: submissions hub/peer $(ratio "$(rps_of submit-unique)" "$(rps_of peer-submit-unique)"), hub/upsert $(ratio "$(rps_of submit-unique)" "$upsert"), peer/upsert $(ratio "$(rps_of peer-submit-unique)" "$upsert"); hot reads hub/peer $(ratio "$(rps_of get-hot)" "$(rps_of peer-get-hot)"), hub/echo $(ratio "$(rps_of get-hot)" "$(rps_of echo)"), peer/echo $(ratio "$(rps_of peer-get-hot)" "$(rps_of echo)")"
fi
if [[ "$phases" != "$all_phases" ]]; then
  log "not all phases ran: $benchmarks_md left alone; reports in ${out#"$root/"}"
  exit 0
fi
log "writing $benchmarks_md"
"${app[@]}" write-benchmarks --reports "$out" --out "$benchmarks_md" \
  --pgbench-tps "$pgbench_tps" --pgbench-latency-ms "$pgbench_latency" --payload-bytes "$payload_bytes" \
  --pgbench-state-tps "$pgbench_state_tps" --pgbench-state-latency-ms "$pgbench_state_latency" \
  --rss-cold "$rss_cold" --warm-seed-size "$warm_seed_size" --rss-start "$rss_start" --rss-half "$rss_half" --rss-full "$rss_full" --rss-idle "$rss_idle" \
  --seed-size "$seed_size" --concurrency "$concurrency" --duration "$duration" --warmup "$warmup" \
  --command "$( [[ "${Exchange__CoHostGateway:-false}" == true ]] && echo 'Exchange__CoHostGateway=true ')loadtests/run.sh $duration $concurrency" \
  --hub-mode "$( [[ "${Exchange__CoHostGateway:-false}" == true ]] && echo 'silo and gateway in one process (Exchange.Host)' || echo 'silo and gateway in separate processes')" --commit "$(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')"
log "done: reports in ${out#"$root/"}, summary in ${benchmarks_md#"$root/"}"
