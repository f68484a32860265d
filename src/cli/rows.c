/* The compact rows of promote, rank and due. */
#include "rows.h"

#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "ocop/score.h"
#include "ocop/text.h"

static const char *copy(struct rows *rs, const char *s)
{
	return s ? arena_strdup(&rs->arena, s) : NULL;
}

static struct row *new_row(struct rows *rs)
{
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 256;
		struct row *v = realloc(rs->v, cap * sizeof *v);
		if (!v)
			return NULL;
		rs->v = v;
		rs->cap = cap;
	}
	memset(&rs->v[rs->n], 0, sizeof rs->v[rs->n]);
	return &rs->v[rs->n++];
}

/* Out of memory ends the run (exit 3): a product left out would look like one never given. `msg`
 * is the message (N_), a format of the file, the line and the product. */
static void rows_nomem(struct rows *rs, const struct ocop_dossier *d, const char *msg)
{
	fprintf(stderr, _(msg), d->file ? d->file : "", d->line, d->meta[OCOP_F_PRODUCT_ID]);
	rs->failed = 1;
}

void rows_collect(void *ctx, struct ocop_dossier *d)
{
	struct rows *rs = ctx;
	struct ocop_result res;
	struct ocop_err err = {0};
	struct row *r;
	int lost = 0;

	cli_flush_diags(rs->c);
	if (rs->failed)
		return;
	if (ocop_score_dossier(&res, d, &err) < 0) {
		if (err.code == OCOP_ENOMEM)
			rows_nomem(rs, d, N_("ocop: %s:%ld: out of memory while scoring product %s\n"));
		else {
			cli_print_err(&err);
			rs->failed = 1;
		}
		return;
	}
	if (!(r = new_row(rs))) {
		ocop_result_free(&res);
		rows_nomem(rs, d, N_("ocop: %s:%ld: out of memory while keeping the result of "
		                      "product %s\n"));
		return;
	}
	for (int f = 0; f < OCOP_NFIELDS; f++)
		lost |= d->meta[f] && !(r->meta[f] = copy(rs, d->meta[f]));
	r->set = copy(rs, res.set ? res.set->code : d->meta[OCOP_F_SET]);
	lost |= !r->set && (res.set || d->meta[OCOP_F_SET]);
	r->regime = res.regime ? res.regime->id : "";
	r->sum = res.total_sum;
	r->n = res.n;
	r->band = res.band;
	r->stars = res.stars;
	r->status = res.status;
	memcpy(r->part, res.part_sum, sizeof r->part);
	if (d->regime) {
		r->certificate_months = d->regime->certificate_months;
		r->notice_days = d->regime->notice_days;
	}
	rs->unsettled |= res.status != OCOP_STATUS_OK;
	if (rs->level != OCOP_LEVEL_NONE) {
		struct ocop_promotion_decision dec;
		if (rs->reason_vi)
			ocop_promote(&dec, d, &res, rs->level, &rs->policy);
		else
			ocop_promote_en(&dec, d, &res, rs->level, &rs->policy);
		r->decision = dec.decision;
		r->dec_stars = dec.stars;
		r->dec_level = dec.level;
		r->next_level = dec.next_level;
		r->precheck = dec.precheck;
		r->reason = copy(rs, dec.reason);
		r->reason_vi = rs->reason_vi ? copy(rs, dec.reason_vi) : NULL;
		lost |= !r->reason || (rs->reason_vi && !r->reason_vi);
	}
	ocop_result_free(&res);
	if (lost)
		rows_nomem(rs, d, N_("ocop: %s:%ld: out of memory while keeping the result of "
		                      "product %s\n"));
}

int rows_load(struct rows *rs, struct cli *c, char **files, int nfiles)
{
	int rc;

	c->sink = rows_collect;
	c->sink_ctx = rs;
	rc = cli_load(c, files, nfiles);
	cli_flush_diags(c);
	if (rc == 0 && rs->failed)
		rc = EXIT_INPUT;
	return rc ? rc : cli_out_open(c);
}

void rows_free(struct rows *rs)
{
	free(rs->v);
	arena_free(&rs->arena);
}

const char *rows_meta(const struct row *r, int f)
{
	return r->meta[f] ? r->meta[f] : "";
}

void rows_mean(char *buf, size_t size, const struct row *r, long sum)
{
	if (r->status == OCOP_STATUS_INVALID || r->status == OCOP_STATUS_UNSCORED)
		buf[0] = '\0';
	else
		ocop_format_mean(buf, size, sum, r->n);
}

void rows_put_id_name(FILE *f, const struct row *r, size_t wid, size_t wname)
{
	const char *id = rows_meta(r, OCOP_F_PRODUCT_ID), *name = rows_meta(r, OCOP_F_PRODUCT_NAME);
	char cut[512];

	fputs(id, f);
	emit_pad(f, ocop_text_width(id), wid + 2);
	ocop_text_ellipsis(cut, sizeof cut, name, wname);
	rows_put_cell(f, cut, wname, NULL);
}

size_t rows_name_cols(size_t longest, size_t others)
{
	return ocop_text_name_cols(longest, others, cli_columns());
}

void rows_put_cell(FILE *f, const char *s, size_t width, const char *color)
{
	if (color)
		fprintf(f, "%s%s\033[0m", color, s);
	else
		fputs(s, f);
	emit_pad(f, ocop_text_width(s), width + 2);
}

const char *rows_stars(int stars)
{
	static const char *const s[] = {"", "★", "★★", "★★★", "★★★★", "★★★★★"};

	return stars >= 0 && stars <= 5 ? s[stars] : "";
}
