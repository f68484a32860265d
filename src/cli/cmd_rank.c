/* ocop rank: products ranked by mean total, within groups if asked. */
#include "rows.h"

#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "ocop/book.h"
#include "ocop/text.h"
#include "ocop/write.h"

/* What the order reads of a ranked row, side by side: a comparison touches no row. */
struct rank_key {
	long sum, part[3];          /* total, parts C, A, B (sums over the members) */
	const char *id_key;         /* the id's collation key (ocop_text_collate_key), or the id
	                             * itself when every id is ASCII (rank_cmp_ascii) */
	unsigned id_key_len;
	unsigned group;             /* the group's place in collation order */
	unsigned idx;               /* the row (rows.v), in input order */
	int n, stars;
};

/* Best first: mean total (exact, as cross products), awarded stars, parts C, A, B. */
static int better(const struct rank_key *a, const struct rank_key *b)
{
	long x = a->sum * b->n, y = b->sum * a->n;

	if (x != y)
		return x > y ? -1 : 1;
	if (a->stars != b->stars)
		return a->stars > b->stars ? -1 : 1;
	for (int i = 0; i < 3; i++) {
		x = a->part[i] * b->n;
		y = b->part[i] * a->n;
		if (x != y)
			return x > y ? -1 : 1;
	}
	return 0;
}

/* Group (in collation order), then best first; 0 for a tie. */
static int group_better(const struct rank_key *a, const struct rank_key *b)
{
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	return better(a, b);
}

/* Group, best first, then product id (in collation order), then input order (as a stable sort). */
static int rank_cmp(const void *pa, const void *pb)
{
	const struct rank_key *a = pa, *b = pb;
	int g = group_better(a, b);

	if (g == 0)
		g = ocop_text_key_cmp(a->id_key, a->id_key_len, b->id_key, b->id_key_len);
	return g ? g : a->idx < b->idx ? -1 : a->idx > b->idx;
}

/* The same when every id is ASCII: the ids compare as their keys without them. */
static int rank_cmp_ascii(const void *pa, const void *pb)
{
	const struct rank_key *a = pa, *b = pb;
	int g = group_better(a, b);

	if (g == 0)
		g = ocop_text_collate(a->id_key, b->id_key);
	return g ? g : a->idx < b->idx ? -1 : a->idx > b->idx;
}

static int is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* s's collation key, kept in the rows' arena; NULL when out of memory. */
static const char *key_of(struct rows *rs, const char *s, size_t *len)
{
	char buf[512], *k;
	size_t n = ocop_text_collate_key(buf, sizeof buf, s);

	if (!(k = arena_bytes(&rs->arena, n)))
		return NULL;
	if (n <= sizeof buf)
		memcpy(k, buf, n);
	else
		n = ocop_text_collate_key(k, n, s);
	*len = n;
	return k;
}

struct group_key {
	const char *key;
	size_t len;
	unsigned ix;
};

static int group_cmp(const void *pa, const void *pb)
{
	const struct group_key *a = pa, *b = pb;

	return ocop_text_key_cmp(a->key, a->len, b->key, b->len);
}

/* order[ix]: the place of group ix in collation order; 0 when out of memory. */
static int group_order(struct rows *rs, unsigned *order)
{
	size_t n = rs->groups.n;
	struct group_key *g = malloc((n ? n : 1) * sizeof *g);

	if (!g)
		return 0;
	for (size_t i = 0; i < n; i++) {
		g[i].ix = (unsigned)i;
		if (!(g[i].key = key_of(rs, rs->groups.v[i], &g[i].len))) {
			free(g);
			return 0;
		}
	}
	qsort(g, n, sizeof *g, group_cmp);
	for (size_t i = 0; i < n; i++)
		order[g[i].ix] = (unsigned)i;
	free(g);
	return 1;
}

/* A group column of its own, unless the grouping is already a column (set). */
static int group_column(const struct cli *c)
{
	return c->by && strcmp(c->by, "set") != 0;
}

