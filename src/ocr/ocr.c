/* OCR: Leptonica decodes and cleans the page, Tesseract reads it.
 *
 * Every page goes through one job (decode, preprocess, recognise), run by
 * up to ocr_options.workers threads that take the next page from a shared
 * counter; each thread holds one TessBaseAPI for all the pages it reads.
 * Initialised APIs are kept for the next document: loading chi_sim costs
 * more than reading a page.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "common/log.h"
#include "mime/pages.h"
#include "ocr/ocr-private.h"
#include "ocr/photo.h"

/* Debian's tesseract-ocr-chi-sim installs the model here. */
#define OCR_DEBIAN_TESSDATA "/usr/share/tesseract-ocr/5/tessdata"
/* The second model, whose reading of a form's frame may vouch for its
 * value (form.c, FORM_AS_IS): Tesseract's script model for simplified
 * Chinese (Debian's tesseract-ocr-script-hans), trained apart from
 * chi_sim.  Looked for beside it; where it is missing no value is
 * vouched. */
#define OCR_VOUCH_LANGUAGE "HanS"
/* Pages are read by chi_sim with HanS beside it: Tesseract reads a word
 * again with the second model where the first is unsure and keeps the
 * surer reading.  On the 40 faxes of tests/fax's full set (54 fine
 * pages), the values legible in the text of fine pages went from 84% to
 * 97% (clean) and from 77% to 82% (noisy), the fields ogid recorded
 * exactly from 85% to 93%, with no wrong value accepted with confidence
 * there nor on 40 faxes of applicants the set does not have; for 1.6
 * times the CPU (1.17 s a fine page against 0.73, one worker) and 55 MB
 * more memory a thread.  HanS alone read no better than chi_sim alone.
 * Without HanS installed, Tesseract loads chi_sim alone (logged once:
 * page_model_check). */
#define OCR_PAGE_LANGUAGE "chi_sim"
#define OCR_DEFAULT_LANGUAGE OCR_PAGE_LANGUAGE "+" OCR_VOUCH_LANGUAGE

/* Axes whose resolutions differ by this factor or more have non-square
 * pixels (a normal fax: 204 x 98, 2.08); below it the difference is a
 * scanner's rounding and stretching would only blur. */
#define OCR_STRETCH_MIN_RATIO 1.5
/* A larger ratio is no fax: a hostile header (yres 1) would otherwise
 * make us allocate a page 200 times its size.  The resolution is then
 * ignored. */
#define OCR_STRETCH_MAX_RATIO 4.0

/* Grey and colour pages: Leptonica's background normalisation maps the
 * paper to 200 and leaves ink near 0; half way between, as its own
 * examples do, keeps thin strokes of photographed forms. */
#define OCR_GREY_THRESHOLD 130
/* Rendered bitmaps (PDF, PostScript) are clean: the middle grey. */
#define OCR_RENDERED_THRESHOLD 128

/* The page Tesseract reads (ocr_page_halo).  Its LSTM reads the grey
 * image it is given, its layout analysis that image thresholded.  A fax's
 * strokes are one or two pixels thin; given a grey halo around them the
 * model reads them better.  Fields exact, fine clean / fine noisy /
 * normal clean / normal noisy, against the page read as 1 bpp: tests/fax's
 * full set 97.3 / 97.3 / 44.5 / 57.3% (96.4 / 96.4 / 42.7 / 55.5), 40 faxes
 * of other applicants 95.5 / 96.4 / 43.6 / 48.2% (93.6 / 94.5 / 40.9 /
 * 47.3), external-a's text applications rendered as fine faxes 75.8%
 * (74.6), none wrong with confidence; 12% less CPU over the full set's 54
 * fine pages (fewer unsure lines to read again).  The ink stays black: the
 * page blurred as a whole (ink grey too) lost thin rules and strokes to
 * the threshold, and with them the labels above the office form's frames
 * (姓名, 工作单位).  A page stretched to square pixels (a normal fax, its
 * rows doubled) is read as it is: with the halo it lost 姓名 above
 * test_ocr's turned normal form's first frame, and the full set's normal
 * noisy fields went from 55.5% to 50.9% exact. */
#define OCR_HALO_SIGMA 1.0f
#define OCR_HALO_HALF 2       /* the kernel's reach in pixels: 2 sigma */

/* Deskew: Leptonica's search (+-7 degrees, on the page reduced 2x).  Its
 * confidence is the peak of the line-projection score over its floor; its
 * default floor of 3 is for full pages of text: a form's dozen lines
 * turned by 1 degree scored 2.4-2.5 (tests/ocr/make-page.py, with and
 * without noise), a 2.5 degree turn 3.3, and a straight page 2.6 at 0.03
 * degrees.  1.5 accepts the form; the angle floor keeps straight pages
 * untouched: below 0.1 degree a line drifts 3 px over 1728, less than a
 * stroke, and rotating would only cost time and sharpness. */
#define OCR_DESKEW_MIN_CONF 1.5f
#define OCR_DESKEW_MIN_DEG 0.1f

/* Specks: connected components no larger than this in both directions
 * are fax line noise.  At 204 dpi 2 px is 0.25 mm; the smallest marks of
 * text that matter, the dots of 。、，：, are 5 px or more on a normal fax
 * stretched to square pixels and 8 or more on a fine one (measured on
 * tests/ocr/make-page.py pages), so they stay. */
#define OCR_SPECK_MAX_PX 2

/* A page whose resolution is unknown (a phone photo's JPEG says 72 or
 * nothing) is taken for A4 held upright: its height spans 11.69 in. */
#define OCR_GUESS_PAGE_INCHES 11.69
#define OCR_MIN_RES 70      /* Tesseract's own floor */
#define OCR_MAX_RES 1200

