#include "csverr.h"

#include <csv.h>

#include "ocop/i18n.h"

const char *csv_error_text(int code)
{
	switch (code) {
	case CSV_EPARSE:
		return _("a quote inside an unquoted field, or text after a closing quote");
	case CSV_ENOMEM:
		return _("out of memory");
	case CSV_ETOOBIG:
		return _("a field too large to hold");
	default:
		return _("an unknown CSV error");
	}
}
