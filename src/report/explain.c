/* The explanation of one product: every criterion with each member's points, the mean, the
 * maximum and its marks; then parts, total, spread and why the star is what it is. */
#include "ocop/write.h"

#include <string.h>

#include "emit.h"
#include "ocop/i18n.h"
#include "ocop/nextstar.h"
#include "ocop/text.h"

#define LABEL_COLS 44

static const char *label(const char *vi_s, const char *en_s, int lang)
{
	return lang == OCOP_LANG_VI ? vi_s : en_s;
}

static void put_fit(FILE *f, const char *s, size_t cols)
{
	size_t n = ocop_text_fit(s, cols), used;

	if (s[n]) {
		n = ocop_text_fit(s, cols - 1);
		fwrite(s, 1, n, f);
		fputs("…", f);
		used = cols;
	} else {
		fputs(s, f);
		used = ocop_text_width(s);
	}
	emit_pad(f, used, cols);
}

static void leaf_marks(FILE *f, const struct ocop_result *res, int leaf)
{
	for (size_t i = 0; i < res->nmarks; i++) {
		const struct ocop_mark_eval *e = &res->marks[i];
		if (e->mark->leaf != leaf)
			continue;
		if (e->mark->above_zero)
			fprintf(f, "  %d★ >0 %s", e->mark->star, e->met ? "✓" : "✗");
		else
			fprintf(f, "  %d★ ≥%d %s", e->mark->star, e->mark->points, e->met ? "✓" : "✗");
	}
}

static void text_criteria(FILE *f, const struct ocop_dossier *d, const struct ocop_result *res,
                          int lang)
{
	const struct ocop_set *s = res->set;
	int last_section = -1, last_part = -1;
	char mean[32];

	fprintf(f, "%-*s", 6, "");
	/* TRANSLATORS: the headings of explain's table of criteria (Mean and Max fit in 6 columns). */
	put_fit(f, ocop_lgettext(lang, "Criterion"), LABEL_COLS);
	for (size_t m = 0; m < d->nmembers; m++) {
		/* the name's first 4 columns, right-aligned like the points under it; a cut never
		 * splits a character (a wide one that does not fit is left out) */
		const char *name = d->members[m].name;
		size_t n = ocop_text_fit(name, 4), w = 4;
		while (w > 0 && ocop_text_fit(name, w - 1) == n)
			w--;            /* the columns those n bytes take */
		emit_pad(f, w, 5);
		fwrite(name, 1, n, f);
	}
	fprintf(f, " %6s %6s  %s\n", ocop_lgettext(lang, "Mean"), ocop_lgettext(lang, "Max"),
	        ocop_lgettext(lang, "Marks"));
	for (size_t ci = 0; ci < s->ncriteria; ci++) {
		const struct ocop_criterion *c = &s->criteria[ci];
		const struct ocop_section *sec = &s->sections[c->section];
		if (sec->part != last_part) {
			const struct ocop_part *p = &res->regime->parts[sec->part];
			fprintf(f, ocop_lgettext(lang, "Part %s  %s (%d)\n"), p->id,
			        label(p->name_vi, p->name_en, lang), p->max);
			last_part = sec->part;
		}
		if (c->section != last_section) {
			fprintf(f, "  %d. %s (%d)\n", sec->number, label(sec->name_vi, sec->name_en, lang),
			        sec->max);
			last_section = c->section;
		}
		fprintf(f, "    %-6s", c->id);
		put_fit(f, label(c->label_vi, c->label_en, lang), LABEL_COLS - 4);
		if (c->leaf < 0) {
			fprintf(f, "%*s %6d\n", (int)(d->nmembers * 5 + 7), "", c->max);
			continue;
		}
		for (size_t m = 0; m < d->nmembers; m++)
			fprintf(f, " %4d", res->points[m * s->nleaves + (size_t)c->leaf]);
		ocop_format_mean(mean, sizeof mean, res->leaf_sum[c->leaf], res->n);
		fprintf(f, " %6s %6d", mean, c->max);
		leaf_marks(f, res, c->leaf);
		putc('\n', f);
	}
}

