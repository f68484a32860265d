/* ocop promote, ocop rank, ocop due: the stage after scoring. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../emit.h"
#include "ocop/passthru.h"
#include "ocop/promote.h"
#include "ocop/read.h"
#include "ocop/score.h"
#include "ocop/text.h"
#include "ocop/write.h"

/* What promote, rank and due keep of a product: a few numbers, never its sheets. */
struct row {
	struct ocop_dossier *d;
	long sum, part[OCOP_MAX_PARTS];
	int n, band, stars, status, recognised, nparts;
	const char *set, *regime;
	struct ocop_promotion_decision dec;
	long rank;
	const char *group;
};

static int summarise(struct cli *c, struct row **out, size_t *nout, int level,
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

static const char *meta(const struct ocop_dossier *d, int f)
{
	return d->meta[f] ? d->meta[f] : "";
}

/* A table's id column (wid wide) and name column (32, shortened to fit), each with a gap. */
static void put_id_name(FILE *f, const struct ocop_dossier *d, size_t wid)
{
	const char *id = meta(d, OCOP_F_PRODUCT_ID), *name = meta(d, OCOP_F_PRODUCT_NAME);
	size_t fit = ocop_text_fit(name, 32);

	fputs(id, f);
	emit_pad(f, ocop_text_width(id), wid + 2);
	fwrite(name, 1, fit, f);
	emit_pad(f, name[fit] ? 32 : ocop_text_width(name), 34);
}

static void mean(char *buf, size_t size, const struct row *r, long sum)
{
	if (r->status == OCOP_STATUS_INVALID)
		buf[0] = '\0';
	else
		ocop_format_mean(buf, size, sum, r->n);
}

/* ---- promote ---- */

struct keep_ctx {
	struct row *rows;
	size_t n;
	struct ocop_batch *batch;
};

static const char *keep_forwarded(void *ctx, const char *id)
{
	struct keep_ctx *k = ctx;
	struct ocop_dossier *d = ocop_batch_find(k->batch, id);

	if (!d || k->rows[d->index].dec.decision != OCOP_FORWARD)
		return NULL;
	return ocop_level_name(k->rows[d->index].dec.next_level);
}

/* The forwarded products as the next level's intake, in the inputs' own format. */
static int forwarded_only(struct cli *c, struct row *rows, size_t n, char **files, int nfiles)
{
	struct keep_ctx k = {rows, n, c->batch};
	struct ocop_err err = {0};
	size_t count = 0;
	int fmt = -1;

	for (int i = 0; i < nfiles; i++) {
		int f = c->input_format ? c->input_format : ocop_input_format_of(files[i]);
		if (f == OCOP_IN_AUTO)
			f = OCOP_IN_CSV;
		if (fmt >= 0 && f != fmt) {
			fprintf(stderr, "ocop promote: --forwarded-only needs inputs of one format\n");
			return EXIT_USAGE;
		}
		fmt = f;
	}
	if (fmt == OCOP_IN_JSON)
		fputs("[", c->out);
	for (int i = 0; i < nfiles; i++) {
		FILE *in = fopen(files[i], "rb");
		int rc;
		if (!in) {
			fprintf(stderr, "ocop: %s: cannot open\n", files[i]);
			return EXIT_INPUT;
		}
		rc = fmt == OCOP_IN_CSV
		         ? ocop_passthru_csv(in, files[i], c->out, i == 0, keep_forwarded, &k, &err)
		         : ocop_passthru_json(in, files[i], fmt == OCOP_IN_NDJSON, c->out, &count,
		                              keep_forwarded, &k, &err);
		fclose(in);
		if (rc < 0) {
			cli_print_err(&err);
			return EXIT_INPUT;
		}
	}
	if (fmt == OCOP_IN_JSON)
		fputs(count ? "\n]\n" : "]\n", c->out);
	return 0;
}

static const char *decision_vi(int d)
{
	static const char *const names[] = {"công nhận", "chuyển lên", "không công nhận", "tạm giữ"};

	return names[d];
}

static void policy_text(char *buf, size_t size, const struct ocop_policy *pol)
{
	buf[0] = '\0';
	if (pol->min_stars >= 0)
		snprintf(buf, size, "--min-stars %d", pol->min_stars);
	if (pol->min_total_centi >= 0)
		snprintf(buf + strlen(buf), size - strlen(buf), "%s--min-total %ld.%02ld",
		         *buf ? " " : "", pol->min_total_centi / 100, pol->min_total_centi % 100);
}

static void promote_json(FILE *f, const struct row *r, const struct ocop_policy *pol)
{
	char buf[32];

	fputs("{\"product_id\":", f);
	emit_json(f, r->d->meta[OCOP_F_PRODUCT_ID]);
	fputs(",\"product_name\":", f);
	emit_json(f, r->d->meta[OCOP_F_PRODUCT_NAME]);
	fputs(",\"set\":", f);
	emit_json(f, r->set);
	fputs(",\"regime\":", f);
	emit_json(f, r->regime);
	fprintf(f, ",\"level\":\"%s\",\"decision\":\"%s\",\"stars\":", ocop_level_name(r->dec.level),
	        ocop_decision_name(r->dec.decision));
	if (r->status == OCOP_STATUS_INVALID)
		fputs("null", f);
	else
		fprintf(f, "%d", r->dec.decision == OCOP_CERTIFY ? r->dec.stars : r->stars);
	fputs(",\"next_level\":", f);
	emit_json(f, r->dec.next_level != OCOP_LEVEL_NONE ? ocop_level_name(r->dec.next_level) : NULL);
	fputs(",\"total\":", f);
	mean(buf, sizeof buf, r, r->sum);
	fputs(*buf ? buf : "null", f);
	fputs(",\"reason\":", f);
	emit_json(f, r->dec.reason);
	fputs(",\"policy\":{\"min_stars\":", f);
	if (pol->min_stars >= 0)
		fprintf(f, "%d", pol->min_stars);
	else
		fputs("null", f);
	fputs(",\"min_total\":", f);
	if (pol->min_total_centi >= 0)
		fprintf(f, "%ld.%02ld", pol->min_total_centi / 100, pol->min_total_centi % 100);
	else
		fputs("null", f);
	fputs("}}", f);
}

static void promote_table(struct cli *c, struct row *rows, size_t n,
                          const struct ocop_policy *pol)
{
	FILE *f = c->out;
	int vi = c->lang == OCOP_LANG_VI;
	char buf[64], pol_s[80];
	size_t wid = 7, wname = 12;

	policy_text(pol_s, sizeof pol_s, pol);
	static const char *const level_vi[] = {"xã", "huyện", "tỉnh", "trung ương"};

	fprintf(f, vi ? "Hội đồng cấp %s" : "Council at %s level",
	        vi ? level_vi[c->level] : ocop_level_name(c->level));
	if (*pol_s)
		fprintf(f, vi ? " · chính sách địa phương: %s" : " · local policy: %s", pol_s);
	fputs("\n\n", f);
	for (size_t i = 0; i < n; i++) {
		size_t w = ocop_text_width(meta(rows[i].d, OCOP_F_PRODUCT_ID));
		if (w > wid)
			wid = w;
		w = ocop_text_width(meta(rows[i].d, OCOP_F_PRODUCT_NAME));
		if (w > wname)
			wname = w > 32 ? 32 : w;
	}
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		const char *name = meta(r->d, OCOP_F_PRODUCT_NAME), *id = meta(r->d, OCOP_F_PRODUCT_ID);
		size_t fit = ocop_text_fit(name, wname);
		fputs(id, f);
		emit_pad(f, ocop_text_width(id), wid + 2);
		fwrite(name, 1, fit, f);
		emit_pad(f, ocop_text_width(name) > wname ? wname : ocop_text_width(name), wname + 2);
		mean(buf, sizeof buf, r, r->sum);
		fprintf(f, "%6s  ", buf);
		const char *d = vi ? decision_vi(r->dec.decision) : ocop_decision_name(r->dec.decision);
		fputs(d, f);
		emit_pad(f, ocop_text_width(d), 17);
		fprintf(f, "%s\n", r->dec.reason);
	}
}

