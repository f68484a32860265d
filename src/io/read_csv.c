/* CSV dossiers, wide (one column per criterion) or long (criterion and points columns), read with
 * libcsv. Input is fed one physical line at a time, so records know their line; a simple line is
 * split without libcsv's state machine (csvsplit.h). */
#include "ocop/read.h"

#include <csv.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "colname.h"
#include "ocop/catalog.h"
#include "csverr.h"
#include "csvsplit.h"
#include "ocop/encoding.h"
#include "ocop/i18n.h"
#include "ocop/suggest.h"
#include "ocop/text.h"
#include "util.h"

#define CHUNK 65536
#define NCACHE 32
#define CELL_BLANK -1
#define CELL_TEXT -2                /* not a plain number: the text is kept for the message */
#define CELL_LEAF -3                /* long format: the criterion named crit_leaf of crit_set */

struct cellcol {                /* a criterion column, for one set */
	int col;
	int leaf;                   /* the column's leaf in the set, or -1 */
	int cell;                   /* where its value goes: the leaf, or the sheet's spare cell */
	unsigned long long ok;      /* bit v + 1 set when value v (CELL_BLANK: -1) needs no word */
};

struct colmap {                 /* a set's criterion columns, in column order */
	const struct ocop_set *set;
	const struct ocop_regime *regime;
	struct cellcol *cell;
	int n;
	/* okt[k * 128 + w]: 1 when cell k may hold value w - 1 (w = 0: blank), as cell[k].ok says,
	 * for every w below 128 (csv_cells_line's values), so a check is one load; then dest[k], cell
	 * k's place in the sheet (cell[k].cell, in a byte: NULL when one would not fit) */
	unsigned char *okt, *dest;
};

struct prev {                   /* a dossier column's value on this record (and those before) */
	char *text;
	size_t len, cap;
	int nfc;                    /* 1 NFC, 0 maybe not (as its look says) */
	int clean;                  /* 1: no character ocop_text_control refuses (known from its look) */
};

struct rd {
	struct ocop_batch *b;
	const char *name;
	struct ocop_err *err;
	struct csv_parser p;
	struct csv_lines lines;     /* libcsv, or the fast path for simple lines */
	struct csv_span *spans;     /* the fast path's fields of a line (OCOP_MAX_COLUMNS + 1) */
	/* A wide record read from spans: its criterion cells are read straight into the member's
	 * sheet (wide_cells), or by cells_in when anything else needs them; NULL once they are. */
	struct csv_span *f;
	int *textcol, ntext;        /* the columns that are not criterion cells */
	int *metacol, nmetacol;     /* the dossier columns (member and verified_by included) */
	/* A wide record read from a plain line by csv_cells_line: its cells as values + 1 (cv, in
	 * cellv), indexed (line_s, line_len) only when they must be read as fields after all. */
	unsigned char *cellv;
	const unsigned char *cv;
	char *line_s;
	size_t line_len;
	int cell_lo, cell_hi;       /* the criterion cells are columns cell_lo..cell_hi, all of them
	                               (else cell_lo is -1: a record is read field by field) */
	int fatal;
	/* the record being assembled */
	char *buf;
	size_t len, cap;
	size_t *off, *flen;         /* each text field in buf */
	int *num;                   /* wide criterion cells: points, CELL_BLANK, or CELL_TEXT */
	size_t nfields, capfields;
	long line, rec_line, record;
	/* header */
	int ncols;
	int *field_of;              /* per column: enum ocop_field, or -1 */
	char **colname;
	int col_criterion, col_points; /* long format when both >= 0 */
	int *col_used;              /* criterion column matched a leaf of some dossier */
	int field_col[OCOP_NFIELDS]; /* 1-based column of each dossier field, 0 if absent */
	int next_leaf;              /* long format: the leaf the next row most likely names */
	const struct ocop_set *hint_set;  /* ... in this set (the record before's) */
	const struct ocop_set *crit_set;  /* the criterion field, when it named that leaf: */
	int crit_leaf;              /* then it is this leaf of crit_set, and was never copied */
	int member_changed;         /* the member (or verified_by) column differs from the record before's */
	struct ocop_dossier *last_d;  /* long format: the record before's dossier and member */
	int last_m;
	struct prev *prev;          /* per column */
	int changed;                /* dossier columns (member aside) that differ from the record before */
	int member_col;
	/* Per column, set after the header (and 0 past the last column, so the hot path needs no
	 * bound: a record never holds more than OCOP_MAX_COLUMNS fields). */
	char is_cell[OCOP_MAX_COLUMNS + 1]; /* a wide sheet's criterion cell, or the long points */
	char is_meta[OCOP_MAX_COLUMNS + 1]; /* a dossier column: its value is kept in prev */
	struct colmap cache[NCACHE];
	size_t ncache;
	struct ocop_dossier *cur;   /* the product of the record before, when it matched cleanly */
	/* as spreadsheets make files */
	struct ocop_diags *warnings;
	char delim;                 /* the field delimiter in use */
	int delim_detected;         /* it was found on the header line, not given */
	int spare_col;              /* an unnamed last column (a trailing delimiter), or -1 */
	/* on_plain's shortcut: a line whose text columns are the last full one's, member aside, needs
	 * only its member read. pfx: those columns as that line held them, its member at
	 * [pfx_m0, pfx_m1); pfx_ok while prev still holds that line's values (any other path that
	 * reads a record clears it); pfx_cols when the header allows it (every text column a dossier
	 * column, before the cells). */
	char *pfx;
	size_t pfx_len, pfx_cap, pfx_m0, pfx_m1;
	int pfx_ok, pfx_cols;
	char *warned;               /* per column: its text was reported as wrongly decoded */
	char bad[96];               /* the first bytes of a field that is not UTF-8 */
	size_t nbad;
};

static int fail(struct rd *r, int code, long line, long col, const char *where, const char *msg)
{
	r->fatal = 1;
	return ocop_err_set(r->err, code, r->name, line, col, where, "%s", msg);
}

/* Bytes of s's first 60 columns: a name is cut in messages by display width, never inside a
 * character. */
static int cut60(const char *s)
{
	return (int)ocop_text_fit(s, 60);
}

/* A NUL byte or text that is not UTF-8 means the whole file is in another encoding or not text:
 * stop at the first such field, naming it. */
static int bad_text(struct rd *r, const unsigned char *s, size_t len)
{
	const char *col;
	char msg[512];
	int nonascii = ocop_text_scan(s, len);

	if (nonascii == 0 || (nonascii > 0 && ocop_utf8_valid((const char *)s, len)))
		return 0;
	if (nonascii > 0) {         /* ocop_read_csv adds what the file's encoding looks like */
		r->nbad = len < sizeof r->bad ? len : sizeof r->bad;
		memcpy(r->bad, s, r->nbad);
	}
	col = r->record > 0 && r->nfields < (size_t)r->ncols ? r->colname[r->nfields] : NULL;
	if (r->record == 0 && nonascii < 0)
		snprintf(msg, sizeof msg, "%s", _("the header contains a NUL byte (is this a spreadsheet "
		                                  "file or UTF-16? save it as CSV UTF-8)"));
	else if (r->record == 0)
		snprintf(msg, sizeof msg, "%s", _("the header is not valid UTF-8"));
	else if (col && nonascii < 0)
		snprintf(msg, sizeof msg, _("record %ld: field %zu (%.*s) contains a NUL byte (is this a "
		                            "spreadsheet file or UTF-16? save it as CSV UTF-8)"),
		         r->record + 1, r->nfields + 1, cut60(col), col);
	else if (col)
		snprintf(msg, sizeof msg, _("record %ld: field %zu (%.*s) is not valid UTF-8"),
		         r->record + 1, r->nfields + 1, cut60(col), col);
	else if (nonascii < 0)
		snprintf(msg, sizeof msg, _("record %ld: field %zu contains a NUL byte (is this a "
		                            "spreadsheet file or UTF-16? save it as CSV UTF-8)"),
		         r->record + 1, r->nfields + 1);
	else
		snprintf(msg, sizeof msg, _("record %ld: field %zu is not valid UTF-8"), r->record + 1,
		         r->nfields + 1);
	fail(r, OCOP_ESYNTAX, r->line, (long)r->nfields + 1, col, msg);
	return 1;
}

