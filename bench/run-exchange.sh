#!/bin/sh
# bench/run-exchange.sh [BUILDDIR] — packages between offices (issue 13).
#
# A school of 100,000 registrations (100,000 people in 300 units) exports
# its year; an empty office imports it.  Each whole process is timed
# (the best of RUNS, default 5: other programs only ever add time) against
# the sqlite3 shell's .import of the same rows as CSV (the package's
# columns, UUIDs included), and the package's size against that CSV
# gzip-compressed.  Output: TAB-separated "name value", then the load.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=${1:-$src/_build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cli=$build/src/cli/thidua-cli
ninja -C "$build" src/cli/thidua-cli >/dev/null

{ printf 'Họ và tên;Chức vụ;Đơn vị;Loại;Danh hiệu thi đua\n'
  awk 'BEGIN { for (i = 1; i <= 100000; i++) printf "Nguyễn Văn Người%d;Giáo viên;Tổ %d;Cá nhân;Lao động tiên tiến\n", i, i % 300 }'
} > "$work/reg.csv"
"$cli" --db "$work/school.db" office --name "Trường THPT Mường Tè" --code MT
"$cli" --db "$work/school.db" register import "$work/reg.csv" --year 2026 >/dev/null 2>&1

now() { date +%s.%N; }
runs=${RUNS:-5}
best() { sort -n | sed -n 1p; }
# timed FILE CMD…: appends "wall cpu" (cpu = user + sys of the process,
# steadier than wall on a shared machine; "-" without /usr/bin/time).
timed() {
  out=$1; shift
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%e %U %S' -o "$work/t" "$@" >/dev/null 2>&1
    awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }' "$work/t" >> "$out"
  else
    t0=$(now); "$@" >/dev/null 2>&1; t1=$(now)
    echo "$t1 $t0" | awk '{ printf "%.3f -\n", $1 - $2 }' >> "$out"
  fi
}
: > "$work/export.t"; : > "$work/import.t"; : > "$work/sqlite.t"
for i in $(seq "$runs"); do
  timed "$work/export.t" "$cli" --db "$work/school.db" exchange export --year 2026 -o "$work/p.thidua"
done
for i in $(seq "$runs"); do
  rm -f "$work/office.db"*
  "$cli" --db "$work/office.db" office --name "Sở GD&ĐT"
  timed "$work/import.t" "$cli" --db "$work/office.db" exchange import "$work/p.thidua"
done

# The same rows as CSV: what the package carries, one line a registration.
# (named columns and a header line, so that .import names them as they are)
sqlite3 -csv -header "$work/school.db" "SELECT r.uuid AS registration, p.uuid AS person, u.uuid AS unit, p.family_name, p.middle_name, p.given_name,
  p.position, u.name AS unit_name, r.title, r.initiative, r.status, r.result, r.decision, r.note
  FROM registrations r JOIN people p ON p.id = r.person_id JOIN units u ON u.id = p.unit_id" > "$work/rows.csv"
for i in $(seq "$runs"); do
  rm -f "$work/plain.db"
  timed "$work/sqlite.t" sqlite3 "$work/plain.db" ".mode csv" ".import $work/rows.csv rows"
done
for x in export import sqlite; do
  cut -d' ' -f1 "$work/$x.t" | best > "$work/$x"
  cut -d' ' -f2 "$work/$x.t" | best > "$work/$x.cpu"
done
gzip -9 -c "$work/rows.csv" > "$work/rows.csv.gz"

e=$(cat "$work/export"); i=$(cat "$work/import"); s=$(cat "$work/sqlite")
printf 'exchange-export-s\t%s\n' "$e"
printf 'exchange-import-s\t%s\n' "$i"
printf 'sqlite3-import-s\t%s\n' "$s"
printf 'exchange-export-cpu-s\t%s\n' "$(cat "$work/export.cpu")"
printf 'exchange-import-cpu-s\t%s\n' "$(cat "$work/import.cpu")"
printf 'sqlite3-import-cpu-s\t%s\n' "$(cat "$work/sqlite.cpu")"
ratio() { echo "$1 $2" | awk '{ printf "%.2f", $1 / $2 }'; }
printf 'export-ratio\t%s\n' "$(ratio "$e" "$s")"
printf 'import-ratio\t%s\n' "$(ratio "$i" "$s")"
printf 'package-bytes\t%s\n' "$(stat -c %s "$work/p.thidua")"
printf 'csv-gz-bytes\t%s\n' "$(stat -c %s "$work/rows.csv.gz")"
printf 'runs\t%s (best of)\n' "$runs"
printf 'load\t%s\n' "$(uptime | sed 's/.*load average: //')"
printf 'size-ratio\t%s\n' "$(ratio "$(stat -c %s "$work/p.thidua")" "$(stat -c %s "$work/rows.csv.gz")")"
