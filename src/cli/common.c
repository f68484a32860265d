/* Options, criteria, inputs and outputs shared by the commands. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "emit.h"
#include "ocop/book.h"
#include "ocop/encoding.h"
#include "ocop/read.h"
#include "ocop/suggest.h"
#include "ocop/text.h"
#include "ocop/write.h"
#include "spreadsheet.h"

static const struct option long_opts[] = {
	{"format", required_argument, NULL, 'f'},
	{"output", required_argument, NULL, 'o'},
	{"criteria", required_argument, NULL, 'c'},
	{"regime", required_argument, NULL, 'r'},
	{"input-format", required_argument, NULL, 'i'},
	{"lang", required_argument, NULL, 'l'},
	{"help", no_argument, NULL, 'h'},
	/* Options of some commands only (see `extra` in cli_options). */
	{"members", required_argument, NULL, 'n'},
	{"set", required_argument, NULL, 's'},
	{"at", required_argument, NULL, OPT_AT},
	{"min-stars", required_argument, NULL, OPT_MIN_STARS},
	{"min-total", required_argument, NULL, OPT_MIN_TOTAL},
	{"forwarded-only", no_argument, NULL, OPT_FORWARDED},
	{"dense", no_argument, NULL, OPT_DENSE},
	{"by", required_argument, NULL, OPT_BY},
	{"top", required_argument, NULL, OPT_TOP},
	{"on", required_argument, NULL, OPT_ON},
	{"ungrouped", no_argument, NULL, OPT_UNGROUPED},
	{"sheets", no_argument, NULL, OPT_SHEETS},
	{"verify", no_argument, NULL, OPT_VERIFY},
	{"require-verified", no_argument, NULL, OPT_REQUIRE_VERIFIED},
	/* Of every command that reads dossiers or writes CSV (see spreadsheet_opts). */
	{"delimiter", required_argument, NULL, OPT_DELIMITER},
	{"encoding", required_argument, NULL, OPT_ENCODING},
	{"bom", no_argument, NULL, OPT_BOM},
	{"color", optional_argument, NULL, OPT_COLOR},
	{"no-color", no_argument, NULL, OPT_NO_COLOR},
	{NULL, 0, NULL, 0}};

/* The formats each command writes (-f) and whether it writes to a file (-o): any other is a usage
 * error, never ignored. (report checks its own.) */
static const struct {
	const char *cmd, *formats, *expected;
	int output;
} writes[] = {
	{"score", "table,csv,json,ndjson,xlsx", N_("table, csv, json, ndjson or xlsx"), 1},
	{"validate", "table,json,ndjson", N_("table, json or ndjson"), 1},
	{"explain", "table,json", N_("table or json"), 1},
	{"promote", "table,csv,json,ndjson,xlsx", N_("table, csv, json, ndjson or xlsx"), 1},
	{"rank", "table,csv,json,ndjson,xlsx", N_("table, csv, json, ndjson or xlsx"), 1},
	{"due", "table,csv,json,ndjson", N_("table, csv, json or ndjson"), 1},
	/* (each subcommand checks its own: template writes csv, html and xlsx) */
	{"criteria", "table,json,csv,html,xlsx", N_("table or json; template: csv, html or xlsx"), 1},
	{"enter", "", "", 0},   /* it writes the FILE it is given, as wide CSV */
	{"help", "", "", 0},
};

/* The spreadsheet options each command takes: criteria reads no dossiers, explain and validate
 * write no CSV. */
static const char *spreadsheet_opts(const char *cmd)
{
	if (strcmp(cmd, "help") == 0 || strcmp(cmd, "enter") == 0)
		return "color,no-color";
	if (strcmp(cmd, "criteria") == 0)
		return "color,no-color";
	if (strcmp(cmd, "explain") == 0 || strcmp(cmd, "validate") == 0 ||
	    strcmp(cmd, "report") == 0)
		return "delimiter,encoding,color,no-color";
	return "delimiter,encoding,bom,color,no-color";
}

static int parse_delimiter(const char *s, char *out)
{
	if (strcmp(s, ",") == 0 || strcmp(s, "comma") == 0)
		*out = ',';
	else if (strcmp(s, ";") == 0 || strcmp(s, "semicolon") == 0)
		*out = ';';
	else if (strcmp(s, "\t") == 0 || strcmp(s, "\\t") == 0 || strcmp(s, "tab") == 0)
		*out = '\t';
	else
		return -1;
	return 0;
}

