/* tests/fuzz/fuzz_out.h — shared by the output targets (writers, explain, passthru): input read as
 * CSV or JSON by its first byte, output written to memory and checked. */
#ifndef OCOP_FUZZ_OUT_H
#define OCOP_FUZZ_OUT_H

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "ocop/text.h"

/* Reads data as dossiers: NDJSON when it starts with {, a JSON document with [, else CSV. Returns
 * the batch (finished) or NULL when the input is not read at all. */
static inline struct ocop_batch *fuzz_load(const uint8_t *data, size_t size,
                                           struct ocop_diags *diags)
{
	struct ocop_batch *b = NULL;
	struct ocop_err err = {0};
	FILE *f;
	int rc;

	if (size == 0 || !(f = fmemopen((void *)data, size, "rb")))
		return NULL;
	if (ocop_batch_new(&b, fuzz_catalog(), NULL, diags, &err) < 0) {
		fclose(f);
		return NULL;
	}
	rc = data[0] == '{' ? ocop_read_json(b, f, "fuzz.ndjson", 1, &err)
	     : data[0] == '[' ? ocop_read_json(b, f, "fuzz.json", 0, &err)
	                      : ocop_read_csv(b, f, "fuzz.csv", &err);
	fclose(f);
	if (rc < 0) {
		ocop_batch_free(b);
		return NULL;
	}
	ocop_batch_finish(b);
	return b;
}

/* What ocop writes is UTF-8 and never drives a terminal: no ESC, no other C0 control but line
 * feed and (CSV's) carriage return and tab-free, no C1 control, no bidirectional override. */
static inline void fuzz_check_text(const char *s, size_t n)
{
	if (!ocop_utf8_valid(s, n))
		__builtin_trap();
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c < 0x20 && c != '\n') || c == 0x7F)
			__builtin_trap();
		if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9F)
			__builtin_trap();
		if (c == 0xE2 && i + 2 < n &&
		    (((unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] >= 0xAA &&
		      (unsigned char)s[i + 2] <= 0xAE) ||
		     ((unsigned char)s[i + 1] == 0x81 && (unsigned char)s[i + 2] >= 0xA6 &&
		      (unsigned char)s[i + 2] <= 0xA9)))
			__builtin_trap();
	}
}

/* JSON output parses (a document, or one value per line for NDJSON). */
static inline void fuzz_check_json(const char *s, size_t n, int ndjson)
{
	const char *p = s, *end = s + n;

	while (p < end) {
		const char *nl = ndjson ? memchr(p, '\n', (size_t)(end - p)) : NULL;
		const char *stop = nl ? nl : end;
		if (stop > p) {
			cJSON *v = cJSON_ParseWithLength(p, (size_t)(stop - p));
			if (!v)
				__builtin_trap();
			cJSON_Delete(v);
		}
		p = stop + (nl != NULL);
		if (!ndjson)
			break;
	}
}

#endif
