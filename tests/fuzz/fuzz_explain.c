/* tests/fuzz/fuzz_explain.c — libFuzzer target: `ocop explain` of every dossier read, as text and
 * JSON, in both languages, path to the next star included; the output must be UTF-8 without
 * terminal controls, and JSON must parse. */
#include "fuzz_out.h"

#include "ocop/write.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ocop_diags diags = {0};
	struct ocop_batch *b = fuzz_load(data, size, &diags);

	for (size_t i = 0; b && i < ocop_batch_count(b) && i < 8; i++) {
		struct ocop_result res;
		struct ocop_err err = {0};
		if (ocop_score_dossier(&res, ocop_batch_get(b, i), &err) < 0)
			continue;
		for (int format = OCOP_OUT_TABLE; format <= OCOP_OUT_JSON; format += 2) {
			char *buf = NULL;
			size_t len = 0;
			FILE *out = open_memstream(&buf, &len);
			if (!out)
				continue;
			ocop_write_explain(out, ocop_batch_get(b, i), &res, format, (int)((size + i) & 1));
			fclose(out);
			fuzz_check_text(buf, len);
			if (format == OCOP_OUT_JSON)
				fuzz_check_json(buf, len, 0);
			free(buf);
		}
		ocop_result_free(&res);
	}
	ocop_batch_free(b);
	ocop_diags_free(&diags);
	return 0;
}
