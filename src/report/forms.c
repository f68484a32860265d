/* The official evaluation form of a set, blank (ocop criteria template --format html) or as a
 * member entered it (ocop report --sheets): every criterion and option in the decision's order
 * and wording, a box per option, the points, the star marks. */
#include <string.h>

#include "html.h"
#include "ocop/i18n.h"
#include "ocop/report.h"
#include "ocop/write.h"
#include "report_int.h"

static const char form_css[] =
	"table.form{font-size:8.5pt}table.form td{padding:0 1mm;line-height:1.2}\n"
	"table.form td.box{width:5mm;text-align:center;font-family:'DejaVu Sans',sans-serif}\n"
	"table.form tr.crit td{font-weight:bold;background:#f6f6f6}\n"
	"table.form tr.sec td{font-weight:bold;background:#e8eef5}\n"
	".fields{display:grid;grid-template-columns:max-content auto max-content auto;"
	"gap:2mm 3mm;margin:3mm 0}\n"
	".fields span.line{border-bottom:0.2mm dotted #000;min-width:40mm}\n"
	".legend{font-size:8.5pt;margin:1mm 0 2mm}\n";

static void stars_mark(FILE *f, int star)
{
	for (int i = 0; i < star; i++)
		putc('*', f);
}

static void legend(FILE *f, int lang)
{
	fprintf(f, "<p class=\"legend\">%s</p>\n",
	        ocop_lgettext(lang, "Note: (***) required for 3 stars; (****) required for 4 stars; "
	                            "(*****) required for 5 stars. Tick ☒ one box □ per criterion; "
	                            "no box applies: 0 points."));
}

/* The box of an option: ☒ when the member's points are the option's, else □. */
static const char *box(const signed char *pts, int leaf, int points)
{
	return pts && leaf >= 0 && pts[leaf] == points ? "☒" : "□";
}

static int option_count(const struct ocop_criterion *c, int points)
{
	int k = 0;

	for (size_t o = 0; o < c->noptions; o++)
		k += c->options[o].points == points;
	return k;
}

static void criterion_rows(FILE *f, const struct ocop_set *s, const struct ocop_criterion *c,
                           int lang, const signed char *pts, int *ambiguous)
{
	fputs("<tr class=\"crit\"><td></td><td>", f);
	html_esc(f, c->id);
	fputs(". ", f);
	html_esc(f, html_criterion_text(c, lang));
	stars_mark(f, c->mark);
	fputs("</td><td class=\"num\">", f);
	fprintf(f, ocop_lgettext(lang, "max %d"), c->max);
	fputs("</td></tr>\n", f);
	if (c->leaf < 0)
		return;
	for (size_t o = 0; o < c->noptions; o++) {
		const struct ocop_option *op = &c->options[o];
		const char *b = box(pts, c->leaf, op->points);
		fprintf(f, "<tr><td class=\"box\">%s</td><td>", b);
		html_esc(f, c->yesno ? ocop_lgettext(lang, "Yes") : html_option_text(op, lang));
		if (op->mark) {
			fputs(" (", f);
			stars_mark(f, op->mark);
			fputs(")", f);
		}
		if (op->kase) {
			fputs(" <span class=\"muted\">", f);
			fprintf(f, ocop_lgettext(lang, "(case %d)"), op->kase);
			fputs("</span>", f);
		}
		if (pts && strcmp(b, "☒") == 0 && option_count(c, op->points) > 1) {
			fputs(" <sup>†</sup>", f);
			*ambiguous = 1;
		}
		fprintf(f, "</td><td class=\"num\">%d</td></tr>\n", op->points);
	}
	/* A yes/no criterion's "no", or a sheet whose member found no option applying. */
	if (c->yesno)
		fprintf(f, "<tr><td class=\"box\">%s</td><td>%s</td><td class=\"num\">0</td></tr>\n",
		        box(pts, c->leaf, 0), ocop_lgettext(lang, "No"));
	else if (pts && pts[c->leaf] == 0 && option_count(c, 0) == 0)
		fprintf(f, "<tr><td class=\"box\">☒</td><td>%s</td><td class=\"num\">0</td></tr>\n",
		        ocop_lgettext(lang, "No option applies"));
	else if (pts && pts[c->leaf] < 0)
		fprintf(f, "<tr><td class=\"box\">—</td><td class=\"bad\">%s</td><td></td></tr>\n",
		        ocop_lgettext(lang, "No points entered"));
	(void)s;
}

/* The form's table; pts are one member's entered points per leaf, or NULL for a blank form. */
static void form_table(FILE *f, const struct ocop_regime *r, const struct ocop_set *s, int lang,
                       const signed char *pts)
{
	int last_section = -1, ambiguous = 0;

	fprintf(f, "<table class=\"form\">\n<thead><tr><th></th><th>%s</th><th>%s</th></tr></thead>\n"
	        "<tbody>\n", ocop_lgettext(lang, "Criterion, options"),
	        ocop_lgettext(lang, "Points"));
	for (size_t ci = 0; ci < s->ncriteria; ci++) {
		const struct ocop_criterion *c = &s->criteria[ci];
		const struct ocop_section *sec = &s->sections[c->section];
		if (c->section != last_section) {
			fputs("<tr class=\"sec\"><td></td><td>", f);
			html_printf(f, ocop_lgettext(lang, "Part %s · %d. %s"), r->parts[sec->part].id,
			            sec->number, html_section_text(sec, lang));
			fprintf(f, "</td><td class=\"num\">%d</td></tr>\n", sec->max);
			last_section = c->section;
		}
		criterion_rows(f, s, c, lang, pts, &ambiguous);
	}
	fputs("</tbody>\n</table>\n", f);
	if (ambiguous)
		fprintf(f, "<p class=\"small\">† %s</p>\n",
		        ocop_lgettext(lang, "Options worth the same points: the points entered do not "
		                            "tell which one was chosen."));
}

