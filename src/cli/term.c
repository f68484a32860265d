/* The terminal: how wide it is, for tables that fit it. */
#define _DEFAULT_SOURCE
#include "cli.h"

#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

size_t cli_columns(void)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	long v;

	if (env && *env) {
		v = strtol(env, &end, 10);
		if (!*end && v > 0 && v < 10000)
			return (size_t)v;
	}
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 0;
}
