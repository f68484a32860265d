/* Promotion decisions from the regime's rules (data/criteria: "promotion"), never from code. The
 * decision is taken once; its reason is then worded in English and in Vietnamese. */
#include "ocop/promote.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "emit.h"
#include "ocop/i18n.h"

/* The words of a reason: English msgids, translated at use into the language asked for. */
struct words {
	const char *levels[OCOP_NLEVELS];
	const char *invalid, *eliminated, *rescore, *other_level, *no_level, *unscored;
	const char *forward_all, *forward_total, *forward_stars, *forward_mean;
	const char *mark, *mark_above, *below_total, *below_band, *mean;
	const char *certify, *not_recognised, *not_certified;
	const char *policy, *policy_lower, *policy_none;
	const char *ret, *ret_below, *ret_may, *ret_may_not;
};

static const struct words words = {
	/* TRANSLATORS: the levels of councils, as they follow the word for "level" ("cấp %s"). */
	{N_("commune"), N_("district"), N_("province"), N_("central")},
	/* TRANSLATORS: the reasons of promotion decisions. "hold:", "forward:", "not-recognised:",
	 * "certify", "return to" name the decision; %s after "level"/"return to" is a level. */
	N_("hold: invalid dossier (%s)"), N_("not-recognised: %s"),
	N_("hold: re-score needed, spread %d > %d"),
	N_("hold: dossier of %s level, not %s"), N_("hold: regime %s has no %s level"),
	N_("hold: to be scored, no member's sheet yet"),
	N_("forward: complete dossier, the %s level pre-checks and forwards"),
	N_("forward: mean %s ≥ %ld.%02ld and awarded %d★ (≥ %d★, marks met)"),
	N_("forward: mean %s ≥ %d and all %d★ marks met"),
	N_("forward: mean %s ≥ %ld.%02ld, awarded %d★"),
	N_("%d★ mark on %s needs %d, has %s"), N_("%d★ mark on %s needs more than 0, has %s"),
	N_("mean %s below %ld.%02ld"), N_("mean %s below %d"), N_("mean %s"),
	N_("certify %d★: %s"), N_("not-recognised: %s"),
	N_("awarded %d★, which the %s level does not certify"),
	N_("not forwarded under the local policy (%s)"),
	N_("; awarded %d★, the %s level certifies up to %d★"),
	N_("hold: %s; awarded %d★, which the %s level does not certify"),
	N_("return to %s: %s; %s"), N_("mean %s < %d"), N_("the %s may certify %d★"),
	N_("the %s may not certify it (awarded %d★)")};

/* t becomes the words in lang. */
static void translate(struct words *t, enum ocop_lang lang)
{
	const char *const *from = &words.levels[0];
	const char **to = &t->levels[0];

	/* The struct is pointers only: its fields are walked as an array. */
	for (size_t i = 0; i < sizeof words / sizeof *from; i++)
		to[i] = ocop_lgettext(lang, from[i]);
}

const char *ocop_decision_name(int decision)
{
	static const char *const names[] = {"certify", "forward", "not-recognised", "hold", "return"};

	return decision >= 0 && decision <= OCOP_RETURN ? names[decision] : "";
}

static const struct ocop_promotion *rule_for(const struct ocop_regime *r, int level)
{
	for (size_t i = 0; i < r->npromotion; i++)
		if (r->promotion[i].level == level)
			return &r->promotion[i];
	return NULL;
}

/* Why a product may not leave this level as it is, or none. */
enum why { WHY_NONE, WHY_INVALID, WHY_ELIMINATED, WHY_RESCORE, WHY_OTHER_LEVEL, WHY_NO_LEVEL,
           WHY_UNSCORED,
           WHY_MARK, WHY_BELOW_TOTAL, WHY_BELOW_BAND, WHY_MEAN, WHY_NOT_CERTIFIED };

struct facts {
	const struct ocop_dossier *d;
	const struct ocop_result *res;
	int level, decision, why, min_stars;
	long min_centi;
	const struct ocop_mark_eval *mark;  /* the mark behind WHY_MARK */
	int policy;               /* 1: the local policy kept back a product the rule would forward */
	int stars;                /* the stars certified, or the awarded stars */
	int may;                  /* return: the stars the lower level may certify, 0 if none */
};

