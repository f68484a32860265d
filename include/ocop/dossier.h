/* ocop/dossier.h — product dossiers: the council's sheets, grouped by product, checked against the
 * criteria.
 *
 * A struct ocop_batch owns its dossiers and every string in them; pointers stay valid until
 * ocop_batch_free(). The readers (ocop/read.h) feed a batch; problems found in a dossier are added
 * to the batch's diagnostics and mark that dossier invalid, so the rest can still be scored. */
#ifndef OCOP_DOSSIER_H
#define OCOP_DOSSIER_H

#include <stddef.h>

#include "ocop/catalog.h"
#include "ocop/criteria.h"
#include "ocop/err.h"

struct ocop_catalog;

/* The columns (CSV) or keys (JSON) of a dossier besides the points. */
enum ocop_field {
	OCOP_F_PRODUCT_ID, OCOP_F_SET, OCOP_F_MEMBER, OCOP_F_PRODUCT_NAME, OCOP_F_PRODUCER,
	OCOP_F_COMMUNE, OCOP_F_DISTRICT, OCOP_F_PROVINCE, OCOP_F_LEVEL, OCOP_F_EVALUATED_ON,
	OCOP_F_RECOGNISED_ON, OCOP_F_CONTAMINANTS, OCOP_F_FOOD_SAFETY_CERT,
	OCOP_F_IMPORTED_RAW_MATERIAL, OCOP_F_IP_VIOLATION, OCOP_F_SUBMITTED_ON,
	OCOP_F_FORGED_DOSSIER, OCOP_F_REGISTRATION_INCOMPLETE, OCOP_F_PRODUCTION_LICENCE,
	OCOP_F_PRODUCTION_CONDITIONS, OCOP_F_PRODUCT_DECLARATION, OCOP_F_IDENTICAL_PRODUCT,
	/* The lower level's result on a next council's intake (promote --forwarded-only): reference
	 * only, never scored: prior_level (a level), prior_total (a mean, up to two decimals),
	 * prior_stars (1-5). */
	OCOP_F_PRIOR_LEVEL, OCOP_F_PRIOR_TOTAL, OCOP_F_PRIOR_STARS,
	OCOP_F_VERIFIED_BY,         /* per sheet, like member: who entered it a second time */
	OCOP_NFIELDS
};

/* 1 for the columns that belong to one member's sheet (member, verified_by), not to the product. */
int ocop_field_per_sheet(int field);

const char *ocop_field_name(int field);
/* enum ocop_field of a column name, or -1. */
int ocop_field_parse(const char *name);

/* Where a value came from, for messages. */
struct ocop_loc {
	const char *file;
	long line;      /* 1-based line of the record's start */
	long record;    /* 1-based CSV record (header is 1) or JSON dossier number; 0 if none */
	long col;       /* 1-based CSV field, 0 if none */
	const int *field_col; /* 1-based CSV field of each enum ocop_field, 0 if absent; may be NULL */
	unsigned clean; /* bit f (enum ocop_field): the reader found that value free of what
	                   ocop_text_control refuses, so the batch need not look again */
};

struct ocop_member {
	const char *name;
	signed char *points;      /* per leaf of the set; -1 until given */
	const char *file;
	long line;
	const char *verified_by;  /* who entered the sheet a second time (ocop enter --verify), or NULL */
};

#define OCOP_MAX_WARNINGS 4

struct ocop_dossier {
	const char *meta[OCOP_NFIELDS];     /* NULL when not given */
	const struct ocop_regime *regime;   /* NULL if it could not be chosen */
	const struct ocop_set *set;         /* NULL if unknown */
	struct ocop_member *members;
	size_t nmembers, capmembers;
	int flags[OCOP_NFLAGS];             /* 1 yes, 0 no */
	int level;                          /* enum ocop_level or OCOP_LEVEL_NONE */
	size_t nerrors;                     /* problems found in this dossier */
	char first_error[256];              /* the first of them, for one-line reports: English */
	const char *first_error_vi;         /* the same in Vietnamese, for people (first_error
	                                     * stays English: the `reason` of CSV, JSON, NDJSON);
	                                     * NULL when none, or out of memory: use first_error */
	struct ocop_basis basis;            /* why this regime applies */
	/* Warnings about this dossier (vi and en): it is scored, but something needs a look. */
	const char *warning_vi[OCOP_MAX_WARNINGS], *warning_en[OCOP_MAX_WARNINGS];
	size_t nwarnings;
	const char *file;
	long line;                          /* where its first record starts */
	size_t index;                       /* input order, from 0 */
	struct arena *arena;                /* where its strings and sheets live (internal) */
};

struct ocop_batch;
struct arena;

/* Receives each dossier of a streaming batch once it is complete; the dossier is freed after. */
typedef void (*ocop_sink_fn)(void *ctx, struct ocop_dossier *d);

/* A batch scores under `regime` when not NULL, else under the regime of the catalog in force on
 * each dossier's evaluated_on date (the newest when the date is absent). */
int ocop_batch_new(struct ocop_batch **out, struct ocop_catalog *cat,
                   const struct ocop_regime *regime, struct ocop_diags *diags,
                   struct ocop_err *err);
