/* The season report as one HTML page: header, summary and charts, the council's analysis, the
 * signature block, then a page per product. Every number comes from the results; every piece of
 * user text goes through html_esc. */
#include "ocop/report.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "ocop/i18n.h"
#include "ocop/nextstar.h"
#include "ocop/text.h"
#include "ocop/version.h"
#include "ocop/write.h"
#include "report_int.h"

const char *rp_w(int lang, const char *vi, const char *en)
{
	return lang == OCOP_LANG_EN ? en : vi;
}

const char *rp_level_name(int level, int lang)
{
	/* TRANSLATORS: the levels of councils, as they follow the word for "level" ("cấp %s"). */
	static const char *const names[] = {N_("commune"), N_("district"), N_("province"),
	                                    N_("central")};

	if (level < 0 || level >= OCOP_NLEVELS)
		return "";
	return ocop_lgettext(lang, names[level]);
}

int rp_rated(const struct ocop_result *res)
{
	return res->status != OCOP_STATUS_INVALID;
}

/* Adds s to a list of distinct values (at most max kept). */
static void distinct(const char **v, size_t *n, size_t max, const char *s)
{
	if (!s || !*s)
		return;
	for (size_t i = 0; i < *n; i++)
		if (strcmp(v[i], s) == 0)
			return;
	if (*n < max)
		v[(*n)++] = s;
}

static void put_list(FILE *f, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs("; ", f);
		html_esc(f, v[i]);
	}
}

void rp_context(struct rp *x, FILE *f, const struct ocop_report_item *it, size_t n,
                const struct ocop_report_opts *o)
{
	memset(x, 0, sizeof *x);
	x->f = f;
	x->it = it;
	x->n = n;
	x->lang = o->lang;
	x->level = o->level;
	for (size_t i = 0; i < n; i++) {
		const struct ocop_dossier *d = it[i].d;
		const char *on = d->meta[OCOP_F_EVALUATED_ON];
		if (!x->regime && it[i].res->regime)
			x->regime = it[i].res->regime;
		if (it[i].res->regime) {
			size_t k = 0;
			while (k < x->nregimes && x->regimes[k] != it[i].res->regime)
				k++;
			if (k == x->nregimes && k < RP_MAX_LIST)
				x->regimes[x->nregimes++] = it[i].res->regime;
		}
		distinct(x->levels, &x->nlevels, RP_MAX_LIST, d->meta[OCOP_F_LEVEL]);
		distinct(x->communes, &x->ncommunes, RP_MAX_LIST, d->meta[OCOP_F_COMMUNE]);
		distinct(x->districts, &x->ndistricts, RP_MAX_LIST, d->meta[OCOP_F_DISTRICT]);
		distinct(x->provinces, &x->nprovinces, RP_MAX_LIST, d->meta[OCOP_F_PROVINCE]);
		if (on && (!x->first_on || strcmp(on, x->first_on) < 0))
			x->first_on = on;
		if (on && (!x->last_on || strcmp(on, x->last_on) > 0))
			x->last_on = on;
	}
	if (x->level == OCOP_LEVEL_NONE && x->nlevels == 1)
		x->level = ocop_level_parse(x->levels[0]);
}

/* "Châu Phú, An Giang": the council's area at its level. */
void rp_place(const struct rp *x)
{
	FILE *f = x->f;
	int any = 0;

	if (x->level == OCOP_LEVEL_COMMUNE && x->ncommunes) {
		put_list(f, x->communes, x->ncommunes);
		any = 1;
	}
	if ((x->level == OCOP_LEVEL_COMMUNE || x->level == OCOP_LEVEL_DISTRICT ||
	     x->level == OCOP_LEVEL_NONE) && x->ndistricts) {
		fputs(any ? ", " : "", f);
		put_list(f, x->districts, x->ndistricts);
		any = 1;
	}
	if (x->level != OCOP_LEVEL_CENTRAL && x->nprovinces) {
		fputs(any ? ", " : "", f);
		put_list(f, x->provinces, x->nprovinces);
		any = 1;
	}
	if (!any)
		fputs(x->level == OCOP_LEVEL_CENTRAL ? ocop_lgettext(x->lang, "Hanoi") : "……………", f);
}

