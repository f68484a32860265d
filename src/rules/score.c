/* The rule book of DOMAIN.md as code that reads every number from the criteria data. */
#include "ocop/score.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long ocop_mean_centi(long sum, int n)
{
	if (n <= 0)
		return 0;
	return (sum * 200 + n) / (2L * n);
}

/* Without printf: this runs for every product and every part. */
size_t ocop_format_mean(char *buf, size_t size, long sum, int n)
{
	long c = ocop_mean_centi(sum, n);
	unsigned long u = c < 0 ? 0UL - (unsigned long)c : (unsigned long)c;
	char tmp[32], *p = tmp + sizeof tmp;
	size_t len;

	*--p = '\0';
	*--p = (char)('0' + u % 10);
	*--p = (char)('0' + u / 10 % 10);
	*--p = '.';
	u /= 100;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (c < 0)
		*--p = '-';
	len = (size_t)(tmp + sizeof tmp - p);   /* the NUL included */
	if (size == 0)
		return 0;
	if (len > size)
		len = size;
	memcpy(buf, p, len);
	buf[len - 1] = '\0';
	return len - 1;
}

const char *ocop_status_name(int status)
{
	static const char *const names[] = {"ok", "rescore", "invalid", "eliminated", "unscored"};

	return status >= 0 && status <= OCOP_STATUS_UNSCORED ? names[status] : "";
}

void ocop_result_free(struct ocop_result *res)
{
	if (!res)
		return;
	free(res->block[0]);        /* the two blocks holding every array (alloc_result) */
	free(res->block[1]);
	memset(res, 0, sizeof *res);
	res->eliminated = -1;
}

/* A gate's condition on a sheet (a cell not given counts 0). */
static int gate_holds(const struct ocop_gate *g, const signed char *pts, const int *flags)
{
	if (g->leaf >= 0)
		return (pts[g->leaf] < 0 ? 0 : pts[g->leaf]) <= g->at_most;
	return g->flag >= 0 && flags && flags[g->flag] == g->flag_is;
}

/* 1 if a gate's condition holds on a member's sheet as given. When none holds, no gate zeroes
 * anything, so none can come to hold after another. */
static int any_gate(const struct ocop_set *s, const signed char *src, const int *flags)
{
	for (size_t g = 0; g < s->ngates; g++)
		if (gate_holds(&s->gates[g], src, flags))
			return 1;
	return 0;
}

/* The gates as a product's members meet them: whether a gate on a flag holds (the same for every
 * member), and the gates on a leaf, to be looked at on each sheet. */
struct gates {
	int flag_holds;
	size_t nleaf;
	const struct ocop_gate *leaf[32];
};

/* 0 when the set has too many gates to list (any_gate then looks at each sheet). */
static int gates_of(struct gates *gs, const struct ocop_set *s, const int *flags)
{
	gs->flag_holds = 0;
	gs->nleaf = 0;
	if (s->ngates > sizeof gs->leaf / sizeof *gs->leaf)
		return 0;
	for (size_t g = 0; g < s->ngates; g++) {
		const struct ocop_gate *gate = &s->gates[g];
		if (gate->leaf >= 0)
			gs->leaf[gs->nleaf++] = gate;
		else
			gs->flag_holds |= gate_holds(gate, NULL, flags);
	}
	return 1;
}

/* any_gate, from the product's gates. */
static int any_gate_of(const struct gates *gs, const signed char *src)
{
	if (gs->flag_holds)
		return 1;
	for (size_t g = 0; g < gs->nleaf; g++) {
		int v = src[gs->leaf[g]->leaf];
		if ((v < 0 ? 0 : v) <= gs->leaf[g]->at_most)
			return 1;
	}
	return 0;
}

/* Copies a member's sheet (a cell not given counts 0) and applies, in order, every gate whose
 * condition holds on it. */
static void apply_gates(struct ocop_result *res, const struct ocop_set *s, signed char *pts,
                        const signed char *src, const int *flags)
{
	for (size_t l = 0; l < s->nleaves; l++)
		pts[l] = src[l] < 0 ? 0 : src[l];
	for (size_t g = 0; g < s->ngates; g++) {
		const struct ocop_gate *gate = &s->gates[g];
		if (!gate_holds(gate, pts, flags))
			continue;
		res->gate_hits[g]++;
		if (gate->eliminate && res->eliminated < 0)
			res->eliminated = (int)g;
		for (size_t z = 0; z < gate->nzero; z++)
			pts[gate->zero[z]] = 0;
	}
}

/* One member: the effective sheet (after gates) and its sums by leaf, part and in all, in one pass
 * over the sheet when no gate applies. */
