#!/bin/sh
# Runs one fuzz target for SECONDS (default 600) on its corpus, niced.
#   fuzz/run.sh recognize|markup|html|docx|pdf|decode-tcvn3|decode-vni|decode-cp1258|decode-utf16|decode-auto [SECONDS]
#   fuzz/run.sh csv|xlsx|xls|plan-json|package [SECONDS]
# New inputs go to build-fuzz/corpus-TARGET; the seed corpus in fuzz/corpus
# is read only.  The last lines of the log give the exec count.
# FUZZ_ARGS adds libFuzzer options, e.g. "-fork=1 -ignore_crashes=1" to go
# on past crashes in a library that cannot be fixed here.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
out=${OUT:-$top/build-fuzz}
target=$1
seconds=${2:-600}
case $target in
  recognize) seed=recognize ;;
  markup) seed=markup ;;
  html) seed=html ;;
  docx) seed=docx ;;
  pdf) seed=pdf ;;
  decode-*) seed=${target#decode-} ;;
  csv|xlsx|xls|plan-json|package) seed=$target ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac
mkdir -p "$out/corpus-$target"
cd "$out"
# a PDF seed is a few kB, a real plan's PDF 30-90 kB; poppler under ASan
# on a loaded machine needs more than 10 s now and then
max_len=65536
timeout=10
if [ "$target" = pdf ]; then max_len=131072; timeout=30; fi
# the third-party leaks the test suite ignores (tools/sanitizer.supp)
export LSAN_OPTIONS="suppressions=$top/tools/sanitizer.supp:print_suppressions=0"
# the XLS reader hands libfreexl a temporary copy: keep it in memory
[ "$target" = xls ] && [ -d /dev/shm ] && export TMPDIR=/dev/shm
exec nice -n 10 "./fuzz-$target" -max_total_time="$seconds" -max_len="$max_len" -timeout="$timeout" \
  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$out/crash-$target-" ${FUZZ_ARGS:-} \
  "$out/corpus-$target" "$here/corpus/$seed" > "$out/fuzz-$target.log" 2>&1
