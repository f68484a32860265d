/* criteria_diff.h — ocop criteria diff. */
#ifndef OCOP_CLI_CRITERIA_DIFF_H
#define OCOP_CLI_CRITERIA_DIFF_H

#include "cli.h"

/* Compares regimes A and B (ids or criteria files) and writes what changed to c->out as text or
 * JSON (fmt); returns EXIT_FINAL when nothing did, EXIT_RESULTS when something did, or the exit
 * code of an error, already reported. */
int criteria_diff(struct cli *c, int fmt, const char *a, const char *b);

#endif
