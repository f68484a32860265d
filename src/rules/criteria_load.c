/* Loader for criteria files (data/criteria/FORMAT.md): JSON text in, validated struct ocop_regime
 * out. Every rule violation is reported with its JSON path; the cJSON tree never leaves this file. */
#include "ocop/criteria.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ocop/i18n.h"
#include "ocop/text.h"
#include "util.h"

struct ld {
	struct arena *a;
	struct ocop_diags *diags;
	struct ocop_err *err;
	const char *name;
	int bad;
	const struct ocop_regime *r;
};

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void ld_report(struct ld *ld, const char *path, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, ocop_gettext(fmt), ap);
	va_end(ap);
	ld->bad = 1;
	ocop_diag_add(ld->diags, OCOP_ESCHEMA, ld->name, 0, 0, path, "%s", msg);
	ocop_err_set(ld->err, OCOP_ESCHEMA, ld->name, 0, 0, path, "%s", msg);
}

/* Appends ".key" or "[index]" to path; buf may be path itself. */
static void subpath(char *buf, size_t size, const char *path, const char *key, long index)
{
	char tmp[256];

	if (key)
		snprintf(tmp, sizeof tmp, "%s.%s", path, key);
	else
		snprintf(tmp, sizeof tmp, "%s[%ld]", path, index);
	snprintf(buf, size, "%s", tmp);
}

/* Reports keys that appear twice in an object: cJSON keeps both and reads the first. */
static void check_dup_keys(struct ld *ld, const cJSON *obj, const char *path)
{
	const cJSON *a, *b;

	for (a = obj->child; a; a = a->next)
		for (b = a->next; b; b = b->next)
			if (a->string && b->string && strcmp(a->string, b->string) == 0) {
				ld_report(ld, path, "duplicate key \"%s\"", a->string);
				return;
			}
}

static const cJSON *member(struct ld *ld, const cJSON *obj, const char *key, const char *path,
                           int required)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	if (!v && required)
		ld_report(ld, path, "missing key \"%s\"", key);
	return v;
}

static const char *get_str(struct ld *ld, const cJSON *obj, const char *key, const char *path,
                           int required)
{
	char p[256];
	const cJSON *v = member(ld, obj, key, path, required);
	const char *s;

	if (!v || (!required && cJSON_IsNull(v)))
		return NULL;
	subpath(p, sizeof p, path, key, 0);
	if (!cJSON_IsString(v)) {
		ld_report(ld, p, "expected a string");
		return NULL;
	}
	if (!ocop_utf8_valid(v->valuestring, strlen(v->valuestring))) {
		ld_report(ld, p, "not valid UTF-8");
		return NULL;
	}
	if (required && !*v->valuestring) {
		ld_report(ld, p, "expected a non-empty string");
		return NULL;
	}
	{
		unsigned long cp;
		/* (the official wording keeps its line breaks) */
		if (ocop_text_control(v->valuestring, strcmp(key, "text_vi") == 0, &cp) != (size_t)-1) {
			ld_report(ld, p, "holds U+%04lX: no text may hold control characters or "
			       "bidirectional overrides", cp);
			return NULL;
		}
	}
	s = arena_strdup(ld->a, v->valuestring);
	if (!s)
		ld_report(ld, p, "out of memory");
	return s;
}

/* Reads an integer in [lo, hi]; returns 1 if present and valid. */
static int get_int(struct ld *ld, const cJSON *obj, const char *key, const char *path, int required,
                   int lo, int hi, int *out)
{
	char p[256];
	const cJSON *v = member(ld, obj, key, path, required);

	if (!v || (!required && cJSON_IsNull(v)))
		return 0;
	subpath(p, sizeof p, path, key, 0);
	if (!cJSON_IsNumber(v) || v->valuedouble != v->valuedouble ||
	    v->valuedouble < -1e9 || v->valuedouble > 1e9 ||
	    v->valuedouble != (double)(long)v->valuedouble) {
		ld_report(ld, p, "expected an integer from %d to %d", lo, hi);
		return 0;
	}
	if (v->valuedouble < lo || v->valuedouble > hi) {
		ld_report(ld, p, "%ld is out of range (%d to %d)", (long)v->valuedouble, lo, hi);
		return 0;
	}
	*out = (int)v->valuedouble;
	return 1;
}

static const cJSON *get_array(struct ld *ld, const cJSON *obj, const char *key, const char *path,
                              int required)
{
	char p[256];
	const cJSON *v = member(ld, obj, key, path, required);

	if (!v)
		return NULL;
	if (!cJSON_IsArray(v)) {
		subpath(p, sizeof p, path, key, 0);
		ld_report(ld, p, "expected an array");
		return NULL;
	}
	return v;
}

/* An optional boolean; absent or null is false. */
static int get_bool(struct ld *ld, const cJSON *obj, const char *key, const char *path)
{
	char p[256];
	const cJSON *v = member(ld, obj, key, path, 0);

	if (!v || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsBool(v)) {
		subpath(p, sizeof p, path, key, 0);
		ld_report(ld, p, "expected true or false");
		return 0;
	}
	return cJSON_IsTrue(v);
}

static int is_object(struct ld *ld, const cJSON *v, const char *path)
{
	if (!cJSON_IsObject(v)) {
		ld_report(ld, path, "expected an object");
		return 0;
	}
	check_dup_keys(ld, v, path);
	return 1;
}

