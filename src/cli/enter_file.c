/* ocop enter: the file and the journal — reading FILE, writing it whole and atomically, the
 * journal's lines, the lock that keeps one session per file; and the small helpers of the dialog.
 *
 * FILE is rewritten whole for each saved sheet (a temporary file in its folder, fsync, rename,
 * fsync of the folder), so it is always either the old or the new file. FILE.ocop-draft is the
 * journal (ocop/entry.h): every move is appended and synced before the next question. */
#include "enter.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ocop/read.h"
#include "ocop/text.h"

/* The columns of a new file, before the criteria of its first set. */
static const char *const new_header[] = {"product_id", "set", "member", "product_name",
                                         "producer", "level", "evaluated_on"};

/* ---- input and journal ---- */

const char *enter_ask(struct session *s, const char *fmt, ...)
{
	char prompt[512];
	const char *line;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(prompt, sizeof prompt, fmt, ap);
	va_end(ap);
	fflush(stdout);
	line = lined_get(s->in, prompt);
	if (!line)
		s->quit = 1;
	return line;
}

static int open_journal(struct session *s)
{
	struct stat st;

	if (s->jfd >= 0)
		return 0;
	s->jfd = open(s->jpath, O_WRONLY | O_APPEND | O_CREAT, 0666);
	if (s->jfd < 0 || fstat(s->jfd, &st) != 0)
		return -1;
	if (st.st_size == 0) {
		const char *magic = OCOP_JOURNAL_MAGIC "\n";
		if (write(s->jfd, magic, strlen(magic)) != (ssize_t)strlen(magic))
			return -1;
	}
	return 0;
}

int enter_journal(struct session *s, ...)
{
	char line[8192] = "";
	size_t len = 0;
	const char *f;
	va_list ap;
	int n = 0;

	if (s->failed)
		return -1;
	va_start(ap, s);
	while ((f = va_arg(ap, const char *)) != NULL && len + 2 < sizeof line) {
		if (n++)
			line[len++] = '\t';
		line[len] = '\0';
		len = ocop_journal_escape(line, sizeof line - 1, f);
		if (len >= sizeof line - 2)
			len = sizeof line - 2;
	}
	va_end(ap);
	line[len++] = '\n';
	if (open_journal(s) < 0 || write(s->jfd, line, len) != (ssize_t)len || fdatasync(s->jfd) != 0) {
		fprintf(stderr, _("ocop: %s: cannot write the draft journal: %s\n"), s->jpath,
		        ocop_strerror(errno));
		s->failed = EXIT_OUTPUT;
		return -1;
	}
	return 0;
}

char *enter_read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, k;

	if (!f)
		return NULL;
	do {
		if (n + 1 >= cap) {
			char *nb = realloc(buf, cap = cap ? cap * 2 : 65536);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		k = fread(buf + n, 1, cap - n - 1, f);
		n += k;
	} while (k > 0);
	if (ferror(f)) {
		free(buf);
		buf = NULL;
	} else {
		buf[n] = '\0';
	}
	fclose(f);
	*len = n;
	return buf;
}

/* ---- the file ---- */

/* Replaces path with buf: a temporary file in the same folder, written, synced, renamed over it;
 * then the folder is synced, so the rename itself survives a power cut. */
/* The temporary file being written, for the signal handler to remove (see enter_forget_temp). */
static char temp_path[4096];
static volatile sig_atomic_t temp_live;

void enter_forget_temp(void)
{
	if (temp_live)
		unlink(temp_path);
	temp_live = 0;
}

