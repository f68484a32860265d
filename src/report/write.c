/* Score writers: table, CSV, JSON, NDJSON. */
#include "ocop/write.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "markhead.h"
#include "ocop/book.h"
#include "ocop/i18n.h"
#include "ocop/text.h"

#define NCOLS 10

/* What the CSV rows keep from product to product for their reasons, in one language: the marks'
 * texts, a text to build one in, and each band's words ("band 3★"). */
struct reason_keep {
	struct mark_heads *heads;   /* NULL: made every time */
	struct sb scratch;
	struct sb band[OCOP_MAX_STARS + 1];
	struct sb_tpl rescore, more[2]; /* the reasons' sentences, split once (more: one more, more) */
	/* A mark's text the row holds already (csv_row's failed marks), for the reason to copy:
	 * made is NULL when none. */
	const struct ocop_mark_eval *made;
	size_t made_at, made_len, blocking;    /* blocking: the failed marks at the blocking star */
	const struct sb *made_in;
	int lang;
};

struct ocop_writer {
	FILE *f;
	int format, lang;
	int started;
	size_t count;
	char **cells;               /* table rows, NCOLS per row */
	int *right;                 /* right-aligned columns */
	size_t nrows, caprows;
	size_t tally[OCOP_MAX_STARS + 1], rescore, invalid, unrecognised, eliminated, unscored;
	struct sb row, why;         /* CSV: the row being assembled, and its reason */
	struct ocop_book *book;     /* XLSX: the workbook the rows go to (not owned) */
	int failed;                 /* out of memory while assembling */
	size_t columns;             /* the terminal's width, 0 if not known */
	int color;                  /* ANSI colours for stars and statuses */
	struct reason_keep keep;    /* CSV: the marks' texts made so far (keep.heads NULL: none) */
	const struct ocop_regime *parts_of;   /* CSV: the regime part_at is of */
	int part_at[3];             /* its parts A, B and C (-1: none) */
};

/* The table's headings; the parts' ids are not words. */
static const char *const head_words[NCOLS] = {
	/* TRANSLATORS: short headings of the score table (Mem: the number of members). */
	N_("Product"), N_("Name"), N_("Set"), N_("Mem"), "A", "B", "C", N_("Total"), N_("Stars"),
	N_("Note")};
static const int right_col[NCOLS] = {0, 0, 0, 1, 1, 1, 1, 1, 0, 0};

