/* The batch: groups sheets into dossiers and checks every value against the dossier's set. */
#include "ocop/dossier.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "idset.h"
#include "ocop/catalog.h"
#include "ocop/i18n.h"
#include "ocop/suggest.h"
#include "ocop/text.h"
#include "util.h"

/* Points of a sheet cell before a valid value is set. */
#define NOT_GIVEN (-1)
#define GIVEN_BAD (-2)

static const char *const field_names[OCOP_NFIELDS] = {
	"product_id", "set", "member", "product_name", "producer", "commune", "district", "province",
	"level", "evaluated_on", "recognised_on", "contaminants", "food_safety_cert",
	"imported_raw_material", "ip_violation", "submitted_on", "forged_dossier",
	"registration_incomplete", "production_licence", "production_conditions",
	"product_declaration", "identical_product", "prior_level", "prior_total",
	"prior_stars", "verified_by"};

/* The column of each flag (enum ocop_flag). */
static const int flag_field[OCOP_NFLAGS] = {
	OCOP_F_CONTAMINANTS, OCOP_F_FOOD_SAFETY_CERT, OCOP_F_IMPORTED_RAW_MATERIAL,
	OCOP_F_IP_VIOLATION, OCOP_F_FORGED_DOSSIER, OCOP_F_REGISTRATION_INCOMPLETE,
	OCOP_F_PRODUCTION_LICENCE, OCOP_F_PRODUCTION_CONDITIONS, OCOP_F_PRODUCT_DECLARATION,
	OCOP_F_IDENTICAL_PRODUCT};

struct ocop_batch {
	struct arena arena;
	struct ocop_catalog *cat;
	const struct ocop_regime *regime;
	struct ocop_diags *diags;
	struct ocop_dossier **v;
	size_t n, cap;
	size_t *slots;      /* open-addressing table of index + 1, keyed by product id */
	size_t nslots;
	size_t orphans;
	struct ocop_dossier *last;
	size_t seq;                 /* dossiers begun, for input order */
	/* Streaming: each dossier is handed to the sink as the next one begins, then forgotten. */
	ocop_sink_fn sink;
	void *sink_ctx;
	struct arena cur;           /* the current dossier's memory */
	struct idset done;          /* ids of dossiers already handed over */
	int broken;                 /* OCOP_BROKEN_*, see ocop_batch_broken */
	struct ocop_err why;
	/* Dossiers of a season share a few dates and sets: the last regime the dates chose, and the
	 * sets their codes named, are kept (both pure functions of what is compared). */
	struct {
		char evaluated[16], submitted[16];
		const struct ocop_regime *regime;
		struct ocop_basis basis;
	} chosen;
	struct {
		const struct ocop_regime *regime;
		char code[24];
		const struct ocop_set *set;
	} sets[8];
	size_t nextset;
};

const char *ocop_field_name(int field)
{
	return field >= 0 && field < OCOP_NFIELDS ? field_names[field] : "";
}

int ocop_field_per_sheet(int field)
{
	return field == OCOP_F_MEMBER || field == OCOP_F_VERIFIED_BY;
}

int ocop_field_parse(const char *name)
{
	for (int i = 0; i < OCOP_NFIELDS; i++)
		if (name[0] == field_names[i][0] && strcmp(name, field_names[i]) == 0)
			return i;
	return -1;
}

int ocop_batch_new(struct ocop_batch **out, struct ocop_catalog *cat,
                   const struct ocop_regime *regime, struct ocop_diags *diags,
                   struct ocop_err *err)
{
	struct ocop_batch *b = calloc(1, sizeof *b);

	*out = NULL;
	if (!b)
		return ocop_err_set(err, OCOP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
	b->cat = cat;
	b->regime = regime;
	b->diags = diags;
	*out = b;
	return 0;
}

void ocop_batch_free(struct ocop_batch *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++)
		free(b->v[i]->members);
	free(b->v);
	free(b->slots);
	idset_free(&b->done);
	arena_free(&b->arena);
	arena_free(&b->cur);
	free(b);
}

void ocop_batch_stream(struct ocop_batch *b, ocop_sink_fn sink, void *ctx)
{
	b->sink = sink;
	b->sink_ctx = ctx;
}

static void finish_one(struct ocop_batch *b, struct ocop_dossier *d);
static int nomem(struct ocop_batch *b, const struct ocop_loc *loc, const char *id);

/* Streaming: hands the current dossier to the sink and forgets it, keeping only its id. */
static void emit_current(struct ocop_batch *b)
{
	struct ocop_dossier *d;

	if (!b->n)
		return;
	d = b->v[0];
	finish_one(b, d);
	b->sink(b->sink_ctx, d);
	/* without its id, a product coming back later would go unnoticed */
	if (idset_add(&b->done, d->meta[OCOP_F_PRODUCT_ID]) < 0) {
		struct ocop_loc at = {d->file, d->line, 0, 0, NULL, 0};
		nomem(b, &at, d->meta[OCOP_F_PRODUCT_ID]);
	}
	free(d->members);
	b->n = 0;
	b->last = NULL;
	arena_reset(&b->cur);
}

static int grow_slots(struct ocop_batch *b)
{
	size_t n = b->nslots ? b->nslots * 2 : 256;
	size_t *s = calloc(n, sizeof *s);

	if (!s)
		return -1;
	for (size_t i = 0; i < b->n; i++) {
		size_t h = str_hash(b->v[i]->meta[OCOP_F_PRODUCT_ID]) & (n - 1);
		while (s[h])
			h = (h + 1) & (n - 1);
		s[h] = i + 1;
	}
	free(b->slots);
	b->slots = s;
	b->nslots = n;
	return 0;
}

