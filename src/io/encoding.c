/* Legacy Vietnamese encodings: names, guessing, and text decoded the wrong way.
 *
 * A guess is a contest: each candidate decodes the bytes, and its words are judged as Vietnamese
 * syllables (an ASCII or đ base letter per character, only Vietnamese diacritics, the vowel
 * modifiers on the vowels that take them, at most one tone per word). Text in the wrong encoding
 * decodes to symbols, stray letters (ø, ñ, Ð) and impossible marks, so the right candidate has the
 * most well-formed words and the fewest broken ones. */
#include "ocop/encoding.h"
#include "ocop/i18n.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "ocop/text.h"

static const char *const iconv_names[] = {"", "CP1258", "TCVN5712-1", "VISCII", NULL, "", ""};
static const char *const options[] = {"utf-8", "cp1258", "tcvn3", "viscii", "vni", "utf-8", ""};
static const char *const labels[] = {"UTF-8", "Windows-1258", "TCVN3", "VISCII", "VNI",
                                     N_("UTF-8 decoded twice"), N_("another encoding")};

const char *ocop_encoding_iconv_name(const char *user)
{
	static const struct {
		const char *user;
		int e;
	} aliases[] = {{"utf-8", OCOP_ENC_UTF8},       {"utf8", OCOP_ENC_UTF8},
	               {"cp1258", OCOP_ENC_CP1258},    {"windows-1258", OCOP_ENC_CP1258},
	               {"windows1258", OCOP_ENC_CP1258}, {"tcvn3", OCOP_ENC_TCVN3},
	               {"tcvn", OCOP_ENC_TCVN3},       {"tcvn5712-1", OCOP_ENC_TCVN3},
	               {"abc", OCOP_ENC_TCVN3},        {"viscii", OCOP_ENC_VISCII},
	               {"vni", OCOP_ENC_VNI},          {"vni-windows", OCOP_ENC_VNI}};
	char low[32];
	size_t i;

	for (i = 0; user[i] && i + 1 < sizeof low; i++)
		low[i] = (char)(user[i] >= 'A' && user[i] <= 'Z' ? user[i] - 'A' + 'a' : user[i]);
	low[i] = '\0';
	for (i = 0; i < sizeof aliases / sizeof *aliases; i++)
		if (strcmp(low, aliases[i].user) == 0)
			return iconv_names[aliases[i].e];
	return user;
}

const char *ocop_encoding_option(int e)
{
	return e >= 0 && e <= OCOP_ENC_OTHER ? options[e] : "";
}

const char *ocop_encoding_label(int e)
{
	/* the names of encodings are names; the last two are words */
	if (e == OCOP_ENC_UTF8_TWICE || e == OCOP_ENC_OTHER)
		return _(labels[e]);
	return e >= 0 && e <= OCOP_ENC_OTHER ? labels[e] : "";
}

const char *ocop_encoding_explain_vni(void)
{
	return _("VNI is a font encoding (Vietnamese letters drawn by VNI fonts from Latin-1 bytes: "
	         "\"Khoâ caù\" for \"Khô cá\"), which iconv does not know: convert the text to "
	         "Unicode with Unikey's converter (VNI Windows to Unicode), then save the file as CSV "
	         "UTF-8");
}

/* Decodes s[0..len) from `from` into a new NUL-terminated UTF-8 string in NFC; a byte the
 * encoding does not have is skipped. NULL when iconv does not know `from` or memory runs out. */
static char *decode(const char *from, const char *s, size_t len)
{
	iconv_t cd = iconv_open("UTF-8", from);
	size_t cap = len * 4 + 8, left = cap - 1;
	char *out, *in = (char *)s, *o, *nfc;

	if (cd == (iconv_t)-1)
		return NULL;
	if (!(out = malloc(cap))) {
		iconv_close(cd);
		return NULL;
	}
	o = out;
	while (len > 0)
		if (iconv(cd, &in, &len, &o, &left) == (size_t)-1) {
			if (errno == E2BIG)
				break;
			in++, len--;     /* EILSEQ, or EINVAL at the end: skip that byte */
		}
	iconv(cd, NULL, NULL, &o, &left);   /* a stateful decoder may hold the last letter back */
	*o = '\0';
	iconv_close(cd);
	if (!ocop_utf8_valid(out, strlen(out))) {
		free(out);
		return NULL;
	}
	nfc = ocop_text_nfc(out);
	free(out);
	return nfc;
}

/* UTF-8 to Windows-1252 bytes (how legacy text was shown as the wrong letters); NULL when a
 * character has no such byte. */