static void get_date(struct ld *ld, const cJSON *obj, const char *key, const char *path,
                     int required, char out[11])
{
	char p[256];
	const char *s = get_str(ld, obj, key, path, required);

	out[0] = '\0';
	if (!s)
		return;
	if (!ocop_date_valid(s)) {
		subpath(p, sizeof p, path, key, 0);
		ld_report(ld, p, "\"%s\" is not a date (YYYY-MM-DD)", s);
		return;
	}
	memcpy(out, s, 11);
}

static int valid_id(const char *id)
{
	const char *p = id;

	if (!*p || *p < '1' || *p > '9')
		return 0;
	for (; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || *p == '.'))
			return 0;
	return p[-1] != '.' && !strstr(id, "..");
}

/* ---- regime header ---- */

static int part_index(const struct ocop_regime *r, const char *id)
{
	for (size_t i = 0; i < r->nparts; i++)
		if (r->parts[i].id && strcmp(r->parts[i].id, id) == 0)
			return (int)i;
	return -1;
}

static void load_parts(struct ld *ld, struct ocop_regime *r, const cJSON *root)
{
	const cJSON *arr = get_array(ld, root, "parts", "$", 1), *v;
	char p[256];
	int sum = 0;

	if (!arr)
		return;
	if (cJSON_GetArraySize(arr) < 1 || cJSON_GetArraySize(arr) > OCOP_MAX_PARTS) {
		ld_report(ld, "$.parts", "expected 1 to %d parts", OCOP_MAX_PARTS);
		return;
	}
	cJSON_ArrayForEach(v, arr) {
		struct ocop_part *pt = &r->parts[r->nparts];
		subpath(p, sizeof p, "$.parts", NULL, (long)r->nparts);
		r->nparts++;
		if (!is_object(ld, v, p))
			continue;
		pt->id = get_str(ld, v, "id", p, 1);
		get_int(ld, v, "max", p, 1, 1, 100, &pt->max);
		pt->name_vi = get_str(ld, v, "name_vi", p, 1);
		pt->name_en = get_str(ld, v, "name_en", p, 1);
		sum += pt->max;
		if (pt->id && part_index(r, pt->id) != (int)r->nparts - 1)
			ld_report(ld, p, "part \"%s\" listed twice", pt->id);
	}
	if (!ld->bad && sum != 100)
		ld_report(ld, "$.parts", "part maxima add to %d, not 100", sum);
}

static void load_bands(struct ld *ld, struct ocop_regime *r, const cJSON *root)
{
	const cJSON *arr = get_array(ld, root, "bands", "$", 1), *v;
	char p[256];

	if (!arr)
		return;
	if (cJSON_GetArraySize(arr) < 1 || cJSON_GetArraySize(arr) > OCOP_MAX_BANDS) {
		ld_report(ld, "$.bands", "expected 1 to %d bands", OCOP_MAX_BANDS);
		return;
	}
	cJSON_ArrayForEach(v, arr) {
		struct ocop_band *b = &r->bands[r->nbands];
		subpath(p, sizeof p, "$.bands", NULL, (long)r->nbands);
		if (!is_object(ld, v, p))
			continue;
		get_int(ld, v, "stars", p, 1, 1, OCOP_MAX_STARS, &b->stars);
		get_int(ld, v, "min", p, 1, 0, 100, &b->min);
		if (b->stars != (int)r->nbands + 1)
			ld_report(ld, p, "stars must count up from 1 (expected %zu)", r->nbands + 1);
		if (r->nbands == 0 && b->min != 0)
			ld_report(ld, p, "the first band must start at 0");
		if (r->nbands > 0 && b->min <= r->bands[r->nbands - 1].min)
			ld_report(ld, p, "band minima must rise strictly (%d after %d)", b->min,
			       r->bands[r->nbands - 1].min);
		r->nbands++;
	}
}

static void load_levels(struct ld *ld, struct ocop_regime *r, const cJSON *root)
{
	const cJSON *arr = get_array(ld, root, "levels", "$", 1), *v;
	char p[256];

	if (!arr)
		return;
	if (cJSON_GetArraySize(arr) < 1 || cJSON_GetArraySize(arr) > OCOP_MAX_LEVELS) {
		ld_report(ld, "$.levels", "expected 1 to %d levels", OCOP_MAX_LEVELS);
		return;
	}
	cJSON_ArrayForEach(v, arr) {
		int lv = cJSON_IsString(v) ? ocop_level_parse(v->valuestring) : OCOP_LEVEL_NONE;
		subpath(p, sizeof p, "$.levels", NULL, (long)r->nlevels);
		if (lv == OCOP_LEVEL_NONE)
			ld_report(ld, p, "expected one of commune, district, province, central");
		else if (r->nlevels > 0 && lv <= r->levels[r->nlevels - 1])
			ld_report(ld, p, "levels must be listed lowest first");
		r->levels[r->nlevels++] = lv;
	}
}

static int regime_has_level(const struct ocop_regime *r, int lv)
{
	for (size_t i = 0; i < r->nlevels; i++)
		if (r->levels[i] == lv)
			return 1;
	return 0;
}

static int get_level(struct ld *ld, const cJSON *obj, const char *key, const char *path,
                     int required)
{
	char p[256];
	const char *s = get_str(ld, obj, key, path, required);
	int lv;

	if (!s)
		return OCOP_LEVEL_NONE;
	subpath(p, sizeof p, path, key, 0);
	lv = ocop_level_parse(s);
	if (lv == OCOP_LEVEL_NONE || !regime_has_level(ld->r, lv))
		ld_report(ld, p, "\"%s\" is not one of the regime's levels", s);
	return lv;
}

