/* Internal seams of the extract module; not for use outside src/extract/. */
#ifndef OGI_EXTRACT_PRIVATE_H
#define OGI_EXTRACT_PRIVATE_H

#include <glib.h>

#include "extract/extract.h"

/* classify.c: the kind of any message.  Automatic mail (extract_is_automatic)
 * comes out as auto_reply, bounce or spam by its headers and structure;
 * human mail by what it says.  text: the folded text of body and
 * attachments; elements_found: how many of the application elements
 * extract_fields() found (a filled-in form is an application even when it
 * never says 申请); case_ref: tracking number quoted, or NULL.  Sets
 * *reason_r to a static English phrase for the log. */
enum extract_kind extract_classify(const struct mime_message *msg,
				   const struct extract_context *ctx,
				   const char *text, unsigned elements_found,
				   const char *case_ref, const char **reason_r);

/* assemble.c: fills the application fields of rec (names, numbers, request,
 * signature, date, delivery, medium) from text, a folded UTF-8 text, and
 * from msg's headers where the text says nothing (From as contact when
 * ctx->sender_is_contact).  Returns how many of the EXTRACT_ELEM_COUNT
 * elements were found; sets rec->missing and rec->invalid. */
unsigned extract_fields(const char *text, const struct mime_message *msg,
			const struct extract_context *ctx,
			struct extract_record *rec);

/* assemble.c: extract_message() on msg, a message rewritten for the
 * extractor (the OCR front's text as its body), with the fax recognised
 * (fax.h) on arrived, the message as the gateway mailed it. */
struct extract_record *extract_message_as(const struct mime_message *msg,
					  const struct mime_message *arrived,
					  const struct extract_context *ctx);

/* display.c: true when c may not stand in a line a clerk or a log is
 * shown: a control, a line or paragraph separator, or a format character
 * such as a bidirectional override (they would end a log line or a
 * header, or reorder what is read). */
bool extract_display_char_bad(gunichar c);

/* display.c: s (valid UTF-8, not NULL) as one such line: every character
 * extract_display_char_bad refuses and every run of spaces becomes one
 * space between words, none leading or trailing; at most max_chars
 * characters (the spaces kept included) and max_bytes bytes, cut on a
 * character boundary.  A new string (g_free), or NULL when nothing is
 * left. */
char *extract_display_line(const char *s, size_t max_chars, size_t max_bytes);

/* fax.c: an application that came by fax and names no way to answer it
 * is answered by fax, to the number that sent it: when rec's delivery is
 * unknown it becomes fax (source inferred), and when it is fax without a
 * number the caller's becomes the fax field (source header, which makes
 * the contact element present), both with rule "fax-caller" so that a
 * clerk sees where they came from.  Both are LOW, with a reason in
 * rec->review, unless the fax is vouched for (a fax intake, the office's
 * own patterns), the caller is not abroad and the application states no
 * way at all with nothing about its delivery in doubt (no LOW delivery,
 * no review reason naming it: a box whose ink could not be judged; a fax
 * asked for without its number makes the caller's a guess).  Called
 * again once the form's answer changed (the OCR front's check boxes),
 * it judges anew what it set before.  Nothing for another kind,
 * a message that is no fax or a caller number that is not plausible. */
void extract_fax_reply_default(struct extract_record *rec);

/* verdict.c: valid UTF-8 s as a reason quotes it: its first 40
 * characters, "…" after a cut, never cut inside a run of digits or Latin
 * letters, ASCII or full-width (the head of an ID number is a shorter run
 * the log's masking would not recognise as one), "\n" as a space.  Returns
 * a new string the caller frees with g_free(). */
char *extract_reason_value(const char *s);

/* record.c: the provenance of field f: where (src), how sure (conf), the
 * rule's stable name (copied) and the line it was read from (line_len
 * bytes, copied and cut at a character boundary to EXTRACT_INFO_LINE_MAX;
 * NULL for none).  Replaces what f had. */
#define EXTRACT_INFO_LINE_MAX 240 /* a form line with its value; longer
                                     lines are prose, shown in part */
void extract_info_set(struct extract_record *rec, enum extract_field f,
		      enum extract_source src, enum extract_confidence conf,
		      const char *rule, const char *line, size_t line_len,
		      unsigned line_no);

/* layout.c: the kind of value a form label takes, as the lexicon
 * (lexicon.h, labels.c) knows it; layout.c decides by it how a value may be laid
 * out. */
enum extract_layout_value {
	EXTRACT_LAYOUT_NONE,   /* no label */
	EXTRACT_LAYOUT_TEXT,   /* a name, a short text */
	EXTRACT_LAYOUT_NUMBER, /* an ID, telephone or postcode: has digits */
	EXTRACT_LAYOUT_LONG,   /* an address, a request: may be wrapped */
	EXTRACT_LAYOUT_CHOICE, /* delivery or medium: options with boxes */
	EXTRACT_LAYOUT_OTHER,  /* a label whose value nobody keeps */
};