static char *to_1252(const char *s, size_t len)
{
	iconv_t cd = iconv_open("CP1252", "UTF-8");
	char *out = malloc(len + 1), *in = (char *)s, *o = out;
	size_t left = len;

	if (cd == (iconv_t)-1 || !out) {
		if (cd != (iconv_t)-1)
			iconv_close(cd);
		free(out);
		return NULL;
	}
	if (iconv(cd, &in, &len, &o, &left) == (size_t)-1) {
		free(out);
		out = NULL;
	} else {
		*o = '\0';
	}
	iconv_close(cd);
	return out;
}

enum { M_GRAVE = 0x300, M_ACUTE = 0x301, M_CIRC = 0x302, M_TILDE = 0x303, M_BREVE = 0x306,
       M_HOOK = 0x309, M_HORN = 0x31B, M_DOT = 0x323 };

static int is_vowel(int c)
{
	return c && strchr("aeiouy", c | 0x20) != NULL;
}

/* Judges one word of code points: 1 a well-formed Vietnamese syllable with a non-ASCII letter,
 * 0 plain ASCII or no letter at all, -1 not Vietnamese. */
static int judge(const utf8proc_int32_t *cp, size_t n)
{
	int tones = 0, nonascii = 0, prev = 0, letters = 0;

	/* A symbol standing alone ("Trà ô long ®") says nothing: only words with a letter count. */
	for (size_t i = 0; i < n && !letters; i++) {
		utf8proc_category_t cat = utf8proc_category(cp[i]);
		letters = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
	}
	if (!letters)
		return 0;

	for (size_t i = 0; i < n; i++) {
		utf8proc_int32_t d[4];
		utf8proc_ssize_t k;
		int base, marked = 0;
		if (cp[i] < 0x80) {
			prev = (int)cp[i];
			continue;
		}
		nonascii = 1;
		k = utf8proc_decompose_char(cp[i], d, 4, UTF8PROC_DECOMPOSE, NULL);
		if (k < 1 || k > 3)
			return -1;
		base = d[0] == 0x111 || d[0] == 0x110 ? 'd' : d[0] < 0x80 ? (int)d[0] : 0;
		if (!base || !((base | 0x20) >= 'a' && (base | 0x20) <= 'z'))
			return -1;
		if ((d[0] == 0x111 || d[0] == 0x110) && k > 1)
			return -1;
		for (utf8proc_ssize_t j = 1; j < k; j++) {
			int m = (int)d[j], b = base | 0x20;
			if (m == M_GRAVE || m == M_ACUTE || m == M_TILDE || m == M_HOOK || m == M_DOT) {
				if (!is_vowel(b) || ++tones > 1)
					return -1;
			} else if (m == M_CIRC) {
				if (b != 'a' && b != 'e' && b != 'o')
					return -1;
			} else if (m == M_BREVE) {
				if (b != 'a')
					return -1;
			} else if (m == M_HORN) {
				if (b != 'o' && b != 'u')
					return -1;
			} else {
				return -1;
			}
			marked = 1;
		}
		/* A marked vowel right after another: Vietnamese puts it only after o, u, i or y
		 * (hoà, quá, tiền, muốn), never after a or e (VNI's "aù", "eâ"). */
		if (marked && is_vowel(base) && prev && is_vowel(prev) && strchr("ae", prev | 0x20))
			return -1;
		prev = base;
	}
	return nonascii;
}

/* Scores UTF-8 text as Vietnamese: well-formed non-ASCII words count, broken ones count against
 * it twice. */
static void score(const char *s, int *good, int *bad)
{
	utf8proc_int32_t word[64];
	size_t n = 0;
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;

	*good = *bad = 0;
	for (;;) {
		utf8proc_int32_t c = 0;
		utf8proc_ssize_t k = *p ? utf8proc_iterate(p, -1, &c) : 0;
		int sep = k <= 0 || (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'));
		if (sep || n == sizeof word / sizeof *word) {
			int j = n ? judge(word, n) : 0;
			*good += j > 0;
			*bad += j < 0;
			n = 0;
		}
		if (k <= 0)
			break;
		if (!sep)
			word[n++] = c;
		p += k;
	}
}

/* VNI read as Windows-1252: a base letter followed by a byte VNI draws as its diacritics. */
static const char vni_marks[] = "\xe2\xea\xf4\xf6\xf9\xf8\xfb\xf5\xef\xe1\xe0\xe5\xe3\xe4\xe9"
                                "\xe8\xfa\xfc\xeb\xc2\xca\xd4\xd6\xd9\xd8\xdb\xd5\xcf\xc1\xc0"
                                "\xc5\xc3\xc4\xc9\xc8\xda\xdc\xcb";

static void score_vni(const unsigned char *s, size_t len, int *good, int *bad)
{
	*good = *bad = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < 0x80)
			continue;
		if (s[i] == 0xF1 || s[i] == 0xD1)             /* đ, Đ */
			*good += 1;
		else if (i > 0 && strchr(vni_marks, (char)s[i]) &&
		         (is_vowel(s[i - 1]) || s[i - 1] == 0xF4 || s[i - 1] == 0xF6 ||
		          s[i - 1] == 0xD4 || s[i - 1] == 0xD6))
			*good += 1;
		else
			*bad += 1;
	}
}

