/* ocop enter: the dialog of one sheet — each question with its options, the keys, live totals, the
 * sheet as a table before it is saved. */
#include "enter.h"

#include <stdlib.h>
#include <string.h>

#include "emit.h"

static void footer(struct session *s)
{
	fprintf(s->o, "%s\n",
	        _("  [points | #option | Enter keeps | s skip | b back | u undo | g ID go to | "
	          "l list sheet | q quit | ? help]"));
}

static void help(struct session *s)
{
	fputs(_("Answer each criterion with:\n"
	        "  3        points (one of the criterion's options; 0 when no option applies)\n"
	        "  #2       the option's number\n"
	        "  c / k    yes / no (có / không) for a yes/no criterion (or 1 / 0)\n"
	        "  1 / 2    the case, where a section offers a choice of two cases\n"
	        "Commands:\n"
	        "  Enter    keep the value given, go on\n"
	        "  s        skip (left empty, flagged at the end of the sheet)\n"
	        "  b        back to the criterion before\n"
	        "  u        undo the last answer\n"
	        "  g ID     go to criterion ID (e.g. g 3.a; g 8 chooses section 8's case again)\n"
	        "  l        list the sheet so far\n"
	        "  q        quit; the draft is kept, run ocop enter FILE again to resume\n"
	        "Line editing: ← → Home End, Ctrl-A/E/K/U; ↑ ↓ history.\n"),
	      s->o);
}

const char *enter_value_text(const struct ocop_sheet *sh, int item, int value, char *buf,
                             size_t size)
{
	if (value < 0)
		snprintf(buf, size, "__");
	else if (sh->items[item].leaf < 0)
		snprintf(buf, size, _("case%d"), value);
	else
		snprintf(buf, size, "%d", value);
	return buf;
}

/* The section of an item: its leaf's, or the case question's. */
static const struct ocop_section *section_of(const struct ocop_sheet *sh, int item, int *index)
{
	const struct ocop_item *it = &sh->items[item];
	const struct ocop_set *set = sh->set;
	int k = 0;

	if (it->leaf >= 0) {
		k = ocop_set_leaf(set, (size_t)it->leaf)->section;
	} else {
		for (size_t i = 0; i < set->nsections; i++)
			if (set->sections[i].number == set->alternatives[it->alt].section)
				k = (int)i;
	}
	*index = k;
	return &set->sections[k];
}

static void show_case(struct session *s, const struct ocop_sheet *sh, const struct ocop_item *it)
{
	const struct ocop_alternative *a = &sh->set->alternatives[it->alt];

	fprintf(s->o, _("Section %d — choose one of %zu cases:\n"), a->section, a->ncases);
	for (size_t k = 1; k <= a->ncases; k++) {
		fprintf(s->o, "   %zu ", k);
		for (size_t l = 0; l < sh->set->nleaves; l++)
			if (a->case_of_leaf[l] == (int)k) {
				const struct ocop_criterion *c = ocop_set_leaf(sh->set, l);
				fprintf(s->o, " %s %s", c->id, ocop_criterion_text(c, s->lang));
				break;
			}
		putc('\n', s->o);
	}
}

static void show_options(struct session *s, const struct ocop_criterion *c)
{
	int zero = 0, kase = 0;

	if (ocop_criterion_yesno(c)) {
		fprintf(s->o, _("    c  yes (%d points)   k  no (0)\n"),
		        c->max);
		return;
	}
	for (size_t o = 0; o < c->noptions; o++) {
		const struct ocop_option *op = &c->options[o];
		if (op->kase && op->kase != kase)
			fprintf(s->o, _("   case %d:\n"), kase = op->kase);
		/* TRANSLATORS: an option of a criterion: its number, points (p: points) and text. */
		fprintf(s->o, _("   #%zu %3d p  %s"), o + 1, op->points, ocop_option_text(op, s->lang));
		if (op->mark)
			fprintf(s->o, "  [%d★]", op->mark);
		putc('\n', s->o);
		zero |= op->points == 0;
	}
	if (!zero)
		fprintf(s->o, _("       0 p  no option applies\n"));
}

/* Shows the question at pos; writes its prompt into prompt. */
static void show_item(struct session *s, const struct ocop_sheet *sh, char *prompt, size_t size)
{
	const struct ocop_item *it = &sh->items[sh->pos];
	char key[16], val[16];
	int si, v = ocop_sheet_value(sh, sh->pos);
	const struct ocop_section *sec = section_of(sh, sh->pos, &si);
	const char *k = ocop_sheet_key(sh, sh->pos, key, sizeof key);

	if (si != s->last_section)
		/* TRANSLATORS: a section: its number, name, part (A, B, C) and maximum. */
		fprintf(s->o, _("\n== %d. %s (part %s, %d)\n"), sec->number,
		        L(s, sec->name_vi, sec->name_en), sh->regime->parts[sec->part].id, sec->max);
	s->last_section = si;
	if (it->leaf < 0) {
		show_case(s, sh, it);
	} else {
		const struct ocop_criterion *c = ocop_set_leaf(sh->set, (size_t)it->leaf);
		fprintf(s->o, "[%d/%zu] ", it->leaf + 1, sh->set->nleaves);
		if (c->parent >= 0)
			fprintf(s->o, "%s › ", ocop_criterion_text(&sh->set->criteria[c->parent], s->lang));
		fprintf(s->o, _("%s  %s  (max %d)"), c->id,
		        ocop_criterion_text(c, s->lang), c->max);
		if (c->mark)
			fprintf(s->o, _("  [%d★: above 0]"), c->mark);
		putc('\n', s->o);
		show_options(s, c);
	}
	footer(s);
	if (v >= 0)
		snprintf(prompt, size, "%s [%s]> ", k, enter_value_text(sh, sh->pos, v, val, sizeof val));
	else
		snprintf(prompt, size, "%s> ", k);
}

