#!/bin/sh
# Builds the libFuzzer targets of the import code with ASan and UBSan.
#   fuzz/build.sh [OUTDIR]        (default: build-fuzz at the top of the tree)
#   FUZZ_TARGETS="csv xlsx" fuzz/build.sh    only those targets (names as for run.sh)
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
# The recogniser reads data/import/recognition.json and the profile names
# of data/profiles through thidua-paths.c: point it at the source tree.
{
  echo '#define GETTEXT_PACKAGE "thidua"'
  echo "#define THIDUA_BUILD_ROOT \"$out\""
  echo "#define THIDUA_SOURCE_DATADIR \"$top/data\""
  echo "#define THIDUA_BUILD_DATADIR \"$out\""
  echo "#define THIDUA_BUILD_LOCALEDIR \"$out\""
  echo "#define THIDUA_PKGDATADIR \"$top/data\""
  echo "#define THIDUA_LOCALEDIR \"$out\""
} > "$out/config.h"
want () {
  [ -z "${FUZZ_TARGETS:-}" ] && return 0
  for w in $FUZZ_TARGETS; do [ "$w" = "$1" ] && return 0; done
  return 1
}
CC=${CC:-clang}
CFLAGS="-g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
  -fno-sanitize-recover=undefined -DGLIB_VERSION_MIN_REQUIRED=GLIB_VERSION_2_74 \
  -DGLIB_VERSION_MAX_ALLOWED=GLIB_VERSION_2_74 -I$out -I$top/src/core -I$top/src/core/store -I$top/src/core/plan -I$top/src/core/text -I$top/src/core/import -I$top/src/core/register \
  $(pkg-config --cflags glib-2.0 gobject-2.0 gio-2.0 json-glib-1.0)"
LIBS="$(pkg-config --libs glib-2.0 gobject-2.0 gio-2.0 json-glib-1.0) -lm"
core="$top/src/core/thidua-paths.c $top/src/core/thidua-input.c $top/src/core/thidua-json.c $top/src/core/text/thidua-encoding.c $top/src/core/import/thidua-import.c \
  $top/src/core/plan/thidua-plan.c $top/src/core/text/thidua-text.c $top/src/core/plan/thidua-markup.c \
  $top/src/core/plan/thidua-body-table.c $top/src/core/import/thidua-import-html.c"

for t in tcvn3 vni cp1258 utf16 auto; do
  want "decode-$t" || continue
  T=$(echo "$t" | tr a-z A-Z)
  $CC $CFLAGS -DFUZZ_$T -o "$out/fuzz-decode-$t" "$here/fuzz-decode.c" $core $LIBS
done
! want recognize || $CC $CFLAGS -o "$out/fuzz-recognize" "$here/fuzz-recognize.c" $core $LIBS
! want markup || $CC $CFLAGS -o "$out/fuzz-markup" "$here/fuzz-markup.c" $core $LIBS
# The register's readers (src/sheets) and the JSON plan reader.
SHEETS_CFLAGS="-I$top/src/sheets $(pkg-config --cflags libzip libxml-2.0 xlsxwriter freexl)"
SHEETS_LIBS="$(pkg-config --libs libzip libxml-2.0 xlsxwriter freexl)"
sheets="$top/src/sheets/thidua-csv.c $top/src/sheets/thidua-xlsx.c $top/src/sheets/thidua-xls.c \
  $top/src/sheets/thidua-register-table.c"
for t in csv xlsx xls; do
  want "$t" || continue
  T=$(echo "$t" | tr a-z A-Z)
  $CC $CFLAGS $SHEETS_CFLAGS -DFUZZ_$T -o "$out/fuzz-$t" "$here/fuzz-sheets.c" $sheets $core \
    $LIBS $SHEETS_LIBS
done
! want plan-json || $CC $CFLAGS -o "$out/fuzz-plan-json" "$here/fuzz-plan-json.c" $core $LIBS
! want html || $CC $CFLAGS -o "$out/fuzz-html" "$here/fuzz-html.c" $core $LIBS
# the .docx reader (src/word), with libzip and libxml2
word="$top/src/word/thidua-word-text.c $top/src/word/thidua-word-read.c $top/src/word/thidua-word-import.c"
! want docx || $CC $CFLAGS -D_GNU_SOURCE -I$top/src/word $(pkg-config --cflags libzip libxml-2.0) -o "$out/fuzz-docx" \
  "$here/fuzz-docx.c" $word $core $LIBS $(pkg-config --libs libzip libxml-2.0)
# The PDF reader: src/pdf on poppler-glib (the system library, not
# instrumented).
! want pdf || $CC $CFLAGS -I$top/src/pdf $(pkg-config --cflags poppler-glib) -o "$out/fuzz-pdf" \
  "$here/fuzz-pdf.c" "$top/src/pdf/thidua-pdf.c" $core $LIBS $(pkg-config --libs poppler-glib)
# The exchange package checks (SQLite, libsodium): the core files they need.
pkg_core="$top/src/core/exchange/thidua-exchange.c $top/src/core/text/thidua-text.c $top/src/core/thidua-input.c"
! want package || $CC $CFLAGS -I$top/src/core/exchange $(pkg-config --cflags sqlite3 libsodium) \
  -o "$out/fuzz-package" "$here/fuzz-package.c" $pkg_core $LIBS $(pkg-config --libs sqlite3 libsodium)
echo "fuzz targets in $out"
