/* Criteria: the built-in regimes load and agree with the rule book; bad files are rejected with
 * the JSON path of each problem. */
#include "ocop/i18n.h"
#include "fixtures.h"

#include <stdlib.h>

#define HEAD                                                                                     \
	"{\"format\":\"ocop-criteria-1\",\"id\":\"t\",\"decision\":\"d\",\"name_vi\":\"v\","         \
	"\"name_en\":\"e\",\"effective_from\":\"2024-01-01\",\"effective_to\":null,"                 \
	"\"parts\":[{\"id\":\"A\",\"max\":40,\"name_vi\":\"a\",\"name_en\":\"a\"},"                   \
	"{\"id\":\"B\",\"max\":25,\"name_vi\":\"b\",\"name_en\":\"b\"},"                              \
	"{\"id\":\"C\",\"max\":35,\"name_vi\":\"c\",\"name_en\":\"c\"}],"                             \
	"\"bands\":[{\"stars\":1,\"min\":0},{\"stars\":2,\"min\":30},{\"stars\":3,\"min\":50},"       \
	"{\"stars\":4,\"min\":70},{\"stars\":5,\"min\":90}],"                                        \
	"\"recognised_min_stars\":3,\"spread_limit\":10,\"certificate_months\":36,\"notice_days\":30,\"levels\":[\"district\",\"province\"],"     \
	"\"promotion\":[{\"level\":\"district\",\"certify\":[3],\"forward_min_stars\":4,"            \
	"\"next\":\"province\"}],"

#define SEC(n, part, max, crit)                                                                  \
	"{\"number\":" #n ",\"part\":\"" part "\",\"max\":" #max ",\"name_vi\":\"s\","                \
	"\"name_en\":\"s\",\"criteria\":[" crit "]}"
#define LEAF(id, max, opts)                                                                      \
	"{\"id\":\"" id "\",\"max\":" #max ",\"label_vi\":\"l\",\"label_en\":\"l\",\"options\":["    \
	opts "]}"
#define OPT(p) "{\"points\":" #p ",\"label_vi\":\"o\",\"label_en\":\"o\"}"
#define SET(sections)                                                                            \
	"\"sets\":[{\"code\":\"X.1\",\"number\":1,\"name_vi\":\"x\",\"name_en\":\"x\","              \
	"\"sections\":[" sections "]}]}"

#define GOOD_SECTIONS                                                                            \
	SEC(1, "A", 40, LEAF("1.a", 20, OPT(10) "," OPT(20)) "," LEAF("1.b", 20, OPT(20)))           \
	"," SEC(2, "B", 25, LEAF("2", 25, OPT(25))) "," SEC(3, "C", 35, LEAF("3", 35, OPT(35)))

static int load(const char *text, struct ocop_diags *d, struct ocop_regime **r)
{
	struct ocop_err err = {0};
	int rc = ocop_regime_load(r, text, strlen(text), "t.json", NULL, d, &err);

	assert_true(rc == 0 || err.code != 0);
	return rc;
}

/* Asserts that loading fails and that some problem mentions both path and text. */
static void expect_problem(const char *text, const char *path, const char *msg)
{
	struct ocop_diags d = {0};
	struct ocop_regime *r = NULL;
	int found = 0;

	assert_int_equal(load(text, &d, &r), -1);
	assert_null(r);
	for (size_t i = 0; i < d.n; i++)
		found |= strstr(d.v[i].where, path) && strstr(d.v[i].msg, msg);
	if (!found) {
		for (size_t i = 0; i < d.n; i++)
			print_error("%s: %s\n", d.v[i].where, d.v[i].msg);
		fail_msg("no problem at %s saying \"%s\"", path, msg);
	}
	ocop_diags_free(&d);
}

static void test_criteria__minimal_file_loads(void **state)
{
	struct ocop_diags d = {0};
	struct ocop_regime *r = NULL;

	(void)state;
	assert_int_equal(load(HEAD SET(GOOD_SECTIONS), &d, &r), 0);
	assert_int_equal(d.n, 0);
	assert_int_equal(r->nsets, 1);
	assert_int_equal(r->sets[0].nleaves, 4);
	assert_int_equal(strlen(r->hash), 16);
	ocop_regime_free(r);
}