/* The star marks the sheet misses, star by star: " · 4★: 10≥3; 5★: 1.b≥3, 4.a≥5". */
static int missed_marks(struct session *s, const struct ocop_sheet *sh, const char *head)
{
	int n = 0;

	for (int star = 1; star <= OCOP_MAX_STARS; star++) {
		int k = 0;
		for (size_t i = 0; i < sh->set->nmarks; i++) {
			const struct ocop_mark *m = &sh->set->marks[i];
			if (m->star != star || !ocop_sheet_mark_missed(sh, i))
				continue;
			if (!k++)
				fprintf(s->o, "%s %d★:", n ? ";" : head, star);
			fprintf(s->o, "%s %s%s%d", k > 1 ? "," : "", ocop_set_leaf(sh->set, (size_t)m->leaf)->id,
			        m->above_zero ? ">" : "≥", m->above_zero ? 0 : m->points);
			n++;
		}
	}
	return n;
}

/* The running total, parts and the marks the sheet misses, after each answer. */
static void feedback(struct session *s, const struct ocop_sheet *sh, int item)
{
	int part[OCOP_MAX_PARTS], total = ocop_sheet_total(sh, part);
	char key[16], val[16];

	/* TRANSLATORS: after an answer: the criterion, its value, the sheet's running total. */
	fprintf(s->o, _("  = %s %s · total %d"), ocop_sheet_key(sh, item, key, sizeof key),
	        enter_value_text(sh, item, ocop_sheet_value(sh, item), val, sizeof val), total);
	for (size_t p = 0; p < sh->regime->nparts; p++)
		fprintf(s->o, " · %s %d", sh->regime->parts[p].id, part[p]);
	missed_marks(s, sh, _(" · marks missed"));
	putc('\n', s->o);
}

void enter_show_sheet(struct session *s, const struct ocop_sheet *sh, const char *title)
{
	int part[OCOP_MAX_PARTS], total = ocop_sheet_total(sh, part), sec = -1, sum = 0, first = 1;
	char key[16], val[16];
	size_t width = 0;

	fprintf(s->o, "\n%s\n", title);
	for (int i = 0; i <= sh->nitems; i++) {
		int si = -1;
		const struct ocop_section *x = i < sh->nitems ? section_of(sh, i, &si) : NULL;
		if (i == sh->nitems || si != sec) {
			if (sec >= 0) {
				emit_pad(s->o, width, 60);
				fprintf(s->o, " %3d\n", sum);
			}
			if (!x)
				break;
			fprintf(s->o, "  %2d ", x->number);
			sec = si;
			sum = 0;
			width = 5;
		}
		if (!ocop_sheet_applies(sh, i))
			continue;
		int v = ocop_sheet_value(sh, i);
		const char *k = ocop_sheet_key(sh, i, key, sizeof key);
		enter_value_text(sh, i, v, val, sizeof val);
		if (width + strlen(k) + strlen(val) + 2 > 60) {
			fputs("\n     ", s->o);
			width = 5;
		}
		width += (size_t)fprintf(s->o, " %s=%s", k, val);
		if (sh->items[i].leaf >= 0 && v > 0)
			sum += v;
	}
	for (size_t p = 0; p < sh->regime->nparts; p++)
		fprintf(s->o, "%s%s %d/%d", p ? " · " : "  ", sh->regime->parts[p].id, part[p],
		        sh->regime->parts[p].max);
	fprintf(s->o, _(" · Total %d\n"), total);
	if (missed_marks(s, sh, _("  Marks missed")))
		putc('\n', s->o);
	for (int i = 0; i < sh->nitems; i++)
		if (!ocop_sheet_answered(sh, i) && sh->items[i].leaf >= 0 && sh->skipped[sh->items[i].leaf]) {
			fprintf(s->o, "%s %s", first ? _("  Left empty:") : ",",
			        ocop_sheet_key(sh, i, key, sizeof key));
			first = 0;
		}
	if (!first)
		fputs(_("  (a sheet with empty cells leaves the dossier invalid)\n"), s->o);
}

/* A command typed at a question or at the final question; 1 if it was one (and done), 0 if the
 * line is an answer, -1 to quit. */
