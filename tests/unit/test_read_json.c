/* The NDJSON reader: lines read a block at a time, and its two front ends, the scanner and cJSON,
 * which must agree. */
#include "fixtures.h"
#include "json_agree.h"
#include "ocop/read.h"

#include <stdlib.h>

static struct ocop_batch *batch;
static struct ocop_diags diags;

static int setup(void **state)
{
	(void)state;
	return open_batch(&batch, &diags);
}

static int teardown(void **state)
{
	(void)state;
	close_batch(batch, &diags);
	return 0;
}

/* Reads text[0, len) as NDJSON; err holds the reader's fatal error. */
static int read_ndjson_text(const char *text, size_t len, struct ocop_err *err)
{
	FILE *f = fmemopen((void *)text, len, "r");
	int rc;

	assert_non_null(f);
	rc = ocop_read_json(batch, f, "t.ndjson", 1, err);
	fclose(f);
	return rc;
}

/* A dossier line of exactly len bytes, newline included when nl, padded with blanks. */
static size_t padded_line(char *out, const char *id, size_t len, int nl)
{
	int n = sprintf(out, "{\"product_id\":\"%s\",\"members\":[]", id);

	memset(out + n, ' ', len - (size_t)n - 1 - (nl != 0));
	out[len - 1 - (nl != 0)] = '}';
	if (nl)
		out[len - 1] = '\n';
	return len;
}

static void test_read_json__line_of_1_mib_is_read_one_byte_more_is_not(void **state)
{
	char *text = malloc(3 * OCOP_MAX_NDJSON_LINE);
	struct ocop_err err = {0};
	size_t n;

	(void)state;
	assert_non_null(text);
	n = padded_line(text, "A", 40, 1);
	n += padded_line(text + n, "B", OCOP_MAX_NDJSON_LINE, 1);
	n += padded_line(text + n, "C", OCOP_MAX_NDJSON_LINE, 0);
	assert_int_equal(read_ndjson_text(text, n, &err), 0);
	assert_int_equal(ocop_batch_count(batch), 3);

	n = padded_line(text, "D", OCOP_MAX_NDJSON_LINE, 1);
	n += padded_line(text + n, "E", OCOP_MAX_NDJSON_LINE + 1, 1);
	assert_int_equal(read_ndjson_text(text, n, &err), -1);
	assert_int_equal(err.line, 2);
	assert_string_equal(err.msg, "line longer than 1 MiB");

	/* The last line has no newline to end it, and is still too long. */
	memset(&err, 0, sizeof err);
	n = padded_line(text, "F", 40, 1);
	n += padded_line(text + n, "G", OCOP_MAX_NDJSON_LINE + 1, 0);
	assert_int_equal(read_ndjson_text(text, n, &err), -1);
	assert_int_equal(err.line, 2);
	assert_string_equal(err.msg, "line longer than 1 MiB");
	free(text);
}

/* Lines of every length from 1 to 700 bytes, some blank, over several blocks and past the point
 * where the buffer starts again: each dossier's problem names its own line. */
static void test_read_json__lines_across_blocks_keep_their_numbers(void **state)
{
	size_t cap = 4 * OCOP_MAX_NDJSON_LINE, n = 0, want = 0;
	char *text = malloc(cap);
	struct ocop_err err = {0};
	long line;

	(void)state;
	assert_non_null(text);
	for (line = 1; n + 800 < cap; line++) {
		size_t len = (size_t)(line * 7919 % 700) + 1;
		if (len < 40) {
			memset(text + n, ' ', len - 1);
			text[n + len - 1] = '\n';
			n += len;
			continue;
		}
		char id[16];
		snprintf(id, sizeof id, "L%ld", line);
		n += padded_line(text + n, id, len, 1);
		want++;
	}
	assert_int_equal(read_ndjson_text(text, n, &err), 0);
	assert_int_equal(ocop_batch_count(batch), want);
	for (size_t i = 0; i < ocop_batch_count(batch); i++) {
		struct ocop_dossier *d = ocop_batch_get(batch, i);
		assert_int_equal(d->line, atol(d->meta[OCOP_F_PRODUCT_ID] + 1));
	}
	free(text);
}

/* A line of the benchmark's form, with its metadata and one member's sheet. */
#define DOSSIER                                                                                   \
	"{\"product_id\":\"B000001\",\"set\":\"I.1.a\",\"product_name\":\"Thanh long ruột đỏ\","     \
	"\"evaluated_on\":\"2024-10-01\",\"members\":[{\"member\":\"TV1\",\"points\":{\"1.a\":3,"     \
	"\"1.b\":3,\"1.c\":2,\"12\":2}}]}\n"

