/* Workbooks of the report (a summary sheet and a sheet per product) and of the evaluation template
 * (one row per member, a drop-down of exactly the allowed points per criterion, every other cell
 * locked). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "book_int.h"
#include "html.h"
#include "ocop/i18n.h"
#include "ocop/report.h"
#include "ocop/write.h"
#include "report_int.h"

/* A column heading of the report's workbook: in English the key of score's JSON (what the sheet
 * holds is what that key holds), in Vietnamese a heading for people. The context ("workbook
 * column") tells these from the same English words elsewhere; xgettext takes it
 * (--keyword=rp_column:2c,3). */
static const char *rp_column(int lang, const char *ctx, const char *key)
{
	char id[96];
	const char *t;

	if (lang == OCOP_LANG_EN || (size_t)snprintf(id, sizeof id, "%s\004%s", ctx, key) >= sizeof id)
		return key;
	t = ocop_lgettext(OCOP_LANG_VI, id);
	return t == id ? key : t;
}

static void summary(struct ocop_book *b, const struct rp *x)
{
	int lang = x->lang, dec = x->n && x->it[0].dec;
	/* TRANSLATORS: the columns of the report's workbook: in English the keys of score's JSON,
	 * in Vietnamese headings for people. */
	const char *head[] = {rp_column(lang, "workbook column", "product_id"),
	                      rp_column(lang, "workbook column", "product_name"),
	                      rp_column(lang, "workbook column", "producer"),
	                      rp_column(lang, "workbook column", "set"),
	                      rp_column(lang, "workbook column", "members"),
	                      "A", "B", "C",
	                      rp_column(lang, "workbook column", "total"),
	                      rp_column(lang, "workbook column", "band_stars"),
	                      rp_column(lang, "workbook column", "stars"),
	                      rp_column(lang, "workbook column", "status"),
	                      rp_column(lang, "workbook column", "decision"),
	                      rp_column(lang, "workbook column", "reason")};

	ocop_book_sheet(b, ocop_lgettext(lang, "Summary"), head, dec ? 14 : 12);
	for (size_t i = 0; i < x->n; i++) {
		const struct ocop_dossier *d = x->it[i].d;
		const struct ocop_result *res = x->it[i].res;
		ocop_book_str(b, d->meta[OCOP_F_PRODUCT_ID]);
		ocop_book_str(b, d->meta[OCOP_F_PRODUCT_NAME]);
		ocop_book_str(b, d->meta[OCOP_F_PRODUCER]);
		ocop_book_str(b, res->set ? res->set->code : d->meta[OCOP_F_SET]);
		ocop_book_num(b, (double)d->nmembers);
		for (size_t p = 0; p < 3; p++)
			if (rp_rated(res) && p < res->regime->nparts)
				ocop_book_mean(b, res->part_sum[p], res->n);
			else
				ocop_book_blank(b);
		if (rp_rated(res)) {
			ocop_book_mean(b, res->total_sum, res->n);
			ocop_book_num(b, res->band);
			ocop_book_num(b, res->stars);
		} else {
			for (int k = 0; k < 3; k++)
				ocop_book_blank(b);
		}
		ocop_book_str(b, rp_status(res, lang));
		if (dec) {
			ocop_book_str(b, rp_decision(x->it[i].dec->decision, lang));
			ocop_book_str(b, lang == OCOP_LANG_EN ? x->it[i].dec->reason
			                                      : x->it[i].dec->reason_vi);
		}
		ocop_book_row(b);
	}
}