/* The CSV output's columns as a workbook row, numbers as numbers. */
static void rank_xlsx_row(struct cli *c, struct ocop_book *b, const struct row *r, long rank)
{
	if (group_column(c))
		ocop_book_str(b, r->group);
	ocop_book_num(b, (double)rank);
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

/* A CSV row assembled in line and written at once, its numbers from the row's key k; 0 when
 * memory ran out (rank_row then prints it piece by piece). */
static int rank_csv(struct cli *c, const struct row *r, const struct rank_key *k, long rank,
                    struct sb *line)
{
	struct sb *b = line;
	int mean = r->status != OCOP_STATUS_INVALID && r->status != OCOP_STATUS_UNSCORED;

	b->len = 0;
	if (group_column(c)) {
		sb_csv(b, r->group);
		sb_putc(b, ',');
	}
	sb_int(b, rank);
	sb_putc(b, ',');
	sb_csv(b, r->id);
	sb_putc(b, ',');
	sb_csv(b, r->name);
	sb_putc(b, ',');
	sb_puts(b, r->set ? r->set : "(null)");    /* (as printf wrote it) */
	sb_putc(b, ',');
	if (mean)                                   /* rows_mean's */
		sb_mean(b, k->sum, k->n);
	sb_putc(b, ',');
	sb_int(b, k->stars);
	for (int i = 0; i < 3; i++) {               /* C, A, B */
		sb_putc(b, ',');
		if (mean)
			sb_mean(b, k->part[i], k->n);
	}
	sb_putc(b, ',');
	sb_puts(b, ocop_status_name(r->status));
	sb_putc(b, '\n');
	if (b->failed)
		return 0;
	fwrite(b->s, 1, b->len, c->out);
	return 1;
}

static void rank_row(struct cli *c, int fmt, const struct row *r, const struct rank_key *k,
                     long rank, int first, size_t wid, size_t wname, struct sb *line)
{
	FILE *f = c->out;
	char total[32], pa[32], pb[32], pc[32];

	if (fmt == OCOP_OUT_CSV && !line->failed && rank_csv(c, r, k, rank, line))
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
		fprintf(f, "%ld,", rank);
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
		fprintf(f, "\"rank\":%ld,\"product_id\":", rank);
		emit_json(f, r->id);
		fputs(",\"product_name\":", f);
		emit_json(f, r->name);
		fputs(",\"set\":", f);
		emit_json(f, r->set);
		fprintf(f, ",\"total\":%s,\"stars\":%d,\"part_c\":%s,\"part_a\":%s,\"part_b\":%s,"
		        "\"status\":\"%s\"}", total, r->stars, pc, pa, pb, ocop_status_name(r->status));
		if (fmt == OCOP_OUT_NDJSON)
			putc('\n', f);
		return;
	}
	fprintf(f, "%4ld  ", rank);
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
	const struct row *rows;
	struct rank_key *keys = NULL;
	unsigned *order = NULL;
	size_t n, m = 0;
	long rank = 0;
	int ascii = 1;
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
	/* only the id and the name of the fields, and the group once per group */
	rs.compact = 1;
	if (c.by)
		rs.group = strcmp(c.by, "set") == 0        ? ROWS_GROUP_SET
		           : strcmp(c.by, "district") == 0 ? ROWS_GROUP_FIELD(OCOP_F_DISTRICT)
		           : strcmp(c.by, "province") == 0 ? ROWS_GROUP_FIELD(OCOP_F_PROVINCE)
		                                           : ROWS_GROUP_FIELD(OCOP_F_LEVEL);
	rc = rows_load(&rs, &c, c.args, c.nargs);
	if (rc != 0)
		goto done;
	rc = c.problems || ocop_batch_orphan_errors(c.batch) ? EXIT_RESULTS : EXIT_FINAL;
	rows = rs.v;
	n = rs.n;
	if (n > 0xFFFFFFFEu || !(keys = malloc((n ? n : 1) * sizeof *keys)) ||
	    !(order = calloc(rs.groups.n + 1, sizeof *order)) || !group_order(&rs, order)) {
		fputs(_("ocop rank: out of memory\n"), stderr);
		rc = EXIT_INPUT;
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		struct rank_key *k = &keys[m];
		if (r->status != OCOP_STATUS_OK)
			rc = EXIT_RESULTS;
		if (r->status == OCOP_STATUS_INVALID || r->status == OCOP_STATUS_ELIMINATED ||
		    r->status == OCOP_STATUS_UNSCORED) {
			fprintf(stderr,
			        r->status == OCOP_STATUS_INVALID
			                ? _("ocop rank: %s not ranked: invalid dossier\n")
			        : r->status == OCOP_STATUS_ELIMINATED
			                ? _("ocop rank: %s not ranked: eliminated\n")
			                : _("ocop rank: %s not ranked: to be scored\n"),
			        rows_meta(r, OCOP_F_PRODUCT_ID));
			continue;
		}
		k->id_key = rows_meta(r, OCOP_F_PRODUCT_ID);
		ascii &= is_ascii(k->id_key);
		k->sum = r->sum;
		k->part[0] = r->part[2];        /* C, A, B */
		k->part[1] = r->part[0];
		k->part[2] = r->part[1];
		k->group = rs.group ? order[r->group_ix] : 0;
		k->idx = (unsigned)i;
		k->n = r->n;
		k->stars = r->stars;
		m++;
	}
	/* ids beyond ASCII: their keys, made once */
	for (size_t i = 0; !ascii && i < m; i++) {
		size_t len;
		if (!(keys[i].id_key = key_of(&rs, keys[i].id_key, &len)) || len > 0xFFFFFFFFu) {
			fputs(_("ocop rank: out of memory\n"), stderr);
			rc = EXIT_INPUT;
			goto done;
		}
		keys[i].id_key_len = (unsigned)len;
	}
	qsort(keys, m, sizeof *keys, ascii ? rank_cmp_ascii : rank_cmp);
	fmt = cli_format(&c);
	size_t wid = 8, wname = 12;
	for (size_t i = 0; fmt == OCOP_OUT_TABLE && i < m; i++) {
		const struct row *r = &rows[keys[i].idx];
		if (ocop_text_width(rows_meta(r, OCOP_F_PRODUCT_ID)) > wid)
			wid = ocop_text_width(rows_meta(r, OCOP_F_PRODUCT_ID));
		if (ocop_text_width(rows_meta(r, OCOP_F_PRODUCT_NAME)) > wname)
			wname = ocop_text_width(rows_meta(r, OCOP_F_PRODUCT_NAME));
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
		const struct row *r = &rows[keys[i].idx];
		int new_group;
#if defined(__GNUC__)
		/* the rows in sorted order are scattered: ask for the row, then its strings, ahead */
		if (i + 16 < m)
			__builtin_prefetch(&rows[keys[i + 16].idx]);
		if (i + 8 < m)
			__builtin_prefetch(rows[keys[i + 8].idx].id);
#endif
		new_group = i == 0 || keys[i].group != keys[i - 1].group;
		if (new_group) {
			pos = 0;
			if (fmt == OCOP_OUT_TABLE && c.by)
				fprintf(c.out, "%s%s\n", i ? "\n" : "", *r->group ? r->group : "—");
		}
		if (new_group)
			rank = 1;
		else if (better(&keys[i], &keys[i - 1]) != 0)
			rank = c.dense ? rank + 1 : (long)pos + 1;
		if (c.top && rank > c.top)
			continue;
		if (book)
			rank_xlsx_row(&c, book, r, rank);
		else
			rank_row(&c, fmt, r, &keys[i], rank, shown == 0, wid, wname, &line);
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
	free(keys);
	free(order);
	rows_free(&rs);
	cli_free(&c);
	return rc;
}

