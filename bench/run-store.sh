#!/bin/sh
# bench/run-store.sh [BUILDDIR] — issue 2: `thidua-cli list --search` over a
# database of 2,000 plans (goal < 50 ms, process start included), and the
# same search in process.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=${1:-$src/_build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ninja -C "$build" bench/bench-store src/cli/thidua-cli >/dev/null
db=$work/bench.db
"$build/bench/bench-store" "$db" 2000
cli=$build/src/cli/thidua-cli
# Warm the page cache, then time whole processes (median of 21).
"$cli" --db "$db" list --search "chuyen doi so" >/dev/null
run21 () {
  name=$1; shift
  i=0; : > "$work/t"
  while [ $i -lt 21 ]; do
    s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N)
    echo $(( (e - s) / 1000 )) >> "$work/t"; i=$((i + 1))
  done
  med=$(sort -n "$work/t" | sed -n 11p)
  printf '%s_ms\t%d.%03d\n' "$name" $((med / 1000)) $((med % 1000))
}
run21 cli_list_search "$cli" --db "$db" list --search "chuyen doi so"
run21 cli_list_all "$cli" --db "$db" list
run21 cli_process_start "$cli" --version