void ocop_batch_free(struct ocop_batch *b);
/* Streams the batch: a product is complete when a record of another product begins (input
 * exported product by product), so memory stays bounded whatever the input's size. Set before
 * reading. */
void ocop_batch_stream(struct ocop_batch *b, ocop_sink_fn sink, void *ctx);
/* Why a batch cannot go on (ocop_batch_broken). */
enum {
	OCOP_BROKEN_REGROUP = 1,  /* a streaming batch met a product whose rows come back after it was
	                             handed over: the input is not grouped by product, and what was
	                             handed over for that product was incomplete */
	OCOP_BROKEN_TEXT,         /* a value holds a control character or a bidirectional override */
	OCOP_BROKEN_NOMEM,        /* out of memory: nothing after it could be trusted */
	OCOP_BROKEN_STOPPED       /* the sink asked to stop (ocop_batch_stop): nothing is wrong with
	                             the input, but no one wants the rest */
};
/* Called by a sink whose output is gone (a closed pipe, a full disk): the reading stops at the
 * next product as at a fatal error, with OCOP_BROKEN_STOPPED. */
void ocop_batch_stop(struct ocop_batch *b);
/* 0 while the batch can go on, else one of OCOP_BROKEN_*, and err (if not NULL) says where and
 * why. ocop_batch_product then returns NULL (ocop_batch_member -1), and a reader stops there with
 * err: the input error is fatal. */
int ocop_batch_broken(const struct ocop_batch *b, struct ocop_err *err);

/* Reader interface. ocop_batch_product finds or creates the dossier of meta[OCOP_F_PRODUCT_ID]
 * and checks that the other metadata agree; NULL if the record has no product id. */
struct ocop_dossier *ocop_batch_product(struct ocop_batch *b, const char *const meta[OCOP_NFIELDS],
                                        const struct ocop_loc *loc);
/* Index of the member's sheet, created on first use; -1 on error. A repeated member is an error
 * unless allow_existing (long CSV, where each row holds one criterion). */
int ocop_batch_member(struct ocop_batch *b, struct ocop_dossier *d, const char *name,
                      int allow_existing, const struct ocop_loc *loc);
/* Records who verified a member's sheet by entering it a second time (empty or NULL: nobody). */
void ocop_batch_member_verified(struct ocop_batch *b, struct ocop_dossier *d, int member,
                                const char *by);
/* Sets one member's points on a leaf from text as typed in a cell. */
void ocop_batch_cell(struct ocop_batch *b, struct ocop_dossier *d, int member, int leaf,
                     const char *text, size_t len, const struct ocop_loc *loc);
/* Sets points already read as a whole number (a CSV cell of digits). */
void ocop_batch_cell_points(struct ocop_batch *b, struct ocop_dossier *d, int member, int leaf,
                            int points, const struct ocop_loc *loc);
/* Sets points given as a number (JSON); `whole` is 0 when the number had a fraction. */
void ocop_batch_cell_number(struct ocop_batch *b, struct ocop_dossier *d, int member, int leaf,
                            double value, const struct ocop_loc *loc);
/* Marks a cell as given but unusable, after the reader reported why (no "not given" follows). */
void ocop_batch_cell_reject(struct ocop_batch *b, struct ocop_dossier *d, int member, int leaf);
/* Records a problem in a dossier (d may be NULL for a record that names no product). fmt is
 * English (an xgettext keyword): the diagnostic is written in the current language, the dossier's
 * first_error in English and first_error_vi in Vietnamese. */
void ocop_batch_error(struct ocop_batch *b, struct ocop_dossier *d, const struct ocop_loc *loc,
                      const char *where, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;
/* Writes why the dossier's regime applies ("in force on evaluated_on 2026-09-15"), in Vietnamese
 * or English (the catalog's translation of the English text); empty when nothing chose it. */
void ocop_dossier_basis(char *buf, size_t size, const struct ocop_dossier *d, int vietnamese);
/* The first problem of an invalid dossier in `lang` (enum ocop_lang), for people. */
const char *ocop_dossier_error(const struct ocop_dossier *d, int lang);
/* Records a warning on a dossier, given in both languages: reported (as a diagnostic of code
 * OCOP_EWARN, in the current language) and kept with the dossier for the results, but the dossier
 * stays valid. */
void ocop_batch_warn(struct ocop_batch *b, struct ocop_dossier *d, const struct ocop_loc *loc,
                     const char *where, const char *vi, const char *en);
/* Checks what can only be checked at the end (every criterion given by every member). */
void ocop_batch_finish(struct ocop_batch *b);

/* The catalog the batch picks regimes from (borrowed). */
struct ocop_catalog *ocop_batch_catalog(const struct ocop_batch *b);
size_t ocop_batch_count(const struct ocop_batch *b);
struct ocop_dossier *ocop_batch_get(struct ocop_batch *b, size_t i);
struct ocop_dossier *ocop_batch_find(struct ocop_batch *b, const char *product_id);
/* Records that named no product or could not be read as a record at all. */
size_t ocop_batch_orphan_errors(const struct ocop_batch *b);

#endif
