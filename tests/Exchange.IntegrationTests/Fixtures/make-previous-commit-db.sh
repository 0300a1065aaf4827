#!/usr/bin/env bash
# Makes Fixtures/previous-commit-db.sql: the database a hub of an earlier commit created and wrote,
# dumped as SQL. MigrationTests restore it and start this build's silo on it.
#
#   make-previous-commit-db.sh COMMIT [OUT]     (run from anywhere in the repository)
#
# The earlier commit is checked out into a temporary folder (git archive: no worktree is added),
# built, and run with its own run.sh (PostgreSQL, silo, gateway, admin bootstrap); its own
# ./exchange tool then registers platforms and a court, files applications and acts on them, as
# that version's users did. Nothing is inserted by hand: every row is that version's. The dump is
# taken while that hub runs (pg_dump reads one snapshot); the keys it issued are written at the top
# as comments, because the database keeps only their hashes.
set -euo pipefail
commit=${1:?commit}
here=$(cd "$(dirname "$0")" && pwd)
out=${2:-$here/previous-commit-db.sql}
root=$(git -C "$here" rev-parse --show-toplevel)
source "$root/scripts/lib.sh"

# EXCHANGE_PREV_TREE: a folder that already holds that commit, built (kept); else a temporary one.
tree=${EXCHANGE_PREV_TREE:-}
keep_tree=${tree:+1}
run_pid=
cleanup() {
  if [[ -n "$run_pid" ]]; then kill -TERM "$run_pid" 2>/dev/null || true; wait "$run_pid" 2>/dev/null || true; fi
  if [[ -z "$keep_tree" ]]; then rm -rf "$tree"; fi
}
trap cleanup EXIT

if [[ -z "$tree" ]]; then
  tree=$(mktemp -d /tmp/exchange-prev.XXXXXX)
  chmod 755 "$tree" # the PostgreSQL of its run.sh runs as "postgres" when we are root
  git -C "$root" archive "$commit" | tar -x -C "$tree"
  echo "building $commit in $tree ..." >&2
  (cd "$tree" && dotnet build Exchange.sln -c Release -nologo -v q >"$tree/build.log" 2>&1) || { tail -n 30 "$tree/build.log" >&2; exit 1; }
fi
cd "$tree"
rm -rf .exchange/pg # a database of its own, new

port=$(free_port 5290)
pg_port=$(free_port 15490)
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=exchange"
EXCHANGE_PORT=$port EXCHANGE_PG_PORT=$pg_port ./run.sh >"$tree/run.log" 2>&1 &
run_pid=$!
until grep -q "Exchange hub ready" "$tree/run.log"; do
  kill -0 "$run_pid" 2>/dev/null || { tail -n 40 "$tree/run.log" >&2; exit 1; }
  sleep 0.5
done

ex() { ./exchange --endpoint "http://127.0.0.1:$port" "$@"; }
json() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

platform_a=$(ex admin register-platform --connection "$connection" --id tianshan-mediation --name 天山调解平台 --json | json apiKey)
platform_b=$(ex admin register-platform --connection "$connection" --id kashi-mediation --name 喀什调解平台 --json | json apiKey)
court=$(ex admin register-court --connection "$connection" --court 新0102 --json | json apiKey)
# A key that was revoked: its row keeps revoked_at.
spare=$(ex admin register-court --connection "$connection" --court 新0102 --name 立案庭备用 --json | json keyPrefix)
ex admin revoke-key --connection "$connection" --prefix "$spare" >/dev/null

# Applications of both kinds from both platforms: each sample under other case ids.
ids=()
for i in 1 2 3 4 5 6; do
  for kind in judicial-confirmation mediation-document; do
    key=$platform_a; [[ $((i % 3)) -eq 0 ]] && key=$platform_b
    python3 - "$root/samples/$kind.json" "$tree/case.json" "$i" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
d['platformCaseId'] = d['platformCaseId'] + '-P' + sys.argv[3]
json.dump(d, open(sys.argv[2], 'w', encoding='utf-8'), ensure_ascii=False)
EOF
    ids+=("$(ex --key "$key" submit "$tree/case.json" --refresh-dates --id-only)")
  done
done

# Court acts, so that the events hold case numbers, officers, reasons and several statuses.
ex --key "$court" accept "${ids[0]}" --officer 李书记员 >/dev/null
ex --key "$court" start-review "${ids[0]}" >/dev/null
ex --key "$court" confirm "${ids[0]}" --officer 王法官 >/dev/null
ex --key "$court" register-case "${ids[1]}" --officer 李书记员 >/dev/null
ex --key "$court" start-review "${ids[1]}" >/dev/null
ex --key "$court" accept "${ids[2]}" --officer 李书记员 >/dev/null
ex --key "$court" start-review "${ids[2]}" >/dev/null
ex --key "$court" register-case "${ids[3]}" --officer 李书记员 >/dev/null
ex --key "$court" refuse-acceptance "${ids[4]}" --officer 李书记员 --ground OUTSIDE_JURISDICTION --reason 不属于本院管辖 >/dev/null
ex --key "$platform_a" withdraw "${ids[6]}" --reason 当事人自行和解 >/dev/null

{
  echo "-- The database a hub of commit $(git -C "$root" rev-parse --short "$commit") created and wrote (made by"
  echo "-- Fixtures/make-previous-commit-db.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ): that version's run.sh and ./exchange; no row by hand)."
  echo "-- Never edited: MigrationTests start this build's silo on it. The keys the hub issued (it keeps only hashes):"
  echo "-- key platform tianshan-mediation $platform_a"
  echo "-- key platform kashi-mediation $platform_b"
  echo "-- key court 新0102 $court"
  "$(bash "$root/scripts/pg.sh" bin)/pg_dump" -h 127.0.0.1 -p "$pg_port" -U postgres --column-inserts --no-owner --no-privileges exchange
} >"$out"
echo "wrote $out ($(wc -c <"$out") bytes, ${#ids[@]} applications)" >&2
