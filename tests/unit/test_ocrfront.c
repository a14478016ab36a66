/* The OCR front (src/extract/ocrfront.c): the text the field reader gets
 * from Tesseract's words, with what was repaired and what is doubtful.
 * Words are written as ocr-words.h describes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

#include "extract/extract-private.h"
#include "ocr-words.h"

#define TODAY "2026-12-01"

struct front_case {
	const char *title;
	const char *words;
	const char *want;       /* the whole text */
	const char *flagged;    /* a part of it whose every byte has flag */
	unsigned flag;
	unsigned header_lines, cover_pages;
	const char *doubt;      /* a substring of a doubt; NULL: none */
};

/* The wrapped lines' cases: a line of 15 words, with the made-up boxes
 * of ocr-words.h the widest of its page, and a line below it as wide as a
 * page's line (WRAP_MIN_HEIGHTS); each as read and as joined. */
#define FULL_LINE "本人 申请 公开 贵局 二〇二 六年 度的 就业 补助 资金 使用 情况 和分 配明 细表"
#define FULL_TEXT "本人申请公开贵局二〇二六年度的就业补助资金使用情况和分配明细表"
#define OTHER_FULL "他人 申请 公开 贵局 二〇二 六年 度的 就业 补助 资金 使用 情况 和分 配明 细表"
#define OTHER_FULL_TEXT "他人申请公开贵局二〇二六年度的就业补助资金使用情况和分配明细表"
#define WIDE_LINE "以及 相关 文件 的全 部附 件材 料请 按时 提供 给我 谢谢"
#define WIDE_TEXT "以及相关文件的全部附件材料请按时提供给我谢谢"

