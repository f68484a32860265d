/* ocop — score OCOP product dossiers. main() is a table lookup; each command lives in its own
 * function. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ocop/catalog.h"
#include "ocop/suggest.h"
#include "ocop/write.h"
#include "ocop/version.h"

/* The help of a command is its own text (usage, what it does, its own options), the option
 * blocks it shares with others, its examples (commands, never translated), a note, and its exit
 * status. Each text is one message of the catalog: the Vietnamese is written, aligned and wrapped
 * as a whole. */
static const char *const EXIT_CODES = N_(
	"Exit status:\n"
	"  0  every dossier scored and final (an elimination is final)\n"
	"  1  results printed, but at least one dossier is invalid, needs re-scoring or\n"
	"     is still to be scored\n"
	"  2  usage error (unknown option, command or product)\n"
	"  3  input or criteria unreadable or malformed, or out of memory: nothing\n"
	"     scored, no output written\n"
	"  4  the output could not be written (disk full, closed pipe): no output file\n"
	"     left\n");

static const char *const COMMON = N_(
	"  -c, --criteria FILE       score with the regime in FILE (see\n"
	"                            data/criteria/FORMAT.md)\n"
	"  -r, --regime ID           score under regime ID (default: the regime in force\n"
	"                            on each dossier's evaluated_on date, else the\n"
	"                            newest)\n"
	"  -i, --input-format FMT    csv, json or ndjson (default: from the file name)\n"
	"  -l, --lang LANG           vi or en, the language of messages, tables and\n"
	"                            explanations (default: OCOP_LANG, else LC_ALL,\n"
	"                            LC_MESSAGES or LANG when it names vi or en, else vi)\n"
	"      --color[=WHEN]        auto (default: on a terminal, unless NO_COLOR is\n"
	"                            set), always or never; --no-color is never\n"
	"  -h, --help                show this help\n");

/* Files as spreadsheets make them (README, "Dossiers"). */
static const char *const SPREADSHEET_IN = N_(
	"      --delimiter D         CSV fields cut at D: ',', ';' or tab (default: the\n"
	"                            header line's most frequent)\n"
	"      --encoding NAME       the input's encoding: utf-8 (default), cp1258,\n"
	"                            tcvn3, viscii, or any name 'iconv -l' lists\n");

static const char *const SPREADSHEET_OUT = N_(
	"      --delimiter D         CSV fields cut at D: ',', ';' or tab, on input\n"
	"                            (default: the header line's most frequent) and CSV\n"
	"                            output\n"
	"      --encoding NAME       the input's encoding: utf-8 (default), cp1258,\n"
	"                            tcvn3, viscii, or any name 'iconv -l' lists\n"
	"      --bom                 CSV for a spreadsheet: a UTF-8 byte order mark\n"
	"                            first, and a leading ' in text fields a spreadsheet\n"
	"                            would take for a formula (starting with = + - @, tab\n"
	"                            or CR; numbers stay)\n");

static const char *const UNGROUPED = N_(
	"      --ungrouped           for input whose products' records are not together:\n"
	"                            read it all first (every product stays in memory\n"
	"                            until the end)\n");

/* The shared blocks of a help, in the order they are printed. */
enum { H_UNGROUPED = 1, H_SHEET_IN = 2, H_SHEET_OUT = 4, H_COMMON = 8 };

