/* arena.h — bump allocator: many small allocations freed in one call (internal). */
#ifndef OCOP_ARENA_H
#define OCOP_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t used;   /* bytes used in head */
	size_t total;  /* bytes handed out, for limits */
};

/* Returns zeroed memory aligned for any object, or NULL when out of memory. */
void *arena_alloc(struct arena *a, size_t size);
/* The same, not cleared (the caller writes every byte). */
void *arena_bytes(struct arena *a, size_t size);
/* Copies n bytes of s and a terminating NUL; NULL when out of memory. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* Forgets every allocation but keeps one block for reuse. */
void arena_reset(struct arena *a);
void arena_free(struct arena *a);

#endif
