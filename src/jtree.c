#include "jtree.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "ocop/read.h"

const char *json_skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

const char *json_value_end(const char *p, const char *end, int *too_deep, const char **at)
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

/* A new node at the end of t, its fields for the caller to set; -1 when out of memory. */
static int new_node(struct jtree *t)
{
	if (t->n == t->cap) {
		int cap = t->cap ? t->cap * 2 : 1024;
		struct jnode *v = realloc(t->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		t->v = v;
		t->cap = cap;
	}
	return t->n++;
}

/* Makes node i the last child of parent; *last is the child before it, or -1. */
static void adopt(struct jtree *t, int parent, int *last, int i)
{
	if (*last < 0)
		t->v[parent].child = i;
	else
		t->v[*last].next = i;
	*last = i;
}

/* The scanner: strict JSON whose strings have no escape and no control character and whose numbers
 * are integers of at most 9 digits, nested at most OCOP_MAX_JSON_DEPTH deep. Anything else, valid
 * or not, makes it give up so cJSON decides; within that form cJSON reads the same values (a
 * 9-digit integer is exact in a double), so the rules see the same tree either way. */
struct scan {
	struct jtree *t;
	const char *p, *end;
};

/* The string at s->p (its opening quote), as its text and length up to the closing quote. */
static int scan_string(struct scan *s, const char **str, int *len)
{
	const char *q = s->p + 1;

	while (q < s->end && *q != '"' && *q != '\\' && (unsigned char)*q >= 0x20)
		q++;
	if (q == s->end || *q != '"')
		return 0;
	*str = s->p + 1;
	*len = (int)(q - *str);
	s->p = q + 1;
	return 1;
}

static int scan_number(struct scan *s, double *num)
{
	const char *q = s->p + (*s->p == '-'), *digits = q;
	long v = 0;

	if (q < s->end && *q == '0')
		q++;
	else
		while (q < s->end && *q >= '0' && *q <= '9' && q - digits < 10)
			v = v * 10 + (*q++ - '0');
	if (q == digits || q - digits > 9)
		return 0;
	/* -0 stays negative, as strtod reads it. */
	*num = *s->p == '-' ? -(double)v : (double)v;
	s->p = q;
	return 1;
}

static int scan_word(struct scan *s, const char *word, size_t len)
{
	if ((size_t)(s->end - s->p) < len || memcmp(s->p, word, len) != 0)
		return 0;
	s->p += len;
	return 1;
}

static int scan_value(struct scan *s, const char *key, int klen, int depth);

/* The object or array at s->p and its items. */
static int scan_container(struct scan *s, const char *key, int klen, int depth)
{
	char close = *s->p == '{' ? '}' : ']';
	const char *k = NULL;
	int i, item, kl = 0, last = -1;

	if (depth > OCOP_MAX_JSON_DEPTH || (i = new_node(s->t)) < 0)
		return -1;
	s->t->v[i] = (struct jnode){close == '}' ? J_OBJECT : J_ARRAY, -1, -1, klen, 0, key, NULL, 0};
	s->p = json_skip_ws(s->p + 1, s->end);
	if (s->p < s->end && *s->p == close) {
		s->p++;
		return i;
	}
	for (;;) {
		if (close == '}') {
			if (s->p == s->end || *s->p != '"' || !scan_string(s, &k, &kl))
				return -1;
			s->p = json_skip_ws(s->p, s->end);
			if (s->p == s->end || *s->p != ':')
				return -1;
			s->p = json_skip_ws(s->p + 1, s->end);
		}
		if ((item = scan_value(s, k, kl, depth)) < 0)
			return -1;
		adopt(s->t, i, &last, item);
		s->p = json_skip_ws(s->p, s->end);
		if (s->p == s->end || (*s->p != ',' && *s->p != close))
			return -1;
		if (*s->p++ == close)
			return i;
		s->p = json_skip_ws(s->p, s->end);
	}
}

/* The value at s->p as a new node named key (NULL in an array); its index, or -1 to give up. */
static int scan_value(struct scan *s, const char *key, int klen, int depth)
{
	struct jnode n = {J_NUMBER, -1, -1, klen, 0, key, NULL, 0};
	int ok, i;

	if (s->p == s->end)
		return -1;
	switch (*s->p) {
	case '{':
	case '[':
		return scan_container(s, key, klen, depth + 1);
	case '"':
		n.type = J_STRING;
		ok = scan_string(s, &n.str, &n.len);
		break;
	case 't':
		n.type = J_TRUE;
		ok = scan_word(s, "true", 4);
		break;
	case 'f':
		n.type = J_FALSE;
		ok = scan_word(s, "false", 5);
		break;
	case 'n':
		n.type = J_NULL;
		ok = scan_word(s, "null", 4);
		break;
	default:
		ok = scan_number(s, &n.num);
		break;
	}
	if (!ok || (i = new_node(s->t)) < 0)
		return -1;
	s->t->v[i] = n;
	return i;
}

int jtree_scan_value(struct jtree *t, const char *p, const char *end, const char **stop)
{
	struct scan s = {t, p, end};

	t->n = 0;
	if (scan_value(&s, NULL, 0, 0) != 0)
		return 0;
	*stop = s.p;
	return 1;
}

void jtree_terminate(const struct jtree *t, char *text)
{
	for (int i = 0; i < t->n; i++) {
		const struct jnode *n = &t->v[i];
		if (n->key)
			text[n->key - text + n->klen] = '\0';
		if (n->type == J_STRING)
			text[n->str - text + n->len] = '\0';
	}
}

int jtree_scan(struct jtree *t, char *line, const char *p, const char *end)
{
	const char *stop;

	if (!jtree_scan_value(t, p, end, &stop) || json_skip_ws(stop, end) != end)
		return 0;
	jtree_terminate(t, line);
	return 1;
}

int jtree_from_cjson(struct jtree *t, const cJSON *c)
{
	int type = cJSON_IsObject(c) ? J_OBJECT : cJSON_IsArray(c) ? J_ARRAY
	         : cJSON_IsString(c) ? J_STRING : cJSON_IsNumber(c) ? J_NUMBER
	         : cJSON_IsTrue(c) ? J_TRUE : cJSON_IsFalse(c) ? J_FALSE : J_NULL;
	int i = new_node(t), item, last = -1;

	if (i < 0)
		return -1;
	t->v[i] = (struct jnode){type, -1, -1, 0, 0, c->string, c->valuestring, c->valuedouble};
	for (const cJSON *k = c->child; k; k = k->next) {
		if ((item = jtree_from_cjson(t, k)) < 0)
			return -1;
		adopt(t, i, &last, item);
	}
	return i;
}

