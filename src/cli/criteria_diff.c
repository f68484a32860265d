/* ocop criteria diff A B: what changed between two regimes, given as ids or files. Only changes
 * are listed (dates, parts, bands, thresholds, levels, promotion rules, sets, criteria, options,
 * marks, gates), as text or JSON; like diff(1), the status is 1 when there are any. */
#include "criteria_diff.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "emit.h"
#include "ocop/write.h"

struct change {
	const char *what;           /* stable key, English (JSON) */
	const char *label;          /* what changed, for people: a msgid (N_); a "%s" in it takes the
	                             * item (a part, a level) in text, where it is no prefix then */
	char set[32], criterion[32];
	char from[240], to[240];
};

/* The two sides of a change are written in `lang`: English for JSON (stable machine output), the
 * language of messages for text. Both regimes are written alike, so equal rules compare equal. */
struct changes {
	struct change *v;
	size_t n, cap;
	int failed;
	enum ocop_lang lang;
};

/* A field of the criteria data (a name, a label) in the changes' language. */
static const char *data(const struct changes *cs, const char *vi, const char *en)
{
	return cs->lang == OCOP_LANG_EN || !vi ? en : vi;
}

/* A level in the changes' language: its id in English (as --at takes it), else its name. */
static const char *level_word(const struct changes *cs, int level)
{
	if (cs->lang == OCOP_LANG_EN)
		return ocop_level_name(level);
	switch (level) {   /* cs->lang is the language of messages here */
	case OCOP_LEVEL_COMMUNE: return C_("level", "commune");
	case OCOP_LEVEL_DISTRICT: return C_("level", "district");
	case OCOP_LEVEL_PROVINCE: return C_("level", "province");
	case OCOP_LEVEL_CENTRAL: return C_("level", "central");
	default: return ocop_level_name(level);
	}
}

static struct change *add(struct changes *cs, const char *what, const char *label,
                          const char *set, const char *criterion)
{
	struct change *c;

	if (cs->n == cs->cap) {
		size_t cap = cs->cap ? cs->cap * 2 : 64;
		struct change *v = realloc(cs->v, cap * sizeof *v);
		if (!v) {
			cs->failed = 1;
			return NULL;
		}
		cs->v = v;
		cs->cap = cap;
	}
	c = &cs->v[cs->n++];
	memset(c, 0, sizeof *c);
	c->what = what;
	c->label = label;
	snprintf(c->set, sizeof c->set, "%s", set ? set : "");
	snprintf(c->criterion, sizeof c->criterion, "%s", criterion ? criterion : "");
	return c;
}

/* A change whose two sides are already text; nothing when they are equal. */
static void text_change(struct changes *cs, const char *what, const char *label,
                        const char *set, const char *crit, const char *a, const char *b)
{
	struct change *c;

	if (strcmp(a, b) == 0 || !(c = add(cs, what, label, set, crit)))
		return;
	snprintf(c->from, sizeof c->from, "%s", a);
	snprintf(c->to, sizeof c->to, "%s", b);
}

static void int_change(struct changes *cs, const char *what, const char *label,
                       const char *set, const char *crit, int a, int b)
{
	char x[16], y[16];

	emit_fmt(x, sizeof x, "%d", a);
	emit_fmt(y, sizeof y, "%d", b);
	text_change(cs, what, label, set, crit, x, y);
}

/* ---- the regime ---- */

static void bands(char *buf, size_t size, const struct ocop_regime *r)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < r->nbands && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%d★ ≥ %d", i ? ", " : "", r->bands[i].stars,
		                      r->bands[i].min);
}

static void levels(char *buf, size_t size, const struct changes *cs, const struct ocop_regime *r)
{
	/* English lists the ids as --at takes them; a name of several words needs commas. */
	const char *sep = cs->lang == OCOP_LANG_EN ? " " : ", ";
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < r->nlevels && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? sep : "",
		                      level_word(cs, r->levels[i]));
}