static void test_criteria__section_not_adding_up_names_its_path(void **state)
{
	(void)state;
	expect_problem(HEAD SET(SEC(1, "A", 40, LEAF("1.a", 20, OPT(20))) "," SEC(
	                   2, "B", 25, LEAF("2", 25, OPT(25))) "," SEC(3, "C", 35, LEAF("3", 35, OPT(35)))),
	               "$.sets[0].sections[0]", "section 1: maximum 40 but its criteria add to 20");
}

static void test_criteria__criterion_max_must_be_best_option(void **state)
{
	(void)state;
	expect_problem(HEAD SET(SEC(1, "A", 40, LEAF("1.a", 20, OPT(10) "," OPT(15)) "," LEAF(
	                   "1.b", 20, OPT(20))) "," SEC(2, "B", 25, LEAF("2", 25, OPT(25))) "," SEC(
	                   3, "C", 35, LEAF("3", 35, OPT(35)))),
	               "$.sets[0].sections[0].criteria[0].options", "best option gives 15");
}

static void test_criteria__part_maxima_checked(void **state)
{
	(void)state;
	expect_problem(HEAD SET(SEC(1, "A", 40, LEAF("1.a", 40, OPT(40))) "," SEC(
	                   2, "A", 25, LEAF("2", 25, OPT(25))) "," SEC(3, "C", 35, LEAF("3", 35, OPT(35)))),
	               "$.sets[0].sections", "part A adds to 65, not 40");
}

static void test_criteria__duplicate_id_and_bad_mark(void **state)
{
	(void)state;
	expect_problem(HEAD SET(SEC(1, "A", 40, LEAF("1.a", 20, OPT(20)) "," LEAF("1.a", 20, OPT(20)))
	                        "," SEC(2, "B", 25, LEAF("2", 25, OPT(25))) "," SEC(
	                            3, "C", 35, LEAF("3", 35, OPT(35)))),
	               "$.sets[0].sections[0].criteria[1]", "used twice");
	expect_problem(HEAD SET(SEC(1, "A", 40,
	                            LEAF("1.a", 20, "{\"points\":20,\"mark\":6,\"label_vi\":\"o\","
	                                            "\"label_en\":\"o\"}") "," LEAF("1.b", 20, OPT(20)))
	                        "," SEC(2, "B", 25, LEAF("2", 25, OPT(25))) "," SEC(
	                            3, "C", 35, LEAF("3", 35, OPT(35)))),
	               "options[0].mark", "out of range");
}

static void test_criteria__bands_must_rise(void **state)
{
	char *text = strdup(HEAD SET(GOOD_SECTIONS));
	char *p = strstr(text, "\"min\":70");

	(void)state;
	memcpy(p, "\"min\":40", 8);
	expect_problem(text, "$.bands[3]", "band minima must rise strictly");
	free(text);
}

static void test_criteria__syntax_error_has_line_and_column(void **state)
{
	const char *text = "{\n  \"format\": \"ocop-criteria-1\",\n  \"id\": 148,,\n}";
	struct ocop_diags d = {0};
	struct ocop_regime *r = NULL;

	(void)state;
	assert_int_equal(load(text, &d, &r), -1);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.v[0].code, OCOP_ESYNTAX);
	assert_int_equal(d.v[0].line, 3);
	ocop_diags_free(&d);
}

static void test_criteria__builtin_148_has_26_sets_of_100_points(void **state)
{
	const struct ocop_regime *r = builtin("148");

	(void)state;
	assert_int_equal(r->nsets, 26);
	assert_string_equal(r->sets[0].code, "I.1.a");
	assert_string_equal(r->sets[25].code, "VI.1");
	assert_ptr_equal(ocop_regime_find_set(r, "13"), ocop_regime_find_set(r, "I.6"));
	assert_null(ocop_regime_find_set(r, "I.9"));
	assert_int_equal(r->spread_limit, 10);
	assert_int_equal(ocop_regime_band(r, 209, 3), 3);
	assert_int_equal(ocop_regime_band(r, 210, 3), 4);
}

