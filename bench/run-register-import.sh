#!/bin/sh
# bench/run-register-import.sh [BUILDDIR] — issue 10: `thidua-cli register
# import` of 100,000 registrations (100,000 distinct people in 300 units)
# against the sqlite3 shell's `.import` of the same CSV, whole processes,
# best of RUNS (default 5) each, runs of the two alternating so that the
# load of other programs falls on both alike; then the bulk result entry
# for 5,000 rows (issue 11).
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
thidua= shell=
for i in $(seq "${RUNS:-5}"); do
  rm -f "$work"/t.db*; t=$(ms "$cli" --db "$work/t.db" register import "$work/people-100k.csv" --year 2024)
  if [ -z "$thidua" ] || [ "$t" -lt "$thidua" ]; then thidua=$t; fi
  rm -f "$work"/t.db*; t=$(ms sqlite3 "$work/t.db" -cmd ".mode csv" ".import $work/people-100k.csv t")
  if [ -z "$shell" ] || [ "$t" -lt "$shell" ]; then shell=$t; fi
done
printf 'cli_import_100k_people_ms\t%s\n' "$thidua"
printf 'sqlite3_dot_import_ms\t%s\n' "$shell"
printf 'ratio\t%s\n' "$(awk -v a="$thidua" -v b="$shell" 'BEGIN { printf "%.1f", a / b }')"
printf 'load\t%s\n' "$(uptime | sed 's/.*load average: //')"
# where one more import's time goes (its own debug line) and the new file's page size
rm -f "$work"/t.db*
debug=$(G_MESSAGES_DEBUG="thidua-core thidua-sheets thidua-cli" "$cli" --db "$work/t.db" register import \
        "$work/people-100k.csv" --year 2024 2>&1)
split=$(printf '%s\n' "$debug" | sed -n 's/.*import: \(staged.*\)/\1/p')
# the file read and cut into cells; the rows prepared (the sheet's reading
# of each row, and core's batch, which takes it)
read_parse=$(printf '%s\n' "$debug" | sed -n 's/.*import: read and parsed \(.*\)/\1/p')
prepare=$(printf '%s\n' "$debug" | sed -n 's/.*import: prepared \(.*\)/\1/p')
printf 'cli_read_parse\t%s\n' "$read_parse"
printf 'cli_prepare\t%s\n' "$prepare"
printf 'cli_import_split\t%s\n' "$split"
printf 'page_size\t%s\tfile_bytes\t%s\n' "$(sqlite3 "$work/t.db" 'PRAGMA page_size')" "$(wc -c < "$work/t.db")"
# how long another writer waits while the import runs (the file is locked
# only for the final move)
rm -f "$work"/t.db*
"$cli" --db "$work/t.db" list >/dev/null
"$cli" --db "$work/t.db" register import "$work/people-100k.csv" --year 2023 >/dev/null 2>&1 &
pid=$!
worst=0 tries=0 refused=0
while kill -0 "$pid" 2>/dev/null; do
  s=$(date +%s%N)
  "$cli" --db "$work/t.db" office --name "Sở Y tế" >/dev/null 2>&1 || refused=$((refused + 1))
  e=$(date +%s%N)
  t=$(( (e - s) / 1000000 )); tries=$((tries + 1))
  if [ "$t" -gt "$worst" ]; then worst=$t; fi
done
wait "$pid" || true
# a whole `thidua-cli office` process each, start-up included
printf 'other_writer_worst_ms\t%s\n' "$worst"
printf 'other_writer_refused\t%s of %s\n' "$refused" "$tries"
"$build/bench/register-edit-bench" "$work"
# the batch's per-row work alone (core, no reader, no commit)
ninja -C "$build" bench/register-batch-bench >/dev/null && "$build/bench/register-batch-bench" "$work"
