/* Pure helpers of the extract module: identity numbers (GB 11643, GB 32100,
 * GB 11714), application dates, text folding, case numbers and the record's
 * names.  Every check character below was computed with the standard's
 * weights and confirmed with an independent script. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

#include "extract/extract.h"
#include "extract/lexicon.h"

/* Check characters computed with the GB 11643 weights and checked by hand
 * for 11010519491231002X. */
static void
test_resident_id(void **state)
{
	static const struct {
		const char *written;
		const char *normalised;
		bool valid;
	} cases[] = {
		{ "11010519491231002X", "11010519491231002X", true },
		{ "150102198001011236", "150102198001011236", true },
		{ "440304198506123455", "440304198506123455", true },
		{ "11010519491231002x", "11010519491231002X", true },
		{ "１５０１０２１９８００１０１１２３６", "150102198001011236", true },
		{ "150102 19800101 1236", "150102198001011236", true },
		{ "150102-19800101-1236", "150102198001011236", true },
		{ "\u3000150102１９８００１０１1236 ", "150102198001011236", true },
		/* first-generation 15-digit number (born 1949-01-01): no check
		 * character, void since 2013 */
		{ "110105490101002", "110105490101002", false },
		{ "150502850312421", "150502850312421", false },
		/* bad check character */
		{ "150102198001011237", "150102198001011237", false },
		{ "110105194912310021", "110105194912310021", false },
		/* right check, impossible birth dates: 1962-02-29, month 13 */
		{ "152301196202291235", "152301196202291235", false },
		{ "150102198013011233", "150102198013011233", false },
		/* born before 1900 */
		{ "150102189001011231", "150102189001011231", false },
		{ "110105490230002", "110105490230002", false },
		/* wrong length, letters */
		{ "15010219800101123", "15010219800101123", false },
		{ "1501021980010112366", "1501021980010112366", false },
		{ "15010219800101123A", "15010219800101123A", false },
		{ "", "", false },
	};
	char buf[32];

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		assert_int_equal(extract_id_normalise(cases[i].written, buf,
						      sizeof(buf)), 0);
		assert_string_equal(buf, cases[i].normalised);
		if (extract_resident_id_valid(buf) != cases[i].valid)
			fail_msg("case %zu: %s should be %s", i, buf,
				 cases[i].valid ? "valid" : "invalid");
	}
}

static void
test_resident_id_check_table(void **state)
{
	/* Every check character is reachable, X included: changing the last
	 * digit of the body must change the expected check. */
	static const char *const valid[] = {
		"11010519491231002X", "320502199003070019",
		"110101199001010007", "110101198811110021",
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(valid); i++) {
		char id[19];

		assert_true(extract_resident_id_valid(valid[i]));
		memcpy(id, valid[i], sizeof(id));
		id[17] = id[17] == '0' ? '1' : '0';
		assert_false(extract_resident_id_valid(id));
	}
	/* The validators take the normalised form only. */
	assert_false(extract_resident_id_valid("11010519491231002x"));
	assert_false(extract_resident_id_valid(NULL));
}

