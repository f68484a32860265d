/* ocop/criteria.h — regimes and criteria sets: the rules every star is computed from.
 *
 * A struct ocop_regime owns everything reachable from it (sets, labels, gates); accessors return
 * borrowed pointers valid until ocop_regime_free(). Rules are data: nothing here hard-codes points,
 * bands, marks or thresholds. */
#ifndef OCOP_CRITERIA_H
#define OCOP_CRITERIA_H

#include <stddef.h>

#include "ocop/err.h"

#define OCOP_MAX_PARTS 4
#define OCOP_MAX_BANDS 8
#define OCOP_MAX_LEVELS 4
#define OCOP_MAX_STARS 5
#define OCOP_MAX_OPTIONS 32    /* options of one criterion (the rule books have at most 6) */

struct ocop_option {
	int points;
	int mark;   /* star (3..5) this option is the minimum for, or 0 */
	int kase;   /* 1 or 2 for a "choose one of two cases" criterion, else 0 */
	const char *label_vi, *label_en;  /* short labels for tables */
	const char *text_vi;      /* the official wording, verbatim; NULL when the data has none */
};

/* A criterion or sub-criterion, in sheet order. Leaves carry options and are scored. */
struct ocop_criterion {
	const char *id;           /* "1.a", "6.a.1", "7" */
	const char *label_vi, *label_en;
	int max;
	int mark;                 /* criterion-level mark: for this star the mean must be above 0 */
	int section;              /* index into set->sections */
	int parent;               /* index of the parent criterion, or -1 */
	int leaf;                 /* index among the set's leaves, or -1 for a parent */
	const struct ocop_option *options;
	size_t noptions;
	unsigned long long valid; /* bit p set when p points (below 64) is 0 or an option's points */
	const char *text_vi;      /* the official wording, verbatim; NULL when the data has none */
	int yesno;                /* a yes/no criterion: no options on the sheet, 0 or max points (its
	                           * one option, points = max, is the loader's, labelled yes) */
};

struct ocop_section {
	int number;
	int part;                 /* index into regime->parts */
	int max;
	const char *name_vi, *name_en;
	const char *text_vi;      /* the official heading, verbatim, or NULL */
};

/* One star mark, flattened: for star `star`, leaf `leaf` needs mean >= points (or > 0 when
 * above_zero is set). */
struct ocop_mark {
	int star;
	int leaf;
	int points;
	int above_zero;
};

/* The yes/no findings a dossier can carry for gates (data/criteria/FORMAT.md lists their defaults). */
enum ocop_flag { OCOP_FLAG_CONTAMINANTS, OCOP_FLAG_FOOD_SAFETY_CERT, OCOP_FLAG_IMPORTED_RAW,
                 OCOP_FLAG_IP_VIOLATION, OCOP_FLAG_FORGED_DOSSIER, OCOP_FLAG_REGISTRATION_INCOMPLETE,
                 OCOP_FLAG_PRODUCTION_LICENCE, OCOP_FLAG_PRODUCTION_CONDITIONS,
                 OCOP_FLAG_PRODUCT_DECLARATION, OCOP_FLAG_IDENTICAL_PRODUCT, OCOP_NFLAGS };

struct ocop_gate {
	const char *kind;         /* "story", "contaminants", "food_safety", "eliminate", … */
	int leaf;                 /* condition on a leaf's points (at_most), or -1 */
	int at_most;
	int flag;                 /* condition on a dossier flag (enum ocop_flag), or -1 */
	int flag_is;
	int eliminate;            /* effect: the product is not rated */
	const int *zero;          /* leaves zeroed when the condition holds */
	size_t nzero;
	const char *note_vi, *note_en;
};

struct ocop_alternative {
	int section;              /* section number */
	size_t ncases;
	const int *case_of_leaf;  /* per leaf of the set: case number 1..ncases, or 0 (not in group) */
};

struct ocop_set {
	const char *code;         /* "I.1.a" */
	int number;
	const char *name_vi, *name_en;
	const struct ocop_section *sections;
	size_t nsections;
	const struct ocop_criterion *criteria;  /* every criterion, sheet order */
	size_t ncriteria;
	const int *leaves;        /* criterion index of each leaf, sheet order */
	size_t nleaves;
	const struct ocop_mark *marks;
	size_t nmarks;
	const struct ocop_gate *gates;
	size_t ngates;
	const struct ocop_alternative *alternatives;
	size_t nalternatives;
	size_t nresolutions;
	const unsigned char *leaf_part; /* per leaf: its section's part (index into regime->parts) */
	/* A reconstruction the data could not verify against its source ("unverified"): every result
	 * on this set carries it as a warning. NULL when the set is verified. */
	const char *unverified_where, *unverified_vi, *unverified_en;
	unsigned flags_used;      /* bit f set when a gate of the set reads flag f */
};

