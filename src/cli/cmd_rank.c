/* ocop rank: products ranked by mean total, within groups if asked. */
#include "rows.h"

#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "ocop/book.h"
#include "ocop/text.h"
#include "ocop/write.h"

static const char *group_of(const struct cli *c, const struct row *r)
{
	if (!c->by)
		return "";
	if (strcmp(c->by, "set") == 0)
		return r->set ? r->set : "";
	return rows_meta(r, strcmp(c->by, "district") == 0   ? OCOP_F_DISTRICT
	                    : strcmp(c->by, "province") == 0 ? OCOP_F_PROVINCE
	                                                     : OCOP_F_LEVEL);
}

/* Best first: mean total (exact, as cross products), awarded stars, parts C, A, B. */
static int better(const struct row *a, const struct row *b)
{
	static const int parts[] = {2, 0, 1};
	long x = a->sum * b->n, y = b->sum * a->n;

	if (x != y)
		return x > y ? -1 : 1;
	if (a->stars != b->stars)
		return a->stars > b->stars ? -1 : 1;
	for (int i = 0; i < 3; i++) {
		x = a->part[parts[i]] * b->n;
		y = b->part[parts[i]] * a->n;
		if (x != y)
			return x > y ? -1 : 1;
	}
	return 0;
}

/* Group (in collation order), then best first, then product id (in collation order): the keys
 * are made once per row, so a comparison is a few memcmp. */
static int rank_cmp(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	int g = ocop_text_key_cmp(a->group_key, a->group_key_len, b->group_key, b->group_key_len);

	if (g)
		return g;
	g = better(a, b);
	return g ? g : ocop_text_key_cmp(a->id_key, a->id_key_len, b->id_key, b->id_key_len);
}

/* s's collation key, kept in the rows' arena; NULL when out of memory. */
static const char *key_of(struct rows *rs, const char *s, size_t *len)
{
	char buf[512], *k;
	size_t n = ocop_text_collate_key(buf, sizeof buf, s);

	if (!(k = arena_alloc(&rs->arena, n)))
		return NULL;
	if (n <= sizeof buf)
		memcpy(k, buf, n);
	else
		n = ocop_text_collate_key(k, n, s);
	*len = n;
	return k;
}

/* A group column of its own, unless the grouping is already a column (set). */
static int group_column(const struct cli *c)
{
	return c->by && strcmp(c->by, "set") != 0;
}

/* The CSV output's columns as a workbook row, numbers as numbers. */
static void rank_xlsx_row(struct cli *c, struct ocop_book *b, const struct row *r)
{
	if (group_column(c))
		ocop_book_str(b, r->group);
	ocop_book_num(b, (double)r->rank);
	ocop_book_str(b, rows_meta(r, OCOP_F_PRODUCT_ID));
	ocop_book_str(b, rows_meta(r, OCOP_F_PRODUCT_NAME));
	ocop_book_str(b, r->set);
	ocop_book_mean(b, r->sum, r->n);
	ocop_book_num(b, r->stars);
	ocop_book_mean(b, r->part[2], r->n);
	ocop_book_mean(b, r->part[0], r->n);
	ocop_book_mean(b, r->part[1], r->n);
	ocop_book_str(b, ocop_status_name(r->status));
	ocop_book_row(b);
}

static int rank_xlsx_open(struct cli *c, struct ocop_book **b, char *path, size_t size)
{
	static const char *const head[] = {"", "rank", "product_id", "product_name", "set", "total",
	                                   "stars", "part_c", "part_a", "part_b", "status"};
	const char *h[sizeof head / sizeof *head];
	int g = group_column(c), rc = cli_book_open(c, b, path, size);

	memcpy(h, head, sizeof h);
	h[0] = c->by;
	if (rc == 0)
		ocop_book_sheet(*b, "rank", h + !g, sizeof h / sizeof *h - !g);
	return rc;
}

/* A CSV row assembled in line and written at once; 0 when memory ran out (rank_row then prints
 * it piece by piece). */
static int rank_csv(struct cli *c, const struct row *r, struct sb *line)
{
	struct sb *b = line;
	int mean = r->status != OCOP_STATUS_INVALID && r->status != OCOP_STATUS_UNSCORED;

	b->len = 0;
	if (group_column(c)) {
		sb_csv(b, r->group);
		sb_putc(b, ',');
	}
	sb_int(b, r->rank);
	sb_putc(b, ',');
	sb_csv(b, r->meta[OCOP_F_PRODUCT_ID]);
	sb_putc(b, ',');
	sb_csv(b, r->meta[OCOP_F_PRODUCT_NAME]);
	sb_putc(b, ',');
	sb_puts(b, r->set ? r->set : "(null)");    /* (as printf wrote it) */
	sb_putc(b, ',');
	if (mean)                                   /* rows_mean's */
		sb_mean(b, r->sum, r->n);
	sb_putc(b, ',');
	sb_int(b, r->stars);
	for (int i = 0; i < 3; i++) {               /* C, A, B */
		static const int part[] = {2, 0, 1};
		sb_putc(b, ',');
		if (mean)
			sb_mean(b, r->part[part[i]], r->n);
	}
	sb_putc(b, ',');
	sb_puts(b, ocop_status_name(r->status));
	sb_putc(b, '\n');
	if (b->failed)
		return 0;
	fwrite(b->s, 1, b->len, c->out);
	return 1;
}

