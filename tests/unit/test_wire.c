/* The parser worker's wire format: what goes in comes out, and a reply
 * from a worker that went wrong is refused whole, never half-believed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "daemon/wire.h"

/* Encodes in into *frame_r, checks the frame's header and decodes its
 * body less chop bytes into out; returns what the decoder returned.  The
 * caller frees *frame_r after out, whose raw points into it. */
static int
job_round_trip(const struct wire_job *in, size_t chop, struct wire_job *out,
	       unsigned char **frame_r)
{
	struct ogi_error err = { 0 };
	size_t len, body_len;

	wire_job_encode(in, frame_r, &len);
	assert_int_equal(wire_header_decode(*frame_r, len, &body_len, &err), 0);
	assert_int_equal(body_len, len - WIRE_HEADER_SIZE);
	return wire_job_decode(*frame_r + WIRE_HEADER_SIZE, body_len - chop, out,
			       &err);
}

/* Encodes in into *frame_r and checks the frame's header; returns the
 * length of the body, which follows the header. */
static size_t
result_frame(const struct wire_result *in, unsigned char **frame_r)
{
	struct ogi_error err = { 0 };
	size_t len, body_len;

	wire_result_encode(in, frame_r, &len);
	assert_int_equal(wire_header_decode(*frame_r, len, &body_len, &err), 0);
	assert_int_equal(body_len, len - WIRE_HEADER_SIZE);
	return body_len;
}

/* The same for a result, which must decode. */
static void
result_round_trip(const struct wire_result *in, struct wire_result *out)
{
	struct ogi_error err = { 0 };
	unsigned char *frame;
	size_t body_len = result_frame(in, &frame);

	if (wire_result_decode(frame + WIRE_HEADER_SIZE, body_len, out, &err) != 0)
		fail_msg("%s", err.msg);
	g_free(frame);
}

/* A refusal names the fault the case is about: a case refused for some
 * other reason (a field its spoiling did not touch) tests nothing. */
static void
expect_error(const struct ogi_error *err, const char *what, const char *part)
{
	if (strstr(err->msg, part) == NULL)
		fail_msg("%s: refused as \"%s\", not \"%s\"", what, err->msg, part);
}

/* A body the decoder must refuse whole, for the fault error names (part
 * of its message), leaving nothing decoded; what names the case. */
static void
expect_body_refused(const unsigned char *body, size_t len, const char *what,
		    const char *error)
{
	struct ogi_error err = { 0 };
	struct wire_result out;

	if (wire_result_decode(body, len, &out, &err) != -1)
		fail_msg("accepted: %s", what);
	expect_error(&err, what, error);
	assert_null(out.rec);
	assert_null(out.parse_error);
	assert_null(out.pages);
}

/* The same for what the worker's encoder makes of in. */
static void
expect_refused(const struct wire_result *in, const char *what, const char *error)
{
	unsigned char *frame;
	size_t body_len = result_frame(in, &frame);

	expect_body_refused(frame + WIRE_HEADER_SIZE, body_len, what, error);
	g_free(frame);
}

static const char job_raw[] = "From: a@b\r\n\r\n申请\0tail";
static char *job_own[] = { "ysqgk@example.gov.cn", "fax@example.gov.cn", NULL };

/* A job with every field set: the round trip's, and the fuzz seed's. */
static struct wire_job
job_example(void)
{
	return (struct wire_job){
		.raw = (const unsigned char *)job_raw,
		.raw_len = sizeof(job_raw),
		.limits = { 25u << 20, 50, 1000, 20u << 20, 50u << 20 },
		.today = "2026-12-04",
		.sender_is_contact = true,
		.own_addresses = job_own,
		.channel = CONFIG_CHANNEL_FAX,
		.ocr_max_pages = 12,
		.ocr_workers = 2,
		.fax_from = "^传真服务",
		.fax_subject = "^\\[FAX\\]",
		.mailbox_received_at = INT64_C(1795564800),
		.tz_offset = -5 * 3600,
	};
}

static void
test_job_round_trip(void **state)
{
	struct wire_job in = job_example(), out;
	unsigned char *frame;

	(void)state;
	assert_int_equal(job_round_trip(&in, 0, &out, &frame), 0);
	assert_int_equal(out.mailbox_received_at, INT64_C(1795564800));
	assert_int_equal(out.tz_offset, -5 * 3600);
	assert_int_equal(out.raw_len, sizeof(job_raw));
	assert_memory_equal(out.raw, job_raw, sizeof(job_raw));
	assert_memory_equal(&out.limits, &in.limits, sizeof(in.limits));
	assert_string_equal(out.today, "2026-12-04");
	assert_true(out.sender_is_contact);
	assert_non_null(out.own_addresses);
	assert_string_equal(out.own_addresses[0], job_own[0]);
	assert_string_equal(out.own_addresses[1], job_own[1]);
	assert_null(out.own_addresses[2]);
	assert_int_equal(out.channel, CONFIG_CHANNEL_FAX);
	assert_int_equal(out.ocr_max_pages, 12);
	assert_int_equal(out.ocr_workers, 2);
	assert_string_equal(out.fax_from, "^传真服务");
	assert_string_equal(out.fax_subject, "^\\[FAX\\]");
	wire_job_clear(&out);
	g_free(frame);
}

