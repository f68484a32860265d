/* Guided entry (ocop/entry.h): questions, answers, moves, undo, totals, the journal; and the wide-CSV
 * table it edits (ocop/table.h). */
#include "ocop/i18n.h"
#include "fixtures.h"

#include <stdlib.h>

#include "ocop/entry.h"
#include "ocop/table.h"

static struct ocop_sheet *new_sheet(const char *regime, const char *set)
{
	const struct ocop_regime *r = builtin(regime);
	struct ocop_sheet *s = NULL;
	struct ocop_err err = {0};

	assert_int_equal(ocop_sheet_new(&s, r, ocop_regime_find_set(r, set), &err), 0);
	return s;
}

/* Answers the item at pos from text, as the terminal does. */
static void type(struct ocop_sheet *s, const char *text)
{
	char why[256];
	int v;

	if (ocop_sheet_parse(&v, s, s->pos, text, OCOP_LANG_EN, why, sizeof why) != 0)
		fail_msg("%s refused: %s", text, why);
	assert_int_equal(ocop_sheet_answer(s, v), 0);
}

static int refused(struct ocop_sheet *s, const char *text, const char *reason_part)
{
	char why[256] = "";
	int v = -7;

	if (ocop_sheet_parse(&v, s, s->pos, text, OCOP_LANG_EN, why, sizeof why) == 0)
		return 0;
	if (!strstr(why, reason_part))
		fail_msg("reason for %s: \"%s\" lacks \"%s\"", text, why, reason_part);
	return v == -7;
}

static int value_of(struct ocop_sheet *s, const char *id)
{
	return ocop_sheet_value(s, ocop_sheet_find(s, id));
}

static void test_entry__set_1_asks_its_32_criteria_in_sheet_order(void **state)
{
	struct ocop_sheet *s = new_sheet("148", "I.1.a");
	char buf[16];

	(void)state;
	assert_int_equal(s->nitems, 32);
	assert_int_equal(s->pos, 0);
	assert_string_equal(ocop_sheet_key(s, 0, buf, sizeof buf), "1.a");
	assert_string_equal(ocop_sheet_key(s, 31, buf, sizeof buf), "12");
	assert_int_equal(ocop_sheet_unanswered(s), 32);
	ocop_sheet_free(s);
}

static void test_entry__points_option_number_and_refusals(void **state)
{
	struct ocop_sheet *s = new_sheet("148", "I.1.a");   /* 1.a: options 1, 3, 5 */
	char why[256];
	int v;

	(void)state;
	assert_int_equal(ocop_sheet_parse(&v, s, 0, "3", OCOP_LANG_EN, why, sizeof why), 0);
	assert_int_equal(v, 3);
	assert_int_equal(ocop_sheet_parse(&v, s, 0, "#3", OCOP_LANG_EN, why, sizeof why), 0);
	assert_int_equal(v, 5);
	assert_int_equal(ocop_sheet_parse(&v, s, 0, "0", OCOP_LANG_EN, why, sizeof why), 0);
	assert_int_equal(v, 0);
	assert_true(refused(s, "4", "4 points is not an option of 1.a (points: 0, 1, 3, 5)"));
	assert_true(refused(s, "#4", "there is no option #4 (#1 to #3)"));
	assert_true(refused(s, "#0", "no option #0"));
	assert_true(refused(s, "x", "\"x\" is not points (0, 1, 3, 5)"));
	assert_true(refused(s, "-1", "is not points"));
	assert_true(refused(s, "1000", "is not points"));
	assert_int_equal(ocop_sheet_parse(&v, s, 0, "4", OCOP_LANG_VI, why, sizeof why), -1);
	assert_non_null(strstr(why, "4 điểm không phải một phương án của 1.a"));
	ocop_sheet_free(s);
}

