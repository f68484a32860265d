/* ocop enter: council members' sheets typed at the terminal into a wide-CSV file — guided, checked
 * as typed, journaled so that nothing typed is lost, double-entered on demand, and the council's
 * result explained as soon as its last sheet is in. This file: the session, its products and
 * members, the result, resuming a draft. The sheet's dialog is in enter_sheet.c, the file and the
 * journal in enter_file.c, double entry in enter_verify.c. */
#include "enter.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ocop/read.h"
#include "ocop/score.h"
#include "ocop/text.h"
#include "ocop/write.h"

/* ---- products ---- */

/* The regime and set of a product's columns; -1 with a message in why when they cannot be chosen,
 * -2 when the dates fall in a transition and the filing date (submitted_on) would decide. */
static int resolve(struct session *s, struct product *p, char *why, size_t size)
{
	struct ocop_err err = {0};
	const char *set = p->meta[OCOP_F_SET];

	p->regime = s->c->forced ? s->c->forced
	                         : ocop_catalog_choose(s->c->cat, p->meta[OCOP_F_EVALUATED_ON],
	                                               p->meta[OCOP_F_SUBMITTED_ON], NULL, &err);
	p->set = NULL;
	if (!p->regime) {
		snprintf(why, size, "%s", err.msg);
		return strcmp(err.where, "submitted_on") == 0 ? -2 : -1;
	}
	if (set && !(p->set = ocop_regime_find_set(p->regime, set))) {
		snprintf(why, size, _("regime %s has no criteria set \"%s\" (a code like I.1.a or a number 1-%zu)"),
		         p->regime->id, set, p->regime->nsets);
		return -1;
	}
	return 0;
}

/* Reads a product's columns from its first row in the file; 0 when it has none. */
static int product_from_file(struct session *s, struct product *p, const char *id)
{
	long r = s->t ? ocop_table_last_of(s->t, id) : -1;

	if (r < 0)
		return 0;
	for (size_t row = 0; row < s->t->nrows; row++)
		if (strcmp(ocop_table_get(s->t, row, "product_id"), id) == 0) {
			r = (long)row;
			break;
		}
	for (int f = 0; f < OCOP_NFIELDS; f++)
		if (!ocop_field_per_sheet(f))
			enter_set_meta(p, f, ocop_table_get(s->t, (size_t)r, ocop_field_name(f)));
	return 1;
}

static int parse_yes_no(const char *v)
{
	static const char *const yes[] = {"c", "có", "co", "y", "yes", "1"};
	static const char *const no[] = {"k", "không", "khong", "n", "no", "0"};

	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
		if (strcmp(v, yes[i]) == 0)
			return 1;
		if (strcmp(v, no[i]) == 0)
			return 0;
	}
	return -1;
}

/* Checks a value typed for column f of product p (already set there); 0 or -1 with why. */
static int check_meta(struct session *s, struct product *p, int f, char *why, size_t size)
{
	const char *v = p->meta[f];
	int lv;

	if ((f == OCOP_F_EVALUATED_ON || f == OCOP_F_SUBMITTED_ON) && v && !ocop_date_valid(v)) {
		snprintf(why, size, _("\"%s\" is not a date (YYYY-MM-DD)"), v);
		return -1;
	}
	/* The evaluation date alone may leave the regime to the filing date, asked next. */
	if (f == OCOP_F_EVALUATED_ON && resolve(s, p, why, size) == -1)
		return -1;
	if ((f == OCOP_F_SUBMITTED_ON || f == OCOP_F_SET) && resolve(s, p, why, size) < 0)
		return -1;
	if (f == OCOP_F_SET && !v) {
		snprintf(why, size, "%s", _("a criteria set is needed"));
		return -1;
	}
	if (f == OCOP_F_LEVEL && v) {
		size_t i = 0;
		lv = ocop_level_parse(v);
		while (p->regime && i < p->regime->nlevels && p->regime->levels[i] != lv)
			i++;
		if (lv == OCOP_LEVEL_NONE || !p->regime || i == p->regime->nlevels) {
			char list[64] = "";
			size_t n = 0;
			for (i = 0; p->regime && i < p->regime->nlevels && n < sizeof list; i++)
				n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", i ? " " : "",
				                      ocop_level_name(p->regime->levels[i]));
			snprintf(why, size,
			         _("level \"%s\" does not evaluate under regime %s (levels: %s)"), v,
			         p->regime ? p->regime->id : "?", list);
			return -1;
		}
	}
	return 0;
}

