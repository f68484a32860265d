/* Options, criteria, inputs and outputs shared by the commands. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ocop/read.h"
#include "ocop/write.h"

static const struct option long_opts[] = {
	{"format", required_argument, NULL, 'f'},
	{"output", required_argument, NULL, 'o'},
	{"criteria", required_argument, NULL, 'c'},
	{"regime", required_argument, NULL, 'r'},
	{"input-format", required_argument, NULL, 'i'},
	{"lang", required_argument, NULL, 'l'},
	{"members", required_argument, NULL, 'n'},
	{"set", required_argument, NULL, 's'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0}};

static int usage_error(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "ocop %s: ", cmd);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'ocop %s --help'.\n", cmd);
	return -1;
}

int cli_options(struct cli *c, const char *cmd, int argc, char **argv)
{
	int ch;

	memset(c, 0, sizeof *c);
	c->cmd = cmd;
	c->format = -1;
	c->input_format = 0;
	c->lang = OCOP_LANG_VI;
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "f:o:c:r:i:l:n:s:h", long_opts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if ((c->format = ocop_out_format_parse(optarg)) < 0)
				return usage_error(cmd, "unknown format '%s' (expected table, csv, json or ndjson)",
				                   optarg);
			break;
		case 'o':
			c->output = optarg;
			break;
		case 'c':
			c->criteria = optarg;
			break;
		case 'r':
			c->regime = optarg;
			break;
		case 'i':
			if ((c->input_format = ocop_input_format_parse(optarg)) < 0)
				return usage_error(cmd, "unknown input format '%s' (expected csv, json or ndjson)",
				                   optarg);
			break;
		case 'l':
			if (strcmp(optarg, "vi") != 0 && strcmp(optarg, "en") != 0)
				return usage_error(cmd, "unknown language '%s' (expected vi or en)", optarg);
			c->lang = strcmp(optarg, "en") == 0 ? OCOP_LANG_EN : OCOP_LANG_VI;
			break;
		case 'n': {
			char *end;
			long n = strtol(optarg, &end, 10);
			if (*end || n < 1 || n > 100)
				return usage_error(cmd, "--members needs a number from 1 to 100, not '%s'", optarg);
			c->members = (int)n;
			break;
		}
		case 's':
			c->set = optarg;
			break;
		case 'h':
			cli_help(stdout, cmd);
			return 1;
		default:
			if (optopt)
				return usage_error(cmd, strchr("focrilns", optopt) ? "option -%s needs a value"
				                                                 : "unknown option -%s",
				                   (char[2]){(char)optopt, 0});
			return usage_error(cmd, "unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	c->args = argv + optind;
	c->nargs = argc - optind;
	return 0;
}

static void print_where(const struct ocop_err *e)
{
	if (e->file[0])
		fprintf(stderr, "%s:", e->file);
	if (e->line > 0)
		fprintf(stderr, "%ld:", e->line);
	if (e->line > 0 && e->col > 0)
		fprintf(stderr, "%ld:", e->col);
	if (e->where[0] == '$')
		fprintf(stderr, " %s:", e->where);
	if (e->file[0] || e->line > 0 || e->where[0] == '$')
		putc(' ', stderr);
}

void cli_print_err(const struct ocop_err *e)
{
	fputs("ocop: ", stderr);
	print_where(e);
	fputs(e->msg, stderr);
	if (e->code == OCOP_EIO && e->sys_errno && !strstr(e->msg, strerror(e->sys_errno)))
		fprintf(stderr, ": %s", strerror(e->sys_errno));
	putc('\n', stderr);
}

void cli_print_diags(const struct ocop_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		cli_print_err(&d->v[i]);
	if (d->dropped)
		fprintf(stderr, "ocop: %zu more problems not shown\n", d->dropped);
}

static char *slurp(const char *path, size_t *len, struct ocop_err *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, k;

	if (!f) {
		ocop_err_set(err, OCOP_EIO, path, 0, 0, NULL, "cannot open");
		return NULL;
	}
	do {
		if (n == cap) {
			char *nb = realloc(buf, cap = cap ? cap * 2 : 65536);
			if (!nb || cap > (64u << 20)) {
				free(nb ? nb : buf);
				fclose(f);
				ocop_err_set(err, OCOP_ELIMIT, path, 0, 0, NULL, "criteria file too large");
				return NULL;
			}
			buf = nb;
		}
		k = fread(buf + n, 1, cap - n, f);
		n += k;
	} while (k > 0);
	if (ferror(f)) {
		ocop_err_set(err, OCOP_EIO, path, 0, 0, NULL, "cannot read");
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

static int load_criteria(struct cli *c)
{
	struct ocop_err err = {0};
	size_t len;
	char *text = slurp(c->criteria, &len, &err);
	int rc;

	if (!text) {
		cli_print_err(&err);
		return EXIT_INPUT;
	}
	rc = ocop_catalog_load(&c->forced, c->cat, text, len, c->criteria, &c->diags, &err);
	free(text);
	if (rc < 0) {
		if (c->diags.n)
			cli_print_diags(&c->diags);
		else
			cli_print_err(&err);
		return EXIT_INPUT;
	}
	return 0;
}

static int read_one(struct cli *c, const char *name)
{
	struct ocop_err err = {0};
	struct stat st;
	FILE *f;
	int stdin_ = strcmp(name, "-") == 0, rc;

	if (!stdin_ && stat(name, &st) == 0 && S_ISDIR(st.st_mode)) {
		fprintf(stderr, "ocop: %s: is a directory (expected a CSV or JSON file)\n", name);
		return -1;
	}
	f = stdin_ ? stdin : fopen(name, "rb");
	if (!f) {
		fprintf(stderr, "ocop: %s: cannot open: %s\n", name, strerror(errno));
		return -1;
	}
	rc = ocop_read(c->batch, f, stdin_ ? "<stdin>" : name, c->input_format, &err);
	if (!stdin_)
		fclose(f);
	if (rc < 0)
		cli_print_err(&err);
	return rc;
}

int cli_load(struct cli *c, char **files, int nfiles)
{
	struct ocop_err err = {0};
	char *dash[] = {"-"};
	int rc;

	if (ocop_catalog_new(&c->cat, &err) < 0) {
		cli_print_err(&err);
		return EXIT_INPUT;
	}
	if (c->criteria && (rc = load_criteria(c)) != 0)
		return rc;
	if (c->regime && !c->forced && !(c->forced = ocop_catalog_get(c->cat, c->regime, &err))) {
		fprintf(stderr, "ocop %s: %s (see 'ocop --version')\n", c->cmd, err.msg);
		return err.code == OCOP_EUSAGE ? EXIT_USAGE : EXIT_INPUT;
	}
	if (ocop_batch_new(&c->batch, c->cat, c->forced, &c->diags, &err) < 0) {
		cli_print_err(&err);
		return EXIT_INPUT;
	}
	if (nfiles < 0)
		return 0;
	if (nfiles == 0) {
		files = dash;
		nfiles = 1;
	}
	for (int i = 0; i < nfiles; i++)
		if (read_one(c, files[i]) < 0)
			return EXIT_INPUT;
	ocop_batch_finish(c->batch);
	return 0;
}

int cli_format(const struct cli *c)
{
	if (c->format >= 0)
		return c->format;
	return !c->output && isatty(STDOUT_FILENO) ? OCOP_OUT_TABLE : OCOP_OUT_CSV;
}

/* -o must not name one of the inputs: the result would replace the data it came from. */
static int clobbers_input(const struct cli *c)
{
	struct stat out, in;

	if (stat(c->output, &out) != 0)
		return 0;
	for (int i = 0; i < c->nargs; i++)
		if (stat(c->args[i], &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino)
			return 1;
	return c->criteria && stat(c->criteria, &in) == 0 && in.st_dev == out.st_dev &&
	       in.st_ino == out.st_ino;
}

int cli_out_open(struct cli *c)
{
	char *copy, *dir;
	int fd;

	if (!c->output) {
		c->out = stdout;
		return 0;
	}
	if (clobbers_input(c)) {
		fprintf(stderr, "ocop: %s: refusing to overwrite an input file\n", c->output);
		return EXIT_USAGE;
	}
	copy = strdup(c->output);
	dir = copy ? dirname(copy) : NULL;
	c->tmp = dir ? malloc(strlen(dir) + 32) : NULL;
	if (!c->tmp) {
		free(copy);
		fprintf(stderr, "ocop: out of memory\n");
		return EXIT_OUTPUT;
	}
	sprintf(c->tmp, "%s/.ocop-out.XXXXXX", dir);
	free(copy);
	fd = mkstemp(c->tmp);
	if (fd < 0 || !(c->out = fdopen(fd, "w"))) {
		fprintf(stderr, "ocop: %s: cannot write: %s\n", c->output, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(c->tmp);
		}
		free(c->tmp);
		c->tmp = NULL;
		return EXIT_OUTPUT;
	}
	{
		mode_t mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	return 0;
}

int cli_out_close(struct cli *c, int commit)
{
	int failed = 0;

	if (!c->out)
		return 0;
	if (fflush(c->out) != 0 || ferror(c->out))
		failed = errno ? errno : EIO;
	if (c->tmp) {
		if (!failed && commit && fsync(fileno(c->out)) != 0)
			failed = errno;
		if (fclose(c->out) != 0 && !failed)
			failed = errno;
		if (!failed && commit && rename(c->tmp, c->output) != 0)
			failed = errno;
		if (failed || !commit)
			unlink(c->tmp);
		free(c->tmp);
		c->tmp = NULL;
	}
	c->out = NULL;
	if (failed) {
		fprintf(stderr, "ocop: %s: cannot write: %s\n", c->output ? c->output : "<stdout>",
		        strerror(failed));
		return EXIT_OUTPUT;
	}
	return 0;
}

void cli_free(struct cli *c)
{
	if (c->tmp) {
		if (c->out)
			fclose(c->out);
		unlink(c->tmp);
		free(c->tmp);
	}
	ocop_batch_free(c->batch);
	ocop_catalog_free(c->cat);
	ocop_diags_free(&c->diags);
}