static const struct front_case cases[] = {
	/* Joining. */
	{ "Chinese words joined", "政府 信息 公开 申请 表",
	  "政府信息公开申请表\n", NULL, 0, 0, 0, NULL },
	{ "Latin words and digit runs stay apart",
	  "Wang Jianguo 13847123456 010020",
	  "Wang Jianguo 13847123456 010020\n", NULL, 0, 0, 0, NULL },
	{ "digits joined to 年 and 号", "2025 年 新 城区 海拉尔 大街 18 号",
	  "2025年新城区海拉尔大街18号\n", NULL, 0, 0, 0, NULL },
	{ "an e-mail address after the colon keeps its space",
	  "电子 邮箱 : wjg1987@example.com",
	  "电子邮箱: wjg1987@example.com\n", NULL, 0, 0, 0, NULL },
	{ "invalid bytes, stray continuation bytes and controls dropped "
	  "(fuzz finding: they reached GRegex's JIT)",
	  "\xe8\x03\x8e\x8e\x8e\x8e" "2026-11-28 14:3\x8e\x8e\x8e 王\x01建国",
	  "2026-11-28 14:3王建国\n", NULL, 0, 0, 0, NULL },
	/* Punctuation. */
	{ "ASCII brackets and colon joined as the full-width ones",
	  "所需 信息 的 用途 ( 自用 ) : 自用",
	  "所需信息的用途(自用):自用\n", NULL, 0, 0, 0, NULL },
	{ "ASCII semicolon inside Chinese", "了解 本 小区 改造 情况 ; 自用",
	  "了解本小区改造情况;自用\n", NULL, 0, 0, 0, NULL },
	{ "a column gap stays padding between two fields",
	  "姓名 : 王建 国  证件 名称 : 居民 身份 证",
	  "姓名:王建国  证件名称:居民身份证\n", NULL, 0, 0, 0, NULL },
	{ "a speck read after a label's colon is no part of the value",
	  "申请 人 : ,{26} 韩 晓燕", "申请人:韩晓燕\n", NULL, 0, 0, 0, NULL },
	{ "a time's colon keeps its digits", "14:32 会议", "14:32会议\n", NULL, 0,
	  0, 0, NULL },
	{ "a date's digits read a space apart joined",
	  "申请 时间 : 2026 年 11 月 2 0 日", "申请时间:2026年11月20日\n", NULL, 0, 0, 0,
	  NULL },
	{ "a date's digits read a space apart joined, 午 put right",
	  "2 0 2 6 午 1 1 月 2 0 日", "2026年11月20日\n", "年", EXTRACT_OCR_REPAIRED, 0, 0,
	  NULL },
	{ "an ID's digits read a space apart joined where the check digit agrees",
	  "身份 证 号 : 1 5 05 2 4 199012024248", "身份证号:150524199012024248\n", NULL, 0,
	  0, 0, NULL },
	{ "digit runs a space apart that make no valid ID stay apart",
	  "身份 证 号 : 1 5 05 2 4 199012024249", "身份证号:1 5 05 2 4 199012024249\n",
	  NULL, 0, 0, 0, NULL },
	{ "a date in Chinese numerals whose 〇 was read as O, 一 as a dash",
	  "申请 日 期 :二 O 二 六 年 十 -月 十 八 日", "申请日期:二〇二六年十一月十八日\n", "〇",
	  EXTRACT_OCR_REPAIRED, 0, 0, NULL },
	{ "a dash between numbers without a 年 before stays", "编号 : 十 - 二 月",
	  "编号:十 - 二月\n", NULL, 0, 0, 0, NULL },
	{ "the dot of a name read as a quote mark put right, a doubt",
	  "申请 人 姓名 : 阿拉 坦 ' 巴 根", "申请人姓名:阿拉坦·巴根\n", "·",
	  EXTRACT_OCR_REPAIRED | EXTRACT_OCR_DOUBT, 0, 0, NULL },
	{ "an English label read with c for e put right",
	  "Addrcss : Room 1502, Building 3", "Address : Room 1502, Building 3\n", "Address",
	  EXTRACT_OCR_REPAIRED, 0, 0, NULL },
	{ "an English label read with an L after its t and c for e put right",
	  "NatLionality : United States\nInformation rcqucstcd : The rules",
	  "Nationality : United States\nInformation requested : The rules\n", "Nationality",
	  EXTRACT_OCR_REPAIRED, 0, 0, NULL },
	{ "English words before a colon that make no label stay",
	  "Dcar Sir : hello", "Dcar Sir : hello\n", NULL, 0, 0, 0, NULL },
	/* Characters. */
	{ "申 read as 中 before 请 put right, a doubt",
	  "用途 : 本人 中请 创业 担保 贷款", "用途:本人申请创业担保贷款\n", "申",
	  EXTRACT_OCR_REPAIRED | EXTRACT_OCR_DOUBT, 0, 0, NULL },
	{ "其中 before 请 stays", "用途 : 其中 请 提供 名单", "用途:其中请提供名单\n", NULL, 0,
	  0, 0, NULL },
	{ "中请人 is left to the labels' repair: a signature label read so stays",
	  "中 请 人 等 名", "中请人等名\n", NULL, 0, 0, 0, NULL },
	/* Labels. */
	{ "a label with one wrong character put right",
	  "证件 与 码 : 150102198706152311",
	  "证件号码:150102198706152311\n", "证件号码", EXTRACT_OCR_REPAIRED,
	  0, 0, NULL },
	{ "a label's first character misread", "巾 请 时间 : 2026 年 11 月 28 日",
	  "申请时间:2026年11月28日\n", "申请时间", EXTRACT_OCR_REPAIRED, 0, 0,
	  NULL },
	{ "a label one character from two fields' labels is not a label",
	  "申请 人 佳 名 : 王建国", "申请人佳名:王建国\n", "申请人佳名",
	  EXTRACT_OCR_DOUBT, 0, 0, "labels of two fields" },
	{ "a two-character label is never matched with a wrong character",
	  "姓 各 : 王建国", "姓各:王建国\n", NULL, 0, 0, 0, NULL },
	{ "an unreadable label before a landline number: guessed",
	  "巾 请 吋 问 : 0471-6234567", "电话:0471-6234567\n", "电话",
	  EXTRACT_OCR_GUESSED, 0, 0, NULL },
	{ "a field's label after the value before it on the line: split",
	  "姓名 : 王建 国 ”证{64} 件 名 称 : 居民 身份 证",
	  "姓名:王建国  证件名称:居民身份证\n", NULL, 0, 0, 0, NULL },
	{ "the longest tail one character from a label decides (证号 is part)",
	  "请 人 : 高 秀 兰 寻 份 证 号 : 150581196609173813",
	  "申请人:高秀兰  身份证号:150581196609173813\n", "身份证号",
	  EXTRACT_OCR_REPAIRED, 0, 0, NULL },
	{ "commas and enumeration commas between Chinese stay",
	  "一 、 申请 人 信息\n□ 自行 领取 、 邮寄 , 快递",
	  "一、申请人信息\n□ 自行领取、邮寄,快递\n", NULL, 0, 0, 0, NULL },
	{ "a label cell with its letters spread over it joined",
	  "名称\n统一  社会 信用 代码\n法定 代表 人",
	  "名称\n统一社会信用代码\n法定代表人\n", NULL, 0, 0, 0, NULL },
	{ "two words apart on a line of their own stay apart", "王建国  李秀兰",
	  "王建国  李秀兰\n", NULL, 0, 0, 0, NULL },
	{ "a label cell with one character wrong, and its note",
	  "了 政 编码\n028400\n子 邮箱\n所 需 信息 的 用  送 〈 自用 )",
	  "邮政编码\n028400\n电子邮箱\n所需信息的用途(自用)\n", "邮政编码",
	  EXTRACT_OCR_REPAIRED, 0, 0, NULL },
	{ "〈( printed for a full-width bracket", "索取 号 〈( 自用 )",
	  "索取号(自用)\n", NULL, 0, 0, 0, NULL },
	{ "a date cell below its label joined to it", "申请 时间\n2026 年 11 月 20 日",
	  "申请时间:2026年11月20日\n", NULL, 0, 0, 0, NULL },
	{ "a date label alone stays alone", "申请 时间\n王建国",
	  "申请时间\n王建国\n", NULL, 0, 0, 0, NULL },
	/* The form's printed hints. */
	{ "the request label's hint over two lines left out, the label stays a cell",
	  "所 需 信 息 的 内 容 描述 〈{45} 必 填 : 请 写 明{52} 信息 的 名 称 、 文 号 或 者 其 他\n"
	  "特征 描述{42} ){91}\n2025 年 度 通辽 市 就 业 补助 资金",
	  "所需信息的内容描述\n2025年度通辽市就业补助资金\n", NULL, 0, 0, 0, NULL },
	{ "a hint with characters misread, the label too, the value after it",
	  "所 需 信 总 的 内 容 朱 述 (必 撕 : 请 写 骨 信 和 避 的 名 称 、 六 与 或 首 革 他 特 秆 描 述 ) 2025 年度",
	  "所需信息的内容描述:2025年度\n", "所需信息的内容描述", EXTRACT_OCR_REPAIRED,
	  0, 0, NULL },
	{ "选填 after 索取号 left out", "索取 号 〈 选 填 )", "索取号\n", NULL, 0, 0, 0,
	  NULL },
	{ "a hint not closed on the page's last line stays as read (fuzz_ocr)",
	  "所 需 信 息 的 内 容 描述 (必 填 : 请 写 明 信息 的 名 称 、 文 号 或 者 其 他 特征 描述",
	  "所需信息的内容描述(必填:请写明信息的名称、文号或者其他特征描述\n", NULL, 0, 0,
	  0, NULL },
	{ "the boxes' hint after the medium's question left out",
	  "所 需 信 息 的 载体 形式 (请 在 方 框 内 打 “/ ”) 芝 纸 面",
	  "所需信息的载体形式:芝纸面\n", NULL, 0, 0, 0, NULL },
	{ "an applicant's own words in brackets after a label stay",
	  "所 需 信息 的 内容 描述 ( 请 提供 2025 年 的 名单 ) : 就业 补助",
	  "所需信息的内容描述(请提供2025年的名单):就业补助\n", NULL, 0, 0, 0, NULL },
	/* Frames (the OCR module's cells). */
	{ "the lines of one frame are one value: a request wrapped by its frame joined",
	  "所需 信息 的 内容 描述\n<所需信息的内容描述> 2025 年 度 通辽 市 就 业 补助 的 人\n"
	  "<所需信息的内容描述> 数\n所需 信息 的 用途\n<所需信息的用途> 自用",
	  "所需信息的内容描述\n2025年度通辽市就业补助的人数\n所需信息的用途\n自用\n", NULL,
	  0, 0, 0, NULL },
	{ "a speck read at the end of a wrapped request left out",
	  "申请 内 容 : 2025 年 通辽 市 失业 保险 金 执行 时 .\n间\n用 途 : 自用",
	  "申请内容:2025年通辽市失业保险金执行时\n间\n用途:自用\n", NULL, 0, 0, 0, NULL },
	{ "a dot ending a line stays where the value does not go on (an address)",
	  "地 址 : 通辽 市 科尔沁 区 .\n红星 街道",
	  "地址:通辽市科尔沁区 .\n红星街道\n", NULL, 0, 0, 0, NULL },
	{ "two frames one under the other stay two values",
	  "<通信地址> 内 蒙古 通辽 市\n<邮政编码> 028400",
	  "内蒙古通辽市\n028400\n", NULL, 0, 0, 0, NULL },
	{ "the words of a signature's frame left out, whatever the label above reads",
	  "申{0} 清{0} 入{0}\n<申请人签名（盖章）> 0.AAA{0}\n<申请人签名（盖章）> ooQ{11}\n申请 时间",
	  "申清入\n申请时间\n", NULL, 0, 0, 0, NULL },
	{ "a seal read beside the label and as the label of the frame under it: both left out",
	  "申请 人 签名 〈 盖 章 ) ATTASNAN{0}\n<申请人签名〈盖章)> 色{13}\n"
	  "<ATTASNAN> vv{0} RN{0}\n<ATTASNAN> 委{0} 成{0}\n申请 时间\n<申请时间> 2026 年 11 月 23 日",
	  "申请人签名:\n申请时间:2026年11月23日\n", NULL, 0, 0, 0, NULL },
	{ "a frame with a field's label under the signature's line stays",
	  "申请 人 签名 : 王建国\n<联系电话> 13847561209",
	  "申请人签名:\n13847561209\n", NULL, 0, 0, 0, NULL },
	/* The signature's area: ink, not text. */
	{ "a scribble read below the signature's label cell left out",
	  "申请 人 签名 〈 善 章 )\n0.AAA{0}\n申请 时间\n2026 年 11 月 20 日",
	  "申请人签名:\n申请时间:2026年11月20日\n", NULL, 0, 0, 0, NULL },
	{ "a seal read as letters beside the label left out",
	  "申请 人 签名 〈 盖 章 ) ATTASNAN{0}", "申请人签名:\n", NULL, 0, 0,
	  0, NULL },
	{ "the label read without its ), and two lines of a hand below it",
	  "申请 人 签名 ( 盖 章\n本{0}\n一 3{39} --{39}",
	  "申请人签名:\n", NULL, 0, 0, 0, NULL },
	{ "the label read as 签名盖章): still the signature's, never a name",
	  "姓名\n申请{41} 人 签名{66} 盖{9} 章 )\n本{0}",
	  "姓名\n申请人签名:\n", NULL, 0, 0, 0, NULL },
	{ "a letter's name in a hand after 申请人(签名)， left out, the date stays",
	  "申请 人 (签名 ) ，{26} 高{26} 大{63} 兰{0}\n2026 年 11 月 18 日",
	  "申请人签名:\n2026年11月18日\n", NULL, 0, 0, 0, NULL },
	{ "the field after the signature on its line stays",
	  "申请 人 签名 : 0.AAA{0}  申请 时间 : 2026 年 11 月 20 日",
	  "申请人签名:  申请时间:2026年11月20日\n", NULL, 0, 0, 0, NULL },
	{ "a section heading with 签名 is no signature label",
	  "五 、 申请 人 签名\n姓名 : 王建国", "五、申请人签名\n姓名:王建国\n", NULL,
	  0, 0, 0, NULL },
	{ "签名 in a sentence is no signature label",
	  "本人 已 签名 确认 , 特此 申请", "本人已签名确认,特此申请\n", NULL, 0, 0,
	  0, NULL },
	{ "此致 敬礼 with a character misread put right",
	  "尼{0} 致{63}\n克{48} 礼{0}", "此致\n敬礼\n", NULL, 0, 0, 0, NULL },
	/* A letter's lines the page wrapped (boxes: ocr-words.h). */
	{ "a line filled to the margin goes on in the next as wide",
	  FULL_LINE "\n" WIDE_LINE, FULL_TEXT WIDE_TEXT "\n", NULL, 0, 0, 0, NULL },
	{ "a line filled to the margin and a short line below, no other line that wide: a form's, apart",
	  FULL_LINE "\n谢谢", FULL_TEXT "\n谢谢\n", NULL, 0, 0, 0, NULL },
	{ "two lines reach the margin: the short last line of the sentence joined",
	  FULL_LINE "\n" OTHER_FULL "\n我 的", FULL_TEXT OTHER_FULL_TEXT "我的\n", NULL, 0,
	  0, 0, NULL },
	{ "a line that ends a sentence is not joined",
	  FULL_LINE " 。\n" WIDE_LINE, FULL_TEXT "。\n" WIDE_TEXT "\n", NULL, 0, 0, 0,
	  NULL },
	{ "a line short of the margin is not joined",
	  FULL_LINE "\n" WIDE_LINE "\n" WIDE_LINE, FULL_TEXT WIDE_TEXT "\n" WIDE_TEXT "\n",
	  NULL, 0, 0, 0, NULL },
	{ "a list's item below a full line starts a line of its own",
	  FULL_LINE "\n2、 " WIDE_LINE, FULL_TEXT "\n2、" WIDE_TEXT "\n", NULL, 0, 0, 0,
	  NULL },
	{ "a label and its colon below a full line start a line of their own",
	  FULL_LINE "\n联系 电话 : 13800000000 这是 我的 手机 号码 请在 工作 时间 联系 我 谢谢 您的 帮助",
	  FULL_TEXT "\n联系电话:13800000000这是我的手机号码请在工作时间联系我谢谢您的帮助\n",
	  NULL, 0, 0, 0, NULL },
	/* Identity numbers. */
	{ "ID with O and l: the one reading is valid",
	  "证件 号码 : 15O1O2198706l52311", "证件号码:150102198706152311\n",
	  NULL, 0, 0, 0, NULL },
	{ "ID with B: 8 valid, 3 not, but B has two readings: put right, doubtful",
	  "证件 号码 : 15010219B706152311", "证件号码:150102198706152311\n",
	  "8", EXTRACT_OCR_REPAIRED | EXTRACT_OCR_DOUBT, 0, 0,
	  "more than one reading" },
	{ "ID with two B of equal weight: two valid readings, left doubtful",
	  "证件 号码 : 1501B219870615B316", "证件号码:1501B219870615B316\n",
	  "1501B219870615B316", EXTRACT_OCR_DOUBT, 0, 0, "several valid readings" },
	{ "ID with no valid reading left doubtful",
	  "证件 号码 : 1501021987O615231B", "证件号码:1501021987O615231B\n",
	  "1501021987O615231B", EXTRACT_OCR_DOUBT, 0, 0, "no valid reading" },
	{ "ID whose only reading is born after today",
	  "证件 号码 : 15010220270l152311", "证件号码:15010220270l152311\n",
	  "15010220270l152311", EXTRACT_OCR_DOUBT, 0, 0, "no valid reading" },
	{ "letters inside a Latin word are no ID",
	  "Ref ABO1O2198706l52311", "Ref ABO1O2198706l52311\n", NULL, 0, 0, 0,
	  NULL },
	/* Credit codes (GB 32100: no I, O, S, V, Z). */
	{ "credit code with O: the one reading is well formed",
	  "统一 社会 信用 代码 : 91150502MAOQ7R3K5M",
	  "统一社会信用代码:91150502MA0Q7R3K5M\n", NULL, 0, 0, 0, NULL },
	{ "credit code with Z, 2 or 7: the check character chooses 7, doubtful",
	  "统一 社会 信用 代码 : 91150502MA0QZR3K5M",
	  "统一社会信用代码:91150502MA0Q7R3K5M\n", "91150502MA0Q7R3K5M",
	  EXTRACT_OCR_DOUBT, 0, 0, "the check character chose one" },
	{ "credit code with a frame's rule read as I at its end: left out, doubtful",
	  "统一 社会 信用 代码 : 91150502MAOQ7R3K5MI",
	  "统一社会信用代码:91150502MA0Q7R3K5M\n", "91150502MA0Q7R3K5M",
	  EXTRACT_OCR_DOUBT, 0, 0, "a mark at its end" },
	{ "credit code with O whose check character is wrong: O is 0, doubtful",
	  "统一 社会 信用 代码 : 91150521MA13R8TJOA",
	  "统一社会信用代码:91150521MA13R8TJ0A\n", "91150521MA13R8TJ0A",
	  EXTRACT_OCR_DOUBT, 0, 0, "no single valid reading" },
	{ "an ID ending in X with O and no valid reading is repair_ids' alone, no credit code",
	  "证件 号码 : 1523011990O101123X", "证件号码:1523011990O101123X\n",
	  "1523011990O101123X", EXTRACT_OCR_DOUBT, 0, 0, "no valid reading" },
	{ "a telephone's label and a comma before a bracketed area code: the comma is its colon",
	  "联系 电话 ， (0475)8221234", "联系电话:(0475)8221234\n", NULL, 0, 0, 0, NULL },
	{ "a code that does not start as a credit code is left as read",
	  "Ref 9X150502MAOQ7R3K5M", "Ref 9X150502MAOQ7R3K5M\n", NULL, 0, 0, 0,
	  NULL },
	/* Dates. */
	{ "年 read as 午", "申请 时间 : 2026 午 11 月 28 日",
	  "申请时间:2026年11月28日\n", "年", EXTRACT_OCR_REPAIRED, 0, 0, NULL },
	{ "年 月 日 read as 秆 冃 曰", "2026秆11冃28曰",
	  "2026年11月28日\n", NULL, 0, 0, 0, NULL },
	{ "月 read as 日 in the month's place", "2026年11日28日",
	  "2026年11月28日\n", NULL, 0, 0, 0, NULL },
	{ "午 without a date after it stays", "2026 午 会议",
	  "2026午会议\n", NULL, 0, 0, 0, NULL },
	{ "no 13th month", "2026午13月28日", "2026午13月28日\n", NULL, 0, 0, 0,
	  NULL },
	/* The fax header and the cover page. */
	{ "the fax header line left out",
	  "2026-11-28 14:32 0471-6234567 ZHAOFAX P.1/2\n政府 信息 公开 申请 表",
	  "政府信息公开申请表\n", NULL, 0, 1, 0, NULL },
	{ "a header read at normal resolution (P.1/2 as P172)",
	  "NOV-28-2026 14:32 FROM 0471 6234567 P172\n政府 信息 公开 申请 表",
	  "政府信息公开申请表\n", NULL, 0, 1, 0, NULL },
	{ "a header read at normal resolution (12:42 as 12.42, P.1/4 as Pb.174)",
	  "NOV-21-2026 12.42 FROM 027 82763415 LIN HAIJUN Pb.174\n"
	  "政府 信息 公开 申请 表",
	  "政府信息公开申请表\n", NULL, 0, 1, 0, NULL },
	{ "a page's header read short (its time 12.56, no page mark)",
	  "NOV-24-2026 12.56 FROM \u201d020 38291757\n政府 信息 公开 申请 表",
	  "政府信息公开申请表\n", NULL, 0, 1, 0, NULL },
	{ "a date with points and a telephone are no header",
	  "2026.11.28  0471-6234567", "2026.11.28  0471-6234567\n", NULL, 0, 0,
	  0, NULL },
	{ "a form's first line with a date and a telephone is no header",
	  "申请 日期 : 2026-11-28  电话 : 0471-6234567",
	  "申请日期:2026-11-28  电话:0471-6234567\n", NULL, 0, 0, 0, NULL },
	{ "a cover page left out",
	  "传真 封面\n致 : 某市 自然 资源 局\n发件 人 : 王建国\n页数 : 2\n\f\n"
	  "姓名 : 王建国\n通信 地址 : 呼和浩特 市",
	  "姓名:王建国\n通信地址:呼和浩特市\n", NULL, 0, 0, 1, NULL },
	{ "a page with cover fields and the form's is the form",
	  "致 : 某局\n发件 人 : 王建国\n页数 : 1\n姓名 : 王建国\n通信 地址 : 某市",
	  "致:某局\n发件人:王建国\n页数:1\n姓名:王建国\n通信地址:某市\n", NULL, 0,
	  0, 0, NULL },
	{ "a fax of its cover page alone is read, doubtful",
	  "FAX COVER\nTO : Office\nFROM : Wang", "FAX COVER\nTO : Office\nFROM : Wang\n",
	  NULL, 0, 0, 0, "only a cover page" },
};

