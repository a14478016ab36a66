/* The line breaker, the TrueType subsetter and the PDF renderer.
 *
 * Render tests check the PDF with poppler-utils (pdftotext, pdffonts,
 * pdfinfo) run through popen.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "letter/linebreak.h"
#include "letter/render.h"
#include "letter/ttf.h"

#define EPS 0.01

/* ---- line breaker ------------------------------------------------------- */

/* Width 1 for wide characters, 0.5 for ASCII: a line of width N holds N
 * Chinese characters or 2N ASCII ones. */
static double
test_width(uint32_t cp)
{
	return cp < 0x80 ? 0.5 : 1.0;
}

/* Breaks `text` and joins the lines with '|' (paragraph starts after the
 * first with '/'). */
static char *
broken(const char *text, double first, double rest)
{
	uint32_t *cps;
	size_t n, n_lines;
	double *w;
	struct letter_line *lines;
	struct ogi_error err = { 0 };
	char *out = calloc(1, 4 * strlen(text) + 64);

	assert_int_equal(letter_utf8_decode(text, &cps, &n, &err), 0);
	w = calloc(n + 1, sizeof(*w));
	for (size_t i = 0; i < n; i++)
		w[i] = test_width(cps[i]);
	assert_int_equal(letter_linebreak(cps, w, n, first, rest, &lines,
	                                  &n_lines, &err), 0);
	for (size_t i = 0; i < n_lines; i++) {
		char *s = letter_utf8_encode(cps + lines[i].start,
		                             lines[i].end - lines[i].start);
		double width = 0;

		for (size_t k = lines[i].start; k < lines[i].end; k++)
			width += w[k];
		assert_true(lines[i].width <= (lines[i].para_start ? first : rest) + 1e-9);
		assert_true(lines[i].width > width - 1e-9 && lines[i].width < width + 1e-9);
		if (i > 0)
			strcat(out, lines[i].para_start ? "/" : "|");
		strcat(out, s);
		free(s);
	}
	free(lines);
	free(w);
	free(cps);
	return out;
}

struct lb_case {
	const char *what;
	const char *text;
	double first, rest;
	const char *want;
};