const struct command commands[] = {
	{"score", cmd_score, N_("score dossiers: points, parts, stars, marks, spread"),
	 N_("usage: ocop score [OPTIONS] [FILE...]\n\n"
	    "Scores every product in the dossiers (wide or long CSV, JSON, NDJSON; '-' or no\n"
	    "FILE reads standard input) and prints one result per product, in input order.\n\n"
	    "Options:\n"
	    "  -f, --format FMT          table, csv, json, ndjson or xlsx (default: table on\n"
	    "                            a terminal, csv otherwise; -o FILE.xlsx chooses\n"
	    "                            xlsx, which never goes to a terminal)\n"
	    "  -o, --output FILE         write to FILE atomically (nothing is left on\n"
	    "                            failure); without -f the format follows its\n"
	    "                            extension (.csv, .json, .ndjson, .xlsx)\n"),
	 H_UNGROUPED | H_SHEET_OUT | H_COMMON,
	 "  ocop score data/examples/chau-phu-2024.csv\n"
	 "  ocop score -f json -o results.json season.csv\n"
	 "  cat season.ndjson | ocop score -i ndjson -f ndjson\n",
	 NULL, EXIT_CODES},
	{"validate", cmd_validate, N_("check dossiers and report every problem"),
	 N_("usage: ocop validate [OPTIONS] [FILE...]\n\n"
	    "Checks every record against the criteria and reports every problem (not just the\n"
	    "first) on standard error, then prints a one-line summary. With -f json or ndjson\n"
	    "(or -o with such an extension) the problems are the output, one object each:\n"
	    "file, line, column, product, member, criterion, code, message.\n\n"
	    "Options:\n"
	    "  -f, --format FMT          table (text, default), json or ndjson\n"
	    "  -o, --output FILE         write to FILE atomically\n"
	    "      --require-verified    a sheet not verified by double entry (ocop enter\n"
	    "                            --verify, column verified_by) is a problem\n"),
	 H_UNGROUPED | H_SHEET_IN | H_COMMON,
	 "  ocop validate season.csv\n"
	 "  ocop validate --require-verified season.csv\n"
	 "  ocop validate -f ndjson season.csv | jq -r .message\n"
	 "  ocop validate --regime 148 dossiers.json\n",
	 NULL, EXIT_CODES},
	{"explain", cmd_explain, N_("show one product criterion by criterion, and why its star"),
	 N_("usage: ocop explain [OPTIONS] PRODUCT_ID [FILE...]\n\n"
	    "Shows one product criterion by criterion: each member's points, the mean, the\n"
	    "maximum, each star mark and whether it is met; then parts, total, spread and why\n"
	    "the star is what it is.\n\n"
	    "Options:\n"
	    "  -f, --format FMT          table (text, default) or json\n"
	    "  -o, --output FILE         write to FILE atomically\n"),
	 H_SHEET_IN | H_COMMON,
	 "  ocop explain CP24-024 data/examples/chau-phu-2024.csv\n"
	 "  ocop explain --lang en -f json CP24-024 season.json\n",
	 NULL, EXIT_CODES},
	{"promote", cmd_promote, N_("decide who is certified or forwarded to the next level, and why"),
	 N_("usage: ocop promote --at LEVEL [OPTIONS] [FILE...]\n\n"
	    "The promotion stage: for dossiers scored by the council of LEVEL (commune,\n"
	    "district, province or central), one decision per product under its regime's\n"
	    "promotion rules: certify (N stars at this level), forward (to the next level),\n"
	    "not-recognised, or hold (needs re-scoring, invalid dossier, dossier of another\n"
	    "level), each with its reason.\n\n"
	    "Options:\n"
	    "      --at LEVEL            the council that scored the dossiers (required)\n"
	    "      --min-stars N         local policy: forward from N awarded stars instead\n"
	    "      --min-total X         local policy: forward from a mean total of X\n"
	    "      --forwarded-only      print the next level's intake, in the input's own\n"
	    "                            format: one blank dossier per forwarded product\n"
	    "                            (dossier columns, level set to the next level,\n"
	    "                            prior_level, prior_total and prior_stars; no member,\n"
	    "                            no points)\n"
	    "  -f, --format FMT          table, csv, json, ndjson or xlsx (-o FILE.xlsx too)\n"
	    "  -o, --output FILE         write to FILE atomically\n"),
	 H_UNGROUPED | H_SHEET_OUT | H_COMMON,
	 "  ocop promote --at district data/examples/chau-phu-2024.csv\n"
	 "  ocop promote --at district --forwarded-only season.csv > province-intake.csv\n"
	 "  ocop promote --at province --min-total 85 -f json intake.json\n",
	 NULL, EXIT_CODES},
	{"rank", cmd_rank, N_("rank products by mean total, within groups if asked"),
	 N_("usage: ocop rank [OPTIONS] [FILE...]\n\n"
	    "Ranks products by mean total; ties are broken by awarded stars, then parts C, A\n"
	    "and B; products still equal share a rank (1, 2, 2, 4) and are listed by\n"
	    "product_id. Invalid dossiers are not ranked. Names and groups sort in Vietnamese\n"
	    "alphabetical order.\n\n"
	    "Options:\n"
	    "      --dense               dense ranking (1, 2, 2, 3)\n"
	    "      --by GROUP            rank within each district, province, set or level\n"
	    "      --top K               only ranks 1..K of each group (ties at K included)\n"
	    "  -f, --format FMT          table, csv, json, ndjson or xlsx (-o FILE.xlsx too)\n"
	    "  -o, --output FILE         write to FILE atomically\n"),
	 H_UNGROUPED | H_SHEET_OUT | H_COMMON,
	 "  ocop rank data/examples/chau-phu-2024.csv\n"
	 "  ocop rank --by set --top 3 -f csv season.csv\n",
	 NULL, EXIT_CODES},
	{"due", cmd_due, N_("list recognitions expiring within the notice period, or expired"),
	 N_("usage: ocop due --on DATE [OPTIONS] [FILE...]\n\n"
	    "Lists products whose recognition (recognised_on plus the regime's\n"
	    "certificate_months, 36) has expired or expires within its notice_days (30) of\n"
	    "DATE, with the issuing level. When the regime in force at expiry has a renewal\n"
	    "window (26-2026: file for re-evaluation 180 to 120 days before expiry; filed\n"
	    "late, valid until the result, at most 180 days after expiry), it lists the\n"
	    "window instead: not-yet-open (opening within notice_days), open, missed,\n"
	    "late-grace (expired, valid if filed late) or expired.\n\n"
	    "Options:\n"
	    "      --on DATE             the day to check, YYYY-MM-DD (required)\n"
	    "  -f, --format FMT          table, csv, json, ndjson or xlsx (-o FILE.xlsx too)\n"
	    "  -o, --output FILE         write to FILE atomically\n"),
	 H_UNGROUPED | H_SHEET_OUT | H_COMMON,
	 "  ocop due --on 2027-09-01 recognised.csv\n",
	 NULL, EXIT_CODES},
	{"report", cmd_report, N_("print the season report (HTML or xlsx) or the members' sheets"),
	 N_("usage: ocop report [OPTIONS] [FILE...] -o report.html\n\n"
	    "What a council prints and signs: one self-contained HTML page (no script,\n"
	    "nothing fetched; laid out for A4) with the header (council, place, dates,\n"
	    "regime, criteria_hash), the summary table and counts by star, charts of the\n"
	    "stars and totals, the council's analysis (members' leniency, widest\n"
	    "disagreements, products to re-score, borderline products), the signature block,\n"
	    "then a page per product: every criterion with each member's points, why the\n"
	    "star, the path to the next star, the parts against their maxima.\n\n"
	    "Options:\n"
	    "      --at LEVEL            add the promotion decision of LEVEL's council and\n"
	    "                            its reason\n"
	    "      --min-stars N, --min-total X   local forwarding policy, as for promote\n"
	    "      --sheets              print each member's entered sheet instead: the\n"
	    "                            official form with ☒ on the chosen options, the\n"
	    "                            total, a signature line\n"
	    "  -f, --format FMT          html (default) or xlsx (a summary sheet, then a\n"
	    "                            sheet per product); -o FILE.xlsx chooses xlsx\n"
	    "  -o, --output FILE         write to FILE atomically\n"),
	 H_SHEET_IN | H_COMMON,
	 "  ocop report data/examples/chau-phu-2024.csv -o report.html\n"
	 "  ocop report --at district --lang en season.csv -o report-en.html\n"
	 "  ocop report --sheets season.csv -o sheets.html\n"
	 "  ocop report season.csv -o report.xlsx\n",
	 N_("An xlsx workbook is never written to a terminal (exit 2): give -o or redirect.\n"),
	 EXIT_CODES},
	{"criteria", cmd_criteria,
	 N_("list, show, check, compare the criteria sets; print a blank sheet"),
	 N_("usage: ocop criteria list [--regime ID] [-f table|json]\n"
	    "       ocop criteria show SET [--regime ID] [-f table|json]\n"
	    "       ocop criteria check FILE\n"
	    "       ocop criteria template SET [--members N] [--regime ID] [-f csv|html|xlsx]\n"
	    "       ocop criteria diff A B [--set SET] [-f table|json]\n\n"
	    "list      the regimes ocop knows, with their dates; with --regime, that regime's\n"
	    "          sets\n"
	    "show      one criteria set: ids, labels, options, points, star marks, gates\n"
	    "check     validate a regime file (data/criteria/FORMAT.md); every problem is\n"
	    "          reported with its JSON path\n"
	    "template  an empty wide-CSV sheet for SET with N member rows (default 5);\n"
	    "          -f html: the blank official evaluation form to print; -f xlsx (or\n"
	    "          -o FILE.xlsx): a workbook with a drop-down of the allowed points per\n"
	    "          criterion, the rest locked\n"
	    "diff      what changed between regimes A and B (ids or criteria files), and only\n"
	    "          that: dates, parts, bands, thresholds, levels, promotion rules, sets,\n"
	    "          criteria, options, marks, gates; exit status 1 when they differ, 0\n"
	    "          when not\n\n"
	    "SET is a code (I.1.a) or a number (1). Without --regime, the newest regime is\n"
	    "used.\n\n"
	    "Options:\n"
	    "  -f, --format FMT          table (default) or json\n"
	    "  -o, --output FILE         write to FILE atomically\n"
	    "  -n, --members N           member rows in a template\n"
	    "  -s, --set SET             limit diff to one set\n"),
	 H_COMMON,
	 "  ocop criteria list\n"
	 "  ocop criteria show I.1.a --regime 148 --lang en\n"
	 "  ocop criteria template I.3.d --members 7 -o sheet.csv\n"
	 "  ocop criteria template I.3.d --format html -o form.html\n"
	 "  ocop criteria template I.3.d --members 7 -o sheet.xlsx\n"
	 "  ocop criteria check my-province-2026.json\n"
	 "  ocop criteria diff 148 148-1489\n",
	 NULL, EXIT_CODES},
	{"enter", cmd_enter, N_("type council members' sheets into a file, guided and checked"),
	 N_("usage: ocop enter [OPTIONS] FILE\n"
	    "       ocop enter --verify [OPTIONS] FILE\n\n"
	    "Guided entry of council members' sheets into FILE, a wide-CSV dossier file\n"
	    "(created if absent) that every other command reads: the product, then the\n"
	    "member, then each criterion of the set in sheet order with its options; each\n"
	    "answer is checked as it is typed. Keys at each question: points or #option,\n"
	    "Enter keeps, s skip, b back, u undo, g ID go to, l list the sheet, q quit,\n"
	    "? help. Each sheet is saved whole (temporary file, fsync, rename); every answer\n"
	    "goes first to the journal FILE.ocop-draft, so an interrupted sheet is resumed\n"
	    "where it stopped. When a product's last expected sheet is saved, its result is\n"
	    "explained as 'ocop explain' prints it (on standard output). When standard input\n"
	    "is not a terminal, the answers are read one per line and prompts go to standard\n"
	    "error.\n\n"
	    "Options:\n"
	    "  -n, --members N           council size of every product (default: asked per\n"
	    "                            product)\n"
	    "      --verify              double entry: a second person enters a saved sheet\n"
	    "                            blind; the differences are shown and resolved, then\n"
	    "                            the sheet is marked verified (column verified_by)\n"),
	 H_COMMON,
	 "  ocop enter season.csv\n"
	 "  ocop enter --members 5 --lang en season.csv\n"
	 "  ocop enter --verify season.csv\n"
	 "  ocop enter season.csv < answers.txt > results.txt\n",
	 NULL,
	 N_("Exit status:\n"
	    "  0  every sheet typed was saved, and every result printed is final\n"
	    "  1  a draft was left to resume (q, end of input), or a result printed is not\n"
	    "     final\n"
	    "  2  usage error\n"
	    "  3  FILE or the journal unreadable or malformed, FILE in the long format, or\n"
	    "     another ocop enter working on FILE\n"
	    "  4  FILE or the journal could not be written\n")},
	{"help", cmd_help, N_("show help for a command"), N_("usage: ocop help [COMMAND]\n"), 0, NULL,
	 NULL, NULL},
	{NULL, NULL, NULL, NULL, 0, NULL, NULL, NULL}};