static int atomic_write(const char *path, const char *buf, size_t len)
{
	char *copy = strdup(path), *dir = copy ? dirname(copy) : NULL, *tmp = NULL;
	struct stat st;
	mode_t mode, mask = umask(0);
	int fd = -1, e = 0, dfd;

	umask(mask);
	mode = stat(path, &st) == 0 ? st.st_mode & 07777 : 0666 & ~mask;
	if (!dir || !(tmp = malloc(strlen(dir) + 32))) {
		e = ENOMEM;
		goto out;
	}
	sprintf(tmp, "%s/.ocop-enter.XXXXXX", dir);
	if ((fd = mkstemp(tmp)) < 0) {
		e = errno;
		goto out;
	}
	snprintf(temp_path, sizeof temp_path, "%s", tmp);
	temp_live = strlen(tmp) < sizeof temp_path;
	for (size_t at = 0; at < len && !e;) {
		ssize_t w = write(fd, buf + at, len - at);
		if (w < 0 && errno != EINTR)
			e = errno;
		else if (w > 0)
			at += (size_t)w;
	}
	if (!e && (fchmod(fd, mode) != 0 || fsync(fd) != 0))
		e = errno;
	if (close(fd) != 0 && !e)
		e = errno;
	fd = -1;
	if (!e && rename(tmp, path) != 0)
		e = errno;
	temp_live = 0;
	if (e)
		unlink(tmp);
	else if ((dfd = open(dir, O_RDONLY)) >= 0) {
		fsync(dfd);
		close(dfd);
	}
out:
	free(tmp);
	free(copy);
	errno = e;
	return e ? -1 : 0;
}

/* Reads FILE into s->t (replacing what was there); 0, or an exit code after a message. */
int enter_load_file(struct session *s)
{
	struct ocop_err err = {0};
	struct ocop_batch *b = NULL;
	struct ocop_diags diags = {0};
	struct stat st;
	size_t len;
	char *text;
	FILE *f;
	int rc;

	if (stat(s->path, &st) != 0) {
		if (errno == ENOENT)
			return 0;   /* created with the first sheet saved */
		fprintf(stderr, "ocop: %s: %s\n", s->path, ocop_strerror(errno));
		return EXIT_INPUT;
	}
	if (S_ISDIR(st.st_mode)) {
		fprintf(stderr, _("ocop: %s: is a directory (expected a wide-CSV file)\n"), s->path);
		return EXIT_INPUT;
	}
	/* The file must read as ocop reads it; problems inside sheets are for validate to list. */
	if (!(f = fopen(s->path, "rb")) ||
	    ocop_batch_new(&b, s->c->cat, s->c->forced, &diags, &err) < 0 ||
	    ocop_read(b, f, s->path, OCOP_IN_CSV, &err) < 0) {
		if (!f)
			fprintf(stderr, _("ocop: %s: cannot open: %s\n"), s->path,
			        ocop_strerror(errno));
		else
			cli_print_err(&err);
		if (f)
			fclose(f);
		ocop_batch_free(b);
		ocop_diags_free(&diags);
		return EXIT_INPUT;
	}
	fclose(f);
	ocop_batch_free(b);
	ocop_diags_free(&diags);
	if (!(text = enter_read_all(s->path, &len))) {
		fprintf(stderr, _("ocop: %s: cannot read: %s\n"), s->path, ocop_strerror(errno));
		return EXIT_INPUT;
	}
	ocop_table_free(s->t);
	s->t = NULL;
	rc = ocop_table_parse(&s->t, text, len, s->path, &err);
	free(text);
	if (rc < 0) {
		cli_print_err(&err);
		return EXIT_INPUT;
	}
	if (ocop_table_col(s->t, "criterion") >= 0) {
		fprintf(stderr, _("ocop enter: %s: a long-format file (criterion, points); enter writes "
		                  "the wide format, one row per sheet\n"), s->path);
		return EXIT_INPUT;
	}
	return 0;
}

/* A leaf's cell as the file holds it. */
static const char *cell_text(const struct ocop_sheet *sh, size_t leaf, char *buf, size_t size)
{
	int item = ocop_sheet_find(sh, ocop_set_leaf(sh->set, leaf)->id);
	int v = ocop_sheet_value(sh, item);

	if (v < 0)
		return "";
	snprintf(buf, size, "%d", v);
	return buf;
}

/* Writes a sheet into the table (replacing the member's row, or after the product's last row)
 * and the table to the file. */
