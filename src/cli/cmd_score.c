/* ocop score, ocop validate, ocop explain. */
#include "cli.h"

#include <string.h>

#include "ocop/book.h"
#include "ocop/score.h"
#include "ocop/write.h"

/* Streaming: each dossier is scored and handed on as soon as the next one begins. */
struct run {
	struct cli *c;
	struct ocop_writer *w;      /* score; NULL for validate */
	int rc;                     /* EXIT_FINAL, EXIT_RESULTS, or EXIT_OUTPUT / EXIT_INPUT */
	size_t products, sheets, invalid, rescore, unscored;
};

/* validate --require-verified: each sheet not entered a second time (ocop enter --verify). */
static void unverified(struct run *r, const struct ocop_dossier *d)
{
	for (size_t m = 0; m < d->nmembers; m++) {
		if (d->members[m].verified_by)
			continue;
		fprintf(stderr, "ocop: %s:%ld: product %s, member %s: sheet not verified by double entry "
		        "(verified_by is empty; see ocop enter --verify)\n", d->members[m].file,
		        d->members[m].line, d->meta[OCOP_F_PRODUCT_ID], d->members[m].name);
		r->c->problems++;
		r->rc = r->rc > EXIT_RESULTS ? r->rc : EXIT_RESULTS;
	}
}

static void on_dossier(void *ctx, struct ocop_dossier *d)
{
	struct run *r = ctx;
	struct ocop_result res;
	struct ocop_err err = {0};

	cli_flush_diags(r->c);
	if (r->rc > EXIT_RESULTS)
		return;
	if (ocop_score_dossier(&res, d, &err) < 0) {
		cli_print_err(&err);
		r->rc = EXIT_INPUT;
		return;
	}
	r->products++;
	r->sheets += d->nmembers;
	r->invalid += res.status == OCOP_STATUS_INVALID;
	r->unscored += res.status == OCOP_STATUS_UNSCORED;
	/* An elimination is a final decision; an invalid dossier or a re-score is not, nor is a blank
	 * dossier (to be scored), which is nevertheless a valid input for validate. */
	if (res.status == OCOP_STATUS_INVALID || res.status == OCOP_STATUS_RESCORE ||
	    (res.status == OCOP_STATUS_UNSCORED && r->w))
		r->rc = EXIT_RESULTS;
	if (res.status == OCOP_STATUS_RESCORE) {
		r->rescore++;
		if (!r->w)
			fprintf(stderr, "ocop: %s:%ld: product %s: members' totals differ by %d (more than "
			        "%d): re-score needed\n", d->file, d->line, d->meta[OCOP_F_PRODUCT_ID],
			        res.spread, res.regime->spread_limit);
	}
	if (r->w && ocop_writer_score(r->w, d, &res) < 0)
		r->rc = EXIT_OUTPUT;
	if (!r->w && r->c->require_verified)
		unverified(r, d);
	ocop_result_free(&res);
}

/* Reads every input through on_dossier; returns the exit status so far. */
static int stream(struct cli *c, struct run *r)
{
	int rc;

	c->sink = on_dossier;
	c->sink_ctx = r;
	rc = cli_load(c, c->args, c->nargs);
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

int cmd_validate(int argc, char **argv)
{
	struct cli c;
	struct run r = {.c = &c};
	int rc = cli_options(&c, "validate", "ungrouped,require-verified", argc, argv);

	if (rc)
		return rc > 0 ? EXIT_FINAL : EXIT_USAGE;
	rc = stream(&c, &r);
	if (rc == EXIT_FINAL || rc == EXIT_RESULTS) {
		printf("%zu products, %zu member sheets: ", r.products, r.sheets);
		if (!c.problems && !r.rescore)
			printf("no problems");
		else
			printf("%zu problem%s, %zu invalid product%s, %zu needing re-scoring", c.problems,
			       c.problems == 1 ? "" : "s", r.invalid, r.invalid == 1 ? "" : "s", r.rescore);
		if (r.unscored)
			printf("; %zu to be scored (no member's sheet yet)", r.unscored);
		putchar('\n');
		if (fflush(stdout) != 0)
			rc = EXIT_OUTPUT;
	}
	cli_free(&c);
	return rc;
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
		fprintf(stderr, "ocop explain: which product? (ocop explain PRODUCT_ID [FILE...])\n"
		                "Try 'ocop explain --help'.\n");
		cli_free(&c);
		return EXIT_USAGE;
	}
	rc = cli_load(&c, c.args + 1, c.nargs - 1);
	if (rc == 0 && !(d = ocop_batch_find(c.batch, c.args[0]))) {
		fprintf(stderr, "ocop explain: no product '%s' in the input\n", c.args[0]);
		rc = EXIT_USAGE;
	} else if (rc == 0) {
		for (size_t i = 0; i < c.diags.n; i++)
			if (strcmp(c.diags.v[i].product, d->meta[OCOP_F_PRODUCT_ID]) == 0)
				cli_print_err(&c.diags.v[i]);
		if (ocop_score_dossier(&res, d, &err) < 0) {
			cli_print_err(&err);
			rc = EXIT_INPUT;
		} else if ((rc = cli_out_open(&c)) == 0) {
			int fmt = c.format < 0 ? OCOP_OUT_TABLE : c.format;
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
