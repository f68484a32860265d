/* embed — compiles criteria files into C: every regime is loaded and checked with the library's
 * own loader, then written out as static tables, so that ocop starts without parsing any JSON.
 * Build-time tool. usage: embed OUT.c FILE.json…  (a file with "sets_from" follows its base) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ocop/criteria.h"

#define MAX 16

static FILE *out;

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    !(buf = malloc((size_t)n + 1)) || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "embed: %s: cannot read\n", path);
		exit(1);
	}
	fclose(f);
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

/* A C string literal; non-ASCII bytes as three-digit octal escapes. */
static void str(const char *s)
{
	if (!s) {
		fputs("NULL", out);
		return;
	}
	putc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7F)
			fprintf(out, "\\%03o", *p);
		else
			putc(*p, out);
	}
	putc('"', out);
}

/* Two strings as initializers: `a, b`. */
static void str2(const char *a, const char *b)
{
	str(a);
	fputs(", ", out);
	str(b);
}

static void set_tables(int r, int si, const struct ocop_set *s)
{
	size_t k = 0;

	fprintf(out, "static const struct ocop_option opt_%d_%d[] = {\n", r, si);
	for (size_t c = 0; c < s->ncriteria; c++)
		for (size_t o = 0; o < s->criteria[c].noptions; o++) {
			const struct ocop_option *op = &s->criteria[c].options[o];
			fprintf(out, "\t{%d, %d, %d, ", op->points, op->mark, op->kase);
			str2(op->label_vi, op->label_en);
			fputs(", ", out);
			str(op->text_vi);
			fputs("},\n", out);
		}
	fputs("\t{0, 0, 0, NULL, NULL, NULL}};\n", out);
	fprintf(out, "static const struct ocop_criterion crit_%d_%d[] = {\n", r, si);
	for (size_t c = 0; c < s->ncriteria; c++) {
		const struct ocop_criterion *cr = &s->criteria[c];
		fputs("\t{", out);
		str(cr->id);
		fputs(", ", out);
		str2(cr->label_vi, cr->label_en);
		fprintf(out, ", %d, %d, %d, %d, %d, ", cr->max, cr->mark, cr->section, cr->parent,
		        cr->leaf);
		if (cr->noptions)
			fprintf(out, "opt_%d_%d + %zu", r, si, k);
		else
			fputs("NULL", out);
		fprintf(out, ", %zu, 0x%llxULL, ", cr->noptions, cr->valid);
		str(cr->text_vi);
		fprintf(out, ", %d},\n", cr->yesno);
		k += cr->noptions;
	}
	fputs("};\n", out);
	fprintf(out, "static const int leaves_%d_%d[] = {", r, si);
	for (size_t l = 0; l < s->nleaves; l++)
		fprintf(out, "%d,", s->leaves[l]);
	fputs("};\n", out);
	fprintf(out, "static const unsigned char lpart_%d_%d[] = {", r, si);
	for (size_t l = 0; l < s->nleaves; l++)
		fprintf(out, "%d,", s->leaf_part[l]);
	fputs("};\n", out);
	fprintf(out, "static const struct ocop_section sec_%d_%d[] = {\n", r, si);
	for (size_t i = 0; i < s->nsections; i++) {
		fprintf(out, "\t{%d, %d, %d, ", s->sections[i].number, s->sections[i].part,
		        s->sections[i].max);
		str2(s->sections[i].name_vi, s->sections[i].name_en);
		fputs(", ", out);
		str(s->sections[i].text_vi);
		fputs("},\n", out);
	}
	fputs("};\n", out);
	fprintf(out, "static const struct ocop_mark marks_%d_%d[] = {", r, si);
	for (size_t i = 0; i < s->nmarks; i++)
		fprintf(out, "{%d, %d, %d, %d},", s->marks[i].star, s->marks[i].leaf, s->marks[i].points,
		        s->marks[i].above_zero);
	fputs("{0, 0, 0, 0}};\n", out);
	for (size_t g = 0; g < s->ngates; g++) {
		fprintf(out, "static const int zero_%d_%d_%zu[] = {", r, si, g);
		for (size_t z = 0; z < s->gates[g].nzero; z++)
			fprintf(out, "%d,", s->gates[g].zero[z]);
		fputs("0};\n", out);
	}
	fprintf(out, "static const struct ocop_gate gates_%d_%d[] = {\n", r, si);
	for (size_t g = 0; g < s->ngates; g++) {
		const struct ocop_gate *gt = &s->gates[g];
		fputs("\t{", out);
		str(gt->kind);
		fprintf(out, ", %d, %d, %d, %d, %d, zero_%d_%d_%zu, %zu, ", gt->leaf, gt->at_most,
		        gt->flag, gt->flag_is, gt->eliminate, r, si, g, gt->nzero);
		str2(gt->note_vi, gt->note_en);
		fputs("},\n", out);
	}
	fputs("\t{NULL, 0, 0, 0, 0, 0, NULL, 0, NULL, NULL}};\n", out);
	for (size_t a = 0; a < s->nalternatives; a++) {
		fprintf(out, "static const int case_%d_%d_%zu[] = {", r, si, a);
		for (size_t l = 0; l < s->nleaves; l++)
			fprintf(out, "%d,", s->alternatives[a].case_of_leaf[l]);
		fputs("0};\n", out);
	}
	fprintf(out, "static const struct ocop_alternative alts_%d_%d[] = {", r, si);
	for (size_t a = 0; a < s->nalternatives; a++)
		fprintf(out, "{%d, %zu, case_%d_%d_%zu},", s->alternatives[a].section,
		        s->alternatives[a].ncases, r, si, a);
	fputs("{0, 0, NULL}};\n", out);
}

