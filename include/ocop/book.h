/* ocop/book.h — Excel workbooks (xlsx) of tables: a header row frozen, an autofilter over the rows
 * written, numbers stored as numbers, text as UTF-8 strings.
 *
 * libxlsxwriter writes to a file by name, so a book is written to `path`, which the caller chooses
 * (and then copies where it belongs). A struct ocop_book owns its workbook; ocop_book_close()
 * writes the file and frees the book, whether or not it succeeds. No libxlsxwriter type appears
 * here. */
#ifndef OCOP_BOOK_H
#define OCOP_BOOK_H

#include <stddef.h>

#include "ocop/err.h"

struct ocop_book;

int ocop_book_new(struct ocop_book **out, const char *path, struct ocop_err *err);
/* Starts a worksheet (name cut to Excel's 31 characters, made unique) with a bold, frozen header
 * row of ncols columns; later cells go to its rows 2, 3, … */
int ocop_book_sheet(struct ocop_book *b, const char *name, const char *const *head, size_t ncols);
/* The next cell of the current row: text (NULL or "" leaves it blank), a number, or blank. */
void ocop_book_str(struct ocop_book *b, const char *s);
void ocop_book_num(struct ocop_book *b, double v);
void ocop_book_blank(struct ocop_book *b);
/* A sum over n members as its mean, rounded to two decimals as printed elsewhere. */
void ocop_book_mean(struct ocop_book *b, long sum, int n);
/* Ends the current row. */
void ocop_book_row(struct ocop_book *b);
/* Writes the file; returns -1 (err says why) if it could not be written. Frees b. */
int ocop_book_close(struct ocop_book *b, struct ocop_err *err);

#endif
