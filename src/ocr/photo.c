/* Photos upright: the Exif orientation of a JPEG, parsed here (the bytes
 * are the sender's: every offset and count is checked against the segment
 * before it is used), and HEIC through libheif. */
#include "ocr/photo.h"

#include <stdint.h>
#include <string.h>

#include <leptonica/allheaders.h>
#include <libheif/heif.h>

/* JPEG markers (ITU T.81 B.1.1.3, Table B.1). */
#define JPEG_SOI 0xD8
#define JPEG_EOI 0xD9
#define JPEG_SOS 0xDA
#define JPEG_APP1 0xE1
#define JPEG_TEM 0x01
#define JPEG_RST0 0xD0
#define JPEG_RST7 0xD7

/* An APP1 segment holding Exif starts with this, then a TIFF header. */
static const char exif_id[6] = "Exif\0";
#define TIFF_HEADER_LEN 8
#define TIFF_MAGIC 42
#define IFD_ENTRY_LEN 12
#define EXIF_TAG_ORIENTATION 0x0112u
#define EXIF_TYPE_SHORT 3u
#define EXIF_ORIENTATION_UPRIGHT 1u
#define EXIF_ORIENTATION_MAX 8u
/* Orientations 5 to 8 swap the stored width and height. */
#define EXIF_ORIENTATION_FIRST_TRANSPOSED 5u

bool
ocr_photo_is_heif(const void *data, size_t len)
{
	/* ISO/IEC 23008-12's brands, and AVIF's, which libheif reads too. */
	static const char *const brands[] = {
		"heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif",
	};
	const unsigned char *d = data;

	if (d == NULL || len < 12 || memcmp(d + 4, "ftyp", 4) != 0)
		return false;
	for (size_t k = 0; k < sizeof brands / sizeof brands[0]; k++)
		if (memcmp(d + 8, brands[k], 4) == 0)
			return true;
	return false;
}

/* ---- Exif --------------------------------------------------------------- */

struct tiff {
	const unsigned char *p;
	size_t len;
	bool big_endian;
};

static unsigned
tiff_u16(const struct tiff *t, size_t off)
{
	const unsigned char *b = t->p + off;

	return t->big_endian ? (unsigned)b[0] << 8 | b[1] : (unsigned)b[1] << 8 | b[0];
}

static uint32_t
tiff_u32(const struct tiff *t, size_t off)
{
	const unsigned char *b = t->p + off;

	return t->big_endian
		? (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]
		: (uint32_t)b[3] << 24 | (uint32_t)b[2] << 16 | (uint32_t)b[1] << 8 | b[0];
}

/* The Orientation entry of IFD0 of the TIFF structure in p[0..len). */
static unsigned
exif_orientation(const unsigned char *p, size_t len)
{
	struct tiff t = { .p = p, .len = len };
	uint32_t ifd;
	unsigned count;

	if (len < TIFF_HEADER_LEN)
		return EXIF_ORIENTATION_UPRIGHT;
	if (memcmp(p, "MM", 2) == 0)
		t.big_endian = true;
	else if (memcmp(p, "II", 2) != 0)
		return EXIF_ORIENTATION_UPRIGHT;
	if (tiff_u16(&t, 2) != TIFF_MAGIC)
		return EXIF_ORIENTATION_UPRIGHT;
	ifd = tiff_u32(&t, 4);
	/* IFD0 lies after the header and leaves room for its count. */
	if (ifd < TIFF_HEADER_LEN || ifd > len - 2)
		return EXIF_ORIENTATION_UPRIGHT;
	count = tiff_u16(&t, ifd);
	/* A count the segment cannot hold is damage, not a reason to read
	 * the entries that happen to fit. */
	if (count > (len - ifd - 2) / IFD_ENTRY_LEN)
		return EXIF_ORIENTATION_UPRIGHT;
	for (unsigned i = 0; i < count; i++) {
		size_t e = (size_t)ifd + 2 + (size_t)i * IFD_ENTRY_LEN;
		unsigned value;

		if (tiff_u16(&t, e) != EXIF_TAG_ORIENTATION)
			continue;
		if (tiff_u16(&t, e + 2) != EXIF_TYPE_SHORT || tiff_u32(&t, e + 4) != 1)
			return EXIF_ORIENTATION_UPRIGHT;
		/* One SHORT sits left-justified in the value field. */
		value = tiff_u16(&t, e + 8);
		return value >= 1 && value <= EXIF_ORIENTATION_MAX ?
		       value : EXIF_ORIENTATION_UPRIGHT;
	}
	return EXIF_ORIENTATION_UPRIGHT;
}