/* Product, member and date fields: filled from the dossier when given, else lines to write on. */
static void fields(FILE *f, int lang, const struct ocop_dossier *d, const char *member)
{
	const char *name = d ? d->meta[OCOP_F_PRODUCT_NAME] : NULL;
	const char *producer = d ? d->meta[OCOP_F_PRODUCER] : NULL;
	const char *on = d ? d->meta[OCOP_F_EVALUATED_ON] : NULL;
	const char *labels[] = {ocop_lgettext(lang, "Product:"),
	                        ocop_lgettext(lang, "Product id:"),
	                        ocop_lgettext(lang, "Producer:"),
	                        ocop_lgettext(lang, "Date:"),
	                        ocop_lgettext(lang, "Council member:")};
	const char *values[] = {name, d ? d->meta[OCOP_F_PRODUCT_ID] : NULL, producer, on, member};

	fputs("<div class=\"fields\">\n", f);
	for (int i = 0; i < 5; i++) {
		fprintf(f, "<b>%s</b><span class=\"line\">", labels[i]);
		html_esc(f, values[i]);
		fputs("</span>\n", f);
	}
	fputs("</div>\n", f);
}

static void sign_line(FILE *f, int lang, const char *member, const char *total)
{
	fprintf(f, "<div class=\"keep\">\n<p><b>%s</b> %s / 100</p>\n<div class=\"sig\"><div></div>"
	        "<div><b>%s</b><i>%s</i><br><br><br><br>", ocop_lgettext(lang, "Total:"),
	        total, ocop_lgettext(lang, "EVALUATOR"),
	        ocop_lgettext(lang, "(signature and full name)"));
	html_esc(f, member);
	fputs("</div></div>\n</div>\n", f);
}

static void form_title(FILE *f, const struct ocop_regime *r, const struct ocop_set *s, int lang)
{
	fprintf(f, "<h1>%s</h1>\n<p class=\"c\">",
	        ocop_lgettext(lang, "OCOP PRODUCT EVALUATION SHEET"));
	html_printf(f, ocop_lgettext(lang, "Criteria set %s — %s"), s->code,
	            rp_w(lang, s->name_vi, s->name_en));
	fputs("<br><span class=\"small\">", f);
	html_esc(f, r->decision);
	fputs(" · ", f);
	html_printf(f, ocop_lgettext(lang, "regime %s · criteria_hash %s"), r->id, r->hash);
	fputs("</span></p>\n", f);
}

int ocop_form_html(FILE *f, const struct ocop_regime *r, const struct ocop_set *s, int lang)
{
	char title[256];

	snprintf(title, sizeof title, ocop_lgettext(lang, "OCOP evaluation sheet %s"), s->code);
	html_begin(f, lang, title, form_css);
	form_title(f, r, s, lang);
	fields(f, lang, NULL, NULL);
	legend(f, lang);
	form_table(f, r, s, lang, NULL);
	sign_line(f, lang, "", "…………");
	return html_end(f);
}

int ocop_report_sheets_html(FILE *f, const struct ocop_report_item *items, size_t n,
                            const struct ocop_report_opts *o)
{
	struct rp x;
	int lang = o->lang, first = 1;

	rp_context(&x, f, items, n, o);
	html_begin(f, lang, ocop_lgettext(lang, "Council members' evaluation sheets"), form_css);
	for (size_t i = 0; i < n; i++) {
		const struct ocop_dossier *d = items[i].d;
		const struct ocop_result *res = items[i].res;
		if (!res->set || !res->regime)
			continue;
		for (size_t m = 0; m < d->nmembers; m++) {
			char total[32];
			long sum = 0;
			fprintf(f, "<section class=\"sheet%s\">\n", first ? "" : " page");
			first = 0;
			rp_official_head(&x);
			form_title(f, res->regime, res->set, lang);
			fields(f, lang, d, d->members[m].name);
			legend(f, lang);
			form_table(f, res->regime, res->set, lang, d->members[m].points);
			if (rp_rated(res)) {
				snprintf(total, sizeof total, "%d", res->member_total[m]);
			} else {
				for (size_t l = 0; l < res->set->nleaves; l++)
					sum += d->members[m].points[l] > 0 ? d->members[m].points[l] : 0;
				snprintf(total, sizeof total, ocop_lgettext(lang, "%ld (invalid dossier)"),
				         sum);
			}
			sign_line(f, lang, d->members[m].name, total);
			fputs("</section>\n", f);
		}
	}
	if (first)
		fprintf(f, "<p>%s</p>\n", ocop_lgettext(lang, "No sheets."));
	return html_end(f);
}
