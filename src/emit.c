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