/* One product's explanation: a row per criterion, each member's points, mean, maximum, marks. */
static void product(struct ocop_book *b, const struct rp *x, size_t i)
{
	const struct ocop_dossier *d = x->it[i].d;
	const struct ocop_result *res = x->it[i].res;
	const struct ocop_set *s = res->set;
	int lang = x->lang;
	size_t nm = d->nmembers, ncols = nm + 5;
	const char **head = calloc(ncols, sizeof *head);

	if (!head)
		return;
	/* TRANSLATORS: the columns of a product's sheet in the report's workbook (keys in English). */
	head[0] = rp_column(lang, "workbook column", "criterion");
	head[1] = rp_column(lang, "workbook column", "label");
	for (size_t m = 0; m < nm; m++)
		head[2 + m] = d->members[m].name;
	head[nm + 2] = rp_column(lang, "workbook column", "mean");
	head[nm + 3] = rp_column(lang, "workbook column", "max");
	head[nm + 4] = rp_column(lang, "workbook column", "marks");
	ocop_book_sheet(b, d->meta[OCOP_F_PRODUCT_ID], head, ncols);
	free(head);
	for (size_t ci = 0; s && rp_rated(res) && ci < s->ncriteria; ci++) {
		const struct ocop_criterion *c = &s->criteria[ci];
		char marks[256] = "";
		if (c->leaf < 0)
			continue;
		ocop_book_str(b, c->id);
		ocop_book_str(b, rp_w(lang, c->label_vi, c->label_en));
		for (size_t m = 0; m < nm; m++)
			ocop_book_num(b, res->points[m * s->nleaves + (size_t)c->leaf]);
		ocop_book_mean(b, res->leaf_sum[c->leaf], res->n);
		ocop_book_num(b, c->max);
		for (size_t k = 0; k < res->nmarks; k++) {
			const struct ocop_mark_eval *e = &res->marks[k];
			size_t len = strlen(marks);
			if (e->mark->leaf == c->leaf)
				snprintf(marks + len, sizeof marks - len, "%s%d★ %s%d %s", len ? "; " : "",
				         e->mark->star, e->mark->above_zero ? ">" : "≥",
				         e->mark->above_zero ? 0 : e->mark->points, e->met ? "✓" : "✗");
		}
		ocop_book_str(b, marks);
		ocop_book_row(b);
	}
	if (!rp_rated(res)) {
		ocop_book_str(b, rp_status(res, lang));
		ocop_book_str(b, ocop_dossier_error(d, lang));
		ocop_book_row(b);
		return;
	}
	ocop_book_str(b, rp_column(lang, "workbook column", "total"));
	ocop_book_blank(b);
	for (size_t m = 0; m < nm; m++)
		ocop_book_num(b, res->member_total[m]);
	ocop_book_mean(b, res->total_sum, res->n);
	ocop_book_num(b, 100);
	ocop_book_row(b);
}

int ocop_report_xlsx(struct ocop_book *b, const struct ocop_report_item *items, size_t n,
                     const struct ocop_report_opts *o)
{
	struct rp x;

	rp_context(&x, NULL, items, n, o);
	summary(b, &x);
	for (size_t i = 0; i < n; i++)
		product(b, &x, i);
	return 0;
}

/* The wide-CSV template's columns before the criteria: a filled template saved as CSV is read
 * back as it is. */
static const char *const meta_cols[] = {"product_id", "set", "member", "product_name",
                                        "producer", "commune", "district", "province",
                                        "level", "evaluated_on"};
#define NMETA (sizeof meta_cols / sizeof *meta_cols)

static int has_zero_option(const struct ocop_criterion *c)
{
	for (size_t o = 0; o < c->noptions; o++)
		if (c->options[o].points == 0)
			return 1;
	return 0;
}

