/* JSON dossiers: one object, an array of objects, or NDJSON (one object per line), read with cJSON.
 * A light scanner splits the top-level array so each dossier knows its line and is parsed alone. */
#include "ocop/read.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ocop/text.h"

#define MAX_LINE (1024L * 1024)

struct jr {
	struct ocop_batch *b;
	const char *name;
	struct ocop_err *err;
	long record;
};

static int fatal(struct jr *j, int code, long line, long col, const char *msg)
{
	return ocop_err_set(j->err, code, j->name, line, col, NULL, "%s", msg);
}

static void where(long *line, long *col, const char *text, const char *at)
{
	*line = 1;
	*col = 1;
	for (const char *p = text; p < at; p++) {
		if (*p == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)*p & 0xC0) != 0x80) {
			++*col;
		}
	}
}

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* End of the JSON value starting at p (not validated, only delimited), or NULL if it does not end
 * or nests deeper than the limit. */
static const char *value_end(const char *p, const char *end, int *too_deep, const char **at)
{
	int depth = 0;

	*too_deep = 0;
	*at = p;
	do {
		if (p >= end)
			return NULL;
		if (*p == '"') {
			for (p++; p < end && *p != '"'; p++)
				if (*p == '\\')
					p++;
			if (p >= end)
				return NULL;
		} else if (*p == '{' || *p == '[') {
			if (++depth > OCOP_MAX_JSON_DEPTH) {
				*too_deep = 1;
				*at = p + 1;
				return NULL;
			}
		} else if (*p == '}' || *p == ']') {
			depth--;
		} else if (depth == 0) {
			while (p + 1 < end && !strchr(",]} \t\r\n", p[1]))
				p++;
		}
		p++;
	} while (depth > 0);
	return p;
}

static const char *path_key(char *buf, size_t size, const char *base, const char *key)
{
	snprintf(buf, size, "%s.%s", base, key);
	return buf;
}

/* Text of a metadata value: strings as they are, integers written out. */
static const char *meta_text(const cJSON *v, char *buf, size_t size)
{
	if (cJSON_IsString(v))
		return v->valuestring;
	if (cJSON_IsNumber(v) && v->valuedouble == (double)(long)v->valuedouble) {
		snprintf(buf, size, "%ld", (long)v->valuedouble);
		return buf;
	}
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v) ? "yes" : "no";
	return NULL;
}

static int dup_key(const cJSON *obj, const cJSON *item)
{
	for (const cJSON *o = obj->child; o != item; o = o->next)
		if (strcmp(o->string, item->string) == 0)
			return 1;
	return 0;
}

static void points(struct jr *j, struct ocop_dossier *d, int m, const cJSON *pts,
                   const char *path, struct ocop_loc *loc)
{
	const cJSON *p;
	int next = 0;

	cJSON_ArrayForEach(p, pts) {
		int leaf = ocop_set_find_leaf_near(d->set, p->string, next);
		next = leaf + 1;
		/* A key given twice names the same criterion twice: set_points reports it. */
		if (leaf < 0) {
			ocop_batch_error(j->b, d, loc, p->string,
			                 "%s: criterion \"%s\" is not in set %s", path, p->string,
			                 d->set->code);
			continue;
		}
		if (!cJSON_IsNumber(p)) {
			ocop_batch_cell_reject(j->b, d, m, leaf);
			ocop_batch_error(j->b, d, loc, p->string,
			                 "%s[\"%s\"]: points must be a number, not %s", path, p->string,
			                 cJSON_IsString(p) ? "a string" : "another JSON type");
			continue;
		}
		ocop_batch_cell_number(j->b, d, m, leaf, p->valuedouble, loc);
	}
}

static void members(struct jr *j, struct ocop_dossier *d, const cJSON *arr, struct ocop_loc *loc)
{
	const cJSON *mem;
	char path[96];
	int i = 0;

	cJSON_ArrayForEach(mem, arr) {
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(mem, "member");
		const cJSON *pts = cJSON_GetObjectItemCaseSensitive(mem, "points");
		char *owned = NULL;
		int m;
		snprintf(path, sizeof path, "$.members[%d]", i++);
		if (i > OCOP_MAX_MEMBERS) {
			ocop_batch_error(j->b, d, loc, "members", "%s: more than %d members", path,
			                 OCOP_MAX_MEMBERS);
			return;
		}
		if (!cJSON_IsObject(mem) || !cJSON_IsString(name) || !cJSON_IsObject(pts)) {
			ocop_batch_error(j->b, d, loc, "members",
			                 "%s: expected {\"member\": \"…\", \"points\": {…}}", path);
			continue;
		}
		for (const cJSON *k = mem->child; k; k = k->next)
			if (strcmp(k->string, "member") != 0 && strcmp(k->string, "points") != 0)
				ocop_batch_error(j->b, d, loc, k->string, "%s: unknown key \"%s\"", path,
				                 k->string);
		owned = ocop_text_nfc(name->valuestring);
		m = ocop_batch_member(j->b, d, owned ? owned : name->valuestring, 0, loc);
		free(owned);
		if (m >= 0 && d->set) {
			char p2[128];
			points(j, d, m, pts, path_key(p2, sizeof p2, path, "points"), loc);
		}
	}
}

