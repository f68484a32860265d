#!/bin/sh
# ocop enter at a real terminal, driven through tmux.  usage: sh tests/enter/tmux.sh BIN
#
# 1. A 3-member council typed key by key (council.keys: one refused answer, a back, an undo, a
#    saved sheet corrected); `ocop score` on the file gives the expected result (council.score).
# 2. The same keys through standard input give a byte-identical file and the same exit status.
# 3. ocop enter killed with SIGKILL in the middle of a sheet: the saved sheet is still there, the
#    draft is offered on the next start, and once it is finished the file is byte-identical to
#    the one the same answers give without the kill.
# Each key line is sent only once ocop shows a fresh prompt (polled, with a timeout), never after a
# fixed sleep: the test holds on a slow, shared machine.
set -u

here=$(cd "$(dirname "$0")" && pwd) || exit 2
case ${1:-} in
/*) bin=$1 ;;
'') echo "usage: sh tests/enter/tmux.sh BIN" >&2; exit 2 ;;
*) bin=$(pwd)/$1 ;;
esac
if ! command -v tmux >/dev/null; then
	echo "tmux.sh: tmux is not installed (apt-get install tmux)" >&2
	exit 2
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ocop-tmux.XXXXXX") || exit 2
sock=$tmp/tmux.0
trap 'tmux -S "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT TERM
export LC_ALL=C.UTF-8
TIMEOUT=${TMUX_TEST_TIMEOUT:-60}
failed=0

T() { tmux -S "$sock" "$@"; }

fail() {
	echo "tmux.sh: FAIL: $*"
	failed=1
}

# start DIR ARGS: ocop enter ARGS in DIR, in a fresh tmux pane. $tmp/ocop.pid gets its process id,
# $tmp/ocop.status its exit status once it has exited.
start() {
	dir=$1
	shift
	T kill-server 2>/dev/null
	sock=$tmp/tmux.$((${sock##*.} + 1))   # a fresh server: the old one may still be going
	rm -f "$tmp/ocop.pid" "$tmp/ocop.status"
	printf 'set -g remain-on-exit on\nset -g history-limit 100000\n' >"$tmp/tmux.conf"
	cat >"$tmp/run" <<-EOF
	cd "$dir" || exit 2
	sh -c 'echo \$\$ >"$tmp/ocop.pid"; exec "\$@"' sh "$bin" enter $*
	echo \$? >"$tmp/ocop.status.new" && mv "$tmp/ocop.status.new" "$tmp/ocop.status"
	EOF
	T -f "$tmp/tmux.conf" new-session -d -x 200 -y 50 -s t "TERM=xterm sh '$tmp/run'" || exit 2
	mark=-1
}

# Where the cursor is in the whole history: grows with every line the terminal shows.
where() {
	T display -p -t t '#{e|+:#{history_size},#{cursor_y}}'
}

# wait_prompt: until the cursor has moved since the last key line and sits after a prompt (a line
# ending in ">", ":" or "]"; tmux drops the trailing space). ocop writes whole lines, so a line
# still being written never looks like a prompt.
wait_prompt() {
	n=0
	while :; do
		if [ -f "$tmp/ocop.status" ]; then
			fail "ocop exited while a prompt was expected (after: $last)"
			screen | grep -v '^ ' | tail -8
			return 1
		fi
		now=$(where)
		y=$(T display -p -t t '#{cursor_y}')
		line=$(T capture-pane -p -t t -S "$y" -E "$y")
		if [ "$now" -gt "$mark" ]; then
			case $line in
			*'>' | *':' | *']')
				mark=$now
				echo "$now: $line" >>"$tmp/prompts"
				return 0 ;;
			esac
		fi
		n=$((n + 1))
		if [ $n -gt $((TIMEOUT * 20)) ]; then
			fail "no prompt after ${TIMEOUT}s (after: $last; cursor line: $line)"
			return 1
		fi
		sleep 0.05
	done
}

# type_keys FILE [FIRST [LAST]]: types the lines FIRST..LAST of FILE, each after a fresh prompt.
type_keys() {
	sed -n "${2:-1},${3:-\$}p" "$1" >"$tmp/keys"
	while IFS= read -r k || [ -n "$k" ]; do
		wait_prompt || return 1
		[ -n "$k" ] && T send-keys -t t -l -- "$k"
		T send-keys -t t Enter
		last=$k
	done <"$tmp/keys"
}

# wait_exit: until ocop has exited; prints its exit status.
wait_exit() {
	n=0
	while [ ! -f "$tmp/ocop.status" ]; do
		n=$((n + 1))
		if [ $n -gt $((TIMEOUT * 20)) ]; then
			fail "ocop did not exit after ${TIMEOUT}s"
			echo none
			return 1
		fi
		sleep 0.05
	done
	cat "$tmp/ocop.status"
}

screen() {
	T capture-pane -p -t t -S - -E -
}

last=start

# ---- 1. the council at the terminal ----
mkdir "$tmp/tty" "$tmp/pipe" "$tmp/kill" "$tmp/nokill"
start "$tmp/tty" season.csv
type_keys "$here/council.keys"
status=$(wait_exit)
screen >"$tmp/tty/screen"
[ "$status" = 0 ] || fail "council at the terminal: exit status $status, expected 0"
grep -q '✗ 4 điểm không phải một phương án của 1.a' "$tmp/tty/screen" ||
	fail "the refused answer's reason is not on the screen"
grep -q '^1.c \[1\]> 2' "$tmp/tty/screen" || fail "back to 1.c did not show its value [1]"
grep -q 'hoàn tác: 2.a' "$tmp/tty/screen" || fail "the undo of 2.a is not on the screen"
grep -q 'TV3 đã có phiếu trong season.csv. Sửa phiếu này' "$tmp/tty/screen" ||
	fail "correcting TV3's saved sheet did not ask to replace it"
grep -q 'Xếp hạng 4★ · được công nhận OCOP' "$tmp/tty/screen" ||
	fail "the council's explanation (4★ after the correction) is not on the screen"
if "$bin" score -f csv "$tmp/tty/season.csv" >"$tmp/tty/score" 2>&1; then
	diff -u "$here/council.score" "$tmp/tty/score" || fail "ocop score on the typed file differs"
else
	fail "ocop score on the typed file failed"
fi
[ -f "$tmp/tty/season.csv.ocop-draft" ] || fail "no draft journal beside the file"

# ---- 2. the same keys through standard input ----
(cd "$tmp/pipe" && "$bin" enter season.csv <"$here/council.keys" >out 2>err)
status=$?
[ "$status" = 0 ] || fail "council through standard input: exit status $status, expected 0"
cmp "$tmp/tty/season.csv" "$tmp/pipe/season.csv" ||
	fail "the file typed at the terminal and the one from standard input differ"
grep -q 'Xếp hạng 4★' "$tmp/pipe/out" || fail "standard output lacks the council's explanation"
grep -q 'Mã sản phẩm' "$tmp/pipe/out" && fail "a prompt went to standard output"

# ---- 3. SIGKILL in the middle of a sheet, then resume ----
# kill.keys: a product, TV1's sheet saved, then TV2's first 12 answers; the kill comes then.
nkeys=$(wc -l <"$here/kill.keys")
start "$tmp/kill" --members 3 season.csv
type_keys "$here/kill.keys" 1 "$nkeys"
wait_prompt
kill -9 "$(cat "$tmp/ocop.pid")"
wait_exit >/dev/null
grep -q '^CP-002,I.3.b,TV1,' "$tmp/kill/season.csv" || fail "TV1's saved sheet was lost by the kill"
grep -q ',TV2,' "$tmp/kill/season.csv" && fail "TV2's unfinished sheet is in the file"
[ "$(grep -c '^a	' "$tmp/kill/season.csv.ocop-draft")" -ge 12 ] ||
	fail "the journal lacks the answers typed before the kill"
start "$tmp/kill" --members 3 season.csv
wait_prompt
screen | grep -q 'Bản nháp chưa lưu trong season.csv.ocop-draft: sản phẩm CP-002, thành viên TV2' ||
	fail "the draft was not offered after the kill"
T send-keys -t t Enter          # resume: yes
last=resume
type_keys "$here/resume.keys"
status=$(wait_exit)
[ "$status" = 0 ] || fail "resumed session: exit status $status, expected 0"
(cd "$tmp/nokill" && cat "$here/kill.keys" "$here/resume.keys" |
	"$bin" enter --members 3 season.csv >/dev/null 2>&1)
cmp "$tmp/kill/season.csv" "$tmp/nokill/season.csv" ||
	fail "after kill and resume the file differs from the one typed without the kill"

if [ $failed = 0 ]; then
	echo "tmux.sh: council typed at the terminal, standard input, SIGKILL and resume: passed"
else
	echo "== the last prompts seen"
	tail -5 "$tmp/prompts"
fi
exit $failed