/* Text that is legacy Vietnamese decoded as Windows-1252 ("Kh« c¸"), or UTF-8 decoded twice
 * ("Ã¡"): the file went through the wrong conversion. Said once per column. */
static void check_decoding(struct rd *r, size_t i, const char *s, size_t len)
{
	char fixed[200];
	int e = ocop_text_mojibake(s, len, fixed, sizeof fixed);

	if (e == OCOP_ENC_NONE)
		return;
	r->warned[i] = 1;
	if (e == OCOP_ENC_VNI)
		ocop_diag_add(r->warnings, OCOP_EWARN, r->name, r->line, (long)i + 1, r->colname[i],
		              "record %ld: %s \"%.60s\" looks like VNI text: %s",
		              r->record + 1, r->colname[i], s, ocop_encoding_explain_vni());
	else if (e == OCOP_ENC_UTF8_TWICE)
		ocop_diag_add(r->warnings, OCOP_EWARN, r->name, r->line, (long)i + 1, r->colname[i],
		              "record %ld: %s \"%.60s\" looks like UTF-8 text decoded as Windows-1252 "
		              "and saved again (meant \"%.60s\"?): open the original file as UTF-8 "
		              "(other such values in this column are not reported)",
		              r->record + 1, r->colname[i], s, fixed);
	else
		ocop_diag_add(r->warnings, OCOP_EWARN, r->name, r->line, (long)i + 1, r->colname[i],
		              "record %ld: %s \"%.60s\" looks like %s text decoded as Windows-1252 "
		              "(meant \"%.60s\"?): convert the original file with --encoding %s "
		              "(other such values in this column are not reported)",
		              r->record + 1, r->colname[i], s, ocop_encoding_label(e), fixed,
		              ocop_encoding_option(e));
}

/* ocop_field_per_sheet, without a call: this runs for every record. */
static inline int per_sheet(int f)
{
	return f == OCOP_F_MEMBER || f == OCOP_F_VERIFIED_BY;
}

/* Dossier columns repeat on every member's row of a product: a value equal to the one before was
 * checked (and found NFC or not) already. The value is kept in prev, where field() reads it. */
static int meta_changed(struct rd *r, size_t i, const void *s, size_t len);

static int meta_field(struct rd *r, size_t i, const void *s, size_t len)
{
	struct prev *p = &r->prev[i];

	if (p->text && p->len == len && memcmp(p->text, s, len) == 0)
		return 0;
	return meta_changed(r, i, s, len);
}

/* meta_field for a value that differs from the record before's. */
static int meta_changed(struct rd *r, size_t i, const void *s, size_t len)
{
	struct prev *p = &r->prev[i];
	int look, sheet = per_sheet(r->field_of[i]);     /* member, verified_by */

	r->changed += !sheet;
	r->member_changed += sheet;
	/* One look says all that the value's checks would: a NUL or bad UTF-8 (reported by bad_text),
	 * NFC, controls (then left to ocop_batch_product) and a wrong decoding (check_decoding). */
	look = ocop_text_look(s, len);
	if ((look & (OCOP_LOOK_NUL | OCOP_LOOK_BADUTF8)) && bad_text(r, s, len))
		return -1;
	if (len + 1 > p->cap) {
		char *t = realloc(p->text, len + 1);
		if (!t)
			return fail(r, OCOP_ENOMEM, r->rec_line, 0, NULL, _("out of memory"));
		p->text = t;
		p->cap = len + 1;
	}
	memcpy(p->text, s, len);
	p->text[len] = '\0';
	p->len = len;
	p->nfc = !(look & OCOP_LOOK_NOTNFC);
	p->clean = !(look & OCOP_LOOK_CONTROL);
	if ((look & OCOP_LOOK_SUSPECT) && r->warnings && !r->warned[i])
		check_decoding(r, i, p->text, len);
	return 0;
}

static int grow_fields(struct rd *r)
{
	size_t cap = r->capfields ? r->capfields * 2 : 64, *off, *flen;
	int *num;

	if (!(off = realloc(r->off, cap * sizeof *off)))
		return -1;
	r->off = off;
	if (!(flen = realloc(r->flen, cap * sizeof *flen)))
		return -1;
	r->flen = flen;
	if (!(num = realloc(r->num, cap * sizeof *num)))
		return -1;
	r->num = num;
	r->capfields = cap;
	return 0;
}

/* Long format: 1 when the criterion field names the leaf the record before makes likely (the
 * next one of the same set), which it then stands for, uncopied and unscanned: it equals that
 * leaf's id, which is ASCII. Anything else is kept as text and looked up in record(). */
static NOINLINE int criterion_hint(struct rd *r, size_t i, const char *t, size_t len)
{
	const struct ocop_set *set = r->hint_set;
	int h = r->next_leaf;
	const char *id;

	if (!set)
		return 0;
	if (h < 0 || (size_t)h >= set->nleaves)
		h = 0;                  /* (the first leaf: the next product's, of the same set) */
	id = set->criteria[set->leaves[h]].id;
	size_t k = 0;
	while (k < len && id[k] != '\0' && id[k] == t[k])
		k++;
	if (k != len || id[k] != '\0')
		return 0;
	r->crit_set = set;
	r->crit_leaf = h;
	r->num[i] = CELL_LEAF;
	r->nfields = i + 1;
	return 1;
}

/* 1 if a[0..n) and b[0..n) are the same bytes (n is small: a field). */
static inline int same_bytes(const char *a, const unsigned char *b, size_t n)
{
	uint64_t x, y;
	uint32_t u, v;
	size_t k;

	if (n < 8) {
		if (n >= 4) {           /* two words of four that overlap */
			memcpy(&u, a, 4), memcpy(&v, b, 4);
			if (u != v)
				return 0;
			memcpy(&u, a + n - 4, 4), memcpy(&v, b + n - 4, 4);
			return u == v;
		}
		for (k = 0; k < n; k++)
			if ((unsigned char)a[k] != b[k])
				return 0;
		return 1;
	}
	for (k = 0; k + 8 <= n; k += 8) {
		memcpy(&x, a + k, 8);
		memcpy(&y, b + k, 8);
		if (x != y)
			return 0;
	}
	memcpy(&x, a + n - 8, 8);
	memcpy(&y, b + n - 8, 8);
	return x == y;
}

