/* One product's page of the report: every criterion with each member's points, the mean, the
 * maximum and its star marks; the parts against their maxima; why the star is what it is; the path
 * to the next star (ocop_next_star). */
#include <string.h>

#include "html.h"
#include "ocop/i18n.h"
#include "ocop/nextstar.h"
#include "ocop/write.h"
#include "report_int.h"

static void marks_cell(FILE *f, const struct ocop_result *res, int leaf)
{
	int first = 1;

	for (size_t i = 0; i < res->nmarks; i++) {
		const struct ocop_mark_eval *e = &res->marks[i];
		if (e->mark->leaf != leaf)
			continue;
		fprintf(f, "%s<span class=\"%s\">%d★ %s%d %s</span>", first ? "" : " ",
		        e->met ? "ok" : "bad", e->mark->star, e->mark->above_zero ? "&gt;" : "≥",
		        e->mark->above_zero ? 0 : e->mark->points, e->met ? "✓" : "✗");
		first = 0;
	}
}

static void criteria_table(const struct rp *x, const struct ocop_dossier *d,
                           const struct ocop_result *res)
{
	FILE *f = x->f;
	const struct ocop_set *s = res->set;
	int lang = x->lang, last_section = -1, last_part = -1, cols = (int)d->nmembers + 5;

	fprintf(f, "<table class=\"small crit\">\n<thead><tr><th>%s</th><th>%s</th>",
	        ocop_lgettext(lang, "Id"), ocop_lgettext(lang, "Criterion"));
	for (size_t m = 0; m < d->nmembers; m++) {
		fputs("<th>", f);
		html_esc(f, d->members[m].name);
		fputs("</th>", f);
	}
	fprintf(f, "<th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
	        ocop_lgettext(lang, "Mean"), ocop_lgettext(lang, "Max"),
	        ocop_lgettext(lang, "Marks"));
	for (size_t ci = 0; ci < s->ncriteria; ci++) {
		const struct ocop_criterion *c = &s->criteria[ci];
		const struct ocop_section *sec = &s->sections[c->section];
		if (sec->part != last_part) {
			const struct ocop_part *p = &res->regime->parts[sec->part];
			fprintf(f, "<tr class=\"part\"><td colspan=\"%d\">", cols);
			html_printf(f, ocop_lgettext(lang, "Part %s — %s (%d)"), p->id,
			            rp_w(lang, p->name_vi, p->name_en), p->max);
			fputs("</td></tr>\n", f);
			last_part = sec->part;
		}
		if (c->section != last_section) {
			fprintf(f, "<tr class=\"sec\"><td colspan=\"%d\">%d. ", cols, sec->number);
			html_esc(f, rp_w(lang, sec->name_vi, sec->name_en));
			fprintf(f, " (%d)</td></tr>\n", sec->max);
			last_section = c->section;
		}
		fputs("<tr><td>", f);
		html_esc(f, c->id);
		fputs("</td><td class=\"lab\">", f);
		html_esc(f, rp_w(lang, c->label_vi, c->label_en));
		fputs("</td>", f);
		if (c->leaf < 0) {
			fprintf(f, "<td colspan=\"%zu\"></td><td class=\"num\">%d</td><td></td></tr>\n",
			        d->nmembers + 1, c->max);
			continue;
		}
		for (size_t m = 0; m < d->nmembers; m++)
			fprintf(f, "<td class=\"num\">%d</td>",
			        res->points[m * s->nleaves + (size_t)c->leaf]);
		fputs("<td class=\"num\"><b>", f);
		html_mean(f, res->leaf_sum[c->leaf], res->n);
		fprintf(f, "</b></td><td class=\"num\">%d</td><td>", c->max);
		marks_cell(f, res, c->leaf);
		fputs("</td></tr>\n", f);
	}
	fputs("<tr class=\"sec\"><td></td><td>", f);
	fputs(ocop_lgettext(lang, "Member's total"), f);
	fputs("</td>", f);
	for (size_t m = 0; m < d->nmembers; m++)
		fprintf(f, "<td class=\"num\">%d</td>", res->member_total[m]);
	fputs("<td class=\"num\"><b>", f);
	html_mean(f, res->total_sum, res->n);
	fputs("</b></td><td class=\"num\">100</td><td></td></tr>\n</tbody>\n</table>\n", f);
}

