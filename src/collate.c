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

struct key {
	int *primary, *tone;
	size_t n;
};

/* Decomposes and case-folds s, then ranks each base character and its tone. */
static int make_key(struct key *k, const char *s)
{
	utf8proc_int32_t *cp = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, (utf8proc_uint8_t **)&cp,
	                                  UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD);
	utf8proc_int32_t *u;
	size_t m = 0;

	memset(k, 0, sizeof *k);
	if (n < 0)
		return -1;
	/* utf8proc_map returns UTF-8; decode it again into code points. */
	u = malloc(((size_t)n + 1) * sizeof *u);
	k->primary = malloc(((size_t)n + 1) * sizeof *k->primary);
	k->tone = malloc(((size_t)n + 1) * sizeof *k->tone);
	if (!u || !k->primary || !k->tone) {
		free(u);
		free(cp);
		return -1;
	}
	for (utf8proc_ssize_t off = 0; off < n;) {
		utf8proc_ssize_t len = utf8proc_iterate((utf8proc_uint8_t *)cp + off, n - off, &u[m]);
		if (len <= 0)
			break;
		off += len;
		m++;
	}
	free(cp);
	for (size_t i = 0; i < m; i++) {
		utf8proc_int32_t base = u[i], vowel = 0;
		int tone = 0, r;
		for (; i + 1 < m && utf8proc_charwidth(u[i + 1]) == 0 && u[i + 1] >= 0x300; i++) {
			if (tone_rank(u[i + 1]))
				tone = tone_rank(u[i + 1]);
			else
				vowel = u[i + 1];
		}
		r = letter_rank(base, vowel);
		k->primary[k->n] = r ? 1000 + r : (int)base + (base > 0x7F ? 2000 : 0);
		k->tone[k->n++] = tone;
	}
	free(u);
	return 0;
}

static int cmp_ints(const int *a, size_t na, const int *b, size_t nb)
{
	for (size_t i = 0; i < na && i < nb; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return na < nb ? -1 : na > nb;
}

int ocop_text_collate(const char *a, const char *b)
{
	struct key ka, kb;
	int c;

	if (make_key(&ka, a) < 0 || make_key(&kb, b) < 0) {
		free(ka.primary);
		free(ka.tone);
		return strcmp(a, b);
	}
	c = cmp_ints(ka.primary, ka.n, kb.primary, kb.n);
	if (!c)
		c = cmp_ints(ka.tone, ka.n, kb.tone, kb.n);
	if (!c)
		c = strcmp(a, b);
	free(ka.primary);
	free(ka.tone);
	free(kb.primary);
	free(kb.tone);
	return c < 0 ? -1 : c > 0;
}
