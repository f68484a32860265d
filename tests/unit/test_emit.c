/* emit_vfmt and sb_vfmt, which format the plain conversions themselves, write what vsnprintf
 * writes. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "emit.h"
#include "ocop/score.h"

/* fmt with its arguments through sb_vfmt (after some text already in the buffer) and through
 * vsnprintf: the same text. */
static void same_as_vsnprintf(const char *fmt, ...)
{
	struct sb b = {0};
	char want[2048];
	va_list ap, copy;

	sb_puts(&b, "x");
	va_start(ap, fmt);
	va_copy(copy, ap);
	sb_vfmt(&b, fmt, ap);
	vsnprintf(want, sizeof want, fmt, copy);
	va_end(copy);
	va_end(ap);
	if (strcmp(sb_str(&b) + 1, want) != 0)
		fail_msg("format \"%s\": \"%s\", vsnprintf: \"%s\"", fmt, sb_str(&b) + 1, want);
	sb_free(&b);
}

/* emit_vfmt into buffers of every size up to past the text: what vsnprintf writes and returns. */
static void cut_as_vsnprintf(const char *fmt, ...)
{
	char got[64], want[64];
	va_list ap, copy;

	for (size_t size = 0; size <= sizeof got; size++) {
		int n, m;
		memset(got, '#', sizeof got);
		memset(want, '#', sizeof want);
		va_start(ap, fmt);
		va_copy(copy, ap);
		n = emit_vfmt(got, size, fmt, ap);
		m = vsnprintf(want, size, fmt, copy);
		va_end(copy);
		va_end(ap);
		if (n != m || memcmp(got, want, sizeof got) != 0)
			fail_msg("format \"%s\" in %zu bytes: %d \"%.*s\", vsnprintf: %d \"%.*s\"", fmt,
			         size, n, (int)size, got, m, (int)size, want);
	}
}

static void test_emit__vfmt_cuts_as_vsnprintf(void **state)
{
	(void)state;
	cut_as_vsnprintf("mean %s < %ld.%02ld; %d★ (%lu, %zu) 100%%", "88.50", 90L, 5L, 4, 7UL,
	                 (size_t)12);
	cut_as_vsnprintf("%02ld|%02ld|%02ld|%ld", 0L, 7L, -3L, LONG_MIN);
	cut_as_vsnprintf("trả về cấp %s: %s", "tỉnh", "mốc 5★");
	cut_as_vsnprintf("%5d through vsnprintf", 3);
}

static void test_emit__vfmt_writes_what_vsnprintf_writes(void **state)
{
	char longer[400];

	(void)state;
	memset(longer, 'a', sizeof longer - 1);
	longer[sizeof longer - 1] = '\0';
	same_as_vsnprintf("");
	same_as_vsnprintf("no conversion");
	same_as_vsnprintf("%d★ mark on %s needs %d, has %s", 4, "10", 2, "1.67");
	same_as_vsnprintf("mốc %d★ ở %s cần lớn hơn 0, có %s", 3, "9.a", "0.00");
	same_as_vsnprintf("%d %d %d %d", 0, -1, INT_MAX, INT_MIN);
	same_as_vsnprintf("%ld %ld %ld", 0L, LONG_MAX, LONG_MIN);
	same_as_vsnprintf("%lu %lu %lu", 0UL, (unsigned long)LONG_MAX + 1, ULONG_MAX);
	same_as_vsnprintf("%zu and %zu", (size_t)7, SIZE_MAX);
	same_as_vsnprintf("100%% of %s%%", "it");
	same_as_vsnprintf("%s", (const char *)NULL);
	same_as_vsnprintf("%s|%s", longer, longer);
	/* through vsnprintf: widths, precisions, flags, positions, other conversions */
	same_as_vsnprintf("%5d|%-4s|%.2s|%+d", 42, "ab", "xyz", 3);
	same_as_vsnprintf("%2$s %1$s", "world", "hello");
	same_as_vsnprintf("%.6g %04lX %c", 1.5, 255UL, 'q');
	same_as_vsnprintf("%s %lld %s", "a", 123456789012LL, longer);
}


/* F with its arguments through sb_tplf twice with template t (split, then kept) and through
 * snprintf: the same text each time. */
#define TPL_SAME(t, F, ...)                                                                   \
	do {                                                                                    \
		struct sb b = {0};                                                              \
		char want[512];                                                                 \
		snprintf(want, sizeof want, F, __VA_ARGS__);                                  \
		for (int round = 0; round < 2; round++) {                                       \
			b.len = 0;                                                              \
			sb_puts(&b, "x");                                                       \
			sb_tplf(&b, (t), F, __VA_ARGS__);                                     \
			if (strcmp(sb_str(&b) + 1, want) != 0)                                  \
				fail_msg("format \"%s\", round %d: \"%s\", snprintf: \"%s\"", F, \
				         round, sb_str(&b) + 1, want);                          \
			assert_ptr_equal((t)->fmt, F);                                        \
		}                                                                               \
		sb_free(&b);                                                                    \
	} while (0)

