/* The path to the next star: DOMAIN.md's examples, marks, gates, several members, and a check
 * against brute force. */
#include "ocop/i18n.h"
#include "fixtures.h"
#include "ocop/nextstar.h"
#include "ocop/score.h"

#include <stdlib.h>

#define MAXM 4

static const struct ocop_set *set1(void)
{
	const struct ocop_set *s = ocop_regime_find_set(builtin("148"), "I.1.a");

	assert_non_null(s);
	return s;
}

static int leaf(const char *id)
{
	int l = ocop_set_find_leaf(set1(), id);

	assert_true(l >= 0);
	return l;
}

static void score(struct ocop_result *res, signed char (*sheets)[64], int n, const int *flags)
{
	const signed char *pts[MAXM];
	struct ocop_err err = {0};

	for (int m = 0; m < n; m++)
		pts[m] = sheets[m];
	assert_int_equal(ocop_score_sheets(res, builtin("148"), set1(), pts, n, flags, &err), 0);
}

static void next_star(struct ocop_path *p, const struct ocop_result *res, const int *flags)
{
	struct ocop_err err = {0};

	if (ocop_next_star(p, res, flags, &err) != 0)
		fail_msg("ocop_next_star: %s", err.msg);
}

/* Applies the path to the sheets, re-scores and returns the awarded stars. */
static int stars_after(signed char (*sheets)[64], int n, const struct ocop_path *p,
                       const int *flags)
{
	struct ocop_result res;
	int stars;

	for (int m = 0; m < n; m++)
		for (size_t k = 0; k < p->nmoves; k++)
			if (sheets[m][p->moves[k].leaf] < p->moves[k].to)
				sheets[m][p->moves[k].leaf] = (signed char)p->moves[k].to;
	score(&res, sheets, n, flags);
	stars = res.stars;
	ocop_result_free(&res);
	return stars;
}

static void expect_move(const struct ocop_path *p, size_t k, const char *id, int to, long gain,
                        int mark)
{
	assert_true(k < p->nmoves);
	assert_string_equal(set1()->criteria[set1()->leaves[p->moves[k].leaf]].id, id);
	assert_int_equal(p->moves[k].to, to);
	assert_int_equal(p->moves[k].gain, gain);
	assert_int_equal(p->moves[k].meets_mark, mark);
}

static void test_nextstar__domain_example_4_to_5_stars(void **state)
{
	signed char sheet[1][64];
	struct ocop_result res;
	struct ocop_path p;
	long sum = 0;

	(void)state;
	domain_sheet(set1(), sheet[0]);
	score(&res, sheet, 1, NULL);
	assert_int_equal(res.stars, 4);
	next_star(&p, &res, NULL);
	assert_int_equal(p.target, 5);
	assert_true(p.found);
	assert_int_equal(p.n, 1);
	/* Eight 5★ marks to meet (+10), then +4 more in two moves, the earliest leaves first. */
	assert_int_equal(p.nmoves, 10);
	assert_int_equal(p.gain, 14);
	expect_move(&p, 0, "1.b", 3, 1, 5);
	expect_move(&p, 3, "1.dd", 3, 2, 0);
	for (size_t k = 0; k < p.nmoves; k++)
		sum += p.moves[k].gain;
	assert_int_equal(sum, p.gain);
	assert_int_equal(stars_after(sheet, 1, &p, NULL), 5);
	ocop_result_free(&res);
}

static void test_nextstar__failed_4_star_mark_is_one_move(void **state)
{
	signed char sheet[1][64];
	struct ocop_result res;
	struct ocop_path p;

	(void)state;
	domain_sheet(set1(), sheet[0]);
	set_points(set1(), sheet[0], "10", 2);
	score(&res, sheet, 1, NULL);
	assert_int_equal(res.total_sum, 75);
	assert_int_equal(res.band, 4);
	assert_int_equal(res.stars, 3);
	next_star(&p, &res, NULL);
	assert_int_equal(p.target, 4);
	assert_true(p.found);
	assert_int_equal(p.nmoves, 1);
	expect_move(&p, 0, "10", 3, 1, 4);
	assert_int_equal(p.gain, 1);
	assert_int_equal(stars_after(sheet, 1, &p, NULL), 4);
	ocop_result_free(&res);
}

/* Band 3, every 3★ mark met, +3 needed for 4★ and the 4★ mark on 10 (≥ 3) fails. Largest gain first
 * takes 1.a 1→5 (+4) and still needs 10: two moves. Cheapest first takes 10 2→3 (+1) and still
 * needs +2: two moves. Raising 10 to 5 does both in one. */
