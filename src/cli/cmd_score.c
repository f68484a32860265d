/* ocop score, ocop validate, ocop explain. */
#include "cli.h"

#include <string.h>
#include <sys/stat.h>

#include "ocop/book.h"
#include "ocop/score.h"
#include "ocop/write.h"
#include "problems.h"

/* Streaming: each dossier is scored and handed on as soon as the next one begins. */
struct run {
	struct cli *c;
	struct ocop_writer *w;      /* score; NULL for validate */
	int rc;                     /* EXIT_FINAL, EXIT_RESULTS, or EXIT_OUTPUT / EXIT_INPUT */
	size_t products, sheets, invalid, rescore, unscored;
	int format;                 /* validate: OCOP_OUT_TABLE (text), JSON or NDJSON */
	size_t written;             /* validate -f json|ndjson: problems written */
	struct ocop_result res;     /* the last product's: its memory serves the next one */
};

/* validate -f json|ndjson: each problem is an object of the output. */
static void put_problem(struct run *r, const struct ocop_err *e, const char *code)
{
	FILE *f = r->c->out;

	if (r->format == OCOP_OUT_JSON)
		fputs(r->written ? ",\n" : "{\"problems\":[\n", f);
	problem_json(f, e, code);
	if (r->format == OCOP_OUT_NDJSON)
		putc('\n', f);
	r->written++;
}

static void on_problem(struct cli *c, const struct ocop_err *e)
{
	put_problem(c->on_diag_ctx, e, NULL);
}

/* validate --require-verified: each sheet not entered a second time (ocop enter --verify). */
static void unverified(struct run *r, const struct ocop_dossier *d)
{
	for (size_t m = 0; m < d->nmembers; m++) {
		struct ocop_err e = {.code = OCOP_EDATA, .line = d->members[m].line};
		if (d->members[m].verified_by)
			continue;
		snprintf(e.file, sizeof e.file, "%s", d->members[m].file);
		snprintf(e.product, sizeof e.product, "%s", d->meta[OCOP_F_PRODUCT_ID]);
		snprintf(e.member, sizeof e.member, "%s", d->members[m].name);
		snprintf(e.msg, sizeof e.msg, _("product %s, member %s: sheet not verified by double entry "
		         "(verified_by is empty; see ocop enter --verify)"), d->meta[OCOP_F_PRODUCT_ID],
		         d->members[m].name);
		if (r->format != OCOP_OUT_TABLE)  /* validate -f json|ndjson */
			put_problem(r, &e, "unverified");
		else
			cli_print_err(&e);
		r->c->problems++;
		r->rc = r->rc > EXIT_RESULTS ? r->rc : EXIT_RESULTS;
	}
}

static void on_dossier(void *ctx, struct ocop_dossier *d)
{
	struct run *r = ctx;
	struct ocop_result *res = &r->res;
	struct ocop_err err;

	err.code = OCOP_OK;         /* (all the error needs: ocop_err_set fills the rest) */
	cli_flush_diags(r->c);
	if (r->rc > EXIT_RESULTS)
		return;
	if (ocop_score_dossier_next(res, d, &err) < 0) {
		if (err.code == OCOP_ENOMEM)
			fprintf(stderr, _("ocop: %s:%ld: out of memory while scoring product %s\n"),
			        d->file ? d->file : "", d->line, d->meta[OCOP_F_PRODUCT_ID]);
		else
			cli_print_err(&err);
		r->rc = EXIT_INPUT;
		return;
	}
	r->products++;
	r->sheets += d->nmembers;
	r->invalid += res->status == OCOP_STATUS_INVALID;
	r->unscored += res->status == OCOP_STATUS_UNSCORED;
	/* An elimination is a final decision; an invalid dossier or a re-score is not, nor is a blank
	 * dossier (to be scored), which is nevertheless a valid input for validate. */
	if (res->status == OCOP_STATUS_INVALID || res->status == OCOP_STATUS_RESCORE ||
	    (res->status == OCOP_STATUS_UNSCORED && r->w))
		r->rc = EXIT_RESULTS;
	if (res->status == OCOP_STATUS_RESCORE) {
		r->rescore++;
		if (!r->w && r->format != OCOP_OUT_TABLE) {
			struct ocop_err e = {.line = d->line};
			snprintf(e.file, sizeof e.file, "%s", d->file);
			snprintf(e.product, sizeof e.product, "%s", d->meta[OCOP_F_PRODUCT_ID]);
			snprintf(e.msg, sizeof e.msg, _("product %s: members' totals differ by %d (more than "
			         "%d): re-score needed"), d->meta[OCOP_F_PRODUCT_ID], res->spread,
			         res->regime->spread_limit);
			put_problem(r, &e, "rescore");
		} else if (!r->w) {
			fprintf(stderr, "ocop: %s:%ld: ", d->file, d->line);
			fprintf(stderr, _("product %s: members' totals differ by %d (more than "
			        "%d): re-score needed"), d->meta[OCOP_F_PRODUCT_ID],
			        res->spread, res->regime->spread_limit);
			putc('\n', stderr);
		}
	}
	if (r->w && ocop_writer_score(r->w, d, res) < 0)
		r->rc = EXIT_OUTPUT;
	/* The output is gone (| head, a full disk): read no further (cli_out_close says why). */
	if (r->w && r->c->out && ferror(r->c->out))
		ocop_batch_stop(r->c->batch);
	if (!r->w && r->c->require_verified)
		unverified(r, d);
}

