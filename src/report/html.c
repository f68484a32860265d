/* The shared parts of ocop's HTML pages. */
#include "html.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "ocop/score.h"
#include "ocop/version.h"
#include "ocop/write.h"

void html_esc(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		case '\t': case '\n': case '\r': putc(c, f); break;
		default:
			if (c < 0x20 || c == 0x7F)
				fputs("\xEF\xBF\xBD", f);
			else
				putc(c, f);
		}
	}
}

void html_printf(FILE *f, const char *fmt, ...)
{
	struct sb b = {0};
	va_list ap;

	va_start(ap, fmt);
	sb_vfmt(&b, fmt, ap);
	va_end(ap);
	html_esc(f, sb_str(&b));
	sb_free(&b);
}

/* A4 pages: headers of long tables repeat, each product starts a page, pages are numbered. */
static const char base_css[] =
	"@page{size:A4;margin:11mm 12mm 13mm 12mm;"
	"@bottom-center{content:counter(page) ' / ' counter(pages);font:8pt serif}}\n"
	"html{font-family:'Times New Roman','Liberation Serif','DejaVu Serif',serif;font-size:10pt;"
	"color:#000;background:#fff}\n"
	"body{margin:0 auto;max-width:190mm;padding:4mm}\n"
	"h1{font-size:14pt;text-align:center;margin:3mm 0}\n"
	"h2{font-size:12pt;margin:4mm 0 2mm}\n"
	"h3{font-size:10.5pt;margin:3mm 0 1.5mm}\n"
	"p{margin:1mm 0}\n"
	"table{border-collapse:collapse;width:100%;margin:1mm 0 2mm}\n"
	"th,td{border:0.2mm solid #444;padding:0.4mm 1mm;vertical-align:top}\n"
	"th{background:#e8eef5;font-weight:bold}\n"
	"thead{display:table-header-group}\n"
	"tr{break-inside:avoid}\n"
	".num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	".c{text-align:center}\n"
	".nw{white-space:nowrap}\n"
	"table.sum.dec{font-size:7pt}\n"
	".small{font-size:8pt}\n"
	".muted{color:#555}\n"
	".ok{color:#14602a}.bad{color:#a01818}\n"
	".page{break-before:page}\n"
	".keep{break-inside:avoid}\n"
	".grid{display:flex;gap:4mm;align-items:flex-start}\n"
	".grid>*{flex:1}\n"
	".official{display:flex;justify-content:space-between;text-align:center;font-size:10pt}\n"
	".official div{flex:1}\n"
	".official b{display:block}\n"
	".sig{display:flex;justify-content:space-between;text-align:center;margin-top:4mm}\n"
	".sig div{flex:1;min-height:21mm}\n"
	".sig b{display:block}\n"
	"dl.meta{display:grid;grid-template-columns:max-content auto;gap:0.5mm 3mm;margin:2mm 0}\n"
	"dl.meta dt{font-weight:bold}dl.meta dd{margin:0}\n"
	"table.crit td.lab{max-width:74mm;overflow:hidden;white-space:nowrap;"
	"text-overflow:ellipsis}\n"
	"table.crit{font-size:7.5pt}table.crit td,table.crit th{padding:0 0.8mm;line-height:1.15}\n"
	"tr.part td{background:#dde6f0;font-weight:bold}tr.sec td{background:#f2f2f2;"
	"font-weight:bold}\n"
	"svg{display:block;max-width:100%;height:auto}\n"
	"svg .bar{fill:#3b6ea5}svg .bar2{fill:#c9d6e6}svg .axis{stroke:#000;stroke-width:0.25}\n"
	"svg .grid{stroke:#bbb;stroke-width:0.15}svg .band{stroke:#a01818;stroke-width:0.35;"
	"stroke-dasharray:1 0.8}\n"
	"svg .dot{fill:#3b6ea5}svg .whisk{stroke:#3b6ea5;stroke-width:0.4}\n"
	"svg text{font-family:'Liberation Sans','DejaVu Sans',sans-serif;font-size:2.6px}\n"
	"svg .lbl{font-size:2.3px;fill:#333}svg .red{fill:#a01818}\n"
	"@media print{body{max-width:none;padding:0}a{color:#000;text-decoration:none}}\n";

void html_begin(FILE *f, int lang, const char *title, const char *css)
{
	fprintf(f, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
	        lang == OCOP_LANG_EN ? "en" : "vi");
	/* No script and nothing fetched: the page is one file and stays inert. */
	fputs("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
	      "script-src 'none'; style-src 'unsafe-inline'; img-src 'none'; font-src 'none'; "
	      "connect-src 'none'; form-action 'none'; base-uri 'none'\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", f);
	fprintf(f, "<meta name=\"generator\" content=\"ocop %s\">\n<title>", OCOP_VERSION);
	html_esc(f, title);
	fprintf(f, "</title>\n<style>\n%s%s</style>\n</head>\n<body>\n", base_css, css ? css : "");
}

int html_end(FILE *f)
{
	fputs("</body>\n</html>\n", f);
	return ferror(f) ? -1 : 0;
}

void html_mean(FILE *f, long sum, int n)
{
	char buf[32];

	ocop_format_mean(buf, sizeof buf, sum, n);
	fputs(buf, f);
}

void html_stars(FILE *f, int n)
{
	if (n <= 0)
		fputs("—", f);
	for (int i = 0; i < n; i++)
		fputs("★", f);
}

const char *html_criterion_text(const struct ocop_criterion *c, int lang)
{
	if (lang == OCOP_LANG_EN)
		return c->label_en;
	return c->text_vi ? c->text_vi : c->label_vi;
}

const char *html_option_text(const struct ocop_option *o, int lang)
{
	if (lang == OCOP_LANG_EN)
		return o->label_en;
	return o->text_vi ? o->text_vi : o->label_vi;
}

const char *html_section_text(const struct ocop_section *s, int lang)
{
	if (lang == OCOP_LANG_EN)
		return s->name_en;
	return s->text_vi ? s->text_vi : s->name_vi;
}

void svg_begin(FILE *f, double w, double h, const char *label)
{
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.1f %.1f\" "
	        "width=\"%.1fmm\" height=\"%.1fmm\" role=\"img\" aria-label=\"", w, h, w, h);
	html_esc(f, label);
	fputs("\">\n", f);
}

void svg_end(FILE *f)
{
	fputs("</svg>\n", f);
}

void svg_rect(FILE *f, double x, double y, double w, double h, const char *cls)
{
	fprintf(f, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" class=\"%s\"/>\n", x, y,
	        w, h, cls);
}

void svg_line(FILE *f, double x1, double y1, double x2, double y2, const char *cls)
{
	fprintf(f, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" class=\"%s\"/>\n", x1, y1,
	        x2, y2, cls);
}

void svg_text(FILE *f, double x, double y, const char *anchor, const char *cls, const char *s)
{
	fprintf(f, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"%s\"", x, y, anchor);
	if (cls && *cls)
		fprintf(f, " class=\"%s\"", cls);
	putc('>', f);
	html_esc(f, s);
	fputs("</text>\n", f);
}

void svg_circle(FILE *f, double cx, double cy, double r, const char *cls)
{
	fprintf(f, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" class=\"%s\"/>\n", cx, cy, r, cls);
}