/* Parts against their maxima, and the total against the bands. */
static void parts_chart(const struct rp *x, const struct ocop_result *res)
{
	FILE *f = x->f;
	const struct ocop_regime *r = res->regime;
	const double W = 120, x0 = 16, pw = 70, row = 6;
	double H = row * (double)(r->nparts + 1) + 8;
	char buf[64], mean[32];
	int total_max = 0;

	svg_begin(f, W, H, ocop_lgettext(x->lang, "Parts against maxima"));
	for (size_t p = 0; p <= r->nparts; p++) {
		int max = p < r->nparts ? r->parts[p].max : total_max;
		long sum = p < r->nparts ? res->part_sum[p] : res->total_sum;
		double y = 3 + row * (double)p, frac = max > 0 && res->n > 0
		                                           ? (double)sum / res->n / max : 0;
		if (p < r->nparts)
			total_max += max;
		svg_text(f, x0 - 2, y + 3.2, "end", "",
		         p < r->nparts ? r->parts[p].id : ocop_lgettext(x->lang, "Total"));
		svg_rect(f, x0, y, pw, 4.2, "bar2");
		svg_rect(f, x0, y, pw * (frac > 1 ? 1 : frac), 4.2, "bar");
		ocop_format_mean(mean, sizeof mean, sum, res->n);
		snprintf(buf, sizeof buf, "%s / %d", mean, max);
		svg_text(f, x0 + pw + 2, y + 3.2, "start", "lbl", buf);
		if (p == r->nparts)
			for (size_t k = 0; k < r->nbands; k++)
				if (r->bands[k].min > 0 && r->bands[k].min < max) {
					double bx = x0 + pw * r->bands[k].min / max;
					svg_line(f, bx, y - 1, bx, y + 5.2, "band");
					snprintf(buf, sizeof buf, "%d", r->bands[k].min);
					svg_text(f, bx, y + 7.6, "middle", "lbl red", buf);
				}
	}
	svg_end(f);
}

static void mark_item(FILE *f, const struct rp *x, const struct ocop_result *res,
                      const struct ocop_mark_eval *e)
{
	const struct ocop_criterion *c = ocop_set_leaf(res->set, (size_t)e->mark->leaf);
	const char *label = rp_w(x->lang, c->label_vi, c->label_en);
	char mean[32];

	ocop_format_mean(mean, sizeof mean, e->sum, res->n);
	fputs("<li>", f);
	if (e->mark->above_zero)
		html_printf(f, ocop_lgettext(x->lang, "%s %s: the %d★ mark needs more than 0, mean %s"),
		            c->id, label, e->mark->star, mean);
	else
		html_printf(f, ocop_lgettext(x->lang, "%s %s: the %d★ mark needs at least %d, mean %s"),
		            c->id, label, e->mark->star, e->mark->points, mean);
	fputs("</li>\n", f);
}

/* Why the awarded star is what it is. */
static void why(const struct rp *x, const struct ocop_dossier *d, const struct ocop_result *res)
{
	FILE *f = x->f;
	int lang = x->lang, min = ocop_regime_band_min(res->regime, res->band);
	char mean[32];

	ocop_format_mean(mean, sizeof mean, res->total_sum, res->n);
	fprintf(f, "<h3>%s</h3>\n<p>", ocop_lgettext(lang, "Why this star"));
	html_printf(f, ocop_lgettext(lang, "Mean total %s is in the %d★ band (from %d)."), mean,
	            res->band, min < 0 ? 0 : min);
	if (res->stars < res->band) {
		fputs(" ", f);
		html_printf(f, ocop_lgettext(lang, "Not %d★ because of its star marks:"),
		            res->blocking_star);
		fputs("</p>\n<ul>\n", f);
		for (size_t i = 0; i < res->nmarks; i++)
			if (!res->marks[i].met && res->marks[i].mark->star == res->blocking_star)
				mark_item(f, x, res, &res->marks[i]);
		fputs("</ul>\n<p>", f);
	} else {
		fputs(" ", f);
	}
	/* The awarded star is in bold (the message's only markup). */
	if (res->status == OCOP_STATUS_RESCORE)
		fprintf(f, ocop_lgettext(lang, "Awarded <b>%d★</b>, not final: the members' totals "
		                               "differ by %d, more than %d; the council must re-score."),
		        res->stars, res->spread, res->regime->spread_limit);
	else if (res->recognised)
		fprintf(f, ocop_lgettext(lang, "Awarded <b>%d★</b>, recognised as an OCOP product."),
		        res->stars);
	else
		fprintf(f, ocop_lgettext(lang, "Awarded <b>%d★</b>, below %d★: not recognised."),
		        res->stars, res->regime->recognised_min_stars);
	fputs("</p>\n", f);
	for (size_t g = 0; g < res->set->ngates; g++)
		if (res->gate_hits[g]) {
			fputs("<p>", f);
			html_printf(f, ocop_lgettext(lang, "Gate applied: %s (%d/%d)"),
			            rp_w(lang, res->set->gates[g].note_vi, res->set->gates[g].note_en),
			            res->gate_hits[g], res->n);
			fputs("</p>\n", f);
		}
	(void)d;
}

