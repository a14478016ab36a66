/* Normalisation helpers shared by the extractors.  Both work on bytes: the
 * characters they touch have fixed UTF-8 encodings, and everything else is
 * copied through unchanged, so invalid input cannot make them misbehave. */
#include <string.h>

#include <glib.h>

#include "extract/extract.h"
#include "extract/extract-private.h"

/* U+FF01..U+FF5E is EF BC 81..EF BC BF, then EF BD 80..EF BD 9E. */
static int
fullwidth_ascii(const unsigned char *p)
{
	if (p[0] != 0xEF)
		return -1;
	if (p[1] == 0xBC && p[2] >= 0x81 && p[2] <= 0xBF)
		return 0x21 + (p[2] - 0x81);
	if (p[1] == 0xBD && p[2] >= 0x80 && p[2] <= 0x9E)
		return 0x60 + (p[2] - 0x80);
	return -1;
}

static bool
ideographic_space(const unsigned char *p)
{
	return p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80;
}

/* No-break space: what HTML bodies turn &nbsp; into. */
static bool
nbsp(const unsigned char *p)
{
	return p[0] == 0xC2 && p[1] == 0xA0;
}

/* Traditional characters of the lexicon's words, each followed by its
 * simplified form (both three bytes in UTF-8), so that every word list
 * serves Big5 and Hong Kong, Macau or Taiwan mail too (申請人, 聯絡電話,
 * 郵遞區號); the record keeps the characters as written (fields.c,
 * restore_written()).  Only pairs one-to-one in this domain: a simplified
 * character that is also a traditional one of its own (后 beside 後, 干
 * beside 乾, 里 beside 裏, 准 beside 準, 托 beside 託) has its traditional
 * twin left out, and so has a traditional character that simplified text
 * also writes (乾坤, 於); 臺, 係, 繫, 復, 覆 and 於 fold all the same, as
 * the lexicon's 台湾, 联系, 答复 and 关于 need them and no word of the
 * lexicon tells the twins apart. */
static const char *const trad_simp[] = {
	"請请", "實实", "稱称", "單单", "業业", "機机", "構构", "組组", "織织", "負负",
	"責责", "聯联", "繫系", "係系", "經经", "辦办", "證证", "類类", "種种", "號号",
	"碼码", "統统", "會会", "營营", "執执", "註注", "冊册", "護护", "臺台", "灣湾",
	"來来", "軍军", "訊讯", "郵邮", "現现", "編编", "電电", "話话", "動动", "傳传",
	"內内", "資资", "開开", "獲获", "項项", "簽签", "蓋盖", "時时", "間间", "寫写",
	"報报", "達达", "領领", "復复", "覆复", "載载", "體体", "質质", "別别", "齡龄",
	"職职", "備备", "網网", "關关", "減减", "費费", "遞递", "掛挂", "當当", "場场",
	"閱阅", "讀读", "錄录", "紙纸", "書书", "檔档", "盤盘", "禮礼", "謝谢", "給给",
	"過过", "發发", "門门", "題题", "轉转", "對对", "將将", "擬拟", "據据", "況况",
	"須须", "諾诺", "聲声", "應应", "沒没", "認认", "為为", "於于", "這这", "該该",
	"協协", "務务", "員员", "團团", "學学", "醫医", "銀银", "廠厂", "進进", "廳厅",
	"問问", "詢询", "處处", "無无", "個个", "們们", "與与", "區区", "縣县", "鎮镇",
	"鄉乡", "樓楼", "棟栋", "園园", "選选", "擇择", "歲岁", "鐵铁", "覽览", "東东",
	"嚴严", "爲为", "舉举", "親亲", "從从", "衆众", "眾众", "優优", "側侧", "僑侨",
	"償偿", "兒儿", "養养", "農农", "決决", "憑凭", "擊击", "則则", "剛刚", "勞劳",
	"華华", "嗎吗", "國国", "複复", "獎奖", "媽妈", "導导", "層层", "屬属", "崗岗",
	"峯峰", "師师", "幫帮", "張张", "徑径", "懲惩", "戶户", "掃扫", "換换", "數数",
	"曉晓", "暫暂", "權权", "條条", "標标", "樣样", "檢检", "歐欧", "漢汉", "濤涛",
	"點点", "煩烦", "愛爱", "爺爷", "狀状", "監监", "稅税", "籤签", "紀纪", "細细",
	"結结", "繼继", "續续", "繳缴", "罰罚", "羣群", "肅肃", "蘇苏", "榮荣", "穫获",
	"補补", "見见", "規规", "計计", "訂订", "討讨", "記记", "訪访", "証证", "訴诉",
	"說说", "説说", "誰谁", "調调", "敗败", "賬账", "貴贵", "貸贷", "賠赔", "趙赵",
	"還还", "遺遗", "銷销", "長长", "隊队", "陽阳", "陸陆", "險险", "隨随", "韓韩",
	"預预", "駛驶", "駕驾", "齊齐", "閲阅", "絡络",
};

