#!/bin/sh
# Every message `ocop validate` prints about the bad-input suite exists in both languages.
# usage: sh tests/po/validate_vi.sh BIN [CASE_DIR...]   (default: every case of tests/bad/cases)
#
# How the inputs are found: each case's `cmd` is run as the golden tests run it (a fresh copy of the
# case folder, TOP set, LC_ALL=C.UTF-8, stdin from /dev/null), but the `ocop` first on PATH is a
# wrapper that turns the command into `ocop validate -f json` over the same inputs:
#   ocop score|validate|rank|promote [OPTIONS] FILE...  ->  ocop validate -f json [OPTIONS] FILE...
#       keeping the options about the input (--criteria, --regime, -i, --encoding, --delimiter,
#       --ungrouped, --lang), dropping those about the output (-f, -o, --bom, --at, --color);
#   ocop criteria check FILE  ->  ocop validate -f json --criteria FILE tests/bad/fixtures/one.csv.
# The wrapper `exec`s ocop (a case that sends it a signal or limits its memory still reaches it),
# appends its standard output and error to files of the case's run, and returns its exit status,
# so the rest of the cmd (pipes, loops, ulimit) runs unchanged. Cases that make a FIFO (their input
# is a valid fixture; they test how the output is written) are left out: dropping -o would leave
# their reader waiting. Under OCOP_SANITIZED, cases holding `plain-only` are left out as in run.sh.
#
# Each case runs twice (tests/po/validate_vi.py checks the runs). In Vietnamese (the default) with OCOP_I18N_CHECK=1, it fails when
#   (a) `ocop: untranslated message:` appears (a message looked up and missing from the catalog);
#   (b) a problem's "message" (from the JSON) or a line of standard error, once quoted parts ('…',
#       "…", “…”), JSON paths ($.x[0]), options (--x), field names before a value (set "I.1.a") and
#       identifiers (words with _ or a digit) are taken out, still holds an English word of the
#       stoplist below.
# In English (OCOP_LANG=en) it fails when a message or line of standard error holds a Vietnamese
# letter (đ, ư, ơ, ă, â, ê, ô or a tone mark) outside quotes.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
if [ $# -lt 1 ]; then
	echo "usage: sh tests/po/validate_vi.sh BIN [CASE_DIR...]" >&2
	exit 2
fi
case $1 in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
shift
[ -x "$bin" ] || { echo "validate_vi.sh: $bin: not an executable file" >&2; exit 2; }
[ $# -gt 0 ] || set -- "$top"/tests/bad/cases/*/

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ocop-vi.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT TERM
mkdir "$tmp/bin" || exit 2
export LC_ALL=C.UTF-8
unset OCOP_LANG LC_MESSAGES LANG OCOP_I18N_CHECK

# The wrapper: appends its output to $CAPTURE.json and .err and execs the real binary.
cat >"$tmp/bin/ocop" <<'EOF'
#!/bin/sh
real=$OCOP_REAL
case ${1:-} in
score|validate|rank|promote)
	shift
	n=$#
	skip=0
	while [ $n -gt 0 ]; do
		a=$1
		shift
		n=$((n - 1))
		if [ $skip = 1 ]; then
			skip=0
			continue
		fi
		case $a in
		-f|--format|-o|--output|--at) skip=1 ;;
		-f?*|--format=*|-o?*|--output=*|--at=*|--bom|--color|--color=*|--no-color) ;;
		*) set -- "$@" "$a" ;;
		esac
	done
	exec "$real" validate -f json "$@" >>"$CAPTURE.json" 2>>"$CAPTURE.err"
	;;
criteria)
	if [ "${2:-}" = check ] && [ $# -ge 3 ]; then
		exec "$real" validate -f json --criteria "$3" "$TOP/tests/bad/fixtures/one.csv" \
			>>"$CAPTURE.json" 2>>"$CAPTURE.err"
	fi
	exec "$real" "$@"
	;;
*)
	exec "$real" "$@"
	;;
esac
EOF
chmod +x "$tmp/bin/ocop" || exit 2

for c in "$@"; do
	c=${c%/}
	name=${c##*/}
	[ -f "$c/cmd" ] || continue
	grep -q mkfifo "$c/cmd" && continue
	if [ -n "${OCOP_SANITIZED:-}" ] && [ -f "$c/plain-only" ]; then
		continue
	fi
	for lang in vi en; do
		work=$tmp/work
		rm -rf "$work" "$tmp/tmpdir" && cp -R "$c" "$work" && mkdir -p "$tmp/out" "$tmp/tmpdir" ||
			exit 2
		if [ $lang = en ]; then setting=OCOP_LANG=en; else setting=OCOP_I18N_CHECK=1; fi
		: >"$tmp/out/$name.$lang.ran"
		(cd "$work" && env "$setting" OCOP_REAL="$bin" TOP="$top" CAPTURE="$tmp/out/$name.$lang" \
			PATH="$tmp/bin:$PATH" TMPDIR="$tmp/tmpdir" sh ./cmd) </dev/null >/dev/null 2>&1
	done
done
python3 "$top/tests/po/validate_vi.py" "$tmp/out"