static void test_criteria__set_1_matches_the_sheet(void **state)
{
	const struct ocop_set *s = ocop_regime_find_set(builtin("148"), "1");
	int leaf = ocop_set_find_leaf(s, "9.a");
	char buf[64];

	(void)state;
	assert_int_equal(s->nleaves, 32);
	ocop_set_points_list(s, (size_t)leaf, buf, sizeof buf);
	assert_string_equal(buf, "0, 1, 2");
	assert_false(ocop_set_valid_points(s, (size_t)leaf, 3));
	assert_true(ocop_set_find_leaf(s, "7") >= 0);
	assert_true(ocop_set_find_leaf(s, "7.a") < 0);
}

static void test_criteria__regimes_by_date(void **state)
{
	struct ocop_err err = {0};

	(void)state;
	builtin("148");
	assert_string_equal(ocop_catalog_pick(test_catalog, "2022-05-01", &err)->id, "1048");
	assert_string_equal(ocop_catalog_pick(test_catalog, "2024-05-01", &err)->id, "148");
	assert_string_equal(ocop_catalog_pick(test_catalog, "2025-07-06", &err)->id, "148-1489");
	assert_string_equal(ocop_catalog_pick(test_catalog, "2026-09-15", &err)->id, "26-2026");
	assert_string_equal(ocop_catalog_pick(test_catalog, NULL, &err)->id, "26-2026");
	assert_int_equal(builtin("148-1489")->nsets, 26);
	assert_int_equal(builtin("26-2026")->nsets, 26);
	assert_int_equal(builtin("26-2026")->parts[0].max, 40);
	assert_int_equal(builtin("1048")->nsets, 25);
	assert_int_equal(builtin("1048")->parts[2].max, 40);
}

static void test_criteria__yesno_criterion_scores_0_or_max(void **state)
{
	static const char text[] = HEAD SET(
	    SEC(1, "A", 40, LEAF("1.1", 39, OPT(39)) ","
	        "{\"id\":\"1.2\",\"max\":1,\"yesno\":true,\"label_vi\":\"l\",\"label_en\":\"l\","
	        "\"text_vi\":\"Ghi nh\u00e3n song ng\u1eef\"}")
	    "," SEC(2, "B", 25, LEAF("2", 25, OPT(25))) "," SEC(3, "C", 35, LEAF("3", 35, OPT(35))));
	struct ocop_diags d = {0};
	struct ocop_regime *r = NULL;
	char buf[32];
	int leaf;

	(void)state;
	assert_int_equal(load(text, &d, &r), 0);
	leaf = ocop_set_find_leaf(&r->sets[0], "1.2");
	assert_true(leaf >= 0);
	assert_true(ocop_set_leaf(&r->sets[0], (size_t)leaf)->yesno);
	assert_string_equal(ocop_set_leaf(&r->sets[0], (size_t)leaf)->text_vi, "Ghi nhãn song ngữ");
	ocop_set_points_list(&r->sets[0], (size_t)leaf, buf, sizeof buf);
	assert_string_equal(buf, "0, 1");
	assert_false(ocop_set_valid_points(&r->sets[0], (size_t)leaf, 2));
	ocop_regime_free(r);
	ocop_diags_free(&d);
}

static void test_criteria__yesno_criterion_with_options_is_rejected(void **state)
{
	(void)state;
	expect_problem(HEAD SET(SEC(1, "A", 40, "{\"id\":\"1.1\",\"max\":40,\"yesno\":true,"
	                                        "\"label_vi\":\"l\",\"label_en\":\"l\",\"options\":["
	                                        OPT(40) "]}")
	                           "," SEC(2, "B", 25, LEAF("2", 25, OPT(25))) ","
	                           SEC(3, "C", 35, LEAF("3", 35, OPT(35)))),
	               "$.sets[0].sections[0].criteria[0]", "a yes/no criterion has no options");
}