static void
test_front(void **state)
{
	unsigned failed = 0;

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		const struct front_case *c = &cases[i];
		size_t n;
		struct extract_ocr_word *w = ocr_words_parse(c->words, &n);
		struct extract_ocr_text t;
		bool doubt_found = false;

		extract_ocr_front(w, n, TODAY, &t);
		if (strcmp(t.text, c->want) != 0) {
			print_error("%s:\n  want \"%s\"\n  got  \"%s\"\n", c->title,
				    c->want, t.text);
			failed++;
		} else if (c->flagged != NULL) {
			const char *at = strstr(t.text, c->flagged);

			for (size_t b = 0; at != NULL && b < strlen(c->flagged); b++)
				if ((t.flags[at - t.text + b] & c->flag) != c->flag) {
					print_error("%s: byte %zu of \"%s\" not flagged %u\n",
						    c->title, b, c->flagged, c->flag);
					failed++;
					break;
				}
		}
		if (t.header_lines != c->header_lines ||
		    t.cover_pages != c->cover_pages) {
			print_error("%s: header lines %u cover pages %u, want %u %u\n",
				    c->title, t.header_lines, t.cover_pages,
				    c->header_lines, c->cover_pages);
			failed++;
		}
		for (guint k = 0; k < t.doubts->len; k++)
			doubt_found |= c->doubt != NULL &&
				       strstr(g_ptr_array_index(t.doubts, k), c->doubt) != NULL;
		if ((c->doubt != NULL) != doubt_found ||
		    (c->doubt == NULL && t.doubts->len > 0)) {
			print_error("%s: doubts %u, want one with \"%s\"\n", c->title,
				    t.doubts->len, c->doubt != NULL ? c->doubt : "(none)");
			failed++;
		}
		extract_ocr_text_clear(&t);
		ocr_words_free(w, n);
	}
	assert_int_equal(failed, 0);
}

