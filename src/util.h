/* util.h — small helpers shared inside the library (internal). */
#ifndef OCOP_UTIL_H
#define OCOP_UTIL_H

#include "ocop/text.h"

/* Keeps a rarely taken path out of its caller, so the caller's hot path stays a light leaf. */
#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

/* enum ocop_flag of a flag name, or -1. */
int ocop_flag_parse(const char *name);

#endif