/* Appends "; " and a clause of a promotion rule (a translated format) to buf, at *n. */
#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void clause(char *buf, size_t size, size_t *n, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (*n >= size)
		return;
	if (*n)
		*n += (size_t)snprintf(buf + *n, size - *n, "; ");
	if (*n >= size)
		return;
	va_start(ap, fmt);
	k = vsnprintf(buf + *n, size - *n, fmt, ap);
	va_end(ap);
	*n += k > 0 ? (size_t)k : 0;
}

/* A promotion rule as one line: what it certifies, when it forwards, where to. */
static void rule(char *buf, size_t size, const struct changes *cs, const struct ocop_regime *r,
                 int level)
{
	const struct ocop_promotion *p = NULL;
	enum ocop_lang lang = cs->lang;
	char stars[64] = "";
	size_t n = 0, k = 0;

	for (size_t i = 0; i < r->npromotion && !p; i++)
		if (r->promotion[i].level == level)
			p = &r->promotion[i];
	if (!p) {
		emit_fmt(buf, size, "-");
		return;
	}
	for (int s = 1; s <= OCOP_MAX_STARS && k < sizeof stars; s++)
		if (p->certify[s])
			k += (size_t)snprintf(stars + k, sizeof stars - k, " %d★", s);
	buf[0] = '\0';
	/* TRANSLATORS: a promotion rule of criteria diff; %s: the stars certified (" 3★ 4★"), or
	 * nothing. */
	clause(buf, size, &n, ocop_lgettext(lang, "certify%s"), stars);
	if (p->forward_all_complete)
		clause(buf, size, &n, "%s", ocop_lgettext(lang, "forward every complete dossier"));
	if (p->forward_min_stars)
		clause(buf, size, &n, ocop_lgettext(lang, "forward from %d★"), p->forward_min_stars);
	if (p->forward_min_total >= 0)
		clause(buf, size, &n, ocop_lgettext(lang, "forward from a mean of %d"),
		       p->forward_min_total);
	if (p->next != OCOP_LEVEL_NONE)
		clause(buf, size, &n, ocop_lgettext(lang, "next %s"), level_word(cs, p->next));
	if (p->return_to != OCOP_LEVEL_NONE)
		clause(buf, size, &n, ocop_lgettext(lang, "else back to %s"),
		       level_word(cs, p->return_to));
}

static void renewal(char *buf, size_t size, const struct changes *cs, const struct ocop_regime *r)
{
	if (!r->renewal.given)
		emit_fmt(buf, size, "-");
	else
		emit_fmt(buf, size,
		    ocop_lgettext(cs->lang, "file %d to %d days before expiry; late: valid %d days after"),
		    r->renewal.file_from_days, r->renewal.file_to_days, r->renewal.late_valid_days);
}

static void diff_regime(struct changes *cs, const struct ocop_regime *a, const struct ocop_regime *b)
{
	const char *now = ocop_lgettext(cs->lang, "now");
	char x[240], y[240];

	text_change(cs, "decision", N_("decision"), NULL, NULL, a->decision, b->decision);
	emit_fmt(x, sizeof x, "%s – %s", a->effective_from, a->effective_to[0] ? a->effective_to : now);
	emit_fmt(y, sizeof y, "%s – %s", b->effective_from, b->effective_to[0] ? b->effective_to : now);
	text_change(cs, "in_force", N_("in force"), NULL, NULL, x, y);
	for (size_t p = 0; p < a->nparts || p < b->nparts; p++)
		/* TRANSLATORS: %s is a part of the criteria: A, B or C. */
		int_change(cs, "part_max", N_("part %s maximum"), NULL,
		           p < a->nparts ? a->parts[p].id : b->parts[p].id,
		           p < a->nparts ? a->parts[p].max : 0, p < b->nparts ? b->parts[p].max : 0);
	bands(x, sizeof x, a);
	bands(y, sizeof y, b);
	text_change(cs, "bands", N_("star bands"), NULL, NULL, x, y);
	int_change(cs, "recognised_min_stars", N_("stars to be recognised"), NULL, NULL,
	           a->recognised_min_stars, b->recognised_min_stars);
	int_change(cs, "spread_limit", N_("spread limit"), NULL, NULL, a->spread_limit,
	           b->spread_limit);
	int_change(cs, "certificate_months", N_("recognition lasts (months)"), NULL, NULL,
	           a->certificate_months, b->certificate_months);
	int_change(cs, "notice_days", N_("notice before expiry (days)"), NULL, NULL, a->notice_days,
	           b->notice_days);
	levels(x, sizeof x, cs, a);
	levels(y, sizeof y, cs, b);
	text_change(cs, "levels", N_("levels"), NULL, NULL, x, y);
	for (int l = 0; l < OCOP_NLEVELS; l++) {
		rule(x, sizeof x, cs, a, l);
		rule(y, sizeof y, cs, b, l);
		/* TRANSLATORS: %s is a level: commune, district, province, central. */
		text_change(cs, "promotion", N_("%s promotion rule"), NULL, level_word(cs, l), x, y);
	}
	renewal(x, sizeof x, cs, a);
	renewal(y, sizeof y, cs, b);
	text_change(cs, "renewal", N_("renewal"), NULL, NULL, x, y);
}