/* Every byte of the text comes from a word or was put in between. */
static void
test_trace(void **state)
{
	size_t n;
	struct extract_ocr_word *w = ocr_words_parse(
		"[90] 姓名 : 王建{40} 国\n证件 号码 : 15O1O2198706l52311", &n);
	struct extract_ocr_text t;
	const char *name;

	(void)state;
	extract_ocr_front(w, n, TODAY, &t);
	name = strstr(t.text, "王建国");
	assert_non_null(name);
	assert_int_equal(w[t.word[name - t.text]].conf, 40);
	assert_string_equal(w[t.word[name - t.text + strlen("王建")]].text, "国");
	assert_int_equal(t.word[strchr(t.text, '\n') - t.text], -1);
	assert_int_equal(t.low_words, 1);
	assert_string_equal(w[t.word[strstr(t.text, "1501") - t.text]].text,
			    "15O1O2198706l52311");
	extract_ocr_text_clear(&t);
	ocr_words_free(w, n);
}

/* A word whose box Tesseract made narrower than its characters makes no
 * column gap after it: the address of a fine letter (fax of another
 * province's applicant) read ":山东" 31 px wide, its 省 63 px on, at a
 * line height of 40.  Two fields far apart on a line stay apart. */
static void
test_narrow_box(void **state)
{
	static const struct { const char *text; int x0, x1; } line[] = {
		{ "地", 311, 350 }, { "址", 368, 411 }, { ":山东", 443, 474 },
		{ "省", 537, 578 }, { "济南", 576, 654 }, { "市", 667, 713 },
		{ "电话", 1100, 1180 }, { "13847561209", 1195, 1420 },
	};
	struct extract_ocr_word w[G_N_ELEMENTS(line)];
	struct extract_ocr_text t;

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(line); i++)
		w[i] = (struct extract_ocr_word){ .text = line[i].text, .conf = 95,
						  .x0 = line[i].x0, .x1 = line[i].x1,
						  .y0 = 835, .y1 = 875 };
	extract_ocr_front(w, G_N_ELEMENTS(w), TODAY, &t);
	assert_string_equal(t.text, "地址:山东省济南市  电话13847561209\n");
	extract_ocr_text_clear(&t);
}

