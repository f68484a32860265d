#!/usr/bin/env bash
# Benchmark for `ocop score` (make bench).
#
#   tests/bench/run.sh [ROWS]        ROWS: wide-CSV member rows, default 1000000 (~160 MB)
#
# Builds tests/bench/gen.c and tests/bench/floor.c into build/bench/, generates a season of
# ROWS/5 products × 5 members (wide CSV, long CSV, NDJSON, JSON array) into build/bench/data/ROWS/
# (reused while ROWS and gen.c are unchanged), plus the same at ROWS/10 and at 20,000 rows, then
# times on the same files:
#   ocop score     wide CSV, long CSV, NDJSON, JSON array (and wide/NDJSON at ROWS/10, for
#                  memory growth)
#   ocop rank, ocop promote --at district   on the wide CSV
#   floor          libcsv parsing the wide CSV (and the long CSV) with empty callbacks
#   mlr            member totals (sum of the criterion columns per row), when mlr is installed
#   python3 csv    the same totals with the csv module
# Each run writes to /dev/null; the wall time is the best of 3 (BENCH_REPEAT; a run over 20 s is
# not repeated), the peak RSS the largest of them (/usr/bin/time -v). The floor, ocop score, rank
# and promote on the wide CSV take turns, 5 times each (BENCH_PAIR_REPEAT), so that the machine's
# load weighs on all of them. Then callgrind instruction counts on the 20,000-row season (per row,
# per product, per byte, and scoring + output per product: on_dossier, inclusive; for the wide CSV
# also per row beyond the process's start, from the season and a tenth of it), the targets of
# issues 6 and 15, PASS or FAIL, and the JSON-array scaling run (tests/bench/json_scale.sh). The
# machine is shared: times move by a third from run to run, callgrind counts do not, so targets
# stated in instructions are judged on the counts.
#
# It reports; it is not a test: it exits 0 whether or not the targets are met, and non-zero only
# when something could not be built or run.
#
# Environment: OCOP (binary, default build/ocop), CC (default cc), BENCH_REPEAT (default 3),
# BENCH_PAIR_REPEAT (default 5), BENCH_PROFILE=1 (also print callgrind_annotate's top 15 functions of ocop),
# BENCH_JSON_SIZES (products for json_scale.sh, default "2000 20000 200000").
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
# the generated seasons, shared by run.sh and json_scale.sh
. "$here/data.sh"
D=$(gendata "$ROWS") || { warn "cannot generate data"; exit 1; }
SMALL=$((ROWS / 10))
DS=$(gendata "$SMALL") || { warn "cannot generate data"; exit 1; }
DCG=$(gendata "$CG_ROWS") || { warn "cannot generate data"; exit 1; }
# a tenth of it, for what a row costs beyond the process's start (the difference of the two)
DCG10=$(gendata $((CG_ROWS / 10))) || { warn "cannot generate data"; exit 1; }

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

# The floor, ocop score, rank and promote on the wide CSV take turns, PAIR_REPEAT times: a change
# in the machine's load during the benchmark then weighs on all, and their ratios are targets.
bench_pair() {
	local i
	for ((i = 0; i < PAIR_REPEAT; i++)); do
		run_once "floor (libcsv)" "wide csv" "$W" "$rows_w" "0" -- "$B/floor" "$W" || return 1
		run_once "ocop score" "wide csv" "$W" "$rows_w" "0 1" -- "$OCOP" score -r 148 -f csv "$W" || return 1
		run_once "ocop rank" "wide csv" "$W" "$rows_w" "0 1" -- "$OCOP" rank -r 148 -f csv "$W" || return 1
		run_once "ocop promote" "wide csv" "$W" "$rows_w" "0 1" -- "$OCOP" promote --at district -r 148 -f csv "$W" || return 1
	done
}

lines() { echo $(($(wc -l <"$1") - 1)); } # data rows (header excluded for CSV)

W=$D/season.csv L=$D/season-long.csv J=$D/season.ndjson JA=$D/season.json
WS=$DS/season.csv JS=$DS/season.ndjson
rows_w=$(lines "$W") rows_l=$(lines "$L") rows_j=$(wc -l <"$J")
rows_ws=$(lines "$WS") rows_js=$(wc -l <"$JS")