/* ---- sets and criteria ---- */

static void option_text(char *buf, size_t size, const struct changes *cs,
                        const struct ocop_option *o)
{
	if (!o)
		emit_fmt(buf, size, "-");
	else if (o->mark)
		emit_fmt(buf, size, ocop_lngettext(cs->lang, "%d point, mark %d★", "%d points, mark %d★",
		                              (unsigned long)o->points), o->points, o->mark);
	else
		emit_fmt(buf, size, ocop_lngettext(cs->lang, "%d point", "%d points", (unsigned long)o->points),
		    o->points);
}

static void diff_criterion(struct changes *cs, const char *set, const struct ocop_criterion *a,
                           const struct ocop_criterion *b)
{
	char x[64], y[64], what[48];

	int_change(cs, "max", N_("maximum"), set, a->id, a->max, b->max);
	int_change(cs, "mark", N_("criterion mark (mean above 0)"), set, a->id, a->mark, b->mark);
	int_change(cs, "yesno", N_("yes/no criterion"), set, a->id, a->yesno, b->yesno);
	for (size_t i = 0; i < a->noptions || i < b->noptions; i++) {
		option_text(x, sizeof x, cs, i < a->noptions ? &a->options[i] : NULL);
		option_text(y, sizeof y, cs, i < b->noptions ? &b->options[i] : NULL);
		emit_fmt(what, sizeof what, "%s/%zu", a->id, i + 1);
		text_change(cs, "option", N_("option (criterion/number)"), set, what, x, y);
	}
}

static const struct ocop_criterion *find_criterion(const struct ocop_set *s, const char *id)
{
	for (size_t i = 0; i < s->ncriteria; i++)
		if (strcmp(s->criteria[i].id, id) == 0)
			return &s->criteria[i];
	return NULL;
}

/* A gate as one line, for comparing: its condition and its effect. */
static void gate_text(char *buf, size_t size, const struct changes *cs, const struct ocop_set *s,
                      const struct ocop_gate *g)
{
	char ids[160] = "";
	size_t n = 0;

	for (size_t i = 0; i < g->nzero && n < sizeof ids; i++)
		n += (size_t)snprintf(ids + n, sizeof ids - n, "%s%s", i ? " " : "",
		                      ocop_set_leaf(s, (size_t)g->zero[i])->id);
	/* TRANSLATORS: a gate of criteria diff: its kind (a code), its condition and its effect;
	 * yes and no are values of the flag's column, not translated. */
	if (g->leaf >= 0 && g->eliminate)
		emit_fmt(buf, size, ocop_lgettext(cs->lang, "%s: when %s ≤ %d, eliminate"), g->kind,
		    ocop_set_leaf(s, (size_t)g->leaf)->id, g->at_most);
	else if (g->leaf >= 0)
		emit_fmt(buf, size, ocop_lgettext(cs->lang, "%s: when %s ≤ %d, zero %s"), g->kind,
		    ocop_set_leaf(s, (size_t)g->leaf)->id, g->at_most, ids);
	else if (g->eliminate)
		emit_fmt(buf, size, ocop_lgettext(cs->lang, "%s: when %s is %s, eliminate"), g->kind, ocop_flag_name(g->flag),
		    g->flag_is ? "yes" : "no");
	else
		emit_fmt(buf, size, ocop_lgettext(cs->lang, "%s: when %s is %s, zero %s"), g->kind, ocop_flag_name(g->flag),
		    g->flag_is ? "yes" : "no", ids);
}

