/* ocop/encoding.h — the legacy Vietnamese encodings spreadsheets still write: names, guessing the
 * encoding of bytes that are not UTF-8, and spotting UTF-8 text that is legacy text decoded the
 * wrong way ("Kh« c¸", "Ã¡").
 *
 * Pure functions: nothing is allocated that the caller must free; iconv does the decoding. */
#ifndef OCOP_ENCODING_H
#define OCOP_ENCODING_H

#include <stddef.h>

/* The encodings ocop names in its hints. */
enum ocop_encoding {
	OCOP_ENC_NONE = -1, OCOP_ENC_UTF8, OCOP_ENC_CP1258, OCOP_ENC_TCVN3, OCOP_ENC_VISCII,
	OCOP_ENC_VNI, OCOP_ENC_UTF8_TWICE, OCOP_ENC_OTHER
};

/* The iconv name for an encoding as a user writes it: "utf-8" gives "" (nothing to convert),
 * "cp1258"/"windows-1258", "tcvn3"/"tcvn", "viscii" their iconv names, "vni" NULL (iconv does not
 * know it: see ocop_encoding_explain_vni), any other name itself (iconv decides). */
const char *ocop_encoding_iconv_name(const char *user);
/* What a user gives to --encoding for e (e.g. "tcvn3"), or its plain description for the others. */
const char *ocop_encoding_option(int e);
/* A human name for e: "TCVN3", "Windows-1258", "VNI" … */
const char *ocop_encoding_label(int e);
/* One sentence on VNI: what it is and how to convert it. */
const char *ocop_encoding_explain_vni(void);

/* Guesses the encoding of s[0..len), text that is not UTF-8: each candidate (Windows-1258, TCVN3,
 * VISCII, VNI) decodes it, and the one whose words are most often well-formed Vietnamese syllables
 * wins. `sample`, of `size` bytes, receives sample (the first word or few, NFC) as it decodes, when
 * not NULL. Returns the enum ocop_encoding, or OCOP_ENC_NONE when no candidate reads as
 * Vietnamese. */
int ocop_encoding_guess(const char *s, size_t len, char *sample, size_t size);

/* Decodes s[0..len) from e (Windows-1258, TCVN3 or VISCII) into out as UTF-8, NFC; -1 if it cannot. */
int ocop_encoding_decode(int e, const char *s, size_t len, char *out, size_t size);

/* UTF-8 text s[0..len) that reads as legacy Vietnamese decoded as Windows-1252 (TCVN3's "Kh« c¸",
 * VNI's "Khoâ caù"), or UTF-8 decoded twice ("Ã¡"): returns which (OCOP_ENC_TCVN3, OCOP_ENC_VNI,
 * OCOP_ENC_UTF8_TWICE …) and, for all but VNI, the text as it was meant in `fixed`; OCOP_ENC_NONE
 * for text that looks right. Cheap for ASCII and for ordinary Vietnamese. */
int ocop_text_mojibake(const char *s, size_t len, char *fixed, size_t size);

#endif
