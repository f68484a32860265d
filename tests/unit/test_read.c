/* Readers: wide and long CSV, JSON and NDJSON into dossiers, and the problems they report. */
#include "ocop/i18n.h"
#include "fixtures.h"
#include "ocop/read.h"

#include <stdlib.h>

static struct ocop_batch *batch;
static struct ocop_diags diags;

static int setup(void **state)
{
	(void)state;
	return open_batch(&batch, &diags);
}

static int teardown(void **state)
{
	(void)state;
	close_batch(batch, &diags);
	return 0;
}

static int read_text(const char *text, const char *name)
{
	struct ocop_err err = {0};
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc;

	assert_non_null(f);
	rc = ocop_read(batch, f, name, OCOP_IN_AUTO, &err);
	fclose(f);
	if (rc == 0)
		ocop_batch_finish(batch);
	else
		ocop_diag_add(&diags, err.code, err.file, err.line, err.col, err.where, "%s", err.msg);
	return rc;
}

static int has_diag(long line, const char *text)
{
	for (size_t i = 0; i < diags.n; i++)
		if ((line == 0 || diags.v[i].line == line) && strstr(diags.v[i].msg, text))
			return 1;
	for (size_t i = 0; i < diags.n; i++)
		print_error("%s:%ld:%ld: %s\n", diags.v[i].file, diags.v[i].line, diags.v[i].col,
		            diags.v[i].msg);
	return 0;
}

/* The header of a wide sheet of set 1, and one member's row of the DOMAIN.md example. */
static char *wide(const char *extra_rows)
{
	static char buf[8192];
	size_t n = sizeof domain_example / sizeof *domain_example;
	int len = snprintf(buf, sizeof buf, "product_id,set,member");

	for (size_t i = 0; i < n; i++)
		len += snprintf(buf + len, sizeof buf - (size_t)len, ",%s", domain_example[i].id);
	len += snprintf(buf + len, sizeof buf - (size_t)len, "\nP1,I.1.a,TV1");
	for (size_t i = 0; i < n; i++)
		len += snprintf(buf + len, sizeof buf - (size_t)len, ",%d", domain_example[i].points);
	snprintf(buf + len, sizeof buf - (size_t)len, "\n%s", extra_rows);
	return buf;
}

static void test_read__wide_csv_row_becomes_a_sheet(void **state)
{
	struct ocop_dossier *d;

	(void)state;
	assert_int_equal(read_text(wide(""), "w.csv"), 0);
	assert_int_equal(diags.n, 0);
	assert_int_equal(ocop_batch_count(batch), 1);
	d = ocop_batch_get(batch, 0);
	assert_string_equal(d->set->code, "I.1.a");
	assert_int_equal(d->nmembers, 1);
	assert_int_equal(d->members[0].points[ocop_set_find_leaf(d->set, "1.a")], 5);
}

static void test_read__bad_point_names_line_field_and_options(void **state)
{
	char rows[512];
	const char *w = wide("");
	char *copy = strdup(w), *second = strchr(copy, '\n') + 1;

	(void)state;
	/* Same sheet for TV2, with 9.a (field 31) set to 4. */
	second = strstr(second, "TV1");
	snprintf(rows, sizeof rows, "P1,I.1.a,TV2%s", second + 3);
	char *p = rows;
	for (int k = 0; k < 30; k++)
		p = strchr(p, ',') + 1;
	*p = '4';
	assert_int_equal(read_text(wide(rows), "w.csv"), 0);
	assert_true(has_diag(3, "criterion 9.a: 4 is not an option (0, 1, 2)"));
	assert_int_equal(diags.v[0].col, 31);
	assert_int_equal(ocop_batch_get(batch, 0)->nerrors, 1);
	free(copy);
}