unsigned
ocr_photo_jpeg_orientation(const void *data, size_t len)
{
	const unsigned char *d = data;
	size_t pos = 2;

	if (d == NULL || len < 4 || d[0] != 0xFF || d[1] != JPEG_SOI)
		return EXIF_ORIENTATION_UPRIGHT;
	/* Every step moves pos forward, so the walk ends by len. */
	while (pos + 4 <= len) {
		unsigned marker;
		size_t seglen;

		if (d[pos] != 0xFF)
			break;
		marker = d[pos + 1];
		if (marker == 0xFF) {          /* fill byte before a marker */
			pos++;
			continue;
		}
		if (marker == JPEG_SOS || marker == JPEG_EOI)
			break;
		if (marker == JPEG_TEM || (marker >= JPEG_RST0 && marker <= JPEG_RST7)) {
			pos += 2;              /* markers without a length */
			continue;
		}
		/* The length counts itself, not the marker. */
		seglen = (size_t)d[pos + 2] << 8 | d[pos + 3];
		if (seglen < 2 || seglen > len - pos - 2)
			break;
		if (marker == JPEG_APP1 && seglen - 2 >= sizeof exif_id &&
		    memcmp(d + pos + 4, exif_id, sizeof exif_id) == 0)
			return exif_orientation(d + pos + 4 + sizeof exif_id,
			                        seglen - 2 - sizeof exif_id);
		pos += 2 + seglen;
	}
	return EXIF_ORIENTATION_UPRIGHT;
}

/* Turns a decoded JPEG as its orientation says, in grey: OCR binarises
 * from grey anyway, and a quarter of the pixels' bytes is a quarter of
 * the memory to turn. */
static PIX *
turn_upright(PIX *pix, unsigned orientation)
{
	/* Exif 2.32 §4.6.5 names each value by where the stored image's 0th
	 * row and column belong; here, as the quarter turns clockwise and the
	 * flip after them that put it upright. */
	static const struct { int quads; bool flip_lr, flip_tb; } turns[] = {
		[2] = { 0, true, false },  [3] = { 2, false, false },
		[4] = { 0, false, true },  [5] = { 1, true, false },
		[6] = { 1, false, false }, [7] = { 1, false, true },
		[8] = { 3, false, false },
	};
	PIX *grey, *out;
	l_int32 xres, yres;

	grey = pixConvertTo8(pix, 0);
	if (grey == NULL)
		return NULL;
	out = pixRotateOrth(grey, turns[orientation].quads);
	pixDestroy(&grey);
	if (out == NULL)
		return NULL;
	if (turns[orientation].flip_lr)
		pixFlipLR(out, out);
	if (turns[orientation].flip_tb)
		pixFlipTB(out, out);
	if (turns[orientation].quads % 2 != 0) {
		pixGetResolution(pix, &xres, &yres);
		pixSetResolution(out, yres, xres);
	}
	return out;
}

/* ---- HEIC --------------------------------------------------------------- */

struct heif {
	struct heif_context *ctx;
	struct heif_image_handle *handle;
};

static void
heif_close(struct heif *h)
{
	if (h->handle != NULL)
		heif_image_handle_release(h->handle);
	if (h->ctx != NULL)
		heif_context_free(h->ctx);
}

/* Parses the boxes (no pixel is decoded) and finds the primary image. */
static int
heif_open(const void *data, size_t len, struct heif *h)
{
	struct heif_error e;

	h->handle = NULL;
	h->ctx = heif_context_alloc();
	if (h->ctx == NULL)
		return -1;
	/* Tiles in the calling thread: the worker already runs one thread
	 * per page it reads, each within its share of the memory limit. */
	heif_context_set_max_decoding_threads(h->ctx, 0);
	e = heif_context_read_from_memory_without_copy(h->ctx, data, len, NULL);
	if (e.code == heif_error_Ok)
		e = heif_context_get_primary_image_handle(h->ctx, &h->handle);
	if (e.code != heif_error_Ok) {
		heif_close(h);
		return -1;
	}
	return 0;
}

