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

/* Room for one more node in t; -1 when out of memory. */
static int grow(struct jtree *t)
{
	int cap = t->cap ? t->cap * 2 : 1024;
	struct jnode *v = realloc(t->v, (size_t)cap * sizeof *v);

	if (!v)
		return -1;
	t->v = v;
	t->cap = cap;
	return 0;
}

/* A new node at the end of t, its fields for the caller to set; -1 when out of memory. */
static int new_node(struct jtree *t)
{
	if (t->n == t->cap && grow(t) < 0)
		return -1;
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

/* Whitespace skipped, the usual case (none) decided by one comparison. */
static inline const char *skip_ws(const char *p, const char *end)
{
	return p < end && (unsigned char)*p > ' ' ? p : json_skip_ws(p, end);
}

/* The string whose opening quote is at p: its text and length up to the closing quote; returns
 * the byte after it, or NULL when it does not end before end or holds an escape or a control
 * character. */
/* 1 for the bytes that end a string's plain text: the quote, a backslash, a control character. */
static const unsigned char string_stop[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1};

static const char *scan_string(const char *p, const char *end, const char **str, int *len)
{
	const char *q = p + 1;

	while (q < end && !string_stop[(unsigned char)*q])
		q++;
	if (q == end || *q != '"')
		return NULL;
	*str = p + 1;
	*len = (int)(q - *str);
	return q + 1;
}

/* An integer of at most 9 digits at p ("0" or no leading zero; no fraction, no exponent);
 * returns the byte after it, or NULL. */
static const char *scan_number(const char *p, const char *end, double *num)
{
	const char *q = p + (*p == '-'), *digits = q;
	long v = 0;

	/* the usual points: one digit, then not a digit */
	if (q == p && end - q >= 2 && (unsigned)(*q - '0') <= 9 && (unsigned)(q[1] - '0') > 9) {
		*num = (double)(*q - '0');
		return q + 1;
	}
	if (q < end && *q == '0')
		q++;
	else
		while (q < end && *q >= '0' && *q <= '9' && q - digits < 10)
			v = v * 10 + (*q++ - '0');
	if (q == digits || q - digits > 9)
		return NULL;
	/* -0 stays negative, as strtod reads it. */
	*num = *p == '-' ? -(double)v : (double)v;
	return q;
}

static const char *scan_word(const char *p, const char *end, const char *word, size_t len)
{
	if ((size_t)(end - p) < len || memcmp(p, word, len) != 0)
		return NULL;
	return p + len;
}

/* The scanner: strict JSON whose strings have no escape and no control character and whose numbers
 * are integers of at most 9 digits, nested at most OCOP_MAX_JSON_DEPTH deep. Anything else, valid
 * or not, makes it give up so cJSON decides; within that form cJSON reads the same values (a
 * 9-digit integer is exact in a double), so the rules see the same tree either way. One loop over
 * the text with its own stack of open containers makes a node per value in the order of the text
 * (a container before its items). */
int jtree_scan_value(struct jtree *t, const char *p, const char *end, const char **stop)
{
	struct open {
		int node, last;         /* the container, and its last item so far (-1: none) */
		char close;             /* '}' or ']' */
	} st[OCOP_MAX_JSON_DEPTH];
	int depth = 0, klen = 0, i;
	const char *key = NULL;
	struct jnode *n;

	t->n = 0;
value:
	/* a value at p, named key in its object (NULL in an array or at the top) */
	if (p == end || (t->n == t->cap && grow(t) < 0))
		return 0;
	i = t->n++;
	n = &t->v[i];
	n->child = n->next = -1;
	n->key = key;
	n->klen = klen;
	n->str = NULL;
	n->len = 0;
	n->num = 0;
	if (depth > 0) {
		struct open *o = &st[depth - 1];
		if (o->last < 0)
			t->v[o->node].child = i;
		else
			t->v[o->last].next = i;
		o->last = i;
	}
	switch (*p) {
	case '{':
	case '[':
		if (depth == OCOP_MAX_JSON_DEPTH)
			return 0;
		n->type = *p == '{' ? J_OBJECT : J_ARRAY;
		st[depth++] = (struct open){i, -1, *p == '{' ? '}' : ']'};
		p = skip_ws(p + 1, end);
		if (p < end && *p == st[depth - 1].close) {
			p++;
			depth--;
			goto after;
		}
		if (st[depth - 1].close == '}')
			goto member;
		key = NULL;
		klen = 0;
		goto value;
	case '"':
		n->type = J_STRING;
		p = scan_string(p, end, &n->str, &n->len);
		break;
	case 't':
		n->type = J_TRUE;
		p = scan_word(p, end, "true", 4);
		break;
	case 'f':
		n->type = J_FALSE;
		p = scan_word(p, end, "false", 5);
		break;
	case 'n':
		n->type = J_NULL;
		p = scan_word(p, end, "null", 4);
		break;
	default:
		n->type = J_NUMBER;
		p = scan_number(p, end, &n->num);
		break;
	}
	if (!p)
		return 0;
after:
	/* a value has ended: what follows it in its container, or the end of the top value */
	if (depth == 0) {
		*stop = p;
		return 1;
	}
	p = skip_ws(p, end);
	if (p == end)
		return 0;
	if (*p == st[depth - 1].close) {
		p++;
		depth--;
		goto after;
	}
	if (*p != ',')
		return 0;
	p = skip_ws(p + 1, end);
	if (st[depth - 1].close == ']') {
		key = NULL;
		klen = 0;
		goto value;
	}
member:
	/* The usual member of a sheet's points, compact: "key":D then ',' or '}', made a node here
	 * as the steps below would make it. */
	while (end - p >= 6 && *p == '"') {
		const char *k = p + 1, *q = k;
		struct open *o = &st[depth - 1];
		while (q < end && !string_stop[(unsigned char)*q])
			q++;
		if (end - q < 4 || *q != '"' || q[1] != ':' || (unsigned)(q[2] - '0') > 9 ||
		    (q[3] != ',' && q[3] != '}') || (t->n == t->cap && grow(t) < 0))
			break;
		i = t->n++;
		t->v[i] = (struct jnode){J_NUMBER, -1, -1, (int)(q - k), 0, k, NULL, q[2] - '0'};
		if (o->last < 0)
			t->v[o->node].child = i;
		else
			t->v[o->last].next = i;
		o->last = i;
		p = q + 3;
		if (*p == '}') {
			p++;
			depth--;
			goto after;
		}
		p = skip_ws(p + 1, end);
	}
	/* "key": then its value */
	if (p == end || *p != '"' || !(p = scan_string(p, end, &key, &klen)))
		return 0;
	p = skip_ws(p, end);
	if (p == end || *p != ':')
		return 0;
	p = skip_ws(p + 1, end);
	goto value;
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

