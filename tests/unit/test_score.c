/* Scoring: DOMAIN.md's worked examples, band edges, marks, spread and gates. */
#include "fixtures.h"
#include "ocop/score.h"

#include <stdlib.h>

static const struct ocop_set *set1(void)
{
	const struct ocop_set *s = ocop_regime_find_set(builtin("148"), "I.1.a");

	assert_non_null(s);
	return s;
}

static void score1(struct ocop_result *res, signed char (*sheets)[64], int n)
{
	const signed char *pts[8];
	struct ocop_err err = {0};

	for (int m = 0; m < n; m++)
		pts[m] = sheets[m];
	assert_int_equal(ocop_score_sheets(res, builtin("148"), set1(), pts, n, NULL, &err), 0);
}

static void test_score__domain_example_is_4_stars(void **state)
{
	signed char sheet[1][64];
	struct ocop_result res;

	(void)state;
	domain_sheet(set1(), sheet[0]);
	score1(&res, sheet, 1);
	assert_int_equal(res.total_sum, 76);
	assert_int_equal(res.part_sum[0], 34);
	assert_int_equal(res.part_sum[1], 19);
	assert_int_equal(res.part_sum[2], 23);
	assert_int_equal(res.band, 4);
	assert_int_equal(res.stars, 4);
	assert_true(res.recognised);
	assert_int_equal(res.status, OCOP_STATUS_OK);
	ocop_result_free(&res);
}

static void test_score__failed_4_star_mark_on_10_gives_3_stars(void **state)
{
	signed char sheet[1][64];
	struct ocop_result res;

	(void)state;
	domain_sheet(set1(), sheet[0]);
	set_points(set1(), sheet[0], "10", 2);
	score1(&res, sheet, 1);
	assert_int_equal(res.total_sum, 75);
	assert_int_equal(res.band, 4);
	assert_int_equal(res.stars, 3);
	assert_int_equal(res.blocking_star, 4);
	assert_true(res.recognised);
	ocop_result_free(&res);
}

static void test_score__failed_3_star_mark_on_9a_is_not_recognised(void **state)
{
	signed char sheet[1][64];
	struct ocop_result res;

	(void)state;
	domain_sheet(set1(), sheet[0]);
	set_points(set1(), sheet[0], "9.a", 1);
	score1(&res, sheet, 1);
	assert_int_equal(res.total_sum, 75);
	assert_int_equal(res.band, 4);
	assert_int_equal(res.stars, 2);
	assert_false(res.recognised);
	ocop_result_free(&res);
}

/* Sheets with the given totals, made from the example by lowering criteria without marks. */
static void sheets_with_totals(signed char (*sheets)[64], const int *totals, int n)
{
	static const char *const free_ids[] = {"1.a", "1.b", "4.a", "4.b", "4.c", "12", "11",
	                                       "3.b", "1.e", "3.a", "3.c", "9.b", "6.d"};
	const struct ocop_set *s = set1();

	for (int m = 0; m < n; m++) {
		int total = 76;
		domain_sheet(s, sheets[m]);
		for (size_t i = 0; i < sizeof free_ids / sizeof *free_ids && total > totals[m]; i++) {
			int leaf = ocop_set_find_leaf(s, free_ids[i]);
			while (sheets[m][leaf] > 0 && total > totals[m]) {
				int p = sheets[m][leaf] - 1;
				while (p > 0 && !ocop_set_valid_points(s, (size_t)leaf, p))
					p--;
				total -= sheets[m][leaf] - p;
				sheets[m][leaf] = (signed char)p;
			}
		}
		/* Raise again if an option step overshot. */
		for (size_t i = 0; i < sizeof free_ids / sizeof *free_ids && total < totals[m]; i++) {
			int leaf = ocop_set_find_leaf(s, free_ids[i]);
			const struct ocop_criterion *c = ocop_set_leaf(s, (size_t)leaf);
			for (int p = c->max; p > sheets[m][leaf]; p--)
				if (ocop_set_valid_points(s, (size_t)leaf, p) &&
				    total + p - sheets[m][leaf] <= totals[m]) {
					total += p - sheets[m][leaf];
					sheets[m][leaf] = (signed char)p;
					break;
				}
		}
		assert_int_equal(total, totals[m]);
	}
}

