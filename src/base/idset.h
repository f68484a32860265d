/* idset.h — the product ids a streaming batch has handed over (internal).
 *
 * Exact, and small for the usual export, sorted by product id: while the ids arrive in increasing
 * order they are kept front-coded (a few bytes each: "B000123" after "B000122" is stored as its
 * last character), and an id greater than the last one is new without a search. The first id out
 * of order moves them all into a hash set. */
#ifndef OCOP_IDSET_H
#define OCOP_IDSET_H

#include <stddef.h>

#include "arena.h"

struct idset {
	size_t n;                   /* ids held */
	int hashed;                 /* 0: the sorted log, 1: the hash set */
	/* sorted log: per id, a varint of the bytes shared with the id before, a varint of the
	 * length of the rest, and the rest; every IDSET_RESTART-th id shares nothing */
	unsigned char *log;
	size_t len, cap;
	size_t *restart;            /* offset of each id that shares nothing */
	size_t nrestart, caprestart;
	char *last, *scratch;       /* the greatest id, and room to decode others */
	size_t lastlen, lastcap, scratchcap;
	/* hash set: open addressing, ids copied into the arena */
	struct arena strings;
	const char **slot;
	size_t nslots;
};

/* 1 if id is in the set. */
int idset_has(struct idset *s, const char *id);
/* Adds id (nothing if it is there); -1 when out of memory. */
int idset_add(struct idset *s, const char *id);
/* Bytes the set holds for its ids (for the benchmark and tests). */
size_t idset_bytes(const struct idset *s);
void idset_free(struct idset *s);

#endif