/* Connected components a page may have before speck removal: a fine fax
 * page dense with CJK text and fax noise has about 20 000 (some 1 600
 * characters of several strokes each, plus specks); five times that is
 * still a page, more is a salt-and-pepper page whose component boxes
 * alone would take tens of megabytes and seconds to sort. */
#define OCR_MAX_COMPONENTS 100000

/* The most worker threads an office configures (config.c's bound on
 * ocr_workers). */
#define OCR_MAX_WORKERS 16
/* Initialised Tesseract instances kept between documents: two (the page's
 * model and OCR_VOUCH_LANGUAGE) per worker thread, for as many threads as
 * any office runs, so none is ended and loaded again for each document.
 * Only instances once in use are kept: a slot costs nothing till then. */
#define OCR_API_CACHE (2 * OCR_MAX_WORKERS)

struct source {
	enum { SRC_TIFF, SRC_SINGLE, SRC_BITMAP } kind;
	const l_uint8 *data;
	size_t len;
	const struct mime_page_image *bitmaps;
};

struct slot {
	struct ocr_page page;
	bool ok;
	char *problem;
	char *description;      /* TIFF ImageDescription of this page */
};

struct run {
	const struct source *src;
	struct slot *slots;
	size_t n;
	bool recognise;
	unsigned long max_pixels;
	const char *datapath, *language;
	unsigned timeout_ms;
	const char *const *box_labels;
	pthread_mutex_t lock;
	size_t next;
	char *fatal;            /* Tesseract could not start: why */
};

/* ---- small helpers ------------------------------------------------------ */

static char *
xstrdup_printf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static char *
xstrdup_printf(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}

static bool
dimensions_ok(long w, long h, unsigned long max_pixels)
{
	return w > 0 && h > 0 && w <= (long)OCR_MAX_SIDE && h <= (long)OCR_MAX_SIDE &&
	       (unsigned long)w * (unsigned long)h <= max_pixels;
}

/* ---- decoding ----------------------------------------------------------- */

static PIX *
pix_from_bitmap(const struct mime_page_image *b)
{
	PIX *pix;
	l_uint32 *data;
	int wpl;

	if (b->grey == NULL || b->stride < b->width)
		return NULL;
	pix = pixCreate((l_int32)b->width, (l_int32)b->height, 8);
	if (pix == NULL)
		return NULL;
	data = pixGetData(pix);
	wpl = pixGetWpl(pix);
	for (unsigned y = 0; y < b->height; y++) {
		const unsigned char *row = b->grey + (size_t)y * b->stride;
		l_uint32 *line = data + (size_t)y * (size_t)wpl;

		/* Leptonica keeps bytes big-endian inside native words. */
		for (unsigned x = 0; x < b->width; x++)
			SET_DATA_BYTE(line, x, row[x]);
	}
	pixSetResolution(pix, (l_int32)b->xres, (l_int32)b->yres);
	return pix;
}

/* Decodes page i, refusing it before decoding when its header declares
 * more than the limits.  NULL with *problem_r set on failure. */
static PIX *
load_page(const struct run *r, size_t i, char **description_r, char **problem_r)
{
	const struct source *src = r->src;
	l_int32 w = 0, h = 0, bps, spp, res, cmap, format;
	PIX *pix = NULL;

	switch (src->kind) {
	case SRC_TIFF:
		if (readHeaderMemTiff(src->data, src->len, (l_int32)i, &w, &h, &bps,
		                      &spp, &res, &cmap, &format) != 0)
			goto unreadable;
		break;
	case SRC_SINGLE:
		if (ocr_photo_header(src->data, src->len, &w, &h) != 0)
			goto unreadable;
		break;
	case SRC_BITMAP:
		w = (l_int32)(src->bitmaps[i].width > (unsigned)INT_MAX ?
		              INT_MAX : src->bitmaps[i].width);
		h = (l_int32)(src->bitmaps[i].height > (unsigned)INT_MAX ?
		              INT_MAX : src->bitmaps[i].height);
		break;
	}
	if (!dimensions_ok(w, h, r->max_pixels)) {
		*problem_r = xstrdup_printf("page %zu: %ld x %ld pixels, over the "
		                            "limit of %lu pixels (%u a side): not read",
		                            i + 1, (long)w, (long)h, r->max_pixels,
		                            OCR_MAX_SIDE);
		return NULL;
	}
	switch (src->kind) {
	case SRC_TIFF:
		pix = pixReadMemTiff(src->data, src->len, (l_int32)i);
		break;
	case SRC_SINGLE:
		pix = ocr_photo_read(src->data, src->len, w, h);
		break;
	case SRC_BITMAP:
		pix = pix_from_bitmap(&src->bitmaps[i]);
		break;
	}
	/* The header may lie: check what was decoded too. */
	if (pix != NULL && !dimensions_ok(pixGetWidth(pix), pixGetHeight(pix),
	                                  r->max_pixels)) {
		pixDestroy(&pix);
	}
	if (pix == NULL)
		goto unreadable;
	if (src->kind == SRC_TIFF && pixGetText(pix) != NULL &&
	    pixGetText(pix)[0] != '\0')
		*description_r = strdup(pixGetText(pix));
	return pix;
unreadable:
	*problem_r = xstrdup_printf("page %zu: unreadable", i + 1);
	return NULL;
}

/* ---- preprocessing ------------------------------------------------------ */

/* 1 bpp, ink = 1. */
static PIX *
binarise(PIX *pix, bool rendered)
{
	PIX *grey, *norm, *bin;

	if (pixGetDepth(pix) == 1 && pixGetColormap(pix) == NULL)
		return pixClone(pix);
	grey = pixConvertTo8(pix, 0);
	if (grey == NULL)
		return NULL;
	if (rendered) {
		bin = pixThresholdToBinary(grey, OCR_RENDERED_THRESHOLD);
		pixDestroy(&grey);
		return bin;
	}
	/* Lighting of a photographed sheet varies across it; a global
	 * threshold would blacken one corner and lose the other. */
	norm = pixBackgroundNormSimple(grey, NULL, NULL);
	bin = pixThresholdToBinary(norm != NULL ? norm : grey, OCR_GREY_THRESHOLD);
	pixDestroy(&norm);
	pixDestroy(&grey);
	return bin;
}

