#!/bin/sh
# bench/run-register-import.sh [BUILDDIR] — issue 10: `thidua-cli register
# import` of 100,000 registrations (100,000 distinct people in 300 units)
# against the sqlite3 shell's `.import` of the same CSV, whole processes,
# best of 3 each; then the bulk result entry for 5,000 rows (issue 11).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=${1:-$src/_build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ninja -C "$build" src/cli/thidua-cli bench/register-edit-bench >/dev/null
cli=$build/src/cli/thidua-cli
awk -v n=100000 -f "$here/register-100k-people.awk" > "$work/people-100k.csv"
ms () { s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
best () { b=; for i in 1 2 3; do rm -f "$work"/t.db*; t=$(ms "$@"); [ -z "$b" ] || [ "$t" -lt "$b" ] && b=$t; done; echo "$b"; }
thidua=$(best "$cli" --db "$work/t.db" register import "$work/people-100k.csv" --year 2024)
shell=$(best sqlite3 "$work/t.db" -cmd ".mode csv" ".import $work/people-100k.csv t")
printf 'cli_import_100k_people_ms\t%s\n' "$thidua"
printf 'sqlite3_dot_import_ms\t%s\n' "$shell"
printf 'ratio\t%s\n' "$(awk -v a="$thidua" -v b="$shell" 'BEGIN { printf "%.1f", a / b }')"
# how long another writer waits while the import runs (the file is locked
# only for the final move)
rm -f "$work"/t.db*
"$cli" --db "$work/t.db" list >/dev/null
"$cli" --db "$work/t.db" register import "$work/people-100k.csv" --year 2023 >/dev/null 2>&1 &
pid=$!
worst=0
while kill -0 "$pid" 2>/dev/null; do
  t=$(ms "$cli" --db "$work/t.db" office --name "Sở Y tế")
  [ "$t" -gt "$worst" ] && worst=$t
done
wait "$pid" || true
printf 'other_writer_worst_ms\t%s\n' "$worst"
"$build/bench/register-edit-bench" "$work"