int ocop_out_format_parse(const char *s)
{
	static const char *const names[] = {"table", "csv", "json", "ndjson", "xlsx", "html"};

	for (int i = 0; i < 6; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

int ocop_writer_new(struct ocop_writer **out, FILE *f, int format, int lang)
{
	struct ocop_writer *w = calloc(1, sizeof *w);

	*out = w;
	if (!w)
		return -1;
	w->f = f;
	w->format = format;
	w->lang = lang;
	w->keep.lang = OCOP_LANG_EN;
	return 0;
}

static const char *const csv_head[] = {
	"product_id", "product_name", "set", "regime", "criteria_hash", "level", "members", "part_a",
	"part_b", "part_c", "total", "band_stars", "stars", "recognised", "spread", "status",
	"failed_marks", "reason", "warnings"};

int ocop_writer_new_book(struct ocop_writer **out, struct ocop_book *book, int lang)
{
	if (ocop_writer_new(out, NULL, OCOP_OUT_XLSX, lang) < 0)
		return -1;
	(*out)->book = book;
	return ocop_book_sheet(book, "results", csv_head, sizeof csv_head / sizeof *csv_head);
}

/* The header is written with the first result (or at the end), so a run that fails before any
 * result prints nothing at all. */
static void start(struct ocop_writer *w)
{
	if (w->started++)
		return;
	if (w->format == OCOP_OUT_CSV)
		for (size_t i = 0; i < sizeof csv_head / sizeof *csv_head; i++) {
			fputs(csv_head[i], w->f);
			putc(i + 1 < sizeof csv_head / sizeof *csv_head ? ',' : '\n', w->f);
		}
	else if (w->format == OCOP_OUT_JSON)
		fputs("[", w->f);
}

void ocop_writer_free(struct ocop_writer *w)
{
	if (!w)
		return;
	for (size_t i = 0; i < w->nrows * NCOLS; i++)
		free(w->cells[i]);
	free(w->cells);
	sb_free(&w->row);
	sb_free(&w->why);
	mark_heads_free(w->keep.heads);
	sb_free(&w->keep.scratch);
	for (int i = 0; i <= OCOP_MAX_STARS; i++)
		sb_free(&w->keep.band[i]);
	free(w);
}

static const char *meta(const struct ocop_dossier *d, int f)
{
	return d->meta[f] ? d->meta[f] : "";
}

/* The part sum for a part id ("A"), or -1 if the regime has no such part. */
static long part_sum(const struct ocop_result *res, const char *id)
{
	for (size_t p = 0; res->regime && p < res->regime->nparts; p++)
		if (res->regime->parts[p].id[0] == id[0] &&
		    (!id[1] ? !res->regime->parts[p].id[1] : strcmp(res->regime->parts[p].id, id) == 0))
			return res->part_sum[p];
	return -1;
}

/* Appends a formatted message (a translated format: one sentence, never glued from pieces). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void sb_fmt(struct sb *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vfmt(b, fmt, ap);
	va_end(ap);
}

/* "4★ mark on 10 needs 2, has 1.67" (or in Vietnamese), has the mean as written. */
static void mark_make(struct sb *b, const struct ocop_set *s, const struct ocop_mark *mk,
                      const char *has, int lang)
{
	const char *id = ocop_set_leaf(s, (size_t)mk->leaf)->id;

	if (mk->above_zero)
		sb_fmt(b, ocop_lgettext(lang, "%d★ mark on %s needs more than 0, has %s"), mk->star, id,
		       has);
	else
		sb_fmt(b, ocop_lgettext(lang, "%d★ mark on %s needs %d, has %s"), mk->star, id,
		       mk->points, has);
}

/* mark_make's text, kept per mark and language around its mean in heads (NULL: made every time). */
static void mark_text(struct sb *b, struct mark_heads *heads, const struct ocop_result *res,
                      const struct ocop_mark_eval *e, int lang)
{
	mark_heads_put(heads, b, res, e, lang, mark_make);
}

/* Appends warning i of a result (the dossier's, then the set's unverified reconstruction);
 * returns 0 when there is no warning i. */
int ocop_result_warning(struct sb *b, const struct ocop_dossier *d, const struct ocop_result *res,
                   size_t i, int lang)
{
	int vi = lang == OCOP_LANG_VI;
	const struct ocop_set *s = res->set;

	if (i < d->nwarnings) {
		sb_puts(b, vi ? d->warning_vi[i] : d->warning_en[i]);
		return 1;
	}
	if (i > d->nwarnings || !s || !s->unverified_where)
		return 0;
	/* The where and what are the criteria file's words, in its two languages. */
	sb_fmt(b, ocop_lgettext(lang, "set %s, %s: unverified reconstruction: %s"), s->code,
	       s->unverified_where, vi ? s->unverified_vi : s->unverified_en);
	return 1;
}

/* b becomes the result's warnings in English, joined by "; " (the CSV and workbook cell). */
static void warnings_joined(struct sb *b, const struct ocop_dossier *d,
                            const struct ocop_result *res)
{
	b->len = 0;
	for (size_t i = 0; ocop_result_warning(b, d, res, i, OCOP_LANG_EN); i++)
		sb_puts(b, "; ");
	if (b->len)
		b->len -= 2;
}

/* "band 3★" in lang, kept per band when keep is in that language. */
static void band_words(struct sb *b, struct reason_keep *keep, int band, int lang)
{
	struct sb *k;

	if (!keep || keep->lang != lang || band < 0 || band > OCOP_MAX_STARS) {
		sb_fmt(b, ocop_lgettext(lang, "band %d★"), band);
		return;
	}
	k = &keep->band[band];
	if (!k->len) {
		sb_fmt(k, ocop_lgettext(lang, "band %d★"), band);
		if (k->failed) {
			b->failed = 1;
			return;
		}
	}
	sb_add(b, k->s, k->len);
}

/* The text of mark e: copied when the row holds it already (keep->made), else made. */
static void first_text(struct sb *b, const struct reason_keep *keep, struct mark_heads *heads,
                       const struct ocop_result *res, const struct ocop_mark_eval *e, int lang)
{
	if (keep && keep->made == e && keep->lang == lang)
		sb_add(b, keep->made_in->s + keep->made_at, keep->made_len);
	else
		mark_text(b, heads, res, e, lang);
}

/* keep: what is kept from product to product (NULL: nothing). */
static void reason(struct sb *b, struct reason_keep *keep, const struct ocop_dossier *d,
                   const struct ocop_result *res, int lang)
{
	struct mark_heads *heads = keep ? keep->heads : NULL;
	const struct ocop_mark_eval *first = NULL;
	size_t more = 0;

	if (res->status == OCOP_STATUS_UNSCORED) {
		sb_puts(b, ocop_lgettext(lang, "to be scored: no member's sheet yet"));
		return;
	}
	if (res->status == OCOP_STATUS_ELIMINATED) {
		/* The note states the rule ("Hồ sơ bị loại khi: …"): it is the reason as written. */
		const struct ocop_gate *g = &res->set->gates[res->eliminated];
		sb_puts(b, lang == OCOP_LANG_VI ? g->note_vi : g->note_en);
		return;
	}
	if (res->status == OCOP_STATUS_INVALID) {
		if (d->nerrors > 1)
			sb_fmt(b, ocop_lngettext(lang, "invalid: %s (and %lu more)",
			                         "invalid: %s (and %lu more)",
			                         (unsigned long)d->nerrors - 1),
			       ocop_dossier_error(d, lang), (unsigned long)d->nerrors - 1);
		else
			sb_fmt(b, ocop_lgettext(lang, "invalid: %s"), ocop_dossier_error(d, lang));
		return;
	}
	if (res->status == OCOP_STATUS_RESCORE) {
		if (keep && keep->lang == lang)
			sb_tplf(b, &keep->rescore, ocop_lgettext(lang, "re-score: spread %d > %d"),
			        res->spread, res->regime->spread_limit);
		else
			sb_fmt(b, ocop_lgettext(lang, "re-score: spread %d > %d"), res->spread,
			       res->regime->spread_limit);
	}
	if (res->stars >= res->band)
		return;
	if (b->len)
		sb_puts(b, "; ");
	band_words(b, keep, res->band, lang);
	if (keep && keep->made) {   /* (csv_row found them) */
		first = keep->made;
		more = keep->blocking;
	} else {
		for (size_t k = 0; k < res->nfailed; k++) {     /* (the failed marks to report) */
			const struct ocop_mark_eval *e = &res->marks[res->failed[k]];
			if (e->mark->star != res->blocking_star)
				continue;
			if (more++ == 0)
				first = e;
		}
	}
	if (!first)
		return;
	sb_puts(b, "; ");
	if (more > 1) {
		struct sb own = {0}, *m = keep ? &keep->scratch : &own;
		const char *fmt = ocop_lngettext(lang, "%s (+%lu more)", "%s (+%lu more)",
		                                 (unsigned long)more - 1);
		struct sb_tpl *t = keep ? &keep->more[more > 2] : NULL;
		if (t && keep->lang == lang && sb_tpl_split(t, fmt) == 2 && t->conv[0] == 's' &&
		    t->conv[1] == 'L') {
			/* the sentence around the mark's text, written in place */
			sb_tpl_text(b, t, 0);
			first_text(b, keep, heads, res, first, lang);
			sb_tpl_text(b, t, 1);
			sb_int(b, (long)more - 1);
			sb_tpl_text(b, t, 2);
			return;
		}
		m->len = 0;
		first_text(m, keep, heads, res, first, lang);
		sb_fmt(b, fmt, sb_str(m), (unsigned long)more - 1);
		if (m->failed)
			b->failed = 1;
		sb_free(&own);
	} else {
		first_text(b, keep, heads, res, first, lang);
	}
}

/* One row of the results sheet: the CSV row's values, numbers as numbers. */
static void xlsx_row(struct ocop_writer *w, const struct ocop_dossier *d,
                     const struct ocop_result *res)
{
	struct ocop_book *b = w->book;
	struct sb *why = &w->why;
	const char *parts[] = {"A", "B", "C"};
	int ok = res->status != OCOP_STATUS_INVALID || res->eliminated >= 0, nfailed = 0;

	ocop_book_str(b, meta(d, OCOP_F_PRODUCT_ID));
	ocop_book_str(b, meta(d, OCOP_F_PRODUCT_NAME));
	ocop_book_str(b, res->set ? res->set->code : "");
	ocop_book_str(b, res->regime ? res->regime->id : "");
	ocop_book_str(b, res->regime ? res->regime->hash : "");
	ocop_book_str(b, meta(d, OCOP_F_LEVEL));
	ocop_book_num(b, (double)d->nmembers);
	for (int p = 0; p < 3; p++) {
		long s = ok ? part_sum(res, parts[p]) : -1;
		if (s >= 0)
			ocop_book_mean(b, s, res->n);
		else
			ocop_book_blank(b);
	}
	if (ok) {
		ocop_book_mean(b, res->total_sum, res->n);
		ocop_book_num(b, res->band);
		ocop_book_num(b, res->stars);
		ocop_book_str(b, res->recognised ? "yes" : "no");
		ocop_book_num(b, res->spread);
	} else {
		for (int i = 0; i < 3; i++)
			ocop_book_blank(b);
		ocop_book_str(b, "no");
		ocop_book_blank(b);
	}
	ocop_book_str(b, ocop_status_name(res->status));
	why->len = 0;
	for (size_t k = 0; k < res->nfailed; k++) {     /* (ocop_result_mark_relevant's) */
		if (nfailed++)
			sb_puts(why, "; ");
		mark_text(why, NULL, res, &res->marks[res->failed[k]], OCOP_LANG_EN);
	}
	ocop_book_str(b, sb_str(why));
	why->len = 0;
	reason(why, NULL, d, res, OCOP_LANG_EN);
	ocop_book_str(b, sb_str(why));
	warnings_joined(why, d, res);
	ocop_book_str(b, sb_str(why));
	ocop_book_row(b);
	if (why->failed)
		w->failed = 1;
}

void ocop_result_reason(char *buf, size_t size, const struct ocop_dossier *d,
                        const struct ocop_result *res, int lang)
{
	struct sb b = {0};

	reason(&b, NULL, d, res, lang);
	snprintf(buf, size, "%s", sb_str(&b));
	sb_free(&b);
}

/* One CSV row per product, assembled in w->row and written at once. */
static void csv_row(struct ocop_writer *w, const struct ocop_dossier *d,
                    const struct ocop_result *res)
{
	struct sb *b = &w->row, *why = &w->why;
	const char *parts[] = {"A", "B", "C"};
	int ok = res->status != OCOP_STATUS_INVALID && res->status != OCOP_STATUS_UNSCORED, nfailed = 0;

	b->len = why->len = 0;
	if (!w->keep.heads)
		w->keep.heads = mark_heads_new();   /* (keep.lang: English, the CSV's language) */
	sb_csv_short(b, meta(d, OCOP_F_PRODUCT_ID));
	sb_putc(b, ',');
	sb_csv(b, meta(d, OCOP_F_PRODUCT_NAME));
	sb_putc(b, ',');
	if (res->set)
		sb_puts(b, res->set->code);
	else
		sb_csv(b, meta(d, OCOP_F_SET));    /* as given, when it names no set of the regime */
	sb_putc(b, ',');
	sb_puts(b, res->regime ? res->regime->id : "");
	sb_putc(b, ',');
	sb_puts(b, res->regime ? res->regime->hash : "");
	sb_putc(b, ',');
	sb_csv(b, meta(d, OCOP_F_LEVEL));
	sb_putc(b, ',');
	sb_int(b, (long)d->nmembers);
	sb_putc(b, ',');
	/* part_sum's, found once per regime */
	if (ok && res->regime && res->regime != w->parts_of) {
		w->parts_of = res->regime;
		for (int p = 0; p < 3; p++) {
			w->part_at[p] = -1;
			for (size_t q = 0; q < res->regime->nparts; q++)
				if (strcmp(res->regime->parts[q].id, parts[p]) == 0) {
					w->part_at[p] = (int)q;
					break;
				}
		}
	}
	for (int p = 0; p < 3; p++) {
		long sum = ok && res->regime && w->part_at[p] >= 0 ? res->part_sum[w->part_at[p]] : -1;
		if (sum >= 0)
			sb_mean(b, sum, res->n);
		sb_putc(b, ',');
	}
	if (ok) {
		sb_mean(b, res->total_sum, res->n);
		sb_putc(b, ',');
		sb_int(b, res->band);
		sb_putc(b, ',');
		sb_int(b, res->stars);
		sb_puts(b, res->recognised ? ",yes," : ",no,");
		sb_int(b, res->spread);
		sb_putc(b, ',');
	} else {
		sb_puts(b, ",,,no,,");
	}
	sb_puts(b, ocop_status_name(res->status));
	sb_putc(b, ',');
	/* The marks contain commas: the cell is quoted, and they contain no quote. (res->failed:
	 * the marks ocop_result_mark_relevant tells.) */
	w->keep.made = NULL;
	w->keep.blocking = 0;
	for (size_t k = 0; k < res->nfailed; k++) {
		const struct ocop_mark_eval *e = &res->marks[res->failed[k]];
		size_t at;
		sb_puts(b, nfailed++ ? "; " : "\"");
		at = b->len;
		mark_text(b, w->keep.heads, res, e, OCOP_LANG_EN);
		if (e->mark->star == res->blocking_star && !w->keep.blocking++) {
			/* the reason's first mark (the first failed at the blocking star) */
			w->keep.made = e;
			w->keep.made_at = at;
			w->keep.made_len = b->len - at;
			w->keep.made_in = b;
		}
	}
	sb_puts(b, nfailed ? "\"," : ",");
	reason(why, &w->keep, d, res, OCOP_LANG_EN);
	w->keep.made = NULL;
	sb_csv(b, sb_str(why));
	sb_putc(b, ',');
	/* (No warning: the dossier has none and its set is verified, ocop_result_warning's test.) */
	if (d->nwarnings || (res->set && res->set->unverified_where)) {
		warnings_joined(why, d, res);
		sb_csv(b, sb_str(why));
	}
	sb_putc(b, '\n');
	if (b->failed || why->failed)
		w->failed = 1;
	else
		fwrite(b->s, 1, b->len, w->f);
}

/* The reason as the JSON writers give it: cut to 599 bytes (ocop_result_reason's buffer). */
#define JSON_REASON 600

/* One score result as a JSON object, assembled in b (why: room for its texts; keep: what is kept
 * from product to product, or NULL). */
static void json_result(struct sb *b, struct sb *why, struct reason_keep *keep,
                        const struct ocop_dossier *d, const struct ocop_result *res)
{
	static const char *const keys[] = {",\"part_a\":", ",\"part_b\":", ",\"part_c\":"};
	const char *parts[] = {"A", "B", "C"};
	int ok = res->status != OCOP_STATUS_INVALID && res->status != OCOP_STATUS_UNSCORED, first = 1;

	sb_puts(b, "{\"product_id\":");
	sb_json(b, d->meta[OCOP_F_PRODUCT_ID]);
	sb_puts(b, ",\"product_name\":");
	sb_json(b, d->meta[OCOP_F_PRODUCT_NAME]);
	sb_puts(b, ",\"set\":");
	sb_json(b, res->set ? res->set->code : d->meta[OCOP_F_SET]);
	sb_puts(b, ",\"regime\":");
	sb_json(b, res->regime ? res->regime->id : NULL);
	sb_puts(b, ",\"criteria_hash\":");
	sb_json(b, res->regime ? res->regime->hash : NULL);
	sb_puts(b, ",\"level\":");
	sb_json(b, d->meta[OCOP_F_LEVEL]);
	sb_puts(b, ",\"members\":");
	sb_int(b, (long)d->nmembers);
	for (int p = 0; p < 3; p++) {
		long sum = ok ? part_sum(res, parts[p]) : -1;
		sb_puts(b, keys[p]);
		if (sum >= 0)
			sb_mean(b, sum, res->n);
		else
			sb_puts(b, "null");
	}
	sb_puts(b, ",\"total\":");
	if (ok) {
		sb_mean(b, res->total_sum, res->n);
		sb_puts(b, ",\"band_stars\":");
		sb_int(b, res->band);
		sb_puts(b, ",\"stars\":");
		sb_int(b, res->stars);
		sb_puts(b, res->recognised ? ",\"recognised\":true,\"spread\":"
		                           : ",\"recognised\":false,\"spread\":");
		sb_int(b, res->spread);
	} else {
		sb_puts(b, "null,\"band_stars\":null,\"stars\":null,\"recognised\":false,\"spread\":null");
	}
	sb_puts(b, ",\"status\":\"");
	sb_puts(b, ocop_status_name(res->status));
	sb_puts(b, "\",\"failed_marks\":[");
	for (size_t k = 0; k < res->nfailed; k++) {     /* (ocop_result_mark_relevant's) */
		const struct ocop_mark_eval *e = &res->marks[res->failed[k]];
		sb_puts(b, first ? "{\"star\":" : ",{\"star\":");
		sb_int(b, e->mark->star);
		sb_puts(b, ",\"criterion\":");
		sb_json(b, ocop_set_leaf(res->set, (size_t)e->mark->leaf)->id);
		sb_puts(b, e->mark->above_zero ? ",\"rule\":\"above\",\"needs\":"
		                               : ",\"rule\":\"at_least\",\"needs\":");
		sb_int(b, e->mark->points);
		sb_puts(b, ",\"has\":");
		sb_mean(b, e->sum, res->n);
		sb_putc(b, '}');
		first = 0;
	}
	sb_puts(b, "],\"gates\":[");
	first = 1;
	for (size_t g = 0; res->set && res->gate_hits && g < res->set->ngates; g++) {
		if (!res->gate_hits[g])
			continue;
		sb_puts(b, first ? "{\"kind\":" : ",{\"kind\":");
		sb_json(b, res->set->gates[g].kind);
		sb_puts(b, ",\"members\":");
		sb_int(b, res->gate_hits[g]);
		sb_putc(b, '}');
		first = 0;
	}
	sb_puts(b, "],\"reason\":");
	why->len = 0;
	reason(why, keep, d, res, OCOP_LANG_EN);
	sb_json_n(b, sb_str(why), why->len < JSON_REASON - 1 ? why->len : JSON_REASON - 1);
	sb_puts(b, ",\"warnings\":[");
	for (size_t i = 0;; i++) {
		why->len = 0;
		if (!ocop_result_warning(why, d, res, i, OCOP_LANG_EN))
			break;
		if (i)
			sb_putc(b, ',');
		sb_json(b, sb_str(why));
	}
	sb_puts(b, "]}");
	if (why->failed)
		b->failed = 1;
}

int emit_result_json(FILE *f, const struct ocop_dossier *d, const struct ocop_result *res)
{
	struct sb b = {0}, why = {0};
	int rc = 0;

	json_result(&b, &why, NULL, d, res);
	if (b.failed)
		rc = -1;
	else
		fwrite(b.s, 1, b.len, f);
	sb_free(&b);
	sb_free(&why);
	return rc;
}

static char *dup(const char *s)
{
	return strdup(s ? s : "");
}

/* The note column: the reason, then the first warning (and how many more). keep: what is kept
 * from product to product (its marks' texts serve any language; the rest only its own). */
static char *table_note(struct reason_keep *keep, const struct ocop_dossier *d,
                        const struct ocop_result *res, int lang)
{
	struct sb b = {0}, w = {0};
	size_t more = 0;
	char *s;

	reason(&b, keep, d, res, lang);
	if (ocop_result_warning(&w, d, res, 0, lang)) {
		struct sb x = {0};
		while (ocop_result_warning(&x, d, res, more + 1, lang))
			x.len = 0, more++;
		sb_puts(&b, b.len ? "; " : "");
		if (more)
			sb_fmt(&b, ocop_lngettext(lang, "warning: %s (+%lu more)", "warning: %s (+%lu more)",
			                          (unsigned long)more), sb_str(&w), (unsigned long)more);
		else
			sb_fmt(&b, ocop_lgettext(lang, "warning: %s"), sb_str(&w));
		if (x.failed)
			b.failed = 1;
		sb_free(&x);
	}
	s = b.failed || w.failed ? NULL : dup(sb_str(&b));
	sb_free(&b);
	sb_free(&w);
	return s;
}

static int table_row(struct ocop_writer *w, const struct ocop_dossier *d,
                     const struct ocop_result *res)
{
	const char *parts[] = {"A", "B", "C"};
	char buf[640], **row;
	int ok = res->status != OCOP_STATUS_INVALID && res->status != OCOP_STATUS_UNSCORED;

	if (w->nrows == w->caprows) {
		size_t cap = w->caprows ? w->caprows * 2 : 64;
		char **c = realloc(w->cells, cap * NCOLS * sizeof *c);
		if (!c)
			return -1;
		w->cells = c;
		w->caprows = cap;
	}
	row = w->cells + w->nrows++ * NCOLS;
	row[0] = dup(d->meta[OCOP_F_PRODUCT_ID]);
	row[1] = dup(d->meta[OCOP_F_PRODUCT_NAME]);
	row[2] = dup(res->set ? res->set->code : d->meta[OCOP_F_SET]);
	snprintf(buf, sizeof buf, "%zu", d->nmembers);
	row[3] = dup(buf);
	for (int p = 0; p < 3; p++) {
		long s = ok ? part_sum(res, parts[p]) : -1;
		buf[0] = '\0';
		if (s >= 0)
			ocop_format_mean(buf, sizeof buf, s, res->n);
		row[4 + p] = dup(buf);
	}
	buf[0] = '\0';
	if (ok)
		ocop_format_mean(buf, sizeof buf, res->total_sum, res->n);
	row[7] = dup(buf);
	buf[0] = '\0';
	for (int s = 0; ok && s < res->stars; s++)
		strcat(buf, "★");
	row[8] = dup(buf);
	if (!w->keep.heads)
		w->keep.heads = mark_heads_new();
	row[9] = table_note(&w->keep, d, res, w->lang);
	for (int i = 0; i < NCOLS; i++)
		if (!row[i])
			return -1;
	return 0;
}

/* One JSON object per product (after ",\n" in an array, before "\n" in NDJSON), assembled in
 * w->row and written at once. */
static void json_row(struct ocop_writer *w, const struct ocop_dossier *d,
                     const struct ocop_result *res)
{
	struct sb *b = &w->row;

	b->len = 0;
	if (!w->keep.heads)
		w->keep.heads = mark_heads_new();   /* (keep.lang: English, the JSON's language) */
	if (w->format == OCOP_OUT_JSON)
		sb_puts(b, w->count ? ",\n" : "\n");
	json_result(b, &w->why, &w->keep, d, res);
	if (w->format == OCOP_OUT_NDJSON)
		sb_putc(b, '\n');
	if (b->failed)
		w->failed = 1;
	else
		fwrite(b->s, 1, b->len, w->f);
}

static void tally(struct ocop_writer *w, const struct ocop_result *res)
{
	if (res->status == OCOP_STATUS_INVALID) {
		w->invalid++;
		return;
	}
	if (res->status == OCOP_STATUS_ELIMINATED) {
		w->eliminated++;
		return;
	}
	if (res->status == OCOP_STATUS_UNSCORED) {
		w->unscored++;
		return;
	}
	if (res->status == OCOP_STATUS_RESCORE) {
		w->rescore++;
		return;
	}
	if (res->recognised)
		w->tally[res->stars]++;
	else
		w->unrecognised++;
}

int ocop_writer_score(struct ocop_writer *w, const struct ocop_dossier *d,
                      const struct ocop_result *res)
{
	start(w);
	tally(w, res);
	switch (w->format) {
	case OCOP_OUT_CSV:
		csv_row(w, d, res);
		break;
	case OCOP_OUT_JSON:
	case OCOP_OUT_NDJSON:
		json_row(w, d, res);
		break;
	case OCOP_OUT_XLSX:
		xlsx_row(w, d, res);
		break;
	default:
		if (table_row(w, d, res) < 0)
			return -1;
	}
	w->count++;
	return (w->f && ferror(w->f)) || w->failed ? -1 : 0;
}

void ocop_writer_set_table(struct ocop_writer *w, size_t columns, int color)
{
	w->columns = columns;
	w->color = color;
}

/* The colour of a cell, or NULL: stars in yellow (dim when not recognised), notes of re-scoring in
 * yellow and of invalid or eliminated dossiers in red. */
static const char *cell_color(const char *const *cells, int c)
{
	size_t stars = c == 8 ? ocop_text_width(cells[8]) : 0;

	if (c == 8 && *cells[8])
		return stars >= 3 ? "\033[1;33m" : "\033[2;33m";
	if (c == 9 && (strstr(cells[9], "chấm lại") || strstr(cells[9], "re-scor")))
		return "\033[33m";
	if (c == 9 && (strstr(cells[9], "không hợp lệ") || strstr(cells[9], "invalid") ||
	               strstr(cells[9], "loại") || strstr(cells[9], "eliminat")))
		return "\033[31m";
	return NULL;
}

static void print_cell(FILE *f, const char *s, size_t width, int right, int last,
                       const char *color)
{
	size_t used = ocop_text_width(s);

	if (right)
		emit_pad(f, used, width);
	if (color)
		fputs(color, f);
	fputs(s, f);
	if (color)
		fputs("\033[0m", f);
	if (!right && !last)
		emit_pad(f, used, width);
}

/* One table line; an empty note leaves no trailing blanks. */
static void print_row(FILE *f, const char *const *cells, const size_t *width, int color)
{
	for (int c = 0; c < NCOLS; c++) {
		if (c == NCOLS - 1 && !*cells[c])
			break;
		if (c)
			fputs("  ", f);
		print_cell(f, cells[c], width[c], right_col[c],
		           c == NCOLS - 1 || (c == NCOLS - 2 && !*cells[NCOLS - 1]),
		           color ? cell_color(cells, c) : NULL);
	}
	putc('\n', f);
}

static void print_table(struct ocop_writer *w)
{
	const char *head[NCOLS];
	size_t width[NCOLS], others = 0;
	enum ocop_lang lang = w->lang == OCOP_LANG_VI ? OCOP_LANG_VI : OCOP_LANG_EN;

	for (int c = 0; c < NCOLS; c++)
		head[c] = c >= 4 && c <= 6 ? head_words[c] : ocop_lgettext(lang, head_words[c]);

	for (int c = 0; c < NCOLS; c++)
		width[c] = ocop_text_width(head[c]);
	for (size_t r = 0; r < w->nrows; r++)
		for (int c = 0; c < NCOLS; c++) {
			size_t wd = ocop_text_width(w->cells[r * NCOLS + c]);
			if (wd > width[c])
				width[c] = wd;
		}
	for (int c = 0; c < NCOLS - 1; c++)
		others += c == 1 ? 2 : width[c] + 2;
	width[1] = ocop_text_name_cols(width[1], others, w->columns);
	if (width[1] < ocop_text_width(head[1]))
		width[1] = ocop_text_width(head[1]);
	for (size_t r = 0; r < w->nrows; r++) {  /* shorten long names, keeping whole characters */
		char **row = w->cells + r * NCOLS, *cut;
		size_t size = strlen(row[1]) + 4;   /* room for the "…" */
		if (ocop_text_width(row[1]) > width[1] && (cut = malloc(size))) {
			ocop_text_ellipsis(cut, size, row[1], width[1]);
			free(row[1]);
			row[1] = cut;
		}
	}
	print_row(w->f, head, width, 0);
	for (size_t r = 0; r < w->nrows; r++)
		print_row(w->f, (const char *const *)w->cells + r * NCOLS, width, w->color);
	putc('\n', w->f);
	fprintf(w->f, ocop_lngettext(lang, "%zu product: %zu ★★★★★, %zu ★★★★, %zu ★★★, %zu not "
	                                   "recognised (below 3★)",
	                             "%zu products: %zu ★★★★★, %zu ★★★★, %zu ★★★, %zu not "
	                             "recognised (below 3★)", w->count),
	        w->count, w->tally[5], w->tally[4], w->tally[3], w->unrecognised);
	if (w->eliminated)
		fprintf(w->f, ocop_lgettext(lang, "; %zu eliminated"), w->eliminated);
	fprintf(w->f, ocop_lngettext(lang, "; %zu needs re-scoring", "; %zu need re-scoring",
	                             w->rescore), w->rescore);
	fprintf(w->f, ocop_lgettext(lang, "; %zu invalid"), w->invalid);
	if (w->unscored)
		fprintf(w->f, ocop_lgettext(lang, "; %zu to be scored"), w->unscored);
	putc('\n', w->f);
}

int ocop_writer_finish(struct ocop_writer *w)
{
	if (w->format == OCOP_OUT_XLSX)
		return w->failed ? -1 : 0;
	start(w);
	if (w->format == OCOP_OUT_JSON)
		fputs(w->count ? "\n]\n" : "]\n", w->f);
	else if (w->format == OCOP_OUT_TABLE)
		print_table(w);
	return ferror(w->f) ? -1 : 0;
}