struct ocop_dossier *ocop_batch_find(struct ocop_batch *b, const char *id)
{
	if (b->last && strcmp(b->last->meta[OCOP_F_PRODUCT_ID], id) == 0)
		return b->last;
	if (!b->nslots)
		return NULL;
	for (size_t h = str_hash(id) & (b->nslots - 1); b->slots[h]; h = (h + 1) & (b->nslots - 1)) {
		struct ocop_dossier *d = b->v[b->slots[h] - 1];
		if (strcmp(d->meta[OCOP_F_PRODUCT_ID], id) == 0)
			return d;
	}
	return NULL;
}

/* The word after `key` in the English text of a problem ("member TV2: …" gives TV2), into buf;
 * empty when it has none. */
static void word_after(const char *msg, const char *key, char *buf, size_t size)
{
	const char *p = strstr(msg, key);
	size_t n;

	*buf = '\0';
	if (!p || (p > msg && p[-1] != ' '))
		return;
	p += strlen(key);
	if (*p == '"')
		p++;
	n = strcspn(p, ":,;\" ");
	if (n > 0 && n < size) {
		memcpy(buf, p, n);
		buf[n] = '\0';
	}
}

/* Records a problem written in both languages: the diagnostic in the current one; the dossier's
 * first error in English (the `reason` of machine output) and in Vietnamese (for people). */
static void add_texts(struct ocop_batch *b, struct ocop_dossier *d, const struct ocop_loc *loc,
                      const char *where, const char *en, const char *vi)
{
	char full_en[512], full_vi[640];
	struct ocop_loc at = loc ? *loc : (struct ocop_loc){0};
	int f = where ? ocop_field_parse(where) : -1;

	if (f >= 0 && at.field_col && at.field_col[f])
		at.col = at.field_col[f];
	loc = &at;
	if (loc->record && loc->col) {
		snprintf(full_en, sizeof full_en, "record %ld: %s", loc->record, en);
		snprintf(full_vi, sizeof full_vi, ocop_lgettext(OCOP_LANG_VI, "record %ld: %s"),
		         loc->record, vi);
	} else {
		snprintf(full_en, sizeof full_en, "%s", en);
		snprintf(full_vi, sizeof full_vi, "%s", vi);
	}
	size_t before = b->diags ? b->diags->n : 0;

	ocop_diag_add(b->diags, OCOP_EDATA, loc->file, loc->line, loc->col, where, "%s",
	              ocop_lang_get() == OCOP_LANG_VI ? full_vi : full_en);
	if (b->diags && b->diags->n > before) {
		struct ocop_err *e = &b->diags->v[before];
		if (d)
			snprintf(e->product, sizeof e->product, "%s", d->meta[OCOP_F_PRODUCT_ID]);
		/* named in the English text, which the library writes (the diagnostic may be in
		 * Vietnamese) */
		word_after(en, "member ", e->member, sizeof e->member);
		word_after(en, "criterion ", e->criterion, sizeof e->criterion);
	}
	if (!d) {
		b->orphans++;
		return;
	}
	if (d->nerrors++ == 0) {
		char shown[384];
		ocop_text_visible(d->first_error, sizeof d->first_error, en);
		ocop_text_visible(shown, sizeof shown, vi);
		d->first_error_vi = arena_strdup(d->arena, shown);
	}
}

/* fmt_en and fmt_vi take the same arguments. */
static void vadd(struct ocop_batch *b, struct ocop_dossier *d, const struct ocop_loc *loc,
                 const char *where, const char *fmt_en, const char *fmt_vi, va_list ap)
{
	char en[480], vi[600];
	va_list ap2;

	va_copy(ap2, ap);
	vsnprintf(en, sizeof en, fmt_en, ap);
	vsnprintf(vi, sizeof vi, fmt_vi, ap2);
	va_end(ap2);
	add_texts(b, d, loc, where, en, vi);
}

void ocop_batch_error(struct ocop_batch *b, struct ocop_dossier *d, const struct ocop_loc *loc,
                      const char *where, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vadd(b, d, loc, where, fmt, ocop_lgettext(OCOP_LANG_VI, fmt), ap);
	va_end(ap);
}

/* A problem whose English and Vietnamese formats are chosen by the caller (plural forms). */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 7))) __attribute__((format(printf, 6, 7)))
#endif
static void error2(struct ocop_batch *b, struct ocop_dossier *d, const struct ocop_loc *loc,
                   const char *where, const char *fmt_en, const char *fmt_vi, ...)
{
	va_list ap;

	va_start(ap, fmt_vi);
	vadd(b, d, loc, where, fmt_en, fmt_vi, ap);
	va_end(ap);
}

static int parse_flag(const char *s)
{
	static const char *const yes[] = {"yes", "true", "1", "có", "co"};
	static const char *const no[] = {"no", "false", "0", "không", "khong"};

	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
		if (strcmp(s, yes[i]) == 0)
			return 1;
		if (strcmp(s, no[i]) == 0)
			return 0;
	}
	return -1;
}

void ocop_batch_warn(struct ocop_batch *b, struct ocop_dossier *d, const struct ocop_loc *loc,
                     const char *where, const char *vi, const char *en)
{
	struct ocop_loc at = loc ? *loc : (struct ocop_loc){0};
	int f = where ? ocop_field_parse(where) : -1;
	size_t before = b->diags ? b->diags->n : 0;

	if (f >= 0 && at.field_col && at.field_col[f])
		at.col = at.field_col[f];
	ocop_diag_add(b->diags, OCOP_EWARN, at.file, at.line, at.col, where, "product %s: %s",
	              d->meta[OCOP_F_PRODUCT_ID], ocop_lang_get() == OCOP_LANG_VI ? vi : en);
	if (b->diags && b->diags->n > before)
		snprintf(b->diags->v[before].product, sizeof b->diags->v[before].product, "%s",
		         d->meta[OCOP_F_PRODUCT_ID]);
	if (d->nwarnings < OCOP_MAX_WARNINGS) {
		d->warning_vi[d->nwarnings] = arena_strdup(d->arena, vi);
		d->warning_en[d->nwarnings] = arena_strdup(d->arena, en);
		if (d->warning_vi[d->nwarnings] && d->warning_en[d->nwarnings])
			d->nwarnings++;
	}
}