static void
test_normalise_overflow(void **state)
{
	char buf[8];

	(void)state;
	assert_int_equal(extract_id_normalise("12345678", buf, sizeof(buf)), -1);
	assert_string_equal(buf, "");
	assert_int_equal(extract_id_normalise("1234 567", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "1234567");
	assert_int_equal(extract_id_normalise("ab\u2014cd", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "ABCD");
}

static void
test_uscc(void **state)
{
	static const struct {
		const char *written;
		bool valid;
	} cases[] = {
		/* domain.md's examples; the last two were made with the GB
		 * 32100 check only (their organisation codes do not hold:
		 * test_uscc_well_formed) */
		{ "91110000600037341L", true },
		{ "91350100M000100Y43", true },
		{ "12150500011475628P", true },
		{ "91150502MA0N8XK2C4", true },
		{ "91110000600037341l", true },
		{ "9111 0000 6000 3734 1L", true },
		{ "９１１１００００６０００３７３４１Ｌ", true },
		/* wrong check character */
		{ "91110000600037341M", false },
		{ "91350100M000100Y44", false },
		/* letters outside the code alphabet: I O S V Z */
		{ "91110000600037341I", false },
		{ "9135010OM000100Y43", false },
		{ "91350100S000100Y43", false },
		{ "91350100V000100Y43", false },
		{ "91350100Z000100Y43", false },
		/* length */
		{ "91110000600037341", false },
		{ "91110000600037341L0", false },
		{ "", false },
	};
	char buf[40];

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		assert_int_equal(extract_id_normalise(cases[i].written, buf,
						      sizeof(buf)), 0);
		if (extract_uscc_valid(buf) != cases[i].valid)
			fail_msg("case %zu: %s should be %s", i, buf,
				 cases[i].valid ? "valid" : "invalid");
	}
	assert_false(extract_uscc_valid(NULL));
}

/* Every code here passes the GB 32100 check; only the structure decides. */
static void
test_uscc_well_formed(void **state)
{
	static const struct {
		const char *code;
		bool well_formed;
	} cases[] = {
		{ "91350100M000100Y43", true },  /* 市场监管, enterprise */
		{ "91110000600037341L", true },
		{ "51150502MA0Q1H2L73", true },  /* 民政, social organisation */
		{ "Y1150500MA0R2X4K15", true },  /* other authority */
		{ "N2150521MA0P7K3U76", true },  /* village collective */
		{ "93150581MA0N3K7X38", true },  /* farmers' co-operative */
		{ "1215050015052001XT", true },  /* organisation code ends in X */
		/* all digits, shaped like a resident ID from 131102 (its GB
		 * 11643 check would be X): a mass organisation's code */
		{ "131102198506120383", true },
		/* the embedded organisation code's check character is wrong */
		{ "91350100M000100Y56", false },
		{ "12150500011475628P", false },
		{ "91150502MA0N8XK2C4", false },
		/* category 4 is not one 市场监管 assigns; Y has only 1 */
		{ "94350100M000100Y4R", false },
		{ "Y2350100M000100Y4A", false },
		/* no registration authority B or 0 */
		{ "B1350100M000100Y41", false },
		{ "01350100M000100Y4C", false },
		/* 01 is no province; a letter in the division code */
		{ "91010100M000100Y4E", false },
		{ "9135A100M000100Y4Y", false },
		/* a mistyped resident ID from 150502: authority 1 has no
		 * category 5 */
		{ "150502198703150010", false },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		assert_true(extract_uscc_valid(cases[i].code));
		if (extract_uscc_well_formed(cases[i].code) != cases[i].well_formed)
			fail_msg("case %zu: %s should be %s", i, cases[i].code,
				 cases[i].well_formed ? "well formed" : "ill formed");
	}
	assert_false(extract_uscc_well_formed("91350100M000100Y44"));
	assert_false(extract_uscc_well_formed(""));
	assert_false(extract_uscc_well_formed(NULL));
}

static void
test_org_code(void **state)
{
	static const struct {
		const char *written;
		bool valid;
	} cases[] = {
		{ "55672931-5", true },
		{ "600037341", true },
		{ "M000100Y4", true },
		{ "15052001X", true },  /* 11 - sum mod 11 = 10 */
		{ "718420020", true },  /* 11 - sum mod 11 = 11 */
		{ "556729314", false },
		{ "15052001-0", false },
		{ "71842002X", false },
		{ "5567293155", false },
		{ "55672931", false },
		{ "5567-2931*5", false },
		{ "", false },
	};
	char buf[32];

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		assert_int_equal(extract_id_normalise(cases[i].written, buf,
						      sizeof(buf)), 0);
		if (extract_org_code_valid(buf) != cases[i].valid)
			fail_msg("case %zu: %s should be %s", i, buf,
				 cases[i].valid ? "valid" : "invalid");
	}
	assert_false(extract_org_code_valid("m000100y4"));
	assert_false(extract_org_code_valid(NULL));
}