static NOINLINE void text_field(struct rd *r, const void *s, size_t len)
{
	size_t i = r->nfields;

	r->pfx_ok = 0;
	if (r->fatal)
		return;
	if (r->is_meta[i]) {
		/* A dossier column repeating the record before's value: nothing more to do. */
		const struct prev *p = &r->prev[i];
		if (p->text && p->len == len && same_bytes(p->text, s, len)) {
			r->num[i] = CELL_TEXT;
			r->nfields = i + 1;
			return;
		}
	} else if ((int)i == r->col_criterion && criterion_hint(r, i, s, len)) {
		return;
	}
	if (i == r->capfields && grow_fields(r) < 0) {
		fail(r, OCOP_ENOMEM, r->rec_line, 0, NULL, _("out of memory"));
		return;
	}
	if (i >= OCOP_MAX_COLUMNS) {
		fail(r, OCOP_ELIMIT, r->rec_line, (long)i + 1, NULL,
		     _("more than 1024 fields in a record"));
		return;
	}
	r->num[i] = CELL_TEXT;
	if (r->is_meta[i]) {
		if (meta_field(r, i, s, len) == 0)
			r->nfields++;
		return;
	}
	if (r->len + len + 1 > r->cap) {
		size_t cap = r->cap ? r->cap : 4096;
		while (cap < r->len + len + 1)
			cap *= 2;
		char *nb = realloc(r->buf, cap);
		if (!nb) {
			fail(r, OCOP_ENOMEM, r->rec_line, 0, NULL, _("out of memory"));
			return;
		}
		r->buf = nb;
		r->cap = cap;
	}
	if (bad_text(r, s, len))
		return;
	r->off[i] = r->len;
	r->flen[i] = len;
	memcpy(r->buf + r->len, s, len);
	r->len += len;
	r->buf[r->len++] = '\0';
	r->nfields++;
}

/* A criterion cell (or a long row's points), empty or of up to three digits, as a number: points,
 * or CELL_BLANK; CELL_TEXT for anything else. */
static inline int cell_number(const unsigned char *t, size_t len)
{
	unsigned d0, d1, d2;

	switch (len) {
	case 0:
		return CELL_BLANK;
	case 1:
		if ((d0 = t[0] - '0') > 9)
			break;
		return (int)d0;
	case 2:
		if ((d0 = t[0] - '0') > 9 || (d1 = t[1] - '0') > 9)
			break;
		return (int)(d0 * 10 + d1);
	case 3:
		if ((d0 = t[0] - '0') > 9 || (d1 = t[1] - '0') > 9 || (d2 = t[2] - '0') > 9)
			break;
		return (int)(d0 * 100 + d1 * 10 + d2);
	}
	return CELL_TEXT;
}

static void on_field(void *s, size_t len, void *data)
{
	struct rd *r = data;
	size_t i = r->nfields;

	/* Hot path: a wide sheet's criterion cell (or a long row's points), empty or of up to three
	 * digits, is kept as a number and never copied. */
	if (r->is_cell[i]) {
		int v = cell_number(s, len);
		if (v != CELL_TEXT) {
			r->num[i] = v;
			r->nfields = i + 1;
			return;
		}
	}
	text_field(r, s, len);
}

/* A field as text; a criterion cell kept as a number reads as empty (only a blank one is ever
 * asked for), a long criterion matched to a leaf as that leaf's id. */
static const char *field(const struct rd *r, int i)
{
	if (i < 0 || (size_t)i >= r->nfields)
		return NULL;
	if (r->num[i] == CELL_LEAF)
		return ocop_set_leaf(r->crit_set, (size_t)r->crit_leaf)->id;
	if (r->num[i] != CELL_TEXT)
		return "";
	return r->is_meta[i] ? r->prev[i].text : r->buf + r->off[i];
}

static size_t field_len(const struct rd *r, int i)
{
	if (r->num[i] == CELL_LEAF)
		return strlen(field(r, i));
	if (r->num[i] != CELL_TEXT)
		return 0;
	return r->is_meta[i] ? r->prev[i].len : r->flen[i];
}

/* nfc for a value that may not be NFC yet. */
static NOINLINE const char *nfc_made(struct rd *r, int i, char **owned)
{
	const char *s = field(r, i);

	if (r->prev[i].nfc)
		return s;
	return (*owned = ocop_text_nfc(s)) ? *owned : s;
}

/* Dossier column i's value in NFC; `owned` is set when a normalised copy had to be made. (Its
 * look said whether it is NFC: the usual case returns at once.) */
static inline const char *nfc(struct rd *r, int i, char **owned)
{
	const struct prev *p = &r->prev[i];

	*owned = NULL;
	if (p->nfc > 0 && (size_t)i < r->nfields && r->num[i] == CELL_TEXT)
		return p->text;     /* (field: a dossier column's text is kept in prev) */
	return nfc_made(r, i, owned);
}

/* The bit of struct ocop_loc's clean for column i, whose value (as nfc gave it) is s: set when its
 * look found no control character and s is that very text, not a normalised copy. */
static unsigned clean_bit(const struct rd *r, int i, const char *s, const char *owned)
{
	return r->prev[i].clean && s && !owned ? 1u << r->field_of[i] : 0;
}

/* How the fields were cut, for messages about the header. */
static const char *delim_note(const struct rd *r)
{
	static char note[200];

	if (r->delim == ';' && r->delim_detected)
		snprintf(note, sizeof note, " %s", _("[fields separated by semicolons, as the header "
		                                    "line suggests; --delimiter chooses another]"));
	else if (r->delim == ';')
		snprintf(note, sizeof note, " %s", _("[fields separated by semicolons]"));
	else if (r->delim == '\t' && r->delim_detected)
		snprintf(note, sizeof note, " %s", _("[fields separated by tabs, as the header line "
		                                    "suggests; --delimiter chooses another]"));
	else if (r->delim == '\t')
		snprintf(note, sizeof note, " %s", _("[fields separated by tabs]"));
	else if (r->delim_detected)
		snprintf(note, sizeof note, " %s", _("[fields separated by commas, as the header line "
		                                    "suggests; --delimiter chooses another]"));
	else
		snprintf(note, sizeof note, " %s", _("[fields separated by commas]"));
	return note;
}

static void unknown_column(struct rd *r, int i, const char *raw, const char *name)
{
	const char *near = colname_suggest(name);
	char msg[512];

	if (near)
		snprintf(msg, sizeof msg, _("unknown column \"%.*s\": did you mean \"%s\"?%s"),
		         cut60(raw), raw, near, delim_note(r));
	else
		snprintf(msg, sizeof msg,
		         _("unknown column \"%.*s\" (expected product_id, set, member, the optional "
		           "dossier columns, or criterion ids like 1.a)%s"), cut60(raw), raw, delim_note(r));
	fail(r, OCOP_ESYNTAX, r->rec_line, i + 1, raw, msg);
}