/* The larger resolution over the smaller; 0 when either is unknown. */
static double
res_ratio(unsigned xres, unsigned yres)
{
	if (xres == 0 || yres == 0)
		return 0;
	return xres > yres ? (double)xres / yres : (double)yres / xres;
}

/* Whether page was stretched to square pixels (square_pixels). */
static bool
stretched(const struct ocr_page *page)
{
	double ratio = res_ratio(page->src_xres, page->src_yres);

	return ratio >= OCR_STRETCH_MIN_RATIO && ratio <= OCR_STRETCH_MAX_RATIO;
}

/* Stretches the axis of lower resolution so pixels are square; sets
 * *res_r to the page's resolution afterwards, 0 when unknown. */
static PIX *
square_pixels(PIX *pix, unsigned xres, unsigned yres, unsigned long max_pixels,
              unsigned *res_r)
{
	double ratio = res_ratio(xres, yres);
	float sx = 1, sy = 1;
	PIX *out;

	*res_r = 0;
	if (ratio == 0 || ratio > OCR_STRETCH_MAX_RATIO)
		return pixClone(pix);
	*res_r = xres > yres ? xres : yres;
	if (ratio < OCR_STRETCH_MIN_RATIO)
		return pixClone(pix);
	if (xres > yres)
		sy = (float)ratio;
	else
		sx = (float)ratio;
	if (!dimensions_ok((long)(pixGetWidth(pix) * sx) + 1,
	                   (long)(pixGetHeight(pix) * sy) + 1, max_pixels))
		return NULL;
	out = pixScale(pix, sx, sy);
	if (out != NULL)
		pixSetResolution(out, (l_int32)*res_r, (l_int32)*res_r);
	return out;
}

static unsigned
tesseract_res(unsigned res, unsigned height)
{
	if (res < OCR_MIN_RES || res > OCR_MAX_RES)
		res = (unsigned)(height / OCR_GUESS_PAGE_INCHES);
	if (res < OCR_MIN_RES)
		res = OCR_MIN_RES;
	if (res > OCR_MAX_RES)
		res = OCR_MAX_RES;
	return res;
}

static int
encode_png(PIX *pix, struct ocr_page *page)
{
	l_uint8 *png = NULL;
	size_t len = 0;

	if (pixWriteMem(&png, &len, pix, IFF_PNG) != 0 || png == NULL)
		return -1;
	page->png = malloc(len);
	if (page->png != NULL) {
		memcpy(page->png, png, len);
		page->png_len = len;
	}
	lept_free(png);
	return page->png != NULL ? 0 : -1;
}

/* Decoded page in, the cleaned 1 bpp page out (NULL with *problem_r);
 * fills the page's geometry, skew and PNG. */
static PIX *
prepare(const struct run *r, size_t i, PIX *pix, struct ocr_page *page,
        unsigned *res_r, char **problem_r)
{
	PIX *bin, *square, *deskewed, *clean;
	l_float32 angle = 0, conf = 0;
	l_int32 n_comps = 0;
	unsigned xres = (unsigned)(pixGetXRes(pix) > 0 ? pixGetXRes(pix) : 0);
	unsigned yres = (unsigned)(pixGetYRes(pix) > 0 ? pixGetYRes(pix) : 0);

	page->src_xres = xres;
	page->src_yres = yres;
	bin = binarise(pix, r->src->kind == SRC_BITMAP);
	if (bin == NULL)
		goto failed;
	square = square_pixels(bin, xres, yres, r->max_pixels, res_r);
	pixDestroy(&bin);
	if (square == NULL) {
		*problem_r = xstrdup_printf("page %zu: too large once stretched to "
		                            "square pixels: not read", i + 1);
		return NULL;
	}
	deskewed = NULL;
	if (pixFindSkew(square, &angle, &conf) == 0 && conf >= OCR_DESKEW_MIN_CONF &&
	    fabsf(angle) >= OCR_DESKEW_MIN_DEG) {
		/* Leptonica's angle is the page's turn, counter-clockwise
		 * positive; rotating by it (its own pixDeskew does the same)
		 * straightens the page. */
		deskewed = pixRotate(square, angle * (float)M_PI / 180.0f,
		                     L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0);
		if (deskewed != NULL)
			page->skew_deg = angle;
	}
	if (deskewed == NULL)
		deskewed = pixClone(square);
	pixDestroy(&square);
	/* Speck removal and the ink measure hold a box for every component:
	 * a salt-and-pepper page would cost far more memory and time than a
	 * page with any text on it. */
	if (pixCountConnComp(deskewed, 8, &n_comps) != 0 || n_comps > OCR_MAX_COMPONENTS) {
		pixDestroy(&deskewed);
		*problem_r = xstrdup_printf("page %zu: too noisy to read", i + 1);
		return NULL;
	}
	clean = pixSelectBySize(deskewed, OCR_SPECK_MAX_PX + 1, OCR_SPECK_MAX_PX + 1,
	                        8, L_SELECT_IF_EITHER, L_SELECT_IF_GTE, NULL);
	pixDestroy(&deskewed);
	if (clean == NULL)
		goto failed;
	page->width = (unsigned)pixGetWidth(clean);
	page->height = (unsigned)pixGetHeight(clean);
	if (encode_png(clean, page) != 0) {
		pixDestroy(&clean);
		goto failed;
	}
	return clean;
failed:
	*problem_r = xstrdup_printf("page %zu: could not be prepared for OCR", i + 1);
	return NULL;
}