static void usage(FILE *f)
{
	fputs(_("usage: ocop [--version] [--help] [--lang LANG] [--color[=WHEN]] COMMAND\n"
	        "            [OPTIONS] [FILE...]\n\n"
	        "Scores OCOP (One Commune One Product) dossiers against the official criteria.\n"
	        "--lang and --color go before or after the command. Messages are in the language\n"
	        "--lang names, else OCOP_LANG, else the first of LC_ALL, LC_MESSAGES and LANG\n"
	        "that is set, when it names vi or en; else in Vietnamese.\n\n"
	        "Commands:\n"), f);
	for (const struct command *c = commands; c->name; c++)
		fprintf(f, "  %-10s %s\n", c->name, _(c->summary));
	fputs(_("\nRun 'ocop help COMMAND' for a command's options and examples.\n\n"), f);
	fputs(_(EXIT_CODES), f);
}

static const struct command *lookup(const char *name)
{
	for (const struct command *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

void cli_help(FILE *f, const char *cmd)
{
	const struct command *c = lookup(cmd);

	if (!c) {
		usage(f);
		return;
	}
	fputs(_(c->help), f);
	if (c->blocks & H_UNGROUPED)
		fputs(_(UNGROUPED), f);
	if (c->blocks & H_SHEET_IN)
		fputs(_(SPREADSHEET_IN), f);
	if (c->blocks & H_SHEET_OUT)
		fputs(_(SPREADSHEET_OUT), f);
	if (c->blocks & H_COMMON)
		fputs(_(COMMON), f);
	if (c->examples) {
		fputs(_("\nExamples:\n"), f);
		fputs(c->examples, f);
		putc('\n', f);
	}
	if (c->note) {
		fputs(_(c->note), f);
		putc('\n', f);
	}
	if (c->exit)
		fputs(_(c->exit), f);
}

/* The command closest to a mistyped one, or NULL. */
static const char *near_command(const char *name)
{
	const char *names[sizeof commands / sizeof *commands];
	size_t n = 0;

	for (const struct command *c = commands; c->name; c++)
		names[n++] = c->name;
	return ocop_suggest(name, names, n);
}

static void no_command(const char *who, const char *name)
{
	const char *near = near_command(name);

	if (near)
		fprintf(stderr, _("%s: '%s' is not a command. Did you mean '%s'? See 'ocop --help'.\n"),
		        who, name, near);
	else
		fprintf(stderr, _("%s: '%s' is not a command. See 'ocop --help'.\n"), who, name);
}

int cmd_help(int argc, char **argv)
{
	struct cli c;
	int rc = cli_options(&c, "help", "", argc, argv);

	if (rc)
		return rc > 0 ? EXIT_FINAL : EXIT_USAGE;
	if (c.nargs < 1) {
		usage(stdout);
		rc = EXIT_FINAL;
	} else if (!lookup(c.args[0])) {
		no_command("ocop help", c.args[0]);
		rc = EXIT_USAGE;
	} else {
		cli_help(stdout, c.args[0]);
		rc = EXIT_FINAL;
	}
	cli_free(&c);
	return rc;
}

static int version(void)
{
	struct ocop_catalog *cat;
	struct ocop_err err = {0};

	printf(_("ocop %s\nregimes:\n"), OCOP_VERSION);
	if (ocop_catalog_new(&cat, &err) == 0) {
		for (size_t i = 0; i < ocop_catalog_count(cat); i++) {
			const struct ocop_regime *r = ocop_catalog_get(cat, ocop_catalog_id(cat, i), &err);
			if (r)
				printf(P_("  %-9s %s, %s – %s, %zu set\n", "  %-9s %s, %s – %s, %zu sets\n",
				          r->nsets),
				       r->id, r->decision, r->effective_from,
				       r->effective_to[0] ? r->effective_to : _("now"), r->nsets);
		}
		ocop_catalog_free(cat);
	}
	return fflush(stdout) == 0 ? EXIT_FINAL : EXIT_OUTPUT;
}

/* How many arguments at argv[0] form a global option (--lang en, -l en, --lang=en, --color,
 * --color=WHEN, --no-color), 0 if it is none. The command's own option parsing checks them. */
static int global_option(char **argv, int left)
{
	const char *a = argv[0];

	if ((strcmp(a, "--lang") == 0 || strcmp(a, "-l") == 0) && left > 1)
		return 2;
	return strncmp(a, "--lang=", 7) == 0 || strcmp(a, "--color") == 0 ||
	       strncmp(a, "--color=", 8) == 0 || strcmp(a, "--no-color") == 0;
}

/* The language, before anything is said: --lang anywhere on the line (before a "--"), else the
 * environment (OCOP_LANG, LC_ALL, LC_MESSAGES, LANG), else Vietnamese. A bad --lang value is
 * reported by the command's option parsing. */
static void choose_lang(int argc, char **argv)
{
	int l;

	ocop_lang_set(ocop_lang_from_env());
	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		const char *v = NULL;

		if ((strcmp(argv[i], "--lang") == 0 || strcmp(argv[i], "-l") == 0) && i + 1 < argc)
			v = argv[++i];
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			v = argv[i] + 7;
		if (v && (l = ocop_lang_parse(v)) >= 0)
			ocop_lang_set((enum ocop_lang)l);
	}
}

/* OCOP_I18N_CHECK set: every message the Vietnamese catalog lacks is named on standard error. */
static void untranslated(const char *msgid)
{
	fprintf(stderr, "ocop: untranslated message: \"%s\"\n", msgid);
}

int main(int argc, char **argv)
{
	const struct command *c;
	char **args;
	int nglobal = 0, k, rc;

	/* A closed pipe is a write error like any other (exit 4), not a silent death by signal. */
	signal(SIGPIPE, SIG_IGN);
	cli_signals_init();
	choose_lang(argc, argv);
	if (getenv("OCOP_I18N_CHECK"))
		ocop_i18n_on_missing(untranslated);
	/* Global options may come before the command (ocop --lang en help score). */
	while (1 + nglobal < argc && (k = global_option(argv + 1 + nglobal, argc - 1 - nglobal)) > 0)
		nglobal += k;
	if (argc < 2 + nglobal) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1 + nglobal], "--help") == 0 || strcmp(argv[1 + nglobal], "-h") == 0) {
		usage(stdout);
		return EXIT_FINAL;
	}
	if (strcmp(argv[1 + nglobal], "--version") == 0 || strcmp(argv[1 + nglobal], "-V") == 0)
		return version();
	c = lookup(argv[1 + nglobal]);
	if (!c) {
		no_command("ocop", argv[1 + nglobal]);
		return EXIT_USAGE;
	}
	if (nglobal == 0)
		return c->run(argc - 1, argv + 1);
	/* The command, then the global options, then the rest: getopt sees them all as its own. */
	if (!(args = malloc((size_t)(argc + 1) * sizeof *args)))
		return EXIT_OUTPUT;
	args[0] = argv[1 + nglobal];
	memcpy(args + 1, argv + 1, (size_t)nglobal * sizeof *args);
	memcpy(args + 1 + nglobal, argv + 2 + nglobal, (size_t)(argc - 2 - nglobal) * sizeof *args);
	args[argc - 1] = NULL;
	rc = c->run(argc - 1, args);
	free(args);
	return rc;
}
