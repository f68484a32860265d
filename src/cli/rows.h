/* rows.h — what promote, rank and due keep of each product while the input streams past: a few
 * numbers and strings, never its sheets. */
#ifndef OCOP_CLI_ROWS_H
#define OCOP_CLI_ROWS_H

#include <stdio.h>

#include "arena.h"
#include "cli.h"
#include "ocop/promote.h"

/* Strings kept once however many rows share them (sets, districts): each has an index, in the
 * order first seen. */
struct rows_pool {
	const char **v;                 /* v[ix]: the string (in the rows' arena) */
	size_t n, cap;
	unsigned *slot;                 /* hash slots: index + 1, 0 when free */
	size_t nslot;
};

struct row {
	const char *id, *name;              /* product id and name, NULL when absent */
	const char *set, *regime;
	const char *group;                  /* rows.group's value ("" when absent), in rows.groups */
	const char **meta;                  /* every field of the dossier (NULL when absent); NULL
	                                     * when rows.compact */
	const char *reason, *reason_vi;     /* promote; reason_vi: NULL unless rows.reason_vi */
	long sum, part[3];                  /* total, parts A, B, C: sums over the members */
	int n;
	unsigned group_ix;                  /* group's index in rows.groups */
	int certificate_months, notice_days;
	/* small numbers, small (200,000 rows of a season are kept) */
	signed char status, stars, band;
	signed char decision, dec_stars, dec_level, next_level, precheck;    /* promote */
};

/* rows.group: none (0), the set, or a field (OCOP_F_...) */
#define ROWS_GROUP_SET (-1)
#define ROWS_GROUP_FIELD(f) ((f) + 1)

struct rows {
	struct arena arena;                 /* the rows' strings */
	struct row *v;
	size_t n, cap;
	struct cli *c;
	int level;                          /* promote: the deciding council, else OCOP_LEVEL_NONE */
	struct ocop_policy policy;
	int reason_vi;                      /* promote: keep the reasons in Vietnamese too */
	int compact;                        /* keep only id and name of the fields (no row.meta) */
	int group;                          /* what groups the rows: 0 (none), ROWS_GROUP_... */
	struct rows_pool sets, groups;      /* the sets' codes; the groups */
	struct rows_pool texts;             /* promote's reasons */
	/* When set, each row is handed to take as it is kept, then dropped: the command keeps its own
	 * record (of what it needs) instead. take returns 0 when out of memory. */
	int (*take)(struct rows *rs, const struct row *r);
	void *take_ctx;
	int failed;                         /* scoring failed (out of memory) */
	int unsettled;                      /* a dossier invalid or needing re-score */
};

/* The sink of a streaming batch: scores (and decides) each dossier and keeps its row. */
void rows_collect(void *rows, struct ocop_dossier *d);
/* Streams the inputs through rows_collect, then opens the output; returns an exit code or 0. */
int rows_load(struct rows *rs, struct cli *c, char **files, int nfiles);
void rows_free(struct rows *rs);
/* A field of a row, "" when absent (a compact row has only the id and the name). */
const char *rows_meta(const struct row *r, int f);
/* A mean of the row's sum over its members ("" for an invalid dossier). */
void rows_mean(char *buf, size_t size, const struct row *r, long sum);
/* A table's id column (wid wide) and name column (wname wide, a longer name cut with "…"), each
 * with a gap of two. */
void rows_put_id_name(FILE *f, const struct row *r, size_t wid, size_t wname);
/* The name column's width beside other columns `others` wide: the rule of every table
 * (ocop_text_name_cols) for the terminal's width. `longest` is the widest name. */
size_t rows_name_cols(size_t longest, size_t others);
/* A left-aligned cell `width` wide and a gap of two, in colour (an ANSI escape) when not NULL. */
void rows_put_cell(FILE *f, const char *s, size_t width, const char *color);
/* Awarded stars as ★, or "" for none. */
const char *rows_stars(int stars);

#endif
