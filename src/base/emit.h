/* emit.h — escaping for CSV and JSON output (internal). */
#ifndef OCOP_EMIT_H
#define OCOP_EMIT_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Writes s as a CSV field, quoted when it holds a comma, quote or line break. */
void emit_csv(FILE *f, const char *s);
/* CSV for spreadsheets (--bom): from now on emit_csv and sb_csv write a field that a spreadsheet
 * would take for a formula (it starts with = + - @ tab or CR and is not a number) with a leading '. */
void emit_csv_spreadsheet(int on);
/* 1 if s gets that leading ' (only while emit_csv_spreadsheet is on). */
int emit_csv_formula(const char *s);
/* Writes s as a JSON string, quotes included; NULL writes null. */
void emit_json(FILE *f, const char *s);
/* Writes ,"KEY_vi":VI,"KEY_en":EN — the two labels every criteria object carries. */
void emit_json_labels(FILE *f, const char *key, const char *vi, const char *en);
/* Writes an integer in the C locale. */
void emit_int(FILE *f, long v);
/* Writes a sum over n members as a JSON/CSV number with two decimals. */
void emit_mean(FILE *f, long sum, int n);
/* Pads with spaces to `cols` display columns after text of display width `used`. */
void emit_pad(FILE *f, size_t used, size_t cols);

/* Text built in memory that grows, for output assembled before it is written (one fwrite per row
 * instead of a stdio call per piece). `failed` is set when memory ran out; the text is then cut. */
struct sb {
	char *s;
	size_t len, cap;
	int failed;
};

/* Appends when the text outgrows its memory. */
void sb_grow_add(struct sb *b, const char *s, size_t n);

/* The appenders are inline: a row is dozens of short pieces, most of them literals. */
static inline void sb_add(struct sb *b, const char *s, size_t n)
{
	if (b->len + n < b->cap) {
		memcpy(b->s + b->len, s, n);
		b->len += n;
	} else {
		sb_grow_add(b, s, n);
	}
}

static inline void sb_puts(struct sb *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static inline void sb_putc(struct sb *b, char c)
{
	if (b->len + 1 < b->cap)
		b->s[b->len++] = c;
	else
		sb_grow_add(b, &c, 1);
}

/* Appends v in the C locale (sb_int_any: any v; sb_int: a digit in place). */
void sb_int_any(struct sb *b, long v);
static inline void sb_int(struct sb *b, long v)
{
	if (v >= 0 && v < 10 && b->len + 1 < b->cap)   /* a star, a band, a count */
		b->s[b->len++] = (char)('0' + v);
	else
		sb_int_any(b, v);
}
/* vsnprintf(buf, size, fmt, ap), writing %s, %d, %ld, %02ld, %lu, %zu and %% itself (rows and
 * reasons format a few short translated sentences for every product); anything else (a flag, a
 * width, a precision, an argument's position) goes to vsnprintf. */
int emit_vfmt(char *buf, size_t size, const char *fmt, va_list ap);
/* snprintf(buf, size, fmt, ...) through emit_vfmt. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
int emit_fmt(char *buf, size_t size, const char *fmt, ...);
/* Appends fmt with its arguments as vsnprintf writes them (through emit_vfmt). */
void sb_vfmt(struct sb *b, const char *fmt, va_list ap);
void sb_mean(struct sb *b, long sum, int n);

/* A constant format (a literal or a catalog's translation) split once at its conversions, for a
 * sentence written for every product: sb_tplf then appends it with no scan of the format. */
#define SB_TPL_CONV 4
struct sb_tpl {
	const char *fmt;            /* the format it was split from; NULL: none yet */
	int n;                      /* its conversions; -1 when sb_tplf hands it to sb_vfmt */
	char conv[SB_TPL_CONV];     /* 's', 'd', 'D' (%ld), 'Z' (%02ld), 'L' (%lu), 'z' (%zu), '%' */
	unsigned short at[SB_TPL_CONV + 1], len[SB_TPL_CONV + 1];  /* the text around them in fmt */
};
/* Splits fmt into t unless t holds it already; returns its conversions (t->conv), -1 when it has
 * one sb_tplf hands to sb_vfmt. */
int sb_tpl_split(struct sb_tpl *t, const char *fmt);
/* Appends the text of t's format before its conversion i (i = t->n: after the last). */
static inline void sb_tpl_text(struct sb *b, const struct sb_tpl *t, int i)
{
	sb_add(b, t->fmt + t->at[i], t->len[i]);
}
/* Appends fmt with its arguments, as sb_vfmt does; t keeps fmt split while fmt is the same
 * pointer (a format at another address is split again). fmt must not change under its address. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
void sb_tplf(struct sb *b, struct sb_tpl *t, const char *fmt, ...);
/* Appends s as a JSON string, as emit_json writes it (NULL: null); sb_json_n: its first n bytes. */
void sb_json(struct sb *b, const char *s);
void sb_json_n(struct sb *b, const char *s, size_t n);
/* Appends s as a CSV field, as emit_csv writes it. */
void sb_csv(struct sb *b, const char *s);
/* sb_csv for a text that is usually short (a product's id): up to 16 bytes copied one by one,
 * each looked up in a table, with no call; a longer text, or one to quote, goes to sb_csv. */
void sb_csv_short(struct sb *b, const char *s);
/* The text so far, NUL-terminated ("" when empty). */
const char *sb_str(struct sb *b);
void sb_free(struct sb *b);

struct ocop_dossier;
struct ocop_result;
/* Writes one score result as a JSON object (the objects of `ocop score --format json`); -1 when
 * out of memory (nothing written). */
int emit_result_json(FILE *f, const struct ocop_dossier *d, const struct ocop_result *res);
/* Appends warning i of a result (the dossier's, then its set's unverified reconstruction) in the
 * language; returns 0 when there is no warning i. */
int ocop_result_warning(struct sb *b, const struct ocop_dossier *d, const struct ocop_result *res,
                        size_t i, int lang);

#endif
