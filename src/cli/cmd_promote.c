/* ocop promote: the promotion stage after scoring. */
#include "rows.h"
#include "spreadsheet.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "emit.h"
#include "ocop/book.h"
#include "ocop/passthru.h"
#include "ocop/read.h"
#include "ocop/score.h"
#include "ocop/text.h"
#include "ocop/write.h"

/* The forwarded rows, sorted by product id, to look up while copying the inputs. */
struct keep_ctx {
	const struct row **fwd;
	struct ocop_intake *intake;   /* per forwarded row */
	char (*total)[16];            /* per forwarded row: its mean, for intake.prior_total */
	char *written;                /* per forwarded row: its intake record is out */
	size_t n;
};

static int by_id(const void *a, const void *b)
{
	return strcmp(rows_meta(*(const struct row *const *)a, OCOP_F_PRODUCT_ID),
	              rows_meta(*(const struct row *const *)b, OCOP_F_PRODUCT_ID));
}

/* A forwarded product's intake, once: its first record becomes the blank dossier. */
static const struct ocop_intake *keep_forwarded(void *ctx, const char *id)
{
	struct keep_ctx *k = ctx;
	struct row key = {.id = id};
	const struct row *pk = &key, **hit = bsearch(&pk, k->fwd, k->n, sizeof *k->fwd, by_id);
	size_t i;

	if (!hit || k->written[i = (size_t)(hit - k->fwd)])
		return NULL;
	k->written[i] = 1;
	return &k->intake[i];
}

/* The forwarded products as the next level's intake, in the inputs' own format. */
static int forwarded_only(struct cli *c, const struct rows *rs, char **files, int nfiles)
{
	struct keep_ctx k = {calloc(rs->n + 1, sizeof *k.fwd), calloc(rs->n + 1, sizeof *k.intake),
	                     calloc(rs->n + 1, sizeof *k.total), calloc(rs->n + 1, 1), 0};
	struct ocop_err err = {0};
	size_t count = 0;
	int fmt = -1, rc = 0;

	if (!k.fwd || !k.intake || !k.total || !k.written) {
		free(k.fwd);
		free(k.intake);
		free(k.total);
		free(k.written);
		fputs(_("ocop promote: out of memory while listing the forwarded products\n"), stderr);
		return EXIT_INPUT;
	}
	for (size_t i = 0; i < rs->n; i++)
		if (rs->v[i].decision == OCOP_FORWARD)
			k.fwd[k.n++] = &rs->v[i];
	qsort(k.fwd, k.n, sizeof *k.fwd, by_id);
	for (size_t i = 0; i < k.n; i++) {
		const struct row *r = k.fwd[i];
		struct ocop_intake *in = &k.intake[i];
		in->level = ocop_level_name(r->next_level);
		in->prior_level = ocop_level_name(r->dec_level);
		/* A level that only pre-checks (or a blank dossier) gives no score and no star. */
		if (!r->precheck && r->status == OCOP_STATUS_OK) {
			rows_mean(k.total[i], sizeof k.total[i], r, r->sum);
			in->prior_total = k.total[i];
			in->prior_stars = r->stars;
		}
	}
	for (int i = 0; i < nfiles && rc == 0; i++) {
		int f = c->input_format ? c->input_format : ocop_input_format_of(files[i]);
		if (f == OCOP_IN_AUTO)
			f = OCOP_IN_CSV;
		if (fmt >= 0 && f != fmt) {
			fputs(_("ocop promote: --forwarded-only needs inputs of one format\n"
			        "Try 'ocop promote --help'.\n"), stderr);
			rc = EXIT_USAGE;
		}
		fmt = f;
	}
	if (rc == 0 && fmt == OCOP_IN_JSON)
		fputs("[", c->out);
	for (int i = 0; i < nfiles && rc == 0; i++) {
		/* the input as cli_inputs_open opened it: never opened again by name */
		FILE *raw = cli_input_rewind(c, i), *in = raw;
		const char *name = strcmp(files[i], "-") == 0 ? "<stdin>" : files[i];
		struct decoder *dec = NULL;
		if (raw && c->encoding)   /* the intake is written in UTF-8, like every output */
			in = decoder_open(raw, c->encoding, c->encoding_label, &dec);
		if (!in) {
			fprintf(stderr, _("ocop: %s: cannot read again\n"), name);
			rc = EXIT_INPUT;
			break;
		}
		if ((fmt == OCOP_IN_CSV
		         ? ocop_passthru_csv(in, name, c->out, i == 0, keep_forwarded, &k, &err)
		         : ocop_passthru_json(in, name, fmt == OCOP_IN_NDJSON, c->out, &count,
		                              keep_forwarded, &k, &err)) < 0) {
			cli_print_err(&err);
			rc = EXIT_INPUT;
		}
		if (in != raw)
			fclose(in);
	}
	if (rc == 0 && fmt == OCOP_IN_JSON)
		fputs(count ? "\n]\n" : "]\n", c->out);
	free(k.fwd);
	free(k.intake);
	free(k.total);
	free(k.written);
	return rc;
}

