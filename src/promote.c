/* Promotion decisions from the regime's rules (data/criteria: "promotion"), never from code. */
#include "ocop/promote.h"

#include <stdio.h>
#include <string.h>

const char *ocop_decision_name(int decision)
{
	static const char *const names[] = {"certify", "forward", "not-recognised", "hold"};

	return decision >= 0 && decision <= OCOP_HOLD ? names[decision] : "";
}

static const struct ocop_promotion *rule_for(const struct ocop_regime *r, int level)
{
	for (size_t i = 0; i < r->npromotion; i++)
		if (r->promotion[i].level == level)
			return &r->promotion[i];
	return NULL;
}

/* The first unmet mark at star s, written as "4★ mark on 10 needs 3, has 2.00". */
static int failed_mark(char *buf, size_t size, const struct ocop_result *res, int s)
{
	char has[32];

	for (size_t i = 0; i < res->nmarks; i++) {
		const struct ocop_mark_eval *e = &res->marks[i];
		if (e->met || e->mark->star != s)
			continue;
		ocop_format_mean(has, sizeof has, e->sum, res->n);
		if (e->mark->above_zero)
			snprintf(buf, size, "%d★ mark on %s needs more than 0, has %s", s,
			         ocop_set_leaf(res->set, (size_t)e->mark->leaf)->id, has);
		else
			snprintf(buf, size, "%d★ mark on %s needs %d, has %s", s,
			         ocop_set_leaf(res->set, (size_t)e->mark->leaf)->id, e->mark->points, has);
		return 1;
	}
	return 0;
}

static int hold(struct ocop_promotion_decision *out, const struct ocop_dossier *d,
                const struct ocop_result *res, int level)
{
	const char *at = d->meta[OCOP_F_LEVEL];

	if (res->status == OCOP_STATUS_INVALID && res->eliminated < 0)
		snprintf(out->reason, sizeof out->reason, "hold: invalid dossier (%s)", d->first_error);
	else if (res->status == OCOP_STATUS_INVALID)
		snprintf(out->reason, sizeof out->reason, "hold: eliminated (%s)",
		         res->set->gates[res->eliminated].note_en);
	else if (res->status == OCOP_STATUS_RESCORE)
		snprintf(out->reason, sizeof out->reason, "hold: re-score needed, spread %d > %d",
		         res->spread, res->regime->spread_limit);
	else if (at && d->level != level)
		snprintf(out->reason, sizeof out->reason, "hold: dossier of %s level, not %s", at,
		         ocop_level_name(level));
	else if (!rule_for(res->regime, level))
		snprintf(out->reason, sizeof out->reason, "hold: regime %s has no %s level",
		         res->regime->id, ocop_level_name(level));
	else
		return 0;
	out->decision = OCOP_HOLD;
	return 1;
}

void ocop_promote(struct ocop_promotion_decision *out, const struct ocop_dossier *d,
                  const struct ocop_result *res, int level, const struct ocop_policy *policy)
{
	const struct ocop_promotion *rule;
	char mean[32], why[200] = "";
	int min_stars;
	long min_centi, centi;

	memset(out, 0, sizeof *out);
	out->level = level;
	out->next_level = OCOP_LEVEL_NONE;
	out->stars = res->stars;
	if (!res->regime || hold(out, d, res, level))
		return;
	rule = rule_for(res->regime, level);
	centi = ocop_mean_centi(res->total_sum, res->n);
	ocop_format_mean(mean, sizeof mean, res->total_sum, res->n);
	min_stars = policy && policy->min_stars >= 0 ? policy->min_stars : rule->forward_min_stars;
	min_centi = policy && policy->min_total_centi >= 0 ? policy->min_total_centi
	            : rule->forward_min_total >= 0         ? rule->forward_min_total * 100L
	                                                   : -1;
	if (rule->next != OCOP_LEVEL_NONE && (rule->forward_all_complete || min_stars || min_centi >= 0)) {
		int stars_ok = res->stars >= min_stars;
		/* Exact: mean >= X is sum * 100 >= X_centi * n. */
		int total_ok = min_centi < 0 || res->total_sum * 100 >= min_centi * res->n;
		if (rule->forward_all_complete || (stars_ok && total_ok)) {
			out->decision = OCOP_FORWARD;
			out->next_level = rule->next;
			if (rule->forward_all_complete)
				snprintf(out->reason, sizeof out->reason,
				         "forward: complete dossier, the %s level pre-checks and forwards",
				         ocop_level_name(level));
			else if (min_centi >= 0)
				snprintf(out->reason, sizeof out->reason,
				         "forward: mean %s ≥ %ld.%02ld and awarded %d★ (≥ %d★, marks met)", mean,
				         min_centi / 100, min_centi % 100, res->stars, min_stars);
			else
				snprintf(out->reason, sizeof out->reason,
				         "forward: mean %s ≥ %d and all %d★ marks met", mean,
				         ocop_regime_band_min(res->regime, min_stars), min_stars);
			return;
		}
		if (!stars_ok && res->band >= min_stars && min_stars > 0)
			failed_mark(why, sizeof why, res, res->blocking_star);
		else if (!total_ok)
			snprintf(why, sizeof why, "mean %s below %ld.%02ld", mean, min_centi / 100,
			         min_centi % 100);
		else if (!stars_ok)
			snprintf(why, sizeof why, "mean %s below %d", mean,
			         ocop_regime_band_min(res->regime, min_stars));
	}
	(void)centi;
	if (res->stars >= 0 && res->stars <= OCOP_MAX_STARS && rule->certify[res->stars]) {
		out->decision = OCOP_CERTIFY;
		if (!*why && res->stars < res->band)
			failed_mark(why, sizeof why, res, res->blocking_star);
		if (!*why)
			snprintf(why, sizeof why, "mean %s", mean);
		snprintf(out->reason, sizeof out->reason, "certify %d★: %s", res->stars, why);
		return;
	}
	out->decision = OCOP_NOT_RECOGNISED;
	if (res->stars < res->regime->recognised_min_stars && res->band >= res->regime->recognised_min_stars)
		failed_mark(why, sizeof why, res, res->blocking_star);
	else if (res->stars < res->regime->recognised_min_stars)
		snprintf(why, sizeof why, "mean %s below %d", mean,
		         ocop_regime_band_min(res->regime, res->regime->recognised_min_stars));
	else
		snprintf(why, sizeof why, "awarded %d★, which the %s level does not certify", res->stars,
		         ocop_level_name(level));
	snprintf(out->reason, sizeof out->reason, "not-recognised: %s", why);
}