/* A yes/no criterion (a maximum, no options): c/k, có/không or 1/0, worth max or 0. */
static void test_entry__yes_no_criterion_takes_c_or_k(void **state)
{
	static const struct ocop_criterion crit[] = {
		{.id = "1", .label_vi = "Có", .label_en = "Yes", .max = 1, .parent = -1, .leaf = 0,
		 .valid = 3, .yesno = 1}};
	static const int leaves[] = {0};
	static const unsigned char part[] = {0};
	static const struct ocop_section sec[] = {{.number = 1, .part = 0, .max = 1}};
	static const struct ocop_set set = {.code = "X", .sections = sec, .nsections = 1,
	                                    .criteria = crit, .ncriteria = 1, .leaves = leaves,
	                                    .nleaves = 1, .leaf_part = part};
	struct ocop_sheet *s = NULL;
	struct ocop_err err = {0};
	char why[256];
	int v;

	(void)state;
	assert_true(ocop_criterion_yesno(&crit[0]));
	assert_false(ocop_criterion_yesno(ocop_set_leaf(ocop_regime_find_set(builtin("148"), "1"), 0)));
	assert_int_equal(ocop_sheet_new(&s, builtin("148"), &set, &err), 0);
	assert_int_equal(ocop_sheet_parse(&v, s, 0, "c", OCOP_LANG_VI, why, sizeof why), 0);
	assert_int_equal(v, 1);
	assert_int_equal(ocop_sheet_parse(&v, s, 0, "không", OCOP_LANG_VI, why, sizeof why), 0);
	assert_int_equal(v, 0);
	assert_int_equal(ocop_sheet_parse(&v, s, 0, "1", OCOP_LANG_VI, why, sizeof why), 0);
	assert_int_equal(v, 1);
	assert_true(refused(s, "2", "a yes/no criterion, answer c (yes) or k (no)"));
	ocop_sheet_free(s);
}

static void test_entry__back_undo_skip_keep_and_go_to(void **state)
{
	struct ocop_sheet *s = new_sheet("148", "I.1.a");

	(void)state;
	type(s, "5");
	type(s, "2");
	type(s, "1");                       /* 1.c */
	assert_int_equal(s->pos, 3);
	ocop_sheet_back(s);
	assert_int_equal(s->pos, 2);
	type(s, "2");                       /* 1.c corrected: on to the next not answered, 1.d */
	assert_int_equal(value_of(s, "1.c"), 2);
	assert_int_equal(s->pos, 3);
	type(s, "3");
	assert_int_equal(ocop_sheet_undo(s), 3);   /* 1.d's answer undone, asked again */
	assert_int_equal(value_of(s, "1.d"), -1);
	assert_int_equal(s->pos, 3);
	assert_int_equal(ocop_sheet_undo(s), 2);   /* then 1.c's correction: 1 again */
	assert_int_equal(value_of(s, "1.c"), 1);
	ocop_sheet_goto(s, 3);
	ocop_sheet_skip(s);                 /* 1.d left empty, flagged */
	assert_int_equal(s->pos, 4);
	assert_int_equal(ocop_sheet_nskipped(s), 1);
	ocop_sheet_goto(s, ocop_sheet_find(s, "1.a"));
	ocop_sheet_keep(s);                 /* 1.a kept: on to 1.dd, the first still to ask */
	assert_int_equal(s->pos, 4);
	assert_int_equal(ocop_sheet_find(s, "9.z"), -1);
	ocop_sheet_free(s);
}

static void test_entry__totals_and_missed_marks(void **state)
{
	struct ocop_sheet *s = new_sheet("148", "I.1.a");
	int part[OCOP_MAX_PARTS], missed10 = 0;
	char num[8];

	(void)state;
	for (size_t i = 0; i < 32; i++) {
		snprintf(num, sizeof num, "%d", domain_example[i].points);
		assert_int_equal(s->pos, ocop_sheet_find(s, domain_example[i].id));
		type(s, strcmp(domain_example[i].id, "10") == 0 ? "2" : num);
	}
	assert_int_equal(s->pos, s->nitems);   /* nothing left to ask */
	assert_int_equal(ocop_sheet_total(s, part), 75);
	assert_int_equal(part[0], 34);
	assert_int_equal(part[1], 19);
	assert_int_equal(part[2], 22);
	for (size_t i = 0; i < s->set->nmarks; i++)
		if (ocop_sheet_mark_missed(s, i) && s->set->marks[i].star == 4)
			missed10 += strcmp(ocop_set_leaf(s->set, (size_t)s->set->marks[i].leaf)->id, "10") == 0;
	assert_int_equal(missed10, 1);        /* the 4★ mark on 10 needs 3 */
	ocop_sheet_free(s);
}

