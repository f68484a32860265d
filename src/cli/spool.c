/* Inputs read twice from one opening (promote --forwarded-only decides, then copies the records):
 * a regular file is read again from where it started; anything else (a pipe, a FIFO, /dev/stdin,
 * <(…)) is first copied once into an anonymous file in TMPDIR — unlinked as soon as it is made, so
 * no path of the run, not even a signal or a crash, leaves it behind. Every write of the copy is
 * checked: a copy that cannot be made in full is an input error (exit 3), never a shorter input. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static FILE *spool(FILE *in, const char *shown)
{
	const char *dir = getenv("TMPDIR");
	char path[4096], buf[65536];
	FILE *out = NULL;
	size_t k;
	int fd, e = 0;

	if (!dir || !*dir)
		dir = "/tmp";
	snprintf(path, sizeof path, "%s/ocop-stdin.XXXXXX", dir);
	cli_signals_block();
	fd = mkstemp(path);
	if (fd >= 0)
		cli_signals_track(1, path);
	cli_signals_unblock();
	if (fd < 0) {
		fprintf(stderr, _("ocop: %s: cannot keep a copy in %s: %s\n"), shown, dir,
		        ocop_strerror(errno));
		return NULL;
	}
	unlink(path);
	cli_signals_track(1, NULL);
	if (!(out = fdopen(fd, "w+b"))) {
		e = errno;
		close(fd);
	}
	while (out && !e && (k = fread(buf, 1, sizeof buf, in)) > 0)
		if (fwrite(buf, 1, k, out) != k)
			e = errno ? errno : EIO;
	if (out && !e && ferror(in))
		e = errno ? errno : EIO;
	if (out && !e && fflush(out) != 0)
		e = errno ? errno : EIO;
	if (e) {
		fprintf(stderr, _("ocop: %s: cannot keep a copy in %s: %s\n"), shown, dir, ocop_strerror(e));
		if (out)
			fclose(out);
		return NULL;
	}
	rewind(out);
	return out;
}

int cli_inputs_open(struct cli *c, char **files, int nfiles)
{
	c->inputs = calloc((size_t)nfiles + 1, sizeof *c->inputs);
	if (!c->inputs) {
		fputs(_("ocop: out of memory while opening the inputs\n"), stderr);
		return EXIT_INPUT;
	}
	c->ninputs = nfiles;
	for (int i = 0; i < nfiles; i++) {
		struct cli_input *in = &c->inputs[i];
		int dash = strcmp(files[i], "-") == 0;
		const char *shown = dash ? "<stdin>" : files[i];
		struct stat st;
		FILE *f = dash ? stdin : fopen(files[i], "rb");
		if (!f) {
			fprintf(stderr, _("ocop: %s: cannot open: %s\n"), files[i], ocop_strerror(errno));
			return EXIT_INPUT;
		}
		if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
			fprintf(stderr, _("ocop: %s: is a directory (expected a CSV or JSON file)\n"), shown);
			if (!dash)
				fclose(f);
			return EXIT_INPUT;
		}
		if (S_ISREG(st.st_mode) && (in->start = ftello(f)) >= 0) {
			in->f = f;
			in->own = !dash;
			continue;
		}
		in->f = spool(f, shown);
		in->own = 1;
		in->start = 0;
		if (!dash)
			fclose(f);
		if (!in->f)
			return EXIT_INPUT;
	}
	return 0;
}

FILE *cli_input_rewind(struct cli *c, int i)
{
	struct cli_input *in = &c->inputs[i];

	clearerr(in->f);
	return fseeko(in->f, in->start, SEEK_SET) == 0 ? in->f : NULL;
}

void cli_inputs_close(struct cli *c)
{
	for (int i = 0; c->inputs && i < c->ninputs; i++)
		if (c->inputs[i].f && c->inputs[i].own)
			fclose(c->inputs[i].f);
	free(c->inputs);
	c->inputs = NULL;
	c->ninputs = 0;
}