/* A set code that is not one of regime r's: says so with what the regime's sets are called, the
 * closest code to the typed one, and the regime's own codes and numbers (148's are I.1.a … VI.1,
 * 1048's 1048.01 … 1048.26). */
static void bad_set(struct ocop_batch *b, struct ocop_dossier *d, const struct ocop_loc *loc,
                    const char *typed)
{
	const struct ocop_regime *r = d->regime;
	const char *id = d->meta[OCOP_F_PRODUCT_ID], *codes[256], *near;
	size_t n = 0;

	for (size_t i = 0; i < r->nsets && n < sizeof codes / sizeof *codes; i++)
		codes[n++] = r->sets[i].code;
	near = ocop_suggest(typed, codes, n);
	if (r->nsets == 0)
		ocop_batch_error(b, d, loc, "set", "product %s: set \"%s\" is not a criteria set of "
		                 "regime %s (it has no sets)", id, typed, r->id);
	else if (r->nsets == 1)
		ocop_batch_error(b, d, loc, "set", "product %s: set \"%s\" is not a criteria set of "
		                 "regime %s (its only set is %s, number %d)", id, typed, r->id,
		                 r->sets[0].code, r->sets[0].number);
	else if (near)
		ocop_batch_error(b, d, loc, "set", "product %s: set \"%s\" is not a criteria set of "
		                 "regime %s (did you mean \"%s\"? expected a code %s … %s or a number "
		                 "%d-%d)", id, typed, r->id, near, r->sets[0].code,
		                 r->sets[r->nsets - 1].code, r->sets[0].number,
		                 r->sets[r->nsets - 1].number);
	else
		ocop_batch_error(b, d, loc, "set", "product %s: set \"%s\" is not a criteria set of "
		                 "regime %s (expected a code %s … %s or a number %d-%d)", id, typed,
		                 r->id, r->sets[0].code, r->sets[r->nsets - 1].code, r->sets[0].number,
		                 r->sets[r->nsets - 1].number);
}

/* Reports the dates that are not dates; returns a bit per field (of date_fields) that is. */
static unsigned check_dates(struct ocop_batch *b, struct ocop_dossier *d,
                            const struct ocop_loc *loc)
{
	unsigned bad = 0;

	static const int date_fields[] = {OCOP_F_EVALUATED_ON, OCOP_F_RECOGNISED_ON,
	                                  OCOP_F_SUBMITTED_ON};

	for (size_t i = 0; i < sizeof date_fields / sizeof *date_fields; i++) {
		int f = date_fields[i];
		if (d->meta[f] && !ocop_date_valid(d->meta[f])) {
			ocop_batch_error(b, d, loc, field_names[f],
			                 "product %s: %s \"%s\" is not a date (YYYY-MM-DD)",
			                 d->meta[OCOP_F_PRODUCT_ID], field_names[f], d->meta[f]);
			bad |= 1u << i;
		}
	}
	return bad;
}

static void read_flags(struct ocop_batch *b, struct ocop_dossier *d, const struct ocop_loc *loc)
{
	for (int f = 0; f < OCOP_NFLAGS; f++) {
		const char *v = d->meta[flag_field[f]];
		d->flags[f] = ocop_flag_default(f);
		if (v && (d->flags[f] = parse_flag(v)) < 0) {
			d->flags[f] = ocop_flag_default(f);
			ocop_batch_error(b, d, loc, ocop_flag_name(f),
			                 "product %s: %s \"%s\" is not yes or no",
			                 d->meta[OCOP_F_PRODUCT_ID], ocop_flag_name(f), v);
		}
	}
}

/* A flag given with a value other than its default on a set none of whose gates reads it would be
 * ignored: say so. */
static void check_flags_used(struct ocop_batch *b, struct ocop_dossier *d,
                             const struct ocop_loc *loc)
{
	char vi[300], en[300];

	for (int f = 0; f < OCOP_NFLAGS; f++) {
		if (!d->meta[flag_field[f]] || d->set->flags_used & (1u << f) ||
		    d->flags[f] == ocop_flag_default(f))
			continue;
		const char *fmt = N_("%s = %s is not used by set %s under regime %s: it has no effect");
		snprintf(vi, sizeof vi, ocop_lgettext(OCOP_LANG_VI, fmt), ocop_flag_name(f),
		         d->meta[flag_field[f]], d->set->code, d->regime->id);
		snprintf(en, sizeof en, fmt, ocop_flag_name(f), d->meta[flag_field[f]], d->set->code,
		         d->regime->id);
		ocop_batch_warn(b, d, loc, ocop_flag_name(f), vi, en);
	}
}

const char *ocop_dossier_error(const struct ocop_dossier *d, int lang)
{
	return lang == OCOP_LANG_VI && d->first_error_vi ? d->first_error_vi : d->first_error;
}

void ocop_dossier_basis(char *buf, size_t size, const struct ocop_dossier *d, int vietnamese)
{
	const char *ev = d->meta[OCOP_F_EVALUATED_ON], *sub = d->meta[OCOP_F_SUBMITTED_ON];
	const char *from = d->basis.date ? d->basis.date : "";
	enum ocop_lang lang = vietnamese ? OCOP_LANG_VI : OCOP_LANG_EN;

	switch (d->basis.kind) {
	case OCOP_BASIS_NEWEST:
		snprintf(buf, size, "%s", ocop_lgettext(lang, "no evaluated_on: the newest regime"));
		break;
	case OCOP_BASIS_IN_FORCE:
		snprintf(buf, size, ocop_lgettext(lang, "in force on evaluated_on %s"), ev);
		break;
	case OCOP_BASIS_FILED_BEFORE:
		snprintf(buf, size, ocop_lgettext(lang, "transition: submitted_on %s, before %s, keeps "
		                                        "the earlier rules"), sub, from);
		break;
	case OCOP_BASIS_FILED_FROM:
		snprintf(buf, size, ocop_lgettext(lang, "transition: submitted_on %s, from %s on, takes "
		                                        "the new rules"), sub, from);
		break;
	case OCOP_BASIS_FORCED:
		snprintf(buf, size, "%s", ocop_lgettext(lang, "chosen with --regime or --criteria"));
		break;
	default:
		if (size)
			*buf = '\0';
	}
}