static void
test_result_round_trip(void **state)
{
	struct extract_record rec = {
		.kind = EXTRACT_KIND_APPLICATION,
		.applicant_kind = EXTRACT_APPLICANT_ORGANISATION,
		.id_type = EXTRACT_ID_USCC,
		.delivery = EXTRACT_DELIVERY_POST,
		.medium = EXTRACT_MEDIUM_PAPER,
		.missing = EXTRACT_ELEM_DATE | EXTRACT_ELEM_SIGNATURE,
		.invalid = EXTRACT_INVALID_PHONE,
		.signature_present = false,
		.date = "2026-11-20",
		.verdict = EXTRACT_VERDICT_REVIEW,
	};
	char *problems[] = { "bad charset", "deep nesting", NULL };
	char *refs[] = { "parent@x", "grand@x", NULL };
	char *autoh[] = { "Auto-Submitted: no", "List-Id: <l.x>", NULL };
	struct wire_result in = {
		.auto_headers = autoh, .n_auto_headers = 2,
		.message_id = "id@x", .from_addr = "a@b", .subject = "申请",
		.received_header = 1764057600,
		.problems = problems, .n_problems = 2, .rec = &rec,
		.references = refs, .n_references = 2,
	}, out;
	unsigned i = 0;

	(void)state;
	/* Every string field gets a distinct value, so a swapped tag shows. */
#define FILL(field, ...) rec.field = g_strdup_printf("值%u-" #field, i++);
	EXTRACT_RECORD_STRINGS(FILL)
#undef FILL
	rec.info[EXTRACT_FIELD_NAME] = (struct extract_field_info){
		EXTRACT_SRC_LABEL, EXTRACT_CONF_HIGH, g_strdup("form-label"),
		g_strdup("姓名：张三"), 3 };
	rec.info[EXTRACT_FIELD_MEDIUM] = (struct extract_field_info){
		EXTRACT_SRC_INFERRED, EXTRACT_CONF_LOW, NULL, NULL, 0 };
	result_round_trip(&in, &out);
	assert_string_equal(out.message_id, "id@x");
	assert_string_equal(out.from_addr, "a@b");
	assert_string_equal(out.subject, "申请");
	assert_int_equal(out.received_header, 1764057600);
	assert_int_equal(out.n_problems, 2);
	assert_string_equal(out.problems[1], "deep nesting");
	assert_int_equal(out.n_references, 2);
	assert_string_equal(out.references[0], "parent@x");
	assert_string_equal(out.references[1], "grand@x");
	assert_null(out.references[2]);
	assert_int_equal(out.n_auto_headers, 2);
	assert_string_equal(out.auto_headers[1], "List-Id: <l.x>");
	assert_null(out.auto_headers[2]);
	assert_null(out.parse_error);
	assert_non_null(out.rec);
	assert_int_equal(out.rec->kind, rec.kind);
	assert_int_equal(out.rec->applicant_kind, rec.applicant_kind);
	assert_int_equal(out.rec->id_type, rec.id_type);
	assert_int_equal(out.rec->delivery, rec.delivery);
	assert_int_equal(out.rec->medium, rec.medium);
	assert_int_equal(out.rec->missing, rec.missing);
	assert_int_equal(out.rec->invalid, rec.invalid);
	assert_false(out.rec->signature_present);
	assert_string_equal(out.rec->date, "2026-11-20");
	assert_int_equal(out.rec->verdict, EXTRACT_VERDICT_REVIEW);
	for (size_t f = 0; f < EXTRACT_FIELD_COUNT; f++) {
		const struct extract_field_info *a = &rec.info[f], *b = &out.rec->info[f];

		assert_int_equal(b->source, a->source);
		assert_int_equal(b->confidence, a->confidence);
		assert_int_equal(b->line_no, a->line_no);
		if (a->rule != NULL)
			assert_string_equal(b->rule, a->rule);
		else
			assert_null(b->rule);
		if (a->line != NULL)
			assert_string_equal(b->line, a->line);
		else
			assert_null(b->line);
	}
#define SAME(field, ...) assert_string_equal(out.rec->field, rec.field);
	EXTRACT_RECORD_STRINGS(SAME)
#undef SAME
	wire_result_clear(&out);
	extract_record_clear(&rec);
}

static void
test_result_unparsed(void **state)
{
	struct wire_result in = { .parse_error = "not a MIME message" }, out;

	(void)state;
	result_round_trip(&in, &out);
	assert_string_equal(out.parse_error, "not a MIME message");
	assert_null(out.rec);
	assert_null(out.subject);
	wire_result_clear(&out);
}

/* A message whose newest Received: header is dated before 1970 (MIME
 * gives its time, negative): the worker's answer crosses, with no header
 * time, instead of being refused as garbage and the message held
 * unparsed. */
static void
test_result_received_before_epoch(void **state)
{
	static const int64_t before[] = { -1, -43200, INT64_MIN };

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(before); i++) {
		struct extract_record rec = { .kind = EXTRACT_KIND_APPLICATION };
		struct wire_result in = { .received_header = before[i],
					  .rec = &rec }, out;

		result_round_trip(&in, &out);
		if (out.received_header != 0)
			fail_msg("header %lld crossed as %lld", (long long)before[i],
				 (long long)out.received_header);
		wire_result_clear(&out);
	}
}

/* A PNG's signature and a little: the decoder checks the signature only
 * (the daemon never decodes the image, a clerk's viewer does). */
static const unsigned char page_png[] = {
	0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
};