static void header(struct rd *r)
{
	char msg[512];

	r->ncols = (int)r->nfields;
	r->prev = calloc((size_t)r->ncols, sizeof *r->prev);
	r->field_of = malloc((size_t)r->ncols * sizeof *r->field_of);
	r->colname = calloc((size_t)r->ncols, sizeof *r->colname);
	r->col_used = calloc((size_t)r->ncols, sizeof *r->col_used);
	r->warned = calloc((size_t)r->ncols, 1);
	r->col_criterion = r->col_points = -1;
	if (!r->field_of || !r->colname || !r->col_used || !r->prev || !r->warned) {
		fail(r, OCOP_ENOMEM, 1, 0, NULL, _("out of memory"));
		return;
	}
	for (int i = 0; i < r->ncols && !r->fatal; i++) {
		const char *raw = field(r, i);
		char *name = colname_fold(raw);
		int f;
		if (!name) {
			fail(r, OCOP_ENOMEM, 1, 0, NULL, _("out of memory"));
			return;
		}
		r->colname[i] = name;
		f = colname_parse(name);
		r->field_of[i] = f >= 0 ? f : -1;
		if (f >= 0)
			r->field_col[f] = i + 1;
		if (f == OCOP_F_MEMBER)
			r->member_col = i;
		if (f == COL_CRITERION)
			r->col_criterion = i;
		else if (f == COL_POINTS)
			r->col_points = i;
		else if (!*name && i == r->ncols - 1 && i > 0) {
			r->spare_col = i;    /* a trailing delimiter on every line: Excel's empty column */
			ocop_diag_add(r->warnings, OCOP_EWARN, r->name, r->rec_line, i + 1, NULL,
			              "the header ends with an empty column (a delimiter at the end of "
			              "every line): it is ignored, and must stay empty");
		} else if (!*name) {
			snprintf(msg, sizeof msg, _("column %d has no name%s"), i + 1, delim_note(r));
			fail(r, OCOP_ESYNTAX, r->rec_line, i + 1, NULL, msg);
		} else if (f < 0 && !(name[0] >= '0' && name[0] <= '9')) {
			unknown_column(r, i, raw, name);
		}
		for (int j = 0; j < i && !r->fatal; j++)
			if (*name && strcmp(r->colname[j], name) == 0) {
				snprintf(msg, sizeof msg, _("column \"%.*s\" appears twice (fields %d and %d)"),
				         cut60(name), name, j + 1, i + 1);
				fail(r, OCOP_ESYNTAX, r->rec_line, i + 1, name, msg);
			}
	}
	for (int f = 0; f <= OCOP_F_MEMBER && !r->fatal; f++) {
		int found = 0;
		for (int i = 0; i < r->ncols; i++)
			found |= r->field_of[i] == f;
		if (!found) {
			snprintf(msg, sizeof msg, _("no \"%s\" column in the header%s"), ocop_field_name(f),
			         delim_note(r));
			fail(r, OCOP_ESYNTAX, r->rec_line, 0, NULL, msg);
		}
	}
	if (!r->fatal && (r->col_criterion < 0) != (r->col_points < 0))
		fail(r, OCOP_ESYNTAX, r->rec_line, 0, NULL,
		     _("a long-format file needs both \"criterion\" and \"points\" columns"));
	for (int i = 0; i < r->ncols && !r->fatal; i++) {
		r->is_cell[i] = r->field_of[i] < 0 && r->col_criterion < 0 && i != r->spare_col &&
		                i != r->col_criterion && i != r->col_points;
		r->is_meta[i] = r->field_of[i] >= 0;
	}
	if (!r->fatal && r->col_criterion >= 0)
		r->is_cell[r->col_points] = 1;
	r->cell_lo = r->cell_hi = -1;
	if (!r->fatal && !(r->metacol = malloc((size_t)r->ncols * sizeof *r->metacol)))
		fail(r, OCOP_ENOMEM, 1, 0, NULL, "out of memory");
	for (int i = 0; i < r->ncols && !r->fatal; i++)
		if (r->field_of[i] >= 0)
			r->metacol[r->nmetacol++] = i;
	if (r->fatal || r->col_criterion >= 0)
		return;
	if (!(r->textcol = malloc((size_t)r->ncols * sizeof *r->textcol))) {
		fail(r, OCOP_ENOMEM, 1, 0, NULL, "out of memory");
		return;
	}
	int apart = 0;              /* the cells are not all together */
	for (int i = 0; i < r->ncols; i++) {
		if (!r->is_cell[i])
			r->textcol[r->ntext++] = i;
		else if (r->cell_lo < 0)
			r->cell_lo = r->cell_hi = i;
		else if (r->cell_hi == i - 1)
			r->cell_hi = i;
		else
			apart = 1;
	}
	r->pfx_cols = !apart && r->cell_lo > 0 && r->member_col >= 0;
	for (int k = 0; k < r->ntext; k++)
		r->pfx_cols &= r->textcol[k] < r->cell_lo && r->is_meta[r->textcol[k]];
	if (apart)
		r->cell_lo = r->cell_hi = -1;       /* read field by field */
	else if (!(r->cellv = malloc((size_t)(r->cell_hi - r->cell_lo + 1))))
		fail(r, OCOP_ENOMEM, 1, 0, NULL, "out of memory");
}

/* The criterion id of regime g closest to an unknown column ("1a" for "1.a"). */
static const char *suggest_criterion(const struct ocop_regime *g, const char *name)
{
	const char *best = NULL;
	size_t dist = 4;

	{
		for (size_t s = 0; g && s < g->nsets; s++)
			for (size_t l = 0; l < g->sets[s].nleaves; l++) {
				const char *id = ocop_set_leaf(&g->sets[s], l)->id;
				const char *one[] = {id};
				size_t d;
				if (!ocop_suggest(name, one, 1))
					continue;
				d = ocop_edit_distance(name, id, 3);
				if (d < dist) {
					dist = d;
					best = id;
				}
			}
	}
	return best;
}

/* 1 if some set of regime g has a criterion with this id. */
static int regime_knows(const struct ocop_regime *g, const char *name)
{
	for (size_t s = 0; g && s < g->nsets; s++)
		if (ocop_set_find_leaf(&g->sets[s], name) >= 0)
			return 1;
	return 0;
}

/* 1 if a set of any regime ocop knows has a criterion with this id (a season may mix regimes). */
static int catalog_knows(const struct rd *r, const char *name)
{
	struct ocop_catalog *cat = ocop_batch_catalog(r->b);

	for (size_t i = 0; cat && i < ocop_catalog_count(cat); i++)
		if (regime_knows(ocop_catalog_get(cat, ocop_catalog_id(cat, i), NULL), name))
			return 1;
	return 0;
}

/* A criterion column no set of the regime has is a typo in the header: said at once, before a
 * message per record. */
static void unknown_criterion(struct rd *r, int i, const struct ocop_regime *g)
{
	const char *near = suggest_criterion(g, r->colname[i]);
	char msg[512];

	if (near)
		snprintf(msg, sizeof msg, _("column \"%.*s\" is not a criterion of any set (regime "
		         "%s): did you mean \"%s\"?"), cut60(r->colname[i]), r->colname[i], g ? g->id : "?",
		         near);
	else
		snprintf(msg, sizeof msg, _("column \"%.*s\" is not a criterion of any set (regime %s)"),
		         cut60(r->colname[i]), r->colname[i], g ? g->id : "?");
	fail(r, OCOP_ESYNTAX, 1, i + 1, r->colname[i], msg);
}

