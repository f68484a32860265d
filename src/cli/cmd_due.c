/* ocop due: recognitions expired or expiring within the notice period; under a regime with a
 * renewal window (26-2026), the re-evaluation filing window of each certificate. */
#include "rows.h"

#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "ocop/text.h"
#include "ocop/write.h"

enum due_status { DUE_EXPIRED, DUE_EXPIRING, DUE_NOT_YET_OPEN, DUE_OPEN, DUE_MISSED,
                  DUE_LATE_GRACE };

static const char *const status_name[] = {"expired", "expiring", "not-yet-open", "open", "missed",
                                          "late-grace"};

struct due {
	const struct row *d;
	char expires[11];
	long days;                /* expiry - today */
	int status;               /* enum due_status */
	int window;               /* 1: a renewal window applies (the fields below are set) */
	char file_from[11], file_to[11], valid_until[11];
	long to_open, to_close;   /* days from today to the window's first and last day */
};

/* The states as the summary line counts them ("3 expired"). */
static const char *const status_text[] = {N_("%zu expired"), N_("%zu expiring"),
                                          N_("%zu filing not yet open"), N_("%zu filing open"),
                                          N_("%zu filing missed"),
                                          N_("%zu expired but valid until the result")};

/* The table's header line: the same columns as each row. */
static void due_header(FILE *f, size_t wid, size_t wname)
{
	rows_put_cell(f, C_("table column", "Product"), wid, NULL);
	rows_put_cell(f, C_("table column", "Name"), wname, NULL);
	rows_put_cell(f, C_("table column", "Stars"), 5, NULL);
	rows_put_cell(f, C_("table column", "Level"), 8, NULL);
	rows_put_cell(f, C_("table column", "Recognised → Expires"), 23, NULL);
	fprintf(f, "%s\n", C_("table column", "Status"));
}

/* The summary line: how many certificates, and how many in each state. */
static void due_summary(FILE *f, const struct due *list, size_t m)
{
	size_t count[sizeof status_name / sizeof *status_name] = {0};
	int first = 1;

	for (size_t i = 0; i < m; i++)
		count[list[i].status]++;
	putc('\n', f);
	fprintf(f, P_("%zu certificate", "%zu certificates", m), m);
	for (size_t s = 0; s < sizeof count / sizeof *count; s++)
		if (count[s]) {
			fputs(first ? ": " : ", ", f);
			fprintf(f, _(status_text[s]), count[s]);
			first = 0;
		}
	putc('\n', f);
}

static int due_cmp(const void *pa, const void *pb)
{
	const struct due *a = pa, *b = pb;
	int c = strcmp(a->expires, b->expires);

	return c ? c : ocop_text_collate(rows_meta(a->d, OCOP_F_PRODUCT_ID), rows_meta(b->d, OCOP_F_PRODUCT_ID));
}

/* Whether a recognition is listed on `today`, and how; e->expires and e->days are set. The renewal
 * rules are those of the regime in force when the certificate expires (re-evaluation follows the
 * rules of its time), or of the forced regime. */
static int classify(struct due *e, const struct ocop_regime *at_expiry, long today)
{
	long exp = ocop_date_days(e->expires);
	const struct ocop_renewal *rn = at_expiry ? &at_expiry->renewal : NULL;

	if (!rn || !rn->given) {
		e->status = e->days < 0 ? DUE_EXPIRED : DUE_EXPIRING;
		return e->days <= e->d->notice_days;
	}
	e->window = 1;
	ocop_date_from_days(e->file_from, exp - rn->file_from_days);
	ocop_date_from_days(e->file_to, exp - rn->file_to_days);
	ocop_date_from_days(e->valid_until, exp + rn->late_valid_days);
	e->to_open = exp - rn->file_from_days - today;
	e->to_close = exp - rn->file_to_days - today;
	if (e->to_open > 0)
		e->status = DUE_NOT_YET_OPEN;
	else if (e->to_close >= 0)
		e->status = DUE_OPEN;
	else if (e->days >= 0)
		e->status = DUE_MISSED;
	else if (e->days >= -(long)rn->late_valid_days)
		e->status = DUE_LATE_GRACE;
	else
		e->status = DUE_EXPIRED;
	/* A window that opens within the notice period is announced. */
	return e->to_open <= e->d->notice_days;
}

