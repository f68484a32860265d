/* JSON dossiers: one object, an array of objects, or NDJSON (one object per line).
 *
 * Every value becomes a tree of compact nodes (jtree.h): an NDJSON line in the plain form exports
 * use is scanned in place, anything else goes through cJSON. One set of rules (dossier, members,
 * points) reads dossiers from those nodes. A light scanner splits the top-level array of a document
 * so each dossier knows its line and is parsed alone. */
#include "ocop/read.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jtree.h"
#include "ocop/encoding.h"
#include "ocop/i18n.h"
#include "ocop/text.h"

#define BLOCK (64 * 1024)

struct jr {
	struct ocop_batch *b;
	const char *name;
	struct ocop_err *err;
	long record;
	struct jtree t;
};

static int fatal(struct jr *j, int code, long line, long col, const char *msg)
{
	return ocop_err_set(j->err, code, j->name, line, col, NULL, "%s", msg);
}

/* The UTF-8 characters in [p, to): the bytes that are not continuation bytes (10xxxxxx), eight
 * at a time. */
static long chars(const char *p, const char *to)
{
	long n = to - p;
	uint64_t w;

	for (; to - p >= 8; p += 8) {
		memcpy(&w, p, 8);
		w &= ~(w << 1) & 0x8080808080808080u;     /* bit 7 of each byte: 10xxxxxx */
		n -= (long)(((w >> 7) * 0x0101010101010101u) >> 56);
	}
	for (; p < to; p++)
		n -= ((unsigned char)*p & 0xC0) == 0x80;
	return n;
}

/* Moves the position (line, col) over the text [p, to). */
static void advance(long *line, long *col, const char *p, const char *to)
{
	const char *nl;

	while ((nl = memchr(p, '\n', (size_t)(to - p)))) {
		++*line;
		*col = 1;
		p = nl + 1;
	}
	*col += chars(p, to);
}

static void where(long *line, long *col, const char *text, const char *at)
{
	*line = 1;
	*col = 1;
	advance(line, col, text, at);
}

/* The rules, on the nodes of one dossier; v is the tree's node array. */

/* The first item of object o named key, or NULL. */
static const struct jnode *item_of(const struct jnode *v, const struct jnode *o, const char *key)
{
	const struct jnode *k;

	for (k = jtree_child(v, o); k && (k->key[0] != key[0] || strcmp(k->key, key) != 0);
	     k = jtree_next(v, k))
		;
	return k;
}

/* Text of a metadata value: strings as they are, integers written out; a mean (prior_total) with
 * its two decimals. */
static const char *meta_text(const struct jnode *n, char *buf, size_t size, int f)
{
	if (n->type == J_STRING)
		return n->str;
	if (f == OCOP_F_PRIOR_TOTAL && n->type == J_NUMBER && n->num >= 0 && n->num <= 100) {
		double c = n->num * 100;
		if (c - (double)(long)(c + 0.5) > -1e-6 && c - (double)(long)(c + 0.5) < 1e-6) {
			long v = (long)(c + 0.5);
			snprintf(buf, size, "%ld.%02ld", v / 100, v % 100);
			return buf;
		}
	}
	/* (the range first: casting a double beyond long's range is undefined) */
	if (n->type == J_NUMBER && n->num > -1e15 && n->num < 1e15 && n->num == (double)(long)n->num) {
		snprintf(buf, size, "%ld", (long)n->num);
		return buf;
	}
	if (n->type == J_TRUE || n->type == J_FALSE)
		return n->type == J_TRUE ? "yes" : "no";
	return NULL;
}

static int dup_key(const struct jnode *v, const struct jnode *obj, const struct jnode *item)
{
	for (const struct jnode *o = jtree_child(v, obj); o != item; o = jtree_next(v, o))
		if (o->key[0] == item->key[0] && strcmp(o->key, item->key) == 0)
			return 1;
	return 0;
}

