/* libFuzzer target: OCR words through extract_message_ocr(), the path a
 * fax's pages take after Tesseract.  The input is the words' text: its
 * first byte chooses the channel (bit 0: a fax, the message's text the
 * gateway's), whether boxes are known (bit 1), the signature's ink (bits
 * 2-3) and whether the subject gives the caller's number (bit 4); then
 * lines split at '\n', pages at '\f', words at ' ' (two spaces: a wider
 * gap).  Two bytes choose a form's parts, each by the byte after it:
 * '\t' puts the words after it on its line in a frame (cell_label, cell)
 * or outside any, '\v' adds a check box on the current page.  Every value
 * is one the OCR module can give (extract.h, extract_ocr_input): the
 * words of one frame share its label, a box's page has words.  A word's
 * confidence comes from its bytes, so the fuzzer reaches both sides of
 * EXTRACT_OCR_CONF_MIN; a word in a frame is vouched for when the sum of
 * its bytes over 101 is odd, so each confidence comes with either flag.
 * The flag is the word's alone here, where the module gives all of a
 * frame's words one: the front weighs it word by word (ocrfront.c,
 * trace_range), and a value may join words of several frames.  Built by
 * ./configure CC=clang --enable-fuzzing; run by contrib/fuzz.sh ocr. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "extract/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Pixels per byte of a word, and the height of a line. */
#define CHAR_PX 15
#define LINE_PX 50

#define FRAME_BYTE '\t'
#define BOX_BYTE '\v'

/* Frames a page may have here: a few are enough to tell frames apart
 * (the module finds up to OCR_MAX_CELLS). */
#define FUZZ_CELLS 8
/* Check boxes in all: the wire keeps WIRE_MAX_OCR_BOXES a page; the
 * office's form has ten. */
#define FUZZ_MAX_BOXES 32

/* Printed labels of frames as the module reads them: the office's form's
 * (templates/form.tpl), the signature's, none read, and a seal read as
 * a label. */
static const char *const cell_labels[] = {
	"", "申请人签名（盖章）", "签名", "姓名", "通信地址", "联系电话",
	"传真", "电子邮箱",
	"所需信息的内容描述（必填：请写明信息的名称、文号或者其他特征描述）",
	"申请时间", "0.AAA",
};

/* The options the module seeks boxes beside (ocr_form_box_labels). */
static const char *const box_labels[] = {
	"纸面", "电子邮件", "光盘", "磁盘", "自行领取", "当场阅读、抄录",
	"邮寄", "快递", "传真",
};

static const enum extract_ocr_ink marks[] = {
	EXTRACT_OCR_INK_UNKNOWN, EXTRACT_OCR_INK_ABSENT, EXTRACT_OCR_INK_PRESENT,
};

/* The frame the selector byte s puts the next words in, on a page whose
 * frames have the labels labels (NULL: not seen yet): a frame keeps the
 * label it was first given.  Sets *label_r NULL for none. */
static void
choose_frame(uint8_t s, const char **labels, const char **label_r,
	     unsigned *cell_r)
{
	unsigned cell = s % FUZZ_CELLS;
	unsigned k = (unsigned)(s / FUZZ_CELLS) % (G_N_ELEMENTS(cell_labels) + 1);

	*label_r = NULL;
	*cell_r = 0;
	if (k == 0)
		return;
	if (labels[cell] == NULL)
		labels[cell] = cell_labels[k - 1];
	*label_r = labels[cell];
	*cell_r = cell;
}

/* Keeps the boxes whose page has words (the module finds a box beside
 * an option's words); words are by page. */
static size_t
boxes_on_pages(struct extract_ocr_box *b, size_t n,
	       const struct extract_ocr_word *w, size_t n_words)
{
	size_t kept = 0, k = 0;

	for (size_t i = 0; i < n; i++) {
		while (k < n_words && w[k].page < b[i].page)
			k++;
		if (k < n_words && w[k].page == b[i].page)
			b[kept++] = b[i];
	}
	return kept;
}

static bool
separator(uint8_t c)
{
	return c == ' ' || c == '\n' || c == '\f' || c == FRAME_BYTE ||
	       c == BOX_BYTE;
}

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
	struct extract_ocr_box boxes[FUZZ_MAX_BOXES];
	const char *frames[FUZZ_CELLS] = { NULL };
	const char *cell_label = NULL;
	struct mime_message msg;
	struct extract_ocr_input in = { 0 };
	unsigned page = 0, line = 0, cell = 0;
	size_t n_boxes = 0;
	bool geometry;
	size_t i = 1;

	if (size == 0)
		return 0;
	geometry = data[0] & 2;
	while (i < size) {
		size_t j = i;
		struct extract_ocr_word w = { 0 };
		int conf = 0;

		if (data[i] == '\n' || data[i] == '\f') {
			line = data[i] == '\n' ? line + 1 : 0;
			if (data[i] == '\f') {
				page++;
				memset(frames, 0, sizeof(frames));
			}
			cell_label = NULL;
			i++;
			continue;
		}
		if (data[i] == FRAME_BYTE && i + 1 < size) {
			choose_frame(data[i + 1], frames, &cell_label, &cell);
			i += 2;
			continue;
		}
		if (data[i] == BOX_BYTE && i + 1 < size) {
			uint8_t s = data[i + 1];

			if (n_boxes < FUZZ_MAX_BOXES)
				boxes[n_boxes++] = (struct extract_ocr_box){
					.label = box_labels[s % G_N_ELEMENTS(box_labels)],
					.mark = marks[(s / G_N_ELEMENTS(box_labels)) %
						      G_N_ELEMENTS(marks)],
					.page = page,
				};
			i += 2;
			continue;
		}
		if (separator(data[i])) {
			i++;
			continue;
		}
		while (j < size && !separator(data[j]))
			conf += data[j++];
		w.text = g_strndup((const char *)data + i, j - i);
		g_ptr_array_add(texts, (char *)w.text);
		w.conf = conf % 101;
		w.vouched = cell_label != NULL && (conf / 101) % 2 == 1;
		w.page = page;
		w.line = line;
		w.x0 = geometry ? (int)i * CHAR_PX : 0;
		w.x1 = geometry ? (int)j * CHAR_PX : 0;
		w.y0 = geometry ? (int)line * LINE_PX : 0;
		w.y1 = geometry ? w.y0 + LINE_PX / 2 : 0;
		w.cell_label = cell_label;
		w.cell = cell;
		g_array_append_val(words, w);
		i = j;
	}
	memset(&msg, 0, sizeof(msg));
	msg.subject = (char *)(data[0] & 16 ? "Fax from 0471-6234567" :
			       "Fax received");
	msg.body = (char *)"";
	in.words = (const struct extract_ocr_word *)(void *)words->data;
	in.n_words = words->len;
	in.gateway_text = data[0] & 1;
	in.signature = marks[((data[0] >> 2) & 3) % G_N_ELEMENTS(marks)];
	in.boxes = boxes;
	in.n_boxes = boxes_on_pages(boxes, n_boxes, in.words, in.n_words);
	extract_record_free(extract_message_ocr(&msg, &in, &ctx));
	g_array_free(words, TRUE);
	g_ptr_array_free(texts, TRUE);
	return 0;
}