say "timing: best of $REPEAT wall times ($PAIR_REPEAT for the floor and ocop on the wide CSV, taking turns) on $(nproc 2>/dev/null || echo ?) CPU(s); ocop exit 0 or 1 (1: some products need re-scoring) is success"
: >"$raw"
# The long CSV carries no evaluated_on column, so every ocop run names the regime (-r 148);
# on the wide CSV and NDJSON it is the regime their evaluated_on (2024-10-01) selects anyway.
bench_pair
bench "ocop score" "long csv" "$L" "$rows_l" "0 1" -- "$OCOP" score -r 148 -f csv "$L"
bench "floor (libcsv)" "long csv" "$L" "$rows_l" "0" -- "$B/floor" "$L"
bench "ocop score" "ndjson" "$J" "$rows_j" "0 1" -- "$OCOP" score -r 148 -f csv "$J"
bench "ocop score" "json array" "$JA" "$rows_j" "0 1" -- "$OCOP" score -r 148 -f csv "$JA"
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
cgres=$tmp/cg
: >"$cgres"
# cg NAME UNITS COMMAND…: instruction count of one run, appended to $cgres as NAME|COUNT|UNITS
cg() {
	local name=$1 units=$2 out="$B/callgrind.$1.out" rc n
	shift 2
	valgrind --tool=callgrind --dump-instr=no --callgrind-out-file="$out" "$@" >/dev/null 2>"$tmp/cg.err"
	rc=$?
	n=$(sed -n 's/.*Collected : *//p' "$tmp/cg.err" | tr -d ',')
	if [ $rc -gt 1 ] || [ -z "$n" ]; then
		warn "valgrind $name: exit $rc"; tail -5 "$tmp/cg.err" >&2; failed=1; return 1
	fi
	printf '%s|%s|%s\n' "$name" "$n" "$units" >>"$cgres"
}
if command -v valgrind >/dev/null; then
	CW=$DCG/season.csv CL=$DCG/season-long.csv CJ=$DCG/season.ndjson CA=$DCG/season.json
	cg_rows=$(lines "$CW") cg_long=$(lines "$CL") cg_products=$(wc -l <"$CJ") cg_bytes=$(wc -c <"$CJ")
	say "callgrind on the ${DCG#"$root"/} season: $cg_rows wide rows, $cg_long long rows, $cg_products products (NDJSON $(awk -v b="$cg_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB):"
	cg ocop "$cg_rows" "$OCOP" score -r 148 -f csv "$CW"
	cg floor "$cg_rows" "$B/floor" "$CW"
	cg ocop-tenth "$(lines "$DCG10/season.csv")" "$OCOP" score -r 148 -f csv "$DCG10/season.csv"
	cg floor-tenth "$(lines "$DCG10/season.csv")" "$B/floor" "$DCG10/season.csv"
	cg ocop-long "$cg_long" "$OCOP" score -r 148 -f csv "$CL"
	cg floor-long "$cg_long" "$B/floor" "$CL"
	cg ocop-ndjson "$cg_products" "$OCOP" score -r 148 -f csv "$CJ"
	cg ocop-json "$cg_products" "$OCOP" score -r 148 -f csv "$CA"
	cg ocop-rank "$cg_rows" "$OCOP" rank -r 148 -f csv "$CW"
	cg ocop-promote "$cg_rows" "$OCOP" promote --at district -r 148 -f csv "$CW"
	# scoring and output per product: on_dossier (cmd_score.c), inclusive, in the NDJSON run
	per=$(callgrind_annotate --inclusive=yes "$B/callgrind.ocop-ndjson.out" 2>/dev/null |
		awk '/cmd_score.c:on_dossier \[/ { gsub(",", "", $1); print $1; exit }')
	[ -n "$per" ] && printf '%s|%s|%s\n' "scoring+output" "$per" "$cg_products" >>"$cgres"
	awk -F'|' -v bytes="$cg_bytes" '
		BEGIN { split("ocop:ocop score, wide CSV:row|floor:floor (libcsv), wide CSV:row|ocop-tenth:ocop score, wide CSV / 10:row|floor-tenth:floor (libcsv), wide CSV / 10:row|ocop-long:ocop score, long CSV:row|floor-long:floor (libcsv), long CSV:row|ocop-ndjson:ocop score, NDJSON:product|ocop-json:ocop score, JSON array:product|ocop-rank:ocop rank, wide CSV:row|ocop-promote:ocop promote, wide CSV:row|scoring+output:scoring + output (NDJSON):product", d, "|")
			for (i in d) { split(d[i], f, ":"); label[f[1]] = f[2]; unit[f[1]] = f[3] } }
		{ n = $2; u = $3; printf "  %-28s %14s instructions  %8.0f per %s", label[$1], n, n / u, unit[$1]
		  if ($1 == "ocop-ndjson" || $1 == "ocop-json") printf "  (%.1f per byte)", n / bytes
		  printf "\n" }' "$cgres"
	say "  (profiles: ${B#"$root"/}/callgrind.*.out; callgrind_annotate FILE)"
	if [ "${BENCH_PROFILE:-0}" = 1 ] && command -v callgrind_annotate >/dev/null; then
		say "  top 15 functions of ocop score on the wide CSV, self cost:"
		callgrind_annotate "$B/callgrind.ocop.out" 2>/dev/null |
			awk '/file:function/ { on = 1; getline; next } on && NF && n < 15 { print "  " $0; n++ }'
	fi
else
	say "(valgrind not installed: callgrind skipped)"
fi

# ---------------------------------------------------------------- targets
say ""
say "targets of issue 6: at $ROWS rows"
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