/* ocop_catalog_choose, the last answer kept: dates that chose a regime choose it again. */
static const struct ocop_regime *choose(struct ocop_batch *b, const char *date, const char *filed,
                                        struct ocop_basis *basis, struct ocop_err *err)
{
	const struct ocop_regime *g;
	size_t dl = date ? strlen(date) : 0, fl = filed ? strlen(filed) : 0;
	int keep = date && dl < sizeof b->chosen.evaluated && fl < sizeof b->chosen.submitted;

	if (keep && b->chosen.regime && strcmp(b->chosen.evaluated, date) == 0 &&
	    strcmp(b->chosen.submitted, filed ? filed : "") == 0) {
		*basis = b->chosen.basis;
		return b->chosen.regime;
	}
	g = ocop_catalog_choose_in(b->cat, date, filed, basis, err, OCOP_LANG_EN);
	if (keep && g) {
		memcpy(b->chosen.evaluated, date, dl + 1);
		memcpy(b->chosen.submitted, filed ? filed : "", fl + 1);
		b->chosen.regime = g;
		b->chosen.basis = *basis;
	}
	return g;
}

/* ocop_regime_find_set, the sets found kept. */
static const struct ocop_set *find_set(struct ocop_batch *b, const struct ocop_regime *g,
                                       const char *code)
{
	size_t n = sizeof b->sets / sizeof *b->sets, len = strlen(code);
	const struct ocop_set *set;

	for (size_t i = 0; i < n; i++)
		if (b->sets[i].regime == g && strcmp(b->sets[i].code, code) == 0)
			return b->sets[i].set;
	set = ocop_regime_find_set(g, code);
	if (set && len < sizeof b->sets[0].code) {
		size_t i = b->nextset++ % n;
		b->sets[i].regime = g;
		memcpy(b->sets[i].code, code, len + 1);
		b->sets[i].set = set;
	}
	return set;
}

/* The regime: forced, or chosen by the dossier's dates (and a forced regime that the dates
 * contradict is a warning). Only the kind of reason is kept; its text is written when shown. */
static void choose_regime(struct ocop_batch *b, struct ocop_dossier *d, const struct ocop_loc *loc,
                          unsigned bad_dates)
{
	const char *date = bad_dates & 1 ? NULL : d->meta[OCOP_F_EVALUATED_ON];
	const char *filed = bad_dates & 4 ? NULL : d->meta[OCOP_F_SUBMITTED_ON];
	struct ocop_err err;
	struct ocop_basis basis;
	char vi[700], en[600], why_vi[200], why_en[200];
	const struct ocop_regime *by_dates;

	err.code = 0;           /* (what ocop_err_set looks at, and what is read below) */
	err.where[0] = err.msg[0] = '\0';

	if (!b->regime) {
		/* A date that is not a date (already reported) cannot choose a regime; the newest would
		 * only bury that one error under criteria of the wrong sheet. */
		if (bad_dates & 1)
			return;
		d->regime = choose(b, date, filed, &d->basis, &err);
		if (!d->regime) {
			struct ocop_err err_vi = {0};
			ocop_catalog_choose_in(b->cat, date, filed, NULL, &err_vi, OCOP_LANG_VI);
			snprintf(en, sizeof en, "product %s: %s", d->meta[OCOP_F_PRODUCT_ID], err.msg);
			snprintf(vi, sizeof vi, ocop_lgettext(OCOP_LANG_VI, "product %s: %s"),
			         d->meta[OCOP_F_PRODUCT_ID], err_vi.msg);
			add_texts(b, d, loc, err.where[0] ? err.where : "evaluated_on", en, vi);
		}
		return;
	}
	d->regime = b->regime;
	d->basis.kind = OCOP_BASIS_FORCED;
	if (!date)
		return;
	by_dates = choose(b, date, filed, &basis, &err);
	if (by_dates == d->regime || (!by_dates && !strcmp(err.where, "submitted_on")))
		return;
	if (by_dates) {
		struct ocop_dossier dated = {0};
		dated.basis = basis;
		memcpy(dated.meta, d->meta, sizeof dated.meta);
		ocop_dossier_basis(why_vi, sizeof why_vi, &dated, 1);
		ocop_dossier_basis(why_en, sizeof why_en, &dated, 0);
		const char *fmt = N_("its dates (%s) call for regime %s, but it is scored under %s");
		snprintf(vi, sizeof vi, ocop_lgettext(OCOP_LANG_VI, fmt), why_vi, by_dates->id,
		         d->regime->id);
		snprintf(en, sizeof en, fmt, why_en, by_dates->id, d->regime->id);
	} else {
		struct ocop_err err_vi = {0};
		const char *fmt = N_("scored under %s, but: %s");
		ocop_catalog_choose_in(b->cat, date, filed, NULL, &err_vi, OCOP_LANG_VI);
		snprintf(vi, sizeof vi, ocop_lgettext(OCOP_LANG_VI, fmt), d->regime->id, err_vi.msg);
		snprintf(en, sizeof en, fmt, d->regime->id, err.msg);
	}
	ocop_batch_warn(b, d, loc, "evaluated_on", vi, en);
}

