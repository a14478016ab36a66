/* Internal seams of the field reader, which extract_fields() runs over a
 * folded text: labels.c reads form labels and their values, prose.c what
 * sentences say, closing.c the signature and date of a letter, validate.c
 * checks what was read, assemble.c splits the text into views (the newest
 * text, the quoted text) and makes one record of them.  Shared here: the
 * lines of a view, the label hits on a line, and what one view says (struct
 * found) with the provenance of each value.  Not for use outside
 * src/extract/. */
#ifndef OGI_EXTRACT_FIELDS_PRIVATE_H
#define OGI_EXTRACT_FIELDS_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include <glib.h>

#include "extract/extract-private.h"
#include "extract/lexicon.h"

/* How sure a delivery or medium choice is. */
enum choice_level {
	CHOICE_NONE,
	CHOICE_PROSE,  /* a phrase of a letter, a tick with no label */
	CHOICE_OTHER,  /* ticked in the field of the other aspect */
	CHOICE_FIELD,  /* ticked in its own field */
};

enum name_rank {
	RANK_LABEL,     /* 姓名, 名称 */
	RANK_APPLICANT, /* 申请人 */
	RANK_PROSE,     /* 我叫…, 本人… */
	RANK_ORG_PROSE, /* 某某公司（统一社会信用代码…） */
	RANK_SIGNATURE, /* the signed name */
	RANK_NONE,
};

struct applicant_hit {
	size_t line;
	char *value;
};

/* Where a value of struct found came from, until the record's
 * extract_field_info takes it: the rule that read it, how sure it is, and
 * its line (pointers into the scanned text, which outlives both views). */
struct prov {
	enum extract_source src;
	enum extract_confidence conf;
	const char *rule;   /* static: a stable short name ... */
	const char *word;   /* ... and, when not NULL, the word it matched:
	                       "prose" "我叫" is the rule "prose-我叫" */
	const char *line;   /* NULL: read from no line */
	size_t len;
	unsigned line_no;
	bool quoted;        /* read from the view of quoted text */
};

/* What one view (the newest text, or the quoted text) says. */
struct found {
	char *name;
	enum name_rank name_rank;
	char *legal_rep;
	char *contact_person;
	bool contact_handler;     /* contact_person read after 经办人 */
	char *agent;
	char *agent_phone;
	bool for_client;          /* the writer says so (受…委托, 代…申请) */
	char *self_name;          /* the writer's, from 我是/我叫/本人 ... */
	struct prov self_prov;    /* ... and where it was read */
	size_t agent_line;        /* of the agent's label; SIZE_MAX: none */
	char *id_type_text;
	char *id_number;          /* normalised */
	enum extract_id_type id_label_type;
	const char *id_label;     /* static, from the label table */
	char *id_word;            /* document name written beside the number */
	char *address;
	char *postcode;
	char *phone;
	char *email;
	char *fax;
	char *request;
	char *purpose;
	bool sig_field;           /* a signature field, filled or not */
	bool sig_present;
	char *sig_text;
	char *date_text;          /* value of a date field */
	int date_rc;
	char date[11];
	enum extract_delivery delivery;
	enum choice_level delivery_level;
	enum extract_medium medium;
	enum choice_level medium_level;
	GArray *applicants;       /* struct applicant_hit */
	size_t request_line;      /* SIZE_MAX: none */
	bool quoted;              /* the view of quoted text */
	struct prov at;           /* the rule reading now: the helpers that
	                             store a value copy it beside the value */
	struct prov prov[EXTRACT_FIELD_COUNT]; /* of each value stored, or of
	                             a label seen with nothing after it */
};

struct line {
	const char *s;    /* without quoting "> " */
	size_t len;
	const char *body; /* after a list number or bullet */
	unsigned no;      /* 1-based, in the scanned text */
};

static inline const char *
line_end(const struct line *ln)
{
	return ln->s + ln->len;
}

struct hit {
	const struct extract_lexicon_label *lab;
	enum extract_lexicon_field field;   /* the label's, or SIGNATURE for 申请人（签名） */
	const char *start;  /* the label */
	const char *vstart; /* its value */
	const char *vend;
	bool clause;        /* written in a sentence: value ends at the clause */
	bool prose;         /* a prose pattern (我叫…, 本人…, 电话138…), not a
	                       label followed by a colon or a cell border */
	bool at_start;      /* first thing on its line */
};

struct view {
	struct line *lines;
	size_t n;
	GArray **hits;      /* per line, struct hit */
	bool *consumed;     /* line belongs to a label's value */
	const char *receipt; /* "YYYY-MM-DD" the message arrived: the year of
	                        a date written without one; "" if unknown */
	const GArray *layout; /* struct extract_layout_line of each line */
	const char *written;  /* the text before layout.c rewrote it */
};

/* A telephone number has at least this many digits: a local number
 * without its area code (8123456); fewer is a house or room number. */
#define PHONE_MIN_DIGITS 7

/* --- labels.c ------------------------------------------------------------ */

