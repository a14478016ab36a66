/* libFuzzer target: bytes as a JPEG's head, through the Exif orientation
 * parser (ocr_photo_jpeg_orientation in src/ocr/photo.c): the marker walk to
 * the APP1 Exif segment, the TIFF header's byte order and IFD0 offset,
 * IFD0's entry count and the Orientation entry.  It must return 1..8 for
 * any input, read nothing outside it (ASan) and end.  Pixels are not
 * decoded: fuzz_image runs Leptonica's JPEG decoder.  Seeds in
 * fuzz/seeds/exif (JPEG heads with each orientation, little- and
 * big-endian, and an XMP segment before the Exif one).  Run by
 * contrib/fuzz.sh exif. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "ocr/photo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned o = ocr_photo_jpeg_orientation(data, size);

	if (o < 1 || o > 8)
		abort();
	return 0;
}
