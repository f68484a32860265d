/* rows.h — what promote, rank and due keep of each product: a few numbers, never its sheets. */
#ifndef OCOP_CLI_ROWS_H
#define OCOP_CLI_ROWS_H

#include <stdio.h>

#include "cli.h"
#include "ocop/promote.h"

struct row {
	struct ocop_dossier *d;
	long sum, part[OCOP_MAX_PARTS];
	int n, band, stars, status, recognised, nparts;
	const char *set, *regime;
	struct ocop_promotion_decision dec;
	long rank;
	const char *group;
};

/* Scores every dossier of c->batch (and decides at `level` unless OCOP_LEVEL_NONE); the rows are
 * malloc'ed, in input order. Returns -1 after printing the error. */
int rows_summarise(struct cli *c, struct row **out, size_t *nout, int level,
                   const struct ocop_policy *pol);
/* A dossier field, "" when absent. */
const char *rows_meta(const struct ocop_dossier *d, int f);
/* A mean of the row's sum over its members ("" for an invalid dossier). */
void rows_mean(char *buf, size_t size, const struct row *r, long sum);
/* A table's id column (wid wide) and name column (32, shortened to fit), each with a gap. */
void rows_put_id_name(FILE *f, const struct ocop_dossier *d, size_t wid);

#endif