static const struct ocop_mark_eval *first_failed(const struct ocop_result *res, int star)
{
	for (size_t i = 0; i < res->nmarks; i++)
		if (!res->marks[i].met && res->marks[i].mark->star == star)
			return &res->marks[i];
	return NULL;
}

/* The cause of a hold, if any. */
static int hold_cause(const struct ocop_dossier *d, const struct ocop_result *res, int level)
{
	if (res->status == OCOP_STATUS_INVALID)
		return WHY_INVALID;
	if (res->status == OCOP_STATUS_ELIMINATED)
		return WHY_ELIMINATED;
	if (res->status == OCOP_STATUS_RESCORE)
		return WHY_RESCORE;
	if (d->meta[OCOP_F_LEVEL] && d->level != level)
		return WHY_OTHER_LEVEL;
	if (!rule_for(res->regime, level))
		return WHY_NO_LEVEL;
	/* A level that pre-checks forwards a complete blank dossier; a scoring level waits for it. */
	if (res->status == OCOP_STATUS_UNSCORED && !rule_for(res->regime, level)->forward_all_complete)
		return WHY_UNSCORED;
	return WHY_NONE;
}

/* 1 if a product is forwarded with these thresholds (min_centi < 0: no total threshold). */
static int forwards(const struct ocop_result *res, const struct ocop_promotion *rule, int min_stars,
                    long min_centi)
{
	if (rule->next == OCOP_LEVEL_NONE)
		return 0;
	if (rule->forward_all_complete)
		return 1;
	if (!min_stars && min_centi < 0)
		return 0;
	/* Exact: mean >= X is sum * 100 >= X_centi * n. */
	return res->stars >= min_stars && (min_centi < 0 || res->total_sum * 100 >= min_centi * res->n);
}

/* The highest star from the regime's recognition threshold up to `stars` that a rule certifies. */
static int best_certified(const struct ocop_regime *r, const struct ocop_promotion *rule, int stars)
{
	for (int s = stars > OCOP_MAX_STARS ? OCOP_MAX_STARS : stars; s >= r->recognised_min_stars; s--)
		if (s >= 1 && rule->certify[s])
			return s;
	return 0;
}

static void decide(struct facts *f, const struct ocop_policy *policy)
{
	const struct ocop_result *res = f->res;
	const struct ocop_regime *reg = res->regime;
	const struct ocop_promotion *rule = rule_for(reg, f->level);
	int rule_min_stars = rule->forward_min_stars;
	long rule_min_centi = rule->forward_min_total >= 0 ? rule->forward_min_total * 100L : -1;
	int has_policy = policy && (policy->min_stars >= 0 || policy->min_total_centi >= 0);

	f->stars = res->stars;
	f->min_stars = policy && policy->min_stars >= 0 ? policy->min_stars : rule_min_stars;
	f->min_centi = policy && policy->min_total_centi >= 0 ? policy->min_total_centi : rule_min_centi;
	if (forwards(res, rule, f->min_stars, f->min_centi)) {
		f->decision = OCOP_FORWARD;
		return;
	}
	if (rule->next != OCOP_LEVEL_NONE && (f->min_stars || f->min_centi >= 0)) {
		int stars_ok = res->stars >= f->min_stars;
		int total_ok = f->min_centi < 0 || res->total_sum * 100 >= f->min_centi * res->n;
		if (!stars_ok && res->band >= f->min_stars && f->min_stars > 0 &&
		    (f->mark = first_failed(res, res->blocking_star)))
			f->why = WHY_MARK;
		else if (!total_ok)
			f->why = WHY_BELOW_TOTAL;
		else if (!stars_ok)
			f->why = WHY_BELOW_BAND;
	}
	if (res->stars >= 0 && res->stars <= OCOP_MAX_STARS && rule->certify[res->stars]) {
		f->decision = OCOP_CERTIFY;
		if (!f->why && res->stars < res->band && (f->mark = first_failed(res, res->blocking_star)))
			f->why = WHY_MARK;
		if (!f->why)
			f->why = WHY_MEAN;
		return;
	}
	/* A forwarding policy never takes away what this level may certify: a product the rule would
	 * forward and the policy keeps is certified at the highest star this level gives, else held. */
	if (has_policy && res->stars >= reg->recognised_min_stars &&
	    forwards(res, rule, rule_min_stars, rule_min_centi)) {
		f->policy = 1;
		f->stars = best_certified(reg, rule, res->stars);
		f->decision = f->stars ? OCOP_CERTIFY : OCOP_HOLD;
		if (!f->stars)
			f->stars = res->stars;
		return;
	}
	if (rule->return_to != OCOP_LEVEL_NONE) {
		const struct ocop_promotion *low = rule_for(reg, rule->return_to);
		int top = best_certified(reg, rule, OCOP_MAX_STARS);
		f->decision = OCOP_RETURN;
		f->may = low ? best_certified(reg, low, res->stars) : 0;
		if (top && res->band >= top && (f->mark = first_failed(res, res->blocking_star)))
			f->why = WHY_MARK;
		else {
			f->why = WHY_BELOW_BAND;
			f->min_stars = top ? top : res->stars + 1;
		}
		return;
	}
	f->decision = OCOP_NOT_RECOGNISED;
	if (res->stars < reg->recognised_min_stars && res->band >= reg->recognised_min_stars &&
	    (f->mark = first_failed(res, res->blocking_star))) {
		f->why = WHY_MARK;
	} else if (res->stars < reg->recognised_min_stars) {
		f->why = WHY_BELOW_BAND;
		f->min_stars = reg->recognised_min_stars;
		f->min_centi = -1;
	} else {
		f->why = WHY_NOT_CERTIFIED;
	}
}

