/* ocop/entry.h — guided entry of one council member's sheet: the questions in sheet order, each
 * answer checked against the criteria, moving around and undo, running totals and the star marks
 * the sheet still misses, and the draft journal an interrupted entry resumes from.
 *
 * A struct ocop_sheet borrows its regime and set, which must outlive it, and owns its arrays (free
 * with ocop_sheet_free). Nothing here prints, reads or writes files: the journal is lines of text
 * the caller writes (and fsyncs) and hands back to ocop_sheet_replay. Messages are in the language
 * asked for (enum ocop_lang). */
#ifndef OCOP_ENTRY_H
#define OCOP_ENTRY_H

#include <stddef.h>

#include "ocop/criteria.h"
#include "ocop/err.h"
#include "ocop/write.h"

/* One question of a sheet: a leaf criterion, or which case of a "choose one of two cases" section
 * (set VI.1) the member scores. The case question comes just before the section's first leaf. */
struct ocop_item {
	int leaf;                   /* leaf index, or -1 for a case question */
	int alt;                    /* index into set->alternatives of a case question, else -1 */
};

struct ocop_change {            /* one entry of the undo stack */
	int item;
	int old;                    /* the item's value before (ocop_sheet_value) */
	int old_skip;
	int group;                  /* changes of one action share a group and are undone together */
};

struct ocop_sheet {
	const struct ocop_regime *regime;
	const struct ocop_set *set;
	struct ocop_item *items;
	int nitems;
	signed char *points;        /* per leaf: points, or -1 while not given */
	unsigned char *skipped;     /* per leaf: 1 when skipped (left empty, flagged at the end) */
	int *kase;                  /* per alternatives group: the chosen case (1..), or 0 */
	int pos;                    /* the item asked now; nitems when none is left to ask */
	struct ocop_change *undo;
	size_t nundo, capundo;
	int group;
};

int ocop_sheet_new(struct ocop_sheet **out, const struct ocop_regime *r, const struct ocop_set *s,
                   struct ocop_err *err);
void ocop_sheet_free(struct ocop_sheet *s);

/* The text shown for a criterion and for an option: the official wording (text_vi) where the
 * criteria data carries it, else the label; in English, the English label. The one place that
 * chooses it. */
const char *ocop_criterion_text(const struct ocop_criterion *c, int lang);
const char *ocop_option_text(const struct ocop_option *o, int lang);
/* 1 for a yes/no criterion: no options on the sheet, answered có/không, worth max or 0. */
int ocop_criterion_yesno(const struct ocop_criterion *c);

/* The item of a leaf id ("3.a"), or of the case question of an alternatives section ("8" when no
 * leaf is called so); -1 if none. */
int ocop_sheet_find(const struct ocop_sheet *s, const char *id);
/* The item's key in the journal and in messages: the leaf id, or "#" and the section number. */
const char *ocop_sheet_key(const struct ocop_sheet *s, int item, char *buf, size_t size);
/* 0 for a leaf of a case not chosen (it is not asked and stays empty), else 1. */
int ocop_sheet_applies(const struct ocop_sheet *s, int item);
/* The item's value: a leaf's points or a question's case; -1 when not given (or not applying). */
int ocop_sheet_value(const struct ocop_sheet *s, int item);
/* 1 when the item needs no answer: given, or a leaf of a case not chosen. */
int ocop_sheet_answered(const struct ocop_sheet *s, int item);
/* Items still to ask (neither given nor skipped) and items skipped. */
int ocop_sheet_unanswered(const struct ocop_sheet *s);
int ocop_sheet_nskipped(const struct ocop_sheet *s);

/* Reads an answer to item `item`: points ("3"), an option number ("#2"), 0 (no option applies),
 * c/k (có/không) or 1/0 for a yes/no criterion, 1 or 2 for a case question. Returns 0 with the
 * value in *value, or -1 with the reason in why. */
int ocop_sheet_parse(int *value, const struct ocop_sheet *s, int item, const char *text, int lang,
                     char *why, size_t whysize);

/* The moves of guided entry. Each updates pos: after an answer, a kept value or a skip, pos goes
 * to the next item still to ask (after this one, then from the top; nitems when none). */
int ocop_sheet_answer(struct ocop_sheet *s, int value);   /* sets the item at pos */
void ocop_sheet_keep(struct ocop_sheet *s);               /* keeps its value, moves on */
void ocop_sheet_skip(struct ocop_sheet *s);               /* leaves it empty, flagged */
void ocop_sheet_back(struct ocop_sheet *s);               /* the item before */
void ocop_sheet_goto(struct ocop_sheet *s, int item);
/* Undoes the last answer or skip; pos goes to its item. -1 when there is nothing to undo. */
int ocop_sheet_undo(struct ocop_sheet *s);
/* Sets a value without an undo entry (a sheet read back from the file, a resolved difference);
 * pos goes to the first item still to ask. */
void ocop_sheet_set(struct ocop_sheet *s, int item, int value);
/* Clears the values of a case that is not chosen (after values were set directly). */
void ocop_sheet_tidy(struct ocop_sheet *s);

/* The points given so far: total, and per part (index into regime->parts). */
int ocop_sheet_total(const struct ocop_sheet *s, int part[OCOP_MAX_PARTS]);
/* 1 when mark `i` of the set is missed by the points given (a leaf not given misses nothing). */
int ocop_sheet_mark_missed(const struct ocop_sheet *s, size_t i);

/* ---- the draft journal ----
 *
 * One line per event, fields separated by tabs, with \t, \n and \\ escaped in values:
 *   ocop-draft 1                          first line of the file
 *   begin MODE PRODUCT MEMBER MEMBERS     a sheet is begun (MODE enter or verify)
 *   m FIELD VALUE                         the product's dossier columns for the sheet's row
 *   old CSV-ROW                           the row this sheet replaces, as it was in the file
 *   by NAME                               verify: who enters the second time
 *   v KEY VALUE                           a value the sheet starts with (a saved sheet corrected)
 *   a KEY VALUE | k KEY | s KEY | b | g KEY | u    the moves above, in order
 *   r KEY VALUE                           verify: a difference resolved
 *   saved | discarded                     the sheet is in the file, or given up
 * A draft is pending when its begin has no saved or discarded after it. A last line without its
 * newline (a power cut while writing it) is ignored. */

#define OCOP_JOURNAL_MAGIC "ocop-draft 1"
#define OCOP_JOURNAL_FIELDS 8

/* Splits one journal line (without its newline) into at most OCOP_JOURNAL_FIELDS fields,
 * unescaping them in place; returns the number of fields. */
int ocop_journal_split(char *line, char *field[OCOP_JOURNAL_FIELDS]);
/* Appends field to buf (NUL-terminated, cut at size) escaped for the journal; returns the length
 * it needed. */
size_t ocop_journal_escape(char *buf, size_t size, const char *field);
/* Offset of the begin line of the pending draft in a journal's text, or -1 when none is pending.
 * Returns -2 when the text is not a journal (no magic line). */
long ocop_journal_pending(const char *text, size_t len);
/* Applies one move line (a, k, s, b, g, u) of a draft to the sheet, as the move did when it was
 * typed. -1 with err when the line does not fit the sheet (a journal of other criteria). */
int ocop_sheet_replay(struct ocop_sheet *s, char *const field[], int nfields,
                      struct ocop_err *err);

#endif