int cmd_promote(int argc, char **argv)
{
	struct cli c;
	struct row *rows = NULL;
	size_t n = 0;
	struct ocop_policy pol;
	char *stdin_file[] = {NULL};
	FILE *tmp = NULL;
	int rc = cli_options(&c, "promote", "at,min-stars,min-total,forwarded-only", argc, argv);

	if (rc)
		return rc > 0 ? EXIT_FINAL : EXIT_USAGE;
	if (c.level == OCOP_LEVEL_NONE) {
		fprintf(stderr, "ocop promote: which council? (--at commune|district|province|central)\n"
		                "Try 'ocop promote --help'.\n");
		cli_free(&c);
		return EXIT_USAGE;
	}
	pol.min_stars = c.min_stars;
	pol.min_total_centi = c.min_total_centi;
	char **files = c.args;
	int nfiles = c.nargs;
	char tmpname[] = "/tmp/ocop-stdin.XXXXXX";
	if (c.forwarded_only && (nfiles == 0 || (nfiles == 1 && strcmp(files[0], "-") == 0))) {
		/* Standard input is read twice: once to decide, once to copy. */
		int fd = mkstemp(tmpname);
		char buf[65536];
		size_t k;
		tmp = fd >= 0 ? fdopen(fd, "w") : NULL;
		while (tmp && (k = fread(buf, 1, sizeof buf, stdin)) > 0)
			fwrite(buf, 1, k, tmp);
		if (!tmp || fclose(tmp) != 0) {
			fprintf(stderr, "ocop promote: cannot keep standard input in %s\n", tmpname);
			cli_free(&c);
			return EXIT_INPUT;
		}
		stdin_file[0] = tmpname;
		files = stdin_file;
		nfiles = 1;
	}
	rc = cli_load(&c, files, nfiles);
	if (rc == 0) {
		cli_print_diags(&c.diags);
		rc = summarise(&c, &rows, &n, c.level, &pol) < 0 ? EXIT_INPUT : 0;
	}
	if (rc == 0)
		rc = cli_out_open(&c);
	if (rc == 0) {
		int fmt = cli_format(&c);
		if (c.forwarded_only)
			rc = forwarded_only(&c, rows, n, files, nfiles);
		else if (fmt == OCOP_OUT_TABLE)
			promote_table(&c, rows, n, &pol);
		else if (fmt == OCOP_OUT_CSV) {
			char buf[32], pol_s[80];
			policy_text(pol_s, sizeof pol_s, &pol);
			fputs("product_id,product_name,set,regime,level,decision,stars,next_level,total,"
			      "reason,policy\n", c.out);
			for (size_t i = 0; i < n; i++) {
				const struct row *r = &rows[i];
				emit_csv(c.out, meta(r->d, OCOP_F_PRODUCT_ID));
				putc(',', c.out);
				emit_csv(c.out, meta(r->d, OCOP_F_PRODUCT_NAME));
				fprintf(c.out, ",%s,%s,%s,%s,", r->set ? r->set : "", r->regime,
				        ocop_level_name(r->dec.level), ocop_decision_name(r->dec.decision));
				if (r->status != OCOP_STATUS_INVALID)
					fprintf(c.out, "%d",
					        r->dec.decision == OCOP_CERTIFY ? r->dec.stars : r->stars);
				mean(buf, sizeof buf, r, r->sum);
				fprintf(c.out, ",%s,%s,", ocop_level_name(r->dec.next_level), buf);
				emit_csv(c.out, r->dec.reason);
				putc(',', c.out);
				emit_csv(c.out, pol_s);
				putc('\n', c.out);
			}
		} else {
			if (fmt == OCOP_OUT_JSON)
				fputs("[", c.out);
			for (size_t i = 0; i < n; i++) {
				if (fmt == OCOP_OUT_JSON)
					fputs(i ? ",\n" : "\n", c.out);
				promote_json(c.out, &rows[i], &pol);
				if (fmt == OCOP_OUT_NDJSON)
					putc('\n', c.out);
			}
			if (fmt == OCOP_OUT_JSON)
				fputs(n ? "\n]\n" : "]\n", c.out);
		}
		if (rc == 0) {
			rc = c.diags.n || ocop_batch_orphan_errors(c.batch) ? EXIT_RESULTS : EXIT_FINAL;
			for (size_t i = 0; i < n; i++)
				if (rows[i].status != OCOP_STATUS_OK)
					rc = EXIT_RESULTS;
		}
		int oc = cli_out_close(&c, rc == EXIT_FINAL || rc == EXIT_RESULTS);
		if (oc)
			rc = oc;
	}
	if (stdin_file[0])
		unlink(tmpname);
	free(rows);
	cli_free(&c);
	return rc;
}