static void test_nextstar__beats_greedy_choices(void **state)
{
	signed char sheet[1][64];
	struct ocop_result res;
	struct ocop_path p;

	(void)state;
	domain_sheet(set1(), sheet[0]);
	set_points(set1(), sheet[0], "10", 2);
	set_points(set1(), sheet[0], "1.a", 1);
	set_points(set1(), sheet[0], "4.b", 0);
	set_points(set1(), sheet[0], "3.b", 0);
	score(&res, sheet, 1, NULL);
	assert_int_equal(res.total_sum, 67);
	assert_int_equal(res.band, 3);
	assert_int_equal(res.stars, 3);
	next_star(&p, &res, NULL);
	assert_int_equal(p.target, 4);
	assert_true(p.found);
	assert_int_equal(p.nmoves, 1);
	expect_move(&p, 0, "10", 5, 3, 4);
	assert_int_equal(stars_after(sheet, 1, &p, NULL), 4);
	ocop_result_free(&res);
}

/* No story (5.a = 0): 5.b and 5.c score 0, so the 3★ mark on 5.b fails; raising 5.b alone would
 * still score 0, so the path raises 5.a too, to 2 (a documented story: 5.a = 1 is introduction
 * material only and still gates). */
static void test_nextstar__story_gate_raises_its_condition(void **state)
{
	signed char sheet[1][64];
	struct ocop_result res;
	struct ocop_path p;

	(void)state;
	domain_sheet(set1(), sheet[0]);
	set_points(set1(), sheet[0], "5.a", 0);
	set_points(set1(), sheet[0], "5.b", 0);
	set_points(set1(), sheet[0], "5.c", 0);
	score(&res, sheet, 1, NULL);
	assert_int_equal(res.total_sum, 66);
	assert_int_equal(res.stars, 2);
	next_star(&p, &res, NULL);
	assert_int_equal(p.target, 3);
	assert_true(p.found);
	assert_int_equal(p.nmoves, 2);
	expect_move(&p, 0, "5.a", 2, 2, 0);
	expect_move(&p, 1, "5.b", 3, 3, 3);
	assert_int_equal(p.gain, 5);
	assert_int_equal(stars_after(sheet, 1, &p, NULL), 3);
	ocop_result_free(&res);
}

/* Contaminants zero the sensory criteria, which carry 4★ marks: no raise reaches 4★. */
static void test_nextstar__contaminants_leave_no_path(void **state)
{
	signed char sheet[1][64];
	struct ocop_result res;
	struct ocop_path p;
	int flags[OCOP_NFLAGS] = {0};

	(void)state;
	flags[OCOP_FLAG_CONTAMINANTS] = 1;
	flags[OCOP_FLAG_FOOD_SAFETY_CERT] = 1;
	domain_sheet(set1(), sheet[0]);
	score(&res, sheet, 1, flags);
	assert_int_equal(res.total_sum, 67);
	assert_int_equal(res.stars, 3);
	next_star(&p, &res, flags);
	assert_int_equal(p.target, 4);
	assert_false(p.found);
	assert_int_equal(p.nmoves, 0);
	ocop_result_free(&res);
}

static void test_nextstar__five_stars_has_no_next(void **state)
{
	const struct ocop_set *s = set1();
	signed char sheet[1][64];
	struct ocop_result res;
	struct ocop_path p;

	(void)state;
	for (size_t l = 0; l < s->nleaves; l++) {
		const struct ocop_criterion *c = ocop_set_leaf(s, l);
		sheet[0][l] = 0;
		for (size_t o = 0; o < c->noptions; o++)
			if (c->options[o].points > sheet[0][l])
				sheet[0][l] = (signed char)c->options[o].points;
	}
	score(&res, sheet, 1, NULL);
	assert_int_equal(res.stars, 5);
	next_star(&p, &res, NULL);
	assert_false(p.found);
	assert_int_equal(p.target, 0);
	ocop_result_free(&res);
}

/* Three members, 10 = 1, 5, 2 (sum 8 < 3 × 3): raising 10 to 2 lifts only the member at 1 (+1) and
 * meets the mark on the mean (9); the member at 5 keeps 5. With 1, 5, 1 the same move adds 2. */
static void test_nextstar__gain_counts_every_member_below(void **state)
{
	static const int tens[2][3] = {{1, 5, 2}, {1, 5, 1}};
	signed char sheet[3][64];
	struct ocop_result res;
	struct ocop_path p;

	(void)state;
	for (int c = 0; c < 2; c++) {
		for (int m = 0; m < 3; m++) {
			domain_sheet(set1(), sheet[m]);
			set_points(set1(), sheet[m], "10", tens[c][m]);
		}
		score(&res, sheet, 3, NULL);
		assert_int_equal(res.band, 4);
		assert_int_equal(res.stars, 3);
		next_star(&p, &res, NULL);
		assert_int_equal(p.target, 4);
		assert_int_equal(p.n, 3);
		assert_int_equal(p.nmoves, 1);
		expect_move(&p, 0, "10", 2, c + 1, 4);
		assert_int_equal(p.gain, c + 1);
		assert_int_equal(stars_after(sheet, 3, &p, NULL), 4);
		assert_int_equal(sheet[1][leaf("10")], 5);
		ocop_result_free(&res);
	}
}

