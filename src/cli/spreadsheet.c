/* Legacy encodings decoded while reading, and CSV written for Excel (see spreadsheet.h). Both are
 * stdio streams (glibc's fopencookie), so the readers and writers stay unaware of them. */
#define _GNU_SOURCE
#include "spreadsheet.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "ocop/i18n.h"

#define INBUF 65536

struct decoder {
	FILE *raw;
	iconv_t cd;
	char in[INBUF];
	size_t start, end;          /* bytes read from raw, not yet decoded */
	long long offset;           /* offset in raw of in[start] */
	int eof;
	char label[64];
	char error[256];
};

int decoder_known(const char *from)
{
	iconv_t cd = iconv_open("UTF-8", from);

	if (cd == (iconv_t)-1)
		return 0;
	iconv_close(cd);
	return 1;
}

/* Moves what is left to the front and reads more; -1 on a read error. */
static int refill(struct decoder *d)
{
	size_t n = d->end - d->start, k;

	memmove(d->in, d->in + d->start, n);
	d->start = 0;
	d->end = n;
	k = fread(d->in + n, 1, INBUF - n, d->raw);
	d->end += k;
	if (k == 0 && ferror(d->raw))
		return -1;
	if (k == 0)
		d->eof = 1;
	return 0;
}

static ssize_t dec_read(void *cookie, char *buf, size_t size)
{
	struct decoder *d = cookie;

	for (;;) {
		char *in = d->in + d->start, *out = buf;
		size_t n = d->end - d->start, before = n, left = size, r;
		if (n == 0 && d->eof) {     /* a stateful decoder may hold a character back */
			if (d->eof == 1) {
				d->eof = 2;
				iconv(d->cd, NULL, NULL, &out, &left);
			}
			return (ssize_t)(size - left);
		}
		r = n ? iconv(d->cd, &in, &n, &out, &left) : 0;
		d->start += before - n;
		d->offset += (long long)(before - n);
		if (out > buf)
			return (ssize_t)(out - buf);
		if (r == (size_t)-1 && errno == EILSEQ) {
			snprintf(d->error, sizeof d->error, _("byte 0x%02X at offset %lld is not %s text "
			         "(is --encoding right?)"), (unsigned char)*in, d->offset, d->label);
			errno = EILSEQ;
			return -1;
		}
		if (r == (size_t)-1 && errno == EINVAL && d->eof) {
			snprintf(d->error, sizeof d->error, _("the file ends inside a %s character"),
			         d->label);
			errno = EILSEQ;
			return -1;
		}
		if (!d->eof && refill(d) < 0)
			return -1;
	}
}

static int dec_close(void *cookie)
{
	struct decoder *d = cookie;

	iconv_close(d->cd);
	free(d);
	return 0;
}

FILE *decoder_open(FILE *raw, const char *from, const char *label, struct decoder **dec)
{
	static const cookie_io_functions_t io = {dec_read, NULL, NULL, dec_close};
	struct decoder *d = calloc(1, sizeof *d);
	FILE *f;

	*dec = NULL;
	if (!d)
		return NULL;
	if ((d->cd = iconv_open("UTF-8", from)) == (iconv_t)-1) {
		free(d);
		return NULL;
	}
	d->raw = raw;
	snprintf(d->label, sizeof d->label, "%s", label);
	if (!(f = fopencookie(d, "r", io))) {
		dec_close(d);
		return NULL;
	}
	*dec = d;
	return f;
}

const char *decoder_error(const struct decoder *dec)
{
	return dec ? dec->error : "";
}

int write_bom(FILE *f)
{
	return fputs("\xEF\xBB\xBF", f) < 0 ? -1 : 0;
}

struct csv_out {
	FILE *raw;
	char delim;
	int bom;                    /* still to be written */
	int quoted, inquote;        /* the field began with a quote; inside its quotes now */
	char *field;
	size_t len, cap;
	int failed;
};

/* Writes the field gathered so far, quoted when it holds the delimiter. */
static void put_field(struct csv_out *o)
{
	int quote = !o->quoted && o->len && memchr(o->field, o->delim, o->len);

	if (quote)
		putc('"', o->raw);
	fwrite(o->field, 1, o->len, o->raw);
	if (quote)
		putc('"', o->raw);
	o->len = 0;
	o->quoted = o->inquote = 0;
}

static ssize_t out_write(void *cookie, const char *buf, size_t size)
{
	struct csv_out *o = cookie;

	if (o->bom && write_bom(o->raw) < 0)
		return -1;
	o->bom = 0;
	for (size_t i = 0; i < size; i++) {
		char ch = buf[i];
		if (!o->inquote && (ch == ',' || ch == '\n')) {
			put_field(o);
			putc(ch == ',' ? o->delim : '\n', o->raw);
			continue;
		}
		if (ch == '"') {
			if (o->len == 0 && !o->quoted)
				o->quoted = 1;
			o->inquote = !o->inquote;
		}
		if (o->len == o->cap) {
			char *nf = realloc(o->field, o->cap = o->cap ? o->cap * 2 : 256);
			if (!nf)
				return -1;
			o->field = nf;
		}
		o->field[o->len++] = ch;
	}
	return ferror(o->raw) ? -1 : (ssize_t)size;
}

static int out_close(void *cookie)
{
	struct csv_out *o = cookie;
	int rc = 0;

	if (o->len)
		put_field(o);
	if (ferror(o->raw))
		rc = EOF;
	free(o->field);
	free(o);
	return rc;
}

FILE *csv_out_open(FILE *raw, char delim, int bom)
{
	static const cookie_io_functions_t io = {NULL, out_write, NULL, out_close};
	struct csv_out *o = calloc(1, sizeof *o);
	FILE *f;

	if (!o)
		return NULL;
	o->raw = raw;
	o->delim = delim ? delim : ',';
	o->bom = bom;
	if (!(f = fopencookie(o, "w", io)))
		free(o);
	return f;
}
