/* ogictl's output: JSON documents and aligned human-readable tables.
 *
 * Everything is written to the given FILE as it is produced; nothing is
 * kept.  Times are shown in the office time zone tz (an IANA name).
 */
#ifndef OGI_CTL_OUTPUT_H
#define OGI_CTL_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "registry/registry.h"

struct output {
	FILE *out;
	const char *tz;
	bool json;
};

/* `ogictl messages`: every received message. */
void output_messages(const struct output *o,
		     const struct registry_message_row *rows, size_t n);

/* `ogictl list`: cases, as an array of show objects in JSON. */
void output_cases(const struct output *o, struct registry_case *const *cases,
		  size_t n);

/* `ogictl show`: one case in full. */
void output_case(const struct output *o, const struct registry_case *c);

#endif