static void because(char *buf, size_t size, const struct facts *f, const struct words *w)
{
	const struct ocop_result *res = f->res;
	char mean[32], has[32];

	ocop_format_mean(mean, sizeof mean, res->total_sum, res->n);
	switch (f->why) {
	case WHY_MARK:
		ocop_format_mean(has, sizeof has, f->mark->sum, res->n);
		if (f->mark->mark->above_zero)
			emit_fmt(buf, size, w->mark_above, f->mark->mark->star,
			         ocop_set_leaf(res->set, (size_t)f->mark->mark->leaf)->id, has);
		else
			emit_fmt(buf, size, w->mark, f->mark->mark->star,
			         ocop_set_leaf(res->set, (size_t)f->mark->mark->leaf)->id,
			         f->mark->mark->points, has);
		break;
	case WHY_BELOW_TOTAL:
		emit_fmt(buf, size, w->below_total, mean, f->min_centi / 100, f->min_centi % 100);
		break;
	case WHY_BELOW_BAND:
		emit_fmt(buf, size, w->below_band, mean, ocop_regime_band_min(res->regime, f->min_stars));
		break;
	case WHY_NOT_CERTIFIED:
		emit_fmt(buf, size, w->not_certified, res->stars, w->levels[f->level]);
		break;
	default:
		emit_fmt(buf, size, w->mean, mean);
	}
}

static void word(char *out, size_t size, const struct facts *f, const struct words *w,
                 enum ocop_lang lang)
{
	const struct ocop_result *res = f->res;
	const struct ocop_dossier *d = f->d;
	char why[240], mean[32];
	int at = d->level >= 0 && d->level < OCOP_NLEVELS ? d->level : f->level;