/* Interleaved 8-bit RGB to Leptonica's 8-bit grey, with the weights
 * pixConvertTo8 gives a JPEG, so a HEIC binarises as the same photo
 * taken as a JPEG would. */
static PIX *
grey_from_rgb(const uint8_t *rgb, int stride, l_int32 w, l_int32 h)
{
	PIX *pix = pixCreate(w, h, 8);
	l_uint32 *data;
	int wpl;

	if (pix == NULL)
		return NULL;
	data = pixGetData(pix);
	wpl = pixGetWpl(pix);
	for (l_int32 y = 0; y < h; y++) {
		const uint8_t *row = rgb + (size_t)y * (size_t)stride;
		l_uint32 *line = data + (size_t)y * (size_t)wpl;

		for (l_int32 x = 0; x < w; x++) {
			const uint8_t *px = row + 3 * (size_t)x;
			float v = L_RED_WEIGHT * px[0] + L_GREEN_WEIGHT * px[1] +
			          L_BLUE_WEIGHT * px[2] + 0.5f;

			SET_DATA_BYTE(line, x, v > 255.0f ? 255 : (l_int32)v);
		}
	}
	return pix;
}

static PIX *
heif_read(const void *data, size_t len, l_int32 w, l_int32 h)
{
	struct heif hf;
	struct heif_decoding_options *opt;
	struct heif_image *img = NULL;
	struct heif_error e;
	const uint8_t *rgb;
	int stride = 0;
	PIX *pix = NULL;

	if (heif_open(data, len, &hf) != 0)
		return NULL;
	if (heif_image_handle_get_width(hf.handle) != w ||
	    heif_image_handle_get_height(hf.handle) != h)
		goto out;
	opt = heif_decoding_options_alloc();
	if (opt == NULL)
		goto out;
	/* Phones' 10-bit HDR photos: OCR needs 8 bits of grey. */
	opt->convert_hdr_to_8bit = 1;
	/* Interleaved RGB is the one output libheif 1.15 converts every
	 * input to (colour to monochrome it cannot). */
	e = heif_decode_image(hf.handle, &img, heif_colorspace_RGB,
	                      heif_chroma_interleaved_RGB, opt);
	heif_decoding_options_free(opt);
	if (e.code != heif_error_Ok)
		goto out;
	rgb = heif_image_get_plane_readonly(img, heif_channel_interleaved, &stride);
	/* The decoder's output must be the size the header promised. */
	if (rgb != NULL && stride >= 3 * w &&
	    heif_image_get_width(img, heif_channel_interleaved) == w &&
	    heif_image_get_height(img, heif_channel_interleaved) == h)
		pix = grey_from_rgb(rgb, stride, w, h);
out:
	if (img != NULL)
		heif_image_release(img);
	heif_close(&hf);
	return pix;
}

/* ---- the picture -------------------------------------------------------- */

int
ocr_photo_header(const void *data, size_t len, int *w_r, int *h_r)
{
	l_int32 format, bps, spp, cmap;
	struct heif hf;

	if (!ocr_photo_is_heif(data, len)) {
		if (pixReadHeaderMem(data, len, &format, w_r, h_r, &bps, &spp,
		                     &cmap) != 0)
			return -1;
		if (ocr_photo_jpeg_orientation(data, len) >= EXIF_ORIENTATION_FIRST_TRANSPOSED) {
			l_int32 t = *w_r;

			*w_r = *h_r;
			*h_r = t;
		}
		return 0;
	}
	if (heif_open(data, len, &hf) != 0)
		return -1;
	*w_r = heif_image_handle_get_width(hf.handle);
	*h_r = heif_image_handle_get_height(hf.handle);
	heif_close(&hf);
	return 0;
}

PIX *
ocr_photo_read(const void *data, size_t len, int w, int h)
{
	unsigned orientation;
	PIX *pix, *upright;

	if (ocr_photo_is_heif(data, len))
		return heif_read(data, len, w, h);
	pix = pixReadMem(data, len);
	orientation = ocr_photo_jpeg_orientation(data, len);
	if (pix == NULL || orientation == EXIF_ORIENTATION_UPRIGHT)
		return pix;
	upright = turn_upright(pix, orientation);
	pixDestroy(&pix);
	return upright;
}
