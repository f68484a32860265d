/* Vietnamese collation, and its keys made once per string for sorting (rank). */
#include "fixtures.h"
#include "ocop/text.h"

#include <stdlib.h>

/* Each list in order: letters (a ă â b c d đ e ê …) before tones (a à ả ã á ạ), case last; a
 * name that is the start of another comes first. */
static const char *const letters[] = {
	"",  "0", "9", "A", "a", "à", "ả", "ã", "á", "ạ", "ă", "ằ", "ắ", "â", "ấ", "ậ", "b",
	"c", "d", "Đ", "đ", "e", "é", "ê", "ề", "g", "i", "o", "ô", "ơ", "ờ", "u", "ư", "ừ",
	"y", "Ω", "中",
};
/* Every ASCII letter in its place among the Vietnamese ones (a letter and "z" before the next
 * letter and "a"), after the other ASCII characters (by their bytes). */
static const char *const alphabet[] = {
	"", "!", "0", "9", "@", "[", "_", "~", "aa", "az", "ăa", "ăz", "âa", "âz", "ba", "bz",
	"ca", "cz", "da", "dz", "đa", "đz", "ea", "ez", "êa", "êz", "fa", "fz", "ga", "gz", "ha",
	"hz", "ia", "iz", "ja", "jz", "ka", "kz", "la", "lz", "ma", "mz", "na", "nz", "oa", "oz",
	"ôa", "ôz", "ơa", "ơz", "pa", "pz", "qa", "qz", "ra", "rz", "sa", "sz", "ta", "tz", "ua",
	"uz", "ưa", "ưz", "va", "vz", "wa", "wz", "xa", "xz", "ya", "yz", "Z", "z", "z0", "zA", "za",
	"zz",
};
static const char *const names[] = {
	"Bùi", "Bưởi", "Cá", "Cam", "Cam sành", "Câm", "Đà Lạt", "Đào", "Lê", "Lễ", "Lê Văn", "Lý",
};

static size_t key(char **out, const char *s)
{
	size_t n = ocop_text_collate_key(NULL, 0, s);

	*out = malloc(n);
	assert_non_null(*out);
	n = ocop_text_collate_key(*out, n, s);
	return n;
}

static void in_order(const char *const *ordered, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			char *a, *b;
			size_t na = key(&a, ordered[i]), nb = key(&b, ordered[j]);
			int want = i < j ? -1 : i > j, c = ocop_text_collate(ordered[i], ordered[j]);
			if (c != want)
				fail_msg("collate(\"%s\", \"%s\") = %d, expected %d", ordered[i], ordered[j], c,
				         want);
			c = ocop_text_key_cmp(a, na, b, nb);
			if (c != want)
				fail_msg("keys of \"%s\", \"%s\" compare %d, expected %d", ordered[i], ordered[j],
				         c, want);
			free(a);
			free(b);
		}
}

static void test_collate__listed_order_by_strings_and_by_keys(void **state)
{
	(void)state;
	in_order(letters, sizeof letters / sizeof *letters);
	in_order(alphabet, sizeof alphabet / sizeof *alphabet);
	in_order(names, sizeof names / sizeof *names);
}

/* Decomposed and precomposed text sort as their letters; a long name has a key too. */
static void test_collate__decomposed_and_long_text(void **state)
{
	char long_a[3000], long_b[3000], *ka, *kb;
	size_t na, nb;

	(void)state;
	/* "ế" precomposed, and as e + circumflex + acute: the same letters and tones, other bytes */
	assert_int_not_equal(ocop_text_collate("\xe1\xba\xbf", "e\xcc\x82\xcc\x81"), 0);
	assert_true(ocop_text_collate("\xe1\xba\xbf", "f") < 0);
	assert_true(ocop_text_collate("e\xcc\x82\xcc\x81", "\xc3\xaa") > 0);
	long_a[0] = long_b[0] = '\0';
	for (int i = 0; i < 200; i++) {
		strcat(long_a, "Bưởi ");
		strcat(long_b, "Bưởi ");
	}
	strcat(long_a, "a");
	strcat(long_b, "ă");
	na = key(&ka, long_a);
	nb = key(&kb, long_b);
	assert_true(ocop_text_key_cmp(ka, na, kb, nb) < 0);
	assert_true(ocop_text_collate(long_a, long_b) < 0);
	assert_true(ocop_text_collate(long_b, long_a) > 0);
	free(ka);
	free(kb);
}

static int sign(int c)
{
	return c < 0 ? -1 : c > 0;
}

/* Two ASCII strings compare without keys (ids, codes): always as their keys do, and beside text
 * that is not ASCII too. */
static void test_collate__ascii_as_keys(void **state)
{
	char long_a[400], long_b[400];
	const char *s[] = {"",   "\t",  " ",   "!",   "0",   "00",  "0a",  "9",   "@",   "A",
	                   "a",  "Aa",  "aA",  "aa",  "ab",  "Ab",  "aB",  "abc", "a b", "a-b",
	                   "B",  "b",   "ba",  "Ba",  "Z",   "z",   "zz",  "z~",  "_x",  "x_",
	                   "~",  "\x7f", "CP24-001", "cp24-001", "CP24-01", "B000001", "B000010",
	                   long_a, long_b, "\xc3\xa1", "a\xcc\x81", "\xc4\x91" "a", "dz"};
	size_t n = sizeof s / sizeof *s;

	(void)state;
	memset(long_a, 'k', sizeof long_a - 1);
	long_a[sizeof long_a - 1] = '\0';
	memcpy(long_b, long_a, sizeof long_b);
	long_b[300] = 'K';             /* longer than the 256 characters of the key's ASCII path */
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			char *a, *b;
			size_t na = key(&a, s[i]), nb = key(&b, s[j]);
			int want = sign(ocop_text_key_cmp(a, na, b, nb)), c = ocop_text_collate(s[i], s[j]);
			if (c != want)
				fail_msg("collate(\"%s\", \"%s\") = %d, their keys %d", s[i], s[j], c, want);
			if ((c == 0) != (i == j))
				fail_msg("collate(\"%s\", \"%s\") = %d", s[i], s[j], c);
			free(a);
			free(b);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_collate__listed_order_by_strings_and_by_keys),
		cmocka_unit_test(test_collate__decomposed_and_long_text),
		cmocka_unit_test(test_collate__ascii_as_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
