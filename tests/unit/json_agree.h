/* json_agree.h — the NDJSON scanner against cJSON (src/io/jtree.h), shared by the unit test and the
 * fuzz target. */
#ifndef OCOP_TEST_JSON_AGREE_H
#define OCOP_TEST_JSON_AGREE_H

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jtree.h"

/* Both front ends make their nodes in the same order (a value, then its items), so equal values
 * have equal node arrays. */
static int same_tree(const struct jtree *a, const struct jtree *b)
{
	if (a->n != b->n)
		return 0;
	for (int i = 0; i < a->n; i++) {
		const struct jnode *x = &a->v[i], *y = &b->v[i];
		if (x->type != y->type || x->child != y->child || x->next != y->next ||
		    !x->key != !y->key || (x->key && strcmp(x->key, y->key) != 0) ||
		    (x->type == J_STRING && strcmp(x->str, y->str) != 0) ||
		    (x->type == J_NUMBER && (x->num != y->num || signbit(x->num) != signbit(y->num))))
			return 0;
	}
	return 1;
}

/* Reads one NDJSON line, text[0, len), with both front ends as read_ndjson would. Returns NULL
 * when they agree: the scanner gave up and left the line as it was, or it built the tree that
 * cJSON's nodes make. Otherwise says how they differ. *took tells whether the scanner took the
 * line. */
static const char *json_agree(const char *text, size_t len, int *took)
{
	struct jtree fast = {0}, slow = {0};
	const char *end = text + len, *p = json_skip_ws(text, end), *stop = NULL, *at, *why = NULL;
	char *line = malloc(len + 1);
	cJSON *o = NULL;
	int deep;

	*took = 0;
	if (!line)
		return "out of memory";
	memcpy(line, text, len);
	if (p < end) {
		*took = jtree_scan(&fast, line, line + (p - text), line + len);
		stop = json_value_end(p, end, &deep, &at);
	}
	if (stop && json_skip_ws(stop, end) == end)
		o = cJSON_ParseWithLengthOpts(p, (size_t)(stop - p), NULL, 0);
	if (o && jtree_from_cjson(&slow, o) < 0)
		why = "out of memory";
	else if (!*took && memcmp(line, text, len) != 0)
		why = "the scanner gave up on the line but changed it";
	else if (*took && !o)
		why = "the scanner took a line that cJSON rejects";
	else if (*took && !same_tree(&fast, &slow))
		why = "the scanner read the line otherwise than cJSON";
	cJSON_Delete(o);
	free(fast.v);
	free(slow.v);
	free(line);
	return why;
}

#endif
