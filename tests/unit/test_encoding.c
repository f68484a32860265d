/* Spreadsheet text: legacy encodings guessed, wrongly decoded text spotted, header names folded
 * and matched, "did you mean" suggestions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "colname.h"
#include "ocop/dossier.h"
#include "ocop/encoding.h"
#include "ocop/suggest.h"
#include "ocop/text.h"

static const char viet[] = "Xoài Đài Loan Bình Thủy, HTX Nông nghiệp Bình Thủy, Châu Phú, "
                           "Khô cá tra phồng, Mắm cá linh, Bột gạo Bình Mỹ";

/* Some of the same words as TCVN3 writes them (bytes checked with glibc's iconv, TCVN5712-1). */
static const char tcvn3[] = "Xo\xb5i \xa7\xb5i Loan B\xd7nh Th\xf1y, HTX N\xabng nghi\xd6p "
                            "B\xd7nh Th\xf1y, Ch\xa9u Ph\xf3, Kh\xab c\xb8 tra ph\xe5ng";

static void test_encoding__tcvn3_bytes_are_guessed_as_tcvn3(void **state)
{
	char sample[200];

	(void)state;
	assert_int_equal(ocop_encoding_guess(tcvn3, strlen(tcvn3), sample, sizeof sample),
	                 OCOP_ENC_TCVN3);
	assert_true(strncmp(sample, "Xoài Đài Loan", strlen("Xoài Đài Loan")) == 0);
	assert_string_equal(ocop_encoding_option(OCOP_ENC_TCVN3), "tcvn3");
}

static void test_encoding__vni_bytes_are_recognised(void **state)
{
	/* "Khô cá tra đặc sản" as VNI Windows writes it. */
	static const char vni[] = "Kho\xe2 ca\xf9 tra \xf1" "a\xeb" "c sa\xfbn, Ba\xf9nh pho\xe0ng to\xf4m";

	(void)state;
	assert_int_equal(ocop_encoding_guess(vni, strlen(vni), NULL, 0), OCOP_ENC_VNI);
}

static void test_encoding__bytes_that_are_not_vietnamese_get_no_guess(void **state)
{
	static const char junk[] = "\xff\xfe\x80\x81\x82 \x9f\x9e\x9d";

	(void)state;
	assert_int_equal(ocop_encoding_guess(junk, strlen(junk), NULL, 0), OCOP_ENC_NONE);
}

static void test_encoding__tcvn3_shown_as_windows_1252_is_mojibake(void **state)
{
	char fixed[200];

	(void)state;
	assert_int_equal(ocop_text_mojibake("Kh« c¸ tra", strlen("Kh« c¸ tra"), fixed, sizeof fixed),
	                 OCOP_ENC_TCVN3);
	assert_string_equal(fixed, "Khô cá tra");
}

static void test_encoding__utf8_decoded_twice_is_mojibake(void **state)
{
	char fixed[200];
	const char *twice = "Ch\xc3\x83\xc2\xa2u Ph\xc3\x83\xc2\xba";   /* "ChÃ¢u PhÃº" */

	(void)state;
	assert_int_equal(ocop_text_mojibake(twice, strlen(twice), fixed, sizeof fixed),
	                 OCOP_ENC_UTF8_TWICE);
	assert_string_equal(fixed, "Châu Phú");
}

static void test_encoding__right_vietnamese_is_not_mojibake(void **state)
{
	(void)state;
	assert_int_equal(ocop_text_mojibake(viet, strlen(viet), NULL, 0), OCOP_ENC_NONE);
	assert_int_equal(ocop_text_mojibake("Cà phê Buôn Ma Thuột 100%", 27, NULL, 0), OCOP_ENC_NONE);
	assert_int_equal(ocop_text_mojibake("Trà ô long ®", strlen("Trà ô long ®"), NULL, 0),
	                 OCOP_ENC_NONE);
}

