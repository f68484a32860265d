#include "emit.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "ocop/score.h"

/* CSV meant for a spreadsheet (--bom): a field that starts with = + - @ tab or CR would be read as
 * a formula (CSV injection), so it gets a leading ' (OWASP's advice), which the spreadsheet shows
 * as text and hides. A number, negative ones included, stays a number. */
static int spreadsheet;

void emit_csv_spreadsheet(int on)
{
	spreadsheet = on;
}

int emit_csv_formula(const char *s)
{
	const char *p = s;

	if (!spreadsheet || !strchr("=+-@\t\r", *s) || !*s)
		return 0;
	if (*p == '-' || *p == '+')
		p++;
	if (*p < '0' || *p > '9')
		return 1;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.' && p[1] >= '0' && p[1] <= '9')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	if ((*p == 'e' || *p == 'E') && (p[1] == '-' || p[1] == '+'))
		p++;
	if ((*p == 'e' || *p == 'E' || *p == '-' || *p == '+') && p[1] >= '0' && p[1] <= '9')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	return *p != '\0';
}

void emit_csv(FILE *f, const char *s)
{
	if (!s)
		return;
	if (emit_csv_formula(s)) {
		char *q = malloc(strlen(s) + 2);
		if (q) {
			q[0] = '\'';
			strcpy(q + 1, s);
			emit_csv(f, q);
			free(q);
			return;
		}
		putc('\'', f);     /* (out of memory: the quote alone, the field as it is) */
	}
	if (!s[strcspn(s, ",\"\r\n")]) {
		fputs(s, f);
		return;
	}
	putc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

/* The bytes JSON strings escape: the quote, the backslash and the controls. */
static int json_escaped(unsigned char c)
{
	return c == '"' || c == '\\' || c < 0x20;
}

/* The escape of such a byte c, written in e (7 bytes); returns its length. */
static size_t json_escape(unsigned char c, char e[7])
{
	static const char hex[] = "0123456789abcdef";

	e[0] = '\\';
	switch (c) {
	case '"': case '\\':
		e[1] = (char)c;
		return 2;
	case '\n':
		e[1] = 'n';
		return 2;
	case '\r':
		e[1] = 'r';
		return 2;
	case '\t':
		e[1] = 't';
		return 2;
	}
	memcpy(e + 1, "u00", 3);
	e[4] = hex[c >> 4], e[5] = hex[c & 15];
	return 6;
}

void emit_json(FILE *f, const char *s)
{
	char e[7];

	if (!s) {
		fputs("null", f);
		return;
	}
	putc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (json_escaped(c)) {
			size_t n = json_escape(c, e);
			fwrite(e, 1, n, f);
		} else {
			putc(c, f);
		}
	}
	putc('"', f);
}

/* u's digits, at least `width` of them, written backwards ending at end; returns the first. */
static char *uint_text(char *end, unsigned long u, int width)
{
	char *last = end;

	do
		*--end = (char)('0' + u % 10);
	while (u /= 10);
	while (last - end < width)
		*--end = '0';
	return end;
}

/* v in the C locale, written backwards ending at end (which the caller NUL-terminates); returns
 * the first character. */
static char *int_text(char *end, long v)
{
	end = uint_text(end, v < 0 ? 0UL - (unsigned long)v : (unsigned long)v, 1);
	if (v < 0)
		*--end = '-';
	return end;
}

void emit_int(FILE *f, long v)
{
	char buf[24];

	buf[23] = '\0';
	fputs(int_text(buf + 23, v), f);
}

void emit_json_labels(FILE *f, const char *key, const char *vi, const char *en)
{
	fprintf(f, ",\"%s_vi\":", key);
	emit_json(f, vi);
	fprintf(f, ",\"%s_en\":", key);
	emit_json(f, en);
}

void emit_mean(FILE *f, long sum, int n)
{
	char buf[32];

	ocop_format_mean(buf, sizeof buf, sum, n);
	fputs(buf, f);
}

