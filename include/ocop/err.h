/* ocop/err.h — error reports and diagnostics filled by the library.
 *
 * The caller owns every struct ocop_err and struct ocop_diags it passes in; the library only writes
 * into them. Functions return 0 on success and -1 on failure; the first cause of a failure is kept. */
#ifndef OCOP_ERR_H
#define OCOP_ERR_H

#include <stddef.h>

enum ocop_errcode {
	OCOP_OK = 0,
	OCOP_EIO,     /* a file could not be opened or read */
	OCOP_ESYNTAX, /* malformed CSV or JSON */
	OCOP_ESCHEMA, /* a criteria file that breaks the format's rules */
	OCOP_EDATA,   /* a dossier value that breaks the criteria */
	OCOP_ELIMIT,  /* input beyond a documented limit */
	OCOP_ENOMEM,
	OCOP_EUSAGE,  /* a bad argument to a library function */
	OCOP_EWARN    /* a warning in a list of diagnostics: not a problem, but worth a look */
};

struct ocop_err {
	int code;          /* enum ocop_errcode */
	int sys_errno;     /* errno for OCOP_EIO, else 0 */
	char file[256];    /* input name, may be empty */
	long line;         /* 1-based line, 0 if unknown */
	long col;          /* 1-based column or CSV field, 0 if unknown */
	char where[192];   /* field name or JSON path, may be empty */
	char product[64];  /* the product_id a dossier problem belongs to, may be empty */
	char member[64];   /* the member whose sheet it is about, may be empty */
	char criterion[64]; /* the criterion it names, may be empty (msg is in the language of the
	                     * run: read these, not its words) */
	char msg[512];
};

/* Records an error unless err is NULL or already holds one; always returns -1. */
int ocop_err_set(struct ocop_err *err, int code, const char *file, long line, long col,
                 const char *where, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 7, 8)))
#endif
	;
/* The same, with the message in `lang` whatever the current language (fmt is English). */
int ocop_err_setl(struct ocop_err *err, int lang, int code, const char *file, long line, long col,
                  const char *where, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 8, 9)))
#endif
	;
void ocop_err_clear(struct ocop_err *err);

/* A growing list of diagnostics: every problem found in a run, not just the first. */
struct ocop_diags {
	struct ocop_err *v;
	size_t n, cap;
	size_t dropped; /* problems not stored because OCOP_DIAGS_MAX was reached */
};

#define OCOP_DIAGS_MAX 10000

/* Appends a diagnostic; returns -1 so callers can `return ocop_diag_add(...)`. */
int ocop_diag_add(struct ocop_diags *d, int code, const char *file, long line, long col,
                  const char *where, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 7, 8)))
#endif
	;
void ocop_diags_free(struct ocop_diags *d);

#endif