/* 1 if s is a mean as ocop prints it: 0 to 100, at most two decimals. */
static int is_mean(const char *s)
{
	long whole = 0;
	int digits = 0;

	while (*s >= '0' && *s <= '9' && digits < 4)
		whole = whole * 10 + (*s++ - '0'), digits++;
	if (!digits || whole > 100)
		return 0;
	if (*s == '.') {
		int dec = 0, nonzero = 0;
		for (s++; *s >= '0' && *s <= '9' && dec < 3; s++, dec++)
			nonzero |= *s != '0';
		if (!dec || dec > 2 || (whole == 100 && nonzero))
			return 0;
	}
	return *s == '\0';
}

/* The lower level's result on an intake (reference only): well-formed, or an error. */
static void check_prior(struct ocop_batch *b, struct ocop_dossier *d, const struct ocop_loc *loc)
{
	const char *lv = d->meta[OCOP_F_PRIOR_LEVEL], *total = d->meta[OCOP_F_PRIOR_TOTAL];
	const char *stars = d->meta[OCOP_F_PRIOR_STARS];

	if (lv && ocop_level_parse(lv) == OCOP_LEVEL_NONE)
		ocop_batch_error(b, d, loc, "prior_level",
		                 "product %s: prior_level \"%s\" is not commune, district, province or "
		                 "central", d->meta[OCOP_F_PRODUCT_ID], lv);
	if (total && !is_mean(total))
		ocop_batch_error(b, d, loc, "prior_total",
		                 "product %s: prior_total \"%s\" is not a mean total (0 to 100, at most "
		                 "two decimals)", d->meta[OCOP_F_PRODUCT_ID], total);
	if (stars && !(stars[0] >= '1' && stars[0] <= '0' + OCOP_MAX_STARS && !stars[1]))
		ocop_batch_error(b, d, loc, "prior_stars",
		                 "product %s: prior_stars \"%s\" is not a star from 1 to %d",
		                 d->meta[OCOP_F_PRODUCT_ID], stars, OCOP_MAX_STARS);
}

/* Checks the values of a new dossier's metadata and resolves its regime and set. */
static void settle(struct ocop_batch *b, struct ocop_dossier *d, const struct ocop_loc *loc)
{
	const char *set = d->meta[OCOP_F_SET], *lv = d->meta[OCOP_F_LEVEL];
	unsigned bad_dates;

	d->level = OCOP_LEVEL_NONE;
	if (lv && (d->level = ocop_level_parse(lv)) == OCOP_LEVEL_NONE)
		ocop_batch_error(b, d, loc, "level",
		                 "product %s: level \"%s\" is not commune, district, province or central",
		                 d->meta[OCOP_F_PRODUCT_ID], lv);
	bad_dates = check_dates(b, d, loc);
	read_flags(b, d, loc);
	check_prior(b, d, loc);
	choose_regime(b, d, loc, bad_dates);
	if (!d->regime)
		return;
	if (d->level != OCOP_LEVEL_NONE && !(bad_dates & 1)) {
		size_t i = 0;
		while (i < d->regime->nlevels && d->regime->levels[i] != d->level)
			i++;
		if (i == d->regime->nlevels && d->meta[OCOP_F_EVALUATED_ON])
			ocop_batch_error(b, d, loc, "level",
			                 "product %s: level \"%s\" does not evaluate under regime %s",
			                 d->meta[OCOP_F_PRODUCT_ID], lv, d->regime->id);
		else if (i == d->regime->nlevels)
			ocop_batch_error(b, d, loc, "level",
			                 "product %s: level \"%s\" does not evaluate under regime %s (the "
			                 "newest; give evaluated_on, or choose one with --regime)",
			                 d->meta[OCOP_F_PRODUCT_ID], lv, d->regime->id);
	}
	if (!set) {
		ocop_batch_error(b, d, loc, "set", "product %s: no set given",
		                 d->meta[OCOP_F_PRODUCT_ID]);
		return;
	}
	d->set = find_set(b, d->regime, set);
	if (!d->set)
		bad_set(b, d, loc, set);
	else
		check_flags_used(b, d, loc);
}

/* A value that would drive a terminal or reorder what is shown (ocop_text_control) stops the
 * input: refusing the product alone would still print the value in its result. */
static int refuse_controls(struct ocop_batch *b, const struct ocop_loc *loc, int f, const char *s)
{
	unsigned long cp = 0;
	/* a line break typed in a name's cell is text; in an id, a code or a date it is not */
	int names = f == OCOP_F_PRODUCT_NAME || f == OCOP_F_PRODUCER || f == OCOP_F_COMMUNE ||
	            f == OCOP_F_DISTRICT || f == OCOP_F_PROVINCE;

	if (ocop_text_control(s, names, &cp) == (size_t)-1)
		return 0;
	b->broken = OCOP_BROKEN_TEXT;
	long col = loc->field_col ? loc->field_col[f] : 0;
	if (loc->record && cp >= 0x2000)
		ocop_err_set(&b->why, OCOP_EDATA, loc->file, loc->line, col, field_names[f],
		             "record %ld: %s \"%s\" holds U+%04lX, a bidirectional control: no value may "
		             "hold control characters or bidirectional overrides", loc->record,
		             field_names[f], s, cp);
	else if (loc->record)
		ocop_err_set(&b->why, OCOP_EDATA, loc->file, loc->line, col, field_names[f],
		             "record %ld: %s \"%s\" holds U+%04lX, a control character: no value may "
		             "hold control characters or bidirectional overrides", loc->record,
		             field_names[f], s, cp);
	else if (cp >= 0x2000)
		ocop_err_set(&b->why, OCOP_EDATA, loc->file, loc->line, col, field_names[f],
		             "%s \"%s\" holds U+%04lX, a bidirectional control: no value may hold "
		             "control characters or bidirectional overrides", field_names[f], s, cp);
	else
		ocop_err_set(&b->why, OCOP_EDATA, loc->file, loc->line, col, field_names[f],
		             "%s \"%s\" holds U+%04lX, a control character: no value may hold "
		             "control characters or bidirectional overrides", field_names[f], s, cp);
	return -1;
}