static void
test_dates(void **state)
{
	static const struct {
		const char *text;
		int rc;
		const char *date;
	} cases[] = {
		{ "申请时间：2026年11月20日", 1, "2026-11-20" },
		{ "2026年11月 20 日", 1, "2026-11-20" },
		{ "2026 年 11 月 20 日", 1, "2026-11-20" },
		{ "日期 2026年1月5日 签名", 1, "2026-01-05" },
		{ "2026年11月20号", 1, "2026-11-20" },
		{ "2026-11-20", 1, "2026-11-20" },
		{ "2026/11/20", 1, "2026-11-20" },
		{ "2026.11.20", 1, "2026-11-20" },
		{ "于2026-1-5提交", 1, "2026-01-05" },
		{ "２０２６年１１月２０日", 1, "2026-11-20" },
		{ "２０２６－１１－２０", 1, "2026-11-20" },
		{ "二〇二六年十一月二十日", 1, "2026-11-20" },
		{ "二○二六年十一月二十一日", 1, "2026-11-21" },
		{ "二零二六年一月三十一日", 1, "2026-01-31" },
		{ "二O二六年十月十日", 1, "2026-10-10" },
		{ "二〇二六年三月十一日", 1, "2026-03-11" },
		{ "2024年2月29日", 1, "2024-02-29" },
		{ "2026.11.3", 1, "2026-11-03" },
		{ "日期：2026.1.15", 1, "2026-01-15" },
		{ "二〇二六年十一月五日", 1, "2026-11-05" },
		{ "二零二六年十二月一日", 1, "2026-12-01" },
		/* English, day or month first */
		{ "Date: 18 November 2026", 1, "2026-11-18" },
		{ "November 18, 2026", 1, "2026-11-18" },
		{ "Nov. 18, 2026", 1, "2026-11-18" },
		{ "on the 3rd of March 2026", 1, "2026-03-03" },
		{ "Sept. 9th 2026", 1, "2026-09-09" },
		{ "18-Nov-2026", 1, "2026-11-18" },
		{ "dated 2 may 2026", 1, "2026-05-02" },
		{ "February 30, 2026", -1, "2026-02-30" },
		/* day and month first, in the order the numbers show */
		{ "18/11/2026", 1, "2026-11-18" },
		{ "11/18/2026", 1, "2026-11-18" },
		{ "Date: 25.12.2026", 1, "2026-12-25" },
		{ "7/7/2026", 1, "2026-07-07" },
		{ "05/11/2026", EXTRACT_DATE_AMBIGUOUS, "2026-11-05" },
		{ "1-2-2026", EXTRACT_DATE_AMBIGUOUS, "2026-02-01" },
		{ "31/13/2026", -1, "2026-13-31" },
		/* the first date wins */
		{ "2026年3月投诉，2026年11月20日申请", 1, "2026-11-20" },
		{ "2026-11-20 和 2026-11-21", 1, "2026-11-20" },
		/* shaped like a date, not a calendar date */
		{ "2026年2月30日", -1, "2026-02-30" },
		{ "2026-13-01", -1, "2026-13-01" },
		{ "2025年2月29日", -1, "2025-02-29" },
		{ "二〇二六年二月三十日", -1, "2026-02-30" },
		{ "2026年4月31日", -1, "2026-04-31" },
		/* not dates */
		{ "身份证号150102202611201234", 0, "" },
		{ "电话 0471-8234567", 0, "" },
		{ "手机 13912345678", 0, "" },
		{ "20261120", 0, "" },
		{ "编号2026-000123", 0, "" },
		{ "版本 2026.11.20.1", 0, "" },
		{ "12026-11-20", 0, "" },
		{ "2026年11月", 0, "" },
		{ "2026年第3季度", 0, "" },
		{ "1850年1月1日", 0, "" },
		/* months' names in words, numbers that are not dates */
		{ "Mayor 18, 2026", 0, "" },
		{ "Room 1502, Building 3", 0, "" },
		{ "in November 2026", 0, "" },
		{ "18 Novel 2026", 0, "" },
		{ "ID 12/11/20261", 0, "" },
		{ "v1.2.2026.4", 0, "" },
		{ "A12/11/2026", 0, "" },
		{ "", 0, "" },
	};
	char out[11];

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		int rc = extract_date_find(cases[i].text, out);

		if (rc != cases[i].rc || strcmp(out, cases[i].date) != 0)
			fail_msg("case %zu \"%s\": got %d \"%s\", want %d \"%s\"",
				 i, cases[i].text, rc, out, cases[i].rc,
				 cases[i].date);
	}
}

