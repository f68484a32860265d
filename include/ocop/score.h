/* ocop/score.h — scoring: members' totals, parts, the mean, band and awarded stars, marks, spread.
 *
 * Pure functions of a dossier and its criteria. A struct ocop_result owns its arrays (free with
 * ocop_result_free) and borrows the dossier, set and regime, which must outlive it. Means are never
 * floating point: a mean is a sum over n members, compared as sum >= threshold * n. */
#ifndef OCOP_SCORE_H
#define OCOP_SCORE_H

#include <stddef.h>

#include "ocop/criteria.h"
#include "ocop/dossier.h"
#include "ocop/err.h"

/* ELIMINATED: a gate of the sheet eliminated the product ("Hồ sơ bị loại khi …"): a final decision,
 * never starred; its totals and band are still computed and shown.
 * UNSCORED: a valid dossier with no member's sheet yet (a blank dossier, an intake): to be scored;
 * it has no total and no stars. */
enum ocop_status { OCOP_STATUS_OK, OCOP_STATUS_RESCORE, OCOP_STATUS_INVALID, OCOP_STATUS_ELIMINATED,
                   OCOP_STATUS_UNSCORED };

struct ocop_mark_eval {
	const struct ocop_mark *mark;
	long sum;                   /* the criterion's points summed over members */
	int met;
};

struct ocop_result {
	const struct ocop_regime *regime;
	const struct ocop_set *set;
	int n;                      /* members */
	long part_sum[OCOP_MAX_PARTS]; /* summed over members */
	long total_sum;
	int *member_total;          /* per member */
	int *member_part;           /* per member × part: member_part[m * nparts + p] */
	long *leaf_sum;             /* per leaf, summed over members, after gates */
	signed char *points;        /* effective points per member × leaf (after gates) */
	int spread;
	int band;                   /* star band of the mean */
	int stars;                  /* awarded: band capped by the first failing mark; 0 if eliminated */
	int recognised;
	int status;                 /* enum ocop_status */
	int eliminated;             /* gate index that eliminated the product, or -1 */
	struct ocop_mark_eval *marks; /* every mark of the set, in the set's order */
	size_t nmarks;
	int *gate_hits;             /* per gate: members it applied to */
	int blocking_star;          /* lowest star with a failed mark at or below the band, or 0 */
	/* The marks not met whose star is at most the band (ocop_result_mark_relevant: the failed
	 * marks a result reports), as indices into marks in the set's order: writers look at these,
	 * not at every mark. In the block marks points to. */
	const int *failed;
	size_t nfailed;
	/* The two blocks every array above lives in, and their sizes (ocop_score_dossier_next uses
	 * them again). */
	void *block[2];
	size_t block_size[2];
};

/* Scores member sheets directly: points[m][leaf] for n members, flags as in struct ocop_dossier
 * (may be NULL for defaults). This is the whole rule book; ocop_score_dossier wraps it. */
int ocop_score_sheets(struct ocop_result *res, const struct ocop_regime *r,
                      const struct ocop_set *s, const signed char *const *points, int n,
                      const int *flags, struct ocop_err *err);
/* Scores a dossier; an invalid dossier (errors, no set) gets status OCOP_STATUS_INVALID, a valid one
 * without sheets OCOP_STATUS_UNSCORED, with whatever could be computed left at zero. */
int ocop_score_dossier(struct ocop_result *res, const struct ocop_dossier *d,
                       struct ocop_err *err);
/* ocop_score_dossier for a stream of products: res is zeroed or holds the previous product's
 * result, whose memory this one uses again (no allocation while products fit). The last result is
 * freed with ocop_result_free. */
int ocop_score_dossier_next(struct ocop_result *res, const struct ocop_dossier *d,
                            struct ocop_err *err);
void ocop_result_free(struct ocop_result *res);

/* A failed mark counts toward the reported list when its star is at most the band. */
int ocop_result_mark_relevant(const struct ocop_result *res, const struct ocop_mark_eval *e);
/* The mean of a sum over n members in hundredths, rounded half up. */
long ocop_mean_centi(long sum, int n);
/* Writes a sum over n members as a mean with two decimals ("69.67"), C locale; returns its length
 * (cut to size - 1). */
size_t ocop_format_mean(char *buf, size_t size, long sum, int n);
const char *ocop_status_name(int status);

#endif