/* Member m's points; member is its index in "members", for messages. */
static void points(struct jr *j, struct ocop_dossier *d, int m, const struct jnode *v,
                   const struct jnode *pts, int member, struct ocop_loc *loc)
{
	const struct ocop_set *s = d->set;
	signed char *cells = d->members[m].points;
	int next = 0;

	for (const struct jnode *p = jtree_child(v, pts); p; p = jtree_next(v, p)) {
		/* The leaf after the one before, as exports list them, compared without a call. */
		int leaf = -1;
		if ((size_t)next < s->nleaves) {
			const char *id = s->criteria[s->leaves[next]].id, *key = p->key;
			while (*id && *id == *key)
				id++, key++;
			if (*id == *key)
				leaf = next;
		}
		if (leaf < 0)
			leaf = ocop_set_find_leaf(s, p->key);
		next = leaf + 1;
		/* A key given twice names the same criterion twice: set_points reports it. */
		if (leaf < 0) {
			ocop_batch_error(j->b, d, loc, p->key,
			                 "$.members[%d].points: criterion \"%s\" is not in set %s", member,
			                 p->key, d->set->code);
			continue;
		}
		if (p->type != J_NUMBER) {
			ocop_batch_cell_reject(j->b, d, m, leaf);
			if (p->type == J_STRING)
				ocop_batch_error(j->b, d, loc, p->key, "$.members[%d].points[\"%s\"]: points "
				                 "must be a number, not a string", member, p->key);
			else
				ocop_batch_error(j->b, d, loc, p->key, "$.members[%d].points[\"%s\"]: points "
				                 "must be a number, not another JSON type", member, p->key);
			continue;
		}
		/* A whole number of points takes the short path; others are shown with %.6g. */
		if (p->num >= 0 && p->num <= 100 && p->num == (double)(int)p->num) {
			/* ocop_batch_cell_points's usual case without a call: a first value that is
			 * an option */
			int pt = (int)p->num;
			if (cells[leaf] == -1 && pt < 64 &&
			    ((s->criteria[s->leaves[leaf]].valid >> pt) & 1))
				cells[leaf] = (signed char)pt;
			else
				ocop_batch_cell_points(j->b, d, m, leaf, pt, loc);
		} else
			ocop_batch_cell_number(j->b, d, m, leaf, p->num, loc);
	}
}

static int members(struct jr *j, struct ocop_dossier *d, const struct jnode *v,
                   const struct jnode *arr, struct ocop_loc *loc)
{
	const struct jnode *mem, *name, *pts;
	int i = 0;

	for (mem = jtree_child(v, arr); mem; mem = jtree_next(v, mem), i++) {
		const char *s;
		char *owned = NULL;
		int m;
		if (i >= OCOP_MAX_MEMBERS) {
			ocop_batch_error(j->b, d, loc, "members", "$.members[%d]: more than %d members", i,
			                 OCOP_MAX_MEMBERS);
			return 0;
		}
		if (mem->type != J_OBJECT || !(name = item_of(v, mem, "member")) ||
		    name->type != J_STRING || !(pts = item_of(v, mem, "points")) ||
		    pts->type != J_OBJECT) {
			ocop_batch_error(j->b, d, loc, "members",
			                 "$.members[%d]: expected {\"member\": \"…\", \"points\": {…}}", i);
			continue;
		}
		for (const struct jnode *k = jtree_child(v, mem); k; k = jtree_next(v, k))
			if (strcmp(k->key, "verified_by") == 0 && k->type != J_STRING && k->type != J_NULL)
				ocop_batch_error(j->b, d, loc, k->key,
				                 "$.members[%d].verified_by: expected a string", i);
			else if (strcmp(k->key, "member") != 0 && strcmp(k->key, "points") != 0 &&
			         strcmp(k->key, "verified_by") != 0)
				ocop_batch_error(j->b, d, loc, k->key, "$.members[%d]: unknown key \"%s\"", i,
				                 k->key);
		s = name->str;
		if (!ocop_text_is_nfc(s) && (owned = ocop_text_nfc(s)))
			s = owned;
		m = ocop_batch_member(j->b, d, s, 0, loc);
		free(owned);
		if (m < 0 && ocop_batch_broken(j->b, j->err))
			return -1;
		if (m >= 0 && (name = item_of(v, mem, "verified_by")) && name->type == J_STRING)
			ocop_batch_member_verified(j->b, d, m, name->str);
		if (m >= 0 && d->set)
			points(j, d, m, v, pts, i, loc);
	}
	return 0;
}