/* The note of a criterion's header: its official text, options and points. */
static char *note(const struct ocop_criterion *c, int lang)
{
	size_t cap = 256, len;
	char *s;

	cap += strlen(html_criterion_text(c, lang));
	for (size_t o = 0; o < c->noptions; o++)
		cap += strlen(html_option_text(&c->options[o], lang)) + 32;
	if (!(s = malloc(cap)))
		return NULL;
	len = (size_t)snprintf(s, cap, ocop_lgettext(lang, "%s. %s (max %d)"), c->id,
	                       html_criterion_text(c, lang), c->max);
	for (size_t o = 0; o < c->noptions && len < cap; o++)
		len += (size_t)snprintf(s + len, cap - len, "\n%d: %s%s", c->options[o].points,
		                        c->yesno ? ocop_lgettext(lang, "Yes")
		                                 : html_option_text(&c->options[o], lang),
		                        c->options[o].mark == 3   ? " (***)"
		                        : c->options[o].mark == 4 ? " (****)"
		                        : c->options[o].mark == 5 ? " (*****)"
		                                                  : "");
	if (len < cap && (c->yesno || !(c->valid & 1) || !has_zero_option(c)))
		snprintf(s + len, cap - len, "\n0: %s",
		         c->yesno ? ocop_lgettext(lang, "No")
		                  : ocop_lgettext(lang, "no option applies"));
	return s;
}

/* The allowed points of a leaf, as the strings of a list validation (NULL-terminated). */
static size_t allowed(const struct ocop_criterion *c, char text[64][4], char *list[65])
{
	size_t n = 0;

	for (int p = 0; p < 64; p++)
		if (c->valid >> p & 1) {
			snprintf(text[n], sizeof text[n], "%d", p);
			list[n] = text[n];
			n++;
		}
	list[n] = NULL;
	return n;
}

int ocop_form_xlsx(struct ocop_book *b, const struct ocop_regime *r, const struct ocop_set *s,
                   int lang, int members)
{
	lxw_worksheet *ws = book_add_sheet(b, s->code);
	lxw_format *open = workbook_add_format(b->wb), *head = b->bold;
	lxw_protection prot = {0};
	lxw_comment_options copt = {0};
	char text[64][4], *list[65], msg[320];
	lxw_col_t col;

	if (!ws || !open)
		return -1;
	format_set_unlocked(open);
	copt.width = 360;
	copt.height = 220;
	for (col = 0; col < NMETA; col++) {
		worksheet_write_string(ws, 0, col, meta_cols[col], head);
		worksheet_set_column(ws, col, col, col == 3 || col == 4 ? 28 : 12, NULL);
	}
	for (size_t l = 0; l < s->nleaves; l++, col++) {
		const struct ocop_criterion *c = ocop_set_leaf(s, l);
		lxw_data_validation v = {0};
		char *nt = note(c, lang);
		size_t k = allowed(c, text, list);
		worksheet_write_string(ws, 0, col, c->id, head);
		if (nt)
			worksheet_write_comment_opt(ws, 0, col, nt, &copt);
		free(nt);
		worksheet_set_column(ws, col, col, 6, NULL);
		v.validate = LXW_VALIDATION_TYPE_LIST;
		v.value_list = list;
		v.ignore_blank = LXW_VALIDATION_ON;
		v.show_error = LXW_VALIDATION_ON;
		v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
		v.error_title = (char *)ocop_lgettext(lang, "Not an allowed value");
		snprintf(msg, sizeof msg, ocop_lngettext(lang, "Criterion %s: only the listed points (%zu "
		                                               "value).", "Criterion %s: only the listed "
		                                               "points (%zu values).", k), c->id, k);
		v.error_message = msg;
		worksheet_data_validation_range(ws, 1, col, (lxw_row_t)members, col, &v);
	}
	for (int m = 1; m <= members; m++) {
		char name[16];
		snprintf(name, sizeof name, "TV%d", m);
		for (lxw_col_t c = 0; c < col; c++)
			worksheet_write_blank(ws, (lxw_row_t)m, c, c == 1 ? NULL : open);
		worksheet_write_string(ws, (lxw_row_t)m, 1, s->code, NULL);
		worksheet_write_string(ws, (lxw_row_t)m, 2, name, open);
		if (r->nlevels)
			worksheet_write_string(ws, (lxw_row_t)m, 8, ocop_level_name(r->levels[0]), open);
	}
	worksheet_freeze_panes(ws, 1, 3);
	prot.no_select_locked_cells = 0;
	worksheet_protect(ws, NULL, &prot);
	b->ws = NULL;
	return 0;
}