/* Page n (from 1) of a fax as OCR read it, owning its strings. */
static void
page_fill(struct wire_ocr_page *pg, unsigned n)
{
	static const char *const words[] = { "姓名", "张三", "身份证号" };

	*pg = (struct wire_ocr_page){
		.number = n, .width = 1728, .height = 2292, .src_xres = 204,
		.src_yres = 98, .skew_deg = -0.85, .mean_conf = 81,
		.text = g_strdup_printf("第%u页\n姓名 张三", n),
		.signature = WIRE_MARK_PRESENT,
	};
	pg->n_words = G_N_ELEMENTS(words);
	pg->words = g_new0(struct wire_ocr_word, pg->n_words);
	for (unsigned i = 0; i < pg->n_words; i++)
		pg->words[i] = (struct wire_ocr_word){
			.text = g_strdup(words[i]), .conf = 90 + i, .line = i / 2,
			.x0 = 100 * i, .y0 = 50, .x1 = 100 * i + 80, .y1 = 90,
		};
	pg->n_boxes = 2;
	pg->boxes = g_new0(struct wire_ocr_box, 2);
	pg->boxes[0] = (struct wire_ocr_box){ g_strdup("电子邮件"), WIRE_MARK_PRESENT };
	pg->boxes[1] = (struct wire_ocr_box){ g_strdup("传真"), WIRE_MARK_ABSENT };
	/* 张三 was read in the frame under 姓名, 身份证号 in none. */
	pg->n_cells = 2;
	pg->cells = g_new0(struct wire_ocr_cell, 2);
	pg->cells[0] = (struct wire_ocr_cell){ g_strdup("姓名"), 90, 40, 400, 100 };
	pg->cells[1] = (struct wire_ocr_cell){ g_strdup(""), 90, 120, 1600, 400 };
	pg->words[1].cell = 1;
	pg->png = g_memdup2(page_png, sizeof(page_png));
	pg->png_len = sizeof(page_png);
}

static void
test_pages_round_trip(void **state)
{
	struct extract_record rec = { .kind = EXTRACT_KIND_APPLICATION };
	struct wire_ocr_page pages[2];
	struct wire_result in = { .rec = &rec, .pages = pages, .n_pages = 2 }, out;

	(void)state;
	page_fill(&pages[0], 1);
	page_fill(&pages[1], 3);
	g_clear_pointer(&pages[1].png, g_free);
	pages[1].png_len = 0;
	pages[1].skew_deg = 1.0;
	pages[1].signature = WIRE_MARK_UNKNOWN;
	/* A phone's JPEG often states no resolution (ocr.h: 0). */
	pages[1].src_xres = pages[1].src_yres = 0;
	result_round_trip(&in, &out);
	assert_int_equal(out.n_pages, 2);
	for (size_t i = 0; i < 2; i++) {
		const struct wire_ocr_page *a = &pages[i], *b = &out.pages[i];

		assert_int_equal(b->number, a->number);
		assert_int_equal(b->width, a->width);
		assert_int_equal(b->height, a->height);
		assert_int_equal(b->src_xres, a->src_xres);
		assert_int_equal(b->src_yres, a->src_yres);
		assert_true(b->skew_deg > a->skew_deg - 0.0005 &&
			    b->skew_deg < a->skew_deg + 0.0005);
		assert_int_equal(b->mean_conf, a->mean_conf);
		assert_string_equal(b->text, a->text);
		assert_int_equal(b->signature, a->signature);
		/* The worker's alone (wire.h). */
		assert_int_equal(b->n_words, 0);
		assert_null(b->words);
		assert_int_equal(b->n_boxes, 0);
		assert_null(b->boxes);
		assert_int_equal(b->n_cells, 0);
		assert_null(b->cells);
		assert_int_equal(b->png_len, a->png_len);
		if (a->png != NULL)
			assert_memory_equal(b->png, a->png, a->png_len);
		else
			assert_null(b->png);
	}
	wire_result_clear(&out);
	for (size_t i = 0; i < 2; i++)
		wire_ocr_page_clear(&pages[i]);
}

/* Pages a broken or compromised worker might send, each made from good
 * ones by one change; the whole answer is refused. */
static void page_no_number(struct wire_result *r) { r->pages[0].number = 0; }
static void page_same_number(struct wire_result *r) { r->pages[1].number = 1; }
static void page_mean_over(struct wire_result *r) { r->pages[0].mean_conf = 101; }
static void page_text_not_utf8(struct wire_result *r) { r->pages[1].text[0] = '\xc3'; }
static void page_zero_width(struct wire_result *r) { r->pages[0].width = 0; }
static void page_huge(struct wire_result *r) { r->pages[0].height = WIRE_MAX_OCR_PIXELS + 1; }
static void page_dpi_over(struct wire_result *r) { r->pages[1].src_yres = WIRE_MAX_OCR_DPI + 1; }
static void page_skewed(struct wire_result *r) { r->pages[0].skew_deg = -46; }
static void page_bad_mark(struct wire_result *r) { r->pages[0].signature = WIRE_MARK_COUNT; }
static void page_not_png(struct wire_result *r) { r->pages[0].png[1] = 'J'; }
static void page_big_png(struct wire_result *r)
{
	r->pages[0].png = g_realloc(r->pages[0].png, WIRE_MAX_OCR_PNG + 1);
	r->pages[0].png_len = WIRE_MAX_OCR_PNG + 1;
}
static void page_without_record(struct wire_result *r)
{
	extract_record_free(r->rec);
	r->rec = NULL;
	r->parse_error = g_strdup("not mail");
}
static void page_too_many(struct wire_result *r)
{
	r->pages = g_renew(struct wire_ocr_page, r->pages, WIRE_MAX_OCR_PAGES + 1);
	for (unsigned i = 2; i <= WIRE_MAX_OCR_PAGES; i++)
		page_fill(&r->pages[i], i + 1);
	r->n_pages = WIRE_MAX_OCR_PAGES + 1;
}
static void page_images_over(struct wire_result *r)
{
	size_t each = WIRE_MAX_OCR_PNG;

	page_too_many(r);
	r->n_pages = WIRE_MAX_OCR_IMAGES / each + 1;
	for (size_t i = r->n_pages; i <= WIRE_MAX_OCR_PAGES; i++)
		wire_ocr_page_clear(&r->pages[i]);
	for (size_t i = 0; i < r->n_pages; i++) {
		r->pages[i].png = g_realloc(r->pages[i].png, each);
		r->pages[i].png_len = each;
	}
}