static const struct {
	const char *line;
	int took; /* 1 when the scanner must take it, 0 when it must leave it to cJSON */
} lines[] = {
	{DOSSIER, 1},
	{"{ \"product_id\" :\t\"P1\" , \"members\" : [ ] }\r\n", 1},
	{"  {\"a\":null,\"b\":true,\"c\":false,\"d\":[],\"e\":{}}  \n", 1},
	{"{\"level\":-5,\"x\":-0,\"y\":0,\"z\":123456789,\"w\":-987654321}", 1},
	{"{\"set\":1,\"set\":2,\"members\":[],\"members\":{}}", 1},
	{"{\"colour\":\"red\",\"\":\"\",\"members\":[{\"member\":\"\",\"points\":{\"1.a\":\"5\"}}]}", 1},
	{"{\"product_id\":\"P\",\"members\":[{\"member\":\"A\",\"points\":{\"1.a\":101,\"1.b\":-1}}]}",
	 1},
	{"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", 1},
	{"[1,\"two\",[3],{\"four\":4}]", 1},
	{"\"just a string\"", 1},
	{"42", 1},
	{"{\"name\":\"Hợp tác xã \x7f ~\"}", 1},
	/* Outside the scanner's form: valid JSON that cJSON reads. */
	{"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", 0},
	{"{\"member\":\"T\\u00e2n\"}", 0},
	{"{\"member\":\"a\\\"b\"}", 0},
	{"{\"k\\n\":1}", 0},
	{"{\"p\":2.5}", 0},
	{"{\"p\":1e2}", 0},
	{"{\"p\":1E+2}", 0},
	{"{\"p\":-0.0}", 0},
	{"{\"p\":1234567890}", 0},
	{"{\"p\":\"tab\there\"}", 0},
	{"\f{\"p\":1}", 0},
	{"{\"p\":1}\v", 0},
	{"\xEF\xBB\xBF{\"p\":1}", 0},
	/* Malformed, or forms cJSON takes that JSON does not. */
	{"{\"p\":01}", 0},
	{"{\"p\":+1}", 0},
	{"{\"p\":.5}", 0},
	{"{\"p\":-}", 0},
	{"{\"p\":1.}", 0},
	{"{\"p\":tru}", 0},
	{"{\"p\":nul}", 0},
	{"{\"p\":True}", 0},
	{"{\"p\":NaN}", 0},
	{"{\"p\":truex}", 0},
	{"{\"p\":1,}", 0},
	{"[1,]", 0},
	{"[1 2]", 0},
	{"{\"p\" 1}", 0},
	{"{\"p\":1 \"q\":2}", 0},
	{"{1:2}", 0},
	{"{'p':1}", 0},
	{"{\"p\":[}", 0},
	{"{\"p\":1}}", 0},
	{"{\"p\":1} {\"q\":2}", 0},
	{"{\"p\":1} x", 0},
	{"{\"p\":\"unterminated}", 0},
	{"{\"p\":1", 0},
	{"{\"p\":1}//", 0},
	{"{", 0},
	{"}", 0},
	{"-", 0},
	{"1x", 0},
	{"", 0},
	{"   \n", 0},
};

static void test_read_json__listed_lines_agree(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++) {
		const char *why;
		int took;
		why = json_agree(lines[i].line, strlen(lines[i].line), &took);
		if (why)
			fail_msg("line %zu: %s: %s", i, why, lines[i].line);
		if (took != lines[i].took)
			fail_msg("line %zu: the scanner %s it: %s", i, took ? "took" : "gave up on",
			         lines[i].line);
	}
}

/* xorshift32: the same mutations on every run. */
static unsigned next_random(unsigned *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* Lines of the listed kinds with a few bytes replaced, inserted or removed: mostly malformed, some
 * still in the scanner's form. */
static void test_read_json__mutated_lines_agree(void **state)
{
	static const char bytes[] = "{}[]\":,\\ \t\r0123456789-+.eEtrufalsn\x01\x7f\xc3\xa2x";
	char buf[512];
	unsigned x = 2463534242u;
	int took, taken = 0, runs = 30000;

	(void)state;
	for (int r = 0; r < runs; r++) {
		const char *seed = lines[next_random(&x) % 12].line, *why;
		size_t len = strlen(seed);
		memcpy(buf, seed, len);
		for (unsigned k = next_random(&x) % 3 + 1; k > 0 && len > 0; k--) {
			size_t at = next_random(&x) % len;
			char c = bytes[next_random(&x) % (sizeof bytes - 1)];
			switch (next_random(&x) % 3) {
			case 0:
				buf[at] = c;
				break;
			case 1:
				memmove(buf + at + 1, buf + at, len++ - at);
				buf[at] = c;
				break;
			default:
				memmove(buf + at, buf + at + 1, --len - at);
				break;
			}
		}
		why = json_agree(buf, len, &took);
		if (why)
			fail_msg("mutation %d: %s: %.*s", r, why, (int)len, buf);
		taken += took;
	}
	/* Both front ends must have had their share, or the comparison proved little. */
	assert_true(taken > runs / 20);
	assert_true(taken < runs - runs / 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_json__line_of_1_mib_is_read_one_byte_more_is_not,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_json__lines_across_blocks_keep_their_numbers,
		                                setup, teardown),
		cmocka_unit_test(test_read_json__listed_lines_agree),
		cmocka_unit_test(test_read_json__mutated_lines_agree),
	};
	return cmocka_run_group_tests(tests, NULL, free_catalog);
}
