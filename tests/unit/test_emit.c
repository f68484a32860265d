/* sb_vfmt, which formats the plain conversions itself, writes what vsnprintf writes. */
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