static void test_score__mean_on_band_edge_gets_upper_band(void **state)
{
	signed char sheets[3][64];
	const int totals[] = {48, 52, 50};
	struct ocop_result res;
	char mean[16];

	(void)state;
	sheets_with_totals(sheets, totals, 3);
	score1(&res, sheets, 3);
	ocop_format_mean(mean, sizeof mean, res.total_sum, res.n);
	assert_string_equal(mean, "50.00");
	assert_int_equal(res.band, 3);
	ocop_result_free(&res);
}

static void test_score__mean_just_below_edge_stays_below(void **state)
{
	signed char sheets[2][64];
	const int totals[] = {49, 50};
	struct ocop_result res;
	char mean[16];

	(void)state;
	sheets_with_totals(sheets, totals, 2);
	score1(&res, sheets, 2);
	ocop_format_mean(mean, sizeof mean, res.total_sum, res.n);
	assert_string_equal(mean, "49.50");
	assert_int_equal(res.band, 2);
	assert_false(res.recognised);
	ocop_result_free(&res);
}

static void test_score__spread_over_limit_needs_rescore(void **state)
{
	signed char sheets[3][64];
	const int wide[] = {68, 79, 74}, ok[] = {70, 80, 75};
	struct ocop_result res;

	(void)state;
	sheets_with_totals(sheets, wide, 3);
	score1(&res, sheets, 3);
	assert_int_equal(res.spread, 11);
	assert_int_equal(res.status, OCOP_STATUS_RESCORE);
	ocop_result_free(&res);
	sheets_with_totals(sheets, ok, 3);
	score1(&res, sheets, 3);
	assert_int_equal(res.spread, 10);
	assert_int_equal(res.status, OCOP_STATUS_OK);
	ocop_result_free(&res);
}

static void test_score__mark_uses_mean_over_members(void **state)
{
	signed char sheets[2][64];
	struct ocop_result res;

	(void)state;
	/* 10 needs 3 for 4★: members 5 and 2 average 3.5, which meets it. */
	domain_sheet(set1(), sheets[0]);
	domain_sheet(set1(), sheets[1]);
	set_points(set1(), sheets[0], "10", 5);
	set_points(set1(), sheets[1], "10", 2);
	score1(&res, sheets, 2);
	assert_int_equal(res.stars, 4);
	ocop_result_free(&res);
	/* 3 and 2 average 2.5: the 4★ mark fails. */
	set_points(set1(), sheets[0], "10", 3);
	score1(&res, sheets, 2);
	assert_int_equal(res.stars, 3);
	ocop_result_free(&res);
}

static void test_score__story_gate_zeroes_story_criteria(void **state)
{
	signed char sheet[1][64];
	struct ocop_result res;
	const struct ocop_set *s = set1();

	(void)state;
	domain_sheet(s, sheet[0]);
	set_points(s, sheet[0], "5.a", 0);
	score1(&res, sheet, 1);
	/* 5.a 4 → 0 and the gate zeroes 5.b (5) and 5.c (1). */
	assert_int_equal(res.total_sum, 76 - 4 - 5 - 1);
	assert_int_equal(res.leaf_sum[ocop_set_find_leaf(s, "5.b")], 0);
	assert_int_equal(res.stars, 2); /* the 3★ mark on 5.b fails */
	int hits = 0;
	for (size_t g = 0; g < s->ngates; g++)
		hits += res.gate_hits[g];
	assert_int_equal(hits, 1);
	ocop_result_free(&res);
}

static void test_score__flag_gate_food_safety(void **state)
{
	signed char sheet[1][64];
	const signed char *pts[1] = {sheet[0]};
	int flags[OCOP_NFLAGS] = {0, 0, 0, 0}; /* no food-safety certificate */
	struct ocop_result res;
	struct ocop_err err = {0};

	(void)state;
	domain_sheet(set1(), sheet[0]);
	assert_int_equal(ocop_score_sheets(&res, builtin("148"), set1(), pts, 1, flags, &err), 0);
	assert_int_equal(res.leaf_sum[ocop_set_find_leaf(set1(), "10")], 0);
	assert_int_equal(res.total_sum, 73);
	ocop_result_free(&res);
}