static void test_read__duplicate_member_and_unknown_set(void **state)
{
	(void)state;
	assert_int_equal(read_text(wide("P1,I.1.a,TV1" ",0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0"
	                                ",0,0,0,0,0,0,0,0,0,0\nP2,I.9,TV1\n"),
	                           "w.csv"),
	                 0);
	assert_true(has_diag(3, "member TV1 already has a sheet (line 2)"));
	assert_true(has_diag(4, "set \"I.9\" is not a criteria set of regime 148"));
}

static void test_read__long_csv_and_missing_criteria(void **state)
{
	const char *text = "product_id,set,member,criterion,points\r\n"
	                   "P9,1,TV1,1.a,5\r\nP9,1,TV1,1.b,2\r\n";

	(void)state;
	assert_int_equal(read_text(text, "l.csv"), 0);
	assert_true(has_diag(0, "30 criteria of set I.1.a not given: 1.c, 1.d"));
}


/* Long rows read on the fast path (criterion matched against the leaf the row before makes
 * likely, points as a number, the member not looked up again) give the same sheets as any order:
 * criteria out of order, members interleaved, a set change between products whose leaf ids are
 * the same, digit-only ids, "05", and the exceptions. */
/* One member's sheet of the DOMAIN.md example as product id in a wide file: its header, then the row;
 * member_at: the criterion column the member column comes before (n: after them all); quoted: every
 * field in quotes. */
static char *wide_as(const char *id, size_t member_at, int quoted)
{
	static char buf[8192];
	size_t n = sizeof domain_example / sizeof *domain_example;
	const char *q = quoted ? "\"" : "";
	int len = snprintf(buf, sizeof buf, "product_id,set");

	for (size_t i = 0; i <= n; i++) {
		if (i == member_at)
			len += snprintf(buf + len, sizeof buf - (size_t)len, ",member");
		if (i < n)
			len += snprintf(buf + len, sizeof buf - (size_t)len, ",%s", domain_example[i].id);
	}
	len += snprintf(buf + len, sizeof buf - (size_t)len, "\n%s%s%s,%sI.1.a%s", q, id, q, q, q);
	for (size_t i = 0; i <= n; i++) {
		if (i == member_at)
			len += snprintf(buf + len, sizeof buf - (size_t)len, ",%sTV1%s", q, q);
		if (i < n)
			len += snprintf(buf + len, sizeof buf - (size_t)len, ",%s%d%s", q,
			                domain_example[i].points, q);
	}
	snprintf(buf + len, sizeof buf - (size_t)len, "\n");
	return buf;
}

/* The ways a wide row is read (its cells read as numbers from a plain line, cut field by field
 * when the cells are apart, indexed with its quotes removed) give the same sheet. */
static void test_read__wide_rows_read_any_way_give_the_same_sheet(void **state)
{
	size_t n = sizeof domain_example / sizeof *domain_example;
	const char *ids[] = {"P1", "P2", "P3", "P4"};

	(void)state;
	assert_int_equal(read_text(wide_as("P1", n, 0), "together.csv"), 0);
	assert_int_equal(read_text(wide_as("P2", 3, 0), "apart.csv"), 0);
	assert_int_equal(read_text(wide_as("P3", n, 1), "quoted.csv"), 0);
	assert_int_equal(read_text(wide_as("P4", 0, 0), "first.csv"), 0);
	assert_int_equal(diags.n, 0);
	for (size_t p = 0; p < sizeof ids / sizeof *ids; p++) {
		struct ocop_dossier *d = ocop_batch_find(batch, ids[p]);
		assert_non_null(d);
		assert_int_equal(d->nmembers, 1);
		assert_string_equal(d->members[0].name, "TV1");
		for (size_t i = 0; i < n; i++)
			assert_int_equal(d->members[0].points[ocop_set_find_leaf(d->set,
			                                                         domain_example[i].id)],
			                 domain_example[i].points);
	}
}

/* Cells a plain line's fast reading cannot take as they are (two digits that are no option,
 * three digits, text, blank) are reported as the field-by-field reading reports them. */
