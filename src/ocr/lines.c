/* A letter's lines vouched for by independent readings.
 *
 * A free-form letter has no frames for form.c to re-read, and Tesseract's
 * word confidences say little of a long Chinese line: addresses and
 * requests read exactly right score 0-70, below the OCR front's floor, so
 * every letter went to a clerk.  So each line of the page's reading with
 * a word below that floor (outside any form frame) is cut out and read
 * again as one line, smoothed, and by the second model, as form.c reads a
 * frame; where the readings agree character for character under
 * ocr_form_trust's rule the line's words are raised to OCR_VOUCHED_CONF.
 * The page's own words are kept: only their confidences change.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "ocr/ocr-private.h"

/* The OCR front's floor for a value no check confirms
 * (OCR_CONF_MIN_UNCHECKED): a line whose every word reaches it is taken
 * as read already and not read again, which keeps the cost to the lines
 * that need it. */
#define LINES_NEED_CONF 80
/* The line's box is the union of its words' boxes, widened by a quarter
 * em above and below and half an em at either end (Tesseract's boxes hug
 * the ink; a stroke's blur or a dot lies just outside), then a white
 * border of half an em is added, as form.c does around a frame. */
#define LINES_PAD_Y 0.25
#define LINES_PAD_X 0.5
#define LINES_BORDER 0.5
/* Smoothed by a 3 x 3 box, as form.c's second reading of a frame
 * (FORM_SMOOTH_HALF, measured there). */
#define LINES_SMOOTH_HALF 1

/* The marks between a label and its value, in either width: the second
 * model reads the page model's colon after 地址 or 用途 as a comma (on
 * 29 of the letter lines of the full fax set whose every other character
 * the readings agreed on), so they are one mark when readings are
 * compared.  A value's own characters are compared as they are. */
static const char *const lines_separators[] = { ":", "\xef\xbc\x9a", ",", "\xef\xbc\x8c",
                                               ";", "\xef\xbc\x9b", NULL };

void
ocr_lines_fold(char *s)
{
	char *out = s;

	while (*s != '\0') {
		size_t len = 0;

		for (size_t k = 0; lines_separators[k] != NULL && len == 0; k++)
			if (strncmp(s, lines_separators[k], strlen(lines_separators[k])) == 0)
				len = strlen(lines_separators[k]);
		if (len > 0) {
			*out++ = ':';
			s += len;
		} else
			*out++ = *s++;
	}
	*out = '\0';
}

bool
ocr_lines_needs_reading(const struct ocr_page *page, unsigned line)
{
	bool any = false, low = false;

	for (size_t i = 0; i < page->n_words; i++) {
		const struct ocr_word *w = &page->words[i];

		if (w->line != line)
			continue;
		if (w->cell >= 0)
			return false;
		any = true;
		low = low || w->conf < LINES_NEED_CONF;
	}
	return any && low;
}

struct line_reading {
	char *text;        /* words without spaces */
	int min_conf;
};

/* Line `line`'s words of page, without spaces, and their lowest
 * confidence; NULL text when out of memory. */
static struct line_reading
page_line(const struct ocr_page *page, unsigned line)
{
	struct line_reading lr = { NULL, 100 };
	size_t len = 0;

	for (size_t i = 0; i < page->n_words; i++)
		if (page->words[i].line == line)
			len += strlen(page->words[i].text);
	lr.text = malloc(len + 1);
	if (lr.text == NULL)
		return lr;
	len = 0;
	for (size_t i = 0; i < page->n_words; i++) {
		const struct ocr_word *w = &page->words[i];
		size_t wl = strlen(w->text);

		if (w->line != line)
			continue;
		memcpy(lr.text + len, w->text, wl);
		len += wl;
		lr.min_conf = ocr_imin(lr.min_conf, w->conf);
	}
	lr.text[len] = '\0';
	ocr_lines_fold(lr.text);
	return lr;
}

void
ocr_lines_settle(struct ocr_page *page, unsigned line,
                 const struct ocr_form_reading *rd, size_t n)
{
	if (ocr_form_trust(rd, n) != OCR_FORM_VOUCHED)
		return;
	for (size_t i = 0; i < page->n_words; i++)
		if (page->words[i].line == line)
			page->words[i].conf = ocr_imax(page->words[i].conf, OCR_VOUCHED_CONF);
}

/* img read as one line by api: its words' text and lowest confidence. */
static int
read_line(TessBaseAPI *api, PIX *img, unsigned res, struct line_reading *out)
{
	struct ocr_page pg = { 0 };
	int rc;

	pg.width = (unsigned)pixGetWidth(img);
	pg.height = (unsigned)pixGetHeight(img);
	TessBaseAPISetPageSegMode(api, PSM_SINGLE_LINE);
	TessBaseAPISetImage2(api, img);
	TessBaseAPISetSourceResolution(api, (int)res);
	rc = TessBaseAPIRecognize(api, NULL);
	if (rc == 0)
		rc = ocr_collect_words(api, &pg);
	TessBaseAPIClear(api);
	if (rc == 0) {
		/* A reading of one line: every word is on line 0. */
		*out = page_line(&pg, 0);
		rc = out->text != NULL ? 0 : -1;
	}
	for (size_t i = 0; i < pg.n_words; i++)
		free(pg.words[i].text);
	free(pg.words);
	free(pg.text);
	return rc;
}

