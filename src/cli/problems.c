/* Problems as data: validate -f json|ndjson writes each diagnostic as one JSON object, for batch
 * scripts (file, line, column, product, member, criterion, code, message). */
#include "problems.h"

#include <string.h>

#include "emit.h"
#include "ocop/dossier.h"
#include "ocop/i18n.h"

static const char *code_name(int code)
{
	static const char *const names[] = {"ok", "io", "syntax", "schema", "data", "limit",
	                                    "memory", "usage", "warning"};

	return code >= 0 && code < (int)(sizeof names / sizeof *names) ? names[code] : "error";
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
	const char *crit = e->criterion;

	/* The field a problem names is a criterion unless it is a dossier column. */
	if (!*crit && e->where[0] && e->where[0] != '$' && ocop_field_parse(e->where) < 0 &&
	    strcmp(e->where, "criterion") != 0)
		crit = e->where;
	fputs("{\"file\":", f);
	emit_json(f, e->file[0] ? e->file : NULL);
	number(f, "line", e->line);
	number(f, "column", e->col);
	field(f, "product", e->product);
	field(f, "member", e->member);
	field(f, "criterion", crit);
	field(f, "code", code ? code : code_name(e->code));
	field(f, "message", e->msg);
	putc('}', f);
}
