#include "emit.h"

#include <string.h>

#include "ocop/score.h"

void emit_csv(FILE *f, const char *s)
{
	if (!s)
		return;
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

void emit_json(FILE *f, const char *s)
{
	if (!s) {
		fputs("null", f);
		return;
	}
	putc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\r')
			fputs("\\r", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			putc(c, f);
	}
	putc('"', f);
}

/* Digits of v (not negative) written backwards ending at end; returns the first. */
static char *digits(char *end, unsigned long v)
{
	do
		*--end = (char)('0' + v % 10);
	while (v /= 10);
	return end;
}

void emit_int(FILE *f, long v)
{
	char buf[24], *p;

	buf[23] = '\0';
	p = digits(buf + 23, (unsigned long)(v < 0 ? -v : v));
	if (v < 0)
		*--p = '-';
	fputs(p, f);
}

/* As ocop_format_mean, without printf: this runs once per product and field. */
void emit_json_labels(FILE *f, const char *key, const char *vi, const char *en)
{
	fprintf(f, ",\"%s_vi\":", key);
	emit_json(f, vi);
	fprintf(f, ",\"%s_en\":", key);
	emit_json(f, en);
}

void emit_mean(FILE *f, long sum, int n)
{
	long c = ocop_mean_centi(sum, n);
	char buf[32], *p = buf + 31;

	*p = '\0';
	*--p = (char)('0' + (c < 0 ? -c : c) % 10);
	*--p = (char)('0' + (c < 0 ? -c : c) / 10 % 10);
	*--p = '.';
	p = digits(p, (unsigned long)((c < 0 ? -c : c) / 100));
	if (c < 0)
		*--p = '-';
	fputs(p, f);
}

void emit_pad(FILE *f, size_t used, size_t cols)
{
	for (; used < cols; used++)
		putc(' ', f);
}