/* Why a dossier key cannot be used, or NULL if it can. */
static const char *key_problem(const cJSON *o, const cJSON *k, int f)
{
	if (f < 0 || f == OCOP_F_MEMBER)
		return "unknown key";
	if (dup_key(o, k))
		return "key appears twice";
	if (f == OCOP_F_PRODUCT_ID && !cJSON_IsString(k))
		return "expected a string";
	if (!cJSON_IsNull(k) && !cJSON_IsString(k) && !cJSON_IsNumber(k) && !cJSON_IsBool(k))
		return "expected a string";
	return NULL;
}

/* One dossier object. Returns -1 when the input is not dossiers at all (a fatal error). */
static int dossier(struct jr *j, const cJSON *o, long line)
{
	const char *meta[OCOP_NFIELDS] = {0};
	char *owned[OCOP_NFIELDS] = {0}, num[OCOP_NFIELDS][24];
	struct ocop_loc loc = {j->name, line, ++j->record, 0, NULL};
	const cJSON *mem = NULL, *k;
	struct ocop_dossier *d;

	if (!cJSON_IsObject(o))
		return fatal(j, OCOP_ESYNTAX, line, 0, "expected a JSON object (a dossier), or an array "
		                                       "of them");
	for (k = o->child; k; k = k->next) {
		int f = ocop_field_parse(k->string);
		if (strcmp(k->string, "members") == 0 && !dup_key(o, k))
			mem = k;
		else if (!key_problem(o, k, f) && !cJSON_IsNull(k) && !meta[f] &&
		         (meta[f] = meta_text(k, num[f], sizeof num[f])) &&
		         (owned[f] = ocop_text_nfc(meta[f])))
			meta[f] = owned[f];
	}
	/* The product gets the problems of its keys, so they show as its reason. */
	d = ocop_batch_product(j->b, meta, &loc);
	for (k = o->child; k; k = k->next) {
		const char *why = strcmp(k->string, "members") == 0
		                      ? (dup_key(o, k) ? "key appears twice" : NULL)
		                      : key_problem(o, k, ocop_field_parse(k->string));
		if (why && strcmp(why, "unknown key") == 0)
			ocop_batch_error(j->b, d, &loc, k->string, "%s%s%sunknown key \"%s\"",
			                 d ? "product " : "", d ? d->meta[OCOP_F_PRODUCT_ID] : "",
			                 d ? ": " : "", k->string);
		else if (why && strcmp(why, "key appears twice") == 0)
			ocop_batch_error(j->b, d, &loc, k->string, "%s%s%skey \"%s\" appears twice",
			                 d ? "product " : "", d ? d->meta[OCOP_F_PRODUCT_ID] : "",
			                 d ? ": " : "", k->string);
		else if (why)
			ocop_batch_error(j->b, d, &loc, k->string, "$.%s: expected a string, not %s",
			                 k->string, cJSON_IsNumber(k) ? "a number" : "another JSON type");
	}
	if (d && !cJSON_IsArray(mem))
		ocop_batch_error(j->b, d, &loc, "members",
		                 "product %s: \"members\" must be an array of sheets",
		                 d->meta[OCOP_F_PRODUCT_ID]);
	else if (d)
		members(j, d, mem, &loc);
	for (int f = 0; f < OCOP_NFIELDS; f++)
		free(owned[f]);
	return 0;
}

/* Parses one delimited value that starts at text+off. */
static int parse_one(struct jr *j, const char *text, const char *start, const char *stop)
{
	const char *end = NULL;
	long line, col;
	cJSON *o = cJSON_ParseWithLengthOpts(start, (size_t)(stop - start), &end, 0);

	if (!o || skip_ws(end, stop) != stop) {
		const char *at = o ? end : cJSON_GetErrorPtr();
		cJSON_Delete(o);
		where(&line, &col, text, at && at >= start && at <= stop ? at : start);
		return fatal(j, OCOP_ESYNTAX, line, col, "malformed JSON");
	}
	where(&line, &col, text, start);
	col = dossier(j, o, line);
	cJSON_Delete(o);
	return (int)col;
}

