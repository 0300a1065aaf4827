#!/usr/bin/env bash
# The fault suite in one command: a throwaway PostgreSQL (scripts/pg.sh), the silo and gateway as
# real processes (as ./run.sh starts them), and the load driver (tests/faults/Exchange.Faults):
# each fault hits the hub while 64 callers submit new applications, each repeated with the same
# platform case id (the idempotency key) after any answer that leaves its outcome open. The driver
# then checks every acknowledged receipt against PostgreSQL. Faults, in order, on one hub:
#   a  SIGKILL of the (only) silo, which is started again at once, as a supervisor would
#   b  PostgreSQL stopped for 10 s
#   c  a second silo joins; SIGKILL of the first
#   d  a second gateway joins, the callers use both; SIGKILL of the first gateway
#   e  silo and gateway stopped and started again with their clock shifted by a day (Exchange:ClockFile)
# and writes docs/RELIABILITY.md (a table per fault, the command, the machine).
#
#   tests/faults/run.sh                 the full suite (5,000 submissions per fault, 64 callers)
#   FAULTS_SHORT=1 tests/faults/run.sh  the short form for CI: 500 submissions, faults a and b, about
#                                       a minute; writes its report under tests/faults/reports/ only
#   environment: SUBMISSIONS, CALLERS, FAULTS (e.g. "a c"), RELIABILITY_MD (where the report goes),
#   FAULTS_BUILD=0 (skip the build: the solution is built already, e.g. by test.sh)
# Exit status 1 when any fault lost or duplicated an acknowledged application, or answered INTERNAL.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
source "$root/scripts/lib.sh"
short=${FAULTS_SHORT:-0}
if [[ "$short" == 1 ]]; then
  submissions=${SUBMISSIONS:-500}; faults=${FAULTS:-"a b"}; default_md=""
else
  submissions=${SUBMISSIONS:-5000}; faults=${FAULTS:-"a b c d e"}; default_md="$root/docs/RELIABILITY.md"
