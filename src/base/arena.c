#include "arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK 65536

struct arena_block {
	struct arena_block *next;
	size_t size;
	alignas(max_align_t) unsigned char data[];
};

/* size bytes, aligned for any object, not cleared. */
static void *bump(struct arena *a, size_t size)
{
	const size_t align = alignof(max_align_t);
	size_t need = (size + align - 1) & ~(align - 1);
	struct arena_block *b;
	void *p;

	if (size == 0)
		need = align;
	if (!a->head || a->head->size - a->used < need) {
		size_t bsize = need > BLOCK ? need : BLOCK;
		b = malloc(sizeof *b + bsize);
		if (!b)
			return NULL;
		b->size = bsize;
		b->next = a->head;
		a->head = b;
		a->used = 0;
	}
	p = a->head->data + a->used;
	a->used += need;
	a->total += need;
	return p;
}

void *arena_bytes(struct arena *a, size_t size)
{
	return bump(a, size);
}

void *arena_alloc(struct arena *a, size_t size)
{
	void *p = bump(a, size);

	if (p)
		memset(p, 0, size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = bump(a, n + 1);

	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void arena_reset(struct arena *a)
{
	struct arena_block *keep = a->head;

	if (!keep)
		return;
	while (keep->next) {
		struct arena_block *next = keep->next;
		keep->next = next->next;
		free(next);
	}
	a->used = 0;
	a->total = 0;
}

void arena_free(struct arena *a)
{
	struct arena_block *b = a->head, *next;

	for (; b; b = next) {
		next = b->next;
		free(b);
	}
	memset(a, 0, sizeof *a);
}
