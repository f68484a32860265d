/* tests/fuzz/fuzz_writers.c — libFuzzer target: every dossier read is scored and written in each
 * format (table, CSV, CSV for spreadsheets, JSON, NDJSON) and language; the output must be UTF-8
 * without terminal controls, and JSON must parse. */
#include "fuzz_out.h"

#include "emit.h"
#include "ocop/write.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void write_all(struct ocop_batch *b, int format, int lang)
{
	struct ocop_writer *w = NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	if (!out)
		return;
	if (ocop_writer_new(&w, out, format, lang) == 0) {
		for (size_t i = 0; i < ocop_batch_count(b); i++) {
			struct ocop_result res;
			struct ocop_err err = {0};
			if (ocop_score_dossier(&res, ocop_batch_get(b, i), &err) == 0) {
				ocop_writer_score(w, ocop_batch_get(b, i), &res);
				ocop_result_free(&res);
			}
		}
		ocop_writer_finish(w);
		ocop_writer_free(w);
	}
	fclose(out);
	fuzz_check_text(buf, len);
	if (format == OCOP_OUT_JSON || format == OCOP_OUT_NDJSON)
		fuzz_check_json(buf, len, format == OCOP_OUT_NDJSON);
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ocop_diags diags = {0};
	struct ocop_batch *b = fuzz_load(data, size, &diags);

	if (b) {
		for (int format = OCOP_OUT_TABLE; format <= OCOP_OUT_NDJSON; format++)
			write_all(b, format, format == OCOP_OUT_TABLE ? (int)(size & 1) : OCOP_LANG_EN);
		emit_csv_spreadsheet(1);
		write_all(b, OCOP_OUT_CSV, OCOP_LANG_EN);
		emit_csv_spreadsheet(0);
		ocop_batch_free(b);
	}
	ocop_diags_free(&diags);
	return 0;
}
