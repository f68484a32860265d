/* tests/fuzz/fuzz_json_scan.c — libFuzzer target: each line of the input through the NDJSON
 * scanner and through cJSON, which must agree (tests/unit/json_agree.h). */
#include <stdint.h>
#include <stdio.h>

#include "../unit/json_agree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *why;
		size_t len = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		int took;
		if ((why = json_agree(p, len, &took))) {
			fprintf(stderr, "%s: %.*s\n", why, (int)len, p);
			__builtin_trap();
		}
		p += len;
	}
	return 0;
}