int enter_save_sheet(struct session *s, const struct product *p, const char *member,
                      const struct ocop_sheet *sh, const char *verified_by)
{
	struct ocop_err err = {0};
	const char *id = p->meta[OCOP_F_PRODUCT_ID];
	char num[16], *csv;
	long r;
	size_t len;
	int ok = 1, rc;

	/* The file as it is now, in case it was edited since this session read it. */
	if ((rc = enter_load_file(s)) != 0) {
		fprintf(stderr, _("ocop: %s: the sheet is kept in %s\n"), s->path, s->jpath);
		s->failed = rc;
		return -1;
	}
	if (!s->t && ocop_table_new(&s->t, new_header, sizeof new_header / sizeof *new_header,
	                            &err) < 0)
		goto nomem;
	for (size_t l = 0; l < sh->set->nleaves; l++)
		ok &= ocop_table_add_col(s->t, ocop_set_leaf(sh->set, l)->id) >= 0;
	if ((r = ocop_table_find(s->t, id, member)) < 0) {
		long last = ocop_table_last_of(s->t, id);
		r = last >= 0 ? last + 1 : (long)s->t->nrows;
		ok &= ocop_table_insert(s->t, (size_t)r) == 0;
	}
	if (!ok)
		goto nomem;
	/* The product's columns, on each of its rows, so that they agree. */
	for (size_t row = 0; row < s->t->nrows; row++) {
		if ((long)row != r && strcmp(ocop_table_get(s->t, row, "product_id"), id) != 0)
			continue;
		for (int f = 0; f < OCOP_NFIELDS; f++)
			if (!ocop_field_per_sheet(f))
				ok &= ocop_table_set(s->t, row, ocop_field_name(f), p->meta[f] ? p->meta[f] : "") == 0;
	}
	ok &= ocop_table_set(s->t, (size_t)r, "member", member) == 0;
	ok &= ocop_table_set(s->t, (size_t)r, "verified_by", verified_by ? verified_by : "") == 0;
	for (size_t l = 0; l < sh->set->nleaves; l++)
		ok &= ocop_table_set(s->t, (size_t)r, ocop_set_leaf(sh->set, l)->id,
		                     cell_text(sh, l, num, sizeof num)) == 0;
	if (!ok || !(csv = ocop_table_csv(s->t, &len)))
		goto nomem;
	if (atomic_write(s->path, csv, len) < 0) {
		fprintf(stderr, _("ocop: %s: cannot write: %s (the sheet is kept in %s)\n"), s->path,
		        ocop_strerror(errno), s->jpath);
		free(csv);
		s->failed = EXIT_OUTPUT;
		return -1;
	}
	free(csv);
	return enter_journal(s, "saved", JEND);
nomem:
	fputs(_("ocop: out of memory\n"), stderr);
	s->failed = EXIT_OUTPUT;
	return -1;
}

/* 1 when the member's row in the file holds exactly this sheet (saved before a crash that came
 * before the journal said so). */
int enter_row_holds(const struct session *s, const struct product *p, const char *member,
                     const struct ocop_sheet *sh, const char *verified_by)
{
	long r = s->t ? ocop_table_find(s->t, p->meta[OCOP_F_PRODUCT_ID], member) : -1;
	char num[16];

	if (r < 0 || ocop_sheet_unanswered(sh) ||
	    strcmp(ocop_table_get(s->t, (size_t)r, "verified_by"), verified_by ? verified_by : "") != 0)
		return 0;
	for (size_t l = 0; l < sh->set->nleaves; l++)
		if (strcmp(ocop_table_get(s->t, (size_t)r, ocop_set_leaf(sh->set, l)->id),
		           cell_text(sh, l, num, sizeof num)) != 0)
			return 0;
	return 1;
}

/* One session per file: the journal is opened (created if absent) and locked for the session. */
int enter_lock_journal(struct session *s)
{
	if (open_journal(s) < 0) {
		fprintf(stderr, _("ocop: %s: cannot write the draft journal: %s\n"), s->jpath,
		        ocop_strerror(errno));
		return EXIT_OUTPUT;
	}
	if (flock(s->jfd, LOCK_EX | LOCK_NB) != 0) {
		fprintf(stderr, _("ocop enter: %s: another ocop enter is entering sheets into %s (its "
		                  "journal is locked)\n"), s->jpath, s->path);
		return EXIT_INPUT;
	}
	return 0;
}

/* ---- helpers of the dialog ---- */

