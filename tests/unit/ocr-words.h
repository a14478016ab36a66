/* OCR words for tests, written as text: what tests/rules' "--- ocr"
 * sections and test_ocrfront's tables hold.
 *
 *   one line of the page per line; words separated by one space;
 *   two spaces or more: a column gap (words far apart on the line);
 *   spaces at the start of a line (after "[NN] " and "<LABEL> "): it
 *   starts as far in as that many Latin characters;
 *   "[NN] " at the start of a line: the confidence of its words (else 95);
 *   "word{NN}": that word's confidence;
 *   "[NN!] ", "word{NN!}": the same, and the words are vouched for (their
 *   frame's readings by two models agreed: extract_ocr_word.vouched);
 *   "<LABEL> " at the start of a line (after "[NN] "): its words were read
 *   in a form's frame labelled LABEL ("<>": a frame without a label);
 *   lines in a row with one label share the frame (cell index from 1 on
 *   each page); other words are printed text outside frames;
 *   a line holding only "\f" (a form feed) starts the next page.
 *
 * Boxes are made up: a Chinese character 30 pixels wide, others 15, text
 * 30 high, words 8 pixels apart, 90 across a column gap. */
#ifndef OGI_TESTS_OCR_WORDS_H
#define OGI_TESTS_OCR_WORDS_H

#include <stddef.h>

#include "extract/extract.h"

/* The words of spec (owned: ocr_words_free). */
struct extract_ocr_word *ocr_words_parse(const char *spec, size_t *n_r);
void ocr_words_free(struct extract_ocr_word *w, size_t n);

#endif
