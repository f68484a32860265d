/* tests/fuzz/fuzz_csvsplit.c — libFuzzer target: any input read line by line through the CSV fast
 * path gives exactly the callbacks of one libcsv parser over all of it (src/io/csvsplit.h); and the
 * one-pass look at a value (ocop_text_look) says what the checks it stands for say. */
#include <stdint.h>

#include "../unit/csv_agree.h"
#include "../unit/look_agree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Spreadsheets cut fields at commas, semicolons or tabs: each the fast path must get right. */
	if (!csv_agree_delim((const char *)data, size, ',') ||
	    !csv_agree_delim((const char *)data, size, ';') ||
	    !csv_agree_delim((const char *)data, size, '\t') ||
	    !look_agrees((const char *)data, size))
		__builtin_trap();
	return 0;
}
