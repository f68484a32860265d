/* cli.h — the ocop program: options, inputs and outputs shared by the commands. */
#ifndef OCOP_CLI_H
#define OCOP_CLI_H

#include <stdio.h>

#include "ocop/catalog.h"
#include "ocop/dossier.h"
#include "ocop/err.h"
#include "ocop/i18n.h"

/* Exit codes: part of the interface, documented in --help and README. */
enum {
	EXIT_FINAL = 0,     /* every dossier scored and final */
	EXIT_RESULTS = 1,   /* results printed, but a dossier is invalid or needs re-scoring */
	EXIT_USAGE = 2,     /* bad command line */
	EXIT_INPUT = 3,     /* input or criteria unreadable or malformed: nothing scored */
	EXIT_OUTPUT = 4     /* the output could not be written (disk full, closed pipe) */
};

/* An input opened once and read twice (spool.c). */
struct cli_input {
	FILE *f;
	long long start;            /* where its data begins in f */
	int own;                    /* f is closed by cli_inputs_close */
};

struct cli {
	const char *cmd;
	int format;                 /* enum ocop_out_format, -1 for the default */
	const char *output;         /* -o FILE or NULL */
	const char *criteria;       /* --criteria FILE */
	const char *regime;         /* --regime ID */
	int input_format;           /* enum ocop_input_format */
	int lang;                   /* enum ocop_lang */
	int members;                /* --members N (criteria template), 0 if not given */
	const char *set;            /* --set SET (criteria diff) */
	int level;                  /* --at LEVEL (promote) */
	int min_stars;              /* --min-stars, -1 if not given */
	long min_total_centi;       /* --min-total in hundredths, -1 if not given */
	int forwarded_only, dense;
	int ungrouped;              /* --ungrouped: read everything, then hand each product to sink */
	int sheets;                 /* --sheets (report): the members' entered sheets */
	const char *by;             /* --by GROUP (rank) */
	long top;                   /* --top K (rank), 0 for all */
	const char *on;             /* --on DATE (due) */
	int verify;                 /* --verify (enter): second, blind entry of saved sheets */
	int require_verified;       /* --require-verified (validate): unverified sheets are problems */
	char **args;                /* positional arguments */
	int nargs;
	struct ocop_catalog *cat;
	const struct ocop_regime *forced;
	struct ocop_batch *batch;
	struct ocop_diags diags;
	size_t problems;            /* diagnostics printed so far */
	struct cli_input *inputs;   /* inputs opened by cli_inputs_open, else NULL */
	int ninputs;
	ocop_sink_fn sink;          /* receives each complete dossier, while reading (streaming) or
	                               after it (--ungrouped) */
	void *sink_ctx;
	/* output */
	FILE *out;
	char *tmp;                  /* temporary file renamed onto output on success */
	char *target;               /* the file -o names, symbolic links followed */
	/* files as spreadsheets make them (spreadsheet.c) */
	char delimiter;             /* --delimiter: CSV input and output; 0 detects it on input */
	const char *encoding;       /* --encoding: the iconv name, NULL for UTF-8 */
	const char *encoding_label; /* as the user wrote it */
	int bom;                    /* --bom: CSV output starts with a UTF-8 BOM */
	FILE *raw_out;              /* under out when out re-delimits CSV or adds the BOM */
	int color;                  /* enum cli_color: --color, --no-color */
	/* When set, cli_flush_diags hands each diagnostic here instead of printing it. */
	void (*on_diag)(struct cli *c, const struct ocop_err *e);
	void *on_diag_ctx;
};

enum cli_color { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER };
/* 1 if output should be coloured: --color=always, or auto (the default) on a terminal without
 * -o and without NO_COLOR. */
int cli_color(const struct cli *c);
/* The width tables fit: COLUMNS, else the terminal's on standard output, else 0 (not known). */
size_t cli_columns(void);

/* A command; its texts are English messages of the catalog (N_), translated when printed. */
struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;        /* one line, in the list of commands */
	const char *help;           /* usage, what it does, its own options */
	unsigned blocks;            /* the shared option blocks that follow (H_* in main.c) */
	const char *examples;       /* command lines, never translated; NULL for none */
	const char *note;           /* a paragraph after the examples, or NULL */
	const char *exit;           /* its exit status, or NULL */
};

extern const struct command commands[];

int cmd_score(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_criteria(int argc, char **argv);
int cmd_promote(int argc, char **argv);
int cmd_rank(int argc, char **argv);
int cmd_due(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_enter(int argc, char **argv);

/* Long options only some commands take. */
enum { OPT_AT = 256, OPT_MIN_STARS, OPT_MIN_TOTAL, OPT_FORWARDED, OPT_DENSE, OPT_BY, OPT_TOP,
       OPT_ON, OPT_UNGROUPED, OPT_SHEETS, OPT_VERIFY, OPT_REQUIRE_VERIFIED, OPT_DELIMITER,
       OPT_ENCODING, OPT_BOM, OPT_COLOR, OPT_NO_COLOR };

/* Parses the options every command shares, plus the long options named in `extra` (comma
 * separated, e.g. "at,min-stars"); returns -1 after printing a usage error, 1 when --help was
 * printed, 0 otherwise. */
int cli_options(struct cli *c, const char *cmd, const char *extra, int argc, char **argv);
/* Loads the criteria and reads every input into c->batch (standard input when nfiles is 0, nothing
 * when it is negative); returns an exit code, 0 if all went well. */
int cli_load(struct cli *c, char **files, int nfiles);
/* Opens each input once for reading twice: a regular file in place, anything else copied into an
 * anonymous temporary file; returns an exit code, 0 if all went well (messages printed). */
int cli_inputs_open(struct cli *c, char **files, int nfiles);
/* Input i positioned at its start again; NULL if that fails. */
FILE *cli_input_rewind(struct cli *c, int i);
void cli_inputs_close(struct cli *c);
void cli_print_diags(const struct ocop_diags *d);
/* Prints the diagnostics gathered so far, adds them to c->problems and forgets them. */
size_t cli_flush_diags(struct cli *c);
void cli_print_err(const struct ocop_err *e);
/* Opens the output: -o FILE through a temporary file in the same folder, else stdout. */
int cli_out_open(struct cli *c);
/* Flushes and commits the output (rename onto -o FILE); on failure removes what was written. */
int cli_out_close(struct cli *c, int commit);
/* Signals that end the run remove the temporary files tracked here (signals.c): slot 0 is the
 * output's temporary file, slot 1 a copy of an input, slot 2 a workbook being built; a NULL path
 * forgets the slot. block/unblock
 * hold the signals off while a file is created and tracked, so none is left untracked. */
void cli_signals_init(void);
void cli_signals_track(int slot, const char *path);
void cli_signals_block(void);
void cli_signals_unblock(void);
/* Output format chosen with --format, or the default (table on a terminal, else CSV). */
int cli_format(const struct cli *c);
void cli_free(struct cli *c);

struct ocop_book;
/* A workbook written to a temporary file (path, of size bytes), copied into the output by
 * cli_book_close when keep is set; both return an exit code, 0 if all went well. */
int cli_book_open(struct cli *c, struct ocop_book **book, char *path, size_t size);
int cli_book_close(struct cli *c, struct ocop_book *book, char *path, int keep);
/* Prints the help of a command to f. */
void cli_help(FILE *f, const char *cmd);

#endif