/* Why a dossier key cannot be used, or NULL if it can. */
static const char *key_problem(const struct jnode *v, const struct jnode *o,
                               const struct jnode *k, int f)
{
	char buf[24];

	if (f < 0 || ocop_field_per_sheet(f))
		return "unknown key";
	if (dup_key(v, o, k))
		return "key appears twice";
	if (f == OCOP_F_PRODUCT_ID && k->type != J_STRING)
		return "expected a string";
	if (k->type == J_ARRAY || k->type == J_OBJECT)
		return "expected a string";
	if (k->type == J_NUMBER && !meta_text(k, buf, sizeof buf, f))
		return "expected a string";     /* a number that is not a whole one */
	return NULL;
}

/* One dossier: the root of the tree whose nodes are v. Returns -1 when the input is not dossiers
 * at all (a fatal error). */
static int dossier(struct jr *j, const struct jnode *v, long line)
{
	const char *meta[OCOP_NFIELDS] = {0};
	char *owned[OCOP_NFIELDS] = {0}, num[OCOP_NFIELDS][24];
	struct ocop_loc loc = {j->name, line, ++j->record, 0, NULL, 0};
	const struct jnode *o = v, *mem = NULL, *k;
	struct ocop_dossier *d;

	if (o->type != J_OBJECT)
		return fatal(j, OCOP_ESYNTAX, line, 0, _("expected a JSON object (a dossier), or an "
		                                         "array of them"));
	for (k = jtree_child(v, o); k; k = jtree_next(v, k)) {
		int f = ocop_field_parse(k->key);
		if (strcmp(k->key, "members") == 0 && !dup_key(v, o, k))
			mem = k;
		else if (!key_problem(v, o, k, f) && k->type != J_NULL && !meta[f] &&
		         (meta[f] = meta_text(k, num[f], sizeof num[f], f)) && !ocop_text_is_nfc(meta[f]) &&
		         (owned[f] = ocop_text_nfc(meta[f])))
			meta[f] = owned[f];
	}
	/* The product gets the problems of its keys, so they show as its reason. */
	d = ocop_batch_product(j->b, meta, &loc);
	if (!d && ocop_batch_broken(j->b, j->err)) {
		for (int f = 0; f < OCOP_NFIELDS; f++)
			free(owned[f]);
		return -1;
	}
	for (k = jtree_child(v, o); k; k = jtree_next(v, k)) {
		int f = ocop_field_parse(k->key);
		const char *why = strcmp(k->key, "members") == 0
		                      ? (dup_key(v, o, k) ? "key appears twice" : NULL)
		                      : key_problem(v, o, k, f);
		if (why && strcmp(why, "unknown key") == 0 && d)
			ocop_batch_error(j->b, d, &loc, k->key, "product %s: unknown key \"%s\"",
			                 d->meta[OCOP_F_PRODUCT_ID], k->key);
		else if (why && strcmp(why, "unknown key") == 0)
			ocop_batch_error(j->b, d, &loc, k->key, "unknown key \"%s\"", k->key);
		else if (why && strcmp(why, "key appears twice") == 0 && d)
			ocop_batch_error(j->b, d, &loc, k->key, "product %s: key \"%s\" appears twice",
			                 d->meta[OCOP_F_PRODUCT_ID], k->key);
		else if (why && strcmp(why, "key appears twice") == 0)
			ocop_batch_error(j->b, d, &loc, k->key, "key \"%s\" appears twice", k->key);
		else if (why && k->type == J_NUMBER && f != OCOP_F_PRODUCT_ID)
			ocop_batch_error(j->b, d, &loc, k->key,
			                 "$.%s: expected a string or a whole number, not %.6g", k->key, k->num);
		else if (why && k->type == J_NUMBER)
			ocop_batch_error(j->b, d, &loc, k->key, "$.%s: expected a string, not a number",
			                 k->key);
		else if (why)
			ocop_batch_error(j->b, d, &loc, k->key, "$.%s: expected a string, not another JSON "
			                 "type", k->key);
	}
	if (d && (!mem || mem->type != J_ARRAY))
		ocop_batch_error(j->b, d, &loc, "members",
		                 "product %s: \"members\" must be an array of sheets",
		                 d->meta[OCOP_F_PRODUCT_ID]);
	else if (d && members(j, d, v, mem, &loc) < 0) {
		for (int f = 0; f < OCOP_NFIELDS; f++)
			free(owned[f]);
		return -1;
	}
	for (int f = 0; f < OCOP_NFIELDS; f++)
		free(owned[f]);
	return 0;
}