static void set_entry(int r, int si, const struct ocop_set *s)
{
	fputs("\t{", out);
	str(s->code);
	fprintf(out, ", %d, ", s->number);
	str2(s->name_vi, s->name_en);
	fprintf(out, ",\n\t sec_%d_%d, %zu, crit_%d_%d, %zu, leaves_%d_%d, %zu, marks_%d_%d, %zu,\n"
	             "\t gates_%d_%d, %zu, alts_%d_%d, %zu, %zu, lpart_%d_%d, ",
	        r, si, s->nsections, r, si, s->ncriteria, r, si, s->nleaves, r, si, s->nmarks, r, si,
	        s->ngates, r, si, s->nalternatives, s->nresolutions, r, si);
	str(s->unverified_where);
	fputs(", ", out);
	str2(s->unverified_vi, s->unverified_en);
	fprintf(out, ", 0x%xu},\n", s->flags_used);
}

static void regime(int r, const struct ocop_regime *g, int sets_of)
{
	if (sets_of == r) {
		for (size_t i = 0; i < g->nsets; i++)
			set_tables(r, (int)i, &g->sets[i]);
		fprintf(out, "static const struct ocop_set sets_%d[] = {\n", r);
		for (size_t i = 0; i < g->nsets; i++)
			set_entry(r, (int)i, &g->sets[i]);
		fputs("};\n", out);
	}
	fprintf(out, "static const struct ocop_regime regime_%d = {\n\t", r);
	str2(g->id, g->decision);
	fputs(", ", out);
	str2(g->name_vi, g->name_en);
	fprintf(out, ",\n\t\"%s\", \"%s\",\n\t{", g->effective_from, g->effective_to);
	for (size_t i = 0; i < g->nparts; i++) {
		fprintf(out, "{\"%s\", %d, ", g->parts[i].id, g->parts[i].max);
		str2(g->parts[i].name_vi, g->parts[i].name_en);
		fputs("},", out);
	}
	fprintf(out, "}, %zu,\n\t{", g->nparts);
	for (size_t i = 0; i < g->nbands; i++)
		fprintf(out, "{%d, %d},", g->bands[i].stars, g->bands[i].min);
	fprintf(out, "}, %zu, %d, %d, %d, %d,\n\t{", g->nbands, g->recognised_min_stars,
	        g->spread_limit, g->certificate_months, g->notice_days);
	for (size_t i = 0; i < g->nlevels; i++)
		fprintf(out, "%d,", g->levels[i]);
	fprintf(out, "}, %zu,\n\t{", g->nlevels);
	for (size_t i = 0; i < g->npromotion; i++) {
		const struct ocop_promotion *p = &g->promotion[i];
		fprintf(out, "{%d, {", p->level);
		for (int s = 0; s <= OCOP_MAX_STARS; s++)
			fprintf(out, "%d,", p->certify[s]);
		fprintf(out, "}, %d, %d, %d, %d, %d},", p->forward_min_stars, p->forward_min_total,
		        p->forward_all_complete, p->next, p->return_to);
	}
	fprintf(out, "}, %zu,\n\tsets_%d, %zu, \"%s\", NULL,\n\t.renewal = {%d, %d, %d, %d}};\n\n",
	        g->npromotion, sets_of, g->nsets, g->hash, g->renewal.given, g->renewal.file_from_days,
	        g->renewal.file_to_days, g->renewal.late_valid_days);
}

