/* ocop/promote.h — the promotion stage: what a level's council decides for each scored product
 * (certify, forward to the next level, not recognised, hold), with the reason, by the regime's
 * promotion rules. Pure functions; the result owns nothing. */
#ifndef OCOP_PROMOTE_H
#define OCOP_PROMOTE_H

#include <stddef.h>

#include "ocop/dossier.h"
#include "ocop/score.h"

enum ocop_decision { OCOP_CERTIFY, OCOP_FORWARD, OCOP_NOT_RECOGNISED, OCOP_HOLD };

/* A local policy overriding the regime's forwarding thresholds; -1 keeps the regime's. */
struct ocop_policy {
	int min_stars;
	long min_total_centi;     /* mean total in hundredths */
};

struct ocop_promotion_decision {
	int decision;             /* enum ocop_decision */
	int stars;                /* stars certified (certify), awarded otherwise */
	int level;                /* the level that decided */
	int next_level;           /* where a forwarded product goes, or OCOP_LEVEL_NONE */
	char reason[320];         /* plain English, starting with the decision */
	char reason_vi[400];      /* the same in Vietnamese */
};

/* Decides for one product scored by the council of `level` (enum ocop_level). policy may be NULL. */
void ocop_promote(struct ocop_promotion_decision *out, const struct ocop_dossier *d,
                  const struct ocop_result *res, int level, const struct ocop_policy *policy);
const char *ocop_decision_name(int decision);

#endif
