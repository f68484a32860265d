/* tests/fuzz/fuzz_csvpaths.c — libFuzzer target: the CSV reader's fast paths agree with libcsv. Any
 * input is read with them and with libcsv alone (struct ocop_reading's libcsv_only); a CSV in
 * UTF-8 without quotes or carriage returns is also read with every line ending in CRLF (each line
 * then cut by the one-pass index instead of its cells read as numbers, csv_cells_line) and with
 * every field in quotes (the index's quoted path). Every reading must give the same verdict, the
 * same messages and the same dossiers. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "csvsplit.h"
#include "emit.h"
#include "ocop/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Appends to a growing text (the library's), or stops the run when memory is out. */
static void put(struct sb *t, const char *s, size_t n)
{
	sb_add(t, s, n);
	if (t->failed)
		abort();
}

/* What a reading gave, as text: the verdict, every message, every dossier's sheets. */
static void summary(const uint8_t *data, size_t size, int libcsv_only, struct sb *out)
{
	struct ocop_reading how = {0, NULL, libcsv_only};
	struct ocop_diags diags = {0};
	struct ocop_batch *b = NULL;
	struct ocop_err err = {0};
	char line[600];
	FILE *f = fmemopen((void *)data, size, "rb");
	int rc;

	if (!f)
		abort();
	if (ocop_batch_new(&b, fuzz_catalog(), NULL, &diags, &err) < 0)
		abort();
	rc = ocop_read_csv_with(b, f, "fuzz.csv", &how, &err);
	if (rc == 0)
		ocop_batch_finish(b);
	put(out, line, (size_t)snprintf(line, sizeof line, "rc %d %d %ld %ld %s\n", rc, err.code,
	                                err.line, err.col, err.msg));
	for (size_t i = 0; i < diags.n; i++)
		put(out, line, (size_t)snprintf(line, sizeof line, "diag %ld %ld %s\n", diags.v[i].line,
		                                diags.v[i].col, diags.v[i].msg));
	for (size_t i = 0; rc == 0 && i < ocop_batch_count(b); i++) {
		const struct ocop_dossier *d = ocop_batch_get(b, i);
		put(out, line, (size_t)snprintf(line, sizeof line, "dossier %s %s %zu %zu\n",
		                                d->meta[OCOP_F_PRODUCT_ID], d->set ? d->set->code : "-",
		                                d->nerrors, d->nmembers));
		for (size_t m = 0; m < d->nmembers; m++) {
			put(out, d->members[m].name, strlen(d->members[m].name) + 1);
			if (d->set)
				put(out, (const char *)d->members[m].points, d->set->nleaves);
		}
	}
	ocop_batch_free(b);
	ocop_diags_free(&diags);
	fclose(f);
}

static int same(const struct sb *a, const struct sb *b)
{
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sb crlf = {0}, quoted = {0}, a = {0}, b = {0}, c = {0}, l = {0};
	const char *s = (const char *)data;
	char delim;

	if (size == 0)
		return 0;               /* (fmemopen rejects an empty buffer on some libcs) */
	summary(data, size, 0, &a);
	summary(data, size, 1, &l);
	if (!same(&a, &l))
		__builtin_trap();
	/* The variants change bytes the reader looks at as a whole: the first ones (a byte order
	 * mark), and those it guesses an encoding from when a field is not UTF-8. */
	if (memchr(data, '"', size) || memchr(data, '\r', size) || data[0] == 0xEF ||
	    data[0] == 0xFE || data[0] == 0xFF || ocop_text_scan(data, size) < 0 ||
	    !ocop_utf8_valid(s, size)) {
		free(a.s), free(l.s);
		return 0;
	}
	delim = csv_detect_delim(s, size);
	for (size_t at = 0, k; at < size; at += k) {
		const char *nl = memchr(s + at, '\n', size - at);
		size_t n = nl ? (size_t)(nl - (s + at)) : size - at;   /* the line without its end */
		k = nl ? n + 1 : n;
		put(&crlf, s + at, n);
		if (nl)
			put(&crlf, "\r\n", 2);
		/* each field in quotes (a blank line stays blank: quoted, it would be one field) */
		for (size_t i = 0, start = 0; n > 0 && i <= n; i++)
			if (i == n || s[at + i] == delim) {
				put(&quoted, "\"", 1);
				put(&quoted, s + at + start, i - start);
				put(&quoted, "\"", 1);
				if (i < n)
					put(&quoted, &delim, 1);
				start = i + 1;
			}
		if (nl)
			put(&quoted, "\n", 1);
	}
	summary((const uint8_t *)crlf.s, crlf.len, 0, &b);
	summary((const uint8_t *)quoted.s, quoted.len, 0, &c);
	if (!same(&a, &b) || !same(&a, &c))
		__builtin_trap();
	free(crlf.s), free(quoted.s), free(a.s), free(b.s), free(c.s), free(l.s);
	return 0;
}
