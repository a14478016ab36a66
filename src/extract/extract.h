/* Extraction: a normalised message in, a record out.
 *
 * Pure functions: no I/O, no clock, no global state.  Everything the caller
 * knows about its environment (our own addresses, today's date for
 * plausibility checks) comes in struct extract_context.  All strings in a
 * record are valid UTF-8 owned by the record; extract_record_free() releases
 * them.  Nothing here blocks.
 *
 * Implementation files: classify.c (message kind); the application
 * elements read by assemble.c (entry points, quoting, one record), labels.c
 * (form labels), prose.c (sentences), closing.c (signature and date),
 * validate.c (checks), with lexicon.c and the word lists of lexicon/
 * (fields-private.h, lexicon.h); layout.c (layout normalisation), idnum.c
 * (identity numbers), date.c (application dates), text.c (normalisation
 * and character helpers), verdict.c (the verdict), record.c (record life
 * cycle and names).
 */
#ifndef OGI_EXTRACT_EXTRACT_H
#define OGI_EXTRACT_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

#include "extract/fax.h"
#include "mime/mime.h"

enum extract_kind {
	EXTRACT_KIND_APPLICATION,
	EXTRACT_KIND_CORRECTION_REPLY, /* answers our correction notice */
	EXTRACT_KIND_STATUS_QUERY,     /* asks how a case stands */
	EXTRACT_KIND_AUTO_REPLY,       /* vacation / out-of-office / robot */
	EXTRACT_KIND_BOUNCE,           /* delivery status notification */
	EXTRACT_KIND_SPAM,             /* advertising, bulk mail */
	EXTRACT_KIND_CONSULTATION,     /* a question, not an application */
	EXTRACT_KIND_COMPLAINT,        /* complaint / petition (信访), Art. 39 */
};
#define EXTRACT_KIND_COUNT 8

enum extract_applicant_kind {
	EXTRACT_APPLICANT_UNKNOWN,
	EXTRACT_APPLICANT_PERSON,
	EXTRACT_APPLICANT_ORGANISATION,
};

enum extract_id_type {
	EXTRACT_ID_NONE,
	EXTRACT_ID_RESIDENT,   /* 居民身份证, GB 11643 (18 chars, or old 15) */
	EXTRACT_ID_USCC,       /* 统一社会信用代码, GB 32100 */
	EXTRACT_ID_ORG_CODE,   /* 组织机构代码 (old, 9 chars) */
	EXTRACT_ID_PASSPORT,   /* 护照 */
	EXTRACT_ID_OTHER,      /* 港澳通行证, 军官证, 营业执照 ... */
};

enum extract_delivery {
	EXTRACT_DELIVERY_UNKNOWN,
	EXTRACT_DELIVERY_EMAIL,
	EXTRACT_DELIVERY_FAX,
	EXTRACT_DELIVERY_POST,    /* 邮寄, 快递 */
	EXTRACT_DELIVERY_PICKUP,  /* 自行领取, 当场阅读、抄录 */
};

enum extract_medium {
	EXTRACT_MEDIUM_UNKNOWN,
	EXTRACT_MEDIUM_PAPER,
	EXTRACT_MEDIUM_ELECTRONIC, /* 电子邮件, 光盘, 磁盘, 电子文档 */
};

/* Required elements an application can lack (bureau rules Art. 4). */
enum extract_element {
	EXTRACT_ELEM_NAME           = 1u << 0,
	EXTRACT_ELEM_ADDRESS        = 1u << 1,
	EXTRACT_ELEM_IDENTITY_PROOF = 1u << 2,
	EXTRACT_ELEM_CONTACT        = 1u << 3,
	EXTRACT_ELEM_REQUEST        = 1u << 4,
	EXTRACT_ELEM_SIGNATURE      = 1u << 5,
	EXTRACT_ELEM_DATE           = 1u << 6,
};
#define EXTRACT_ELEM_COUNT 7

/* Fields present but wrong. */
enum extract_invalid {
	EXTRACT_INVALID_ID_NUMBER = 1u << 0, /* checksum, length or birth date */
	EXTRACT_INVALID_DATE      = 1u << 1, /* not a calendar date, or in the future */
	EXTRACT_INVALID_POSTCODE  = 1u << 2, /* not six digits */
	EXTRACT_INVALID_PHONE     = 1u << 3,
	EXTRACT_INVALID_EMAIL     = 1u << 4,
};
#define EXTRACT_INVALID_COUNT 5