/* A regime from 2025-09-01 beside the built-in 148-1489: a transition decided by submitted_on. */
static void test_criteria__transition_needs_submitted_on(void **state)
{
	static const char text[] = "{\"format\":\"ocop-criteria-1\",\"id\":\"t2\",\"decision\":\"d\","
	    "\"name_vi\":\"v\",\"name_en\":\"e\",\"effective_from\":\"2025-09-01\",\"effective_to\":null,"
	    "\"parts\":[{\"id\":\"A\",\"max\":40,\"name_vi\":\"a\",\"name_en\":\"a\"},"
	    "{\"id\":\"B\",\"max\":25,\"name_vi\":\"b\",\"name_en\":\"b\"},"
	    "{\"id\":\"C\",\"max\":35,\"name_vi\":\"c\",\"name_en\":\"c\"}],"
	    "\"bands\":[{\"stars\":1,\"min\":0},{\"stars\":2,\"min\":30},{\"stars\":3,\"min\":50},"
	    "{\"stars\":4,\"min\":70},{\"stars\":5,\"min\":90}],\"recognised_min_stars\":3,"
	    "\"spread_limit\":10,\"certificate_months\":36,\"notice_days\":30,"
	    "\"levels\":[\"commune\",\"province\",\"central\"],\"promotion\":[],\"sets_from\":\"148\"}";
	struct ocop_catalog *cat;
	const struct ocop_regime *r;
	struct ocop_err err = {0};
	struct ocop_basis why;

	(void)state;
	assert_int_equal(ocop_catalog_new(&cat, &err), 0);
	assert_int_equal(ocop_catalog_load(&r, cat, text, strlen(text), "t2.json", NULL, &err), 0);
	r = ocop_catalog_choose(cat, "2025-10-01", NULL, &why, &err);
	assert_null(r);
	assert_string_equal(err.where, "submitted_on");
	assert_non_null(strstr(err.msg, "transition from 148-1489 to t2"));
	ocop_err_clear(&err);
	r = ocop_catalog_choose(cat, "2025-10-01", "2025-08-31", &why, &err);
	assert_string_equal(r->id, "148-1489");
	assert_int_equal(why.kind, OCOP_BASIS_FILED_BEFORE);
	assert_string_equal(why.date, "2025-09-01");
	r = ocop_catalog_choose(cat, "2025-10-01", "2025-09-01", &why, &err);
	assert_string_equal(r->id, "t2");
	assert_int_equal(why.kind, OCOP_BASIS_FILED_FROM);
	r = ocop_catalog_choose(cat, "2025-08-31", NULL, &why, &err);
	assert_string_equal(r->id, "148-1489");
	assert_int_equal(why.kind, OCOP_BASIS_IN_FORCE);
	ocop_catalog_free(cat);
}

static void test_criteria__no_regime_before_2019_08_21(void **state)
{
	struct ocop_catalog *cat;
	struct ocop_err err = {0};

	(void)state;
	assert_int_equal(ocop_catalog_new(&cat, &err), 0);
	assert_null(ocop_catalog_choose(cat, "2018-05-01", NULL, NULL, &err));
	assert_string_equal(err.where, "evaluated_on");
	assert_non_null(strstr(err.msg, "before 2019-08-21, the first day of the earliest regime (1048)"));
	ocop_err_clear(&err);
	assert_string_equal(ocop_catalog_choose(cat, "2019-08-21", NULL, NULL, &err)->id, "1048");
	ocop_catalog_free(cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_criteria__minimal_file_loads),
		cmocka_unit_test(test_criteria__section_not_adding_up_names_its_path),
		cmocka_unit_test(test_criteria__criterion_max_must_be_best_option),
		cmocka_unit_test(test_criteria__part_maxima_checked),
		cmocka_unit_test(test_criteria__duplicate_id_and_bad_mark),
		cmocka_unit_test(test_criteria__bands_must_rise),
		cmocka_unit_test(test_criteria__syntax_error_has_line_and_column),
		cmocka_unit_test(test_criteria__builtin_148_has_26_sets_of_100_points),
		cmocka_unit_test(test_criteria__set_1_matches_the_sheet),
		cmocka_unit_test(test_criteria__regimes_by_date),
		cmocka_unit_test(test_criteria__yesno_criterion_scores_0_or_max),
		cmocka_unit_test(test_criteria__yesno_criterion_with_options_is_rejected),
		cmocka_unit_test(test_criteria__transition_needs_submitted_on),
		cmocka_unit_test(test_criteria__no_regime_before_2019_08_21),
	};
	/* The messages checked here are the English ones (the msgids). */
	ocop_lang_set(OCOP_LANG_EN);
	return cmocka_run_group_tests(tests, NULL, free_catalog);
}
