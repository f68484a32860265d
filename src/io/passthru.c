/* The next council's intake: chosen products' first records as blank dossiers, with their level
 * updated and the lower level's result as reference columns. The input was already read and checked
 * by the readers, so only the structure needed to copy it is handled here. */
#include "ocop/passthru.h"

#include <cjson/cJSON.h>
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "colname.h"
#include "csvsplit.h"
#include "emit.h"
#include "ocop/dossier.h"
#include "ocop/text.h"

/* What a column holds in the intake. */
enum col { COL_KEEP, COL_BLANK, COL_LEVEL, COL_PRIOR_LEVEL, COL_PRIOR_TOTAL, COL_PRIOR_STARS };

struct pt {
	FILE *out;
	ocop_keep_fn keep;
	void *ctx;
	int with_header;
	char **fields;
	size_t n, cap;
	long record;
	int col_id, oom;
	unsigned char *kind;      /* enum col of each input column */
	size_t nkind;
	int append[4];            /* level, prior_level, prior_total, prior_stars to append */
	int delim_set;            /* the delimiter was taken from the header line */
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

/* The text of an intake cell of the given kind. */
static const char *cell(const struct ocop_intake *in, int kind, char stars[4])
{
	switch (kind) {
	case COL_LEVEL:
		return in->level;
	case COL_PRIOR_LEVEL:
		return in->prior_level ? in->prior_level : "";
	case COL_PRIOR_TOTAL:
		return in->prior_total ? in->prior_total : "";
	case COL_PRIOR_STARS:
		if (in->prior_stars <= 0)
			return "";
		snprintf(stars, 4, "%d", in->prior_stars);
		return stars;
	default:
		return "";
	}
}

/* The header (in == NULL) or a product's intake row. */
static void write_row(struct pt *p, const struct ocop_intake *in)
{
	static const char *const appended[] = {"level", "prior_level", "prior_total", "prior_stars"};
	char stars[4];

	for (size_t i = 0; i < p->n; i++) {
		int k = i < p->nkind ? p->kind[i] : COL_KEEP;
		if (i)
			putc(',', p->out);
		emit_csv(p->out, !in || k == COL_KEEP ? p->fields[i] : cell(in, k, stars));
	}
	for (int a = 0; a < 4; a++)
		if (p->append[a]) {
			putc(',', p->out);
			emit_csv(p->out, in ? cell(in, COL_LEVEL + a, stars) : appended[a]);
		}
	putc('\n', p->out);
}

/* Reads the header: what each column becomes in the intake. */
static void header(struct pt *p)
{
	int seen[4] = {0};

	p->col_id = -1;
	p->kind = calloc(p->n + 1, 1);
	if (!p->kind) {
		p->oom = 1;
		return;
	}
	p->nkind = p->n;
	for (size_t i = 0; i < p->n; i++) {
		const char *f = p->fields[i];
		int fld;
		char *folded;
		if (i == 0 && strncmp(f, "\xEF\xBB\xBF", 3) == 0)
			f += 3;
		/* Header names as the reader takes them: trimmed, case-folded, Vietnamese aliases. */
		folded = colname_fold(f);
		fld = folded ? colname_parse(folded) : ocop_field_parse(f);
		free(folded);
		if (fld == OCOP_F_PRODUCT_ID)
			p->col_id = (int)i;
		if (fld == OCOP_F_LEVEL || fld == OCOP_F_PRIOR_LEVEL || fld == OCOP_F_PRIOR_TOTAL ||
		    fld == OCOP_F_PRIOR_STARS) {
			int a = fld == OCOP_F_LEVEL ? 0 : fld - OCOP_F_PRIOR_LEVEL + 1;
			p->kind[i] = (unsigned char)(COL_LEVEL + a);
			seen[a] = 1;
		} else if (fld < 0 || ocop_field_per_sheet(fld)) {   /* (COL_CRITERION, COL_POINTS < 0) */
			/* a criterion column, or a long file's criterion and points, or the member and
			 * who verified the sheet: the next council's sheets start blank */
			p->kind[i] = COL_BLANK;
		}
	}
	for (int a = 0; a < 4; a++)
		p->append[a] = !seen[a];
}

static void on_record(int c, void *data)
{
	struct pt *p = data;
	const struct ocop_intake *in;

	(void)c;
	if (p->record++ == 0) {
		header(p);
		if (p->with_header && !p->oom)
			write_row(p, NULL);
	} else if (p->col_id >= 0 && (size_t)p->col_id < p->n) {
		char *id = ocop_text_nfc(p->fields[p->col_id]);
		if ((in = p->keep(p->ctx, id ? id : p->fields[p->col_id])))
			write_row(p, in);
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
	while (rc == 0 && (n = fread(buf, 1, sizeof buf, in)) > 0) {
		if (p.record == 0 && p.n == 0 && !p.delim_set) {   /* the reader's delimiter rule */
			size_t skip = n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
			csv_set_delim(&parser, csv_detect_delim(buf + skip, n - skip));
			p.delim_set = 1;
		}
		if (csv_parse(&parser, buf, n, on_field, on_record, &p) != n)
			rc = ocop_err_set(err, OCOP_ESYNTAX, name, 0, 0, NULL, "malformed CSV");
	}
	if (rc == 0 && csv_fini(&parser, on_field, on_record, &p) != 0)
		rc = ocop_err_set(err, OCOP_ESYNTAX, name, 0, 0, NULL, "malformed CSV");
	if (rc == 0 && p.oom)
		rc = ocop_err_set(err, OCOP_ENOMEM, name, 0, 0, NULL, "out of memory");
	for (size_t i = 0; i < p.n; i++)
		free(p.fields[i]);
	free(p.fields);
	free(p.kind);
	csv_free(&parser);
	return rc;
}

/* Sets key to item (NULL: JSON null), in place when present. */
static int put(cJSON *o, const char *key, cJSON *item)
{
	if (!item)
		item = cJSON_CreateNull();
	if (!item)
		return -1;
	if (cJSON_GetObjectItemCaseSensitive(o, key))
		return cJSON_ReplaceItemInObjectCaseSensitive(o, key, item) ? 0 : -1;
	return cJSON_AddItemToObject(o, key, item) ? 0 : -1;
}

/* Writes one dossier object as a blank intake dossier if kept. */
static int object(cJSON *o, FILE *out, int ndjson, size_t *count, ocop_keep_fn keep, void *ctx)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "product_id");
	const struct ocop_intake *in;
	char *nfc, *text;

	if (!cJSON_IsString(id))
		return 0;
	nfc = ocop_text_nfc(id->valuestring);
	in = keep(ctx, nfc ? nfc : id->valuestring);
	free(nfc);
	if (!in)
		return 0;
	if (put(o, "level", cJSON_CreateString(in->level)) < 0 ||
	    put(o, "prior_level", in->prior_level ? cJSON_CreateString(in->prior_level) : NULL) < 0 ||
	    put(o, "prior_total", in->prior_total ? cJSON_CreateRaw(in->prior_total) : NULL) < 0 ||
	    put(o, "prior_stars", in->prior_stars > 0 ? cJSON_CreateNumber(in->prior_stars) : NULL) < 0 ||
	    put(o, "members", cJSON_CreateArray()) < 0)
		return -1;
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
