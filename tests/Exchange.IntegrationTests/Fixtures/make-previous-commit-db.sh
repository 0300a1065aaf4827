#!/usr/bin/env bash
# Makes Fixtures/previous-commit-db.sql (or OUT): the database a hub of an earlier commit created and
# wrote, dumped as SQL. PreviousCommitDatabaseTests restore it and start this build's silo on it.
#
#   make-previous-commit-db.sh COMMIT [OUT]     (run from anywhere in the repository)
#
# Two generations of that tool are driven: one whose admin commands wrote to the database
# (--connection; ff8d44f made previous-commit-db.sql), and one whose admin commands go through the
# AdminService with the admin key run.sh bootstraps (3193d9c made commit-3193d9c-db.sql); the second
# also has court policy, documents, supplements and signatures, and gets an application in every
# status it can reach.
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
out=$(realpath -m "${2:-$here/previous-commit-db.sql}") # before the cd below
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
# Emptied first: the background start below may open it after the wait starts reading it.
: >"$tree/run.log"
# The console, metrics and TLS ports of later versions kept off the defaults other hubs here may hold.
EXCHANGE_PORT=$port EXCHANGE_PG_PORT=$pg_port EXCHANGE_CONSOLE_PORT=$(free_port $((port + 100))) \
  EXCHANGE_METRICS_PORT=0 EXCHANGE_SILO_METRICS_PORT=0 EXCHANGE_TLS_PORT=0 ./run.sh >"$tree/run.log" 2>&1 &
run_pid=$!
until grep -q "Exchange hub ready" "$tree/run.log"; do
  kill -0 "$run_pid" 2>/dev/null || { tail -n 40 "$tree/run.log" >&2; exit 1; }
  sleep 0.5
done

ex() { ./exchange --endpoint "http://127.0.0.1:$port" "$@"; }
json() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
# case_json SAMPLE SUFFIX [COURT]: the sample under another case id (and filed with COURT) in case.json.
case_json() {
  python3 - "$1" "$tree/case.json" "$2" "${3:-}" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
d['platformCaseId'] = d['platformCaseId'] + sys.argv[3]
if sys.argv[4]:
    d['courtCode'] = sys.argv[4]
json.dump(d, open(sys.argv[2], 'w', encoding='utf-8'), ensure_ascii=False)
EOF
}
declare -A court_keys
ids=()

# The tool whose admin commands wrote to the database (ff8d44f).
legacy_fill() {
  courts=("新0102")
  platform_a=$(ex admin register-platform --connection "$connection" --id tianshan-mediation --name 天山调解平台 --json | json apiKey)
  platform_b=$(ex admin register-platform --connection "$connection" --id kashi-mediation --name 喀什调解平台 --json | json apiKey)
  court=$(ex admin register-court --connection "$connection" --court 新0102 --json | json apiKey)
  court_keys[新0102]=$court
  # A key that was revoked: its row keeps revoked_at.
  spare=$(ex admin register-court --connection "$connection" --court 新0102 --name 立案庭备用 --json | json keyPrefix)
  ex admin revoke-key --connection "$connection" --prefix "$spare" >/dev/null

  # Applications of both kinds from both platforms: each sample under other case ids.
  for i in 1 2 3 4 5 6; do
    for kind in judicial-confirmation mediation-document; do
      key=$platform_a; [[ $((i % 3)) -eq 0 ]] && key=$platform_b
      case_json "$root/samples/$kind.json" "-P$i"
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
}

