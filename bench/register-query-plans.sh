#!/bin/sh
# bench/register-query-plans.sh DB… — for each query of register-queries.sql,
# the indexes SQLite reads registrations through and the best of 5 runs
# (whole sqlite3 process), on each database given: a file after
# `thidua-cli register import` of bench/register-100k-people.awk's 100,000
# rows (--year 2024), at one schema version and another.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
ms () { s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
# the queries, one "name<TAB>sql" line each (the three header lines skipped)
sed -n '4,$p' "$here/register-queries.sql" | awk '/^-- / { name = substr ($0, 4); next } { print name "\t" $0 }' |
while IFS='	' read -r name sql; do
  for db in "$@"; do
    plan=$(sqlite3 "$db" "EXPLAIN QUERY PLAN $sql" | grep -E ' (r|registrations) ' | sed 's/^[|` -]*//' | paste -sd ';' -)
    best=
    for i in 1 2 3 4 5; do
      t=$(ms sqlite3 "$db" "$sql")
      if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
    done
    printf '%s\t%s\t%s ms\t%s\n' "$name" "$(basename "$db")" "$best" "$plan"
  done
done