/* Asks one column of the product, offering its value; -1 at the end of the input. */
static int ask_meta(struct session *s, struct product *p, int f, const char *label)
{
	char why[512], *old, *v;
	const char *line;

	for (;;) {
		old = p->meta[f] ? strdup(p->meta[f]) : NULL;
		line = enter_ask(s, "  %s%s%s%s: ", label, old ? " [" : "", old ? old : "", old ? "]" : "");
		if (!line) {
			free(old);
			return -1;
		}
		if (*line) {
			int flag = ocop_flag_parse(ocop_field_name(f)) >= 0;
			int yn = flag ? parse_yes_no(line) : 0;
			if (yn < 0) {
				fprintf(s->o, _("  ✗ \"%s\": answer c (yes) or k (no)\n"), line);
				free(old);
				continue;
			}
			v = flag ? strdup(yn ? "yes" : "no") : enter_nfc(line);
			free(p->meta[f]);
			p->meta[f] = v;
		}
		if (check_meta(s, p, f, why, sizeof why) == 0) {
			free(old);
			return 0;
		}
		fprintf(s->o, "  ✗ %s\n", why);
		free(p->meta[f]);
		p->meta[f] = old;
		resolve(s, p, why, sizeof why);
	}
}

/* The question for a yes/no finding a gate of the set reads: the usual words for the common ones,
 * else the flag's name and the gate's note from the criteria data. */
static const char *flag_question(const struct session *s, const struct ocop_set *set, int flag,
                                 char *buf, size_t size)
{
	switch (flag) {
	case OCOP_FLAG_CONTAMINANTS:
		return _("High-risk contaminants found? (c/k)");
	case OCOP_FLAG_FOOD_SAFETY_CERT:
		return _("Food-safety eligibility certificate? (c/k)");
	case OCOP_FLAG_IMPORTED_RAW:
		return _("Raw material all imported or of unknown origin? (c/k)");
	case OCOP_FLAG_IDENTICAL_PRODUCT:
		return _("Identical to another producer's product, only renamed? (c/k)");
	case OCOP_FLAG_IP_VIOLATION:
		return _("Intellectual-property violation? (c/k)");
	default:
		for (size_t g = 0; g < set->ngates; g++)
			if (set->gates[g].flag == flag) {
				snprintf(buf, size, "%s — %s (c/k)", ocop_flag_name(flag),
				         L(s, set->gates[g].note_vi, set->gates[g].note_en));
				return buf;
			}
		snprintf(buf, size, "%s (c/k)", ocop_flag_name(flag));
		return buf;
	}
}