static void test_score__mean_rounds_half_up(void **state)
{
	char buf[16];

	(void)state;
	ocop_format_mean(buf, sizeof buf, 209, 3);
	assert_string_equal(buf, "69.67");
	ocop_format_mean(buf, sizeof buf, 200, 3);
	assert_string_equal(buf, "66.67");
	ocop_format_mean(buf, sizeof buf, 1, 8); /* 0.125 */
	assert_string_equal(buf, "0.13");
	ocop_format_mean(buf, sizeof buf, 100, 1);
	assert_string_equal(buf, "100.00");
}

/* Two results of the same dossier agree in every figure scoring writes. */
static void same_result(const struct ocop_result *a, const struct ocop_result *b)
{
	const struct ocop_set *s = a->set;

	assert_int_equal(a->status, b->status);
	assert_ptr_equal(a->set, b->set);
	assert_ptr_equal(a->regime, b->regime);
	assert_int_equal(a->n, b->n);
	assert_int_equal(a->nmarks, b->nmarks);
	assert_int_equal(a->nfailed, b->nfailed);
	if (a->status == OCOP_STATUS_INVALID || a->status == OCOP_STATUS_UNSCORED) {
		assert_null(b->marks);
		assert_null(b->leaf_sum);
		assert_null(b->gate_hits);
		assert_null(b->points);
		return;
	}
	assert_int_equal(a->total_sum, b->total_sum);
	for (size_t p = 0; p < a->regime->nparts; p++)
		assert_int_equal(a->part_sum[p], b->part_sum[p]);
	assert_int_equal(a->spread, b->spread);
	assert_int_equal(a->band, b->band);
	assert_int_equal(a->stars, b->stars);
	assert_int_equal(a->recognised, b->recognised);
	assert_int_equal(a->eliminated, b->eliminated);
	assert_int_equal(a->blocking_star, b->blocking_star);
	for (size_t l = 0; l < s->nleaves; l++)
		assert_int_equal(a->leaf_sum[l], b->leaf_sum[l]);
	for (int m = 0; m < a->n; m++) {
		assert_int_equal(a->member_total[m], b->member_total[m]);
		for (size_t p = 0; p < a->regime->nparts; p++)
			assert_int_equal(a->member_part[(size_t)m * a->regime->nparts + p],
			                 b->member_part[(size_t)m * a->regime->nparts + p]);
	}
	assert_memory_equal(a->points, b->points, (size_t)a->n * s->nleaves);
	for (size_t i = 0; i < a->nmarks; i++) {
		assert_ptr_equal(a->marks[i].mark, b->marks[i].mark);
		assert_int_equal(a->marks[i].sum, b->marks[i].sum);
		assert_int_equal(a->marks[i].met, b->marks[i].met);
	}
	for (size_t k = 0; k < a->nfailed; k++)
		assert_int_equal(a->failed[k], b->failed[k]);
	/* failed: the marks ocop_result_mark_relevant tells, in order */
	size_t k = 0;
	for (size_t i = 0; i < a->nmarks; i++)
		if (ocop_result_mark_relevant(a, &a->marks[i])) {
			assert_true(k < a->nfailed);
			assert_int_equal(a->failed[k++], (int)i);
		}
	assert_int_equal(k, a->nfailed);
	for (size_t g = 0; g < s->ngates; g++)
		assert_int_equal(a->gate_hits[g], b->gate_hits[g]);
}

/* A dossier of n members on set s, their sheets varied (sheets: n × 64 points). */
static void dossier_of(struct ocop_dossier *d, struct ocop_member *mem, signed char (*sheets)[64],
                       const struct ocop_set *s, int n, int seed)
{
	memset(d, 0, sizeof *d);
	d->regime = builtin("148");
	d->set = s;
	d->members = mem;
	d->nmembers = (size_t)n;
	for (int f = 0; f < OCOP_NFLAGS; f++)
		d->flags[f] = ocop_flag_default(f);
	for (int m = 0; m < n; m++) {
		assert_true(s->nleaves <= 64);
		for (size_t l = 0; l < s->nleaves; l++) {
			const struct ocop_criterion *c = ocop_set_leaf(s, l);
			sheets[m][l] = (signed char)((int)(l * 7 + (size_t)m * 3 + (size_t)seed) % (c->max + 1));
		}
		mem[m].points = sheets[m];
	}
}