char *enter_nfc(const char *s)
{
	return ocop_text_is_nfc(s) ? strdup(s) : ocop_text_nfc(s);
}

int enter_yes(const char *line)
{
	return line && (strcmp(line, "y") == 0 || strcmp(line, "Y") == 0 || strcmp(line, "c") == 0 ||
	                strcmp(line, "C") == 0 || strcmp(line, "có") == 0 || strcmp(line, "Có") == 0);
}

void enter_product_free(struct product *p)
{
	for (int f = 0; f < OCOP_NFIELDS; f++)
		free(p->meta[f]);
	memset(p, 0, sizeof *p);
}

void enter_set_meta(struct product *p, int f, const char *v)
{
	free(p->meta[f]);
	p->meta[f] = v && *v ? strdup(v) : NULL;
}

size_t enter_have_sheets(const struct session *s, const struct product *p)
{
	return s->t ? ocop_table_count(s->t, p->meta[OCOP_F_PRODUCT_ID]) : 0;
}

/* Starts a draft in the journal: who, which product, its columns, the row replaced. */
struct ocop_sheet *enter_new_sheet(struct session *s, const struct product *p)
{
	struct ocop_err err = {0};
	struct ocop_sheet *sh;

	if (ocop_sheet_new(&sh, p->regime, p->set, &err) < 0) {
		cli_print_err(&err);
		s->failed = EXIT_OUTPUT;
		return NULL;
	}
	return sh;
}

int enter_begin_draft(struct session *s, const struct product *p, const char *mode,
                       const char *member, long row, const char *by)
{
	char n[16];

	snprintf(n, sizeof n, "%d", p->members);
	if (enter_journal(s, "begin", mode, p->meta[OCOP_F_PRODUCT_ID], member, n, JEND) < 0)
		return -1;
	for (int f = 0; f < OCOP_NFIELDS; f++)
		if (!ocop_field_per_sheet(f) && f != OCOP_F_PRODUCT_ID && p->meta[f] &&
		    enter_journal(s, "m", ocop_field_name(f), p->meta[f], JEND) < 0)
			return -1;
	if (row >= 0) {
		char *old = ocop_table_row_csv(s->t, (size_t)row);
		int rc = old ? enter_journal(s, "old", old, JEND) : -1;
		free(old);
		if (rc < 0)
			return -1;
	}
	return by ? enter_journal(s, "by", by, JEND) : 0;
}

/* Fills a sheet from the member's row of the file; with `journal`, each value goes to the journal
 * too, so that the draft replays from it. */
void enter_prefill(struct session *s, struct ocop_sheet *sh, long row, int journal)
{
	const struct ocop_set *set = sh->set;
	char key[16], num[16];

	for (size_t g = 0; g < set->nalternatives; g++) {
		int chosen = 0, given = 0;
		for (size_t l = 0; l < set->nleaves; l++) {
			const char *v = ocop_table_get(s->t, (size_t)row, ocop_set_leaf(set, l)->id);
			int k = set->alternatives[g].case_of_leaf[l];
			if (k && *v && !given)
				given = k;
			if (k && atoi(v) > 0 && !chosen)
				chosen = k;
		}
		sh->kase[g] = chosen ? chosen : given;
	}
	for (int i = 0; i < sh->nitems; i++) {
		const struct ocop_item *it = &sh->items[i];
		int v;
		if (it->leaf < 0) {
			v = sh->kase[it->alt];
		} else {
			const char *t = ocop_table_get(s->t, (size_t)row, ocop_set_leaf(set, (size_t)it->leaf)->id);
			char *end;
			long x = strtol(t, &end, 10);
			v = *t && !*end && x >= 0 && x < 100 &&
			            ocop_set_valid_points(set, (size_t)it->leaf, (int)x) && ocop_sheet_applies(sh, i)
			        ? (int)x : -1;
		}
		if (v < 0)
			continue;
		ocop_sheet_set(sh, i, v);
		snprintf(num, sizeof num, "%d", v);
		if (journal)
			enter_journal(s, "v", ocop_sheet_key(sh, i, key, sizeof key), num, JEND);
	}
}