/* Whether s is, as a whole and ignoring ASCII case, one of the n words. */
bool extract_labels_is_one_of(const char *s, const char *const *words,
	size_t n);

/* Cuts lit off the end of s; whether it was there. */
bool extract_labels_strip_suffix(char *s, const char *lit);

/* p..end as a value (g_free): trimmed, separators, brackets and underscores
 * off; NULL for nothing or 无, /, ——. */
char *extract_labels_clean_value(const char *p, const char *end);

/* Removes seal and signature marks (（盖章）) after a name in v; whether there
 * was one. */
bool extract_labels_strip_seal(char *v);

/* v (owned) as a signer's name: seal marks, digits and what follows a clause
 * end off; NULL for none. */
char *extract_labels_signature_value(char *v);

/* Whether v looks like a name: two to six Chinese characters, a Latin name
 * or an organisation's. */
bool extract_labels_name_plausible(const char *v);

/* After a label ending at q: past a short note in brackets (（签名）), which may
 * make *field SIGNATURE. */
const char *extract_labels_label_bracket(const char *q, const char *end,
	enum extract_lexicon_field *field);

/* Whether f is the delivery or the medium field (a choice of options). */
bool extract_labels_is_choice(enum extract_lexicon_field f);

/* Whether hit h ends the value of a prose pattern or a sentence before it. */
bool extract_labels_ends_prose_value(const struct hit *h);

/* Whether s..end is written with spaces instead of Chinese punctuation. */
bool extract_labels_spaced_line(const char *s, const char *end);

/* Whether a space at c ends a clause (in a spaced line before Chinese,
 * anywhere before a date). */
bool extract_labels_space_ends_clause(const char *c, const char *end,
	bool spaced);

/* Appends the hits (struct hit) of the labels on line ln to hits, each with
 * its value's extent. */
void extract_labels_scan_line(const struct line *ln, GArray *hits);

/* The hits of line i of v. */
GArray *extract_labels_hits_of(const struct view *v, size_t i);

/* Whether line ln holds only spaces. */
bool extract_labels_blank(const struct line *ln);

/* Whether line i of v starts with a label. */
bool extract_labels_starts_with_hit(const struct view *v, size_t i);

/* The end of line i's text before its first label (the line's end if none). */
const char *extract_labels_text_before_hit(const struct view *v, size_t i);

/* Appends p..end, trimmed, to acc as a wrapped line of a value (Chinese
 * joins without a space). */
void extract_labels_append_piece(GString *acc, const char *p, const char *end);

/* Whether line j of v is a bare name on the line above a date: it signs the
 * letter. */
bool extract_labels_signs_above_date(const struct view *v, size_t j);

/* Reads ticked options of p..end into f at the levels given; whether p..end
 * is a list of options. */
bool extract_labels_parse_choices(const char *p, const char *end,
	bool need_marks, enum choice_level dlevel, enum choice_level mlevel,
	struct found *f);

/* Whether p..end holds a check box (ticked only, if ticked_only). */
bool extract_labels_has_mark(const char *p, const char *end, bool ticked_only);

/* The first mail address in v (g_free), NULL if none. */
char *extract_labels_email_token(const char *v);

/* Stores the identity number in v, and a document named beside it, in f;
 * lab: the label (NULL: none). */
void extract_labels_store_id(struct found *f,
	const struct extract_lexicon_label *lab, const char *v);

/* How many ASCII digits s holds. */
size_t extract_labels_count_digits(const char *s);

/* The value gathered in acc (consumed) as stored: one line cleaned, several
 * kept as lines; NULL for none. */
char *extract_labels_finish_value(GString *acc);

/* Reads every label's value in view v into f. */
void extract_labels_read(struct view *v, struct found *f);

/* The lexicon as layout.c needs it (struct extract_layout_lexicon's label). */
enum extract_layout_value extract_labels_layout_label(const char *p,
	const char *end, size_t *len_r);

/* --- prose.c ------------------------------------------------------------- */

/* The start of the first clause in p..end that asks to mail the answer to
 * the address written above (，纸质版寄到上面的地址就行), NULL if none:
 * such a clause ends the value before it. */
const char *extract_prose_mailing_above(const char *p, const char *end);

/* Where the sentence at p ends (。!? or an English full stop), NULL if not
 * before end. */
const char *extract_prose_sentence_end(const char *p, const char *end);

/* Reads the request from a verb in the prose of v (现申请公开…), unless f has
 * one. */
void extract_prose_request(struct view *v, struct found *f);

/* Reads the purpose from 用于… at the start of a clause, unless f has one. */
void extract_prose_purpose(struct view *v, struct found *f);

/* Reads 受…委托, 代…申请: the writer is an agent; the client named is the
 * applicant. */
void extract_prose_client(struct view *v, struct found *f);

/* Whether line (len bytes) names name. */
bool extract_prose_line_names(const char *line, size_t len, const char *name);

/* Moves to the agent's the telephone number written on the agent's line. */
void extract_prose_agent_phone(const struct view *v, struct found *f);

