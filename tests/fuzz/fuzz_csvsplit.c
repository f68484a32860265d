/* tests/fuzz/fuzz_csvsplit.c — libFuzzer target: any input read line by line through the CSV fast
 * path gives exactly the callbacks of one libcsv parser over all of it (src/csvsplit.h). */
#include <stdint.h>

#include "../unit/csv_agree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!csv_agree((const char *)data, size))
		__builtin_trap();
	return 0;
}
