/* The report's HTML pieces: escaping of user text, and the report of DOMAIN.md's example scored by
 * one member (explanation, why the star, parts). */
#include "fixtures.h"
#include "html.h"
#include "ocop/report.h"
#include "ocop/score.h"
#include "ocop/write.h"

#include <stdlib.h>
#include <string.h>

/* What html_esc writes, as a malloc'ed string. */
static char *capture_esc(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	html_esc(f, s);
	fclose(f);
	return buf;
}

static void test_report__escape_markup_characters(void **state)
{
	char *s = capture_esc("<script>alert(\"x\" & 'y')</script>");

	(void)state;
	assert_string_equal(s, "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
	free(s);
}

static void test_report__escape_keeps_vietnamese_and_replaces_controls(void **state)
{
	char *s = capture_esc("Xoài\x01 Đài\tLoan\x7f");

	(void)state;
	assert_string_equal(s, "Xoài\xEF\xBF\xBD Đài\tLoan\xEF\xBF\xBD");
	free(s);
	s = capture_esc(NULL);
	assert_string_equal(s, "");
	free(s);
}

static void test_report__printf_escapes_message_and_arguments(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	char big[700];

	(void)state;
	assert_non_null(f);
	html_printf(f, ": spread %d > %d (totals: %s)", 11, 10, "<TV1> 62, TV2 & co 73");
	fclose(f);
	assert_string_equal(buf, ": spread 11 &gt; 10 (totals: &lt;TV1&gt; 62, TV2 &amp; co 73)");
	free(buf);
	/* Longer than the stack buffer: written whole. */
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	big[0] = '<';
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	html_printf(f, "[%s]", big);
	fclose(f);
	assert_int_equal(strlen(buf), sizeof big - 1 + 2 + 3);
	assert_true(strncmp(buf, "[&lt;xx", 7) == 0);
	assert_int_equal(buf[strlen(buf) - 1], ']');
	free(buf);
}

static void test_report__domain_example_page(void **state)
{
	const struct ocop_regime *r = builtin("148");
	const struct ocop_set *set = ocop_regime_find_set(r, "I.1.a");
	signed char pts[64];
	const signed char *sheets[1] = {pts};
	struct ocop_result res;
	struct ocop_err err = {0};
	struct ocop_member member = {.name = "<TV1>", .points = pts};
	struct ocop_dossier d = {.meta = {[OCOP_F_PRODUCT_ID] = "P-1",
	                                  [OCOP_F_PRODUCT_NAME] = "Xoài & co"},
	                         .members = &member, .nmembers = 1, .set = set, .regime = r};
	struct ocop_report_item item = {&d, &res, NULL};
	struct ocop_report_opts o = {OCOP_LANG_EN, OCOP_LEVEL_NONE};
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	domain_sheet(set, pts);
	assert_int_equal(ocop_score_sheets(&res, r, set, sheets, 1, NULL, &err), 0);
	assert_int_equal(res.stars, 4);
	f = open_memstream(&buf, &len);
	assert_int_equal(ocop_report_html(f, &item, 1, &o), 0);
	fclose(f);
	assert_non_null(strstr(buf, "<h2>P-1 · Xoài &amp; co</h2>"));
	assert_non_null(strstr(buf, "<th>&lt;TV1&gt;</th>"));
	assert_non_null(strstr(buf, " is in the 4★ band (from 70). Awarded <b>4★</b>, recognised"));
	assert_non_null(strstr(buf, ">34.00 / 40<"));
	assert_non_null(strstr(buf, ">76.00 / 100<"));
	assert_null(strstr(buf, "<script"));
	free(buf);
	/* The same page in Vietnamese: the report's words follow the language asked for. */
	o.lang = OCOP_LANG_VI;
	buf = NULL;
	f = open_memstream(&buf, &len);
	assert_int_equal(ocop_report_html(f, &item, 1, &o), 0);
	fclose(f);
	assert_non_null(strstr(buf, "<html lang=\"vi\">"));
	assert_non_null(strstr(buf, "Điểm trung bình 76.00 thuộc hạng điểm 4★ (từ 70). Xếp hạng <b>4★</b>, "
	                            "được công nhận sản phẩm OCOP."));
	assert_non_null(strstr(buf, "<h1>BÁO CÁO KẾT QUẢ ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP</h1>"));
	assert_null(strstr(buf, "Why this star"));
	free(buf);
	ocop_result_free(&res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report__escape_markup_characters),
		cmocka_unit_test(test_report__escape_keeps_vietnamese_and_replaces_controls),
		cmocka_unit_test(test_report__printf_escapes_message_and_arguments),
		cmocka_unit_test(test_report__domain_example_page),
	};

	return cmocka_run_group_tests(tests, NULL, free_catalog);
}