/* The path to the next star, found exactly by ocop_next_star. */
static void next_star(const struct rp *x, const struct ocop_dossier *d,
                      const struct ocop_result *res)
{
	FILE *f = x->f;
	int lang = x->lang, next = res->stars + 1, min = ocop_regime_band_min(res->regime, next);
	struct ocop_path path;
	struct ocop_err err = {0};
	char from[32], gain[32];

	if (ocop_next_star(&path, res, d->flags, &err) < 0 || path.target == 0) {
		if (res->stars >= OCOP_MAX_STARS)
			fprintf(f, "<p>%s</p>\n", ocop_lgettext(lang, "Top star reached."));
		return;
	}
	fputs("<h3>", f);
	html_printf(f, ocop_lgettext(lang, "Path to %d★"), path.target);
	fputs("</h3>\n", f);
	if (min >= 0 && res->band < next) {
		ocop_format_mean(gain, sizeof gain, (long)min * res->n - res->total_sum, res->n);
		fputs("<p>", f);
		html_printf(f, ocop_lgettext(lang, "The %d★ band needs a mean of at least %d (%s points "
		                                   "short)."), next, min, gain);
		fputs("</p>\n", f);
	}
	if (!path.found) {
		fputs("<p>", f);
		html_printf(f, ocop_lgettext(lang, "No raise of criteria under this set reaches %d★."),
		            path.target);
		fputs("</p>\n", f);
		return;
	}
	fprintf(f, "<p>%s ", ocop_lgettext(lang, "The fewest criteria to raise (every member below "
	                                         "the option is raised to it):"));
	for (size_t i = 0; i < path.nmoves; i++) {
		const struct ocop_move *m = &path.moves[i];
		const struct ocop_criterion *c = ocop_set_leaf(res->set, (size_t)m->leaf);
		fputs(i ? "; <b>" : "<b>", f);
		html_esc(f, c->id);
		fputs("</b> ", f);
		html_esc(f, rp_w(lang, c->label_vi, c->label_en));
		fputs(" ", f);
		ocop_format_mean(from, sizeof from, res->leaf_sum[m->leaf], res->n);
		ocop_format_mean(gain, sizeof gain, m->gain, path.n);
		if (m->meets_mark)
			html_printf(f, ocop_lgettext(lang, "%s → %d (+%s, meets the %d★ mark)"), from, m->to,
			            gain, m->meets_mark);
		else
			html_printf(f, ocop_lgettext(lang, "%s → %d (+%s)"), from, m->to, gain);
	}
	ocop_format_mean(gain, sizeof gain, path.gain, path.n);
	html_printf(f, ocop_lgettext(lang, ". In all +%s to the mean total."), gain);
	fputs("</p>\n", f);
}

static void head(const struct rp *x, const struct ocop_dossier *d, const struct ocop_result *res)
{
	FILE *f = x->f;
	int lang = x->lang;

	fputs("<section class=\"product page\" id=\"p-", f);
	fprintf(f, "%zu\">\n<h2>", d->index + 1);
	html_esc(f, d->meta[OCOP_F_PRODUCT_ID]);
	fputs(" · ", f);
	html_esc(f, d->meta[OCOP_F_PRODUCT_NAME]);
	fputs("</h2>\n<p>", f);
	if (d->meta[OCOP_F_PRODUCER]) {
		html_esc(f, d->meta[OCOP_F_PRODUCER]);
		fputs(" · ", f);
	}
	if (res->set)
		html_printf(f, ocop_lgettext(lang, "Set %s — %s"), res->set->code,
		            rp_w(lang, res->set->name_vi, res->set->name_en));
	fputs(" · ", f);
	fprintf(f, ocop_lngettext(lang, "%zu member", "%zu members", d->nmembers), d->nmembers);
	if (res->regime) {
		fputs(" · ", f);
		html_printf(f, ocop_lgettext(lang, "regime %s"), res->regime->id);
	}
	fputs("</p>\n", f);
}

void rp_product(const struct rp *x, size_t i)
{
	FILE *f = x->f;
	const struct ocop_dossier *d = x->it[i].d;
	const struct ocop_result *res = x->it[i].res;
	const struct ocop_promotion_decision *dec = x->it[i].dec;
	int lang = x->lang;

	head(x, d, res);
	if (!rp_rated(res)) {
		fprintf(f, "<p class=\"bad\"><b>%s</b>: ", rp_status(res, lang));
		if (res->eliminated >= 0)
			html_esc(f, rp_w(lang, res->set->gates[res->eliminated].note_vi,
			                 res->set->gates[res->eliminated].note_en));
		else
			html_esc(f, ocop_dossier_error(d, lang));
		if (res->eliminated < 0 && d->nerrors > 1)
			fprintf(f, ocop_lngettext(lang, " (and %zu more)", " (and %zu more)",
			                          d->nerrors - 1), d->nerrors - 1);
		fputs("</p>\n", f);
	} else {
		criteria_table(x, d, res);
		fputs("<div class=\"grid\">\n<div class=\"small\">\n", f);
		why(x, d, res);
		next_star(x, d, res);
		fputs("</div>\n<div>\n", f);
		parts_chart(x, res);
		fputs("</div>\n</div>\n", f);
	}
	if (dec) {
		fputs("<p><b>", f);
		html_printf(f, ocop_lgettext(lang, "Decision of the %s council: %s"),
		            rp_level_name(dec->level, lang), rp_decision(dec->decision, lang));
		fputs("</b> — ", f);
		html_esc(f, lang == OCOP_LANG_EN ? dec->reason : dec->reason_vi);
		fputs("</p>\n", f);
	}
	fputs("</section>\n", f);
}
