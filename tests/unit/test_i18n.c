/* The message catalog built into the library: lookup, plural forms, the language's choice. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ocop/i18n.h"

static int misses;
static char missed[256];

static void on_missing(const char *msgid)
{
	misses++;
	snprintf(missed, sizeof missed, "%s", msgid);
}

/* A message of the library in both languages; the English is the msgid itself. */
static void test_i18n__a_message_in_both_languages(void **state)
{
	(void)state;
	ocop_lang_set(OCOP_LANG_VI);
	assert_string_equal(_("out of memory"), "hết bộ nhớ");
	assert_string_equal(ocop_lgettext(OCOP_LANG_EN, "out of memory"), "out of memory");
	ocop_lang_set(OCOP_LANG_EN);
	assert_string_equal(_("out of memory"), "out of memory");
	assert_string_equal(ocop_lgettext(OCOP_LANG_VI, "out of memory"), "hết bộ nhớ");
	ocop_lang_set(OCOP_LANG_VI);
}

/* Not in the catalog: the English comes back and the hook hears of it; English never asks. */
static void test_i18n__a_missing_message_is_reported(void **state)
{
	(void)state;
	misses = 0;
	ocop_i18n_on_missing(on_missing);
	ocop_lang_set(OCOP_LANG_VI);
	assert_string_equal(_("no such message, surely"), "no such message, surely");
	assert_int_equal(misses, 1);
	assert_string_equal(missed, "no such message, surely");
	assert_string_equal(_(""), "");
	ocop_lang_set(OCOP_LANG_EN);
	assert_string_equal(_("no such message, surely"), "no such message, surely");
	assert_int_equal(misses, 1);
	ocop_i18n_on_missing(NULL);
	ocop_lang_set(OCOP_LANG_VI);
}

/* English takes the singular for 1 only (0 products); the empty msgid is not a message. */
static void test_i18n__english_plural_rule(void **state)
{
	(void)state;
	assert_string_equal(ocop_lgettext(OCOP_LANG_VI, ""), "");
	assert_string_equal(ocop_lngettext(OCOP_LANG_EN, "%lu product", "%lu products", 1),
	                    "%lu product");
	assert_string_equal(ocop_lngettext(OCOP_LANG_EN, "%lu product", "%lu products", 2),
	                    "%lu products");
	assert_string_equal(ocop_lngettext(OCOP_LANG_EN, "%lu product", "%lu products", 0),
	                    "%lu products");
}

/* The usual causes of a failed open or write in the current language; any other errno as the C
 * library says it. */
static void test_i18n__strerror(void **state)
{
	static const int known[] = {ENOENT, EACCES, EISDIR, ENOTDIR, ENOSPC, EROFS, EEXIST, ENOMEM,
	                            EPIPE, EIO, EFBIG, ELOOP, ENAMETOOLONG, EMFILE, EINVAL};

	(void)state;
	misses = 0;
	ocop_i18n_on_missing(on_missing);
	ocop_lang_set(OCOP_LANG_VI);
	assert_string_equal(ocop_strerror(ENOENT), "Không có tệp hoặc thư mục này");
	assert_string_equal(ocop_strerror(ENOSPC), "Thiết bị đã hết dung lượng");
	for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
		const char *t = ocop_strerror(known[i]);
		assert_true(*t);
		assert_string_not_equal(t, strerror(known[i]));
	}
	assert_int_equal(misses, 0);
	assert_string_equal(ocop_strerror(EDOM), strerror(EDOM));
	ocop_lang_set(OCOP_LANG_EN);
	assert_string_equal(ocop_strerror(ENOENT), "No such file or directory");
	assert_string_equal(ocop_strerror(EACCES), "Permission denied");
	assert_string_equal(ocop_strerror(EDOM), strerror(EDOM));
	ocop_i18n_on_missing(NULL);
	ocop_lang_set(OCOP_LANG_VI);
}

