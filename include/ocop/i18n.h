/* ocop/i18n.h — the two languages every message exists in.
 *
 * Messages are written in English in the sources and marked for extraction (`_()`, `N_()`,
 * `P_()`, `C_()`; the format arguments of ocop_err_set and ocop_diag_add are extracted too).
 * xgettext collects them into data/po/ocop.pot, translators keep data/po/vi.po, and msgfmt compiles
 * it into the catalog built into the library, so ocop speaks both languages from any directory.
 * The language is a setting of the process, chosen once by the program (ocop_lang_choose). */
#ifndef OCOP_I18N_H
#define OCOP_I18N_H

enum ocop_lang { OCOP_LANG_VI, OCOP_LANG_EN };

/* The language of messages, tables and explanations; Vietnamese until set. */
void ocop_lang_set(enum ocop_lang lang);
enum ocop_lang ocop_lang_get(void);

/* "vi" or "en" (also "vi_VN.UTF-8", "en_US", "vi-VN"): the language; -1 for anything else. */
int ocop_lang_parse(const char *name);

/* The language the environment asks for: OCOP_LANG, else the first of LC_ALL, LC_MESSAGES,
 * LANG that is set and not empty, when it names vi or en; else Vietnamese. */
enum ocop_lang ocop_lang_from_env(void);

/* The translation of msgid (English) in the current language, or in `lang`. A message missing
 * from the catalog comes back as itself, and is reported to the hook below. */
const char *ocop_gettext(const char *msgid);
const char *ocop_lgettext(enum ocop_lang lang, const char *msgid);
/* The singular or plural form for n (English: n == 1 takes `one`). */
const char *ocop_ngettext(const char *one, const char *many, unsigned long n);
const char *ocop_lngettext(enum ocop_lang lang, const char *one, const char *many, unsigned long n);
/* msgid in a context that tells apart two uses of the same English words. */
const char *ocop_pgettext(const char *ctx, const char *msgid);

/* The C library's text for errno value errnum, in the current language: the usual causes
 * (ENOENT, EACCES, EISDIR, ENOSPC, …) from the catalog, any other from strerror(). */
const char *ocop_strerror(int errnum);

/* Called with every msgid the Vietnamese catalog lacks (tests: OCOP_I18N_CHECK). */
void ocop_i18n_on_missing(void (*hook)(const char *msgid));

#define _(s) ocop_gettext(s)
#define N_(s) (s)
#define P_(one, many, n) ocop_ngettext(one, many, n)
#define C_(ctx, s) ocop_pgettext(ctx, s)

#endif