PIX *
ocr_page_halo(PIX *pix)
{
	PIX *grey = pixConvert1To8(NULL, pix, 255, 0);
	L_KERNEL *kx = NULL, *ky = NULL;
	PIX *blur = NULL, *halo = NULL;

	if (grey != NULL &&
	    makeGaussianKernelSep(OCR_HALO_HALF, OCR_HALO_HALF, OCR_HALO_SIGMA, 1.0f,
	                          &kx, &ky) == 0)
		blur = pixConvolveSep(grey, kx, ky, 8, 1);
	if (blur != NULL)
		halo = pixMinOrMax(NULL, blur, grey, L_CHOOSE_MIN);
	pixDestroy(&blur);
	pixDestroy(&grey);
	kernelDestroy(&kx);
	kernelDestroy(&ky);
	return halo;
}

/* ---- Tesseract ---------------------------------------------------------- */

struct api_entry {
	TessBaseAPI *api;
	char *key;
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct api_entry cache[OCR_API_CACHE];
static size_t n_cache;

static void
api_end(TessBaseAPI *api, char *key)
{
	TessBaseAPIEnd(api);
	TessBaseAPIDelete(api);
	free(key);
}

/* At exit, before Tesseract's own cache of models is destroyed: otherwise
 * it reports the models our kept instances still hold as leaks.  That
 * cache is built, and its destructor registered, by the first Init: this
 * is registered after it, so it runs first. */
static void
cache_drain(void)
{
	pthread_mutex_lock(&cache_lock);
	for (size_t k = 0; k < n_cache; k++)
		api_end(cache[k].api, cache[k].key);
	n_cache = 0;
	pthread_mutex_unlock(&cache_lock);
}

static void
once_init(void)
{
	/* Our problem lines say what failed; Leptonica's own messages on
	 * stderr would only repeat them for every hostile image. */
	setMsgSeverity(L_SEVERITY_NONE);
}

static void
register_drain(void)
{
	atexit(cache_drain);
}

static void
library_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, once_init);
}

static pthread_once_t drain_once = PTHREAD_ONCE_INIT;

static TessBaseAPI *
api_take(const char *datapath, const char *language, char **key_r, char **why_r)
{
	char *key = xstrdup_printf("%s\n%s", datapath, language);
	TessBaseAPI *api = NULL;

	if (key == NULL) {
		*why_r = xstrdup_printf("out of memory");
		return NULL;
	}
	pthread_mutex_lock(&cache_lock);
	for (size_t k = 0; k < n_cache; k++) {
		if (strcmp(cache[k].key, key) == 0) {
			api = cache[k].api;
			free(cache[k].key);
			cache[k] = cache[--n_cache];
			break;
		}
	}
	pthread_mutex_unlock(&cache_lock);
	if (api == NULL) {
		api = TessBaseAPICreate();
		if (api == NULL || TessBaseAPIInit3(api, datapath, language) != 0) {
			*why_r = xstrdup_printf("Tesseract cannot load %s/%s.traineddata",
			                        datapath, language);
			if (api != NULL)
				TessBaseAPIDelete(api);
			free(key);
			return NULL;
		}
		/* The form is one column of lines of varying size (title,
		 * labels, values): PSM 4 read every field exactly on fine
		 * faxes; automatic segmentation split them (domain.md §7). */
		TessBaseAPISetPageSegMode(api, PSM_SINGLE_COLUMN);
		/* A fax is black on white: Tesseract's second reading of each
		 * line it is unsure of, inverted, cost 9% of the command
		 * line's CPU on 12 pages of the test faxes and changed only
		 * the junk read from two check boxes. */
		TessBaseAPISetVariable(api, "tessedit_do_invert", "0");
		pthread_once(&drain_once, register_drain);
	}
	*key_r = key;
	return api;
}

static void
api_give(TessBaseAPI *api, char *key)
{
	pthread_mutex_lock(&cache_lock);
	if (n_cache < OCR_API_CACHE) {
		cache[n_cache].api = api;
		cache[n_cache].key = key;
		n_cache++;
		api = NULL;
	}
	pthread_mutex_unlock(&cache_lock);
	if (api != NULL)
		api_end(api, key);
}

/* The data path OCR_VOUCH_LANGUAGE last failed to load from, NULL when
 * none (under cache_lock): it is not tried there again, so Tesseract's
 * complaint is not printed for every document. */
static char *vouch_missing;

static bool
vouch_is_missing(const char *datapath)
{
	bool missing;

	pthread_mutex_lock(&cache_lock);
	missing = vouch_missing != NULL && strcmp(vouch_missing, datapath) == 0;
	pthread_mutex_unlock(&cache_lock);
	return missing;
}

/* Without the second model every form goes to a clerk and pages are read
 * less well: says why, once for datapath (the first of the threads that
 * find it missing), as it is not tried there again. */
static void
vouch_mark_missing(const char *datapath, const char *why)
{
	bool first;

	pthread_mutex_lock(&cache_lock);
	first = vouch_missing == NULL || strcmp(vouch_missing, datapath) != 0;
	if (first) {
		free(vouch_missing);
		vouch_missing = strdup(datapath);
	}
	pthread_mutex_unlock(&cache_lock);
	if (first)
		log_warning("%s: %s is not used (pages are read by %s alone, form "
		            "values are not vouched); install tesseract-ocr-script-hans",
		            why != NULL ? why : "out of memory", OCR_VOUCH_LANGUAGE,
		            OCR_PAGE_LANGUAGE);
}

TessBaseAPI *
ocr_vouch_api(struct ocr_vouch *vouch)
{
	char *why = NULL;

	if (vouch->tried)
		return vouch->api;
	vouch->tried = true;
	if (vouch_is_missing(vouch->datapath))
		return NULL;
	vouch->api = api_take(vouch->datapath, OCR_VOUCH_LANGUAGE, &vouch->key, &why);
	if (vouch->api == NULL)
		vouch_mark_missing(vouch->datapath, why);
	free(why);
	return vouch->api;
}

