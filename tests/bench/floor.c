/* floor — the benchmark's lower bound: libcsv parses a CSV file with empty callbacks.
 *
 *   floor FILE
 *
 * csv_parse over 64 KiB fread chunks with CSV_STRICT | CSV_APPEND_NULL, the same options a
 * careful CSV reader uses; prints only the record count (header included) to stderr.
 * Build: cc -O2 floor.c -lcsv */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void on_field(void *s, size_t len, void *data)
{
	(void)s;
	(void)len;
	(void)data;
}

static void on_record(int c, void *data)
{
	(void)c;
	++*(unsigned long *)data;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: floor FILE\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0) {
		fprintf(stderr, "floor: csv_init failed\n");
		return 1;
	}
	static char buf[64 * 1024];
	unsigned long records = 0;
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		if (csv_parse(&p, buf, n, on_field, on_record, &records) != n) {
			fprintf(stderr, "floor: %s: %s\n", argv[1], csv_strerror(csv_error(&p)));
			return 1;
		}
	if (ferror(f)) {
		perror(argv[1]);
		return 1;
	}
	csv_fini(&p, on_field, on_record, &records);
	csv_free(&p);
	fclose(f);
	fprintf(stderr, "%lu\n", records);
	return 0;
}
