#!/bin/sh
# Golden CLI tests.  usage: sh tests/cli/run.sh BIN [CASES_DIR | CASE_DIR ...]
#
# A case is a directory: `cmd` (shell lines), expected `stdout`, `stderr` (missing: empty) and
# `status` (missing: 0), optional `check` (must exit 0 afterwards).  cmd and check run with sh in
# a fresh copy of the case directory, with OCOP (the binary), TOP (the repo root), `ocop` first on
# PATH, LC_ALL=C.UTF-8, stdin from /dev/null and stdout not a terminal.  UPDATE=1 rewrites the
# expected stdout, stderr and status from the actual run: review them with git diff.
# A case with a folder `en/` runs a second time with OCOP_LANG=en, against en/stdout, en/stderr
# and en/status (UPDATE=1 writes them; `mkdir en` first): every message is tested in both
# languages. The environment's OCOP_LANG, LC_MESSAGES and LANG are cleared (Vietnamese by default).
# A case holding a file `plain-only` (say why in it) is skipped when OCOP_SANITIZED is set: the
# asan and valgrind runs set it, as they cannot honour limits such as ulimit -v.
# Every case runs with TMPDIR set to a folder of its own; a case fails if it leaves a temporary file
# of ocop (.ocop-out.*, ocop-stdin.*, ocop-book.*) in its folder or in TMPDIR, or if /dev/null or /dev/full is
# no longer a character device after it.
set -u

top=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
if [ $# -lt 1 ]; then
	echo "usage: sh tests/cli/run.sh BIN [CASES_DIR...]" >&2
	exit 2
fi
case $1 in
/*) bin=$1 ;;
*) bin=$(pwd)/$1 ;;
esac
shift
if [ ! -f "$bin" ] || [ ! -x "$bin" ]; then
	echo "run.sh: $bin: not an executable file" >&2
	exit 2
fi
[ $# -gt 0 ] || set -- "$top/tests/cli/cases"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ocop-cli.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT TERM
mkdir "$tmp/bin" && ln -s "$bin" "$tmp/bin/ocop" || exit 2
export LC_ALL=C.UTF-8
unset OCOP_LANG LC_MESSAGES LANG
work=$tmp/work
passed=0
failed=0
skipped=0

# run SCRIPT: run the case's cmd or check in $work, with the case environment.
run() {
	(cd "$work" && OCOP=$bin TOP=$top PATH=$tmp/bin:$PATH TMPDIR=$tmp/tmpdir sh "./$1" </dev/null)
}

# expect FILE ACTUAL: compare; with UPDATE=1 rewrite FILE instead (removed if ACTUAL is empty).
expect() {
	if [ "${UPDATE:-}" = 1 ]; then
		if [ -s "$2" ]; then cp "$2" "$1"; else rm -f "$1"; fi
		return 0
	fi
	want=/dev/null
	[ -f "$1" ] && want=$1
	diff -u "$want" "$2" >"$tmp/diff" && return 0
	echo "--- $what: ${1#$c/} differs (- expected, + actual)"
	cat "$tmp/diff"
	return 1
}

# variant LANG EXP: run the case in a fresh copy (OCOP_LANG=LANG for en), compare with EXP's
# stdout, stderr and status, run its check, look for left temporary files and broken devices.
variant() {
	v_ok=0
	rm -rf "$work" "$tmp/tmpdir" && cp -R "$c" "$work" && mkdir "$tmp/tmpdir" || exit 2
	if [ "$1" = en ]; then
		OCOP_LANG=en run cmd >"$tmp/stdout" 2>"$tmp/stderr"
	else
		run cmd >"$tmp/stdout" 2>"$tmp/stderr"
	fi
	status=$?
	what=$name${1#vi}
	expect "$2/stdout" "$tmp/stdout" || v_ok=1
	expect "$2/stderr" "$tmp/stderr" || v_ok=1
	want=0
	[ -f "$2/status" ] && want=$(cat "$2/status")
	if [ "${UPDATE:-}" = 1 ]; then
		rm -f "$2/status"
		[ $status = 0 ] || echo $status >"$2/status"
	elif [ "$status" != "$want" ]; then
		echo "--- $what: exit status $status, expected $want"
		v_ok=1
	fi
	if [ -f "$work/check" ] && ! run check; then
		echo "--- $what: check failed"
		v_ok=1
	fi
	left=$(find "$work" "$tmp/tmpdir" \( -name '.ocop-out.*' -o -name 'ocop-stdin.*' -o -name 'ocop-book.*' \) -print)
	if [ -n "$left" ]; then
		echo "--- $what: temporary files left:"
		echo "$left" | sed "s|^$tmp/||"
		v_ok=1
	fi
	for dev in /dev/null /dev/full; do
		if [ ! -c $dev ]; then
			echo "--- $what: $dev is no longer a character device"
			v_ok=1
		fi
	done
	return $v_ok
}

for dir in "$@"; do
	if [ ! -d "$dir" ]; then
		echo "run.sh: $dir: not a directory" >&2
		exit 2
	fi
	# A folder of cases, or one case (a folder with a cmd).
	cases="$dir"/*/
	[ -f "$dir/cmd" ] && cases=$dir
	for c in $cases; do
		c=${c%/}
		name=${c##*/}
		[ -f "$c/cmd" ] || continue
		if [ -n "${OCOP_SANITIZED:-}" ] && [ -f "$c/plain-only" ]; then
			skipped=$((skipped + 1))
			continue
		fi
		ok=1
		case $name in
		*[!a-z0-9-]*)
			echo "--- $name: a case name may hold only a-z, 0-9 and -"
			ok=0 ;;
		esac
		for lang in vi en; do
			# The case as written (Vietnamese unless its cmd says --lang en), then, when it has
			# an en/ folder, again in English (OCOP_LANG=en) against en/stdout, en/stderr, en/status.
			exp=$c
			if [ $lang = en ]; then
				[ -d "$c/en" ] || break
				exp=$c/en
			fi
			variant $lang "$exp" || ok=0
		done
		if [ $ok = 1 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
	done
done
echo "$passed passed, $failed failed${OCOP_SANITIZED:+, $skipped skipped (plain-only)}"
[ "$failed" = 0 ]