static int has_gate(const struct changes *cs, const struct ocop_set *s, const char *text)
{
	char t[240];

	for (size_t i = 0; i < s->ngates; i++) {
		gate_text(t, sizeof t, cs, s, &s->gates[i]);
		if (strcmp(t, text) == 0)
			return 1;
	}
	return 0;
}

static void diff_gates(struct changes *cs, const struct ocop_set *a, const struct ocop_set *b)
{
	char t[240];
	struct change *c;

	for (size_t i = 0; i < a->ngates; i++) {
		gate_text(t, sizeof t, cs, a, &a->gates[i]);
		if (!has_gate(cs, b, t) && (c = add(cs, "gate", N_("gate"), a->code, NULL))) {
			snprintf(c->from, sizeof c->from, "%s", t);
			snprintf(c->to, sizeof c->to, "-");
		}
	}
	for (size_t i = 0; i < b->ngates; i++) {
		gate_text(t, sizeof t, cs, b, &b->gates[i]);
		if (!has_gate(cs, a, t) && (c = add(cs, "gate", N_("gate"), b->code, NULL))) {
			snprintf(c->from, sizeof c->from, "-");
			snprintf(c->to, sizeof c->to, "%s", t);
		}
	}
}

static void diff_set(struct changes *cs, const struct ocop_set *a, const struct ocop_set *b)
{
	for (size_t i = 0; i < a->ncriteria; i++) {
		const struct ocop_criterion *x = &a->criteria[i], *y = find_criterion(b, x->id);
		if (y)
			diff_criterion(cs, a->code, x, y);
		else
			text_change(cs, "criterion", N_("criterion"), a->code, x->id,
			            data(cs, x->label_vi, x->label_en), "-");
	}
	for (size_t j = 0; j < b->ncriteria; j++)
		if (!find_criterion(a, b->criteria[j].id))
			text_change(cs, "criterion", N_("criterion"), b->code, b->criteria[j].id, "-",
			            data(cs, b->criteria[j].label_vi, b->criteria[j].label_en));
	diff_gates(cs, a, b);
}

static void diff_sets(struct changes *cs, const struct ocop_regime *a, const struct ocop_regime *b,
                      const char *only)
{
	for (size_t i = 0; i < a->nsets; i++) {
		const struct ocop_set *x = &a->sets[i], *y = ocop_regime_find_set(b, x->code);
		if (only && ocop_regime_find_set(a, only) != x)
			continue;
		if (!y)
			text_change(cs, "set", N_("set"), x->code, NULL, data(cs, x->name_vi, x->name_en),
			            "-");
		else if (x != y)
			diff_set(cs, x, y);
	}
	for (size_t j = 0; j < b->nsets; j++)
		if (!ocop_regime_find_set(a, b->sets[j].code) &&
		    (!only || ocop_regime_find_set(b, only) == &b->sets[j]))
			text_change(cs, "set", N_("set"), b->sets[j].code, NULL, "-",
			            data(cs, b->sets[j].name_vi, b->sets[j].name_en));
}

/* ---- output ---- */

static void print_text(FILE *f, const struct changes *cs, const struct ocop_regime *a,
                       const struct ocop_regime *b)
{
	fprintf(f, _("regime %s → regime %s\n"), a->id, b->id);
	for (size_t i = 0; i < cs->n; i++) {
		const struct change *x = &cs->v[i];
		fputs("  ", f);
		if (x->set[0])
			fprintf(f, "%s ", x->set);
		if (strstr(x->label, "%s")) {
			fprintf(f, _(x->label), x->criterion);
		} else {
			if (x->criterion[0])
				fprintf(f, "%s ", x->criterion);
			fputs(_(x->label), f);
		}
		fprintf(f, ": %s → %s\n", x->from, x->to);
	}
	if (cs->n == 0)
		fputs(_("no changes\n"), f);
	else
		fprintf(f, P_("%zu change\n", "%zu changes\n", cs->n), cs->n);
}