/* Every field a clerk checks, once: X(ID, name) -- ID makes
 * EXTRACT_FIELD_<ID>, name is the stable name `ogictl explain` prints and
 * the registry stores in message_fields.field (never rename one).  A field
 * added to the record is added here, to EXTRACT_APPLICATION_STRINGS when it
 * is a string, and to the schema. */
#define EXTRACT_FIELDS(X) \
	X(APPLICANT_KIND, "applicant_kind") \
	X(NAME, "name") \
	X(LEGAL_REP, "legal_rep") \
	X(CONTACT_PERSON, "contact_person") \
	X(AGENT, "agent") \
	X(AGENT_PHONE, "agent_phone") \
	X(ID_TYPE, "id_type") \
	X(ID_NUMBER, "id_number") \
	X(ADDRESS, "address") \
	X(POSTCODE, "postcode") \
	X(PHONE, "phone") \
	X(EMAIL, "email") \
	X(FAX, "fax") \
	X(REQUEST, "request") \
	X(PURPOSE, "purpose") \
	X(SIGNATURE, "signature") \
	X(DATE, "date") \
	X(DELIVERY, "delivery") \
	X(MEDIUM, "medium")

enum extract_field {
#define EXTRACT_FIELD_ENUM(id, name) EXTRACT_FIELD_##id,
	EXTRACT_FIELDS(EXTRACT_FIELD_ENUM)
#undef EXTRACT_FIELD_ENUM
	EXTRACT_FIELD_COUNT
};

/* Where a value came from. */
enum extract_source {
	EXTRACT_SRC_NONE,     /* no value */
	EXTRACT_SRC_LABEL,    /* after a form label: 姓名：张三, a table row */
	EXTRACT_SRC_PATTERN,  /* by its shape alone: an 18-character ID, a
	                         mobile number, an e-mail address */
	EXTRACT_SRC_PROSE,    /* a sentence rule: 我叫张三, 现申请公开…, 请传真至… */
	EXTRACT_SRC_CLOSING,  /* the closing block: signature and date lines */
	EXTRACT_SRC_HEADER,   /* the message's headers: From as the contact */
	EXTRACT_SRC_INFERRED, /* derived from other fields or the absence of
	                         evidence: a person because no organisation word */
};
#define EXTRACT_SRC_COUNT 7

/* How far a value can be trusted.  The verdict is complete only when every
 * required element is HIGH; a LOW value sends the case to a clerk. */
enum extract_confidence {
	EXTRACT_CONF_NONE,    /* no value, and nothing that looked like one */
	EXTRACT_CONF_LOW,     /* a guess, or evidence that conflicts */
	EXTRACT_CONF_HIGH,    /* read from a place that leaves no doubt */
};
#define EXTRACT_CONF_COUNT 3

/* The provenance of one field.  Strings owned by the record. */
struct extract_field_info {
	enum extract_source source;
	enum extract_confidence confidence;
	char *rule;     /* the rule that read it, a stable short name:
	                   "form-label", "prose-request-verb", "id-shape" ... */
	char *line;     /* the text line it was read from (folded UTF-8, at
	                   most a few hundred bytes), NULL when from no line */
	unsigned line_no; /* 1-based line in the extracted text, 0 for none */
};

/* What the office does with an application. */
enum extract_verdict {
	EXTRACT_VERDICT_NONE,       /* not an application */
	EXTRACT_VERDICT_COMPLETE,   /* every element present and confident */
	EXTRACT_VERDICT_INCOMPLETE, /* an element certainly missing or invalid,
	                               every value found confident: a correction
	                               notice names rec->missing/invalid */
	EXTRACT_VERDICT_REVIEW,     /* anything else: nothing is sent, a clerk
	                               decides (rec->review says why) */
};
#define EXTRACT_VERDICT_COUNT 4

