/* OCR words for tests from text (format in ocr-words.h). */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "ocr-words.h"

#define DEFAULT_CONF 95
#define HAN_WIDTH 30
#define OTHER_WIDTH 15
#define TEXT_HEIGHT 30
#define LINE_PITCH 50
#define WORD_GAP 8
#define COLUMN_GAP 90

static int
text_width(const char *s)
{
	int w = 0;

	for (const char *p = s; *p != '\0'; p = g_utf8_next_char(p))
		w += (unsigned char)*p >= 0x80 ? HAN_WIDTH : OTHER_WIDTH;
	return w;
}

/* Whether the confidence "NN" or "NN!" that ends before end is vouched. */
static bool
vouched_before(const char *end)
{
	return end[-1] == '!';
}

/* Splits "word{NN}" or "word{NN!}" into the word, its confidence and
 * whether it is vouched (else as its line). */
static char *
word_conf(const char *tok, int line_conf, bool line_vouched, struct extract_ocr_word *w)
{
	const char *brace = strrchr(tok, '{');
	size_t n = strlen(tok);

	w->conf = line_conf;
	w->vouched = line_vouched;
	if (brace != NULL && brace != tok && n > 0 && tok[n - 1] == '}') {
		w->conf = atoi(brace + 1);
		w->vouched = vouched_before(tok + n - 1);
		return g_strndup(tok, (gsize)(brace - tok));
	}
	return g_strdup(tok);
}

struct extract_ocr_word *
ocr_words_parse(const char *spec, size_t *n_r)
{
	GArray *out = g_array_new(FALSE, FALSE, sizeof(struct extract_ocr_word));
	char **lines = g_strsplit(spec, "\n", -1);
	unsigned page = 0, line = 0, cell = 0;
	const char *cell_label = NULL;

	for (size_t i = 0; lines[i] != NULL; i++) {
		const char *p = lines[i];
		int line_conf = DEFAULT_CONF, x = 0;
		bool any = false, line_vouched = false;

		if (strcmp(p, "\f") == 0) {
			page++;
			line = 0;
			cell = 0;
			cell_label = NULL;
			continue;
		}
		if (p[0] == '[' && strchr(p, ']') != NULL) {
			line_conf = atoi(p + 1);
			line_vouched = vouched_before(strchr(p, ']'));
			p = strchr(p, ']') + 1;
			if (*p == ' ')
				p++;
		}
		/* <LABEL> : the line's words were read in a frame labelled
		 * LABEL; lines in a row with one label share the frame. */
		if (p[0] == '<' && strchr(p, '>') != NULL) {
			char *label = g_strndup(p + 1, (gsize)(strchr(p, '>') - p - 1));

			/* Interned: the labels live as long as the test. */
			if (cell_label == NULL || strcmp(label, cell_label) != 0) {
				cell_label = g_intern_string(label);
				cell++;
			}
			g_free(label);
			p = strchr(p, '>') + 1;
			if (*p == ' ')
				p++;
		} else {
			cell_label = NULL;
		}
		for (; *p == ' '; p++)
			x += OTHER_WIDTH;
		while (*p != '\0') {
			const char *e = p;
			struct extract_ocr_word w = { .cell_label = cell_label,
						      .cell = cell_label != NULL ? cell : 0 };
			char *tok;
			size_t spaces = 0;

			while (*e != '\0' && *e != ' ')
				e++;
			tok = g_strndup(p, (gsize)(e - p));
			w.text = word_conf(tok, line_conf, line_vouched, &w);
			g_free(tok);
			w.page = page;
			w.line = line;
			w.x0 = x;
			w.x1 = x + text_width(w.text);
			w.y0 = (int)line * LINE_PITCH;
			w.y1 = w.y0 + TEXT_HEIGHT;
			g_array_append_val(out, w);
			any = true;
			while (*e == ' ') {
				e++;
				spaces++;
			}
			x = w.x1 + (spaces >= 2 ? COLUMN_GAP : WORD_GAP);
			p = e;
		}
		line += any;
	}
	g_strfreev(lines);
	*n_r = out->len;
	return (struct extract_ocr_word *)(void *)g_array_free(out, FALSE);
}

void
ocr_words_free(struct extract_ocr_word *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		g_free((char *)w[i].text);
	g_free(w);
}
