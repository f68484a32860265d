/* Workbooks of tables: what is written is read back by the tests in tests/report; here, the
 * limits — a sheet holds 1,048,576 rows, and a workbook that would need more is refused. */
#include "ocop/i18n.h"
#include "fixtures.h"
#include "ocop/book.h"

#include <stdlib.h>
#include <unistd.h>

static void write_rows(long rows, int *rc, struct ocop_err *err)
{
	static const char *const head[] = {"n"};
	char path[] = "/tmp/ocop-test-book.XXXXXX";
	struct ocop_book *b;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(ocop_book_new(&b, path, err), 0);
	assert_int_equal(ocop_book_sheet(b, "rows", head, 1), 0);
	for (long i = 0; i < rows; i++) {
		ocop_book_num(b, (double)i);
		ocop_book_row(b);
	}
	*rc = ocop_book_close(b, err);
	unlink(path);
}

static void test_book__a_full_sheet_is_written(void **state)
{
	struct ocop_err err = {0};
	int rc;

	(void)state;
	write_rows(1048575, &rc, &err);   /* the header and 1,048,575 rows: every row Excel has */
	assert_int_equal(rc, 0);
}

static void test_book__one_row_more_is_refused(void **state)
{
	struct ocop_err err = {0};
	int rc;

	(void)state;
	write_rows(1048576, &rc, &err);
	assert_int_equal(rc, -1);
	assert_int_equal(err.code, OCOP_ELIMIT);
	assert_non_null(strstr(err.msg, "more than 1048575 rows"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_book__a_full_sheet_is_written),
		cmocka_unit_test(test_book__one_row_more_is_refused),
	};

	/* The messages checked here are the English ones (the msgids). */
	ocop_lang_set(OCOP_LANG_EN);
	return cmocka_run_group_tests(tests, NULL, free_catalog);
}
