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

static size_t hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* s's index in the pool, kept once in the rows' arena; (size_t)-1 when out of memory. */
static size_t intern(struct rows *rs, struct rows_pool *p, const char *s)
{
	size_t h = hash(s), i;

	if (2 * (p->n + 1) > p->nslot) {          /* at most half full */
		size_t nslot = p->nslot ? 2 * p->nslot : 64;
		unsigned *slot = calloc(nslot, sizeof *slot);
		if (!slot)
			return (size_t)-1;
		for (size_t k = 0; k < p->n; k++) {
			for (i = hash(p->v[k]) & (nslot - 1); slot[i]; i = (i + 1) & (nslot - 1))
				;
			slot[i] = (unsigned)k + 1;
		}
		free(p->slot);
		p->slot = slot;
		p->nslot = nslot;
	}
	for (i = h & (p->nslot - 1); p->slot[i]; i = (i + 1) & (p->nslot - 1))
		if (strcmp(p->v[p->slot[i] - 1], s) == 0)
			return p->slot[i] - 1;
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 16;
		const char **v = realloc(p->v, cap * sizeof *v);
		if (!v)
			return (size_t)-1;
		p->v = v;
		p->cap = cap;
	}
	if (p->n >= 0xFFFFFFFEu || !(p->v[p->n] = arena_strdup(&rs->arena, s)))
		return (size_t)-1;
	p->slot[i] = (unsigned)p->n + 1;
	return p->n++;
}

/* s kept once among the rows' texts; NULL when out of memory. */
static const char *text(struct rows *rs, const char *s)
{
	size_t ix = intern(rs, &rs->texts, s);

	return ix == (size_t)-1 ? NULL : rs->texts.v[ix];
}

static void pool_free(struct rows_pool *p)
{
	free(p->v);
	free(p->slot);
	memset(p, 0, sizeof *p);
}

/* The id and the name side by side (the rows' output reads both); 0 when out of memory. */
static int keep_id_name(struct rows *rs, struct row *r, const struct ocop_dossier *d)
{
	const char *id = d->meta[OCOP_F_PRODUCT_ID], *name = d->meta[OCOP_F_PRODUCT_NAME];
	size_t ni = id ? strlen(id) + 1 : 0, nn = name ? strlen(name) + 1 : 0;
	char *p;

	if (!ni && !nn)
		return 1;
	if (!(p = arena_bytes(&rs->arena, ni + nn)))
		return 0;
	if (id) {
		memcpy(p, id, ni);
		r->id = p;
	}
	if (name) {
		memcpy(p + ni, name, nn);
		r->name = p + ni;
	}
	return 1;
}

/* Every field, for the commands that read more than the id and the name; 0 when out of memory. */
static int keep_fields(struct rows *rs, struct row *r, const struct ocop_dossier *d)
{
	const char **meta = arena_alloc(&rs->arena, OCOP_NFIELDS * sizeof *meta);
	int lost = !meta;

	for (int f = 0; meta && f < OCOP_NFIELDS; f++)
		lost |= d->meta[f] && !(meta[f] = copy(rs, d->meta[f]));
	if (meta) {
		r->meta = meta;
		r->id = meta[OCOP_F_PRODUCT_ID];
		r->name = meta[OCOP_F_PRODUCT_NAME];
	}
	return !lost;
}

/* The row's set (kept once per set) and group; 0 when out of memory. */
static int keep_set_group(struct rows *rs, struct row *r, const char *set,
                          const struct ocop_dossier *d)
{
	const char *g;
	size_t ix;

	if (set) {
		if ((ix = intern(rs, &rs->sets, set)) == (size_t)-1)
			return 0;
		r->set = rs->sets.v[ix];
	}
	r->group = "";
	if (!rs->group)
		return 1;
	g = rs->group == ROWS_GROUP_SET ? r->set : d->meta[rs->group - 1];
	if ((ix = intern(rs, &rs->groups, g ? g : "")) == (size_t)-1)
		return 0;
	r->group = rs->groups.v[ix];
	r->group_ix = (unsigned)ix;
	return 1;
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
	lost |= !(rs->compact ? keep_id_name(rs, r, d) : keep_fields(rs, r, d));
	lost |= !keep_set_group(rs, r, res.set ? res.set->code : d->meta[OCOP_F_SET], d);
	r->regime = res.regime ? res.regime->id : "";
	r->sum = res.total_sum;
	r->n = res.n;
	r->band = (signed char)res.band;
	r->stars = (signed char)res.stars;
	r->status = (signed char)res.status;
	memcpy(r->part, res.part_sum, sizeof r->part);     /* (A, B, C: the parts shown) */
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
		r->decision = (signed char)dec.decision;
		r->dec_stars = (signed char)dec.stars;
		r->dec_level = (signed char)dec.level;
		r->next_level = (signed char)dec.next_level;
		r->precheck = (signed char)dec.precheck;
		/* (a season's reasons are a few hundred texts: each kept once) */
		r->reason = text(rs, dec.reason);
		r->reason_vi = rs->reason_vi ? text(rs, dec.reason_vi) : NULL;
		lost |= !r->reason || (rs->reason_vi && !r->reason_vi);
	}
	ocop_result_free(&res);
	if (!lost && rs->take && !rs->take(rs, r))
		lost = 1;
	if (rs->take)
		rs->n--;
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
	pool_free(&rs->sets);
	pool_free(&rs->groups);
	pool_free(&rs->texts);
	arena_free(&rs->arena);
}

const char *rows_meta(const struct row *r, int f)
{
	const char *s = r->meta                    ? r->meta[f]
	                : f == OCOP_F_PRODUCT_ID   ? r->id
	                : f == OCOP_F_PRODUCT_NAME ? r->name
	                                           : NULL;

	return s ? s : "";
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
