#!/bin/sh
# bench/run-import.sh [BUILDDIR] — the import benchmark (issue 5).
#
# Imports a 10-page plan (the union seed with the bodies of seeds 003 and 002
# before its closing) in six encodings, in process: read + decode +
# recognise + store, median of 50 runs.  Then the whole `thidua-cli
# import-text` against `thidua-cli --version` (process start), median of 20.
# Output: TAB-separated "name value" lines, milliseconds.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=${1:-$src/build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ninja -C "$build" src/core/libthidua-core.a src/cli/thidua-cli >/dev/null
bench=$build/import-bench-standalone
cc -O2 -I"$build" -I"$src/src/core" -I"$src/src/core/store" -I"$src/src/core/plan" -I"$src/src/core/text" -I"$src/src/core/import" -I"$src/src/core/register" -I"$src/tests/import" "$here/import-bench.c" \
   "$src/tests/import/import-test-util.c" "$build/src/core/libthidua-core.a" \
   $(pkg-config --cflags --libs json-glib-1.0 gio-2.0 sqlite3) -lm -o "$bench"
"$bench" --runs 50 "$src/tests/fixtures/seeds" | tee "$work/out.txt"

# End to end through the CLI, less the cost of starting the process.
cli=$build/src/cli/thidua-cli
plan=$work/plan.txt
# the same 10-page plan, as UTF-8
{ printf 'TỔNG LĐLĐ VIỆT NAM\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLĐLĐ TỈNH LAI CHÂU\tĐộc lập - Tự do - Hạnh phúc\nSố: 123/KH-LĐLĐ\t\n'
  sed -n '/^Nơi nhận:/q;p' "$src"/tests/fixtures/seeds/004_*.txt
  sed -n '/^I\. /,/Nơi nh/p' "$src"/tests/fixtures/seeds/003_*.txt | grep -v 'Nơi nh'
  sed -n '/^I\. /,/Nơi nh/p' "$src"/tests/fixtures/seeds/002_*.txt | grep -v 'Nơi nh'
  sed -n '/^Nơi nhận:/,$p' "$src"/tests/fixtures/seeds/004_*.txt; } > "$plan"
"$cli" --db "$work/cli.db" templates >/dev/null
ms () { # median wall time of 20 runs of "$@", in ms
  for i in $(seq 20); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 ))
  done | sort -n | sed -n 10p | awk '{printf "%.2f", $1 / 1000}'
}
start=$(ms "$cli" --version)
full=$(ms "$cli" --db "$work/cli.db" import-text "$plan")
printf 'cli_process_start_ms\t%s\ncli_import_text_ms\t%s\n' "$start" "$full"
awk -v a="$full" -v b="$start" 'BEGIN { printf "cli_import_minus_start_ms\t%.2f\n", a - b }'
