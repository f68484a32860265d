#include "markhead.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NHEADS 512              /* a power of two */
#define HEADLEN 120             /* a longer text is made every time */
#define IDLEN 24

/* The text of one mark in one language, cut where its mean goes: text[0, pre) and text[pre, len). */
struct head {
	const struct ocop_mark *mark;   /* NULL: empty */
	int lang, star, points, above_zero;
	char id[IDLEN];                 /* the mark's leaf's id, as it read */
	unsigned char pre, len;
	char text[HEADLEN + 8];         /* (room to read eight at a time past the text) */
};

struct mark_heads {
	struct head h[NHEADS];
	struct sb tmp;
};

struct mark_heads *mark_heads_new(void)
{
	return calloc(1, sizeof(struct mark_heads));
}

void mark_heads_free(struct mark_heads *h)
{
	if (!h)
		return;
	sb_free(&h->tmp);
	free(h);
}

/* What stands for the mean while the text is made: a byte no mark's text holds otherwise (the
 * text is kept only when it holds it exactly once). */
#define HAS_MARK "\001"

/* Makes the text of mk into k; 0 when it cannot be kept. */
static int head_make(struct mark_heads *h, struct head *k, const struct ocop_set *s,
                     const struct ocop_mark *mk, const char *id, int lang, mark_head_fn make)
{
	size_t idlen = strlen(id);
	const char *at, *t;

	h->tmp.len = 0;
	make(&h->tmp, s, mk, HAS_MARK, lang);
	t = sb_str(&h->tmp);
	if (h->tmp.failed || h->tmp.len > HEADLEN || idlen >= IDLEN || !(at = strchr(t, HAS_MARK[0])) ||
	    strchr(at + 1, HAS_MARK[0]))
		return 0;
	k->mark = mk;
	k->lang = lang;
	k->star = mk->star;
	k->points = mk->points;
	k->above_zero = mk->above_zero;
	memcpy(k->id, id, idlen + 1);
	k->pre = (unsigned char)(at - t);
	k->len = (unsigned char)(h->tmp.len - 1);
	memcpy(k->text, t, k->pre);
	memcpy(k->text + k->pre, at + 1, k->len - k->pre);
	return 1;
}

/* Copies n bytes from s to o eight at a time: up to 7 more are written (the caller has room),
 * and read (s is a head's text, HEADLEN a multiple of 8). */
static char *copy8(char *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i += 8)
		memcpy(o + i, s + i, 8);
	return o + n;
}

/* "00" to "99". */
static const char two_digits[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

/* The text of k around sum's mean over n > 0 members (sb_mean's), in place: b has room for both
 * parts of a text, eight bytes more, and the mean. */
static void put_fast(struct sb *b, const struct head *k, long sum, int n)
{
	char *o = copy8(b->s + b->len, k->text, k->pre);
	long c = (sum * 200 + n) / (2L * n);     /* (ocop_mean_centi) */
	unsigned long u = c < 0 ? 0UL - (unsigned long)c : (unsigned long)c, whole = u / 100;

	if (c < 0)
		*o++ = '-';
	if (whole < 10) {                   /* a criterion's mean: one digit */
		*o++ = (char)('0' + whole);
	} else if (whole < 100) {
		memcpy(o, two_digits + 2 * whole, 2);
		o += 2;
	} else {
		char digits[24], *d = digits + sizeof digits;
		for (unsigned long t = whole; t; t /= 10)
			*--d = (char)('0' + t % 10);
		memcpy(o, d, (size_t)(digits + sizeof digits - d));
		o += digits + sizeof digits - d;
	}
	*o++ = '.';
	memcpy(o, two_digits + 2 * (u - whole * 100), 2);
	o = copy8(o + 2, k->text + k->pre, (size_t)(k->len - k->pre));
	b->len = (size_t)(o - b->s);
}

/* The kept text of mk in lang, made now if need be; NULL when it cannot be kept. */
static const struct head *head_of(struct mark_heads *h, const struct ocop_set *s,
                                  const struct ocop_mark *mk, int lang, mark_head_fn make)
{
	const char *id = s->criteria[s->leaves[mk->leaf]].id;
	struct head *k = &h->h[((uint64_t)(uintptr_t)mk * 0x9E3779B97F4A7C15ULL >> 40 ^
	                        (unsigned)lang) & (NHEADS - 1)];

	if (k->mark == mk && k->lang == lang && k->star == mk->star && k->points == mk->points &&
	    k->above_zero == mk->above_zero) {
		const char *a = k->id, *c = id;
		while (*a && *a == *c)      /* (strcmp without a call: an id is a few bytes) */
			a++, c++;
		if (*a == *c)
			return k;
	}
	if (head_make(h, k, s, mk, id, lang, make))
		return k;
	k->mark = NULL;
	return NULL;
}

void mark_heads_put(struct mark_heads *h, struct sb *b, const struct ocop_result *res,
                    const struct ocop_mark_eval *e, int lang, mark_head_fn make)
{
	const struct head *k = h ? head_of(h, res->set, e->mark, lang, make) : NULL;
	char has[32];

	if (k && b->len + 2 * HEADLEN + 64 < b->cap && res->n > 0) {
		put_fast(b, k, e->sum, res->n);
		return;
	}
	if (k) {
		sb_add(b, k->text, k->pre);
		sb_mean(b, e->sum, res->n);
		sb_add(b, k->text + k->pre, (size_t)(k->len - k->pre));
		return;
	}
	ocop_format_mean(has, sizeof has, e->sum, res->n);
	make(b, res->set, e->mark, has, lang);
}
