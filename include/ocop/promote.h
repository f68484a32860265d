/* ocop/promote.h — the promotion stage: what a level's council decides for each scored product
 * (certify, forward to the next level, not recognised, hold), with the reason, by the regime's
 * promotion rules. Pure functions; the result owns nothing. */
#ifndef OCOP_PROMOTE_H
#define OCOP_PROMOTE_H

#include <stddef.h>

#include "ocop/dossier.h"
#include "ocop/score.h"

/* OCOP_RETURN: the level neither certifies nor forwards the product and sends it back to a lower
 * level (rule "return_to") with its council's score (26-2026 central → province). */
enum ocop_decision { OCOP_CERTIFY, OCOP_FORWARD, OCOP_NOT_RECOGNISED, OCOP_HOLD, OCOP_RETURN };

/* A local policy overriding the regime's forwarding thresholds; -1 keeps the regime's. */
struct ocop_policy {
	int min_stars;
	long min_total_centi;     /* mean total in hundredths */
};

struct ocop_promotion_decision {
	int decision;             /* enum ocop_decision */
	int stars;                /* stars certified (certify), awarded otherwise */
	int level;                /* the level that decided */
	int next_level;           /* where a forwarded (or returned) product goes, or OCOP_LEVEL_NONE */
	int precheck;             /* 1 when the level only checks the dossier and gives no star
	                           * (rule forward_all_complete): report no stars and no total */
	char reason[320];         /* plain English, starting with the decision */
	char reason_vi[400];      /* the same in Vietnamese */
};

/* Decides for one product scored by the council of `level` (enum ocop_level). policy may be NULL. */
void ocop_promote(struct ocop_promotion_decision *out, const struct ocop_dossier *d,
                  const struct ocop_result *res, int level, const struct ocop_policy *policy);
/* The same with the reason in English only (reason_vi ""): for output that never shows the
 * Vietnamese, without translating and wording it for every product. */
void ocop_promote_en(struct ocop_promotion_decision *out, const struct ocop_dossier *d,
                     const struct ocop_result *res, int level, const struct ocop_policy *policy);
const char *ocop_decision_name(int decision);

#endif
