/* tests/fuzz/fuzz_passthru.c — libFuzzer target: `promote --forwarded-only`'s copy of the chosen
 * products' records, as CSV, JSON and NDJSON; products are kept by a property of their id, so
 * some are kept and some left out. */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

#include "ocop/passthru.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *keep_some(void *ctx, const char *id)
{
	(void)ctx;
	return strlen(id) % 2 ? "province" : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int kind = 0; kind < 3 && size > 0; kind++) {
		struct ocop_err err = {0};
		size_t count = 0;
		char *buf = NULL;
		size_t len = 0;
		FILE *in = fmemopen((void *)data, size, "rb"), *out = open_memstream(&buf, &len);
		if (in && out) {
			if (kind == 0)
				ocop_passthru_csv(in, "fuzz.csv", out, 1, keep_some, NULL, &err);
			else
				ocop_passthru_json(in, "fuzz.json", kind == 2, out, &count, keep_some, NULL,
				                   &err);
		}
		if (in)
			fclose(in);
		if (out)
			fclose(out);
		free(buf);
	}
	return 0;
}