/* ---- rank ---- */

static const char *group_of(const struct cli *c, const struct row *r)
{
	if (!c->by)
		return "";
	if (strcmp(c->by, "set") == 0)
		return r->set ? r->set : "";
	return meta(r->d, strcmp(c->by, "district") == 0   ? OCOP_F_DISTRICT
	                  : strcmp(c->by, "province") == 0 ? OCOP_F_PROVINCE
	                                                   : OCOP_F_LEVEL);
}

/* Best first: mean total (exact, as cross products), awarded stars, parts C, A, B. */
static int better(const struct row *a, const struct row *b)
{
	static const int parts[] = {2, 0, 1};
	long x = a->sum * b->n, y = b->sum * a->n;

	if (x != y)
		return x > y ? -1 : 1;
	if (a->stars != b->stars)
		return a->stars > b->stars ? -1 : 1;
	for (int i = 0; i < 3; i++) {
		x = a->part[parts[i]] * b->n;
		y = b->part[parts[i]] * a->n;
		if (x != y)
			return x > y ? -1 : 1;
	}
	return 0;
}

static int rank_cmp(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	int g = ocop_text_collate(a->group, b->group);

	if (g)
		return g;
	g = better(a, b);
	return g ? g : ocop_text_collate(meta(a->d, OCOP_F_PRODUCT_ID), meta(b->d, OCOP_F_PRODUCT_ID));
}