/* ocop_score_dossier_next gives what ocop_score_dossier gives, product after product, whatever
 * came before: a larger set, more members than its stack holds, an invalid or a blank dossier. */
static void test_score__next_scores_as_dossier_whatever_came_before(void **state)
{
	const struct ocop_regime *r = builtin("148");
	const struct ocop_set *big = &r->sets[0];
	static signed char sheets[40][64];
	static struct ocop_member mem[40];
	struct ocop_result next = {0}, fresh;
	struct ocop_dossier d;
	struct ocop_err err = {0};
	size_t reported = 0;
	static const struct {
		int big, n, errors;
	} seq[] = {{0, 1, 0}, {1, 3, 0}, {0, 5, 0}, {0, 2, 1}, {1, 40, 0}, {0, 0, 0}, {0, 4, 0},
	           {1, 7, 0}, {0, 40, 0}};

	(void)state;
	for (size_t i = 0; i < r->nsets; i++)
		if (r->sets[i].nleaves > big->nleaves && r->sets[i].nleaves <= 64)
			big = &r->sets[i];
	assert_true(big->nleaves > set1()->nleaves);
	for (size_t i = 0; i < sizeof seq / sizeof *seq; i++) {
		dossier_of(&d, mem, sheets, seq[i].big ? big : set1(), seq[i].n, (int)i);
		d.nerrors = (size_t)seq[i].errors;
		assert_int_equal(ocop_score_dossier(&fresh, &d, &err), 0);
		assert_int_equal(ocop_score_dossier_next(&next, &d, &err), 0);
		same_result(&fresh, &next);
		reported += fresh.nfailed;
		ocop_result_free(&fresh);
	}
	assert_true(reported > 0);      /* (the sheets fail some marks) */
	ocop_result_free(&next);
	assert_null(next.block[0]);
	assert_null(next.block[1]);
}

/* A cell not given (-1) counts 0, wherever it is in the sheet (the copy tells one in eight cells
 * at a time). */
static void test_score__cell_not_given_counts_0(void **state)
{
	signed char given[2][64], missing[2][64];
	struct ocop_result a, b;
	size_t nl = set1()->nleaves;

	(void)state;
	domain_sheet(set1(), given[0]);
	domain_sheet(set1(), given[1]);
	memcpy(missing, given, sizeof given);
	for (size_t l = 0; l < nl; l += 5) {
		given[l % 2][l] = 0;
		missing[l % 2][l] = -1;
	}
	given[1][nl - 1] = 0;
	missing[1][nl - 1] = -1;
	score1(&a, given, 2);
	score1(&b, missing, 2);
	assert_int_equal(a.total_sum, b.total_sum);
	for (int p = 0; p < OCOP_MAX_PARTS; p++)
		assert_int_equal(a.part_sum[p], b.part_sum[p]);
	for (size_t l = 0; l < nl; l++)
		assert_int_equal(a.leaf_sum[l], b.leaf_sum[l]);
	assert_memory_equal(a.points, b.points, 2 * nl);
	assert_int_equal(a.stars, b.stars);
	ocop_result_free(&a);
	ocop_result_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_score__domain_example_is_4_stars),
		cmocka_unit_test(test_score__failed_4_star_mark_on_10_gives_3_stars),
		cmocka_unit_test(test_score__failed_3_star_mark_on_9a_is_not_recognised),
		cmocka_unit_test(test_score__mean_on_band_edge_gets_upper_band),
		cmocka_unit_test(test_score__mean_just_below_edge_stays_below),
		cmocka_unit_test(test_score__spread_over_limit_needs_rescore),
		cmocka_unit_test(test_score__mark_uses_mean_over_members),
		cmocka_unit_test(test_score__story_gate_zeroes_story_criteria),
		cmocka_unit_test(test_score__flag_gate_food_safety),
		cmocka_unit_test(test_score__mean_rounds_half_up),
		cmocka_unit_test(test_score__next_scores_as_dossier_whatever_came_before),
		cmocka_unit_test(test_score__cell_not_given_counts_0),
	};
	return cmocka_run_group_tests(tests, NULL, free_catalog);
}
