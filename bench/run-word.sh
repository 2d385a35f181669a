#!/bin/sh
# bench/run-word.sh [BUILDDIR] — the .docx/.odt exports and the .docx import
# (issue 14), against LibreOffice on the same files in the same run.
#
# The plan: the union seed with the bodies of seeds 003 and 002 appended
# (ten pages).  Prints TAB-separated "name value" lines: those of
# word-bench (see bench/word/word-bench.c), then
#   libreoffice_write_docx_ms   soffice --convert-to docx of our .odt (LibreOffice writing the .docx)
#   libreoffice_read_docx_ms    soffice --convert-to txt of our .docx (LibreOffice reading it)
# (medians of 3 after one warm-up run that creates the profile).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=${1:-$src/_build}
fx=$src/tests/fixtures/render
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ninja -C "$build" bench/word/word-bench >/dev/null
"$build/bench/word/word-bench" --runs 21 --out "$work" "$fx/seed-004.json" "$fx/seed-003.json" "$fx/seed-002.json"

if command -v soffice >/dev/null 2>&1; then
  profile="file://$work/lo-profile"
  lo () { soffice -env:UserInstallation="$profile" --headless --norestore --convert-to "$1" --outdir "$work/lo" "$2" >/dev/null 2>&1; }
  lo docx "$work/plan.odt"
  for what in "docx plan.odt write_docx" "txt plan.docx read_docx"; do
    set -- $what
    times=""
    for i in 1 2 3; do
      t0=$(date +%s%N); lo "$1" "$work/$2"; t1=$(date +%s%N)
      times="$times $(( (t1 - t0) / 1000000 ))"
    done
    printf 'libreoffice_%s_ms\t%s\n' "$3" "$(echo $times | tr ' ' '\n' | sort -n | sed -n 2p)"
  done
else
  printf 'libreoffice\tskipped (soffice not installed)\n'
fi
