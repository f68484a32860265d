/* ocop/text.h — UTF-8 text helpers: validation, normalisation, display width, dates.
 *
 * Functions returning char * return malloc'ed strings the caller frees. */
#ifndef OCOP_TEXT_H
#define OCOP_TEXT_H

#include <stddef.h>

/* 1 if s[0..len) is well-formed UTF-8 (no overlongs, no surrogates). */
int ocop_utf8_valid(const char *s, size_t len);
/* Offset of the first byte that is not well-formed UTF-8, or len when all of it is. */
size_t ocop_utf8_check(const char *s, size_t len);
/* -1 if s[0..len) holds a NUL byte, else 1 if it holds a byte above 0x7F, else 0 (plain ASCII). */
int ocop_text_scan(const void *s, size_t len);
/* What one pass over s[0..len) finds, as OCOP_LOOK_* bits (0: plain printable ASCII). It spares a
 * reader the separate passes of the checks it stands for; each bit is exact or errs on the side of
 * "look closer", as its comment says. */
enum {
	OCOP_LOOK_NUL = 1,          /* a NUL byte (exact; nothing else is then said) */
	OCOP_LOOK_NONASCII = 2,     /* a byte above 0x7F (exact) */
	OCOP_LOOK_BADUTF8 = 4,      /* not well-formed UTF-8, as ocop_utf8_valid says (exact) */
	OCOP_LOOK_CONTROL = 8,      /* a C0 control (line feed included), DEL, C1 control or
	                               bidirectional control: clear only when ocop_text_control finds
	                               none */
	OCOP_LOOK_NOTNFC = 16,      /* set exactly when ocop_text_is_nfc says "maybe not" */
	OCOP_LOOK_SUSPECT = 32      /* Latin-1 letters Vietnamese never writes: clear only when
	                               ocop_text_mojibake finds nothing */
};
int ocop_text_look(const void *s, size_t len);
/* Unicode NFC of a valid UTF-8 string; NULL when out of memory. */
char *ocop_text_nfc(const char *s);
/* 1 when s is certainly in NFC already (cheap check; 0 means "maybe not"). */
int ocop_text_is_nfc(const char *s);
/* Offset of the first character no dossier value may hold — a C0 or C1 control character, DEL, or
 * a bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069) — with its code point in
 * *cp; (size_t)-1 when there is none. newline_ok lets line feeds through (a line break typed in a
 * spreadsheet cell of a name). s is valid UTF-8. */
size_t ocop_text_control(const char *s, int newline_ok, unsigned long *cp);
/* s copied into out (size bytes, always terminated) with those characters, and bytes that are not
 * UTF-8, written as visible escapes (\x1b, \u202e); never cut inside a character or an escape.
 * For messages that must not reach a terminal raw. Returns out. */
char *ocop_text_visible(char *out, size_t size, const char *s);
/* Columns a terminal uses to show s: combining marks take none, wide characters two. */
size_t ocop_text_width(const char *s);
/* Byte length of the longest prefix of s that fits in `cols` columns. */
size_t ocop_text_fit(const char *s, size_t cols);
/* The width of a table's name column, one rule for every table: the longest name, at most 32
 * columns when the terminal's width is not known (columns 0), else at most what a terminal
 * `columns` wide leaves beside the other columns (`others` wide, gaps included, the last free-text
 * column not counted), and never below 8. A longer name is cut with "…" (ocop_text_ellipsis). */
size_t ocop_text_name_cols(size_t longest, size_t others, size_t columns);
/* s cut to cols columns, its last one "…", when it is wider (whole characters kept); in out. */
void ocop_text_ellipsis(char *out, size_t size, const char *s, size_t cols);
/* Vietnamese alphabetical order (a ă â b c d đ e ê …, letters before tones), for sorting names;
 * negative, zero or positive like strcmp, and zero only for identical strings. */
int ocop_text_collate(const char *a, const char *b);
/* The same order, prepared once per string for sorting: ocop_text_collate_key writes s's key to
 * out and returns its length when it fits in cap bytes; when not, it writes nothing and returns a
 * length that is enough. ocop_text_key_cmp(a, na, b, nb) of two keys is ocop_text_collate of their strings. */
size_t ocop_text_collate_key(char *out, size_t cap, const char *s);
int ocop_text_key_cmp(const char *a, size_t na, const char *b, size_t nb);
/* 1 if s is a real calendar date written YYYY-MM-DD. */
int ocop_date_valid(const char *s);
/* Days from 1970-01-01 to a valid date. */
long ocop_date_days(const char *ymd);
/* The date `days` after 1970-01-01, written YYYY-MM-DD into out. */
void ocop_date_from_days(char out[11], long days);
/* ymd plus whole months; a day past the new month's end becomes its last day (31 Jan + 1 month is
 * 28 or 29 Feb). */
void ocop_date_add_months(char out[11], const char *ymd, int months);

#endif