static void rank_row(struct cli *c, int fmt, const struct row *r, int first, size_t wid,
                     size_t wname, struct sb *line)
{
	FILE *f = c->out;
	char total[32], pa[32], pb[32], pc[32];

	if (fmt == OCOP_OUT_CSV && !line->failed && rank_csv(c, r, line))
		return;

	rows_mean(total, sizeof total, r, r->sum);
	rows_mean(pa, sizeof pa, r, r->part[0]);
	rows_mean(pb, sizeof pb, r, r->part[1]);
	rows_mean(pc, sizeof pc, r, r->part[2]);
	if (fmt == OCOP_OUT_CSV) {
		if (group_column(c)) {
			emit_csv(f, r->group);
			putc(',', f);
		}
		fprintf(f, "%ld,", r->rank);
		emit_csv(f, rows_meta(r, OCOP_F_PRODUCT_ID));
		putc(',', f);
		emit_csv(f, rows_meta(r, OCOP_F_PRODUCT_NAME));
		fprintf(f, ",%s,%s,%d,%s,%s,%s,%s\n", r->set, total, r->stars, pc, pa, pb,
		        ocop_status_name(r->status));
		return;
	}
	if (fmt == OCOP_OUT_JSON || fmt == OCOP_OUT_NDJSON) {
		if (fmt == OCOP_OUT_JSON)
			fputs(first ? "\n" : ",\n", f);
		fputs("{", f);
		if (group_column(c)) {
			fprintf(f, "\"%s\":", c->by);
			emit_json(f, r->group);
			putc(',', f);
		}
		fprintf(f, "\"rank\":%ld,\"product_id\":", r->rank);
		emit_json(f, r->meta[OCOP_F_PRODUCT_ID]);
		fputs(",\"product_name\":", f);
		emit_json(f, r->meta[OCOP_F_PRODUCT_NAME]);
		fputs(",\"set\":", f);
		emit_json(f, r->set);
		fprintf(f, ",\"total\":%s,\"stars\":%d,\"part_c\":%s,\"part_a\":%s,\"part_b\":%s,"
		        "\"status\":\"%s\"}", total, r->stars, pc, pa, pb, ocop_status_name(r->status));
		if (fmt == OCOP_OUT_NDJSON)
			putc('\n', f);
		return;
	}
	fprintf(f, "%4ld  ", r->rank);
	rows_put_id_name(f, r, wid, wname);
	fprintf(f, "%-6s %6s  ", r->set, total);
	if (cli_color(c) && r->stars)
		fprintf(f, "%s%s\033[0m", r->stars >= 3 ? "\033[1;33m" : "\033[2;33m", rows_stars(r->stars));
	else
		fputs(rows_stars(r->stars), f);
	emit_pad(f, (size_t)r->stars, 6);
	fprintf(f, "%6s %6s %6s%s\n", pc, pa, pb,
	        r->status == OCOP_STATUS_RESCORE ? _("  re-score") : "");
}

