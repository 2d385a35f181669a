#!/bin/sh
# bench/run-pdf.sh [BUILDDIR] — the PDF import benchmark (issue 18).
#
# A 12-page plan: the union seed with the bodies of seeds 003, 002 and 000
# before its closing, imported from text, printed to PDF by Thi Đua's
# renderer.  Then, in process, read + rebuild + recognise, median of 20
# (bench/pdf-bench.c); and the whole `thidua-cli import FILE.pdf` against
# `thidua-cli --version` (process start), median of 20.
# Output: TAB-separated "name value" lines, milliseconds.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=${1:-$src/_build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ninja -C "$build" src/cli/thidua-cli bench/pdf-bench >/dev/null
cli=$build/src/cli/thidua-cli
plan=$work/plan.txt
{ printf 'TỔNG LĐLĐ VIỆT NAM\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLĐLĐ TỈNH LAI CHÂU\tĐộc lập - Tự do - Hạnh phúc\nSố: 123/KH-LĐLĐ\t\n'
  sed -n '/^Nơi nhận:/q;p' "$src"/tests/fixtures/seeds/004_*.txt
  for s in 003 002 000; do
    sed -n '/^I\. /,/Nơi nh/p' "$src"/tests/fixtures/seeds/${s}_*.txt | grep -v 'Nơi nh'
  done
  sed -n '/^Nơi nhận:/,$p' "$src"/tests/fixtures/seeds/004_*.txt; } > "$plan"
id=$("$cli" --db "$work/cli.db" import-text "$plan" 2>/dev/null)
"$cli" --db "$work/cli.db" render "$id" -o "$work/plan.pdf" 2>/dev/null
"$build/bench/pdf-bench" --runs 20 "$work/plan.pdf"

ms () { # median wall time of 20 runs of "$@", in ms
  for i in $(seq 20); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000 ))
  done | sort -n | sed -n 10p | awk '{printf "%.2f", $1 / 1000}'
}
start=$(ms "$cli" --version)
full=$(ms "$cli" --db "$work/cli.db" import "$work/plan.pdf")
printf 'cli_process_start_ms\t%s\ncli_import_pdf_ms\t%s\n' "$start" "$full"
awk -v a="$full" -v b="$start" 'BEGIN { printf "cli_import_pdf_minus_start_ms\t%.2f\n", a - b }'
