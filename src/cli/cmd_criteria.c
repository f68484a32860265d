/* ocop criteria list|show|check|template|diff: the rules ocop ships, readable and comparable. */
#include "cli.h"
#include "criteria_diff.h"

#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "ocop/book.h"
#include "ocop/report.h"
#include "ocop/text.h"
#include "ocop/write.h"

/* A field of the criteria data in the language of messages (data, not a message). */
static const char *L(const struct cli *c, const char *vi, const char *en)
{
	(void)c;
	return ocop_lang_get() == OCOP_LANG_EN ? en : vi;
}

/* The regime named by --regime (or loaded by --criteria), else the newest. */
static const struct ocop_regime *regime(struct cli *c)
{
	struct ocop_err err = {0};
	const struct ocop_regime *r = c->forced;

	if (!r)
		r = ocop_catalog_pick(c->cat, NULL, &err);
	if (!r)
		cli_print_err(&err);
	return r;
}

static void json_regime_head(FILE *f, const struct ocop_regime *r)
{
	fputs("{\"id\":", f);
	emit_json(f, r->id);
	fputs(",\"decision\":", f);
	emit_json(f, r->decision);
	emit_json_labels(f, "name", r->name_vi, r->name_en);
	fprintf(f, ",\"effective_from\":\"%s\",\"effective_to\":", r->effective_from);
	emit_json(f, r->effective_to[0] ? r->effective_to : NULL);
	fputs(",\"levels\":[", f);
	for (size_t i = 0; i < r->nlevels; i++)
		fprintf(f, "%s\"%s\"", i ? "," : "", ocop_level_name(r->levels[i]));
	fprintf(f, "],\"criteria_hash\":\"%s\",\"sets\":%zu}", r->hash, r->nsets);
}

static void json_sets(FILE *f, const struct ocop_regime *r)
{
	fputs("{\"regime\":", f);
	emit_json(f, r->id);
	fputs(",\"sets\":[", f);
	for (size_t i = 0; i < r->nsets; i++) {
		const struct ocop_set *s = &r->sets[i];
		fprintf(f, "%s\n{\"code\":", i ? "," : "");
		emit_json(f, s->code);
		fprintf(f, ",\"number\":%d", s->number);
		emit_json_labels(f, "name", s->name_vi, s->name_en);
		putc('}', f);
	}
	fputs("\n]}\n", f);
}

static int list(struct cli *c, int fmt)
{
	struct ocop_err err = {0};
	FILE *f = c->out;

	if (c->forced) {
		const struct ocop_regime *r = c->forced;
		if (fmt == OCOP_OUT_JSON) {
			json_sets(f, r);
			return 0;
		}
		fprintf(f, _("Regime %s — %s\n"), r->id, L(c, r->name_vi, r->name_en));
		for (size_t i = 0; i < r->nsets; i++)
			fprintf(f, "  %-7s %2d  %s\n", r->sets[i].code, r->sets[i].number,
			        L(c, r->sets[i].name_vi, r->sets[i].name_en));
		return 0;
	}
	if (fmt == OCOP_OUT_JSON)
		fputs("{\"regimes\":[", f);
	for (size_t i = 0; i < ocop_catalog_count(c->cat); i++) {
		const struct ocop_regime *r = ocop_catalog_get(c->cat, ocop_catalog_id(c->cat, i), &err);
		if (!r) {
			cli_print_err(&err);
			return EXIT_INPUT;
		}
		if (fmt == OCOP_OUT_JSON) {
			fputs(i ? ",\n" : "\n", f);
			json_regime_head(f, r);
			continue;
		}
		/* TRANSLATORS: the end of a regime still in force, in a column 10 wide. */
		const char *to = r->effective_to[0] ? r->effective_to : _("now");
		fprintf(f, "%-9s %s – ", r->id, r->effective_from);
		fputs(to, f);
		emit_pad(f, ocop_text_width(to), 10);
		fputs("  ", f);
		fprintf(f, P_("%2zu set", "%2zu sets", r->nsets), r->nsets);
		fprintf(f, "  %s\n", r->decision);
	}
	if (fmt == OCOP_OUT_JSON)
		fputs("\n]}\n", f);
	return 0;
}

static const struct ocop_set *find_set(struct cli *c, const struct ocop_regime *r,
                                       const char *name)
{
	const struct ocop_set *s = ocop_regime_find_set(r, name);

	if (!s)
		fprintf(stderr, _("ocop criteria: regime %s has no set '%s' (see 'ocop criteria list "
		                  "--regime %s')\n"), r->id, name, r->id);
	(void)c;
	return s;
}