struct extract_context {
	const char *const *own_addresses; /* NULL-terminated, lowercase; mail
	                                     from these is never an application,
	                                     and read on a faxed page one is
	                                     never the applicant's e-mail */
	const char *today;                /* "YYYY-MM-DD" in the office's time
	                                     zone; dates after it are invalid */
	bool sender_is_contact;           /* email channel: From counts as contact
	                                     (never for a fax: From is the
	                                     gateway) */
	bool fax_channel;                 /* the intake is channel = fax: every
	                                     message is a fax (fax.h) */
	const struct extract_fax_patterns *fax_patterns; /* a mail intake's
	                                     fax_from and fax_subject,
	                                     compiled; NULL: none (fax.h:
	                                     borrowed from its owner) */
	const char *const *own_contacts;  /* NULL-terminated, may be NULL: the
	                                     office's own telephone, fax,
	                                     e-mail and postal address as its
	                                     letters give them;
	                                     never an applicant's (the blank
	                                     form prints them) */
};

struct extract_record {
	enum extract_kind kind;
	char *kind_reason;        /* short English reason for the log, e.g.
	                             "Auto-Submitted: auto-replied" */
	char *case_ref;           /* tracking number "YYYY-NNNNNN" quoted in the
	                             subject or body, NULL if none */

	/* Application elements; NULL / UNKNOWN / false when not found. */
	enum extract_applicant_kind applicant_kind;
	char *name;               /* person's name or organisation name */
	char *legal_rep;          /* 法定代表人 (organisations) */
	char *contact_person;     /* 联系人 (organisations) */
	char *agent;              /* 代理人 / lawyer writing for the applicant */
	char *agent_phone;        /* the agent's telephone, never the
	                             applicant's */
	enum extract_id_type id_type;
	char *id_label;           /* the ID type as written, e.g. "港澳通行证" */
	char *id_number;          /* normalised: half-width, uppercase, no spaces */
	char *address;
	char *postcode;
	char *phone;
	char *email;
	char *fax;
	char *request;            /* 所需信息的内容描述 */
	char *purpose;            /* 所需信息的用途 */
	bool signature_present;
	char *signature_text;     /* the signed name, NULL if only a seal mark */
	char date[11];            /* application date "YYYY-MM-DD", "" if none */
	enum extract_delivery delivery;
	enum extract_medium medium;

	unsigned missing;         /* enum extract_element bits */
	unsigned invalid;         /* enum extract_invalid bits */

	enum extract_verdict verdict;
	char *review;             /* why a clerk must decide: one reason per
	                             line, English with the values quoted
	                             ("two different names: 张三 / 李四");
	                             NULL unless verdict is REVIEW */
	struct extract_field_info info[EXTRACT_FIELD_COUNT];

	/* The fax this message is, when a fax gateway mailed it (fax.h):
	 * kept for every kind; its caller's number is the default reply
	 * channel of an application that names none (rule "fax-caller"). */
	struct extract_fax incoming_fax;
};

/* The strings of an application, each with where it goes, in the order of
 * the registry's columns: X(field, object, key, label, letter) --
 *   field   the member of struct extract_record, and the name of its
 *           column in the registry's cases table;
 *   object, key  where ogictl's JSON puts it: the key in the case's object
 *           "applicant", "request" or "signature";
 *   label   its line in `ogictl show`, NULL when another line shows it;
 *   letter  the letter value it fills (letter/template.h), NULL for none.
 * Column and JSON names are part of the on-disk format and of ogictl's
 * output: never rename one.  A string field added to the record is added
 * here once (and to the schema). */
#define EXTRACT_APPLICATION_STRINGS(X) \
	X(name, "applicant", "name", "Name", "applicant.name") \
	X(legal_rep, "applicant", "legal_rep", "Legal rep", NULL) \
	X(contact_person, "applicant", "contact_person", "Contact name", NULL) \
	X(agent, "applicant", "agent", "Agent", NULL) \
	X(agent_phone, "applicant", "agent_phone", "Agent phone", NULL) \
	X(id_label, "applicant", "id_label", "ID label", NULL) \
	X(id_number, "applicant", "id_number", "ID number", NULL) \
	X(address, "applicant", "address", "Address", "applicant.address") \
	X(postcode, "applicant", "postcode", "Postcode", "applicant.postcode") \
	X(phone, "applicant", "phone", "Phone", "applicant.phone") \
	X(email, "applicant", "email", "Email", "applicant.email") \
	X(fax, "applicant", "fax", "Fax", "applicant.fax") \
	X(request, "request", "description", "Request", "case.request") \
	X(purpose, "request", "purpose", "Purpose", NULL) \
	X(signature_text, "signature", "text", NULL, NULL)

