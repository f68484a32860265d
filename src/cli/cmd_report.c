/* ocop report: what a council prints and signs — the season report (HTML or a workbook) or the
 * members' entered sheets. The whole input is read first: the report needs every product. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#include "ocop/book.h"
#include "ocop/promote.h"
#include "ocop/report.h"
#include "ocop/score.h"
#include "ocop/write.h"

struct season {
	struct ocop_report_item *items;
	struct ocop_result *res;
	struct ocop_promotion_decision *dec;
	size_t n;
	int unsettled;              /* a dossier invalid or needing re-score */
};

static void season_free(struct season *s)
{
	for (size_t i = 0; i < s->n; i++)
		ocop_result_free(&s->res[i]);
	free(s->items);
	free(s->res);
	free(s->dec);
}

/* Scores (and decides, with --at) every product of the batch. */
static int score_all(struct cli *c, struct season *s)
{
	size_t n = ocop_batch_count(c->batch);
	struct ocop_policy pol = {c->min_stars, c->min_total_centi};
	struct ocop_err err = {0};

	s->items = calloc(n + 1, sizeof *s->items);
	s->res = calloc(n + 1, sizeof *s->res);
	s->dec = calloc(n + 1, sizeof *s->dec);
	if (!s->items || !s->res || !s->dec) {
		fputs(_("ocop report: out of memory\n"), stderr);
		return EXIT_INPUT;
	}
	for (size_t i = 0; i < n; i++) {
		struct ocop_dossier *d = ocop_batch_get(c->batch, i);
		if (ocop_score_dossier(&s->res[i], d, &err) < 0) {
			cli_print_err(&err);
			return EXIT_INPUT;
		}
		s->n++;
		s->unsettled |= s->res[i].status != OCOP_STATUS_OK;
		s->items[i].d = d;
		s->items[i].res = &s->res[i];
		if (c->level != OCOP_LEVEL_NONE) {
			ocop_promote(&s->dec[i], d, &s->res[i], c->level, &pol);
			s->items[i].dec = &s->dec[i];
		}
	}
	return 0;
}

static int write_report(struct cli *c, const struct season *s, int fmt)
{
	struct ocop_report_opts o = {c->lang, c->level};
	struct ocop_book *book;
	char path[4096];
	int rc;

	if (fmt == OCOP_OUT_XLSX) {
		if ((rc = cli_book_open(c, &book, path, sizeof path)) != 0)
			return rc;
		rc = ocop_report_xlsx(book, s->items, s->n, &o);
		int bc = cli_book_close(c, book, path, rc == 0);
		return rc < 0 ? EXIT_OUTPUT : bc;
	}
	rc = c->sheets ? ocop_report_sheets_html(c->out, s->items, s->n, &o)
	               : ocop_report_html(c->out, s->items, s->n, &o);
	return rc < 0 ? EXIT_OUTPUT : 0;
}

int cmd_report(int argc, char **argv)
{
	struct cli c;
	struct season s = {0};
	int rc = cli_options(&c, "report", "at,min-stars,min-total,sheets", argc, argv), fmt;

	if (rc)
		return rc > 0 ? EXIT_FINAL : EXIT_USAGE;
	fmt = c.format < 0 ? OCOP_OUT_HTML : c.format;
	if (fmt != OCOP_OUT_HTML && fmt != OCOP_OUT_XLSX) {
		fputs(_("ocop report: the report is written as html or xlsx (-f html, -f xlsx)\n"
		        "Try 'ocop report --help'.\n"), stderr);
		cli_free(&c);
		return EXIT_USAGE;
	}
	if (c.sheets && fmt != OCOP_OUT_HTML) {
		fputs(_("ocop report: --sheets prints html only\nTry 'ocop report --help'.\n"), stderr);
		cli_free(&c);
		return EXIT_USAGE;
	}
	if ((c.min_stars >= 0 || c.min_total_centi >= 0) && c.level == OCOP_LEVEL_NONE) {
		fputs(_("ocop report: --min-stars and --min-total need --at LEVEL\n"
		        "Try 'ocop report --help'.\n"), stderr);
		cli_free(&c);
		return EXIT_USAGE;
	}
	rc = cli_load(&c, c.args, c.nargs);
	cli_flush_diags(&c);
	if (rc == 0)
		rc = score_all(&c, &s);
	if (rc == 0)
		rc = cli_out_open(&c);
	if (rc == 0) {
		rc = write_report(&c, &s, fmt);
		if (rc == 0)
			rc = c.problems || s.unsettled || ocop_batch_orphan_errors(c.batch) ? EXIT_RESULTS
			                                                                    : EXIT_FINAL;
		int oc = cli_out_close(&c, rc == EXIT_FINAL || rc == EXIT_RESULTS);
		if (oc)
			rc = oc;
	}
	season_free(&s);
	cli_free(&c);
	return rc;
}