/* Out of memory stops the input: a product left out would look like a product never given. */
static int nomem(struct ocop_batch *b, const struct ocop_loc *loc, const char *id)
{
	if (!b->broken) {
		b->broken = OCOP_BROKEN_NOMEM;
		if (loc->record)
			ocop_err_set(&b->why, OCOP_ENOMEM, loc->file, loc->line, 0, NULL,
			             "out of memory while reading product %s (record %ld)", id ? id : "",
			             loc->record);
		else
			ocop_err_set(&b->why, OCOP_ENOMEM, loc->file, loc->line, 0, NULL,
			             "out of memory while keeping the id of product %s", id ? id : "");
	}
	return -1;
}

static struct ocop_dossier *create(struct ocop_batch *b, const char *const meta[OCOP_NFIELDS],
                                   const struct ocop_loc *loc)
{
	struct arena *a = b->sink ? &b->cur : &b->arena;
	struct ocop_dossier *d = arena_alloc(a, sizeof *d);

	if (!d)
		return NULL;
	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		struct ocop_dossier **v = realloc(b->v, cap * sizeof *v);
		if (!v)
			return NULL;
		b->v = v;
		b->cap = cap;
	}
	if (!b->sink && (b->n + 1) * 2 > b->nslots && grow_slots(b) < 0)
		return NULL;
	d->arena = a;
	for (int f = 0; f < OCOP_NFIELDS; f++)
		if (!ocop_field_per_sheet(f) && meta[f] && *meta[f] &&
		    !(d->meta[f] = arena_strdup(a, meta[f])))
			return NULL;
	d->file = loc->file;
	d->line = loc->line;
	d->index = b->seq++;
	b->v[b->n++] = d;
	if (!b->sink) {
		size_t h = str_hash(d->meta[OCOP_F_PRODUCT_ID]) & (b->nslots - 1);
		while (b->slots[h])
			h = (h + 1) & (b->nslots - 1);
		b->slots[h] = b->n;
	}
	settle(b, d, loc);
	return d;
}

struct ocop_dossier *ocop_batch_product(struct ocop_batch *b, const char *const meta[OCOP_NFIELDS],
                                        const struct ocop_loc *loc)
{
	const char *id = meta[OCOP_F_PRODUCT_ID];
	struct ocop_dossier *d;
	int here;

	if (!id || !*id) {
		ocop_batch_error(b, NULL, loc, "product_id", "product_id is empty");
		return NULL;
	}
	d = ocop_batch_find(b, id);
	if (b->broken)
		return NULL;
	for (int f = 0; f < OCOP_NFIELDS; f++)
		if (f != OCOP_F_MEMBER && meta[f] && !(loc->clean >> f & 1) &&
		    refuse_controls(b, loc, f, meta[f]) < 0)
			return NULL;
	if (!d && b->sink && idset_has(&b->done, id)) {
		b->broken = OCOP_BROKEN_REGROUP;
		ocop_err_set(&b->why, OCOP_EDATA, loc->file, loc->line,
			             loc->field_col ? loc->field_col[OCOP_F_PRODUCT_ID] : 0, "product_id",
			             "record %ld: product %s again, after other products: the records of a "
			             "product must be together (sort the input by product_id)",
			             loc->record, id);
		return NULL;
	}
	if (!d) {
		if (b->sink)
			emit_current(b);
		if (b->broken)
			return NULL;
		d = create(b, meta, loc);
		if (!d)
			nomem(b, loc, id);
		return b->last = d;
	}
	b->last = d;
	/* the first record in this file (its line) or in another (file:line) */
	here = !(d->file && loc->file && strcmp(d->file, loc->file) != 0);
	for (int f = 0; f < OCOP_NFIELDS; f++) {
		if (ocop_field_per_sheet(f) || !meta[f] || !*meta[f])
			continue;
		if (!d->meta[f] && here)
			ocop_batch_error(b, d, loc, field_names[f],
			                 "product %s: %s \"%s\" is given here but not on its first record "
			                 "(line %ld)", id, field_names[f], meta[f], d->line);
		else if (!d->meta[f])
			ocop_batch_error(b, d, loc, field_names[f],
			                 "product %s: %s \"%s\" is given here but not on its first record "
			                 "(%s:%ld)", id, field_names[f], meta[f], d->file, d->line);
		else if (strcmp(d->meta[f], meta[f]) != 0 && here)
			ocop_batch_error(b, d, loc, field_names[f],
			                 "product %s: %s \"%s\" disagrees with \"%s\" (line %ld)", id,
			                 field_names[f], meta[f], d->meta[f], d->line);
		else if (strcmp(d->meta[f], meta[f]) != 0)
			ocop_batch_error(b, d, loc, field_names[f],
			                 "product %s: %s \"%s\" disagrees with \"%s\" (%s:%ld)", id,
			                 field_names[f], meta[f], d->meta[f], d->file, d->line);
	}
	return d;
}