/* A group column of its own, unless the grouping is already a column (set). */
static int group_column(const struct cli *c)
{
	return c->by && strcmp(c->by, "set") != 0;
}

static void rank_row(struct cli *c, int fmt, const struct row *r, int first, size_t wid)
{
	FILE *f = c->out;
	char total[32], pa[32], pb[32], pc[32];

	mean(total, sizeof total, r, r->sum);
	mean(pa, sizeof pa, r, r->part[0]);
	mean(pb, sizeof pb, r, r->part[1]);
	mean(pc, sizeof pc, r, r->part[2]);
	if (fmt == OCOP_OUT_CSV) {
		if (group_column(c)) {
			emit_csv(f, r->group);
			putc(',', f);
		}
		fprintf(f, "%ld,", r->rank);
		emit_csv(f, meta(r->d, OCOP_F_PRODUCT_ID));
		putc(',', f);
		emit_csv(f, meta(r->d, OCOP_F_PRODUCT_NAME));
		fprintf(f, ",%s,%s,%d,%s,%s,%s,%s\n", r->set, total, r->stars, pc, pa, pb,
		        ocop_status_name(r->status));
		return;
	}
	if (fmt == OCOP_OUT_JSON || fmt == OCOP_OUT_NDJSON) {
		if (fmt == OCOP_OUT_JSON)
			fputs(first ? "\n" : ",\n", f);
		fputs("{", f);
		if (group_column(c)) {
			fprintf(f, "\"%s\":", c->by);
			emit_json(f, r->group);
			putc(',', f);
		}
		fprintf(f, "\"rank\":%ld,\"product_id\":", r->rank);
		emit_json(f, r->d->meta[OCOP_F_PRODUCT_ID]);
		fputs(",\"product_name\":", f);
		emit_json(f, r->d->meta[OCOP_F_PRODUCT_NAME]);
		fputs(",\"set\":", f);
		emit_json(f, r->set);
		fprintf(f, ",\"total\":%s,\"stars\":%d,\"part_c\":%s,\"part_a\":%s,\"part_b\":%s,"
		        "\"status\":\"%s\"}", total, r->stars, pc, pa, pb, ocop_status_name(r->status));
		if (fmt == OCOP_OUT_NDJSON)
			putc('\n', f);
		return;
	}
	char stars[32] = "";
	for (int s = 0; s < r->stars; s++)
		strcat(stars, "★");
	fprintf(f, "%4ld  ", r->rank);
	put_id_name(f, r->d, wid);
	fprintf(f, "%-6s %6s  %s", r->set, total, stars);
	emit_pad(f, (size_t)r->stars, 6);
	fprintf(f, "%6s %6s %6s%s\n", pc, pa, pb,
	        r->status == OCOP_STATUS_RESCORE ? (c->lang == OCOP_LANG_VI ? "  chấm lại" : "  re-score")
	                                         : "");
}

