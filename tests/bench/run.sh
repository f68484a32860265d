#!/usr/bin/env bash
# Benchmark for `ocop score` (make bench).
#
#   tests/bench/run.sh [ROWS]        ROWS: wide-CSV member rows, default 1000000 (~160 MB)
#
# Builds tests/bench/gen.c and tests/bench/floor.c into build/bench/, generates a season of
# ROWS/5 products × 5 members (wide CSV, long CSV, NDJSON) into build/bench/data/ROWS/ (reused
# while ROWS and gen.c are unchanged), plus the same at ROWS/10 and at 20,000 rows, then times on
# the same files:
#   ocop score     wide CSV, long CSV, NDJSON (and wide/NDJSON at ROWS/10, for memory growth)
#   floor          libcsv parsing the wide CSV with empty callbacks: the lower bound
#   mlr            member totals (sum of the criterion columns per row), when mlr is installed
#   python3 csv    the same totals with the csv module
# Each run writes to /dev/null; the wall time is the best of 3 (BENCH_REPEAT; a run over 20 s is
# not repeated), the peak RSS the largest of them (/usr/bin/time -v). The floor and ocop on the
# wide CSV take turns, 5 times each (BENCH_PAIR_REPEAT), so that the machine's load weighs on both.
# Then callgrind instruction counts of ocop and the floor on the 20,000-row wide file, and the
# targets of the issue, PASS or FAIL.
#
# It reports; it is not a test: it exits 0 whether or not the targets are met, and non-zero only
# when something could not be built or run.
#
# Environment: OCOP (binary, default build/ocop), CC (default cc), BENCH_REPEAT (default 3),
# BENCH_PAIR_REPEAT (default 5), BENCH_PROFILE=1 (also print callgrind_annotate's top 15 functions of ocop).
set -u

ROWS=${1:-1000000}
case $ROWS in '' | *[!0-9]*) echo "usage: $0 [ROWS]" >&2; exit 2 ;; esac
M=5
if [ "$ROWS" -lt $((M * 10)) ]; then echo "$0: ROWS must be at least $((M * 10))" >&2; exit 2; fi

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
B=$root/build/bench
OCOP=${OCOP:-$root/build/ocop}
CC=${CC:-cc}
REPEAT=${BENCH_REPEAT:-3}
PAIR_REPEAT=${BENCH_PAIR_REPEAT:-5}
CG_ROWS=20000
failed=0

say() { printf '%s\n' "$*"; }
warn() { printf 'bench: %s\n' "$*" >&2; }

# ---------------------------------------------------------------- build
mkdir -p "$B/data" || exit 1
if [ ! -x "$OCOP" ]; then
	say "building ocop (make)…"
	make -C "$root" >/dev/null || { warn "make failed"; exit 1; }
fi
# time a private copy, so a rebuild of build/ocop during the run cannot mix two binaries
cp "$OCOP" "$B/ocop.tested" || { warn "cannot copy $OCOP"; exit 1; }
say "ocop under test: $OCOP ($("$OCOP" --version 2>/dev/null | head -1), built $(date -r "$OCOP" '+%F %T'))"
OCOP=$B/ocop.tested
$CC -std=c11 -O2 -o "$B/gen" "$here/gen.c" || { warn "cannot build gen"; exit 1; }
$CC -std=c11 -O2 -o "$B/floor" "$here/floor.c" -lcsv || { warn "cannot build floor (libcsv-dev?)"; exit 1; }

TIME=/usr/bin/time
if [ ! -x "$TIME" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
	say "installing GNU time for peak RSS…"
	apt-get install -y time >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y time >/dev/null 2>&1; }
fi
[ -x "$TIME" ] || { warn "/usr/bin/time missing: no peak RSS"; TIME=; }

# ---------------------------------------------------------------- data
stamp_of() { printf 'rows=%s members=%s gen=%s\n' "$1" "$M" "$(cksum <"$here/gen.c")"; }