fi
callers=${CALLERS:-64}
reliability_md=${RELIABILITY_MD:-$default_md}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$root/tests/faults/reports/$stamp"
mkdir -p "$out"
work=$(mktemp -d /tmp/exchange-faults.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  stop_components
  scripts/pg.sh stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
log() { echo "[$(date -u +%H:%M:%S)] $*" | tee -a "$out/run.log"; }
now_ms() { date +%s%3N; }
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

if [[ "${FAULTS_BUILD:-1}" != 0 ]]; then
  log "building (Release)"
  dotnet build Exchange.sln -c Release -v q -nologo >"$out/build.log" 2>&1 || { tail -n 30 "$out/build.log"; exit 1; }
fi

# The font issued documents are set in (the silo refuses to start without it): installed when missing.
scripts/install-fonts.sh

# A port may be bound without listening yet (another run starting): then the next one.
pg_port=$(free_port 15470)
until scripts/pg.sh start "$work/pg" "$pg_port" >/dev/null 2>"$out/pg-start.log"; do
  (( pg_port < 15473 )) || { cat "$out/pg-start.log"; exit 1; }
  pg_port=$(free_port $((pg_port + 1)))
done
db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=exchange"
silo_ports=($(free_port 15474) $(free_port 15475))
silo_gateway_ports=($(free_port 15476) $(free_port 15477))
gateway_ports=($(free_port 15480) $(free_port 15481))
export ConnectionStrings__Exchange="$db" Exchange__ClusterId=faults
# Warnings and the ready lines (a name with dots cannot be exported from bash: env passes it).
quiet=(Logging__LogLevel__Default=Warning Logging__LogLevel__Microsoft.Hosting.Lifetime=Information)
# Which process is which: run.sh kills only these pids, never a process it did not start.
declare -A running=()

start_silo() { # NAME INDEX [extra env...]
  local name=$1 i=$2
  shift 2
  start_component "$name" "$out/$name.log" "Exchange silo ready" \
    env "${quiet[@]}" Exchange__SiloPort="${silo_ports[$i]}" Exchange__GatewayPort="${silo_gateway_ports[$i]}" "$@" \
    dotnet src/Exchange.Silo/bin/Release/net10.0/Exchange.Silo.dll >/dev/null
  running[$name]=${pids[-1]}
}
start_gateway() { # NAME INDEX [extra env...]
  local name=$1 i=$2
  shift 2
  start_component "$name" "$out/$name.log" "Exchange gateway ready" \
    env "${quiet[@]}" Exchange__Port="${gateway_ports[$i]}" Exchange__Admin__BootstrapKeyFile="$work/admin-key" "$@" \
    dotnet src/Exchange.Gateway/bin/Release/net10.0/Exchange.Gateway.dll >/dev/null
  running[$name]=${pids[-1]}
}
kill_now() { # NAME: SIGKILL, as when the machine loses power
  kill -KILL "${running[$1]}"
  wait "${running[$1]}" 2>/dev/null || true
  unset "running[$1]"
}
stop_now() { # NAME: SIGTERM, the orderly stop
  kill -TERM "${running[$1]}"
  wait "${running[$1]}" 2>/dev/null || true
  unset "running[$1]"
}
endpoint() { echo "http://127.0.0.1:${gateway_ports[$1]}"; }

# The fault's part of run.sh runs once the load has been acknowledged a third of the way: the file
# the driver rewrites every 100 ms says how far it is.
wait_progress() { # FILE COUNT DRIVER-PID
  local n
  while :; do
    n=$(cat "$1" 2>/dev/null || true)
    if (( ${n:-0} >= $2 )); then return 0; fi
    kill -0 "$3" 2>/dev/null || return 1
    sleep 0.1
  done
}

status=0
run_fault() { # NAME TITLE NOTE ENDPOINTS FAULT-FUNCTION
  local name=$1 title=$2 note=$3 endpoints=$4 fault=$5
  log "fault $name: $title"
  dotnet tests/faults/Exchange.Faults/bin/Release/net10.0/Exchange.Faults.dll \
    --name "$name" --title "$title" --note "$note" --endpoints "$endpoints" --admin-key-file "$work/admin-key" \
    --db "$db" --submissions "$submissions" --callers "$callers" --progress "$work/$name.progress" \
    --fault-file "$work/$name.fault" --out "$out/$name.md" >"$out/$name.driver.log" 2>&1 &
  local driver=$!
  if wait_progress "$work/$name.progress" $((submissions / 3)) "$driver"; then
    echo "start $(now_ms)" >"$work/$name.fault"
    "$fault"
  else
    log "fault $name: the load stopped before the fault (driver log: $out/$name.driver.log)"
    echo "start $(now_ms)" >"$work/$name.fault"
  fi
  echo "end $(now_ms)" >>"$work/$name.fault"
  if ! wait "$driver"; then
    status=1
    log "fault $name: lost, duplicated or INTERNAL answers, or the driver failed (see $out/$name.driver.log)"
  fi
  [[ -f "$out/$name.md" ]] && grep -E "acknowledged\*\*|lost\*\*|duplicated\*\*|longest gap|recovered" "$out/$name.md" | tee -a "$out/run.log"
}

fault_a() { kill_now silo1; start_silo silo1 0; }
fault_b() { scripts/pg.sh stop "$work/pg" >/dev/null; sleep 10; scripts/pg.sh start "$work/pg" "$pg_port" >/dev/null; }
fault_c() { kill_now silo1; }
fault_d() { kill_now gateway1; }
fault_e() {
  stop_now gateway2; stop_now silo2
  # One day ahead (the load's filing dates stay inside the 30-day window). A shifted clock is
  # allowed only in the Testing environment.
  echo 86400 >"$work/clock"
  start_silo silo2 1 DOTNET_ENVIRONMENT=Testing Exchange__ClockFile="$work/clock"
  start_gateway gateway2 1 DOTNET_ENVIRONMENT=Testing Exchange__ClockFile="$work/clock"
}
has() { [[ " $faults " == *" $1 "* ]]; }

log "starting the hub: PostgreSQL $pg_port, silo ${silo_ports[0]}/${silo_gateway_ports[0]}, gateway ${gateway_ports[0]}"
start_silo silo1 0
start_gateway gateway1 0

if has a; then
  run_fault a "(a) SIGKILL of the silo during $submissions submissions" \
    "One silo, one gateway. The silo is killed with SIGKILL and started again at once (same ports), as a supervisor would; the gateway is not restarted." \
    "$(endpoint 0)" fault_a
fi
if has b; then
  run_fault b "(b) PostgreSQL stopped for 10 s under load" \
    "scripts/pg.sh stop (fast shutdown), 10 s, scripts/pg.sh start; silo and gateway keep running." \
    "$(endpoint 0)" fault_b
fi
if has c || has d || has e; then
  start_silo silo2 1
fi
if has c; then
  run_fault c "(c) Two silos, SIGKILL of one" \
    "Silos 1 and 2, one gateway; silo 1 is killed with SIGKILL and not started again." \
    "$(endpoint 0)" fault_c
fi
if has d || has e; then
  start_gateway gateway2 1
fi
if has d; then
  run_fault d "(d) SIGKILL of a gateway mid-load" \
    "Two gateways, the callers spread over both and move to the other after a failed attempt; gateway 1 is killed with SIGKILL and not started again." \
    "$(endpoint 0),$(endpoint 1)" fault_d
fi
if has e; then
  run_fault e "(e) Restart with a shifted clock" \
    "Silo and gateway stopped (SIGTERM) and started again with Exchange:ClockFile one day ahead (the Testing environment); the restart is the fault, so \"recovered\" means served again by the restarted processes." \
    "$(endpoint 1)" fault_e
fi

load_end=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "# Reliability: the fault suite's figures"
  echo
  echo "Written by \`tests/faults/run.sh\`${FAULTS_SHORT:+ (FAULTS_SHORT=$FAULTS_SHORT)} on $(date -u '+%Y-%m-%d %H:%M UTC') (reports: tests/faults/reports/$stamp). Each fault hits"
  echo "a hub of real processes — PostgreSQL (scripts/pg.sh, synchronous_commit=on), the Orleans silo and"
  echo "the gRPC gateway as ./run.sh starts them — while $callers callers submit $submissions new applications,"
  echo "each repeated unchanged (same platform case id, the idempotency key) after UNAVAILABLE, UNKNOWN"
  echo "(OUTCOME_UNKNOWN), DEADLINE_EXCEEDED or RESOURCE_EXHAUSTED, with a 10 s deadline per attempt. The"
  echo "fault starts once a third of the submissions are acknowledged. Afterwards every acknowledged"
  echo "receipt is looked up in PostgreSQL: **lost** counts acknowledged applications missing there (or"
  echo "stored under another id), **duplicated** a case acknowledged under two ids or stored twice."
  echo "The longest gap is the longest time between two successful answers, all callers together."
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM,"
  echo "$(uname -sr), .NET $(dotnet --version), PostgreSQL $("$(scripts/pg.sh bin)/postgres" --version | awk '{print $3}')."
  echo "Load average (1, 5, 15 min) at the start $load_start, at the end $load_end: the machine was shared"
  echo "with other builds and test runs, so gaps and durations are longer than on a quiet machine; the"
  echo "counts of lost and duplicated applications do not depend on it."
  echo
  for name in a b c d e; do
    if has "$name" && [[ -f "$out/$name.md" ]]; then cat "$out/$name.md"; fi
  done
} >"$out/RELIABILITY.md"
if [[ -n "$reliability_md" ]]; then cp "$out/RELIABILITY.md" "$reliability_md"; log "wrote $reliability_md"; fi
log "report: $out/RELIABILITY.md"
exit $status
