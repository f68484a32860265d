/* fixtures.h — shared helpers for the unit tests: the built-in regimes and DOMAIN.md's example. */
#ifndef OCOP_TEST_FIXTURES_H
#define OCOP_TEST_FIXTURES_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ocop/catalog.h"
#include "ocop/criteria.h"
#include "ocop/dossier.h"

/* DOMAIN.md, "Worked examples": set 1, regime 148, one member, total 76 (A 34, B 19, C 23). */
static const struct {
	const char *id;
	int points;
} domain_example[] = {
	{"1.a", 5}, {"1.b", 2}, {"1.c", 2}, {"1.d", 2}, {"1.dd", 1}, {"1.e", 1}, {"2.a", 4},
	{"2.b", 2}, {"2.c", 3}, {"3.a", 3}, {"3.b", 1}, {"3.c", 3}, {"3.d", 2}, {"3.dd", 1},
	{"3.e", 2}, {"4.a", 3}, {"4.b", 3}, {"4.c", 3}, {"5.a", 4}, {"5.b", 5}, {"5.c", 1},
	{"6.a", 2}, {"6.b", 3}, {"6.c", 2}, {"6.d", 2}, {"7", 1},   {"8", 3},   {"9.a", 2},
	{"9.b", 3}, {"10", 3},  {"11", 1},  {"12", 1}};

static struct ocop_catalog *test_catalog;

static inline const struct ocop_regime *builtin(const char *id)
{
	struct ocop_err err = {0};
	const struct ocop_regime *r;

	if (!test_catalog)
		assert_int_equal(ocop_catalog_new(&test_catalog, &err), 0);
	r = ocop_catalog_get(test_catalog, id, &err);
	if (!r)
		fail_msg("regime %s: %s: %s", id, err.where, err.msg);
	return r;
}

static inline int free_catalog(void **state)
{
	(void)state;
	ocop_catalog_free(test_catalog);
	test_catalog = NULL;
	return 0;
}

/* A batch under regime 148 and its diagnostics: the reader tests' setup and teardown. */
static inline int open_batch(struct ocop_batch **b, struct ocop_diags *d)
{
	struct ocop_err err = {0};
	const struct ocop_regime *r = builtin("148");

	memset(d, 0, sizeof *d);
	return ocop_batch_new(b, test_catalog, r, d, &err);
}

static inline void close_batch(struct ocop_batch *b, struct ocop_diags *d)
{
	ocop_batch_free(b);
	ocop_diags_free(d);
}

/* Fills pts (one member's sheet for set 1) with the DOMAIN.md example. */
static inline void domain_sheet(const struct ocop_set *s, signed char *pts)
{
	memset(pts, 0, s->nleaves);
	assert_int_equal(s->nleaves, sizeof domain_example / sizeof *domain_example);
	for (size_t i = 0; i < s->nleaves; i++) {
		int leaf = ocop_set_find_leaf(s, domain_example[i].id);
		assert_true(leaf >= 0);
		pts[leaf] = (signed char)domain_example[i].points;
	}
}

static inline void set_points(const struct ocop_set *s, signed char *pts, const char *id, int p)
{
	int leaf = ocop_set_find_leaf(s, id);

	assert_true(leaf >= 0);
	pts[leaf] = (signed char)p;
}

#endif
