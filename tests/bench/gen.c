/* gen — deterministic OCOP season generator for the benchmark (tests/bench/run.sh).
 *
 *   gen N M OUTDIR
 *
 * Writes N products × M council members (default M = 5) to
 *   OUTDIR/season.csv       wide CSV, one row per member (~160 bytes a row)
 *   OUTDIR/season-long.csv  long CSV (product_id,set,member,criterion,points), one row per
 *                           member and leaf criterion
 *   OUTDIR/season.ndjson    one dossier object per line
 *   OUTDIR/season.json      the same dossiers as one JSON array, one element per line
 * Products are contiguous, ids B000001…, evaluated on 2024-10-01, in four sets of regime 148.
 * Output depends only on N and M (fixed seed, xorshift64*); no dependencies: cc -O2 gen.c.
 *
 * The leaf tables below were transcribed from data/criteria/148.json: each leaf's options'
 * points; a member may also give 0 (no option), which the generator does rarely. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct leaf {
	const char *id;
	int n;      /* number of options */
	int pts[6]; /* the options' points, ascending */
};

/* ---- transcribed from data/criteria/148.json (sets 1, 6, 8, 9) ---- */
static const struct leaf set_I_1_a[] = {
	{"1.a", 3, {1, 3, 5}},
	{"1.b", 3, {1, 2, 3}},
	{"1.c", 3, {1, 2, 3}},
	{"1.d", 4, {0, 1, 2, 3}},
	{"1.dd", 3, {1, 2, 3}},
	{"1.e", 2, {0, 1}},
	{"2.a", 4, {0, 1, 3, 4}},
	{"2.b", 4, {0, 1, 2, 3}},
	{"2.c", 3, {1, 2, 3}},
	{"3.a", 3, {1, 2, 3}},
	{"3.b", 2, {0, 1}},
	{"3.c", 2, {1, 3}},
	{"3.d", 2, {1, 2}},
	{"3.dd", 2, {0, 1}},
	{"3.e", 2, {1, 2}},
	{"4.a", 4, {1, 2, 3, 5}},
	{"4.b", 4, {0, 1, 3, 4}},
	{"4.c", 5, {0, 1, 2, 3, 4}},
	{"5.a", 6, {0, 1, 2, 3, 4, 5}},
	{"5.b", 4, {0, 1, 3, 5}},
	{"5.c", 3, {0, 1, 2}},
	{"6.a", 3, {0, 1, 2}},
	{"6.b", 5, {0, 1, 2, 3, 5}},
	{"6.c", 4, {0, 1, 2, 3}},
	{"6.d", 4, {0, 1, 2, 3}},
	{"7", 3, {0, 1, 2}},
	{"8", 4, {0, 1, 3, 5}},
	{"9.a", 3, {0, 1, 2}},
	{"9.b", 4, {0, 1, 2, 3}},
	{"10", 5, {0, 1, 2, 3, 5}},
	{"11", 2, {1, 2}},
	{"12", 3, {1, 2, 3}},
};
static const struct leaf set_I_3_b[] = {
	{"1.a", 3, {1, 3, 5}},
	{"1.b", 3, {1, 2, 3}},
	{"1.c", 3, {1, 2, 3}},
	{"1.d", 4, {0, 1, 2, 3}},
	{"1.dd", 3, {1, 2, 3}},
	{"1.e", 2, {0, 1}},
	{"2.a", 4, {0, 1, 3, 4}},
	{"2.b", 4, {0, 1, 2, 3}},
	{"2.c", 3, {1, 2, 3}},
	{"3.a", 3, {1, 2, 3}},
	{"3.b", 2, {0, 1}},
	{"3.c", 2, {1, 3}},
	{"3.d", 2, {1, 2}},
	{"3.dd", 2, {0, 1}},
	{"3.e", 2, {1, 2}},
	{"4.a", 4, {1, 2, 3, 5}},
	{"4.b", 4, {0, 1, 3, 4}},
	{"4.c", 5, {0, 1, 2, 3, 4}},
	{"5.a", 6, {0, 1, 2, 3, 4, 5}},
	{"5.b", 4, {0, 1, 3, 5}},
	{"5.c", 3, {0, 1, 2}},
	{"6.a", 3, {0, 1, 2}},
	{"6.b", 4, {0, 1, 2, 3}},
	{"6.c", 4, {0, 1, 2, 3}},
	{"6.d", 4, {0, 1, 2, 3}},
	{"6.dd", 4, {0, 1, 3, 5}},
	{"7", 4, {0, 1, 3, 5}},
	{"8.a", 3, {0, 1, 2}},
	{"8.b", 3, {0, 1, 2}},
	{"9", 5, {0, 1, 2, 3, 5}},
	{"10", 2, {1, 2}},
	{"11", 3, {1, 2, 3}},
};
static const struct leaf set_I_3_d[] = {
	{"1.a", 3, {1, 3, 5}},
	{"1.b", 3, {1, 2, 3}},
	{"1.c", 3, {1, 2, 3}},
	{"1.d", 4, {0, 1, 2, 3}},
	{"1.dd", 3, {1, 2, 3}},
	{"1.e", 2, {0, 1}},
	{"2.a", 4, {0, 1, 3, 4}},
	{"2.b", 4, {0, 1, 2, 3}},
	{"2.c", 3, {1, 2, 3}},
	{"3.a", 3, {1, 2, 3}},
	{"3.b", 2, {0, 1}},
	{"3.c", 2, {1, 3}},
	{"3.d", 2, {1, 2}},
	{"3.dd", 2, {0, 1}},
	{"3.e", 2, {1, 2}},
	{"4.a", 4, {1, 2, 3, 5}},
	{"4.b", 4, {0, 1, 3, 4}},
	{"4.c", 5, {0, 1, 2, 3, 4}},
	{"5.a", 6, {0, 1, 2, 3, 4, 5}},
	{"5.b", 4, {0, 1, 3, 5}},
	{"5.c", 3, {0, 1, 2}},
	{"6.a", 3, {0, 1, 2}},
	{"6.b", 4, {0, 1, 2, 3}},
	{"6.c", 4, {0, 1, 2, 3}},
	{"6.d", 4, {0, 1, 2, 3}},
	{"6.dd", 4, {0, 1, 3, 5}},
	{"7", 4, {0, 1, 3, 5}},
	{"8.a", 3, {0, 1, 2}},
	{"8.b", 3, {0, 1, 2}},
	{"9", 5, {0, 1, 2, 3, 5}},
	{"10", 2, {1, 2}},
	{"11", 3, {1, 2, 3}},
};
static const struct leaf set_I_4_a[] = {
	{"1.a", 3, {1, 3, 5}},
	{"1.b", 3, {1, 2, 3}},
	{"1.c", 3, {1, 2, 3}},
	{"1.d", 4, {0, 1, 2, 3}},
	{"1.dd", 3, {1, 2, 3}},
	{"1.e", 2, {0, 1}},
	{"2.a", 4, {0, 1, 3, 4}},
	{"2.b", 4, {0, 1, 2, 3}},
	{"2.c", 3, {1, 2, 3}},
	{"3.a", 3, {1, 2, 3}},
	{"3.b", 2, {0, 1}},
	{"3.c", 2, {1, 3}},
	{"3.d", 2, {1, 2}},
	{"3.dd", 2, {0, 1}},
	{"3.e", 2, {1, 2}},
	{"4.a", 4, {1, 2, 3, 5}},
	{"4.b", 4, {0, 1, 3, 4}},
	{"4.c", 5, {0, 1, 2, 3, 4}},
	{"5.a", 6, {0, 1, 2, 3, 4, 5}},
	{"5.b", 4, {0, 1, 3, 5}},
	{"5.c", 3, {0, 1, 2}},
	{"6.a", 3, {0, 1, 2}},
	{"6.b", 4, {0, 1, 2, 3}},
	{"6.c", 4, {0, 1, 2, 3}},
	{"6.d", 4, {0, 1, 2, 3}},
	{"6.dd", 4, {0, 1, 3, 5}},
	{"7", 4, {0, 1, 3, 5}},
	{"8.a", 3, {0, 1, 2}},
	{"8.b", 3, {0, 1, 2}},
	{"9", 5, {0, 1, 2, 3, 5}},
	{"10", 2, {1, 2}},
	{"11", 3, {1, 2, 3}},
};
/* ---- end of transcription ---- */