/* The product's columns, asked (offering the file's values for a product it has already). */
static int ask_product(struct session *s, struct product *p, int known)
{
	char why[512], question[512];
	int asked[OCOP_NFLAGS] = {0};

	if (known && resolve(s, p, why, sizeof why) < 0) {
		fprintf(s->o, "  ✗ %s\n", why);
		return 1;
	}
	if (ask_meta(s, p, OCOP_F_PRODUCT_NAME, _("Product name")) < 0 ||
	    ask_meta(s, p, OCOP_F_PRODUCER, _("Producer")) < 0 ||
	    ask_meta(s, p, OCOP_F_EVALUATED_ON, _("Evaluated on (YYYY-MM-DD)")) < 0)
		return -1;
	/* In a transition between regimes the filing date decides (asked then, or when the file has it). */
	if (p->meta[OCOP_F_SUBMITTED_ON] || resolve(s, p, why, sizeof why) == -2) {
		if (!p->meta[OCOP_F_SUBMITTED_ON])
			fprintf(s->o, "  %s\n", why);
		if (ask_meta(s, p, OCOP_F_SUBMITTED_ON, _("Submitted on (YYYY-MM-DD)")) < 0)
			return -1;
	}
	if (known)
		fprintf(s->o, _("  Criteria set: %s — %s (regime %s)\n"),
		        p->set->code, L(s, p->set->name_vi, p->set->name_en), p->regime->id);
	else if (ask_meta(s, p, OCOP_F_SET, _("Criteria set (code like I.1.a, or number)")) < 0)
		return -1;
	else {
		enter_set_meta(p, OCOP_F_SET, p->set->code);
		fprintf(s->o, _("  %s — %s (regime %s)\n"), p->set->code,
		        L(s, p->set->name_vi, p->set->name_en), p->regime->id);
	}
	if (ask_meta(s, p, OCOP_F_LEVEL, _("Level (commune, district, province, central)")) < 0)
		return -1;
	for (size_t g = 0; g < p->set->ngates; g++) {
		int fl = p->set->gates[g].flag;
		if (fl < 0 || asked[fl]++)
			continue;
		if (ask_meta(s, p, ocop_field_parse(ocop_flag_name(fl)),
		             flag_question(s, p->set, fl, question, sizeof question)) < 0)
			return -1;
	}
	return 0;
}

static int ask_members(struct session *s, struct product *p, size_t have)
{
	const char *line;
	char *end;
	long n;

	if (s->c->members) {
		p->members = s->c->members;
		return 0;
	}
	for (;;) {
		if (have)
			line = enter_ask(s, _("  Council members [%zu]: "), have);
		else
			line = enter_ask(s, "%s", _("  Council members: "));
		if (!line)
			return -1;
		if (!*line && have) {
			p->members = (int)have;
			return 0;
		}
		n = strtol(line, &end, 10);
		if (*line && !*end && n >= 1 && n <= OCOP_MAX_MEMBERS) {
			p->members = (int)n;
			return 0;
		}
		fprintf(s->o, _("  ✗ \"%s\": a number from 1 to %d\n"),
		        line, OCOP_MAX_MEMBERS);
	}
}

/* ---- sheets ---- */

/* After a sheet is saved: the council's result when its last expected sheet is in. Returns 1 when
 * the product is done (a final result), 0 to go on with its members. */
static int after_save(struct session *s, const struct product *p)
{
	size_t have = enter_have_sheets(s, p);
	int status;

	if (have < (size_t)p->members) {
		fprintf(s->o, _("  Saved. Product %s: %zu/%d sheets.\n"),
		        p->meta[OCOP_F_PRODUCT_ID], have, p->members);
		return 0;
	}
	fprintf(s->o, P_("  Saved. Product %s has its %zu sheet: the council's result.\n",
	                 "  Saved. Product %s has its %zu sheets: the council's result.\n", have),
	        p->meta[OCOP_F_PRODUCT_ID], have);
	status = enter_print_result(s, p);
	if (status == OCOP_STATUS_RESCORE)
		fputs(_("  The council must re-score: enter again the sheets to correct, or Enter for another "
		        "product.\n"), s->o);
	return status == OCOP_STATUS_OK;
}

/* A member's sheet, new or replacing the one in the file: entered, confirmed, saved. */
static int enter_member(struct session *s, const struct product *p, const char *member, long row)
{
	struct ocop_sheet *sh;
	int r;

	if (!(sh = enter_new_sheet(s, p)))
		return SHEET_FAILED;
	if (enter_begin_draft(s, p, "enter", member, row, NULL) == 0 && row >= 0) {
		enter_prefill(s, sh, row, 1);
		fprintf(s->o, _("  The old sheet is kept in %s. Enter keeps each value; g ID goes to the criterion to correct.\n"),
		        s->jpath);
	}
	r = s->failed ? SHEET_FAILED : enter_sheet(s, p, member, sh, _("Save the sheet? [Y/n] "));
	if (r == SHEET_DONE && enter_save_sheet(s, p, member, sh, NULL) < 0)
		r = SHEET_FAILED;
	if (r == SHEET_QUIT)
		s->pending = 1;
	ocop_sheet_free(sh);
	return r;
}

