/* Promotion: the regime's rules, local policies that never take away a recognition, 26-2026's
 * return from central, and the renewal and return_to keys of the criteria format. */
#include "fixtures.h"
#include "ocop/promote.h"
#include "ocop/score.h"

#include <stdlib.h>

/* The procedure of 26-2026 on one small set (tests/cli/fixtures/regime-26-small.json in short). */
static const char small26[] =
	"{\"format\": \"ocop-criteria-1\", \"id\": \"t26\", \"decision\": \"26/2026/QĐ-TTg\","
	" \"name_vi\": \"Thử\", \"name_en\": \"Test\", \"effective_from\": \"2026-05-22\","
	" \"parts\": [{\"id\": \"A\", \"max\": 40, \"name_vi\": \"A\", \"name_en\": \"A\"},"
	"  {\"id\": \"B\", \"max\": 25, \"name_vi\": \"B\", \"name_en\": \"B\"},"
	"  {\"id\": \"C\", \"max\": 35, \"name_vi\": \"C\", \"name_en\": \"C\"}],"
	" \"bands\": [{\"stars\": 1, \"min\": 0}, {\"stars\": 2, \"min\": 30}, {\"stars\": 3, \"min\": 50},"
	"  {\"stars\": 4, \"min\": 70}, {\"stars\": 5, \"min\": 90}],"
	" \"recognised_min_stars\": 3, \"spread_limit\": 10, \"certificate_months\": 36,"
	" \"notice_days\": 30, \"renewal\": {\"file_from_days\": 180, \"file_to_days\": 120,"
	" \"late_valid_days\": 180}, \"levels\": [\"commune\", \"province\", \"central\"],"
	" \"promotion\": [{\"level\": \"commune\", \"certify\": [], \"forward_all_complete\": true,"
	"  \"next\": \"province\"}, {\"level\": \"province\", \"certify\": [3, 4],"
	"  \"forward_min_total\": 90, \"next\": \"central\"}, {\"level\": \"central\", \"certify\": [5],"
	"  \"return_to\": \"province\"}],"
	" \"sets\": [{\"code\": \"I.1.a\", \"number\": 1, \"name_vi\": \"S\", \"name_en\": \"S\", \"sections\": ["
	"  {\"number\": 1, \"part\": \"A\", \"max\": 40, \"name_vi\": \"1\", \"name_en\": \"1\", \"criteria\": ["
	"   {\"id\": \"1.1\", \"max\": 40, \"label_vi\": \"x\", \"label_en\": \"x\", \"options\": ["
	"    {\"points\": 30, \"label_vi\": \"a\", \"label_en\": \"a\"},"
	"    {\"points\": 37, \"label_vi\": \"b\", \"label_en\": \"b\"},"
	"    {\"points\": 40, \"label_vi\": \"c\", \"label_en\": \"c\"}]}]},"
	"  {\"number\": 4, \"part\": \"B\", \"max\": 25, \"name_vi\": \"4\", \"name_en\": \"4\", \"criteria\": ["
	"   {\"id\": \"4.1\", \"max\": 25, \"label_vi\": \"x\", \"label_en\": \"x\", \"options\": ["
	"    {\"points\": 20, \"label_vi\": \"a\", \"label_en\": \"a\"},"
	"    {\"points\": 25, \"mark\": 5, \"label_vi\": \"b\", \"label_en\": \"b\"}]}]},"
	"  {\"number\": 6, \"part\": \"C\", \"max\": 35, \"name_vi\": \"6\", \"name_en\": \"6\", \"criteria\": ["
	"   {\"id\": \"6.1\", \"max\": 35, \"label_vi\": \"x\", \"label_en\": \"x\", \"options\": ["
	"    {\"points\": 30, \"label_vi\": \"a\", \"label_en\": \"a\"},"
	"    {\"points\": 35, \"label_vi\": \"b\", \"label_en\": \"b\"}]}]}]}]}";

static struct ocop_regime *load(const char *text, struct ocop_diags *diags)
{
	struct ocop_regime *r = NULL;
	struct ocop_err err = {0};

	ocop_regime_load(&r, text, strlen(text), "t.json", NULL, diags, &err);
	return r;
}

static void decide(struct ocop_promotion_decision *dec, const struct ocop_regime *r,
                   signed char (*sheets)[64], int n, int level, const struct ocop_policy *pol)
{
	const struct ocop_set *s = &r->sets[0];
	const signed char *pts[8];
	struct ocop_dossier d = {0};
	struct ocop_result res;
	struct ocop_err err = {0};

	if (strcmp(r->id, "148") == 0)
		s = ocop_regime_find_set(r, "I.1.a");
	for (int m = 0; m < n; m++)
		pts[m] = sheets[m];
	d.meta[OCOP_F_PRODUCT_ID] = "P";
	d.level = OCOP_LEVEL_NONE;
	assert_int_equal(ocop_score_sheets(&res, r, s, pts, n, NULL, &err), 0);
	ocop_promote(dec, &d, &res, level, pol);
	/* the English-only decision is the same, without the Vietnamese reason */
	struct ocop_promotion_decision en;
	ocop_promote_en(&en, &d, &res, level, pol);
	assert_int_equal(en.decision, dec->decision);
	assert_int_equal(en.stars, dec->stars);
	assert_int_equal(en.next_level, dec->next_level);
	assert_int_equal(en.precheck, dec->precheck);
	assert_string_equal(en.reason, dec->reason);
	assert_string_equal(en.reason_vi, "");
	assert_true(dec->reason_vi[0] != '\0');
	ocop_result_free(&res);
}

