#!/bin/sh
# bench/app-startup.sh [BUILDDIR] — the application's numbers (issue 4):
#   1. start to first frame with a database of 2,000 plans, median of 10;
#   2. keystroke in the body of a 10-page plan to the preview redrawn,
#      1,000 keys in a row (median, p95, max; keys over 16 ms).
# Runs under Xvfb like the GUI tests.
set -eu
build=${1:-build}
export GTK_A11Y=none GSETTINGS_BACKEND=memory GSK_RENDERER=cairo NO_AT_BRIDGE=1
db=$(mktemp -d)/thidua-2000.db
xvfb-run -a -s "-screen 0 1366x768x24" "$build/bench/app/bench-app-startup" "$build/src/app/thidua" "$db" "$build/bench/app/bench-bare-window"
xvfb-run -a -s "-screen 0 1366x768x24" "$build/bench/app/bench-app-typing"
rm -rf "$(dirname "$db")"