/* Words Hong Kong and Taiwan write where the mainland writes another of the
 * same length: 資訊 for 信息 (政府資訊公開, 所需資訊的用途).  (身分證 is in
 * the lexicon itself: the mainland writes it too, by a slip.) */
static const char *const trad_words[][2] = {
	{ "資訊", "信息" },
};

const char *
extract_text_simplified(const char *p, const char *end, size_t *len_r)
{
	/* CJK ideographs U+4E00..U+9FFF lead with E4..E9; a mismatch on the
	 * lead or second byte ends the comparison before the third is read. */
	if (end - p < 3 || (unsigned char)*p < 0xE4 || (unsigned char)*p > 0xE9)
		return NULL;
	for (size_t i = 0; i < G_N_ELEMENTS(trad_words); i++) {
		size_t n = strlen(trad_words[i][0]);

		if ((size_t)(end - p) >= n && memcmp(p, trad_words[i][0], n) == 0) {
			*len_r = n;
			return trad_words[i][1];
		}
	}
	for (size_t i = 0; i < G_N_ELEMENTS(trad_simp); i++)
		if (p[0] == trad_simp[i][0] && p[1] == trad_simp[i][1] &&
		    p[2] == trad_simp[i][2]) {
			*len_r = 3;
			return trad_simp[i] + 3;
		}
	return NULL;
}

char *
extract_text_fold(const char *utf8)
{
	const unsigned char *p = (const unsigned char *)utf8;
	const char *end;
	char *out, *o;

	if (utf8 == NULL)
		return NULL;
	end = utf8 + strlen(utf8);
	/* Every rule shrinks or keeps the length. */
	out = g_malloc(strlen(utf8) + 1);
	o = out;
	while (*p != '\0') {
		int c = fullwidth_ascii(p);
		const char *simp;
		size_t n;

		if (c >= 0) {
			*o++ = (char)c;
			p += 3;
		} else if ((simp = extract_text_simplified((const char *)p, end,
							   &n)) != NULL) {
			memcpy(o, simp, n);
			o += n;
			p += n;
		} else if (ideographic_space(p)) {
			*o++ = ' ';
			p += 3;
		} else if (*p == '\r') {
			*o++ = '\n';
			p += p[1] == '\n' ? 2 : 1;
		} else {
			*o++ = (char)*p++;
		}
	}
	*o = '\0';
	return out;
}

/* Length of the white-space character at p, 0 if none. */
static size_t
space_len(const unsigned char *p)
{
	if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
		return 1;
	if (nbsp(p))
		return 2;
	if (ideographic_space(p))
		return 3;
	return 0;
}

char *
extract_text_trim(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out, *o;
	bool pending_space = false;
	size_t n;

	if (s == NULL)
		return NULL;
	out = g_malloc(strlen(s) + 1);
	o = out;
	while (*p != '\0') {
		n = space_len(p);
		if (n > 0) {
			pending_space = o != out;
			p += n;
			continue;
		}
		if (pending_space)
			*o++ = ' ';
		pending_space = false;
		*o++ = (char)*p++;
	}
	*o = '\0';
	if (o == out) {
		g_free(out);
		return NULL;
	}
	return out;
}

bool
extract_text_contains_any(const char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strstr(s, words[i]) != NULL)
			return true;
	return false;
}

bool
extract_text_starts_with_any(const char *s, const char *const *words, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strncmp(s, words[i], strlen(words[i])) == 0)
			return true;
	return false;
}

const char *
extract_text_next_char(const char *p, const char *end)
{
	if (p >= end)
		return end;
	p++;
	while (p < end && ((unsigned char)*p & 0xC0) == 0x80)
		p++;
	return p;
}

const char *
extract_text_prev_char(const char *p, const char *start)
{
	if (p <= start)
		return start;
	p--;
	while (p > start && ((unsigned char)*p & 0xC0) == 0x80)
		p--;
	return p;
}

gunichar
extract_text_char_at(const char *p, const char *end)
{
	gunichar c = g_utf8_get_char_validated(p, end - p);

	return c == (gunichar)-1 || c == (gunichar)-2 ? 0 : c;
}

bool
extract_text_is_han(const char *p, const char *end)
{
	gunichar c = extract_text_char_at(p, end);

	return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0x20000 && c <= 0x2FFFF);
}

bool
extract_text_has_prefix(const char *p, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(end - p) >= n && memcmp(p, lit, n) == 0;
}

const char *
extract_text_word_at(const char *p, const char *end, const char *const *words,
		     size_t n)
{
	const char *best = NULL;

	for (size_t i = 0; i < n; i++)
		if (extract_text_has_prefix(p, end, words[i]) &&
		    (best == NULL || strlen(words[i]) > strlen(best)))
			best = words[i];
	return best;
}

const char *
extract_text_find_in(const char *p, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	for (; p + n <= end; p++)
		if (memcmp(p, lit, n) == 0)
			return p;
	return NULL;
}