/* A header cut in two blocks by the layout: its right end, read as a line
 * after the form's first lines, goes with it; a line below it stays. */
static void
test_header_split(void **state)
{
	static const struct {
		const char *text; unsigned line; int x0, y0, x1, y1;
	} in[] = {
		{ "NOV-24-2026", 0, 40, 10, 260, 32 }, { "12.56", 0, 290, 10, 380, 32 },
		{ "FROM", 0, 410, 10, 500, 32 }, { "020", 0, 530, 10, 590, 32 },
		{ "38291757", 0, 610, 10, 780, 32 },
		{ "所需", 1, 120, 90, 200, 130 }, { "信息", 1, 210, 90, 290, 130 },
		{ "YONGXING", 2, 1100, 12, 1290, 31 }, { "p.3/4", 2, 1330, 12, 1420, 34 },
		{ "2026", 3, 120, 150, 200, 190 }, { "年", 3, 205, 150, 245, 190 },
		{ "广州", 3, 250, 150, 330, 190 },
	};
	struct extract_ocr_word w[G_N_ELEMENTS(in)];
	struct extract_ocr_text t;

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(in); i++)
		w[i] = (struct extract_ocr_word){ .text = in[i].text, .conf = 95,
						  .line = in[i].line,
						  .x0 = in[i].x0, .y0 = in[i].y0,
						  .x1 = in[i].x1, .y1 = in[i].y1 };
	extract_ocr_front(w, G_N_ELEMENTS(w), TODAY, &t);
	assert_string_equal(t.text, "所需信息\n2026年广州\n");
	assert_int_equal(t.header_lines, 2);
	extract_ocr_text_clear(&t);
}

