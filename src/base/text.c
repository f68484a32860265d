#include "ocop/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int ocop_utf8_valid(const char *str, size_t len)
{
	return ocop_utf8_check(str, len) == len;
}

#define HIGH 0x8080808080808080ULL
#define ONES 0x0101010101010101ULL

/* Eight bytes at a time: (w - ONES) & ~w & HIGH is nonzero exactly when w holds a zero byte. */
int ocop_text_scan(const void *str, size_t len)
{
	const unsigned char *s = str;
	unsigned long long w, high = 0;
	size_t k = 0;

	for (; k + 8 <= len; k += 8) {
		memcpy(&w, s + k, 8);
		if ((w - ONES) & ~w & HIGH)
			return -1;
		high |= w & HIGH;
	}
	for (; k < len; k++) {
		if (!s[k])
			return -1;
		high |= s[k] & 0x80;
	}
	return high != 0;
}

size_t ocop_utf8_check(const char *str, size_t len)
{
	const unsigned char *start = (const unsigned char *)str, *s = start, *end = s + len;

	/* Each sequence is checked as the table of well-formed UTF-8 (Unicode 3.9) gives it: the
	 * second byte's range after E0 (no overlong form), ED (no surrogate), F0 and F4 (nothing
	 * overlong, nothing past U+10FFFF). */
	while (s < end) {
		unsigned c = *s;
		unsigned long long w;
		if (c < 0x80) {
			/* ASCII: eight bytes at a time while they are */
			while (end - s >= 8 && (memcpy(&w, s, 8), !(w & HIGH)))
				s += 8;
			if (s < end && *s < 0x80)
				s++;
			continue;
		}
		if (c < 0xC2)
			break;
		if (c < 0xE0) {
			if (end - s < 2 || (s[1] & 0xC0) != 0x80)
				break;
			s += 2;
			continue;
		}
		if (c < 0xF0) {
			if (end - s < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
			    (c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] >= 0xA0))
				break;
			s += 3;
			continue;
		}
		if (c > 0xF4 || end - s < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80 || (c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] >= 0x90))
			break;
		s += 4;
	}
	return s < end ? (size_t)(s - start) : len;
}

/* The second bytes after 0xC3 (U+00C0..U+00FF) that Vietnamese writes: à á â ã è é ê ì í ò ó ô õ
 * ù ú ý and their capitals (as ocop_text_mojibake's quick look reads them). */
#define B(x) (1ULL << ((x) - 0x80))
static const unsigned long long viet_c3 =
	B(0x80) | B(0x81) | B(0x82) | B(0x83) | B(0x88) | B(0x89) | B(0x8A) | B(0x8C) | B(0x8D) |
	B(0x92) | B(0x93) | B(0x94) | B(0x95) | B(0x99) | B(0x9A) | B(0x9D) | B(0xA0) | B(0xA1) |
	B(0xA2) | B(0xA3) | B(0xA8) | B(0xA9) | B(0xAA) | B(0xAC) | B(0xAD) | B(0xB2) | B(0xB3) |
	B(0xB4) | B(0xB5) | B(0xB9) | B(0xBA) | B(0xBD);
#undef B

