/* lineedit.h — the lines `ocop enter` reads: libedit (editing keys, history) on a terminal, plain
 * lines otherwise. Prompts go to the given stream (standard error), never to standard output. */
#ifndef OCOP_LINEEDIT_H
#define OCOP_LINEEDIT_H

#include <stdio.h>

struct lined;

/* Reads from `in`; libedit when in and out are terminals, else plain lines (each echoed after
 * its prompt, so that a log of the session reads like the screen). NULL when out of memory. */
struct lined *lined_open(FILE *in, FILE *out);
void lined_close(struct lined *l);
/* 1 when reading from a terminal through libedit. */
int lined_tty(const struct lined *l);
/* Shows the prompt and returns the line typed, without its line end and surrounding spaces,
 * valid until the next call; NULL at end of input (Ctrl-D, end of file). */
const char *lined_get(struct lined *l, const char *prompt);

#endif