static int parse_value(struct jr *j, const char *text, const char *p, const char *end,
                       const char **after)
{
	long line, col;
	int deep;
	const char *at, *stop = value_end(p, end, &deep, &at);

	if (!stop) {
		where(&line, &col, text, deep ? at : end);
		return fatal(j, deep ? OCOP_ELIMIT : OCOP_ESYNTAX, line, col,
		             deep ? "JSON nested deeper than 32 levels"
		                  : "malformed JSON: the text ends inside a value");
	}
	*after = stop;
	return parse_one(j, text, p, stop);
}

static int parse_document(struct jr *j, const char *text, size_t len)
{
	const char *end = text + len, *p = skip_ws(text, end), *after;
	long line, col;

	if (p == end)
		return fatal(j, OCOP_ESYNTAX, 1, 1, "empty file (expected a JSON object or array)");
	if (*p != '[' && *p != '{') {
		where(&line, &col, text, p);
		return fatal(j, OCOP_ESYNTAX, line, col,
		             "expected a JSON object (a dossier) or an array of them");
	}
	if (*p != '[') {
		if (parse_value(j, text, p, end, &after) < 0)
			return -1;
		p = skip_ws(after, end);
		if (p != end) {
			where(&line, &col, text, p);
			return fatal(j, OCOP_ESYNTAX, line, col, "malformed JSON: text after the value");
		}
		return 0;
	}
	p = skip_ws(p + 1, end);
	if (p < end && *p == ']')
		p++;
	while (p < end && p[-1] != ']') {
		if (parse_value(j, text, p, end, &after) < 0)
			return -1;
		p = skip_ws(after, end);
		if (p < end && (*p == ',' || *p == ']')) {
			p = *p == ',' ? skip_ws(p + 1, end) : p + 1;
			continue;
		}
		where(&line, &col, text, p);
		return fatal(j, OCOP_ESYNTAX, line, col, "malformed JSON: expected , or ] in the array");
	}
	if (p[-1] != ']' || skip_ws(p, end) != end) {
		where(&line, &col, text, p < end ? skip_ws(p, end) : end);
		return fatal(j, OCOP_ESYNTAX, line, col,
		             p[-1] != ']' ? "malformed JSON: the array is not closed"
		                          : "malformed JSON: text after the array");
	}
	return 0;
}

static char *slurp(FILE *f, size_t *len)
{
	size_t cap = 65536, n = 0, k;
	char *buf = malloc(cap), *nb;

	while (buf && (k = fread(buf + n, 1, cap - n, f)) > 0) {
		n += k;
		if (n == cap) {
			if (cap >= (size_t)OCOP_MAX_JSON_FILE) {
				free(buf);
				errno = EFBIG;
				return NULL;
			}
			nb = realloc(buf, cap *= 2);
			if (!nb)
				free(buf);
			buf = nb;
		}
	}
	*len = n;
	return buf;
}

/* Rejects text that is not UTF-8 JSON, at the first offending byte; line is that of text's start
 * (0 for a whole file). */
static int check_text(struct jr *j, const char *text, size_t len, long line)
{
	const char *nul = memchr(text, '\0', len);
	size_t bad = ocop_utf8_check(text, nul ? (size_t)(nul - text) : len);
	long l, col;

	if (len >= 2 && (((unsigned char)text[0] == 0xFF && (unsigned char)text[1] == 0xFE) ||
	                 ((unsigned char)text[0] == 0xFE && (unsigned char)text[1] == 0xFF)))
		return fatal(j, OCOP_ESYNTAX, 1, 0, "the file is UTF-16; convert it to UTF-8");
	if (!nul && bad == len)
		return 0;
	where(&l, &col, text, text + bad);
	if (line)
		l = line;
	if (nul && text + bad == nul)
		return fatal(j, OCOP_ESYNTAX, l, col, "the file contains a NUL byte");
	return fatal(j, OCOP_ESYNTAX, l, col,
	             "not valid UTF-8 (if the file is in Windows-1258 or TCVN3, convert it: "
	             "iconv -f WINDOWS-1258 -t UTF-8)");
}

/* Reads one line (newline kept) into buf, which holds MAX_LINE + 1 bytes: a longer line is cut
 * there, so memory never depends on the input. Returns its length, or -1 at the end. */
static ssize_t read_line(FILE *f, char *buf)
{
	size_t n = 0;
	int c = 0;

	while (n <= MAX_LINE && (c = getc_unlocked(f)) != EOF) {
		buf[n++] = (char)c;
		if (c == '\n')
			break;
	}
	return n == 0 && c == EOF ? -1 : (ssize_t)n;
}