static void test_read__wide_cells_not_options_are_named(void **state)
{
	char *text = wide_as("P1", sizeof domain_example / sizeof *domain_example, 0);
	char *row = strchr(text, '\n') + 1, *cell = row;

	(void)state;
	/* product_id, set, then the first criterion's cell: made "10" */
	for (int commas = 0; commas < 2; cell++)
		commas += *cell == ',';
	memmove(cell + 1, cell, strlen(cell) + 1);
	memcpy(cell, "10", 2);
	assert_int_equal(read_text(text, "w.csv"), 0);
	assert_true(has_diag(2, "criterion 1.a: 10 is not an option"));
}

static void test_read__long_rows_in_any_order_give_the_same_sheets(void **state)
{
	const char *text = "product_id,set,member,criterion,points\n"
	                   "P1,I.1.a,TV1,1.a,5\nP1,I.1.a,TV1,1.b,2\n"   /* in order */
	                   "P1,I.1.a,TV2,1.b,3\nP1,I.1.a,TV2,1.a,1\n"   /* out of order */
	                   "P1,I.1.a,TV1,1.c,03\n"                      /* TV1 again: same sheet */
	                   "P1,I.1.a,TV1,7,1\nP1,I.1.a,TV1,8,5\n"       /* ids of digits */
	                   "P1,I.1.a,TV1,1.a,1\n"                       /* given twice */
	                   "P1,I.1.a,TV2,1.x,1\n"                       /* no such criterion */
	                   "P1,I.1.a,TV2,1.c\n"                         /* short row */
	                   "P1,I.1.a,TV2,1.d,\n"                        /* blank */
	                   "P2,I.3.b,TV1,1.a,3\nP2,I.3.b,TV1,1.b,1\n";  /* another set, same ids */
	struct ocop_dossier *d;
	int a, b, c, seven;

	(void)state;
	assert_int_equal(read_text(text, "l.csv"), 0);
	assert_int_equal(ocop_batch_count(batch), 2);
	d = ocop_batch_get(batch, 0);
	a = ocop_set_find_leaf(d->set, "1.a");
	b = ocop_set_find_leaf(d->set, "1.b");
	c = ocop_set_find_leaf(d->set, "1.c");
	seven = ocop_set_find_leaf(d->set, "7");
	assert_int_equal(d->nmembers, 2);
	assert_string_equal(d->members[0].name, "TV1");
	assert_int_equal(d->members[0].points[a], 5);
	assert_int_equal(d->members[0].points[b], 2);
	assert_int_equal(d->members[0].points[c], 3);
	assert_int_equal(d->members[0].points[seven], 1);
	assert_int_equal(d->members[1].points[a], 1);
	assert_int_equal(d->members[1].points[b], 3);
	assert_true(has_diag(9, "criterion 1.a is given twice"));
	assert_true(has_diag(10, "criterion \"1.x\" is not in set I.1.a"));
	assert_true(has_diag(11, "4 fields, but the header has 5"));
	assert_true(has_diag(12, "criterion 1.d is blank"));
	d = ocop_batch_get(batch, 1);
	assert_string_equal(d->set->code, "I.3.b");
	assert_int_equal(d->members[0].points[ocop_set_find_leaf(d->set, "1.a")], 3);
	assert_int_equal(d->members[0].points[ocop_set_find_leaf(d->set, "1.b")], 1);
}

static void test_read__bom_crlf_and_quoted_newline(void **state)
{
	char text[9000];

	(void)state;
	snprintf(text, sizeof text, "\xEF\xBB\xBF%s", wide(""));
	/* Turn LF into CRLF and name the product across two lines. */
	char out[9500], *o = out;
	for (const char *s = text; *s; s++) {
		if (*s == '\n')
			*o++ = '\r';
		*o++ = *s;
	}
	*o = '\0';
	assert_int_equal(read_text(out, "w.csv"), 0);
	assert_int_equal(diags.n, 0);
	assert_int_equal(ocop_batch_count(batch), 1);
}

static void test_read__malformed_csv_is_fatal(void **state)
{
	(void)state;
	assert_int_equal(read_text("product_id,set,member\nP1,\"I.1.a,TV1\n", "bad.csv"), -1);
	assert_true(has_diag(0, "quoted field is not closed"));
}

