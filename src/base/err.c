#include "ocop/err.h"

#include "ocop/i18n.h"
#include "ocop/text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fill(struct ocop_err *e, int code, const char *file, long line, long col,
                 const char *where, const char *fmt, va_list ap)
{
	char msg[sizeof e->msg];
	int saved = errno;

	memset(e, 0, sizeof *e);
	e->code = code;
	e->sys_errno = code == OCOP_EIO ? saved : 0;
	/* What came from the input reaches a terminal only as visible escapes (\x1b, \u202e). */
	ocop_text_visible(e->file, sizeof e->file, file ? file : "");
	e->line = line;
	e->col = col;
	ocop_text_visible(e->where, sizeof e->where, where ? where : "");
	vsnprintf(msg, sizeof msg, ocop_gettext(fmt), ap);
	ocop_text_visible(e->msg, sizeof e->msg, msg);
}

int ocop_err_set(struct ocop_err *err, int code, const char *file, long line, long col,
                 const char *where, const char *fmt, ...)
{
	va_list ap;

	if (!err || err->code != OCOP_OK)
		return -1;
	va_start(ap, fmt);
	fill(err, code, file, line, col, where, fmt, ap);
	va_end(ap);
	return -1;
}

void ocop_err_clear(struct ocop_err *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

int ocop_diag_add(struct ocop_diags *d, int code, const char *file, long line, long col,
                  const char *where, const char *fmt, ...)
{
	va_list ap;

	if (!d)
		return -1;
	if (d->n == OCOP_DIAGS_MAX) {
		d->dropped++;
		return -1;
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		struct ocop_err *v = realloc(d->v, cap * sizeof *v);
		if (!v) {
			d->dropped++;
			return -1;
		}
		d->v = v;
		d->cap = cap;
	}
	va_start(ap, fmt);
	fill(&d->v[d->n++], code, file, line, col, where, fmt, ap);
	va_end(ap);
	return -1;
}

void ocop_diags_free(struct ocop_diags *d)
{
	if (!d)
		return;
	free(d->v);
	memset(d, 0, sizeof *d);
}
