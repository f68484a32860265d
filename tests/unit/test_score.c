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
	};
	return cmocka_run_group_tests(tests, NULL, free_catalog);
}
