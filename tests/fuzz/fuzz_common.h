/* tests/fuzz/fuzz_common.h — shared by the libFuzzer targets: read bytes as dossiers over the
 * built-in catalog, score every dossier, free everything. */
#ifndef OCOP_FUZZ_COMMON_H
#define OCOP_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>

#include "ocop/catalog.h"
#include "ocop/dossier.h"
#include "ocop/read.h"
#include "ocop/score.h"

typedef int (*fuzz_reader)(struct ocop_batch *b, FILE *f, void *ctx, struct ocop_err *err);

/* The catalog is built once; its regimes are parsed on first use and never change afterwards. */
static inline struct ocop_catalog *fuzz_catalog(void)
{
	static struct ocop_catalog *cat;
	struct ocop_err err = {0};

	if (!cat && ocop_catalog_new(&cat, &err) < 0)
		__builtin_trap();
	return cat;
}

static inline void fuzz_score_all(struct ocop_batch *b)
{
	for (size_t i = 0; i < ocop_batch_count(b); i++) {
		struct ocop_result res;
		struct ocop_err err = {0};

		if (ocop_score_dossier(&res, ocop_batch_get(b, i), &err) == 0)
			ocop_result_free(&res);
	}
}

/* Reads data with fn into a fresh batch; scores whatever was read when the reader succeeded. */
static inline void fuzz_read(const uint8_t *data, size_t size, fuzz_reader fn, void *ctx)
{
	struct ocop_diags diags = {0};
	struct ocop_batch *b = NULL;
	struct ocop_err err = {0};
	FILE *f;

	if (size == 0)
		return; /* fmemopen rejects a zero-length buffer on some libcs */
	f = fmemopen((void *)data, size, "rb");
	if (!f)
		return;
	if (ocop_batch_new(&b, fuzz_catalog(), NULL, &diags, &err) == 0) {
		if (fn(b, f, ctx, &err) == 0) {
			ocop_batch_finish(b);
			fuzz_score_all(b);
		}
		ocop_batch_free(b);
	}
	fclose(f);
	ocop_diags_free(&diags);
}

#endif
