/* The catalog's lookups, kept by the key's address, never answer for other text at that address. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ocop/i18n.h"

static void test_i18n__a_reused_buffer_is_looked_up_anew(void **state)
{
	char key[64];
	const char *band, *invalid, *t;

	(void)state;
	band = ocop_lgettext(OCOP_LANG_VI, "band %d★");
	invalid = ocop_lgettext(OCOP_LANG_VI, "invalid: %s");
	assert_string_not_equal(band, "band %d★");     /* both are in the catalog */
	assert_string_not_equal(invalid, "invalid: %s");
	for (int round = 0; round < 3; round++) {
		strcpy(key, "band %d★");
		t = ocop_lgettext(OCOP_LANG_VI, key);
		assert_string_equal(t, band);
		strcpy(key, "invalid: %s");
		t = ocop_lgettext(OCOP_LANG_VI, key);
		assert_string_equal(t, invalid);
		strcpy(key, "no such message, anywhere");
		assert_ptr_equal(ocop_lgettext(OCOP_LANG_VI, key), key);
		assert_ptr_equal(ocop_lgettext(OCOP_LANG_EN, key), key);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_i18n__a_reused_buffer_is_looked_up_anew),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