/* A decision in the table's Decision column. */
static const char *decision_text(int d)
{
	switch (d) {
	case OCOP_CERTIFY: return C_("decision", "certify");
	case OCOP_FORWARD: return C_("decision", "forward");
	case OCOP_NOT_RECOGNISED: return C_("decision", "not recognised");
	case OCOP_HOLD: return C_("decision", "hold");
	case OCOP_RETURN: return C_("decision", "return");
	default: return "";
	}
}

/* The council's mean, or "" where there is none (invalid dossier; a level that gives no score). */
static void decision_mean(char *buf, size_t size, const struct row *r)
{
	if (r->precheck)
		buf[0] = '\0';
	else
		rows_mean(buf, size, r, r->sum);
}

static void policy_text(char *buf, size_t size, const struct ocop_policy *pol)
{
	buf[0] = '\0';
	if (pol->min_stars >= 0)
		snprintf(buf, size, "--min-stars %d", pol->min_stars);
	if (pol->min_total_centi >= 0)
		snprintf(buf + strlen(buf), size - strlen(buf), "%s--min-total %ld.%02ld",
		         *buf ? " " : "", pol->min_total_centi / 100, pol->min_total_centi % 100);
}

static void promote_json(FILE *f, const struct row *r, const struct ocop_policy *pol)
{
	char buf[32];

	fputs("{\"product_id\":", f);
	emit_json(f, r->id);
	fputs(",\"product_name\":", f);
	emit_json(f, r->name);
	fputs(",\"set\":", f);
	emit_json(f, r->set);
	fputs(",\"regime\":", f);
	emit_json(f, r->regime);
	fprintf(f, ",\"level\":\"%s\",\"decision\":\"%s\",\"stars\":", ocop_level_name(r->dec_level),
	        ocop_decision_name(r->decision));
	if (r->status == OCOP_STATUS_INVALID || r->status == OCOP_STATUS_UNSCORED || r->precheck)
		fputs("null", f);
	else
		fprintf(f, "%d", r->decision == OCOP_CERTIFY ? r->dec_stars : r->stars);
	fputs(",\"next_level\":", f);
	emit_json(f, r->next_level != OCOP_LEVEL_NONE ? ocop_level_name(r->next_level) : NULL);
	fputs(",\"total\":", f);
	decision_mean(buf, sizeof buf, r);
	fputs(*buf ? buf : "null", f);
	fputs(",\"reason\":", f);
	emit_json(f, r->reason);
	fputs(",\"policy\":{\"min_stars\":", f);
	if (pol->min_stars >= 0)
		fprintf(f, "%d", pol->min_stars);
	else
		fputs("null", f);
	fputs(",\"min_total\":", f);
	if (pol->min_total_centi >= 0)
		fprintf(f, "%ld.%02ld", pol->min_total_centi / 100, pol->min_total_centi % 100);
	else
		fputs("null", f);
	fputs("}}", f);
}