static void load_promotion(struct ld *ld, struct ocop_regime *r, const cJSON *root)
{
	const cJSON *arr = get_array(ld, root, "promotion", "$", 1), *v, *c;
	char p[256], q[256];

	if (!arr)
		return;
	cJSON_ArrayForEach(v, arr) {
		struct ocop_promotion *pr;
		const cJSON *all, *cert;
		int s;
		subpath(p, sizeof p, "$.promotion", NULL, (long)r->npromotion);
		if (r->npromotion == OCOP_MAX_LEVELS) {
			ld_report(ld, p, "more rules than levels");
			return;
		}
		pr = &r->promotion[r->npromotion++];
		pr->forward_min_total = -1;
		pr->level = pr->next = pr->return_to = OCOP_LEVEL_NONE;
		if (!is_object(ld, v, p))
			continue;
		pr->level = get_level(ld, v, "level", p, 1);
		pr->next = get_level(ld, v, "next", p, 0);
		pr->return_to = get_level(ld, v, "return_to", p, 0);
		if (pr->return_to != OCOP_LEVEL_NONE && pr->level != OCOP_LEVEL_NONE &&
		    pr->return_to >= pr->level) {
			subpath(q, sizeof q, p, "return_to", 0);
			ld_report(ld, q, "a product goes back to a lower level than \"%s\"",
			       ocop_level_name(pr->level));
		}
		cert = get_array(ld, v, "certify", p, 1);
		if (cert) {
			long i = 0;
			cJSON_ArrayForEach(c, cert) {
				subpath(q, sizeof q, p, "certify", 0);
				subpath(q, sizeof q, q, NULL, i++);
				if (!cJSON_IsNumber(c) || c->valueint < 1 || c->valueint > OCOP_MAX_STARS)
					ld_report(ld, q, "expected a star from 1 to %d", OCOP_MAX_STARS);
				else
					pr->certify[c->valueint] = 1;
			}
		}
		get_int(ld, v, "forward_min_stars", p, 0, 0, OCOP_MAX_STARS, &pr->forward_min_stars);
		if (get_int(ld, v, "forward_min_total", p, 0, 0, 100, &s))
			pr->forward_min_total = s;
		all = member(ld, v, "forward_all_complete", p, 0);
		if (all && !cJSON_IsBool(all)) {
			subpath(q, sizeof q, p, "forward_all_complete", 0);
			ld_report(ld, q, "expected true or false");
		}
		pr->forward_all_complete = all && cJSON_IsTrue(all);
	}
}

/* "renewal": {"file_from_days", "file_to_days", "late_valid_days"} (optional). */
static void load_renewal(struct ld *ld, struct ocop_regime *r, const cJSON *root)
{
	const cJSON *v = member(ld, root, "renewal", "$", 0);
	struct ocop_renewal *rn = &r->renewal;

	if (!v || cJSON_IsNull(v) || !is_object(ld, v, "$.renewal"))
		return;
	rn->given = get_int(ld, v, "file_from_days", "$.renewal", 1, 1, 3650, &rn->file_from_days) &
	            get_int(ld, v, "file_to_days", "$.renewal", 1, 0, 3650, &rn->file_to_days);
	get_int(ld, v, "late_valid_days", "$.renewal", 0, 0, 3650, &rn->late_valid_days);
	if (rn->given && rn->file_to_days > rn->file_from_days)
		ld_report(ld, "$.renewal.file_to_days",
		       "%d is more than file_from_days (%d): the window would close before it opens",
		       rn->file_to_days, rn->file_from_days);
}

/* ---- sets ---- */

struct setb {                   /* a set under construction */
	struct ocop_set *s;
	struct ocop_criterion *crit;
	size_t ncrit, capcrit;
	int *leaves;
	size_t nleaves;
};

static struct ocop_criterion *new_criterion(struct ld *ld, struct setb *b)
{
	if (b->ncrit == b->capcrit) {
		size_t cap = b->capcrit ? b->capcrit * 2 : 64;
		struct ocop_criterion *n = arena_alloc(ld->a, cap * sizeof *n);
		if (!n)
			return NULL;
		if (b->ncrit)
			memcpy(n, b->crit, b->ncrit * sizeof *n);
		b->crit = n;
		b->capcrit = cap;
	}
	return &b->crit[b->ncrit++];
}

static int find_criterion(const struct setb *b, const char *id)
{
	for (size_t i = 0; i < b->ncrit; i++)
		if (b->crit[i].id && strcmp(b->crit[i].id, id) == 0)
			return (int)i;
	return -1;
}

/* Options of one criterion: at most OCOP_MAX_OPTIONS, each with its own points unless the data
 * says the repeat is meant (FORMAT.md: "same_points_ok" on the option, or "repeated_points" with
 * the reason on the criterion). */
