#include "csvsplit.h"

#include <stdint.h>
#include <string.h>

/* 1 if no field of s[0..n) is longer than max. */
static int fields_fit(const char *s, size_t n, size_t max, char delim)
{
	const char *end = s + n, *comma;

	if (n <= max)
		return 1;
	for (; (comma = memchr(s, delim, (size_t)(end - s))); s = comma + 1)
		if ((size_t)(comma - s) > max)
			return 0;
	return (size_t)(end - s) <= max;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The delimiters among the eight bytes at p (delims: the delimiter in every byte) as the high bits
 * of their bytes, exactly: no carry crosses a byte. */
static inline unsigned long long delims_in(const char *p, unsigned long long delims)
{
	unsigned long long w, x;

	memcpy(&w, p, 8);
	x = w ^ delims;
	return ~(((x & 0x7F7F7F7F7F7F7F7FULL) + 0x7F7F7F7F7F7F7F7FULL) | x) & 0x8080808080808080ULL;
}
#endif

int csv_split_line(char *line, size_t len, size_t max_field, csv_field_fn on_field,
                   csv_record_fn on_record, void *ctx)
{
	return csv_split_line_delim(line, len, max_field, ',', on_field, on_record, ctx);
}

int csv_split_plain(char *line, size_t len, size_t max_field, csv_field_fn on_field,
                    csv_record_fn on_record, void *ctx)
{
	return csv_split_plain_delim(line, len, max_field, ',', on_field, on_record, ctx);
}

int csv_split_line_delim(char *line, size_t len, size_t max_field, char delim,
                         csv_field_fn on_field, csv_record_fn on_record, void *ctx)
{
	size_t n = len - 1;         /* without the '\n' */

	if (len == 0 || line[n] != '\n')
		return 0;
	if (n > 0 && line[n - 1] == '\r')
		n--;
	if (memchr(line, '"', n) || memchr(line, '\r', n))
		return 0;
	return csv_split_plain_delim(line, n + 1, max_field, delim, on_field, on_record, ctx);
}

/* (len: up to the '\n', or to the '\r' before it, + 1) */
int csv_split_plain_delim(char *line, size_t len, size_t max_field, char delim,
                          csv_field_fn on_field, csv_record_fn on_record, void *ctx)
{
	size_t n = len - 1;         /* without the '\n' */
	char *p, *start, *end;

	if (len == 0 || !fields_fit(line, n, max_field, delim))
		return 0;
	if (n == 0)
		return 1;           /* a blank line is no record */
	end = line + n;
	p = start = line;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* Eight bytes at a time: each comma (delimiter) of a word by its lowest set bit. */
	const unsigned long long delims = 0x0101010101010101ULL * (unsigned char)delim;
	for (; end - p >= 8; p += 8) {
		unsigned long long commas = delims_in(p, delims);
		for (; commas; commas &= commas - 1) {
			char *comma = p + (__builtin_ctzll(commas) >> 3);
			on_field(start, (size_t)(comma - start), ctx);
			start = comma + 1;
		}
	}
#endif
	for (; p < end; p++)
		if (*p == delim) {
			on_field(start, (size_t)(p - start), ctx);
			start = p + 1;
		}
	on_field(start, (size_t)(end - start), ctx);
	on_record('\n', ctx);
	return 1;
}

/* The fields of s[0..n), a line's text without '"' or '\r', into f (room for maxf; when checked
 * is 0, maxf > n, so every field fits). */
static inline long index_plain(char *s, size_t n, char delim, size_t max, struct csv_span *f,
                               size_t maxf, int checked)
{
	char *p = s, *start = s, *end = s + n;
	size_t k = 0;

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* Eight bytes at a time, as csv_split_plain_delim. */
	const unsigned long long delims = 0x0101010101010101ULL * (unsigned char)delim;
	for (; end - p >= 8; p += 8) {
		unsigned long long commas = delims_in(p, delims);
		for (; commas; commas &= commas - 1) {
			char *comma = p + (__builtin_ctzll(commas) >> 3);
			if (checked && k + 1 >= maxf)
				return -1;
			f[k].s = start;
			f[k++].len = (size_t)(comma - start);
			start = comma + 1;
		}
	}
#endif
	for (; p < end; p++)
		if (*p == delim) {
			if (checked && k + 1 >= maxf)
				return -1;
			f[k].s = start;
			f[k++].len = (size_t)(p - start);
			start = p + 1;
		}
	f[k].s = start;
	f[k++].len = (size_t)(end - start);
	if (n > max)
		for (size_t i = 0; i < k; i++)
			if (f[i].len > max)
				return -1;
	return (long)k;
}

/* The same for a line's text that holds quotes: each must open a field, or close it right before
 * a delimiter or the end, or be doubled inside a quoted field. Nothing is written to s until the
 * whole line is known to be so; then the doubled quotes are made one. */
static long index_quoted(char *s, size_t n, char delim, size_t max, struct csv_span *f,
                         size_t maxf)
{
	size_t i = 0, k = 0;
	int doubled = 0;

	for (;;) {
		char *e;
		size_t end;
		if (k == maxf)
			return -1;
		if (i < n && s[i] == '"') {
			size_t j = i + 1;
			for (;;) {      /* to the closing quote: one not followed by another */
				char *q = memchr(s + j, '"', n - j);
				if (!q)
					return -1;      /* still open at the line's end */
				j = (size_t)(q - s) + 1;
				if (j < n && s[j] == '"') {
					j++;
					doubled = 1;
					continue;
				}
				break;
			}
			if (j < n && s[j] != delim)
				return -1;              /* text after the closing quote */
			if (j - i - 2 > max)
				return -1;
			f[k].s = s + i + 1;
			f[k++].len = j - i - 2;
			if (j == n)
				break;
			i = j + 1;
			continue;
		}
		e = memchr(s + i, delim, n - i);
		end = e ? (size_t)(e - s) : n;
		if (end - i > max || memchr(s + i, '"', end - i))
			return -1;              /* a quote inside an unquoted field */
		f[k].s = s + i;
		f[k++].len = end - i;
		if (!e)
			break;
		i = end + 1;
	}
	for (size_t x = 0; doubled && x < k; x++) {
		char *r = f[x].s, *w, *fend = f[x].s + f[x].len;
		if (!memchr(r, '"', f[x].len))
			continue;
		for (w = r; r < fend; r++) {
			*w++ = *r;
			r += *r == '"';     /* the second of the pair */
		}
		f[x].len = (size_t)(w - f[x].s);
	}
	return (long)k;
}

long csv_index_line(char *s, size_t len, char delim, size_t max_field, int plain,
                    struct csv_span *f, size_t maxf)
{
	size_t n = len - 1;         /* without the '\n' */

	if (len == 0 || s[n] != '\n' || maxf == 0)
		return -1;
	if (n > 0 && s[n - 1] == '\r')
		n--;
	if (n == 0)
		return 0;               /* a blank line is no record */
	if (!plain) {
		if (memchr(s, '\r', n))
			return -1;
		if (memchr(s, '"', n))
			return index_quoted(s, n, delim, max_field, f, maxf);
	}
	return n < maxf ? index_plain(s, n, delim, max_field, f, maxf, 0)
	                : index_plain(s, n, delim, max_field, f, maxf, 1);
}

/* Fields i..to-1 of a plain line from p, each up to a delimiter (the last of the line up to end):
 * into f[i..to). Returns where the next field starts (end + 1 after the line's last field), or
 * NULL when the line has fewer fields or one longer than max. */
static const char *cut_fields(const char *p, const char *end, char delim, size_t max, size_t i,
                              size_t to, size_t nf, struct csv_span *f)
{
	for (; i < to; i++) {
		const char *e = i + 1 < nf ? memchr(p, delim, (size_t)(end - p)) : end;
		if (!e || (size_t)(e - p) > max)
			return NULL;
		f[i].s = (char *)(uintptr_t)p;
		f[i].len = (size_t)(e - p);
		p = e + 1;
	}
	return p;
}

/* Cells of one digit each followed by a delimiter ("3,1,0,2,"), four at a time: the eight bytes
 * at p, when their even bytes are digits and their odd bytes delimiters, give four values + 1,
 * stored at v; returns 0 (having stored nothing) otherwise. */
static int four_cells(const char *p, unsigned long long delims, unsigned char *v)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const unsigned long long lanes = 0x00FF00FF00FF00FFULL;
	unsigned long long w, d, z;
	unsigned out;

	memcpy(&w, p, 8);
	if ((w ^ delims) & ~lanes)
		return 0;               /* an odd byte is not the delimiter */
	d = (w & lanes) - 0x0030003000300030ULL;     /* a lane below '0' borrows into its high byte */
	if ((d | (d + 0x0076007600760076ULL)) & 0xFF80FF80FF80FF80ULL)
		return 0;               /* an even byte is not a digit */
	z = d + 0x0001000100010001ULL;
	out = (unsigned)((z & 0xFF) | ((z >> 8) & 0xFF00) | ((z >> 16) & 0xFF0000) |
	                 ((z >> 24) & 0xFF000000));
	memcpy(v, &out, 4);
	return 1;
#else
	(void)p, (void)delims, (void)v;
	return 0;
#endif
}

