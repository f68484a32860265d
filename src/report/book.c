/* Excel workbooks of tables, on libxlsxwriter. */
#include "ocop/book.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

#include "book_int.h"
#include "ocop/score.h"

/* Rows go to temporary files beside `path` as they come, so a results sheet of any size takes
 * little memory; every writer here fills its rows in order. The same input gives the same bytes:
 * the creation date is fixed, like the zip entries' (libxlsxwriter dates them 1980-01-01),
 * instead of the time of the run. */
static lxw_workbook *open_workbook(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
	lxw_doc_properties props = {.created = 315532800, .title = "ocop"};
	lxw_workbook *wb;

	if (slash == path)
		snprintf(dir, sizeof dir, "/");
	else if (slash)
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
	else
		snprintf(dir, sizeof dir, ".");
	opt.tmpdir = dir;
	wb = workbook_new_opt(path, &opt);
	if (wb)
		workbook_set_properties(wb, &props);
	return wb;
}

int ocop_book_new(struct ocop_book **out, const char *path, struct ocop_err *err)
{
	struct ocop_book *b = calloc(1, sizeof *b);

	*out = NULL;
	if (!b)
		return ocop_err_set(err, OCOP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
	b->path = path;
	b->wb = open_workbook(path);
	if (!b->wb) {
		free(b);
		return ocop_err_set(err, OCOP_EIO, path, 0, 0, NULL, "cannot create the workbook");
	}
	b->bold = workbook_add_format(b->wb);
	format_set_bold(b->bold);
	format_set_bg_color(b->bold, 0xDDE6F0);
	b->num2 = workbook_add_format(b->wb);
	format_set_num_format(b->num2, "0.00");
	*out = b;
	return 0;
}

/* Ends the sheet being written: autofilter over what was written, column widths. */
static void end_sheet(struct ocop_book *b)
{
	lxw_row_t last = b->row > LXW_ROW_MAX ? LXW_ROW_MAX - 1 : b->row > 0 ? b->row - 1 : 0;

	if (!b->ws)
		return;
	if (b->filter && b->ncols)
		worksheet_autofilter(b->ws, 0, 0, last, (lxw_col_t)(b->ncols - 1));
	for (size_t c = 0; c < b->ncols && c < BOOK_MAX_COLS; c++) {
		double w = b->width[c] + 2.0;
		worksheet_set_column(b->ws, (lxw_col_t)c, (lxw_col_t)c, w > 60 ? 60 : w < 6 ? 6 : w,
		                     NULL);
	}
	b->ws = NULL;
}

/* Display width of text for a column, counted in characters. */
static void widen(struct ocop_book *b, size_t col, const char *s)
{
	double n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	if (col < BOOK_MAX_COLS && n > b->width[col])
		b->width[col] = n;
}

lxw_worksheet *book_add_sheet(struct ocop_book *b, const char *name)
{
	char nm[128], base[100];
	size_t len = 0, chars = 0;

	end_sheet(b);
	/* Excel forbids []:*?/\ in sheet names, an apostrophe at either end, and more than 31
	 * characters. */
	for (const char *p = name ? name : ""; *p && len < sizeof base - 5; p++) {
		if (((unsigned char)*p & 0xC0) != 0x80 && ++chars > 28)
			break;
		base[len++] = strchr("[]:*?/\\", *p) ? '_' : *p;
	}
	base[len] = '\0';
	if (len && base[0] == '\'')
		base[0] = '_';
	if (len && base[len - 1] == '\'')
		base[len - 1] = '_';
	snprintf(nm, sizeof nm, "%s", len ? base : "sheet");
	for (int k = 2; workbook_get_worksheet_by_name(b->wb, nm); k++)
		snprintf(nm, sizeof nm, "%s~%d", base, k);
	b->ws = workbook_add_worksheet(b->wb, nm);
	b->failed |= !b->ws;
	b->row = 0;
	b->col = 0;
	b->ncols = 0;
	b->filter = 0;
	memset(b->width, 0, sizeof b->width);
	return b->ws;
}

int ocop_book_sheet(struct ocop_book *b, const char *name, const char *const *head, size_t ncols)
{
	if (!book_add_sheet(b, name))
		return -1;
	for (size_t c = 0; c < ncols; c++) {
		worksheet_write_string(b->ws, 0, (lxw_col_t)c, head[c] ? head[c] : "", b->bold);
		widen(b, c, head[c]);
	}
	worksheet_freeze_panes(b->ws, 1, 0);
	b->ncols = ncols;
	b->filter = 1;
	b->row = 1;
	return 0;
}

/* The current sheet, when the current row fits in it; a cell past the last row is not written,
 * and closing the book reports it. */
static lxw_worksheet *ready(struct ocop_book *b)
{
	if (b->row < LXW_ROW_MAX)
		return b->ws;
	b->overflow = 1;
	return NULL;
}

void ocop_book_str(struct ocop_book *b, const char *s)
{
	if (s && *s && ready(b)) {
		worksheet_write_string(b->ws, b->row, b->col, s, NULL);
		widen(b, b->col, s);
	}
	b->col++;
}

void ocop_book_num(struct ocop_book *b, double v)
{
	if (ready(b))
		worksheet_write_number(b->ws, b->row, b->col, v, NULL);
	if (b->col < BOOK_MAX_COLS && b->width[b->col] < 6)
		b->width[b->col] = 6;
	b->col++;
}

void ocop_book_mean(struct ocop_book *b, long sum, int n)
{
	if (ready(b))
		worksheet_write_number(b->ws, b->row, b->col, (double)ocop_mean_centi(sum, n) / 100.0,
		                       b->num2);
	if (b->col < BOOK_MAX_COLS && b->width[b->col] < 7)
		b->width[b->col] = 7;
	b->col++;
}

void ocop_book_blank(struct ocop_book *b)
{
	b->col++;
}

void ocop_book_row(struct ocop_book *b)
{
	b->row++;
	b->col = 0;
}

int ocop_book_close(struct ocop_book *b, struct ocop_err *err)
{
	lxw_error e;

	if (!b)
		return 0;
	end_sheet(b);
	if (STAILQ_EMPTY(b->wb->worksheets))
		workbook_add_worksheet(b->wb, NULL);
	e = workbook_close(b->wb);
	if (e != LXW_NO_ERROR)
		ocop_err_set(err, OCOP_EIO, NULL, 0, 0, NULL, "cannot write the workbook: %s",
		             lxw_strerror(e));
	else if (b->overflow)
		ocop_err_set(err, OCOP_ELIMIT, NULL, 0, 0, NULL, "cannot write the workbook: more "
		             "than %lu rows, a worksheet's limit", (unsigned long)LXW_ROW_MAX - 1);
	else if (b->failed)
		ocop_err_set(err, OCOP_ENOMEM, NULL, 0, 0, NULL,
		             "cannot write the workbook: a worksheet could not be added");
	e = e != LXW_NO_ERROR || b->failed || b->overflow;
	free(b);
	return e ? -1 : 0;
}
