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

/* The word after `key` in msg ("member TV2: …" gives TV2), into buf; NULL if msg has none. An
 * occurrence of key inside a word, or ending the words `not_after`, does not count; when `strict`,
 * neither does one followed by a word in lower case that does not end at ':' or ',' (the next word
 * of a sentence, not a name like TV2 or Đặng). */
static const char *word_after(const char *msg, const char *key, const char *not_after, int strict,
                              char *buf, size_t size)
{
	size_t n = 0, k = not_after ? strlen(not_after) - strlen(key) : 0;
	const char *p, *w = NULL;

	for (p = strstr(msg, key); p; p = strstr(p + 1, key)) {
		if (p > msg && p[-1] != ' ')
			continue;
		if (not_after && (size_t)(p - msg) >= k && strncmp(p - k, not_after, strlen(not_after)) == 0)
			continue;
		w = p + strlen(key) + (p[strlen(key)] == '"');
		n = strcspn(w, ":,;\" ");
		if (!strict || w[n] == ':' || w[n] == ',' || (*w >= 'A' && *w <= 'Z') ||
		    (*w >= '0' && *w <= '9') || strncmp(w, "\xC4\x90", 2) == 0)
			break;
	}
	if (!p || n == 0 || n >= size)
		return NULL;
	memcpy(buf, w, n);
	buf[n] = '\0';
	return buf;
}

/* The word after `key` (English) or after its translation `tkey`: messages are in the language
 * chosen, and the translation is held to the stricter rule. */
static const char *word_after_any(const char *msg, const char *key, const char *tkey,
                                  const char *not_after, char *buf, size_t size)
{
	const char *w = word_after(msg, key, NULL, 0, buf, size);

	return w || strcmp(key, tkey) == 0 ? w : word_after(msg, tkey, not_after, 1, buf, size);
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
	/* TRANSLATORS: the words before a criterion id, a set code and a member's name in the
	 * messages (with the space after them): validate -f json finds the criterion and the member
	 * by them. */
	if (!crit)
		crit = word_after_any(e->msg, "criterion ", C_("in messages", "criterion "),
		                      C_("in messages", "criteria set "), criterion, sizeof criterion);
	fputs("{\"file\":", f);
	emit_json(f, e->file[0] ? e->file : NULL);
	number(f, "line", e->line);
	number(f, "column", e->col);
	field(f, "product", e->product);
	field(f, "member", word_after_any(e->msg, "member ", C_("in messages", "member "), NULL, member,
	                                  sizeof member));
	field(f, "criterion", crit);
	field(f, "code", code ? code : code_name(e->code));
	field(f, "message", e->msg);
	putc('}', f);
}