/* Fewest moves and least gain among every combination of at most `left` raises, by brute force. */
static void brute(signed char *sheet, size_t from, int left, int moves, long gain, int target,
                  int *best_moves, long *best_gain)
{
	const struct ocop_set *s = set1();
	struct ocop_result res;
	signed char (*one)[64] = (signed char (*)[64])sheet;

	score(&res, one, 1, NULL);
	if (res.stars >= target && (moves < *best_moves || (moves == *best_moves && gain < *best_gain))) {
		*best_moves = moves;
		*best_gain = gain;
	}
	ocop_result_free(&res);
	if (left == 0)
		return;
	for (size_t l = from; l < s->nleaves; l++) {
		int was = sheet[l];
		for (int p = was + 1; p <= 5; p++) {
			if (!ocop_set_valid_points(s, l, p))
				continue;
			sheet[l] = (signed char)p;
			brute(sheet, l + 1, left - 1, moves + 1, gain + p - was, target, best_moves,
			      best_gain);
		}
		sheet[l] = (signed char)was;
	}
}

/* Random single-member sheets whose path is at most two moves agree with brute force. */
static void test_nextstar__matches_brute_force(void **state)
{
	const struct ocop_set *s = set1();
	unsigned seed = 12345;
	int checked = 0;

	(void)state;
	for (int t = 0; t < 400 && checked < 12; t++) {
		signed char sheet[1][64];
		struct ocop_result res;
		struct ocop_path p;
		int best_moves = 99;
		long best_gain = 0;

		domain_sheet(s, sheet[0]);
		for (int k = 0; k < 4; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t l = (seed >> 8) % s->nleaves;
			if (ocop_set_valid_points(s, l, sheet[0][l] - 1))
				sheet[0][l]--;
			else if (ocop_set_valid_points(s, l, sheet[0][l] - 2))
				sheet[0][l] = (signed char)(sheet[0][l] - 2);
		}
		score(&res, sheet, 1, NULL);
		next_star(&p, &res, NULL);
		if (p.found && p.nmoves <= 2) {
			/* The search works on the scored sheet (after gates); so does brute force. */
			memcpy(sheet[0], res.points, s->nleaves);
			brute(sheet[0], 0, (int)p.nmoves, 0, 0, p.target, &best_moves, &best_gain);
			assert_int_equal(best_moves, p.nmoves);
			assert_int_equal(best_gain, p.gain);
			checked++;
		}
		ocop_result_free(&res);
	}
	assert_true(checked >= 5);
}

/* From the lowest sheet of every set of every regime, following the path star by star reaches 5★
 * (or stops where no path exists), and every path passes the re-scoring check. */
static void test_nextstar__climbs_every_set(void **state)
{
	static const char *const regimes[] = {"148", "148-1489", "1048"};
	struct ocop_err err = {0};

	(void)state;
	for (size_t r = 0; r < sizeof regimes / sizeof *regimes; r++) {
		const struct ocop_regime *rg = builtin(regimes[r]);
		for (size_t i = 0; i < rg->nsets; i++) {
			const struct ocop_set *s = &rg->sets[i];
			signed char sheet[2][128] = {{0}};
			const signed char *rows[2] = {sheet[0], sheet[1]};
			struct ocop_result res;
			struct ocop_path p;
			int last = 0;

			assert_true(s->nleaves <= 128);
			for (size_t l = 0; l < s->nleaves; l++)
				sheet[1][l] = (signed char)(ocop_set_valid_points(s, l, 1) ? 1 : 0);
			for (;;) {
				assert_int_equal(ocop_score_sheets(&res, rg, s, rows, 2, NULL, &err), 0);
				assert_true(res.stars > last);
				last = res.stars;
				assert_int_equal(ocop_next_star(&p, &res, NULL, &err), 0);
				ocop_result_free(&res);
				if (!p.found)
					break;
				for (int m = 0; m < 2; m++)
					for (size_t k = 0; k < p.nmoves; k++)
						if (sheet[m][p.moves[k].leaf] < p.moves[k].to)
							sheet[m][p.moves[k].leaf] = (signed char)p.moves[k].to;
			}
			assert_true(last == 5 || p.target > 0);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nextstar__domain_example_4_to_5_stars),
		cmocka_unit_test(test_nextstar__failed_4_star_mark_is_one_move),
		cmocka_unit_test(test_nextstar__beats_greedy_choices),
		cmocka_unit_test(test_nextstar__story_gate_raises_its_condition),
		cmocka_unit_test(test_nextstar__contaminants_leave_no_path),
		cmocka_unit_test(test_nextstar__five_stars_has_no_next),
		cmocka_unit_test(test_nextstar__gain_counts_every_member_below),
		cmocka_unit_test(test_nextstar__matches_brute_force),
		cmocka_unit_test(test_nextstar__climbs_every_set),
	};

	/* The messages checked here are the English ones (the msgids). */
	ocop_lang_set(OCOP_LANG_EN);
	return cmocka_run_group_tests(tests, NULL, free_catalog);
}
