/* ocop/report.h — what a council prints and signs: the season report (HTML, or a workbook), the
 * members' entered sheets, and the blank official evaluation form of a set (HTML or workbook).
 *
 * The writers borrow everything they are given and never own the FILE or the book. HTML pages are
 * self-contained (no script, nothing fetched: a Content-Security-Policy says so), laid out for A4,
 * and every piece of user text in them is escaped. */
#ifndef OCOP_REPORT_H
#define OCOP_REPORT_H

#include <stdio.h>

#include "ocop/criteria.h"
#include "ocop/dossier.h"
#include "ocop/promote.h"
#include "ocop/score.h"

struct ocop_book;

/* One product of the report: its dossier, its result, and the promotion decision when the report
 * is for a deciding council (else NULL). */
struct ocop_report_item {
	const struct ocop_dossier *d;
	const struct ocop_result *res;
	const struct ocop_promotion_decision *dec;
};

struct ocop_report_opts {
	int lang;                 /* enum ocop_lang */
	int level;                /* the council that decides (--at), or OCOP_LEVEL_NONE */
};

/* Within this many points below the next band, a product is listed as borderline. */
#define OCOP_REPORT_NEAR_BAND 2

/* The season report: header, summary table and counts, charts, council analysis, signatures, then
 * one page per product (explanation, why the star, path to the next star, parts chart). */
int ocop_report_html(FILE *f, const struct ocop_report_item *items, size_t n,
                     const struct ocop_report_opts *o);
/* Each member's sheet as entered: the official form with ☒ on the chosen options, the member's
 * total and a signature line; a page per sheet. */
int ocop_report_sheets_html(FILE *f, const struct ocop_report_item *items, size_t n,
                            const struct ocop_report_opts *o);
/* The report as a workbook: a summary sheet, then a sheet per product's explanation. */
int ocop_report_xlsx(struct ocop_book *b, const struct ocop_report_item *items, size_t n,
                     const struct ocop_report_opts *o);

/* The blank evaluation form of a set, as the decision lays it out: □ per option, points, star
 * legend, product, member, date and signature fields. */
int ocop_form_html(FILE *f, const struct ocop_regime *r, const struct ocop_set *s, int lang);
/* A workbook to enter a council's points: the wide-CSV columns, one row per member, a drop-down of
 * exactly the allowed points in each criterion's column, the official text as each criterion
 * header's note; every other cell locked. */
int ocop_form_xlsx(struct ocop_book *b, const struct ocop_regime *r, const struct ocop_set *s,
                   int lang, int members);

#endif