static void test_encoding__encoding_names_map_to_iconv(void **state)
{
	(void)state;
	assert_string_equal(ocop_encoding_iconv_name("CP1258"), "CP1258");
	assert_string_equal(ocop_encoding_iconv_name("windows-1258"), "CP1258");
	assert_string_equal(ocop_encoding_iconv_name("TCVN3"), "TCVN5712-1");
	assert_string_equal(ocop_encoding_iconv_name("utf-8"), "");
	assert_null(ocop_encoding_iconv_name("vni"));
	assert_string_equal(ocop_encoding_iconv_name("ISO-8859-1"), "ISO-8859-1");
}

static void test_colname__headers_are_trimmed_folded_and_aliased(void **state)
{
	static const struct {
		const char *raw;
		int col;
	} cases[] = {
		{" Product_ID ", OCOP_F_PRODUCT_ID}, {"product_name\xc2\xa0", OCOP_F_PRODUCT_NAME},
		{"Product ID", OCOP_F_PRODUCT_ID},   {"Mã sản phẩm", OCOP_F_PRODUCT_ID},
		{"MÃ SẢN PHẨM", OCOP_F_PRODUCT_ID},  {"Bộ tiêu chí", OCOP_F_SET},
		{"Thành viên", OCOP_F_MEMBER},       {"Ngày đánh giá", OCOP_F_EVALUATED_ON},
		{"Tiêu chí", COL_CRITERION},         {"Điểm", COL_POINTS},
		{"evaluated-on", OCOP_F_EVALUATED_ON}, {"prodcut_name", COL_UNKNOWN},
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *f = colname_fold(cases[i].raw);
		assert_non_null(f);
		assert_int_equal(colname_parse(f), cases[i].col);
		free(f);
	}
	assert_string_equal(colname_suggest("prodcut_name"), "product_name");
	assert_null(colname_suggest("zzzzzzzz"));
}

static void test_suggest__closest_word_within_a_third_of_its_length(void **state)
{
	static const char *const cmds[] = {"score", "validate", "explain", "promote", "rank", "due"};
	static const char *const ids[] = {"1.a", "1.b", "10", "9.a"};

	(void)state;
	assert_string_equal(ocop_suggest("scor", cmds, 6), "score");
	assert_string_equal(ocop_suggest("vlaidate", cmds, 6), "validate");
	assert_string_equal(ocop_suggest("1a", ids, 4), "1.a");
	assert_null(ocop_suggest("frobnicate", cmds, 6));
	assert_int_equal(ocop_edit_distance("abc", "acb", 3), 1);
	assert_int_equal(ocop_edit_distance("", "abc", 3), 3);
	assert_int_equal(ocop_edit_distance("abcdef", "x", 2), 3);
}

static void test_text__name_column_rule(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(ocop_text_name_cols(40, 50, 0), 32);
	assert_int_equal(ocop_text_name_cols(20, 50, 0), 20);
	assert_int_equal(ocop_text_name_cols(40, 50, 80), 30);
	assert_int_equal(ocop_text_name_cols(40, 50, 200), 40);
	assert_int_equal(ocop_text_name_cols(40, 50, 40), 8);
	ocop_text_ellipsis(out, sizeof out, "Xoài Đài Loan", 8);
	assert_string_equal(out, "Xoài Đà…");
	ocop_text_ellipsis(out, sizeof out, "Xoài", 8);
	assert_string_equal(out, "Xoài");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encoding__tcvn3_bytes_are_guessed_as_tcvn3),
		cmocka_unit_test(test_encoding__vni_bytes_are_recognised),
		cmocka_unit_test(test_encoding__bytes_that_are_not_vietnamese_get_no_guess),
		cmocka_unit_test(test_encoding__tcvn3_shown_as_windows_1252_is_mojibake),
		cmocka_unit_test(test_encoding__utf8_decoded_twice_is_mojibake),
		cmocka_unit_test(test_encoding__right_vietnamese_is_not_mojibake),
		cmocka_unit_test(test_encoding__encoding_names_map_to_iconv),
		cmocka_unit_test(test_colname__headers_are_trimmed_folded_and_aliased),
		cmocka_unit_test(test_suggest__closest_word_within_a_third_of_its_length),
		cmocka_unit_test(test_text__name_column_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
