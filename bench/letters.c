/* Letter rendering bench (run by hand: make bench/letters && bench/letters).
 *
 *   bench/letters [N]      N one-page reply letters per run (default 50)
 *
 * For each kind of run prints the median and mean milliseconds and the
 * mean bytes per letter: our renderer (TrueType subsets from ttf.c), the
 * first render of the process (fonts parsed), a ten-page letter, and the
 * baseline - plain libharu embedding the whole uming.ttc face - drawing the
 * same lines.  Each letter differs (applicant, number, date) as real ones
 * do, so no run reuses another's glyph set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "letter/render.h"

#define MAX_BLOCKS 64

struct run {
	const char *name;
	double *ms;
	size_t n;
	double bytes;
};

static const char *const NAMES[] = {
	"张伟", "王秀英", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄丽",
	"周杰", "吴敏", "徐强", "孙悦", "胡斌", "朱琳", "高翔", "林芳",
};

static const char *const SUBJECTS[] = {
	"2025年度城市道路养护资金使用情况",
	"某某路拓宽工程的立项批复及环境影响评价文件",
	"本区2024年度最低生活保障资金发放明细",
	"某某小区旧城改造项目的征收补偿方案",
	"2025年第三季度食品安全抽检结果",
	"某某河道综合整治工程招标文件及中标结果",
};

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

struct letter {
	char text[8][512];
	char *items[2];
	struct letter_block blocks[MAX_BLOCKS];
	struct letter_doc doc;
};

static void
block(struct letter *l, enum letter_block_kind kind, char *text)
{
	struct letter_block *b = &l->blocks[l->doc.n_blocks++];

	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->text = text;
}

/* A reply letter (outcome: already published), varied by `i`; `pages`
 * > 1 repeats the reasoning paragraphs until the letter runs that long. */
static void
make_letter(struct letter *l, unsigned i, int pages)
{
	static char title[] = "政府信息公开申请答复书";
	static char office[] = "某某市人力资源和社会保障局";
	static char closing[] = "特此告知。";
	static char reason[] =
		"根据《中华人民共和国政府信息公开条例》第三十六条第（一）项的规定，"
		"所申请公开信息已经主动公开的，行政机关应当告知申请人获取该政府信息"
		"的方式、途径。本机关经检索，您所申请的信息已于2025年4月30日在本机"
		"关门户网站“政府信息公开”专栏予以公开。";

	memset(l, 0, sizeof(*l));
	l->doc.title = title;
	l->doc.author = office;
	l->doc.blocks = l->blocks;
	snprintf(l->text[0], sizeof(l->text[0]), "通人社依申〔2026〕%u号", 12 + i);
	snprintf(l->text[1], sizeof(l->text[1]), "%s：", NAMES[i % 16]);
	snprintf(l->text[2], sizeof(l->text[2]),
	         "本机关于2026年11月%u日收到您提出的关于“%s”的政府信息公开申请"
	         "（申请编号：YSQ-2026-%06u）。经审查，现答复如下：",
	         1 + i % 28, SUBJECTS[i % 6], 100 + i);
	snprintf(l->text[3], sizeof(l->text[3]),
	         "您申请的信息属于本机关主动公开的范围，已在本机关门户网站"
	         "https://www.example.gov.cn/xxgk/2025/%u/index.html公开，"
	         "您可以登录查阅。如有疑问，请致电0513-8501%04u。", i, i % 10000);
	snprintf(l->text[4], sizeof(l->text[4]),
	         "如对本答复不服，可以自收到本答复之日起60日内向某某市人民政府"
	         "申请行政复议，或者在6个月内向某某区人民法院提起行政诉讼。");
	snprintf(l->text[5], sizeof(l->text[5]), "2026年12月%u日", 1 + i % 28);
	block(l, LETTER_BLOCK_TITLE, title);
	block(l, LETTER_BLOCK_DOCNUM, l->text[0]);
	block(l, LETTER_BLOCK_ADDRESSEE, l->text[1]);
	block(l, LETTER_BLOCK_PARAGRAPH, l->text[2]);
	block(l, LETTER_BLOCK_PARAGRAPH, l->text[3]);
	for (int k = 0; k < (pages - 1) * 9 / 2 &&
	                l->doc.n_blocks < MAX_BLOCKS - 6; k++)
		block(l, LETTER_BLOCK_PARAGRAPH, reason);
	block(l, LETTER_BLOCK_PARAGRAPH, l->text[4]);
	block(l, LETTER_BLOCK_PARAGRAPH, closing);
	block(l, LETTER_BLOCK_SIGNATURE, office);
	block(l, LETTER_BLOCK_DATE, l->text[5]);
}

static int
render_one(unsigned i, int pages, unsigned flags, double *ms_r,
           size_t *bytes_r, int *pages_r)
{
	struct letter l;
	struct letter_render_options opts = { flags, 0 };
	struct letter_layout_report rep;
	struct ogi_error err = { 0 };
	unsigned char *pdf;
	size_t len;
	double t0;

	make_letter(&l, i, pages);
	t0 = now_ms();
	if (letter_render_mem(&l.doc, NULL, &opts, &pdf, &len, &rep, &err) != 0) {
		fprintf(stderr, "letters: %s\n", err.msg);
		return -1;
	}
	*ms_r = now_ms() - t0;
	*bytes_r = len;
	*pages_r = rep.n_pages;
	free(pdf);
	letter_layout_report_free(&rep);
	return 0;
}

static int
run(const char *name, size_t n, int pages, unsigned flags, unsigned seed)
{
	double *ms = calloc(n, sizeof(*ms)), sum = 0, bytes = 0;
	int got_pages = 0;

	if (ms == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		size_t len;

		if (render_one(seed + (unsigned)i, pages, flags, &ms[i], &len,
		               &got_pages) != 0) {
			free(ms);
			return -1;
		}
		sum += ms[i];
		bytes += (double)len;
	}
	qsort(ms, n, sizeof(*ms), cmp_double);
	printf("%-34s %5zu %6d %9.2f %9.2f %10.0f\n", name, n, got_pages,
	       n % 2 ? ms[n / 2] : (ms[n / 2 - 1] + ms[n / 2]) / 2, sum / n,
	       bytes / n);
	free(ms);
	return 0;
}

int
main(int argc, char **argv)
{
	size_t n = argc > 1 ? strtoul(argv[1], NULL, 10) : 50;

	if (n == 0) {
		fprintf(stderr, "usage: letters [N]\n");
		return 2;
	}
	printf("%-34s %5s %6s %9s %9s %10s\n", "run", "n", "pages",
	       "median-ms", "mean-ms", "bytes");
	if (run("first render (fonts parsed)", 1, 1, 0, 1000) != 0 ||
	    run("renderer, 1-page letter", n, 1, 0, 0) != 0 ||
	    run("renderer, 10-page letter", n < 10 ? n : 10, 10, 0, 0) != 0 ||
	    run("baseline libharu, 1-page letter", n < 20 ? n : 20, 1,
	        LETTER_RENDER_BASELINE, 0) != 0)
		return 1;
	letter_render_release_fonts();
	return 0;
}
