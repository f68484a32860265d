/* Problems as data: validate -f json|ndjson writes each diagnostic as one JSON object, for batch
 * scripts (file, line, column, product, member, criterion, code, message). */
#include "problems.h"

#include <string.h>

#include "emit.h"
#include "ocop/dossier.h"

static const char *code_name(int code)
{
	static const char *const names[] = {"ok", "io", "syntax", "schema", "data", "limit",
	                                    "memory", "usage", "warning"};

	return code >= 0 && code < (int)(sizeof names / sizeof *names) ? names[code] : "error";
}

/* The word after `key` in msg ("member TV2: …" gives TV2), into buf; NULL if msg has none. */
static const char *word_after(const char *msg, const char *key, char *buf, size_t size)
{
	const char *p = strstr(msg, key);
	size_t n;

	if (!p || (p > msg && p[-1] != ' '))
		return NULL;
	p += strlen(key);
	if (*p == '"')
		p++;
	n = strcspn(p, ":,;\" ");
	if (n == 0 || n >= size)
		return NULL;
	memcpy(buf, p, n);
	buf[n] = '\0';
	return buf;
}

static void field(FILE *f, const char *key, const char *value)
{
	fprintf(f, ",\"%s\":", key);
	emit_json(f, value && *value ? value : NULL);
}

static void number(FILE *f, const char *key, long v)
{
	if (v > 0)
		fprintf(f, ",\"%s\":%ld", key, v);
	else
		fprintf(f, ",\"%s\":null", key);
}

void problem_json(FILE *f, const struct ocop_err *e, const char *code)
{
	char member[64], criterion[64];
	const char *crit = NULL;

	/* The field a problem names is a criterion unless it is a dossier column. */
	if (e->where[0] && e->where[0] != '$' && ocop_field_parse(e->where) < 0 &&
	    strcmp(e->where, "criterion") != 0)
		crit = e->where;
	if (!crit)
		crit = word_after(e->msg, "criterion ", criterion, sizeof criterion);
	fputs("{\"file\":", f);
	emit_json(f, e->file[0] ? e->file : NULL);
	number(f, "line", e->line);
	number(f, "column", e->col);
	field(f, "product", e->product);
	field(f, "member", word_after(e->msg, "member ", member, sizeof member));
	field(f, "criterion", crit);
	field(f, "code", code ? code : code_name(e->code));
	field(f, "message", e->msg);
	putc('}', f);
}
