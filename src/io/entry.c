/* Guided entry of one member's sheet: questions, answers, moves, undo, totals; the draft journal. */
#include "ocop/entry.h"
#include "ocop/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ocop_sheet_new(struct ocop_sheet **out, const struct ocop_regime *r, const struct ocop_set *set,
                   struct ocop_err *err)
{
	struct ocop_sheet *s = calloc(1, sizeof *s);
	size_t n = set->nleaves;

	*out = NULL;
	if (!s || !(s->items = calloc(n + set->nalternatives, sizeof *s->items)) ||
	    !(s->points = malloc(n + 1)) || !(s->skipped = calloc(n + 1, 1)) ||
	    !(s->kase = calloc(set->nalternatives + 1, sizeof *s->kase))) {
		ocop_sheet_free(s);
		return ocop_err_set(err, OCOP_ENOMEM, NULL, 0, 0, NULL, "out of memory");
	}
	s->regime = r;
	s->set = set;
	memset(s->points, -1, n);
	for (size_t l = 0; l < n; l++) {
		for (size_t g = 0; g < set->nalternatives; g++) {
			const int *of = set->alternatives[g].case_of_leaf;
			size_t first = 0;
			while (first < n && !of[first])
				first++;
			if (first == l)
				s->items[s->nitems++] = (struct ocop_item){-1, (int)g};
		}
		s->items[s->nitems++] = (struct ocop_item){(int)l, -1};
	}
	s->pos = 0;
	*out = s;
	return 0;
}

void ocop_sheet_free(struct ocop_sheet *s)
{
	if (!s)
		return;
	free(s->items);
	free(s->points);
	free(s->skipped);
	free(s->kase);
	free(s->undo);
	free(s);
}

const char *ocop_criterion_text(const struct ocop_criterion *c, int lang)
{
	if (lang == OCOP_LANG_EN)
		return c->label_en;
	return c->text_vi ? c->text_vi : c->label_vi;
}

const char *ocop_option_text(const struct ocop_option *o, int lang)
{
	if (lang == OCOP_LANG_EN)
		return o->label_en;
	return o->text_vi ? o->text_vi : o->label_vi;
}

int ocop_criterion_yesno(const struct ocop_criterion *c)
{
	return c->yesno;
}

/* The case of the alternatives group g a leaf belongs to, or 0. */
static int case_of(const struct ocop_set *set, size_t g, int leaf)
{
	return set->alternatives[g].case_of_leaf[leaf];
}

int ocop_sheet_find(const struct ocop_sheet *s, const char *id)
{
	int leaf = ocop_set_find_leaf(s->set, id);
	char *end = "";
	long sec = -1;

	if (leaf < 0 && id[0] == '#')
		id++;
	if (leaf < 0 && *id)
		sec = strtol(id, &end, 10);
	else if (leaf < 0)
		return -1;
	for (int i = 0; i < s->nitems; i++) {
		const struct ocop_item *it = &s->items[i];
		if (leaf >= 0 ? it->leaf == leaf
		              : it->alt >= 0 && *end == '\0' && s->set->alternatives[it->alt].section == sec)
			return i;
	}
	return -1;
}

const char *ocop_sheet_key(const struct ocop_sheet *s, int item, char *buf, size_t size)
{
	const struct ocop_item *it = &s->items[item];

	if (it->leaf >= 0)
		return ocop_set_leaf(s->set, (size_t)it->leaf)->id;
	snprintf(buf, size, "#%d", s->set->alternatives[it->alt].section);
	return buf;
}

/* 1 unless the leaf belongs to a case other than the one chosen (or none is chosen yet). */
static int leaf_applies(const struct ocop_sheet *s, int leaf)
{
	for (size_t g = 0; g < s->set->nalternatives; g++) {
		int k = case_of(s->set, g, leaf);
		if (k && k != s->kase[g])
			return 0;
	}
	return 1;
}

int ocop_sheet_applies(const struct ocop_sheet *s, int item)
{
	return s->items[item].leaf < 0 || leaf_applies(s, s->items[item].leaf);
}

int ocop_sheet_value(const struct ocop_sheet *s, int item)
{
	const struct ocop_item *it = &s->items[item];

	if (it->leaf < 0)
		return s->kase[it->alt] ? s->kase[it->alt] : -1;
	return leaf_applies(s, it->leaf) ? s->points[it->leaf] : -1;
}

int ocop_sheet_answered(const struct ocop_sheet *s, int item)
{
	return !ocop_sheet_applies(s, item) || ocop_sheet_value(s, item) >= 0;
}

