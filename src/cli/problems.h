/* problems.h — diagnostics written as JSON objects (validate -f json|ndjson). */
#ifndef OCOP_CLI_PROBLEMS_H
#define OCOP_CLI_PROBLEMS_H

#include <stdio.h>

#include "ocop/err.h"

/* One problem as a JSON object, without a newline: file, line, column, product, member,
 * criterion (null when the problem names none), code (io, syntax, data, limit, warning, …, or
 * `code` when not NULL) and message. */
void problem_json(FILE *f, const struct ocop_err *e, const char *code);

#endif