static void
test_hostile_pages(void **state)
{
	static const struct {
		const char *what;
		void (*spoil)(struct wire_result *r);
		const char *error;   /* part of the decoder's message */
	} cases[] = {
		{ "page number 0", page_no_number, "page numbers out of order" },
		{ "page numbers not increasing", page_same_number,
		  "page numbers out of order" },
		{ "mean confidence over 100", page_mean_over, "field 4 out of range" },
		{ "page text not UTF-8", page_text_not_utf8, "field 5 is not UTF-8" },
		{ "page of no width", page_zero_width, "geometry out of range" },
		{ "page taller than any paper", page_huge, "geometry out of range" },
		{ "page over the resolution bound", page_dpi_over,
		  "geometry out of range" },
		{ "skew beyond any deskew", page_skewed, "field 3 out of range" },
		{ "signature mark out of range", page_bad_mark, "bad signature mark" },
		{ "image not a PNG", page_not_png, "not a PNG" },
		{ "image over its bound", page_big_png, "not a PNG within" },
		{ "pages of a message not parsed", page_without_record,
		  "OCR pages without a record" },
		{ "more pages than any job asks for", page_too_many,
		  "more than 64 pages" },
		{ "images together over their bound", page_images_over,
		  "page images over" },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct wire_result in = { 0 };

		in.rec = g_new0(struct extract_record, 1);
		in.pages = g_new0(struct wire_ocr_page, 2);
		in.n_pages = 2;
		page_fill(&in.pages[0], 1);
		page_fill(&in.pages[1], 2);
		cases[i].spoil(&in);
		expect_refused(&in, cases[i].what, cases[i].error);
		wire_result_clear(&in);
	}
}

/* A page of a number alone, no geometry: once taken with a width of 0,
 * which the encoder then wrote and the decoder refused (fuzz_wire's
 * finding, its bytes as found). */
static void
test_page_without_geometry(void **state)
{
	static const char found[] = "IAgAAAADAAAAAAAAAD8NAAAAAQgAAAADAAAAAAAAAA==";
	gsize len;
	guchar *body = g_base64_decode(found, &len);

	(void)state;
	expect_body_refused(body, len, "a page without geometry",
			    "page 3 without its geometry");
	g_free(body);
}

/* A page's words, check boxes and cells stay in the worker (wire.h): the
 * frame of a page that has them is the frame of the page without. */
static void
test_page_words_stay(void **state)
{
	struct wire_result in = { 0 };
	unsigned char *with, *without;
	size_t with_len, without_len;
	struct wire_ocr_page *pg;
	size_t n_words, n_boxes, n_cells;

	(void)state;
	in.rec = g_new0(struct extract_record, 1);
	in.pages = g_new0(struct wire_ocr_page, 1);
	in.n_pages = 1;
	pg = &in.pages[0];
	page_fill(pg, 1);
	assert_true(pg->n_words > 0 && pg->n_boxes > 0 && pg->n_cells > 0);
	wire_result_encode(&in, &with, &with_len);
	n_words = pg->n_words, n_boxes = pg->n_boxes, n_cells = pg->n_cells;
	pg->n_words = pg->n_boxes = pg->n_cells = 0;
	wire_result_encode(&in, &without, &without_len);
	pg->n_words = n_words, pg->n_boxes = n_boxes, pg->n_cells = n_cells;
	assert_int_equal(with_len, without_len);
	assert_memory_equal(with, without, with_len);
	g_free(with);
	g_free(without);
	wire_result_clear(&in);
}

/* A hostile body: fields written by hand as the worker might if it were
 * compromised or broken. */
struct hostile {
	const char *what;
	const char *body;  /* hex, spaces ignored */
	const char *error; /* part of the decoder's message: the fault
	                      refused is the one the case is about */
};

/* Tags as in wire.c's enum: 16 message id, 20 problem, 21 parse error,
 * 32 record kind, 33 applicant kind, 37 missing, 40 date, 41 verdict,
 * 22 reference, 63 OCR page, 64+ strings, 100+ provenance; inside a page
 * 1 number, 2 geometry, 4 mean confidence, and 6, 8, 10 a word, a check
 * box and a cell as version 5 wrote them. */
