/* The catalog of regimes: built-in files parsed lazily, plus files the user loads. */
#include "ocop/catalog.h"
#include "ocop/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"

#define MAX_REGIMES 16

struct entry {
	const char *id, *from, *to;     /* borrowed from the builtin table or the regime */
	const struct ocop_builtin *builtin; /* compiled in, or NULL */
	struct ocop_regime *regime;     /* loaded from a file, owned */
};

struct ocop_catalog {
	struct entry e[MAX_REGIMES];
	size_t n;
};

int ocop_catalog_new(struct ocop_catalog **out, struct ocop_err *err)
{
	struct ocop_catalog *cat = calloc(1, sizeof *cat);

	*out = NULL;
	if (!cat)
		return ocop_err_set(err, OCOP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
	for (size_t i = 0; i < ocop_nbuiltins && i < MAX_REGIMES; i++) {
		cat->e[i].id = ocop_builtins[i].id;
		cat->e[i].from = ocop_builtins[i].effective_from;
		cat->e[i].to = ocop_builtins[i].effective_to;
		cat->e[i].builtin = &ocop_builtins[i];
		cat->n++;
	}
	*out = cat;
	return 0;
}

void ocop_catalog_free(struct ocop_catalog *cat)
{
	if (!cat)
		return;
	for (size_t i = cat->n; i-- > 0;)
		ocop_regime_free(cat->e[i].regime);
	free(cat);
}

static struct entry *find(struct ocop_catalog *cat, const char *id)
{
	for (size_t i = 0; i < cat->n; i++)
		if (strcmp(cat->e[i].id, id) == 0)
			return &cat->e[i];
	return NULL;
}

/* A built-in regime is compiled in: nothing to parse. */
static const struct ocop_regime *parse(struct ocop_catalog *cat, struct entry *e,
                                       struct ocop_err *err)
{
	(void)cat;
	(void)err;
	return e->builtin ? e->builtin->regime : e->regime;
}

/* The regime a criteria text takes its sets from; NULL if it names none. */
static const struct ocop_regime *base_of(struct ocop_catalog *cat, const char *text, size_t len,
                                         struct ocop_err *err)
{
	char *from = ocop_regime_sets_from(text, len);
	struct entry *e = from ? find(cat, from) : NULL;
	const struct ocop_regime *r = e ? parse(cat, e, err) : NULL;

	free(from);
	return r;
}

int ocop_catalog_load(const struct ocop_regime **out, struct ocop_catalog *cat, const char *text,
                      size_t len, const char *name, struct ocop_diags *diags,
                      struct ocop_err *err)
{
	struct ocop_regime *r;
	const struct ocop_regime *base = base_of(cat, text, len, err);
	struct entry *e;

	*out = NULL;
	if (ocop_regime_load(&r, text, len, name, base, diags, err) < 0)
		return -1;
	e = find(cat, r->id);
	if (e && base && parse(cat, e, err) == base) {
		/* A file that takes its sets from the regime it replaces keeps that one as well. */
		e = NULL;
	}
	if (!e) {
		if (cat->n == MAX_REGIMES) {
			ocop_regime_free(r);
			return ocop_err_set(err, OCOP_ELIMIT, name, 0, 0, NULL, "too many regimes");
		}
		e = &cat->e[cat->n++];
	} else {
		ocop_regime_free(e->regime);
	}
	e->regime = r;
	e->builtin = NULL;
	e->id = r->id;
	e->from = r->effective_from;
	e->to = r->effective_to;
	*out = r;
	return 0;
}

const struct ocop_regime *ocop_catalog_get(struct ocop_catalog *cat, const char *id,
                                           struct ocop_err *err)
{
	struct entry *e = find(cat, id);

	if (!e) {
		ocop_err_set(err, OCOP_EUSAGE, NULL, 0, 0, NULL, "no regime \"%s\"", id);
		return NULL;
	}
	return parse(cat, e, err);
}

const struct ocop_regime *ocop_catalog_pick(struct ocop_catalog *cat, const char *date,
                                            struct ocop_err *err)
{
	struct entry *best = NULL;

	for (size_t i = 0; i < cat->n; i++) {
		struct entry *e = &cat->e[i];
		if (date && strcmp(date, e->from) >= 0 && (!*e->to || strcmp(date, e->to) <= 0))
			return parse(cat, e, err);
		if (!best || strcmp(e->from, best->from) > 0)
			best = e;
	}
	if (!best) {
		ocop_err_set(err, OCOP_EUSAGE, NULL, 0, 0, NULL, "no regime available");
		return NULL;
	}
	return parse(cat, best, err);
}

static int in_force(const struct entry *e, const char *date)
{
	return strcmp(date, e->from) >= 0 && (!*e->to || strcmp(date, e->to) <= 0);
}

const struct ocop_regime *ocop_catalog_choose(struct ocop_catalog *cat, const char *evaluated,
                                              const char *submitted, struct ocop_basis *basis,
                                              struct ocop_err *err)
{
	return ocop_catalog_choose_in(cat, evaluated, submitted, basis, err, ocop_lang_get());
}

const struct ocop_regime *ocop_catalog_choose_in(struct ocop_catalog *cat, const char *evaluated,
                                                 const char *submitted, struct ocop_basis *basis,
                                                 struct ocop_err *err, enum ocop_lang lang)
{
	struct entry *old = NULL, *new = NULL, *first = NULL;
	struct ocop_basis ignored;

	if (!basis)
		basis = &ignored;
	*basis = (struct ocop_basis){OCOP_BASIS_NONE, NULL};
	if (!evaluated) {
		basis->kind = OCOP_BASIS_NEWEST;
		return ocop_catalog_pick(cat, NULL, err);
	}
	for (size_t i = 0; i < cat->n; i++) {
		struct entry *e = &cat->e[i];
		if (!first || strcmp(e->from, first->from) < 0)
			first = e;
		if (!in_force(e, evaluated))
			continue;
		if (!new || strcmp(e->from, new->from) > 0) {
			old = new;
			new = e;
		} else if (!old || strcmp(e->from, old->from) > 0) {
			old = e;
		}
	}
	if (!new) {
		if (first && strcmp(evaluated, first->from) < 0)
			ocop_err_setl(err, lang, OCOP_EDATA, NULL, 0, 0, "evaluated_on",
			              "evaluated_on %s is before %s, the first day of the earliest regime "
			              "(%s): no OCOP criteria were in force", evaluated, first->from,
			              first->id);
		else
			ocop_err_setl(err, lang, OCOP_EDATA, NULL, 0, 0, "evaluated_on",
			              "no regime is in force on evaluated_on %s", evaluated);
		return NULL;
	}
	if (!old) {
		basis->kind = OCOP_BASIS_IN_FORCE;
		return parse(cat, new, err);
	}
	/* A transition: both in force; the filing date decides. */
	if (!submitted) {
		ocop_err_setl(err, lang, OCOP_EDATA, NULL, 0, 0, "submitted_on",
		              "evaluated_on %s falls in the transition from %s to %s (%s to %s): the "
		              "regime depends on the filing date; give submitted_on (before %s: %s; from "
		              "then on: %s), or choose one with --regime", evaluated, old->id, new->id,
		              new->from, old->to, new->from, old->id, new->id);
		return NULL;
	}
	basis->date = new->from;
	if (strcmp(submitted, new->from) < 0) {
		basis->kind = OCOP_BASIS_FILED_BEFORE;
		return parse(cat, old, err);
	}
	basis->kind = OCOP_BASIS_FILED_FROM;
	return parse(cat, new, err);
}

size_t ocop_catalog_count(const struct ocop_catalog *cat)
{
	return cat->n;
}

const char *ocop_catalog_id(const struct ocop_catalog *cat, size_t i)
{
	return i < cat->n ? cat->e[i].id : NULL;
}