int ocop_encoding_guess(const char *s, size_t len, char *sample, size_t size)
{
	static const int cand[] = {OCOP_ENC_CP1258, OCOP_ENC_TCVN3, OCOP_ENC_VISCII};
	int best = OCOP_ENC_NONE, best_score = 0, good, bad;

	if (sample && size)
		sample[0] = '\0';
	for (size_t i = 0; i < sizeof cand / sizeof *cand; i++) {
		char *text = decode(iconv_names[cand[i]], s, len);
		if (!text)
			continue;
		score(text, &good, &bad);
		if (good > 0 && good - 2 * bad > best_score) {
			best = cand[i];
			best_score = good - 2 * bad;
			if (sample && size) {
				size_t cut = ocop_text_fit(text, 40);
				snprintf(sample, size, "%.*s", (int)cut, text);
			}
		}
		free(text);
	}
	score_vni((const unsigned char *)s, len, &good, &bad);
	if (good > 0 && good - 2 * bad > best_score) {
		best = OCOP_ENC_VNI;
		if (sample && size)
			sample[0] = '\0';
	}
	return best;
}

/* A quick look: a Latin-1 character Vietnamese never writes (a symbol, C1, or ø ñ ä ë ï ö ü …). */
static int suspicious(const unsigned char *s, size_t len)
{
	static const char viet[] = "\x80\x81\x82\x83\x88\x89\x8a\x8c\x8d\x92\x93\x94\x95\x99\x9a\x9d"
	                           "\xa0\xa1\xa2\xa3\xa8\xa9\xaa\xac\xad\xb2\xb3\xb4\xb5\xb9\xba\xbd";

	for (size_t i = 0; i + 1 < len; i++) {
		if (s[i] == 0xC2 && s[i + 1] >= 0x80)
			return 1;
		if (s[i] == 0xC3 && s[i + 1] >= 0x80 && !strchr(viet, (char)s[i + 1]))
			return 1;
	}
	return 0;
}

int ocop_text_mojibake(const char *s, size_t len, char *fixed, size_t size)
{
	char *bytes, *text = NULL, *copy;
	int e = OCOP_ENC_NONE, good, bad, g2, b2;

	if (fixed && size)
		fixed[0] = '\0';
	if (!suspicious((const unsigned char *)s, len) || !(copy = malloc(len + 1)))
		return OCOP_ENC_NONE;
	memcpy(copy, s, len);
	copy[len] = '\0';
	bytes = to_1252(copy, len);
	score(copy, &good, &bad);
	free(copy);
	if (!bytes)
		return OCOP_ENC_NONE;
	if (ocop_text_scan(bytes, strlen(bytes)) > 0 && ocop_utf8_valid(bytes, strlen(bytes))) {
		e = OCOP_ENC_UTF8_TWICE;
		text = ocop_text_nfc(bytes);
	} else if (bad > 0) {
		e = ocop_encoding_guess(bytes, strlen(bytes), NULL, 0);
		if (e != OCOP_ENC_NONE && e != OCOP_ENC_VNI) {
			text = decode(iconv_names[e], bytes, strlen(bytes));
			score(text ? text : "", &g2, &b2);
			if (!text || b2 > 0 || g2 == 0)
				e = OCOP_ENC_NONE;
		}
	}
	if (text && fixed && size && e != OCOP_ENC_NONE)
		snprintf(fixed, size, "%s", text);
	free(text);
	free(bytes);
	return e;
}

int ocop_encoding_decode(int e, const char *s, size_t len, char *out, size_t size)
{
	char *text;

	if (size)
		out[0] = '\0';
	if (e < OCOP_ENC_CP1258 || e > OCOP_ENC_VISCII || !(text = decode(iconv_names[e], s, len)))
		return -1;
	snprintf(out, size, "%s", text);
	free(text);
	return 0;
}