static int read_ndjson(struct jr *j, FILE *f)
{
	char *line = malloc(MAX_LINE + 2);
	ssize_t n;
	long lineno = 0;
	int rc = 0;

	if (!line)
		return ocop_err_set(j->err, OCOP_ENOMEM, j->name, 0, 0, NULL, "out of memory");
	while (rc == 0 && (n = read_line(f, line)) >= 0) {
		const char *p = line, *end;
		lineno++;
		if (n > MAX_LINE) {
			rc = fatal(j, OCOP_ELIMIT, lineno, 0, "line longer than 1 MiB");
			break;
		}
		if (lineno == 1 && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
			p += 3;
		end = line + n;
		if (check_text(j, p, (size_t)(end - p), lineno) < 0) {
			rc = -1;
			break;
		}
		p = skip_ws(p, end);
		if (p == end)
			continue;
		const char *after, *at;
		int deep;
		const char *stop = value_end(p, end, &deep, &at);
		if (!stop || skip_ws(stop, end) != end) {
			long l, col;
			where(&l, &col, line, deep ? at : p);
			rc = fatal(j, deep ? OCOP_ELIMIT : OCOP_ESYNTAX, lineno, deep ? col : 0,
			           deep ? "JSON nested deeper than 32 levels"
			                : "malformed NDJSON: expected one JSON object on the line");
			break;
		}
		after = stop;
		cJSON *o = cJSON_ParseWithLengthOpts(p, (size_t)(after - p), NULL, 0);
		if (!o) {
			rc = fatal(j, OCOP_ESYNTAX, lineno, 0, "malformed JSON");
			break;
		}
		rc = dossier(j, o, lineno);
		cJSON_Delete(o);
	}
	if (rc == 0 && ferror(f))
		rc = ocop_err_set(j->err, OCOP_EIO, j->name, 0, 0, NULL, "read error: %s",
		                  strerror(errno));
	if (rc == 0 && j->record == 0)
		rc = fatal(j, OCOP_ESYNTAX, 0, 0, "empty file (expected one JSON object per line)");
	free(line);
	return rc;
}

int ocop_read_json(struct ocop_batch *b, FILE *f, const char *name, int ndjson,
                   struct ocop_err *err)
{
	struct jr j = {b, name, err, 0};
	size_t len;
	char *text;
	int rc;

	if (ndjson)
		return read_ndjson(&j, f);
	text = slurp(f, &len);
	if (!text)
		return ocop_err_set(err, errno == EFBIG ? OCOP_ELIMIT : OCOP_ENOMEM, name, 0, 0, NULL,
		                    errno == EFBIG ? "file larger than 256 MiB" : "out of memory");
	if (ferror(f)) {
		free(text);
		return ocop_err_set(err, OCOP_EIO, name, 0, 0, NULL, "read error: %s", strerror(errno));
	}
	const char *t = text;
	if (len >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0)
		t += 3, len -= 3;
	rc = check_text(&j, t, len, 0);
	if (rc == 0)
		rc = parse_document(&j, t, len);
	free(text);
	return rc;
}

int ocop_input_format_of(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (!dot)
		return OCOP_IN_AUTO;
	if (strcmp(dot, ".csv") == 0 || strcmp(dot, ".CSV") == 0)
		return OCOP_IN_CSV;
	if (strcmp(dot, ".json") == 0)
		return OCOP_IN_JSON;
	if (strcmp(dot, ".ndjson") == 0 || strcmp(dot, ".jsonl") == 0)
		return OCOP_IN_NDJSON;
	return OCOP_IN_AUTO;
}

int ocop_input_format_parse(const char *s)
{
	if (strcmp(s, "csv") == 0)
		return OCOP_IN_CSV;
	if (strcmp(s, "json") == 0)
		return OCOP_IN_JSON;
	if (strcmp(s, "ndjson") == 0 || strcmp(s, "jsonl") == 0)
		return OCOP_IN_NDJSON;
	return -1;
}

int ocop_read(struct ocop_batch *b, FILE *f, const char *name, int format, struct ocop_err *err)
{
	int c;

	if (format == OCOP_IN_AUTO)
		format = ocop_input_format_of(name);
	if (format == OCOP_IN_AUTO) {
		/* Guess from the first byte: JSON starts with { or [, anything else is CSV. */
		c = getc(f);
		while (c == ' ' || c == '\n' || c == '\r' || c == '\t')
			c = getc(f);
		if (c != EOF)
			ungetc(c, f);
		format = c == '[' ? OCOP_IN_JSON : c == '{' ? OCOP_IN_NDJSON : OCOP_IN_CSV;
	}
	if (format == OCOP_IN_CSV)
		return ocop_read_csv(b, f, name, err);
	return ocop_read_json(b, f, name, format == OCOP_IN_NDJSON, err);
}
