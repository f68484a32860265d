/* emit.h — escaping for CSV and JSON output (internal). */
#ifndef OCOP_EMIT_H
#define OCOP_EMIT_H

#include <stdio.h>

/* Writes s as a CSV field, quoted when it holds a comma, quote or line break. */
void emit_csv(FILE *f, const char *s);
/* Writes s as a JSON string, quotes included; NULL writes null. */
void emit_json(FILE *f, const char *s);
/* Writes ,"KEY_vi":VI,"KEY_en":EN — the two labels every criteria object carries. */
void emit_json_labels(FILE *f, const char *key, const char *vi, const char *en);
/* Writes an integer in the C locale. */
void emit_int(FILE *f, long v);
/* Writes a sum over n members as a JSON/CSV number with two decimals. */
void emit_mean(FILE *f, long sum, int n);
/* Pads with spaces to `cols` display columns after text of display width `used`. */
void emit_pad(FILE *f, size_t used, size_t cols);

struct ocop_dossier;
struct ocop_result;
/* Writes one score result as a JSON object (the objects of `ocop score --format json`). */
void emit_result_json(FILE *f, const struct ocop_dossier *d, const struct ocop_result *res);

#endif
