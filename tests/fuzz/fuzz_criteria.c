/* tests/fuzz/fuzz_criteria.c — libFuzzer target: the criteria loader, standalone and with
 * "sets_from" resolved against the built-in regime it names. */
#include <stdlib.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const struct ocop_regime *base = NULL;
	struct ocop_regime *r = NULL;
	struct ocop_diags diags = {0};
	struct ocop_err err = {0};
	char *from = ocop_regime_sets_from(text, size);

	if (from)
		base = ocop_catalog_get(fuzz_catalog(), from, &err);
	ocop_err_clear(&err);
	if (ocop_regime_load(&r, text, size, "fuzz.json", base, &diags, &err) == 0) {
		if (r->nsets > 0)
			(void)ocop_regime_find_set(r, r->sets[0].code);
		ocop_regime_free(r);
	}
	free(from);
	ocop_diags_free(&diags);
	return 0;
}