static void mark_line(char *buf, size_t size, const struct ocop_result *res,
                      const struct ocop_mark_eval *e, int lang)
{
	const struct ocop_criterion *c = ocop_set_leaf(res->set, (size_t)e->mark->leaf);
	char has[32];

	ocop_format_mean(has, sizeof has, e->sum, res->n);
	if (e->mark->above_zero)
		snprintf(buf, size, ocop_lgettext(lang, "%s %s: needs more than 0, mean %s"),
		         c->id, label(c->label_vi, c->label_en, lang), has);
	else
		snprintf(buf, size, ocop_lgettext(lang, "%s %s: needs at least %d, mean %s"),
		         c->id, label(c->label_vi, c->label_en, lang), e->mark->points, has);
}

/* A mean as short as it is exact: "2", "2.5", "2.25". */
static void short_mean(char *buf, size_t size, long sum, int n)
{
	size_t len;

	ocop_format_mean(buf, size, sum, n);
	len = strlen(buf);
	while (len && buf[len - 1] == '0')
		buf[--len] = '\0';
	if (len && buf[len - 1] == '.')
		buf[--len] = '\0';
}

static void path_text(FILE *f, const struct ocop_dossier *d, const struct ocop_result *res,
                      int lang)
{
	struct ocop_path path;
	struct ocop_err err = {0};
	char gain[32], from[32];

	if (ocop_next_star(&path, res, d->flags, &err) < 0 || path.target == 0)
		return;
	if (!path.found) {
		fprintf(f, ocop_lgettext(lang, "No raise of criteria under this set reaches %d★.\n"),
		        path.target);
		return;
	}
	short_mean(gain, sizeof gain, path.gain, path.n);
	fprintf(f, ocop_lgettext(lang, "Path to %d★ (+%s):"), path.target, gain);
	for (size_t i = 0; i < path.nmoves; i++) {
		const struct ocop_move *m = &path.moves[i];
		const struct ocop_criterion *c = ocop_set_leaf(res->set, (size_t)m->leaf);
		short_mean(from, sizeof from, res->leaf_sum[m->leaf], res->n);
		short_mean(gain, sizeof gain, m->gain, path.n);
		fputs(i ? "; " : " ", f);
		if (m->meets_mark)
			fprintf(f, ocop_lgettext(lang, "%s from %s to %d (+%s, meets the %d★ mark)"), c->id,
			        from, m->to, gain, m->meets_mark);
		else
			fprintf(f, ocop_lgettext(lang, "%s from %s to %d (+%s)"), c->id, from, m->to, gain);
	}
	putc('\n', f);
}

static void why_next(FILE *f, const struct ocop_result *res, int lang)
{
	int next = res->stars + 1, min = ocop_regime_band_min(res->regime, next);
	char shortby[32];

	if (res->stars >= OCOP_MAX_STARS || min < 0) {
		fputs(ocop_lgettext(lang, "Top star reached.\n"), f);
		return;
	}
	if (res->band < next) {
		long need = (long)min * res->n - res->total_sum;
		ocop_format_mean(shortby, sizeof shortby, need, res->n);
		fprintf(f, ocop_lgettext(lang, "%d★ needs a mean of at least %d (%s points short).\n"),
		        next, min, shortby);
	}
}

