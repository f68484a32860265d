/* ocop/passthru.h — copies chosen products' records from an input to an output in the input's own
 * format (CSV rows, JSON objects, NDJSON lines), setting their `level`. Used to turn one level's
 * forwarded products into the next level's intake file. */
#ifndef OCOP_PASSTHRU_H
#define OCOP_PASSTHRU_H

#include <stdio.h>

#include "ocop/err.h"

/* Returns the level to write for a product, or NULL to leave the product out. */
typedef const char *(*ocop_keep_fn)(void *ctx, const char *product_id);

/* CSV: with_header writes the header (first file only); a missing level column is appended. */
int ocop_passthru_csv(FILE *in, const char *name, FILE *out, int with_header, ocop_keep_fn keep,
                      void *ctx, struct ocop_err *err);
/* JSON (an object or an array) or NDJSON; *count counts objects written so far, for commas. */
int ocop_passthru_json(FILE *in, const char *name, int ndjson, FILE *out, size_t *count,
                       ocop_keep_fn keep, void *ctx, struct ocop_err *err);

#endif
