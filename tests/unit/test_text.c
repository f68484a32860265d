/* ocop_text_control, which skips whole words, finds what a byte-by-byte reading finds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ocop/text.h"

/* Every forbidden character (and a line feed, allowed or not), at every offset of a text of
 * Vietnamese and ASCII: the offset and the code point found are those of the character put in. */
static void test_text__control_found_at_every_offset(void **state)
{
	static const struct {
		const char *bytes;
		unsigned long cp;
	} bad[] = {
		{"\x1b", 0x1B}, {"\x01", 0x01}, {"\x7f", 0x7F}, {"\t", 0x09}, {"\xc2\x80", 0x80},
		{"\xc2\x9f", 0x9F}, {"\xe2\x80\xaa", 0x202A}, {"\xe2\x80\xae", 0x202E},
		{"\xe2\x81\xa6", 0x2066}, {"\xe2\x81\xa9", 0x2069}, {"\n", 0x0A},
	};
	/* allowed, with the same lead bytes: U+00A0, U+2014 (an em dash), U+2070 */
	const char *fine = "Bánh phồng \xc2\xa0 nếp \xe2\x80\x94 Tân Lộc \xe2\x81\xb0 An Giang";
	char text[200];
	unsigned long cp;
	size_t flen = strlen(fine);

	(void)state;
	assert_int_equal(ocop_text_control(fine, 0, &cp), (size_t)-1);
	for (size_t b = 0; b < sizeof bad / sizeof *bad; b++)
		for (size_t at = 0; at <= flen; at++) {
			/* only at a character's start */
			if (at < flen && ((unsigned char)fine[at] & 0xC0) == 0x80)
				continue;
			memcpy(text, fine, at);
			strcpy(text + at, bad[b].bytes);
			strcat(text, fine + at);
			cp = 0;
			assert_int_equal(ocop_text_control(text, 0, &cp), at);
			assert_int_equal(cp, bad[b].cp);
			if (bad[b].cp == '\n')
				assert_int_equal(ocop_text_control(text, 1, &cp), (size_t)-1);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text__control_found_at_every_offset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