static void load_options(struct ld *ld, struct ocop_criterion *c, const cJSON *arr,
                         const char *path, int repeats_ok)
{
	struct ocop_option *o;
	const cJSON *v;
	char p[256];
	long i = 0;
	int best = -1;
	c->noptions = (size_t)cJSON_GetArraySize(arr);
	if (c->noptions == 0) {
		ld_report(ld, path, "a criterion needs at least one option");
		return;
	}
	if (c->noptions > OCOP_MAX_OPTIONS) {
		ld_report(ld, path, "criterion %s: %zu options, more than %d", c->id ? c->id : "?",
		       c->noptions, OCOP_MAX_OPTIONS);
		c->noptions = 0;
		return;
	}
	o = arena_alloc(ld->a, c->noptions * sizeof *o);
	if (!o) {
		ld_report(ld, path, "out of memory");
		return;
	}
	c->options = o;
	c->valid = 1;
	cJSON_ArrayForEach(v, arr) {
		subpath(p, sizeof p, path, NULL, i);
		if (is_object(ld, v, p)) {
			const cJSON *same = cJSON_GetObjectItemCaseSensitive(v, "same_points_ok");
			o[i].points = -1;
			get_int(ld, v, "points", p, 1, 0, 100, &o[i].points);
			get_int(ld, v, "mark", p, 0, 3, OCOP_MAX_STARS, &o[i].mark);
			get_int(ld, v, "case", p, 0, 1, 2, &o[i].kase);
			o[i].label_vi = get_str(ld, v, "label_vi", p, 1);
			o[i].label_en = get_str(ld, v, "label_en", p, 1);
			o[i].text_vi = get_str(ld, v, "text_vi", p, 0);
			if (same && !cJSON_IsBool(same))
				ld_report(ld, p, "\"same_points_ok\": expected true or false");
			for (long j = 0; j < i && o[i].points >= 0; j++)
				if (o[j].points == o[i].points && !repeats_ok && !cJSON_IsTrue(same)) {
					ld_report(ld, p, "criterion %s: option %ld gives %d points, as option %ld does "
					       "(if that is meant, say so: \"same_points_ok\": true, or "
					       "\"repeated_points\" on the criterion with the reason)",
					       c->id ? c->id : "?", i + 1, o[i].points, j + 1);
					break;
				}
			if (o[i].points > best)
				best = o[i].points;
			if (o[i].points >= 0 && o[i].points < 64)
				c->valid |= 1ULL << o[i].points;
		}
		i++;
	}
	if (best >= 0 && best != c->max)
		ld_report(ld, path, "criterion %s: maximum %d but the best option gives %d",
		       c->id ? c->id : "?", c->max, best);
}

static int load_criterion(struct ld *ld, struct setb *b, const cJSON *v, const char *path,
                          int section, int parent);

/* A yes/no criterion (a maximum and no options on the sheet) scores 0 or its maximum: it gets one
 * option worth the maximum, so that every check of points treats it like any other leaf. */
static void yesno_option(struct ld *ld, struct ocop_criterion *c, const char *path)
{
	struct ocop_option *o = arena_alloc(ld->a, sizeof *o);

	if (!o) {
		ld_report(ld, path, "out of memory");
		return;
	}
	if (c->max < 1 || c->max > 63)
		ld_report(ld, path, "yes/no criterion %s: maximum %d must be from 1 to 63",
		       c->id ? c->id : "?", c->max);
	memset(o, 0, sizeof *o);
	o->points = c->max;
	o->label_vi = "có";
	o->label_en = "yes";
	c->options = o;
	c->noptions = 1;
	c->valid = 1 | (c->max > 0 && c->max < 64 ? 1ULL << c->max : 0);
}

static void load_subcriteria(struct ld *ld, struct setb *b, int ci, const cJSON *arr,
                             const char *path, int section)
{
	const cJSON *v;
	char p[256];
	long i = 0;
	int sum = 0;

	if (cJSON_GetArraySize(arr) == 0)
		ld_report(ld, path, "expected at least one sub-criterion");
	cJSON_ArrayForEach(v, arr) {
		int sub;
		subpath(p, sizeof p, path, NULL, i++);
		sub = load_criterion(ld, b, v, p, section, ci);
		if (sub < 0)
			continue;
		sum += b->crit[sub].max;
		if (b->crit[ci].id && b->crit[sub].id) {
			size_t n = strlen(b->crit[ci].id);
			if (strncmp(b->crit[sub].id, b->crit[ci].id, n) != 0 || b->crit[sub].id[n] != '.')
				ld_report(ld, p, "sub-criterion %s must be numbered under %s", b->crit[sub].id,
				       b->crit[ci].id);
		}
	}
	if (sum != b->crit[ci].max)
		ld_report(ld, path, "criterion %s: maximum %d but its sub-criteria add to %d",
		       b->crit[ci].id ? b->crit[ci].id : "?", b->crit[ci].max, sum);
}

/* Returns the criterion's index, or -1 if it could not be read at all. */
static int load_criterion(struct ld *ld, struct setb *b, const cJSON *v, const char *path,
                          int section, int parent)
{
	struct ocop_criterion *c;
	const cJSON *opts, *subs;
	char p[256];
	int ci;

	if (!is_object(ld, v, path) || !(c = new_criterion(ld, b)))
		return -1;
	ci = (int)(b->ncrit - 1);
	c->section = section;
	c->parent = parent;
	c->leaf = -1;
	c->id = get_str(ld, v, "id", path, 1);
	if (c->id && !valid_id(c->id))
		ld_report(ld, path, "criterion id \"%s\" is not of the form 1.a, 6.a.1 or 7", c->id);
	else if (c->id && find_criterion(b, c->id) != ci)
		ld_report(ld, path, "criterion id \"%s\" is used twice", c->id);
	get_int(ld, v, "max", path, 1, 0, 100, &c->max);
	get_int(ld, v, "mark", path, 0, 3, OCOP_MAX_STARS, &c->mark);
	c->label_vi = get_str(ld, v, "label_vi", path, 1);
	c->label_en = get_str(ld, v, "label_en", path, 1);
	c->text_vi = get_str(ld, v, "text_vi", path, 0);
	c->yesno = get_bool(ld, v, "yesno", path);
	opts = get_array(ld, v, "options", path, 0);
	subs = get_array(ld, v, "criteria", path, 0);
	if (c->yesno && (opts || subs)) {
		ld_report(ld, path, "a yes/no criterion has no options and no sub-criteria");
	} else if (c->yesno) {
		c->leaf = (int)b->nleaves;
		b->leaves[b->nleaves++] = ci;
		yesno_option(ld, c, path);
	} else if (opts && subs) {
		ld_report(ld, path, "a criterion has options or sub-criteria, not both");
	} else if (opts) {
		c->leaf = (int)b->nleaves;
		b->leaves[b->nleaves++] = ci;
		const cJSON *why = cJSON_GetObjectItemCaseSensitive(v, "repeated_points");
		if (why && (!cJSON_IsString(why) || !*why->valuestring)) {
			subpath(p, sizeof p, path, "repeated_points", 0);
			ld_report(ld, p, "expected the reason the options repeat points, a non-empty string");
		}
		subpath(p, sizeof p, path, "options", 0);
		load_options(ld, c, opts, p, why && cJSON_IsString(why) && *why->valuestring);
	} else if (subs) {
		if (parent >= 0) {
			ld_report(ld, path, "sub-criteria cannot have sub-criteria");
			return ci;
		}
		subpath(p, sizeof p, path, "criteria", 0);
		load_subcriteria(ld, b, ci, subs, p, section);
	} else {
		ld_report(ld, path, "missing key \"options\" (or \"criteria\")");
	}
	if (c->mark && (c->leaf < 0 || c->yesno))
		ld_report(ld, path, "a criterion-level mark needs a scored criterion (with options)");
	return ci;
}