int main(int argc, char **argv)
{
	struct ocop_regime *loaded[MAX] = {0};
	int nloaded = 0, sets_of[MAX];

	if (argc < 3 || argc - 2 > MAX) {
		fprintf(stderr, "usage: embed OUT.c FILE.json...\n");
		return 2;
	}
	out = fopen(argv[1], "w");
	if (!out)
		return perror(argv[1]), 1;
	fprintf(out, "/* Generated by src/gen/embed.c from data/criteria; do not edit. */\n"
	             "#include <stddef.h>\n\n#include \"builtin.h\"\n\n");
	for (int i = 2; i < argc; i++) {
		struct ocop_err err = {0};
		struct ocop_diags diags = {0};
		const struct ocop_regime *base = NULL;
		size_t len;
		char *text = slurp(argv[i], &len), *from = ocop_regime_sets_from(text, len);
		int r = nloaded;
		sets_of[r] = r;
		for (int k = 0; from && k < nloaded; k++)
			if (strcmp(loaded[k]->id, from) == 0) {
				base = loaded[k];
				sets_of[r] = sets_of[k];
			}
		if (from && !base) {
			fprintf(stderr, "embed: %s: list %s before it (sets_from)\n", argv[i], from);
			return 1;
		}
		if (ocop_regime_load(&loaded[r], text, len, argv[i], base, &diags, &err) < 0) {
			for (size_t d = 0; d < diags.n; d++)
				fprintf(stderr, "embed: %s: %s: %s\n", argv[i], diags.v[d].where, diags.v[d].msg);
			if (!diags.n)
				fprintf(stderr, "embed: %s: %s\n", argv[i], err.msg);
			return 1;
		}
		ocop_diags_free(&diags);
		free(from);
		free(text);
		nloaded++;
		regime(r, loaded[r], sets_of[r]);
	}
	fputs("const struct ocop_builtin ocop_builtins[] = {\n", out);
	for (int r = 0; r < nloaded; r++) {
		const char *base = strrchr(argv[r + 2], '/');
		fputs("\t{", out);
		str(loaded[r]->id);
		fprintf(out, ", \"%s\", \"%s\", ", loaded[r]->effective_from, loaded[r]->effective_to);
		str(base ? base + 1 : argv[r + 2]);
		fprintf(out, ", &regime_%d},\n", r);
	}
	fprintf(out, "};\nconst size_t ocop_nbuiltins = %d;\n", nloaded);
	for (int r = nloaded; r-- > 0;)
		ocop_regime_free(loaded[r]);
	return fclose(out) == 0 ? 0 : 1;
}
