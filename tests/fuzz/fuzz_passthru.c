/* tests/fuzz/fuzz_passthru.c — libFuzzer target: `promote --forwarded-only`'s copy of the chosen
 * products' records, as CSV, JSON and NDJSON; products are kept by a property of their id, so
 * some are kept and some left out. */
#include "fuzz_common.h"

#include <stdlib.h>
#include <string.h>

#include "ocop/passthru.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct ocop_intake *keep_some(void *ctx, const char *id)
{
	static const struct ocop_intake forwarded = {"province", "district", "75.60", 4},
	                                unscored = {"central", "province", NULL, 0};

	(void)ctx;
	/* kept or left out, with and without a prior score, by the length of the id */
	return strlen(id) % 3 == 0 ? NULL : strlen(id) % 3 == 1 ? &forwarded : &unscored;
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
