/* A wide-CSV dossier file as text cells, parsed with libcsv, edited in place, written back. */
#include "ocop/table.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "csverr.h"
#include "emit.h"

struct parse {
	struct ocop_table *t;
	char **rec;                 /* the record being read */
	size_t n, cap;
	long line, record;
	int failed;                 /* out of memory */
	int bad;                    /* a record of the wrong length */
	const char *name;
	struct ocop_err *err;
};

static int grow_rows(struct ocop_table *t)
{
	size_t cap;
	char ***v;

	if (t->nrows < t->caprows)
		return 0;
	cap = t->caprows ? t->caprows * 2 : 32;
	if (!(v = realloc(t->rows, cap * sizeof *v)))
		return -1;
	t->rows = v;
	t->caprows = cap;
	return 0;
}

static void on_field(void *s, size_t len, void *data)
{
	struct parse *p = data;
	char *copy;

	if (p->failed || p->bad)
		return;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		char **v = realloc(p->rec, cap * sizeof *v);
		if (!v) {
			p->failed = 1;
			return;
		}
		p->rec = v;
		p->cap = cap;
	}
	if (!(copy = malloc(len + 1))) {
		p->failed = 1;
		return;
	}
	if (len)
		memcpy(copy, s, len);
	copy[len] = '\0';
	p->rec[p->n++] = copy;
}

static void drop(struct parse *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->rec[i]);
	p->n = 0;
}

static void on_record(int c, void *data)
{
	struct parse *p = data;
	struct ocop_table *t = p->t;
	char **row;

	(void)c;
	p->record++;
	if (p->failed || p->bad) {
		drop(p);
		return;
	}
	if (p->record == 1) {
		t->cols = p->rec;
		t->ncols = p->n;
		p->rec = NULL;
		p->n = p->cap = 0;
		return;
	}
	if (p->n != t->ncols) {
		p->bad = 1;
		ocop_err_set(p->err, OCOP_ESYNTAX, p->name, p->line, 0, NULL,
		             "record %ld: %zu fields, but the header has %zu", p->record, p->n,
		             t->ncols);
		drop(p);
		return;
	}
	if (grow_rows(t) < 0 || !(row = malloc((t->ncols ? t->ncols : 1) * sizeof *row))) {
		p->failed = 1;
		drop(p);
		return;
	}
	memcpy(row, p->rec, t->ncols * sizeof *row);
	t->rows[t->nrows++] = row;
	p->n = 0;
}

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

int ocop_table_parse(struct ocop_table **out, const char *text, size_t len, const char *name,
                     struct ocop_err *err)
{
	struct ocop_table *t = calloc(1, sizeof *t);
	struct parse p = {.t = t, .name = name, .err = err, .line = 1};
	struct csv_parser csv;
	size_t at = 0;

	*out = NULL;
	if (!t || csv_init(&csv, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		free(t);
		return ocop_err_set(err, OCOP_ENOMEM, name, 0, 0, NULL, "out of memory");
	}
	csv_set_space_func(&csv, no_space);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		at = 3;
	/* One line at a time, so that a record knows where it is. */
	while (at < len && !p.failed && !p.bad) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (text + at)) + 1 : len - at;
		if (csv_parse(&csv, text + at, n, on_field, on_record, &p) != n) {
			ocop_err_set(err, OCOP_ESYNTAX, name, p.line, 0, NULL, "malformed CSV: %s",
			             csv_error_text(csv_error(&csv)));
			p.bad = 1;
		}
		at += n;
		p.line++;
	}
	if (!p.failed && !p.bad && csv_fini(&csv, on_field, on_record, &p) != 0) {
		ocop_err_set(err, OCOP_ESYNTAX, name, p.line, 0, NULL, "malformed CSV: %s",
		             csv_error_text(csv_error(&csv)));
		p.bad = 1;
	}
	csv_free(&csv);
	drop(&p);
	free(p.rec);
	if (p.failed || p.bad || !t->cols) {
		if (p.failed)
			ocop_err_set(err, OCOP_ENOMEM, name, 0, 0, NULL, "out of memory");
		else if (!p.bad)
			ocop_err_set(err, OCOP_ESYNTAX, name, 1, 0, NULL, "no header");
		ocop_table_free(t);
		return -1;
	}
	*out = t;
	return 0;
}

int ocop_table_new(struct ocop_table **out, const char *const *cols, size_t ncols,
                   struct ocop_err *err)
{
	struct ocop_table *t = calloc(1, sizeof *t);

	*out = NULL;
	if (!t || !(t->cols = calloc(ncols + 1, sizeof *t->cols)))
		goto nomem;
	for (; t->ncols < ncols; t->ncols++)
		if (!(t->cols[t->ncols] = strdup(cols[t->ncols])))
			goto nomem;
	*out = t;
	return 0;
nomem:
	ocop_table_free(t);
	return ocop_err_set(err, OCOP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
}

void ocop_table_free(struct ocop_table *t)
{
	if (!t)
		return;
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++)
			free(t->rows[r][c]);
		free(t->rows[r]);
	}
	for (size_t c = 0; c < t->ncols; c++)
		free(t->cols[c]);
	free(t->cols);
	free(t->rows);
	free(t);
}

