/* ocop enter --verify: double entry. A second person enters a saved sheet blind; every item where
 * the two entries differ is shown side by side and resolved before the sheet is marked verified. */
#include "enter.h"

#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "ocop/text.h"

/* One row of the differences: the criterion, then the two entries right-aligned, by display width. */
static void diff_row(FILE *f, const char *key, const char *a, const char *b, const char *label)
{
	size_t wa = ocop_text_width(a), wb = ocop_text_width(b);

	fprintf(f, "  %s", key);
	emit_pad(f, ocop_text_width(key), 9);
	emit_pad(f, wa, 8);
	fputs(a, f);
	emit_pad(f, wb, 8);
	/* The label's first line: official wordings may run over several. */
	fprintf(f, "%s%s%.*s\n", b, *label ? "   " : "", (int)strcspn(label, "\n"), label);
}

/* Resolves, one by one, the items where the first entry (the file's row) and the second (blind)
 * differ; then asks to mark the sheet verified and saves it. `known` are resolutions replayed
 * from the journal. */
int enter_resolve_sheet(struct session *s, const struct product *p, const char *member,
                         const struct ocop_sheet *blind, const char *by,
                         const struct resolution *known, size_t nknown)
{
	struct ocop_err err = {0};
	struct ocop_sheet *first = NULL, *res = NULL;
	long row = ocop_table_find(s->t, p->meta[OCOP_F_PRODUCT_ID], member);
	char key[16], a[16], b[16], num[16];
	int ndiff = 0, r = SHEET_DONE, changed = 0;

	if (row < 0 || ocop_sheet_new(&first, p->regime, p->set, &err) < 0 ||
	    ocop_sheet_new(&res, p->regime, p->set, &err) < 0) {
		fprintf(stderr, _("ocop: %s: the sheet of %s is no longer in the file\n"), s->path,
		        member);
		s->failed = EXIT_INPUT;
		goto out;
	}
	enter_prefill(s, first, row, 0);
	for (int i = 0; i < blind->nitems; i++) {
		int va = ocop_sheet_value(first, i), vb = ocop_sheet_value(blind, i);
		if (va == vb)
			continue;
		if (!ndiff++) {
			fputs(_("\nThe two entries differ:\n"), s->o);
			diff_row(s->o, _("criterion"), _("first"),
			         _("second"), "");
		}
		diff_row(s->o, ocop_sheet_key(blind, i, key, sizeof key),
		         enter_value_text(blind, i, va, a, sizeof a),
		         enter_value_text(blind, i, vb, b, sizeof b),
		         blind->items[i].leaf >= 0
		             ? ocop_criterion_text(ocop_set_leaf(p->set, (size_t)blind->items[i].leaf), s->lang)
		             : "");
	}
	if (!ndiff)
		fputs(_("\nThe two entries agree.\n"), s->o);
	for (int i = 0; i < res->nitems && r == SHEET_DONE; i++) {
		int va = ocop_sheet_value(first, i), vb = ocop_sheet_value(blind, i), v = va;
		const char *k = ocop_sheet_key(res, i, key, sizeof key);
		if (!ocop_sheet_applies(res, i))
			continue;
		if (va != vb) {
			size_t j = 0;
			while (j < nknown && strcmp(known[j].key, k) != 0)
				j++;
			v = j < nknown ? known[j].value : -2;
			while (v == -2) {
				const char *line = enter_ask(s, _("  %s: is the first (%s) or the second (%s) right? [1/2] "),
				                             k, enter_value_text(res, i, va, a, sizeof a),
				                             enter_value_text(res, i, vb, b, sizeof b));
				if (!line || strcmp(line, "q") == 0) {
					r = SHEET_QUIT;
					break;
				}
				if ((strcmp(line, "1") == 0 && va >= 0) || (strcmp(line, "2") == 0 && vb >= 0)) {
					v = line[0] == '1' ? va : vb;
					snprintf(num, sizeof num, "%d", v);
					enter_journal(s, "r", k, num, JEND);
				} else {
					fprintf(s->o, _("  ✗ \"%s\": not resolved — answer 1 or 2 (a value entered; an empty one "
					                "cannot be chosen)\n"), line);
				}
			}
		}
		if (v >= 0)
			ocop_sheet_set(res, i, v);
		changed |= v != va;
	}
	if (r == SHEET_DONE && !s->failed) {
		char title[256];
		snprintf(title, sizeof title, _("Sheet %s after verification (%s)"),
		         member, by);
		enter_show_sheet(s, res, title);
		const char *line = enter_ask(s, "%s", _("Mark the sheet verified? [Y/n] "));
		if (line && (!*line || enter_yes(line)))
			r = enter_save_sheet(s, p, member, res, by) < 0 ? SHEET_FAILED : SHEET_DONE;
		else
			r = SHEET_QUIT;
		if (r == SHEET_DONE)
			fprintf(s->o, _("  Saved: sheet %s verified (%s).\n"), member, by);
		/* A value the second entry corrected changes the council's result: shown again. */
		if (r == SHEET_DONE && changed) {
			fputs(_("  The sheet changed: the council's result.\n"), s->o);
			enter_print_result(s, p);
		}
	}
	if (r == SHEET_QUIT) {
		fprintf(s->o, _("  Sheet %s not marked verified (the draft is kept in %s).\n"), member, s->jpath);
		s->pending = 1;
	}
out:
	ocop_sheet_free(first);
	ocop_sheet_free(res);
	return r;
}

