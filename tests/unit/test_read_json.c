/* The NDJSON reader: lines read a block at a time, and its two front ends, the scanner and cJSON,
 * which must agree. */
#include "ocop/i18n.h"
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


/* Reads text[0, len) as a JSON document; err holds the reader's fatal error. */
static int read_doc_text(const char *text, size_t len, struct ocop_err *err)
{
	FILE *f = fmemopen((void *)text, len, "r");
	int rc;

	assert_non_null(f);
	rc = ocop_read_json(batch, f, "t.json", 0, err);
	fclose(f);
	return rc;
}

/* The line and column of text + at, counted the way the reader says them. */
static void line_col(const char *text, size_t at, long *line, long *col)
{
	*line = *col = 1;
	for (size_t i = 0; i < at; i++) {
		if (text[i] == '\n')
			++*line, *col = 1;
		else if (((unsigned char)text[i] & 0xC0) != 0x80)
			++*col;
	}
}

/* An array of dossiers of every size from 40 bytes to 3 KB over several blocks, compact or spread
 * over lines, some with an escape so cJSON reads them: each dossier's line is where it starts, and
 * the product id says which line that is (L<line>-<index>). */
static void test_read_json__array_values_across_blocks_keep_their_lines(void **state)
{
	size_t cap = 3 * OCOP_MAX_JSON_VALUE, n = 0, want = 0;
	char *text = malloc(cap);
	struct ocop_err err = {0};
	unsigned x = 88172645u;
	long line = 1;

	(void)state;
	assert_non_null(text);
	text[n++] = '[';
	while (n + 4000 < cap) {
		unsigned r = next_random(&x);
		int pad = (int)(r % 3000), nl = (r >> 12) % 3 == 0, esc = (r >> 16) % 5 == 0;
		if (want)
			n += (size_t)sprintf(text + n, ",%s", (r >> 20) % 2 ? "\n" : " "),
			line += (r >> 20) % 2;
		n += (size_t)sprintf(text + n, "{\"product_id\":\"L%ld-%zu\",%s\"product_name\":\"%s\",%s"
		                               "\"members\":[]%s", line, want, nl ? "\n" : "",
		                     esc ? "Xo\\u00e0i" : "Xoài", nl ? "\r\n" : "", nl ? "\n" : "");
		line += nl * 3;
		memset(text + n, ' ', (size_t)pad);
		n += (size_t)pad;
		text[n++] = '}';
		want++;
	}
	text[n++] = ']';
	text[n++] = '\n';
	assert_int_equal(read_doc_text(text, n, &err), 0);
	assert_int_equal(ocop_batch_count(batch), want);
	for (size_t i = 0; i < ocop_batch_count(batch); i++) {
		struct ocop_dossier *d = ocop_batch_get(batch, i);
		assert_int_equal(d->line, atol(d->meta[OCOP_F_PRODUCT_ID] + 1));
	}
	free(text);
}

/* A dossier of exactly len bytes, padded with blanks. */
static size_t padded_value(char *out, const char *id, size_t len)
{
	int n = sprintf(out, "{\"product_id\":\"%s\",\"members\":[]", id);

	memset(out + n, ' ', len - (size_t)n - 1);
	out[len - 1] = '}';
	return len;
}

static void test_read_json__array_value_of_1_mib_is_read_one_byte_more_is_not(void **state)
{
	char *text = malloc(3 * OCOP_MAX_JSON_VALUE + 16);
	struct ocop_err err = {0};
	size_t n = 0;

	(void)state;
	assert_non_null(text);
	text[n++] = '[';
	n += padded_value(text + n, "A", 40);
	text[n++] = ',';
	n += padded_value(text + n, "B", OCOP_MAX_JSON_VALUE);
	text[n++] = ',';
	n += padded_value(text + n, "C", OCOP_MAX_JSON_VALUE);
	text[n++] = ']';
	assert_int_equal(read_doc_text(text, n, &err), 0);
	assert_int_equal(ocop_batch_count(batch), 3);

	n = 0;
	text[n++] = '[';
	n += padded_value(text + n, "D", 40);
	text[n++] = ',';
	text[n++] = '\n';
	text[n++] = ' ';
	n += padded_value(text + n, "E", OCOP_MAX_JSON_VALUE + 1);
	text[n++] = ']';
	assert_int_equal(read_doc_text(text, n, &err), -1);
	assert_int_equal(err.code, OCOP_ELIMIT);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.col, 2);
	assert_non_null(strstr(err.msg, "longer than 1 MiB"));

	/* One object alone has the same limit. */
	memset(&err, 0, sizeof err);
	n = padded_value(text, "F", OCOP_MAX_JSON_VALUE + 1);
	assert_int_equal(read_doc_text(text, n, &err), -1);
	assert_int_equal(err.code, OCOP_ELIMIT);
	free(text);
}