int ocop_text_look(const void *str, size_t len)
{
	const unsigned char *s = str, *end = s + len;
	int look = 0;

	for (;;) {
		unsigned c, c1, c2;
		unsigned long long w, del;
		/* printable ASCII: eight bytes at a time (no high bit, none below 0x20, no DEL), then
		 * byte by byte */
		for (; end - s >= 8; s += 8) {
			memcpy(&w, s, 8);
			del = w ^ (0x7F * ONES);
			if ((w | ((w - 0x20 * ONES) & ~w) | ((del - ONES) & ~del)) & HIGH)
				break;
		}
		while (s < end && (unsigned)(*s - 0x20) < 0x5F)
			s++;
		if (s == end)
			break;
		c = *s;
		if (c < 0x80) {
			if (c == 0)
				return OCOP_LOOK_NUL;
			if (c < 0x20 || c == 0x7F)
				look |= OCOP_LOOK_CONTROL;
			s++;
			continue;
		}
		look |= OCOP_LOOK_NONASCII;
		c1 = end - s >= 2 ? s[1] : 0;
		if (c >= 0xC2 && c < 0xE0 && (c1 & 0xC0) == 0x80) {
			if (c == 0xC2)      /* C1 controls are U+0080..U+009F */
				look |= OCOP_LOOK_SUSPECT | (c1 <= 0x9F ? OCOP_LOOK_CONTROL : 0);
			else if (c == 0xC3 && !((viet_c3 >> (c1 - 0x80)) & 1))
				look |= OCOP_LOOK_SUSPECT;
			else if (c > 0xCB)  /* U+0300 and above */
				look |= OCOP_LOOK_NOTNFC;
			s += 2;
			continue;
		}
		c2 = end - s >= 3 ? s[2] : 0;
		if (c >= 0xE0 && c < 0xF0 && (c1 & 0xC0) == 0x80 && (c2 & 0xC0) == 0x80 &&
		    !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0)) {
			if (c != 0xE1 || c1 < 0xB8 || c1 > 0xBB)   /* outside U+1E00..U+1EFF */
				look |= OCOP_LOOK_NOTNFC;
			if (c == 0xE2 && ((c1 == 0x80 && c2 >= 0xAA && c2 <= 0xAE) ||
			                  (c1 == 0x81 && c2 >= 0xA6 && c2 <= 0xA9)))
				look |= OCOP_LOOK_CONTROL;
			s += 3;
			continue;
		}
		if (c >= 0xF0 && c <= 0xF4 && end - s >= 4 && (c1 & 0xC0) == 0x80 &&
		    (c2 & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80 && !(c == 0xF0 && c1 < 0x90) &&
		    !(c == 0xF4 && c1 >= 0x90)) {
			look |= OCOP_LOOK_NOTNFC;
			s += 4;
			continue;
		}
		/* not UTF-8: only a NUL further on is still worth saying */
		return memchr(s, 0, (size_t)(end - s)) ? OCOP_LOOK_NUL : look | OCOP_LOOK_BADUTF8;
	}
	return look;
}

/* The code point a forbidden in dossier values, or 0: C0 controls, DEL, C1 controls, and the
 * bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make a
 * terminal or an editor show text other than it is. n is the length of the UTF-8 character at p. */
static unsigned long forbidden(const unsigned char *p, size_t *n)
{
	*n = 1;
	if (p[0] < 0x20 || p[0] == 0x7F)
		return p[0];
	if (p[0] < 0x80)
		return 0;
	if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
		*n = 2;
		return p[1];
	}
	if (p[0] == 0xE2 && ((p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) ||
	                     (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9))) {
		*n = 3;
		return 0x2000UL | ((unsigned long)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	}
	*n = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC0 ? 2 : 1;
	return 0;
}

/* 1 if the eight bytes of w may begin a forbidden character: a byte below 0x20, DEL, or the lead
 * bytes 0xC2 (C1 controls) and 0xE2 (the bidirectional controls). Exact for each test: (v - ONES) &
 * ~v & HIGH is nonzero exactly when v holds a zero byte, (w - 0x20 * ONES) & ~w & HIGH exactly when
 * w holds a byte below 0x20. */
static int may_hold_control(unsigned long long w)
{
	unsigned long long del = w ^ (0x7F * ONES), c2 = w ^ (0xC2 * ONES), e2 = w ^ (0xE2 * ONES);

	return (((w - 0x20 * ONES) & ~w) | ((del - ONES) & ~del) | ((c2 - ONES) & ~c2) |
	        ((e2 - ONES) & ~e2)) & HIGH ? 1 : 0;
}

size_t ocop_text_control(const char *s, int newline_ok, unsigned long *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, len = strlen(s), i = 0;

	/* Past whole words that cannot hold one (a word may end inside a character: the loop below
	 * steps over continuation bytes one by one, which are never forbidden themselves). */
	for (unsigned long long w; i + 8 <= len; i += 8) {
		memcpy(&w, p + i, 8);
		if (may_hold_control(w))
			break;
	}
	for (; p[i];) {
		unsigned long c;
		if (p[i] >= 0x20 && p[i] < 0x7F) {     /* printable ASCII */
			i++;
			continue;
		}
		c = forbidden(p + i, &n);
		if (c && !(c == '\n' && newline_ok)) {
			if (cp)
				*cp = c;
			return i;
		}
		/* (s is valid UTF-8: a lead byte is followed by its continuation bytes) */
		for (size_t k = 1; k < n && p[i + 1]; k++)
			i++;
		i++;
	}
	return (size_t)-1;
}