int cmd_rank(int argc, char **argv)
{
	struct cli c;
	struct row *rows = NULL, *kept;
	size_t n = 0, m = 0;
	int rc = cli_options(&c, "rank", "dense,by,top", argc, argv), fmt;

	if (rc)
		return rc > 0 ? EXIT_FINAL : EXIT_USAGE;
	if (c.by && strcmp(c.by, "district") != 0 && strcmp(c.by, "province") != 0 &&
	    strcmp(c.by, "set") != 0 && strcmp(c.by, "level") != 0) {
		fprintf(stderr, "ocop rank: cannot group by '%s' (expected district, province, set or "
		                "level)\nTry 'ocop rank --help'.\n", c.by);
		cli_free(&c);
		return EXIT_USAGE;
	}
	rc = cli_load(&c, c.args, c.nargs);
	if (rc == 0) {
		cli_print_diags(&c.diags);
		rc = summarise(&c, &rows, &n, OCOP_LEVEL_NONE, NULL) < 0 ? EXIT_INPUT : 0;
	}
	if (rc == 0)
		rc = cli_out_open(&c);
	if (rc != 0)
		goto done;
	rc = c.diags.n ? EXIT_RESULTS : EXIT_FINAL;
	kept = rows;
	for (size_t i = 0; i < n; i++) {
		if (rows[i].status != OCOP_STATUS_OK)
			rc = EXIT_RESULTS;
		if (rows[i].status == OCOP_STATUS_INVALID) {
			fprintf(stderr, "ocop rank: %s not ranked: invalid dossier\n",
			        meta(rows[i].d, OCOP_F_PRODUCT_ID));
			continue;
		}
		rows[i].group = group_of(&c, &rows[i]);
		kept[m++] = rows[i];
	}
	qsort(kept, m, sizeof *kept, rank_cmp);
	fmt = cli_format(&c);
	size_t wid = 8;
	for (size_t i = 0; i < m; i++)
		if (ocop_text_width(meta(kept[i].d, OCOP_F_PRODUCT_ID)) > wid)
			wid = ocop_text_width(meta(kept[i].d, OCOP_F_PRODUCT_ID));
	if (fmt == OCOP_OUT_CSV)
		fprintf(c.out, "%s%srank,product_id,product_name,set,total,stars,part_c,part_a,part_b,"
		               "status\n", group_column(&c) ? c.by : "", group_column(&c) ? "," : "");
	if (fmt == OCOP_OUT_JSON)
		fputs("[", c.out);
	if (fmt == OCOP_OUT_TABLE) {
		int vi = c.lang == OCOP_LANG_VI;
		const char *h2 = vi ? "Mã SP" : "Product", *h3 = vi ? "Tên sản phẩm" : "Name";
		fprintf(c.out, "%4s  ", vi ? "Hạng" : "Rank");
		fputs(h2, c.out);
		emit_pad(c.out, ocop_text_width(h2), wid + 2);
		fputs(h3, c.out);
		emit_pad(c.out, ocop_text_width(h3), 34);
		const char *h4 = vi ? "Bộ" : "Set", *h5 = vi ? "Tổng" : "Total", *h6 = vi ? "Sao" : "Stars";
		fputs(h4, c.out);
		emit_pad(c.out, ocop_text_width(h4), 7);
		emit_pad(c.out, ocop_text_width(h5), 6);
		fputs(h5, c.out);
		fputs("  ", c.out);
		fputs(h6, c.out);
		emit_pad(c.out, ocop_text_width(h6), 6);
		fprintf(c.out, "%6s %6s %6s\n", "C", "A", "B");
	}
	long shown = 0;
	for (size_t i = 0, pos = 0; i < m; i++, pos++) {
		int new_group = i == 0 || strcmp(kept[i].group, kept[i - 1].group) != 0;
		if (new_group) {
			pos = 0;
			if (fmt == OCOP_OUT_TABLE && c.by)
				fprintf(c.out, "%s%s\n", i ? "\n" : "", *kept[i].group ? kept[i].group : "—");
		}
		if (new_group)
			kept[i].rank = 1;
		else if (better(&kept[i], &kept[i - 1]) == 0)
			kept[i].rank = kept[i - 1].rank;
		else
			kept[i].rank = c.dense ? kept[i - 1].rank + 1 : (long)pos + 1;
		if (c.top && kept[i].rank > c.top)
			continue;
		rank_row(&c, fmt, &kept[i], shown++ == 0, wid);
	}
	if (fmt == OCOP_OUT_JSON)
		fputs(shown ? "\n]\n" : "]\n", c.out);
	int oc = cli_out_close(&c, 1);
	if (oc)
		rc = oc;
done:
	free(rows);
	cli_free(&c);
	return rc;
}

/* ---- due ---- */

struct due {
	struct ocop_dossier *d;
	char expires[11];
	long days;
};

static int due_cmp(const void *pa, const void *pb)
{
	const struct due *a = pa, *b = pb;
	int c = strcmp(a->expires, b->expires);

	return c ? c : ocop_text_collate(meta(a->d, OCOP_F_PRODUCT_ID), meta(b->d, OCOP_F_PRODUCT_ID));
}

