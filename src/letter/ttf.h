/* TrueType faces: parse once, measure, and cut small subsets.
 *
 * libharu 2.3.0 embeds a TrueType font by copying every table except glyf
 * (300-500 KB per letter with a CJK face).  This module reads a face from a
 * .ttf or a .ttc collection, answers cmap and advance-width questions, and
 * builds in memory a stand-alone TrueType font holding only the glyphs a
 * letter uses, which the renderer hands to libharu instead.
 *
 * Only the Basic Multilingual Plane is mapped: libharu's UTF-8 encoder turns
 * every code point above U+FFFF into a space, so a glyph there could never
 * be drawn.  No libharu type appears here.
 */
#ifndef OGI_LETTER_TTF_H
#define OGI_LETTER_TTF_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"

/* A parsed face.  Immutable once opened: may be shared by threads. */
struct letter_ttf;

/* Opens face `index` of `path` (index 0 for a plain .ttf) and parses head,
 * hhea, maxp, hmtx, loca, cmap, OS/2 and post.  The file is mapped
 * read-only and stays mapped until letter_ttf_close.  Refuses CFF-based
 * fonts and faces whose OS/2 fsType forbids embedding.  Blocks on file I/O.
 * On success *ttf_r is owned by the caller. */
int letter_ttf_open(const char *path, int index, struct letter_ttf **ttf_r,
                    struct ogi_error *err);

/* As letter_ttf_open, from the `len` bytes of a .ttf or .ttc image at
 * `data`, which the face reads in place: they must stay unchanged until
 * letter_ttf_close.  Pure: no I/O. */
int letter_ttf_open_mem(const void *data, size_t len, int index,
                        struct letter_ttf **ttf_r, struct ogi_error *err);

/* Frees a face; NULL is a no-op. */
void letter_ttf_close(struct letter_ttf *ttf);

/* The glyph the face's Unicode cmap gives `cp`; 0 when it has none
 * (always 0 above U+FFFF). */
unsigned letter_ttf_glyph(const struct letter_ttf *ttf, uint32_t cp);

/* Advance width of glyph `gid` in thousandths of an em, truncated the way
 * libharu truncates (so PDF /W widths and our layout agree). */
unsigned letter_ttf_advance(const struct letter_ttf *ttf, unsigned gid);

/* The face's PostScript name (ASCII, never NULL); owned by the face. */
const char *letter_ttf_psname(const struct letter_ttf *ttf);

/* Builds a TrueType font holding .notdef, the glyphs of the `n` code points
 * in `cps` (each must map to a glyph in this face; duplicates allowed) and
 * any composite components, with tables head, hhea, maxp, hmtx, loca
 * (long), glyf (hinting instructions dropped), cmap (3,1 format 4), post
 * (format 3), name and OS/2.  The name table carries `psname` (ASCII,
 * 1..63 characters) as family and PostScript name.  On success *data_r
 * (caller frees with g_free) holds *len_r bytes.  Fails, naming the code
 * point, when its glyph is malformed: records past its end, a component
 * the face lacks, composites nested in a cycle or more than 8 deep; and
 * fails for more than 65536 component records or 32 MB of glyph data in
 * all.  A malformed .notdef is written empty.  Pure: no I/O; time and
 * memory bounded by the input's size. */
int letter_ttf_subset(const struct letter_ttf *ttf, const uint32_t *cps,
                      size_t n, const char *psname, unsigned char **data_r,
                      size_t *len_r, struct ogi_error *err);

#endif
