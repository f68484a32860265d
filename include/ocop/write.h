/* ocop/write.h — result writers: aligned tables for people, CSV/JSON/NDJSON for scripts, and the
 * criterion-by-criterion explanation of one product.
 *
 * Writers never own the FILE. Machine formats are stable: English field names, C-locale numbers,
 * means with exactly two decimals. Tables and explanations follow the chosen language. */
#ifndef OCOP_WRITE_H
#define OCOP_WRITE_H

#include <stdio.h>

#include "ocop/dossier.h"
#include "ocop/i18n.h"
#include "ocop/score.h"

/* XLSX and HTML are written by some commands only (score, promote, rank, report, criteria
 * template); see ocop/book.h and ocop/report.h. */
enum ocop_out_format { OCOP_OUT_TABLE, OCOP_OUT_CSV, OCOP_OUT_JSON, OCOP_OUT_NDJSON, OCOP_OUT_XLSX,
                       OCOP_OUT_HTML };

int ocop_out_format_parse(const char *s);

struct ocop_writer;
struct ocop_book;

int ocop_writer_new(struct ocop_writer **out, FILE *f, int format, int lang);
/* A writer of format OCOP_OUT_XLSX: one sheet "results" in `book` (which the caller closes), with
 * the columns of the CSV output, numbers as numbers. */
int ocop_writer_new_book(struct ocop_writer **out, struct ocop_book *book, int lang);
/* Tables only: fit a terminal `columns` wide (0: not known; see ocop_text_name_cols), and colour the
 * stars and statuses with ANSI escapes when color is set. */
void ocop_writer_set_table(struct ocop_writer *w, size_t columns, int color);
/* Adds the result of one dossier. Tables are buffered until ocop_writer_finish. */
int ocop_writer_score(struct ocop_writer *w, const struct ocop_dossier *d,
                      const struct ocop_result *res);
/* Completes the output (closes the JSON array, prints the table); returns -1 on a write error. */
int ocop_writer_finish(struct ocop_writer *w);
void ocop_writer_free(struct ocop_writer *w);

/* One line saying why the awarded star is what it is ("4★ mark on 10 needs 3, has 2.00"), or why
 * there is none; empty when the band star is awarded and final. */
void ocop_result_reason(char *buf, size_t size, const struct ocop_dossier *d,
                        const struct ocop_result *res, int lang);

/* The explanation of one product, as text (format TABLE) or JSON. */
int ocop_write_explain(FILE *f, const struct ocop_dossier *d, const struct ocop_result *res,
                       int format, int lang);

#endif
