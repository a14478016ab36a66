#include "common/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
error_set(struct ogi_error *err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	err->scope = OGI_ERROR_MESSAGE;
	err->temporary = false;
}

void
error_prefix(struct ogi_error *err, const char *fmt, ...)
{
	char prefix[256], old[sizeof(err->msg)];
	va_list ap;

	if (err == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof(old));
	/* A long context may cut the old text: the message stays one line. */
	if (snprintf(err->msg, sizeof(err->msg), "%s: %s", prefix, old) < 0)
		err->msg[0] = '\0';
}

void
error_scope(struct ogi_error *err, enum ogi_error_scope scope, bool temporary)
{
	if (err == NULL)
		return;
	err->scope = scope;
	err->temporary = temporary;
}