/* Tesseract loads the page's model without a second one it cannot find
 * (OCR_DEFAULT_LANGUAGE): api, just taken for the default language, is
 * checked for OCR_VOUCH_LANGUAGE, so that its absence is logged. */
static void
page_model_check(TessBaseAPI *api, const char *datapath)
{
	char **loaded;
	bool found = false;
	char *why;

	if (vouch_is_missing(datapath))
		return;
	loaded = TessBaseAPIGetLoadedLanguagesAsVector(api);
	if (loaded == NULL)
		return;
	for (size_t i = 0; loaded[i] != NULL && !found; i++)
		found = strcmp(loaded[i], OCR_VOUCH_LANGUAGE) == 0;
	TessDeleteTextArray(loaded);
	if (found)
		return;
	why = xstrdup_printf("Tesseract cannot load %s/%s.traineddata", datapath,
	                     OCR_VOUCH_LANGUAGE);
	vouch_mark_missing(datapath, why);
	free(why);
}

struct text_buf {
	char *s;
	size_t len, cap;
};

static int
buf_add(struct text_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 1024;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		p = realloc(b->s, cap);
		if (p == NULL)
			return -1;
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
	return 0;
}

static int
clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static bool
blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\n' && *s != '\t' && *s != '\r')
			return false;
	return true;
}

static int
add_word(struct ocr_page *page, size_t *cap, const char *text, float conf,
         unsigned line, const int box[4])
{
	struct ocr_word *w;

	if (page->n_words == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		struct ocr_word *p = realloc(page->words, ncap * sizeof *p);

		if (p == NULL)
			return -1;
		page->words = p;
		*cap = ncap;
	}
	w = &page->words[page->n_words];
	w->text = strdup(text);
	if (w->text == NULL)
		return -1;
	w->conf = clamp((int)(conf + 0.5f), 0, 100);
	w->line = line;
	w->cell = -1;
	w->vouched = false;
	w->x0 = clamp(box[0], 0, (int)page->width);
	w->y0 = clamp(box[1], 0, (int)page->height);
	w->x1 = clamp(box[2], w->x0, (int)page->width);
	w->y1 = clamp(box[3], w->y0, (int)page->height);
	page->n_words++;
	return 0;
}

/* Walks the result word by word; the text is rebuilt from the same words
 * so that line N of page->text holds exactly the words of line N. */
int
ocr_collect_words(TessBaseAPI *api, struct ocr_page *page)
{
	TessResultIterator *it = TessBaseAPIGetIterator(api);
	struct text_buf text = { 0 };
	size_t cap = 0;
	unsigned line = 0;
	bool first = true, line_has_word = false;
	int ret = 0;

	if (it != NULL) {
		TessPageIterator *pit = TessResultIteratorGetPageIterator(it);

		do {
			char *word = TessResultIteratorGetUTF8Text(it, RIL_WORD);
			int box[4];

			if (!first && TessPageIteratorIsAtBeginningOf(pit, RIL_TEXTLINE) &&
			    line_has_word) {
				line++;
				line_has_word = false;
				ret = buf_add(&text, "\n", 1);
			}
			first = false;
			if (ret == 0 && word != NULL && !blank(word) &&
			    TessPageIteratorBoundingBox(pit, RIL_WORD, &box[0], &box[1],
			                                &box[2], &box[3])) {
				if (line_has_word)
					ret = buf_add(&text, " ", 1);
				if (ret == 0)
					ret = buf_add(&text, word, strlen(word));
				if (ret == 0)
					ret = add_word(page, &cap, word,
					               TessResultIteratorConfidence(it, RIL_WORD),
					               line, box);
				line_has_word = true;
			}
			TessDeleteText(word);
		} while (ret == 0 && TessResultIteratorNext(it, RIL_WORD));
		TessResultIteratorDelete(it);
	}
	if (ret == 0 && text.s == NULL)
		ret = buf_add(&text, "", 0);
	free(page->text);
	page->text = text.s;
	return ret;
}

bool
ocr_read_by_second_model(TessBaseAPI *api)
{
	TessResultIterator *it = TessBaseAPIGetIterator(api);
	bool second = false;

	if (it == NULL)
		return false;
	do {
		const char *lang = TessResultIteratorWordRecognitionLanguage(it);

		second = lang != NULL && strcmp(lang, OCR_VOUCH_LANGUAGE) == 0;
	} while (!second && TessResultIteratorNext(it, RIL_WORD));
	TessResultIteratorDelete(it);
	return second;
}

double
ocr_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The problem of page i whose time ran out (what then). */
static char *
late_problem(const struct run *r, size_t i, const char *what)
{
	return xstrdup_printf("page %zu: time limit reached (%u ms): %s", i + 1,
	                      r->timeout_ms, what);
}

/* Reads the page (pix: 1 bpp; a page not stretched through
 * ocr_page_halo); false when it could not be read whole (problem set). */
