/* csverr.h — libcsv's error codes said in the current language (csv_strerror is English only). */
#ifndef OCOP_CSVERR_H
#define OCOP_CSVERR_H

const char *csv_error_text(int code);

#endif
