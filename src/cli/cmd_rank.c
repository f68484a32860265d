/* ocop rank: products ranked by mean total, within groups if asked. */
#include "rows.h"

#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "ocop/book.h"
#include "ocop/text.h"
#include "ocop/write.h"

/* What rank keeps of a product, side by side (its row is dropped as the input streams past): a
 * comparison reads no other memory. */
struct rank_key {
	long sum, part[3];          /* total, parts C, A, B (sums over the members) */
	const char *id_key;         /* the id's collation key (ocop_text_collate_key), or the id
	                             * itself when every id is ASCII (rank_cmp_ascii) */
	const char *id, *name, *set;
	unsigned id_key_len;
	unsigned group;             /* the group's index in rows.groups, then its place in
	                             * collation order */
	unsigned idx;               /* input order */
	int n, stars, status;
};

/* The products kept, in input order until sorted. */
struct ranking {
	struct rank_key *v;
	size_t n, cap;
};

/* rows.take: r's key. */
static int take(struct rows *rs, const struct row *r)
{
	struct ranking *rk = rs->take_ctx;
	struct rank_key *k;

	if (rk->n == rk->cap) {
		size_t cap = rk->cap ? 2 * rk->cap : 1024;
		struct rank_key *v = rk->n < 0xFFFFFFFEu ? realloc(rk->v, cap * sizeof *v) : NULL;
		if (!v)
			return 0;
		rk->v = v;
		rk->cap = cap;
	}
	k = &rk->v[rk->n];
	k->sum = r->sum;
	k->part[0] = r->part[2];    /* C, A, B */
	k->part[1] = r->part[0];
	k->part[2] = r->part[1];
	k->id_key = NULL;
	k->id = r->id;
	k->name = r->name;
	k->set = r->set;
	k->id_key_len = 0;
	k->group = r->group_ix;
	k->idx = (unsigned)rk->n++;
	k->n = r->n;
	k->stars = r->stars;
	k->status = r->status;
	return 1;
}

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
	struct ranking rk = {0};
	struct rank_key *keys;
	unsigned *order = NULL;
	const char **group_name = NULL;
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
	/* a key per product (only the id and the name of the fields, the group once per group) */
	rs.compact = 1;
	rs.take = take;
	rs.take_ctx = &rk;
	if (c.by)
		rs.group = strcmp(c.by, "set") == 0        ? ROWS_GROUP_SET
		           : strcmp(c.by, "district") == 0 ? ROWS_GROUP_FIELD(OCOP_F_DISTRICT)
		           : strcmp(c.by, "province") == 0 ? ROWS_GROUP_FIELD(OCOP_F_PROVINCE)
		                                           : ROWS_GROUP_FIELD(OCOP_F_LEVEL);
	rc = rows_load(&rs, &c, c.args, c.nargs);
	if (rc != 0)
		goto done;
	rc = c.problems || ocop_batch_orphan_errors(c.batch) ? EXIT_RESULTS : EXIT_FINAL;
	keys = rk.v;
	n = rk.n;
	if (!(order = calloc(rs.groups.n + 1, sizeof *order)) ||
	    !(group_name = calloc(rs.groups.n + 1, sizeof *group_name)) || !group_order(&rs, order)) {
		fputs(_("ocop rank: out of memory\n"), stderr);
		rc = EXIT_INPUT;
		goto done;
	}
	for (size_t i = 0; i < rs.groups.n; i++)
		group_name[order[i]] = rs.groups.v[i];
	if (!rs.group)
		group_name[0] = "";
	for (size_t i = 0; i < n; i++) {
		const struct rank_key *k = &keys[i];
		if (k->status != OCOP_STATUS_OK)
			rc = EXIT_RESULTS;
		if (k->status == OCOP_STATUS_INVALID || k->status == OCOP_STATUS_ELIMINATED ||
		    k->status == OCOP_STATUS_UNSCORED) {
			fprintf(stderr,
			        k->status == OCOP_STATUS_INVALID
			                ? _("ocop rank: %s not ranked: invalid dossier\n")
			        : k->status == OCOP_STATUS_ELIMINATED
			                ? _("ocop rank: %s not ranked: eliminated\n")
			                : _("ocop rank: %s not ranked: to be scored\n"),
			        k->id ? k->id : "");
			continue;
		}
		keys[m] = *k;
		keys[m].id_key = k->id ? k->id : "";
		keys[m].group = rs.group ? order[k->group] : 0;
		ascii &= is_ascii(keys[m].id_key);
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
	if (m > 0)                  /* (keys is NULL for no product) */
		qsort(keys, m, sizeof *keys, ascii ? rank_cmp_ascii : rank_cmp);
	fmt = cli_format(&c);
	size_t wid = 8, wname = 12;
	for (size_t i = 0; fmt == OCOP_OUT_TABLE && i < m; i++) {
		const char *id = keys[i].id ? keys[i].id : "", *name = keys[i].name ? keys[i].name : "";
		if (ocop_text_width(id) > wid)
			wid = ocop_text_width(id);
		if (ocop_text_width(name) > wname)
			wname = ocop_text_width(name);
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
		const struct rank_key *k = &keys[i];
		/* the row of the output's functions (group, id, name, set and numbers) */
		struct row row = {.id = k->id, .name = k->name, .set = k->set,
		                  .group = group_name[k->group], .sum = k->sum,
		                  .part = {k->part[1], k->part[2], k->part[0]}, .n = k->n,
		                  .status = (signed char)k->status, .stars = (signed char)k->stars};
		const struct row *r = &row;
		int new_group = i == 0 || k->group != keys[i - 1].group;
#if defined(__GNUC__)
		/* the ids and names in sorted order are scattered: ask for them ahead */
		if (i + 8 < m)
			__builtin_prefetch(keys[i + 8].id);
#endif
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
			rank_row(&c, fmt, r, k, rank, shown == 0, wid, wname, &line);
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
	free(rk.v);
	free(order);
	free(group_name);
	rows_free(&rs);
	cli_free(&c);
	return rc;
}

