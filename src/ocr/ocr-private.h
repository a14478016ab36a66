/* What the files of src/ocr share and nothing outside it sees: what ocr.c
 * hands ink.c (the cleaned page as plain bits and its connected
 * components, so that ink.c reads no Leptonica type and its rules can be
 * tested on bitmaps drawn by hand), form.c's reading of a form and
 * lines.c's of a letter's lines, which ocr.c calls with its own Tesseract
 * handle, and the reading of a cut-out part both use.  Leptonica's and Tesseract's
 * types are named here only as incomplete structs. */
#ifndef OGI_OCR_PRIVATE_H
#define OGI_OCR_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "ocr/ocr.h"

static inline int
ocr_imin(int a, int b)
{
	return a < b ? a : b;
}

static inline int
ocr_imax(int a, int b)
{
	return a > b ? a : b;
}

/* Milliseconds on the monotonic clock, for the pages' time limits. */
double ocr_now_ms(void);

struct ocr_component {
	int x0, y0, x1, y1;    /* bounding box, x1 and y1 exclusive */
};

struct ocr_ink_image {
	unsigned width, height;
	const unsigned char *bits;   /* row-major, 1 bit a pixel, the most
	                                significant bit leftmost; 1 = ink */
	size_t stride;               /* bytes per row */
	const struct ocr_component *comps;   /* 8-connected ink components */
	size_t n_comps;
};

struct Pix;
struct Pixa;
struct TessBaseAPI;

/* The body text's character height on a page, from its words' boxes
 * (the median height of the words read with some confidence), in pixels;
 * at least INK_MIN_EM_PX (10), which is also the answer when there is no
 * such word or no memory to sort them. */
int ocr_em_height(const struct ocr_word *w, size_t n);

/* The 8-connected ink components of pix (1 bpp, ink 1; borrowed), their
 * boxes offset by (dx, dy), into *comps_r (the caller's, free()) and *n_r;
 * with pixa_r, their images too (*pixa_r the caller's, pixaDestroy; in
 * the order of the boxes).  0, or -1 when out of memory or Leptonica
 * failed (nothing made). */
int ocr_components(struct Pix *pix, int dx, int dy, struct Pixa **pixa_r,
                   struct ocr_component **comps_r, size_t *n_r);

/* Words and text of the recognition api last ran, into page (whose
 * width and height bound the boxes, and which has no words yet): words
 * with cell -1, lines in reading order; page->text is replaced.  Blocks
 * only on reading api's result.  0, or -1 when out of memory, with the
 * words added so far left in page for ocr_document_free. */
int ocr_collect_words(struct TessBaseAPI *api, struct ocr_page *page);

/* Whether the recognition api last ran read some word by the second
 * model (OCR_VOUCH_LANGUAGE in ocr.c): the page's model keeps HanS's
 * reading of a word chi_sim is unsure of, and HanS agreeing with such a
 * reading vouches for nothing (form.c).  False for a result that has no
 * word.  Blocks only on reading api's result. */
bool ocr_read_by_second_model(struct TessBaseAPI *api);

/* The highest floor the OCR front sets for a value's words
 * (extract/ocrfront.c, OCR_CONF_MIN_UNCHECKED; 70 for ID numbers and
 * dates, which form.c and lines.c do not tell apart): a form's frame
 * whose every word keeps this much from its first two readings is taken
 * as read whatever the second model says, and a line of a page that is
 * no form whose every word was read with this much is not read again. */
#define OCR_FRONT_FLOOR 80

/* Tesseract drops a row it takes for noise: a short value in a kai hand,
 * whose strokes are many small blobs (高秀兰 alone in its frame), was
 * read as nothing by either reading.  Inside a frame, or a line cut out
 * of its page, a row is the text, so the rule is off for those readings
 * (and back on for the next page: Tesseract's default is 1). */
#define OCR_NOISE_ROWS_VAR "textord_noise_rejrows"

struct ETEXT_DESC;

/* One reading of a cut-out part of a page (a frame's inside, a line). */
struct ocr_reading {
	struct ocr_page pg;    /* words in the read image's pixels */
	int border;            /* white pixels added around the part */
	char *flat;            /* the words' text without spaces */
	bool second;           /* some word read by the second model
	                          (ocr_read_by_second_model) */
};