/* Reads the cJSON value o as a dossier. */
static int dossier_of(struct jr *j, const cJSON *o, long line)
{
	j->t.n = 0;
	if (jtree_from_cjson(&j->t, o) < 0)
		return ocop_err_set(j->err, OCOP_ENOMEM, j->name, 0, 0, NULL, "out of memory");
	return dossier(j, j->t.v, line);
}

/* "not valid UTF-8", and what the text's encoding looks like. */
static const char *encoding_hint(const char *text, size_t len, char *msg, size_t size)
{
	int e = ocop_encoding_guess(text, len < 65536 ? len : 65536, NULL, 0);

	if (e == OCOP_ENC_VNI)
		snprintf(msg, size, _("not valid UTF-8: it looks like VNI. %s"),
		         ocop_encoding_explain_vni());
	else if (e != OCOP_ENC_NONE)
		snprintf(msg, size, _("not valid UTF-8: the file looks like %s: give --encoding %s"),
		         ocop_encoding_label(e), ocop_encoding_option(e));
	else
		snprintf(msg, size, "%s", _("not valid UTF-8 (save the file as UTF-8, or name its "
		                            "encoding with --encoding, e.g. cp1258, tcvn3, viscii)"));
	return msg;
}

/* Rejects text that is not UTF-8 JSON, at the first offending byte; (line, col) is the position
 * of text's start. When more text follows (cut), a sequence the end may have cut is not judged. */
static int check_text(struct jr *j, const char *text, size_t len, long line, long col, int cut)
{
	const char *nul = memchr(text, '\0', len);
	size_t bad = ocop_utf8_check(text, nul ? (size_t)(nul - text) : len);
	char msg[512];

	if (len >= 2 && (((unsigned char)text[0] == 0xFF && (unsigned char)text[1] == 0xFE) ||
	                 ((unsigned char)text[0] == 0xFE && (unsigned char)text[1] == 0xFF)))
		return fatal(j, OCOP_ESYNTAX, 1, 0, _("the file is UTF-16; convert it to UTF-8"));
	if ((!nul && bad == len) || (cut && !nul && bad + 4 > len))
		return 0;
	advance(&line, &col, text, text + bad);
	if (nul && text + bad == nul)
		return fatal(j, OCOP_ESYNTAX, line, col, _("the file contains a NUL byte"));
	return fatal(j, OCOP_ESYNTAX, line, col, encoding_hint(text, len, msg, sizeof msg));
}

/* NDJSON is read a block at a time and a line used where it lies in the buffer, which holds a line
 * of OCOP_MAX_NDJSON_LINE bytes and a block: a longer line is rejected once seen, so memory never depends on
 * the input. */
struct lines {
	FILE *f;
	char *buf;           /* OCOP_MAX_NDJSON_LINE + BLOCK bytes */
	size_t start, end;   /* the bytes read but not yet returned */
	size_t seen;         /* [start, seen) has no newline */
	int eof;
};

/* The next line (newline kept) in *line; returns its length, more than OCOP_MAX_NDJSON_LINE for a line too
 * long (then not all of it is there), or -1 at the end. */
static long next_line(struct lines *r, char **line)
{
	for (;;) {
		char *s = r->buf + r->start, *nl = memchr(r->buf + r->seen, '\n', r->end - r->seen);
		size_t n = nl ? (size_t)(nl - s) + 1 : r->end - r->start, k;
		if (nl || n > OCOP_MAX_NDJSON_LINE || r->eof) {
			if (n == 0)
				return -1;
			r->start = r->seen = r->start + n;
			*line = s;
			return (long)n;
		}
		r->seen = r->end;
		/* The partial line moves to the front once a block is used up, so only the first blocks
		 * of the buffer are touched unless a line is long, and there is room for the next one. */
		if (r->start >= BLOCK || r->end > OCOP_MAX_NDJSON_LINE) {
			memmove(r->buf, s, n);
			r->start = 0;
			r->seen = r->end = n;
		}
		k = fread(r->buf + r->end, 1, BLOCK, r->f);
		r->end += k;
		r->eof = k < BLOCK;
	}
}