/* "ngày 20 tháng 9 năm 2024" / "20 September 2024"; dots to fill by hand when unknown. */
void rp_date(const struct rp *x, const char *ymd)
{
	/* TRANSLATORS: months in a date ("20 September 2024"): in Vietnamese "tháng 9". */
	static const char *const months[] = {N_("January"), N_("February"), N_("March"),
	                                     N_("April"), N_("May"), N_("June"), N_("July"),
	                                     N_("August"), N_("September"), N_("October"),
	                                     N_("November"), N_("December")};
	int y, m, d;

	if (!ymd || sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12) {
		fputs(ocop_lgettext(x->lang, "date ……………"), x->f);
		return;
	}
	/* TRANSLATORS: day, month (as translated above), year. */
	fprintf(x->f, ocop_lgettext(x->lang, "%d %s %d"), d, ocop_lgettext(x->lang, months[m - 1]), y);
}

/* The two-column heading of Vietnamese official papers. */
void rp_official_head(const struct rp *x)
{
	FILE *f = x->f;

	static const char *const council[] = {N_("COMMUNE OCOP COUNCIL"), N_("DISTRICT OCOP COUNCIL"),
	                                      N_("PROVINCIAL OCOP COUNCIL"), N_("CENTRAL OCOP COUNCIL")};

	fputs("<div class=\"official\">\n<div><b>", f);
	if (x->level >= 0 && x->level < OCOP_NLEVELS)
		fputs(ocop_lgettext(x->lang, council[x->level]), f);
	else
		fputs(ocop_lgettext(x->lang, "OCOP COUNCIL"), f);
	fputs("</b>", f);
	rp_place(x);
	fprintf(f, "</div>\n<div><b>%s</b><b>%s</b></div>\n</div>\n",
	        ocop_lgettext(x->lang, "SOCIALIST REPUBLIC OF VIET NAM"),
	        ocop_lgettext(x->lang, "Independence – Freedom – Happiness"));
}

static void header(const struct rp *x)
{
	FILE *f = x->f;
	int lang = x->lang;

	rp_official_head(x);
	fprintf(f, "<h1>%s</h1>\n<dl class=\"meta\">\n",
	        ocop_lgettext(lang, "OCOP PRODUCT EVALUATION AND RATING REPORT"));
	fprintf(f, "<dt>%s</dt><dd>", ocop_lgettext(lang, "Council"));
	if (x->level != OCOP_LEVEL_NONE)
		fprintf(f, ocop_lgettext(lang, "%s level"), rp_level_name(x->level, lang));
	else
		put_list(f, x->levels, x->nlevels);
	fputs(" — ", f);
	rp_place(x);
	fprintf(f, "</dd>\n<dt>%s</dt><dd>", ocop_lgettext(lang, "Evaluated on"));
	if (x->first_on && strcmp(x->first_on, x->last_on) != 0) {
		html_esc(f, x->first_on);
		fputs(" – ", f);
	}
	html_esc(f, x->last_on ? x->last_on : "—");
	fprintf(f, "</dd>\n<dt>%s</dt><dd>", ocop_lgettext(lang, "Regime"));
	for (size_t i = 0; i < x->nregimes; i++) {
		const struct ocop_regime *r = x->regimes[i];
		fputs(i ? "<br>" : "", f);
		html_esc(f, r->id);
		fputs(" — ", f);
		html_esc(f, r->decision);
		fputs(", ", f);
		html_esc(f, rp_w(lang, r->name_vi, r->name_en));
		fprintf(f, ocop_lgettext(lang, " (criteria_hash %s)"), r->hash);
	}
	if (!x->nregimes)
		fputs("—", f);
	fprintf(f, "</dd>\n<dt>%s</dt><dd>%zu</dd>\n", ocop_lgettext(lang, "Products"), x->n);
	fprintf(f, "<dt>%s</dt><dd>ocop %s</dd>\n</dl>\n", ocop_lgettext(lang, "Prepared with"),
	        OCOP_VERSION);
}

/* Counts: final results by awarded star, and those not final. */
struct counts {
	size_t stars[OCOP_MAX_STARS + 1], recognised, unrecognised, rescore, invalid;
};

static void count(const struct rp *x, struct counts *c)
{
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < x->n; i++) {
		const struct ocop_result *res = x->it[i].res;
		if (!rp_rated(res))
			c->invalid++;
		else if (res->status == OCOP_STATUS_RESCORE)
			c->rescore++;
		else {
			c->stars[res->stars < 0 ? 0 : res->stars]++;
			if (res->recognised)
				c->recognised++;
			else
				c->unrecognised++;
		}
	}
}