int ocop_batch_member(struct ocop_batch *b, struct ocop_dossier *d, const char *name,
                      int allow_existing, const struct ocop_loc *loc)
{
	struct ocop_member *m;
	size_t nleaves = d->set ? d->set->nleaves : 0;

	if (b->broken)
		return -1;
	if (!name || !*name) {
		ocop_batch_error(b, d, loc, "member", "product %s: member is empty",
		                 d->meta[OCOP_F_PRODUCT_ID]);
		return -1;
	}
	if (!(loc->clean >> OCOP_F_MEMBER & 1) && refuse_controls(b, loc, OCOP_F_MEMBER, name) < 0)
		return -1;
	for (size_t i = 0; i < d->nmembers; i++) {
		if (strcmp(d->members[i].name, name) != 0)
			continue;
		if (allow_existing)
			return (int)i;
		if (d->members[i].file && loc->file && strcmp(d->members[i].file, loc->file) != 0)
			ocop_batch_error(b, d, loc, "member",
			                 "product %s: member %s already has a sheet (%s:%ld)",
			                 d->meta[OCOP_F_PRODUCT_ID], name, d->members[i].file,
			                 d->members[i].line);
		else
			ocop_batch_error(b, d, loc, "member",
			                 "product %s: member %s already has a sheet (line %ld)",
			                 d->meta[OCOP_F_PRODUCT_ID], name, d->members[i].line);
		return -1;
	}
	if (d->nmembers == d->capmembers) {
		size_t cap = d->capmembers ? d->capmembers * 2 : 8;
		struct ocop_member *v = realloc(d->members, cap * sizeof *v);
		if (!v)
			return nomem(b, loc, d->meta[OCOP_F_PRODUCT_ID]);
		d->members = v;
		d->capmembers = cap;
	}
	m = &d->members[d->nmembers];
	/* one piece of the arena: the sheet (nleaves cells, then a spare one), then the name */
	size_t len = strlen(name);
	signed char *sheet = arena_bytes(d->arena, nleaves + 1 + len + 1);
	if (!sheet)
		return nomem(b, loc, d->meta[OCOP_F_PRODUCT_ID]);
	memset(sheet, NOT_GIVEN, nleaves);
	sheet[nleaves] = 0;
	memcpy(sheet + nleaves + 1, name, len + 1);
	m->points = sheet;
	m->name = (const char *)sheet + nleaves + 1;
	m->file = loc->file;
	m->line = loc->line;
	m->verified_by = NULL;
	return (int)d->nmembers++;
}

void ocop_batch_member_verified(struct ocop_batch *b, struct ocop_dossier *d, int member,
                                const char *by)
{
	struct ocop_member *m = &d->members[member];
	struct ocop_loc at = {m->file, m->line, 0, 0, NULL, 0};

	/* refused like the member's name; the reader stops at its next record, or at the end */
	if (by && refuse_controls(b, &at, OCOP_F_VERIFIED_BY, by) < 0)
		return;
	m->verified_by = by && *by ? arena_strdup(d->arena, by) : NULL;
}

/* Sets a cell; shown is the value as typed, used only in messages (NULL: the number itself). */
static void set_points(struct ocop_batch *b, struct ocop_dossier *d, int member, int leaf,
                       int points, const char *shown, const struct ocop_loc *loc)
{
	const struct ocop_criterion *c = ocop_set_leaf(d->set, (size_t)leaf);
	struct ocop_member *m = &d->members[member];
	char opts[128], num[16];

	if (m->points[leaf] != NOT_GIVEN) {
		ocop_batch_error(b, d, loc, c->id, "product %s, member %s: criterion %s is given twice",
		                 d->meta[OCOP_F_PRODUCT_ID], m->name, c->id);
		return;
	}
	if (points >= 0 && ocop_set_valid_points(d->set, (size_t)leaf, points)) {
		m->points[leaf] = (signed char)points;
		return;
	}
	m->points[leaf] = GIVEN_BAD;
	if (!shown) {
		snprintf(num, sizeof num, "%d", points);
		shown = num;
	}
	ocop_set_points_list(d->set, (size_t)leaf, opts, sizeof opts);
	if (!*shown)    /* a number beyond any double ocop would print */
		ocop_batch_error(b, d, loc, c->id, "product %s, member %s: criterion %s: a number out "
		                 "of range is not an option (%s)", d->meta[OCOP_F_PRODUCT_ID], m->name,
		                 c->id, opts);
	else
		ocop_batch_error(b, d, loc, c->id,
		                 "product %s, member %s: criterion %s: %s is not an option (%s)",
		                 d->meta[OCOP_F_PRODUCT_ID], m->name, c->id, shown, opts);
}

static int in_a_case(const struct ocop_set *s, int leaf)
{
	for (size_t g = 0; g < s->nalternatives; g++)
		if (s->alternatives[g].case_of_leaf[leaf])
			return 1;
	return 0;
}

/* The typed text of a cell for a message, quoted and cut short. */
static const char *quoted(char *buf, size_t size, const char *text, size_t len)
{
	snprintf(buf, size, "\"%.*s%s\"", len > 24 ? 24 : (int)len, text, len > 24 ? "…" : "");
	return buf;
}

void ocop_batch_cell(struct ocop_batch *b, struct ocop_dossier *d, int member, int leaf,
                     const char *text, size_t len, const struct ocop_loc *loc)
{
	const struct ocop_criterion *c;
	char shown[40], opts[128];
	int points = 0;
	size_t i;

	i = len > 1 && text[0] == '-' ? 1 : 0; /* a negative number is whole, just not an option */
	for (; i < len && text[i] >= '0' && text[i] <= '9'; i++)
		points = points < 1000 ? points * 10 + (text[i] - '0') : 1000;
	if (len > 0 && i == len && text[len - 1] != '-') {
		if (text[0] == '-')
			points = 1000;
		set_points(b, d, member, leaf, points < 1000 ? points : -1,
		           points < 1000 ? NULL : quoted(shown, sizeof shown, text, len), loc);
		return;
	}
	if (len == 0 && in_a_case(d->set, leaf))
		return; /* the case not chosen stays empty; settle_cases decides at the end */
	c = ocop_set_leaf(d->set, (size_t)leaf);
	d->members[member].points[leaf] = GIVEN_BAD;
	ocop_set_points_list(d->set, (size_t)leaf, opts, sizeof opts);
	if (len == 0)
		ocop_batch_error(b, d, loc, c->id,
		                 "product %s, member %s: criterion %s is blank (expected %s)",
		                 d->meta[OCOP_F_PRODUCT_ID], d->members[member].name, c->id, opts);
	else
		ocop_batch_error(b, d, loc, c->id,
		                 "product %s, member %s: criterion %s: %s is not a whole number of "
		                 "points (expected %s)",
		                 d->meta[OCOP_F_PRODUCT_ID], d->members[member].name, c->id,
		                 quoted(shown, sizeof shown, text, len), opts);
}

