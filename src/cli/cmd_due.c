/* ocop due: recognitions expired or expiring within the notice period. */
#include "rows.h"

#include <stdlib.h>
#include <string.h>

#include "../emit.h"
#include "ocop/text.h"
#include "ocop/write.h"

struct due {
	const struct row *d;
	char expires[11];
	long days;
};

static int due_cmp(const void *pa, const void *pb)
{
	const struct due *a = pa, *b = pb;
	int c = strcmp(a->expires, b->expires);

	return c ? c : ocop_text_collate(rows_meta(a->d, OCOP_F_PRODUCT_ID), rows_meta(b->d, OCOP_F_PRODUCT_ID));
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
		fprintf(stderr, "ocop due: on which date? (--on YYYY-MM-DD)\nTry 'ocop due --help'.\n");
		cli_free(&c);
		return EXIT_USAGE;
	}
	rc = rows_load(&rs, &c, c.args, c.nargs);
	if (rc != 0)
		goto done;
	list = calloc(rs.n + 1, sizeof *list);
	long today = ocop_date_days(c.on);
	for (size_t i = 0; list && i < rs.n; i++) {
		const struct row *r = &rs.v[i];
		const char *rec = r->meta[OCOP_F_RECOGNISED_ON];
		if (!rec || !ocop_date_valid(rec) || !r->certificate_months)
			continue;
		struct due *e = &list[m];
		e->d = r;
		ocop_date_add_months(e->expires, rec, r->certificate_months);
		e->days = ocop_date_days(e->expires) - today;
		if (e->days <= r->notice_days)
			m++;
	}
	qsort(list, m, sizeof *list, due_cmp);
	fmt = cli_format(&c);
	size_t wid = 8;
	for (size_t i = 0; i < m; i++)
		if (ocop_text_width(rows_meta(list[i].d, OCOP_F_PRODUCT_ID)) > wid)
			wid = ocop_text_width(rows_meta(list[i].d, OCOP_F_PRODUCT_ID));
	if (fmt == OCOP_OUT_CSV)
		fputs("product_id,product_name,level,recognised_on,expires_on,days_left,status\n", c.out);
	if (fmt == OCOP_OUT_JSON)
		fputs("[", c.out);
	for (size_t i = 0; i < m; i++) {
		const struct due *e = &list[i];
		const char *st = e->days < 0 ? "expired" : "expiring";
		if (fmt == OCOP_OUT_CSV) {
			emit_csv(c.out, rows_meta(e->d, OCOP_F_PRODUCT_ID));
			putc(',', c.out);
			emit_csv(c.out, rows_meta(e->d, OCOP_F_PRODUCT_NAME));
			fprintf(c.out, ",%s,%s,%s,%ld,%s\n", rows_meta(e->d, OCOP_F_LEVEL),
			        rows_meta(e->d, OCOP_F_RECOGNISED_ON), e->expires, e->days, st);
		} else if (fmt == OCOP_OUT_TABLE) {
			int vi = c.lang == OCOP_LANG_VI;
			rows_put_id_name(c.out, e->d, wid);
			fprintf(c.out, "%-9s %s → %s  ", rows_meta(e->d, OCOP_F_LEVEL),
			        rows_meta(e->d, OCOP_F_RECOGNISED_ON), e->expires);
			if (e->days < 0)
				fprintf(c.out, vi ? "đã hết hạn %ld ngày\n" : "expired %ld days ago\n", -e->days);
			else
				fprintf(c.out, vi ? "còn %ld ngày\n" : "%ld days left\n", e->days);
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
			        "\"status\":\"%s\"}", rows_meta(e->d, OCOP_F_RECOGNISED_ON), e->expires, e->days, st);
			if (fmt == OCOP_OUT_NDJSON)
				putc('\n', c.out);
		}
	}
	if (fmt == OCOP_OUT_JSON)
		fputs(m ? "\n]\n" : "]\n", c.out);
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