void emit_pad(FILE *f, size_t used, size_t cols)
{
	for (; used < cols; used++)
		putc(' ', f);
}

void sb_grow_add(struct sb *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		char *t;
		while (cap < b->len + n + 1)
			cap *= 2;
		if (b->failed || !(t = realloc(b->s, cap))) {
			b->failed = 1;
			return;
		}
		b->s = t;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
}

/* u's digits written forwards at o; returns the end. */
static char *digits(char *o, unsigned long u)
{
	int nd = 1;

	for (unsigned long t = u; t >= 10; t /= 10)
		nd++;
	for (int k = nd - 1; k >= 0; k--, u /= 10)
		o[k] = (char)('0' + u % 10);
	return o + nd;
}

/* (Both write in place when there is room: they run several times for every product.) */
void sb_int_any(struct sb *b, long v)
{
	char buf[24], *p, *o;

	if (b->len + 24 < b->cap) {
		o = b->s + b->len;
		if (v < 0)
			*o++ = '-';
		o = digits(o, v < 0 ? 0UL - (unsigned long)v : (unsigned long)v);
		b->len = (size_t)(o - b->s);
		return;
	}
	p = int_text(buf + sizeof buf, v);
	sb_add(b, p, (size_t)(buf + sizeof buf - p));
}

/* The conversion at fmt (just past a '%') if emit_vfmt writes it itself: 's', 'd', 'D' (%ld), 'Z'
 * (%02ld), 'U' (%lu, %zu) or '%', and its length; 0 otherwise. */
static char conversion(const char *fmt, size_t *len)
{
	*len = 1;
	switch (fmt[0]) {
	case 's':
	case 'd':
	case '%':
		return fmt[0];
	case 'l':
	case 'z':
		*len = 2;
		if (fmt[1] == 'd' && fmt[0] == 'l')
			return 'D';
		if (fmt[1] == 'u')
			return 'U';
		return 0;
	case '0':
		*len = 4;
		return fmt[1] == '2' && fmt[2] == 'l' && fmt[3] == 'd' ? 'Z' : 0;
	default:
		return 0;
	}
}

/* Puts n bytes of s at buf[at…], as far as size - 1 allows; returns at + n (the full length). */
static size_t put_cut(char *buf, size_t size, size_t at, const char *s, size_t n)
{
	if (at + 1 < size)
		memcpy(buf + at, s, at + n < size - 1 ? n : size - 1 - at);
	return at + n;
}

/* Puts u (-u when neg) at least `width` characters wide, sign included, zero-padded: as printf's
 * %0*ld. */
static size_t put_int(char *buf, size_t size, size_t at, int neg, unsigned long u, int width)
{
	char tmp[24], *p = uint_text(tmp + sizeof tmp, u, width - neg);

	if (neg)
		*--p = '-';
	return put_cut(buf, size, at, p, (size_t)(tmp + sizeof tmp - p));
}

int emit_vfmt(char *buf, size_t size, const char *fmt, va_list ap)
{
	const char *p = fmt, *q;
	size_t len, n = 0;

	for (q = fmt; (q = strchr(q, '%')); q += 1 + len)
		if (!conversion(q + 1, &len))
			return vsnprintf(buf, size, fmt, ap);
	while ((q = strchr(p, '%'))) {
		char c = conversion(q + 1, &len);
		long v;
		unsigned long u;

		n = put_cut(buf, size, n, p, (size_t)(q - p));
		switch (c) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			if (!s)
				s = "(null)";
			n = put_cut(buf, size, n, s, strlen(s));
			break;
		}
		case 'd':
		case 'D':
		case 'Z':
			v = c == 'd' ? va_arg(ap, int) : va_arg(ap, long);
			n = put_int(buf, size, n, v < 0, v < 0 ? 0UL - (unsigned long)v : (unsigned long)v,
			            c == 'Z' ? 2 : 1);
			break;
		case 'U':
			u = q[1] == 'z' ? (unsigned long)va_arg(ap, size_t) : va_arg(ap, unsigned long);
			n = put_int(buf, size, n, 0, u, 1);
			break;
		default:
			n = put_cut(buf, size, n, "%", 1);
		}
		p = q + 1 + len;
	}
	n = put_cut(buf, size, n, p, strlen(p));
	if (size)
		buf[n < size ? n : size - 1] = '\0';
	return n > INT_MAX ? -1 : (int)n;
}

