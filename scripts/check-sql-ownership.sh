#!/usr/bin/env bash
# Fails when SQL against the hub's tables (exchange_*, Orleans*) appears outside src/Exchange.Storage,
# the one project that owns them (docs/ARCHITECTURE.md, "Schema"). Run by test.sh before the build.
#
#   scripts/check-sql-ownership.sh          prints each offending file:line, exits 1 if there is one
#
# "SQL against a table" is a statement keyword followed by a table's name (FROM exchange_events,
# INSERT INTO orleans_storage, UPDATE exchange_credentials, ALTER TABLE …, JOIN …, TRUNCATE …,
# REFERENCES …), in any tracked or new file but prose (*.md) and comment lines. Allowed elsewhere:
#   tests/              tests read tables to check what the hub stored;
#   scripts/pg.sh       the throwaway server's own administration (it names no hub table today);
#   loadtests/storage-cost/  the benchmark of candidate storage statements: it runs variants of
#                       Exchange.Storage's SQL against a throwaway database of its own, never a hub's
#                       (benchmarks live in loadtests/, by the project's rule).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

# Temporary exceptions, each with the work that removes it. The lead deletes a line when that work
# has merged; a line that matches nothing any more is reported below so that it is not forgotten.
exceptions=()

tables='(exchange_[a-z0-9_]+|orleans[a-z0-9_]*)'
keywords='(from|join|into|update|table|truncate|references)'
pattern="\\b${keywords}[[:space:]]+(only[[:space:]]+)?(public\\.)?\"?${tables}\\b"

# --untracked: a new file counts before it is added; ignored files (bin/, obj/) do not.
hits=$(git grep --untracked -nIiE "$pattern" -- . \
  ':!*.md' ':!src/Exchange.Storage/' ':!tests/' ':!scripts/pg.sh' ':!scripts/check-sql-ownership.sh' ':!loadtests/storage-cost/' \
  | awk -F: '{ line = $0; sub(/^[^:]*:[^:]*:/, "", line); if (line !~ /^[[:space:]]*(\/\/|#|\*|--|<!--)/) print }' || true)

offending=()
excused=()
while IFS= read -r hit; do
  [[ -z "$hit" ]] && continue
  file=${hit%%:*}
  allowed=
  for e in "${exceptions[@]}"; do
    if [[ $file == "$e" || ( $e == */ && $file == "$e"* ) ]]; then allowed=1; break; fi
  done
  if [[ -n "$allowed" ]]; then excused+=("$file"); else offending+=("$hit"); fi
done <<<"$hits"

for e in "${exceptions[@]}"; do
  used=
  for f in "${excused[@]}"; do
    if [[ $f == "$e" || ( $e == */ && $f == "$e"* ) ]]; then used=1; break; fi
  done
  [[ -z "$used" ]] && echo "check-sql-ownership: the exception $e matches nothing any more: remove it from $0" >&2
done

if (( ${#offending[@]} > 0 )); then
  echo "check-sql-ownership: SQL against the hub's tables outside src/Exchange.Storage (move it into a typed method there):" >&2
  printf '  %s\n' "${offending[@]}" >&2
  exit 1
fi
echo "check-sql-ownership: no SQL against the hub's tables outside src/Exchange.Storage ($(printf '%s\n' "${excused[@]}" | sort -u | grep -c . || true) file(s) on the temporary exception list)"
