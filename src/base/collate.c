/* Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, with
 * letters compared before tones (a à ả ã á ạ), case ignored until the last tie-break. */
#include "ocop/text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>


/* Rank of a lowercase letter with its vowel mark (breve, circumflex, horn), or 0. */
static int letter_rank(utf8proc_int32_t base, utf8proc_int32_t mark)
{
	static const utf8proc_int32_t letters[] = {'a', 0x103, 0xE2, 'b', 'c', 'd', 0x111, 'e',
	                                           0xEA, 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm',
	                                           'n', 'o', 0xF4, 0x1A1, 'p', 'q', 'r', 's', 't',
	                                           'u', 0x1B0, 'v', 'w', 'x', 'y', 'z'};
	utf8proc_int32_t c = base;

	/* a-z: their places among the letters (ă â after a, đ after d, ê after e, ô ơ after o, ư
	 * after u) without searching; other ASCII is no letter. */
	if (mark == 0 && base < 0x80) {
		if (base < 'a' || base > 'z')
			return 0;
		return (int)(base - 'a') + 1 + (base > 'a') * 2 + (base > 'd') + (base > 'e') +
		       (base > 'o') * 2 + (base > 'u');
	}
	if (mark == 0x306 && base == 'a')
		c = 0x103;
	else if (mark == 0x302 && (base == 'a' || base == 'e' || base == 'o'))
		c = base == 'a' ? 0xE2 : base == 'e' ? 0xEA : 0xF4;
	else if (mark == 0x31B && (base == 'o' || base == 'u'))
		c = base == 'o' ? 0x1A1 : 0x1B0;
	for (size_t i = 0; i < sizeof letters / sizeof *letters; i++)
		if (letters[i] == c)
			return (int)i + 1;
	return 0;
}

static int tone_rank(utf8proc_int32_t mark)
{
	switch (mark) {
	case 0x300: return 1; /* huyền */
	case 0x309: return 2; /* hỏi */
	case 0x303: return 3; /* ngã */
	case 0x301: return 4; /* sắc */
	case 0x323: return 5; /* nặng */
	default: return 0;
	}
}

/* The key: each character's primary rank (3 bytes, big-endian, never 0), three zero bytes, each
 * character's tone (1 byte, tone + 1), a zero byte, then the text itself. Compared bytewise with
 * the shorter first on a tie, it orders by letters, then tones, then the bytes (strcmp), as
 * ocop_text_collate always has: the zero bytes end a shorter sequence before any character of a
 * longer one. */
static size_t put_key(char *out, size_t cap, const utf8proc_int32_t *u, size_t m, const char *s)
{
	unsigned char *o = (unsigned char *)out, *tones;
	size_t n = 0, len = strlen(s);

	if (4 * m + 4 + len > cap)     /* (m code points make at most m characters) */
		return 4 * m + 4 + len;

	for (size_t i = 0; i < m; i++) {
		utf8proc_int32_t base = u[i], vowel = 0;
		int r;
		for (; i + 1 < m && u[i + 1] >= 0x300 && utf8proc_charwidth(u[i + 1]) == 0; i++)
			if (!tone_rank(u[i + 1]))
				vowel = u[i + 1];
		r = letter_rank(base, vowel);
		unsigned long v = r ? 1000UL + (unsigned long)r
		                    : (unsigned long)base + (base > 0x7F ? 2000UL : 0);
		o[3 * n] = (unsigned char)(v >> 16);
		o[3 * n + 1] = (unsigned char)(v >> 8);
		o[3 * n + 2] = (unsigned char)v;
		n++;
	}
	memset(o + 3 * n, 0, 3);
	tones = o + 3 * n + 3;
	n = 0;
	for (size_t i = 0; i < m; i++) {
		int tone = 0;
		for (; i + 1 < m && u[i + 1] >= 0x300 && utf8proc_charwidth(u[i + 1]) == 0; i++)
			if (tone_rank(u[i + 1]))
				tone = tone_rank(u[i + 1]);
		tones[n++] = (unsigned char)(tone + 1);
	}
	tones[n] = 0;
	memcpy(tones + n + 1, s, len);
	return (size_t)(tones + n + 1 + len - o);
}