static void json_criterion(FILE *f, const struct ocop_set *s, size_t ci)
{
	const struct ocop_criterion *c = &s->criteria[ci];
	int first = 1;

	fputs("{\"id\":", f);
	emit_json(f, c->id);
	fprintf(f, ",\"max\":%d,\"mark\":", c->max);
	if (c->mark)
		fprintf(f, "%d", c->mark);
	else
		fputs("null", f);
	emit_json_labels(f, "label", c->label_vi, c->label_en);
	if (c->text_vi) {
		fputs(",\"text_vi\":", f);
		emit_json(f, c->text_vi);
	}
	if (c->yesno)
		fputs(",\"yesno\":true", f);
	fputs(",\"options\":[", f);
	/* A yes/no criterion's one option is the loader's, not the sheet's. */
	for (size_t o = 0; !c->yesno && o < c->noptions; o++) {
		fprintf(f, "%s{\"points\":%d,\"mark\":", o ? "," : "", c->options[o].points);
		if (c->options[o].mark)
			fprintf(f, "%d", c->options[o].mark);
		else
			fputs("null", f);
		if (c->options[o].kase)
			fprintf(f, ",\"case\":%d", c->options[o].kase);
		emit_json_labels(f, "label", c->options[o].label_vi, c->options[o].label_en);
		if (c->options[o].text_vi) {
			fputs(",\"text_vi\":", f);
			emit_json(f, c->options[o].text_vi);
		}
		putc('}', f);
	}
	fputs("],\"criteria\":[", f);
	for (size_t k = ci + 1; k < s->ncriteria; k++)
		if (s->criteria[k].parent == (int)ci) {
			fputs(first ? "" : ",", f);
			json_criterion(f, s, k);
			first = 0;
		}
	fputs("]}", f);
}

static void json_show(FILE *f, const struct ocop_regime *r, const struct ocop_set *s)
{
	int first = 1;

	fputs("{\"regime\":", f);
	emit_json(f, r->id);
	fputs(",\"criteria_hash\":", f);
	emit_json(f, r->hash);
	fputs(",\"set\":", f);
	emit_json(f, s->code);
	fprintf(f, ",\"number\":%d", s->number);
	emit_json_labels(f, "name", s->name_vi, s->name_en);
	fputs(",\"criteria\":[", f);
	for (size_t ci = 0; ci < s->ncriteria; ci++) {
		if (s->criteria[ci].parent >= 0)
			continue;
		fputs(first ? "\n" : ",\n", f);
		json_criterion(f, s, ci);
		first = 0;
	}
	fputs("\n],\"alternatives\":[", f);
	for (size_t i = 0; i < s->nalternatives; i++) {
		const struct ocop_alternative *a = &s->alternatives[i];
		fprintf(f, "%s{\"section\":%d,\"cases\":[", i ? "," : "", a->section);
		for (size_t k = 1; k <= a->ncases; k++) {
			int none = 1;
			fprintf(f, "%s[", k > 1 ? "," : "");
			for (size_t l = 0; l < s->nleaves; l++)
				if (a->case_of_leaf[l] == (int)k) {
					fputs(none ? "" : ",", f);
					emit_json(f, ocop_set_leaf(s, l)->id);
					none = 0;
				}
			putc(']', f);
		}
		fputs("]}", f);
	}
	fputs("],\"gates\":[", f);
	for (size_t g = 0; g < s->ngates; g++) {
		fprintf(f, "%s{\"kind\":", g ? "," : "");
		emit_json(f, s->gates[g].kind);
		emit_json_labels(f, "note", s->gates[g].note_vi, s->gates[g].note_en);
		fputs(",\"when\":{", f);
		if (s->gates[g].leaf >= 0) {
			fputs("\"criterion\":", f);
			emit_json(f, ocop_set_leaf(s, (size_t)s->gates[g].leaf)->id);
			fprintf(f, ",\"at_most\":%d}", s->gates[g].at_most);
		} else {
			fprintf(f, "\"flag\":\"%s\",\"is\":%s}", ocop_flag_name(s->gates[g].flag),
			        s->gates[g].flag_is ? "true" : "false");
		}
		fprintf(f, ",\"effect\":\"%s\",\"zero\":[", s->gates[g].eliminate ? "eliminate" : "zero");
		for (size_t z = 0; z < s->gates[g].nzero; z++) {
			fputs(z ? "," : "", f);
			emit_json(f, ocop_set_leaf(s, (size_t)s->gates[g].zero[z])->id);
		}
		fputs("]}", f);
	}
	fputs("],\"unverified\":", f);
	if (s->unverified_where) {
		fputs("{\"where\":", f);
		emit_json(f, s->unverified_where);
		emit_json_labels(f, "note", s->unverified_vi, s->unverified_en);
		putc('}', f);
	} else {
		fputs("null", f);
	}
	fputs("}\n", f);
}

