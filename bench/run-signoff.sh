#!/bin/sh
# bench/run-signoff.sh [BUILDDIR] — issue 12: `thidua-cli issue` as a whole
# process (goal < 50 ms; completeness check, number, hash and history
# included) and `thidua-cli verify CODE` over 10,000 issued plans (goal
# < 20 ms, process start included); minimum and median of 21 (the minimum
# is the number to compare with the goals: load from other programs only
# ever adds time).  The same steps in
# process, and a bare `thidua-cli --version` for the cost of starting a
# process on this machine.  Issue is timed twice: on a database of 300
# issued plans (a few years of an office) and on the 10,000 one, where the
# store's once-per-session integrity check before the first write reads
# the whole file.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=${1:-$src/_build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ninja -C "$build" bench/bench-signoff src/cli/thidua-cli >/dev/null
db=$work/bench.db
cli=${THIDUA_CLI:-$build/src/cli/thidua-cli}   # THIDUA_CLI: another build, to compare
med () { sort -n "$work/t" | sed -n 11p; }
min () { sort -n "$work/t" | sed -n 1p; }
show () { printf '%s_ms\t%d.%03d\n' "$1" $(($2 / 1000)) $(($2 % 1000)); }
both () { show "$1_min" "$(min)"; show "$1_median" "$(med)"; }
printf 'load\t%s\n' "$(uptime | sed 's/.*load average: //')"
issue_all () {
  : > "$work/t"
  for id in $2; do
    s=$(date +%s%N); "$cli" --db "$1" issue "$id" --date 2026-12-06 >/dev/null; e=$(date +%s%N)
    echo $(( (e - s) / 1000 )) >> "$work/t"
  done
}
small=$work/small.db
"$build/bench/bench-signoff" "$small" 300 21 > "$work/fill"
issue_all "$small" "$(sed -n 's/^drafts //p' "$work/fill")"
both cli_issue_300

"$build/bench/bench-signoff" "$db" 10000 21 > "$work/fill"
grep -v '^code\|^drafts' "$work/fill"
code=$(sed -n 's/^code\t//p' "$work/fill")
"$cli" --db "$db" verify "$code" >/dev/null
issue_all "$db" "$(sed -n 's/^drafts //p' "$work/fill")"
both cli_issue_10000
: > "$work/t"
i=0
while [ $i -lt 21 ]; do
  s=$(date +%s%N); "$cli" --db "$db" verify "$code" >/dev/null; e=$(date +%s%N)
  echo $(( (e - s) / 1000 )) >> "$work/t"; i=$((i + 1))
done
both cli_verify_10000
: > "$work/t"
i=0
while [ $i -lt 21 ]; do
  s=$(date +%s%N); "$cli" --version >/dev/null; e=$(date +%s%N)
  echo $(( (e - s) / 1000 )) >> "$work/t"; i=$((i + 1))
done
both cli_process_start