struct extract_layout_lexicon {
	/* The form label starting at p (p..end is one line, after quoting
	 * and a list number), with any note in brackets after it
	 * (申请人（签名）): its kind, and its length in *len_r.  Labels
	 * that only stand in prose (我叫, 现住) are NONE. */
	enum extract_layout_value (*label)(const char *p, const char *end,
					   size_t *len_r);
};

/* layout.c: what the layout pass did to a line of its output. */
enum extract_layout_change {
	EXTRACT_LAYOUT_SPLIT  = 1u << 0, /* a field split off a padded line */
	EXTRACT_LAYOUT_COLUMN = 1u << 1, /* label and value aligned with spaces */
	EXTRACT_LAYOUT_BOXES  = 1u << 2, /* check boxes reduced (see below) */
	EXTRACT_LAYOUT_BELOW  = 1u << 3, /* a bare label and the value below it */
	EXTRACT_LAYOUT_WRAP   = 1u << 4, /* lines joined as one wrapped line */
};

struct extract_layout_line {
	unsigned changes;   /* enum extract_layout_change bits, 0: as written */
	size_t start, len;  /* the input's physical line(s) it came from: bytes
	                       of text, without the last line's newline */
	const char *guess;  /* NULL, or the borderline criterion (a static
	                       name: "short-lines", "tail-without-number") a
	                       WRAP join rested on: the join is a guess */
};

/* layout.c: the text (folded, after assemble.c's character substitutions)
 * rewritten so that each field reads as "label:value" on one line: fields
 * padded onto one line split, space-aligned columns given a colon, check
 * boxes as "☑option" for each ticked one and "☐" for each unticked one in
 * a choice (delivery, medium) or a line with no label, as the ticked
 * options alone (、between two) after any other label, a bare label joined
 * with its value on the next line, hard-wrapped lines joined.  Lines are
 * only joined or split, never reordered.  Returns a new string (g_free);
 * when layout_r is not NULL, appends to it a struct extract_layout_line
 * for each line of that string, in order. */
char *extract_layout_normalise(const char *text,
			       const struct extract_layout_lexicon *lex,
			       GArray *layout_r);

/* layout.c: +1 for a ticked check box at p (☑ √ ■ [x] (√) 【√】 ...), -1
 * for an unticked one (□ ○ 口 [ ] ( ) ...), 0 for none; *len_r: its
 * length in bytes. */
int extract_layout_mark_at(const char *p, const char *end, size_t *len_r);

/* layout.c: p..end after a list number or bullet (3. 四、 (2) ① • ★) and
 * the spaces around it; p itself when there is none. */
const char *extract_layout_skip_bullet(const char *p, const char *end);

/* verdict.c: the verdict on rec (every kind: NONE and no review for what
 * is not an application), from its fields, rec->missing, rec->invalid,
 * rec->info and the reasons rules already gave; adds a reason to
 * rec->review for each doubt (a LOW required element, a blank label that
 * may have its value below it, two names, a written ID type the number
 * contradicts, an agent). */
void extract_verdict_decide(struct extract_record *rec);

/* verdict.c: the required element (enum extract_element bit) field f
 * carries, 0 for none; whether one of the element's fields of rec is
 * HIGH. */
unsigned extract_verdict_element_of(enum extract_field f);
bool extract_verdict_element_sure(const struct extract_record *rec,
				  unsigned element);

/* verdict.c: whether a and b (either may be NULL: false) are one name
 * written alike but for spaces and dots (张 三, 巴特尔·朝鲁 / 巴特尔.朝鲁)
 * and the case of Latin letters. */
bool extract_same_name(const char *a, const char *b);

/* text.c: the simplified form extract_text_fold() gives the traditional
 * character or word at p (p..end), NULL for none; *len_r: the bytes it
 * replaces, as many as it has. */
const char *extract_text_simplified(const char *p, const char *end,
				    size_t *len_r);

/* text.c: whether s contains, or starts with, one of the n words. */
bool extract_text_contains_any(const char *s, const char *const *words, size_t n);
bool extract_text_starts_with_any(const char *s, const char *const *words,
				  size_t n);

/* text.c: characters of a UTF-8 text that may be invalid, never read past
 * end (or before start).  The next character after p (end at the end), the
 * one before p (start at the start); the character at p, 0 if invalid;
 * whether it is a Chinese character (CJK ideographs, extensions A-F and
 * compatibility). */
