/* tests/fuzz/fuzz_csv.c — libFuzzer target: wide and long CSV dossiers. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int read_csv(struct ocop_batch *b, FILE *f, void *ctx, struct ocop_err *err)
{
	(void)ctx;
	return ocop_read_csv(b, f, "fuzz.csv", err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_read(data, size, read_csv, NULL);
	return 0;
}
