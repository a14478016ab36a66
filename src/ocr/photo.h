/* Photos and scans of a form sent as one picture (JPEG, PNG, HEIC), decoded
 * upright for OCR.  Private to src/ocr: ocr.c's image loading calls it,
 * everything else reaches it through ocr_read_image / ocr_prepare_image.
 *
 * A phone stores its photo as the sensor saw it and says in the JPEG's
 * Exif Orientation tag (0x0112, 1..8) how to turn it for display; a HEIC
 * says it with its irot/imir properties, which libheif applies.  Without
 * them a sideways page reaches Tesseract sideways and reads as nothing.
 *
 * photo.c is, with ocr.c and form.c, the only code that includes
 * Leptonica's headers, and the only code that includes libheif's; this
 * header includes neither.  Everything here reads memory only, keeps
 * nothing of data after it returns, writes no file and is thread-safe;
 * libheif decodes in the calling thread (its HEVC decoder, libde265, adds
 * one worker thread of its own for the duration of a decode).
 */
#ifndef OGI_OCR_PHOTO_H
#define OGI_OCR_PHOTO_H

#include <stdbool.h>
#include <stddef.h>

struct Pix;

/* True when data begins with an ISO-BMFF "ftyp" box of a HEIF brand
 * (HEIC, HEIF, AVIF). */
bool ocr_photo_is_heif(const void *data, size_t len);

/* The width and height data's one picture (JPEG, PNG, HEIC) will have
 * once decoded and turned upright, read from its header alone: for a HEIC
 * the primary image's (the container's claim: the HEVC stream's own size
 * is checked against it only after decoding), with its rotation applied;
 * nothing is decoded.  0, or -1 when the header cannot be read. */
int ocr_photo_header(const void *data, size_t len, int *w_r, int *h_r);

/* Decodes data's one picture upright: a JPEG turned by its Exif
 * orientation (converted to 8-bit grey first when it must be turned), a
 * HEIC's primary image with its own transformations as 8-bit grey, a PNG
 * as it is.  w x h are the dimensions ocr_photo_header gave and the caller
 * accepted: a HEIC whose primary image no longer has them is not decoded.
 * The caller owns the result (pixDestroy); NULL when unreadable. */
struct Pix *ocr_photo_read(const void *data, size_t len, int w, int h);

/* The Exif orientation of a JPEG (1..8, as Exif 2.32 §4.6.5 numbers them;
 * 1: stored upright): from the first APP1 Exif segment before the scan,
 * its IFD0's Orientation entry (SHORT, count 1).  1 when data is no JPEG,
 * has no such entry, or any length, offset, count or value on the way is
 * out of bounds or of the wrong type: damaged Exif never stops a photo
 * from being read as stored.  Reads at most len bytes, follows no IFD
 * link, ends in time linear in len. */
unsigned ocr_photo_jpeg_orientation(const void *data, size_t len);

#endif