	ocop_format_mean(mean, sizeof mean, res->total_sum, res->n);
	switch (f->why) {
	case WHY_INVALID:
		emit_fmt(out, size, w->invalid, d->first_error);
		return;
	case WHY_ELIMINATED:
		emit_fmt(out, size, w->eliminated, lang == OCOP_LANG_VI
		                                       ? res->set->gates[res->eliminated].note_vi
		                                       : res->set->gates[res->eliminated].note_en);
		return;
	case WHY_RESCORE:
		emit_fmt(out, size, w->rescore, res->spread, res->regime->spread_limit);
		return;
	case WHY_OTHER_LEVEL:
		emit_fmt(out, size, w->other_level, w->levels[at], w->levels[f->level]);
		return;
	case WHY_NO_LEVEL:
		emit_fmt(out, size, w->no_level, res->regime->id, w->levels[f->level]);
		return;
	case WHY_UNSCORED:
		emit_fmt(out, size, "%s", w->unscored);
		return;
	default:
		break;
	}
	if (f->decision == OCOP_FORWARD) {
		if (rule_for(res->regime, f->level)->forward_all_complete)
			emit_fmt(out, size, w->forward_all, w->levels[f->level]);
		else if (f->min_centi >= 0 && f->min_stars <= 0)
			emit_fmt(out, size, w->forward_mean, mean, f->min_centi / 100, f->min_centi % 100,
			         res->stars);
		else if (f->min_centi >= 0)
			emit_fmt(out, size, w->forward_total, mean, f->min_centi / 100, f->min_centi % 100,
			         res->stars, f->min_stars);
		else
			emit_fmt(out, size, w->forward_stars, mean,
			         ocop_regime_band_min(res->regime, f->min_stars), f->min_stars);
		return;
	}
	because(why, sizeof why, f, w);
	if (f->policy) {
		char pol[280];
		emit_fmt(pol, sizeof pol, w->policy, why);
		if (f->decision == OCOP_CERTIFY) {
			size_t k = strlen(pol);
			emit_fmt(pol + k, sizeof pol - k, w->policy_lower, res->stars, w->levels[f->level],
			         f->stars);
			emit_fmt(out, size, w->certify, f->stars, pol);
		} else {
			emit_fmt(out, size, w->policy_none, pol, res->stars, w->levels[f->level]);
		}
	} else if (f->decision == OCOP_RETURN) {
		const char *to = w->levels[rule_for(res->regime, f->level)->return_to];
		char may[160];
		if (f->why == WHY_BELOW_BAND)
			emit_fmt(why, sizeof why, w->ret_below, mean,
			         ocop_regime_band_min(res->regime, f->min_stars));
		if (f->may)
			emit_fmt(may, sizeof may, w->ret_may, to, f->may);
		else
			emit_fmt(may, sizeof may, w->ret_may_not, to, res->stars);
		emit_fmt(out, size, w->ret, to, why, may);
	} else if (f->decision == OCOP_CERTIFY) {
		emit_fmt(out, size, w->certify, res->stars, why);
	} else {
		emit_fmt(out, size, w->not_recognised, why);
	}
}

/* The decision, its reason in English, and in Vietnamese when vi. */
static void promote(struct ocop_promotion_decision *out, const struct ocop_dossier *d,
                    const struct ocop_result *res, int level, const struct ocop_policy *policy,
                    int vi_too)
{
	struct facts f = {.d = d, .res = res, .level = level};
	struct words vi;

	memset(out, 0, sizeof *out);
	out->level = level;
	out->next_level = OCOP_LEVEL_NONE;
	out->stars = res->stars;
	if (!res->regime)
		return;
	/* An elimination is final: the product is not recognised (the reason is the rule). */
	if ((f.why = hold_cause(d, res, level)) != WHY_NONE)
		f.decision = f.why == WHY_ELIMINATED ? OCOP_NOT_RECOGNISED : OCOP_HOLD;
	else
		decide(&f, policy);
	out->decision = f.decision;
	if (f.decision != OCOP_HOLD)
		out->stars = f.stars;
	if (f.decision == OCOP_FORWARD)
		out->next_level = rule_for(res->regime, level)->next;
	if (f.decision == OCOP_RETURN)
		out->next_level = rule_for(res->regime, level)->return_to;
	out->precheck = rule_for(res->regime, level) && rule_for(res->regime, level)->forward_all_complete;
	word(out->reason, sizeof out->reason, &f, &words, OCOP_LANG_EN);
	if (!vi_too)
		return;
	translate(&vi, OCOP_LANG_VI);
	word(out->reason_vi, sizeof out->reason_vi, &f, &vi, OCOP_LANG_VI);
}

void ocop_promote(struct ocop_promotion_decision *out, const struct ocop_dossier *d,
                  const struct ocop_result *res, int level, const struct ocop_policy *policy)
{
	promote(out, d, res, level, policy, 1);
}

void ocop_promote_en(struct ocop_promotion_decision *out, const struct ocop_dossier *d,
                     const struct ocop_result *res, int level, const struct ocop_policy *policy)
{
	promote(out, d, res, level, policy, 0);
}