static void member_sums(struct ocop_result *res, const struct ocop_set *s, int m,
                        const signed char *src, const int *flags, const struct gates *gs)
{
	size_t np = res->regime->nparts;
	signed char *pts = res->points + (size_t)m * s->nleaves;
	long part[OCOP_MAX_PARTS] = {0};
	int total = 0;

	if (gs ? any_gate_of(gs, src) : any_gate(s, src, flags)) {
		apply_gates(res, s, pts, src, flags);
		src = pts;
	}
	/* The sheet with cells not given as 0: a sheet of a valid dossier has none, which eight
	 * cells at a time tell (the high bit of a byte: a negative cell) while they are copied. */
	size_t nl = s->nleaves, l = 0;
	if (src != pts) {
		unsigned long long neg = 0, w;
		for (; l + 8 <= nl; l += 8) {
			memcpy(&w, src + l, 8);
			memcpy(pts + l, &w, 8);
			neg |= w;
		}
		for (; l < nl; l++) {
			pts[l] = src[l];
			neg |= (unsigned char)src[l];
		}
		if (neg & 0x8080808080808080ULL)
			for (l = 0; l < nl; l++)
				pts[l] = pts[l] < 0 ? 0 : pts[l];
	}
	/* (Locals, not res->…: a store through pts may alias anything, which would force reloads.)
	 * Four cells a round: the sums are the work, not the loop. */
	long *leaf_sum = res->leaf_sum;
	const unsigned char *leaf_part = s->leaf_part;
	const signed char *v = pts;
	for (l = 0; l + 4 <= nl; l += 4) {
		int v0 = v[l], v1 = v[l + 1], v2 = v[l + 2], v3 = v[l + 3];
		leaf_sum[l] += v0;
		leaf_sum[l + 1] += v1;
		leaf_sum[l + 2] += v2;
		leaf_sum[l + 3] += v3;
		part[leaf_part[l]] += v0;
		part[leaf_part[l + 1]] += v1;
		part[leaf_part[l + 2]] += v2;
		part[leaf_part[l + 3]] += v3;
	}
	for (; l < nl; l++) {
		leaf_sum[l] += v[l];
		part[leaf_part[l]] += v[l];
	}
	for (size_t p = 0; p < np; p++) {
		res->member_part[(size_t)m * np + p] = (int)part[p];
		res->part_sum[p] += part[p];
		total += (int)part[p];
	}
	res->member_total[m] = total;
	res->total_sum += total;
}

/* Each mark met or not, the failed ones at most the band listed in res->failed. The test, sum >=
 * points × n or sum > 0, is one comparison with a threshold (sum >= 1 for above zero); the list is
 * written without a branch (a slot past its end is written over). The blocking star, the lowest of
 * a failed mark if at most the band, is the lowest star in the list. */
static void evaluate_marks(struct ocop_result *res, const struct ocop_set *s)
{
	const long *leaf_sum = res->leaf_sum;
	long n = res->n;
	int band = res->band, first_fail = 0;
	const struct ocop_mark *mk = s->marks;
	struct ocop_mark_eval *e = res->marks;
	int *failed = (int *)res->failed;
	size_t nfailed = 0, nm = s->nmarks;

	for (size_t i = 0; i < nm; i++) {
		const struct ocop_mark *m = &mk[i];
		long sum = leaf_sum[m->leaf];
		long need = m->above_zero ? 1 : (long)m->points * n;
		int met = sum >= need;
		e[i].mark = m;
		e[i].sum = sum;
		e[i].met = met;
		failed[nfailed] = (int)i;
		nfailed += (size_t)(!met & (m->star <= band));
	}
	for (size_t k = 0; k < nfailed; k++)
		if (first_fail == 0 || mk[failed[k]].star < first_fail)
			first_fail = mk[failed[k]].star;
	res->nfailed = nfailed;
	res->stars = band;
	res->blocking_star = 0;
	if (first_fail) {
		res->stars = first_fail - 1;
		res->blocking_star = first_fail;
	}
}

/* The memory a result may use again (ocop_score_dossier_next); zeroed: none. */
struct blocks {
	void *p[2];
	size_t size[2];
};

/* res empty (no result), owning kept's blocks (freed with it). */
static void reset(struct ocop_result *res, const struct blocks *kept)
{
	memset(res, 0, sizeof *res);
	res->eliminated = -1;
	for (int i = 0; i < 2; i++) {
		res->block[i] = kept->p[i];
		res->block_size[i] = kept->size[i];
	}
}

/* Block i of at least size bytes: kept's when it is large enough, else a new one (kept's freed). */
static void *block(struct blocks *kept, int i, size_t size)
{
	if (kept->p[i] && kept->size[i] >= size)
		return kept->p[i];
	free(kept->p[i]);
	kept->size[i] = size;
	if (!(kept->p[i] = malloc(size)))
		kept->size[i] = 0;
	return kept->p[i];
}

/* Two blocks for every array of the result: the marks (each written by evaluate_marks) with the
 * list of failed ones, and the sums and points, widest elements first so each stays aligned (sums
 * cleared; the points are all written). Two blocks of a usual set's size are each small enough
 * for the C library's fastest allocations (one block of both is not). The blocks are kept's when
 * large enough; res owns them after, even on failure. */