static const struct hostile hostile_results[] = {
	{ "empty body: neither record nor error", "",
	  "neither a record nor a parse error" },
	{ "truncated field header", "15 03 00", "truncated field header" },
	{ "length overruns the body", "15 09 00 00 00 61 62",
	  "field 21 overruns the body" },
	{ "unknown tag", "7f 01 00 00 00 61  15 01 00 00 00 65", "unknown field 127" },
	{ "tag zero", "00 01 00 00 00 61  15 01 00 00 00 65", "unknown field 0" },
	{ "tag past the end", "ff 01 00 00 00 61  15 01 00 00 00 65",
	  "unknown field 255" },
	{ "scalar field repeated", "15 01 00 00 00 65  15 01 00 00 00 65",
	  "field 21 repeated" },
	{ "NUL inside a string", "15 03 00 00 00 61 00 62", "field 21 is not UTF-8" },
	{ "invalid UTF-8", "15 02 00 00 00 c3 28", "field 21 is not UTF-8" },
	{ "kind out of range",
	  "20 08 00 00 00 63 00 00 00 00 00 00 00",
	  "field 32 out of range" },
	{ "applicant kind out of range",
	  "20 08 00 00 00 00 00 00 00 00 00 00 00"
	  " 21 08 00 00 00 09 00 00 00 00 00 00 00",
	  "field 33 out of range" },
	{ "missing bits beyond the known elements",
	  "20 08 00 00 00 00 00 00 00 00 00 00 00"
	  " 25 08 00 00 00 80 00 00 00 00 00 00 00",
	  "field 37 out of range" },
	{ "number of the wrong width", "20 04 00 00 00 00 00 00 00",
	  "field 32 is not a number" },
	{ "record fields without a kind",
	  "21 08 00 00 00 01 00 00 00 00 00 00 00",
	  "record fields without a kind" },
	{ "application date too long",
	  "20 08 00 00 00 00 00 00 00 00 00 00 00"
	  " 28 0b 00 00 00 32 30 32 36 2d 31 31 2d 32 30 30",
	  "bad application date" },
	{ "both a record and a parse error",
	  "20 08 00 00 00 00 00 00 00 00 00 00 00  15 01 00 00 00 65",
	  "both a record and a parse error" },
	{ "string index past the last field",
	  "20 08 00 00 00 00 00 00 00 00 00 00 00  7e 01 00 00 00 61",
	  "unknown field 126" },
	{ "verdict out of range",
	  "20 08 00 00 00 00 00 00 00 00 00 00 00"
	  " 29 08 00 00 00 04 00 00 00 00 00 00 00",
	  "field 41 out of range" },
	{ "provenance shorter than its head",
	  "20 08 00 00 00 00 00 00 00 00 00 00 00  64 05 00 00 00 01 01 00 00 00",
	  "bad provenance field 100" },
	{ "provenance source out of range",
	  "20 08 00 00 00 00 00 00 00 00 00 00 00"
	  " 64 0a 00 00 00 07 01 00 00 00 00 00 00 00 00",
	  "bad provenance field 100" },
	{ "provenance confidence out of range",
	  "20 08 00 00 00 00 00 00 00 00 00 00 00"
	  " 64 0a 00 00 00 01 03 00 00 00 00 00 00 00 00",
	  "bad provenance field 100" },
	{ "provenance rule length past the field",
	  "20 08 00 00 00 00 00 00 00 00 00 00 00"
	  " 64 0b 00 00 00 01 01 00 00 00 00 05 00 00 00 61",
	  "bad provenance field 100" },
	{ "provenance line not UTF-8",
	  "20 08 00 00 00 00 00 00 00 00 00 00 00"
	  " 64 0c 00 00 00 01 01 00 00 00 00 00 00 00 00 c3 28",
	  "bad provenance field 100" },
	{ "an empty reference",
	  "15 01 00 00 00 65  16 00 00 00 00",
	  "reference of 0 bytes" },
	{ "a reference longer than any Message-ID",
	  "15 01 00 00 00 65  16 fb 00 00 00 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61",
	  "reference of 251 bytes" },
	{ "page field before the page's geometry",
	  "20 08 00 00 00 00 00 00 00 00 00 00 00"
	  " 3f 1a 00 00 00 01 08 00 00 00 01 00 00 00 00 00 00 00"
	  " 04 08 00 00 00 32 00 00 00 00 00 00 00",
	  "page field 4 out of place" },
	{ "unknown page field",
	  "20 08 00 00 00 00 00 00 00 00 00 00 00"
	  " 3f 27 00 00 00 01 08 00 00 00 01 00 00 00 00 00 00 00"
	  " 02 10 00 00 00 10 00 00 00 10 00 00 00 cc 00 00 00 c4 00 00 00"
	  " 7f 00 00 00 00",
	  "page field 127 out of place" },
	{ "page field repeated",
	  "20 08 00 00 00 00 00 00 00 00 00 00 00"
	  " 3f 35 00 00 00 01 08 00 00 00 01 00 00 00 00 00 00 00"
	  " 02 10 00 00 00 10 00 00 00 10 00 00 00 cc 00 00 00 c4 00 00 00"
	  " 04 08 00 00 00 32 00 00 00 00 00 00 00 04 01 00 00 00 00",
	  "field 4 repeated" },
	{ "a word of a page (version 5's, kept in the worker since 6)",
	  "20 08 00 00 00 00 00 00 00 00 00 00 00"
	  " 3f 41 00 00 00 01 08 00 00 00 01 00 00 00 00 00 00 00"
	  " 02 10 00 00 00 10 00 00 00 10 00 00 00 cc 00 00 00 c4 00 00 00"
	  " 06 1a 00 00 00 32 00 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00 01 00 00 00 00 00 00 00 61",
	  "unknown page field 6" },
	{ "a check box of a page (kept in the worker)",
	  "20 08 00 00 00 00 00 00 00 00 00 00 00"
	  " 3f 29 00 00 00 01 08 00 00 00 01 00 00 00 00 00 00 00"
	  " 02 10 00 00 00 10 00 00 00 10 00 00 00 cc 00 00 00 c4 00 00 00"
	  " 08 02 00 00 00 02 61",
	  "unknown page field 8" },
	{ "a framed cell of a page (kept in the worker)",
	  "20 08 00 00 00 00 00 00 00 00 00 00 00"
	  " 3f 38 00 00 00 01 08 00 00 00 01 00 00 00 00 00 00 00"
	  " 02 10 00 00 00 10 00 00 00 10 00 00 00 cc 00 00 00 c4 00 00 00"
	  " 0a 11 00 00 00 00 00 00 00 00 00 00 00 02 00 00 00 02 00 00 00 62",
	  "unknown page field 10" },
	{ "page truncated inside",
	  "20 08 00 00 00 00 00 00 00 00 00 00 00"
	  " 3f 08 00 00 00 01 08 00 00 00 01 00 00",
	  "field 1 overruns the body" },
	{ "provenance repeated",
	  "20 08 00 00 00 00 00 00 00 00 00 00 00"
	  " 64 0a 00 00 00 01 01 00 00 00 00 00 00 00 00"
	  " 64 0a 00 00 00 01 01 00 00 00 00 00 00 00 00",
	  "field 100 repeated" },
};