# gendata ROWS -> prints the directory
gendata() {
	local rows=$1 dir=$B/data/$1
	if [ "$(cat "$dir/.stamp" 2>/dev/null)" != "$(stamp_of "$rows")" ]; then
		mkdir -p "$dir" || return 1
		rm -f "$dir/.stamp"
		say "generating $rows rows into ${dir#"$root"/}…" >&2
		"$B/gen" $(((rows + M - 1) / M)) "$M" "$dir" || return 1
		stamp_of "$rows" >"$dir/.stamp"
	fi
	printf '%s\n' "$dir"
}
D=$(gendata "$ROWS") || { warn "cannot generate data"; exit 1; }
SMALL=$((ROWS / 10))
DS=$(gendata "$SMALL") || { warn "cannot generate data"; exit 1; }
DCG=$(gendata "$CG_ROWS") || { warn "cannot generate data"; exit 1; }

# ---------------------------------------------------------------- timing
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

py_sum='
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    r = csv.reader(f)
    head = next(r)
    cols = [i for i, h in enumerate(head) if h[:1].isdigit()]
    pid, mem = head.index("product_id"), head.index("member")
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["product_id", "member", "total"])
    for row in r:
        w.writerow([row[pid], row[mem], sum(int(row[i]) for i in cols if row[i])])
'

# every run, one line each: tool|input|bytes|rows|nanoseconds|rss_kb (- when it failed)
raw=$tmp/raw
# the table: one line per tool and input, the best time and the largest RSS of its runs
results=$tmp/results

# run_once TOOL INPUT FILE ROWS OKCODES -- COMMAND…   (COMMAND's stdout goes to /dev/null)
# Times one run and appends it to $raw; sets last_ns (empty when the run failed).
run_once() {
	local tool=$1 input=$2 file=$3 rows=$4 ok=$5 t0 t1 rc r=-
	shift 6
	last_ns=
	t0=$(date +%s%N)
	if [ -n "$TIME" ]; then
		"$TIME" -v -o "$tmp/time" "$@" >/dev/null 2>"$tmp/err"
	else
		"$@" >/dev/null 2>"$tmp/err"
	fi
	rc=$?
	t1=$(date +%s%N)
	case " $ok " in
	*" $rc "*) ;;
	*)
		warn "$tool on $input: exit $rc"
		head -5 "$tmp/err" >&2
		failed=1
		printf '%s|%s|%s|%s|-|-\n' "$tool" "$input" "$(wc -c <"$file")" "$rows" >>"$raw"
		return 1
		;;
	esac
	last_ns=$((t1 - t0))
	if [ -n "$TIME" ]; then
		r=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$tmp/time")
		[ -n "$r" ] || r=-
	fi
	printf '%s|%s|%s|%s|%s|%s\n' "$tool" "$input" "$(wc -c <"$file")" "$rows" "$last_ns" "$r" >>"$raw"
}

# bench TOOL INPUT FILE ROWS OKCODES -- COMMAND…: REPEAT runs; one over 20 s is not repeated
# (Miller, python on a large season)
bench() {
	local i
	for ((i = 0; i < REPEAT; i++)); do
		run_once "$@" || return 1
		[ "$last_ns" -gt 20000000000 ] && return 0
	done
	return 0
}

# The floor and ocop on the wide CSV take turns, PAIR_REPEAT times: a change in the machine's
# load during the benchmark then weighs on both, and their ratio is the first target.
bench_pair() {
	local i
	for ((i = 0; i < PAIR_REPEAT; i++)); do
		run_once "floor (libcsv)" "wide csv" "$W" "$rows_w" "0" -- "$B/floor" "$W" || return 1
		run_once "ocop score" "wide csv" "$W" "$rows_w" "0 1" -- "$OCOP" score -r 148 -f csv "$W" || return 1
	done
}

lines() { echo $(($(wc -l <"$1") - 1)); } # data rows (header excluded for CSV)

W=$D/season.csv L=$D/season-long.csv J=$D/season.ndjson
WS=$DS/season.csv JS=$DS/season.ndjson
rows_w=$(lines "$W") rows_l=$(lines "$L") rows_j=$(wc -l <"$J")
rows_ws=$(lines "$WS") rows_js=$(wc -l <"$JS")