size_t ocop_text_collate_key(char *out, size_t cap, const char *s)
{
	utf8proc_int32_t small[256], *u = small;
	utf8proc_ssize_t n;
	size_t len = strlen(s), i, k;
	const int opt = UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD;

	/* ASCII (product ids, codes): decomposition is nothing and case folding is tolower. */
	for (i = 0; i < len && i < 256 && (unsigned char)s[i] < 0x80; i++)
		small[i] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] + ('a' - 'A') : s[i];
	if (i == len)
		return put_key(out, cap, small, len, s);
	n = utf8proc_decompose((const utf8proc_uint8_t *)s, 0, small, 256, opt);
	if (n > 256 && (u = malloc((size_t)n * sizeof *u)))
		n = utf8proc_decompose((const utf8proc_uint8_t *)s, 0, u, n, opt);
	if (n < 0 || (n > 256 && u == small)) {
		/* not UTF-8 (the readers let none through): after every key, by its bytes */
		k = len + 7;
		if (k <= cap) {
			memset(out, 0xFF, 3);
			memset(out + 3, 0, 4);
			memcpy(out + 7, s, len);
		}
	} else {
		k = put_key(out, cap, u, (size_t)n, s);
	}
	if (u != small)
		free(u);
	return k;
}

int ocop_text_key_cmp(const char *a, size_t na, const char *b, size_t nb)
{
	int c = memcmp(a, b, na < nb ? na : nb);

	if (c)
		return c < 0 ? -1 : 1;
	return na < nb ? -1 : na > nb;
}

/* An ASCII byte's primary rank in a key (put_key's): a letter of either case 1000 + its place,
 * another byte itself. */
static unsigned long ascii_primary(unsigned char c)
{
	int r;

	if (c >= 'A' && c <= 'Z')
		c = (unsigned char)(c + ('a' - 'A'));
	r = letter_rank(c, 0);
	return r ? 1000UL + (unsigned long)r : c;
}

/* The order of the keys of two ASCII strings without making them (ids, codes): primary ranks,
 * shorter first, then the bytes (their tones are all equal); 2 when either is not ASCII. */
static int ascii_collate(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	int c = 0;

	for (; *p && *q; p++, q++) {
		if ((*p | *q) & 0x80)
			return 2;
		if (!c && ascii_primary(*p) != ascii_primary(*q))
			c = ascii_primary(*p) < ascii_primary(*q) ? -1 : 1;
	}
	if (!c && (*p || *q))
		c = *p ? 1 : -1;
	for (; *p; p++)
		if (*p & 0x80)
			return 2;
	for (; *q; q++)
		if (*q & 0x80)
			return 2;
	if (c)
		return c;
	c = strcmp(a, b);
	return c < 0 ? -1 : c > 0;
}

/* s's key in buf (size bytes) or, when longer, in *owned (malloc'ed); its length, or 0 when out
 * of memory. */
static size_t key_of(const char *s, char *buf, size_t size, char **owned)
{
	size_t n = ocop_text_collate_key(buf, size, s);

	*owned = NULL;
	if (n <= size)
		return n;
	if (!(*owned = malloc(n)))
		return 0;
	return ocop_text_collate_key(*owned, n, s);
}

int ocop_text_collate(const char *a, const char *b)
{
	char ka[512], kb[512], *oa, *ob;
	size_t na, nb;
	int c = ascii_collate(a, b);

	if (c != 2)
		return c;
	na = key_of(a, ka, sizeof ka, &oa);
	nb = key_of(b, kb, sizeof kb, &ob);
	c = na && nb ? ocop_text_key_cmp(oa ? oa : ka, na, ob ? ob : kb, nb) : strcmp(a, b);
	free(oa);
	free(ob);
	return c < 0 ? -1 : c > 0;
}