/* The case (1..n) a top-level criterion belongs to in an alternatives group of its section. */
static int case_of(const cJSON *alts, int section_number, const char *id)
{
	const cJSON *g, *cases, *c, *x;

	cJSON_ArrayForEach(g, alts) {
		const cJSON *sec = cJSON_GetObjectItemCaseSensitive(g, "section");
		int k = 0;
		if (!cJSON_IsNumber(sec) || sec->valueint != section_number)
			continue;
		cases = cJSON_GetObjectItemCaseSensitive(g, "cases");
		cJSON_ArrayForEach(c, cases) {
			k++;
			cJSON_ArrayForEach(x, c)
				if (cJSON_IsString(x) && strcmp(x->valuestring, id) == 0)
					return k;
		}
	}
	return 0;
}

static void load_section(struct ld *ld, struct setb *b, struct ocop_section *sec, int si,
                         const cJSON *v, const char *path, const cJSON *alts, int part_sum[])
{
	const cJSON *arr, *c;
	char p[256];
	int plain = 0, casesum[8] = {0}, best = 0;
	long i = 0;

	if (!is_object(ld, v, path))
		return;
	const char *part;
	get_int(ld, v, "number", path, 1, 1, 99, &sec->number);
	part = get_str(ld, v, "part", path, 1);
	sec->part = part ? part_index(ld->r, part) : -1;
	if (part && sec->part < 0)
		ld_report(ld, path, "part \"%s\" is not one of the regime's parts", part);
	get_int(ld, v, "max", path, 1, 0, 100, &sec->max);
	sec->name_vi = get_str(ld, v, "name_vi", path, 1);
	sec->name_en = get_str(ld, v, "name_en", path, 1);
	sec->text_vi = get_str(ld, v, "text_vi", path, 0);
	arr = get_array(ld, v, "criteria", path, 1);
	if (!arr)
		return;
	if (cJSON_GetArraySize(arr) == 0)
		ld_report(ld, path, "a section needs at least one criterion");
	cJSON_ArrayForEach(c, arr) {
		int ci, k;
		subpath(p, sizeof p, path, "criteria", 0);
		subpath(p, sizeof p, p, NULL, i++);
		ci = load_criterion(ld, b, c, p, si, -1);
		if (ci < 0)
			continue;
		k = b->crit[ci].id && alts ? case_of(alts, sec->number, b->crit[ci].id) : 0;
		if (k > 0 && k < 8)
			casesum[k] += b->crit[ci].max;
		else
			plain += b->crit[ci].max;
	}
	for (int k = 1; k < 8; k++)
		if (casesum[k] > best)
			best = casesum[k];
	if (plain + best != sec->max)
		ld_report(ld, path, "section %d: maximum %d but its criteria add to %d", sec->number,
		       sec->max, plain + best);
	if (sec->part >= 0)
		part_sum[sec->part] += sec->max;
}

static int leaf_of(const struct setb *b, const char *id)
{
	int ci = find_criterion(b, id);

	return ci < 0 ? -1 : b->crit[ci].leaf;
}