say "timing: best of $REPEAT wall times ($PAIR_REPEAT for the floor and ocop on the wide CSV, taking turns) on $(nproc 2>/dev/null || echo ?) CPU(s); ocop exit 0 or 1 (1: some products need re-scoring) is success"
: >"$raw"
# The long CSV carries no evaluated_on column, so every ocop run names the regime (-r 148);
# on the wide CSV and NDJSON it is the regime their evaluated_on (2024-10-01) selects anyway.
bench_pair
bench "ocop score" "long csv" "$L" "$rows_l" "0 1" -- "$OCOP" score -r 148 -f csv "$L"
bench "ocop score" "ndjson" "$J" "$rows_j" "0 1" -- "$OCOP" score -r 148 -f csv "$J"
bench "ocop score" "wide csv /10" "$WS" "$rows_ws" "0 1" -- "$OCOP" score -r 148 -f csv "$WS"
bench "ocop score" "ndjson /10" "$JS" "$rows_js" "0 1" -- "$OCOP" score -r 148 -f csv "$JS"
if command -v mlr >/dev/null; then
	# the same totals: one explicit sum over the criterion columns (empty cells skipped);
	# a for-loop over $* is about 4x slower in Miller 6
	mlr_sum='t = 0;'
	for c in $(head -1 "$W" | tr -d '\r' | tr ',' '\n' | grep '^[0-9]'); do
		mlr_sum="$mlr_sum if (!is_empty(\${$c})) { t += \${$c} }"
	done
	mlr_sum="$mlr_sum \$* = {\"product_id\": \$product_id, \"member\": \$member, \"total\": t}"
	bench "mlr" "wide csv" "$W" "$rows_w" "0" -- mlr --icsv --ocsv put "$mlr_sum" "$W"
else
	say "(mlr not installed: skipped)"
fi
if command -v python3 >/dev/null; then
	bench "python3 csv" "wide csv" "$W" "$rows_w" "0" -- python3 -c "$py_sum" "$W"
else
	say "(python3 not installed: skipped)"
fi

# best time and largest RSS of each tool and input, in the order they first ran (the floor first)
awk -F'|' '
	{ k = $1 "|" $2 }
	!(k in seen) { seen[k] = 1; order[++n] = k; by[k] = $3; rw[k] = $4; ns[k] = $5; rss[k] = $6; next }
	$5 == "-" || ns[k] == "-" { ns[k] = "-"; next }
	$5 + 0 < ns[k] + 0 { ns[k] = $5 }
	$6 != "-" && (rss[k] == "-" || $6 + 0 > rss[k] + 0) { rss[k] = $6 }
	END { for (i = 1; i <= n; i++) print order[i] "|" by[order[i]] "|" rw[order[i]] "|" ns[order[i]] "|" rss[order[i]] }
' "$raw" >"$results"

say ""
say "season: $ROWS member rows = $((rows_w / M)) products × $M members, 4 sets of regime 148 (wide ${rows_w} rows, long ${rows_l} rows, NDJSON ${rows_j} lines)"
say "ratio = seconds / floor seconds on the wide CSV of the same season; rows = data lines of that input"
awk -F'|' '
	function mb(b) { return b / 1e6 }
	NR == 1 { floor = $5 }   # the floor runs first
	{ tool[NR] = $1; inp[NR] = $2; by[NR] = $3; rw[NR] = $4; ns[NR] = $5; rss[NR] = $6; n = NR }
	END {
		printf "%-15s %-13s %9s %9s %9s %12s %8s %9s\n", "tool", "input", "MB", "seconds", "MB/s", "rows/s", "ratio", "RSS MB"
		for (i = 1; i <= n; i++) {
			if (ns[i] == "-") {
				printf "%-15s %-13s %9.1f %9s %9s %12s %8s %9s\n", tool[i], inp[i], mb(by[i]), "FAILED", "-", "-", "-", "-"
				continue
			}
			s = ns[i] / 1e9
			ratio = (floor != "-" && floor > 0) ? sprintf("%.2f", ns[i] / floor) : "-"
			r = rss[i] == "-" ? "-" : sprintf("%.1f", rss[i] / 1024)
			printf "%-15s %-13s %9.1f %9.3f %9.1f %12.0f %8s %9s\n", tool[i], inp[i], mb(by[i]), s, mb(by[i]) / s, rw[i] / s, ratio, r
		}
	}' "$results"

