#!/bin/sh
# Makes tests/fixtures/word/*.docx and *.doc from the hand-written .fodt
# files with LibreOffice, so the import tests read files made by another
# program even where LibreOffice is missing.  Run it after editing a .fodt.
set -eu
here=$(cd "$(dirname "$0")/../fixtures/word" && pwd)
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for f in "$here"/*.fodt; do
  for fmt in docx doc; do
    soffice --headless --norestore "-env:UserInstallation=file://$profile" \
      --convert-to "$fmt" --outdir "$here" "$f" >/dev/null 2>&1
  done
done
ls -l "$here"