/* A plural message of the catalog: English chooses by n, Vietnamese has one form for every n. */
static void test_i18n__plural_in_vietnamese(void **state)
{
	const char *one = "product %s, member %s: %zu criterion of set %s not given: %s%s";
	const char *many = "product %s, member %s: %zu criteria of set %s not given: %s%s";
	const char *vi = "sản phẩm %s, thành viên %s: %zu tiêu chí của bộ %s chưa được chấm: %s%s";

	(void)state;
	misses = 0;
	ocop_i18n_on_missing(on_missing);
	for (unsigned long n = 0; n < 3; n++)
		assert_string_equal(ocop_lngettext(OCOP_LANG_VI, one, many, n), vi);
	ocop_lang_set(OCOP_LANG_VI);
	assert_string_equal(P_(one, many, 2), vi);
	ocop_lang_set(OCOP_LANG_EN);
	assert_string_equal(P_(one, many, 1), one);
	assert_string_equal(P_(one, many, 2), many);
	assert_int_equal(misses, 0);
	ocop_i18n_on_missing(NULL);
	ocop_lang_set(OCOP_LANG_VI);
}

static void test_i18n__language_names(void **state)
{
	(void)state;
	assert_int_equal(ocop_lang_parse("vi"), OCOP_LANG_VI);
	assert_int_equal(ocop_lang_parse("en"), OCOP_LANG_EN);
	assert_int_equal(ocop_lang_parse("vi_VN.UTF-8"), OCOP_LANG_VI);
	assert_int_equal(ocop_lang_parse("en_US"), OCOP_LANG_EN);
	assert_int_equal(ocop_lang_parse("en-GB"), OCOP_LANG_EN);
	assert_int_equal(ocop_lang_parse("eng"), -1);
	assert_int_equal(ocop_lang_parse("fr_FR.UTF-8"), -1);
	assert_int_equal(ocop_lang_parse("C.UTF-8"), -1);
	assert_int_equal(ocop_lang_parse(""), -1);
	assert_int_equal(ocop_lang_parse(NULL), -1);
}

/* OCOP_LANG first; then the first of LC_ALL, LC_MESSAGES, LANG that is set decides, when it names
 * vi or en; anything else is Vietnamese. */
static void test_i18n__language_from_the_environment(void **state)
{
	(void)state;
	unsetenv("OCOP_LANG");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
	assert_int_equal(ocop_lang_from_env(), OCOP_LANG_VI);
	setenv("LANG", "en_US.UTF-8", 1);
	assert_int_equal(ocop_lang_from_env(), OCOP_LANG_EN);
	setenv("LC_MESSAGES", "vi_VN.UTF-8", 1);
	assert_int_equal(ocop_lang_from_env(), OCOP_LANG_VI);
	setenv("LC_ALL", "en_GB.UTF-8", 1);
	assert_int_equal(ocop_lang_from_env(), OCOP_LANG_EN);
	setenv("LC_ALL", "C.UTF-8", 1);
	assert_int_equal(ocop_lang_from_env(), OCOP_LANG_VI);
	setenv("OCOP_LANG", "en", 1);
	assert_int_equal(ocop_lang_from_env(), OCOP_LANG_EN);
	setenv("OCOP_LANG", "xx", 1); /* not a language: the locale decides */
	setenv("LC_ALL", "", 1);
	assert_int_equal(ocop_lang_from_env(), OCOP_LANG_VI);
	unsetenv("LC_MESSAGES");
	assert_int_equal(ocop_lang_from_env(), OCOP_LANG_EN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_i18n__a_message_in_both_languages),
		cmocka_unit_test(test_i18n__a_missing_message_is_reported),
		cmocka_unit_test(test_i18n__english_plural_rule),
		cmocka_unit_test(test_i18n__strerror),
		cmocka_unit_test(test_i18n__plural_in_vietnamese),
		cmocka_unit_test(test_i18n__language_names),
		cmocka_unit_test(test_i18n__language_from_the_environment),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