/* Whether a negation (lexicon negations: 不, 请勿…) ends right before p,
 * inside start..p. */
bool extract_prose_negated(const char *p, const char *start);

/* A delivery said in a sentence at p (before end), beyond the phrase
 * table: a mailbox after a sending verb, collecting in person (本人到局里
 * 领取); EXTRACT_DELIVERY_UNKNOWN when none.  labelled: p is inside a form
 * label (本人 is one, and starts 本人到局里领取 too; no mailbox is read
 * there).  Pure. */
enum extract_delivery extract_prose_sentence_delivery(const char *p, const char *end,
                                                      bool labelled);

/* 请传真至0475-8123456: the number after a fax verb at p (lexicon
 * fax_verbs), newly allocated (caller frees), NULL if none. */
char *extract_prose_fax_target(const char *p, const char *end);

/* Reads the delivery and medium asked for in sentences, and a fax number
 * given as the target. */
void extract_prose_delivery(struct view *v, struct found *f);

/* Reads ticked boxes on lines with no label we know (☑邮寄 alone). */
void extract_prose_ticked_lines(struct view *v, struct found *f);

/* Reads ID and mobile numbers and mail addresses written without a label, by
 * their shape. */
void extract_prose_read_shapes(const struct view *v, struct found *f,
	const struct extract_context *ctx);

/* Reads an organisation's name written before its credit or organisation
 * code. */
void extract_prose_org_before_code(const struct view *v, struct found *f);

/* On lines written with spaces for punctuation: a lone name or date, when
 * nothing else gave one. */
void extract_prose_spaced_words(const struct view *v, struct found *f);

/* --- closing.c ----------------------------------------------------------- */

/* Whether line ln starts with a closing marker (此致, Yours sincerely). */
bool extract_closing_marker_line(const struct line *ln);

/* Whether line ln is a date and little else (the date of a letter). */
bool extract_closing_date_line(const struct view *v, const struct line *ln);

/* Whether t, as a whole, is a form label. */
bool extract_closing_is_label_word(const char *t);

/* Whether t may be a signer's name (as a name in a sentence, or a short one
 * with a surname like 于). */
bool extract_closing_signer_plausible(const char *t);

/* Whether f has a signature field or a signature already. */
bool extract_closing_signed_already(const struct found *f);

/* Reads the closing block of view v: the signature, the date (unless a date
 * field gave one) and the signer as the name. */
void extract_closing_read(const struct view *v, struct found *f);

/* --- validate.c ---------------------------------------------------------- */

/* Whether the n digits at d are a mainland mobile number (11 digits,
 * 1[3-9]…). */
bool extract_validate_is_mobile(const char *d, size_t n);

/* Moves the identity number and its type to rec (f0 first), the written type
 * before the shape; sets invalid. */
void extract_validate_record_id(struct extract_record *rec, struct found *f0,
	struct found *f1, struct prov *prov);

/* Moves the date to rec (f0 first); a date after ctx->today or not a
 * calendar date is invalid. */
void extract_validate_record_date(struct extract_record *rec,
	const struct found *f0, const struct found *f1,
	const struct extract_context *ctx, struct prov *prov);

/* Drops a request that is only a question or a complaint; one asking about
 * named information is LOW. */
void extract_validate_question_request(struct extract_record *rec,
	struct prov *prov);

/* --- assemble.c ---------------------------------------------------------- */

/* Records that field fld of f now holds a value read by the rule f->at. */
void extract_assemble_noted(struct found *f, enum extract_field fld);

/* Stores value (owned) in *slot, field fld of f, unless it holds one already
 * (then frees value). */
void extract_assemble_keep(struct found *f, enum extract_field fld,
	char **slot, char *value);

/* Stores value (owned) as f's name unless one of the same or a better rank
 * is there. */
void extract_assemble_set_name(struct found *f, char *value,
	enum name_rank rank);

/* Sets the delivery d and the medium m (UNKNOWN: leave) of f where the level
 * beats the one stored. */
void extract_assemble_set_choice(struct found *f, enum extract_delivery d,
	enum extract_medium m, enum choice_level dlevel, enum choice_level mlevel);

/* Names the rule reading now (f->at): its source, confidence, name, matched
 * word and line (NULL: none). */
void extract_assemble_reading(struct found *f, enum extract_source src,
	enum extract_confidence conf, const char *rule, const char *word,
	const struct line *ln);

/* Whether lower (an ASCII-lowercased line) holds one of the office's own
 * addresses. */
bool extract_assemble_has_own_address(const char *lower,
	const struct extract_context *ctx);

/* The provenance of field fld when no view gave it a value: a blank label
 * seen, a's first. */
struct prov extract_assemble_evidence(const struct found *a,
	const struct found *b, enum extract_field fld);

/* A description or a purpose may run over this many lines (a list of
 * documents); longer, the rest is something else. */
#define VALUE_MAX_LINES 40

/* A mainland mobile number has 11 digits, 1[3-9]x xxxx xxxx. */
#define MOBILE_DIGITS 11

#endif