static const struct lb_case LB_CASES[] = {
	{ "plain Chinese fills each line", "一二三四五六七八九十", 4, 4,
	  "一二三四|五六七八|九十" },
	{ "28 characters fit a 28-wide line exactly",
	  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八", 28, 28,
	  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八" },
	{ "first line narrower (indent)", "一二三四五六七八", 3, 5,
	  "一二三|四五六七八" },
	{ "comma may not start a line: previous character pulled down",
	  "一二三四五，六七", 5, 5, "一二三四|五，六七" },
	{ "full stop and closing quote both pulled", "一二三四五。”六", 5, 5,
	  "一二三四|五。”六" },
	{ "each closing mark: 、", "一二三四、五", 4, 4, "一二三|四、五" },
	{ "each closing mark: ；", "一二三四；五", 4, 4, "一二三|四；五" },
	{ "each closing mark: ：", "一二三四：五", 4, 4, "一二三|四：五" },
	{ "each closing mark: ？", "一二三四？五", 4, 4, "一二三|四？五" },
	{ "each closing mark: ！", "一二三四！五", 4, 4, "一二三|四！五" },
	{ "each closing mark: ）", "一二三四）五", 4, 4, "一二三|四）五" },
	{ "each closing mark: 》", "一二三四》五", 4, 4, "一二三|四》五" },
	{ "each closing mark: 」", "一二三四」五", 4, 4, "一二三|四」五" },
	{ "each closing mark: 』", "一二三四』五", 4, 4, "一二三|四』五" },
	{ "each closing mark: 】", "一二三四】五", 4, 4, "一二三|四】五" },
	{ "each closing mark: 〕", "一二三四〕五", 4, 4, "一二三|四〕五" },
	{ "each closing mark: …", "一二三四…五", 4, 4, "一二三|四…五" },
	{ "each closing mark: ’", "一二三四’五", 4, 4, "一二三|四’五" },
	{ "ASCII comma after Chinese", "一二三四,五", 4, 4.5, "一二三|四,五" },
	{ "ASCII full stop after Chinese", "一二三四.五", 4, 4.5, "一二三|四.五" },
	{ "ASCII closing parenthesis", "一二三四)五", 4, 4.5, "一二三|四)五" },
	{ "opening bracket may not end a line", "一二三（四五", 4, 4,
	  "一二三|（四五" },
	{ "opening book title mark", "一二三《四》", 4, 4, "一二三|《四》" },
	{ "opening quote", "一二三“四”", 4, 4, "一二三|“四”" },
	{ "opening 〔 of a document number", "通人社依〔2026〕", 5, 5,
	  "通人社依|〔2026〕" },
	{ "ASCII opening parenthesis", "一二三(四", 3.5, 4, "一二三|(四" },
	{ "em dash pair stays whole", "一二三——四", 4, 4, "一二三|——四" },
	{ "ellipsis pair stays whole and may not start a line", "一二三……", 4, 4,
	  "一二|三……" },
	{ "number moved whole to the next line", "电话12345678", 4, 4,
	  "电话|12345678" },
	{ "long digit run cut only where it must be",
	  "号码123456789012345678901234", 5, 5,
	  "号码|1234567890|1234567890|1234" },
	{ "URL shorter than a line kept whole",
	  "请见网址https://a.b/cd即可", 8, 8, "请见网址|https://a.b/cd即|可" },
	{ "URL longer than a line cut at the edge",
	  "见https://example.com/a/b/c", 5, 5,
	  "见|https://ex|ample.com/|a/b/c" },
	{ "e-mail kept whole, full stop stays with it",
	  "请发邮件至ab@cd.cn。", 6, 6, "请发邮件至|ab@cd.cn。" },
	{ "e-mail longer than a line", "至verylongname@example.com", 6, 6,
	  "至|verylongname|@example.com" },
	{ "mixed Chinese, Latin and digits", "共3份文件PDF格式", 4, 4,
	  "共3份文|件PDF格|式" },
	{ "Latin words break at spaces", "hello world foo", 5, 5,
	  "hello|world foo" },
	{ "newline starts a paragraph", "一二\n三四五", 4, 4, "一二/三四五" },
	{ "empty line between paragraphs", "一\n\n二", 4, 4, "一//二" },
};

static void
test_linebreak_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(LB_CASES) / sizeof(LB_CASES[0]); i++) {
		const struct lb_case *c = &LB_CASES[i];
		char *got = broken(c->text, c->first, c->rest);

		if (strcmp(got, c->want) != 0)
			fail_msg("%s: \"%s\" -> \"%s\", want \"%s\"", c->what,
			         c->text, got, c->want);
		free(got);
	}
}

static void
test_linebreak_classes(void **state)
{
	static const char no_start[] = "，。、；：？！）》」』】〕…’”,.;:?!)]}";
	static const char no_end[] = "（《「『【〔“‘([{";
	static const char neither[] = "一a1中";
	uint32_t *cps;
	size_t n;

	(void)state;
	assert_int_equal(letter_utf8_decode(no_start, &cps, &n, NULL), 0);
	for (size_t i = 0; i < n; i++) {
		assert_true(letter_lb_no_start(cps[i]));
		assert_false(letter_lb_no_end(cps[i]));
	}
	free(cps);
	assert_int_equal(letter_utf8_decode(no_end, &cps, &n, NULL), 0);
	for (size_t i = 0; i < n; i++) {
		assert_true(letter_lb_no_end(cps[i]));
		assert_false(letter_lb_no_start(cps[i]));
	}
	free(cps);
	assert_int_equal(letter_utf8_decode(neither, &cps, &n, NULL), 0);
	for (size_t i = 0; i < n; i++)
		assert_false(letter_lb_no_start(cps[i]) || letter_lb_no_end(cps[i]));
	free(cps);
}

