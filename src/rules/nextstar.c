/* The path to the next star. Criterion gates (a story sub-criterion scored only when 5.a > 0) make
 * leaves depend on each other, so the search enumerates the levels of every gate's condition leaf
 * (a few per set) and, for each such configuration, solves the rest exactly: the other leaves are
 * then independent, and a knapsack over the points still missing (capped at the deficit) ordered by
 * (moves, gain) is exact. Marks restrict each leaf to the levels that meet them. */
#include "ocop/nextstar.h"

#include <assert.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LEVELS 32
#define MAX_CONDS 8
#define MAX_CONFIGS 4096L

struct cost {
	int moves;             /* INT_MAX: unreachable */
	long gain;
};

struct search {
	const struct ocop_result *res;
	const struct ocop_set *s;
	int n, target;
	size_t nl;
	unsigned char *fixed;  /* per leaf: may not be raised: OTHER_CASE or DEAD */
	unsigned char *cond;   /* per leaf: the condition of a criterion gate */
	unsigned char *live;   /* per member × leaf: scored under the current configuration */
	int *level;            /* per condition leaf: the level of the configuration, 0 unchanged */
	int *choice;           /* per leaf × capped gain: the level chosen, 0 unchanged */
	int *from;             /* per leaf × capped gain: the state before the leaf */
	struct cost *dp, *next;
};

enum { OTHER_CASE = 1, DEAD = 2 /* zeroed by a flag gate for every member */ };

static const struct cost none = {INT_MAX, 0};

static int pts(const struct search *x, int m, size_t l)
{
	return x->res->points[(size_t)m * x->nl + l];
}

/* The leaf's sum over members once raised to p (0: unchanged), counting live members only. */
static long sum_at(const struct search *x, size_t l, int p)
{
	long sum = 0;

	for (int m = 0; m < x->n; m++)
		if (x->live[(size_t)m * x->nl + l])
			sum += pts(x, m, l) > p ? pts(x, m, l) : p;
	return sum;
}

/* 1 if the leaf raised to p meets every mark on it for the target star and below. */
static int marks_ok(const struct search *x, size_t l, int p)
{
	for (size_t i = 0; i < x->s->nmarks; i++) {
		const struct ocop_mark *mk = &x->s->marks[i];
		long sum;
		if ((size_t)mk->leaf != l || mk->star > x->target)
			continue;
		sum = sum_at(x, l, p);
		if (mk->above_zero ? sum <= 0 : sum < (long)mk->points * x->n)
			return 0;
	}
	return 1;
}

/* The leaf's option points above its lowest member's points, ascending and distinct. */
static int levels(const struct search *x, size_t l, int *out)
{
	const struct ocop_criterion *c = ocop_set_leaf(x->s, l);
	int lo = INT_MAX, k = 0;

	if (x->fixed[l])
		return 0;
	for (int m = 0; m < x->n; m++)
		lo = pts(x, m, l) < lo ? pts(x, m, l) : lo;
	for (int p = lo + 1; p <= c->max && k < MAX_LEVELS; p++) /* the loader checks max */
		if (ocop_set_valid_points(x->s, l, p))
			out[k++] = p;
	return k;
}

/* Marks the leaves no move may touch: those a flag gate zeroes, and those of a case other than the
 * one in use in an alternatives group (case 1 when the sheets use none). */
static void fix_leaves(struct search *x, const int *flags)
{
	for (size_t g = 0; g < x->s->ngates; g++) {
		const struct ocop_gate *gate = &x->s->gates[g];
		if (gate->leaf >= 0)
			x->cond[gate->leaf] = 1;
		else if (gate->flag >= 0 && flags && flags[gate->flag] == gate->flag_is)
			for (size_t z = 0; z < gate->nzero; z++)
				x->fixed[gate->zero[z]] = DEAD;
	}
	for (size_t a = 0; a < x->s->nalternatives; a++) {
		const int *of = x->s->alternatives[a].case_of_leaf;
		int used = 0;
		for (size_t l = 0; l < x->nl && !used; l++)
			if (of[l] && x->res->leaf_sum[l] > 0)
				used = of[l];
		for (size_t l = 0; l < x->nl; l++)
			if (of[l] && of[l] != (used ? used : 1) && !x->fixed[l])
				x->fixed[l] = OTHER_CASE;
	}
}

