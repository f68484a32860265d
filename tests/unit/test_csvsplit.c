/* The CSV fast path gives exactly what libcsv gives (src/io/csvsplit.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "csv_agree.h"

static int calls;

static void count_field(void *s, size_t len, void *ctx)
{
	(void)s, (void)len, (void)ctx;
	calls++;
}

static void count_record(int c, void *ctx)
{
	(void)c, (void)ctx;
	calls++;
}

#define IN(s) {s, sizeof s - 1}

/* The lines the fast path takes, and those it must leave to libcsv, read both ways. */
static void test_csvsplit__agrees_with_libcsv(void **state)
{
	static const struct {
		const char *s;
		size_t len;
	} inputs[] = {
		IN("a,b,c\n"), IN("a,b,c\r\n"), IN("a,b,c"), IN("\n\n"), IN("\r\n"), IN("\n\na\n\n"),
		IN(",\n"), IN(",,,\n"), IN(" a , b \n"), IN("a\rb\n"), IN("a\r\rb\r\n"), IN("x,\"y\"\n"),
		IN("x,\"y,\nz\",w\nq\n"), IN("\"a\"\"b\",c\n"), IN("a\"b\n"), IN("\"a\"b\n"), IN("\"open\n"),
		IN("\"a\n\nb\"\n"), IN("12345,1\n"), IN("1,123456789\n"), IN("id,1.a\nP1,3\nP2,\n"),
		IN("\"\n\"\n\"\n"), IN("a,b\n\"c\nd\"\ne,f\n"), IN("\xC3\xA0,\xE1\xBB\x87\n"), IN("a\0b,c\n"),
		IN("a;b;c\n"), IN("a;\"b;c\";d\r\n"), IN(";;;\n"), IN("a\tb\t\tc\n"), IN("1;123456789\n"),
		IN("x;\"y\nz\";w\nq\n"), IN("\t\n"), IN("a;b,c\td\n"),
		/* quoted fields, as the one-pass index takes them or leaves them */
		IN("\"\"\n"), IN("\"\",\"\"\n"), IN("a,\"\"\n"), IN("\"a,b\",c\n"), IN("\"a\"\"\",b\n"),
		IN("\"\"\"\"\n"), IN("\"\"\"\"\"\n"), IN("\"a\" ,b\n"), IN(" \"a\",b\n"), IN("\"a\",\n"),
		IN("\"a\"\r\n"), IN("\"a\rb\"\n"), IN("\"a\"\"b\",\"c\",d\r\n"), IN("a,\"b\"c\n"),
		IN("\"abcdefgh\",1\n"), IN("\"ab\",\"\",\"c\"\"\"\n"), IN("1,2,3,4,5,6,7,8\n"),
		IN("\"1\",2,3,4,5,6,7,8\n"), IN("\"a;b\";\"c\td\"\t\"e,f\"\n"),
		/* cells as csv_cells_line reads them: four at a time, two digits, blanks, too long */
		IN("P,1,2,3,4,5,6\n"), IN("P,1,22,3,,5\n"), IN("P,1,2,3,4,x\n"), IN("1,2,3,4\n"),
		IN("P,123,4\n"), IN(",,,,,,\n"), IN("P,1,2,3,4,5,6,7,8,9\n"), IN("P,1,2,3,4,5,6;7\n"),
		IN("1,2,3,4,5,6,7,8,9,0,1,2,3,4,5,6,7,8,9,0,1,2,3,4,5\n"), IN("9,9,9,9,0/0,0\n"),
	};
	static const char delims[] = {',', ';', '\t'};

	(void)state;
	for (size_t d = 0; d < sizeof delims; d++)
		for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++)
			if (!csv_agree_delim(inputs[i].s, inputs[i].len, delims[d]))
				fail_msg("input %zu reads differently through the fast path (delimiter %d)", i,
				         delims[d]);
}

/* A line the fast path declines has had no callback; one it takes has them all. */
static void test_csvsplit__declines_without_side_effects(void **state)
{
	char quoted[] = "a,\"b\"\n", cr[] = "a\rb\n", longf[] = "abcdef,g\n", plain[] = "ab,c\r\n",
	     blank[] = "\r\n", open[] = "a,b";

	(void)state;
	calls = 0;
	assert_int_equal(csv_split_line(quoted, strlen(quoted), 4, count_field, count_record, NULL), 0);
	assert_int_equal(csv_split_line(cr, strlen(cr), 4, count_field, count_record, NULL), 0);
	assert_int_equal(csv_split_line(longf, strlen(longf), 4, count_field, count_record, NULL), 0);
	assert_int_equal(csv_split_line(open, strlen(open), 4, count_field, count_record, NULL), 0);
	assert_int_equal(calls, 0);
	assert_int_equal(csv_split_line(blank, strlen(blank), 4, count_field, count_record, NULL), 1);
	assert_int_equal(calls, 0);
	assert_int_equal(csv_split_line(plain, strlen(plain), 4, count_field, count_record, NULL), 1);
	assert_int_equal(calls, 3);
}

/* The one-pass index: fields of a plain line, quotes removed from a quoted one, doubled quotes made
 * one in place; a line outside the subset declined with its text untouched. */
static void test_csvsplit__index_line(void **state)
{
	struct csv_span f[8];
	char plain[] = "a,,bc\n", quoted[] = "\"x,y\",\"say \"\"hi\"\"\",z\r\n";
	char bad[] = "\"a\"\"b\",c\"d\n", open[] = "a,\"b\n", many[] = "1,2,3,4,5,6,7,8,9\n";
	char cr[] = "a\rb\n", blank[] = "\r\n";

	(void)state;
	assert_int_equal(csv_index_line(plain, strlen(plain), ',', 64, 1, f, 8), 3);
	assert_true(f[0].len == 1 && f[0].s[0] == 'a' && f[1].len == 0 && f[2].len == 2 &&
	            memcmp(f[2].s, "bc", 2) == 0);
	assert_int_equal(csv_index_line(quoted, strlen(quoted), ',', 64, 0, f, 8), 3);
	assert_true(f[0].len == 3 && memcmp(f[0].s, "x,y", 3) == 0);
	assert_true(f[1].len == 8 && memcmp(f[1].s, "say \"hi\"", 8) == 0);
	assert_true(f[2].len == 1 && f[2].s[0] == 'z');
	/* declined: the doubled quote of the first field is left as it was */
	assert_int_equal(csv_index_line(bad, strlen(bad), ',', 64, 0, f, 8), -1);
	assert_string_equal(bad, "\"a\"\"b\",c\"d\n");
	assert_int_equal(csv_index_line(open, strlen(open), ',', 64, 0, f, 8), -1);
	assert_int_equal(csv_index_line(many, strlen(many), ',', 64, 1, f, 8), -1);
	assert_int_equal(csv_index_line(many, strlen(many) - 2, ',', 64, 1, f, 8), -1); /* no '\n' */
	assert_int_equal(csv_index_line(cr, strlen(cr), ',', 64, 0, f, 8), -1);
	assert_int_equal(csv_index_line(plain, strlen(plain), ',', 1, 1, f, 8), -1); /* "bc" > 1 */
	assert_int_equal(csv_index_line(blank, strlen(blank), ',', 64, 0, f, 8), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csvsplit__agrees_with_libcsv),
		cmocka_unit_test(test_csvsplit__declines_without_side_effects),
		cmocka_unit_test(test_csvsplit__index_line),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
