/* ocop score, ocop validate, ocop explain. */
#include "cli.h"

#include <string.h>

#include "ocop/score.h"
#include "ocop/write.h"

/* Scores every dossier in input order, handing each result to fn. Returns EXIT_FINAL or
 * EXIT_RESULTS, or EXIT_INPUT when scoring itself failed. */
static int each_result(struct cli *c, int (*fn)(void *, const struct ocop_dossier *,
                                                const struct ocop_result *), void *ctx)
{
	int rc = c->diags.n || ocop_batch_orphan_errors(c->batch) ? EXIT_RESULTS : EXIT_FINAL;

	for (size_t i = 0; i < ocop_batch_count(c->batch); i++) {
		struct ocop_dossier *d = ocop_batch_get(c->batch, i);
		struct ocop_result res;
		struct ocop_err err = {0};
		if (ocop_score_dossier(&res, d, &err) < 0) {
			cli_print_err(&err);
			return EXIT_INPUT;
		}
		if (res.status != OCOP_STATUS_OK)
			rc = EXIT_RESULTS;
		int w = fn(ctx, d, &res);
		ocop_result_free(&res);
		if (w < 0)
			return EXIT_OUTPUT;
	}
	return rc;
}

static int write_one(void *w, const struct ocop_dossier *d, const struct ocop_result *res)
{
	return ocop_writer_score(w, d, res);
}

int cmd_score(int argc, char **argv)
{
	struct cli c;
	struct ocop_writer *w = NULL;
	int rc = cli_options(&c, "score", "", argc, argv);

	if (rc)
		return rc > 0 ? EXIT_FINAL : EXIT_USAGE;
	rc = cli_load(&c, c.args, c.nargs);
	if (rc == 0) {
		cli_print_diags(&c.diags);
		rc = cli_out_open(&c);
	}
	if (rc == 0) {
		if (ocop_writer_new(&w, c.out, cli_format(&c), c.lang) < 0) {
			rc = EXIT_OUTPUT;
		} else {
			rc = each_result(&c, write_one, w);
			if (rc != EXIT_OUTPUT && rc != EXIT_INPUT && ocop_writer_finish(w) < 0)
				rc = EXIT_OUTPUT;
		}
		int oc = cli_out_close(&c, rc == EXIT_FINAL || rc == EXIT_RESULTS);
		if (oc)
			rc = oc;
	}
	ocop_writer_free(w);
	cli_free(&c);
	return rc;
}

struct tally {
	size_t products, sheets, invalid, rescore;
};

static int count_one(void *ctx, const struct ocop_dossier *d, const struct ocop_result *res)
{
	struct tally *t = ctx;

	t->products++;
	t->sheets += d->nmembers;
	t->invalid += res->status == OCOP_STATUS_INVALID;
	if (res->status == OCOP_STATUS_RESCORE) {
		t->rescore++;
		fprintf(stderr, "ocop: %s:%ld: product %s: members' totals differ by %d (more than %d): "
		        "re-score needed\n", d->file, d->line, d->meta[OCOP_F_PRODUCT_ID], res->spread,
		        res->regime->spread_limit);
	}
	return 0;
}

int cmd_validate(int argc, char **argv)
{
	struct cli c;
	struct tally t = {0};
	int rc = cli_options(&c, "validate", "", argc, argv);
	size_t problems;

	if (rc)
		return rc > 0 ? EXIT_FINAL : EXIT_USAGE;
	rc = cli_load(&c, c.args, c.nargs);
	if (rc == 0) {
		cli_print_diags(&c.diags);
		rc = each_result(&c, count_one, &t);
		problems = c.diags.n + c.diags.dropped;
		printf("%zu products, %zu member sheets: ", t.products, t.sheets);
		if (!problems && !t.rescore)
			printf("no problems\n");
		else
			printf("%zu problem%s, %zu invalid product%s, %zu needing re-scoring\n", problems,
			       problems == 1 ? "" : "s", t.invalid, t.invalid == 1 ? "" : "s", t.rescore);
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
			if (c.diags.v[i].code && strstr(c.diags.v[i].msg, c.args[0]))
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
