/* tests/unit/csv_agree.h — the CSV fast path against libcsv (src/io/csvsplit.h).
 *
 * csv_agree_delim(input, len, delim) reads the input four times, fields cut at delim, each time
 * recording every callback: once with one libcsv parser over all of it, then line by line through
 * csv_lines_feed three times: with the callback per field and a small field limit (long fields take
 * the libcsv path too), and with the one-pass index (csv_index_line), once with that limit and room
 * for few fields (wide lines take libcsv), once with the reader's limits. All must give the same
 * callbacks and the same verdict. And csv_cells_line reads each line without quotes or CRs as
 * csv_index_line cuts it, wherever its cells are.
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

/* A whole record at once (csv_lines.on_line), traced as its fields and its end. */
static void trace_line(struct csv_span *f, size_t n, void *ctx)
{
	for (size_t i = 0; i < n; i++)
		trace_field(f[i].s, f[i].len, ctx);
	trace_record('\n', ctx);
}

/* Reads input line by line through csv_lines_feed, into t, fields up to max bytes taking the fast
 * path; nspans > 0: through the one-pass index, with room for nspans fields. Returns 1 if read
 * without error. */
static int read_lines(const char *input, size_t len, char delim, size_t max, size_t nspans,
                      struct trace *t)
{
	struct csv_parser q;
	struct csv_span *spans = nspans ? malloc(nspans * sizeof *spans) : NULL;
	struct csv_lines l = {&q, max, trace_field, trace_record, t, 0, 0, 0, delim,
	                      nspans ? trace_line : NULL, spans, nspans, NULL, 0};
	char *copy = malloc(len + 1);   /* the index rewrites quoted fields in place */
	int ok = 1;

	if (!copy || (nspans && !spans))
		abort();
	if (len)
		memcpy(copy, input, len);
	trace_parser(&q, delim);
	/* as the reader does for a block without them: the lines are not searched one by one */
	l.plain = len > 0 && !memchr(copy, '"', len) && !memchr(copy, '\r', len);
	for (size_t at = 0, k; at < len && ok; at += k) {
		const char *nl = memchr(copy + at, '\n', len - at);
		k = nl ? (size_t)(nl - (copy + at)) + 1 : len - at;
		ok = csv_lines_feed(&l, copy + at, k) == k;
	}
	ok = ok && csv_fini(&q, trace_field, trace_record, t) == 0;
	csv_free(&q);
	free(copy);
	free(spans);
	return ok;
}

/* 1 if s[0..n) is empty or one or two digits: a cell csv_cells_line reads. */
static int small_cell(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n <= 2;
}

/* csv_cells_line on one line (in buf, without quotes or CRs) cut by csv_index_line into the nf
 * fields f: it reads the line exactly when cells lo..hi are small, and then gives the same fields
 * and the cells' values; with another number of fields it declines. */
static int cells_agree_on(const char *buf, size_t k, char delim, const struct csv_span *f,
                          size_t nf, size_t lo, size_t hi)
{
	struct csv_span g[64], h[64];
	unsigned char v[64], w[64];
	int expect = nf >= 2, got;

	for (size_t i = lo; i <= hi; i++)
		expect &= small_cell(f[i].s, f[i].len);
	got = csv_cells_line(buf, k, delim, 65536, nf, lo, hi, g, v);
	if (got != expect || csv_cells_line(buf, k, delim, 65536, nf + 1, lo, hi, h, w) ||
	    (nf > 2 && csv_cells_line(buf, k, delim, 65536, nf - 1, lo, hi < nf - 1 ? hi : nf - 2, h,
	                              w)))
		return 0;
	for (size_t i = 0; got && i < nf; i++) {
		if (i < lo || i > hi) {
			if (g[i].s != f[i].s || g[i].len != f[i].len)
				return 0;
		} else {
			unsigned want = f[i].len == 0 ? 0 :
			                f[i].len == 1 ? (unsigned)(f[i].s[0] - '0') + 1 :
			                (unsigned)((f[i].s[0] - '0') * 10 + f[i].s[1] - '0') + 1;
			if (v[i - lo] != want)
				return 0;
		}
	}
	return 1;
}

/* csv_cells_line against csv_index_line on every line of the input without quotes or CRs (up to 63
 * fields), with the cells at the start, the end, the middle, or all of the line. */
static int cells_agree(const char *input, size_t len, char delim)
{
	struct csv_span f[64];
	char *buf = malloc(len + 1);
	int ok = 1;

	if (!buf)
		abort();
	for (size_t at = 0, k; at < len && ok; at += k) {
		const char *nl = memchr(input + at, '\n', len - at);
		long nf;
		k = nl ? (size_t)(nl - (input + at)) + 1 : len - at;
		if (!nl || memchr(input + at, '"', k) || memchr(input + at, '\r', k))
			continue;
		memcpy(buf, input + at, k);
		nf = csv_index_line(buf, k, delim, 65536, 1, f, 63);
		if (nf < 1)
			continue;
		/* every choice on a short line; on a long one, a few of each kind */
		for (size_t lo = 0; lo < (size_t)nf && ok; lo++)
			for (size_t hi = lo; hi < (size_t)nf && ok; hi++)
				if (nf <= 8 || ((lo < 3 || lo == (size_t)nf / 2) &&
				                (hi + 2 >= (size_t)nf || hi == lo + 4 || hi == lo + 7)))
					ok = cells_agree_on(buf, k, delim, f, (size_t)nf, lo, hi);
	}
	free(buf);
	return ok;
}

static int same_trace(const struct trace *a, const struct trace *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->s, b->s, a->len) == 0);
}

/* 1 when the readings agree, with fields cut at delim (',', ';' or a tab): libcsv alone, the
 * line-by-line fast path, and the one-pass index. */
static int csv_agree_delim(const char *input, size_t len, char delim)
{
	struct trace whole = {0}, lines = {0}, indexed = {0}, wide = {0};
	struct csv_parser p;
	int ok_whole, ok_lines, ok_indexed, ok_wide, same;

	trace_parser(&p, delim);
	ok_whole = csv_parse(&p, input, len, trace_field, trace_record, &whole) == len &&
	           csv_fini(&p, trace_field, trace_record, &whole) == 0;
	ok_lines = read_lines(input, len, delim, 4, 0, &lines);
	ok_indexed = read_lines(input, len, delim, 4, 6, &indexed);
	ok_wide = read_lines(input, len, delim, 65536, 1025, &wide);
	/* After an error the readings may stop at different points of the same record; before it,
	 * and always when there is none, they give the same callbacks. */
	same = ok_whole == ok_lines && ok_whole == ok_indexed && ok_whole == ok_wide &&
	       (!ok_whole || (same_trace(&whole, &lines) && same_trace(&whole, &indexed) &&
	                      same_trace(&whole, &wide)));
	csv_free(&p);
	free(whole.s);
	free(lines.s);
	free(indexed.s);
	free(wide.s);
	return same && cells_agree(input, len, delim);
}

#endif