static void text_summary(FILE *f, const struct ocop_dossier *d, const struct ocop_result *res,
                         int lang)
{
	char buf[600];

	putc('\n', f);
	for (size_t p = 0; p < res->regime->nparts; p++) {
		ocop_format_mean(buf, sizeof buf, res->part_sum[p], res->n);
		fputs(p ? " · " : "", f);
		fprintf(f, ocop_lgettext(lang, "Part %s %s/%d"), res->regime->parts[p].id, buf,
		        res->regime->parts[p].max);
	}
	ocop_format_mean(buf, sizeof buf, res->total_sum, res->n);
	fputs(" · ", f);
	fprintf(f, ocop_lgettext(lang, "Total %s"), buf);
	fprintf(f, "\n%s", ocop_lgettext(lang, "Members:"));
	for (size_t m = 0; m < d->nmembers; m++)
		fprintf(f, " %s %d", d->members[m].name, res->member_total[m]);
	fputs(" · ", f);
	fprintf(f, ocop_lgettext(lang, "spread %d (%s %d)"), res->spread,
	        res->spread > res->regime->spread_limit ? ">" : "≤", res->regime->spread_limit);
	putc('\n', f);
	for (size_t g = 0; g < res->set->ngates; g++)
		if (res->gate_hits[g])
			fprintf(f, ocop_lgettext(lang, "Gate applied: %s (%s, %d/%d)\n"),
			        label(res->set->gates[g].note_vi, res->set->gates[g].note_en, lang),
			        res->set->gates[g].kind, res->gate_hits[g], res->n);
	fprintf(f, ocop_lgettext(lang, "Band %d★ · Awarded %d★ · %s\n"), res->band, res->stars,
	        res->recognised ? ocop_lgettext(lang, "recognised as OCOP")
	        : res->status == OCOP_STATUS_RESCORE ? ocop_lgettext(lang, "not a final rating")
	                                             : ocop_lgettext(lang, "not recognised"));
	if (res->status == OCOP_STATUS_RESCORE)
		fprintf(f, ocop_lgettext(lang, "Re-score needed: the members' totals differ by more "
		                               "than %d.\n"), res->regime->spread_limit);
	if (res->status == OCOP_STATUS_ELIMINATED) {
		const struct ocop_gate *g = &res->set->gates[res->eliminated];
		fprintf(f, ocop_lgettext(lang, "Eliminated (no star, not recognised): %s\n"),
		        label(g->note_vi, g->note_en, lang));
		return;
	}
	if (res->stars < res->band) {
		fprintf(f, ocop_lgettext(lang, "Why %d★ and not %d★:\n"), res->stars, res->band);
		for (size_t i = 0; i < res->nmarks; i++)
			if (!res->marks[i].met && res->marks[i].mark->star == res->blocking_star) {
				mark_line(buf, sizeof buf, res, &res->marks[i], lang);
				fprintf(f, "  - %s\n", buf);
			}
	}
	why_next(f, res, lang);
	if (res->status != OCOP_STATUS_INVALID && res->status != OCOP_STATUS_ELIMINATED)
		path_text(f, d, res, lang);
}

/* Why this regime, and every warning. */
static void text_notes(FILE *f, const struct ocop_dossier *d, const struct ocop_result *res,
                       int lang)
{
	struct sb b = {0};
	char why[200];

	ocop_dossier_basis(why, sizeof why, d, lang == OCOP_LANG_VI);
	if (*why)
		fprintf(f, ocop_lgettext(lang, "Regime basis: %s (%s)\n"), res->regime->id, why);
	for (size_t i = 0; ocop_result_warning(&b, d, res, i, lang); i++) {
		fprintf(f, ocop_lgettext(lang, "Warning: %s\n"), sb_str(&b));
		b.len = 0;
	}
	sb_free(&b);
}

static int text(FILE *f, const struct ocop_dossier *d, const struct ocop_result *res, int lang)
{
	fprintf(f, "%s  %s\n", d->meta[OCOP_F_PRODUCT_ID],
	        d->meta[OCOP_F_PRODUCT_NAME] ? d->meta[OCOP_F_PRODUCT_NAME] : "");
	if (d->meta[OCOP_F_PRODUCER])
		fprintf(f, "%s\n", d->meta[OCOP_F_PRODUCER]);
	if (res->status == OCOP_STATUS_UNSCORED) {
		fputs(ocop_lgettext(lang, "To be scored: no member's sheet yet\n"), f);
		return ferror(f) ? -1 : 0;
	}
	if (res->status == OCOP_STATUS_INVALID) {
		fprintf(f, ocop_lngettext(lang, "Invalid dossier (%zu problem, listed above): %s\n",
		                          "Invalid dossier (%zu problems, listed above): %s\n",
		                          d->nerrors), d->nerrors, ocop_dossier_error(d, lang));
		return ferror(f) ? -1 : 0;
	}
	fprintf(f, ocop_lgettext(lang, "Set %s — %s · regime %s (%s)\n\n"), res->set->code,
	        label(res->set->name_vi, res->set->name_en, lang), res->regime->id,
	        res->regime->hash);
	text_criteria(f, d, res, lang);
	text_summary(f, d, res, lang);
	text_notes(f, d, res, lang);
	return ferror(f) ? -1 : 0;
}

