/* tests/fuzz/fuzz_json.c — libFuzzer target: the same bytes as a JSON document and as NDJSON.
 *
 * The document is read as a stream, a value of the array at a time; cJSON stays the arbiter of
 * its syntax: when the reader accepts a document, cJSON must accept it whole, and when the reader
 * calls it malformed, cJSON must reject it too (for text in the reader's domain: UTF-8 without
 * NUL or control characters, which the reader refuses for reasons of its own, nested at most 32
 * deep). */
#include "fuzz_common.h"
#include "ocop/text.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int read_json(struct ocop_batch *b, FILE *f, void *ctx, struct ocop_err *err)
{
	return ocop_read_json(b, f, "fuzz.json", *(int *)ctx, err);
}

/* 1 when cJSON reads the whole text as one value followed by whitespace only. */
static int cjson_accepts(const char *text, size_t len)
{
	const char *end = NULL;
	cJSON *o;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		text += 3, len -= 3;
	o = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!o)
		return 0;
	cJSON_Delete(o);
	while (end < text + len && (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r'))
		end++;
	return end == text + len;
}

/* 1 when the text is in the reader's domain: UTF-8, no control character but JSON whitespace. */
static int plain_text(const uint8_t *data, size_t size)
{
	for (size_t i = 0; i < size; i++)
		if (data[i] < 0x20 && data[i] != '\t' && data[i] != '\n' && data[i] != '\r')
			return 0;
	return ocop_utf8_check((const char *)data, size) == size;
}

struct doc {
	const char *text;   /* the input, NUL-terminated for cJSON, or NULL if it holds a NUL */
	size_t size;
};

static int read_document(struct ocop_batch *b, FILE *f, void *ctx, struct ocop_err *err)
{
	int rc = ocop_read_json(b, f, "fuzz.json", 0, err);
	const struct doc *d = ctx;

	if (!d->text)
		return rc;          /* (the reader refuses a NUL byte) */
	if (rc == 0 && !cjson_accepts(d->text, d->size))
		__builtin_trap();   /* accepted what cJSON rejects */
	if (rc < 0 && err->code == OCOP_ESYNTAX && strncmp(err->msg, "malformed JSON", 14) == 0 &&
	    plain_text((const uint8_t *)d->text, d->size) && cjson_accepts(d->text, d->size))
		__builtin_trap();   /* called malformed what cJSON reads */
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int ndjson = 1;
	char *text = NULL;
	struct doc d = {NULL, size};

	fuzz_read(data, size, read_json, &ndjson);
	if (!memchr(data, '\0', size) && (text = malloc(size + 1))) {
		memcpy(text, data, size);
		text[size] = '\0';
		d.text = text;
	}
	fuzz_read(data, size, read_document, &d);
	free(text);
	return 0;
}