/* Set VI.1: which case first; the leaves of the other case are not asked and stay empty. */
static void test_entry__alternatives_ask_the_case_first(void **state)
{
	struct ocop_sheet *s = new_sheet("148", "VI.1");
	int c8 = ocop_sheet_find(s, "8"), a8 = ocop_sheet_find(s, "8.a"), b8 = ocop_sheet_find(s, "8.b");
	char buf[16];

	(void)state;
	assert_int_equal(s->nitems, 36 + 3);
	assert_int_equal(c8 + 1, a8);
	assert_string_equal(ocop_sheet_key(s, c8, buf, sizeof buf), "#8");
	ocop_sheet_goto(s, c8);
	assert_true(refused(s, "3", "choose case 1 to 2"));
	type(s, "2");
	assert_int_equal(s->pos, b8);         /* 8.a is not asked */
	assert_false(ocop_sheet_applies(s, a8));
	type(s, "3");
	assert_int_equal(value_of(s, "8.b"), 3);
	ocop_sheet_goto(s, c8);
	type(s, "1");                         /* the case chosen again: 8.b's value goes */
	assert_int_equal(s->points[s->items[b8].leaf], -1);
	assert_int_equal(s->pos, a8);
	assert_int_equal(ocop_sheet_undo(s), c8); /* and comes back with the undo */
	assert_int_equal(value_of(s, "#8"), 2);
	assert_int_equal(value_of(s, "8.b"), 3);
	ocop_sheet_free(s);
}

static void test_entry__journal_fields_escape_and_split(void **state)
{
	char buf[128] = "", *f[OCOP_JOURNAL_FIELDS];

	(void)state;
	ocop_journal_escape(buf, sizeof buf, "a\tb\\c\nd");
	assert_string_equal(buf, "a\\tb\\\\c\\nd");
	strcat(buf, "\tsecond");
	assert_int_equal(ocop_journal_split(buf, f), 2);
	assert_string_equal(f[0], "a\tb\\c\nd");
	assert_string_equal(f[1], "second");
}

static void test_entry__journal_pending_draft(void **state)
{
	const char *saved = "ocop-draft 1\nbegin\tenter\tP\tTV1\t3\na\t1.a\t5\nsaved\n";
	const char *open_ = "ocop-draft 1\nbegin\tenter\tP\tTV1\t3\nsaved\nbegin\tenter\tP\tTV2\t3\na\t1.a\t5\n";
	const char *cut = "ocop-draft 1\nbegin\tenter\tP\tTV1\t3\nsav";

	(void)state;
	assert_int_equal(ocop_journal_pending(saved, strlen(saved)), -1);
	assert_int_equal(ocop_journal_pending(open_, strlen(open_)),
	                 (long)(strstr(open_, "begin\tenter\tP\tTV2") - open_));
	/* A line cut by a power cut never counts: the draft is still pending. */
	assert_int_equal(ocop_journal_pending(cut, strlen(cut)), 13);
	assert_int_equal(ocop_journal_pending("notes\n", 6), -2);
}

/* Replaying the journal's moves gives the same sheet, position and undo history. */
static void test_entry__replay_gives_the_same_sheet(void **state)
{
	static const char *const moves[] = {"a\t1.a\t5", "a\t1.b\t2", "a\t1.c\t1", "b", "a\t1.c\t2",
	                                    "s\t1.d", "a\t1.dd\t1", "a\t1.e\t0", "u", "g\t1.a",
	                                    "k\t1.a"};
	struct ocop_sheet *a = new_sheet("148", "I.1.a"), *b = new_sheet("148", "I.1.a");
	struct ocop_err err = {0};
	char line[64], *f[OCOP_JOURNAL_FIELDS];

	(void)state;
	type(a, "5");
	type(a, "2");
	type(a, "1");
	ocop_sheet_back(a);
	type(a, "2");
	ocop_sheet_skip(a);
	type(a, "1");
	type(a, "0");
	ocop_sheet_undo(a);
	ocop_sheet_goto(a, 0);
	ocop_sheet_keep(a);
	for (size_t i = 0; i < sizeof moves / sizeof *moves; i++) {
		strcpy(line, moves[i]);
		int n = ocop_journal_split(line, f);
		if (ocop_sheet_replay(b, f, n, &err) != 0)
			fail_msg("%s: %s", moves[i], err.msg);
	}
	assert_memory_equal(a->points, b->points, 32);
	assert_memory_equal(a->skipped, b->skipped, 32);
	assert_int_equal(a->pos, b->pos);
	assert_int_equal(a->nundo, b->nundo);
	strcpy(line, "a\t3.a\t2");            /* not the criterion asked: the journal is refused */
	assert_int_equal(ocop_sheet_replay(b, f, ocop_journal_split(line, f), &err), -1);
	ocop_sheet_free(a);
	ocop_sheet_free(b);
}

