/* ocop/suggest.h — "did you mean": the closest of a list of known words to a word typed wrong. */
#ifndef OCOP_SUGGEST_H
#define OCOP_SUGGEST_H

#include <stddef.h>

/* Edit distance (insertions, deletions, substitutions, transpositions of neighbours) between a
 * and b, byte by byte, ignoring ASCII case; at most `cap` + 1 (computing stops there). */
size_t ocop_edit_distance(const char *a, const char *b, size_t cap);
/* The candidate closest to word, when close enough to be what was meant (a third of the word's
 * length, at least 1, at most 3 edits); NULL if none is. A NULL candidate is skipped. Returns a
 * borrowed pointer into cands. */
const char *ocop_suggest(const char *word, const char *const *cands, size_t n);

#endif