static void test_emit__tplf_writes_what_snprintf_writes(void **state)
{
	struct sb_tpl t = {0};
	static const char fa[] = "re-score: spread %d > %d", fb[] = "%s (+%lu more)",
	                  fc[] = "chấm lại: chênh lệch %d > %d", fd[] = "%5d through vsnprintf %s",
	                  fe[] = "%02ld|%ld|%zu|100%%|%s", ff[] = "%s %s %s %s %s";

	(void)state;
	TPL_SAME(&t, fa, 12, 10);
	TPL_SAME(&t, fa, -3, INT_MIN);
	/* another format in the same template is split again, whatever it was split from before */
	TPL_SAME(&t, fb, "4★ mark on 3.e needs 2, has 1.67", 5UL);
	TPL_SAME(&t, fc, 9, 8);
	TPL_SAME(&t, fb, "", ULONG_MAX);
	/* what the template does not take goes to sb_vfmt, then back to the template */
	TPL_SAME(&t, fd, 42, "x");
	TPL_SAME(&t, fe, -7L, LONG_MIN, SIZE_MAX, "y");
	TPL_SAME(&t, ff, "a", "b", "c", "d", "e");
	TPL_SAME(&t, fa, 0, 0);
}

/* sb_mean writes what ocop_format_mean writes, in place or when the text must grow. */
static void test_emit__mean_writes_what_format_mean_writes(void **state)
{
	(void)state;
	for (int n = 0; n <= 41; n++)
		for (long sum = -2100; sum <= 4100 + 100L * n; sum += 7) {
			struct sb b = {0}, in = {0};
			char want[32];
			ocop_format_mean(want, sizeof want, sum, n);
			sb_mean(&b, sum, n);                /* (empty: through the slow path) */
			sb_puts(&in, "x");
			sb_add(&in, "................................................", 40);
			in.len = 1;
			sb_mean(&in, sum, n);               /* room enough: in place */
			assert_string_equal(sb_str(&b), want);
			assert_string_equal(sb_str(&in) + 1, want);
			sb_free(&b);
			sb_free(&in);
		}
}

/* sb_json writes what emit_json writes: every byte, escaped or not, and null. */
static void test_emit__json_writes_what_emit_json_writes(void **state)
{
	char all[256], *text = NULL;
	size_t size = 0;
	const char *cases[] = {"", "plain", "Mãng cầu \"ta\"", "a\\b\nc\rd\te", all, NULL};

	(void)state;
	for (int c = 1; c < 256; c++)
		all[c - 1] = (char)c;
	all[255] = '\0';
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct sb b = {0};
		FILE *f = open_memstream(&text, &size);
		assert_non_null(f);
		emit_json(f, cases[i]);
		fclose(f);
		sb_puts(&b, "x");
		sb_json(&b, cases[i]);
		assert_string_equal(sb_str(&b) + 1, text);
		free(text);
		text = NULL;
		sb_free(&b);
	}
}

/* sb_csv_short writes what sb_csv writes: texts of every length around its 16 bytes, with a byte
 * to quote at each place, formulas with the spreadsheet mode on and off, NULL; in a buffer with
 * room and in one without. */
static void test_emit__csv_short_writes_what_sb_csv_writes(void **state)
{
	const char *fixed[] = {NULL, "", "B000001", "=1+2", "-12", "@x", "a,b", "\"q\"", "Mãng cầu"};
	const char special[] = {'a', ',', '"', '\r', '\n', '=', '-', '\t'};

	(void)state;
	for (int sheet = 0; sheet < 2; sheet++) {
		emit_csv_spreadsheet(sheet);
		for (size_t len = 0; len <= 20; len++)
			for (size_t at = 0; at <= len; at++)
				for (size_t k = 0; k < sizeof special + sizeof fixed / sizeof *fixed; k++) {
					char text[32];
					const char *t = text;
					if (k < sizeof special) {
						memset(text, 'x', len);
						text[len] = '\0';
						if (at < len)
							text[at] = special[k];
					} else if (len == 0 && at == 0) {
						t = fixed[k - sizeof special];
					} else {
						continue;
					}
					for (int room = 0; room < 2; room++) {
						struct sb a = {0}, b = {0};
						if (room) {
							sb_add(&a, "x", 1);  /* (then the buffer has 256 bytes) */
							sb_add(&b, "x", 1);
						}
						sb_csv_short(&a, t);
						sb_csv(&b, t);
						assert_int_equal(a.len, b.len);
						assert_string_equal(sb_str(&a), sb_str(&b));
						sb_free(&a);
						sb_free(&b);
					}
				}
	}
	emit_csv_spreadsheet(0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_emit__vfmt_writes_what_vsnprintf_writes),
		cmocka_unit_test(test_emit__vfmt_cuts_as_vsnprintf),
		cmocka_unit_test(test_emit__tplf_writes_what_snprintf_writes),
		cmocka_unit_test(test_emit__mean_writes_what_format_mean_writes),
		cmocka_unit_test(test_emit__json_writes_what_emit_json_writes),
		cmocka_unit_test(test_emit__csv_short_writes_what_sb_csv_writes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
