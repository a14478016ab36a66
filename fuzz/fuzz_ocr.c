/* libFuzzer target: OCR words through extract_message_ocr(), the path a
 * fax's pages take after Tesseract.  The input is the words' text: its
 * first byte chooses the channel (bit 0: a fax, the message's text the
 * gateway's) and whether boxes are known (bit 1); then lines split at
 * '\n', pages at '\f', words at ' ' (two spaces: a wider gap).  A word's
 * confidence comes from its bytes, so the fuzzer reaches both sides of
 * EXTRACT_OCR_CONF_MIN.  Built by ./configure CC=clang --enable-fuzzing;
 * run by contrib/fuzz.sh ocr. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "extract/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Pixels per byte of a word, and the height of a line. */
#define CHAR_PX 15
#define LINE_PX 50

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const own[] = { "ogi@example.gov.cn", NULL };
	const struct extract_context ctx = {
		.own_addresses = own,
		.today = "2026-03-10",
		.sender_is_contact = true,
		.fax_channel = size > 0 && (data[0] & 1),
	};
	GArray *words = g_array_new(FALSE, FALSE, sizeof(struct extract_ocr_word));
	GPtrArray *texts = g_ptr_array_new_with_free_func(g_free);
	struct mime_message msg;
	struct extract_ocr_input in = { 0 };
	unsigned page = 0, line = 0;
	bool boxes;
	size_t i = 1;

	if (size == 0)
		return 0;
	boxes = data[0] & 2;
	while (i < size) {
		size_t j = i;
		struct extract_ocr_word w = { 0 };
		int conf = 0;

		if (data[i] == '\n' || data[i] == '\f') {
			line = data[i] == '\n' ? line + 1 : 0;
			page += data[i] == '\f';
			i++;
			continue;
		}
		if (data[i] == ' ') {
			i++;
			continue;
		}
		while (j < size && data[j] != ' ' && data[j] != '\n' && data[j] != '\f')
			conf += data[j++];
		w.text = g_strndup((const char *)data + i, j - i);
		g_ptr_array_add(texts, (char *)w.text);
		w.conf = conf % 101;
		w.page = page;
		w.line = line;
		w.x0 = boxes ? (int)i * CHAR_PX : 0;
		w.x1 = boxes ? (int)j * CHAR_PX : 0;
		w.y0 = boxes ? (int)line * LINE_PX : 0;
		w.y1 = boxes ? w.y0 + LINE_PX / 2 : 0;
		g_array_append_val(words, w);
		i = j;
	}
	memset(&msg, 0, sizeof(msg));
	msg.subject = (char *)"Fax received";
	msg.body = (char *)"";
	in.words = (const struct extract_ocr_word *)(void *)words->data;
	in.n_words = words->len;
	in.gateway_text = data[0] & 1;
	in.signature = (enum extract_ocr_ink)((data[0] >> 2) % 3);
	extract_record_free(extract_message_ocr(&msg, &in, &ctx));
	g_array_free(words, TRUE);
	g_ptr_array_free(texts, TRUE);
	return 0;
}