int cmd_rank(int argc, char **argv)
{
	struct cli c;
	struct rows rs = {.c = &c, .level = OCOP_LEVEL_NONE};
	struct row *rows, *kept;
	size_t n, m = 0;
	int rc = cli_options(&c, "rank", "dense,by,top,ungrouped", argc, argv), fmt;

	if (rc)
		return rc > 0 ? EXIT_FINAL : EXIT_USAGE;
	if (c.by && strcmp(c.by, "district") != 0 && strcmp(c.by, "province") != 0 &&
	    strcmp(c.by, "set") != 0 && strcmp(c.by, "level") != 0) {
		fprintf(stderr, _("ocop rank: cannot group by '%s' (expected district, province, set or "
		                  "level)\nTry 'ocop rank --help'.\n"), c.by);
		cli_free(&c);
		return EXIT_USAGE;
	}
	rc = rows_load(&rs, &c, c.args, c.nargs);
	if (rc != 0)
		goto done;
	rc = c.problems || ocop_batch_orphan_errors(c.batch) ? EXIT_RESULTS : EXIT_FINAL;
	kept = rows = rs.v;
	n = rs.n;
	for (size_t i = 0; i < n; i++) {
		if (rows[i].status != OCOP_STATUS_OK)
			rc = EXIT_RESULTS;
		if (rows[i].status == OCOP_STATUS_INVALID || rows[i].status == OCOP_STATUS_ELIMINATED ||
		    rows[i].status == OCOP_STATUS_UNSCORED) {
			fprintf(stderr,
			        rows[i].status == OCOP_STATUS_INVALID
			                ? _("ocop rank: %s not ranked: invalid dossier\n")
			        : rows[i].status == OCOP_STATUS_ELIMINATED
			                ? _("ocop rank: %s not ranked: eliminated\n")
			                : _("ocop rank: %s not ranked: to be scored\n"),
			        rows_meta(&rows[i], OCOP_F_PRODUCT_ID));
			continue;
		}
		rows[i].group = group_of(&c, &rows[i]);
		/* (a group like the row before's shares its key) */
		if (m > 0 && strcmp(rows[i].group, kept[m - 1].group) == 0) {
			rows[i].group_key = kept[m - 1].group_key;
			rows[i].group_key_len = kept[m - 1].group_key_len;
		} else {
			rows[i].group_key = key_of(&rs, rows[i].group, &rows[i].group_key_len);
		}
		rows[i].id_key = key_of(&rs, rows_meta(&rows[i], OCOP_F_PRODUCT_ID), &rows[i].id_key_len);
		if (!rows[i].group_key || !rows[i].id_key) {
			fputs(_("ocop rank: out of memory\n"), stderr);
			rc = EXIT_INPUT;
			goto done;
		}
		kept[m++] = rows[i];
	}
	qsort(kept, m, sizeof *kept, rank_cmp);
	fmt = cli_format(&c);
	size_t wid = 8, wname = 12;
	for (size_t i = 0; i < m; i++) {
		if (ocop_text_width(rows_meta(&kept[i], OCOP_F_PRODUCT_ID)) > wid)
			wid = ocop_text_width(rows_meta(&kept[i], OCOP_F_PRODUCT_ID));
		if (ocop_text_width(rows_meta(&kept[i], OCOP_F_PRODUCT_NAME)) > wname)
			wname = ocop_text_width(rows_meta(&kept[i], OCOP_F_PRODUCT_NAME));
	}
	/* rank, id, name's gap, set, total, stars, C A B (a re-score note may follow) */
	wname = rows_name_cols(wname, 6 + wid + 2 + 2 + 7 + 8 + 6 + 20);
	if (fmt == OCOP_OUT_CSV)
		fprintf(c.out, "%s%srank,product_id,product_name,set,total,stars,part_c,part_a,part_b,"
		               "status\n", group_column(&c) ? c.by : "", group_column(&c) ? "," : "");
	if (fmt == OCOP_OUT_JSON)
		fputs("[", c.out);
	struct ocop_book *book = NULL;
	char book_path[4096] = "";
	if (fmt == OCOP_OUT_XLSX && (rc = rank_xlsx_open(&c, &book, book_path, sizeof book_path)))
		goto done;
	if (fmt == OCOP_OUT_TABLE) {
		const char *h1 = C_("table column", "Rank"), *h2 = C_("table column", "Product"),
		           *h3 = C_("table column", "Name");
		emit_pad(c.out, ocop_text_width(h1), 4);
		fprintf(c.out, "%s  ", h1);
		fputs(h2, c.out);
		emit_pad(c.out, ocop_text_width(h2), wid + 2);
		fputs(h3, c.out);
		emit_pad(c.out, ocop_text_width(h3), wname + 2);
		const char *h4 = C_("table column", "Set"), *h5 = C_("table column", "Total"),
		           *h6 = C_("table column", "Stars");
		fputs(h4, c.out);
		emit_pad(c.out, ocop_text_width(h4), 7);
		emit_pad(c.out, ocop_text_width(h5), 6);
		fputs(h5, c.out);
		fputs("  ", c.out);
		fputs(h6, c.out);
		emit_pad(c.out, ocop_text_width(h6), 6);
		fprintf(c.out, "%6s %6s %6s\n", "C", "A", "B");
	}
	long shown = 0;
	struct sb line = {0};
	for (size_t i = 0, pos = 0; i < m; i++, pos++) {
		int new_group = i == 0 || strcmp(kept[i].group, kept[i - 1].group) != 0;
		if (new_group) {
			pos = 0;
			if (fmt == OCOP_OUT_TABLE && c.by)
				fprintf(c.out, "%s%s\n", i ? "\n" : "", *kept[i].group ? kept[i].group : "—");
		}
		if (new_group)
			kept[i].rank = 1;
		else if (better(&kept[i], &kept[i - 1]) == 0)
			kept[i].rank = kept[i - 1].rank;
		else
			kept[i].rank = c.dense ? kept[i - 1].rank + 1 : (long)pos + 1;
		if (c.top && kept[i].rank > c.top)
			continue;
		if (book)
			rank_xlsx_row(&c, book, &kept[i]);
		else
			rank_row(&c, fmt, &kept[i], shown == 0, wid, wname, &line);
		shown++;
	}
	sb_free(&line);
	int bc = cli_book_close(&c, book, book_path, 1);
	if (bc)
		rc = bc;
	if (fmt == OCOP_OUT_JSON)
		fputs(shown ? "\n]\n" : "]\n", c.out);
	int oc = cli_out_close(&c, 1);
	if (oc)
		rc = oc;
done:
	rows_free(&rs);
	cli_free(&c);
	return rc;
}

