/* ocop/table.h — a wide-CSV dossier file as text cells, for editing sheets in place: find a
 * member's row, replace it, add rows and columns, write it all back.
 *
 * The file is parsed with libcsv exactly as the readers parse it; every cell is kept as text, so
 * rows and columns ocop does not touch come back unchanged (a BOM and CRLF line ends are not kept:
 * rows are written with LF). A struct ocop_table owns all its strings; free with ocop_table_free. */
#ifndef OCOP_TABLE_H
#define OCOP_TABLE_H

#include <stddef.h>

#include "ocop/err.h"

struct ocop_table {
	char **cols;                /* header */
	size_t ncols;
	char ***rows;               /* rows[r][c], ncols cells each ("" when empty) */
	size_t nrows, caprows;
};

/* Parses CSV text; the header is the first record. A record whose number of fields differs from
 * the header's is an error, as it is for the readers. `name` names the text in messages. */
int ocop_table_parse(struct ocop_table **out, const char *text, size_t len, const char *name,
                     struct ocop_err *err);
/* An empty table with the given header. */
int ocop_table_new(struct ocop_table **out, const char *const *cols, size_t ncols,
                   struct ocop_err *err);
void ocop_table_free(struct ocop_table *t);

/* Column index of a name, or -1. */
int ocop_table_col(const struct ocop_table *t, const char *name);
/* The column's index, added at the end (empty in every row) when absent; -1 when out of memory. */
int ocop_table_add_col(struct ocop_table *t, const char *name);
/* The cell of row r in the named column, or "" when the column is absent. */
const char *ocop_table_get(const struct ocop_table *t, size_t r, const char *col);
/* Sets a cell (copying value); the column is added when absent. -1 when out of memory. */
int ocop_table_set(struct ocop_table *t, size_t r, const char *col, const char *value);
/* Inserts an empty row at index `at` (0..nrows); -1 when out of memory. */
int ocop_table_insert(struct ocop_table *t, size_t at);
/* The row of (product_id, member), or -1; and the last row of a product, or -1. */
long ocop_table_find(const struct ocop_table *t, const char *product, const char *member);
long ocop_table_last_of(const struct ocop_table *t, const char *product);
/* Rows of a product. */
size_t ocop_table_count(const struct ocop_table *t, const char *product);

/* The table as CSV text (malloc'ed, NUL-terminated, *len set), or NULL when out of memory. A field
 * is quoted when it holds a comma, a quote or a line break. */
char *ocop_table_csv(const struct ocop_table *t, size_t *len);
/* One row as a CSV line without its newline (malloc'ed), for the journal. */
char *ocop_table_row_csv(const struct ocop_table *t, size_t r);

#endif