/* Frees what r owns and zeroes it; r may be zeroed already. */
void ocr_reading_clear(struct ocr_reading *r);

/* Reads img (borrowed, 1 or 8 bpp) with api in page segmentation mode
 * psm (Tesseract's PSM_ values; api keeps it), as of res dpi, stopped by
 * monitor (borrowed; NULL: no deadline) into out (zeroed, border set by
 * the caller): its words (cell -1) and flat.  Blocks on the CPU.  0, or
 * -1 when Tesseract failed (its deadline included) or out of memory;
 * out is then for ocr_reading_clear. */
int ocr_reading_read(struct TessBaseAPI *api, struct Pix *img, unsigned res, int psm,
                     struct ETEXT_DESC *monitor, struct ocr_reading *out);

/* crop (1 bpp, borrowed) with border white pixels around it, as it is
 * (*framed_r, 1 bpp) and smoothed to grey by a 3 x 3 box (*smooth_r, 8
 * bpp): a part's two readings by one model.  Both are the caller's.  0,
 * or -1 when Leptonica failed (nothing made). */
int ocr_reading_images(struct Pix *crop, int border, struct Pix **framed_r,
                       struct Pix **smooth_r);

/* The page pix (1 bpp, ink 1; borrowed) as Tesseract reads it: 8-bit
 * grey of the same size, every ink pixel black (0), paper white (255)
 * but within 2 px of ink, where a Gaussian halo (sigma 1 px) greys it:
 * beside a lone stroke light enough (over 128) that a threshold half way
 * gives the stroke back as it was.  The caller's; NULL when Leptonica
 * failed.  Blocks on the CPU (a convolution of the page). */
struct Pix *ocr_page_halo(struct Pix *pix);

/* The text of n words (in reading order): lines joined by \n, words by
 * a space, as ocr.c's reading of a page builds it.  Malloc'd; NULL when
 * out of memory. */
char *ocr_words_text(const struct ocr_word *w, size_t n);

/* The number of code points of UTF-8 s[0..n). */
size_t ocr_codepoints(const char *s, size_t n);

/* Gives page words w (n of them) and text, both owned by page from now
 * on, in place of its own, which are freed: the texts of its old words
 * too, but those moved into w, which the caller has set to NULL. */
void ocr_page_take_words(struct ocr_page *page, struct ocr_word *w, size_t n,
                         char *text);

/* What ocr_form_read left as it was, besides -1 (out of memory). */
#define OCR_FORM_NOT_A_FORM 1  /* too many frame sides to be a form */
#define OCR_FORM_LATE 2        /* its time ran out */

/* How far the readings of a form's frame vouch for its value (form.c,
 * FORM_AS_IS). */
enum ocr_form_trust {
	OCR_FORM_UNSURE,       /* the first two readings differ: a clerk looks */
	OCR_FORM_AS_READ,      /* they agree: Tesseract's confidences stand */
	OCR_FORM_VOUCHED       /* the second model agrees too, one of the
	                          agreeing readings sure of every word: its
	                          words are marked vouched (ocr_word) */
};

/* One reading of a frame: its words' text without spaces, and the lowest
 * confidence of its words (any value when it has none). */
struct ocr_form_reading {
	const char *text;
	int min_conf;
};

/* Whether the second model's reading of a frame can change what its
 * value becomes, after the first two, rd[0] as the frame is and rd[1]
 * smoothed: they agree on a value, some word of it keeps less than the
 * OCR front's floor from them (kept_min: the lowest confidence the
 * value's words keep, OCR_FRONT_FLOOR) and one of them is sure
 * enough of every word to be vouched for.  Pure. */
bool ocr_form_ask_other(const struct ocr_form_reading rd[2], int kept_min);

/* A worker thread's second model (OCR_VOUCH_LANGUAGE in ocr.c), loaded
 * on first need: most pages are no forms, most frames need it not. */
struct ocr_vouch {
	const char *datapath;          /* where the models are, borrowed */
	struct TessBaseAPI *api;       /* NULL until taken */
	char *key;                     /* api's key in ocr.c's cache */
	bool tried;                    /* taken, or found missing */
};