/* The next free member name TVk. */
static void next_member(const struct session *s, const struct product *p, char *buf, size_t size)
{
	for (int k = 1;; k++) {
		snprintf(buf, size, "TV%d", k);
		if (!s->t || ocop_table_find(s->t, p->meta[OCOP_F_PRODUCT_ID], buf) < 0)
			return;
	}
}

/* The members of a product, one sheet after another. */
static void members(struct session *s, const struct product *p)
{
	char def[32];
	const char *line;

	while (!s->quit && !s->failed) {
		int full = enter_have_sheets(s, p) >= (size_t)p->members;
		char *name;
		long row;
		if (!full)
			next_member(s, p, def, sizeof def);
		line = full ? enter_ask(s, "%s", _("\nMember (Enter: another product): "))
		            : enter_ask(s, _("\nMember [%s]: "), def);
		if (!line || (!*line && full))
			return;
		if (strcmp(line, "q") == 0) {
			s->quit = 1;
			return;
		}
		if (!(name = enter_nfc(*line ? line : def)))
			return;
		row = s->t ? ocop_table_find(s->t, p->meta[OCOP_F_PRODUCT_ID], name) : -1;
		if (row >= 0 && !enter_yes(enter_ask(s, _("  %s has a sheet in %s already. Correct it? [y/N] "),
		                               name, s->path))) {
			free(name);
			continue;
		}
		int r = enter_member(s, p, name, row);
		free(name);
		if (r != SHEET_DONE || after_save(s, p))
			return;
	}
}

/* ---- the council's result ---- */

static void remember_status(struct session *s, const char *id, int final)
{
	size_t i = 0;

	while (i < s->nstatus && strcmp(s->status_ids[i], id) != 0)
		i++;
	if (i == s->nstatus) {
		char **ids = realloc(s->status_ids, (i + 1) * sizeof *ids);
		int *fin = ids ? realloc(s->status_final, (i + 1) * sizeof *fin) : NULL;
		if (ids)
			s->status_ids = ids;
		if (!ids || !fin || !(ids[i] = strdup(id)))
			return;
		s->status_final = fin;
		s->nstatus++;
	}
	s->status_final[i] = final;
}

/* Reads the file back as every command does and prints the product's explanation, as ocop explain
 * prints it; returns its status, or -1. */
int enter_print_result(struct session *s, const struct product *p)
{
	const char *id = p->meta[OCOP_F_PRODUCT_ID];
	struct ocop_diags diags = {0};
	struct ocop_err err = {0};
	struct ocop_batch *b = NULL;
	struct ocop_dossier *d = NULL;
	struct ocop_result res = {0};
	FILE *f = fopen(s->path, "rb");
	int status = -1;

	if (f && ocop_batch_new(&b, s->c->cat, s->c->forced, &diags, &err) == 0 &&
	    ocop_read(b, f, s->path, OCOP_IN_CSV, &err) == 0) {
		ocop_batch_finish(b);
		d = ocop_batch_find(b, id);
	}
	if (f)
		fclose(f);
	if (d) {
		for (size_t i = 0; i < diags.n; i++)
			if (strcmp(diags.v[i].product, id) == 0)
				cli_print_err(&diags.v[i]);
		if (ocop_score_dossier(&res, d, &err) == 0) {
			if (s->printed++)
				putchar('\n');
			if (ocop_write_explain(stdout, d, &res, OCOP_OUT_TABLE, s->lang) < 0 || fflush(stdout) != 0)
				s->failed = EXIT_OUTPUT;
			status = res.status;
			remember_status(s, id, status == OCOP_STATUS_OK);
			ocop_result_free(&res);
		}
	}
	if (status < 0 && !s->failed) {
		if (err.msg[0])
			cli_print_err(&err);
		s->failed = EXIT_INPUT;
	}
	ocop_batch_free(b);
	ocop_diags_free(&diags);
	return status;
}