/* Vietnamese tables show the sheet's own wording when the data has it. */
static const char *official(const char *text_vi, const char *label_vi)
{
	return text_vi ? text_vi : label_vi;
}

static void text_show(struct cli *c, const struct ocop_regime *r, const struct ocop_set *s)
{
	FILE *f = c->out;
	int last_section = -1;

	fprintf(f, _("Set %s (%d) — %s · regime %s\n"), s->code, s->number,
	        L(c, s->name_vi, s->name_en), r->id);
	for (size_t ci = 0; ci < s->ncriteria; ci++) {
		const struct ocop_criterion *cr = &s->criteria[ci];
		const struct ocop_section *sec = &s->sections[cr->section];
		if (cr->section != last_section) {
			/* TRANSLATORS: a section: its number, name, part (A, B, C) and maximum. */
			fprintf(f, _("\n%d. %s (part %s, %d)\n"), sec->number,
			        L(c, sec->name_vi, sec->name_en), r->parts[sec->part].id, sec->max);
			last_section = cr->section;
		}
		fprintf(f, "  %-7s %s (%d)", cr->id, L(c, official(cr->text_vi, cr->label_vi), cr->label_en),
		        cr->max);
		if (cr->mark)
			fprintf(f, "  [%d★: > 0]", cr->mark);
		if (cr->yesno)
			fprintf(f, _("  [yes/no: 0 or %d]"), cr->max);
		putc('\n', f);
		for (size_t o = 0; !cr->yesno && o < cr->noptions; o++) {
			const struct ocop_option *op = &cr->options[o];
			fprintf(f, "          %2d  %s", op->points,
			        L(c, official(op->text_vi, op->label_vi), op->label_en));
			if (op->mark)
				fprintf(f, "  [%d★]", op->mark);
			if (op->kase)
				fprintf(f, _("  (case %d)"), op->kase);
			putc('\n', f);
		}
	}
	if (s->ngates)
		fputs(_("\nGates:\n"), f);
	for (size_t g = 0; g < s->ngates; g++) {
		const struct ocop_gate *gt = &s->gates[g];
		fprintf(f, "  %-13s %s", gt->kind, L(c, gt->note_vi, gt->note_en));
		if (gt->leaf >= 0)
			fprintf(f, " (%s ≤ %d)", ocop_set_leaf(s, (size_t)gt->leaf)->id, gt->at_most);
		else
			fprintf(f, " (%s = %s)", ocop_flag_name(gt->flag),   /* the column's values */
			        gt->flag_is ? "yes" : "no");
		for (size_t z = 0; z < gt->nzero; z++)
			fprintf(f, "%s%s", z ? ", " : " → 0: ", ocop_set_leaf(s, (size_t)gt->zero[z])->id);
		if (gt->eliminate)
			fputs(_(" → eliminated"), f);
		putc('\n', f);
	}
	for (size_t a = 0; a < s->nalternatives; a++)
		fprintf(f, _("Section %d: choose one of the cases\n"), s->alternatives[a].section);
	if (s->unverified_where)
		fprintf(f, _("Unverified reconstruction (%s): %s\n"), s->unverified_where,
		        L(c, s->unverified_vi, s->unverified_en));
	fprintf(f, _("\nResolved transcription defects: %zu\n"), s->nresolutions);
}

static int show(struct cli *c, int fmt, const char *name)
{
	const struct ocop_regime *r = regime(c);
	const struct ocop_set *s = r ? find_set(c, r, name) : NULL;

	if (!r)
		return EXIT_INPUT;
	if (!s)
		return EXIT_USAGE;
	if (fmt == OCOP_OUT_JSON)
		json_show(c->out, r, s);
	else
		text_show(c, r, s);
	return 0;
}

