#!/usr/bin/env bash
# A throwaway PostgreSQL for the hub and its tests: one data folder, loopback only, started and
# stopped by the project's own scripts so nothing has to be set up by hand.
#
#   scripts/pg.sh start DATA_DIR PORT    initialise DATA_DIR if empty, start, create database "exchange"
#   scripts/pg.sh stop DATA_DIR          fast shutdown (no-op when not running)
#   scripts/pg.sh status DATA_DIR        exit 0 when running
#   scripts/pg.sh bin                    print the folder of the server binaries (installing them if needed)
#
# The server binaries come from Debian's postgresql package; when they are missing and we are root,
# they are installed with apt-get. initdb refuses to run as root, so as root the cluster belongs to
# the "postgres" system user (created when missing).
set -euo pipefail

die() { echo "pg.sh: $*" >&2; exit 1; }

find_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/psql" ]]; then echo "$dir"; return 0; fi
  done
  return 1
}

ensure_bin() {
  local bin
  if bin=$(find_bin); then echo "$bin"; return 0; fi
  if [[ $(id -u) -ne 0 ]]; then
    die "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin.
Install them with: sudo apt-get install -y postgresql   (or set EXCHANGE_DB to an existing database)"
  fi
  command -v apt-get >/dev/null || die "PostgreSQL is not installed and apt-get is not available: install PostgreSQL 15+ or set EXCHANGE_DB"
  echo "pg.sh: installing PostgreSQL with apt-get (first run on this machine)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || die "apt-get update failed: cannot install PostgreSQL"
  # Debian's postgresql-common creates a default cluster and starts it; we use our own, so stop theirs.
  apt-get install -y -qq postgresql >&2 || die "apt-get install postgresql failed"
  if command -v pg_lsclusters >/dev/null; then
    pg_lsclusters -h 2>/dev/null | while read -r ver name _; do pg_ctlcluster "$ver" "$name" stop >/dev/null 2>&1 || true; done
  fi
  find_bin || die "PostgreSQL was installed but its binaries were not found"
}

# Run a command as the owner of the cluster: "postgres" when we are root, ourselves otherwise.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

cmd=${1:-}
case "$cmd" in
  bin)
    ensure_bin
    ;;
  start)
    data=${2:?data folder}; port=${3:?port}
    bin=$(ensure_bin)
    mkdir -p "$data"
    data=$(cd "$data" && pwd)
    run="$data/run"
    if [[ $(id -u) -eq 0 ]]; then
      id postgres >/dev/null 2>&1 || useradd -r -m -s /bin/bash postgres
    fi
    if [[ ! -f "$data/db/PG_VERSION" ]]; then
      mkdir -p "$data/db" "$run"
      [[ $(id -u) -eq 0 ]] && chown -R postgres "$data"
      chmod 700 "$data/db"
      # The parent folders must be traversable by the cluster's owner.
      [[ $(id -u) -eq 0 ]] && chmod o+x "$data" 2>/dev/null || true
      as_owner "$bin/initdb" -D "$data/db" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$run/initdb.log" 2>&1 \
        || { cat "$run/initdb.log" >&2; die "initdb failed"; }
    fi
    mkdir -p "$run"; [[ $(id -u) -eq 0 ]] && chown postgres "$run"
    if as_owner "$bin/pg_ctl" -D "$data/db" status >/dev/null 2>&1; then
      echo "pg.sh: already running ($data)" >&2
    else
      as_owner "$bin/pg_ctl" -D "$data/db" -l "$run/postgres.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$run -c max_connections=300 -c shared_buffers=256MB -c synchronous_commit=on -c fsync=on ${EXCHANGE_PG_OPTIONS:-}" >/dev/null \
        || { tail -n 30 "$run/postgres.log" >&2; die "PostgreSQL did not start on port $port (is the port taken?)"; }
    fi
    if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='exchange'" | grep -q 1; then
      "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE exchange" >/dev/null
    fi
    ;;
  stop)
    data=${2:?data folder}
    [[ -f "$data/db/PG_VERSION" ]] || exit 0
    bin=$(find_bin) || exit 0
    if as_owner "$bin/pg_ctl" -D "$data/db" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$data/db" -m fast -w -t 60 stop >/dev/null
    fi
    ;;
  status)
    data=${2:?data folder}
    bin=$(find_bin) || exit 1
    as_owner "$bin/pg_ctl" -D "$data/db" status >/dev/null 2>&1
    ;;
  *)
    echo "usage: $0 start DATA_DIR PORT | stop DATA_DIR | status DATA_DIR | bin" >&2
    exit 2
    ;;
esac