#define NLEAF(a) ((int)(sizeof(a) / sizeof((a)[0])))

struct set {
	const char *code;
	const struct leaf *leaves;
	int nleaves;
	int weight; /* share of products, percent */
	const char *const *products;
	int nproducts;
};

static const char *const fresh[] = {
	"Xoài cát Hòa Lộc",      "Bưởi da xanh",        "Chuối già Nam Mỹ",    "Nhãn xuồng cơm vàng",
	"Thanh long ruột đỏ",    "Sầu riêng Ri6",       "Rau muống hạt an toàn", "Dưa lưới Taki",
	"Măng cụt Lái Thiêu",    "Khoai lang tím Nhật", "Cam sành",            "Chôm chôm Java",
};
static const char *const grain[] = {
	"Gạo thơm ST25",        "Bánh tráng phơi sương", "Bún khô gạo lứt",     "Cốm dẹp",
	"Bánh phồng nếp",       "Gạo huyết rồng",       "Hủ tiếu khô",         "Bột gạo nếp",
	"Bánh đa vừng đen",     "Miến dong",
};
static const char *const meat[] = {
	"Khô cá lóc một nắng",  "Lạp xưởng tươi",      "Chà bông cá hồi",     "Mắm cá linh",
	"Trứng vịt muối",       "Sữa chua nếp cẩm",    "Khô bò",              "Tôm khô đất",
	"Nem chua",             "Cá thát lát rút xương",
};
static const char *const sauce[] = {
	"Nước mắm cá cơm",      "Tương ớt xí muội",    "Nước tương đậu nành", "Giấm gạo lên men",
	"Nước mắm nhĩ",         "Sa tế tôm",           "Mắm ruốc",            "Tương bần",
};