/* vouch's handle: on the first call taken from ocr.c's cache of
 * initialised handles or loaded from disk (that call blocks while the
 * model loads); NULL when the model is missing or could
 * not be loaded (out of memory included), and then NULL for the rest of
 * the worker's life without asking again.  The handle is owned by vouch;
 * the worker gives it back to the cache with its own. */
struct TessBaseAPI *ocr_vouch_api(struct ocr_vouch *vouch);

/* The trust the n readings of a frame give its value: rd[0] as the frame
 * is, rd[1] smoothed, by the second model rd[2] (n >= 3) as it is and
 * rd[3] (n = 4) smoothed.  Pure. */
enum ocr_form_trust ocr_form_trust(const struct ocr_form_reading *rd, size_t n);

/* Reads a page as a form, by its layout (form.c): finds the frames ruled
 * on pix (the cleaned page, 1 bpp), re-reads the inside of each on its
 * own, and replaces page's words inside each frame by that reading;
 * fills page->cells (each with its printed label, owned by page and freed
 * with it) and each word's cell, and rebuilds page->text.  api and pix
 * are borrowed; pix is not changed.  vouch (borrowed, may be NULL: no
 * value is then vouched) gives the frames' third reading, by another
 * model, loaded where first needed.  res is the page's resolution as
 * Tesseract is told it.  Blocks on the CPU: the frames' search runs over
 * the whole page, then Tesseract over each frame; both stop at timeout_ms
 * (0: none).  Returns 0 when the frames were read, and also when the page
 * has no words, no frames, more than OCR_MAX_CELLS of them, or Leptonica
 * could not search it; OCR_FORM_NOT_A_FORM or OCR_FORM_LATE when it gave
 * up; -1 when out of memory reading the frames.  Unless 0 with frames
 * read, the page is left as it was (no cells).  api's page segmentation
 * mode is kept, and its textord_noise_rejrows is left at Tesseract's
 * default, 1. */
int ocr_form_read(struct TessBaseAPI *api, struct ocr_vouch *vouch, struct Pix *pix,
                  unsigned res, unsigned timeout_ms, struct ocr_page *page);

/* Reads again each line of a page that is no form (no cells) whose page
 * reading holds a word under OCR_FRONT_FLOOR (lines.c): cut from pix (the
 * cleaned page, 1 bpp, borrowed, not changed), as it is and smoothed;
 * where the three readings differ, the line's words become those of the
 * one nearest the other two (ocr_lines_choose), and each character the
 * other two do not both hold keeps confidence 0.  Then the lines the
 * page's reading left out (ocr_lines_dropped) are read, smoothed, and
 * each reading whose median word confidence is OCR_FRONT_FLOOR or more is
 * put among the page's lines by its height on the page, as a line
 * numbered after the page's last.  page->text is rebuilt.
 * api (borrowed) keeps its page segmentation mode, and its
 * textord_noise_rejrows is left at 1.  res is the page's resolution as
 * Tesseract is told it.  Blocks on the CPU; stops at timeout_ms (0:
 * none).  Returns 0 (also for a page with cells or no words: left as
 * it is), OCR_FORM_LATE when the time ran out, -1 when out of memory or
 * Leptonica or Tesseract failed; the page is then left as it was. */
int ocr_lines_read(struct TessBaseAPI *api, struct Pix *pix, unsigned res,
                   unsigned timeout_ms, struct ocr_page *page);

/* Reads again, without its hand, each line of a page (read whole, before
 * form.c looks for its frames; some words) that holds a hand beside its
 * print (lines.c): a line taller than print (LINES_MAX_HEIGHT) whose page
 * reading holds a word under OCR_FRONT_FLOOR is cut from pix (as for
 * ocr_lines_read) and, where it holds a hand beside print
 * (ocr_lines_hand_parts: a signature written on its label's line, the
 * label read as the hand's scribble, 申请人（签名）： as "##h GEG"), the
 * hand is erased from the cut and the rest read smoothed; where that
 * reading's median word is at OCR_FRONT_FLOOR or more, its words replace
 * the line's, each with confidence 0 (a reading no other confirms).  The hand stays on
 * pix for ocr_ink_marks.  page->text is rebuilt.  api, res, timeout_ms,
 * blocking and the returns as for ocr_lines_read. */