say ""
say "targets of issue 15: times at $ROWS rows, instructions on the callgrind season"
awk -F'|' -v cgfile="$cgres" '
	function row(t, i) { for (k = 1; k <= n; k++) if (tool[k] == t && inp[k] == i) return k; return 0 }
	function ok(c) { return c ? "PASS" : "FAIL" }
	function have(k) { return k && ns[k] != "-" }
	{ tool[NR] = $1; inp[NR] = $2; by[NR] = $3; ns[NR] = $5; rss[NR] = $6; n = NR }
	END {
		while ((getline line < cgfile) > 0) { split(line, c, "|"); cg[c[1]] = c[2]; cu[c[1]] = c[3] }
		f = row("floor (libcsv)", "wide csv"); w = row("ocop score", "wide csv")
		fl = row("floor (libcsv)", "long csv"); l = row("ocop score", "long csv")
		j = row("ocop score", "ndjson"); a = row("ocop score", "json array")
		rk = row("ocop rank", "wide csv"); pr = row("ocop promote", "wide csv")
		if (have(a) && have(j)) {
			x = (by[a] / ns[a]) / (by[j] / ns[j])
			printf "  %-4s JSON array at the speed of NDJSON +-20%%: %.1f vs %.1f MB/s (%.2fx)", ok(x >= 0.8 && x <= 1.2),
				by[a] * 1e3 / ns[a], by[j] * 1e3 / ns[j], x
			if (cg["ocop-json"] && cg["ocop-ndjson"]) printf "; instructions %.2fx", cg["ocop-json"] / cg["ocop-ndjson"]
			printf "\n"
		} else print "  ---- JSON array: not measured"
		if (have(a) && rss[a] != "-")
			printf "       JSON array peak RSS %.1f MB for %.0f MB of input (see the scaling run below)\n", rss[a] / 1024, by[a] / 1e6
		if (have(rk) && have(w))
			printf "  %-4s ocop rank within 1.3x ocop score (wide CSV): %.2fx (%.3f s vs %.3f s; instructions %.2fx)\n",
				ok(ns[rk] <= 1.3 * ns[w]), ns[rk] / ns[w], ns[rk] / 1e9, ns[w] / 1e9, cg["ocop-rank"] / cg["ocop"]
		if (have(pr) && have(w))
			printf "  %-4s ocop promote within 1.3x ocop score (wide CSV): %.2fx (%.3f s vs %.3f s; instructions %.2fx)\n",
				ok(ns[pr] <= 1.3 * ns[w]), ns[pr] / ns[w], ns[pr] / 1e9, ns[w] / 1e9, cg["ocop-promote"] / cg["ocop"]
		if (cg["ocop-long"] && cg["floor-long"])
			printf "  %-4s long CSV within 1.0x the libcsv no-op floor on it: %.2fx in instructions (%.0f vs %.0f per row); time %s\n",
				ok(cg["ocop-long"] <= cg["floor-long"]), cg["ocop-long"] / cg["floor-long"], cg["ocop-long"] / cu["ocop-long"],
				cg["floor-long"] / cu["floor-long"], have(l) && have(fl) ? sprintf("%.2fx (%.3f s vs %.3f s)", ns[l] / ns[fl], ns[l] / 1e9, ns[fl] / 1e9) : "-"
		if (cg["ocop"] && cg["floor"])
			printf "  %-4s wide CSV within 0.5x the floor (<= 3,000 instructions per row): %.2fx in instructions (%.0f vs %.0f per row); time %s\n",
				ok(cg["ocop"] <= 0.5 * cg["floor"] && cg["ocop"] / cu["ocop"] <= 3000), cg["ocop"] / cg["floor"], cg["ocop"] / cu["ocop"],
				cg["floor"] / cu["floor"], have(w) && have(f) ? sprintf("%.2fx", ns[w] / ns[f]) : "-"
		# the same beyond the start of the process (loading its libraries, the criteria):
		# the difference between the season and a tenth of it, per row of the difference
		if (cg["ocop"] && cg["floor"] && cg["ocop-tenth"] && cg["floor-tenth"] && cu["ocop"] > cu["ocop-tenth"]) {
			dr = cu["ocop"] - cu["ocop-tenth"]
			mo = (cg["ocop"] - cg["ocop-tenth"]) / dr; mf = (cg["floor"] - cg["floor-tenth"]) / dr
			printf "       beyond the start of the process: %.2fx (%.0f vs %.0f per row; starting costs %.0f and %.0f instructions)\n",
				mo / mf, mo, mf, cg["ocop-tenth"] - mo * cu["ocop-tenth"], cg["floor-tenth"] - mf * cu["floor-tenth"]
		}
		if (have(j)) {
			mbs = by[j] * 1e3 / ns[j]
			printf "  %-4s ocop score NDJSON at 250 MB/s or more: %.1f MB/s", ok(mbs >= 250), mbs
			if (cg["ocop-ndjson"]) printf " (%.0f instructions per product)", cg["ocop-ndjson"] / cu["ocop-ndjson"]
			printf "\n"
		}
		if (cg["scoring+output"])
			printf "  %-4s scoring + output at most 4,000 instructions per product: %.0f\n",
				ok(cg["scoring+output"] / cu["scoring+output"] <= 4000), cg["scoring+output"] / cu["scoring+output"]
	}' "$results"

# ---------------------------------------------------------------- JSON-array scaling
say ""
OCOP=$OCOP bash "$here/json_scale.sh" ${BENCH_JSON_SIZES:-} || failed=1

exit $failed
