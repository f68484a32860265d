#include "ocop/err.h"

#include "ocop/i18n.h"
#include "ocop/text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fill(struct ocop_err *e, int code, const char *file, long line, long col,
                 const char *where, const char *fmt, va_list ap, enum ocop_lang lang)
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
	vsnprintf(msg, sizeof msg, ocop_lgettext(lang, fmt), ap);
	ocop_text_visible(e->msg, sizeof e->msg, msg);
}

int ocop_err_set(struct ocop_err *err, int code, const char *file, long line, long col,
                 const char *where, const char *fmt, ...)
{
	va_list ap;

	if (!err || err->code != OCOP_OK)
		return -1;
	va_start(ap, fmt);
	fill(err, code, file, line, col, where, fmt, ap, ocop_lang_get());
	va_end(ap);
	return -1;
}

int ocop_err_setl(struct ocop_err *err, int lang, int code, const char *file, long line, long col,
                  const char *where, const char *fmt, ...)
{
	va_list ap;

	if (!err || err->code != OCOP_OK)
		return -1;
	va_start(ap, fmt);
	fill(err, code, file, line, col, where, fmt, ap, (enum ocop_lang)lang);
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
	fill(&d->v[d->n++], code, file, line, col, where, fmt, ap, ocop_lang_get());
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

const char *ocop_strerror(int errnum)
{
	static const struct {
		int num;
		const char *text;
	} known[] = {
		{ENOENT, N_("No such file or directory")},
		{EACCES, N_("Permission denied")},
		{EISDIR, N_("Is a directory")},
		{ENOTDIR, N_("Not a directory")},
		{ENOSPC, N_("No space left on device")},
		{EROFS, N_("Read-only file system")},
		{EEXIST, N_("File exists")},
		{ENOMEM, N_("Cannot allocate memory")},
		{EPIPE, N_("Broken pipe")},
		{EIO, N_("Input/output error")},
		{EFBIG, N_("File too large")},
		{ELOOP, N_("Too many levels of symbolic links")},
		{ENAMETOOLONG, N_("File name too long")},
		{EMFILE, N_("Too many open files")},
		{EINVAL, N_("Invalid argument")},
	};

	for (size_t i = 0; i < sizeof known / sizeof *known; i++)
		if (known[i].num == errnum)
			return _(known[i].text);
	return strerror(errnum);
}