/* ---- resuming a draft ---- */

static int resume(struct session *s)
{
	struct ocop_err err = {0};
	struct product p = {0};
	struct ocop_sheet *sh = NULL;
	struct resolution *known = NULL;
	size_t len, nknown = 0;
	char *text = enter_read_all(s->jpath, &len), *line, *nl, *f[OCOP_JOURNAL_FIELDS], why[512];
	char *mode = NULL, *member = NULL, *by = NULL;
	long at;
	int n, rc = 0, r;

	if (!text && errno != ENOENT) {
		fprintf(stderr, _("ocop: %s: cannot read: %s\n"), s->jpath, ocop_strerror(errno));
		return EXIT_INPUT;
	}
	if (!text)
		return enter_lock_journal(s);
	if ((at = ocop_journal_pending(text, len)) == -2 && len > 0) {
		fprintf(stderr, _("ocop: %s: not an ocop draft journal (move it away)\n"), s->jpath);
		free(text);
		return EXIT_INPUT;
	}
	if ((rc = enter_lock_journal(s)) != 0) {
		free(text);
		return rc;
	}
	for (line = at >= 0 ? text + at : NULL; line && (nl = strchr(line, '\n')) && !rc; line = nl + 1) {
		*nl = '\0';
		n = ocop_journal_split(line, f);
		if (strcmp(f[0], "begin") == 0 && n >= 5) {
			mode = f[1];
			member = f[3];
			enter_set_meta(&p, OCOP_F_PRODUCT_ID, f[2]);
			p.members = atoi(f[4]);
		} else if (strcmp(f[0], "m") == 0 && n >= 3 && ocop_field_parse(f[1]) >= 0) {
			enter_set_meta(&p, ocop_field_parse(f[1]), f[2]);
		} else if (strcmp(f[0], "by") == 0 && n >= 2) {
			by = f[1];
		} else if (strcmp(f[0], "old") == 0) {
			continue;
		} else {
			if (!sh && (resolve(s, &p, why, sizeof why) < 0 || !p.set ||
			            ocop_sheet_new(&sh, p.regime, p.set, &err) < 0)) {
				fprintf(stderr, _("ocop: %s: the draft's product cannot be scored: %s\n"),
				        s->jpath, why);
				rc = EXIT_INPUT;
				break;
			}
			if (strcmp(f[0], "v") == 0 && n >= 3 && ocop_sheet_find(sh, f[1]) >= 0) {
				ocop_sheet_set(sh, ocop_sheet_find(sh, f[1]), atoi(f[2]));
			} else if (strcmp(f[0], "r") == 0 && n >= 3) {
				struct resolution *k = realloc(known, (nknown + 1) * sizeof *k);
				if (!k)
					break;
				known = k;
				snprintf(known[nknown].key, sizeof known[nknown].key, "%s", f[1]);
				known[nknown++].value = atoi(f[2]);
			} else if (ocop_sheet_replay(sh, f, n, &err) < 0) {
				fprintf(stderr, "ocop: %s: %s\n", s->jpath, err.msg);
				rc = EXIT_INPUT;
			}
		}
	}
	if (!rc && at >= 0 && !sh && resolve(s, &p, why, sizeof why) == 0 && p.set)
		ocop_sheet_new(&sh, p.regime, p.set, &err);
	if (rc || at < 0 || !sh || !mode || !member) {
		if (!rc && at >= 0)
			fprintf(stderr, _("ocop: %s: the pending draft is incomplete; it is ignored\n"),
			        s->jpath);
		goto out;
	}
	int verify = strcmp(mode, "verify") == 0;
	fprintf(s->o, verify ? _("Unsaved draft in %s: second entry, product %s, member %s, %zu/%zu "
	                         "criteria.\n")
	                     : _("Unsaved draft in %s: product %s, member %s, %zu/%zu criteria.\n"),
	        s->jpath, p.meta[OCOP_F_PRODUCT_ID], member,
	        sh->set->nleaves - (size_t)ocop_sheet_unanswered(sh) - (size_t)ocop_sheet_nskipped(sh),
	        sh->set->nleaves);
	for (;;) {
		const char *answer = enter_ask(s, "%s", _("Resume the draft? [Y/n/q] "));
		if (!answer || strcmp(answer, "q") == 0) {
			s->pending = s->quit = 1;   /* the draft stays for the next start */
			goto out;
		}
		if (!*answer || enter_yes(answer))
			break;
		if (strcmp(answer, "n") == 0 || strcmp(answer, "k") == 0 ||
		    strcmp(answer, "K") == 0) {
			enter_journal(s, "discarded", JEND);
			fputs(_("  Draft discarded (it stays in the journal).\n"), s->o);
			goto out;
		}
		fprintf(s->o, _("  \"%s\": answer y (resume), n (discard the draft) or q (quit)\n"), answer);
	}
	if (!verify && enter_row_holds(s, &p, member, sh, NULL)) {
		fputs(_("  This sheet is in the file already.\n"), s->o);
		r = enter_journal(s, "saved", JEND) < 0 ? SHEET_FAILED : SHEET_DONE;
	} else if (verify && enter_row_holds(s, &p, member, sh, by)) {
		r = enter_journal(s, "saved", JEND) < 0 ? SHEET_FAILED : SHEET_DONE;
	} else if (verify) {
		r = enter_sheet(s, &p, member, sh, NULL);
		if (r == SHEET_DONE && by)
			r = enter_resolve_sheet(s, &p, member, sh, by, known, nknown);
		else if (r == SHEET_QUIT)
			s->pending = 1;
		free(s->verifier);
		s->verifier = by ? strdup(by) : NULL;
	} else {
		r = enter_sheet(s, &p, member, sh, _("Save the sheet? [Y/n] "));
		if (r == SHEET_DONE && enter_save_sheet(s, &p, member, sh, NULL) < 0)
			r = SHEET_FAILED;
		if (r == SHEET_QUIT)
			s->pending = 1;
	}
	if (r == SHEET_DONE && !verify && (after_save(s, &p) || !p.members))
		goto out;
	if (r == SHEET_DONE && p.members && !verify)
		members(s, &p);
	else if (r == SHEET_DONE && verify)
		enter_verify_members(s, &p);
out:
	ocop_sheet_free(sh);
	enter_product_free(&p);
	free(known);
	free(text);
	return rc;
}

