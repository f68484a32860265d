#!/bin/sh
# The whole golden suite (CLI and bad input), then -o onto the two device nodes tests are never
# allowed to name otherwise: afterwards /dev/null and /dev/full must still be character devices and
# no temporary file of ocop may be left in TMPDIR, the case folders or the repository.
#   usage: sh tests/cli/devices.sh BIN      (make check runs it as `make devices-test`)
# A FIFO is tried first: -o onto a FIFO takes the same path as onto a device, so a regression is
# caught there before /dev/null is touched. Run as root, a broken /dev/null or /dev/full is
# recreated (mknod) before the script fails, so the machine stays usable.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd) || exit 2
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ocop-devices.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0
one="$top/tests/cli/fixtures/one.csv"

restore() {    # restore DEV MINOR: recreate a device node replaced by a file (root only)
	[ -c "$1" ] && return 0
	echo "devices: $1 is no longer a character device" >&2
	if [ "$(id -u)" = 0 ]; then
		rm -f "$1" && mknod -m 666 "$1" c 1 "$2" && echo "devices: $1 recreated" >&2
	fi
	fail=1
}

TMPDIR=$tmp sh "$top/tests/cli/run.sh" "$bin" "$top/tests/cli/cases" "$top/tests/bad/cases" || fail=1

mkfifo "$tmp/out.fifo"
timeout 10 cat "$tmp/out.fifo" >"$tmp/got.csv" &
timeout 10 "$bin" score -f csv -o "$tmp/out.fifo" "$one"
wait
if [ ! -p "$tmp/out.fifo" ] || [ ! -s "$tmp/got.csv" ]; then
	echo "devices: -o onto a FIFO did not write into the FIFO: /dev/null is not tried" >&2
	exit 1
fi
"$bin" score -f csv -o /dev/null "$one"
echo "devices: -o /dev/null: exit $? (expected 0)"
"$bin" score -f csv -o /dev/full "$one" 2>"$tmp/full.err"
echo "devices: -o /dev/full: exit $? (expected 4): $(cat "$tmp/full.err")"
restore /dev/null 3
restore /dev/full 7
left=$(find "$tmp" "$top/tests" /dev \( -name '.ocop-out.*' -o -name 'ocop-stdin.*' -o -name 'ocop-book.*' \) -print 2>/dev/null)
if [ -n "$left" ]; then
	echo "devices: temporary files left:" >&2
	echo "$left" >&2
	fail=1
fi
[ $fail = 0 ] && echo "devices: /dev/null and /dev/full are character devices; no temporary file left"
exit $fail