static const struct set sets[] = {
	{"I.1.a", set_I_1_a, NLEAF(set_I_1_a), 40, fresh, NLEAF(fresh)},
	{"I.3.b", set_I_3_b, NLEAF(set_I_3_b), 25, grain, NLEAF(grain)},
	{"I.3.d", set_I_3_d, NLEAF(set_I_3_d), 20, meat, NLEAF(meat)},
	{"I.4.a", set_I_4_a, NLEAF(set_I_4_a), 15, sauce, NLEAF(sauce)},
};
#define NSETS NLEAF(sets)

/* Wide-CSV criterion columns: the union of the four sets' leaf ids. */
static const char *const columns[] = {
	"1.a", "1.b", "1.c", "1.d", "1.dd", "1.e", "2.a", "2.b", "2.c", "3.a", "3.b", "3.c",
	"3.d", "3.dd", "3.e", "4.a", "4.b", "4.c", "5.a", "5.b", "5.c", "6.a", "6.b", "6.c",
	"6.d", "6.dd", "7",   "8",   "8.a", "8.b", "9",   "9.a", "9.b", "10",  "11",  "12",
};
#define NCOLS NLEAF(columns)

static const char *const communes[] = {
	"Bình Thủy", "Khánh Hòa", "Mỹ Đức",   "Thạnh Mỹ Tây", "Vĩnh Thạnh Trung", "Ô Long Vỹ",
	"Mỹ Phú",    "Bình Mỹ",   "Đào Hữu Cảnh", "Phú Hiệp",  "Tân Lộc",          "Hòa Bình Thạnh",
};
static const struct {
	const char *district, *province;
} places[] = {
	{"Huyện Châu Phú", "An Giang"},     {"Huyện Chợ Mới", "An Giang"},        {"Huyện Cao Lãnh", "Đồng Tháp"},
	{"Huyện Lấp Vò", "Đồng Tháp"},      {"Huyện Cái Bè", "Tiền Giang"},       {"Huyện Phong Điền", "Cần Thơ"},
	{"Huyện Trà Ôn", "Vĩnh Long"},      {"Huyện Châu Thành", "Bến Tre"},      {"Huyện Long Hồ", "Vĩnh Long"},
};

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rnd(void) /* xorshift64* */
{
	uint64_t x = rng_state;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	rng_state = x;
	return x * 0x2545F4914F6CDD1Dull;
}

static int below(int n) { return (int)((rnd() >> 33) % (uint64_t)n); }

struct out {
	FILE *f;
	const char *path;
};