/* ---- the session ---- */

/* Ctrl-C, a closed terminal, kill: every answer is in the journal already; a save in progress
 * leaves FILE as it was. Says so, then ends by the signal as usual. */
static char interrupted[1024];
static size_t ninterrupted;

static void on_signal(int sig)
{
	enter_forget_temp();
	if (write(STDERR_FILENO, interrupted, ninterrupted) < 0)
		interrupted[0] = '\0';
	signal(sig, SIG_DFL);
	raise(sig);
}

static void catch_signals(const struct session *s)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;
	int n = snprintf(interrupted, sizeof interrupted,
	                 _("\nocop enter: interrupted; the draft is kept in %s; run 'ocop enter %s' "
	                   "again to resume\n"), s->jpath, s->path);

	ninterrupted = n < 0 ? 0 : (size_t)n < sizeof interrupted ? (size_t)n : sizeof interrupted - 1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++)
		sigaction(sigs[i], &sa, NULL);
}

static void products(struct session *s)
{
	while (!s->quit && !s->failed) {
		struct product p = {0};
		const char *line = enter_ask(s, "%s", _("\nProduct id (Enter: finish): "));
		char *id;
		int known;
		if (!line || !*line || strcmp(line, "q") == 0)
			return;
		if (!(id = enter_nfc(line)))
			return;
		known = product_from_file(s, &p, id);
		enter_set_meta(&p, OCOP_F_PRODUCT_ID, id);
		free(id);
		if (s->verify && !known) {
			fprintf(s->o, _("  ✗ %s has no product %s\n"), s->path,
			        p.meta[OCOP_F_PRODUCT_ID]);
		} else if (s->verify) {
			char why[512];
			if (resolve(s, &p, why, sizeof why) < 0 || !p.set)
				fprintf(s->o, "  ✗ %s\n", why);
			else
				enter_verify_members(s, &p);
		} else if (known) {
			size_t have = enter_have_sheets(s, &p);
			fprintf(s->o,
			        P_("  %s has %zu sheet in %s.\n", "  %s has %zu sheets in %s.\n", have),
			        p.meta[OCOP_F_PRODUCT_ID], have, s->path);
		}
		if (!s->verify && ask_product(s, &p, known) == 0 &&
		    ask_members(s, &p, enter_have_sheets(s, &p)) == 0)
			members(s, &p);
		enter_product_free(&p);
	}
}

