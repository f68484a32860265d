#include "ocop/suggest.h"

#include <stdlib.h>
#include <string.h>

static int low(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

size_t ocop_edit_distance(const char *a, const char *b, size_t cap)
{
	size_t n = strlen(a), m = strlen(b), *row[3], best;

	if ((n > m ? n - m : m - n) > cap || n > 200 || m > 200)
		return cap + 1;
	for (int k = 0; k < 3; k++)
		if (!(row[k] = malloc((m + 1) * sizeof *row[k]))) {
			while (k--)
				free(row[k]);
			return cap + 1;
		}
	/* row[2] is row i - 2, row[0] row i - 1, row[1] row i. */
	for (size_t j = 0; j <= m; j++)
		row[0][j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t *cur = row[1], *prev = row[0], *pprev = row[2];
		cur[0] = i;
		best = i;
		for (size_t j = 1; j <= m; j++) {
			size_t cost = low(a[i - 1]) != low(b[j - 1]), v = prev[j - 1] + cost;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && low(a[i - 1]) == low(b[j - 2]) &&
			    low(a[i - 2]) == low(b[j - 1]) && pprev[j - 2] + 1 < v)
				v = pprev[j - 2] + 1;
			cur[j] = v;
			if (v < best)
				best = v;
		}
		row[2] = prev;
		row[0] = cur;
		row[1] = pprev;
		if (best > cap)
			break;
	}
	best = n > 0 && best > cap ? cap + 1 : row[0][m];
	for (int k = 0; k < 3; k++)
		free(row[k]);
	return best > cap ? cap + 1 : best;
}

const char *ocop_suggest(const char *word, const char *const *cands, size_t n)
{
	size_t len = strlen(word), cap = len / 3, best = (size_t)-1, d;
	const char *hit = NULL;

	if (cap < 1)
		cap = 1;
	if (cap > 3)
		cap = 3;
	for (size_t i = 0; i < n; i++) {
		if (!cands[i] || strcmp(cands[i], word) == 0)
			continue;
		d = ocop_edit_distance(word, cands[i], cap);
		if (d <= cap && d < best) {
			best = d;
			hit = cands[i];
		}
	}
	return hit;
}
