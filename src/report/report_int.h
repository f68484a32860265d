/* report_int.h — what the report's pages share: the season's context and the pieces of the
 * official layout. Internal. */
#ifndef OCOP_REPORT_INT_H
#define OCOP_REPORT_INT_H

#include <stdio.h>

#include "ocop/report.h"

#define RP_MAX_LIST 8          /* distinct places, levels and regimes named in a header */
#define RP_MAX_MEMBERS 1000    /* distinct member names in the leniency chart */

struct rp {
	FILE *f;
	int lang, level;
	const struct ocop_report_item *it;
	size_t n;
	const struct ocop_regime *regime;           /* of the first product scored, for the bands */
	const struct ocop_regime *regimes[RP_MAX_LIST];
	size_t nregimes;
	const char *levels[RP_MAX_LIST], *communes[RP_MAX_LIST], *districts[RP_MAX_LIST],
	    *provinces[RP_MAX_LIST];
	size_t nlevels, ncommunes, ndistricts, nprovinces;
	const char *first_on, *last_on;             /* evaluated_on, earliest and latest */
};

const char *rp_w(int lang, const char *vi, const char *en);
const char *rp_level_name(int level, int lang);
int rp_rated(const struct ocop_result *res);
void rp_context(struct rp *x, FILE *f, const struct ocop_report_item *it, size_t n,
                const struct ocop_report_opts *o);
void rp_place(const struct rp *x);
void rp_date(const struct rp *x, const char *ymd);
void rp_official_head(const struct rp *x);
const char *rp_status(const struct ocop_result *res, int lang);
const char *rp_decision(int d, int lang);
int rp_failed_marks(const struct ocop_result *res, int star);
size_t rp_members(const struct rp *x, const char **v, size_t max);
void rp_signatures(const struct rp *x, int with_members);
/* The page of product i: explanation, why the star, path to the next star, parts chart. */
void rp_product(const struct rp *x, size_t i);

#endif