static void
test_month_day(void **state)
{
	static const struct {
		const char *text, *receipt;
		int rc;
		const char *date;
	} cases[] = {
		{ "11月20日", "2026-11-20", 1, "2026-11-20" },
		{ "申请日期：11月18号", "2026-11-20", 1, "2026-11-18" },
		{ "十一月五日", "2026-11-20", 1, "2026-11-05" },
		{ "１１月３日", "2026-11-20", 1, "2026-11-03" },
		{ "韩雪 11 月 9 日", "2026-11-20", 1, "2026-11-09" },
		/* after receipt in its year: written the year before */
		{ "12月28日", "2027-01-03", 1, "2026-12-28" },
		{ "11月25日", "2026-11-20", 1, "2025-11-25" },
		/* a day ahead of a receipt day in UTC is the same year, and
		 * New Year's morning in China is New Year's Eve in UTC */
		{ "11月21日", "2026-11-20", 1, "2026-11-21" },
		{ "1月1日", "2026-12-31", 1, "2027-01-01" },
		{ "2月29日", "2028-03-02", 1, "2028-02-29" },
		{ "2月29日", "2026-03-02", -1, "2026-02-29" },
		{ "13月2日", "2026-11-20", -1, "2026-13-02" },
		/* a year before it, or no day: not this reader's */
		{ "2026年11月20日", "2026-11-20", 0, "" },
		{ "11月份", "2026-11-20", 0, "" },
		{ "每月20", "2026-11-20", 0, "" },
		{ "11月20日", "", 0, "" },
		{ "11月20日", NULL, 0, "" },
	};
	char out[11];

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		int rc = extract_date_find_month_day(cases[i].text,
						     cases[i].receipt, out);

		if (rc != cases[i].rc || strcmp(out, cases[i].date) != 0)
			fail_msg("case %zu \"%s\" received %s: got %d \"%s\", "
				 "want %d \"%s\"", i, cases[i].text,
				 cases[i].receipt != NULL ? cases[i].receipt : "-",
				 rc, out, cases[i].rc, cases[i].date);
	}
}

static void
test_case_ref(void **state)
{
	static const struct {
		const char *text;
		const char *ref;
	} cases[] = {
		{ "Re: 受理回执 2026-000123", "2026-000123" },
		{ "编号：2026-000123。", "2026-000123" },
		{ "（２０２６－０００１２３）", "2026-000123" },
		{ "2099-999999", "2099-999999" },
		{ "a2031-000001b", "2031-000001" },
		/* not case numbers */
		{ "1999-000123", NULL },
		{ "2100-000123", NULL },
		{ "12026-000123", NULL },
		{ "2026-0001234", NULL },
		{ "2026-00012", NULL },
		{ "2026-11-20", NULL },
		{ "20260001234", NULL },
		{ "", NULL },
	};
	char buf[12];

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		bool found = extract_find_case_ref(cases[i].text, buf, sizeof(buf));

		if (found != (cases[i].ref != NULL))
			fail_msg("case %zu \"%s\": found=%d", i, cases[i].text,
				 found);
		if (found)
			assert_string_equal(buf, cases[i].ref);
	}
	assert_false(extract_find_case_ref("2026-000123", buf, 11));
}

/* extract_text_fold() copies a traditional character's simplified twin
 * byte for byte in its place: every row of the data file must be two
 * three-byte CJK characters, or the fold would read past the row. */
static void
test_trad_simp_rows(void **state)
{
	(void)state;
	assert_true(extract_lexicon_trad_simp_n > 0);
	for (size_t i = 0; i < extract_lexicon_trad_simp_n; i++) {
		const char *row = extract_lexicon_trad_simp[i];
		gunichar a, b;

		if (strlen(row) != 6 || !g_utf8_validate(row, -1, NULL))
			fail_msg("trad_simp row %zu \"%s\" is not two characters "
				 "of three bytes", i, row);
		a = g_utf8_get_char(row);
		b = g_utf8_get_char(row + 3);
		if (!g_unichar_iswide(a) || !g_unichar_iswide(b) || a == b)
			fail_msg("trad_simp row %zu \"%s\" is not a pair of CJK "
				 "characters", i, row);
		for (size_t j = 0; j < i; j++)
			if (memcmp(extract_lexicon_trad_simp[j], row, 3) == 0)
				fail_msg("trad_simp rows %zu and %zu fold the same "
					 "character", j, i);
	}
}

/* Every row folds, whatever its place in the table (the lookup is a
 * search in a sorted copy), in the middle of other text too. */