/* cJSON decodes \u0000 into a NUL byte, which would end the C string there ("A\u0000x" and
 * "A\u0000y" would both read "A"): the value's text [p, stop) is searched for it first. Returns
 * where the escape is, or NULL; *key is set to the key it belongs to (the string itself when it is
 * a key: then *is_key is 1). */
static const char *nul_escape(const char *p, const char *stop, char *key, size_t size, int *is_key)
{
	const char *s, *hit = NULL, *last = NULL;
	size_t lastlen = 0;

	for (; p < stop; p++) {
		if (*p != '"')
			continue;
		for (s = ++p; p < stop && *p != '"'; p++)
			if (*p == '\\' && p + 1 < stop) {
				if (!hit && p + 5 < stop && memcmp(p + 1, "u0000", 5) == 0)
					hit = p;
				p++;
			}
		/* the string [s, p) */
		const char *q = json_skip_ws(p + (p < stop), stop);
		int k = q < stop && *q == ':';
		if (hit) {
			const char *from = k ? s : last;
			size_t n = k ? (size_t)(p - s) : lastlen;
			*is_key = k;
			snprintf(key, size, "%.*s", (int)(n < size ? n : size - 1), from ? from : "");
			return hit;
		}
		if (k) {
			last = s;
			lastlen = (size_t)(p - s);
		}
	}
	return NULL;
}

/* Refuses a \u0000 in the value [p, stop) before cJSON reads it; (line, col) is the position of
 * base, the text p is in. */
static int refuse_nul(struct jr *j, const char *base, const char *p, const char *stop, long line,
                      long col)
{
	char key[64];
	int is_key = 0;
	const char *at = nul_escape(p, stop, key, sizeof key, &is_key);

	if (!at)
		return 0;
	advance(&line, &col, base, at);
	if (is_key)
		return ocop_err_set(j->err, OCOP_ESYNTAX, j->name, line, col, NULL,
		                    "the key \"%s\" holds \\u0000 (a NUL character), which no key or value "
		                    "may hold", key);
	return ocop_err_set(j->err, OCOP_ESYNTAX, j->name, line, col, NULL,
	                    "$.%s holds \\u0000 (a NUL character), which no key or value may hold", key);
}

/* A line the scanner gave up on, read as before: delimited, then parsed by cJSON. */
static int parse_line(struct jr *j, const char *line, const char *p, const char *end, long lineno)
{
	const char *at, *stop;
	long l, col;
	int deep, rc;
	cJSON *o;

	stop = json_value_end(p, end, &deep, &at);
	if (!stop || json_skip_ws(stop, end) != end) {
		where(&l, &col, line, deep ? at : p);
		return fatal(j, deep ? OCOP_ELIMIT : OCOP_ESYNTAX, lineno, deep ? col : 0,
		             deep ? _("JSON nested deeper than 32 levels")
		                  : _("malformed NDJSON: expected one JSON object on the line"));
	}
	if (refuse_nul(j, line, p, stop, lineno, 1) < 0)
		return -1;
	o = cJSON_ParseWithLengthOpts(p, (size_t)(stop - p), NULL, 0);
	if (!o)
		return fatal(j, OCOP_ESYNTAX, lineno, 0, _("malformed JSON"));
	rc = dossier_of(j, o, lineno);
	cJSON_Delete(o);
	return rc;
}

