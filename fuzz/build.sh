#!/bin/sh
# Builds the libFuzzer targets of the import code with ASan and UBSan.
#   fuzz/build.sh [OUTDIR]        (default: build-fuzz at the top of the tree)
# Then, for example:
#   build-fuzz/fuzz-recognize -max_total_time=600 -max_len=65536 \
#       build-fuzz/corpus-recognize fuzz/corpus/recognize
# (see fuzz/README.md; new corpus entries go to the first directory).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
out=${1:-$top/build-fuzz}
mkdir -p "$out"

# The core is built without meson: only what import needs.  Of config.h the
# import code reads only the gettext domain (no translation is loaded).
echo '#define GETTEXT_PACKAGE "thidua"' > "$out/config.h"
CC=${CC:-clang}
CFLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
  -fno-sanitize-recover=undefined -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 \
  -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74 -I$out -I$top/src/core -I$top/src/core/store -I$top/src/core/plan -I$top/src/core/text -I$top/src/core/import -I$top/src/core/register \
  $(pkg-config --cflags glib-2.0 gobject-2.0 gio-2.0 json-glib-1.0)"
LIBS="$(pkg-config --libs glib-2.0 gobject-2.0 gio-2.0 json-glib-1.0) -lm"
core="$top/src/core/text/thidua-encoding.c $top/src/core/import/thidua-import.c \
  $top/src/core/plan/thidua-plan.c $top/src/core/text/thidua-text.c $top/src/core/plan/thidua-markup.c \
  $top/src/core/plan/thidua-body-table.c $top/src/core/thidua-input.c $top/src/core/thidua-json.c"

for t in tcvn3 vni cp1258 utf16 auto; do
  T=$(echo "$t" | tr a-z A-Z)
  $CC $CFLAGS -DFUZZ_$T -o "$out/fuzz-decode-$t" "$here/fuzz-decode.c" $core $LIBS
done
$CC $CFLAGS -o "$out/fuzz-recognize" "$here/fuzz-recognize.c" $core $LIBS
$CC $CFLAGS -o "$out/fuzz-markup" "$here/fuzz-markup.c" $core $LIBS
# The PDF reader: src/pdf on poppler-glib (the system library, not
# instrumented).
$CC $CFLAGS -I$top/src/pdf $(pkg-config --cflags poppler-glib) -o "$out/fuzz-pdf" \
  "$here/fuzz-pdf.c" "$top/src/pdf/thidua-pdf.c" $core $LIBS $(pkg-config --libs poppler-glib)
echo "fuzz targets in $out"
