/* Queries on loaded regimes and sets. */
#include "ocop/criteria.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

static const char *const level_names[OCOP_NLEVELS] = {"commune", "district", "province", "central"};
static const char *const flag_names[OCOP_NFLAGS] = {
	"contaminants", "food_safety_cert", "imported_raw_material", "ip_violation", "forged_dossier",
	"registration_incomplete", "production_licence", "production_conditions", "product_declaration",
	"identical_product"};
/* A finding (contaminants, a forged dossier …) is absent unless given; a document the dossier
 * must hold (a certificate, a licence, a declaration) is present unless given as no. */
static const int flag_defaults[OCOP_NFLAGS] = {0, 1, 0, 0, 0, 0, 1, 1, 1, 0};

const char *ocop_level_name(int level)
{
	return level >= 0 && level < OCOP_NLEVELS ? level_names[level] : "";
}

int ocop_level_parse(const char *s)
{
	for (int i = 0; i < OCOP_NLEVELS; i++)
		if (strcmp(s, level_names[i]) == 0)
			return i;
	return OCOP_LEVEL_NONE;
}

const char *ocop_flag_name(int flag)
{
	return flag >= 0 && flag < OCOP_NFLAGS ? flag_names[flag] : "";
}

int ocop_flag_default(int flag)
{
	return flag >= 0 && flag < OCOP_NFLAGS ? flag_defaults[flag] : 0;
}

int ocop_flag_parse(const char *name)
{
	for (int i = 0; i < OCOP_NFLAGS; i++)
		if (strcmp(name, flag_names[i]) == 0)
			return i;
	return -1;
}

const struct ocop_set *ocop_regime_find_set(const struct ocop_regime *r, const char *name)
{
	char *end;
	long n = 0;
	int numeric = *name >= '0' && *name <= '9';

	if (numeric) {              /* a set's number; a code like I.1.a otherwise */
		n = strtol(name, &end, 10);
		numeric = *end == '\0';
	}
	for (size_t i = 0; i < r->nsets; i++)
		if (numeric ? r->sets[i].number == n : strcasecmp(r->sets[i].code, name) == 0)
			return &r->sets[i];
	return NULL;
}

/* strcmp(a, b) == 0 without a call: ids are a few bytes. */
static int same_id(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

int ocop_set_find_leaf_near(const struct ocop_set *s, const char *id, int hint)
{
	if (hint >= 0 && (size_t)hint < s->nleaves && same_id(s->criteria[s->leaves[hint]].id, id))
		return hint;
	return ocop_set_find_leaf(s, id);
}

int ocop_set_find_leaf(const struct ocop_set *s, const char *id)
{
	for (size_t l = 0; l < s->nleaves; l++)
		if (same_id(s->criteria[s->leaves[l]].id, id))
			return (int)l;
	return -1;
}

const struct ocop_criterion *ocop_set_leaf(const struct ocop_set *s, size_t leaf)
{
	return leaf < s->nleaves ? &s->criteria[s->leaves[leaf]] : NULL;
}

int ocop_set_valid_points(const struct ocop_set *s, size_t leaf, int points)
{
	const struct ocop_criterion *c = ocop_set_leaf(s, leaf);

	if (points == 0)
		return 1;
	if (c && points > 0 && points < 64)
		return (int)((c->valid >> points) & 1);
	for (size_t o = 0; c && o < c->noptions; o++)
		if (c->options[o].points == points)
			return 1;
	return 0;
}

/* The distinct valid points of a leaf, ascending: 0 first, then each option's points. */
void ocop_set_points_list(const struct ocop_set *s, size_t leaf, char *buf, size_t size)
{
	const struct ocop_criterion *c = ocop_set_leaf(s, leaf);
	size_t len = 0;

	buf[0] = '\0';
	for (int p = 0; c && p <= c->max; p++) {
		if (!ocop_set_valid_points(s, leaf, p))
			continue;
		int n = snprintf(buf + len, size - len, "%s%d", len ? ", " : "", p);
		if (n < 0 || (size_t)n >= size - len)
			break;
		len += (size_t)n;
	}
}

int ocop_regime_band(const struct ocop_regime *r, long sum, int n)
{
	int stars = 0;

	for (size_t i = 0; i < r->nbands; i++)
		if (sum >= (long)r->bands[i].min * n)
			stars = r->bands[i].stars;
	return stars;
}

int ocop_regime_band_min(const struct ocop_regime *r, int stars)
{
	for (size_t i = 0; i < r->nbands; i++)
		if (r->bands[i].stars == stars)
			return r->bands[i].min;
	return -1;
}
