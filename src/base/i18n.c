/* i18n.c — message lookup in the Vietnamese catalog built into the library.
 *
 * The catalog is data/po/vi.po compiled by msgfmt (the GNU .mo format): a header, then a table of
 * the original strings sorted by strcmp and a table of their translations, each entry a 32-bit
 * length and offset. It is checked once, on first use; a lookup is a binary search. */
#include "ocop/i18n.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

extern const unsigned char ocop_catalog_vi[];
extern const unsigned long ocop_catalog_vi_len;

static enum ocop_lang current = OCOP_LANG_VI;
static void (*missing)(const char *);

static struct {
	int checked, ok, swap;
	uint32_t n, orig, trans;
} mo;

void ocop_lang_set(enum ocop_lang lang) { current = lang; }
enum ocop_lang ocop_lang_get(void) { return current; }
void ocop_i18n_on_missing(void (*hook)(const char *)) { missing = hook; }

int ocop_lang_parse(const char *name)
{
	if (!name)
		return -1;
	if (strncmp(name, "vi", 2) == 0 && (!name[2] || strchr("_-.@", name[2])))
		return OCOP_LANG_VI;
	if (strncmp(name, "en", 2) == 0 && (!name[2] || strchr("_-.@", name[2])))
		return OCOP_LANG_EN;
	return -1;
}

enum ocop_lang ocop_lang_from_env(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	const char *v = getenv("OCOP_LANG");
	int l;

	if (v && *v && (l = ocop_lang_parse(v)) >= 0)
		return (enum ocop_lang)l;
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		v = getenv(vars[i]);
		if (v && *v)
			return (l = ocop_lang_parse(v)) >= 0 ? (enum ocop_lang)l : OCOP_LANG_VI;
	}
	return OCOP_LANG_VI;
}

static uint32_t u32(unsigned long off)
{
	const unsigned char *p = ocop_catalog_vi + off;

	if (mo.swap)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* The i-th string of the table at `table`, or NULL when it lies outside the catalog. */
static const char *entry(uint32_t table, uint32_t i, uint32_t *len)
{
	unsigned long at = (unsigned long)table + 8ul * i;
	uint32_t n, off;

	if (at + 8 > ocop_catalog_vi_len)
		return NULL;
	n = u32(at);
	off = u32(at + 4);
	if ((unsigned long)off + n + 1 > ocop_catalog_vi_len || ocop_catalog_vi[off + n] != '\0')
		return NULL;
	if (len)
		*len = n;
	return (const char *)ocop_catalog_vi + off;
}

/* Reads the header and proves every entry in bounds and the originals sorted. */
static void check(void)
{
	const char *prev = NULL, *s;

	mo.checked = 1;
	if (ocop_catalog_vi_len < 20)
		return;
	mo.swap = ocop_catalog_vi[0] == 0x95; /* 0x950412de stored big-endian */
	if (u32(0) != 0x950412deu)
		return;
	mo.n = u32(8);
	mo.orig = u32(12);
	mo.trans = u32(16);
	for (uint32_t i = 0; i < mo.n; i++) {
		if (!(s = entry(mo.orig, i, NULL)) || !entry(mo.trans, i, NULL))
			return;
		if (prev && strcmp(prev, s) >= 0)
			return;
		prev = s;
	}
	mo.ok = 1;
}

/* The entries found last, by the key's address: a message is usually a literal, looked up again
 * for every product. An entry is used only while its key still reads as the catalog's original
 * there (a key in a buffer that now holds other text is looked up anew). */
static struct {
	const char *key, *orig, *trans;
	uint32_t len;
} seen[512];

/* The translation of key (all its plural forms, NUL-separated, and their total length), or NULL. */
static const char *find(const char *key, uint32_t *len)
{
	uint32_t lo = 0, hi;
	size_t h = ((uintptr_t)key >> 3 ^ (uintptr_t)key >> 12) & (sizeof seen / sizeof *seen - 1);

	if (!mo.checked)
		check();
	if (!mo.ok)
		return NULL;
	if (seen[h].key == key && strcmp(key, seen[h].orig) == 0) {
		if (len)
			*len = seen[h].len;
		return seen[h].trans;
	}
	hi = mo.n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = strcmp(key, entry(mo.orig, mid, NULL));

		if (c == 0) {
			uint32_t n = 0;
			const char *t = entry(mo.trans, mid, &n);
			if (t) {
				seen[h].key = key;
				seen[h].orig = entry(mo.orig, mid, NULL);
				seen[h].trans = t;
				seen[h].len = n;
			}
			if (len)
				*len = n;
			return t;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static const char *lookup(enum ocop_lang lang, const char *key, const char *fallback)
{
	const char *t;
	uint32_t len;

	if (lang == OCOP_LANG_EN || !key || !*key)
		return fallback;
	if ((t = find(key, &len)) && *t)
		return t;
	if (missing)
		missing(key);
	return fallback;
}

const char *ocop_lgettext(enum ocop_lang lang, const char *msgid)
{
	return lookup(lang, msgid, msgid);
}

const char *ocop_gettext(const char *msgid)
{
	return lookup(current, msgid, msgid);
}

/* Vietnamese has one form (the catalog's header says nplurals=1, which the tests hold it to). */
const char *ocop_lngettext(enum ocop_lang lang, const char *one, const char *many, unsigned long n)
{
	return lookup(lang, one, n == 1 ? one : many);
}

const char *ocop_ngettext(const char *one, const char *many, unsigned long n)
{
	return ocop_lngettext(current, one, many, n);
}

const char *ocop_pgettext(const char *ctx, const char *msgid)
{
	char key[512];
	size_t a = strlen(ctx), b = strlen(msgid);
	const char *t;

	if (current == OCOP_LANG_EN || a + b + 2 > sizeof key)
		return msgid;
	memcpy(key, ctx, a);
	key[a] = '\004';
	memcpy(key + a + 1, msgid, b + 1);
	if ((t = find(key, NULL)) && *t)
		return t;
	if (missing)
		missing(msgid);
	return msgid;
}