static void load_gates(struct ld *ld, struct setb *b, const cJSON *arr, const char *path)
{
	struct ocop_gate *g;
	const cJSON *v, *w, *z, *x;
	char p[256], q[256];
	long i = 0;

	b->s->ngates = (size_t)cJSON_GetArraySize(arr);
	if (!b->s->ngates)
		return;
	g = arena_alloc(ld->a, b->s->ngates * sizeof *g);
	if (!g)
		{ ld_report(ld, path, "out of memory"); return; }
	b->s->gates = g;
	cJSON_ArrayForEach(v, arr) {
		const char *crit, *flag, *effect;
		int *zero;
		long j = 0;
		subpath(p, sizeof p, path, NULL, i);
		g[i].leaf = g[i].flag = -1;
		if (!is_object(ld, v, p) || !(g[i].kind = get_str(ld, v, "kind", p, 1))) {
			i++;
			continue;
		}
		g[i].note_vi = get_str(ld, v, "note_vi", p, 1);
		g[i].note_en = get_str(ld, v, "note_en", p, 1);
		effect = get_str(ld, v, "effect", p, 0);
		g[i].eliminate = effect && strcmp(effect, "eliminate") == 0;
		if (effect && !g[i].eliminate && strcmp(effect, "zero") != 0)
			ld_report(ld, p, "effect must be \"zero\" or \"eliminate\"");
		subpath(q, sizeof q, p, "when", 0);
		w = member(ld, v, "when", p, 1);
		if (w && is_object(ld, w, q)) {
			crit = get_str(ld, w, "criterion", q, 0);
			flag = get_str(ld, w, "flag", q, 0);
			if (!crit == !flag)
				ld_report(ld, q, "a condition names a \"criterion\" or a \"flag\"");
			if (crit && (g[i].leaf = leaf_of(b, crit)) < 0)
				ld_report(ld, q, "\"%s\" is not a scored criterion of the set", crit);
			if (crit)
				get_int(ld, w, "at_most", q, 1, 0, 100, &g[i].at_most);
			if (flag && (g[i].flag = ocop_flag_parse(flag)) < 0)
				ld_report(ld, q, "unknown flag \"%s\"", flag);
			if (g[i].flag >= 0)
				b->s->flags_used |= 1u << g[i].flag;
			if (flag) {
				const cJSON *is = member(ld, w, "is", q, 1);
				if (is && !cJSON_IsBool(is))
					ld_report(ld, q, "\"is\" must be true or false");
				g[i].flag_is = is && cJSON_IsTrue(is);
			}
		}
		z = get_array(ld, v, "zero", p, !g[i].eliminate);
		if (z && cJSON_GetArraySize(z) > 0) {
			zero = arena_alloc(ld->a, (size_t)cJSON_GetArraySize(z) * sizeof *zero);
			g[i].zero = zero;
			cJSON_ArrayForEach(x, z) {
				subpath(q, sizeof q, p, "zero", 0);
				subpath(q, sizeof q, q, NULL, j);
				if (!cJSON_IsString(x) || (zero[j] = leaf_of(b, x->valuestring)) < 0)
					ld_report(ld, q, "expected a scored criterion id of the set");
				j++;
			}
			g[i].nzero = (size_t)j;
		} else if (!g[i].eliminate) {
			ld_report(ld, p, "a gate with effect \"zero\" needs a non-empty \"zero\" list");
		}
		i++;
	}
}

static void load_alternatives(struct ld *ld, struct setb *b, const cJSON *arr, const char *path)
{
	struct ocop_alternative *alt;
	const cJSON *v, *cases, *c, *x;
	char p[256];
	long i = 0;

	b->s->nalternatives = (size_t)cJSON_GetArraySize(arr);
	if (!b->s->nalternatives)
		return;
	alt = arena_alloc(ld->a, b->s->nalternatives * sizeof *alt);
	if (!alt)
		{ ld_report(ld, path, "out of memory"); return; }
	b->s->alternatives = alt;
	cJSON_ArrayForEach(v, arr) {
		int *of = arena_alloc(ld->a, (b->nleaves + 1) * sizeof *of);
		int k = 0;
		subpath(p, sizeof p, path, NULL, i);
		alt[i].case_of_leaf = of;
		if (!is_object(ld, v, p) || !of) {
			i++;
			continue;
		}
		get_int(ld, v, "section", p, 1, 1, 99, &alt[i].section);
		cases = get_array(ld, v, "cases", p, 1);
		if (cases && cJSON_GetArraySize(cases) < 2)
			ld_report(ld, p, "an alternatives group needs at least two cases");
		if (cases) {
			cJSON_ArrayForEach(c, cases) {
				k++;
				cJSON_ArrayForEach(x, c) {
					int ci = cJSON_IsString(x) ? find_criterion(b, x->valuestring) : -1;
					if (ci < 0 || b->crit[ci].parent >= 0 ||
					    b->s->sections[b->crit[ci].section].number != alt[i].section) {
						ld_report(ld, p, "case %d: expected criterion ids of section %d", k,
						       alt[i].section);
						continue;
					}
					for (size_t l = 0; l < b->nleaves; l++) {
						int lc = b->leaves[l];
						if (lc == ci || b->crit[lc].parent == ci)
							of[l] = k;
					}
				}
			}
		}
		alt[i].ncases = (size_t)k;
		i++;
	}
}

static void load_resolutions(struct ld *ld, struct ocop_set *s, const cJSON *arr, const char *path)
{
	const cJSON *v;
	char p[256];
	long i = 0;

	cJSON_ArrayForEach(v, arr) {
		subpath(p, sizeof p, path, NULL, i++);
		if (!is_object(ld, v, p))
			continue;
		get_str(ld, v, "where", p, 1);
		get_str(ld, v, "defect", p, 1);
		get_str(ld, v, "resolution", p, 1);
		get_str(ld, v, "reason", p, 1);
	}
	s->nresolutions = (size_t)i;
}

static size_t count_criteria(const cJSON *sections)
{
	const cJSON *sec, *c;
	size_t n = 0;

	cJSON_ArrayForEach(sec, sections) {
		const cJSON *arr = cJSON_GetObjectItemCaseSensitive(sec, "criteria");
		cJSON_ArrayForEach(c, arr) {
			n += 1 + (size_t)cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(c, "criteria"));
		}
	}
	return n;
}

static void flatten_marks(struct ld *ld, struct ocop_set *s)
{
	struct ocop_mark *m;
	size_t n = 0;

	for (size_t l = 0; l < s->nleaves; l++) {
		const struct ocop_criterion *c = &s->criteria[s->leaves[l]];
		n += c->mark != 0;
		for (size_t o = 0; o < c->noptions; o++)
			n += c->options[o].mark != 0;
	}
	if (!n || !(m = arena_alloc(ld->a, n * sizeof *m)))
		return;
	s->marks = m;
	for (size_t l = 0; l < s->nleaves; l++) {
		const struct ocop_criterion *c = &s->criteria[s->leaves[l]];
		if (c->mark)
			*m++ = (struct ocop_mark){c->mark, (int)l, 0, 1};
		for (size_t o = 0; o < c->noptions; o++)
			if (c->options[o].mark)
				*m++ = (struct ocop_mark){c->options[o].mark, (int)l, c->options[o].points, 0};
	}
	s->nmarks = n;
}