static GByteArray *
unhex(const char *hex)
{
	GByteArray *b = g_byte_array_new();

	for (const char *p = hex; *p != '\0';) {
		guint8 v;

		if (*p == ' ') {
			p++;
			continue;
		}
		v = (guint8)(g_ascii_xdigit_value(p[0]) << 4 | g_ascii_xdigit_value(p[1]));
		g_byte_array_append(b, &v, 1);
		p += 2;
	}
	return b;
}

static void
test_hostile_results(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(hostile_results); i++) {
		GByteArray *b = unhex(hostile_results[i].body);

		expect_body_refused(b->data, b->len, hostile_results[i].what,
				    hostile_results[i].error);
		g_byte_array_free(b, TRUE);
	}
}

/* The lists of an answer a worker may send: no endless thread for the
 * daemon to keep, and only the automatic-mail headers the decision reads,
 * a bounded number, each bounded.  Each spoils an unparsed answer. */
static void
list_fill(char ***list_r, size_t *n_r, size_t n, const char *line)
{
	*list_r = g_new0(char *, n + 1);
	for (size_t i = 0; i < n; i++)
		(*list_r)[i] = g_strdup(line);
	*n_r = n;
}
static void list_references_over(struct wire_result *r)
{
	list_fill(&r->references, &r->n_references, WIRE_MAX_REFERENCES + 1, "r@x");
}
static void list_header_not_read(struct wire_result *r)
{
	list_fill(&r->auto_headers, &r->n_auto_headers, 1, "Subject: x");
}
static void list_header_no_colon(struct wire_result *r)
{
	list_fill(&r->auto_headers, &r->n_auto_headers, 1, "Auto-Submitted no");
}
static void list_headers_over(struct wire_result *r)
{
	list_fill(&r->auto_headers, &r->n_auto_headers, AUTOREPLY_MAX_HEADERS + 1,
		  "Precedence: bulk");
}
static void list_header_long(struct wire_result *r)
{
	char *line = g_strnfill(AUTOREPLY_HEADER_MAX + 1, 'a');

	memcpy(line, "List-Id: ", 9);
	list_fill(&r->auto_headers, &r->n_auto_headers, 1, line);
	g_free(line);
}

static void
test_hostile_lists(void **state)
{
	static const struct {
		const char *what;
		void (*spoil)(struct wire_result *r);
		const char *error;
	} cases[] = {
		{ "more references than a thread is followed", list_references_over,
		  "references" },
		{ "a header the decision does not read", list_header_not_read,
		  "not an automatic-mail header" },
		{ "no colon", list_header_no_colon, "not an automatic-mail header" },
		{ "too many", list_headers_over,
		  "too many or too long automatic-mail headers" },
		{ "too long", list_header_long,
		  "too many or too long automatic-mail headers" },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct wire_result in = { .parse_error = g_strdup("x") };

		cases[i].spoil(&in);
		expect_refused(&in, cases[i].what, cases[i].error);
		wire_result_clear(&in);
	}
}

static void
test_hostile_headers(void **state)
{
	static const struct {
		const char *what;
		unsigned char hdr[WIRE_HEADER_SIZE];
		const char *error;
	} cases[] = {
		{ "wrong magic", { 'O', 'G', 'X', '1', 0, 0, 0, 0 },
		  "bad magic or version" },
		{ "wrong version (1: before delivery reports)",
		  { 'O', 'G', 'W', '1', 0, 0, 0, 0 },
	  "bad magic or version" },
		{ "wrong version (2: before the automatic-mail headers)",
		  { 'O', 'G', 'W', '2', 0, 0, 0, 0 },
	  "bad magic or version" },
		{ "wrong version (3: before OCR pages)",
		  { 'O', 'G', 'W', '3', 0, 0, 0, 0 },
	  "bad magic or version" },
		{ "wrong version (4: before form cells)",
		  { 'O', 'G', 'W', '4', 0, 0, 0, 0 },
	  "bad magic or version" },
		{ "wrong version (5: words, boxes and cells crossed)",
		  { 'O', 'G', 'W', '5', 0, 0, 0, 0 },
	  "bad magic or version" },
		{ "wrong version (6: before the mailbox's receipt time)",
		  { 'O', 'G', 'W', '6', 0, 0, 0, 0 },
	  "bad magic or version" },
		{ "body over the limit", { 'O', 'G', 'W', '7', 0xff, 0xff, 0xff, 0xff },
		  "exceeds" },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct ogi_error err = { 0 };
		size_t len = 0;

		if (wire_header_decode(cases[i].hdr, WIRE_MAX_META, &len, &err) != -1)
			fail_msg("accepted: %s", cases[i].what);
		expect_error(&err, cases[i].what, cases[i].error);
	}
}