int ocop_table_col(const struct ocop_table *t, const char *name)
{
	for (size_t c = 0; c < t->ncols; c++)
		if (strcmp(t->cols[c], name) == 0)
			return (int)c;
	return -1;
}

int ocop_table_add_col(struct ocop_table *t, const char *name)
{
	int c = ocop_table_col(t, name);
	char **cols, *copy;

	if (c >= 0)
		return c;
	/* Each row grows first, so that a failure leaves every row as long as the header. */
	for (size_t r = 0; r < t->nrows; r++) {
		char **row = realloc(t->rows[r], (t->ncols + 1) * sizeof *row);
		if (!row)
			return -1;
		t->rows[r] = row;
	}
	if (!(cols = realloc(t->cols, (t->ncols + 1) * sizeof *cols)))
		return -1;
	t->cols = cols;
	if (!(copy = strdup(name)))
		return -1;
	for (size_t r = 0; r < t->nrows; r++)
		if (!(t->rows[r][t->ncols] = strdup(""))) {
			while (r--)
				free(t->rows[r][t->ncols]);
			free(copy);
			return -1;
		}
	t->cols[t->ncols] = copy;
	return (int)t->ncols++;
}

const char *ocop_table_get(const struct ocop_table *t, size_t r, const char *col)
{
	int c = ocop_table_col(t, col);

	return c >= 0 && r < t->nrows ? t->rows[r][c] : "";
}

int ocop_table_set(struct ocop_table *t, size_t r, const char *col, const char *value)
{
	int c = ocop_table_col(t, col);
	char *copy;

	if (c < 0 && !value[0])
		return 0;               /* an empty cell of a column the file does not have */
	if (c < 0 && (c = ocop_table_add_col(t, col)) < 0)
		return -1;
	if (!(copy = strdup(value)))
		return -1;
	free(t->rows[r][c]);
	t->rows[r][c] = copy;
	return 0;
}

int ocop_table_insert(struct ocop_table *t, size_t at)
{
	char **row;

	if (grow_rows(t) < 0 || !(row = calloc(t->ncols + 1, sizeof *row)))
		return -1;
	for (size_t c = 0; c < t->ncols; c++)
		if (!(row[c] = strdup(""))) {
			while (c--)
				free(row[c]);
			free(row);
			return -1;
		}
	memmove(t->rows + at + 1, t->rows + at, (t->nrows - at) * sizeof *t->rows);
	t->rows[at] = row;
	t->nrows++;
	return 0;
}

long ocop_table_find(const struct ocop_table *t, const char *product, const char *member)
{
	int p = ocop_table_col(t, "product_id"), m = ocop_table_col(t, "member");

	for (size_t r = 0; p >= 0 && m >= 0 && r < t->nrows; r++)
		if (strcmp(t->rows[r][p], product) == 0 && strcmp(t->rows[r][m], member) == 0)
			return (long)r;
	return -1;
}

long ocop_table_last_of(const struct ocop_table *t, const char *product)
{
	int p = ocop_table_col(t, "product_id");
	long last = -1;

	for (size_t r = 0; p >= 0 && r < t->nrows; r++)
		if (strcmp(t->rows[r][p], product) == 0)
			last = (long)r;
	return last;
}

size_t ocop_table_count(const struct ocop_table *t, const char *product)
{
	int p = ocop_table_col(t, "product_id");
	size_t n = 0;

	for (size_t r = 0; p >= 0 && r < t->nrows; r++)
		n += strcmp(t->rows[r][p], product) == 0;
	return n;
}

static void add_line(struct sb *b, char *const *cells, size_t n)
{
	for (size_t c = 0; c < n; c++) {
		if (c)
			sb_putc(b, ',');
		sb_csv(b, cells[c]);
	}
}

char *ocop_table_csv(const struct ocop_table *t, size_t *len)
{
	struct sb b = {0};

	add_line(&b, t->cols, t->ncols);
	sb_putc(&b, '\n');
	for (size_t r = 0; r < t->nrows; r++) {
		add_line(&b, t->rows[r], t->ncols);
		sb_putc(&b, '\n');
	}
	if (b.failed) {
		sb_free(&b);
		return NULL;
	}
	sb_str(&b);
	*len = b.len;
	return b.s;
}

char *ocop_table_row_csv(const struct ocop_table *t, size_t r)
{
	struct sb b = {0};

	add_line(&b, t->rows[r], t->ncols);
	if (b.failed || !sb_str(&b)[0]) {
		char *s = b.failed ? NULL : strdup("");
		sb_free(&b);
		return s;
	}
	return b.s;
}