static const struct colmap *colmap(struct rd *r, const struct ocop_set *set,
                                   const struct ocop_regime *regime)
{
	struct colmap *c;

	for (size_t i = 0; i < r->ncache; i++)
		if (r->cache[i].set == set)
			return &r->cache[i];
	c = &r->cache[r->ncache < NCACHE ? r->ncache++ : NCACHE - 1];
	free(c->cell);
	free(c->okt);
	c->okt = c->dest = NULL;
	c->set = set;
	c->regime = regime;
	c->n = 0;
	if (!(c->cell = malloc((size_t)r->ncols * sizeof *c->cell))) {
		c->set = NULL;
		return NULL;
	}
	for (int i = 0; i < r->ncols; i++) {
		if (!r->is_cell[i])
			continue;
		int leaf = ocop_set_find_leaf(set, r->colname[i]);
		/* An option's points (not 63: the shift drops it to the slow path); a blank cell
		 * of a column the set does not have. */
		c->cell[c->n++] = (struct cellcol){
			i, leaf, leaf >= 0 ? leaf : (int)set->nleaves,
			leaf >= 0 ? ocop_set_leaf(set, (size_t)leaf)->valid << 1 : 1};
		r->col_used[i] |= leaf >= 0;
		if (leaf < 0 && !regime_knows(regime, r->colname[i]) && !catalog_knows(r, r->colname[i]))
			unknown_criterion(r, i, regime);
	}
	if ((c->okt = malloc((size_t)(c->n ? c->n : 1) * 129))) {
		c->dest = c->okt + (size_t)c->n * 128;
		for (int k = 0; k < c->n; k++) {
			for (unsigned w = 0; w < 128; w++)
				c->okt[k * 128 + (int)w] = w < 64 && ((c->cell[k].ok >> w) & 1);
			c->dest[k] = (unsigned char)c->cell[k].cell;
			if (c->cell[k].cell > 255) {
				free(c->okt);
				c->okt = c->dest = NULL;
				break;
			}
		}
	}
	return c;
}

/* The criterion cells of a record read from spans, as on_field would have read them: a number, or
 * the text (which is ASCII without NUL: on_line made sure). */
static void cells_in(struct rd *r)
{
	const struct csv_span *f;
	size_t nfields = r->nfields;

	if (r->cv) {    /* read as values from a plain line: cut it now, as csv_cells_line did */
		r->cv = NULL;
		if (csv_index_line(r->line_s, r->line_len, r->delim, OCOP_MAX_FIELD, 1, r->spans,
		                   OCOP_MAX_COLUMNS + 1) == r->ncols)
			r->f = r->spans;
	}
	if (!(f = r->f))
		return;
	r->f = NULL;
	for (int i = r->cell_lo; i <= r->cell_hi && !r->fatal; i++) {
		int v = cell_number((const unsigned char *)f[i].s, f[i].len);
		r->nfields = (size_t)i;
		if (v != CELL_TEXT)
			r->num[i] = v;
		else
			text_field(r, f[i].s, f[i].len);
	}
	r->nfields = nfields;
}

/* A new member's sheet from a wide record read by csv_cells_line: each cell's value + 1 checked and
 * copied in one loop. 1 if every cell was a number the set allows (or blank where allowed). */
static int value_cells(const unsigned char *cv, const struct colmap *map, signed char *pts)
{
	const unsigned char *okt = map->okt, *dest = map->dest;
	unsigned ok = 1;

	int k = 0, n = map->n;

	/* (the colmap's cells are columns cell_lo, cell_lo + 1, …: cv's order; values are below
	 * 128) Four cells a round: the loads are the work, not the loop. */
	for (; k + 4 <= n; k += 4, okt += 512) {
		unsigned w0 = cv[k], w1 = cv[k + 1], w2 = cv[k + 2], w3 = cv[k + 3];
		ok &= okt[w0] & okt[128 + w1] & okt[256 + w2] & okt[384 + w3];
		pts[dest[k]] = (signed char)(w0 - 1);
		pts[dest[k + 1]] = (signed char)(w1 - 1);
		pts[dest[k + 2]] = (signed char)(w2 - 1);
		pts[dest[k + 3]] = (signed char)(w3 - 1);
	}
	for (; k < n; k++, okt += 128) {
		ok &= okt[cv[k]];
		pts[dest[k]] = (signed char)(cv[k] - 1);
	}
	return (int)ok;
}

/* A new member's sheet from a wide record read from spans: each cell read and checked in one loop,
 * straight into the sheet. 1 if every cell was a number the set allows (or blank where allowed). */
static int span_cells(const struct rd *r, const struct colmap *map, signed char *pts)
{
	const struct cellcol *cell = map->cell, *end = cell + map->n;
	const struct csv_span *f = r->f;
	unsigned long long bad = 0;

	for (; cell < end; cell++) {
		const struct csv_span *c = &f[cell->col];
		const unsigned char *t = (const unsigned char *)c->s;
		/* w: points + 1, 0 for a blank cell; 64 or more for anything else but one or two
		 * digits (read again by cells_in) */
		unsigned w = 64, d0, d1;
		if (c->len == 1)
			w = (d0 = t[0] - (unsigned)'0') <= 9 ? d0 + 1 : 64;
		else if (c->len == 0)
			w = 0;
		else if (c->len == 2 && (d0 = t[0] - (unsigned)'0') <= 9 &&
		         (d1 = t[1] - (unsigned)'0') <= 9)
			w = d0 * 10 + d1 + 1;
		bad |= (w >= 64) | !((cell->ok >> (w & 63)) & 1);
		pts[cell->cell] = (signed char)(w - 1);
	}
	return !bad;
}

/* A new member's sheet from a wide record. Every cell is copied without a branch, then checked at
 * once; a record with any cell to report goes through them one by one, in column order. */
static void wide_cells(struct rd *r, struct ocop_dossier *d, int m, struct ocop_loc *loc)
{
	const struct colmap *map = colmap(r, d->set, d->regime);
	signed char *pts = d->members[m].points; /* nleaves cells, then a spare one */
	/* Locals: a store through pts may alias anything, and would force reloads of r and map. */
	const struct cellcol *cell = map ? map->cell : NULL;
	const int *num = r->num;
	int n = map ? map->n : 0;
	unsigned long long bad = 0;

	if (r->fatal)               /* colmap found a column no regime has */
		return;
	if (r->cv && map && map->okt) {
		if (value_cells(r->cv, map, pts))
			return;
		cells_in(r);
		if (r->fatal)
			return;
	}
	if (r->f && map) {
		if (span_cells(r, map, pts))
			return;
		cells_in(r);
		if (r->fatal)
			return;
	}
	for (int k = 0; k < n; k++) {
		unsigned w = (unsigned)(num[cell[k].col] + 1);
		bad |= (w >= 64) | !((cell[k].ok >> (w & 63)) & 1);
		pts[cell[k].cell] = (signed char)(w - 1);
	}
	if (!bad)
		return;
	memset(pts, -1, d->set->nleaves);   /* not given, as ocop_batch_member left them */
	for (int k = 0; k < n; k++) {
		const struct cellcol *c = &cell[k];
		int v = num[c->col];
		loc->col = c->col + 1;
		if (c->leaf >= 0 && v >= 0)
			ocop_batch_cell_points(r->b, d, m, c->leaf, v, loc);
		else if (c->leaf >= 0)
			ocop_batch_cell(r->b, d, m, c->leaf, field(r, c->col), field_len(r, c->col), loc);
		else if (v != CELL_BLANK)
			ocop_batch_error(r->b, d, loc, r->colname[c->col],
			                 "product %s: criterion %s is not in set %s (leave the cell empty)",
			                 d->meta[OCOP_F_PRODUCT_ID], r->colname[c->col], d->set->code);
	}
}