static void
test_utf8_invalid(void **state)
{
	static const char *const BAD[] = {
		"\xC0\xAF", "\xE4\xB8", "\xED\xA0\x80", "\xF5\x80\x80\x80", "a\x80",
	};
	struct ogi_error err = { 0 };
	uint32_t *cps;
	size_t n;

	(void)state;
	for (size_t i = 0; i < sizeof(BAD) / sizeof(BAD[0]); i++) {
		assert_int_equal(letter_utf8_decode(BAD[i], &cps, &n, &err), -1);
		assert_non_null(strstr(err.msg, "invalid UTF-8"));
	}
}

/* ---- subsetter ---------------------------------------------------------- */

static void
test_ttf_subset(void **state)
{
	static const uint32_t CPS[] = { 0x4E00, 0x6587, 'A', 0xFF0C, 0x4E00 };
	struct letter_ttf *full, *sub;
	struct ogi_error err = { 0 };
	unsigned char *data;
	size_t len;
	char path[] = "/tmp/test-letter-ttf-XXXXXX";
	int fd;

	(void)state;
	assert_int_equal(letter_ttf_open(letter_fonts_debian.body, 0, &full,
	                                 &err), 0);
	assert_string_equal(letter_ttf_psname(full), "UMingCN");
	assert_int_equal(letter_ttf_subset(full, CPS, 5, "TestSub", &data, &len,
	                                   &err), 0);
	assert_true(len < 8000);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, len), (ssize_t)len);
	close(fd);
	assert_int_equal(letter_ttf_open(path, 0, &sub, &err), 0);
	unlink(path);
	assert_string_equal(letter_ttf_psname(sub), "TestSub");
	for (size_t i = 0; i < 4; i++) {
		unsigned g = letter_ttf_glyph(sub, CPS[i]);

		assert_true(g > 0 && g <= 4);
		assert_int_equal(letter_ttf_advance(sub, g),
		                 letter_ttf_advance(full, letter_ttf_glyph(full, CPS[i])));
	}
	assert_int_equal(letter_ttf_glyph(sub, 0x4E8C), 0);
	letter_ttf_close(sub);
	free(data);
	/* A character the face lacks is refused, not mapped to .notdef. */
	assert_int_equal(letter_ttf_subset(full, (const uint32_t[]){ 0xE000 }, 1,
	                                   "X", &data, &len, &err), -1);
	assert_non_null(strstr(err.msg, "U+E000"));
	letter_ttf_close(full);
}

/* ---- renderer ----------------------------------------------------------- */

static char tmpdir[64];