/* Every string field of struct extract_record, for code that treats them
 * all alike (freeing, copying, the parser worker's wire format, whose tags
 * follow this order): the two about the message, which no case keeps, then
 * the application's.  Same columns as EXTRACT_APPLICATION_STRINGS. */
#define EXTRACT_RECORD_STRINGS(X) \
	X(kind_reason, NULL, NULL, NULL, NULL) \
	X(case_ref, NULL, NULL, NULL, NULL) \
	X(review, NULL, NULL, NULL, NULL) \
	EXTRACT_APPLICATION_STRINGS(X)

/* Classifies msg and, for applications and correction replies, extracts the
 * elements.  Returns a new record (free with extract_record_free); never
 * fails. */
struct extract_record *extract_message(const struct mime_message *msg,
				       const struct extract_context *ctx);

void extract_record_free(struct extract_record *rec);

/* --- ocrfront.c: applications read by OCR ------------------------------- */

/* One word as the OCR module read it (Tesseract's result iterator).  The
 * strings are the caller's; nothing here keeps a pointer after the call. */
struct extract_ocr_word {
	const char *text;   /* UTF-8 as read (invalid bytes are dropped) */
	int conf;           /* Tesseract's word confidence, 0..100 */
	unsigned page, line;/* page from 0, line on its page from 0, in
	                       reading order */
	int x0, y0, x1, y1; /* its box in the page image's pixels; all 0 when
	                       unknown (then spacing is by the characters) */
	const char *cell_label; /* NULL: printed text outside any framed cell,
	                       or its page is no form with frames; else the
	                       word was read inside a form's frame, and this
	                       is the printed label of that frame as read
	                       above or left of it (UTF-8, e.g. "通信地址",
	                       "申请人签名（盖章）"; "" when none was read) */
	unsigned cell;      /* the frame's index on its page, from 0; only
	                       meaningful when cell_label != NULL (words of
	                       one frame share it) */
	bool vouched;       /* its frame's value passed the OCR's agreement
	                       rule (src/ocr/form.c, ocr_form_trust): the
	                       front may take some fields as read whatever
	                       conf says (ocrfront.c, vouch_counts) */
};

/* An identity number or a date whose words the OCR read with less
 * confidence than this is LOW (a clerk checks it); values no check
 * confirms have a higher floor, 80 (ocrfront.c's OCR_CONF_MIN_UNCHECKED,
 * with its measurements: misread names and telephones at 73 and 77).
 * Measured here (tesseract 5.3 chi_sim, psm 4) on
 * our renders of the office's form: at normal resolution the misread
 * Chinese words scored 38-67 (含 as 售 38, the header's page mark 67),
 * while nearly all words read right scored 76-97, a few down to 15 (招 15,
 * 街 29).  Misread Latin and punctuation scored higher (an
 * e-mail address with a comma 81, ZHAOFAX as ZHADFAX 89): validation
 * catches those (an invalid value read by OCR is LOW too).  70 flags
 * every misread Chinese word seen on the form, at the price of a few
 * sound ones; GB 11643's checksum and the calendar check the two fields
 * that keep it. */
#define EXTRACT_OCR_CONF_MIN 70

/* What the ink in the signature areas of the pages says (the OCR module
 * measures it; a signature is ink, not text). */
enum extract_ocr_ink {
	EXTRACT_OCR_INK_UNKNOWN, /* no area found, or unsure */
	EXTRACT_OCR_INK_ABSENT,  /* every signature area found is blank */
	EXTRACT_OCR_INK_PRESENT, /* pen ink or a seal in one */
};

/* A check box the OCR module measured left of an option label of a form
 * (the ink inside it, not the tick as read: Tesseract reads an empty box
 * as 口 and a ticked one as junk). */
struct extract_ocr_box {
	const char *label;         /* the option as the module sought it
	                              (传真, 纸面, 当场阅读、抄录) */
	enum extract_ocr_ink mark; /* PRESENT ticked, ABSENT empty, UNKNOWN
	                              between the two */
	unsigned page;             /* from 0, as extract_ocr_word.page */
};