static void die(const char *what, const char *path)
{
	fprintf(stderr, "gen: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static FILE *open_out(const char *dir, const char *name, char *path, size_t cap)
{
	snprintf(path, cap, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f)
		die("cannot create", path);
	setvbuf(f, NULL, _IOFBF, 1 << 20);
	return f;
}

int main(int argc, char **argv)
{
	if (argc != 4 && argc != 3) {
		fprintf(stderr, "usage: gen N M OUTDIR   (N products, M members each; M default 5)\n");
		return 2;
	}
	long n = strtol(argv[1], NULL, 10);
	int m = argc == 4 ? atoi(argv[2]) : 5;
	const char *dir = argv[argc - 1];
	if (n < 1 || n > 9999999 || m < 1 || m > 99) {
		fprintf(stderr, "gen: N must be 1..9999999 and M 1..99\n");
		return 2;
	}

	char pw[4096], pl[4096], pj[4096];
	FILE *w = open_out(dir, "season.csv", pw, sizeof pw);
	FILE *l = open_out(dir, "season-long.csv", pl, sizeof pl);
	FILE *j = open_out(dir, "season.ndjson", pj, sizeof pj);

	/* column index -> leaf index, per set */
	int colleaf[NSETS][NCOLS];
	for (int s = 0; s < NSETS; s++)
		for (int c = 0; c < NCOLS; c++) {
			colleaf[s][c] = -1;
			for (int k = 0; k < sets[s].nleaves; k++)
				if (strcmp(sets[s].leaves[k].id, columns[c]) == 0)
					colleaf[s][c] = k;
		}

	fputs("product_id,set,member,product_name,district,province,evaluated_on", w);
	for (int c = 0; c < NCOLS; c++)
		fprintf(w, ",%s", columns[c]);
	fputc('\n', w);
	fputs("product_id,set,member,criterion,points\n", l);

	int base[64], pts[64];
	for (long p = 1; p <= n; p++) {
		int r = below(100), s = 0;
		while (r >= sets[s].weight) {
			r -= sets[s].weight;
			s++;
		}
		const struct set *st = &sets[s];
		const char *prod = st->products[below(st->nproducts)];
		const char *commune = communes[below(NLEAF(communes))];
		int place = below(NLEAF(places));
		char id[16];
		snprintf(id, sizeof id, "B%06ld", p);

		/* A product's quality (30..100, mean 65) sets its typical option on every leaf: mostly
		 * mid-range, a few weak and a few excellent products. */
		int q = 30 + (below(71) + below(71) + below(71)) / 3;
		for (int k = 0; k < st->nleaves; k++) {
			int no = st->leaves[k].n;
			int b = (q * (no - 1) + 50) / 100 + (below(4) == 0 ? below(3) - 1 : 0);
			base[k] = b < 0 ? 0 : b >= no ? no - 1 : b;
		}

		fprintf(j,
		        "{\"product_id\":\"%s\",\"set\":\"%s\",\"product_name\":\"%s %s\","
		        "\"district\":\"%s\",\"province\":\"%s\",\"evaluated_on\":\"2024-10-01\","
		        "\"members\":[",
		        id, st->code, prod, commune, places[place].district, places[place].province);
		for (int mb = 1; mb <= m; mb++) {
			/* members mostly agree; one in five leaves is one option off */
			for (int k = 0; k < st->nleaves; k++) {
				const struct leaf *lf = &st->leaves[k];
				int o = base[k];
				if (below(5) == 0)
					o += below(2) ? 1 : -1;
				o = o < 0 ? 0 : o >= lf->n ? lf->n - 1 : o;
				pts[k] = below(200) == 0 ? 0 : lf->pts[o]; /* rarely: no option ticked */
			}
			fprintf(w, "%s,%s,TV%d,%s %s,%s,%s,2024-10-01", id, st->code, mb, prod, commune,
			        places[place].district, places[place].province);
			for (int c = 0; c < NCOLS; c++) {
				int k = colleaf[s][c];
				if (k < 0)
					fputc(',', w);
				else
					fprintf(w, ",%d", pts[k]);
			}
			fputc('\n', w);
			fprintf(j, "%s{\"member\":\"TV%d\",\"points\":{", mb > 1 ? "," : "", mb);
			for (int k = 0; k < st->nleaves; k++) {
				fprintf(l, "%s,%s,TV%d,%s,%d\n", id, st->code, mb, st->leaves[k].id, pts[k]);
				fprintf(j, "%s\"%s\":%d", k ? "," : "", st->leaves[k].id, pts[k]);
			}
			fputs("}}", j);
		}
		fputs("]}\n", j);
	}
	if (fclose(w) != 0)
		die("cannot write", pw);
	if (fclose(l) != 0)
		die("cannot write", pl);
	if (fclose(j) != 0)
		die("cannot write", pj);

	/* The JSON array: the NDJSON lines, separated by commas. */
	char pa[4096];
	FILE *a = open_out(dir, "season.json", pa, sizeof pa);
	if (!(j = fopen(pj, "r")))
		die("cannot read", pj);
	int c, prev = '\n';
	fputs("[\n", a);
	while ((c = getc(j)) != EOF) {
		if (prev == '\n' && ftell(a) > 2)
			fputs(",\n", a);
		if (c != '\n')
			putc(c, a);
		prev = c;
	}
	fputs("\n]\n", a);
	fclose(j);
	if (fclose(a) != 0)
		die("cannot write", pa);
	return 0;
}