/* The CSV output's columns as a workbook, numbers as numbers. */
static int promote_xlsx(struct cli *c, const struct row *rows, size_t n,
                        const struct ocop_policy *pol)
{
	static const char *const head[] = {"product_id", "product_name", "set", "regime", "level",
	                                   "decision", "stars", "next_level", "total", "reason",
	                                   "policy"};
	struct ocop_book *b;
	char path[4096], pol_s[80];
	int rc = cli_book_open(c, &b, path, sizeof path);

	if (rc)
		return rc;
	policy_text(pol_s, sizeof pol_s, pol);
	ocop_book_sheet(b, "promote", head, sizeof head / sizeof *head);
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		ocop_book_str(b, rows_meta(r, OCOP_F_PRODUCT_ID));
		ocop_book_str(b, rows_meta(r, OCOP_F_PRODUCT_NAME));
		ocop_book_str(b, r->set);
		ocop_book_str(b, r->regime);
		ocop_book_str(b, ocop_level_name(r->dec_level));
		ocop_book_str(b, ocop_decision_name(r->decision));
		if (r->status != OCOP_STATUS_INVALID)
			ocop_book_num(b, r->decision == OCOP_CERTIFY ? r->dec_stars : r->stars);
		else
			ocop_book_blank(b);
		ocop_book_str(b, r->next_level != OCOP_LEVEL_NONE ? ocop_level_name(r->next_level) : "");
		if (r->status != OCOP_STATUS_INVALID)
			ocop_book_mean(b, r->sum, r->n);
		else
			ocop_book_blank(b);
		ocop_book_str(b, r->reason);
		ocop_book_str(b, pol_s);
		ocop_book_row(b);
	}
	return cli_book_close(c, b, path, 1);
}

/* One CSV row per product, assembled in memory and written at once. */
static int promote_csv(struct cli *c, const struct row *rows, size_t n,
                       const struct ocop_policy *pol)
{
	struct sb b = {0}, tail = {0};
	char pol_s[80];
	int rc = 0;

	policy_text(pol_s, sizeof pol_s, pol);
	/* every row ends with the policy */
	sb_putc(&tail, ',');
	sb_csv(&tail, pol_s);
	sb_putc(&tail, '\n');
	fputs("product_id,product_name,set,regime,level,decision,stars,next_level,total,"
	      "reason,policy\n", c->out);
	for (size_t i = 0; i < n && !tail.failed; i++) {
		const struct row *r = &rows[i];
		b.len = 0;
		sb_csv(&b, r->id);
		sb_putc(&b, ',');
		sb_csv(&b, r->name);
		sb_putc(&b, ',');
		if (r->set)
			sb_puts(&b, r->set);
		sb_putc(&b, ',');
		sb_puts(&b, r->regime);
		sb_putc(&b, ',');
		sb_puts(&b, ocop_level_name(r->dec_level));
		sb_putc(&b, ',');
		sb_puts(&b, ocop_decision_name(r->decision));
		sb_putc(&b, ',');
		if (r->status != OCOP_STATUS_INVALID && r->status != OCOP_STATUS_UNSCORED && !r->precheck)
			sb_int(&b, r->decision == OCOP_CERTIFY ? r->dec_stars : r->stars);
		sb_putc(&b, ',');
		sb_puts(&b, ocop_level_name(r->next_level));
		sb_putc(&b, ',');
		/* decision_mean's */
		if (!r->precheck && r->status != OCOP_STATUS_INVALID && r->status != OCOP_STATUS_UNSCORED)
			sb_mean(&b, r->sum, r->n);
		sb_putc(&b, ',');
		sb_csv(&b, r->reason);
		sb_add(&b, tail.s, tail.len);
		if (b.failed)
			break;
		fwrite(b.s, 1, b.len, c->out);
	}
	if (b.failed || tail.failed) {
		fputs(_("ocop promote: out of memory while writing the decisions\n"), stderr);
		rc = EXIT_INPUT;
	}
	sb_free(&b);
	sb_free(&tail);
	return rc;
}