/* Works out which member's leaves are scored under the condition levels; -1 if eliminated. */
static int configure(struct search *x)
{
	for (int m = 0; m < x->n; m++)
		for (size_t l = 0; l < x->nl; l++)
			x->live[(size_t)m * x->nl + l] = x->fixed[l] != DEAD;
	for (size_t g = 0; g < x->s->ngates; g++) {
		const struct ocop_gate *gate = &x->s->gates[g];
		size_t c = (size_t)gate->leaf;
		if (gate->leaf < 0)
			continue;
		for (int m = 0; m < x->n; m++) {
			int v = pts(x, m, c) > x->level[c] ? pts(x, m, c) : x->level[c];
			if (!x->live[(size_t)m * x->nl + c])
				v = 0;
			if (v > gate->at_most)
				continue;
			if (gate->eliminate)
				return -1;
			for (size_t z = 0; z < gate->nzero; z++)
				x->live[(size_t)m * x->nl + (size_t)gate->zero[z]] = 0;
		}
	}
	return 0;
}

/* Adds one leaf to the knapsack. Levels are tried before "unchanged" so that, among equal costs,
 * a move on an earlier leaf wins (the first leaf is added last and read back first). */
static void add_leaf(struct search *x, size_t l, long cap)
{
	int lv[MAX_LEVELS + 1], k = levels(x, l, lv);
	size_t w = (size_t)cap + 1;
	long base = sum_at(x, l, 0);

	lv[k++] = 0;
	for (size_t i = 0; i < w; i++)
		x->next[i] = none;
	for (int o = 0; o < k; o++) {
		long g = sum_at(x, l, lv[o]) - base;
		if (!marks_ok(x, l, lv[o]))
			continue;
		for (long s = 0; s <= cap; s++) {
			long to = s + g < cap ? s + g : cap;
			int mv = x->dp[s].moves == INT_MAX ? INT_MAX : x->dp[s].moves + (lv[o] != 0);
			long gain = x->dp[s].gain + g;
			if (mv > x->next[to].moves || (mv == x->next[to].moves && gain >= x->next[to].gain))
				continue;
			x->next[to] = (struct cost){mv, gain};
			x->choice[l * w + (size_t)to] = lv[o];
			x->from[l * w + (size_t)to] = (int)s;
		}
	}
	memcpy(x->dp, x->next, w * sizeof *x->dp);
}

/* The best path under the current condition levels, into p; -1 if there is none. */
static int try_config(struct search *x, long need, struct ocop_path *p)
{
	long total = 0, cap, t;
	size_t w;

	if (configure(x) < 0)
		return -1;
	for (size_t l = 0; l < x->nl; l++) {
		total += sum_at(x, l, x->cond[l] ? x->level[l] : 0);
		if (x->cond[l] && !marks_ok(x, l, x->level[l]))
			return -1;
	}
	cap = need > total ? need - total : 0;
	w = (size_t)cap + 1;
	for (size_t i = 0; i < w; i++)
		x->dp[i] = none;
	x->dp[0] = (struct cost){0, 0};
	for (size_t l = x->nl; l-- > 0;)
		if (!x->cond[l])
			add_leaf(x, l, cap);
	if (x->dp[cap].moves == INT_MAX)
		return -1;
	p->gain = total - x->res->total_sum + x->dp[cap].gain;
	p->nmoves = 0;
	t = cap;
	for (size_t l = 0; l < x->nl; l++) {
		int to = x->level[l];
		if (!x->cond[l]) {
			to = x->choice[l * w + (size_t)t];
			t = x->from[l * w + (size_t)t];
		}
		if (to)
			p->moves[p->nmoves++] = (struct ocop_move){(int)l, to, 0, 0};
	}
	return 0;
}

/* Fewer moves, then less gain, then earlier leaves and lower levels. */
static int better(const struct ocop_path *a, const struct ocop_path *b)
{
	if (a->nmoves != b->nmoves)
		return a->nmoves < b->nmoves;
	if (a->gain != b->gain)
		return a->gain < b->gain;
	for (size_t i = 0; i < a->nmoves; i++) {
		if (a->moves[i].leaf != b->moves[i].leaf)
			return a->moves[i].leaf < b->moves[i].leaf;
		if (a->moves[i].to != b->moves[i].to)
			return a->moves[i].to < b->moves[i].to;
	}
	return 0;
}

/* Tries every configuration of the condition leaves' levels; keeps the best path in out. */
static int search(struct ocop_path *out, struct search *x, long need, struct ocop_err *err)
{
	int conds[MAX_CONDS], lv[MAX_CONDS][MAX_LEVELS + 1], nlv[MAX_CONDS], at[MAX_CONDS] = {0};
	size_t nc = 0, i;
	long configs = 1;
	struct ocop_path cand;

	for (size_t l = 0; l < x->nl; l++) {
		if (!x->cond[l])
			continue;
		if (nc == MAX_CONDS || configs > MAX_CONFIGS)
			break;
		conds[nc] = (int)l; /* unchanged first, then each level */
		lv[nc][0] = 0;
		nlv[nc] = 1 + levels(x, l, lv[nc] + 1);
		configs *= nlv[nc++];
	}
	if (nc == MAX_CONDS || configs > MAX_CONFIGS)
		return ocop_err_set(err, OCOP_ELIMIT, NULL, 0, 0, NULL,
		                    "next star: too many gate conditions in set %s", x->s->code);
	do {
		for (i = 0; i < nc; i++)
			x->level[conds[i]] = lv[i][at[i]];
		if (try_config(x, need, &cand) == 0 && (!out->found || better(&cand, out))) {
			memcpy(out->moves, cand.moves, cand.nmoves * sizeof *cand.moves);
			out->nmoves = cand.nmoves;
			out->gain = cand.gain;
			out->found = 1;
		}
		for (i = 0; i < nc && ++at[i] == nlv[i]; i++)
			at[i] = 0;
	} while (i < nc);
	return 0;
}