# ---------------------------------------------------------------- callgrind
say ""
cg_ocop= cg_floor=
if command -v valgrind >/dev/null; then
	CW=$DCG/season.csv
	say "callgrind on $(lines "$CW") wide rows ($(awk -v b="$(wc -c <"$CW")" 'BEGIN { printf "%.1f", b / 1e6 }') MB, ${DCG#"$root"/}/season.csv):"
	valgrind --tool=callgrind --dump-instr=no --callgrind-out-file="$B/callgrind.ocop.out" \
		"$OCOP" score -r 148 -f csv "$CW" >/dev/null 2>"$tmp/cg.ocop"
	rc=$?
	if [ $rc -le 1 ]; then
		cg_ocop=$(sed -n 's/.*Collected : *//p' "$tmp/cg.ocop" | tr -d ',')
	else
		warn "valgrind ocop: exit $rc"; tail -5 "$tmp/cg.ocop" >&2; failed=1
	fi
	if valgrind --tool=callgrind --dump-instr=no --callgrind-out-file="$B/callgrind.floor.out" \
		"$B/floor" "$CW" >/dev/null 2>"$tmp/cg.floor"; then
		cg_floor=$(sed -n 's/.*Collected : *//p' "$tmp/cg.floor" | tr -d ',')
	else
		warn "valgrind floor failed"; tail -5 "$tmp/cg.floor" >&2; failed=1
	fi
	if [ -n "$cg_ocop" ] && [ -n "$cg_floor" ]; then
		awk -v o="$cg_ocop" -v f="$cg_floor" -v r="$(lines "$CW")" 'BEGIN {
			printf "  %-15s %15s instructions  %8.0f per row\n", "ocop score", o, o / r
			printf "  %-15s %15s instructions  %8.0f per row\n", "floor (libcsv)", f, f / r
			printf "  ratio ocop/floor %.2f\n", o / f }'
		say "  (profiles: ${B#"$root"/}/callgrind.{ocop,floor}.out; callgrind_annotate FILE)"
		if [ "${BENCH_PROFILE:-0}" = 1 ] && command -v callgrind_annotate >/dev/null; then
			say "  top 15 functions of ocop, self cost:"
			callgrind_annotate "$B/callgrind.ocop.out" 2>/dev/null |
				awk '/file:function/ { on = 1; getline; next } on && NF && n < 15 { print "  " $0; n++ }' 
		fi
	fi
else
	say "(valgrind not installed: callgrind skipped)"
fi

# ---------------------------------------------------------------- targets
say ""
say "targets (issue): at $ROWS rows"
awk -F'|' '
	function row(t, i) { for (k = 1; k <= n; k++) if (tool[k] == t && inp[k] == i) return k; return 0 }
	{ tool[NR] = $1; inp[NR] = $2; by[NR] = $3; ns[NR] = $5; rss[NR] = $6; n = NR }
	END {
		f = row("floor (libcsv)", "wide csv"); w = row("ocop score", "wide csv")
		j = row("ocop score", "ndjson"); js = row("ocop score", "ndjson /10")
		if (f && w && ns[f] != "-" && ns[w] != "-")
			printf "  %-4s ocop score wide CSV within 1.5x the floor: %.2fx (%.3f s vs %.3f s)\n",
				(ns[w] <= 1.5 * ns[f] ? "PASS" : "FAIL"), ns[w] / ns[f], ns[w] / 1e9, ns[f] / 1e9
		else print "  ---- ocop wide vs floor: not measured"
		if (w && rss[w] != "-" && rss[w] != "")
			printf "  %-4s ocop score wide CSV peak RSS under 16 MB: %.1f MB\n", (rss[w] / 1024 < 16 ? "PASS" : "FAIL"), rss[w] / 1024
		else print "  ---- ocop wide RSS: not measured"
		if (j && ns[j] != "-") {
			mbs = by[j] / 1e6 / (ns[j] / 1e9)
			printf "  %-4s ocop score NDJSON at 60 MB/s or more: %.1f MB/s\n", (mbs >= 60 ? "PASS" : "FAIL"), mbs
		} else print "  ---- ocop NDJSON speed: not measured"
		# "constant memory": peak RSS at ROWS at most 25% (+1 MB) above peak RSS at ROWS/10
		if (j && js && rss[j] != "-" && rss[js] != "-" && rss[j] != "" && rss[js] != "")
			printf "  %-4s ocop score NDJSON memory constant (RSS at ROWS <= 1.25 x RSS at ROWS/10 + 1 MB): %.1f MB vs %.1f MB\n",
				(rss[j] <= 1.25 * rss[js] + 1024 ? "PASS" : "FAIL"), rss[j] / 1024, rss[js] / 1024
		else print "  ---- ocop NDJSON memory growth: not measured"
	}' "$results"

exit $failed
