#!/bin/sh
# bench/app-startup.sh [BUILDDIR] — the application's numbers (issue 4):
#   1. start to first frame with a database of 2,000 plans, median of 10;
#   2. keystroke in the body of a 10-page plan to the preview redrawn,
#      1,000 keys (median, p95, max; keys over 16 ms), in the same
#      database of 2,000 plans, a pause (autosave) every 100 keys.
# Runs under Xvfb like the GUI tests.
# THIDUA_BENCH_INSTR=1 also counts the instructions (valgrind callgrind) of
# one start to first frame, thidua and the bare window: a count that the
# load of a shared machine does not change, unlike the times.
set -eu
build=${1:-build}
export GTK_A11Y=none GSETTINGS_BACKEND=memory GSK_RENDERER=cairo NO_AT_BRIDGE=1
db=$(mktemp -d)/thidua-2000.db
xvfb-run -a -s "-screen 0 1366x768x24" "$build/bench/app/bench-app-startup" "$build/src/app/thidua" "$db" "$build/bench/app/bench-bare-window"
if [ "${THIDUA_BENCH_INSTR:-0}" = 1 ] && command -v valgrind >/dev/null; then
  count () {
    THIDUA_BENCH=1 THIDUA_BENCH_QUIT=1 xvfb-run -a -s "-screen 0 1366x768x24" \
      valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
      sed -n 's/.*Collected : *//p' | sort -n | tail -1
  }
  app=$(count "$build/src/app/thidua" --db "$db")
  bare=$(count "$build/bench/app/bench-bare-window")
  echo "instructions to first frame: thidua $app, bare window $bare, ratio $(echo "$app $bare" | awk '{printf "%.2f", $1 / $2}')"
fi
xvfb-run -a -s "-screen 0 1366x768x24" "$build/bench/app/bench-app-typing" "$db"
rm -rf "$(dirname "$db")"
