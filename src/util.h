/* util.h — small helpers shared inside the library (internal). */
#ifndef OCOP_UTIL_H
#define OCOP_UTIL_H

#include "ocop/text.h"

/* enum ocop_flag of a flag name, or -1. */
int ocop_flag_parse(const char *name);

#endif