/* Re-scores the raised sheets under the real rules: fills each move's gain and the marks it meets,
 * and refuses a path the rules do not award (a gate the search does not model). */
static int verify(struct ocop_path *p, const struct ocop_result *res, const int *flags,
                  struct ocop_err *err)
{
	size_t nl = res->set->nleaves, n = (size_t)res->n;
	const signed char **rows = malloc(n * sizeof *rows + n * nl);
	signed char *sheet;
	struct ocop_result after;
	int rc;

	if (!rows)
		return ocop_err_set(err, OCOP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
	sheet = (signed char *)(rows + n);
	memcpy(sheet, res->points, n * nl);
	for (size_t m = 0; m < n; m++) {
		rows[m] = sheet + m * nl;
		for (size_t k = 0; k < p->nmoves; k++) {
			signed char *v = &sheet[m * nl + (size_t)p->moves[k].leaf];
			*v = *v < p->moves[k].to ? (signed char)p->moves[k].to : *v;
		}
	}
	rc = ocop_score_sheets(&after, res->regime, res->set, rows, res->n, flags, err);
	free(rows);
	if (rc < 0)
		return -1;
	assert(after.stars >= p->target && after.total_sum - res->total_sum == p->gain);
	if (after.stars < p->target)
		rc = ocop_err_set(err, OCOP_ELIMIT, NULL, 0, 0, NULL,
		                  "next star: set %s has gates the search does not model", res->set->code);
	for (size_t k = 0; k < p->nmoves; k++) {
		struct ocop_move *mv = &p->moves[k];
		mv->gain = after.leaf_sum[mv->leaf] - res->leaf_sum[mv->leaf];
		for (size_t i = 0; i < res->nmarks; i++) {
			const struct ocop_mark *mk = res->marks[i].mark;
			if (mk->leaf == mv->leaf && !res->marks[i].met && after.marks[i].met &&
			    mk->star <= p->target && mk->star > mv->meets_mark)
				mv->meets_mark = mk->star;
		}
	}
	p->gain = after.total_sum - res->total_sum;
	ocop_result_free(&after);
	return rc;
}

int ocop_next_star(struct ocop_path *out, const struct ocop_result *res, const int *flags,
                   struct ocop_err *err)
{
	struct search x = {.res = res};
	size_t nl, w;
	long need;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (!res || !res->set || !res->regime)
		return ocop_err_set(err, OCOP_EUSAGE, NULL, 0, 0, NULL, "next star: no result");
	out->n = x.n = res->n;
	if (res->status == OCOP_STATUS_INVALID || res->status == OCOP_STATUS_ELIMINATED ||
	    res->n <= 0 || res->stars >= OCOP_MAX_STARS)
		return 0;
	out->target = x.target = res->stars + 1;
	need = (long)ocop_regime_band_min(res->regime, out->target) * res->n;
	x.s = res->set;
	x.nl = nl = res->set->nleaves;
	if (need < 0)
		return 0;
	if (nl > OCOP_PATH_MAX)
		return ocop_err_set(err, OCOP_ELIMIT, NULL, 0, 0, NULL, "next star: set %s has more "
		                    "than %d criteria", res->set->code, OCOP_PATH_MAX);
	w = (size_t)need + 1;
	x.fixed = calloc(nl * (size_t)(2 + res->n) + 1, 1);
	x.level = calloc(nl * (2 * w + 1) + 1, sizeof *x.level);
	x.dp = calloc(2 * w, sizeof *x.dp);
	if (x.fixed && x.level && x.dp) {
		x.cond = x.fixed + nl;
		x.live = x.cond + nl;
		x.choice = x.level + nl;
		x.from = x.choice + nl * w;
		x.next = x.dp + w;
		fix_leaves(&x, flags);
		rc = search(out, &x, need, err);
	} else {
		ocop_err_set(err, OCOP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
	}
	free(x.fixed);
	free(x.level);
	free(x.dp);
	return rc == 0 && out->found ? verify(out, res, flags, err) : rc;
}
