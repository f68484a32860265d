/* The compact rows of promote, rank and due. */
#include "rows.h"

#include <stdlib.h>
#include <string.h>

#include "../emit.h"
#include "ocop/score.h"
#include "ocop/text.h"

int rows_summarise(struct cli *c, struct row **out, size_t *nout, int level,
                   const struct ocop_policy *pol)
{
	size_t n = ocop_batch_count(c->batch);
	struct row *rows = calloc(n + 1, sizeof *rows);

	if (!rows)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct ocop_result res;
		struct ocop_err err = {0};
		struct row *r = &rows[i];
		r->d = ocop_batch_get(c->batch, i);
		if (ocop_score_dossier(&res, r->d, &err) < 0) {
			cli_print_err(&err);
			free(rows);
			return -1;
		}
		r->sum = res.total_sum;
		r->n = res.n;
		r->band = res.band;
		r->stars = res.stars;
		r->status = res.status;
		r->recognised = res.recognised;
		r->set = res.set ? res.set->code : r->d->meta[OCOP_F_SET];
		r->regime = res.regime ? res.regime->id : "";
		r->nparts = res.regime ? (int)res.regime->nparts : 0;
		memcpy(r->part, res.part_sum, sizeof r->part);
		if (level != OCOP_LEVEL_NONE)
			ocop_promote(&r->dec, r->d, &res, level, pol);
		ocop_result_free(&res);
	}
	*out = rows;
	*nout = n;
	return 0;
}

const char *rows_meta(const struct ocop_dossier *d, int f)
{
	return d->meta[f] ? d->meta[f] : "";
}

/* A table's id column (wid wide) and name column (32, shortened to fit), each with a gap. */
void rows_put_id_name(FILE *f, const struct ocop_dossier *d, size_t wid)
{
	const char *id = rows_meta(d, OCOP_F_PRODUCT_ID), *name = rows_meta(d, OCOP_F_PRODUCT_NAME);
	size_t fit = ocop_text_fit(name, 32);

	fputs(id, f);
	emit_pad(f, ocop_text_width(id), wid + 2);
	fwrite(name, 1, fit, f);
	emit_pad(f, name[fit] ? 32 : ocop_text_width(name), 34);
}

void rows_mean(char *buf, size_t size, const struct row *r, long sum)
{
	if (r->status == OCOP_STATUS_INVALID)
		buf[0] = '\0';
	else
		ocop_format_mean(buf, size, sum, r->n);
}