char *ocop_text_visible(char *out, size_t size, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0;

	if (!size)
		return out;
	while (*p) {
		char esc[16];
		const char *piece = (const char *)p;
		size_t n, len;
		unsigned long c = forbidden(p, &n);
		if (n > 1 && ocop_utf8_check((const char *)p, strnlen((const char *)p, n)) != n)
			c = p[0], n = 1;     /* not UTF-8: the byte itself, escaped */
		else if (n == 1 && p[0] >= 0x80)
			c = p[0];
		if (c || (n == 1 && p[0] >= 0x80)) {
			if (c < 0x100 && (n == 1 || c < 0x20))
				snprintf(esc, sizeof esc, "\\x%02lx", c);
			else
				snprintf(esc, sizeof esc, "\\u%04lx", c);
			piece = esc;
			len = strlen(esc);
		} else {
			len = n;
		}
		if (o + len >= size)
			break;
		memcpy(out + o, piece, len);
		o += len;
		p += n;
	}
	out[o] = '\0';
	return out;
}

/* 1 if s holds only code points that NFC leaves alone: everything below U+0300 and the
 * precomposed Latin Extended Additional block (U+1E00–U+1EFF, where Vietnamese letters live). */
static int surely_nfc(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if (*p < 0x80)
			continue;
		/* (a continuation byte is checked before it is skipped: text that is not UTF-8, or
		 * ends inside a character, must not be read past its end) */
		if (*p >= 0xC2 && *p <= 0xCB && (p[1] & 0xC0) == 0x80) {    /* U+0080..U+02FF */
			p++;
			continue;
		}
		if (*p == 0xE1 && (p[1] == 0xB8 || p[1] == 0xB9 || p[1] == 0xBA || p[1] == 0xBB) &&
		    (p[2] & 0xC0) == 0x80) {
			p += 2;                            /* U+1E00..U+1EFF */
			continue;
		}
		return 0;
	}
	return 1;
}

char *ocop_text_nfc(const char *s)
{
	if (surely_nfc(s))
		return strdup(s);
	return (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
}

int ocop_text_is_nfc(const char *s)
{
	return surely_nfc(s);
}

static size_t walk(const char *s, size_t cols, size_t *bytes)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t w = 0, off = 0, len = strlen(s);

	while (off < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p + off, (utf8proc_ssize_t)(len - off), &cp);
		int cw;
		if (n <= 0)
			break;
		cw = utf8proc_charwidth(cp);
		if (cw < 0)
			cw = 0;
		if (w + (size_t)cw > cols)
			break;
		w += (size_t)cw;
		off += (size_t)n;
	}
	if (bytes)
		*bytes = off;
	return w;
}

size_t ocop_text_width(const char *s)
{
	return walk(s, (size_t)-1, NULL);
}

size_t ocop_text_fit(const char *s, size_t cols)
{
	size_t bytes;

	walk(s, cols, &bytes);
	/* Keep combining marks that follow the last character that fits. */
	while (s[bytes]) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + bytes, -1, &cp);
		if (n <= 0 || utf8proc_charwidth(cp) != 0)
			break;
		bytes += (size_t)n;
	}
	return bytes;
}

size_t ocop_text_name_cols(size_t longest, size_t others, size_t columns)
{
	size_t room = columns > others ? columns - others : 0;

	if (columns == 0)
		room = 32;
	if (room < 8)
		room = 8;
	return longest < room ? longest : room;
}

void ocop_text_ellipsis(char *out, size_t size, const char *s, size_t cols)
{
	size_t fit = ocop_text_fit(s, cols);

	if (!s[fit] || cols == 0)
		snprintf(out, size, "%.*s", (int)fit, s);
	else
		snprintf(out, size, "%.*s…", (int)ocop_text_fit(s, cols - 1), s);
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && leap(y) ? 29 : mdays[m - 1];
}

/* Howard Hinnant's days_from_civil and civil_from_days. */
long ocop_date_days(const char *ymd)
{
	long y = atol(ymd), m = atol(ymd + 5), d = atol(ymd + 8);
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void ocop_date_from_days(char out[11], long z)
{
	long era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	snprintf(out, 11, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
}

void ocop_date_add_months(char out[11], const char *ymd, int months)
{
	int y = atoi(ymd), m = atoi(ymd + 5), d = atoi(ymd + 8);
	int t = y * 12 + (m - 1) + months;

	y = t / 12;
	m = t % 12 + 1;
	if (d > month_days(y, m))
		d = month_days(y, m);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

int ocop_date_valid(const char *s)
{
	int y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	/* the digits are checked: no atoi (one strtol each) */
	y = ((s[0] - '0') * 10 + s[1] - '0') * 100 + (s[2] - '0') * 10 + s[3] - '0';
	m = (s[5] - '0') * 10 + s[6] - '0';
	d = (s[8] - '0') * 10 + s[9] - '0';
	return y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= month_days(y, m);
}