static bool
recognise(const struct run *r, TessBaseAPI *api, PIX *pix, unsigned res,
          size_t i, struct ocr_page *page, char **problem_r)
{
	ETEXT_DESC *monitor = NULL;
	double start = ocr_now_ms();
	PIX *img = stretched(page) ? pixClone(pix) : ocr_page_halo(pix);
	bool late;
	int rc;

	if (img == NULL) {
		*problem_r = xstrdup_printf("page %zu: could not be prepared for OCR", i + 1);
		return false;
	}
	/* Tesseract reads a copy of its own. */
	TessBaseAPISetImage2(api, img);
	pixDestroy(&img);
	TessBaseAPISetSourceResolution(api, (int)res);
	if (r->timeout_ms > 0) {
		monitor = TessMonitorCreate();
		if (monitor != NULL)
			TessMonitorSetDeadlineMSecs(monitor, (int)r->timeout_ms);
	}
	rc = TessBaseAPIRecognize(api, monitor);
	/* Tesseract fails a recognition its monitor's deadline stopped; the
	 * words read until then are kept. */
	late = r->timeout_ms > 0 && ocr_now_ms() - start >= r->timeout_ms;
	if (rc != 0 && !late) {
		*problem_r = xstrdup_printf("page %zu: Tesseract failed", i + 1);
	} else {
		if (ocr_collect_words(api, page) != 0)
			*problem_r = xstrdup_printf("page %zu: out of memory", i + 1);
		page->mean_conf = clamp(TessBaseAPIMeanTextConf(api), 0, 100);
		if (late && *problem_r == NULL)
			*problem_r = late_problem(r, i, "recognition stopped; text incomplete");
	}
	if (monitor != NULL)
		TessMonitorDelete(monitor);
	TessBaseAPIClear(api);
	return *problem_r == NULL;
}

/* ---- pages and workers -------------------------------------------------- */

int
ocr_components(PIX *pix, int dx, int dy, PIXA **pixa_r, struct ocr_component **comps_r,
               size_t *n_r)
{
	BOXA *boxa = pixConnComp(pix, pixa_r, 8);
	l_int32 n = boxa != NULL ? boxaGetCount(boxa) : 0;
	struct ocr_component *comps = calloc(n > 0 ? (size_t)n : 1, sizeof *comps);

	if (boxa == NULL || comps == NULL) {
		free(comps);
		boxaDestroy(&boxa);
		if (pixa_r != NULL)
			pixaDestroy(pixa_r);
		return -1;
	}
	for (l_int32 k = 0; k < n; k++) {
		l_int32 x, y, w, h;

		boxaGetBoxGeometry(boxa, k, &x, &y, &w, &h);
		comps[k] = (struct ocr_component){ dx + x, dy + y, dx + x + w, dy + y + h };
	}
	boxaDestroy(&boxa);
	*comps_r = comps;
	*n_r = (size_t)n;
	return 0;
}

/* Hands the page to ink.c as plain bits and components. */
static void
measure_ink(const struct run *r, PIX *pix, size_t i, struct ocr_page *page,
            char **problem_r)
{
	struct ocr_ink_image img = { .width = page->width, .height = page->height };
	struct ocr_component *comps = NULL;
	/* Leptonica keeps the bits in native 32-bit words: swapped on a
	 * little-endian machine, they read as bytes in order. */
	PIX *bytes = pixEndianByteSwapNew(pix);
	size_t n;

	if (bytes == NULL || ocr_components(pix, 0, 0, NULL, &comps, &n) != 0)
		goto failed;
	img.bits = (const unsigned char *)pixGetData(bytes);
	img.stride = (size_t)pixGetWpl(bytes) * 4;
	img.comps = comps;
	img.n_comps = n;
	if (ocr_ink_marks(&img, r->box_labels, page) != 0)
		goto failed;
	goto out;
failed:
	if (*problem_r == NULL)
		*problem_r = xstrdup_printf("page %zu: ink not measured", i + 1);
out:
	free(comps);
	pixDestroy(&bytes);
}

/* What is left of a page's time once spent_ms were spent (*left_r; 0:
 * the run has no limit); false when nothing is. */
static bool
time_left(const struct run *r, double spent_ms, unsigned *left_r)
{
	*left_r = 0;
	if (r->timeout_ms == 0)
		return true;
	if (spent_ms >= r->timeout_ms)
		return false;
	*left_r = r->timeout_ms - (unsigned)spent_ms;
	return true;
}

/* The page's lines holding a hand beside their print read again without
 * it (lines.c), before the ink of the signature's area is measured next
 * to its label, in the time the page has left: elapsed_ms were spent.
 * page_run calls it on no page stretched to square pixels (a normal fax),
 * whose lines are not read again either (read_again). */
static void
read_hands(const struct run *r, TessBaseAPI *api, PIX *pix, unsigned res,
           double elapsed_ms, size_t i, struct ocr_page *page, char **problem_r)
{
	unsigned left;
	int rc;

	if (!time_left(r, elapsed_ms, &left))
		return;
	rc = ocr_lines_hand(api, pix, res, left, page);
	if (rc == OCR_FORM_LATE && *problem_r == NULL)
		*problem_r = late_problem(r, i, "its lines holding a hand not read "
		                          "again, the page's own words kept");
	else if (rc < 0 && *problem_r == NULL)
		*problem_r = xstrdup_printf("page %zu: its lines holding a hand "
		                            "could not be read again", i + 1);
}

/* The page read again as a form by its layout, when it is one (form.c),
 * else line by line where it was unsure (lines.c), in the time the page
 * has left: elapsed_ms were spent.  vouch: the worker's second model,
 * loaded on first need (ocr_vouch_api). */
static void
read_again(const struct run *r, TessBaseAPI *api, struct ocr_vouch *vouch, PIX *pix,
           unsigned res, double elapsed_ms, size_t i, struct ocr_page *page,
           char **problem_r)
{
	double start = ocr_now_ms();
	unsigned left;
	int rc;

	if (!time_left(r, elapsed_ms, &left))
		return;
	rc = ocr_form_read(api, vouch, pix, res, left, page);
	if (*problem_r != NULL)
		return;
	if (rc == OCR_FORM_LATE)
		*problem_r = late_problem(r, i, "its form's frames not read, "
		                          "the page's own words kept");
	else if (rc < 0)
		*problem_r = xstrdup_printf("page %zu: out of memory reading its "
		                            "form's frames", i + 1);
	/* A page stretched to square pixels (a normal fax) is read no
	 * better line by line: on tests/fax's full set its fields were
	 * exact in 40.9% (clean) and 55.5% (noisy) of values so, against
	 * 41.8% and 56.4% as the page was read. */
	if (rc != 0 || page->n_cells > 0 || stretched(page) ||
	    !time_left(r, elapsed_ms + (ocr_now_ms() - start), &left))
		return;
	rc = ocr_lines_read(api, pix, res, left, page);
	if (rc == OCR_FORM_LATE)
		*problem_r = late_problem(r, i, "its lines not read again, "
		                          "the page's own words kept");
	else if (rc < 0)
		*problem_r = xstrdup_printf("page %zu: its lines could not be "
		                            "read again", i + 1);
}