int csv_cells_line(const char *s, size_t len, char delim, size_t max_field, size_t nf, size_t lo,
                   size_t hi, struct csv_span *f, unsigned char *v)
{
	const char *p;

	if (len == 0 || s[len - 1] != '\n' || lo > hi || hi >= nf || nf < 2)
		return 0;               /* (one field: a blank line would read as one empty cell) */
	if (!(p = cut_fields(s, s + len - 1, delim, max_field, 0, lo, nf, f)))
		return 0;
	return csv_cells_rest(s, len, p, delim, max_field, nf, lo, hi, f, v);
}

int csv_cells_rest(const char *s, size_t len, const char *p, char delim, size_t max_field,
                   size_t nf, size_t lo, size_t hi, struct csv_span *f, unsigned char *v)
{
	const char *end;
	const unsigned long long delims = 0x0100010001000100ULL * (unsigned char)delim;
	size_t i = lo, last;

	if (len == 0 || s[len - 1] != '\n' || lo > hi || hi >= nf || nf < 2 || p < s ||
	    p > s + len - 1)
		return 0;
	end = s + len - 1;          /* the '\n': neither a digit nor a delimiter */
	/* Every cell but the line's last is followed by a delimiter; the line's '\n' stops a
	 * reading that would go past its end. */
	last = hi + 1 < nf ? hi + 1 : hi;
	while (i < last) {
		unsigned d0, d1, w = 0;
		if (i + 4 <= last && end - p >= 8 && four_cells(p, delims, v + (i - lo))) {
			i += 4;
			p += 8;
			continue;
		}
		/* From where four_cells stopped (a blank cell breaks its pattern), a cell at a time
		 * while each is one digit or none; one of two digits below. */
		for (; i < last; i++) {
			if ((d0 = (unsigned char)*p - (unsigned)'0') <= 9 && p[1] == delim)
				v[i - lo] = (unsigned char)(d0 + 1), p += 2;
			else if (*p == delim)
				v[i - lo] = 0, p++;
			else
				break;
		}
		if (i == last)
			break;
		if ((d0 = (unsigned char)*p - (unsigned)'0') <= 9) {
			w = d0 + 1;
			if ((d1 = (unsigned char)*++p - (unsigned)'0') <= 9) {
				w = d0 * 10 + d1 + 1;
				p++;
			}
		}
		if (*p != delim)
			return 0;           /* three digits or more, anything else, or the line's end */
		v[i - lo] = (unsigned char)w;
		p++;
		i++;
	}
	if (hi + 1 == nf) {         /* the line's last field is a cell: up to the '\n' */
		unsigned d0, d1, w = 0;
		if ((d0 = (unsigned char)*p - (unsigned)'0') <= 9) {
			w = d0 + 1;
			if ((d1 = (unsigned char)*++p - (unsigned)'0') <= 9) {
				w = d0 * 10 + d1 + 1;
				p++;
			}
		}
		v[hi - lo] = (unsigned char)w;
		return p == end;
	}
	if (!(p = cut_fields(p, end, delim, max_field, hi + 1, nf, nf, f)))
		return 0;
	/* (after the last field, cut_fields stepped past the end: nothing may be left but that) */
	return !memchr(f[nf - 1].s, delim, f[nf - 1].len);
}