static int template(struct cli *c, const char *name)
{
	const struct ocop_regime *r = regime(c);
	const struct ocop_set *s = r ? find_set(c, r, name) : NULL;
	FILE *f = c->out;

	if (!r)
		return EXIT_INPUT;
	if (!s)
		return EXIT_USAGE;
	if (c->format == OCOP_OUT_HTML)
		return ocop_form_html(f, r, s, c->lang) < 0 ? EXIT_OUTPUT : 0;
	if (c->format == OCOP_OUT_XLSX) {
		struct ocop_book *b;
		char path[4096];
		int rc = cli_book_open(c, &b, path, sizeof path), fr;
		if (rc)
			return rc;
		fr = ocop_form_xlsx(b, r, s, c->lang, c->members ? c->members : 5);
		rc = cli_book_close(c, b, path, fr == 0);
		return fr < 0 ? EXIT_OUTPUT : rc;
	}
	fputs("product_id,set,member,product_name,producer,commune,district,province,level,"
	      "evaluated_on", f);
	for (size_t l = 0; l < s->nleaves; l++)
		fprintf(f, ",%s", ocop_set_leaf(s, l)->id);
	putc('\n', f);
	for (int m = 1; m <= (c->members ? c->members : 5); m++) {
		fprintf(f, ",%s,TV%d,,,,,,%s,", s->code, m,
		        r->nlevels ? ocop_level_name(r->levels[0]) : "");
		for (size_t l = 0; l < s->nleaves; l++)
			putc(',', f);
		putc('\n', f);
	}
	return 0;
}

static int check(struct cli *c, const char *file)
{
	/* cli_load already loaded and validated --criteria; here the file is the argument. */
	(void)file;
	printf(P_("%s: regime %s, %zu set, criteria hash %s: ok\n",
	          "%s: regime %s, %zu sets, criteria hash %s: ok\n", c->forced->nsets),
	       c->criteria, c->forced->id, c->forced->nsets, c->forced->hash);
	return 0;
}

static const char *const subcommands[] = {"list", "show", "check", "template", "diff"};
static const int nargs_of[] = {0, 1, 1, 1, 2};

int cmd_criteria(int argc, char **argv)
{
	struct cli c;
	int rc, sub = -1, fmt;

	if (argc >= 2)
		for (int i = 0; i < 5; i++)
			if (strcmp(argv[1], subcommands[i]) == 0)
				sub = i;
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		cli_help(stdout, "criteria");
		return EXIT_FINAL;
	}
	if (sub < 0) {
		fputs(_("ocop criteria: expected list, show, check, template or diff\n"
		        "Try 'ocop criteria --help'.\n"), stderr);
		return EXIT_USAGE;
	}
	rc = cli_options(&c, "criteria", "members,set", argc - 1, argv + 1);
	if (rc)
		return rc > 0 ? EXIT_FINAL : EXIT_USAGE;
	if ((c.format == OCOP_OUT_XLSX || c.format == OCOP_OUT_HTML) && sub != 3) {
		fprintf(stderr, _("ocop criteria %s: html and xlsx are for 'criteria template' only\n"
		                  "Try 'ocop criteria --help'.\n"), subcommands[sub]);
		cli_free(&c);
		return EXIT_USAGE;
	}
	if (c.nargs != nargs_of[sub] || (c.members && sub != 3) || (c.set && sub != 4)) {
		fprintf(stderr, _("ocop criteria %s: wrong arguments\nTry 'ocop criteria --help'.\n"),
		        subcommands[sub]);
		cli_free(&c);
		return EXIT_USAGE;
	}
	if (sub == 2)
		c.criteria = c.args[0];
	rc = cli_load(&c, NULL, -1);
	fmt = c.format >= 0 || c.output ? cli_format(&c) : OCOP_OUT_TABLE;
	if (fmt != OCOP_OUT_JSON)
		fmt = OCOP_OUT_TABLE;   /* criteria writes tables and JSON (a template is CSV anyway) */
	if (rc == 0 && sub != 2)
		rc = cli_out_open(&c);
	if (rc == 0) {
		switch (sub) {
		case 0: rc = list(&c, fmt); break;
		case 1: rc = show(&c, fmt, c.args[0]); break;
		case 2: rc = check(&c, c.args[0]); break;
		case 3: rc = template(&c, c.args[0]); break;
		default: rc = criteria_diff(&c, fmt, c.args[0], c.args[1]); break;
		}
		if (sub != 2) {     /* diff's 1 (the regimes differ) is a result like 0 */
			int oc = cli_out_close(&c, rc == EXIT_FINAL || (sub == 4 && rc == EXIT_RESULTS));
			if (oc)
				rc = oc;
		}
	}
	cli_free(&c);
	return rc;
}