/* "unverified": {"where", "note_vi", "note_en"}: a reconstruction the data could not verify. */
static void load_unverified(struct ld *ld, struct ocop_set *s, const cJSON *v, const char *path)
{
	const cJSON *u = member(ld, v, "unverified", path, 0);
	char p[256];

	if (!u || cJSON_IsNull(u))
		return;
	subpath(p, sizeof p, path, "unverified", 0);
	if (!is_object(ld, u, p))
		return;
	s->unverified_where = get_str(ld, u, "where", p, 1);
	s->unverified_vi = get_str(ld, u, "note_vi", p, 1);
	s->unverified_en = get_str(ld, u, "note_en", p, 1);
}

static void load_set(struct ld *ld, struct ocop_set *s, const cJSON *v, const char *path)
{
	struct setb b = {.s = s};
	struct ocop_section *secs;
	unsigned char *lpart;
	const cJSON *arr, *alts, *gates, *res, *sec;
	char p[256];
	int part_sum[OCOP_MAX_PARTS] = {0};
	long i = 0;
	size_t ncrit;

	if (!is_object(ld, v, path))
		return;
	s->code = get_str(ld, v, "code", path, 1);
	get_int(ld, v, "number", path, 1, 1, 999, &s->number);
	s->name_vi = get_str(ld, v, "name_vi", path, 1);
	s->name_en = get_str(ld, v, "name_en", path, 1);
	arr = get_array(ld, v, "sections", path, 1);
	alts = get_array(ld, v, "alternatives", path, 0);
	if (!arr || cJSON_GetArraySize(arr) == 0) {
		if (arr)
			ld_report(ld, path, "a set needs at least one section");
		return;
	}
	ncrit = count_criteria(arr);
	b.leaves = arena_alloc(ld->a, (ncrit + 1) * sizeof *b.leaves);
	s->nsections = (size_t)cJSON_GetArraySize(arr);
	secs = arena_alloc(ld->a, s->nsections * sizeof *secs);
	if (!secs || !b.leaves)
		{ ld_report(ld, path, "out of memory"); return; }
	s->sections = secs;
	cJSON_ArrayForEach(sec, arr) {
		subpath(p, sizeof p, path, "sections", 0);
		subpath(p, sizeof p, p, NULL, i);
		load_section(ld, &b, &secs[i], (int)i, sec, p, alts, part_sum);
		i++;
	}
	s->criteria = b.crit;
	s->ncriteria = b.ncrit;
	s->leaves = b.leaves;
	s->nleaves = b.nleaves;
	if (!(lpart = arena_alloc(ld->a, b.nleaves + 1)))
		{ ld_report(ld, path, "out of memory"); return; }
	for (size_t l = 0; l < b.nleaves; l++)
		lpart[l] = (unsigned char)secs[b.crit[b.leaves[l]].section].part;
	s->leaf_part = lpart;
	for (size_t k = 0; k < ld->r->nparts; k++)
		if (part_sum[k] != ld->r->parts[k].max) {
			subpath(p, sizeof p, path, "sections", 0);
			ld_report(ld, p, "set %s: part %s adds to %d, not %d", s->code ? s->code : "?",
			       ld->r->parts[k].id ? ld->r->parts[k].id : "?", part_sum[k],
			       ld->r->parts[k].max);
		}
	if (alts) {
		subpath(p, sizeof p, path, "alternatives", 0);
		load_alternatives(ld, &b, alts, p);
	}
	gates = get_array(ld, v, "gates", path, 0);
	if (gates) {
		subpath(p, sizeof p, path, "gates", 0);
		load_gates(ld, &b, gates, p);
	}
	res = get_array(ld, v, "resolutions", path, 0);
	if (res) {
		subpath(p, sizeof p, path, "resolutions", 0);
		load_resolutions(ld, s, res, p);
	}
	load_unverified(ld, s, v, path);
	flatten_marks(ld, s);
}

static void load_sets(struct ld *ld, struct ocop_regime *r, const cJSON *root)
{
	const cJSON *arr = get_array(ld, root, "sets", "$", 1), *v;
	struct ocop_set *sets;
	char p[64];
	long i = 0;

	if (!arr)
		return;
	r->nsets = (size_t)cJSON_GetArraySize(arr);
	if (r->nsets == 0)
		{ ld_report(ld, "$.sets", "a regime needs at least one criteria set"); return; }
	sets = arena_alloc(ld->a, r->nsets * sizeof *sets);
	if (!sets)
		{ ld_report(ld, "$.sets", "out of memory"); return; }
	r->sets = sets;
	cJSON_ArrayForEach(v, arr) {
		subpath(p, sizeof p, "$.sets", NULL, i);
		load_set(ld, &sets[i], v, p);
		for (long j = 0; j < i; j++)
			if (sets[i].code && sets[j].code && (strcmp(sets[i].code, sets[j].code) == 0 ||
			                                     sets[i].number == sets[j].number))
				ld_report(ld, p, "set %s (number %d) is listed twice", sets[i].code,
				       sets[i].number);
		i++;
	}
}