struct extract_ocr_input {
	const struct extract_ocr_word *words; /* in reading order: by page,
	                                         line, then left to right */
	size_t n_words;
	bool gateway_text;  /* true for fax-to-mail: the message's own text
	                       (body and text attachments) is the fax
	                       gateway's, not the applicant's, and its sender
	                       is the gateway, never a contact; false for an
	                       e-mail whose pictures were read: its text is
	                       read as well, the OCR text as one more
	                       attachment */
	enum extract_ocr_ink signature; /* over all pages: PRESENT when one
	                       page has ink, ABSENT when a page found its area
	                       blank and none has ink, else UNKNOWN */
	const struct extract_ocr_box *boxes; /* by page; on a page in the
	                       module's order: line by line, top down, so the
	                       medium's options come before the delivery's */
	size_t n_boxes;
};

/* Reads an application from OCR words: the words become the text
 * extract_message() reads (CJK words joined, ASCII punctuation where the
 * form has full-width, labels with one character misread put right when
 * only one label is that close, dates and identity numbers repaired where
 * only one reading is valid, the fax header line (TSI) of each page and a
 * cover page left out), that text is read by the same rules as mail, and
 * every value read from it is traced back to its words: a value whose
 * words score below its floor (EXTRACT_OCR_CONF_MIN for an identity number
 * or a date, 80 for the rest), that a doubtful repair (an
 * identity number's character with more than one reading put right) or a
 * guessed label gave, or that is invalid as read (a misread digit fails a
 * check) is LOW with a reason in rec->review, so the verdict is REVIEW.
 * An element the text lacks while some of its words were unreadable is a
 * doubt as well (except the signature, which is ink, not text:
 * in->signature, the OCR module's mark, decides it).  msg gives the
 * headers (receipt date, subject); its pictures count as read.  msg, in
 * and ctx are borrowed and required (ctx unlike extract_message's).
 * Returns a new record (extract_record_free); never fails.  Pure; no I/O. */
struct extract_record *extract_message_ocr(const struct mime_message *msg,
					   const struct extract_ocr_input *in,
					   const struct extract_context *ctx);

/* Checks an application again after its fields changed (a correction
 * merged into it): rec becomes an application, its missing elements are
 * those without a value, and the verdict and review are decided anew from
 * its values, invalid bits and provenance (rec->info: a value without a
 * HIGH confidence is a doubt), as extract_message() decides them. */
void extract_recheck(struct extract_record *rec);

/* Frees what rec's fields own and zeroes it, leaving the struct itself
 * (for records embedded in other structs). */
void extract_record_clear(struct extract_record *rec);

/* Adds one reason a clerk must decide to rec->review (printf-style, one
 * line: line breaks become spaces; a reason already there is not added
 * twice) and, for an application, makes the verdict REVIEW.  The daemon
 * adds its own (a message with problems). */
