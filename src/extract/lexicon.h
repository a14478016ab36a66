/* The extractor's words: form labels, options, phrases and the word lists
 * its rules consult.  The lists are data, one row per word with the case
 * that needed it, in the .txt files of src/extract/lexicon/; lexicon.awk
 * turns them into C at build time (lexicon-data.c in the build tree) and
 * lexicon.c looks words up in them.  Not for use outside src/extract/. */
#ifndef OGI_EXTRACT_LEXICON_H
#define OGI_EXTRACT_LEXICON_H

#include <stddef.h>

#include "extract/extract.h"

/* What a form label names. */
enum extract_lexicon_field {
	FLD_NAME,           /* person's name */
	FLD_ORG_NAME,       /* 名称, 单位名称: an organisation's name */
	FLD_APPLICANT,      /* 申请人: name at the top, signature at the end */
	FLD_LEGAL_REP,
	FLD_CONTACT_PERSON,
	FLD_ID_TYPE,        /* 证件名称: the kind of document */
	FLD_ID_NUMBER,
	FLD_ADDRESS,
	FLD_POSTCODE,
	FLD_PHONE,
	FLD_EMAIL,
	FLD_FAX,
	FLD_CONTACT,        /* 联系方式: a telephone number or an address */
	FLD_REQUEST,
	FLD_PURPOSE,
	FLD_SIGNATURE,
	FLD_DATE,
	FLD_DELIVERY,
	FLD_MEDIUM,
	FLD_AGENT,          /* 委托代理人, 代理律师: writes for the applicant */
	FLD_AGENT_PHONE,    /* 代理人电话: the agent's, never the applicant's */
	FLD_OTHER,          /* known labels we do not keep; they end values */
};
#define FLD_COUNT (FLD_OTHER + 1)

/* How a label may stand inside a sentence, without a form's separator. */
enum extract_lexicon_prose {
	P_NO,     /* only as a form label */
	P_LINKED, /* also "…的住址是…", "姓名为…": needs ：/是/为 */
	P_NUMBER, /* also directly before a number or an address: 电话138… */
	P_DIRECT, /* the value follows directly: 申请人张三, 法定代表人李四 */
	P_ONLY,   /* prose only, value follows directly: 现住北京…, 我叫张三 */
	P_CLAUSE, /* as P_ONLY, but only where a clause starts: …，住北京… */
};

/* lexicon/labels.txt */
struct extract_lexicon_label {
	const char *text;      /* folded: ASCII punctuation */
	unsigned char field;   /* enum extract_lexicon_field */
	unsigned char prose;   /* enum extract_lexicon_prose */
	unsigned char id_type; /* enum extract_id_type, for FLD_ID_NUMBER */
	const char *id_label;  /* the document the label names */
};

/* lexicon/ids.txt */
struct extract_lexicon_id_word {
	const char *word;
	enum extract_id_type type;
};

/* lexicon/delivery.txt: an option or a phrase and what it chooses. */
struct extract_lexicon_choice {
	const char *word;
	enum extract_delivery delivery;
	enum extract_medium medium;
};

/* lexicon/agent.txt: a phrase's opening word and the word that closes
 * what it frames. */
struct extract_lexicon_pair {
	const char *open, *close;
};

/* lexicon/ocr.txt: what OCR printed and what was written. */
struct extract_lexicon_confusion {
	const char *read, *meant;
};

/* lexicon/places.txt: an administrative division and its GB/T 2260
 * code (2 digits a province, 4 a prefecture, 6 a county). */
struct extract_lexicon_place {
	long code;
	const char *name;
};

/* A list and its length, as the word functions take them:
 * word_at(p, end, EXTRACT_LEXICON(fax_verbs)). */
#define EXTRACT_LEXICON(name) extract_lexicon_##name, extract_lexicon_##name##_n

#define EXTRACT_LEXICON_LIST(type, name)                \
	extern type extract_lexicon_##name[];           \
	extern const size_t extract_lexicon_##name##_n