static int
setup_dir(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/test-letter-render-XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown_dir(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	letter_render_release_fonts();
	return system(cmd) == 0 ? 0 : -1;
}

/* Output of a command (stderr dropped); caller frees. */
static char *
run(const char *fmt, ...)
{
	char cmd[512], *out = NULL;
	size_t len = 0, cap = 0;
	va_list ap;
	FILE *p;
	int c;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	assert_non_null(p);
	while ((c = fgetc(p)) != EOF) {
		if (len + 2 > cap) {
			cap = cap ? 2 * cap : 4096;
			out = realloc(out, cap);
		}
		out[len++] = (char)c;
	}
	if (out == NULL)
		out = malloc(1);
	out[len] = '\0';
	assert_int_equal(pclose(p), 0);
	return out;
}

#define B(kind, text) { LETTER_BLOCK_##kind, (char *)(text), NULL, 0, 0 }

static char *attachment_items[] = {
	(char *)"政府信息公开申请表",
	(char *)"某某市人力资源和社会保障局关于二〇二五年度城市道路养护资金使用情况的说明",
};
static char *choice_items[] = {
	(char *)"自行领取", (char *)"邮寄", (char *)"电子邮件",
};

static struct letter_block reply_blocks[] = {
	B(TITLE, "政府信息公开申请答复书"),
	B(DOCNUM, "通人社依申〔2026〕12号"),
	B(ADDRESSEE, "王䶮："),
	B(PARAGRAPH, "本机关于2026年11月20日收到您提出的关于“2025年度城市道路养护资金使用情况”的政府信息公开申请。经审查，现答复如下："),
	B(PARAGRAPH, "该信息已在本机关门户网站https://www.example.gov.cn/xxgk/2025/index.html公开，如有疑问请发送邮件至xxgk@example.gov.cn。"),
	B(LIST_ITEM, "1. 《中华人民共和国政府信息公开条例》第三十六条第（一）项。"),
	B(PARAGRAPH, "如对本答复不服，可以自收到本答复之日起60日内申请行政复议，或者在6个月内提起行政诉讼。"),
	B(PARAGRAPH, "特此告知。"),
	{ LETTER_BLOCK_ATTACHMENTS, NULL, attachment_items, 2, 0 },
	B(SIGNATURE, "某某市人力资源和社会保障局"),
	B(DATE, "2026年11月27日"),
};

static struct letter_doc reply = {
	(char *)"政府信息公开申请答复书", (char *)"某某市人力资源和社会保障局",
	NULL, reply_blocks, sizeof(reply_blocks) / sizeof(reply_blocks[0]),
};

static void
render_file(const struct letter_doc *doc, const char *name, char *path,
            size_t len, struct letter_layout_report *rep)
{
	struct ogi_error err = { 0 };

	snprintf(path, len, "%s/%s.pdf", tmpdir, name);
	if (letter_render(doc, NULL, path, rep, &err) != 0)
		fail_msg("render %s: %s", name, err.msg);
}

static bool
same_line(const struct letter_layout_line *a, const struct letter_layout_line *b)
{
	return a->page == b->page && a->y == b->y;
}

/* Each drawn line appears, whole, as a line of pdftotext -layout output,
 * in the order drawn.  Runs on one baseline (a form choice's options) make
 * one printed line. */
static void
assert_text_in_order(const char *pdf, const struct letter_layout_report *rep)
{
	char *text = run("pdftotext -layout '%s' - 2>/dev/null", pdf);
	const char *at = text;

	for (size_t i = 0; i < rep->n_lines; i++) {
		const struct letter_layout_line *l = &rep->lines[i];
		const char *hit = strstr(at, l->text);

		if (hit == NULL)
			fail_msg("line %zu \"%s\" missing (or out of order) in:\n%s",
			         i, l->text, text);
		if (i == 0 || !same_line(&rep->lines[i - 1], l))
			for (const char *p = hit - 1; p >= text && *p != '\n' && *p != '\f'; p--)
				if (*p != ' ')
					fail_msg("line \"%s\" does not start a line", l->text);
		at = hit + strlen(l->text);
		if (l->block >= 0 && (i + 1 == rep->n_lines || !same_line(l, &rep->lines[i + 1])) &&
		    *at != '\n' && *at != ' ')
			fail_msg("line \"%s\" continues in the PDF", l->text);
	}
	free(text);
}

static void
assert_within_block(const struct letter_layout_report *rep)
{
	for (size_t i = 0; i < rep->n_lines; i++) {
		const struct letter_layout_line *l = &rep->lines[i];

		if (l->block < 0) {
			/* Page numbers: under the block, odd right, even left. */
			assert_true(l->y < rep->block_bottom);
			if (l->page % 2)
				assert_true(l->x > (rep->block_left + rep->block_right) / 2);
			else
				assert_true(l->x + l->width < (rep->block_left + rep->block_right) / 2);
			continue;
		}
		if (l->x < rep->block_left - EPS || l->x + l->width > rep->block_right + EPS ||
		    l->y - 0.12 * l->size < rep->block_bottom - EPS ||
		    l->y + 0.88 * l->size > rep->block_top + EPS)
			fail_msg("line \"%s\" at (%.2f, %.2f) width %.2f leaves the block",
			         l->text, l->x, l->y, l->width);
	}
}

static const struct letter_layout_line *
find_line(const struct letter_layout_report *rep, const char *prefix)
{
	for (size_t i = 0; i < rep->n_lines; i++)
		if (strncmp(rep->lines[i].text, prefix, strlen(prefix)) == 0)
			return &rep->lines[i];
	fail_msg("no line starts with \"%s\"", prefix);
	return NULL;
}

static void
test_render_reply(void **state)
{
	struct letter_layout_report rep;
	const struct letter_layout_line *l, *l2;
	double pitch, mid;
	char path[256], *out;

	(void)state;
	render_file(&reply, "reply", path, sizeof(path), &rep);
	assert_int_equal(rep.n_pages, 1);
	assert_text_in_order(path, &rep);
	assert_within_block(&rep);
	/* Geometry of GB/T 9704. */
	assert_true(rep.block_left > 79.3 && rep.block_left < 79.4);          /* 28 mm */
	assert_true(rep.block_right - rep.block_left > 442.1 &&
	            rep.block_right - rep.block_left < 442.3);                /* 156 mm */
	assert_true(841.89 - rep.block_top > 104.8 && 841.89 - rep.block_top < 104.9);
	pitch = (rep.block_right - rep.block_left - 16) / 27;
	mid = (rep.block_left + rep.block_right) / 2;
	l = find_line(&rep, "政府信息公开申请答复书");
	assert_true(l->size == 22);
	assert_true(l->x + l->width / 2 > mid - EPS && l->x + l->width / 2 < mid + EPS);
	l2 = find_line(&rep, "通人社依申");
	assert_true(l2->y < l->y && l2->size == 16);
	assert_true(l2->x + l2->width / 2 > mid - EPS && l2->x + l2->width / 2 < mid + EPS);
	l = find_line(&rep, "王䶮：");
	assert_true(l->x > rep.block_left - EPS && l->x < rep.block_left + EPS);
	l = find_line(&rep, "本机关于");
	assert_true(l->x > rep.block_left + 2 * pitch - EPS &&
	            l->x < rep.block_left + 2 * pitch + EPS);
	l = find_line(&rep, "2026年11月27日");
	assert_true(l->x + l->width > rep.block_right - 4 * pitch - EPS &&
	            l->x + l->width < rep.block_right - 4 * pitch + EPS);
	l2 = find_line(&rep, "某某市人力资源和社会保障局");
	assert_true(l2->y > l->y);
	assert_true(l2->x + l2->width <= rep.block_right + EPS &&
	            l2->x > mid);
	/* Attachment names continue under their first character; the second
	 * number sits under the first. */
	l = find_line(&rep, "附件：1.政府");
	l2 = find_line(&rep, "2.某某市");
	assert_true(l2->x > l->x + 3 * pitch - EPS && l2->x < l->x + 3 * pitch + EPS);
	for (size_t i = 0; i + 1 < rep.n_lines; i++)
		if (&rep.lines[i] == l2) {
			const struct letter_layout_line *c = &rep.lines[i + 1];

			assert_int_equal(c->block, l2->block);
			assert_true(c->x > l2->x + EPS && c->x < l2->x + pitch);
		}
	/* Metadata. */
	out = run("pdfinfo '%s' 2>/dev/null", path);
	assert_non_null(strstr(out, "Title:           政府信息公开申请答复书"));
	assert_non_null(strstr(out, "Author:          某某市人力资源和社会保障局"));
	assert_non_null(strstr(out, "CreationDate:"));
	assert_non_null(strstr(out, "Pages:           1"));
	free(out);
	letter_layout_report_free(&rep);
}

/* pdffonts: every font embedded as a subset (tag+ name, emb yes, sub yes). */
static char *
fonts_of(const char *path)
{
	char *out = run("pdffonts '%s' 2>/dev/null", path);
	char *line = strchr(out, '\n');

	assert_non_null(line);
	line = strchr(line + 1, '\n');          /* skip the header rule */
	assert_non_null(line);
	for (line++; *line != '\0'; line = strchr(line, '\n') + 1) {
		char name[128], type[32], type2[32], enc[32], emb[8], sub[8];

		if (sscanf(line, "%127s %31s %31s %31s %7s %7s", name, type, type2,
		           enc, emb, sub) != 6)
			fail_msg("pdffonts line: %s", line);
		assert_string_equal(type, "CID");
		assert_string_equal(type2, "TrueType");
		assert_string_equal(emb, "yes");
		assert_string_equal(sub, "yes");
		assert_true(strlen(name) > 7 && name[6] == '+');
		if (strchr(line, '\n') == NULL)
			break;
	}
	return out;
}

static void
test_render_fonts(void **state)
{
	static struct letter_block plain[] = { B(PARAGRAPH, "王䶮同志：你好。") };
	static struct letter_block rare[] = {
		B(PARAGRAPH, "申请人叕字同志：你好。"),
		B(HEADING, "一、答复"),
	};
	struct letter_doc d1 = { NULL, NULL, NULL, plain, 1 };
	struct letter_doc d2 = { NULL, NULL, NULL, rare, 2 };
	struct letter_layout_report rep;
	char path[256], *out, *text;

	(void)state;
	/* U+4DAE 䶮 is in AR PL UMing itself: no fallback font. */
	render_file(&d1, "plain", path, sizeof(path), &rep);
	out = fonts_of(path);
	assert_non_null(strstr(out, "+UMingCN"));
	assert_null(strstr(out, "WenQuanYi"));
	assert_null(strstr(out, "UKai"));
	free(out);
	text = run("pdftotext '%s' - 2>/dev/null", path);
	assert_non_null(strstr(text, "王䶮同志：你好。"));
	free(text);
	letter_layout_report_free(&rep);

	/* U+53D5 叕 is not in UMing: WenQuanYi Micro Hei draws it, and the
	 * heading comes in Kai. */
	render_file(&d2, "rare", path, sizeof(path), &rep);
	out = fonts_of(path);
	assert_non_null(strstr(out, "+UMingCN"));
	assert_non_null(strstr(out, "+WenQuanYiMicroHei"));
	assert_non_null(strstr(out, "+UKaiCN"));
	free(out);
	text = run("pdftotext '%s' - 2>/dev/null", path);
	assert_non_null(strstr(text, "申请人叕字同志：你好。"));
	free(text);
	letter_layout_report_free(&rep);
}

struct missing_case {
	const char *text;
	const char *names[2];
};

static const struct missing_case MISSING[] = {
	{ "申请人\xEE\x80\x80同志", { "U+E000", "\xEE\x80\x80" } },
	{ "笑脸😀", { "U+1F600", "😀" } },
	{ "北\xEF\xBF\xBE京", { "U+FFFE", "\xEF\xBF\xBE" } },
};

static void
test_render_missing_glyph(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(MISSING) / sizeof(MISSING[0]); i++) {
		struct letter_block b = B(PARAGRAPH, MISSING[i].text);
		struct letter_doc doc = { NULL, NULL, NULL, &b, 1 };
		struct letter_layout_report rep;
		struct ogi_error err = { 0 };
		unsigned char *pdf = NULL;
		size_t len;

		assert_int_equal(letter_render_mem(&doc, NULL, NULL, &pdf, &len, &rep,
		                                   &err), -1);
		assert_null(pdf);
		assert_int_equal(rep.n_lines, 0);
		for (int k = 0; k < 2; k++)
			if (strstr(err.msg, MISSING[i].names[k]) == NULL)
				fail_msg("error \"%s\" does not name %s", err.msg,
				         MISSING[i].names[k]);
	}
}