# The tool whose admin commands go through the AdminService (3193d9c): an application in every
# status that version reaches, of both types, from both platforms, with a court the hub numbers
# (新0102) and one that numbers its own cases (新0103, put with COURT numbering).
modern_fill() {
  export EXCHANGE_ADMIN_KEY
  EXCHANGE_ADMIN_KEY=$(cat .exchange/admin-key)
  courts=("新0102" "新0103")
  local hub=新0102 own=新0103 year n=0
  year=$(TZ=Asia/Shanghai date +%Y)
  platform_a=$(ex admin register-platform --id tianshan-mediation --name 天山调解平台)
  platform_b=$(ex admin register-platform --id kashi-mediation --name 喀什调解平台)
  ex admin put-court --court "$own" --name 沙依巴克区人民法院 --level BASIC --division 650103 --accepts jc,md --case-numbering CASE_NUMBERING_COURT >/dev/null
  court_keys[$hub]=$(ex admin register-court --court "$hub")
  court_keys[$own]=$(ex admin register-court --court "$own")
  # A key that was revoked: its row keeps revoked_at.
  local spare
  spare=$(ex admin register-court --court "$hub" --name 立案庭备用)
  ex admin revoke-key --prefix "${spare:0:12}" >/dev/null

  local a=$platform_a b=$platform_b c=${court_keys[$hub]} o=${court_keys[$own]}
  # file KEY SAMPLE COURT: files a new application; its id in id (and in ids).
  file() {
    n=$((n + 1))
    case_json "$tree/samples/$2.json" "-M$n" "$3"
    id=$(ex --key "$1" submit "$tree/case.json" --refresh-dates --id-only)
    ids+=("$id")
  }
  act() { ex --key "$1" "${@:2}" >/dev/null; }
  sha() { python3 -c 'import hashlib,sys; print(hashlib.sha256(sys.argv[1].encode()).hexdigest())' "$1"; }
  local now
  now=$(date -u +%Y-%m-%dT%H:%M:%SZ)

  # Judicial confirmations with the court the hub numbers.
  file "$a" judicial-confirmation $hub  # RECEIVED
  file "$b" judicial-confirmation $hub  # RECEIVED
  file "$a" judicial-confirmation $hub  # CORRECTION_REQUESTED
  act "$c" request-correction "$id" --officer 李书记员 --item 申请人身份证明 --item 调解协议原件 --limit-days 5
  file "$b" judicial-confirmation $hub  # RECEIVED again, corrected
  act "$c" request-correction "$id" --officer 李书记员 --item 申请人身份证明 --limit-days 5
  act "$b" correct "$id" --statement 已补交申请人身份证明
  file "$a" judicial-confirmation $hub  # NOT_ACCEPTED, a ruling issued
  act "$c" refuse-acceptance "$id" --officer 李书记员 --ground OUTSIDE_JURISDICTION --reason 不属于本院管辖
  file "$a" judicial-confirmation $hub  # ACCEPTED
  act "$c" accept "$id" --officer 李书记员
  file "$b" judicial-confirmation $hub  # UNDER_REVIEW, extended
  act "$c" accept "$id" --officer 李书记员
  act "$c" start-review "$id" --officer 王法官
  act "$c" extend-review "$id" --officer 王法官 --approved-by 张院长 --reason 案情复杂
  file "$a" judicial-confirmation $hub  # SUPPLEMENT_REQUESTED
  act "$c" accept "$id" --officer 李书记员
  act "$c" start-review "$id" --officer 王法官
  act "$c" request-supplement "$id" --officer 王法官 --item 履行期限的说明 --limit-days 7
  file "$b" judicial-confirmation $hub  # UNDER_REVIEW, supplement answered
  act "$c" accept "$id" --officer 李书记员
  act "$c" start-review "$id" --officer 王法官
  act "$c" request-supplement "$id" --officer 王法官 --item 履行期限的说明 --limit-days 7
  act "$b" supplement "$id" --statement 双方约定于二〇二七年一月底前履行完毕
  file "$a" judicial-confirmation $hub  # CONFIRMED, a ruling issued
  act "$c" accept "$id" --officer 李书记员
  act "$c" start-review "$id" --officer 王法官
  act "$c" confirm "$id" --officer 王法官
  file "$b" judicial-confirmation $hub  # REJECTED, a ruling issued
  act "$c" accept "$id" --officer 李书记员
  act "$c" start-review "$id" --officer 王法官
  act "$c" reject "$id" --officer 王法官 --ground CONTENT_UNCLEAR --reason 协议内容不明确
  file "$a" judicial-confirmation $hub  # SERVED
  act "$c" accept "$id" --officer 李书记员
  act "$c" start-review "$id" --officer 王法官
  act "$c" confirm "$id" --officer 王法官
  act "$a" record-service "$id" --served-time "$now" --record-sha256 "$(sha "送达回证 $id")"
  file "$a" judicial-confirmation $hub  # WITHDRAWN
  act "$a" withdraw "$id" --reason 当事人自行和解
  act "$c" permit-withdrawal "$id" --officer 王法官
  file "$b" judicial-confirmation $hub  # RECEIVED, withdrawal asked
  act "$b" withdraw "$id" --reason 当事人自行和解
  file "$a" judicial-confirmation $hub  # DEEMED_WITHDRAWN
  act "$c" accept "$id" --officer 李书记员
  act "$c" treat-as-withdrawn "$id" --officer 王法官 --reason 申请人无正当理由拒不到庭

  # Mediation documents with the court the hub numbers.
  file "$b" mediation-document $hub  # RECEIVED
  file "$a" mediation-document $hub  # CORRECTION_REQUESTED
  act "$c" request-correction "$id" --officer 李书记员 --item 调解协议原件 --limit-days 5
  file "$a" mediation-document $hub  # CASE_REGISTERED
  act "$c" register-case "$id" --officer 李书记员
  file "$b" mediation-document $hub  # UNDER_REVIEW
  act "$c" register-case "$id" --officer 李书记员
  act "$c" start-review "$id" --officer 王法官
  file "$a" mediation-document $hub  # DOCUMENT_ISSUED, one party signed
  act "$c" register-case "$id" --officer 李书记员
  act "$c" start-review "$id" --officer 王法官
  act "$c" issue-document "$id" --officer 王法官 --document-sha256 "$(sha "调解书 $id")"
  act "$a" record-signature "$id" --party-index 0 --signed-time "$now"
  file "$b" mediation-document $hub  # EFFECTIVE
  act "$c" register-case "$id" --officer 李书记员
  act "$c" start-review "$id" --officer 王法官
  act "$c" issue-document "$id" --officer 王法官 --document-sha256 "$(sha "调解书 $id")"
  act "$b" record-signature "$id" --party-index 0 --signed-time "$now"
  act "$b" record-signature "$id" --party-index 1 --signed-time "$now"
  file "$a" mediation-document $hub  # REPUDIATED
  act "$c" register-case "$id" --officer 李书记员
  act "$c" start-review "$id" --officer 王法官
  act "$c" issue-document "$id" --officer 王法官 --document-sha256 "$(sha "调解书 $id")"
  act "$c" record-repudiation "$id" --officer 王法官 --reason 一方当事人于送达前反悔
  file "$b" mediation-document $hub  # REFUSED
  act "$c" register-case "$id" --officer 李书记员
  act "$c" start-review "$id" --officer 王法官
  act "$c" refuse-document "$id" --officer 王法官 --ground SUSPECTED_FALSE_MEDIATION --reason 疑似虚假调解
  file "$a" mediation-document $hub  # WITHDRAWN
  act "$a" withdraw "$id" --reason 当事人自行和解
  act "$c" permit-withdrawal "$id" --officer 王法官

  # The court that numbers its own cases: the accepting acts carry its numbers.
  file "$a" judicial-confirmation $own  # RECEIVED
  file "$a" judicial-confirmation $own  # ACCEPTED
  act "$o" accept "$id" --officer 赵书记员 --case-number "（$year）新0103民特88号"
  file "$b" judicial-confirmation $own  # CONFIRMED
  act "$o" accept "$id" --officer 赵书记员 --case-number "（$year）新0103民特89号"
  act "$o" start-review "$id" --officer 钱法官
  act "$o" confirm "$id" --officer 钱法官
  file "$b" mediation-document $own  # DOCUMENT_ISSUED
  act "$o" register-case "$id" --officer 赵书记员 --case-number "（$year）新0103民初77号"
  act "$o" start-review "$id" --officer 钱法官
  act "$o" issue-document "$id" --officer 钱法官 --document-sha256 "$(sha "调解书 $id")"
}

if ./exchange admin register-platform --help 2>/dev/null | grep -q -- '--connection'; then legacy_fill; else modern_fill; fi

{
  echo "-- The database a hub of commit $(git -C "$root" rev-parse --short "$commit") created and wrote (made by"
  echo "-- Fixtures/make-previous-commit-db.sh on $(date -u +%Y-%m-%dT%H:%M:%SZ): that version's run.sh and ./exchange; no row by hand)."
  echo "-- Never edited: PreviousCommitDatabaseTests start this build's silo on it. The keys the hub issued (it keeps only hashes):"
  echo "-- key platform tianshan-mediation $platform_a"
  echo "-- key platform kashi-mediation $platform_b"
  for c in "${courts[@]}"; do echo "-- key court $c ${court_keys[$c]}"; done
  "$(bash "$root/scripts/pg.sh" bin)/pg_dump" -h 127.0.0.1 -p "$pg_port" -U postgres --column-inserts --no-owner --no-privileges exchange
} >"$out"
echo "wrote $out ($(wc -c <"$out") bytes, ${#ids[@]} applications)" >&2