/* Decisions in colour on a terminal: certify green, forward cyan, not-recognised red, hold
 * yellow, return magenta. */
static const char *decision_color(int d)
{
	static const char *const colors[] = {"\033[32m", "\033[36m", "\033[31m", "\033[33m",
	                                     "\033[35m"};

	return d >= 0 && d <= OCOP_RETURN ? colors[d] : NULL;
}

/* The stars a decision stands on: certified, else awarded; none without a score. */
static int decision_stars(const struct row *r)
{
	if (r->status == OCOP_STATUS_INVALID || r->status == OCOP_STATUS_UNSCORED || r->precheck)
		return 0;
	return r->decision == OCOP_CERTIFY ? r->dec_stars : r->stars;
}

/* "5 products: 2 certified, 1 forwarded, 2 not recognised" */
static void promote_summary(FILE *f, const struct row *rows, size_t n)
{
	/* TRANSLATORS: counts of the decisions in the summary line of ocop promote. */
	static const char *const counted[] = {N_("%zu certified"), N_("%zu forwarded"),
	                                      N_("%zu not recognised"), N_("%zu on hold"),
	                                      N_("%zu returned")};
	size_t count[OCOP_RETURN + 1] = {0};
	int first = 1;

	for (size_t i = 0; i < n; i++)
		if (rows[i].decision >= 0 && rows[i].decision <= OCOP_RETURN)
			count[rows[i].decision]++;
	putc('\n', f);
	fprintf(f, P_("%zu product", "%zu products", n), n);
	for (int d = 0; d <= OCOP_RETURN; d++)
		if (count[d]) {
			fputs(first ? ": " : ", ", f);
			fprintf(f, _(counted[d]), count[d]);
			first = 0;
		}
	putc('\n', f);
}

/* The heading of the table: the council (one sentence per level, for word order). */
static const char *council_text(int level)
{
	switch (level) {
	case OCOP_LEVEL_COMMUNE: return _("Council at commune level");
	case OCOP_LEVEL_DISTRICT: return _("Council at district level");
	case OCOP_LEVEL_PROVINCE: return _("Council at province level");
	default: return _("Council at central level");
	}
}

static void promote_table(struct cli *c, const struct row *rows, size_t n,
                          const struct ocop_policy *pol)
{
	FILE *f = c->out;
	int vi = ocop_lang_get() == OCOP_LANG_VI, color = cli_color(c);
	char buf[64], pol_s[80];
	size_t wid = 7, wname = 12;
	/* TRANSLATORS: the columns of ocop promote's table; Stars 5 columns wide, Total 6
	 * (right-aligned), Decision 15. */
	const char *h_id = C_("table column", "Product"), *h_name = C_("table column", "Name"),
	           *h_stars = C_("table column", "Stars"), *h_total = C_("table column", "Total"),
	           *h_dec = C_("table column", "Decision"), *h_reason = C_("table column", "Reason");

	policy_text(pol_s, sizeof pol_s, pol);
	fputs(council_text(c->level), f);
	if (*pol_s)
		fprintf(f, _(" · local policy: %s"), pol_s);
	fputs("\n\n", f);
	for (size_t i = 0; i < n; i++) {
		size_t w = ocop_text_width(rows_meta(&rows[i], OCOP_F_PRODUCT_ID));
		if (w > wid)
			wid = w;
		w = ocop_text_width(rows_meta(&rows[i], OCOP_F_PRODUCT_NAME));
		if (w > wname)
			wname = w;
	}
	/* id, name's gap, stars, total, decision (the reason, free text, follows) */
	wname = rows_name_cols(wname, wid + 2 + 2 + 7 + 8 + 17);
	rows_put_cell(f, h_id, wid, NULL);
	rows_put_cell(f, h_name, wname, NULL);
	rows_put_cell(f, h_stars, 5, NULL);
	emit_pad(f, ocop_text_width(h_total), 6);
	fprintf(f, "%s  ", h_total);
	rows_put_cell(f, h_dec, 15, NULL);
	fprintf(f, "%s\n", h_reason);
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		int stars = decision_stars(r);
		rows_put_id_name(f, r, wid, wname);
		rows_put_cell(f, rows_stars(stars), 5, color && stars ? "\033[1;33m" : NULL);
		decision_mean(buf, sizeof buf, r);
		fprintf(f, "%6s  ", buf);
		rows_put_cell(f, decision_text(r->decision), 15,
		              color ? decision_color(r->decision) : NULL);
		fprintf(f, "%s\n", vi ? r->reason_vi : r->reason);
	}
	promote_summary(f, rows, n);
}