static void test_table__edit_and_write_back(void **state)
{
	const char *text = "\xEF\xBB\xBFproduct_id,set,member,product_name,1.a\r\n"
	                   "P1,I.1.a,TV1,\"Bánh, \"\"ngon\"\"\",5\r\n"
	                   "P2,I.1.a,TV1,x,3\r\n";
	struct ocop_table *t = NULL;
	struct ocop_err err = {0};
	size_t len;
	char *csv;

	(void)state;
	assert_int_equal(ocop_table_parse(&t, text, strlen(text), "f.csv", &err), 0);
	assert_int_equal(t->ncols, 5);
	assert_int_equal(t->nrows, 2);
	assert_string_equal(ocop_table_get(t, 0, "product_name"), "Bánh, \"ngon\"");
	assert_int_equal(ocop_table_find(t, "P2", "TV1"), 1);
	assert_int_equal(ocop_table_find(t, "P2", "TV2"), -1);
	assert_int_equal(ocop_table_insert(t, 1), 0);    /* after P1's last row */
	assert_int_equal(ocop_table_set(t, 1, "product_id", "P1"), 0);
	assert_int_equal(ocop_table_set(t, 1, "member", "TV2"), 0);
	assert_int_equal(ocop_table_set(t, 1, "verified_by", "Lan"), 0); /* a new column */
	assert_int_equal(ocop_table_set(t, 0, "ip_violation", ""), 0);   /* nothing to add */
	assert_int_equal(ocop_table_count(t, "P1"), 2);
	assert_int_equal(ocop_table_last_of(t, "P1"), 1);
	csv = ocop_table_csv(t, &len);
	assert_string_equal(csv, "product_id,set,member,product_name,1.a,verified_by\n"
	                         "P1,I.1.a,TV1,\"Bánh, \"\"ngon\"\"\",5,\n"
	                         "P1,,TV2,,,Lan\n"
	                         "P2,I.1.a,TV1,x,3,\n");
	free(csv);
	csv = ocop_table_row_csv(t, 0);
	assert_string_equal(csv, "P1,I.1.a,TV1,\"Bánh, \"\"ngon\"\"\",5,");
	free(csv);
	ocop_table_free(t);
}

static void test_table__a_short_row_is_an_error(void **state)
{
	const char *text = "product_id,set,member\nP1,I.1.a\n";
	struct ocop_table *t = NULL;
	struct ocop_err err = {0};

	(void)state;
	assert_int_equal(ocop_table_parse(&t, text, strlen(text), "f.csv", &err), -1);
	assert_null(t);
	assert_int_equal(err.line, 2);
	assert_non_null(strstr(err.msg, "2 fields, but the header has 3"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entry__set_1_asks_its_32_criteria_in_sheet_order),
		cmocka_unit_test(test_entry__points_option_number_and_refusals),
		cmocka_unit_test(test_entry__yes_no_criterion_takes_c_or_k),
		cmocka_unit_test(test_entry__back_undo_skip_keep_and_go_to),
		cmocka_unit_test(test_entry__totals_and_missed_marks),
		cmocka_unit_test(test_entry__alternatives_ask_the_case_first),
		cmocka_unit_test(test_entry__journal_fields_escape_and_split),
		cmocka_unit_test(test_entry__journal_pending_draft),
		cmocka_unit_test(test_entry__replay_gives_the_same_sheet),
		cmocka_unit_test(test_table__edit_and_write_back),
		cmocka_unit_test(test_table__a_short_row_is_an_error),
	};
	/* The messages checked here are the English ones (the msgids). */
	ocop_lang_set(OCOP_LANG_EN);
	return cmocka_run_group_tests(tests, NULL, free_catalog);
}