/* The signature's frame counts as its area: the ink decides, though no
 * label was read. */
static void
test_sign_frame(void **state)
{
	size_t n;
	struct extract_ocr_word *w = ocr_words_parse(
		"姓名\n<姓名> 王建国\n<申请人签名（盖章）> 王{20} 建{10} 国{5}", &n);
	struct extract_ocr_text t;

	(void)state;
	extract_ocr_front(w, n, TODAY, &t);
	assert_string_equal(t.text, "姓名\n王建国\n");
	assert_int_equal(t.sign_areas, 1);
	assert_int_equal(t.low_words, 0);
	extract_ocr_text_clear(&t);
	ocr_words_free(w, n);
}

/* The entry on messages without parts, as a fax or an e-mail (fuzz
 * finding: no parts were copied from a NULL array, undefined under UBSan). */
static void
test_entry_no_parts(void **state)
{
	static const char *const own[] = { "ogi@example.gov.cn", NULL };
	const struct extract_context ctx = {
		.own_addresses = own, .today = TODAY, .sender_is_contact = true,
	};
	size_t n;
	struct extract_ocr_word *w = ocr_words_parse(
		"姓名 : 王建国\n证件 号码 : 150102198706152311", &n);
	struct mime_message msg;

	(void)state;
	memset(&msg, 0, sizeof(msg));
	msg.subject = (char *)"";
	msg.body = (char *)"";
	for (int gateway = 0; gateway < 2; gateway++) {
		const struct extract_ocr_input in = {
			.words = w, .n_words = n, .gateway_text = gateway,
		};
		struct extract_record *rec = extract_message_ocr(&msg, &in, &ctx);

		assert_string_equal(rec->name, "王建国");
		assert_string_equal(rec->id_number, "150102198706152311");
		extract_record_free(rec);
	}
	ocr_words_free(w, n);
}

