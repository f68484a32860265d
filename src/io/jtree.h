/* jtree.h — a JSON value as a tree of compact nodes, and its two makers (internal).
 *
 * The JSON reader's rules (read_json.c) read dossiers from these nodes. An NDJSON line in the plain
 * form exports use is scanned in place, without allocating (jtree_scan); anything else is parsed by
 * cJSON, whose tree is copied into nodes (jtree_from_cjson), so escapes, fractions, exponents and
 * every syntax error are cJSON's. tests/unit/json_agree.h checks that both make the same nodes. */
#ifndef OCOP_JTREE_H
#define OCOP_JTREE_H

#include <stddef.h>

struct cJSON;

enum jtype { J_NULL, J_FALSE, J_TRUE, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT };

/* One JSON value. child and next index the tree's nodes (-1: none); key is the value's name in an
 * object, str a string's text. klen and len are their lengths in the line, which the scanner needs
 * to terminate them; nodes made from cJSON leave them 0. */
struct jnode {
	int type, child, next, klen, len;
	const char *key, *str;
	double num;
};

/* The nodes of one value, root first; kept from value to value so a line allocates nothing. */
struct jtree {
	struct jnode *v;
	int n, cap;
};


/* JSON whitespace skipped from p. */
const char *json_skip_ws(const char *p, const char *end);
/* End of the JSON value starting at p (delimited, not validated), or NULL if it does not end (or
 * nests deeper than OCOP_MAX_JSON_DEPTH: *too_deep is set and *at is where). */
const char *json_value_end(const char *p, const char *end, int *too_deep, const char **at);

/* Scans the value in [p, end), where only JSON whitespace may follow it, into t (root at 0): strict
 * JSON whose strings have no escape and no control character and whose numbers are integers of at
 * most 9 digits, nested at most OCOP_MAX_JSON_DEPTH deep. Returns 0 for anything else, valid or
 * not, and then the text is as it was; returns 1 once the whole value is accepted, its keys and
 * strings terminated in place over their closing quotes (line is the writable buffer that p and
 * end point into). */
int jtree_scan(struct jtree *t, char *line, const char *p, const char *end);
/* The scan alone, for a value that text may follow: 1 and *stop just past the value when the
 * value at p is in the scanner's form and ends before end, else 0 (also when end cuts it). The
 * text is not touched: jtree_terminate then ends the keys and strings in place. */
int jtree_scan_value(struct jtree *t, const char *p, const char *end, const char **stop);
/* Terminates t's keys and strings over their closing quotes, in text, the writable buffer that
 * the scanned value lies in. */
void jtree_terminate(const struct jtree *t, char *text);
/* Appends the cJSON value c and its items to t; the index of its node, or -1 when out of memory.
 * The strings stay cJSON's. */
int jtree_from_cjson(struct jtree *t, const struct cJSON *c);

static inline const struct jnode *jtree_child(const struct jnode *v, const struct jnode *n)
{
	return n->child < 0 ? NULL : v + n->child;
}

static inline const struct jnode *jtree_next(const struct jnode *v, const struct jnode *n)
{
	return n->next < 0 ? NULL : v + n->next;
}

#endif
