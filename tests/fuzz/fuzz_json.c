/* tests/fuzz/fuzz_json.c — libFuzzer target: the same bytes as a JSON document and as NDJSON. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int read_json(struct ocop_batch *b, FILE *f, void *ctx, struct ocop_err *err)
{
	return ocop_read_json(b, f, "fuzz.json", *(int *)ctx, err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int ndjson;

	for (ndjson = 0; ndjson <= 1; ndjson++)
		fuzz_read(data, size, read_json, &ndjson);
	return 0;
}