int ocr_lines_hand(struct TessBaseAPI *api, struct Pix *pix, unsigned res,
                   unsigned timeout_ms, struct ocr_page *page);

/* Three readings of one line, lines.c's: the page's, the line's as it
 * is, the line's smoothed. */
#define OCR_LINES_READINGS 3
/* The most characters a reading of a line may have to be compared (a
 * letter's line is some 40): a longer one is no line of a letter. */
#define OCR_LINES_MAX_CHARS 128

/* Of the readings text (UTF-8, no spaces, borrowed), the one nearest the
 * other two (*best_r: the least sum of its edit distances in characters
 * to them; of equals, the first) and, for each of its *n_r characters,
 * whether both others hold it in the same place (agreed_r[i]: in a
 * longest common subsequence with each).  Pure.  0; 1 when some reading
 * has more than OCR_LINES_MAX_CHARS characters (nothing set); -1 when
 * out of memory. */
int ocr_lines_choose(const char *const text[OCR_LINES_READINGS], size_t *best_r,
                     bool agreed_r[OCR_LINES_MAX_CHARS], size_t *n_r);

/* The most lines of print the page's reading left out that lines.c reads
 * on one page (a page with more is noise, not text). */
#define OCR_LINES_MAX_DROPPED 8

/* Lines of print the page's reading left out (Tesseract's layout drops a
 * line a seal's ring touches: a letter's date under its seal), from the
 * page's n ink components (comps, borrowed) and the n_words words the
 * page now has (borrowed), em the body text's height in pixels.  A line
 * left out is three or more components of a character's size (0.3 em
 * across or tall at least, at most 1.5 em tall and 3 em wide: a seal's
 * ring, a frame or a rule is none) that touch no word's box (grown by
 * 0.15 em), each within 2 em of the next across and in line with it
 * (sharing half the smaller one's height or more), 0.5 to 2 em tall and
 * 2 em wide or more together, with no word standing beside it within 2 em
 * across and half its height (the rest of a line that was read: a
 * signature after its label).  Fills boxes_r (the lines' boxes, their
 * union of components, x1 and y1 exclusive; by their tops, then left to
 * right), their number in *n_r: none when there are more than
 * OCR_LINES_MAX_DROPPED or more than 4000 character-sized components
 * outside the words (a page of noise).  Pure.  0, or -1 when out of
 * memory. */
int ocr_lines_dropped(const struct ocr_component *comps, size_t n,
                      const struct ocr_word *words, size_t n_words, int em,
                      struct ocr_component boxes_r[OCR_LINES_MAX_DROPPED],
                      size_t *n_r);

/* Whether the n components comps (around a line's cut, em pixels a
 * line's character) hold a hand beside print: a component taller than
 * print (over 1.5 em) and 1 to 12 em wide, none taller than print and
 * wider (a frame: the line is a form's), and three components of a
 * character's size or more (0.3 em across or tall, at most 1.5 em tall
 * and 3 em wide: print, wherever in the cut).  erase_r (n flags, the
 * caller's) is set whatever the answer: which are hands.  Pure: lines.c's
 * test for the lines ocr_lines_hand reads. */
bool ocr_lines_hand_parts(const struct ocr_component *comps, size_t n, int em,
                          bool *erase_r);

/* The office form's check-box options (templates/form.tpl, @choice),
 * NULL-terminated; defined in ink.c, which measures them. */
extern const char *const ocr_form_box_labels[];

/* Measures the check box left of every occurrence of each label in
 * box_labels (NULL-terminated) among page's words, and the ink in the
 * signature area next to 签名 / 盖章 / 签字 / 签章: fills page->boxes,
 * page->n_boxes and page->signature.  0, or -1 when out of memory (the
 * page is then left with no boxes and signature UNKNOWN). */
int ocr_ink_marks(const struct ocr_ink_image *img, const char *const *box_labels,
                  struct ocr_page *page);

#endif