static void json_path(FILE *f, const struct ocop_dossier *d, const struct ocop_result *res)
{
	struct ocop_path path;
	struct ocop_err err = {0};

	if (res->status == OCOP_STATUS_INVALID || res->status == OCOP_STATUS_ELIMINATED ||
	    res->status == OCOP_STATUS_UNSCORED ||
	    ocop_next_star(&path, res, d->flags, &err) < 0 ||
	    path.target == 0) {
		fputs("null", f);
		return;
	}
	fprintf(f, "{\"target\":%d,\"found\":%s,\"gain\":", path.target,
	        path.found ? "true" : "false");
	emit_mean(f, path.gain, path.n);
	fputs(",\"moves\":[", f);
	for (size_t i = 0; path.found && i < path.nmoves; i++) {
		const struct ocop_move *m = &path.moves[i];
		fprintf(f, "%s{\"criterion\":", i ? "," : "");
		emit_json(f, ocop_set_leaf(res->set, (size_t)m->leaf)->id);
		fputs(",\"from\":", f);
		emit_mean(f, res->leaf_sum[m->leaf], res->n);
		fprintf(f, ",\"to\":%d,\"gain\":", m->to);
		emit_mean(f, m->gain, path.n);
		fputs(",\"meets_mark\":", f);
		if (m->meets_mark)
			fprintf(f, "%d}", m->meets_mark);
		else
			fputs("null}", f);
	}
	fputs("]}", f);
}

static int json(FILE *f, const struct ocop_dossier *d, const struct ocop_result *res)
{
	const struct ocop_set *s = res->set;
	char why[200];
	int first = 1;

	fputs("{\"result\":", f);
	emit_result_json(f, d, res);
	fputs(",\"member_names\":[", f);
	for (size_t m = 0; m < d->nmembers; m++) {
		if (m)
			putc(',', f);
		emit_json(f, d->members[m].name);
	}
	fputs("],\"criteria\":[", f);
	for (size_t ci = 0; s && res->status != OCOP_STATUS_INVALID &&
	                    res->status != OCOP_STATUS_UNSCORED && ci < s->ncriteria; ci++) {
		const struct ocop_criterion *c = &s->criteria[ci];
		if (c->leaf < 0)
			continue;
		fprintf(f, "%s\n{\"id\":", first ? "" : ",");
		emit_json(f, c->id);
		emit_json_labels(f, "label", c->label_vi, c->label_en);
		if (c->yesno)
			fputs(",\"yesno\":true", f);
		fprintf(f, ",\"section\":%d,\"part\":\"%s\",\"max\":%d,\"points\":[",
		        s->sections[c->section].number,
		        res->regime->parts[s->sections[c->section].part].id, c->max);
		for (size_t m = 0; m < d->nmembers; m++)
			fprintf(f, "%s%d", m ? "," : "", res->points[m * s->nleaves + (size_t)c->leaf]);
		fputs("],\"mean\":", f);
		emit_mean(f, res->leaf_sum[c->leaf], res->n);
		fputs(",\"marks\":[", f);
		int mf = 1;
		for (size_t i = 0; i < res->nmarks; i++) {
			const struct ocop_mark_eval *e = &res->marks[i];
			if (e->mark->leaf != c->leaf)
				continue;
			fprintf(f, "%s{\"star\":%d,\"rule\":\"%s\",\"needs\":%d,\"met\":%s}", mf ? "" : ",",
			        e->mark->star, e->mark->above_zero ? "above" : "at_least", e->mark->points,
			        e->met ? "true" : "false");
			mf = 0;
		}
		fputs("]}", f);
		first = 0;
	}
	fputs("\n],\"member_totals\":[", f);
	for (size_t m = 0; res->member_total && m < d->nmembers; m++)
		fprintf(f, "%s%d", m ? "," : "", res->member_total[m]);
	fputs("],\"next_star\":", f);
	json_path(f, d, res);
	ocop_dossier_basis(why, sizeof why, d, 0);
	fputs(",\"regime_basis\":", f);
	emit_json(f, *why ? why : NULL);
	fputs("}\n", f);
	return ferror(f) ? -1 : 0;
}

int ocop_write_explain(FILE *f, const struct ocop_dossier *d, const struct ocop_result *res,
                       int format, int lang)
{
	if (format == OCOP_OUT_JSON || format == OCOP_OUT_NDJSON)
		return json(f, d, res);
	return text(f, d, res, lang);
}
