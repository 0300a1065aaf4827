#!/usr/bin/env bash
# Does a silo that starts while the hub is under load stall its writes? (issue 10, "Must show")
#
#   loadtests/silo-start/run.sh [ROUNDS=3] [CONCURRENCY=16]
#   HUB_TREE    a built checkout whose silo and gateway to run (default: this one); e.g. an earlier
#               commit, to compare with the schema script that re-ran ALTER TABLE at every start
#   SKIP_BUILD  1: use the existing Release build
#
# Each round: a new database, a silo and a gateway of HUB_TREE, keys provisioned through the admin
# service, then this build's load tool runs submit-unique (every call a write) for WARMUP + 75 s;
# 30 s into the measured part a second silo of HUB_TREE starts on the same database and joins the
# cluster. From the load tool's 5-second time series (the longest latency of the calls that
# completed in each interval) it reports the longest write latency in the intervals overlapping
# the second silo's start (from its launch to its ready line, 5 s margin either side: the load
# tool's own start-up shifts its clock by a second or two) and in the same number of intervals
# just before, without a start; and their ratio. Rounds go to loadtests/reports/silo-start-<time>/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source "$root/scripts/lib.sh"
rounds=${1:-3}
concurrency=${2:-16}
hub=$(cd "${HUB_TREE:-$root}" && pwd)
warmup=10
measured=75
start_at=30
out="$root/loadtests/reports/silo-start-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
work=$(mktemp -d /tmp/exchange-silo-start.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  stop_components
  scripts/pg.sh stop "$work/pg" || true
  rm -rf "$work"
}
trap cleanup EXIT
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$out/run.log"; }

if [[ "${SKIP_BUILD:-}" != 1 ]]; then
  log "building (Release)"
  dotnet build Exchange.sln -c Release -v q -nologo >"$out/build.log" 2>&1 || { tail -n 30 "$out/build.log"; exit 1; }
fi
app=(dotnet "$root/loadtests/Exchange.LoadTests/bin/Release/net10.0/Exchange.LoadTests.dll")
silo_dll="$hub/src/Exchange.Silo/bin/Release/net10.0/Exchange.Silo.dll"
gateway_dll="$hub/src/Exchange.Gateway/bin/Release/net10.0/Exchange.Gateway.dll"
log "hub: $hub ($(git -C "$hub" rev-parse --short HEAD 2>/dev/null || echo 'not a git checkout')), $rounds round(s), $concurrency calls in flight"

pg_port=$(free_port 15480)
scripts/install-fonts.sh # the silo refuses to start without the documents' font
scripts/pg.sh start "$work/pg" "$pg_port"
psql=("$(scripts/pg.sh bin)/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d exchange -qAt)

for round in $(seq 1 "$rounds"); do
  "${psql[@]}" -c "CREATE DATABASE silo_start_$round"
  db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=silo_start_$round"
  port=$(free_port 5480)
  silo1=$(free_port 11480)
  silo2=$(free_port $((silo1 + 10)))
  common_env=(ConnectionStrings__Exchange="$db" Exchange__ClusterId="silo-start-$round")
  start_component silo "$out/silo1-$round.log" "Exchange silo ready" \
    env "${common_env[@]}" Exchange__SiloPort=$silo1 Exchange__GatewayPort=$((silo1 + 1)) dotnet "$silo_dll"
  start_component gateway "$out/gateway-$round.log" "Exchange gateway ready" \
    env "${common_env[@]}" Exchange__Port=$port Exchange__Admin__BootstrapKeyFile="$work/admin-key-$round" dotnet "$gateway_dll"
  EXCHANGE_ADMIN_KEY=$(cat "$work/admin-key-$round") "${app[@]}" provision --endpoint "http://127.0.0.1:$port" \
    --platforms 4 --out "$work/keys-$round.json" >"$out/provision-$round.log"

  log "round $round: submit-unique for ${warmup}s + ${measured}s; a second silo starts ${start_at}s into the measured part"
  tool_started=$(date +%s.%N)
  "${app[@]}" run --endpoint "http://127.0.0.1:$port" --keys "$work/keys-$round.json" --scenario submit-unique \
    --duration "${measured}s" --warmup "${warmup}s" --concurrency "$concurrency" --report-dir "$out/round-$round" \
    >"$out/load-$round.log" 2>&1 &
  load_pid=$!
  sleep $((warmup + start_at))
  launched=$(date +%s.%N)
  start_component silo2 "$out/silo2-$round.log" "Exchange silo ready" \
    env "${common_env[@]}" Exchange__SiloPort=$silo2 Exchange__GatewayPort=$((silo2 + 1)) dotnet "$silo_dll" >/dev/null
  ready=$(date +%s.%N)
  wait "$load_pid" || log "round $round: the load tool reported failed thresholds or errors (see its report)"
  series=$(find "$out/round-$round" -name '*-timeseries.csv' | head -n 1)
  python3 - "$series" "$tool_started" "$warmup" "$launched" "$ready" "$round" <<'EOF' | tee -a "$out/run.log" "$out/results.tsv" >/dev/null
import csv, sys
path, tool_started, warmup, launched, ready, round_ = sys.argv[1], *map(float, sys.argv[2:6]), sys.argv[6]
rows = [r for r in csv.DictReader(open(path)) if r["scenario"] == "submit-unique"]
t0 = tool_started + warmup  # the measured part's start, as near as the wall clock tells
lo, hi = launched - t0 - 5, ready - t0 + 5
def overlaps(r, a, b):
    s = float(r["start_s"]); return s < b and s + float(r["duration_s"]) > a
during = [r for r in rows if overlaps(r, lo, hi)]
before = [r for r in rows if overlaps(r, lo - (hi - lo), lo) and r not in during]
m = lambda rs: max(float(r["max_ms"]) for r in rs)
print(f"round {round_}\tsilo start {ready - launched:.1f} s\tlongest write during the start {m(during):.0f} ms"
      f"\twithout a start {m(before):.0f} ms\tratio {m(during) / m(before):.2f}"
      f"\terrors {sum(int(r['errors']) for r in rows)}\tcalls {sum(int(r['count']) for r in rows)}")
EOF
  tail -n 1 "$out/results.tsv"
  stop_components
done
log "results: ${out#"$root/"}/results.tsv"
