/* The set of ids a streaming batch has handed over: exact in any order, small when sorted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "idset.h"

/* Ids in increasing order, some long (two-byte varints), looked up between and around them. */
static void test_idset__sorted_ids_are_exact_and_small(void **state)
{
	struct idset s = {0};
	char id[400], pad[301];

	(void)state;
	memset(pad, 'x', 300);
	pad[300] = '\0';
	for (int i = 0; i < 100000; i += 2) {
		snprintf(id, sizeof id, "B%06d", i);
		assert_int_equal(idset_has(&s, id), 0);
		assert_int_equal(idset_add(&s, id), 0);
	}
	for (int i = 0; i < 100000; i++) {
		snprintf(id, sizeof id, "B%06d", i);
		assert_int_equal(idset_has(&s, id), i % 2 == 0);
	}
	assert_int_equal(idset_has(&s, "A"), 0);
	assert_int_equal(idset_has(&s, "B"), 0);
	assert_int_equal(idset_has(&s, "B0000000"), 0);
	assert_int_equal(s.hashed, 0);
	/* 50,000 ids of 7 characters in a few bytes each */
	assert_true(idset_bytes(&s) < 50000 * 6);
	for (int i = 0; i < 50; i++) {
		snprintf(id, sizeof id, "C%s%03d", pad, i * 2);
		assert_int_equal(idset_add(&s, id), 0);
	}
	snprintf(id, sizeof id, "C%s%03d", pad, 42);
	assert_int_equal(idset_has(&s, id), 1);
	snprintf(id, sizeof id, "C%s%03d", pad, 43);
	assert_int_equal(idset_has(&s, id), 0);
	assert_int_equal(s.hashed, 0);
	idset_free(&s);
}

/* Ids in any order against a plain array: the set answers the same before and after the first id
 * out of order moves it to the hash set. */
static void test_idset__any_order_matches_a_reference(void **state)
{
	struct idset s = {0};
	static char seen[5000];
	uint32_t x = 12345;
	char id[32];

	(void)state;
	memset(seen, 0, sizeof seen);
	for (int i = 0; i < 20000; i++) {
		int k;
		x = x * 1103515245u + 12345u;
		/* a sorted start, then any order */
		k = i < 300 ? i * 3 : (int)((x >> 8) % 5000);
		snprintf(id, sizeof id, "P%d", k);
		assert_int_equal(idset_has(&s, id), seen[k]);
		assert_int_equal(idset_add(&s, id), 0);
		seen[k] = 1;
	}
	assert_int_equal(s.hashed, 1);
	for (int k = 0; k < 5000; k++) {
		snprintf(id, sizeof id, "P%d", k);
		assert_int_equal(idset_has(&s, id), seen[k]);
	}
	idset_free(&s);
}

/* The first id out of order may be one already there (a product split in two). */
static void test_idset__a_repeat_out_of_order_is_found(void **state)
{
	struct idset s = {0};
	char id[16];

	(void)state;
	for (int i = 0; i < 40; i++) {
		snprintf(id, sizeof id, "X%02d", i);
		idset_add(&s, id);
	}
	assert_int_equal(idset_has(&s, "X17"), 1);
	assert_int_equal(idset_has(&s, "X170"), 0);
	assert_int_equal(idset_add(&s, "X17"), 0);
	assert_int_equal(s.hashed, 0);
	assert_int_equal(s.n, 40);
	assert_int_equal(idset_add(&s, "X170"), 0);
	assert_int_equal(s.hashed, 1);
	assert_int_equal(s.n, 41);
	assert_int_equal(idset_has(&s, "X00"), 1);
	assert_int_equal(idset_has(&s, "X39"), 1);
	assert_int_equal(idset_has(&s, "X40"), 0);
	idset_free(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idset__sorted_ids_are_exact_and_small),
		cmocka_unit_test(test_idset__any_order_matches_a_reference),
		cmocka_unit_test(test_idset__a_repeat_out_of_order_is_found),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