void ocop_batch_cell_points(struct ocop_batch *b, struct ocop_dossier *d, int member, int leaf,
                            int points, const struct ocop_loc *loc)
{
	signed char *cell = &d->members[member].points[leaf];
	const struct ocop_criterion *c = &d->set->criteria[d->set->leaves[leaf]];

	/* The usual case, without calls: a first value that is an option. */
	if (*cell == NOT_GIVEN && points >= 0 && points < 64 && ((c->valid >> points) & 1)) {
		*cell = (signed char)points;
		return;
	}
	set_points(b, d, member, leaf, points, NULL, loc);
}

void ocop_batch_cell_number(struct ocop_batch *b, struct ocop_dossier *d, int member, int leaf,
                            double value, const struct ocop_loc *loc)
{
	char shown[40];

	if (value >= 0 && value <= 100 && value == (double)(int)value) {
		set_points(b, d, member, leaf, (int)value, NULL, loc);
		return;
	}
	if (value != value || value > 1e300 || value < -1e300)
		shown[0] = '\0';    /* said in words by set_points */
	else
		snprintf(shown, sizeof shown, "%.6g", value);
	set_points(b, d, member, leaf, -1, shown, loc);
}

void ocop_batch_cell_reject(struct ocop_batch *b, struct ocop_dossier *d, int member, int leaf)
{
	(void)b;
	d->members[member].points[leaf] = GIVEN_BAD;
}

void ocop_batch_finish(struct ocop_batch *b)
{
	if (b->broken)
		return;             /* the last product is not complete, or not to be trusted */
	if (b->sink) {
		emit_current(b);
		return;
	}
	for (size_t i = 0; i < b->n; i++)
		finish_one(b, b->v[i]);
}

/* "Choose one of two cases": a member scores one case of each group; the other case's cells may
 * stay empty (they count 0). Points in two cases are an error: the section would count twice. */
static void settle_cases(struct ocop_batch *b, struct ocop_dossier *d, struct ocop_member *m,
                         const struct ocop_loc *loc)
{
	const struct ocop_set *s = d->set;

	for (size_t g = 0; g < s->nalternatives; g++) {
		const int *of = s->alternatives[g].case_of_leaf;
		int scored = 0, given = 0, twice = 0;
		for (size_t l = 0; l < s->nleaves; l++) {
			if (!of[l])
				continue;
			if (m->points[l] > 0 && scored && scored != of[l])
				twice = 1;
			if (m->points[l] > 0 && !scored)
				scored = of[l];
			if (m->points[l] != NOT_GIVEN && !given)
				given = of[l];
		}
		if (twice)
			ocop_batch_error(b, d, loc, "points",
			                 "product %s, member %s: section %d: points in more than one case "
			                 "(choose one of the cases)", d->meta[OCOP_F_PRODUCT_ID], m->name,
			                 s->alternatives[g].section);
		int chosen = scored ? scored : given ? given : 1;
		for (size_t l = 0; l < s->nleaves; l++)
			if (of[l] && of[l] != chosen && m->points[l] == NOT_GIVEN)
				m->points[l] = 0;
	}
}

static void finish_one(struct ocop_batch *b, struct ocop_dossier *d)
{
	struct ocop_loc loc = {d->file, d->line, 0, 0, NULL, 0};
	const struct ocop_set *s = d->set;

	if (!s)
		return;
	for (size_t m = 0; m < d->nmembers && s->nalternatives; m++) {
		loc.line = d->members[m].line;
		settle_cases(b, d, &d->members[m], &loc);
	}
	/* No member's sheet at all: a blank dossier, to be scored (an intake); not an error. */
	for (size_t m = 0; m < d->nmembers; m++) {
		char missing[256];
		size_t len = 0, count = 0;
		if (!memchr(d->members[m].points, (unsigned char)NOT_GIVEN, d->set->nleaves))
			continue;
		for (size_t l = 0; l < d->set->nleaves; l++) {
			if (d->members[m].points[l] != NOT_GIVEN)
				continue;
			if (count++ < 8)
				len += (size_t)snprintf(missing + len, sizeof missing - len, "%s%s",
				                        len ? ", " : "", ocop_set_leaf(d->set, l)->id);
		}
		if (!count)
			continue;
		loc.line = d->members[m].line;
		error2(b, d, &loc, "points",
		       ocop_lngettext(OCOP_LANG_EN, "product %s, member %s: %zu criterion of set %s not "
		                      "given: %s%s", "product %s, member %s: %zu criteria of set %s not "
		                      "given: %s%s", count),
		       ocop_lngettext(OCOP_LANG_VI, "product %s, member %s: %zu criterion of set %s not "
		                      "given: %s%s", "product %s, member %s: %zu criteria of set %s not "
		                      "given: %s%s", count),
		       d->meta[OCOP_F_PRODUCT_ID], d->members[m].name, count, d->set->code, missing,
		       count > 8 ? ", …" : "");
	}
}

void ocop_batch_stop(struct ocop_batch *b)
{
	if (!b->broken) {
		b->broken = OCOP_BROKEN_STOPPED;
		ocop_err_set(&b->why, OCOP_EIO, NULL, 0, 0, NULL, "reading stopped: the output is gone");
	}
}

int ocop_batch_broken(const struct ocop_batch *b, struct ocop_err *err)
{
	if (b->broken && err)
		*err = b->why;
	return b->broken;
}

struct ocop_catalog *ocop_batch_catalog(const struct ocop_batch *b)
{
	return b->cat;
}

size_t ocop_batch_count(const struct ocop_batch *b)
{
	return b->n;
}

struct ocop_dossier *ocop_batch_get(struct ocop_batch *b, size_t i)
{
	return i < b->n ? b->v[i] : NULL;
}

size_t ocop_batch_orphan_errors(const struct ocop_batch *b)
{
	return b->orphans;
}