size_t csv_lines_feed(struct csv_lines *l, char *s, size_t len)
{
	size_t n;
	char *q = s, delim = l->delim ? l->delim : ',';

	if (l->libcsv_only) {
		/* (the record's quotes are still counted below, as for any line libcsv reads) */
	} else if (l->on_line && !l->midrecord) {
		long k;
		if (l->plain && l->on_plain && l->on_plain(s, len, l->ctx))
			return len;
		k = csv_index_line(s, len, delim, l->max_field, l->plain, l->spans, l->maxspans);
		if (k > 0)
			l->on_line(l->spans, (size_t)k, l->ctx);
		if (k >= 0)
			return len;
	} else if (!l->midrecord && len > 0 && s[len - 1] == '\n' &&
	    (l->plain ? csv_split_plain_delim(s, len, l->max_field, delim, l->on_field,
	                                      l->on_record, l->ctx)
	              : csv_split_line_delim(s, len, l->max_field, delim, l->on_field, l->on_record,
	                                     l->ctx)))
		return len;
	n = csv_parse(l->p, s, len, l->on_field, l->on_record, l->ctx);
	/* Outside quotes, a line's end ends the record: libcsv is between records again when it
	 * has read an even number of quotes of the record by then. */
	while ((q = memchr(q, '"', len - (size_t)(q - s))))
		l->quotes ^= 1, q++;
	l->midrecord = len == 0 || s[len - 1] != '\n' || l->quotes;
	return n;
}

/* The delimiter a header line uses: the most frequent of ',', ';' and tab outside quotes (',' on
 * a tie). */
char csv_detect_delim(const char *s, size_t n)
{
	size_t count[3] = {0, 0, 0};
	int quoted = 0;

	for (size_t i = 0; i < n && (quoted || (s[i] != '\n' && s[i] != '\r')); i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted)
			count[0] += s[i] == ',', count[1] += s[i] == ';', count[2] += s[i] == '\t';
	}
	if (count[1] > count[0] && count[1] >= count[2])
		return ';';
	if (count[2] > count[0] && count[2] > count[1])
		return '\t';
	return ',';
}