/* A signature is ink, not words: a fax form whose signature area holds a
 * hand OCR cannot read is judged by the ink the OCR module measured. */
static void
test_signature_ink(void **state)
{
	static const struct {
		enum extract_ocr_ink ink;
		enum extract_verdict verdict;
		bool missing;
	} inks[] = {
		{ EXTRACT_OCR_INK_PRESENT, EXTRACT_VERDICT_COMPLETE, false },
		{ EXTRACT_OCR_INK_ABSENT, EXTRACT_VERDICT_INCOMPLETE, true },
		/* Never a correction notice for a form that may be signed. */
		{ EXTRACT_OCR_INK_UNKNOWN, EXTRACT_VERDICT_REVIEW, true },
	};
	static const char *const own[] = { "ogi@example.gov.cn", NULL };
	const struct extract_context ctx = {
		.own_addresses = own, .today = TODAY,
	};
	size_t n;
	struct extract_ocr_word *w = ocr_words_parse(
		"政府 信息 公开 申请 表\n"
		"姓名 : 王建国\n"
		"证件 名称 : 居民 身份证\n"
		"证件 号码 : 150102198706152311\n"
		"通信 地址 : 呼和浩特市 新城区 海拉尔 大街 18 号\n"
		"联系 电话 : 13847123456\n"
		"所需 信息 的 内容 描述 : 2025 年 新城区 就业 补助 资金 发放 名单\n"
		"申请人 签名 :\n"
		"申请 时间 : 2026 年 11 月 20 日", &n);
	struct mime_message msg;

	(void)state;
	memset(&msg, 0, sizeof(msg));
	msg.subject = (char *)"";
	msg.body = (char *)"";
	for (size_t i = 0; i < G_N_ELEMENTS(inks); i++) {
		const struct extract_ocr_input in = {
			.words = w, .n_words = n, .gateway_text = true,
			.signature = inks[i].ink,
		};
		struct extract_record *rec = extract_message_ocr(&msg, &in, &ctx);

		if (rec->verdict != inks[i].verdict ||
		    ((rec->missing & EXTRACT_ELEM_SIGNATURE) != 0) != inks[i].missing)
			fail_msg("ink %d: verdict %d, missing %#x, review %s",
				 inks[i].ink, rec->verdict, rec->missing,
				 rec->review ? rec->review : "-");
		extract_record_free(rec);
	}
	ocr_words_free(w, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_front),
		cmocka_unit_test(test_trace),
		cmocka_unit_test(test_narrow_box),
		cmocka_unit_test(test_header_split),
		cmocka_unit_test(test_sign_frame),
		cmocka_unit_test(test_entry_no_parts),
		cmocka_unit_test(test_signature_ink),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