static void
page_run(struct run *r, TessBaseAPI *api, struct ocr_vouch *vouch, size_t i)
{
	struct slot *s = &r->slots[i];
	PIX *pix, *clean;
	unsigned res = 0;

	s->page.number = (unsigned)(i + 1);
	s->page.signature = OCR_MARK_UNKNOWN;
	pix = load_page(r, i, &s->description, &s->problem);
	if (pix == NULL)
		return;
	clean = prepare(r, i, pix, &s->page, &res, &s->problem);
	pixDestroy(&pix);
	if (clean == NULL)
		return;
	if (api != NULL) {
		unsigned tres = tesseract_res(res, s->page.height);
		double start = ocr_now_ms();
		bool whole = recognise(r, api, clean, tres, i, &s->page, &s->problem);

		if (whole && s->page.text != NULL && !stretched(&s->page))
			read_hands(r, api, clean, tres, ocr_now_ms() - start, i,
			           &s->page, &s->problem);
		if (s->page.text != NULL)
			measure_ink(r, clean, i, &s->page, &s->problem);
		/* The frames are read within what is left of the page's time;
		 * a page not read whole is not re-read. */
		if (whole && s->page.text != NULL)
			read_again(r, api, vouch, clean, tres, ocr_now_ms() - start, i,
			          &s->page, &s->problem);
	} else
		s->page.text = strdup("");
	s->ok = s->page.text != NULL;
	pixDestroy(&clean);
}

static void *
worker(void *arg)
{
	struct run *r = arg;
	TessBaseAPI *api = NULL;
	struct ocr_vouch vouch = { .datapath = r->datapath };
	char *key = NULL;

	for (;;) {
		size_t i;

		pthread_mutex_lock(&r->lock);
		i = r->fatal != NULL ? r->n : r->next++;
		pthread_mutex_unlock(&r->lock);
		if (i >= r->n)
			break;
		if (r->recognise && api == NULL) {
			char *why = NULL;
			bool model_default = strcmp(r->language, OCR_DEFAULT_LANGUAGE) == 0;

			/* Once HanS is known missing, asking for it again would
			 * have Tesseract complain for every new handle. */
			api = api_take(r->datapath,
			               model_default && vouch_is_missing(r->datapath) ?
			               OCR_PAGE_LANGUAGE : r->language, &key, &why);
			if (api != NULL && model_default)
				page_model_check(api, r->datapath);
			if (api == NULL) {
				pthread_mutex_lock(&r->lock);
				if (r->fatal == NULL)
					r->fatal = why;
				else
					free(why);
				pthread_mutex_unlock(&r->lock);
				break;
			}
		}
		page_run(r, api, &vouch, i);
	}
	if (api != NULL)
		api_give(api, key);
	if (vouch.api != NULL)
		api_give(vouch.api, vouch.key);
	return NULL;
}

static int
run_workers(struct run *r, unsigned workers)
{
	pthread_t tids[64];
	size_t started = 0, want = workers > 1 ? workers : 1;

	if (want > r->n)
		want = r->n;
	if (want > sizeof tids / sizeof tids[0])
		want = sizeof tids / sizeof tids[0];
	/* The calling thread is one worker; the others are extra. */
	for (size_t k = 1; k < want; k++) {
		if (pthread_create(&tids[started], NULL, worker, r) != 0)
			break;
		started++;
	}
	worker(r);
	for (size_t k = 0; k < started; k++)
		pthread_join(tids[k], NULL);
	return 0;
}

static int
add_problem(struct ocr_document *doc, char *line)
{
	char **p;

	if (line == NULL)
		return -1;
	p = realloc(doc->problems, (doc->n_problems + 1) * sizeof *p);
	if (p == NULL) {
		free(line);
		return -1;
	}
	doc->problems = p;
	doc->problems[doc->n_problems++] = line;
	return 0;
}

static void
page_clear(struct ocr_page *p)
{
	free(p->text);
	for (size_t i = 0; i < p->n_words; i++)
		free(p->words[i].text);
	free(p->words);
	free(p->png);
	for (size_t i = 0; i < p->n_boxes; i++)
		free(p->boxes[i].label);
	free(p->boxes);
	for (size_t i = 0; i < p->n_cells; i++)
		free(p->cells[i].label);
	free(p->cells);
	memset(p, 0, sizeof *p);
}

/* Runs every page of src, then moves the readable ones into a document. */
static int
run_document(const struct source *src, size_t n_pages, const char *extra_problem,
             const struct ocr_options *opt, bool recognise,
             struct ocr_document **doc_r, struct ogi_error *err)
{
	struct ocr_options none = { 0 };
	struct run r = { 0 };
	struct ocr_document *doc;
	const char *env;
	int ret = -1;

