/* Pass-through of chosen products' records, with their level updated. The input was already read
 * and checked by the readers, so only the structure needed to copy it is handled here. */
#include "ocop/passthru.h"

#include <cjson/cJSON.h>
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "ocop/text.h"

struct pt {
	FILE *out;
	ocop_keep_fn keep;
	void *ctx;
	int with_header;
	char **fields;
	size_t n, cap;
	long record;
	int col_id, col_level, append_level, oom;
};

static void on_field(void *s, size_t len, void *data)
{
	struct pt *p = data;

	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		char **f = realloc(p->fields, cap * sizeof *f);
		if (!f) {
			p->oom = 1;
			return;
		}
		p->fields = f;
		p->cap = cap;
	}
	p->fields[p->n] = malloc(len + 1);
	if (!p->fields[p->n]) {
		p->oom = 1;
		return;
	}
	memcpy(p->fields[p->n], s, len);
	p->fields[p->n++][len] = '\0';
}

static void write_row(struct pt *p, const char *level)
{
	for (size_t i = 0; i < p->n; i++) {
		if (i)
			putc(',', p->out);
		emit_csv(p->out, (int)i == p->col_level && level ? level : p->fields[i]);
	}
	if (p->append_level) {
		putc(',', p->out);
		emit_csv(p->out, level ? level : "level");
	}
	putc('\n', p->out);
}

static void on_record(int c, void *data)
{
	struct pt *p = data;
	const char *level;

	(void)c;
	if (p->record++ == 0) {
		p->col_id = p->col_level = -1;
		for (size_t i = 0; i < p->n; i++) {
			const char *f = p->fields[i];
			if (i == 0 && strncmp(f, "\xEF\xBB\xBF", 3) == 0)
				f += 3;
			if (strcmp(f, "product_id") == 0)
				p->col_id = (int)i;
			else if (strcmp(f, "level") == 0)
				p->col_level = (int)i;
		}
		p->append_level = p->col_level < 0;
		if (p->with_header)
			write_row(p, NULL);
	} else if (p->col_id >= 0 && (size_t)p->col_id < p->n) {
		char *id = ocop_text_nfc(p->fields[p->col_id]);
		if ((level = p->keep(p->ctx, id ? id : p->fields[p->col_id])))
			write_row(p, level);
		free(id);
	}
	for (size_t i = 0; i < p->n; i++)
		free(p->fields[i]);
	p->n = 0;
}

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

int ocop_passthru_csv(FILE *in, const char *name, FILE *out, int with_header, ocop_keep_fn keep,
                      void *ctx, struct ocop_err *err)
{
	struct pt p = {.out = out, .keep = keep, .ctx = ctx, .with_header = with_header};
	struct csv_parser parser;
	char buf[65536];
	size_t n;
	int rc = 0;

	if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return ocop_err_set(err, OCOP_ENOMEM, name, 0, 0, NULL, "out of memory");
	csv_set_space_func(&parser, no_space);
	while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0)
		if (csv_parse(&parser, buf, n, on_field, on_record, &p) != n)
			rc = ocop_err_set(err, OCOP_ESYNTAX, name, 0, 0, NULL, "malformed CSV");
	if (rc == 0 && csv_fini(&parser, on_field, on_record, &p) != 0)
		rc = ocop_err_set(err, OCOP_ESYNTAX, name, 0, 0, NULL, "malformed CSV");
	if (rc == 0 && p.oom)
		rc = ocop_err_set(err, OCOP_ENOMEM, name, 0, 0, NULL, "out of memory");
	for (size_t i = 0; i < p.n; i++)
		free(p.fields[i]);
	free(p.fields);
	csv_free(&parser);
	return rc;
}

/* Writes one dossier object if kept, with "level" set. */
static int object(cJSON *o, FILE *out, int ndjson, size_t *count, ocop_keep_fn keep, void *ctx)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "product_id");
	char *nfc, *text;
	const char *level;

	if (!cJSON_IsString(id))
		return 0;
	nfc = ocop_text_nfc(id->valuestring);
	level = keep(ctx, nfc ? nfc : id->valuestring);
	free(nfc);
	if (!level)
		return 0;
	if (cJSON_GetObjectItemCaseSensitive(o, "level"))
		cJSON_ReplaceItemInObjectCaseSensitive(o, "level", cJSON_CreateString(level));
	else
		cJSON_AddStringToObject(o, "level", level);
	text = cJSON_PrintUnformatted(o);
	if (!text)
		return -1;
	if (!ndjson)
		fputs(*count ? ",\n" : "\n", out);
	fputs(text, out);
	if (ndjson)
		putc('\n', out);
	free(text);
	++*count;
	return 0;
}

int ocop_passthru_json(FILE *in, const char *name, int ndjson, FILE *out, size_t *count,
                       ocop_keep_fn keep, void *ctx, struct ocop_err *err)
{
	char *text = NULL;
	size_t cap = 0, len = 0, k;
	cJSON *root, *o;
	int rc = 0;

	if (ndjson) {
		ssize_t n;
		while ((n = getline(&text, &cap, in)) >= 0) {
			root = cJSON_ParseWithLength(text, (size_t)n);
			if (root && object(root, out, 1, count, keep, ctx) < 0)
				rc = ocop_err_set(err, OCOP_ENOMEM, name, 0, 0, NULL, "out of memory");
			cJSON_Delete(root);
		}
		free(text);
		return rc;
	}
	do {
		if (len == cap) {
			char *more = realloc(text, cap = cap ? cap * 2 : 65536);
			if (!more) {
				free(text);
				return ocop_err_set(err, OCOP_ENOMEM, name, 0, 0, NULL, "out of memory");
			}
			text = more;
		}
		k = fread(text + len, 1, cap - len, in);
		len += k;
	} while (k > 0);
	k = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	root = cJSON_ParseWithLength(text + k, len - k);
	free(text);
	if (!root)
		return ocop_err_set(err, OCOP_ESYNTAX, name, 0, 0, NULL, "malformed JSON");
	if (cJSON_IsArray(root)) {
		cJSON_ArrayForEach(o, root)
			if (rc == 0 && cJSON_IsObject(o) && object(o, out, 0, count, keep, ctx) < 0)
				rc = -1;
	} else if (object(root, out, 0, count, keep, ctx) < 0) {
		rc = -1;
	}
	cJSON_Delete(root);
	return rc < 0 ? ocop_err_set(err, OCOP_ENOMEM, name, 0, 0, NULL, "out of memory") : 0;
}