static void test_read__unknown_header_column_is_fatal(void **state)
{
	(void)state;
	assert_int_equal(read_text("product_id,set,member,colour\nP1,1,TV1,red\n", "h.csv"), -1);
	assert_true(has_diag(1, "unknown column \"colour\""));
}

static void test_read__json_array_and_points_as_strings(void **state)
{
	const char *text = "[\n{\"product_id\": \"J1\", \"set\": \"I.1.a\",\n"
	                   " \"members\": [{\"member\": \"TV1\", \"points\": {\"1.a\": \"5\"}}]}\n]";

	(void)state;
	assert_int_equal(read_text(text, "j.json"), 0);
	assert_true(has_diag(2, "points must be a number, not a string"));
}

static void test_read__json_syntax_error_position(void **state)
{
	(void)state;
	assert_int_equal(read_text("[\n{\"product_id\": \"J1\",, }\n]", "j.json"), -1);
	assert_true(has_diag(2, "malformed JSON"));
}

static void test_read__ndjson_fractional_points(void **state)
{
	const char *text = "{\"product_id\":\"N1\",\"set\":1,\"members\":[{\"member\":\"A\","
	                   "\"points\":{\"1.a\":2.5}}]}\n";

	(void)state;
	assert_int_equal(read_text(text, "n.ndjson"), 0);
	assert_true(has_diag(1, "criterion 1.a: 2.5 is not an option (0, 1, 3, 5)"));
}

static void test_read__json_too_deep_is_rejected(void **state)
{
	char text[300];

	(void)state;
	memset(text, '[', 100);
	memset(text + 100, ']', 100);
	text[200] = '\0';
	assert_int_equal(read_text(text, "deep.json"), -1);
	assert_true(has_diag(0, "nested deeper than 32 levels"));
}

/* In Vietnamese the diagnostic is Vietnamese, whole (the record's prefix too), and still names its
 * member and criterion; the dossier's first error stays English (the `reason` of machine output)
 * and has its Vietnamese twin. */
static void test_read__a_problem_in_vietnamese_keeps_an_english_reason(void **state)
{
	struct ocop_dossier *d;

	(void)state;
	ocop_lang_set(OCOP_LANG_VI);
	assert_int_equal(read_text("product_id,set,member,1.a\nP1,I.1.a,TV1,4\n", "vi.csv"), 0);
	ocop_lang_set(OCOP_LANG_EN);
	assert_true(diags.n >= 1);
	assert_string_equal(diags.v[0].msg, "bản ghi 2: sản phẩm P1, thành viên TV1: tiêu chí 1.a: "
	                                    "4 không phải một phương án (0, 1, 3, 5)");
	assert_string_equal(diags.v[0].member, "TV1");
	assert_string_equal(diags.v[0].criterion, "1.a");
	assert_string_equal(diags.v[0].product, "P1");
	d = ocop_batch_get(batch, 0);
	assert_string_equal(d->first_error,
	                    "product P1, member TV1: criterion 1.a: 4 is not an option (0, 1, 3, 5)");
	assert_non_null(d->first_error_vi);
	assert_string_equal(d->first_error_vi, "sản phẩm P1, thành viên TV1: tiêu chí 1.a: 4 không "
	                                       "phải một phương án (0, 1, 3, 5)");
	/* the count of criteria not given: Vietnamese has one plural form */
	assert_true(has_diag(2, "sản phẩm P1, thành viên TV1: 31 tiêu chí của bộ I.1.a chưa được "
	                        "chấm: 1.b, 1.c"));
}

/* A plain line whose text columns repeat the last such line's (member aside) is read without
 * them: only while nothing else was read in between. Here P2's line is cut another way (a cell
 * of three digits), and P1's next member must still go to P1, not to P2. */
