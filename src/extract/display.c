/* Display text from what a sender wrote (extract-private.h): the one
 * cleaner behind the fax station ID and the delivery report's diagnostic,
 * so both refuse the same characters. */
#include <glib.h>

#include "extract/extract-private.h"

bool
extract_display_char_bad(gunichar c)
{
	GUnicodeType t = g_unichar_type(c);

	return g_unichar_iscntrl(c) || t == G_UNICODE_LINE_SEPARATOR ||
	       t == G_UNICODE_PARAGRAPH_SEPARATOR || t == G_UNICODE_FORMAT;
}

char *
extract_display_line(const char *s, size_t max_chars, size_t max_bytes)
{
	GString *out = g_string_new(NULL);
	size_t chars = 0;

	for (const char *p = s; *p != '\0' && chars < max_chars;
	     p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char(p);
		size_t n = (size_t)(g_utf8_next_char(p) - p);

		if (extract_display_char_bad(c) || g_unichar_isspace(c)) {
			if (out->len > 0 && out->str[out->len - 1] != ' ') {
				g_string_append_c(out, ' ');
				chars++;
			}
			continue;
		}
		if (out->len + n > max_bytes)
			break;
		g_string_append_len(out, p, (gssize)n);
		chars++;
	}
	while (out->len > 0 && out->str[out->len - 1] == ' ')
		g_string_truncate(out, out->len - 1);
	if (out->len == 0) {
		g_string_free(out, TRUE);
		return NULL;
	}
	return g_string_free(out, FALSE);
}