/* Reads every input through on_dossier; returns the exit status so far. */
static int stream(struct cli *c, struct run *r)
{
	int rc;

	c->sink = on_dossier;
	c->sink_ctx = r;
	rc = cli_load(c, c->args, c->nargs);
	ocop_result_free(&r->res);
	cli_flush_diags(c);
	if (rc)
		return rc;
	if (r->rc <= EXIT_RESULTS && (c->problems || ocop_batch_orphan_errors(c->batch)))
		r->rc = EXIT_RESULTS;
	return r->rc;
}

int cmd_score(int argc, char **argv)
{
	struct cli c;
	struct run r = {.c = &c};
	struct ocop_book *book = NULL;
	char book_path[4096] = "";
	int rc = cli_options(&c, "score", "ungrouped", argc, argv), oc;

	if (rc)
		return rc > 0 ? EXIT_FINAL : EXIT_USAGE;
	rc = cli_out_open(&c);
	if (rc == 0 && cli_format(&c) == OCOP_OUT_XLSX) {
		rc = cli_book_open(&c, &book, book_path, sizeof book_path);
		if (rc == 0 && ocop_writer_new_book(&r.w, book, c.lang) < 0)
			rc = EXIT_OUTPUT;
	} else if (rc == 0 && ocop_writer_new(&r.w, c.out, cli_format(&c), c.lang) < 0) {
		rc = EXIT_OUTPUT;
	}
	if (rc == 0)
		ocop_writer_set_table(r.w, cli_columns(), cli_color(&c));
	if (rc == 0) {
		rc = stream(&c, &r);
		if ((rc == EXIT_FINAL || rc == EXIT_RESULTS) && ocop_writer_finish(r.w) < 0)
			rc = EXIT_OUTPUT;
	}
	oc = cli_book_close(&c, book, book_path, rc == EXIT_FINAL || rc == EXIT_RESULTS);
	if (oc && rc <= EXIT_RESULTS)
		rc = oc;
	/* Output of a run that failed is not kept: -o leaves no file. */
	oc = cli_out_close(&c, rc == EXIT_FINAL || rc == EXIT_RESULTS);
	if (oc && rc <= EXIT_RESULTS)
		rc = oc;
	ocop_writer_free(r.w);
	cli_free(&c);
	return rc;
}

/* The summary line of validate, in the text format. */
static void summary(FILE *f, const struct cli *c, const struct run *r)
{
	/* TRANSLATORS: the start of validate's summary line ("40 products, 197 member sheets: …"). */
	fprintf(f, P_("%zu product", "%zu products", r->products), r->products);
	fprintf(f, P_(", %zu member sheet: ", ", %zu member sheets: ", r->sheets), r->sheets);
	if (!c->problems && !r->rescore) {
		fputs(_("no problems"), f);
	} else {
		fprintf(f, P_("%zu problem", "%zu problems", c->problems), c->problems);
		fprintf(f, P_(", %zu invalid product", ", %zu invalid products", r->invalid), r->invalid);
		fprintf(f, P_(", %zu needing re-scoring", ", %zu needing re-scoring", r->rescore),
		        r->rescore);
	}
	if (r->unscored)
		fprintf(f, P_("; %zu to be scored (no member's sheet yet)",
		              "; %zu to be scored (no member's sheet yet)", r->unscored), r->unscored);
	putc('\n', f);
}

