#!/usr/bin/env bash
# Runs the hub on this machine: PostgreSQL (a throwaway local one under .exchange/pg unless
# EXCHANGE_DB names a database), then the Orleans silo, then the gRPC gateway on 127.0.0.1.
# Ctrl-C stops everything it started; the data stays in .exchange/pg for the next run. Logs are in
# .exchange/logs, the previous run's in .exchange/logs/previous.
#
#   EXCHANGE_DB        Npgsql connection string of an existing database (skips the local PostgreSQL)
#   EXCHANGE_PORT      gateway port (default 5180)
#   EXCHANGE_CONSOLE_PORT  the court console's port (default 5181; http://127.0.0.1:5181/console)
#   EXCHANGE_PG_PORT   port of the local PostgreSQL (default 15432)
#   EXCHANGE_METRICS_PORT       the gateway's operator port: Prometheus /metrics and the Orleans
#                               dashboard /dashboard (default 5182; 0 serves neither)
#   EXCHANGE_SILO_METRICS_PORT  the silo's Prometheus /metrics (default 5183; 0: none)
#   EXCHANGE_TLS_PORT  the gateway's TLS gRPC port beside the cleartext one (default 5184; 0: none),
#                      with a certificate of this machine's own CA, made in .exchange/tls on first start
set -euo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
state="$root/.exchange"
mkdir -p "$state/logs"
# The previous run's logs move to .exchange/logs/previous (replacing the run before it), so that a
# restart after a failure does not wipe the log that explains it.
if compgen -G "$state/logs/*.log" >/dev/null; then
  rm -rf "$state/logs/previous"
  mkdir "$state/logs/previous"
  mv "$state/logs/"*.log "$state/logs/previous/"
fi
port=${EXCHANGE_PORT:-5180}
console_port=${EXCHANGE_CONSOLE_PORT:-5181}
pg_port=${EXCHANGE_PG_PORT:-15432}
metrics_port=${EXCHANGE_METRICS_PORT:-5182}
silo_metrics_port=${EXCHANGE_SILO_METRICS_PORT:-5183}
tls_port=${EXCHANGE_TLS_PORT:-5184}

source "$root/scripts/lib.sh"
pids=()
started_pg=""
cleanup() {
  trap - EXIT INT TERM
  stop_components
  if [[ -n "$started_pg" ]]; then scripts/pg.sh stop "$state/pg" || true; fi
  echo "Exchange hub stopped."
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The font issued documents are set in (the silo refuses to start without it): installs it when missing.
scripts/install-fonts.sh

if [[ -z "${EXCHANGE_DB:-}" ]]; then
  echo "Starting a local PostgreSQL in .exchange/pg on 127.0.0.1:$pg_port ..."
  scripts/pg.sh start "$state/pg" "$pg_port"
  started_pg=1
  EXCHANGE_DB="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=exchange"
fi
export ConnectionStrings__Exchange="$EXCHANGE_DB"
export Exchange__Port="$port"
export Exchange__ConsolePort="$console_port"
export Exchange__MetricsPort="$metrics_port" Exchange__SiloMetricsPort="$silo_metrics_port"
# TLS beside the loopback h2c port: the gateway makes a local CA and its server certificate in
# .exchange/tls on first start (System.Security.Cryptography; no openssl), and keeps them.
if [[ "$tls_port" != 0 ]]; then export Exchange__Tls__LocalCaDirectory="$state/tls" Exchange__Tls__Port="$tls_port"; fi
# The Orleans dashboard (behind an admin key) needs the operator port.
if [[ "$metrics_port" != 0 ]]; then export Exchange__Dashboard=true; fi

echo "Building ..."
dotnet build "$root/Exchange.sln" -c Release -v q -nologo >"$state/logs/build.log" 2>&1 \
  || { tail -n 40 "$state/logs/build.log"; echo "build failed (full log: .exchange/logs/build.log)"; exit 1; }

start_component silo "$state/logs/silo.log" "Exchange silo ready" dotnet "$root/src/Exchange.Silo/bin/Release/net10.0/Exchange.Silo.dll"
# The first start bootstraps the hub's admin key into .exchange/admin-key (owner-only); later starts keep it.
export Exchange__Admin__BootstrapKeyFile="$state/admin-key.new"
start_component gateway "$state/logs/gateway.log" "Exchange gateway ready" dotnet "$root/src/Exchange.Gateway/bin/Release/net10.0/Exchange.Gateway.dll"
if [[ -s "$state/admin-key.new" ]]; then
  mv "$state/admin-key.new" "$state/admin-key"
  echo "Admin key (shown once; kept in .exchange/admin-key, readable by you only): $(cat "$state/admin-key")"
elif [[ -s "$state/admin-key" ]]; then
  echo "Admin key: in .exchange/admin-key (export EXCHANGE_ADMIN_KEY=\$(cat .exchange/admin-key))"
else
  echo "This hub already has an admin key, issued elsewhere: ask its operators for one."
fi
if [[ "$metrics_port" != 0 ]]; then
  echo "Operators: metrics http://127.0.0.1:$metrics_port/metrics (gateway) and http://127.0.0.1:$silo_metrics_port/metrics (silo);"
  echo "  Orleans dashboard http://127.0.0.1:$metrics_port/dashboard/ (any user name, an admin key as the password)"
fi
if [[ "$tls_port" != 0 ]]; then
  echo "TLS: gRPC endpoint https://127.0.0.1:$tls_port (also https://localhost:$tls_port); its CA: $state/tls/ca.crt"
  echo "  e.g. ./exchange --endpoint https://127.0.0.1:$tls_port --ca-file .exchange/tls/ca.crt list"
fi
echo "Exchange hub ready: gRPC endpoint http://127.0.0.1:$port (logs in .exchange/logs; Ctrl-C stops it)"
echo "Court console: http://127.0.0.1:$console_port/console (officers: exchange admin officer add --court 新0102 --name 王法官 --role judge)"

# Stop when either component stops.
wait -n "${pids[@]}"
echo "a component of the hub stopped; see .exchange/logs" >&2
exit 1