void extract_review_add(struct extract_record *rec, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* --- record.c: names used in JSON, the database and letters ------------ */

/* Stable lowercase names: "application", "person", "resident_id", "email",
 * "paper" ...; NULL for the UNKNOWN/NONE values. */
const char *extract_kind_name(enum extract_kind kind);
const char *extract_applicant_kind_name(enum extract_applicant_kind kind);
const char *extract_id_type_name(enum extract_id_type type);
const char *extract_delivery_name(enum extract_delivery d);
const char *extract_medium_name(enum extract_medium m);
/* Reverse lookups: return 0 and the value, -1 when name is unknown. */
int extract_kind_from_name(const char *name, enum extract_kind *kind_r);
int extract_applicant_kind_from_name(const char *name,
				     enum extract_applicant_kind *kind_r);
int extract_id_type_from_name(const char *name, enum extract_id_type *type_r);
int extract_delivery_from_name(const char *name, enum extract_delivery *d_r);
int extract_medium_from_name(const char *name, enum extract_medium *m_r);

/* "complete", "incomplete", "needs_review"; NULL for NONE. */
const char *extract_verdict_name(enum extract_verdict v);
int extract_verdict_from_name(const char *name, enum extract_verdict *v_r);
/* "label", "pattern", "prose", "closing", "header", "inferred"; NULL for
 * NONE.  "high", "low"; NULL for NONE.  Field names as in EXTRACT_FIELDS. */
const char *extract_source_name(enum extract_source s);
int extract_source_from_name(const char *name, enum extract_source *s_r);
const char *extract_confidence_name(enum extract_confidence c);
int extract_confidence_from_name(const char *name,
				 enum extract_confidence *c_r);
const char *extract_field_name(enum extract_field f);
int extract_field_from_name(const char *name, enum extract_field *f_r);

/* Field f of rec as text, the way `ogictl explain` shows it and the
 * verdict quotes it: strings as they are, enums by their stable names, the
 * signature's text ("yes" for a seal mark without one), the date.  Returns a new string (free with g_free) or
 * NULL when the field is empty. */
char *extract_field_text(const struct extract_record *rec, enum extract_field f);

/* Names of single bits: "name", "address", "identity_proof", "contact",
 * "request", "signature", "date" / "id_number", "date", "postcode",
 * "phone", "email".  NULL for anything but one known bit. */
const char *extract_element_name(unsigned element_bit);
const char *extract_invalid_name(unsigned invalid_bit);
/* Bit for a name, 0 if unknown. */
unsigned extract_element_from_name(const char *name);
unsigned extract_invalid_from_name(const char *name);

/* --- classify.c --------------------------------------------------------- */

/* True when the message must never be answered automatically (RFC 3834
 * and domain.md §8): auto-replies, bounces, list and bulk mail, null
 * senders, our own addresses.  *reason_r points to a static string. */
bool extract_is_automatic(const struct mime_message *msg,
			  const struct extract_context *ctx,
			  const char **reason_r);

/* Finds a tracking number "YYYY-NNNNNN" in text; copies it into buf
 * (at least 12 bytes) and returns true, or returns false. */
bool extract_find_case_ref(const char *text, char *buf, size_t bufsize);

/* Every message the gateway sends carries its case's tracking number in
 * the subject in this tag, "[申请编号 2026-000123]" (申请编号: the
 * application's number, which the applicant can read); a reply keeps the subject,
 * so the tag names the case it answers even when the subject or the text
 * quotes another number.  printf format taking the tracking number. */
#define EXTRACT_CASE_TAG_FORMAT "[申请编号 %s]"

/* Finds the tag of EXTRACT_CASE_TAG_FORMAT in subject (ASCII case and
 * full-width forms folded); copies its tracking number into buf (at least
 * 12 bytes) and returns true, or returns false. */
bool extract_find_case_tag(const char *subject, char *buf, size_t bufsize);

/* --- text.c ------------------------------------------------------------- */

/* Returns a new string with full-width ASCII (U+FF01..U+FF5E) folded to
 * ASCII, the traditional characters of the extractor's words to simplified
 * ones (申請 to 申请, 資訊 to 信息), U+3000 to a space, and CR LF / CR to LF.  Chinese punctuation
 * that has no ASCII twin (、。《》) is kept.  NULL only for NULL; caller
 * frees with g_free(). */
char *extract_text_fold(const char *utf8);

/* Returns a new copy of s without leading/trailing ASCII and ideographic
 * spaces and with runs of inner white space collapsed to one space, or NULL
 * when nothing is left (or s is NULL).  Caller frees with g_free(). */
char *extract_text_trim(const char *s);

/* --- idnum.c ------------------------------------------------------------ */

/* Normalises an identity number as written (full-width digits, spaces,
 * hyphens, lowercase x) into buf; returns 0, or -1 when it does not fit. */
int extract_id_normalise(const char *in, char *buf, size_t bufsize);

/* Checks rec's postcode (against rec->address), telephone and mail
 * address, setting their bits of rec->invalid, and normalises them as the
 * extractor does (spaces removed; a mail address taken out of the text
 * around it).  Also what `ogictl set` checks a clerk's value with. */
void extract_validate_record_contact(struct extract_record *rec);

/* GB 11643: 18 characters with a valid check character and a real birth
 * date.  A 15-digit first-generation number (no check character, void
 * since 2013) is never valid. */
bool extract_resident_id_valid(const char *id);

/* Whether the first two characters of a resident ID are a province-level
 * area of GB/T 2260 (11 Beijing ... 65 Xinjiang, 71 Taiwan, 81 Hong Kong,
 * 82 Macao). */
bool extract_id_region_known(const char *id);

/* GB 32100: 18 characters from the code alphabet with a valid check. */
bool extract_uscc_valid(const char *code);

/* A credit code by its structure, not only its check character: valid for
 * extract_uscc_valid(), a registration-authority code with a category code
 * that authority assigns, an administrative-division code (six digits of a
 * province-level area, or 10 for a national register) and, as characters
 * 9 to 17, an organisation code valid for extract_org_code_valid().  What a
 * number must be to be taken for a credit code when nothing written says
 * what it is. */
bool extract_uscc_well_formed(const char *code);

/* GB 11714: nine characters, eight digits or capitals and a check
 * character (weights 3 7 9 10 5 8 4 2, 11 - sum mod 11; 10 is X, 11 is 0). */
bool extract_org_code_valid(const char *code);

/* --- orgkind.c ---------------------------------------------------------- */

/* An organisation applicant's kind: the columns of the annual report
 * (workflow/report.h), in their order. */
enum extract_org_kind {
	EXTRACT_ORG_UNKNOWN,         /* the clerk is asked */
	EXTRACT_ORG_BUSINESS,        /* 商业企业 */
	EXTRACT_ORG_RESEARCH,        /* 科研机构 */
	EXTRACT_ORG_PUBLIC_INTEREST, /* 社会公益组织 */
	EXTRACT_ORG_LEGAL_SERVICE,   /* 法律服务机构 */
	EXTRACT_ORG_OTHER,           /* 其他 */
};
#define EXTRACT_ORG_KIND_COUNT 6

/* The registry column (cases.org_kind) and the field name a clerk sets
 * it with: `ogictl set ID org_kind KIND`, KIND one of the names of
 * extract_org_kind_name(). */
#define EXTRACT_ORG_KIND_FIELD "org_kind"

/* The kind of the organisation named name, or that form_choice, the
 * option ticked in a form's 单位类型 box (商业企业, 科研机构, 社会公益组织,
 * 法律服务机构, 其他), says; the form wins.  Conservative: a name decides
 * only by words that leave no doubt (有限公司, 股份, 集团: business;
 * 研究院, 研究所, 大学, 学院: research; 律师事务所, 法律援助: legal
 * service; 基金会, 协会, 志愿, 公益: public interest), and words of two
 * kinds, or none, give UNKNOWN.  Either argument may be NULL.  Pure. */
enum extract_org_kind extract_org_kind(const char *name, const char *form_choice);

/* "business", "research", "public_interest", "legal_service", "other";
 * NULL for UNKNOWN.  The reverse returns 0 and the kind, or -1. */
const char *extract_org_kind_name(enum extract_org_kind k);
int extract_org_kind_from_name(const char *name, enum extract_org_kind *k_r);

/* --- date.c ------------------------------------------------------------- */

/* Finds the first date in text written as 2026年11月20日, 2026-11-20,
 * 2026/11/20, 2026.11.3, 二〇二六年十一月二十日 (also 〇/零/○), in English
 * (18 November 2026, November 18, 2026, Nov. 18th 2026, 18-Nov-2026) or
 * with the day and month first in either order (18/11/2026, 11/18/2026),
 * with full-width digits allowed; writes "YYYY-MM-DD" to out.  Returns 1
 * when a valid date was found, 0 when none, -1 when something shaped like
 * a date is not a calendar date (out then holds what was read, as far as
 * it goes), EXTRACT_DATE_AMBIGUOUS for 05/11/2026, where either number
 * can be the month (out then holds the day-first reading). */
#define EXTRACT_DATE_AMBIGUOUS 2
int extract_date_find(const char *text, char out[11]);

/* Finds the first month and day written without a year (11月20日,
 * 11月20号, 十一月五日) and dates it in the latest year that does not put
 * it after receipt ("YYYY-MM-DD", the day the message arrived): the year
 * of receipt, or the year before.  A month and day after a year are
 * extract_date_find()'s.  Returns as extract_date_find() (never
 * ambiguous); 0 also when receipt is not a date. */
int extract_date_find_month_day(const char *text, const char *receipt,
				char out[11]);

#endif