static int command(struct session *s, struct ocop_sheet *sh, const char *line, const char *title)
{
	char key[16];
	int item;

	if (strcmp(line, "?") == 0) {
		help(s);
		return 1;
	}
	if (strcmp(line, "q") == 0)
		return -1;
	if (strcmp(line, "l") == 0) {
		enter_show_sheet(s, sh, title);
		s->last_section = -1;
		return 1;
	}
	if (strcmp(line, "b") == 0) {
		if (sh->pos == 0) {
			fputs(_("  (this is the first criterion)\n"), s->o);
			return 1;
		}
		ocop_sheet_back(sh);
		enter_journal(s, "b", JEND);
		return 1;
	}
	if (strcmp(line, "u") == 0) {
		if (ocop_sheet_undo(sh) < 0) {
			fputs(_("  (nothing to undo)\n"), s->o);
			return 1;
		}
		enter_journal(s, "u", JEND);
		fprintf(s->o, _("  undone: %s\n"),
		        ocop_sheet_key(sh, sh->pos, key, sizeof key));
		return 1;
	}
	if (line[0] == 'g' && (line[1] == ' ' || line[1] == '\0')) {
		const char *id = line + 1;
		while (*id == ' ')
			id++;
		item = *id ? ocop_sheet_find(sh, id) : -1;
		if (item < 0) {
			fprintf(s->o, _("  set %s has no criterion \"%s\"\n"), sh->set->code, id);
			return 1;
		}
		if (!ocop_sheet_applies(sh, item)) {
			fprintf(s->o, _("  %s belongs to a case not chosen (g and the section number to "
			                "choose again)\n"), id);
			return 1;
		}
		ocop_sheet_goto(sh, item);
		enter_journal(s, "g", ocop_sheet_key(sh, item, key, sizeof key), JEND);
		return 1;
	}
	return 0;
}

/* The final question: save? Returns 1 yes, 0 stay (a command was typed), -1 quit. */
static int confirm_save(struct session *s, struct ocop_sheet *sh, const char *title,
                        const char *confirm)
{
	const char *line;
	int r;

	enter_show_sheet(s, sh, title);
	s->last_section = -1;
	fputs(_("  [Enter saves | g ID corrects a criterion | b back | u undo | q quit]\n"), s->o);
	for (;;) {
		if (!(line = enter_ask(s, "%s", confirm)))
			return -1;
		if (!*line || enter_yes(line))
			return 1;
		if (strcmp(line, "n") == 0 || strcmp(line, "k") == 0 || strcmp(line, "K") == 0) {
			fputs(_("  Not saved. Correct with g ID, b or u; q quits (the draft is kept).\n"), s->o);
			continue;
		}
		if ((r = command(s, sh, line, title)) < 0)
			return -1;
		if (r > 0 && sh->pos < sh->nitems)
			return 0;
		if (!r)
			fprintf(s->o, _("  \"%s\": answer y (save) or n\n"),
			        line);
	}
}

int enter_sheet(struct session *s, const struct product *p, const char *member,
                struct ocop_sheet *sh, const char *confirm)
{
	char prompt[64], title[256], why[512], buf[16], num[16];
	const char *line, *key;
	int v, r, shown = -1;

	snprintf(title, sizeof title, _("Sheet %s — product %s, set %s"),
	         member, p->meta[OCOP_F_PRODUCT_ID], sh->set->code);
	s->last_section = -1;
	for (;;) {
		if (s->failed)
			return SHEET_FAILED;
		if (sh->pos >= sh->nitems) {
			if (!confirm)
				return SHEET_DONE;
			r = confirm_save(s, sh, title, confirm);
			if (r != 0)
				return r > 0 ? SHEET_DONE : SHEET_QUIT;
			continue;
		}
		/* A refused answer is asked again without showing the question again. */
		if (shown != sh->pos)
			show_item(s, sh, prompt, sizeof prompt);
		shown = sh->pos;
		if (!(line = enter_ask(s, "%s", prompt)))
			return SHEET_QUIT;
		key = ocop_sheet_key(sh, sh->pos, buf, sizeof buf);
		if (!*line) {
			if (ocop_sheet_value(sh, sh->pos) < 0) {
				fputs(_("  (no value yet: type the points, or s to skip)\n"), s->o);
				continue;
			}
			ocop_sheet_keep(sh);
			enter_journal(s, "k", key, JEND);
			continue;
		}
		if (strcmp(line, "s") == 0) {
			ocop_sheet_skip(sh);
			enter_journal(s, "s", key, JEND);
			continue;
		}
		if ((r = command(s, sh, line, title)) < 0)
			return SHEET_QUIT;
		if (r > 0) {
			shown = -1;
			continue;
		}
		if (ocop_sheet_parse(&v, sh, sh->pos, line, s->lang, why, sizeof why) < 0) {
			fprintf(s->o, "  ✗ %s\n", why);
			continue;
		}
		int item = sh->pos;
		if (ocop_sheet_answer(sh, v) < 0) {
			fputs(_("ocop: out of memory\n"), s->o);
			s->failed = EXIT_OUTPUT;
			return SHEET_FAILED;
		}
		snprintf(num, sizeof num, "%d", v);
		enter_journal(s, "a", key, num, JEND);
		feedback(s, sh, item);
	}
}