static void
test_job_requires_message(void **state)
{
	struct wire_job in = { .today = "2026-12-04" }, out;
	unsigned char *frame;

	(void)state;
	/* raw == NULL encodes an empty RAW field, the last one: without it a
	 * job is refused. */
	assert_int_equal(job_round_trip(&in, 5, &out, &frame), -1);
	g_free(frame);
}

/* The fuzz seed for jobs (fuzz/seeds/wire/job.bin) is job_example's body
 * as this wire version encodes it, so it decodes and fuzz_wire starts
 * from a job with every field.  A wire change that moves it fails here;
 * OGI_WIRE_WRITE_SEED=1 tests/unit/test_wire writes it anew. */
static void
test_job_seed(void **state)
{
	const char *path = OGI_SRCDIR "/fuzz/seeds/wire/job.bin";
	struct wire_job in = job_example(), out;
	struct ogi_error err = { 0 };
	unsigned char *frame;
	gchar *seed = NULL;
	gsize seed_len = 0;
	size_t len;

	(void)state;
	wire_job_encode(&in, &frame, &len);
	if (g_getenv("OGI_WIRE_WRITE_SEED") != NULL)
		assert_true(g_file_set_contents(path, (const gchar *)frame +
						WIRE_HEADER_SIZE,
						(gssize)(len - WIRE_HEADER_SIZE),
						NULL));
	assert_true(g_file_get_contents(path, &seed, &seed_len, NULL));
	if (wire_job_decode((const unsigned char *)seed, seed_len, &out, &err) != 0)
		fail_msg("%s: %s", path, err.msg);
	wire_job_clear(&out);
	assert_int_equal(seed_len, len - WIRE_HEADER_SIZE);
	assert_memory_equal(seed, frame + WIRE_HEADER_SIZE, seed_len);
	g_free(seed);
	g_free(frame);
}

/* A receipt the worker cannot use (wire 7) is refused, the job whole:
 * one row per check wire_job_decode makes. */
static void
test_job_receipt_refused(void **state)
{
	static const char raw[] = "From: a@b\r\n\r\n";
	static const struct {
		const char *what;
		int64_t at;
		int32_t offset;
	} encoded[] = {
		{ "a mailbox time before the epoch", -43200, 8 * 3600 },
		{ "an offset east of any zone", 1795564800, WIRE_MAX_TZ_OFFSET + 1 },
		{ "an offset west of any zone", 1795564800, -WIRE_MAX_TZ_OFFSET - 1 },
	};
	/* Tag 11 (WIRE_T_RECEIPT), then a length other than its 12 bytes. */
	static const struct {
		const char *what;
		unsigned char body[5 + 13];
		size_t len;
	} bodies[] = {
		{ "a receipt one byte short", { 11, 11, 0, 0, 0 }, 5 + 11 },
		{ "a receipt one byte long", { 11, 13, 0, 0, 0 }, 5 + 13 },
		{ "an empty receipt", { 11, 0, 0, 0, 0 }, 5 },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(encoded); i++) {
		struct wire_job in = {
			.raw = (const unsigned char *)raw, .raw_len = sizeof(raw),
			.today = "2026-12-04", .ocr_max_pages = 12,
			.ocr_workers = 1,
			.mailbox_received_at = encoded[i].at,
			.tz_offset = encoded[i].offset,
		}, out;
		struct ogi_error err = { 0 };
		unsigned char *frame;
		size_t len;

		wire_job_encode(&in, &frame, &len);
		if (wire_job_decode(frame + WIRE_HEADER_SIZE, len - WIRE_HEADER_SIZE,
				    &out, &err) != -1)
			fail_msg("accepted: %s", encoded[i].what);
		expect_error(&err, encoded[i].what, "bad receipt");
		g_free(frame);
	}
	for (size_t i = 0; i < G_N_ELEMENTS(bodies); i++) {
		struct ogi_error err = { 0 };
		struct wire_job out;

		if (wire_job_decode(bodies[i].body, bodies[i].len, &out, &err) != -1)
			fail_msg("accepted: %s", bodies[i].what);
		expect_error(&err, bodies[i].what, "bad receipt");
	}
}

/* A Received: header's time is believed over the mailbox's up to a day
 * after it, however long before it (a Maildir copied without its times
 * is dated after the arrival), and never when there is none. */
static void
test_received_header_believed(void **state)
{
	static const int64_t at = 1795564800;   /* 2026-11-25T00:00:00Z */
	static const struct {
		const char *what;
		int64_t mailbox_at, header_at;
		bool believed;
	} rows[] = {
		{ "the mailbox's own time", at, at, true },
		{ "a day after it, at the limit", at,
		  at + WIRE_RECEIVED_HEADER_SLACK, true },
		{ "a second past the limit", at,
		  at + WIRE_RECEIVED_HEADER_SLACK + 1, false },
		{ "a second before the mailbox's time", at, at - 1, true },
		{ "a month before it", at, at - 30 * 86400, true },
		{ "no header", at, 0, false },
		{ "the first second after the epoch", at, 1, true },
		{ "a header dated before the epoch", at, -1, false },
		{ "a mailbox time at the epoch's first second, a header a day "
		  "after", 1, 1 + WIRE_RECEIVED_HEADER_SLACK, true },
		{ "a mailbox time at the epoch's first second, a header a day "
		  "and a second after", 1, 2 + WIRE_RECEIVED_HEADER_SLACK, false },
		/* wire_job_decode takes any mailbox time from 0 on: the
		 * limit above the last one is no overflow. */
		{ "the last mailbox time a job carries", INT64_MAX, at, true },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(rows); i++)
		if (wire_received_header_believed(rows[i].mailbox_at,
						  rows[i].header_at) !=
		    rows[i].believed)
			fail_msg("%s: believed %d, want %d", rows[i].what,
				 !rows[i].believed, rows[i].believed);
}

