/* Header cells: the English column names and their Vietnamese aliases. */
#include "colname.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "ocop/dossier.h"
#include "ocop/suggest.h"

/* Vietnamese (and a few other) names of the dossier columns, folded (lower case, NFC). Documented
 * in README ("Dossiers"); keep both in step. */
static const struct {
	const char *name;
	int col;
} aliases[] = {
	{"mã sản phẩm", OCOP_F_PRODUCT_ID},        {"mã sp", OCOP_F_PRODUCT_ID},
	{"ma san pham", OCOP_F_PRODUCT_ID},        {"bộ tiêu chí", OCOP_F_SET},
	{"bo tieu chi", OCOP_F_SET},               {"bộ", OCOP_F_SET},
	{"thành viên", OCOP_F_MEMBER},             {"thanh vien", OCOP_F_MEMBER},
	{"thành viên hội đồng", OCOP_F_MEMBER},    {"tv", OCOP_F_MEMBER},
	{"tên sản phẩm", OCOP_F_PRODUCT_NAME},     {"ten san pham", OCOP_F_PRODUCT_NAME},
	{"tên sp", OCOP_F_PRODUCT_NAME},           {"chủ thể", OCOP_F_PRODUCER},
	{"chủ thể sản xuất", OCOP_F_PRODUCER},     {"xã", OCOP_F_COMMUNE},
	{"huyện", OCOP_F_DISTRICT},                {"tỉnh", OCOP_F_PROVINCE},
	{"cấp", OCOP_F_LEVEL},                     {"cấp đánh giá", OCOP_F_LEVEL},
	{"ngày đánh giá", OCOP_F_EVALUATED_ON},    {"ngay danh gia", OCOP_F_EVALUATED_ON},
	{"ngày công nhận", OCOP_F_RECOGNISED_ON},  {"recognized_on", OCOP_F_RECOGNISED_ON},
	{"ngày nộp hồ sơ", OCOP_F_SUBMITTED_ON},   {"tiêu chí", COL_CRITERION},
	{"điểm", COL_POINTS},
};

char *colname_fold(const char *raw)
{
	size_t n = strlen(raw), start = 0;
	utf8proc_uint8_t *out = NULL;
	char *copy;

	/* Trim ASCII blanks and U+00A0 (C2 A0), which spreadsheets leave around names. */
	for (;;) {
		if (n > start && strchr(" \t", raw[n - 1]))
			n--;
		else if (n >= start + 2 && (unsigned char)raw[n - 2] == 0xC2 &&
		         (unsigned char)raw[n - 1] == 0xA0)
			n -= 2;
		else if (start < n && strchr(" \t", raw[start]))
			start++;
		else if (start + 2 <= n && (unsigned char)raw[start] == 0xC2 &&
		         (unsigned char)raw[start + 1] == 0xA0)
			start += 2;
		else
			break;
	}
	if (!(copy = malloc(n - start + 1)))
		return NULL;
	memcpy(copy, raw + start, n - start);
	copy[n - start] = '\0';
	if (utf8proc_map((const utf8proc_uint8_t *)copy, 0, &out,
	                 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
	                     UTF8PROC_CASEFOLD) < 0) {
		for (char *p = copy; *p; p++)    /* not UTF-8: the reader says so; ASCII case only */
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
		return copy;
	}
	free(copy);
	return (char *)out;
}

int colname_parse(const char *folded)
{
	char eng[64];
	size_t i;
	int f;

	if ((f = ocop_field_parse(folded)) >= 0)
		return f;
	if (strcmp(folded, "criterion") == 0)
		return COL_CRITERION;
	if (strcmp(folded, "points") == 0)
		return COL_POINTS;
	for (i = 0; i < sizeof aliases / sizeof *aliases; i++)
		if (strcmp(folded, aliases[i].name) == 0)
			return aliases[i].col;
	/* "Product ID", "evaluated-on": English names with spaces or hyphens. */
	for (i = 0; folded[i] && i + 1 < sizeof eng; i++)
		eng[i] = folded[i] == ' ' || folded[i] == '-' ? '_' : folded[i];
	eng[i] = '\0';
	if (!folded[i] && strcmp(eng, folded) != 0)
		return colname_parse(eng);
	return COL_UNKNOWN;
}

const char *colname_suggest(const char *folded)
{
	const char *cands[OCOP_NFIELDS + 2 + sizeof aliases / sizeof *aliases];
	size_t n = 0;

	for (int f = 0; f < OCOP_NFIELDS; f++)
		cands[n++] = ocop_field_name(f);
	cands[n++] = "criterion";
	cands[n++] = "points";
	for (size_t i = 0; i < sizeof aliases / sizeof *aliases; i++)
		cands[n++] = aliases[i].name;
	return ocop_suggest(folded, cands, n);
}
