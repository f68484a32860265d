/* ocop/version.h — the library's version. */
#ifndef OCOP_VERSION_H
#define OCOP_VERSION_H

#define OCOP_VERSION "0.1.0"

#endif