static void
test_trad_simp_every_row(void **state)
{
	(void)state;
	for (size_t i = 0; i < extract_lexicon_trad_simp_n; i++) {
		const char *row = extract_lexicon_trad_simp[i];
		char *in = g_strdup_printf("a%.3s甲%.3s", row, row);
		char *want = g_strdup_printf("a%s甲%s", row + 3, row + 3);
		char *got = extract_text_fold(in);

		if (strcmp(got, want) != 0)
			fail_msg("trad_simp row %zu: \"%s\" folds to \"%s\"", i,
				 in, got);
		g_free(got);
		g_free(want);
		g_free(in);
	}
}

static void
test_fold_trim(void **state)
{
	static const struct {
		const char *in;
		const char *folded;
	} folds[] = {
		{ "姓名：张三（先生）", "姓名:张三(先生)" },
		{ "ＡＢＣ１２３ａ～！", "ABC123a~!" },
		{ "a\r\nb\rc\n", "a\nb\nc\n" },
		{ "甲\u3000乙", "甲 乙" },
		{ "《条例》、。", "《条例》、。" },
		/* traditional characters of the lexicon's words, 資訊 as 信息;
		 * a twin (後/后, 乾/干) and a name's rarer characters stay */
		{ "申請人簽署：陳偉強", "申请人签署:陳偉強" },
		{ "聯絡電話（郵遞區號）", "联络电话(邮递区号)" },
		{ "所需資訊", "所需信息" },
		{ "補正後，乾", "补正後,乾" },
		{ "", "" },
	};
	static const struct {
		const char *in;
		const char *trimmed;
	} trims[] = {
		{ "  张三  ", "张三" },
		{ "\u3000\u3000北京市  东城区\n\t1号\u3000", "北京市 东城区 1号" },
		{ "a\u00a0\u00a0b", "a b" },
		{ " \t\n\u3000", NULL },
		{ "", NULL },
	};

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(folds); i++) {
		char *s = extract_text_fold(folds[i].in);

		assert_string_equal(s, folds[i].folded);
		g_free(s);
	}
	for (size_t i = 0; i < G_N_ELEMENTS(trims); i++) {
		char *s = extract_text_trim(trims[i].in);

		if (trims[i].trimmed == NULL)
			assert_null(s);
		else
			assert_string_equal(s, trims[i].trimmed);
		g_free(s);
	}
	assert_null(extract_text_fold(NULL));
	assert_null(extract_text_trim(NULL));
}