static void
test_render_ten_pages(void **state)
{
	/* 26 characters: one indented line each, 22 lines a page. */
	static const char line26[] = "一二三四五六七八九十一二三四五六七八九十一二三四五六";
	struct letter_block *blocks = calloc(220, sizeof(*blocks));
	struct letter_doc doc = { NULL, NULL, NULL, blocks, 220 };
	struct letter_layout_report rep;
	char path[256], *text;
	int per_page[12] = { 0 };

	(void)state;
	for (int i = 0; i < 220; i++) {
		blocks[i].kind = LETTER_BLOCK_PARAGRAPH;
		blocks[i].text = (char *)line26;
	}
	render_file(&doc, "ten", path, sizeof(path), &rep);
	assert_int_equal(rep.n_pages, 10);
	for (size_t i = 0; i < rep.n_lines; i++)
		if (rep.lines[i].block >= 0)
			per_page[rep.lines[i].page]++;
	for (int p = 1; p <= 10; p++)
		assert_int_equal(per_page[p], 22);
	assert_within_block(&rep);
	text = run("pdftotext -layout '%s' - 2>/dev/null", path);
	for (int p = 1; p <= 10; p++) {
		char folio[32];

		snprintf(folio, sizeof(folio), "— %d —", p);
		assert_non_null(strstr(text, folio));
	}
	assert_null(strstr(text, "— 11 —"));
	free(text);
	assert_text_in_order(path, &rep);
	letter_layout_report_free(&rep);
	free(blocks);
}