static void test_promote__policy_never_takes_away_the_district_certificate(void **state)
{
	const struct ocop_regime *r = builtin("148");
	signed char sheet[1][64];
	struct ocop_policy none = {-1, -1}, high = {-1, 8000};
	struct ocop_promotion_decision dec;

	(void)state;
	domain_sheet(ocop_regime_find_set(r, "I.1.a"), sheet[0]);   /* 76, 4★ */
	decide(&dec, r, sheet, 1, OCOP_LEVEL_DISTRICT, &none);
	assert_int_equal(dec.decision, OCOP_FORWARD);
	assert_int_equal(dec.next_level, OCOP_LEVEL_PROVINCE);
	decide(&dec, r, sheet, 1, OCOP_LEVEL_DISTRICT, &high);
	assert_string_equal(dec.reason_vi, "công nhận 3★: không chuyển lên theo chính sách địa phương "
	                                   "(trung bình 76.00 dưới 80.00); đạt 4★, cấp huyện công nhận "
	                                   "đến 3★");
	assert_int_equal(dec.decision, OCOP_CERTIFY);
	assert_int_equal(dec.stars, 3);
	assert_string_equal(dec.reason, "certify 3★: not forwarded under the local policy (mean 76.00 "
	                                "below 80.00); awarded 4★, the district level certifies up to 3★");
}

static void test_promote__26_province_forwards_90_without_mark_condition(void **state)
{
	struct ocop_regime *r = load(small26, NULL);
	/* Leaves 1.1, 4.1, 6.1: 40 + 20 (the 5★ mark on 4.1 not met) + 30 = 90, band 5, awarded 4. */
	signed char sheet[1][64] = {{40, 20, 30}};
	struct ocop_promotion_decision dec;

	(void)state;
	assert_non_null(r);
	decide(&dec, r, sheet, 1, OCOP_LEVEL_PROVINCE, NULL);
	assert_int_equal(dec.decision, OCOP_FORWARD);
	assert_int_equal(dec.stars, 4);
	assert_string_equal(dec.reason, "forward: mean 90.00 ≥ 90.00, awarded 4★");
	ocop_regime_free(r);
}

static void test_promote__26_central_returns_to_province(void **state)
{
	struct ocop_regime *r = load(small26, NULL);
	signed char sheets[2][64] = {{30, 25, 30}, {37, 20, 30}};   /* 85 and 87: mean 86.00 */
	struct ocop_promotion_decision dec;

	(void)state;
	assert_non_null(r);
	decide(&dec, r, sheets, 2, OCOP_LEVEL_CENTRAL, NULL);
	assert_int_equal(dec.decision, OCOP_RETURN);
	assert_int_equal(dec.next_level, OCOP_LEVEL_PROVINCE);
	assert_int_equal(dec.stars, 4);
	assert_string_equal(dec.reason, "return to province: mean 86.00 < 90; the province may certify 4★");
	assert_string_equal(ocop_decision_name(dec.decision), "return");
	/* The same decision in Vietnamese, whatever the language of the process (the catalog's). */
	assert_string_equal(dec.reason_vi,
	                    "trả về cấp tỉnh: trung bình 86.00 < 90; cấp tỉnh có thể công nhận 4★");
	/* 40 + 25 + 35 = 100 with the 5★ mark met: certified. */
	sheets[0][0] = 40, sheets[0][1] = 25, sheets[0][2] = 35;
	decide(&dec, r, sheets, 1, OCOP_LEVEL_CENTRAL, NULL);
	assert_int_equal(dec.decision, OCOP_CERTIFY);
	assert_int_equal(dec.stars, 5);
	ocop_regime_free(r);
}

static void test_promote__renewal_and_return_to_load(void **state)
{
	struct ocop_regime *r = load(small26, NULL);

	(void)state;
	assert_non_null(r);
	assert_true(r->renewal.given);
	assert_int_equal(r->renewal.file_from_days, 180);
	assert_int_equal(r->renewal.file_to_days, 120);
	assert_int_equal(r->renewal.late_valid_days, 180);
	assert_int_equal(r->promotion[2].return_to, OCOP_LEVEL_PROVINCE);
	assert_int_equal(r->promotion[1].return_to, OCOP_LEVEL_NONE);
	ocop_regime_free(r);
	assert_false(builtin("148")->renewal.given);
}

static void test_promote__bad_renewal_and_return_to_are_reported(void **state)
{
	char *text = strdup(small26), *p;
	struct ocop_diags diags = {0};

	(void)state;
	assert_non_null(text);
	p = strstr(text, "\"file_to_days\": 120");
	memcpy(p, "\"file_to_days\": 190", 19);
	p = strstr(text, "\"return_to\": \"province\"");
	memcpy(p, "\"return_to\": \"central\" ", 23);
	assert_null(load(text, &diags));
	assert_int_equal(diags.n, 2);
	assert_string_equal(diags.v[0].where, "$.promotion[2].return_to");
	assert_string_equal(diags.v[1].where, "$.renewal.file_to_days");
	ocop_diags_free(&diags);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_promote__policy_never_takes_away_the_district_certificate),
		cmocka_unit_test(test_promote__26_province_forwards_90_without_mark_condition),
		cmocka_unit_test(test_promote__26_central_returns_to_province),
		cmocka_unit_test(test_promote__renewal_and_return_to_load),
		cmocka_unit_test(test_promote__bad_renewal_and_return_to_are_reported),
	};

	return cmocka_run_group_tests(tests, NULL, free_catalog);
}