static void
test_names(void **state)
{
	static const char *const kinds[EXTRACT_KIND_COUNT] = {
		"application", "correction_reply", "status_query", "auto_reply",
		"bounce", "spam", "consultation", "complaint",
	};
	static const char *const elements[EXTRACT_ELEM_COUNT] = {
		"name", "address", "identity_proof", "contact", "request",
		"signature", "date",
	};
	static const char *const invalid[EXTRACT_INVALID_COUNT] = {
		"id_number", "date", "postcode", "phone", "email",
	};
	enum extract_kind k;
	enum extract_applicant_kind a;
	enum extract_id_type t;
	enum extract_delivery d;
	enum extract_medium m;

	(void)state;
	for (int i = 0; i < EXTRACT_KIND_COUNT; i++) {
		assert_string_equal(extract_kind_name((enum extract_kind)i), kinds[i]);
		assert_int_equal(extract_kind_from_name(kinds[i], &k), 0);
		assert_int_equal(k, i);
	}
	for (unsigned i = 0; i < EXTRACT_ELEM_COUNT; i++) {
		assert_string_equal(extract_element_name(1u << i), elements[i]);
		assert_int_equal(extract_element_from_name(elements[i]), 1u << i);
	}
	for (unsigned i = 0; i < EXTRACT_INVALID_COUNT; i++) {
		assert_string_equal(extract_invalid_name(1u << i), invalid[i]);
		assert_int_equal(extract_invalid_from_name(invalid[i]), 1u << i);
	}
	assert_null(extract_element_name(0));
	assert_null(extract_element_name(EXTRACT_ELEM_NAME | EXTRACT_ELEM_DATE));
	assert_null(extract_element_name(1u << EXTRACT_ELEM_COUNT));
	assert_null(extract_invalid_name(1u << EXTRACT_INVALID_COUNT));
	assert_int_equal(extract_element_from_name("nonsense"), 0);
	assert_int_equal(extract_invalid_from_name(NULL), 0);

	assert_null(extract_applicant_kind_name(EXTRACT_APPLICANT_UNKNOWN));
	assert_string_equal(extract_applicant_kind_name(EXTRACT_APPLICANT_PERSON), "person");
	assert_string_equal(extract_applicant_kind_name(EXTRACT_APPLICANT_ORGANISATION), "organisation");
	assert_int_equal(extract_applicant_kind_from_name("organisation", &a), 0);
	assert_int_equal(a, EXTRACT_APPLICANT_ORGANISATION);

	assert_null(extract_id_type_name(EXTRACT_ID_NONE));
	assert_string_equal(extract_id_type_name(EXTRACT_ID_RESIDENT), "resident_id");
	assert_string_equal(extract_id_type_name(EXTRACT_ID_USCC), "uscc");
	assert_string_equal(extract_id_type_name(EXTRACT_ID_ORG_CODE), "org_code");
	assert_string_equal(extract_id_type_name(EXTRACT_ID_PASSPORT), "passport");
	assert_string_equal(extract_id_type_name(EXTRACT_ID_OTHER), "other");
	assert_int_equal(extract_id_type_from_name("passport", &t), 0);
	assert_int_equal(t, EXTRACT_ID_PASSPORT);

	assert_null(extract_delivery_name(EXTRACT_DELIVERY_UNKNOWN));
	assert_string_equal(extract_delivery_name(EXTRACT_DELIVERY_EMAIL), "email");
	assert_string_equal(extract_delivery_name(EXTRACT_DELIVERY_FAX), "fax");
	assert_string_equal(extract_delivery_name(EXTRACT_DELIVERY_POST), "post");
	assert_string_equal(extract_delivery_name(EXTRACT_DELIVERY_PICKUP), "pickup");
	assert_int_equal(extract_delivery_from_name("pickup", &d), 0);
	assert_int_equal(d, EXTRACT_DELIVERY_PICKUP);

	assert_null(extract_medium_name(EXTRACT_MEDIUM_UNKNOWN));
	assert_string_equal(extract_medium_name(EXTRACT_MEDIUM_PAPER), "paper");
	assert_string_equal(extract_medium_name(EXTRACT_MEDIUM_ELECTRONIC), "electronic");
	assert_int_equal(extract_medium_from_name("electronic", &m), 0);
	assert_int_equal(m, EXTRACT_MEDIUM_ELECTRONIC);

	/* Unknown names and the empty name are refused. */
	assert_int_equal(extract_kind_from_name("Application", &k), -1);
	assert_int_equal(extract_kind_from_name(NULL, &k), -1);
	assert_int_equal(extract_applicant_kind_from_name("", &a), -1);
	assert_int_equal(extract_id_type_from_name("id", &t), -1);
	assert_int_equal(extract_delivery_from_name("courier", &d), -1);
	assert_int_equal(extract_medium_from_name("cd", &m), -1);
	assert_null(extract_kind_name((enum extract_kind)EXTRACT_KIND_COUNT));
}

static void
test_record_free(void **state)
{
	struct extract_record *rec = g_new0(struct extract_record, 1);

	(void)state;
	rec->name = g_strdup("张三");
	rec->case_ref = g_strdup("2026-000123");
	rec->request = g_strdup("2025年预算");
	rec->missing = EXTRACT_ELEM_DATE;
	memcpy(rec->date, "2026-11-20", 11);
	extract_record_clear(rec);
	assert_null(rec->name);
	assert_null(rec->case_ref);
	assert_int_equal(rec->missing, 0);
	assert_string_equal(rec->date, "");
	rec->signature_text = g_strdup("张三");
	extract_record_free(rec);
	extract_record_free(NULL);
	extract_record_clear(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resident_id),
		cmocka_unit_test(test_resident_id_check_table),
		cmocka_unit_test(test_normalise_overflow),
		cmocka_unit_test(test_uscc),
		cmocka_unit_test(test_uscc_well_formed),
		cmocka_unit_test(test_org_code),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_month_day),
		cmocka_unit_test(test_case_ref),
		cmocka_unit_test(test_fold_trim),
		cmocka_unit_test(test_trad_simp_rows),
		cmocka_unit_test(test_trad_simp_every_row),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_record_free),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
