#!/usr/bin/env bash
# JSON-array scaling (make bench runs it after tests/bench/run.sh; it reports, it is not a test).
#
#   tests/bench/json_scale.sh [PRODUCTS…]     default: 2000 20000 200000
#
# For each size, the season of tests/bench/gen.c (PRODUCTS × 5 members) as one JSON array, one
# dossier per line (build/bench/data/ROWS/season.json, shared with run.sh), scored with
# `ocop score -r 148 -f csv`: the best wall time of BENCH_REPEAT (default 3) and the largest peak
# RSS (/usr/bin/time -v), then callgrind's instruction count on the two smallest sizes (counts are
# stable on a shared machine, times are not). An array read in linear time and constant memory
# shows the same microseconds and instructions per product at every size, and the same RSS.
#
# PASS/FAIL: instructions per product at the second size within 10 % of the first; time per
# product at the largest size within 1.5x of the second's (a loaded machine moves times by a
# third); peak RSS at the largest size at most 1.25x that at the smallest + 1 MB (what grows is
# the ~3 bytes per product of written ids, README "Streaming").
# Environment: OCOP (binary, default build/bench/ocop.tested when run.sh made it, else
# build/ocop), CC, BENCH_REPEAT.
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
B=$root/build/bench
M=5
CC=${CC:-cc}
REPEAT=${BENCH_REPEAT:-3}
if [ -z "${OCOP:-}" ]; then
	OCOP=$root/build/ocop
	[ -x "$B/ocop.tested" ] && [ "$B/ocop.tested" -nt "$OCOP" ] && OCOP=$B/ocop.tested
fi
[ $# -gt 0 ] && sizes=("$@") || sizes=(2000 20000 200000)
for p in "${sizes[@]}"; do
	case $p in '' | *[!0-9]* | 0) echo "usage: $0 [PRODUCTS…]" >&2; exit 2 ;; esac
done
[ -x "$OCOP" ] || make -C "$root" >/dev/null || exit 1
mkdir -p "$B/data" || exit 1
$CC -std=c11 -O2 -o "$B/gen" "$here/gen.c" || exit 1
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "json_scale: /usr/bin/time missing: no peak RSS" >&2; TIME=; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# the generated seasons, shared by run.sh and json_scale.sh
. "$here/data.sh"

echo "JSON array scaling: ocop score -r 148 -f csv season.json (best of $REPEAT; $OCOP)"
printf '%10s %9s %9s %9s %12s %9s %14s\n' products MB seconds MB/s "µs/product" "RSS MB" "instr/product"
res=$tmp/res
: >"$res"
i=0
for p in "${sizes[@]}"; do
	D=$(gendata $((p * M))) || exit 1
	J=$D/season.json
	bytes=$(wc -c <"$J")
	best= rss=0
	for ((k = 0; k < REPEAT; k++)); do
		t0=$(date +%s%N)
		if [ -n "$TIME" ]; then
			"$TIME" -v -o "$tmp/time" "$OCOP" score -r 148 -f csv "$J" >/dev/null 2>"$tmp/err"
		else
			"$OCOP" score -r 148 -f csv "$J" >/dev/null 2>"$tmp/err"
		fi
		rc=$? t1=$(date +%s%N)
		if [ $rc -gt 1 ]; then echo "json_scale: ocop exit $rc on $J" >&2; head -3 "$tmp/err" >&2; exit 1; fi
		ns=$((t1 - t0))
		[ -z "$best" ] || [ "$ns" -lt "$best" ] && best=$ns
		if [ -n "$TIME" ]; then
			r=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$tmp/time")
			[ "${r:-0}" -gt "$rss" ] && rss=$r
		fi
	done
	ins=-
	if [ $i -lt 2 ] && command -v valgrind >/dev/null; then
		valgrind --tool=callgrind --callgrind-out-file=/dev/null "$OCOP" score -r 148 -f csv "$J" \
			>/dev/null 2>"$tmp/cg"
		ins=$(sed -n 's/.*Collected : *//p' "$tmp/cg" | tr -d ',')
		[ -n "$ins" ] || ins=-
	fi
	echo "$p $bytes $best $rss $ins" >>"$res"
	awk -v p="$p" -v b="$bytes" -v ns="$best" -v rss="$rss" -v ins="$ins" 'BEGIN {
		printf "%10d %9.1f %9.3f %9.1f %12.2f %9.1f %14s\n", p, b / 1e6, ns / 1e9, b / 1e6 / (ns / 1e9),
			ns / 1e3 / p, rss / 1024, ins == "-" ? "-" : sprintf("%.0f", ins / p) }'
	i=$((i + 1))
done
awk '
	{ p[NR] = $1; ns[NR] = $3; rss[NR] = $4; ins[NR] = $5; n = NR }
	END {
		if (n >= 2 && ins[1] != "-" && ins[2] != "-") {
			a = ins[1] / p[1]; b = ins[2] / p[2]
			printf "  %-4s instructions per product, %d vs %d products: %.0f vs %.0f (%.3fx; linear: within 10%%)\n",
				(b <= 1.1 * a && b >= a / 1.1 ? "PASS" : "FAIL"), p[2], p[1], b, a, b / a
		}
		if (n >= 3) {
			a = ns[2] / p[2]; b = ns[n] / p[n]
			printf "  %-4s time per product, %d vs %d products: %.2f vs %.2f us (%.2fx; linear: within 1.5x)\n",
				(b <= 1.5 * a ? "PASS" : "FAIL"), p[n], p[2], b / 1e3, a / 1e3, b / a
		}
		if (n >= 2 && rss[1] > 0)
			printf "  %-4s peak RSS, %d vs %d products: %.1f MB vs %.1f MB (flat: <= 1.25x + 1 MB)\n",
				(rss[n] <= 1.25 * rss[1] + 1024 ? "PASS" : "FAIL"), p[n], p[1], rss[n] / 1024, rss[1] / 1024
	}' "$res"