const char *extract_text_next_char(const char *p, const char *end);
const char *extract_text_prev_char(const char *p, const char *start);
gunichar extract_text_char_at(const char *p, const char *end);
bool extract_text_is_han(const char *p, const char *end);

/* text.c: whether p..end starts with lit; the longest of the n words that
 * p..end starts with (NULL if none); the first lit in p..end (NULL). */
bool extract_text_has_prefix(const char *p, const char *end, const char *lit);
const char *extract_text_word_at(const char *p, const char *end,
				 const char *const *words, size_t n);
const char *extract_text_find_in(const char *p, const char *end,
				 const char *lit);

/* text.c: small tests of characters and clauses. */
/* Whether c is a space or a tab. */
bool extract_text_is_space(char c);

/* Whether c is an ASCII digit. */
bool extract_text_is_digit(char c);

/* Whether c is an ASCII letter or digit. */
bool extract_text_is_alnum(char c);
/* A digit or Latin letter, ASCII or full-width (U+FF10..FF19, FF21..FF3A,
 * FF41..FF5A): what an ID, phone or house number and its check letter are
 * written with -- what the log's masking hides and what agreement of two
 * OCR models does not vouch for in an address. */
bool extract_text_is_number_char(gunichar c);

/* The length of the clause punctuation at p (。、,;!?)]】), 0 if none. */
size_t extract_text_clause_end_len(const char *p, const char *end);

/* places.c: where a run of division names (a province, its prefecture,
 * its county and a township of it, or two or more of them in that order
 * from any but the township: lexicon/places.txt) starts at u[i] of
 * u[0..n) with one character of a name misread, another name of the run
 * read exactly: writes the run's characters as they should be to fix_r
 * (room for fix_max) and returns the run's length, the same as read.  0
 * when no such run starts at i, when it is read right, when two runs fit
 * as well (the most names, then the fewest misread characters), or when
 * it does not fit in fix_r.  A name is taken as misread in one character
 * only, never in its last (省, 市, 区, 县, 旗, 道, 镇 ...), never when it has
 * fewer than three, never where sure[k] (sure may be NULL: no character
 * is).  Pure; thread-safe (the table is decoded once). */
size_t extract_places_fix(const gunichar *u, const bool *sure, size_t n, size_t i,
                          gunichar *fix_r, size_t fix_max);

/* places.c: whether s..end (valid UTF-8) starts with the name of a
 * province, a prefecture or a county of three characters or more, as
 * written (内蒙古自治区…, 通辽市…, 库伦旗…): an address starts there.
 * Pure; thread-safe. */
bool extract_places_at(const char *s, const char *end);

/* ocrfront.c: what the OCR front made of the words (extract_message_ocr()
 * reads it; tests look at it).  Flags of a byte of the text: */
enum extract_ocr_flag {
	EXTRACT_OCR_REPAIRED = 1u << 0, /* put right: a date's character, an ID
	                                   number's letter, a label's character */
	EXTRACT_OCR_DOUBT    = 1u << 1, /* no reading, or more than one, is
	                                   valid: a label close to two labels,
	                                   an ID number read with letters */
	EXTRACT_OCR_GUESSED  = 1u << 2, /* a label put where an unreadable one
	                                   stood, from the value's shape */
};

struct extract_ocr_text {
	char *text;            /* what extract_message() reads; lines by \n,
	                          pages by a blank line */
	size_t len;
	int *word;             /* per byte of text: the index of the word it
	                          came from, -1 for a space or break put in */
	unsigned char *flags;  /* per byte: enum extract_ocr_flag bits */
	GPtrArray *doubts;     /* reasons (char *) a clerk must look, English */
	unsigned header_lines; /* fax header lines (TSI) left out */
	unsigned cover_pages;  /* cover pages left out */
	unsigned low_words;    /* words in text below EXTRACT_OCR_CONF_MIN,
	                          and those of a line under a hand left out
	                          with a signature's area (all below it): a
	                          date misread there leaves the date missing,
	                          a doubt rather than surely absent */
	unsigned sign_areas;   /* signature labels left out with their area,
	                          and signature frames: the ink decides the
	                          signature, not words */
	unsigned sign_words;   /* words read inside a signature's frame (left
	                          out): ink the signature's measure must agree
	                          with */
	unsigned sign_area_words; /* words left out with a signature label's
	                          area: as sign_words */
};

/* Makes out from the n words (struct extract_ocr_input's order); today:
 * "YYYY-MM-DD" (a birth date after it is no reading), or NULL.  Free with
 * extract_ocr_text_clear(). */
void extract_ocr_front(const struct extract_ocr_word *words, size_t n,
		       const char *today, struct extract_ocr_text *out);
void extract_ocr_text_clear(struct extract_ocr_text *t);

#endif
