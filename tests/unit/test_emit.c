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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_emit__vfmt_writes_what_vsnprintf_writes),
		cmocka_unit_test(test_emit__vfmt_cuts_as_vsnprintf),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