/* Line `line` of page (its words' boxes on pix) read again, and its words
 * raised when the readings vouch for it.  0, or -1 when out of memory or
 * Tesseract failed. */
static int
vouch_line(TessBaseAPI *api, struct ocr_vouch *vouch, PIX *pix, unsigned res, int em,
           struct ocr_page *page, unsigned line)
{
	TessBaseAPI *other = NULL;
	struct line_reading rd[4] = { { NULL, 0 } };
	struct ocr_form_reading tr[4];
	size_t n = 0;
	int x0 = (int)page->width, y0 = (int)page->height, x1 = 0, y1 = 0;
	int px = (int)(LINES_PAD_X * em), py = (int)(LINES_PAD_Y * em);
	BOX *box;
	PIX *crop, *framed = NULL, *grey = NULL, *smooth = NULL;
	int ret = -1;

	for (size_t i = 0; i < page->n_words; i++) {
		const struct ocr_word *w = &page->words[i];

		if (w->line != line)
			continue;
		x0 = ocr_imin(x0, w->x0);
		y0 = ocr_imin(y0, w->y0);
		x1 = ocr_imax(x1, w->x1);
		y1 = ocr_imax(y1, w->y1);
	}
	x0 = ocr_imax(x0 - px, 0);
	y0 = ocr_imax(y0 - py, 0);
	x1 = ocr_imin(x1 + px, pixGetWidth(pix));
	y1 = ocr_imin(y1 + py, pixGetHeight(pix));
	if (x1 <= x0 || y1 <= y0)
		return 0;
	box = boxCreate(x0, y0, x1 - x0, y1 - y0);
	crop = box != NULL ? pixClipRectangle(pix, box, NULL) : NULL;
	boxDestroy(&box);
	framed = crop != NULL ? pixAddBorder(crop, ocr_imax((int)(LINES_BORDER * em), 4), 0)
	                      : NULL;
	grey = framed != NULL ? pixConvert1To8(NULL, framed, 255, 0) : NULL;
	smooth = grey != NULL ? pixBlockconv(grey, LINES_SMOOTH_HALF, LINES_SMOOTH_HALF) : NULL;
	rd[n] = page_line(page, line);
	if (smooth == NULL || rd[n++].text == NULL)
		goto out;
	if (read_line(api, smooth, res, &rd[n++]) != 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		tr[i] = (struct ocr_form_reading){ rd[i].text, rd[i].min_conf };
	/* The second model is asked as form.c asks it for a frame: only
	 * where its reading can vouch for the line (so a line the first two
	 * differ on stays unsure), and loaded on the first such line. */
	if (ocr_form_ask_other(tr, rd[0].min_conf) && (other = ocr_vouch_api(vouch)) != NULL) {
		if (read_line(other, framed, res, &rd[n++]) != 0)
			goto out;
		if (strcmp(rd[0].text, rd[2].text) != 0 &&
		    read_line(other, smooth, res, &rd[n++]) != 0)
			goto out;
	}
	for (size_t i = 2; i < n; i++)
		tr[i] = (struct ocr_form_reading){ rd[i].text, rd[i].min_conf };
	ocr_lines_settle(page, line, tr, n);
	ret = 0;
out:
	for (size_t i = 0; i < n; i++)
		free(rd[i].text);
	pixDestroy(&crop);
	pixDestroy(&framed);
	pixDestroy(&grey);
	pixDestroy(&smooth);
	return ret;
}

int
ocr_lines_vouch(TessBaseAPI *api, struct ocr_vouch *vouch, PIX *pix, unsigned res,
                double deadline_ms, struct ocr_page *page)
{
	int em = ocr_em_height(page->words, page->n_words);
	unsigned n_lines = 0;
	TessPageSegMode psm = TessBaseAPIGetPageSegMode(api);
	int ret = 0;

	/* A form's values are its frames', which form.c vouches for; the
	 * rest of its page is printed labels and notes. */
	if (page->n_cells > 0)
		return 0;
	for (size_t i = 0; i < page->n_words; i++)
		n_lines = ocr_imax((int)n_lines, (int)page->words[i].line + 1);
	for (unsigned l = 0; l < n_lines && ret == 0; l++) {
		if (!ocr_lines_needs_reading(page, l))
			continue;
		if (deadline_ms > 0 && ocr_now_ms() >= deadline_ms) {
			ret = OCR_LINES_LATE;
			break;
		}
		ret = vouch_line(api, vouch, pix, res, em, page, l);
	}
	TessBaseAPISetPageSegMode(api, psm);
	return ret;
}