/* The fax a gateway mailed crosses whole, and only as fax.c gives it. */
static void
fax_record(struct extract_record *rec, struct wire_result *res)
{
	memset(rec, 0, sizeof(*rec));
	memset(res, 0, sizeof(*res));
	rec->kind = EXTRACT_KIND_APPLICATION;
	rec->incoming_fax = (struct extract_fax){
		.is_fax = true, .style = EXTRACT_FAX_STYLE_HYLAFAX,
		.csid = g_strdup("0475 8123456"), .caller = g_strdup("04758123456"),
		.pages = 3, .received = 1796433153,
		.quality = EXTRACT_FAX_QUALITY_FINE,
	};
	res->rec = rec;
}

static void
test_fax_round_trip(void **state)
{
	struct extract_record rec;
	struct wire_result in, out;

	(void)state;
	fax_record(&rec, &in);
	result_round_trip(&in, &out);
	assert_true(out.rec->incoming_fax.is_fax);
	assert_int_equal(out.rec->incoming_fax.style, EXTRACT_FAX_STYLE_HYLAFAX);
	assert_string_equal(out.rec->incoming_fax.csid, "0475 8123456");
	assert_string_equal(out.rec->incoming_fax.caller, "04758123456");
	assert_int_equal(out.rec->incoming_fax.pages, 3);
	assert_int_equal(out.rec->incoming_fax.received, 1796433153);
	assert_int_equal(out.rec->incoming_fax.quality, EXTRACT_FAX_QUALITY_FINE);
	wire_result_clear(&out);
	extract_record_clear(&rec);
	/* No fax: nothing of one on the wire. */
	memset(&rec, 0, sizeof(rec));
	in.rec = &rec;
	result_round_trip(&in, &out);
	assert_false(out.rec->incoming_fax.is_fax);
	assert_null(out.rec->incoming_fax.caller);
	wire_result_clear(&out);
}

static void fax_no_style(struct extract_fax *f) { f->style = EXTRACT_FAX_STYLE_NONE; }
static void fax_bad_style(struct extract_fax *f) { f->style = EXTRACT_FAX_STYLE_COUNT; }
static void fax_bad_quality(struct extract_fax *f) { f->quality = EXTRACT_FAX_QUALITY_COUNT; }
static void fax_pages_over(struct extract_fax *f) { f->pages = EXTRACT_FAX_MAX_PAGES + 1; }
static void fax_extension(struct extract_fax *f) { strcpy(f->caller, "8001"); }
static void fax_caller_as_written(struct extract_fax *f) { strcpy(f->caller, "0475-81234"); }
static void fax_csid_newline(struct extract_fax *f) { f->csid[4] = '\n'; }
static void fax_csid_long(struct extract_fax *f)
{
	g_free(f->csid);
	f->csid = g_strnfill(EXTRACT_FAX_CSID_MAX_CHARS + 1, 'A');
}
static void fax_csid_not_utf8(struct extract_fax *f) { f->csid[0] = '\xff'; }
static void fax_after_9999(struct extract_fax *f) { f->received = EXTRACT_FAX_RECEIVED_MAX + 1; }

static void
test_hostile_fax(void **state)
{
	static const struct {
		const char *what;
		void (*spoil)(struct extract_fax *f);
		const char *error;
	} cases[] = {
		{ "a fax of no style", fax_no_style, "a fax of no style" },
		{ "style out of range", fax_bad_style, "field 48 out of range" },
		{ "quality out of range", fax_bad_quality, "field 49 out of range" },
		{ "more pages than any fax", fax_pages_over, "field 50 out of range" },
		{ "an internal extension as caller", fax_extension,
		  "bad fax field 53" },
		{ "a caller not normalised", fax_caller_as_written,
		  "bad fax field 53" },
		{ "a line break in the CSID", fax_csid_newline, "bad fax field 52" },
		{ "a CSID over its bound", fax_csid_long, "bad fax field 52" },
		{ "a CSID not UTF-8", fax_csid_not_utf8, "field 52 is not UTF-8" },
		{ "a time no date can show", fax_after_9999, "field 51 out of range" },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		struct extract_record rec;
		struct wire_result in;

		fax_record(&rec, &in);
		cases[i].spoil(&rec.incoming_fax);
		expect_refused(&in, cases[i].what, cases[i].error);
		extract_record_clear(&rec);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_job_round_trip),
		cmocka_unit_test(test_job_receipt_refused),
		cmocka_unit_test(test_received_header_believed),
		cmocka_unit_test(test_job_seed),
		cmocka_unit_test(test_result_round_trip),
		cmocka_unit_test(test_result_unparsed),
		cmocka_unit_test(test_result_received_before_epoch),
		cmocka_unit_test(test_pages_round_trip),
		cmocka_unit_test(test_hostile_pages),
		cmocka_unit_test(test_page_without_geometry),
		cmocka_unit_test(test_page_words_stay),
		cmocka_unit_test(test_hostile_results),
		cmocka_unit_test(test_hostile_headers),
		cmocka_unit_test(test_hostile_lists),
		cmocka_unit_test(test_job_requires_message),
		cmocka_unit_test(test_fax_round_trip),
		cmocka_unit_test(test_hostile_fax),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
