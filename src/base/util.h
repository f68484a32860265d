/* util.h — small helpers shared inside the library (internal). */
#ifndef OCOP_UTIL_H
#define OCOP_UTIL_H

#include <stddef.h>

#include "ocop/text.h"

/* Keeps a rarely taken path out of its caller, so the caller's hot path stays a light leaf. */
#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

/* djb2: the hash of the product-id tables. */
static inline size_t str_hash(const char *s)
{
	size_t h = 5381;

	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	return h;
}


#endif
