/* ocop/passthru.h — writes the next council's intake for chosen products, in the input's own format
 * (CSV rows, JSON objects, NDJSON lines): a blank dossier per product. The dossier columns are kept,
 * `level` is set to the next level, the lower level's result is written as reference columns
 * (prior_level, prior_total, prior_stars), and nothing the next council would score from is copied:
 * one record per product, `member` empty and every criterion cell empty (wide CSV), `criterion` and
 * `points` empty (long CSV), `"members": []` (JSON). */
#ifndef OCOP_PASSTHRU_H
#define OCOP_PASSTHRU_H

#include <stdio.h>

#include "ocop/err.h"

/* What the intake says of one product. */
struct ocop_intake {
	const char *level;        /* the next level */
	const char *prior_level;  /* the level that forwarded it */
	const char *prior_total;  /* its council's mean ("75.60"), or NULL when it gave no score */
	int prior_stars;          /* its awarded stars, or 0 when it gave none */
};

/* The intake of a product, or NULL to leave the product out (or already written). */
typedef const struct ocop_intake *(*ocop_keep_fn)(void *ctx, const char *product_id);

/* CSV: with_header writes the header (first file only); missing level and prior_* columns are
 * appended. */
int ocop_passthru_csv(FILE *in, const char *name, FILE *out, int with_header, ocop_keep_fn keep,
                      void *ctx, struct ocop_err *err);
/* JSON (an object or an array) or NDJSON; *count counts objects written so far, for commas. */
int ocop_passthru_json(FILE *in, const char *name, int ndjson, FILE *out, size_t *count,
                       ocop_keep_fn keep, void *ctx, struct ocop_err *err);

#endif
