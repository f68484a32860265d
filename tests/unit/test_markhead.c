/* markhead: a mark's text is kept per mark and language around its mean, and made again when the
 * language changes or the mark no longer reads as when it was made. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "markhead.h"
#include "ocop/score.h"

static int made;                /* calls of make */
static int roomy;               /* put's text has room for the kept text written in place */

/* A stand-in for the writer's sentence, in two "languages". */
static void make(struct sb *b, const struct ocop_set *s, const struct ocop_mark *mk,
                 const char *has, int lang)
{
	char t[160];

	made++;
	snprintf(t, sizeof t, lang ? "%d* on %s: %d%s, has %s" : "mốc %d* ở %s: %d%s, có %s", mk->star,
	         s->criteria[s->leaves[mk->leaf]].id, mk->points, mk->above_zero ? "+" : "", has);
	sb_puts(b, t);
}

/* The text of mark i of s at sum over n members, through heads. */
static const char *put(struct mark_heads *h, const struct ocop_set *s, size_t i, long sum, int n,
                       int lang)
{
	static struct sb b, room;
	struct ocop_result res = {.set = s, .n = n};
	struct ocop_mark_eval e = {.mark = &s->marks[i], .sum = sum};

	if (roomy) {
		room.len = 0;
		sb_add(&room, "", 0);
		while (room.cap < 1024)
			sb_grow_add(&room, "........", 8);
		room.len = 0;
		mark_heads_put(h, &room, &res, &e, lang, make);
		return sb_str(&room);
	}
	b.len = 0;
	mark_heads_put(h, &b, &res, &e, lang, make);
	return sb_str(&b);
}

static void test_markhead__kept_per_mark_and_language_made_again_when_changed(void **state)
{
	static struct ocop_criterion crit[3] = {{.id = "1.a"}, {.id = "3.e"}, {.id = "10"}};
	static int leaves[3] = {0, 1, 2};
	static struct ocop_mark marks[2] = {{4, 1, 2, 0}, {5, 2, 0, 1}};
	static char id[8] = "3.e";
	struct ocop_set s = {.criteria = crit, .ncriteria = 3, .leaves = leaves, .nleaves = 3,
	                     .marks = marks, .nmarks = 2};
	struct mark_heads *h = mark_heads_new();

	(void)state;
	assert_non_null(h);
	crit[1].id = id;
	made = 0;
	assert_string_equal(put(h, &s, 0, 5, 3, 1), "4* on 3.e: 2, has 1.67");
	assert_string_equal(put(h, &s, 0, 4, 3, 1), "4* on 3.e: 2, has 1.33");   /* kept */
	assert_string_equal(put(h, &s, 0, 1, 2, 1), "4* on 3.e: 2, has 0.50");
	assert_int_equal(made, 1);
	assert_string_equal(put(h, &s, 1, 0, 3, 1), "5* on 10: 0+, has 0.00");
	assert_int_equal(made, 2);
	/* another language */
	assert_string_equal(put(h, &s, 0, 5, 3, 0), "mốc 4* ở 3.e: 2, có 1.67");
	assert_string_equal(put(h, &s, 0, 5, 3, 1), "4* on 3.e: 2, has 1.67");
	assert_int_equal(made, 3);
	/* the same mark's memory now another set's: other star, points, rule, leaf id */
	marks[0].star = 3;
	assert_string_equal(put(h, &s, 0, 5, 3, 1), "3* on 3.e: 2, has 1.67");
	marks[0].points = 1;
	assert_string_equal(put(h, &s, 0, 5, 3, 1), "3* on 3.e: 1, has 1.67");
	marks[0].above_zero = 1;
	assert_string_equal(put(h, &s, 0, 5, 3, 1), "3* on 3.e: 1+, has 1.67");
	strcpy(id, "3.g");
	assert_string_equal(put(h, &s, 0, 5, 3, 1), "3* on 3.g: 1+, has 1.67");
	marks[0].leaf = 0;
	assert_string_equal(put(h, &s, 0, 5, 3, 1), "3* on 1.a: 1+, has 1.67");
	assert_int_equal(made, 8);
	assert_string_equal(put(h, &s, 0, 6, 3, 1), "3* on 1.a: 1+, has 2.00");
	assert_int_equal(made, 8);
	/* means of every width, as ocop_format_mean writes them, in a text with room for the kept
	 * text and in one without */
	for (roomy = 0; roomy < 2; roomy++)
		for (long sum = -700; sum <= 40000; sum += 37) {
			char mean[32], want[96];
			ocop_format_mean(mean, sizeof mean, sum, 3);
			snprintf(want, sizeof want, "3* on 1.a: 1+, has %s", mean);
			assert_string_equal(put(h, &s, 0, sum, 3, 1), want);
		}
	roomy = 0;
	assert_int_equal(made, 8);
	/* without heads: made every time */
	assert_string_equal(put(NULL, &s, 0, 6, 3, 1), "3* on 1.a: 1+, has 2.00");
	assert_int_equal(made, 9);
	mark_heads_free(h);
}

/* A text that cannot be cut around its mean (the mean's stand-in byte is in the id) is made every
 * time, and right. */
static void test_markhead__text_not_cut_is_made_every_time(void **state)
{
	static struct ocop_criterion crit[1] = {{.id = "9\001b"}};
	static int leaves[1] = {0};
	static struct ocop_mark marks[1] = {{3, 0, 2, 0}};
	struct ocop_set s = {.criteria = crit, .ncriteria = 1, .leaves = leaves, .nleaves = 1,
	                     .marks = marks, .nmarks = 1};
	struct mark_heads *h = mark_heads_new();

	(void)state;
	made = 0;
	assert_string_equal(put(h, &s, 0, 3, 2, 1), "3* on 9\001b: 2, has 1.50");
	assert_string_equal(put(h, &s, 0, 4, 2, 1), "3* on 9\001b: 2, has 2.00");
	assert_int_equal(made, 4);  /* (each time: tried with the stand-in, then made with the mean) */
	mark_heads_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_markhead__kept_per_mark_and_language_made_again_when_changed),
		cmocka_unit_test(test_markhead__text_not_cut_is_made_every_time),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
