/* Line input for ocop enter: libedit on a terminal (BSD licence; GNU readline's GPL would not fit
 * ocop's MIT licence), plain lines otherwise. */
#include "lineedit.h"

#include <histedit.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct lined {
	FILE *in, *out;
	EditLine *el;               /* NULL when not on a terminal */
	History *hist;
	const char *prompt;
	char *buf;                  /* plain lines */
	size_t cap;
	char *line;                 /* the last line, trimmed */
	size_t linecap;
};

static char *prompt_of(EditLine *el)
{
	struct lined *l = NULL;

	el_get(el, EL_CLIENTDATA, &l);
	return (char *)(l && l->prompt ? l->prompt : "");
}

struct lined *lined_open(FILE *in, FILE *out)
{
	struct lined *l = calloc(1, sizeof *l);
	HistEvent ev;

	if (!l)
		return NULL;
	l->in = in;
	l->out = out;
	if (!isatty(fileno(in)) || !isatty(fileno(out)))
		return l;
	l->el = el_init("ocop", in, out, out);
	l->hist = history_init();
	if (!l->el || !l->hist) {
		lined_close(l);
		return NULL;
	}
	history(l->hist, &ev, H_SETSIZE, 500);
	history(l->hist, &ev, H_SETUNIQUE, 1);
	el_set(l->el, EL_CLIENTDATA, l);
	el_set(l->el, EL_PROMPT, prompt_of);
	el_set(l->el, EL_EDITOR, "emacs");
	el_set(l->el, EL_SIGNAL, 1); /* the terminal is restored on Ctrl-C, Ctrl-Z, a resize */
	el_set(l->el, EL_HIST, history, l->hist);
	return l;
}

void lined_close(struct lined *l)
{
	if (!l)
		return;
	if (l->el)
		el_end(l->el);
	if (l->hist)
		history_end(l->hist);
	free(l->buf);
	free(l->line);
	free(l);
}

int lined_tty(const struct lined *l)
{
	return l->el != NULL;
}

/* Keeps s[0..n) without its line end and surrounding spaces. */
static const char *keep(struct lined *l, const char *s, size_t n)
{
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	if (n + 1 > l->linecap) {
		char *t = realloc(l->line, n + 1);
		if (!t)
			return NULL;
		l->line = t;
		l->linecap = n + 1;
	}
	memcpy(l->line, s, n);
	l->line[n] = '\0';
	return l->line;
}

const char *lined_get(struct lined *l, const char *prompt)
{
	ssize_t n;

	if (l->el) {
		int count = 0;
		const char *s;
		HistEvent ev;
		l->prompt = prompt;
		s = el_gets(l->el, &count);
		if (!s || count <= 0)
			return NULL;
		s = keep(l, s, (size_t)count);
		if (s && *s)
			history(l->hist, &ev, H_ENTER, s);
		return s;
	}
	fputs(prompt, l->out);
	fflush(l->out);
	n = getline(&l->buf, &l->cap, l->in);
	if (n < 0) {
		fputc('\n', l->out);
		return NULL;
	}
	/* The answer is echoed, so that standard error reads like the screen. */
	keep(l, l->buf, (size_t)n);
	fprintf(l->out, "%s\n", l->line ? l->line : "");
	return l->line;
}
