/* ocop_text_control, which skips whole words, finds what a byte-by-byte reading finds; the UTF-8
 * check, which reads sequences by their lead byte, finds what decoding each finds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ocop/text.h"
#include "look_agree.h"

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

/* The UTF-8 check by decoding each sequence and checking its code point. */
static size_t utf8_by_decoding(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned long cp;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3, cp = c & 0x07;
		else
			return i;
		if (len - i <= n)
			return i;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n + 1;
	}
	return len;
}

/* Every string of up to three bytes, each after an ASCII prefix of 0 to 9 bytes (the check
 * skips ASCII eight bytes at a time), and every four-byte lead with the continuation bytes at
 * the edges of their ranges. */
static void test_text__utf8_check_agrees_with_decoding(void **state)
{
	static const unsigned char edges[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
	                                      0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5,
	                                      0xFF};
	unsigned char buf[16];

	(void)state;
	for (size_t pre = 0; pre <= 9; pre += 3) {
		memset(buf, 'a', pre);
		for (unsigned long v = 0; v < (1UL << 24); v += pre ? 7 : 1)
			for (size_t n = 1; n <= 3; n++) {
				for (size_t k = 0; k < n; k++)
					buf[pre + k] = (unsigned char)(v >> (8 * k));
				if (ocop_utf8_check((const char *)buf, pre + n) !=
				    utf8_by_decoding(buf, pre + n))
					fail_msg("%zu ASCII bytes, then %06lx (%zu bytes)", pre, v, n);
			}
	}
	for (size_t a = 0; a < sizeof edges; a++)
		for (size_t b = 0; b < sizeof edges; b++)
			for (size_t c = 0; c < sizeof edges; c++)
				for (unsigned lead = 0xF0; lead <= 0xF5; lead++) {
					buf[0] = (unsigned char)lead, buf[1] = edges[a], buf[2] = edges[b];
					buf[3] = edges[c], buf[4] = 'x';
					for (size_t n = 1; n <= 5; n++)
						assert_int_equal(ocop_utf8_check((const char *)buf, n),
						                 utf8_by_decoding(buf, n));
				}
}

/* ocop_text_look against the separate checks: every string of up to three bytes after an ASCII
 * prefix of 0 to 9 bytes (it reads ASCII eight bytes at a time), and each such string of the
 * bytes that matter put at every offset of a Vietnamese text. */
static void test_text__look_agrees_with_each_check(void **state)
{
	static const unsigned char edges[] = {0x00, 0x09, 0x0A, 0x1F, 0x20, 0x41, 0x7E, 0x7F, 0x80,
	                                      0x81, 0x9F, 0xA0, 0xA6, 0xA9, 0xAA, 0xAE, 0xB8, 0xBB,
	                                      0xBC, 0xBF, 0xC0, 0xC2, 0xC3, 0xC6, 0xCB, 0xCC, 0xDF,
	                                      0xE0, 0xE1, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
	const char *text = "Bánh phồng nếp Tân Lộc, Huyện Chợ Mới — Ðồng Tháp";
	char buf[128];
	size_t tlen = strlen(text), ne = sizeof edges;

	(void)state;
	for (size_t pre = 0; pre <= 9; pre++) {
		memset(buf, 'a', pre);
		for (unsigned long v = 0; v < (1UL << 24); v += pre ? 257 : 1)
			for (size_t n = 1; n <= 3; n++) {
				for (size_t k = 0; k < n; k++)
					buf[pre + k] = (char)(v >> (8 * k));
				if (!look_agrees(buf, pre + n))
					fail_msg("%zu ASCII bytes, then %06lx (%zu bytes)", pre, v, n);
			}
	}
	for (size_t at = 0; at <= tlen; at++)
		for (size_t a = 0; a < ne; a++)
			for (size_t b = 0; b < ne; b++)
				for (size_t c = 0; c < ne; c++) {
					memcpy(buf, text, at);
					buf[at] = (char)edges[a], buf[at + 1] = (char)edges[b];
					buf[at + 2] = (char)edges[c];
					memcpy(buf + at + 3, text + at, tlen - at);
					if (!look_agrees(buf, tlen + 3))
						fail_msg("%02x %02x %02x at %zu", edges[a], edges[b],
						         edges[c], at);
				}
	assert_int_equal(ocop_text_look(text, tlen), OCOP_LOOK_NONASCII | OCOP_LOOK_NOTNFC |
	                                             OCOP_LOOK_SUSPECT);
	assert_int_equal(ocop_text_look("Huyện Chợ Mới", strlen("Huyện Chợ Mới")),
	                 OCOP_LOOK_NONASCII);
	assert_int_equal(ocop_text_look("TV1, 2024-10-01", 15), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text__control_found_at_every_offset),
		cmocka_unit_test(test_text__utf8_check_agrees_with_decoding),
		cmocka_unit_test(test_text__look_agrees_with_each_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