static int read_ndjson(struct jr *j, FILE *f)
{
	struct lines r = {f, malloc(OCOP_MAX_NDJSON_LINE + BLOCK), 0, 0, 0, 0};
	char *line;
	long n, lineno = 0;
	int rc = 0;

	if (!r.buf)
		return ocop_err_set(j->err, OCOP_ENOMEM, j->name, 0, 0, NULL, "out of memory");
	while (rc == 0 && (n = next_line(&r, &line)) >= 0) {
		const char *p = line, *end = line + n;
		lineno++;
		if (n > OCOP_MAX_NDJSON_LINE) {
			rc = fatal(j, OCOP_ELIMIT, lineno, 0, _("line longer than 1 MiB"));
			break;
		}
		if (lineno == 1 && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
			p += 3;
		if (check_text(j, p, (size_t)(end - p), lineno, 1, 0) < 0) {
			rc = -1;
			break;
		}
		p = json_skip_ws(p, end);
		if (p == end)
			continue;
		if (jtree_scan(&j->t, line, p, end))
			rc = dossier(j, j->t.v, lineno);
		else
			rc = parse_line(j, line, p, end, lineno);
	}
	if (rc == 0 && ferror(f))
		rc = ocop_err_set(j->err, OCOP_EIO, j->name, 0, 0, NULL, "read error: %s",
		                  ocop_strerror(errno));
	if (rc == 0 && j->record == 0)
		rc = fatal(j, OCOP_ESYNTAX, 0, 0, _("empty file (expected one JSON object per line)"));
	free(r.buf);
	return rc;
}

/* A JSON document (one dossier, or an array of them) is streamed too: the buffer holds the value
 * being read (at most OCOP_MAX_JSON_VALUE bytes) and a block, so memory never depends on the
 * input. Each value of the array is delimited, checked and read as soon as it is complete, with
 * the position of its first byte kept up to date as the text is used, never searched for. */
struct doc {
	struct jr *j;
	FILE *f;
	char *buf;
	size_t cap;          /* OCOP_MAX_JSON_VALUE + BLOCK */
	size_t start, end;   /* the bytes read but not yet used */
	int eof;
	long line, col;      /* the position of buf[start] */
};

/* Reads more: a block, or as much as is waiting when that is more (so a long value is scanned a
 * few times at most); 0 at the end of the input or when the buffer is full. */
static size_t more(struct doc *d)
{
	size_t pending = d->end - d->start, want, k;

	if (d->eof)
		return 0;
	if (d->start >= BLOCK || d->cap - d->end < BLOCK) {
		memmove(d->buf, d->buf + d->start, pending);
		d->start = 0;
		d->end = pending;
	}
	want = pending > BLOCK ? pending : BLOCK;
	if (want > d->cap - d->end)
		want = d->cap - d->end;
	if (want == 0)
		return 0;
	k = fread(d->buf + d->end, 1, want, d->f);
	d->end += k;
	d->eof = k < want;
	return k;
}

/* Uses the text up to at. */
static void take(struct doc *d, const char *at)
{
	advance(&d->line, &d->col, d->buf + d->start, at);
	d->start = (size_t)(at - d->buf);
}

/* A fatal error at `at` (in the buffer, at or after start), unless the text read so far is not
 * UTF-8 text: that is said first, as the likelier cause. */
static int doc_error(struct doc *d, int code, const char *at, const char *msg)
{
	long line = d->line, col = d->col;

	if (check_text(d->j, d->buf + d->start, d->end - d->start, line, col, !d->eof) < 0)
		return -1;
	advance(&line, &col, d->buf + d->start, at);
	return fatal(d->j, code, line, col, msg);
}

/* The next byte that is not whitespace (the whitespace used), or EOF. */
static int next_byte(struct doc *d)
{
	for (;;) {
		const char *p = d->buf + d->start, *e = d->buf + d->end, *q = json_skip_ws(p, e);
		take(d, q);
		if (q < e)
			return (unsigned char)*q;
		if (!more(d))
			return EOF;
	}
}

/* The value at the start of the buffer: delimited (read whole), checked, read as a dossier. */
static int doc_value(struct doc *d)
{
	struct jr *j = d->j;
	const char *at, *stop;
	char *p;
	int scanned, deep;
	long line, col;

	for (;;) {
		const char *e = d->buf + d->end;
		p = d->buf + d->start;
		/* The scanner takes the usual dossier whole; anything else is delimited for cJSON. */
		scanned = jtree_scan_value(&j->t, p, e, &stop);
		if (!scanned) {
			stop = json_value_end(p, e, &deep, &at);
			if (!stop && deep)
				return doc_error(d, OCOP_ELIMIT, at, _("JSON nested deeper than 32 levels"));
		}
		/* (A value that ends at the end of what is read may go on: a number, a word.) */
		if (stop && (stop < e || d->eof) && stop - p <= OCOP_MAX_JSON_VALUE)
			break;
		if (d->end - d->start > OCOP_MAX_JSON_VALUE)
			return doc_error(d, OCOP_ELIMIT, p, _("a dossier longer than 1 MiB (each value of an "
			                                    "array is read alone, up to 1 MiB)"));
		if (!more(d) && d->eof && !stop)
			return doc_error(d, OCOP_ESYNTAX, d->buf + d->end,
			                 _("malformed JSON: the text ends inside a value"));
	}
	line = d->line;
	col = d->col;
	if (check_text(j, p, (size_t)(stop - p), line, col, 0) < 0)
		return -1;
	if (scanned) {
		jtree_terminate(&j->t, p);
		take(d, stop);
		return dossier(j, j->t.v, line);
	}
	if (refuse_nul(j, p, p, stop, line, col) < 0)
		return -1;
	cJSON *o = cJSON_ParseWithLengthOpts(p, (size_t)(stop - p), &at, 0);
	if (!o || json_skip_ws(at, stop) != stop) {
		if (!o)
			at = cJSON_GetErrorPtr();
		cJSON_Delete(o);
		advance(&line, &col, p, at && at >= p && at <= stop ? at : p);
		return fatal(j, OCOP_ESYNTAX, line, col, _("malformed JSON"));
	}
	take(d, stop);
	int rc = dossier_of(j, o, line);
	cJSON_Delete(o);
	return rc;
}

static int read_document(struct jr *j, struct doc *d)
{
	int c;

	more(d);
	if (d->end >= 3 && memcmp(d->buf, "\xEF\xBB\xBF", 3) == 0)
		d->start = 3;   /* (the position counts from after it) */
	c = next_byte(d);
	if (c == EOF) {
		if (check_text(j, d->buf, d->end, 1, 1, 0) < 0)
			return -1;
		return fatal(j, OCOP_ESYNTAX, 1, 1, _("empty file (expected a JSON object or array)"));
	}
	if (c != '[' && c != '{')
		return doc_error(d, OCOP_ESYNTAX, d->buf + d->start,
		                 _("expected a JSON object (a dossier) or an array of them"));
	if (c == '{') {
		if (doc_value(d) < 0)
			return -1;
		if (next_byte(d) != EOF)
			return doc_error(d, OCOP_ESYNTAX, d->buf + d->start,
			                 _("malformed JSON: text after the value"));
		return 0;
	}
	take(d, d->buf + d->start + 1);
	c = next_byte(d);
	if (c == ']') {
		take(d, d->buf + d->start + 1);
	} else {
		for (;;) {
			if (c == EOF)
				return doc_error(d, OCOP_ESYNTAX, d->buf + d->end,
				                 _("malformed JSON: the array is not closed"));
			if (doc_value(d) < 0)
				return -1;
			c = next_byte(d);
			if (c != ',' && c != ']')
				return doc_error(d, OCOP_ESYNTAX, d->buf + d->start,
				                 _("malformed JSON: expected , or ] in the array"));
			take(d, d->buf + d->start + 1);
			if (c == ']')
				break;
			c = next_byte(d);
		}
	}
	if (next_byte(d) != EOF)
		return doc_error(d, OCOP_ESYNTAX, d->buf + d->start, _("malformed JSON: text after the array"));
	return 0;
}

int ocop_read_json(struct ocop_batch *b, FILE *f, const char *name, int ndjson,
                   struct ocop_err *err)
{
	struct jr j = {b, name, err, 0, {NULL, 0, 0}};
	int rc;

	if (ndjson) {
		rc = read_ndjson(&j, f);
		free(j.t.v);
		return rc;
	}
	struct doc d = {&j, f, malloc(OCOP_MAX_JSON_VALUE + BLOCK), OCOP_MAX_JSON_VALUE + BLOCK,
	                0, 0, 0, 1, 1};
	if (!d.buf)
		return ocop_err_set(err, OCOP_ENOMEM, name, 0, 0, NULL, "out of memory");
	rc = read_document(&j, &d);
	if (rc == 0 && ferror(f))
		rc = ocop_err_set(err, OCOP_EIO, name, 0, 0, NULL, "read error: %s", ocop_strerror(errno));
	free(d.buf);
	free(j.t.v);
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
	return ocop_read_with(b, f, name, format, NULL, err);
}

int ocop_read_with(struct ocop_batch *b, FILE *f, const char *name, int format,
                   const struct ocop_reading *how, struct ocop_err *err)
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
		return ocop_read_csv_with(b, f, name, how, err);
	return ocop_read_json(b, f, name, format == OCOP_IN_NDJSON, err);
}
