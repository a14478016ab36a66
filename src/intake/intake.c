#include "intake/intake.h"

#include <stdlib.h>
#include <string.h>
#include <glib.h>

static const struct intake_driver *const intake_drivers[] = {
	&intake_maildir_driver,
	&intake_imap_driver,
	&intake_pop3_driver,
};

const struct intake_driver *
intake_driver_find(const char *name)
{
	for (size_t i = 0; i < G_N_ELEMENTS(intake_drivers); i++)
		if (strcmp(intake_drivers[i]->name, name) == 0)
			return intake_drivers[i];
	return NULL;
}

void
intake_items_free(struct intake_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(items[i].uid);
		free(items[i].locator);
	}
	free(items);
}

bool
intake_received_plausible(int64_t t, int64_t now)
{
	return t >= INTAKE_RECEIVED_MIN && t <= now + INTAKE_RECEIVED_AHEAD;
}

void
intake_received_witness(struct intake_item *item, int64_t witnessed,
			const char *source, int64_t now)
{
	if (intake_received_plausible(witnessed, now)) {
		item->received_at = witnessed;
		item->received_source = source;
	} else {
		item->received_at = now;
		item->received_source = INTAKE_RECEIVED_FETCH;
	}
}

size_t
intake_crlf_decode(struct intake_crlf *st, const char *in, size_t len,
		   char *out)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if (st->cr && in[i] != '\n')
			out[n++] = '\r';
		st->cr = in[i] == '\r';
		if (!st->cr)
			out[n++] = in[i];
	}
	return n;
}

size_t
intake_crlf_finish(struct intake_crlf *st, char *out)
{
	size_t n = 0;

	if (st->cr)
		out[n++] = '\r';
	st->cr = false;
	return n;
}
