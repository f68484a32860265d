/* ocop/nextstar.h — the path to the next star: the fewest criterion raises that get a product awarded
 * one more star.
 *
 * A struct ocop_path is a plain value filled by the caller's storage; it borrows nothing. Points in a
 * path are the effective points of the result (after gates), summed over the council's members. */
#ifndef OCOP_NEXTSTAR_H
#define OCOP_NEXTSTAR_H

#include <stddef.h>

#include "ocop/err.h"
#include "ocop/score.h"

#define OCOP_PATH_MAX 64

/* One criterion raised to one of its option points: every member below `to` gets `to`, members
 * above keep theirs. */
struct ocop_move {
	int leaf;          /* leaf index in the set, sheet order */
	int to;            /* option points the criterion is raised to */
	long gain;         /* points added to the members' summed total (divide by n for the mean) */
	int meets_mark;    /* highest star, up to the target, whose mark this move newly meets; or 0 */
};

struct ocop_path {
	int target;        /* the star sought: awarded stars + 1; 0 when none applies (5★, not rated) */
	int found;         /* 0: no raise allowed by the set and the dossier's flags reaches target */
	struct ocop_move moves[OCOP_PATH_MAX]; /* sheet order */
	size_t nmoves;
	long gain;         /* total added to the sum over members */
	int n;             /* members: a mean gain is gain / n */
};

/* Finds the path to res->stars + 1 stars, exactly: fewest moves, then the least total gain, then
 * moves on earlier leaves. The path is checked by re-scoring under the real rules, marks and gates
 * included. flags are the dossier's, as given to ocop_score_sheets (may be NULL). Leaves zeroed by a
 * flag gate cannot help; a leaf zeroed by a criterion gate counts only if its condition is raised
 * too. A product not rated (invalid, eliminated) or already at 5★ gets found = 0 and target 0.
 * Returns 0, or -1 on out of memory or a set beyond the search's limits. */
int ocop_next_star(struct ocop_path *out, const struct ocop_result *res, const int *flags,
                   struct ocop_err *err);

#endif