int emit_fmt(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = emit_vfmt(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void sb_vfmt(struct sb *b, const char *fmt, va_list ap)
{
	char buf[256], *big;
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = emit_vfmt(buf, sizeof buf, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	if ((size_t)n < sizeof buf) {
		sb_add(b, buf, (size_t)n);
		return;
	}
	if (!(big = malloc((size_t)n + 1))) {
		b->failed = 1;
		return;
	}
	emit_vfmt(big, (size_t)n + 1, fmt, ap);
	sb_add(b, big, (size_t)n);
	free(big);
}

/* "00" to "99": two digits at a time. */
static const char two_digits[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

void sb_mean(struct sb *b, long sum, int n)
{
	char buf[32], *o;

	if (b->len + 32 < b->cap) {
		long c = n > 0 ? (sum * 200 + n) / (2L * n) : 0;  /* (ocop_mean_centi, inline) */
		unsigned long u = c < 0 ? 0UL - (unsigned long)c : (unsigned long)c, whole = u / 100;
		unsigned long frac = u - whole * 100;
		o = b->s + b->len;
		if (c < 0)
			*o++ = '-';
		if (whole < 10) {       /* a criterion's mean, a part's or a total: few digits */
			*o++ = (char)('0' + whole);
		} else if (whole < 100) {
			memcpy(o, two_digits + 2 * whole, 2);
			o += 2;
		} else {
			o = digits(o, whole);
		}
		*o++ = '.';
		memcpy(o, two_digits + 2 * frac, 2);
		o += 2;
		b->len = (size_t)(o - b->s);
		return;
	}
	sb_add(b, buf, ocop_format_mean(buf, sizeof buf, sum, n));
}

/* Splits fmt into t: 0, or -1 when it has a conversion sb_tplf does not write, or too many. */
static int tpl_split(struct sb_tpl *t, const char *fmt)
{
	const char *p = fmt, *q;
	size_t len;
	int n = 0;

	while ((q = strchr(p, '%'))) {
		char c = conversion(q + 1, &len);
		if (!c || n == SB_TPL_CONV || (size_t)(q - fmt) > USHRT_MAX || (size_t)(q - p) > USHRT_MAX)
			return -1;
		if (c == 'U')
			c = q[1] == 'z' ? 'z' : 'L';
		t->at[n] = (unsigned short)(p - fmt);
		t->len[n] = (unsigned short)(q - p);
		t->conv[n++] = c;
		p = q + 1 + len;
	}
	len = strlen(p);
	if ((size_t)(p - fmt) > USHRT_MAX || len > USHRT_MAX)
		return -1;
	t->at[n] = (unsigned short)(p - fmt);
	t->len[n] = (unsigned short)len;
	return n;
}

int sb_tpl_split(struct sb_tpl *t, const char *fmt)
{
	if (t->fmt != fmt) {
		t->n = tpl_split(t, fmt);
		t->fmt = fmt;
	}
	return t->n;
}

/* u (-u when neg) at least width characters wide, zero-padded, appended. */
static void sb_uint(struct sb *b, int neg, unsigned long u, int width)
{
	char tmp[24], *p = uint_text(tmp + sizeof tmp, u, width - neg);

	if (neg)
		*--p = '-';
	sb_add(b, p, (size_t)(tmp + sizeof tmp - p));
}

void sb_tplf(struct sb *b, struct sb_tpl *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (sb_tpl_split(t, fmt) < 0) {
		sb_vfmt(b, fmt, ap);
		va_end(ap);
		return;
	}
	for (int i = 0; i < t->n; i++) {
		long v;
		sb_add(b, fmt + t->at[i], t->len[i]);
		switch (t->conv[i]) {
		case 's': {
			const char *s = va_arg(ap, const char *);
			sb_puts(b, s ? s : "(null)");
			break;
		}
		case 'd':
		case 'D':
		case 'Z':
			v = t->conv[i] == 'd' ? va_arg(ap, int) : va_arg(ap, long);
			sb_uint(b, v < 0, v < 0 ? 0UL - (unsigned long)v : (unsigned long)v,
			        t->conv[i] == 'Z' ? 2 : 1);
			break;
		case 'L':
			sb_uint(b, 0, va_arg(ap, unsigned long), 1);
			break;
		case 'z':
			sb_uint(b, 0, (unsigned long)va_arg(ap, size_t), 1);
			break;
		default:
			sb_putc(b, '%');
		}
	}
	sb_add(b, fmt + t->at[t->n], t->len[t->n]);
	va_end(ap);
}

void sb_csv(struct sb *b, const char *s)
{
	size_t n;
	const char *q;

	if (!s || !*s)
		return;                 /* (an empty field is nothing, quoted or not) */
	n = strcspn(s, ",\"\r\n");
	if (emit_csv_formula(s)) {
		if (!s[n]) {
			sb_putc(b, '\'');
			sb_add(b, s, n);
			return;
		}
		sb_putc(b, '"');
		sb_putc(b, '\'');
		for (; *s; s++) {
			if (*s == '"')
				sb_putc(b, '"');
			sb_putc(b, *s);
		}
		sb_putc(b, '"');
		return;
	}
	if (!s[n]) {
		sb_add(b, s, n);
		return;
	}
	/* quoted: each run up to a quote, the quote doubled */
	sb_putc(b, '"');
	while ((q = strchr(s, '"'))) {
		sb_add(b, s, (size_t)(q - s) + 1);
		sb_putc(b, '"');
		s = q + 1;
	}
	sb_puts(b, s);
	sb_putc(b, '"');
}

/* The bytes that end a field's plain run: NUL, and those a CSV field is quoted for. */
static const unsigned char csv_stop[256] = {[0] = 1, [','] = 1, ['"'] = 1, ['\r'] = 1, ['\n'] = 1};

void sb_csv_short(struct sb *b, const char *s)
{
	if (s && !spreadsheet && b->len + 17 < b->cap) {
		char *o = b->s + b->len;
		size_t n = 0;
		unsigned char c;
		while (n < 16 && !csv_stop[c = (unsigned char)s[n]])
			o[n++] = (char)c;
		if (!s[n]) {
			b->len += n;
			return;
		}
	}
	sb_csv(b, s);
}

void sb_json_n(struct sb *b, const char *s, size_t n)
{
	size_t i = 0, j, k;
	char e[7];

	sb_putc(b, '"');
	for (;;) {
		for (j = i; j < n && !json_escaped((unsigned char)s[j]); j++)
			;
		sb_add(b, s + i, j - i);
		if (j == n)
			break;
		k = json_escape((unsigned char)s[j], e);
		sb_add(b, e, k);
		i = j + 1;
	}
	sb_putc(b, '"');
}

void sb_json(struct sb *b, const char *s)
{
	if (!s)
		sb_add(b, "null", 4);
	else
		sb_json_n(b, s, strlen(s));
}

const char *sb_str(struct sb *b)
{
	if (!b->s)
		return "";
	b->s[b->len] = '\0';
	return b->s;
}

void sb_free(struct sb *b)
{
	free(b->s);
	*b = (struct sb){0};
}