static void
test_render_form_and_breaks(void **state)
{
	static struct letter_block blocks[] = {
		B(TITLE, "政府信息公开申请表"),
		{ LETTER_BLOCK_FORM_FIELD, (char *)"姓名", NULL, 0, 1 },
		{ LETTER_BLOCK_FORM_FIELD, (char *)"所需信息的内容描述", NULL, 0, 5 },
		{ LETTER_BLOCK_FORM_CHOICE, (char *)"获取信息的方式", choice_items, 3, 0 },
		B(PAGE_BREAK, NULL),
		B(PARAGRAPH, "填表说明。"),
	};
	struct letter_doc doc = { NULL, NULL, NULL, blocks, 6 };
	struct letter_layout_report rep;
	const struct letter_layout_line *name, *desc, *choice;
	double pitch = 225.0 / 22 * 72 / 25.4;
	char path[256];

	(void)state;
	render_file(&doc, "form", path, sizeof(path), &rep);
	assert_int_equal(rep.n_pages, 2);
	assert_within_block(&rep);
	assert_text_in_order(path, &rep);
	/* Label, its box (one line), the next label after it. */
	name = find_line(&rep, "姓名");
	desc = find_line(&rep, "所需信息的内容描述");
	choice = find_line(&rep, "获取信息的方式");
	assert_true(name->y - desc->y > 2 * pitch - EPS && name->y - desc->y < 2 * pitch + EPS);
	assert_true(desc->y - choice->y > 6 * pitch - EPS && desc->y - choice->y < 6 * pitch + EPS);
	assert_int_equal(find_line(&rep, "自行领取")->page, 1);
	assert_true(find_line(&rep, "自行领取")->y == choice->y);
	assert_true(find_line(&rep, "自行领取")->x > choice->x + choice->width);
	assert_int_equal(find_line(&rep, "填表说明。")->page, 2);
	letter_layout_report_free(&rep);
}

static void
test_render_size(void **state)
{
	struct letter_layout_report rep;
	struct ogi_error err = { 0 };
	unsigned char *pdf;
	size_t len;
	struct letter_render_options opts = { 0, 1795000000 };

	(void)state;
	assert_int_equal(letter_render_mem(&reply, NULL, &opts, &pdf, &len, &rep,
	                                   &err), 0);
	assert_int_equal(rep.n_pages, 1);
	if (len >= 60 * 1024)
		fail_msg("one-page letter is %zu bytes", len);
	assert_memory_equal(pdf, "%PDF-", 5);
	free(pdf);
	letter_layout_report_free(&rep);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linebreak_cases),
		cmocka_unit_test(test_linebreak_classes),
		cmocka_unit_test(test_utf8_invalid),
		cmocka_unit_test(test_ttf_subset),
		cmocka_unit_test(test_render_reply),
		cmocka_unit_test(test_render_fonts),
		cmocka_unit_test(test_render_missing_glyph),
		cmocka_unit_test(test_render_ten_pages),
		cmocka_unit_test(test_render_form_and_breaks),
		cmocka_unit_test(test_render_size),
	};

	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