static void long_cell(struct rd *r, struct ocop_dossier *d, int m, struct ocop_loc *loc)
{
	int leaf, v = r->num[r->col_points];

	if (r->num[r->col_criterion] == CELL_LEAF && r->crit_set == d->set) {
		leaf = r->crit_leaf;
	} else {
		const char *id = field(r, r->col_criterion);
		leaf = ocop_set_find_leaf_near(d->set, id, r->next_leaf);
		if (leaf < 0) {
			r->next_leaf = 0;
			loc->col = r->col_criterion + 1;
			ocop_batch_error(r->b, d, loc, "criterion",
			                 "product %s: criterion \"%s\" is not in set %s",
			                 d->meta[OCOP_F_PRODUCT_ID], id, d->set->code);
			return;
		}
	}
	r->next_leaf = leaf + 1;
	loc->col = r->col_points + 1;
	/* points of up to three digits came as a number (as ocop_batch_cell reads them) */
	if (v >= 0)
		ocop_batch_cell_points(r->b, d, m, leaf, v, loc);
	else
		ocop_batch_cell(r->b, d, m, leaf, field(r, r->col_points), field_len(r, r->col_points),
		                loc);
}

/* 1 if ocop_batch_product found nothing to say about these values of d's dossier columns, so a
 * record that repeats them needs no new look. */
static int matches(const struct ocop_dossier *d, const char *const meta[OCOP_NFIELDS])
{
	for (int f = 0; f < OCOP_NFIELDS; f++)
		if (!per_sheet(f) && meta[f] && *meta[f] &&
		    (!d->meta[f] || strcmp(d->meta[f], meta[f]) != 0))
			return 0;
	return 1;
}

/* 1 if the record gives no points: every criterion cell empty (wide), or criterion and points
 * empty (long). */
static int blank_sheet(struct rd *r)
{
	cells_in(r);
	if (r->col_criterion >= 0)
		return !*field(r, r->col_criterion) && !*field(r, r->col_points);
	for (int i = 0; i < r->ncols; i++)
		if (r->is_cell[i] && r->num[i] != CELL_BLANK &&
		    (r->num[i] != CELL_TEXT || field_len(r, i) != 0))
			return 0;
	return 1;
}

static void record(struct rd *r)
{
	const char *meta[OCOP_NFIELDS];
	char *owned[OCOP_NFIELDS], *member_owned = NULL, *verified_owned = NULL;
	struct ocop_loc loc = {r->name, r->rec_line, r->record, 0, r->field_col, 0};
	struct ocop_dossier *d = r->cur;
	const char *member = NULL, *verified = NULL;
	int vcol = r->field_col[OCOP_F_VERIFIED_BY] - 1;
	/* The usual case: the next member of the same product, with the same dossier columns. */
	int m, same = d && r->nfields == (size_t)r->ncols && r->changed == 0;
	/* (the record before's member, valid only if that record got as far as its member) */
	struct ocop_dossier *last_d = r->last_d;

	r->last_d = NULL;
	/* Long format, the usual case: the same product and member as the record before, so the
	 * same sheet (the checks below all pass for it). */
	if (same && r->col_criterion >= 0 && d == last_d && !r->member_changed && r->last_m >= 0) {
		r->last_d = d;
		if (d->set)
			long_cell(r, d, r->last_m, &loc);
		return;
	}
	if (same) {
		member = nfc(r, r->member_col, &member_owned);
		if (vcol >= 0)
			verified = nfc(r, vcol, &verified_owned);
		loc.clean |= clean_bit(r, r->member_col, member, member_owned);
	} else {
		memset(meta, 0, sizeof meta);
		memset(owned, 0, sizeof owned);
		for (int k = 0, i; k < r->nmetacol && (size_t)(i = r->metacol[k]) < r->nfields; k++) {
			int f = r->field_of[i];
			if (f == OCOP_F_MEMBER)
				loc.clean |= clean_bit(r, i, member = nfc(r, i, &member_owned),
				                       member_owned);
			else if (f == OCOP_F_VERIFIED_BY)
				verified = nfc(r, i, &verified_owned);
			else if (f >= 0)
				loc.clean |= clean_bit(r, i, meta[f] = nfc(r, i, &owned[f]), owned[f]);
		}
		d = ocop_batch_product(r->b, meta, &loc);
		if (!d && ocop_batch_broken(r->b, r->err)) {
			r->fatal = 1;
			goto done;
		}
		/* (A short record leaves the values of the one before in its missing columns. A
		 * product this record made holds its values.) */
		r->cur = d && r->nfields == (size_t)r->ncols &&
		         ((d->line == r->rec_line && d->file == r->name) || matches(d, meta)) ? d : NULL;
	}
	/* A row of the wrong length still belongs to its product, which must not look complete. */
	if (r->nfields != (size_t)r->ncols) {
		ocop_batch_error(r->b, d, &loc, NULL, "%zu fields, but the header has %d",
		                 r->nfields, r->ncols);
		goto done;
	}
	if (!d)
		goto done;
	if (r->spare_col >= 0 && field_len(r, r->spare_col) > 0) {
		loc.col = r->spare_col + 1;
		ocop_batch_error(r->b, d, &loc, NULL, "a value in the unnamed last column (\"%.40s\"): "
		                 "give the column a name, or leave it empty",
		                 field(r, r->spare_col));
		goto done;
	}
	/* An intake record: the dossier's columns, no member and no points (a blank dossier). */
	if ((!member || !*member) && blank_sheet(r))
		goto done;
	if (d->nmembers >= OCOP_MAX_MEMBERS && !(r->col_criterion >= 0 && member)) {
		ocop_batch_error(r->b, d, &loc, "member", "product %s: more than %d members",
		                 d->meta[OCOP_F_PRODUCT_ID], OCOP_MAX_MEMBERS);
		goto done;
	}
	m = ocop_batch_member(r->b, d, member, r->col_criterion >= 0, &loc);
	if (m < 0 && ocop_batch_broken(r->b, r->err))
		r->fatal = 1;
	r->last_d = d;
	r->last_m = m;
	if (m >= 0 && verified && *verified)
		ocop_batch_member_verified(r->b, d, m, verified);
	if (m < 0 || !d->set)
		goto done;
	if (r->col_criterion >= 0) {
		r->hint_set = d->set;
		long_cell(r, d, m, &loc);
	} else {
		wide_cells(r, d, m, &loc);
	}
done:
	for (int f = 0; f < OCOP_NFIELDS && !same; f++)
		if (owned[f])
			free(owned[f]);
	free(member_owned);
	free(verified_owned);
}

/* 1 if every field of the record is empty or blanks: a blank spreadsheet row (",,,,") or a line
 * of spaces, which is no record at all. */
static int blank_record(const struct rd *r)
{
	for (size_t i = 0; i < r->nfields; i++) {
		const char *t;
		if (r->num[i] == CELL_BLANK)
			continue;
		if (r->num[i] != CELL_TEXT)
			return 0;
		t = r->is_meta[i] && r->record > 0 ? r->prev[i].text : r->buf + r->off[i];
		if (t[strspn(t, " \t\r")])
			return 0;
	}
	return 1;
}

/* A record whose fields are all in (not blank). */
static void end_record(struct rd *r)
{
	r->record++;
	if (r->record == 1) {
		header(r);
	} else {
		record(r);
	}
	r->f = NULL;
	r->cv = NULL;
	r->nfields = r->len = 0;
	r->changed = r->member_changed = 0;
	r->rec_line = r->line + 1;
}

static void on_record(int c, void *data)
{
	struct rd *r = data;

	(void)c;
	if (r->fatal)
		return;
	if (blank_record(r)) {
		r->nfields = r->len = 0;
		r->changed = 0;
		r->cur = NULL;
		r->rec_line = r->line + 1;
		return;
	}
	/* A row without the trailing delimiter of an unnamed last column still has every field. */
	if (r->record > 0 && r->spare_col >= 0 && r->nfields + 1 == (size_t)r->ncols)
		text_field(r, "", 0);
	end_record(r);
}