static void print_json(FILE *f, const struct changes *cs, const struct ocop_regime *a,
                       const struct ocop_regime *b)
{
	fputs("{\"from\":", f);
	emit_json(f, a->id);
	fputs(",\"to\":", f);
	emit_json(f, b->id);
	fputs(",\"changes\":[", f);
	for (size_t i = 0; i < cs->n; i++) {
		const struct change *x = &cs->v[i];
		fputs(i ? ",\n{\"what\":" : "\n{\"what\":", f);
		emit_json(f, x->what);
		fputs(",\"set\":", f);
		emit_json(f, x->set[0] ? x->set : NULL);
		fputs(",\"item\":", f);
		emit_json(f, x->criterion[0] ? x->criterion : NULL);
		fputs(",\"from\":", f);
		emit_json(f, strcmp(x->from, "-") ? x->from : NULL);
		fputs(",\"to\":", f);
		emit_json(f, strcmp(x->to, "-") ? x->to : NULL);
		putc('}', f);
	}
	fputs(cs->n ? "\n]}\n" : "]}\n", f);
}

/* ---- arguments ---- */

/* A regime id of the catalog, or a criteria file, loaded into a catalog of its own (so that a file
 * may change a built-in regime under the same id). */
static const struct ocop_regime *regime_arg(struct cli *c, const char *arg,
                                            struct ocop_catalog **own)
{
	struct ocop_err err = {0};
	const struct ocop_regime *r;
	struct stat st;
	char *text = NULL;
	size_t len = 0, k;
	FILE *f;

	if (stat(arg, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (!(r = ocop_catalog_get(c->cat, arg, &err)))
			fprintf(stderr, _("ocop criteria diff: %s: neither a regime id nor a file (see "
			                  "'ocop criteria list')\n"), arg);
		return r;
	}
	if (!(f = fopen(arg, "rb")) || st.st_size > (64 << 20) ||
	    !(text = malloc((size_t)st.st_size + 1))) {
		fprintf(stderr, _("ocop: %s: cannot read: %s\n"), arg,
		        ocop_strerror(errno ? errno : ENOMEM));
		if (f)
			fclose(f);
		return NULL;
	}
	while ((k = fread(text + len, 1, (size_t)st.st_size - len, f)) > 0)
		len += k;
	fclose(f);
	if (ocop_catalog_new(own, &err) < 0 ||
	    ocop_catalog_load(&r, *own, text, len, arg, &c->diags, &err) < 0) {
		if (c->diags.n)
			cli_flush_diags(c);
		else
			cli_print_err(&err);
		r = NULL;
	}
	free(text);
	return r;
}

int criteria_diff(struct cli *c, int fmt, const char *ida, const char *idb)
{
	struct ocop_catalog *own_a = NULL, *own_b = NULL;
	const struct ocop_regime *a = regime_arg(c, ida, &own_a);
	const struct ocop_regime *b = a ? regime_arg(c, idb, &own_b) : NULL;
	struct changes cs = {0};
	int rc;

	cs.lang = fmt == OCOP_OUT_JSON ? OCOP_LANG_EN : ocop_lang_get();

	if (!a || !b) {
		rc = (own_a || own_b) ? EXIT_INPUT : EXIT_USAGE;
	} else if (c->set && !ocop_regime_find_set(a, c->set) && !ocop_regime_find_set(b, c->set)) {
		fprintf(stderr, _("ocop criteria diff: no set '%s' in regime %s or %s\n"), c->set, a->id,
		        b->id);
		rc = EXIT_USAGE;
	} else {
		if (!c->set)
			diff_regime(&cs, a, b);
		diff_sets(&cs, a, b, c->set);
		if (fmt == OCOP_OUT_JSON)
			print_json(c->out, &cs, a, b);
		else
			print_text(c->out, &cs, a, b);
		rc = cs.failed ? EXIT_OUTPUT : cs.n ? EXIT_RESULTS : EXIT_FINAL;
	}
	free(cs.v);
	ocop_catalog_free(own_a);
	ocop_catalog_free(own_b);
	return rc;
}
