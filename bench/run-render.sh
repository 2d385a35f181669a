#!/bin/sh
# bench/run-render.sh [BUILDDIR] — the renderer benchmark (issue 3).
#
# Renders a 10-page plan (the union seed with the bodies of seeds 003 and 002 appended) and reports, as
# TAB-separated "name value" lines on stdout:
#   thidua_pdf_ms     fresh layout + PDF export (median)
#   floor_pdf_ms      bare Pango+Cairo, same text as plain justified paragraphs
#   ratio_to_floor    goal <= 1.3
#   relayout_ms       re-layout after a one-paragraph edit (goal < 8 ms)
#   libreoffice_ms    soffice --headless --convert-to pdf of the same plan as HTML
#   libreoffice_ratio libreoffice_ms / thidua_pdf_ms (goal >= 15)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
build=${1:-$src/build}
fx=$src/tests/fixtures/render
plans="$fx/seed-004.json $fx/seed-003.json $fx/seed-002.json"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bench=$build/bench/render/render-bench
if ninja -C "$build" bench/render/render-bench >/dev/null 2>&1 && [ -x "$bench" ]; then
  :
else
  # bench/meson.build may not include bench/render yet: link the built libraries directly.
  ninja -C "$build" src/render/libthidua-render.a src/core/libthidua-core.a >/dev/null
  bench=$build/render-bench-standalone   # inside the build dir: data found from the source tree
  cc -O2 -I"$build" -I"$src/src/core" -I"$src/src/core/store" -I"$src/src/core/plan" -I"$src/src/core/text" -I"$src/src/core/import" -I"$src/src/core/register" -I"$src/src/render" "$here/render/render-bench.c" \
     "$build/src/render/libthidua-render.a" "$build/src/core/libthidua-core.a" \
     $(pkg-config --cflags --libs pangocairo pangoft2 cairo fontconfig json-glib-1.0 gio-2.0 sqlite3) -lm \
     -o "$bench"
fi

"$bench" --runs 15 --html "$work/plan.html" --pdf "$work/thidua.pdf" $plans | tee "$work/out.txt"
thidua_ms=$(awk -F'\t' '$1=="thidua_pdf_ms"{print $2}' "$work/out.txt")

if command -v soffice >/dev/null 2>&1; then
  profile="file://$work/lo-profile"
  # The first run creates LibreOffice's user profile: not counted.
  soffice -env:UserInstallation="$profile" --headless --convert-to pdf --outdir "$work/lo" "$work/plan.html" >/dev/null 2>&1
  times=""
  for i in 1 2 3 4 5; do
    t0=$(date +%s%N)
    soffice -env:UserInstallation="$profile" --headless --convert-to pdf --outdir "$work/lo" "$work/plan.html" >/dev/null 2>&1
    t1=$(date +%s%N)
    times="$times $(( (t1 - t0) / 1000000 ))"
  done
  lo_ms=$(echo $times | tr ' ' '\n' | sort -n | sed -n 3p)
  lo_pages=$(pdfinfo "$work/lo/plan.pdf" 2>/dev/null | awk '/^Pages:/{print $2}')
  printf 'libreoffice_ms\t%s\n' "$lo_ms"
  printf 'libreoffice_pages\t%s\n' "${lo_pages:-?}"
  awk -v a="$lo_ms" -v b="$thidua_ms" 'BEGIN{printf "libreoffice_ratio\t%.1f\n", a/b}'
else
  printf 'libreoffice_ms\tskipped (soffice not installed)\n'
fi
