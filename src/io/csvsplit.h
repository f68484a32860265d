/* csvsplit.h — libcsv, fed one line at a time, with a fast path (internal).
 *
 * A spreadsheet exports almost every record as one line with no quote character. CSV's grammar then
 * reduces to cutting the line at its commas, which costs a fraction of libcsv's character-by-
 * character state machine. Such a line, when it starts between records, is split here; every other
 * line goes to libcsv, which stays the authority. tests/fuzz/fuzz_csvsplit.c checks that a whole
 * input read this way gives exactly the callbacks libcsv alone gives. */
#ifndef OCOP_CSVSPLIT_H
#define OCOP_CSVSPLIT_H

#include <csv.h>
#include <stddef.h>

/* The callbacks of libcsv's csv_parse. */
typedef void (*csv_field_fn)(void *s, size_t len, void *ctx);
typedef void (*csv_record_fn)(int c, void *ctx);

/* A field of an indexed line: its text, quotes removed (see csv_index_line). */
struct csv_span {
	char *s;
	size_t len;
};
/* Receives a whole record's fields at once, in place of on_field for each and on_record. */
typedef void (*csv_line_fn)(struct csv_span *f, size_t n, void *ctx);

struct csv_lines {
	struct csv_parser *p;       /* initialised with CSV_STRICT, spaces not trimmed */
	size_t max_field;           /* a longer field goes to libcsv (whose buffer shows it) */
	csv_field_fn on_field;
	csv_record_fn on_record;
	void *ctx;
	int midrecord;              /* libcsv holds part of a record */
	int quotes;                 /* parity of the quotes libcsv has read of that record */
	int plain;                  /* set by the caller while what it feeds has no '"' and no
	                               '\r' (it looked at a whole block at once): the lines need
	                               not be searched for them one by one */
	char delim;                 /* the field delimiter, as set in p with csv_set_delim; 0: ',' */
	/* Optional: when set, a line the fast path takes is indexed (csv_index_line) into spans,
	 * quoted fields included, and handed over whole to on_line; on_field and on_record then
	 * serve only the lines that go to libcsv. */
	csv_line_fn on_line;
	struct csv_span *spans;     /* room for maxspans fields (a longer line goes to libcsv) */
	size_t maxspans;
	/* Optional, with on_line: a whole line known to hold no '"' and no '\r' (plain), between
	 * records, is first offered to on_plain, which returns 1 if it read it (csv_cells_line), 0
	 * having done nothing. */
	int (*on_plain)(char *s, size_t len, void *ctx);
	int libcsv_only;            /* every line to libcsv: no fast path at all */
};

/* Reads s[0..len): one line ending with its '\n', or a piece of one (the end of a read buffer or
 * of the input). Returns what csv_parse returns: len, or less on a parse error (see p->status). */
size_t csv_lines_feed(struct csv_lines *l, char *s, size_t len);

/* The fast path alone: splits a whole line when it is simple, as csv_parse would from between
 * records (a blank line calls nothing); returns 0, having called nothing, when it holds a '"', a
 * '\r' before its end or a field longer than max_field. */
int csv_split_line(char *line, size_t len, size_t max_field, csv_field_fn on_field,
                   csv_record_fn on_record, void *ctx);
/* The same for a line known to hold no '"' and no '\r': its text is line[0..len - 1), then its
 * end. */
int csv_split_plain(char *line, size_t len, size_t max_field, csv_field_fn on_field,
                    csv_record_fn on_record, void *ctx);
/* The same two with another delimiter (';' or a tab, as spreadsheets write in some locales). */
int csv_split_line_delim(char *line, size_t len, size_t max_field, char delim,
                         csv_field_fn on_field, csv_record_fn on_record, void *ctx);
int csv_split_plain_delim(char *line, size_t len, size_t max_field, char delim,
                          csv_field_fn on_field, csv_record_fn on_record, void *ctx);
/* The one-pass fast path: cuts a whole line s[0..len) (its '\n' included) into its fields, as
 * csv_parse (CSV_STRICT, no space trimming) would from between records, writing each field's start
 * and length to f[0..maxf). A field in quotes ("a,b", "say ""hi""") has them removed: a doubled
 * quote is made one in place, in s, once the whole line is known to be in the subset. Returns the
 * number of fields (0 for a blank line: no record), or -1 having written nothing to s when the line
 * is not in the subset: a quote that does not open a field or close one before a delimiter or the
 * line's end, a quoted field still open at the end (a record spanning lines), a '\r' before the
 * line's end, a field longer than max_field, more than maxf fields. plain: s is known to hold no
 * '"' and no '\r' (the caller looked at a whole block). */
long csv_index_line(char *s, size_t len, char delim, size_t max_field, int plain,
                    struct csv_span *f, size_t maxf);

/* The path for a wide sheet's line known to hold no '"' and no '\r' (plain): cut as csv_parse
 * would, fields 0..lo-1 and hi+1..nf-1 written to f as spans, and fields lo..hi, the criterion
 * cells, read as numbers without being cut first: v[i - lo] is field i's value + 1 (0: empty)
 * when each is empty or one or two digits. Returns 1, or 0 having read nothing further when the
 * line is not so: another number of fields than nf (at least 2), a cell of anything else, a field
 * longer than max_field (the caller then indexes it: csv_index_line). len includes the '\n'. */
int csv_cells_line(const char *s, size_t len, char delim, size_t max_field, size_t nf, size_t lo,
                   size_t hi, struct csv_span *f, unsigned char *v);
/* csv_cells_line from the first byte of field lo, at p: for a caller that knows fields 0..lo-1
 * already (they are the bytes of a line it has cut before). f[0..lo) is left alone. */
int csv_cells_rest(const char *s, size_t len, const char *p, char delim, size_t max_field,
                   size_t nf, size_t lo, size_t hi, struct csv_span *f, unsigned char *v);

/* The delimiter the header line at s[0..n) uses: the most frequent of ',', ';' and tab outside
 * quotes, ',' on a tie. */
char csv_detect_delim(const char *s, size_t n);

#endif
