#!/bin/sh
# The message catalogs: the template is what the sources hold, and Vietnamese has them all.
# usage: sh tests/po/check.sh EXTRACTED.pot PO_DIR
#   - PO_DIR/ocop.pot equals EXTRACTED.pot (xgettext over the sources now), bar its creation date:
#     a message added or changed in the sources and not extracted fails ("make po" fixes it);
#   - PO_DIR/vi.po holds every message of the template, none untranslated, none fuzzy, none
#     obsolete (msgcmp, msgfmt --statistics), and no format mismatch (msgfmt --check);
#   - its header says one plural form (nplurals=1), the rule the library's lookup applies.
set -u
pot=$1
dir=$2
fail=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ocop-po.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

sed '/^"POT-Creation-Date:/d' "$pot" > "$tmp/now.pot"
if ! diff -u "$dir/ocop.pot" "$tmp/now.pot" > "$tmp/diff"; then
	echo "po-check: $dir/ocop.pot is not what the sources hold (run 'make po', then translate):"
	head -40 "$tmp/diff"
	fail=1
fi
if ! msgcmp "$dir/vi.po" "$dir/ocop.pot" 2> "$tmp/cmp"; then
	echo "po-check: $dir/vi.po lacks messages of the template:"
	head -40 "$tmp/cmp"
	fail=1
fi
if ! msgfmt --check --statistics -o "$tmp/vi.mo" "$dir/vi.po" 2> "$tmp/stat"; then
	echo "po-check: msgfmt --check failed on $dir/vi.po:"
	head -40 "$tmp/stat"
	fail=1
elif ! tail -1 "$tmp/stat" | grep -Eq '^[0-9]+ translated messages?\.$' || [ $(wc -l < "$tmp/stat") != 1 ]; then
	echo "po-check: $dir/vi.po is not fully translated: $(cat "$tmp/stat")"
	fail=1
fi
if grep -q '^#~' "$dir/vi.po"; then
	echo "po-check: $dir/vi.po keeps obsolete entries (#~): remove them"
	fail=1
fi
if ! grep -q '^"Plural-Forms: nplurals=1; plural=0;\\n"$' "$dir/vi.po"; then
	echo "po-check: $dir/vi.po must declare \"Plural-Forms: nplurals=1; plural=0;\""
	fail=1
fi
[ $fail = 0 ] && echo "po-check: $dir/vi.po: $(tr -d "\n" < "$tmp/stat") template up to date"
exit $fail