static int verify_member(struct session *s, const struct product *p, const char *member,
                         long row, const char *by)
{
	struct ocop_sheet *sh;
	int r;

	if (!(sh = enter_new_sheet(s, p)))
		return SHEET_FAILED;
	fprintf(s->o, _("  Enter sheet %s again without looking at the first entry.\n"), member);
	r = enter_begin_draft(s, p, "verify", member, row, by) < 0 ? SHEET_FAILED
	                                                      : enter_sheet(s, p, member, sh, NULL);
	if (r == SHEET_DONE)
		r = enter_resolve_sheet(s, p, member, sh, by, NULL, 0);
	else if (r == SHEET_QUIT)
		s->pending = 1;
	ocop_sheet_free(sh);
	return r;
}

void enter_verify_members(struct session *s, const struct product *p)
{
	const char *id = p->meta[OCOP_F_PRODUCT_ID], *line;

	while (!s->quit && !s->failed) {
		char def[256] = "", *name, *by;
		long row;
		for (size_t r = 0; r < s->t->nrows && !def[0]; r++)
			if (strcmp(ocop_table_get(s->t, r, "product_id"), id) == 0 &&
			    !*ocop_table_get(s->t, r, "verified_by"))
				snprintf(def, sizeof def, "%s", ocop_table_get(s->t, r, "member"));
		line = def[0] ? enter_ask(s, _("\nMember to verify [%s]: "), def)
		              : enter_ask(s, "%s", _("\nMember to verify (Enter: another product): "));
		if (!line || (!*line && !def[0]))
			return;
		if (strcmp(line, "q") == 0) {
			s->quit = 1;
			return;
		}
		if (!(name = enter_nfc(*line ? line : def)))
			return;
		if ((row = ocop_table_find(s->t, id, name)) < 0) {
			fprintf(s->o, _("  ✗ %s has no sheet of %s\n"), s->path, name);
			free(name);
			continue;
		}
		if (*ocop_table_get(s->t, (size_t)row, "verified_by") &&
		    !enter_yes(enter_ask(s, _("  Sheet %s was verified already (%s). Enter it again? [y/N] "),
		                   name, ocop_table_get(s->t, (size_t)row, "verified_by")))) {
			free(name);
			continue;
		}
		do {
			line = s->verifier ? enter_ask(s, _("  Second entry by [%s]: "),
			                               s->verifier)
			                   : enter_ask(s, "%s", _("  Second entry by: "));
		} while (line && !*line && !s->verifier);
		if (!line || !(by = enter_nfc(*line ? line : s->verifier))) {
			free(name);
			return;
		}
		free(s->verifier);
		s->verifier = by;
		int r = verify_member(s, p, name, row, by);
		free(name);
		if (r != SHEET_DONE)
			return;
	}
}