/* Each list's comment in its .txt file says what it is for. */
EXTRACT_LEXICON_LIST(const struct extract_lexicon_label, labels);
EXTRACT_LEXICON_LIST(const struct extract_lexicon_id_word, id_words);
EXTRACT_LEXICON_LIST(const struct extract_lexicon_choice, options);
EXTRACT_LEXICON_LIST(const struct extract_lexicon_choice, delivery_phrases);
/* names.txt */
EXTRACT_LEXICON_LIST(const char *const, org_words);
EXTRACT_LEXICON_LIST(const char *const, not_name_starts);
EXTRACT_LEXICON_LIST(const char *const, surname_words);
EXTRACT_LEXICON_LIST(const char *const, applicant_kinds);
EXTRACT_LEXICON_LIST(const char *const, role_ends);
EXTRACT_LEXICON_LIST(const char *const, self_described);
/* delivery.txt */
EXTRACT_LEXICON_LIST(const char *const, address_above);
EXTRACT_LEXICON_LIST(const char *const, posted_to_office);
EXTRACT_LEXICON_LIST(const char *const, attachment_words);
EXTRACT_LEXICON_LIST(const char *const, pickup_persons);
EXTRACT_LEXICON_LIST(const char *const, pickup_moves);
EXTRACT_LEXICON_LIST(const char *const, not_moves);
EXTRACT_LEXICON_LIST(const char *const, pickup_takes);
EXTRACT_LEXICON_LIST(const char *const, not_takes);
EXTRACT_LEXICON_LIST(const char *const, send_verbs);
EXTRACT_LEXICON_LIST(const char *const, mailbox_words);
EXTRACT_LEXICON_LIST(const char *const, fax_verbs);
EXTRACT_LEXICON_LIST(const char *const, fax_fillers);
EXTRACT_LEXICON_LIST(const char *const, negations);
/* request.txt */
EXTRACT_LEXICON_LIST(const char *const, request_verbs);
EXTRACT_LEXICON_LIST(const char *const, ba_openers);
EXTRACT_LEXICON_LIST(const char *const, ba_verbs);
EXTRACT_LEXICON_LIST(const char *const, request_fillers);
EXTRACT_LEXICON_LIST(const char *const, courtesy_tails);
EXTRACT_LEXICON_LIST(const char *const, title_tails);
EXTRACT_LEXICON_LIST(const char *const, office_turns);
EXTRACT_LEXICON_LIST(const char *const, question_words);
EXTRACT_LEXICON_LIST(const char *const, complaint_words);
EXTRACT_LEXICON_LIST(const char *const, information_nouns);
/* closing.txt */
EXTRACT_LEXICON_LIST(const char *const, closing_markers);
EXTRACT_LEXICON_LIST(const char *const, closing_noise);
EXTRACT_LEXICON_LIST(const char *const, seal_marks);
EXTRACT_LEXICON_LIST(const char *const, addressee_ends);
EXTRACT_LEXICON_LIST(const char *const, birth_before);
/* values.txt */
EXTRACT_LEXICON_LIST(const char *const, empty_values);
/* values.txt: trad_simp, each row a traditional character and its
 * simplified form, three bytes each, as extract_text_fold() folds them */
EXTRACT_LEXICON_LIST(const char *const, trad_simp);
/* agent.txt */
EXTRACT_LEXICON_LIST(const struct extract_lexicon_pair, client_phrases);
EXTRACT_LEXICON_LIST(const char *const, client_kin);
EXTRACT_LEXICON_LIST(const char *const, client_self);
EXTRACT_LEXICON_LIST(const char *const, client_honorifics);
EXTRACT_LEXICON_LIST(const char *const, client_pronouns);
EXTRACT_LEXICON_LIST(const char *const, not_for_client);
EXTRACT_LEXICON_LIST(const char *const, instruction_asks);
EXTRACT_LEXICON_LIST(const char *const, instruction_sending);
/* mail.txt */
EXTRACT_LEXICON_LIST(const char *const, client_prefixes);
EXTRACT_LEXICON_LIST(const char *const, client_words);
EXTRACT_LEXICON_LIST(const char *const, quote_headers);
EXTRACT_LEXICON_LIST(const char *const, quote_separators);
/* ocr.txt */
EXTRACT_LEXICON_LIST(const struct extract_lexicon_confusion, ocr_date_confusions);
EXTRACT_LEXICON_LIST(const struct extract_lexicon_confusion, ocr_digit_confusions);
EXTRACT_LEXICON_LIST(const char *const, ocr_cover_titles);
EXTRACT_LEXICON_LIST(const char *const, ocr_cover_keys);
EXTRACT_LEXICON_LIST(const char *const, ocr_sign_words);
EXTRACT_LEXICON_LIST(const char *const, ocr_closing_lines);
EXTRACT_LEXICON_LIST(const struct extract_lexicon_confusion, ocr_label_hints);
/* places.txt */
EXTRACT_LEXICON_LIST(const struct extract_lexicon_place, places);

/* The longest form label matching at p (p..end), with any spaces between
 * its characters ("姓　　名") and ASCII letters in any case; not inside an
 * ASCII word's tail is the caller's check.  *lend_r: where the match ends.
 * NULL if none. */
const struct extract_lexicon_label *
extract_lexicon_label_at(const char *p, const char *end, const char **lend_r);

/* The longest option (extract_lexicon_options) at p, ASCII in any case: its
 * index, -1 if none; *len_r its length (0 for none). */
int extract_lexicon_option_at(const char *p, const char *end, size_t *len_r);

/* Is s, as a whole, the name of a document (居民身份证, 护照)? */
bool extract_lexicon_document_word(const char *s);

/* Does s (NULL: false) hold a word of an organisation's name (公司, 协会)? */
bool extract_lexicon_org_name(const char *s);

#endif
