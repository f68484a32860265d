/* One product's page of the report: every criterion with each member's points, the mean, the
 * maximum and its star marks; the parts against their maxima; why the star is what it is; the path
 * to the next star (ocop_next_star). */
#include <string.h>

#include "html.h"
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
	        rp_w(lang, "Mã", "Id"), rp_w(lang, "Tiêu chí", "Criterion"));
	for (size_t m = 0; m < d->nmembers; m++) {
		fputs("<th>", f);
		html_esc(f, d->members[m].name);
		fputs("</th>", f);
	}
	fprintf(f, "<th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
	        rp_w(lang, "TB", "Mean"), rp_w(lang, "Tối đa", "Max"), rp_w(lang, "Mốc sao", "Marks"));
	for (size_t ci = 0; ci < s->ncriteria; ci++) {
		const struct ocop_criterion *c = &s->criteria[ci];
		const struct ocop_section *sec = &s->sections[c->section];
		if (sec->part != last_part) {
			const struct ocop_part *p = &res->regime->parts[sec->part];
			fprintf(f, "<tr class=\"part\"><td colspan=\"%d\">%s ", cols, rp_w(lang, "Phần", "Part"));
			html_esc(f, p->id);
			fputs(" — ", f);
			html_esc(f, rp_w(lang, p->name_vi, p->name_en));
			fprintf(f, " (%d)</td></tr>\n", p->max);
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
	fputs(rp_w(lang, "Tổng điểm của thành viên", "Member's total"), f);
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

	svg_begin(f, W, H, rp_w(x->lang, "Điểm các phần so với tối đa", "Parts against maxima"));
	for (size_t p = 0; p <= r->nparts; p++) {
		int max = p < r->nparts ? r->parts[p].max : total_max;
		long sum = p < r->nparts ? res->part_sum[p] : res->total_sum;
		double y = 3 + row * (double)p, frac = max > 0 && res->n > 0
		                                           ? (double)sum / res->n / max : 0;
		if (p < r->nparts)
			total_max += max;
		svg_text(f, x0 - 2, y + 3.2, "end", "",
		         p < r->nparts ? r->parts[p].id : rp_w(x->lang, "Tổng", "Total"));
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

	fputs("<li>", f);
	html_esc(f, c->id);
	fputs(" ", f);
	html_esc(f, rp_w(x->lang, c->label_vi, c->label_en));
	if (e->mark->above_zero)
		fprintf(f, rp_w(x->lang, ": mốc %d★ cần lớn hơn 0, trung bình ",
		                ": the %d★ mark needs more than 0, mean "), e->mark->star);
	else
		fprintf(f, rp_w(x->lang, ": mốc %d★ cần ≥ %d, trung bình ",
		                ": the %d★ mark needs at least %d, mean "), e->mark->star,
		        e->mark->points);
	html_mean(f, e->sum, res->n);
	fputs("</li>\n", f);
}

/* Why the awarded star is what it is. */
static void why(const struct rp *x, const struct ocop_dossier *d, const struct ocop_result *res)
{
	FILE *f = x->f;
	int lang = x->lang, min = ocop_regime_band_min(res->regime, res->band);

	fprintf(f, "<h3>%s</h3>\n<p>", rp_w(lang, "Vì sao xếp hạng này", "Why this star"));
	fputs(rp_w(lang, "Điểm trung bình ", "Mean total "), f);
	html_mean(f, res->total_sum, res->n);
	fprintf(f, rp_w(lang, " thuộc hạng điểm %d★ (từ %d).", " is in the %d★ band (from %d)."),
	        res->band, min < 0 ? 0 : min);
	if (res->stars < res->band) {
		fprintf(f, rp_w(lang, " Không đạt %d★ vì chưa đạt mốc sao:</p>\n<ul>\n",
		                " Not %d★ because of its star marks:</p>\n<ul>\n"), res->blocking_star);
		for (size_t i = 0; i < res->nmarks; i++)
			if (!res->marks[i].met && res->marks[i].mark->star == res->blocking_star)
				mark_item(f, x, res, &res->marks[i]);
		fputs("</ul>\n<p>", f);
	} else {
		fputs(" ", f);
	}
	fprintf(f, rp_w(lang, "Xếp hạng <b>%d★</b>", "Awarded <b>%d★</b>"), res->stars);
	if (res->status == OCOP_STATUS_RESCORE)
		fprintf(f, rp_w(lang, ", chưa phải kết quả cuối cùng: chênh lệch tổng điểm giữa các thành "
		                      "viên là %d, vượt quá %d, hội đồng phải chấm lại.",
		                ", not final: the members' totals differ by %d, more than %d; the council "
		                "must re-score."), res->spread, res->regime->spread_limit);
	else if (res->recognised)
		fputs(rp_w(lang, ", được công nhận sản phẩm OCOP.", ", recognised as an OCOP product."), f);
	else
		fprintf(f, rp_w(lang, ", dưới %d★: không được công nhận.",
		                ", below %d★: not recognised."), res->regime->recognised_min_stars);
	fputs("</p>\n", f);
	for (size_t g = 0; g < res->set->ngates; g++)
		if (res->gate_hits[g]) {
			fputs(rp_w(lang, "<p>Điều kiện áp dụng: ", "<p>Gate applied: "), f);
			html_esc(f, rp_w(lang, res->set->gates[g].note_vi, res->set->gates[g].note_en));
			fprintf(f, " (%d/%d)</p>\n", res->gate_hits[g], res->n);
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

	if (ocop_next_star(&path, res, d->flags, &err) < 0 || path.target == 0) {
		if (res->stars >= OCOP_MAX_STARS)
			fprintf(f, "<p>%s</p>\n", rp_w(lang, "Đã đạt hạng cao nhất.", "Top star reached."));
		return;
	}
	fprintf(f, rp_w(lang, "<h3>Đường tới %d★</h3>\n", "<h3>Path to %d★</h3>\n"), path.target);
	if (min >= 0 && res->band < next) {
		fprintf(f, rp_w(lang, "<p>Hạng điểm %d★ cần điểm trung bình ≥ %d (thiếu ",
		                "<p>The %d★ band needs a mean of at least %d ("), next, min);
		html_mean(f, (long)min * res->n - res->total_sum, res->n);
		fputs(rp_w(lang, " điểm).</p>\n", " points short).</p>\n"), f);
	}
	if (!path.found) {
		fprintf(f, rp_w(lang, "<p>Không có cách nâng tiêu chí nào trong bộ này để đạt %d★.</p>\n",
		                "<p>No raise of criteria under this set reaches %d★.</p>\n"), path.target);
		return;
	}
	fprintf(f, "<p>%s ", rp_w(lang, "Ít tiêu chí phải nâng nhất (mọi thành viên thấp hơn "
	                                "phương án được nâng lên):",
	                          "The fewest criteria to raise (every member below the option is "
	                          "raised to it):"));
	for (size_t i = 0; i < path.nmoves; i++) {
		const struct ocop_move *m = &path.moves[i];
		const struct ocop_criterion *c = ocop_set_leaf(res->set, (size_t)m->leaf);
		fputs(i ? "; <b>" : "<b>", f);
		html_esc(f, c->id);
		fputs("</b> ", f);
		html_esc(f, rp_w(lang, c->label_vi, c->label_en));
		fputs(" ", f);
		html_mean(f, res->leaf_sum[m->leaf], res->n);
		fprintf(f, " → %d (+", m->to);
		html_mean(f, m->gain, path.n);
		if (m->meets_mark)
			fprintf(f, rp_w(lang, ", đạt mốc %d★", ", meets the %d★ mark"), m->meets_mark);
		fputs(")", f);
	}
	fputs(rp_w(lang, ". Tổng cộng +", ". In all +"), f);
	html_mean(f, path.gain, path.n);
	fputs(rp_w(lang, " điểm trung bình.</p>\n", " to the mean total.</p>\n"), f);
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
	if (res->set) {
		fprintf(f, "%s ", rp_w(lang, "Bộ", "Set"));
		html_esc(f, res->set->code);
		fputs(" — ", f);
		html_esc(f, rp_w(lang, res->set->name_vi, res->set->name_en));
	}
	fprintf(f, " · %zu %s", d->nmembers, rp_w(lang, "thành viên", "members"));
	if (res->regime)
		fprintf(f, " · %s %s", rp_w(lang, "chế độ", "regime"), res->regime->id);
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
			html_esc(f, d->first_error);
		if (res->eliminated < 0 && d->nerrors > 1)
			fprintf(f, rp_w(lang, " (và %zu lỗi khác)", " (and %zu more)"), d->nerrors - 1);
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
		fprintf(f, rp_w(lang, "<p><b>Quyết định của hội đồng cấp %s: %s</b> — ",
		                "<p><b>Decision of the %s council: %s</b> — "),
		        rp_level_name(dec->level, lang), rp_decision(dec->decision, lang));
		html_esc(f, lang == OCOP_LANG_EN ? dec->reason : dec->reason_vi);
		fputs("</p>\n", f);
	}
	fputs("</section>\n", f);
}
