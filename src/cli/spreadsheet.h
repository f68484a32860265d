/* spreadsheet.h — files as spreadsheets make them and want them: input in a legacy encoding
 * decoded while it is read, CSV output with another delimiter and a UTF-8 BOM for Excel. */
#ifndef OCOP_CLI_SPREADSHEET_H
#define OCOP_CLI_SPREADSHEET_H

#include <stdio.h>

struct decoder;

/* A stream giving raw's bytes decoded from the iconv encoding `from` to UTF-8, as they are read
 * (raw is not closed with it). NULL if iconv does not know `from` or memory runs out. After a read
 * error, decoder_error() says which byte was not in the encoding. */
FILE *decoder_open(FILE *raw, const char *from, const char *label, struct decoder **dec);
/* The message of a decoding error ("" if none): "byte 0xFF at offset 12 is not TCVN3". */
const char *decoder_error(const struct decoder *dec);
/* 1 if iconv can decode `from` to UTF-8. */
int decoder_known(const char *from);

/* Writes the UTF-8 byte order mark Excel needs to read a CSV file as UTF-8. */
int write_bom(FILE *f);
/* A stream writing CSV text to raw with `delim` instead of ',' between fields (a field holding
 * delim is quoted), after a BOM when bom is set. Closing it flushes into raw, which stays open. */
FILE *csv_out_open(FILE *raw, char delim, int bom);

#endif
