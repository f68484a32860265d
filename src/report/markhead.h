/* markhead.h — the text of a failed mark ("4★ mark on 10 needs 2, has 1.67"), made once per mark
 * and language around its mean, and kept: a season's rows name the same few marks product after
 * product, with means that differ (internal). */
#ifndef OCOP_MARKHEAD_H
#define OCOP_MARKHEAD_H

#include "emit.h"
#include "ocop/score.h"

struct mark_heads;

/* Makes a mark's text with `has` written for its mean: appends it to b. A pure function of the
 * mark's star, points, above_zero, its leaf's id, has and lang. */
typedef void (*mark_head_fn)(struct sb *b, const struct ocop_set *s, const struct ocop_mark *mk,
                             const char *has, int lang);

/* NULL when out of memory (texts are then made every time). */
struct mark_heads *mark_heads_new(void);
void mark_heads_free(struct mark_heads *h);
/* Appends the text of e in lang, its mean written as sb_mean writes it: the kept text around the
 * mean while the mark still reads as when it was made (a set freed and another loaded at its
 * address cannot be served stale text), else made by make and kept. h may be NULL. */
void mark_heads_put(struct mark_heads *h, struct sb *b, const struct ocop_result *res,
                    const struct ocop_mark_eval *e, int lang, mark_head_fn make);

#endif