/* 1 if s[0..len) holds something besides blanks (" \t\r", as blank_record reads them). */
static int has_text(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 1;
	return 0;
}

/* Field i of a line read from spans, when it is not a criterion cell read as a number. */
static void read_text(struct rd *r, const struct csv_span *f, size_t i)
{
	r->nfields = i;
	if (r->is_meta[i]) {
		/* A dossier column repeating the record before's value: nothing more to do. */
		const struct prev *p = &r->prev[i];
		r->num[i] = CELL_TEXT;
		if (p->text && p->len == f[i].len &&
		    same_bytes(p->text, (const unsigned char *)f[i].s, f[i].len))
			return;
		/* changed: checked and kept, as text_field would (a record of the header's width
		 * needs no room for more fields) */
		meta_changed(r, i, f[i].s, f[i].len);
		return;
	}
	text_field(r, f[i].s, f[i].len);
}

/* 1 if a record's criterion cells, columns cell_lo..cell_hi, can be read after its other columns:
 * nothing between their first byte and their last is a NUL or not ASCII (which would stop the
 * input at that field, before the record's product is looked at). */
static int cells_plain(const struct rd *r, const struct csv_span *f)
{
	const unsigned char *p, *end;
	unsigned long long w, bad = 0;

	if (r->cell_lo < 0)
		return 0;
	p = (const unsigned char *)f[r->cell_lo].s;
	end = (const unsigned char *)f[r->cell_hi].s + f[r->cell_hi].len;
	if (end < p)
		return 0;               /* (quotes removed in place: not worth a closer look) */
	for (; end - p >= 8; p += 8) {
		memcpy(&w, p, 8);
		bad |= ((w - 0x0101010101010101ULL) & ~w) | w;
	}
	for (; p < end; p++)
		bad |= (unsigned long long)(*p == 0 ? 0x80 : *p);
	return !(bad & 0x8080808080808080ULL);
}

/* on_plain's shortcut: 1 if the line's text columns (all before its cells) are the bytes of the
 * last line read in full, member aside, whose values prev still holds. Then the line is not cut
 * again: its member's span is found, its cells read (csv_cells_rest), and only the member is read
 * (read_text). 0, having read nothing, otherwise. */
static int same_text(struct rd *r, char *s, size_t len)
{
	size_t m0 = r->pfx_m0, tail = r->pfx_len - r->pfx_m1, room;
	const char *e;
	int mc = r->member_col;

	if (!r->pfx_ok || len <= r->pfx_len || memcmp(s, r->pfx, m0) != 0)
		return 0;
	/* the member: up to the next delimiter, then the rest as saved */
	room = len - 1 - m0;
	if (!(e = memchr(s + m0, r->delim, room)) || (size_t)(e - s) - m0 > OCOP_MAX_FIELD ||
	    (size_t)(e - s) + tail > len - 1 || memcmp(e, r->pfx + r->pfx_m1, tail) != 0 ||
	    !csv_cells_rest(s, len, e + tail, r->delim, OCOP_MAX_FIELD, (size_t)r->ncols,
	                    (size_t)r->cell_lo, (size_t)r->cell_hi, r->spans, r->cellv))
		return 0;
	r->spans[mc].s = s + m0;
	r->spans[mc].len = (size_t)(e - s) - m0;
	read_text(r, r->spans, (size_t)mc);
	return 1;
}

/* Keeps the text columns of a line cut by csv_cells_line for same_text, when the header allows
 * (pfx_cols); pfx_ok is set once the caller has read them (read_text clears nothing). */
static void keep_text(struct rd *r, const char *s)
{
	const struct csv_span *f = r->spans;
	size_t len;

	r->pfx_ok = 0;
	if (!r->pfx_cols)
		return;
	/* (csv_cells_line cut the fields before the cells, not the cells: up to the delimiter after
	 * the last text column) */
	len = (size_t)(f[r->cell_lo - 1].s + f[r->cell_lo - 1].len + 1 - s);
	if (len > r->pfx_cap) {
		char *t = realloc(r->pfx, len);
		if (!t)
			return;         /* (no shortcut for the next line) */
		r->pfx = t;
		r->pfx_cap = len;
	}
	memcpy(r->pfx, s, len);
	r->pfx_len = len;
	r->pfx_m0 = (size_t)(f[r->member_col].s - s);
	r->pfx_m1 = r->pfx_m0 + f[r->member_col].len;
	r->pfx_ok = 1;
}

/* A whole plain line (csvsplit.h): a wide record of the header's width whose cells are all empty
 * or of one or two digits is read here, its other columns as on_line reads them, its cells as
 * values into the sheet (wide_cells); 0, having done nothing, for anything else. */
static int on_plain(char *s, size_t len, void *data)
{
	struct rd *r = data;
	int id = r->field_col[OCOP_F_PRODUCT_ID] - 1;

	if (r->fatal || r->record == 0 || r->cell_lo < 0 || id < 0)
		return 0;
	if (!same_text(r, s, len)) {
		if (!csv_cells_line(s, len, r->delim, OCOP_MAX_FIELD, (size_t)r->ncols,
		                    (size_t)r->cell_lo, (size_t)r->cell_hi, r->spans, r->cellv) ||
		    !has_text(r->spans[id].s, r->spans[id].len))
			return 0;
		keep_text(r, s);
		for (int k = 0; k < r->ntext && !r->fatal; k++)
			read_text(r, r->spans, (size_t)r->textcol[k]);
	}
	if (r->fatal)
		return 1;
	r->cv = r->cellv;
	r->line_s = s;
	r->line_len = len;
	r->nfields = (size_t)r->ncols;
	end_record(r);
	return 1;
}

/* A whole line from the one-pass index (csvsplit.h). A record of the header's width with a product
 * id is read here, each field as on_field reads it but without a call per field; anything else (the
 * header, a short or long row, a blank one) is handed over field by field, as libcsv would. */
static void on_line(struct csv_span *f, size_t n, void *data)
{
	struct rd *r = data;
	const char *is_cell = r->is_cell;
	int *num = r->num;
	int id = r->field_col[OCOP_F_PRODUCT_ID] - 1;

	r->pfx_ok = 0;
	if (r->fatal)
		return;
	if (r->record == 0 || n != (size_t)r->ncols || id < 0 || !has_text(f[id].s, f[id].len)) {
		for (size_t i = 0; i < n; i++)
			on_field(f[i].s, f[i].len, r);
		on_record('\n', r);
		return;
	}
	if (cells_plain(r, f)) {
		/* The cells cannot stop the input (no NUL, nothing but ASCII): the other columns
		 * first, the cells later, straight into the member's sheet. */
		for (int k = 0; k < r->ntext && !r->fatal; k++)
			read_text(r, f, (size_t)r->textcol[k]);
		r->f = f;
	} else {
		for (size_t i = 0; i < n && !r->fatal; i++) {
			int v;
			if (is_cell[i] && (v = cell_number((const unsigned char *)f[i].s, f[i].len)) !=
			                      CELL_TEXT)
				num[i] = v;
			else
				read_text(r, f, i);
		}
	}
	if (r->fatal)
		return;
	r->nfields = n;
	end_record(r);
}

