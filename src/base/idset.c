#include "idset.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define IDSET_RESTART 16

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t c = *cap ? *cap : 64;
	void *t;

	if (need <= *cap)
		return 0;
	while (c < need)
		c *= 2;
	if (!(t = realloc(*p, c * size)))
		return -1;
	*p = t;
	*cap = c;
	return 0;
}

/* ---- hash set ---- */

static int hash_insert(struct idset *s, const char *id)
{
	const char *copy;
	size_t h, mask;

	if ((s->n + 1) * 2 > s->nslots) {
		size_t cap = s->nslots ? s->nslots * 2 : 1024;
		const char **v = calloc(cap, sizeof *v);
		if (!v)
			return -1;
		for (size_t i = 0; i < s->nslots; i++)
			if (s->slot[i]) {
				for (h = str_hash(s->slot[i]) & (cap - 1); v[h]; h = (h + 1) & (cap - 1))
					;
				v[h] = s->slot[i];
			}
		free(s->slot);
		s->slot = v;
		s->nslots = cap;
	}
	mask = s->nslots - 1;
	for (h = str_hash(id) & mask; s->slot[h]; h = (h + 1) & mask)
		if (strcmp(s->slot[h], id) == 0)
			return 0;
	if (!(copy = arena_strdup(&s->strings, id)))
		return -1;
	s->slot[h] = copy;
	s->n++;
	return 0;
}

static int hash_has(const struct idset *s, const char *id)
{
	size_t mask = s->nslots - 1;

	if (!s->nslots)
		return 0;
	for (size_t h = str_hash(id) & mask; s->slot[h]; h = (h + 1) & mask)
		if (strcmp(s->slot[h], id) == 0)
			return 1;
	return 0;
}

/* ---- sorted log ---- */

static size_t put_varint(unsigned char *p, size_t v)
{
	size_t k = 0;

	for (; v >= 0x80; v >>= 7)
		p[k++] = (unsigned char)(v | 0x80);
	p[k++] = (unsigned char)v;
	return k;
}

static size_t get_varint(const unsigned char *p, size_t *v)
{
	size_t k = 0, shift = 0;

	*v = 0;
	do
		*v |= (size_t)(p[k] & 0x7F) << shift, shift += 7;
	while (p[k++] & 0x80);
	return k;
}

/* Decodes the entry at *off onto the id before it, held in s->scratch; moves *off past it. */
static int decode(struct idset *s, size_t *off)
{
	size_t shared, rest;

	*off += get_varint(s->log + *off, &shared);
	*off += get_varint(s->log + *off, &rest);
	if (grow((void **)&s->scratch, &s->scratchcap, shared + rest + 1, 1) < 0)
		return -1;
	memcpy(s->scratch + shared, s->log + *off, rest);
	s->scratch[shared + rest] = '\0';
	*off += rest;
	return 0;
}

static int log_append(struct idset *s, const char *id)
{
	size_t len = strlen(id), shared = 0;

	if (s->n % IDSET_RESTART == 0) {
		if (grow((void **)&s->restart, &s->caprestart, s->nrestart + 1, sizeof *s->restart) < 0)
			return -1;
		s->restart[s->nrestart++] = s->len;
	} else {
		while (shared < len && shared < s->lastlen && id[shared] == s->last[shared])
			shared++;
	}
	if (grow((void **)&s->log, &s->cap, s->len + 2 * sizeof(size_t) * 2 + len - shared, 1) < 0 ||
	    grow((void **)&s->last, &s->lastcap, len + 1, 1) < 0)
		return -1;
	s->len += put_varint(s->log + s->len, shared);
	s->len += put_varint(s->log + s->len, len - shared);
	memcpy(s->log + s->len, id + shared, len - shared);
	s->len += len - shared;
	memcpy(s->last, id, len + 1);
	s->lastlen = len;
	s->n++;
	return 0;
}

/* An id below the greatest: the last restart at or below it, then the entries after it. */
static int log_has(struct idset *s, const char *id)
{
	size_t lo = 0, hi = s->nrestart, off;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		off = s->restart[mid];
		if (decode(s, &off) < 0)
			return -1;
		if (strcmp(s->scratch, id) <= 0)
			lo = mid;
		else
			hi = mid;
	}
	off = s->restart[lo];
	for (size_t k = 0; k < IDSET_RESTART && off < s->len; k++) {
		int c;
		if (decode(s, &off) < 0)
			return -1;
		if ((c = strcmp(s->scratch, id)) >= 0)
			return c == 0;
	}
	return 0;
}

/* The first id out of order: every id moves to the hash set. */
static int to_hash(struct idset *s)
{
	size_t off = 0, n = s->n;

	s->n = 0;
	s->hashed = 1;
	while (off < s->len)
		if (decode(s, &off) < 0 || hash_insert(s, s->scratch) < 0)
			return -1;
	free(s->log);
	free(s->restart);
	free(s->last);
	s->log = NULL;
	s->restart = NULL;
	s->last = NULL;
	s->len = s->cap = s->nrestart = s->caprestart = s->lastlen = s->lastcap = 0;
	return s->n == n ? 0 : -1;
}

int idset_has(struct idset *s, const char *id)
{
	int c;

	if (s->hashed)
		return hash_has(s, id);
	if (s->n == 0 || (c = strcmp(id, s->last)) > 0)
		return 0;
	return c == 0 ? 1 : log_has(s, id) == 1;
}

int idset_add(struct idset *s, const char *id)
{
	if (!s->hashed && (s->n == 0 || strcmp(id, s->last) > 0))
		return log_append(s, id);
	if (!s->hashed && idset_has(s, id))
		return 0;
	if (!s->hashed && to_hash(s) < 0)
		return -1;
	return hash_insert(s, id);
}

size_t idset_bytes(const struct idset *s)
{
	if (s->hashed)
		return s->strings.total + s->nslots * sizeof *s->slot;
	return s->cap + s->caprestart * sizeof *s->restart + s->lastcap + s->scratchcap;
}

void idset_free(struct idset *s)
{
	free(s->log);
	free(s->restart);
	free(s->last);
	free(s->scratch);
	free(s->slot);
	arena_free(&s->strings);
	memset(s, 0, sizeof *s);
}