static int alloc_result(struct ocop_result *res, const struct ocop_regime *r,
                        const struct ocop_set *s, int n, struct blocks *kept)
{
	size_t nl = s->nleaves ? s->nleaves : 1, nn = n > 0 ? (size_t)n : 1;
	size_t nmarks = s->nmarks + 1, nints = nn + nn * r->nparts + s->ngates + 1;
	size_t zeroed = nl * sizeof *res->leaf_sum + nints * sizeof(int);
	struct ocop_mark_eval *marks = block(kept, 0, nmarks * (sizeof *marks + sizeof(int)));
	char *p = block(kept, 1, zeroed + nn * nl);

	reset(res, kept);
	if (!marks || !p)
		return -1;
	memset(p, 0, zeroed);
	res->regime = r;
	res->set = s;
	res->n = n;
	res->nmarks = s->nmarks;
	res->marks = marks;
	res->failed = (const int *)(void *)(marks + nmarks);
	res->leaf_sum = (long *)(void *)p;
	res->member_total = (int *)(void *)(res->leaf_sum + nl);
	res->member_part = res->member_total + nn;
	res->gate_hits = res->member_part + nn * r->nparts;
	res->points = (signed char *)(res->gate_hits + s->ngates + 1);
	return 0;
}

/* ocop_score_sheets with the memory in kept; the sheets are points[m], or members[m].points when
 * points is NULL. */
static int score_sheets(struct ocop_result *res, const struct ocop_regime *r,
                        const struct ocop_set *s, const signed char *const *points,
                        const struct ocop_member *members, int n, const int *flags,
                        struct blocks *kept, struct ocop_err *err)
{
	int lo = 0, hi = 0;

	if (n <= 0) {
		reset(res, kept);
		return ocop_err_set(err, OCOP_EUSAGE, NULL, 0, 0, NULL, "no member sheets to score");
	}
	if (alloc_result(res, r, s, n, kept) < 0)
		return ocop_err_set(err, OCOP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
	struct gates gs;
	int listed = gates_of(&gs, s, flags);

	for (int m = 0; m < n; m++) {
		member_sums(res, s, m, points ? points[m] : members[m].points, flags,
		            listed ? &gs : NULL);
		if (m == 0 || res->member_total[m] < lo)
			lo = res->member_total[m];
		if (m == 0 || res->member_total[m] > hi)
			hi = res->member_total[m];
	}
	res->spread = hi - lo;
	res->band = ocop_regime_band(r, res->total_sum, n);
	evaluate_marks(res, s);
	res->status = res->spread > r->spread_limit ? OCOP_STATUS_RESCORE : OCOP_STATUS_OK;
	if (res->eliminated >= 0) {
		res->status = OCOP_STATUS_ELIMINATED;
		res->stars = 0;
		res->blocking_star = 0;
	}
	/* A result that needs re-scoring is not a final rating, so nothing is recognised yet. */
	res->recognised = res->status == OCOP_STATUS_OK && res->stars >= r->recognised_min_stars;
	return 0;
}

int ocop_score_sheets(struct ocop_result *res, const struct ocop_regime *r,
                      const struct ocop_set *s, const signed char *const *points, int n,
                      const int *flags, struct ocop_err *err)
{
	struct blocks none = {{NULL, NULL}, {0, 0}};
	return score_sheets(res, r, s, points, NULL, n, flags, &none, err);
}

static int score_dossier(struct ocop_result *res, const struct ocop_dossier *d,
                         struct blocks *kept, struct ocop_err *err)
{
	int n = (int)d->nmembers;

	if (!d->set || !d->regime || n == 0 || d->nerrors) {
		reset(res, kept);
		res->regime = d->regime;
		res->set = d->set;
		res->n = n;
		res->status = d->set && d->regime && n == 0 && !d->nerrors ? OCOP_STATUS_UNSCORED
		                                                            : OCOP_STATUS_INVALID;
		return 0;
	}
	return score_sheets(res, d->regime, d->set, NULL, d->members, n, d->flags, kept, err);
}

int ocop_score_dossier(struct ocop_result *res, const struct ocop_dossier *d,
                       struct ocop_err *err)
{
	struct blocks none = {{NULL, NULL}, {0, 0}};

	return score_dossier(res, d, &none, err);
}

int ocop_score_dossier_next(struct ocop_result *res, const struct ocop_dossier *d,
                            struct ocop_err *err)
{
	struct blocks kept = {{res->block[0], res->block[1]}, {res->block_size[0], res->block_size[1]}};

	return score_dossier(res, d, &kept, err);
}

int ocop_result_mark_relevant(const struct ocop_result *res, const struct ocop_mark_eval *e)
{
	return !e->met && e->mark->star <= res->band;
}
