/* A small streaming JSON writer for ogictl's --json output.
 *
 * Writes to a FILE as it goes; strings are escaped per RFC 8259 (control
 * characters as \u00XX, valid UTF-8 passed through).  Commas and nesting are
 * tracked here so callers cannot produce invalid JSON by forgetting one.
 * Blocks only on stdio.
 */
#ifndef OGI_COMMON_JSON_H
#define OGI_COMMON_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 32

struct json_writer {
	FILE *out;
	int depth;
	bool first[JSON_MAX_DEPTH];
	bool after_key;
	bool pretty;
};

void json_init(struct json_writer *w, FILE *out, bool pretty);
void json_begin_object(struct json_writer *w);
void json_end_object(struct json_writer *w);
void json_begin_array(struct json_writer *w);
void json_end_array(struct json_writer *w);
/* Writes "key": and leaves the writer expecting the value. */
void json_key(struct json_writer *w, const char *key);
/* s NULL writes null. */
void json_string(struct json_writer *w, const char *s);
void json_int(struct json_writer *w, int64_t v);
void json_bool(struct json_writer *w, bool v);
void json_null(struct json_writer *w);
/* Ends the document with a newline. */
void json_finish(struct json_writer *w);

#endif