const char *rp_status(const struct ocop_result *res, int lang)
{
	if (res->status == OCOP_STATUS_INVALID)
		return res->eliminated >= 0 ? ocop_lgettext(lang, "eliminated")
		                            : ocop_lgettext(lang, "invalid");
	if (res->status == OCOP_STATUS_RESCORE)
		return ocop_lgettext(lang, "re-score");
	return res->recognised ? ocop_lgettext(lang, "recognised")
	                       : ocop_lgettext(lang, "not recognised");
}

const char *rp_decision(int d, int lang)
{
	/* TRANSLATORS: promotion decisions; in English the codes of promote's output. */
	static const char *const names[] = {N_("certify"), N_("forward"), N_("not-recognised"),
	                                    N_("hold"), N_("return")};

	return d >= 0 && d <= OCOP_RETURN ? ocop_lgettext(lang, names[d]) : "";
}

/* The part sum of part p, or -1 when the result has none (an invalid dossier). */
static long part_of(const struct ocop_result *res, size_t p)
{
	return rp_rated(res) && res->regime && p < res->regime->nparts ? res->part_sum[p] : -1;
}

static void summary_table(const struct rp *x)
{
	FILE *f = x->f;
	int lang = x->lang, dec = x->n && x->it[0].dec;
	const struct ocop_regime *r = x->regime;

	fprintf(f, "<table class=\"small sum%s\">\n<thead><tr><th>%s</th><th>%s</th><th>%s</th>"
	        "<th>%s</th><th>%s</th>", dec ? " dec" : "", ocop_lgettext(lang, "No."),
	        ocop_lgettext(lang, "Product"),
	        ocop_lgettext(lang, "Name / producer"), ocop_lgettext(lang, "Set"),
	        ocop_lgettext(lang, "Mem."));
	for (size_t p = 0; r && p < r->nparts; p++) {
		fputs("<th>", f);
		html_esc(f, r->parts[p].id);
		fputs("</th>", f);
	}
	fprintf(f, "<th>%s</th><th>%s</th><th>%s</th><th>%s</th>", ocop_lgettext(lang, "Total"),
	        ocop_lgettext(lang, "Band"), ocop_lgettext(lang, "Awarded"),
	        ocop_lgettext(lang, "Status"));
	if (dec)
		fprintf(f, "<th>%s</th><th>%s</th>", ocop_lgettext(lang, "Decision"),
		        ocop_lgettext(lang, "Reason"));
	fputs("</tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < x->n; i++) {
		const struct ocop_dossier *d = x->it[i].d;
		const struct ocop_result *res = x->it[i].res;
		fprintf(f, "<tr><td class=\"num\">%zu</td><td class=\"nw\">", i + 1);
		html_esc(f, d->meta[OCOP_F_PRODUCT_ID]);
		fputs("</td><td>", f);
		html_esc(f, d->meta[OCOP_F_PRODUCT_NAME]);
		if (d->meta[OCOP_F_PRODUCER]) {
			fputs("<br><span class=\"muted\">", f);
			html_esc(f, d->meta[OCOP_F_PRODUCER]);
			fputs("</span>", f);
		}
		fputs("</td><td>", f);
		html_esc(f, res->set ? res->set->code : d->meta[OCOP_F_SET]);
		fprintf(f, "</td><td class=\"num\">%zu</td>", d->nmembers);
		for (size_t p = 0; r && p < r->nparts; p++) {
			long s = part_of(res, p);
			fputs("<td class=\"num\">", f);
			if (s >= 0)
				html_mean(f, s, res->n);
			fputs("</td>", f);
		}
		fputs("<td class=\"num\"><b>", f);
		if (rp_rated(res))
			html_mean(f, res->total_sum, res->n);
		fputs("</b></td><td class=\"c nw\">", f);
		if (rp_rated(res))
			html_stars(f, res->band);
		fputs("</td><td class=\"c nw\"><b>", f);
		if (rp_rated(res))
			html_stars(f, res->stars);
		fprintf(f, "</b></td><td>%s</td>", rp_status(res, lang));
		if (dec) {
			const struct ocop_promotion_decision *p = x->it[i].dec;
			fprintf(f, "<td>%s</td><td>", rp_decision(p->decision, lang));
			html_esc(f, lang == OCOP_LANG_EN ? p->reason : p->reason_vi);
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table>\n", f);
}

static void counts_table(const struct rp *x, const struct counts *c)
{
	FILE *f = x->f;
	int lang = x->lang;

	fprintf(f, "<table class=\"keep\"><thead><tr><th>5★</th><th>4★</th><th>3★</th>"
	        "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody><tr>",
	        ocop_lgettext(lang, "Below 3★ (not recognised)"),
	        ocop_lgettext(lang, "Re-score"), ocop_lgettext(lang, "Invalid"),
	        ocop_lgettext(lang, "All"));
	fprintf(f, "<td class=\"c\">%zu</td><td class=\"c\">%zu</td><td class=\"c\">%zu</td>"
	        "<td class=\"c\">%zu</td><td class=\"c\">%zu</td><td class=\"c\">%zu</td>"
	        "<td class=\"c\">%zu</td></tr></tbody></table>\n", c->stars[5], c->stars[4],
	        c->stars[3], c->unrecognised, c->rescore, c->invalid, x->n);
}

/* Bars of products by awarded star (final results), and those not final. */
static void star_chart(const struct rp *x, const struct counts *c)
{
	FILE *f = x->f;
	const char *lab[] = {"1★", "2★", "3★", "4★", "5★", ocop_lgettext(x->lang, "re-score"),
	                     ocop_lgettext(x->lang, "invalid")};
	size_t v[] = {c->stars[1] + c->stars[0], c->stars[2], c->stars[3], c->stars[4], c->stars[5],
	              c->rescore, c->invalid};
	size_t max = 1;
	char buf[32];
	const double W = 90, H = 52, x0 = 8, y0 = 44, ph = 36, bw = 10.5;

	for (int i = 0; i < 7; i++)
		max = v[i] > max ? v[i] : max;
	svg_begin(f, W, H, ocop_lgettext(x->lang, "Star distribution"));
	svg_line(f, x0, y0, W - 2, y0, "axis");
	for (int t = 0; t <= 4; t++) {
		double val = (double)max * t / 4, y = y0 - ph * t / 4;
		if (t && floor(val) != val && max >= 4)
			continue;
		svg_line(f, x0, y, W - 2, y, "grid");
		snprintf(buf, sizeof buf, "%g", floor(val * 10) / 10);
		svg_text(f, x0 - 1, y + 0.8, "end", "lbl", buf);
	}
	for (int i = 0; i < 7; i++) {
		double h = ph * (double)v[i] / (double)max, bx = x0 + 1.5 + i * (bw + 1.5);
		svg_rect(f, bx, y0 - h, bw, h, i < 5 ? "bar" : "bar2");
		snprintf(buf, sizeof buf, "%zu", v[i]);
		svg_text(f, bx + bw / 2, y0 - h - 0.8, "middle", "", buf);
		svg_text(f, bx + bw / 2, y0 + 3.2, "middle", "lbl", lab[i]);
	}
	svg_text(f, W / 2, 4, "middle", "", ocop_lgettext(x->lang, "Products by awarded star"));
	svg_end(f);
}

/* Products by mean total in bins of 5 points, with the regime's band thresholds drawn. */
static void histogram(const struct rp *x)
{
	FILE *f = x->f;
	size_t bins[20] = {0}, max = 1;
	char buf[48];
	const double W = 100, H = 52, x0 = 8, y0 = 44, pw = 88, ph = 34;

	for (size_t i = 0; i < x->n; i++) {
		const struct ocop_result *res = x->it[i].res;
		long c;
		if (!rp_rated(res) || res->n <= 0)
			continue;
		c = ocop_mean_centi(res->total_sum, res->n);
		bins[c >= 10000 ? 19 : c / 500]++;
	}
	for (int b = 0; b < 20; b++)
		max = bins[b] > max ? bins[b] : max;
	svg_begin(f, W, H, ocop_lgettext(x->lang, "Histogram of totals"));
	svg_line(f, x0, y0, x0 + pw, y0, "axis");
	for (int b = 0; b < 20; b++) {
		double h = ph * (double)bins[b] / (double)max;
		if (bins[b]) {
			svg_rect(f, x0 + pw * b / 20 + 0.2, y0 - h, pw / 20 - 0.4, h, "bar");
			snprintf(buf, sizeof buf, "%zu", bins[b]);
			svg_text(f, x0 + pw * (b + 0.5) / 20, y0 - h - 0.7, "middle", "lbl", buf);
		}
	}
	for (int t = 0; t <= 100; t += 10) {
		snprintf(buf, sizeof buf, "%d", t);
		svg_line(f, x0 + pw * t / 100, y0, x0 + pw * t / 100, y0 + 1, "axis");
		svg_text(f, x0 + pw * t / 100, y0 + 3.5, "middle", "lbl", buf);
	}
	for (size_t k = 0; x->regime && k < x->regime->nbands; k++) {
		const struct ocop_band *bd = &x->regime->bands[k];
		double bx = x0 + pw * bd->min / 100.0;
		if (bd->min <= 0 || bd->min > 100)
			continue;
		svg_line(f, bx, y0 - ph - 2, bx, y0, "band");
		snprintf(buf, sizeof buf, "%d (%d★)", bd->min, bd->stars);
		svg_text(f, bx, y0 - ph - 2.8, "middle", "lbl red", buf);
	}
	svg_text(f, W / 2, 4, "middle", "",
	         ocop_lgettext(x->lang, "Products by mean total (5-point bins)"));
	svg_end(f);
}

static void charts(const struct rp *x, const struct counts *c)
{
	fputs("<div class=\"grid keep\">\n<div>\n", x->f);
	star_chart(x, c);
	fputs("</div>\n<div>\n", x->f);
	histogram(x);
	fputs("</div>\n</div>\n", x->f);
}

/* A member's deviations from the council mean, over the products they scored. */
struct lenient {
	const char *name;
	double mean, lo, hi;
	size_t n;
};

static int by_name(const void *a, const void *b)
{
	return ocop_text_collate(((const struct lenient *)a)->name,
	                         ((const struct lenient *)b)->name);
}

/* Adds a deviation of the member `name` (found or added to v, which holds RP_MAX_MEMBERS). */
static void deviate(struct lenient *v, size_t *nv, const char *name, double dev)
{
	size_t k = 0;

	while (k < *nv && strcmp(v[k].name, name) != 0)
		k++;
	if (k == *nv) {
		if (k == RP_MAX_MEMBERS)
			return;
		v[(*nv)++] = (struct lenient){name, 0, dev, dev, 0};
	}
	v[k].lo = dev < v[k].lo ? dev : v[k].lo;
	v[k].hi = dev > v[k].hi ? dev : v[k].hi;
	v[k].mean += dev;
	v[k].n++;
}

/* Each member's mean deviation, sorted by name; returns how many members. */
static size_t lenient_stats(const struct rp *x, struct lenient *v)
{
	size_t nv = 0;

	for (size_t i = 0; i < x->n; i++) {
		const struct ocop_result *res = x->it[i].res;
		if (!rp_rated(res) || res->n <= 0)
			continue;
		for (size_t m = 0; m < x->it[i].d->nmembers; m++)
			deviate(v, &nv, x->it[i].d->members[m].name,
			        res->member_total[m] - (double)res->total_sum / res->n);
	}
	for (size_t k = 0; k < nv; k++)
		v[k].mean /= (double)v[k].n;
	qsort(v, nv, sizeof *v, by_name);
	return nv;
}

/* The dot plot: a dot at the mean deviation, a whisker from the smallest to the largest. */
static void lenient_plot(const struct rp *x, const struct lenient *v, size_t nv)
{
	FILE *f = x->f;
	const double W = 180, row = 5, x0 = 30, pw = 120, top = 6, H = top + row * (double)nv + 6;
	double lim = 5;
	char buf[64];

	for (size_t k = 0; k < nv; k++) {
		lim = fabs(v[k].lo) > lim ? fabs(v[k].lo) : lim;
		lim = fabs(v[k].hi) > lim ? fabs(v[k].hi) : lim;
	}
	lim = ceil(lim / 5) * 5;
	svg_begin(f, W, H, ocop_lgettext(x->lang, "Members' leniency"));
	for (int t = -(int)lim; t <= (int)lim; t += 5) {
		double gx = x0 + pw * (t + lim) / (2 * lim);
		svg_line(f, gx, top - 1, gx, H - 5, t ? "grid" : "axis");
		snprintf(buf, sizeof buf, "%+d", t);
		svg_text(f, gx, H - 2, "middle", "lbl", t ? buf : "0");
	}
	for (size_t k = 0; k < nv; k++) {
		double y = top + row * ((double)k + 0.5);
		svg_text(f, x0 - 2, y + 0.9, "end", "", v[k].name);
		svg_line(f, x0 + pw * (v[k].lo + lim) / (2 * lim), y,
		         x0 + pw * (v[k].hi + lim) / (2 * lim), y, "whisk");
		svg_circle(f, x0 + pw * (v[k].mean + lim) / (2 * lim), y, 1.2, "dot");
		/* TRANSLATORS: a member's mean deviation and the products they scored (short). */
		snprintf(buf, sizeof buf, ocop_lngettext(x->lang, "%+.2f (%zu product)",
		                                         "%+.2f (%zu products)", v[k].n), v[k].mean,
		         v[k].n);
		svg_text(f, x0 + pw + 3, y + 0.9, "start", "lbl", buf);
	}
	svg_end(f);
}

/* Each member's leniency: their mean deviation from the council mean over the products they
 * scored. Members are told apart by name across products. */
static void leniency(const struct rp *x)
{
	struct lenient *v = calloc(RP_MAX_MEMBERS, sizeof *v);
	size_t nv;

	fprintf(x->f, "<h3>%s</h3>\n<p class=\"small\">%s</p>\n",
	        ocop_lgettext(x->lang, "Each member's leniency"),
	        ocop_lgettext(x->lang, "Dot: the mean deviation of the member's total from the "
	                               "council's mean over the products they scored; whisker: "
	                               "smallest to largest."));
	if (!v)
		return;
	nv = lenient_stats(x, v);
	if (nv)
		lenient_plot(x, v, nv);
	else
		fprintf(x->f, "<p>%s</p>\n", ocop_lgettext(x->lang, "None."));
	free(v);
}

struct pair {
	size_t item;
	int leaf, lo, hi;
};

static int wider(const void *pa, const void *pb)
{
	const struct pair *a = pa, *b = pb;

	if (a->hi - a->lo != b->hi - b->lo)
		return b->hi - b->lo > a->hi - a->lo ? 1 : -1;
	if (a->item != b->item)
		return a->item < b->item ? -1 : 1;
	return a->leaf - b->leaf;
}

#define WIDEST 10

/* The criteria, product by product, on which the members' points lie furthest apart. */
static void disagreement(const struct rp *x)
{
	FILE *f = x->f;
	size_t np = 0, cap = 0;
	struct pair *v = NULL;

	for (size_t i = 0; i < x->n; i++) {
		const struct ocop_result *res = x->it[i].res;
		if (!rp_rated(res) || !res->set || res->n < 2)
			continue;
		for (size_t l = 0; l < res->set->nleaves; l++) {
			struct pair p = {i, (int)l, 1000, -1000};
			for (int m = 0; m < res->n; m++) {
				int pt = res->points[(size_t)m * res->set->nleaves + l];
				p.lo = pt < p.lo ? pt : p.lo;
				p.hi = pt > p.hi ? pt : p.hi;
			}
			if (p.hi <= p.lo)
				continue;
			if (np == cap) {
				struct pair *nv = realloc(v, (cap = cap ? cap * 2 : 256) * sizeof *v);
				if (!nv) {
					free(v);
					return;
				}
				v = nv;
			}
			v[np++] = p;
		}
	}
	if (np)
		qsort(v, np, sizeof *v, wider);
	fprintf(f, "<h3>%s</h3>\n", ocop_lgettext(x->lang, "Criteria with the widest disagreement"));
	if (!np) {
		fprintf(f, "<p>%s</p>\n", ocop_lgettext(x->lang, "None."));
		free(v);
		return;
	}
	fprintf(f, "<table class=\"small\"><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
	        "<th>%s</th><th>%s</th></tr></thead>\n<tbody>\n", ocop_lgettext(x->lang, "Product"),
	        ocop_lgettext(x->lang, "Criterion"), ocop_lgettext(x->lang, "Label"),
	        ocop_lgettext(x->lang, "Members' points"),
	        ocop_lgettext(x->lang, "Range"), ocop_lgettext(x->lang, "Max"));
	for (size_t k = 0; k < np && k < WIDEST; k++) {
		const struct ocop_result *res = x->it[v[k].item].res;
		const struct ocop_criterion *c = ocop_set_leaf(res->set, (size_t)v[k].leaf);
		fputs("<tr><td>", f);
		html_esc(f, x->it[v[k].item].d->meta[OCOP_F_PRODUCT_ID]);
		fputs("</td><td>", f);
		html_esc(f, c->id);
		fputs("</td><td>", f);
		html_esc(f, rp_w(x->lang, c->label_vi, c->label_en));
		fputs("</td><td>", f);
		for (int m = 0; m < res->n; m++)
			fprintf(f, "%s%d", m ? ", " : "", res->points[(size_t)m * res->set->nleaves +
			                                              (size_t)v[k].leaf]);
		fprintf(f, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td></tr>\n",
		        v[k].hi - v[k].lo, c->max);
	}
	fputs("</tbody></table>\n", f);
	free(v);
}

/* "TV1 80, TV2 95": each member's total (allocated; NULL when out of memory). */
static char *member_totals(const struct ocop_dossier *d, const struct ocop_result *res)
{
	size_t cap = 1, len = 0;
	char *s;

	for (size_t m = 0; m < d->nmembers; m++)
		cap += strlen(d->members[m].name) + 16;
	if (!(s = malloc(cap)))
		return NULL;
	s[0] = '\0';
	for (size_t m = 0; m < d->nmembers && len < cap; m++)
		len += (size_t)snprintf(s + len, cap - len, "%s%s %d", m ? ", " : "",
		                        d->members[m].name, res->member_total[m]);
	return s;
}

static void rescored(const struct rp *x)
{
	FILE *f = x->f;
	int any = 0;
	char *totals;

	fprintf(f, "<h3>%s</h3>\n", ocop_lgettext(x->lang, "Products to re-score"));
	for (size_t i = 0; i < x->n; i++) {
		const struct ocop_result *res = x->it[i].res;
		const struct ocop_dossier *d = x->it[i].d;
		if (res->status != OCOP_STATUS_RESCORE)
			continue;
		fputs(any++ ? "" : "<ul>\n", f);
		fputs("<li>", f);
		html_esc(f, d->meta[OCOP_F_PRODUCT_ID]);
		fputs(" ", f);
		html_esc(f, d->meta[OCOP_F_PRODUCT_NAME]);
		totals = member_totals(d, res);
		html_printf(f, ocop_lgettext(x->lang, ": spread %d > %d (totals: %s)"), res->spread,
		            res->regime->spread_limit, totals ? totals : "…");
		free(totals);
		fputs("</li>\n", f);
	}
	fputs(any ? "</ul>\n" : "", f);
	if (!any)
		fprintf(f, "<p>%s</p>\n", ocop_lgettext(x->lang, "None."));
}

/* Failed marks of star s, counted. */
int rp_failed_marks(const struct ocop_result *res, int star)
{
	int k = 0;

	for (size_t i = 0; i < res->nmarks; i++)
		k += !res->marks[i].met && res->marks[i].mark->star == star;
	return k;
}

/* Within OCOP_REPORT_NEAR_BAND points of the next band, or the next band reached and one mark
 * away from its star. */
static void borderline(const struct rp *x)
{
	FILE *f = x->f;
	int any = 0;

	fprintf(f, "<h3>%s</h3>\n<p class=\"small\">", ocop_lgettext(x->lang, "Borderline products"));
	fprintf(f, ocop_lgettext(x->lang, "At most %d points short of the next band, or in a higher "
	                                  "band with a single star mark failed."),
	        OCOP_REPORT_NEAR_BAND);
	fputs("</p>\n", f);
	for (size_t i = 0; i < x->n; i++) {
		const struct ocop_result *res = x->it[i].res;
		const struct ocop_dossier *d = x->it[i].d;
		int next = res->stars + 1, min;
		long need;
		char mean[32], shortby[32];
		if (res->status != OCOP_STATUS_OK || res->stars >= OCOP_MAX_STARS)
			continue;
		min = ocop_regime_band_min(res->regime, next);
		need = (long)min * res->n - res->total_sum;
		if (res->band >= next && rp_failed_marks(res, next) == 1) {
			fputs(any++ ? "" : "<ul>\n", f);
			fputs("<li>", f);
			html_esc(f, d->meta[OCOP_F_PRODUCT_ID]);
			fputs(" ", f);
			html_esc(f, d->meta[OCOP_F_PRODUCT_NAME]);
			fprintf(f, ocop_lgettext(x->lang, ": band %d★, one %d★ mark short"), res->band, next);
			for (size_t k = 0; k < res->nmarks; k++)
				if (!res->marks[k].met && res->marks[k].mark->star == next) {
					fputs(" (", f);
					html_esc(f, ocop_set_leaf(res->set, (size_t)res->marks[k].mark->leaf)->id);
					fputs(")", f);
				}
			fputs("</li>\n", f);
		} else if (min >= 0 && res->band < next && need > 0 &&
		           need <= (long)OCOP_REPORT_NEAR_BAND * res->n) {
			fputs(any++ ? "" : "<ul>\n", f);
			fputs("<li>", f);
			html_esc(f, d->meta[OCOP_F_PRODUCT_ID]);
			fputs(" ", f);
			html_esc(f, d->meta[OCOP_F_PRODUCT_NAME]);
			ocop_format_mean(mean, sizeof mean, res->total_sum, res->n);
			ocop_format_mean(shortby, sizeof shortby, need, res->n);
			fprintf(f, ocop_lgettext(x->lang, ": %s, %s points short of %d (%d★)"), mean,
			        shortby, min, next);
			fputs("</li>\n", f);
		}
	}
	fputs(any ? "</ul>\n" : "", f);
	if (!any)
		fprintf(f, "<p>%s</p>\n", ocop_lgettext(x->lang, "None."));
}

/* Names of every member of the council, in order of first appearance. */
size_t rp_members(const struct rp *x, const char **v, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < x->n; i++)
		for (size_t m = 0; m < x->it[i].d->nmembers; m++)
			distinct(v, &n, max, x->it[i].d->members[m].name);
	return n;
}

/* The signature block of Vietnamese minutes: place and date, secretary and chair, then members. */
void rp_signatures(const struct rp *x, int with_members)
{
	FILE *f = x->f;
	const char *names[64];
	size_t n = with_members ? rp_members(x, names, 64) : 0;
	const char *sign = ocop_lgettext(x->lang, "(signature and full name)");

	fputs("<div class=\"keep\">\n<p style=\"text-align:right\"><i>", f);
	rp_place(x);
	fputs(", ", f);
	rp_date(x, x->last_on);
	fputs("</i></p>\n<div class=\"sig\">\n", f);
	fprintf(f, "<div><b>%s</b><i>%s</i></div>\n<div><b>%s</b><i>%s</i></div>\n</div>\n",
	        ocop_lgettext(x->lang, "COUNCIL SECRETARY"), sign,
	        ocop_lgettext(x->lang, "COUNCIL CHAIR"), sign);
	if (n) {
		fprintf(f, "<p class=\"c\"><b>%s</b></p>\n<div class=\"sig\">\n",
		        ocop_lgettext(x->lang, "COUNCIL MEMBERS"));
		for (size_t i = 0; i < n; i++) {
			if (i && i % 4 == 0)
				fputs("</div>\n<div class=\"sig\">\n", f);
			fputs("<div><b>", f);
			html_esc(f, names[i]);
			fprintf(f, "</b><i>%s</i></div>\n", sign);
		}
		for (size_t i = n % 4 ? n % 4 : 4; i < 4; i++)
			fputs("<div></div>\n", f);
		fputs("</div>\n", f);
	}
	fputs("</div>\n", f);
}

int ocop_report_html(FILE *f, const struct ocop_report_item *items, size_t n,
                     const struct ocop_report_opts *o)
{
	struct rp x;
	struct counts c;
	int lang = o->lang;

	rp_context(&x, f, items, n, o);
	count(&x, &c);
	html_begin(f, lang, ocop_lgettext(lang, "OCOP evaluation and rating report"), NULL);
	header(&x);
	fprintf(f, "<h2>1. %s</h2>\n", ocop_lgettext(lang, "Summary of results"));
	summary_table(&x);
	fprintf(f, "<h2>2. %s</h2>\n", ocop_lgettext(lang, "Counts by star"));
	counts_table(&x, &c);
	charts(&x, &c);
	fprintf(f, "<h2 class=\"page\">3. %s</h2>\n", ocop_lgettext(lang, "Council analysis"));
	leniency(&x);
	disagreement(&x);
	rescored(&x);
	borderline(&x);
	rp_signatures(&x, 1);
	for (size_t i = 0; i < n; i++)
		rp_product(&x, i);
	return html_end(f);
}
