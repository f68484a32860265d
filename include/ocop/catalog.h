/* ocop/catalog.h — the regimes ocop knows: those compiled into the binary, parsed on first use, and
 * any loaded from a file. The catalog owns every regime it hands out. */
#ifndef OCOP_CATALOG_H
#define OCOP_CATALOG_H

#include <stddef.h>

#include "ocop/criteria.h"
#include "ocop/err.h"
#include "ocop/i18n.h"

struct ocop_catalog;

int ocop_catalog_new(struct ocop_catalog **out, struct ocop_err *err);
void ocop_catalog_free(struct ocop_catalog *cat);

/* Loads a criteria file's text; on success it joins the catalog (replacing a built-in regime
 * of the same id) and *out points at it. Problems go to diags and err. */
int ocop_catalog_load(const struct ocop_regime **out, struct ocop_catalog *cat, const char *text,
                      size_t len, const char *name, struct ocop_diags *diags,
                      struct ocop_err *err);
/* The regime with this id, or NULL (err says why). */
const struct ocop_regime *ocop_catalog_get(struct ocop_catalog *cat, const char *id,
                                           struct ocop_err *err);
/* The regime in force on date (YYYY-MM-DD), or the newest when date is NULL or before all. */
const struct ocop_regime *ocop_catalog_pick(struct ocop_catalog *cat, const char *date,
                                            struct ocop_err *err);

/* Why a regime applies to a dossier. `date` is the day the newer regime of a transition took
 * effect (borrowed from the catalog), NULL otherwise. */
enum ocop_basis_kind { OCOP_BASIS_NONE, OCOP_BASIS_NEWEST, OCOP_BASIS_IN_FORCE,
                       OCOP_BASIS_FILED_BEFORE, OCOP_BASIS_FILED_FROM, OCOP_BASIS_FORCED };
struct ocop_basis {
	int kind;
	const char *date;
};

/* The regime that applies to a dossier by its dates, as DOMAIN.md rules: the regime in force on
 * `evaluated` (YYYY-MM-DD); where two are in force (a transition), the newer one unless the dossier
 * was filed (`submitted`) before the newer one took effect. NULL evaluated: the newest. NULL with
 * err set when no regime can be chosen (a date before every regime; a transition date without
 * `submitted`). `basis` (may be NULL) receives why. */
const struct ocop_regime *ocop_catalog_choose(struct ocop_catalog *cat, const char *evaluated,
                                              const char *submitted, struct ocop_basis *basis,
                                              struct ocop_err *err);
/* The same, with err's message in `lang` (English for a machine-readable reason). */
const struct ocop_regime *ocop_catalog_choose_in(struct ocop_catalog *cat, const char *evaluated,
                                                 const char *submitted, struct ocop_basis *basis,
                                                 struct ocop_err *err, enum ocop_lang lang);

/* Listing without parsing: ids and dates of every regime, newest first. */
size_t ocop_catalog_count(const struct ocop_catalog *cat);
const char *ocop_catalog_id(const struct ocop_catalog *cat, size_t i);

#endif
