#!/bin/sh
# check-po.sh SOURCE_ROOT — po/vi.po is valid and translates every message
# of the sources listed in po/POTFILES.in (nothing untranslated or fuzzy).
set -eu
root=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

msgfmt --check --statistics -o "$tmp/vi.mo" "$root/po/vi.po" 2> "$tmp/stats"
cat "$tmp/stats"
if grep -q -E 'untranslated|fuzzy' "$tmp/stats"; then
  echo "vi.po has untranslated or fuzzy messages" >&2
  exit 1
fi

cd "$root"
xgettext --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ \
  --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 \
  --files-from=po/POTFILES.in -o "$tmp/thidua.pot"
# msgcmp: every message of the sources must have a translation in vi.po
msgcmp "$root/po/vi.po" "$tmp/thidua.pot" 2>&1 || {
  echo "po/vi.po is missing messages: regenerate with ninja thidua-update-po" >&2
  exit 1
}
echo "vi.po complete"