int cmd_validate(int argc, char **argv)
{
	struct cli c;
	struct run r = {.c = &c};
	int rc = cli_options(&c, "validate", "ungrouped,require-verified", argc, argv), oc;

	if (rc)
		return rc > 0 ? EXIT_FINAL : EXIT_USAGE;
	r.format = c.format >= 0 || c.output ? cli_format(&c) : OCOP_OUT_TABLE;
	if (r.format == OCOP_OUT_CSV)
		r.format = OCOP_OUT_TABLE;   /* -o problems.txt or an unknown extension: the text */
	if (r.format != OCOP_OUT_TABLE) {
		c.on_diag = on_problem;
		c.on_diag_ctx = &r;
	}
	rc = cli_out_open(&c);
	if (rc == 0)
		rc = stream(&c, &r);
	if (rc == EXIT_FINAL || rc == EXIT_RESULTS) {
		if (r.format == OCOP_OUT_JSON)
			fprintf(c.out, "%s],\n\"products\":%zu,\"member_sheets\":%zu,\"problem_count\":%zu,"
			        "\"invalid\":%zu,\"rescore\":%zu,\"unscored\":%zu}\n",
			        r.written ? "\n" : "{\"problems\":[", r.products, r.sheets, c.problems,
			        r.invalid, r.rescore, r.unscored);
		else if (r.format == OCOP_OUT_TABLE)
			summary(c.out, &c, &r);
	}
	oc = cli_out_close(&c, rc == EXIT_FINAL || rc == EXIT_RESULTS);
	if (oc && rc <= EXIT_RESULTS)
		rc = oc;
	cli_free(&c);
	return rc;
}

/* explain FILE ID: the product id comes first. Said (with the command to type) when the first
 * argument is a file and the second is not. */
static int swapped(const struct cli *c)
{
	struct stat st;

	if (c->nargs != 2 || stat(c->args[0], &st) != 0 || S_ISDIR(st.st_mode) ||
	    stat(c->args[1], &st) == 0)
		return 0;
	fprintf(stderr, _("ocop explain: '%s' is a file and '%s' is not: the product id comes "
	                      "before the files. Type: ocop explain %s %s\n"),
	        c->args[0], c->args[1], c->args[1], c->args[0]);
	return 1;
}

int cmd_explain(int argc, char **argv)
{
	struct cli c;
	struct ocop_dossier *d;
	struct ocop_result res = {0};
	struct ocop_err err = {0};
	int rc = cli_options(&c, "explain", "", argc, argv);

	if (rc)
		return rc > 0 ? EXIT_FINAL : EXIT_USAGE;
	if (c.nargs < 1) {
		fputs(_("ocop explain: which product? (ocop explain PRODUCT_ID [FILE...])\n"
		        "Try 'ocop explain --help'.\n"), stderr);
		cli_free(&c);
		return EXIT_USAGE;
	}
	if (swapped(&c)) {
		cli_free(&c);
		return EXIT_USAGE;
	}
	rc = cli_load(&c, c.args + 1, c.nargs - 1);
	if (rc == 0 && !(d = ocop_batch_find(c.batch, c.args[0]))) {
		fprintf(stderr, _("ocop explain: no product '%s' in the input\n"), c.args[0]);
		rc = EXIT_USAGE;
	} else if (rc == 0) {
		/* This product's problems and warnings, and the warnings about a whole file (a
		 * trailing empty column, text decoded the wrong way). */
		for (size_t i = 0; i < c.diags.n; i++)
			if (strcmp(c.diags.v[i].product, d->meta[OCOP_F_PRODUCT_ID]) == 0 ||
			    (!c.diags.v[i].product[0] && c.diags.v[i].code == OCOP_EWARN))
				cli_print_err(&c.diags.v[i]);
		if (ocop_score_dossier(&res, d, &err) < 0) {
			cli_print_err(&err);
			rc = EXIT_INPUT;
		} else if ((rc = cli_out_open(&c)) == 0) {
			int fmt = c.format >= 0 || c.output ? cli_format(&c) : OCOP_OUT_TABLE;
			if (fmt != OCOP_OUT_JSON)
				fmt = OCOP_OUT_TABLE;   /* explain writes text or JSON (-o x.json) */
			int w = ocop_write_explain(c.out, d, &res, fmt, c.lang);
			rc = res.status == OCOP_STATUS_OK ? EXIT_FINAL : EXIT_RESULTS;
			int oc = cli_out_close(&c, w == 0);
			if (w < 0 || oc)
				rc = EXIT_OUTPUT;
		}
		ocop_result_free(&res);
	}
	cli_free(&c);
	return rc;
}