int cmd_enter(int argc, char **argv)
{
	struct cli c;
	struct session s = {.c = &c, .o = stderr, .jfd = -1, .last_section = -1};
	int rc = cli_options(&c, "enter", "members,verify", argc, argv);

	if (rc)
		return rc > 0 ? EXIT_FINAL : EXIT_USAGE;
	if (c.nargs != 1 || (c.input_format && c.input_format != OCOP_IN_CSV) ||
	    ocop_input_format_of(c.args[0]) == OCOP_IN_JSON ||
	    ocop_input_format_of(c.args[0]) == OCOP_IN_NDJSON || strcmp(c.args[0], "-") == 0) {
		fputs(c.nargs != 1 ? _("ocop enter: expected one FILE (a wide-CSV file, created if absent)\n"
		                       "Try 'ocop enter --help'.\n")
		                   : _("ocop enter: FILE must be a wide-CSV file (created if absent)\n"
		                       "Try 'ocop enter --help'.\n"), stderr);
		cli_free(&c);
		return EXIT_USAGE;
	}
	s.path = c.args[0];
	s.lang = c.lang;
	s.verify = c.verify;
	if (!(s.jpath = malloc(strlen(s.path) + sizeof ".ocop-draft"))) {
		cli_free(&c);
		return EXIT_OUTPUT;
	}
	sprintf(s.jpath, "%s.ocop-draft", s.path);
	setlocale(LC_CTYPE, "");    /* libedit reads UTF-8 as characters; numbers stay in C */
	catch_signals(&s);
	/* Whole lines: a terminal (or a test watching it) never sees half a line but the prompt. */
	setvbuf(stderr, NULL, _IOLBF, BUFSIZ);
	rc = cli_load(&c, NULL, -1);
	if (rc == 0)
		rc = enter_load_file(&s);
	if (rc == 0 && s.verify && !s.t) {
		fprintf(stderr, _("ocop enter --verify: %s: no such file (sheets are verified after they "
		                  "are entered)\n"), s.path);
		rc = EXIT_USAGE;
	}
	if (rc == 0 && !(s.in = lined_open(stdin, stderr)))
		rc = EXIT_OUTPUT;
	if (rc == 0)
		rc = resume(&s);
	if (rc == 0)
		products(&s);
	if (rc == 0) {
		for (size_t i = 0; i < s.nstatus; i++)
			s.not_final += !s.status_final[i];
		rc = s.failed ? s.failed : s.pending || s.not_final ? EXIT_RESULTS : EXIT_FINAL;
		if (s.pending && !s.failed)
			fprintf(stderr, _("ocop enter: the draft is kept in %s; run 'ocop enter %s' again to "
			                  "resume\n"), s.jpath, s.path);
	}
	if (s.jfd >= 0)
		close(s.jfd);
	lined_close(s.in);
	ocop_table_free(s.t);
	for (size_t i = 0; i < s.nstatus; i++)
		free(s.status_ids[i]);
	free(s.status_ids);
	free(s.status_final);
	free(s.verifier);
	free(s.jpath);
	cli_free(&c);
	return rc;
}
