#include "intake/utf7.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

static const char utf7_alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

static bool
utf7_direct(gunichar c)
{
	return c >= 0x20 && c <= 0x7e;
}

/* Appends the base64 of n UTF-16 code units, big-endian. */
static void
utf7_put_run(GString *out, const gunichar2 *units, size_t n)
{
	uint32_t bits = 0;
	int nbits = 0;

	g_string_append_c(out, '&');
	for (size_t i = 0; i < n; i++) {
		bits = (bits << 16) | units[i];
		nbits += 16;
		while (nbits >= 6) {
			nbits -= 6;
			g_string_append_c(out, utf7_alphabet[(bits >> nbits) & 0x3f]);
		}
	}
	if (nbits > 0)
		g_string_append_c(out, utf7_alphabet[(bits << (6 - nbits)) & 0x3f]);
	g_string_append_c(out, '-');
}

int
intake_utf7_encode(const char *name, char **out_r, struct ogi_error *err)
{
	GString *out;
	const char *p = name;

	if (!g_utf8_validate(name, -1, NULL)) {
		error_set(err, "folder name is not valid UTF-8");
		return -1;
	}
	out = g_string_new(NULL);
	while (*p != '\0') {
		gunichar c = g_utf8_get_char(p);
		const char *run = p;
		gunichar2 *units;
		glong n;

		if (utf7_direct(c)) {
			if (c == '&')
				g_string_append(out, "&-");
			else
				g_string_append_c(out, (char)c);
			p++;
			continue;
		}
		while (*p != '\0' && !utf7_direct(g_utf8_get_char(p)))
			p = g_utf8_next_char(p);
		units = g_utf8_to_utf16(run, p - run, NULL, &n, NULL);
		utf7_put_run(out, units, (size_t)n);
		g_free(units);
	}
	*out_r = g_string_free(out, FALSE);
	return 0;
}

static int
utf7_value(char c)
{
	const char *at = c != '\0' ? strchr(utf7_alphabet, c) : NULL;

	return at != NULL ? (int)(at - utf7_alphabet) : -1;
}

/* Decodes the base64 between "&" and "-" (len characters at b64) and
 * appends it as UTF-8.  Returns 0 or -1. */
static int
utf7_take_run(GString *out, const char *b64, size_t len)
{
	gunichar2 *units = g_new(gunichar2, len * 6 / 16 + 1);
	uint32_t bits = 0;
	size_t n = 0;
	int nbits = 0, rc = -1;
	char *utf8;

	for (size_t i = 0; i < len; i++) {
		bits = (bits << 6) | (uint32_t)utf7_value(b64[i]);
		nbits += 6;
		if (nbits >= 16) {
			nbits -= 16;
			units[n++] = (gunichar2)(bits >> nbits);
		}
	}
	/* What is left must be padding: fewer than 6 bits, all zero. */
	if (n == 0 || nbits >= 6 || (bits & ((1u << nbits) - 1)) != 0)
		goto out;
	utf8 = g_utf16_to_utf8(units, (glong)n, NULL, NULL, NULL);
	if (utf8 == NULL)
		goto out;
	for (const char *p = utf8; *p != '\0'; p = g_utf8_next_char(p))
		if (utf7_direct(g_utf8_get_char(p))) {
			g_free(utf8);
			goto out;
		}
	g_string_append(out, utf8);
	g_free(utf8);
	rc = 0;
out:
	g_free(units);
	return rc;
}

int
intake_utf7_decode(const char *wire, char **out_r, struct ogi_error *err)
{
	GString *out = g_string_new(NULL);
	char *shown;

	for (const char *p = wire; *p != '\0'; p++) {
		const char *end;

		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			goto bad;
		if (*p != '&') {
			g_string_append_c(out, *p);
			continue;
		}
		if (p[1] == '-') {
			g_string_append_c(out, '&');
			p++;
			continue;
		}
		for (end = p + 1; utf7_value(*end) >= 0; end++)
			;
		if (*end != '-' || utf7_take_run(out, p + 1, (size_t)(end - p - 1)) != 0)
			goto bad;
		p = end;
	}
	*out_r = g_string_free(out, FALSE);
	return 0;
bad:
	shown = g_strescape(wire, NULL);
	error_set(err, "folder name \"%s\" is not modified UTF-7", shown);
	g_free(shown);
	g_string_free(out, TRUE);
	return -1;
}
