/* tests/unit/csv_agree.h — the CSV fast path against libcsv (src/io/csvsplit.h).
 *
 * csv_agree_delim(input, len, delim) reads the input twice, fields cut at delim, each time
 * recording every callback: once with one libcsv parser over all of it, once line by line
 * through csv_lines_feed (with a small field limit, so long fields take the libcsv path too). Both must give the same callbacks and the same verdict.
 * Used by tests/unit/test_csvsplit.c and the fuzz target tests/fuzz/fuzz_csvsplit.c. */
#ifndef OCOP_CSV_AGREE_H
#define OCOP_CSV_AGREE_H

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "csvsplit.h"

struct trace {
	char *s;
	size_t len, cap;
};

static void trace_add(struct trace *t, const void *s, size_t n)
{
	if (t->len + n > t->cap) {
		size_t cap = t->cap ? t->cap : 256;
		while (cap < t->len + n)
			cap *= 2;
		if (!(t->s = realloc(t->s, cap)))
			abort();
		t->cap = cap;
	}
	memcpy(t->s + t->len, s, n);
	t->len += n;
}

/* A field as F, its length and its bytes; a record's end as R. */
static void trace_field(void *s, size_t len, void *ctx)
{
	trace_add(ctx, "F", 1);
	trace_add(ctx, &len, sizeof len);
	trace_add(ctx, s, len);
}

static void trace_record(int c, void *ctx)
{
	(void)c;
	trace_add(ctx, "R", 1);
}

static int trace_no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void trace_parser(struct csv_parser *p, char delim)
{
	if (csv_init(p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		abort();
	csv_set_space_func(p, trace_no_space);
	csv_set_delim(p, delim);
}

/* 1 when both readings agree, with fields cut at delim (',', ';' or a tab). */
static int csv_agree_delim(const char *input, size_t len, char delim)
{
	struct trace whole = {0}, lines = {0};
	struct csv_parser p, q;
	struct csv_lines l = {&q, 4, trace_field, trace_record, &lines, 0, 0, 0, delim};
	char *copy = malloc(len + 1);
	int ok_whole, ok_lines = 1, same;

	if (!copy)
		abort();
	if (len)
		memcpy(copy, input, len);
	trace_parser(&p, delim);
	ok_whole = csv_parse(&p, input, len, trace_field, trace_record, &whole) == len &&
	           csv_fini(&p, trace_field, trace_record, &whole) == 0;
	trace_parser(&q, delim);
	/* as the reader does for a block without them: the lines are not searched one by one */
	l.plain = len > 0 && !memchr(copy, '"', len) && !memchr(copy, '\r', len);
	for (size_t at = 0, k; at < len && ok_lines; at += k) {
		const char *nl = memchr(copy + at, '\n', len - at);
		k = nl ? (size_t)(nl - (copy + at)) + 1 : len - at;
		ok_lines = csv_lines_feed(&l, copy + at, k) == k;
	}
	ok_lines = ok_lines && csv_fini(&q, trace_field, trace_record, &lines) == 0;
	/* After an error the two may stop at different points of the same record; before it, and
	 * always when there is none, they give the same callbacks. */
	same = ok_whole == ok_lines &&
	       (!ok_whole || (whole.len == lines.len &&
	                      (whole.len == 0 || memcmp(whole.s, lines.s, whole.len) == 0)));
	csv_free(&p);
	csv_free(&q);
	free(whole.s);
	free(lines.s);
	free(copy);
	return same;
}

#endif
