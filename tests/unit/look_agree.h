/* tests/unit/look_agree.h — ocop_text_look's one pass against the checks it stands for, shared by
 * test_text and fuzz_csvsplit: 1 when every bit it gives is what those checks say (or, for the
 * bits that may err, errs only towards "look closer"). */
#ifndef OCOP_LOOK_AGREE_H
#define OCOP_LOOK_AGREE_H

#include <stdlib.h>
#include <string.h>

#include "ocop/encoding.h"
#include "ocop/text.h"

static int look_agrees(const char *s, size_t len)
{
	int look = ocop_text_look(s, len), scan = ocop_text_scan(s, len), ok;
	char *z;

	if ((look & OCOP_LOOK_NUL) != (scan < 0 ? OCOP_LOOK_NUL : 0))
		return 0;
	if (scan < 0)
		return look == OCOP_LOOK_NUL;
	if (!!(look & OCOP_LOOK_NONASCII) != (scan > 0) ||
	    !!(look & OCOP_LOOK_BADUTF8) != !ocop_utf8_valid(s, len))
		return 0;
	if (look & OCOP_LOOK_BADUTF8)
		return 1;               /* (the other checks read valid UTF-8 only) */
	if (!(z = malloc(len + 1)))
		return 1;
	memcpy(z, s, len);
	z[len] = '\0';
	ok = !!(look & OCOP_LOOK_NOTNFC) == !ocop_text_is_nfc(z) &&
	     ((look & OCOP_LOOK_CONTROL) || ocop_text_control(z, 0, NULL) == (size_t)-1) &&
	     (!(look & OCOP_LOOK_CONTROL) || ocop_text_control(z, 0, NULL) != (size_t)-1) &&
	     ((look & OCOP_LOOK_SUSPECT) || ocop_text_mojibake(z, len, NULL, 0) == OCOP_ENC_NONE);
	free(z);
	return ok;
}

#endif