static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static int feed(struct rd *r, char *s, size_t n)
{
	if (csv_lines_feed(&r->lines, s, n) != n) {
		char msg[512];
		snprintf(msg, sizeof msg, _("malformed CSV near line %ld: %s"), r->line,
		         csv_error_text(r->p.status == CSV_EPARSE ? CSV_EPARSE : csv_error(&r->p)));
		return fail(r, OCOP_ESYNTAX, r->line, 0, NULL, msg);
	}
	if (csv_get_buffer_size(&r->p) > OCOP_MAX_FIELD)
		return fail(r, OCOP_ELIMIT, r->rec_line, (long)r->nfields + 1, NULL,
		            _("a field is longer than 65536 bytes"));
	return r->fatal ? -1 : 0;
}

/* Feeds a chunk line by line, so that callbacks fired by a segment belong to r->line. */
static int feed_lines(struct rd *r, char *s, size_t n)
{
	/* A chunk without quotes and CRs (the usual one) spares each line that search. */
	r->lines.plain = !memchr(s, '"', n) && !memchr(s, '\r', n);
	while (n > 0 && !r->fatal) {
		char *nl = memchr(s, '\n', n);
		size_t k = nl ? (size_t)(nl - s) + 1 : n;
		if (feed(r, s, k) < 0)
			return -1;
		if (nl)
			r->line++;
		s += k;
		n -= k;
	}
	return r->fatal ? -1 : 0;
}

static int check_start(struct rd *r, const unsigned char *s, size_t n, size_t *skip)
{
	*skip = 0;
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		*skip = 3;
	else if (n >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
		return fail(r, OCOP_ESYNTAX, 1, 0, NULL,
		            _("the file is UTF-16; save it as UTF-8 (CSV UTF-8) or convert it: "
		              "iconv -f UTF-16 -t UTF-8"));
	return 0;
}

static void cleanup(struct rd *r)
{
	csv_free(&r->p);
	free(r->buf);
	free(r->off);
	free(r->flen);
	free(r->num);
	for (int i = 0; r->colname && i < r->ncols; i++)
		free(r->colname[i]);
	free(r->colname);
	free(r->field_of);
	free(r->col_used);
	free(r->warned);
	free(r->textcol);
	free(r->pfx);
	free(r->cellv);
	free(r->metacol);
	for (int i = 0; r->prev && i < r->ncols; i++)
		free(r->prev[i].text);
	free(r->prev);
	for (size_t i = 0; i < r->ncache; i++)
		free(r->cache[i].cell), free(r->cache[i].okt);
}

/* 1 if a column names a criterion of some set of a regime the file's dossiers use. */
static int known_column(const struct rd *r, const char *name)
{
	for (size_t k = 0; k < r->ncache; k++) {
		const struct ocop_regime *g = r->cache[k].regime;
		for (size_t s = 0; g && s < g->nsets; s++)
			if (ocop_set_find_leaf(&g->sets[s], name) >= 0)
				return 1;
	}
	return 0;
}

/* A criterion column that no set of the regimes in use knows is a typo in the header. (A column
 * of a set no product of this file uses is fine: a season's sheet may list them all.) */
static int check_columns(struct rd *r)
{

	for (int i = 0; i < r->ncols; i++) {
		if (r->field_of[i] >= 0 || i == r->col_criterion || i == r->col_points ||
		    r->col_used[i] || r->ncache == 0 || known_column(r, r->colname[i]))
			continue;
		if (i == r->spare_col)
			continue;
		unknown_criterion(r, i, r->cache[0].regime);
		return -1;
	}
	return 0;
}

/* The message about a field that is not UTF-8 gets what the file's encoding looks like. */
static void encoding_hint(struct rd *r, const char *chunk, size_t n)
{
	char sample[160], hint[512];
	int e = ocop_encoding_guess(chunk, n, NULL, 0);
	size_t len = strlen(r->err->msg);

	if (e == OCOP_ENC_VNI)
		snprintf(hint, sizeof hint, _(": it looks like VNI. %s"), ocop_encoding_explain_vni());
	else if (e != OCOP_ENC_NONE && ocop_encoding_decode(e, r->bad, r->nbad, sample,
	                                                   sizeof sample) == 0)
		snprintf(hint, sizeof hint, _(": the file looks like %s (the field reads \"%.80s\"): give "
		                              "--encoding %s"), ocop_encoding_label(e), sample,
		         ocop_encoding_option(e));
	else
		snprintf(hint, sizeof hint, "%s", _(" (save the file as CSV UTF-8, or name its encoding "
		                                    "with --encoding, e.g. cp1258, tcvn3, viscii)"));
	snprintf(r->err->msg + len, sizeof r->err->msg - len, "%s", hint);
}

int ocop_read_csv(struct ocop_batch *b, FILE *f, const char *name, struct ocop_err *err)
{
	return ocop_read_csv_with(b, f, name, NULL, err);
}

int ocop_read_csv_with(struct ocop_batch *b, FILE *f, const char *name,
                       const struct ocop_reading *how, struct ocop_err *err)
{
	struct rd r = {.b = b, .name = name, .err = err, .line = 1, .rec_line = 1,
	               .spare_col = -1, .member_col = -1, .warnings = how ? how->warnings : NULL,
	               .delim = how ? how->delimiter : 0};
	char *chunk = malloc(CHUNK);
	size_t n, skip;
	int first = 1;

	r.spans = malloc((OCOP_MAX_COLUMNS + 1) * sizeof *r.spans);
	if (!chunk || !r.spans || csv_init(&r.p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
		free(chunk);
		free(r.spans);
		return ocop_err_set(err, OCOP_ENOMEM, name, 0, 0, NULL, "out of memory");
	}
	csv_set_space_func(&r.p, no_space);
	r.lines = (struct csv_lines){&r.p,   OCOP_MAX_FIELD, on_field, on_record, &r, 0, 0, 0, ',',
	                             on_line, r.spans, OCOP_MAX_COLUMNS + 1, on_plain,
	                             how && how->libcsv_only};
	while (!r.fatal && (n = fread(chunk, 1, CHUNK, f)) > 0) {
		if (first && check_start(&r, (unsigned char *)chunk, n, &skip) < 0)
			break;
		if (first && !r.delim) {
			r.delim = csv_detect_delim(chunk + skip, n - skip);
			r.delim_detected = 1;
		}
		if (first) {
			csv_set_delim(&r.p, r.delim);
			r.lines.delim = r.delim;
		}
		feed_lines(&r, chunk + (first ? skip : 0), n - (first ? skip : 0));
		if (r.fatal && r.nbad)
			encoding_hint(&r, chunk, n);
		first = 0;
	}
	if (!r.fatal && ferror(f))
		ocop_err_set(err, OCOP_EIO, name, 0, 0, NULL, "read error: %s", ocop_strerror(errno)),
		r.fatal = 1;
	if (!r.fatal && csv_fini(&r.p, on_field, on_record, &r) != 0)
		fail(&r, OCOP_ESYNTAX, r.rec_line, 0, NULL,
		     _("malformed CSV: a quoted field is not closed before the end of the file"));
	if (!r.fatal && r.record == 0)
		fail(&r, OCOP_ESYNTAX, 0, 0, NULL, _("empty file (expected a header line)"));
	if (!r.fatal && r.record == 1)
		fail(&r, OCOP_ESYNTAX, 1, 0, NULL, _("no records after the header"));
	if (!r.fatal)
		check_columns(&r);
	free(chunk);
	free(r.spans);
	cleanup(&r);
	return r.fatal ? -1 : 0;
}
