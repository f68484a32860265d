/* colname.h — header cells as spreadsheets write them (internal): trimmed, case-folded, with the
 * Vietnamese names of the dossier columns (README, "Dossiers"). */
#ifndef OCOP_COLNAME_H
#define OCOP_COLNAME_H

#include <stddef.h>

enum { COL_UNKNOWN = -1, COL_CRITERION = -2, COL_POINTS = -3 };

/* The folded form of a header cell: spaces (and no-break spaces) trimmed, Unicode case-folded,
 * NFC; a malloc'ed string, NULL when out of memory. */
char *colname_fold(const char *raw);
/* The enum ocop_field, COL_CRITERION or COL_POINTS that a folded name means (English names, with
 * spaces or hyphens for underscores, and the Vietnamese aliases), else COL_UNKNOWN. */
int colname_parse(const char *folded);
/* The known column name closest to an unknown folded one ("did you mean"), or NULL. */
const char *colname_suggest(const char *folded);

#endif
