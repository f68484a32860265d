/* book_int.h — the inside of struct ocop_book, for the writers that need more of libxlsxwriter
 * than tables (the report's sheets, the evaluation template). Internal. */
#ifndef OCOP_BOOK_INT_H
#define OCOP_BOOK_INT_H

#include <xlsxwriter.h>

#include "ocop/book.h"

#define BOOK_MAX_COLS 256

struct ocop_book {
	const char *path;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *num2;
	lxw_row_t row;
	lxw_col_t col;
	size_t ncols;
	int filter;                 /* autofilter over the header and rows when the sheet ends */
	int failed;                 /* a sheet could not be added: cells went nowhere */
	int overflow;               /* more rows than a worksheet holds */
	double width[BOOK_MAX_COLS];
};

/* Starts a worksheet with no header (name made valid and unique); NULL when out of memory. */
lxw_worksheet *book_add_sheet(struct ocop_book *b, const char *name);

#endif
