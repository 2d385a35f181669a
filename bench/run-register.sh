#!/bin/sh
# bench/run-register.sh [BUILDDIR] — issue 6: 100,000 registrations across
# 300 units (in process), then the same through thidua-cli processes.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=${1:-$src/_build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ninja -C "$build" bench/register-bench src/cli/thidua-cli >/dev/null
"$build/bench/register-bench" "$work"
cli=$build/src/cli/thidua-cli
ms () { s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
printf 'cli_import_csv_ms\t%s\n' "$(ms "$cli" --db "$work/cli.db" register import "$work/register-100k.csv" --year 2024)"
printf 'cli_import_xlsx_ms\t%s\n' "$(ms "$cli" --db "$work/cli2.db" register import "$work/register-100k.xlsx" --year 2024)"
printf 'cli_check_ms\t%s\n' "$(ms "$cli" --db "$work/cli.db" register check --year 2024)"
printf 'cli_list_search_ms\t%s\n' "$(ms "$cli" --db "$work/cli.db" register list --year 2024 --search "nguyen thi anh")"
printf 'cli_export_xlsx_ms\t%s\n' "$(ms "$cli" --db "$work/cli.db" register export --year 2024 -o "$work/out.xlsx")"
"$cli" --db "$work/cli.db" register import "$work/register-5k.csv" --year 2023 >/dev/null 2>&1
printf 'cli_report_5k_ms\t%s\n' "$(ms "$cli" --db "$work/cli.db" register report --year 2023 -o "$work/r.pdf")"
# issue 11, the register by hand: bulk result entry for 5,000 rows and its
# undo (core, and through the page's history), then the page itself under
# Xvfb: first paint on 100,000 rows, bulk result, undo, redo with the
# rows refreshed.  Each prints wall and CPU milliseconds.
ninja -C "$build" bench/register-edit-bench bench/app/bench-register-page >/dev/null
"$build/bench/register-edit-bench" "$work"
GTK_A11Y=none GSETTINGS_BACKEND=memory GSK_RENDERER=cairo NO_AT_BRIDGE=1 \
  xvfb-run -a -s "-screen 0 1366x768x24" "$build/bench/app/bench-register-page"
