/* ocop/read.h — dossier readers: wide and long CSV, JSON and NDJSON, into a struct ocop_batch.
 *
 * The caller opens and closes the FILE. A reader returns -1 when the input cannot be read as a
 * whole (unreadable, malformed CSV or JSON, a bad header, a limit exceeded): err says where, and
 * nothing read from it should be scored. Problems inside records go to the batch instead. */
#ifndef OCOP_READ_H
#define OCOP_READ_H

#include <stdio.h>

#include "ocop/dossier.h"
#include "ocop/err.h"

enum ocop_input_format { OCOP_IN_AUTO, OCOP_IN_CSV, OCOP_IN_JSON, OCOP_IN_NDJSON };

/* Limits; input beyond them is rejected with OCOP_ELIMIT. */
#define OCOP_MAX_FIELD (64 * 1024)       /* bytes in one CSV field */
#define OCOP_MAX_NDJSON_LINE (1024L * 1024) /* bytes in one NDJSON line */
#define OCOP_MAX_COLUMNS 1024
#define OCOP_MAX_MEMBERS 100             /* council members per product */
#define OCOP_MAX_JSON_DEPTH 32
#define OCOP_MAX_JSON_VALUE (1024L * 1024) /* bytes in one dossier of a JSON document */

/* The format a file name implies (.csv, .json, .ndjson, .jsonl), or OCOP_IN_AUTO if none. */
int ocop_input_format_of(const char *name);
/* Parses "csv", "json" or "ndjson"; -1 if none of them. */
int ocop_input_format_parse(const char *s);

/* How to read files as spreadsheets make them. A NULL struct ocop_reading means the defaults. */
struct ocop_reading {
	char delimiter;               /* CSV field delimiter: ',', ';' or '\t'; 0 detects it from the
	                                 header line (the most frequent of the three, ',' on a tie) */
	struct ocop_diags *warnings;  /* what was accepted but should be known (a trailing empty
	                                 column, text that looks decoded the wrong way), with code
	                                 OCOP_EWARN; may be NULL, or the batch's own diagnostics */
	int libcsv_only;              /* CSV: every line parsed by libcsv, none by the fast paths
	                                 beside it (for tests, which hold those paths to it) */
};

/* Reads one input; format OCOP_IN_AUTO guesses from the name, then from the first byte. */
int ocop_read(struct ocop_batch *b, FILE *f, const char *name, int format, struct ocop_err *err);
int ocop_read_with(struct ocop_batch *b, FILE *f, const char *name, int format,
                   const struct ocop_reading *how, struct ocop_err *err);
int ocop_read_csv(struct ocop_batch *b, FILE *f, const char *name, struct ocop_err *err);
int ocop_read_csv_with(struct ocop_batch *b, FILE *f, const char *name,
                       const struct ocop_reading *how, struct ocop_err *err);
int ocop_read_json(struct ocop_batch *b, FILE *f, const char *name, int ndjson,
                   struct ocop_err *err);

#endif