static int skipped(const struct ocop_sheet *s, int item)
{
	return s->items[item].leaf >= 0 && s->skipped[s->items[item].leaf];
}

int ocop_sheet_unanswered(const struct ocop_sheet *s)
{
	int n = 0;

	for (int i = 0; i < s->nitems; i++)
		n += !ocop_sheet_answered(s, i) && !skipped(s, i);
	return n;
}

int ocop_sheet_nskipped(const struct ocop_sheet *s)
{
	int n = 0;

	for (int i = 0; i < s->nitems; i++)
		n += !ocop_sheet_answered(s, i) && skipped(s, i);
	return n;
}

/* The next item to ask after `from`, then from the top; nitems when none. */
static int next_after(const struct ocop_sheet *s, int from)
{
	for (int k = 1; k <= s->nitems; k++) {
		int i = (from + k) % s->nitems;
		if (!ocop_sheet_answered(s, i) && !skipped(s, i))
			return i;
	}
	return s->nitems;
}

/* ---- answers ---- */

static int word_in(const char *t, const char *const *words)
{
	for (; *words; words++)
		if (strcmp(t, *words) == 0)
			return 1;
	return 0;
}

/* A whole number of at most three digits, or -1. */
static int small_number(const char *t)
{
	int v = 0;

	if (!*t || strlen(t) > 3)
		return -1;
	for (; *t; t++) {
		if (*t < '0' || *t > '9')
			return -1;
		v = v * 10 + (*t - '0');
	}
	return v;
}

static int parse_case(int *value, const struct ocop_sheet *s, const struct ocop_item *it,
                      const char *t, int lang, char *why, size_t size)
{
	int n = (int)s->set->alternatives[it->alt].ncases, v = small_number(t);

	if (v >= 1 && v <= n) {
		*value = v;
		return 0;
	}
	snprintf(why, size, ocop_lgettext((enum ocop_lang)lang, "\"%s\": choose case 1 to %d"), t, n);
	return -1;
}

static int parse_yesno(int *value, const struct ocop_criterion *c, const char *t, int lang,
                       char *why, size_t size)
{
	static const char *const yes[] = {"c", "có", "co", "1", "y", "yes", NULL};
	static const char *const no[] = {"k", "không", "khong", "0", "n", "no", NULL};

	if (word_in(t, yes) || word_in(t, no)) {
		*value = word_in(t, yes) ? c->max : 0;
		return 0;
	}
	snprintf(why, size, ocop_lgettext((enum ocop_lang)lang, "\"%s\": a yes/no criterion, answer c "
	                                  "(yes) or k (no)"), t);
	return -1;
}

int ocop_sheet_parse(int *value, const struct ocop_sheet *s, int item, const char *t, int lang,
                     char *why, size_t size)
{
	const struct ocop_item *it = &s->items[item];
	const struct ocop_criterion *c;
	char opts[128];
	int v;

	if (it->leaf < 0)
		return parse_case(value, s, it, t, lang, why, size);
	c = ocop_set_leaf(s->set, (size_t)it->leaf);
	if (ocop_criterion_yesno(c))
		return parse_yesno(value, c, t, lang, why, size);
	ocop_set_points_list(s->set, (size_t)it->leaf, opts, sizeof opts);
	if (t[0] == '#') {
		v = small_number(t + 1);
		if (v >= 1 && (size_t)v <= c->noptions) {
			*value = c->options[v - 1].points;
			return 0;
		}
		snprintf(why, size, ocop_lgettext((enum ocop_lang)lang, "\"%s\": there is no option %s (#1 "
		                                  "to #%zu)"), t, t, c->noptions);
		return -1;
	}
	v = small_number(t);
	if (v >= 0 && ocop_set_valid_points(s->set, (size_t)it->leaf, v)) {
		*value = v;
		return 0;
	}
	if (v >= 0)
		snprintf(why, size, ocop_lgettext((enum ocop_lang)lang, "%d points is not an option of %s "
		                                  "(points: %s)"), v, c->id, opts);
	else
		snprintf(why, size, ocop_lgettext((enum ocop_lang)lang, "\"%s\" is not points (%s), an "
		                                  "option number (#1 to #%zu) or a command (? for help)"),
		         t, opts, c->noptions);
	return -1;
}

/* ---- moves ---- */