int cmd_due(int argc, char **argv)
{
	struct cli c;
	struct due *list = NULL;
	size_t m = 0;
	int rc = cli_options(&c, "due", "on", argc, argv), fmt;

	if (rc)
		return rc > 0 ? EXIT_FINAL : EXIT_USAGE;
	if (!c.on) {
		fprintf(stderr, "ocop due: on which date? (--on YYYY-MM-DD)\nTry 'ocop due --help'.\n");
		cli_free(&c);
		return EXIT_USAGE;
	}
	rc = cli_load(&c, c.args, c.nargs);
	if (rc == 0)
		rc = cli_out_open(&c);
	if (rc != 0)
		goto done;
	cli_print_diags(&c.diags);
	list = calloc(ocop_batch_count(c.batch) + 1, sizeof *list);
	long today = ocop_date_days(c.on);
	for (size_t i = 0; list && i < ocop_batch_count(c.batch); i++) {
		struct ocop_dossier *d = ocop_batch_get(c.batch, i);
		const char *rec = d->meta[OCOP_F_RECOGNISED_ON];
		if (!rec || !ocop_date_valid(rec) || !d->regime)
			continue;
		struct due *e = &list[m];
		e->d = d;
		ocop_date_add_months(e->expires, rec, d->regime->certificate_months);
		e->days = ocop_date_days(e->expires) - today;
		if (e->days <= d->regime->notice_days)
			m++;
	}
	qsort(list, m, sizeof *list, due_cmp);
	fmt = cli_format(&c);
	size_t wid = 8;
	for (size_t i = 0; i < m; i++)
		if (ocop_text_width(meta(list[i].d, OCOP_F_PRODUCT_ID)) > wid)
			wid = ocop_text_width(meta(list[i].d, OCOP_F_PRODUCT_ID));
	if (fmt == OCOP_OUT_CSV)
		fputs("product_id,product_name,level,recognised_on,expires_on,days_left,status\n", c.out);
	if (fmt == OCOP_OUT_JSON)
		fputs("[", c.out);
	for (size_t i = 0; i < m; i++) {
		const struct due *e = &list[i];
		const char *st = e->days < 0 ? "expired" : "expiring";
		if (fmt == OCOP_OUT_CSV) {
			emit_csv(c.out, meta(e->d, OCOP_F_PRODUCT_ID));
			putc(',', c.out);
			emit_csv(c.out, meta(e->d, OCOP_F_PRODUCT_NAME));
			fprintf(c.out, ",%s,%s,%s,%ld,%s\n", meta(e->d, OCOP_F_LEVEL),
			        meta(e->d, OCOP_F_RECOGNISED_ON), e->expires, e->days, st);
		} else if (fmt == OCOP_OUT_TABLE) {
			int vi = c.lang == OCOP_LANG_VI;
			put_id_name(c.out, e->d, wid);
			fprintf(c.out, "%-9s %s → %s  ", meta(e->d, OCOP_F_LEVEL),
			        meta(e->d, OCOP_F_RECOGNISED_ON), e->expires);
			if (e->days < 0)
				fprintf(c.out, vi ? "đã hết hạn %ld ngày\n" : "expired %ld days ago\n", -e->days);
			else
				fprintf(c.out, vi ? "còn %ld ngày\n" : "%ld days left\n", e->days);
		} else {
			if (fmt == OCOP_OUT_JSON)
				fputs(i ? ",\n" : "\n", c.out);
			fputs("{\"product_id\":", c.out);
			emit_json(c.out, e->d->meta[OCOP_F_PRODUCT_ID]);
			fputs(",\"product_name\":", c.out);
			emit_json(c.out, e->d->meta[OCOP_F_PRODUCT_NAME]);
			fputs(",\"level\":", c.out);
			emit_json(c.out, e->d->meta[OCOP_F_LEVEL]);
			fprintf(c.out, ",\"recognised_on\":\"%s\",\"expires_on\":\"%s\",\"days_left\":%ld,"
			        "\"status\":\"%s\"}", meta(e->d, OCOP_F_RECOGNISED_ON), e->expires, e->days, st);
			if (fmt == OCOP_OUT_NDJSON)
				putc('\n', c.out);
		}
	}
	if (fmt == OCOP_OUT_JSON)
		fputs(m ? "\n]\n" : "]\n", c.out);
	rc = c.diags.n ? EXIT_RESULTS : EXIT_FINAL;
	int oc = cli_out_close(&c, 1);
	if (oc)
		rc = oc;
done:
	free(list);
	cli_free(&c);
	return rc;
}