int cmd_promote(int argc, char **argv)
{
	struct cli c;
	struct rows rs = {.c = &c};
	struct ocop_policy pol;
	char *dash[] = {"-"};
	int rc = cli_options(&c, "promote", "at,min-stars,min-total,forwarded-only,ungrouped", argc, argv);

	if (rc)
		return rc > 0 ? EXIT_FINAL : EXIT_USAGE;
	if (c.level == OCOP_LEVEL_NONE) {
		fputs(_("ocop promote: which council? (--at commune|district|province|central)\n"
		        "Try 'ocop promote --help'.\n"), stderr);
		cli_free(&c);
		return EXIT_USAGE;
	}
	if (c.forwarded_only && c.format == OCOP_OUT_XLSX) {
		fputs(_("ocop promote: --forwarded-only copies the input's own format, not xlsx\n"
		        "Try 'ocop promote --help'.\n"), stderr);
		cli_free(&c);
		return EXIT_USAGE;
	}
	pol.min_stars = c.min_stars;
	pol.min_total_centi = c.min_total_centi;
	char **files = c.args;
	int nfiles = c.nargs;
	if (c.forwarded_only) {
		/* Each input is read twice (to decide, then to copy), but opened once. */
		if (nfiles == 0) {
			files = dash;
			nfiles = 1;
		}
		if ((rc = cli_inputs_open(&c, files, nfiles)) != 0) {
			cli_free(&c);
			return rc;
		}
	}
	rs.compact = 1;     /* of the fields, only the id and the name */
	rs.level = c.level;
	rs.policy = pol;
	/* the Vietnamese reasons only for the table that shows them */
	rs.reason_vi = cli_format(&c) == OCOP_OUT_TABLE && ocop_lang_get() == OCOP_LANG_VI;
	rc = rows_load(&rs, &c, files, nfiles);
	if (rc == 0) {
		int fmt = cli_format(&c);
		const struct row *rows = rs.v;
		size_t n = rs.n;
		if (c.forwarded_only)
			rc = forwarded_only(&c, &rs, files, nfiles);
		else if (fmt == OCOP_OUT_TABLE)
			promote_table(&c, rows, n, &pol);
		else if (fmt == OCOP_OUT_XLSX)
			rc = promote_xlsx(&c, rows, n, &pol);
		else if (fmt == OCOP_OUT_CSV)
			rc = promote_csv(&c, rows, n, &pol);
		else {
			if (fmt == OCOP_OUT_JSON)
				fputs("[", c.out);
			for (size_t i = 0; i < n; i++) {
				if (fmt == OCOP_OUT_JSON)
					fputs(i ? ",\n" : "\n", c.out);
				promote_json(c.out, &rows[i], &pol);
				if (fmt == OCOP_OUT_NDJSON)
					putc('\n', c.out);
			}
			if (fmt == OCOP_OUT_JSON)
				fputs(n ? "\n]\n" : "]\n", c.out);
		}
		if (rc == 0)
			rc = c.problems || rs.unsettled || ocop_batch_orphan_errors(c.batch) ? EXIT_RESULTS
			                                                                      : EXIT_FINAL;
		int oc = cli_out_close(&c, rc == EXIT_FINAL || rc == EXIT_RESULTS);
		if (oc)
			rc = oc;
	}
	rows_free(&rs);
	cli_free(&c);
	return rc;
}