static int push(struct ocop_sheet *s, int item)
{
	struct ocop_change *ch;

	if (s->nundo == s->capundo) {
		size_t cap = s->capundo ? s->capundo * 2 : 64;
		struct ocop_change *v = realloc(s->undo, cap * sizeof *v);
		if (!v)
			return -1;
		s->undo = v;
		s->capundo = cap;
	}
	ch = &s->undo[s->nundo++];
	ch->item = item;
	ch->old = s->items[item].leaf < 0 ? s->kase[s->items[item].alt]
	                                   : s->points[s->items[item].leaf];
	ch->old_skip = s->items[item].leaf >= 0 && s->skipped[s->items[item].leaf];
	ch->group = s->group;
	return 0;
}

/* Sets an item's raw value (a case, or a leaf's points, -1 for none) and clears its skip flag. */
static void put(struct ocop_sheet *s, int item, int value, int skip)
{
	const struct ocop_item *it = &s->items[item];

	if (it->leaf < 0) {
		s->kase[it->alt] = value < 0 ? 0 : value;
		return;
	}
	s->points[it->leaf] = (signed char)value;
	s->skipped[it->leaf] = (unsigned char)skip;
}

/* A case chosen anew: the leaves of the other cases lose their values (with undo entries). */
static void clear_other_cases(struct ocop_sheet *s, int alt, int undoable)
{
	for (int i = 0; i < s->nitems; i++) {
		int leaf = s->items[i].leaf, k = leaf >= 0 ? case_of(s->set, (size_t)alt, leaf) : 0;
		if (!k || k == s->kase[alt] || (s->points[leaf] < 0 && !s->skipped[leaf]))
			continue;
		if (undoable)
			push(s, i);
		put(s, i, -1, 0);
	}
}

void ocop_sheet_set(struct ocop_sheet *s, int item, int value)
{
	put(s, item, value, 0);
	if (s->items[item].leaf < 0 && value > 0)
		clear_other_cases(s, s->items[item].alt, 0);
	s->pos = next_after(s, s->nitems - 1);
}

void ocop_sheet_tidy(struct ocop_sheet *s)
{
	for (size_t g = 0; g < s->set->nalternatives; g++)
		if (s->kase[g])
			clear_other_cases(s, (int)g, 0);
}

int ocop_sheet_answer(struct ocop_sheet *s, int value)
{
	int item = s->pos;

	if (item >= s->nitems || push(s, item) < 0)
		return -1;
	put(s, item, value, 0);
	if (s->items[item].leaf < 0)
		clear_other_cases(s, s->items[item].alt, 1);
	s->group++;
	s->pos = next_after(s, item);
	return 0;
}

void ocop_sheet_keep(struct ocop_sheet *s)
{
	if (s->pos < s->nitems)
		s->pos = next_after(s, s->pos);
}

void ocop_sheet_skip(struct ocop_sheet *s)
{
	int item = s->pos;

	if (item >= s->nitems)
		return;
	if (s->items[item].leaf >= 0 && push(s, item) == 0) {
		put(s, item, -1, 1);
		s->group++;
	}
	s->pos = next_after(s, item);
}

void ocop_sheet_back(struct ocop_sheet *s)
{
	int i = s->pos;

	while (i > 0) {
		i--;
		if (ocop_sheet_applies(s, i))
			break;
	}
	s->pos = i;
}

void ocop_sheet_goto(struct ocop_sheet *s, int item)
{
	if (item >= 0 && item <= s->nitems)
		s->pos = item;
}

int ocop_sheet_undo(struct ocop_sheet *s)
{
	int group, item = -1;

	if (!s->nundo)
		return -1;
	group = s->undo[s->nundo - 1].group;
	while (s->nundo && s->undo[s->nundo - 1].group == group) {
		const struct ocop_change *ch = &s->undo[--s->nundo];
		put(s, ch->item, ch->old, ch->old_skip);
		item = ch->item;
	}
	s->pos = item;
	return item;
}

/* ---- totals ---- */

int ocop_sheet_total(const struct ocop_sheet *s, int part[OCOP_MAX_PARTS])
{
	int total = 0;

	memset(part, 0, OCOP_MAX_PARTS * sizeof *part);
	for (size_t l = 0; l < s->set->nleaves; l++)
		if (s->points[l] > 0 && leaf_applies(s, (int)l)) {
			part[s->set->leaf_part[l]] += s->points[l];
			total += s->points[l];
		}
	return total;
}

int ocop_sheet_mark_missed(const struct ocop_sheet *s, size_t i)
{
	const struct ocop_mark *m = &s->set->marks[i];
	int p = s->points[m->leaf];

	if (p < 0 || !leaf_applies(s, m->leaf))
		return 0;
	return m->above_zero ? p <= 0 : p < m->points;
}

/* ---- journal ---- */