/* The table's last column. */
static void due_text(FILE *f, const struct due *e)
{
	unsigned long n;

	if (!e->window) {
		n = (unsigned long)(e->days < 0 ? -e->days : e->days);
		if (e->days < 0)
			fprintf(f, P_("expired %ld day ago\n", "expired %ld days ago\n", n), -e->days);
		else
			fprintf(f, P_("%ld day left\n", "%ld days left\n", n), e->days);
		return;
	}
	switch (e->status) {
	case DUE_NOT_YET_OPEN:
		fprintf(f, P_("re-evaluation filing %s to %s: not yet open, opens in %ld day\n",
		              "re-evaluation filing %s to %s: not yet open, opens in %ld days\n",
		              (unsigned long)e->to_open),
		        e->file_from, e->file_to, e->to_open);
		break;
	case DUE_OPEN:
		if (e->to_close == 0)
			fprintf(f, _("re-evaluation filing %s to %s: open, today is the last day\n"),
			        e->file_from, e->file_to);
		else
			fprintf(f, P_("re-evaluation filing %s to %s: open, closes in %ld day\n",
			              "re-evaluation filing %s to %s: open, closes in %ld days\n",
			              (unsigned long)e->to_close),
			        e->file_from, e->file_to, e->to_close);
		break;
	case DUE_MISSED:
		fprintf(f, _("re-evaluation filing %s to %s: missed; filed late, the certificate stays "
		             "valid until the result, at most until %s\n"),
		        e->file_from, e->file_to, e->valid_until);
		break;
	case DUE_LATE_GRACE:
		fprintf(f, P_("re-evaluation filing %s to %s: missed, certificate expired %ld day ago; "
		              "if filed late it stays valid until the result, at most until %s\n",
		              "re-evaluation filing %s to %s: missed, certificate expired %ld days ago; "
		              "if filed late it stays valid until the result, at most until %s\n",
		              (unsigned long)-e->days),
		        e->file_from, e->file_to, -e->days, e->valid_until);
		break;
	default:
		fprintf(f, P_("re-evaluation filing %s to %s: missed, certificate expired %ld day ago "
		              "(validity for a late filing ended %s)\n",
		              "re-evaluation filing %s to %s: missed, certificate expired %ld days ago "
		              "(validity for a late filing ended %s)\n", (unsigned long)-e->days),
		        e->file_from, e->file_to, -e->days, e->valid_until);
	}
}