/* A syntax error far into an array is placed by its line and column in the whole text, however
 * the blocks fell; a character that a block boundary cuts is not taken for bad UTF-8. */
static void test_read_json__array_errors_are_placed_in_the_whole_text(void **state)
{
	size_t cap = 2 * OCOP_MAX_JSON_VALUE, n, bad;
	char *text = malloc(cap + 64);
	struct ocop_err err = {0};
	long line, col;

	(void)state;
	assert_non_null(text);
	for (size_t target = 65536 - 700; target < 3 * 65536; target += 65536 - 137) {
		/* dossiers up to `target`, then one whose separator is wrong, then more */
		n = 0;
		text[n++] = '[';
		for (int i = 0; n < target; i++)
			n += (size_t)sprintf(text + n, "%s{\"product_id\":\"P%d\",\"product_name\":\"Bưởi "
			                               "da xanh\",\"members\":[]}", i ? ",\n  " : "", i);
		bad = n;
		text[n++] = ';';
		while (n < target + 300000)
			n += (size_t)sprintf(text + n, "{\"product_name\":\"ảảảảảảả\"},");
		text[n++] = '{';
		text[n++] = '}';
		text[n++] = ']';
		memset(&err, 0, sizeof err);
		assert_int_equal(read_doc_text(text, n, &err), -1);
		line_col(text, bad, &line, &col);
		assert_string_equal(err.msg, "malformed JSON: expected , or ] in the array");
		assert_int_equal(err.line, line);
		assert_int_equal(err.col, col);
	}
	/* cJSON's own error, inside a dossier far in, is where it is in that dossier read alone */
	static const char bad_value[] = "{\"product_id\":\"Lê Văn\",\n\"members\":[nul]}";
	long line0, col0;
	memset(&err, 0, sizeof err);
	assert_int_equal(read_doc_text(bad_value, strlen(bad_value), &err), -1);
	assert_string_equal(err.msg, "malformed JSON");
	line0 = err.line;
	col0 = err.col;
	assert_int_equal(line0, 2);
	n = 0;
	text[n++] = '[';
	for (int i = 0; n < 200000; i++)
		n += (size_t)sprintf(text + n, "%s{\"product_id\":\"Q%d\",\n\"members\":[]}",
		                     i ? ",\n" : "", i);
	n += (size_t)sprintf(text + n, ",\n");
	line_col(text, n, &line, &col);
	n += (size_t)sprintf(text + n, "%s]", bad_value);
	memset(&err, 0, sizeof err);
	assert_int_equal(read_doc_text(text, n, &err), -1);
	assert_string_equal(err.msg, "malformed JSON");
	assert_int_equal(err.line, line + line0 - 1);
	assert_int_equal(err.col, col0);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_read_json__line_of_1_mib_is_read_one_byte_more_is_not,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_json__lines_across_blocks_keep_their_numbers,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_json__array_values_across_blocks_keep_their_lines,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_read_json__array_value_of_1_mib_is_read_one_byte_more_is_not, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_json__array_errors_are_placed_in_the_whole_text,
		                                setup, teardown),
		cmocka_unit_test(test_read_json__listed_lines_agree),
		cmocka_unit_test(test_read_json__mutated_lines_agree),
	};
	/* The messages checked here are the English ones (the msgids). */
	ocop_lang_set(OCOP_LANG_EN);
	return cmocka_run_group_tests(tests, NULL, free_catalog);
}