int ocop_journal_split(char *line, char *field[OCOP_JOURNAL_FIELDS])
{
	int n = 0;
	char *r = line, *w = line;

	field[n++] = w;
	for (; *r; r++) {
		if (*r == '\t' && n < OCOP_JOURNAL_FIELDS) {
			*w++ = '\0';
			field[n++] = w;
		} else if (*r == '\\' && r[1]) {
			r++;
			*w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r == 'r' ? '\r' : *r;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
	return n;
}

size_t ocop_journal_escape(char *buf, size_t size, const char *f)
{
	size_t len = strlen(buf), need = len;

	for (; *f; f++) {
		char esc = *f == '\t' ? 't' : *f == '\n' ? 'n' : *f == '\r' ? 'r' : *f == '\\' ? '\\' : 0;
		char two[2] = {esc ? '\\' : *f, esc};
		for (int k = 0; k < (esc ? 2 : 1); k++, need++)
			if (need + 1 < size)
				buf[need] = two[k];
	}
	buf[need + 1 < size ? need : size - 1] = '\0';
	return need;
}

long ocop_journal_pending(const char *text, size_t len)
{
	size_t ml = strlen(OCOP_JOURNAL_MAGIC);
	long begin = -1;

	if (len < ml + 1 || memcmp(text, OCOP_JOURNAL_MAGIC, ml) != 0 || text[ml] != '\n')
		return -2;
	for (size_t at = ml + 1; at < len;) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n;
		if (!nl)
			break;              /* a last line cut short: never completed, never acted on */
		n = (size_t)(nl - (text + at));
		if (n >= 6 && memcmp(text + at, "begin\t", 6) == 0)
			begin = (long)at;
		else if ((n == 5 && memcmp(text + at, "saved", 5) == 0) ||
		         (n == 9 && memcmp(text + at, "discarded", 9) == 0))
			begin = -1;
		at += n + 1;
	}
	return begin;
}

/* fmt: an English message marked with N_(), with one %s for key (ocop_err_set translates it). */
static int replay_error(struct ocop_err *err, const char *fmt, const char *key)
{
	return ocop_err_set(err, OCOP_ESYNTAX, NULL, 0, 0, NULL, fmt, key ? key : "");
}

int ocop_sheet_replay(struct ocop_sheet *s, char *const f[], int n, struct ocop_err *err)
{
	char buf[16];
	const char *key = s->pos < s->nitems ? ocop_sheet_key(s, s->pos, buf, sizeof buf) : "";
	int v;

	if (strcmp(f[0], "b") == 0) {
		ocop_sheet_back(s);
		return 0;
	}
	if (strcmp(f[0], "u") == 0 && ocop_sheet_undo(s) < 0)
		return ocop_err_set(err, OCOP_ESYNTAX, NULL, 0, 0, NULL,
		                    "the draft does not fit the sheet: nothing to undo");
	if (strcmp(f[0], "u") == 0)
		return 0;
	if (n < 2)
		return replay_error(err, N_("the draft does not fit the sheet: a line without its "
		                            "criterion: %s"), f[0]);
	if (strcmp(f[0], "g") == 0) {
		if ((v = ocop_sheet_find(s, f[1])) < 0)
			return replay_error(err, N_("the draft does not fit the sheet: no criterion %s"),
			                    f[1]);
		ocop_sheet_goto(s, v);
		return 0;
	}
	if (strcmp(key, f[1]) != 0)
		return replay_error(err, N_("the draft does not fit the sheet: expected an answer to "
		                            "%s"), key);
	if (strcmp(f[0], "k") == 0) {
		ocop_sheet_keep(s);
		return 0;
	}
	if (strcmp(f[0], "s") == 0) {
		ocop_sheet_skip(s);
		return 0;
	}
	if (strcmp(f[0], "a") == 0 && n >= 3 && (v = small_number(f[2])) >= 0) {
		char why[256];
		int ok;
		if (s->items[s->pos].leaf >= 0 &&
		    ocop_criterion_yesno(ocop_set_leaf(s->set, (size_t)s->items[s->pos].leaf)))
			ok = v == 0 || v == ocop_set_leaf(s->set, (size_t)s->items[s->pos].leaf)->max;
		else
			ok = ocop_sheet_parse(&v, s, s->pos, f[2], OCOP_LANG_EN, why, sizeof why) == 0;
		if (ok && ocop_sheet_answer(s, v) == 0)
			return 0;
	}
	return replay_error(err, N_("the draft does not fit the sheet: a line it cannot apply: %s"),
	                    f[0]);
}