struct ocop_part {
	const char *id;           /* "A" */
	int max;
	const char *name_vi, *name_en;
};

struct ocop_band {
	int stars;
	int min;
};

enum ocop_level { OCOP_LEVEL_COMMUNE, OCOP_LEVEL_DISTRICT, OCOP_LEVEL_PROVINCE, OCOP_LEVEL_CENTRAL,
                  OCOP_NLEVELS, OCOP_LEVEL_NONE = -1 };

struct ocop_promotion {
	int level;                /* enum ocop_level */
	int certify[OCOP_MAX_STARS + 1]; /* certify[s] set when this level certifies s stars */
	int forward_min_stars;    /* 0 if not used */
	int forward_min_total;    /* -1 if not used */
	int forward_all_complete;
	int next;                 /* enum ocop_level, or OCOP_LEVEL_NONE */
	int return_to;            /* enum ocop_level a product this level neither certifies nor forwards
	                           * goes back to with this council's score, or OCOP_LEVEL_NONE */
};

/* Re-evaluation of a recognition ("renewal", 26-2026): the producer files no earlier than
 * file_from_days and no later than file_to_days before expiry; filed late, the certificate stays
 * valid until the result, at most late_valid_days after expiry. */
struct ocop_renewal {
	int given;                /* 0: the regime has no renewal window (notice_days applies) */
	int file_from_days;
	int file_to_days;
	int late_valid_days;
};

struct ocop_regime {
	const char *id, *decision, *name_vi, *name_en;
	char effective_from[11], effective_to[11]; /* YYYY-MM-DD; effective_to "" while in force */
	struct ocop_part parts[OCOP_MAX_PARTS];
	size_t nparts;
	struct ocop_band bands[OCOP_MAX_BANDS];
	size_t nbands;
	int recognised_min_stars;
	int spread_limit;
	int certificate_months;   /* how long a recognition lasts */
	int notice_days;          /* the issuing level notifies this many days before expiry */
	int levels[OCOP_MAX_LEVELS];
	size_t nlevels;
	struct ocop_promotion promotion[OCOP_MAX_LEVELS];
	size_t npromotion;
	const struct ocop_set *sets;
	size_t nsets;
	char hash[17];            /* 64-bit FNV-1a of the criteria text, hex */
	void *priv;
	struct ocop_renewal renewal;
};

/* Parses and validates a criteria file held in memory. `name` names it in messages. `sets_from`
 * supplies the sets of a regime that declares "sets_from" (may be NULL when none does). Every problem
 * found is added to diags (if not NULL); on failure *out is NULL and err holds the first problem. */
int ocop_regime_load(struct ocop_regime **out, const char *text, size_t len, const char *name,
                     const struct ocop_regime *sets_from, struct ocop_diags *diags,
                     struct ocop_err *err);
void ocop_regime_free(struct ocop_regime *r);

/* Reads the "sets_from" key of a criteria text without validating it; NULL if absent. The result
 * is malloc'ed. */
char *ocop_regime_sets_from(const char *text, size_t len);

/* Finds a set by code ("I.1.a") or number ("1"); NULL if none. */
const struct ocop_set *ocop_regime_find_set(const struct ocop_regime *r, const char *name);
/* Leaf index of a criterion id in a set, or -1. */
int ocop_set_find_leaf(const struct ocop_set *s, const char *id);
/* The same, trying leaf `hint` first: criteria usually come in sheet order. */
int ocop_set_find_leaf_near(const struct ocop_set *s, const char *id, int hint);
const struct ocop_criterion *ocop_set_leaf(const struct ocop_set *s, size_t leaf);
/* 1 if points is 0 or one of the leaf's option points. */
int ocop_set_valid_points(const struct ocop_set *s, size_t leaf, int points);
/* Writes the valid points of a leaf as "0, 1, 2" into buf. */
void ocop_set_points_list(const struct ocop_set *s, size_t leaf, char *buf, size_t size);
/* The band star of a mean total given as sum over n members. */
int ocop_regime_band(const struct ocop_regime *r, long sum, int n);
/* Minimum total of a band (stars), or -1. */
int ocop_regime_band_min(const struct ocop_regime *r, int stars);

const char *ocop_level_name(int level);
int ocop_level_parse(const char *s);
const char *ocop_flag_name(int flag);
int ocop_flag_parse(const char *name);
/* The value a flag has when a dossier does not give it (1 yes, 0 no). */
int ocop_flag_default(int flag);

#endif