static void test_read__repeated_text_columns_after_another_path(void **state)
{
	char rows[1024], pts[512] = "";
	size_t n = sizeof domain_example / sizeof *domain_example, len = 0;
	struct ocop_dossier *p1, *p2;

	(void)state;
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(pts + len, sizeof pts - len, ",%d", domain_example[i].points);
	/* (the first cell, 1.a = 5, written "005" on P2's line) */
	snprintf(rows, sizeof rows, "P2,I.1.a,TV1,005%s\nP1,I.1.a,TV2%s\nP1,I.1.a,TV3%s\n",
	         strchr(pts + 1, ','), pts, pts);
	assert_int_equal(read_text(wide(rows), "w.csv"), 0);
	assert_int_equal(ocop_batch_count(batch), 2);
	p1 = ocop_batch_get(batch, 0), p2 = ocop_batch_get(batch, 1);
	assert_string_equal(p1->meta[OCOP_F_PRODUCT_ID], "P1");
	assert_int_equal(p1->nmembers, 3);
	assert_string_equal(p1->members[2].name, "TV3");
	assert_int_equal(p2->nmembers, 1);
	assert_int_equal(p2->members[0].points[ocop_set_find_leaf(p2->set, "1.a")], 5);
}

/* The same shortcut with the member between other text columns and of changing length: a name
 * that changes under it is still seen (and one that comes back), and so is a new product. */
static void test_read__repeated_text_columns_around_the_member(void **state)
{
	char text[4096], pts[512] = "";
	size_t n = sizeof domain_example / sizeof *domain_example, len = 0;
	int at;
	struct ocop_dossier *p1, *p2;

	(void)state;
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(pts + len, sizeof pts - len, ",%d", domain_example[i].points);
	at = snprintf(text, sizeof text, "product_id,member,product_name,set");
	for (size_t i = 0; i < n; i++)
		at += snprintf(text + at, sizeof text - (size_t)at, ",%s", domain_example[i].id);
	snprintf(text + at, sizeof text - (size_t)at,
	         "\nP1,TV1,Bánh A,I.1.a%s\nP1,TV22,Bánh A,I.1.a%s\nP1,T,Bánh A,I.1.a%s"
	         "\nP1,TV4,Bánh B,I.1.a%s\nP1,TV5,Bánh A,I.1.a%s\nP2,TV5,Bánh A,I.1.a%s\n", pts,
	         pts, pts, pts, pts, pts);
	assert_int_equal(read_text(text, "w.csv"), 0);
	assert_int_equal(ocop_batch_count(batch), 2);
	p1 = ocop_batch_get(batch, 0), p2 = ocop_batch_get(batch, 1);
	assert_int_equal(p1->nmembers, 5);
	assert_string_equal(p1->members[1].name, "TV22");
	assert_string_equal(p1->members[2].name, "T");
	assert_true(has_diag(5, "product_name \"Bánh B\" disagrees with \"Bánh A\""));
	assert_int_equal(p1->nerrors, 1);
	assert_int_equal(p2->nmembers, 1);
	assert_int_equal(p2->nerrors, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read__wide_csv_row_becomes_a_sheet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read__bad_point_names_line_field_and_options, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_read__duplicate_member_and_unknown_set, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_read__long_csv_and_missing_criteria, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read__wide_rows_read_any_way_give_the_same_sheet,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_read__repeated_text_columns_after_another_path,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_read__repeated_text_columns_around_the_member,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_read__wide_cells_not_options_are_named, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_read__long_rows_in_any_order_give_the_same_sheets,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_read__bom_crlf_and_quoted_newline, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read__malformed_csv_is_fatal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read__unknown_header_column_is_fatal, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_read__json_array_and_points_as_strings, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_read__json_syntax_error_position, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read__ndjson_fractional_points, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read__json_too_deep_is_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read__a_problem_in_vietnamese_keeps_an_english_reason,
		                                setup, teardown),
	};
	/* The messages checked here are the English ones (the msgids). */
	ocop_lang_set(OCOP_LANG_EN);
	return cmocka_run_group_tests(tests, NULL, free_catalog);
}