static void use_base_sets(struct ld *ld, struct ocop_regime *r, const char *from,
                          const struct ocop_regime *base)
{
	if (!base || strcmp(base->id, from) != 0)
		{ ld_report(ld, "$.sets_from", "no built-in regime \"%s\" to take the sets from", from); return; }
	if (base->nparts != r->nparts)
		{ ld_report(ld, "$.parts", "parts differ from those of regime %s", from); return; }
	for (size_t i = 0; i < r->nparts; i++)
		if (!r->parts[i].id || strcmp(r->parts[i].id, base->parts[i].id) != 0 ||
		    r->parts[i].max != base->parts[i].max)
			{ ld_report(ld, "$.parts", "parts differ from those of regime %s", from); return; }
	r->sets = base->sets;
	r->nsets = base->nsets;
}

static void syntax_error(struct ld *ld, const char *text, size_t len, const char *at)
{
	long line = 1, col = 1;

	if (!at || at < text || at > text + len)
		at = text + len;
	for (const char *p = text; p < at; p++) {
		if (*p == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)*p & 0xC0) != 0x80) {
			col++;
		}
	}
	ld->bad = 1;
	ocop_diag_add(ld->diags, OCOP_ESYNTAX, ld->name, line, col, "", "malformed JSON");
	ocop_err_set(ld->err, OCOP_ESYNTAX, ld->name, line, col, "", "malformed JSON");
}

static void fingerprint(struct ocop_regime *r, const char *text, size_t len,
                        const struct ocop_regime *base)
{
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)text[i]) * 1099511628211ULL;
	if (base)
		for (const char *p = base->hash; *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	snprintf(r->hash, sizeof r->hash, "%016llx", (unsigned long long)h);
}

int ocop_regime_load(struct ocop_regime **out, const char *text, size_t len, const char *name,
                     const struct ocop_regime *sets_from, struct ocop_diags *diags,
                     struct ocop_err *err)
{
	struct ocop_regime *r;
	struct arena *a;
	struct ld ld = {.diags = diags, .err = err, .name = name};
	const char *end = NULL, *fmt, *from;
	cJSON *root;

	*out = NULL;
	if (!ocop_utf8_valid(text, len))
		return ocop_err_set(err, OCOP_ESYNTAX, name, 0, 0, "", "not valid UTF-8"),
		       ocop_diag_add(diags, OCOP_ESYNTAX, name, 0, 0, "", "not valid UTF-8");
	root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!root) {
		syntax_error(&ld, text, len, cJSON_GetErrorPtr());
		return -1;
	}
	while (end && end < text + len && (*end == ' ' || *end == '\n' || *end == '\r' ||
	                                   *end == '\t' || *end == '\0'))
		end++;
	if (end && end < text + len) {
		syntax_error(&ld, text, len, end);
		cJSON_Delete(root);
		return -1;
	}
	a = calloc(1, sizeof *a);
	r = a ? arena_alloc(a, sizeof *r) : NULL;
	if (!r) {
		free(a);
		cJSON_Delete(root);
		return ocop_err_set(err, OCOP_ENOMEM, name, 0, 0, "", "out of memory");
	}
	r->priv = a;
	ld.a = a;
	ld.r = r;
	if (is_object(&ld, root, "$")) {
		fmt = get_str(&ld, root, "format", "$", 1);
		if (fmt && strcmp(fmt, "ocop-criteria-1") != 0)
			ld_report(&ld, "$.format", "unknown format \"%s\" (expected ocop-criteria-1)", fmt);
		r->id = get_str(&ld, root, "id", "$", 1);
		r->decision = get_str(&ld, root, "decision", "$", 1);
		r->name_vi = get_str(&ld, root, "name_vi", "$", 1);
		r->name_en = get_str(&ld, root, "name_en", "$", 1);
		get_date(&ld, root, "effective_from", "$", 1, r->effective_from);
		get_date(&ld, root, "effective_to", "$", 0, r->effective_to);
		if (r->effective_to[0] && strcmp(r->effective_to, r->effective_from) < 0)
			ld_report(&ld, "$.effective_to", "ends before it starts");
		load_parts(&ld, r, root);
		load_bands(&ld, r, root);
		get_int(&ld, root, "recognised_min_stars", "$", 1, 1, OCOP_MAX_STARS,
		        &r->recognised_min_stars);
		get_int(&ld, root, "spread_limit", "$", 1, 0, 100, &r->spread_limit);
		get_int(&ld, root, "certificate_months", "$", 1, 1, 240, &r->certificate_months);
		get_int(&ld, root, "notice_days", "$", 1, 0, 365, &r->notice_days);
		load_levels(&ld, r, root);
		load_promotion(&ld, r, root);
		load_renewal(&ld, r, root);
		from = get_str(&ld, root, "sets_from", "$", 0);
		if (from && cJSON_GetObjectItemCaseSensitive(root, "sets"))
			ld_report(&ld, "$.sets", "give \"sets\" or \"sets_from\", not both");
		else if (from)
			use_base_sets(&ld, r, from, sets_from);
		else
			load_sets(&ld, r, root);
		fingerprint(r, text, len, from ? sets_from : NULL);
	}
	cJSON_Delete(root);
	if (ld.bad) {
		ocop_regime_free(r);
		return -1;
	}
	*out = r;
	return 0;
}

char *ocop_regime_sets_from(const char *text, size_t len)
{
	cJSON *root = cJSON_ParseWithLength(text, len);
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "sets_from");
	char *s = cJSON_IsString(v) ? strdup(v->valuestring) : NULL;

	cJSON_Delete(root);
	return s;
}

void ocop_regime_free(struct ocop_regime *r)
{
	struct arena *a;

	if (!r || !r->priv)          /* compiled-in regimes own nothing */
		return;
	a = r->priv;
	arena_free(a);
	free(a);
}
