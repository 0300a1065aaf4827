#!/usr/bin/env bash
# What one application write costs PostgreSQL, by design (docs/ARCHITECTURE.md, "One transaction per change").
# Runs pgbench against a throwaway PostgreSQL with the project's schema, for three ways of writing a
# new application (~3 KB JSON state, taken from a real submission: state-template.json):
#   state-only    the grain-state upsert alone: the least any design can cost (not a correct design)
#   one-statement our WriteToStorageKey: state + read-model row + event in one statement, one commit
#   two-commits   state in one transaction, read model and event in a second (the repair-on-activation design)
# Each is run ROUNDS times, interleaved, for SECONDS at CLIENTS connections; the medians are printed
# with their ratio to state-only measured in the same run.
#
#   loadtests/storage-cost/run.sh [SECONDS=15] [CLIENTS=16] [ROUNDS=3]
#   environment: VARIANTS (default "state-only one-statement two-commits"); also available, for the
#   experiments docs/BENCHMARKS.md reports:
#     generic-plans   one-statement with plan_cache_mode=force_generic_plan
#     with-reset      one-statement after the seven statements Npgsql sends to reset a pooled connection
#                     (each its own round trip here; Npgsql sends them with the next command)
#     inline-state    one-statement with orleans_storage's toast_tuple_target at 8160 (state rows kept
#                     inline, not compressed or moved out of line)
#     upsert-letter   run.sh's first baseline: a plain upsert of 3,081 bytes of one repeated letter
#     upsert-state    run.sh's second baseline: a plain upsert of the state's own bytes
#     event-versions  one-statement with migration 0015's triggers (events contiguous, the state's
#                     version has its event); every other variant runs without them
#     without-feed-index  one-statement without an index of events by transaction id (the feed
#                     relay's read); every other variant has the migrations' one
#     btree-feed-index  one-statement with a b-tree on (xid, application_id, seq) instead
#     group-16        issue 12's write: 16 new applications per statement, each one row that is both
#                     its stored state (uncompressed, inline: toast_tuple_target 8160) and its listing
#                     (exchange_applications' columns and indexes), plus its event — INSERT … ON
#                     CONFLICT DO NOTHING RETURNING, events only for the rows inserted — at
#                     GROUP_CLIENTS connections (default 4: 64 callers in flushes of 16); its
#                     applications/s count 16 per transaction
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-15}; clients=${2:-16}; rounds=${3:-3}
work=$(mktemp -d /tmp/exchange-storage-cost.XXXXXX); chmod 755 "$work"
trap '"$root/scripts/pg.sh" stop "$work/pg" || true; rm -rf "$work"' EXIT
source "$root/scripts/lib.sh"
port=$(free_port 15495)
"$root/scripts/pg.sh" start "$work/pg" "$port"
bin=$("$root/scripts/pg.sh" bin)
psql() { "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d exchange -v ON_ERROR_STOP=1 -q "$@"; }
for migration in "$root"/src/Exchange.Storage/Migrations/*.sql; do psql -f "$migration"; done

# pgbench would read ":name" inside the JSON as one of its variables: put a space after such colons.
template=$(sed -E 's/:([A-Za-z_])/: \1/g' "$here/state-template.json")
# A fresh application id per transaction; the same id stands in for the platform case id.
id="md5(:n::text)::uuid::text"
payload="convert_to(replace('$template', '@ID@', $id), 'UTF8')"
n='\set n random(1, 2000000000)'

# Our statement, with the provider's parameters bound as pgbench expressions.
sed -e "s/@ServiceId/'exchange'/g" -e "s/@GrainTypeString/'application'/g" \
    -e "s/@GrainIdExtensionString/($id)/g" -e "s/@GrainIdN0/0/g" -e "s/@GrainIdN1/0/g" \
    -e "s/@GrainIdHash/(:n::int % 1000000)/g" -e "s/@GrainTypeHash/42/g" -e "s/@GrainStateVersion/NULL/g" \
    -e "s|@PayloadBinary|$payload|g" -e 's/--.*$//' \
    "$root/src/Exchange.Storage/OrleansQueries/WriteToStorageKey.sql" | tr '\n' ' ' > "$work/one.sql.tmp"
{ echo "$n"; cat "$work/one.sql.tmp"; echo ";"; } > "$work/one-statement.sql"

state_insert="INSERT INTO orleans_storage (service_id, grain_type, grain_id_ext, grain_id_n0, grain_id_n1, grain_id_hash, grain_type_hash, payload, modified_on, version) VALUES ('exchange', 'application', $id, 0, 0, :n::int % 1000000, 42, $payload, now(), 1) ON CONFLICT DO NOTHING;"
{ echo "$n"; echo "$state_insert"; } > "$work/state-only.sql"
cp "$work/one-statement.sql" "$work/generic-plans.sql"
cp "$work/one-statement.sql" "$work/inline-state.sql"
cp "$work/one-statement.sql" "$work/event-versions.sql"
cp "$work/one-statement.sql" "$work/without-feed-index.sql"
cp "$work/one-statement.sql" "$work/btree-feed-index.sql"
{
  echo "$n"
  printf '%s\n' "SET SESSION AUTHORIZATION DEFAULT;" "RESET ALL;" "CLOSE ALL;" "UNLISTEN *;" \
    "SELECT pg_advisory_unlock_all();" "DISCARD SEQUENCES;" "DISCARD TEMP;"
  cat "$work/one.sql.tmp"; echo ";"
} > "$work/with-reset.sql"
# group-16's table: the listing's columns, constraints and indexes, and the state beside them.
psql -c "CREATE TABLE IF NOT EXISTS bench_application_store (LIKE exchange_applications INCLUDING ALL) WITH (toast_tuple_target = 8160)"
psql -c "ALTER TABLE bench_application_store ADD COLUMN IF NOT EXISTS state bytea NOT NULL"
{
  echo "$n"
  echo "WITH input AS (SELECT md5(g::text)::uuid AS id FROM generate_series(:n::bigint, :n::bigint + 15) g ORDER BY 1),"
  echo "inserted AS (INSERT INTO bench_application_store (application_id, platform_id, platform_case_id, application_type, court_code, status, received_at, updated_at, version, payload_sha256, next_deadline_at, next_deadline_kind, watch_at, state)"
  echo "  SELECT id, 'p1', id::text, 'JudicialConfirmation', '新0102', 'Received', now(), now(), 1, md5(id::text), now() + interval '3 days', 'Acceptance', now() + interval '3 days',"
  echo "         convert_to(replace('$template', '@ID@', id::text), 'UTF8') FROM input"
  echo "  ON CONFLICT DO NOTHING RETURNING application_id)"
  echo "INSERT INTO exchange_events (application_id, seq, occurred_at, kind, actor_kind, actor_id, status_after)"
  echo "SELECT application_id, 1, now(), 'SUBMITTED', 'Platform', 'p1', 'Received' FROM inserted;"
} > "$work/group-16.sql"
psql -c "CREATE TABLE IF NOT EXISTS bench_upsert (id bigint PRIMARY KEY, payload bytea NOT NULL, modified_on timestamptz NOT NULL)"
{ echo "$n"; echo "INSERT INTO bench_upsert VALUES (:n, convert_to(repeat('x', 3081), 'UTF8'), now()) ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload, modified_on = now();"; } > "$work/upsert-letter.sql"
{ echo "$n"; echo "INSERT INTO bench_upsert VALUES (:n, $payload, now()) ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload, modified_on = now();"; } > "$work/upsert-state.sql"

# The second transaction writes the read-model row and the event from values the grain already holds
# (bound parameters, no JSON to parse), as the repair-on-activation design would.
{
  echo "$n"
  echo "$state_insert"
  echo "BEGIN;"
  echo "INSERT INTO exchange_applications (application_id, platform_id, platform_case_id, application_type, court_code, status, received_at, updated_at, version, payload_sha256) VALUES (($id)::uuid, 'p1', $id, 'JudicialConfirmation', '新0102', 'Received', now(), now(), 1, md5(:n::text)) ON CONFLICT (application_id) DO NOTHING;"
  echo "INSERT INTO exchange_events (application_id, seq, occurred_at, kind, actor_kind, actor_id, status_after) VALUES (($id)::uuid, 1, now(), 'SUBMITTED', 'Platform', 'p1', 'Received') ON CONFLICT DO NOTHING;"
  echo "COMMIT;"
} > "$work/two-commits.sql"

variants=${VARIANTS:-state-only one-statement two-commits}
declare -A tps
for round in $(seq 1 "$rounds"); do
  for variant in $variants; do
    psql -c "TRUNCATE orleans_storage, exchange_applications, exchange_events, bench_upsert, bench_application_store"
    if [[ $variant == inline-state ]]; then psql -c "ALTER TABLE orleans_storage SET (toast_tuple_target = 8160)"
    else psql -c "ALTER TABLE orleans_storage RESET (toast_tuple_target)"; fi
    if [[ $variant == event-versions ]]; then psql -f "$root/src/Exchange.Storage/Migrations/0015-event-versions.sql"
    else psql -c "DROP TRIGGER IF EXISTS exchange_events_contiguous ON exchange_events; DROP TRIGGER IF EXISTS exchange_applications_version_event ON exchange_applications"; fi
    psql -c "DROP INDEX IF EXISTS exchange_events_xid"
    case $variant in
      without-feed-index) ;;
      btree-feed-index) psql -c "CREATE INDEX exchange_events_xid ON exchange_events (xid, application_id, seq)" ;;
      *) psql -f "$root/src/Exchange.Storage/Migrations/0030-feed.sql" ;;
    esac
    options=""; [[ $variant == generic-plans ]] && options="-c plan_cache_mode=force_generic_plan"
    variant_clients=$clients per_transaction=1
    [[ $variant == group-16 ]] && variant_clients=${GROUP_CLIENTS:-4} per_transaction=16
    out=$(PGOPTIONS="$options" "$bin/pgbench" -h 127.0.0.1 -p "$port" -U postgres -n -M prepared -c "$variant_clients" -j 2 -T "$seconds" -f "$work/$variant.sql" exchange 2>&1) \
      || { echo "$out" >&2; exit 1; }
    value=$(echo "$out" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | awk -v k="$per_transaction" '{ printf "%.1f", $1 * k }')
    tps[$variant]="${tps[$variant]:-} $value"
    echo "round $round: $variant $value applications/s" >&2
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
reference=state-only; [[ -n "${tps[state-only]:-}" ]] || reference=${variants%% *}
base=$(echo "${tps[$reference]}" | median)
echo
echo "| write design ($clients clients, ${seconds}s x $rounds, median) | applications/s | ratio to $reference |"
echo "|---|---|---|"
for variant in $variants; do
  m=$(echo "${tps[$variant]}" | median)
  awk -v v="$variant" -v m="$m" -v b="$base" 'BEGIN { printf "| %s | %.0f | %.2f |\n", v, m, m / b }'
done
