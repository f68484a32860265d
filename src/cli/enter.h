/* enter.h — ocop enter's pieces: the session (file, journal, products) in cmd_enter.c, the dialog
 * of one sheet in enter_sheet.c. */
#ifndef OCOP_CLI_ENTER_H
#define OCOP_CLI_ENTER_H

#include <stdio.h>

#include "cli.h"
#include "lineedit.h"
#include "ocop/entry.h"
#include "ocop/table.h"

struct product {
	char *meta[OCOP_NFIELDS];   /* malloc'ed, NULL when not given (member, verified_by unused) */
	const struct ocop_regime *regime;
	const struct ocop_set *set;
	int members;                /* expected sheets */
};

struct session {
	struct cli *c;
	const char *path;           /* FILE */
	char *jpath;                /* FILE.ocop-draft */
	struct ocop_table *t;       /* the file's cells; NULL until it exists */
	struct lined *in;
	FILE *o;                    /* prompts and feedback: standard error */
	int lang;
	int verify;                 /* --verify */
	int jfd;                    /* the journal, opened for appending; -1 before */
	int quit;                   /* q typed, or the end of the input */
	int failed;                 /* exit code of a failure (EXIT_INPUT, EXIT_OUTPUT), or 0 */
	int pending;                /* a draft was left to resume */
	int printed;                /* results written to standard output */
	int not_final;              /* products whose last printed result is not final */
	char *verifier;             /* the last name given for --verify */
	int last_section;           /* section of the last item shown, -1 for none */
	char **status_ids;          /* products whose result was printed, and whether final */
	int *status_final;
	size_t nstatus;
};

/* How a sheet's dialog ended. */
enum { SHEET_DONE, SHEET_QUIT, SHEET_FAILED };

/* The words of the session's language. */
static inline const char *L(const struct session *s, const char *vi, const char *en)
{
	return s->lang == OCOP_LANG_EN ? en : vi;
}

/* Asks a line; NULL at the end of the input (which also sets s->quit). */
const char *enter_ask(struct session *s, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* The end of enter_journal's fields. */
#define JEND ((const char *)NULL)

/* Appends one line of fields (JEND-terminated) to the journal and syncs it; -1 on failure (and
 * s->failed is set). */
int enter_journal(struct session *s, ...);
/* Runs the dialog of a sheet until every item is answered (or skipped) and the person confirms
 * at the question `confirm` (with its keys: "Save the sheet? [Y/n] "; NULL: none), or quits. Each move goes to the journal. */
int enter_sheet(struct session *s, const struct product *p, const char *member,
                struct ocop_sheet *sh, const char *confirm);
/* ---- the file and the journal (enter_file.c) ---- */

/* Reads FILE into s->t (replacing what was there; nothing when FILE does not exist yet); 0, or an
 * exit code after a message. */
int enter_load_file(struct session *s);
/* Writes a sheet into the table (replacing the member's row, or after the product's last row),
 * FILE read again first, then the table to FILE, atomically; then "saved" to the journal. */
int enter_save_sheet(struct session *s, const struct product *p, const char *member,
                     const struct ocop_sheet *sh, const char *verified_by);
/* 1 when the member's row in FILE holds exactly this sheet (saved just before a crash). */
int enter_row_holds(const struct session *s, const struct product *p, const char *member,
                    const struct ocop_sheet *sh, const char *verified_by);
/* Removes the temporary file of a save in progress, if any; async-signal-safe (for a signal
 * handler: FILE is then left as it was, and the sheet is in the journal). */
void enter_forget_temp(void);
/* Opens the journal (created if absent) and locks it for the session; 0 or an exit code. */
int enter_lock_journal(struct session *s);
/* A whole file, NUL-terminated (malloc'ed), or NULL with errno. */
char *enter_read_all(const char *path, size_t *len);
/* Starts a draft in the journal: the mode (enter, verify), the product's columns, the row it
 * replaces (-1: none), who enters it a second time (NULL: nobody). */
int enter_begin_draft(struct session *s, const struct product *p, const char *mode,
                      const char *member, long row, const char *by);
/* An empty sheet of the product's set, or NULL after saying why (the session has failed). */
struct ocop_sheet *enter_new_sheet(struct session *s, const struct product *p);
/* Fills a sheet from the member's row; with `journal`, each value goes to the journal too. */
void enter_prefill(struct session *s, struct ocop_sheet *sh, long row, int journal);
/* Sheets of the product in the table. */
size_t enter_have_sheets(const struct session *s, const struct product *p);
void enter_product_free(struct product *p);
void enter_set_meta(struct product *p, int f, const char *v);
/* s in NFC (malloc'ed), as the readers keep text. */
char *enter_nfc(const char *s);
/* 1 for y, Y, c, C, có, Có (the Vietnamese prompts offer c/k). */
int enter_yes(const char *line);

/* ---- the council's result (cmd_enter.c) ---- */

/* Reads FILE back as every command does and prints the product's explanation exactly as ocop
 * explain prints it; returns its status (enum ocop_status), or -1. */
int enter_print_result(struct session *s, const struct product *p);

/* ---- double entry (enter_verify.c) ---- */

struct resolution {             /* a difference resolved, replayed from the journal */
	char key[16];
	int value;
};

/* Shows the differences between the file's row and the blind entry, has each resolved, then marks
 * the sheet verified and saves it. */
int enter_resolve_sheet(struct session *s, const struct product *p, const char *member,
                        const struct ocop_sheet *blind, const char *by,
                        const struct resolution *known, size_t nknown);
/* The members of a product to verify, one after another. */
void enter_verify_members(struct session *s, const struct product *p);

/* The compact table of a sheet, then its totals, the marks it misses and what was skipped. */
void enter_show_sheet(struct session *s, const struct ocop_sheet *sh, const char *title);
/* One value as the sheet shows it: points, "TH1" (case1) for a case, "__" when empty. */
const char *enter_value_text(const struct ocop_sheet *sh, int item, int value, char *buf,
                             size_t size);

#endif