	if (opt == NULL)
		opt = &none;
	library_init();
	env = getenv("TESSDATA_PREFIX");
	r.src = src;
	r.n = n_pages;
	r.recognise = recognise;
	r.max_pixels = opt->max_pixels ? opt->max_pixels : OCR_DEFAULT_MAX_PIXELS;
	r.datapath = opt->tessdata ? opt->tessdata :
	             env != NULL && env[0] != '\0' ? env : OCR_DEBIAN_TESSDATA;
	r.language = opt->language ? opt->language : OCR_DEFAULT_LANGUAGE;
	r.timeout_ms = opt->page_timeout_ms;
	r.box_labels = opt->box_labels ? opt->box_labels : ocr_form_box_labels;
	r.slots = calloc(n_pages ? n_pages : 1, sizeof *r.slots);
	doc = calloc(1, sizeof *doc);
	if (r.slots == NULL || doc == NULL) {
		error_set(err, "OCR: out of memory");
		goto out;
	}
	doc->pages = calloc(n_pages ? n_pages : 1, sizeof *doc->pages);
	if (doc->pages == NULL) {
		error_set(err, "OCR: out of memory");
		goto out;
	}
	pthread_mutex_init(&r.lock, NULL);
	run_workers(&r, opt->workers);
	pthread_mutex_destroy(&r.lock);
	if (r.fatal != NULL) {
		error_set(err, "OCR: %s", r.fatal);
		goto out;
	}
	for (size_t i = 0; i < n_pages; i++) {
		struct slot *s = &r.slots[i];

		if (i == 0 && s->description != NULL) {
			doc->description = s->description;
			s->description = NULL;
		}
		if (s->problem != NULL) {
			if (add_problem(doc, s->problem) != 0)
				goto oom;
			s->problem = NULL;
		}
		if (s->ok) {
			doc->pages[doc->n_pages++] = s->page;
			memset(&s->page, 0, sizeof s->page);
		}
	}
	if (extra_problem != NULL && add_problem(doc, strdup(extra_problem)) != 0)
		goto oom;
	if (doc->n_pages == 0) {
		error_set(err, "OCR: no page could be read%s%s",
		          doc->n_problems ? ": " : "",
		          doc->n_problems ? doc->problems[0] : "");
		goto out;
	}
	*doc_r = doc;
	doc = NULL;
	ret = 0;
	goto out;
oom:
	error_set(err, "OCR: out of memory");
out:
	for (size_t i = 0; r.slots != NULL && i < n_pages; i++) {
		page_clear(&r.slots[i].page);
		free(r.slots[i].problem);
		free(r.slots[i].description);
	}
	free(r.slots);
	free(r.fatal);
	ocr_document_free(doc);
	return ret;
}

/* run_document on the first max_pages of n pages, the rest named in a
 * problem line. */
static int
run_clamped(const struct source *src, size_t n, const struct ocr_options *opt,
            bool recognise, struct ocr_document **doc_r, struct ogi_error *err)
{
	unsigned max_pages = opt != NULL && opt->max_pages ? opt->max_pages :
	                     OCR_DEFAULT_MAX_PAGES;
	char extra[128] = "";

	if (n > max_pages) {
		snprintf(extra, sizeof extra, "pages %u to %zu: over the limit of "
		         "%u pages, not read", max_pages + 1, n, max_pages);
		n = max_pages;
	}
	return run_document(src, n, extra[0] ? extra : NULL, opt, recognise, doc_r, err);
}

static int
image_document(const void *data, size_t len, const struct ocr_options *opt,
               bool recognise, struct ocr_document **doc_r, struct ogi_error *err)
{
	struct source src = { .data = data, .len = len };
	l_int32 format = IFF_UNKNOWN;
	size_t n = 1;

	*doc_r = NULL;
	library_init();
	if (data == NULL || len == 0 || len > (size_t)INT32_MAX) {
		error_set(err, "OCR: empty or oversized image");
		return -1;
	}
	if (findFileFormatBuffer(data, &format) != 0)
		format = IFF_UNKNOWN;
	if (L_FORMAT_IS_TIFF(format)) {
		FILE *fp = fmemopen((void *)(uintptr_t)data, len, "r");
		l_int32 count = 0;

		if (fp == NULL || tiffGetCount(fp, &count) != 0 || count <= 0) {
			if (fp != NULL)
				fclose(fp);
			error_set(err, "OCR: unreadable TIFF");
			return -1;
		}
		fclose(fp);
		src.kind = SRC_TIFF;
		n = (size_t)count;
	} else if (format == IFF_PNG || format == IFF_JFIF_JPEG ||
	           ocr_photo_is_heif(data, len)) {
		src.kind = SRC_SINGLE;
	} else {
		error_set(err, "OCR: not an image OCR reads (TIFF, PNG, JPEG, HEIC)");
		return -1;
	}
	return run_clamped(&src, n, opt, recognise, doc_r, err);
}

int
ocr_read_image(const void *data, size_t len, const struct ocr_options *opt,
               struct ocr_document **doc_r, struct ogi_error *err)
{
	return image_document(data, len, opt, true, doc_r, err);
}

int
ocr_prepare_image(const void *data, size_t len, const struct ocr_options *opt,
                  struct ocr_document **doc_r, struct ogi_error *err)
{
	return image_document(data, len, opt, false, doc_r, err);
}

int
ocr_read_bitmaps(const struct mime_page_image *pages, size_t n,
                 const struct ocr_options *opt,
                 struct ocr_document **doc_r, struct ogi_error *err)
{
	struct source src = { .kind = SRC_BITMAP, .bitmaps = pages };

	*doc_r = NULL;
	if (pages == NULL || n == 0) {
		error_set(err, "OCR: no page");
		return -1;
	}
	return run_clamped(&src, n, opt, true, doc_r, err);
}

bool
ocr_threads_limited(void)
{
	const char *v = getenv(OCR_THREAD_VAR);

	return v != NULL && strcmp(v, "1") == 0;
}

void
ocr_document_free(struct ocr_document *doc)
{
	if (doc == NULL)
		return;
	for (size_t i = 0; i < doc->n_pages; i++)
		page_clear(&doc->pages[i]);
	free(doc->pages);
	free(doc->description);
	for (size_t i = 0; i < doc->n_problems; i++)
		free(doc->problems[i]);
	free(doc->problems);
	free(doc);
}