int cmd_due(int argc, char **argv)
{
	struct cli c;
	struct due *list = NULL;
	struct rows rs = {.c = &c, .level = OCOP_LEVEL_NONE};
	size_t m = 0;
	int rc = cli_options(&c, "due", "on,ungrouped", argc, argv), fmt;

	if (rc)
		return rc > 0 ? EXIT_FINAL : EXIT_USAGE;
	if (!c.on) {
		fputs(_("ocop due: on which date? (--on YYYY-MM-DD)\nTry 'ocop due --help'.\n"), stderr);
		cli_free(&c);
		return EXIT_USAGE;
	}
	rc = rows_load(&rs, &c, c.args, c.nargs);
	if (rc != 0)
		goto done;
	list = calloc(rs.n + 1, sizeof *list);
	if (!list) {
		fputs(_("ocop due: out of memory while listing the recognitions\n"), stderr);
		rc = EXIT_INPUT;
		goto done;
	}
	long today = ocop_date_days(c.on);
	for (size_t i = 0; list && i < rs.n; i++) {
		const struct row *r = &rs.v[i];
		const char *rec = r->meta[OCOP_F_RECOGNISED_ON];
		struct ocop_err err = {0};
		if (!rec || !ocop_date_valid(rec) || !r->certificate_months)
			continue;
		struct due *e = &list[m];
		memset(e, 0, sizeof *e);
		e->d = r;
		ocop_date_add_months(e->expires, rec, r->certificate_months);
		e->days = ocop_date_days(e->expires) - today;
		if (classify(e, c.forced ? c.forced : ocop_catalog_pick(c.cat, e->expires, &err), today))
			m++;
	}
	qsort(list, m, sizeof *list, due_cmp);
	fmt = cli_format(&c);
	size_t wid = 8, wname = 12;
	for (size_t i = 0; i < m; i++) {
		if (ocop_text_width(rows_meta(list[i].d, OCOP_F_PRODUCT_ID)) > wid)
			wid = ocop_text_width(rows_meta(list[i].d, OCOP_F_PRODUCT_ID));
		if (ocop_text_width(rows_meta(list[i].d, OCOP_F_PRODUCT_NAME)) > wname)
			wname = ocop_text_width(rows_meta(list[i].d, OCOP_F_PRODUCT_NAME));
	}
	/* id, name's gap, stars, level, recognised → expires (the status, free text, follows) */
	wname = rows_name_cols(wname, wid + 2 + 2 + 7 + 10 + 25);
	if (fmt == OCOP_OUT_TABLE)
		due_header(c.out, wid, wname);
	if (fmt == OCOP_OUT_CSV)
		fputs("product_id,product_name,level,recognised_on,expires_on,days_left,status,"
		      "file_from,file_to,late_valid_until\n", c.out);
	if (fmt == OCOP_OUT_JSON)
		fputs("[", c.out);
	for (size_t i = 0; i < m; i++) {
		const struct due *e = &list[i];
		const char *st = status_name[e->status];
		if (fmt == OCOP_OUT_CSV) {
			emit_csv(c.out, rows_meta(e->d, OCOP_F_PRODUCT_ID));
			putc(',', c.out);
			emit_csv(c.out, rows_meta(e->d, OCOP_F_PRODUCT_NAME));
			fprintf(c.out, ",%s,%s,%s,%ld,%s,%s,%s,%s\n", rows_meta(e->d, OCOP_F_LEVEL),
			        rows_meta(e->d, OCOP_F_RECOGNISED_ON), e->expires, e->days, st, e->file_from,
			        e->file_to, e->valid_until);
		} else if (fmt == OCOP_OUT_TABLE) {
			int color = cli_color(&c);
			rows_put_id_name(c.out, e->d, wid, wname);
			rows_put_cell(c.out, rows_stars(e->d->stars), 5, color && e->d->stars ? "\033[1;33m" : NULL);
			fprintf(c.out, "%-9s %s → %s  ", rows_meta(e->d, OCOP_F_LEVEL),
			        rows_meta(e->d, OCOP_F_RECOGNISED_ON), e->expires);
			if (color)
				fputs(e->status == DUE_EXPIRED || e->status == DUE_MISSED ||
				      e->status == DUE_LATE_GRACE ? "\033[31m" : "\033[33m", c.out);
			due_text(c.out, e);
			if (color)
				fputs("\033[0m", c.out);
		} else {
			if (fmt == OCOP_OUT_JSON)
				fputs(i ? ",\n" : "\n", c.out);
			fputs("{\"product_id\":", c.out);
			emit_json(c.out, e->d->meta[OCOP_F_PRODUCT_ID]);
			fputs(",\"product_name\":", c.out);
			emit_json(c.out, e->d->meta[OCOP_F_PRODUCT_NAME]);
			fputs(",\"level\":", c.out);
			emit_json(c.out, e->d->meta[OCOP_F_LEVEL]);
			fprintf(c.out, ",\"recognised_on\":\"%s\",\"expires_on\":\"%s\",\"days_left\":%ld,"
			        "\"status\":\"%s\"", rows_meta(e->d, OCOP_F_RECOGNISED_ON), e->expires, e->days, st);
			if (e->window)
				fprintf(c.out, ",\"file_from\":\"%s\",\"file_to\":\"%s\",\"late_valid_until\":\"%s\"}",
				        e->file_from, e->file_to, e->valid_until);
			else
				fputs(",\"file_from\":null,\"file_to\":null,\"late_valid_until\":null}", c.out);
			if (fmt == OCOP_OUT_NDJSON)
				putc('\n', c.out);
		}
	}
	if (fmt == OCOP_OUT_JSON)
		fputs(m ? "\n]\n" : "]\n", c.out);
	if (fmt == OCOP_OUT_TABLE)
		due_summary(c.out, list, m);
	rc = c.problems ? EXIT_RESULTS : EXIT_FINAL;
	int oc = cli_out_close(&c, 1);
	if (oc)
		rc = oc;
done:
	free(list);
	rows_free(&rs);
	cli_free(&c);
	return rc;
}
