/* html.h — the pieces every HTML page of ocop shares: escaping, the document head (charset, a
 * Content-Security-Policy that allows no script and nothing from outside, print CSS for A4), and
 * numbers in the C locale. Internal. */
#ifndef OCOP_HTML_H
#define OCOP_HTML_H

#include <stdio.h>

#include "ocop/criteria.h"

/* Writes s with &, <, >, " and ' escaped; control characters (not tab or line breaks) become
 * U+FFFD, which HTML allows where they are not. NULL writes nothing. */
void html_esc(FILE *f, const char *s);
/* Writes a formatted message with the whole text escaped (a translated sentence whose arguments
 * are numbers or user text: neither the message nor its arguments hold markup). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void html_printf(FILE *f, const char *fmt, ...);
/* Writes the doctype, head (title escaped, the shared CSS plus `css`) and opens body. */
void html_begin(FILE *f, int lang, const char *title, const char *css);
/* Closes body and html; returns -1 if a write failed. */
int html_end(FILE *f);
/* A sum over n members as a mean with two decimals. */
void html_mean(FILE *f, long sum, int n);
/* A string of `n` stars ("★★★"), or "—" for none. */
void html_stars(FILE *f, int n);

/* The official text of a criterion, section or option in the language asked: in Vietnamese the
 * decision's wording when the data has it (text_vi), else the short label. The forms print what
 * these return, so the source of the wording changes in one place. */
const char *html_criterion_text(const struct ocop_criterion *c, int lang);
const char *html_option_text(const struct ocop_option *o, int lang);
const char *html_section_text(const struct ocop_section *s, int lang);

/* Inline SVG, sized in millimetres with a viewBox in the same units. */
void svg_begin(FILE *f, double w, double h, const char *label);
void svg_end(FILE *f);
void svg_rect(FILE *f, double x, double y, double w, double h, const char *cls);
void svg_line(FILE *f, double x1, double y1, double x2, double y2, const char *cls);
/* Text anchored at (x, y); anchor is "start", "middle" or "end". The text is escaped. */
void svg_text(FILE *f, double x, double y, const char *anchor, const char *cls, const char *s);
void svg_circle(FILE *f, double cx, double cy, double r, const char *cls);

#endif
