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
#   cli_render_json_ms  `thidua-cli render-json` of the same ten pages as a whole
#                       process (issue 10), minimum of 11 runs
#   floor_process_ms    render-floor (render-floor.c: Pango + Cairo only) on the same
#                       text as a whole process, minimum of 11 runs
#   process_ratio       goal <= 1.3
#   floor_fonts_process_ms  render-floor also setting a line in each font of
#                       thidua's PDF (render-bench --floor-fonts: faces and
#                       sizes), so that both pay for the same fonts
#   process_ratio_same_fonts  cli_render_json_ms / floor_fonts_process_ms
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
     $(pkg-config --cflags --libs pangocairo pangoft2 cairo fontconfig json-glib-1.0 gio-2.0 sqlite3 poppler-glib) -lm \
     -o "$bench"
fi

"$bench" --runs 15 --html "$work/plan.html" --pdf "$work/thidua.pdf" \
  --plan-json "$work/plan10.json" --floor-text "$work/floor.txt" --floor-fonts "$work/fonts.txt" \
  $plans | tee "$work/out.txt"
thidua_ms=$(awk -F'\t' '$1=="thidua_pdf_ms"{print $2}' "$work/out.txt")

if [ -z "${THIDUA_BENCH_NO_LIBREOFFICE:-}" ] && command -v soffice >/dev/null 2>&1; then
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
  printf 'libreoffice_ms\tskipped (soffice not installed, or THIDUA_BENCH_NO_LIBREOFFICE set)\n'
fi

# Whole processes (issue 10): thidua-cli render-json against the bare
# Pango + Cairo program, alternated, the minimum of 11 runs each (other
# work on the machine only ever adds time).
if ninja -C "$build" src/cli/thidua-cli bench/render/render-floor >/dev/null 2>&1; then
  cli=$build/src/cli/thidua-cli
  floor=$build/bench/render/render-floor
  best () { sort -n | head -1; }
  : > "$work/cli.t"; : > "$work/floor.t"; : > "$work/fonts.t"
  for i in 1 2 3 4 5 6 7 8 9 10 11; do
    t0=$(date +%s%N); "$cli" render-json "$work/plan10.json" -o "$work/cli.pdf" 2>/dev/null; t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 )) >> "$work/cli.t"
    t0=$(date +%s%N); "$floor" "$work/floor.txt" "$work/floor.pdf"; t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 )) >> "$work/floor.t"
    t0=$(date +%s%N); "$floor" "$work/floor.txt" "$work/fonts.pdf" "$work/fonts.txt"; t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000 )) >> "$work/fonts.t"
  done
  c=$(best < "$work/cli.t"); f=$(best < "$work/floor.t"); g=$(best < "$work/fonts.t")
  awk -v c="$c" -v f="$f" -v g="$g" 'BEGIN{printf "cli_render_json_ms\t%.1f\nfloor_process_ms\t%.1f\nprocess_ratio\t%.2f\nfloor_fonts_process_ms\t%.1f\nprocess_ratio_same_fonts\t%.2f\n", c/1000, f/1000, c/f, g/1000, c/g}'
fi