/* 1 if the long option `name` is in the comma-separated list. */
static int listed(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (strncmp(p, name, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

static int parse_count(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* A mean total written 0 to 100 with at most two decimals, in hundredths. */
static int parse_total(const char *s, long *centi)
{
	long whole = 0, frac = 0;
	int digits = 0;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9' && whole <= 100)
		whole = whole * 10 + (*p++ - '0');
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9' && digits < 2; digits++)
			frac = frac * 10 + (*p++ - '0');
	if (*p || whole > 100 || (*(p - 1) == '.'))
		return -1;
	*centi = whole * 100 + (digits == 1 ? frac * 10 : frac);
	return *centi <= 10000 ? 0 : -1;
}

/* The long option closest to a mistyped one ("--formt"), or NULL. */
static const char *near_option(const char *arg)
{
	const char *names[sizeof long_opts / sizeof *long_opts];
	char word[64];
	size_t n = 0;

	if (strncmp(arg, "--", 2) != 0)
		return NULL;
	snprintf(word, sizeof word, "%.*s", (int)strcspn(arg + 2, "="), arg + 2);
	for (const struct option *o = long_opts; o->name; o++)
		names[n++] = o->name;
	return ocop_suggest(word, names, n);
}

/* -f and -o checked against what the command writes. */
static int check_writes(const struct cli *c, const char *cmd)
{
	static const char *const fmt_names[] = {"table", "csv", "json", "ndjson", "xlsx", "html"};

	for (size_t i = 0; i < sizeof writes / sizeof *writes; i++) {
		if (strcmp(writes[i].cmd, cmd) != 0)
			continue;
		if (c->format >= 0 && !*writes[i].formats) {
			fprintf(stderr, _("ocop %s: this command takes no -f\nTry 'ocop %s --help'.\n"),
			        cmd, cmd);
			return -1;
		}
		if (c->format >= 0 && !listed(writes[i].formats, fmt_names[c->format])) {
			fprintf(stderr, _("ocop %s: format '%s' does not apply to this command "
			                      "(expected %s)\nTry 'ocop %s --help'.\n"),
			        cmd, fmt_names[c->format],
			        _(writes[i].expected), cmd);
			return -1;
		}
		if (c->output && !writes[i].output) {
			fprintf(stderr, _("ocop %s: this command writes no file (-o)\n"
			                      "Try 'ocop %s --help'.\n"), cmd, cmd);
			return -1;
		}
	}
	return 0;
}

static int usage_error(const char *cmd, const char *fmt, const char *arg)
{
	fprintf(stderr, "ocop %s: ", cmd);
	fprintf(stderr, fmt, arg);
	putc('\n', stderr);
	fprintf(stderr, _("Try 'ocop %s --help'.\n"), cmd);
	return -1;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && strcasecmp(s + n - k, suffix) == 0;
}

/* Commands writing workbooks (xlsx) or pages (html); `criteria` checks its subcommand itself. */
static const char *const xlsx_cmds[] = {"score", "promote", "rank", "report", "criteria", NULL};
static const char *const html_cmds[] = {"report", "criteria", NULL};

static int among(const char *const *list, const char *cmd)
{
	for (; *list; list++)
		if (strcmp(*list, cmd) == 0)
			return 1;
	return 0;
}

/* -o FILE.xlsx (or .html) chooses the format when -f does not; a workbook never goes to a
 * terminal. */
static int check_format(struct cli *c)
{
	if (c->format < 0 && c->output && ends_with(c->output, ".xlsx") && among(xlsx_cmds, c->cmd))
		c->format = OCOP_OUT_XLSX;
	if (c->format < 0 && c->output && ends_with(c->output, ".html") && among(html_cmds, c->cmd))
		c->format = OCOP_OUT_HTML;
	if (c->format == OCOP_OUT_XLSX && !among(xlsx_cmds, c->cmd))
		return usage_error(c->cmd, _("%s does not write xlsx (score, promote, rank, report and "
		                   "criteria template do)"), c->cmd);
	if (c->format == OCOP_OUT_HTML && !among(html_cmds, c->cmd))
		return usage_error(c->cmd, _("%s does not write html (report and criteria template do)"),
		                   c->cmd);
	if (c->format == OCOP_OUT_XLSX && !c->output && isatty(STDOUT_FILENO))
		return usage_error(c->cmd, "%s", _("an xlsx workbook is not for a terminal: give -o "
		                                   "FILE.xlsx or redirect standard output"));
	return 0;
}

int cli_options(struct cli *c, const char *cmd, const char *extra, int argc, char **argv)
{
	int ch, idx;
	long v;

	memset(c, 0, sizeof *c);
	c->level = OCOP_LEVEL_NONE;
	c->min_stars = -1;
	c->min_total_centi = -1;
	c->cmd = cmd;
	c->format = -1;
	c->input_format = 0;
	c->lang = ocop_lang_get();
	optind = 1;
	opterr = 0;
	while ((idx = -1, ch = getopt_long(argc, argv, "f:o:c:r:i:l:n:s:h", long_opts, &idx)) != -1) {
		const char *name = NULL;
		for (const struct option *o = long_opts; o->name && !name; o++)
			if (o->val == ch && o - long_opts >= 7)
				name = o->name;
		if (name && !listed(extra, name) && !listed(spreadsheet_opts(cmd), name))
			return usage_error(cmd, _("option --%s does not apply to this command"), name);
		switch (ch) {
		case 'f':
			if ((c->format = ocop_out_format_parse(optarg)) < 0)
				return usage_error(cmd, _("unknown format '%s' (expected table, csv, json, ndjson, "
				                   "xlsx or html)"), optarg);
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
				return usage_error(cmd, _("unknown input format '%s' (expected csv, json or ndjson)"),
				                   optarg);
			break;
		case 'l':
			if ((v = ocop_lang_parse(optarg)) < 0)
				return usage_error(cmd, _("unknown language '%s' (expected vi or en)"), optarg);
			ocop_lang_set((enum ocop_lang)v);
			c->lang = (int)v;
			break;
		case 'n':
			if (parse_count(optarg, 1, 100, &v) < 0)
				return usage_error(cmd, _("--members needs a number from 1 to 100, not '%s'"), optarg);
			c->members = (int)v;
			break;
		case OPT_AT:
			if ((c->level = ocop_level_parse(optarg)) == OCOP_LEVEL_NONE)
				return usage_error(cmd, _("unknown level '%s' (expected commune, district, province "
				                   "or central)"), optarg);
			break;
		case OPT_MIN_STARS:
			if (parse_count(optarg, 1, 5, &v) < 0)
				return usage_error(cmd, _("--min-stars needs a star from 1 to 5, not '%s'"), optarg);
			c->min_stars = (int)v;
			break;
		case OPT_MIN_TOTAL:
			if (parse_total(optarg, &c->min_total_centi) < 0)
				return usage_error(cmd, _("--min-total needs a mean total from 0 to 100 (two "
				                   "decimals at most), not '%s'"), optarg);
			break;
		case OPT_FORWARDED:
			c->forwarded_only = 1;
			break;
		case OPT_DENSE:
			c->dense = 1;
			break;
		case OPT_UNGROUPED:
			c->ungrouped = 1;
			break;
		case OPT_SHEETS:
			c->sheets = 1;
			break;
		case OPT_VERIFY:
			c->verify = 1;
			break;
		case OPT_REQUIRE_VERIFIED:
			c->require_verified = 1;
			break;
		case OPT_BY:
			c->by = optarg;
			break;
		case OPT_TOP:
			if (parse_count(optarg, 1, 1000000, &v) < 0)
				return usage_error(cmd, _("--top needs a positive number, not '%s'"), optarg);
			c->top = v;
			break;
		case OPT_ON:
			if (!ocop_date_valid(optarg))
				return usage_error(cmd, _("--on needs a date YYYY-MM-DD, not '%s'"), optarg);
			c->on = optarg;
			break;
		case 's':
			c->set = optarg;
			break;
		case OPT_DELIMITER:
			if (parse_delimiter(optarg, &c->delimiter) < 0)
				return usage_error(cmd, _("--delimiter takes ',', ';' or tab (also written "
				                   "comma, semicolon, '\\t'), not '%s'"), optarg);
			break;
		case OPT_BOM:
			c->bom = 1;
			break;
		case OPT_NO_COLOR:
			c->color = CLI_COLOR_NEVER;
			break;
		case OPT_COLOR:
			if (!optarg || strcmp(optarg, "always") == 0)
				c->color = CLI_COLOR_ALWAYS;
			else if (strcmp(optarg, "never") == 0)
				c->color = CLI_COLOR_NEVER;
			else if (strcmp(optarg, "auto") == 0)
				c->color = CLI_COLOR_AUTO;
			else
				return usage_error(cmd, _("--color takes auto, always or never, not '%s'"),
				                   optarg);
			break;
		case OPT_ENCODING:
			if (!(c->encoding = ocop_encoding_iconv_name(optarg))) {
				fprintf(stderr, _("ocop %s: --encoding %s: %s.\n"), cmd, optarg,
				        ocop_encoding_explain_vni());
				return -1;
			}
			if (!*c->encoding)
				c->encoding = NULL;   /* UTF-8: nothing to convert */
			else if (!decoder_known(c->encoding))
				return usage_error(cmd, _("unknown encoding '%s' (expected utf-8, cp1258, tcvn3, "
				                   "viscii, or a name 'iconv -l' lists)"), optarg);
			c->encoding_label = optarg;
			break;
		case 'h':
			cli_help(stdout, cmd);
			return 1;
		default:
			if (optopt)
				return usage_error(cmd, strchr("focrilns", optopt) ? _("option -%s needs a value")
				                                                 : _("unknown option -%s"),
				                   (char[2]){(char)optopt, 0});
			if (near_option(argv[optind - 1])) {
				fprintf(stderr, _("ocop %s: unknown option '%s'. Did you mean '--%s'?\n"
				                      "Try 'ocop %s --help'.\n"),
				        cmd, argv[optind - 1], near_option(argv[optind - 1]), cmd);
				return -1;
			}
			return usage_error(cmd, _("unknown or incomplete option '%s'"), argv[optind - 1]);
		}
	}
	c->args = argv + optind;
	c->nargs = argc - optind;
	return check_format(c) < 0 ? -1 : check_writes(c, cmd);
}

int cli_color(const struct cli *c)
{
	const char *no = getenv("NO_COLOR");

	if (c->color != CLI_COLOR_AUTO)
		return c->color == CLI_COLOR_ALWAYS;
	return !c->output && !(no && *no) && isatty(STDOUT_FILENO);
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
	if (e->code == OCOP_EWARN)
		fputs(_("warning: "), stderr);
	fputs(e->msg, stderr);
	if (e->code == OCOP_EIO && e->sys_errno && !strstr(e->msg, ocop_strerror(e->sys_errno)))
		fprintf(stderr, ": %s", ocop_strerror(e->sys_errno));
	putc('\n', stderr);
}

void cli_print_diags(const struct ocop_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		cli_print_err(&d->v[i]);
	if (d->dropped)
		fprintf(stderr, P_("ocop: %zu more problem not shown\n",
		                   "ocop: %zu more problems not shown\n", d->dropped), d->dropped);
}

/* Prints and forgets the diagnostics so far; returns how many were problems (not warnings). */
size_t cli_flush_diags(struct cli *c)
{
	size_t n = c->diags.dropped;

	for (size_t i = 0; i < c->diags.n; i++)
		n += c->diags.v[i].code != OCOP_EWARN;
	if (c->on_diag)             /* validate -f json: the problems are its output */
		for (size_t i = 0; i < c->diags.n; i++)
			c->on_diag(c, &c->diags.v[i]);
	else
		cli_print_diags(&c->diags);
	c->problems += n;
	c->diags.n = c->diags.dropped = 0;
	return n;
}

/* A criteria file is read whole; up to CRITERIA_MAX bytes (the limit applies to the file's size). */
#define CRITERIA_MAX ((size_t)64 << 20)

static char *slurp(const char *path, size_t *len, struct ocop_err *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, k;
	struct stat st;

	if (!f) {
		ocop_err_set(err, OCOP_EIO, path, 0, 0, NULL, "cannot open");
		return NULL;
	}
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > CRITERIA_MAX) {
		fclose(f);
		ocop_err_set(err, OCOP_ELIMIT, path, 0, 0, NULL,
		             "criteria file of %lld bytes, over the limit of 64 MiB (%zu bytes)",
		             (long long)st.st_size, CRITERIA_MAX);
		return NULL;
	}
	do {
		if (n == cap) {
			/* one byte beyond the limit tells a file over it (a pipe has no size to check) */
			size_t want = cap ? cap * 2 : 65536;
			char *nb;
			if (cap > CRITERIA_MAX) {
				free(buf);
				fclose(f);
				ocop_err_set(err, OCOP_ELIMIT, path, 0, 0, NULL,
				             "criteria file over the limit of 64 MiB (%zu bytes)", CRITERIA_MAX);
				return NULL;
			}
			if (want > CRITERIA_MAX + 1)
				want = CRITERIA_MAX + 1;
			if (!(nb = realloc(buf, want))) {
				free(buf);
				fclose(f);
				ocop_err_set(err, OCOP_ENOMEM, path, 0, 0, NULL,
				             "out of memory while reading the criteria file (%zu bytes read)", n);
				return NULL;
			}
			buf = nb;
			cap = want;
		}
		k = fread(buf + n, 1, cap - n, f);
		n += k;
	} while (k > 0);
	if (n > CRITERIA_MAX) {
		free(buf);
		fclose(f);
		ocop_err_set(err, OCOP_ELIMIT, path, 0, 0, NULL,
		             "criteria file over the limit of 64 MiB (%zu bytes)", CRITERIA_MAX);
		return NULL;
	}
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
			cli_flush_diags(c);
		else
			cli_print_err(&err);
		return EXIT_INPUT;
	}
	return 0;
}

/* Reads f as the spreadsheet options say: decoded from --encoding while it is read, CSV fields cut
 * at --delimiter (or the header line's), the reader's warnings among the diagnostics. */
static int read_decoded(struct cli *c, FILE *f, const char *name, struct ocop_err *err)
{
	struct ocop_reading how = {c->delimiter, &c->diags, 0};
	struct decoder *dec = NULL;
	FILE *in = f;
	int rc;

	if (c->encoding && !(in = decoder_open(f, c->encoding, c->encoding_label, &dec))) {
		fprintf(stderr, _("ocop: %s: cannot decode from %s\n"), name, c->encoding_label);
		return -1;
	}
	rc = ocop_read_with(c->batch, in, name, c->input_format, &how, err);
	if (rc < 0 && ocop_batch_broken(c->batch, NULL) == OCOP_BROKEN_STOPPED)
		;                       /* the output is gone: nothing wrong with the input */
	else if (rc < 0 && dec && *decoder_error(dec))
		fprintf(stderr, "ocop: %s: %s\n", name, decoder_error(dec));
	else if (rc < 0)
		cli_print_err(err);
	if (in != f)
		fclose(in);
	return rc;
}

static int read_one(struct cli *c, const char *name, int i)
{
	struct ocop_err err = {0};
	struct stat st;
	FILE *f;
	int stdin_ = strcmp(name, "-") == 0, rc;

	if (c->inputs) {
		/* opened (and checked) once by cli_inputs_open */
		if (!(f = cli_input_rewind(c, i))) {
			fprintf(stderr, _("ocop: %s: cannot read: %s\n"), stdin_ ? "<stdin>" : name,
			        ocop_strerror(errno));
			return -1;
		}
		return read_decoded(c, f, stdin_ ? "<stdin>" : name, &err);
	}
	if (!stdin_ && stat(name, &st) == 0 && S_ISDIR(st.st_mode)) {
		fprintf(stderr, _("ocop: %s: is a directory (expected a CSV or JSON file)\n"), name);
		return -1;
	}
	f = stdin_ ? stdin : fopen(name, "rb");
	if (!f) {
		fprintf(stderr, _("ocop: %s: cannot open: %s\n"), name, ocop_strerror(errno));
		return -1;
	}
	rc = read_decoded(c, f, stdin_ ? "<stdin>" : name, &err);
	if (!stdin_)
		fclose(f);
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
		fprintf(stderr, _("ocop %s: %s (see 'ocop --version')\n"), c->cmd, err.msg);
		return err.code == OCOP_EUSAGE ? EXIT_USAGE : EXIT_INPUT;
	}
	if (ocop_batch_new(&c->batch, c->cat, c->forced, &c->diags, &err) < 0) {
		cli_print_err(&err);
		return EXIT_INPUT;
	}
	if (c->sink && !c->ungrouped)
		ocop_batch_stream(c->batch, c->sink, c->sink_ctx);
	if (nfiles < 0)
		return 0;
	if (nfiles == 0 && isatty(STDIN_FILENO)) {
		/* Nothing to read but a terminal: say how to call, rather than wait in silence. */
		if (strcmp(c->cmd, "explain") == 0)
			fprintf(stderr, _("usage: ocop %s [OPTIONS] PRODUCT_ID FILE... (or data on standard "
			                  "input: ... | ocop %s PRODUCT_ID -)\nTry 'ocop %s --help'.\n"),
			        c->cmd, c->cmd, c->cmd);
		else
			fprintf(stderr, _("usage: ocop %s [OPTIONS] FILE... (or data on standard input: "
			                  "... | ocop %s -)\nTry 'ocop %s --help'.\n"),
			        c->cmd, c->cmd, c->cmd);
		return EXIT_USAGE;
	}
	if (nfiles == 0) {
		files = dash;
		nfiles = 1;
	}
	for (int i = 0; i < nfiles; i++)
		if (read_one(c, files[i], i) < 0) {
			if (ocop_batch_broken(c->batch, NULL) == OCOP_BROKEN_STOPPED)
				return 0;       /* the sink's output is gone: it says so itself */
			if (ocop_batch_broken(c->batch, NULL) == OCOP_BROKEN_REGROUP)
				fprintf(stderr, _("ocop %s: for input whose products' records are not together, "
				                  "give --ungrouped (every product is then kept in memory until "
				                  "the end)\n"), c->cmd);
			return EXIT_INPUT;
		}
	ocop_batch_finish(c->batch);
	if ((rc = ocop_batch_broken(c->batch, &err)) == OCOP_BROKEN_STOPPED)
		return 0;
	if (rc) {
		cli_print_err(&err);
		return EXIT_INPUT;
	}
	/* --ungrouped: every product is complete only now; the sink gets them in input order. */
	for (size_t i = 0; c->sink && c->ungrouped && i < ocop_batch_count(c->batch); i++)
		c->sink(c->sink_ctx, ocop_batch_get(c->batch, i));
	return 0;
}

/* The format -o FILE's extension names (.csv, .json, .ndjson, .jsonl, .txt), or -1. */
static int format_of_output(const char *path)
{
	static const struct {
		const char *ext;
		int format;
	} exts[] = {{".csv", OCOP_OUT_CSV},     {".json", OCOP_OUT_JSON}, {".ndjson", OCOP_OUT_NDJSON},
	            {".jsonl", OCOP_OUT_NDJSON}, {".txt", OCOP_OUT_TABLE}};
	const char *dot = path ? strrchr(path, '.') : NULL;

	for (size_t i = 0; dot && !strchr(dot, '/') && i < sizeof exts / sizeof *exts; i++)
		if (strcasecmp(dot, exts[i].ext) == 0)
			return exts[i].format;
	return -1;
}

int cli_format(const struct cli *c)
{
	int f;

	if (c->format >= 0)
		return c->format;
	if ((f = format_of_output(c->output)) >= 0)
		return f;
	return (!c->output || strcmp(c->output, "-") == 0) && isatty(STDOUT_FILENO) ? OCOP_OUT_TABLE
	                                                                      : OCOP_OUT_CSV;
}

/* CSV for Excel: the output goes through a stream that writes the BOM and the delimiter. */
static int spreadsheet_out(struct cli *c)
{
	FILE *f;

	if ((!c->bom && (!c->delimiter || c->delimiter == ',')) || cli_format(c) != OCOP_OUT_CSV ||
	    strcmp(c->cmd, "explain") == 0 || strcmp(c->cmd, "validate") == 0 ||
	    strcmp(c->cmd, "report") == 0 || strcmp(c->cmd, "criteria") == 0)
		return 0;
	if (!(f = csv_out_open(c->out, c->delimiter, c->bom))) {
		fputs(_("ocop: out of memory\n"), stderr);
		return EXIT_OUTPUT;
	}
	/* CSV for a spreadsheet is guarded against formula injection (emit_csv_spreadsheet); not
	 * the next council's intake, which ocop reads back as it is */
	if (c->bom && !c->forwarded_only)
		emit_csv_spreadsheet(1);
	c->raw_out = c->out;
	c->out = f;
	return 0;
}

/* -o must not name one of the inputs, nor the file standard input comes from: the result would
 * replace the data it came from. */
static int clobbers_input(const struct cli *c)
{
	struct stat out, in;

	if (stat(c->output, &out) != 0)
		return 0;
	for (int i = 0; i < c->nargs; i++)
		if (stat(c->args[i], &in) == 0 && in.st_dev == out.st_dev && in.st_ino == out.st_ino)
			return 1;
	if (S_ISREG(out.st_mode) && fstat(STDIN_FILENO, &in) == 0 && S_ISREG(in.st_mode) &&
	    in.st_dev == out.st_dev && in.st_ino == out.st_ino)
		return 2;
	return c->criteria && stat(c->criteria, &in) == 0 && in.st_dev == out.st_dev &&
	       in.st_ino == out.st_ino;
}

/* The file -o names once symbolic links are followed (the links stay); malloc'ed, NULL when out
 * of memory. A dangling link resolves to the path it names, which is then created. */
static char *resolve_output(const char *path)
{
	char *cur = strdup(path);
	struct stat st;

	for (int hops = 0; cur && hops < 40 && lstat(cur, &st) == 0 && S_ISLNK(st.st_mode); hops++) {
		char *real = realpath(cur, NULL), target[4096], *next;
		ssize_t n;
		if (real) {
			free(cur);
			return real;
		}
		if ((n = readlink(cur, target, sizeof target - 1)) < 0)
			break;
		target[n] = '\0';
		if (target[0] == '/' || !strchr(cur, '/')) {
			next = strdup(target);
		} else {
			size_t dirlen = (size_t)(strrchr(cur, '/') - cur) + 1;
			next = malloc(dirlen + (size_t)n + 1);
			if (next) {
				memcpy(next, cur, dirlen);
				memcpy(next + dirlen, target, (size_t)n + 1);
			}
		}
		free(cur);
		cur = next;
	}
	return cur;
}

int cli_out_open(struct cli *c)
{
	char *copy, *dir;
	struct stat st;
	int fd, exists;

	if (!c->output || strcmp(c->output, "-") == 0) {
		c->out = stdout;
		return spreadsheet_out(c);
	}
	switch (clobbers_input(c)) {
	case 1:
		fprintf(stderr, _("ocop: %s: refusing to overwrite an input file\n"), c->output);
		return EXIT_USAGE;
	case 2:
		fprintf(stderr, _("ocop: %s: refusing to overwrite the file standard input comes from\n"),
		        c->output);
		return EXIT_USAGE;
	}
	free(c->target);
	if (!(c->target = resolve_output(c->output))) {
		fprintf(stderr, _("ocop: out of memory while opening the output %s\n"), c->output);
		return EXIT_INPUT;
	}
	exists = stat(c->target, &st) == 0;
	if (exists && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
		/* A device, FIFO or socket is written in place: never renamed over, never truncated. */
		fd = open(c->target, O_WRONLY | O_NOCTTY);
		if (fd < 0 || !(c->out = fdopen(fd, "w"))) {
			fprintf(stderr, _("ocop: %s: cannot write: %s\n"), c->output, ocop_strerror(errno));
			if (fd >= 0)
				close(fd);
			return EXIT_OUTPUT;
		}
		return 0;
	}
	copy = strdup(c->target);
	dir = copy ? dirname(copy) : NULL;
	c->tmp = dir ? malloc(strlen(dir) + 32) : NULL;
	if (!c->tmp) {
		free(copy);
		fprintf(stderr, _("ocop: out of memory while opening the output %s\n"), c->output);
		return EXIT_INPUT;
	}
	sprintf(c->tmp, "%s/.ocop-out.XXXXXX", dir);
	free(copy);
	cli_signals_block();
	fd = mkstemp(c->tmp);
	if (fd >= 0)
		cli_signals_track(0, c->tmp);
	cli_signals_unblock();
	if (fd < 0 || !(c->out = fdopen(fd, "w"))) {
		fprintf(stderr, _("ocop: %s: cannot write: %s\n"), c->output, ocop_strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(c->tmp);
			cli_signals_track(0, NULL);
		}
		free(c->tmp);
		c->tmp = NULL;
		return EXIT_OUTPUT;
	}
	if (exists && S_ISREG(st.st_mode)) {
		/* The file replaced keeps its permissions and, where allowed, its owner. */
		if (fchown(fd, st.st_uid, st.st_gid) != 0) {
			/* not the owner: the new file is ours, as any file we create */
		}
		fchmod(fd, st.st_mode & 07777);
	} else {
		mode_t mask = umask(0);
		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	return spreadsheet_out(c);
}

int cli_out_close(struct cli *c, int commit)
{
	int failed = 0;

	if (!c->out)
		return 0;
	if (c->raw_out) {           /* the CSV stream flushes into the real output */
		FILE *csv = c->out;
		c->out = c->raw_out;
		c->raw_out = NULL;
		if (fclose(csv) != 0)
			failed = errno ? errno : EIO;
	}
	if (fflush(c->out) != 0 || ferror(c->out))
		failed = errno ? errno : EIO;
	if (c->tmp) {
		if (!failed && commit && fsync(fileno(c->out)) != 0)
			failed = errno;
		if (fclose(c->out) != 0 && !failed)
			failed = errno;
		if (!failed && commit && rename(c->tmp, c->target) != 0)
			failed = errno;
		if (failed || !commit)
			unlink(c->tmp);
		cli_signals_track(0, NULL);
		free(c->tmp);
		c->tmp = NULL;
	} else if (c->out != stdout) {
		if (fclose(c->out) != 0 && !failed)
			failed = errno;
	}
	c->out = NULL;
	if (failed == EPIPE && (!c->output || strcmp(c->output, "-") == 0))
		return EXIT_OUTPUT;     /* the reader of a pipe stopped (| head): nothing to say */
	if (failed) {
		fprintf(stderr, _("ocop: %s: cannot write: %s\n"),
		        c->output && strcmp(c->output, "-") != 0 ? c->output : "<stdout>",
		        ocop_strerror(failed));
		return EXIT_OUTPUT;
	}
	return 0;
}

void cli_free(struct cli *c)
{
	if (c->raw_out) {
		FILE *csv = c->out;
		c->out = c->raw_out;
		c->raw_out = NULL;
		fclose(csv);
	}
	if (c->tmp) {
		if (c->out)
			fclose(c->out);
		unlink(c->tmp);
		cli_signals_track(0, NULL);
		free(c->tmp);
	} else if (c->out && c->out != stdout) {
		fclose(c->out);
	}
	free(c->target);
	cli_inputs_close(c);
	ocop_batch_free(c->batch);
	ocop_catalog_free(c->cat);
	ocop_diags_free(&c->diags);
}

int cli_book_open(struct cli *c, struct ocop_book **book, char *path, size_t size)
{
	const char *dir = getenv("TMPDIR");
	struct ocop_err err = {0};
	int fd;

	*book = NULL;
	snprintf(path, size, "%s/ocop-book.XXXXXX", dir && *dir ? dir : "/tmp");
	cli_signals_block();
	fd = mkstemp(path);
	if (fd >= 0)
		cli_signals_track(2, path);     /* removed if a signal ends the run */
	cli_signals_unblock();
	if (fd < 0) {
		fprintf(stderr, _("ocop %s: cannot create a temporary file in %s: %s\n"), c->cmd,
		        dir && *dir ? dir : "/tmp", ocop_strerror(errno));
		path[0] = '\0';
		return EXIT_OUTPUT;
	}
	close(fd);
	if (ocop_book_new(book, path, &err) < 0) {
		cli_print_err(&err);
		unlink(path);
		cli_signals_track(2, NULL);
		path[0] = '\0';
		return EXIT_OUTPUT;
	}
	return 0;
}

int cli_book_close(struct cli *c, struct ocop_book *book, char *path, int keep)
{
	struct ocop_err err = {0};
	char buf[65536];
	size_t k;
	FILE *in;
	int rc = 0;

	if (!path[0])
		return 0;
	if (ocop_book_close(book, &err) < 0) {
		fprintf(stderr, "ocop %s: %s: %s\n", c->cmd, c->output ? c->output : "<stdout>",
		        err.msg);
		rc = EXIT_OUTPUT;
	} else if (keep) {
		if (!(in = fopen(path, "rb"))) {
			fprintf(stderr, _("ocop %s: %s: cannot read back: %s\n"), c->cmd, path,
			        ocop_strerror(errno));
			rc = EXIT_OUTPUT;
		} else {
			while ((k = fread(buf, 1, sizeof buf, in)) > 0)
				if (fwrite(buf, 1, k, c->out) != k)
					break;
			if (ferror(in))
				rc = EXIT_OUTPUT;
			fclose(in);
		}
	}
	unlink(path);
	cli_signals_track(2, NULL);
	path[0] = '\0';
	return rc;
}
