/* Letter templates: templates/NAME.tpl (plain UTF-8; the language is
 * described for clerks in templates/README.md) expanded against a tree of
 * values into a struct letter_doc (letter.h).
 *
 * Every name a template may use is in a fixed vocabulary (office.name,
 * applicant.name, case.id, the list "missing" with its fields label and
 * what, ...).  A template naming anything else fails to load; a value set
 * under a name outside the vocabulary is refused.  Errors name the template
 * file and line: "templates/correction.tpl:14: unknown placeholder
 * {{applicant.nmae}}".
 *
 * Nothing here blocks except letter_template_load (one file read).  No
 * function keeps a pointer to its arguments after it returns.
 */
#ifndef OGI_LETTER_TEMPLATE_H
#define OGI_LETTER_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "common/error.h"
#include "letter/letter.h"

/* ---- values ------------------------------------------------------------
 * A tree: the root maps dotted names ("applicant.name") to strings and
 * list names ("missing") to lists of items; an item maps field names
 * ("label") to strings.  Strings are copied and must be valid UTF-8.  An
 * empty string counts as no value: {{name}} outside an {{#if}} then fails
 * to expand, and {{#if name}} is false. */
struct letter_values;

/* A new, empty root.  Never NULL (aborts when out of memory). */
struct letter_values *letter_values_new(void);

/* Frees the root and everything under it (items included); NULL is fine.
 * Only ever pass a root, never an item from letter_values_append. */
void letter_values_free(struct letter_values *vals);

/* Sets key to a copy of value, replacing an earlier value.  On the root key
 * is a vocabulary name; on an item, a field of its list.  Returns -1 when
 * key is not in the vocabulary, names a list, or value is not UTF-8. */
int letter_values_set(struct letter_values *vals, const char *key,
		      const char *value, struct ogi_error *err);

/* Like letter_values_set, with a printf-formatted value. */
int letter_values_setf(struct letter_values *vals, const char *key,
		       struct ogi_error *err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Appends a new empty item to the list key of the root vals and returns it
 * in *item_r (owned by vals; fill it with letter_values_set).  Returns -1
 * when key is not a list of the vocabulary. */
int letter_values_append(struct letter_values *vals, const char *key,
			 struct letter_values **item_r, struct ogi_error *err);

/* The value of a dotted name on the root, or of a field on an item; NULL
 * when unset.  The string belongs to vals. */
const char *letter_values_get(const struct letter_values *vals,
			      const char *key);

/* ---- vocabulary ----------------------------------------------------------
 * Returns the description (Chinese, for clerks) of a vocabulary name:
 * "applicant.name", a list "missing" or a list field "missing[].label".
 * NULL when the name is unknown.  Static string. */
const char *letter_placeholder_meaning(const char *name);

/* ---- templates ---------------------------------------------------------- */
struct letter_template;

/* Reads and checks the template at path.  Returns 0 and a new template in
 * *tpl_r (free with letter_template_free), or -1 with "PATH:LINE: what"
 * in err: unknown directive, unknown placeholder, unclosed or mismatched
 * {{#if}}/{{#unless}}/{{#each}}, invalid UTF-8, unreadable file. */
int letter_template_load(const char *path, struct letter_template **tpl_r,
			 struct ogi_error *err);

/* Same, from a string; name stands for the path in error messages. */
int letter_template_parse(const char *name, const char *text,
			  struct letter_template **tpl_r,
			  struct ogi_error *err);

void letter_template_free(struct letter_template *tpl);

/* Expands tpl against vals into a new document in *doc_r (free with
 * letter_doc_free).  doc->title is the text of the first @title block,
 * doc->author the value of office.name, doc->seal_png the value of
 * office.seal_image (NULL when unset).  Returns -1 with "PATH:LINE: ..."
 * when a placeholder outside {{#if}}/{{#unless}} has no value. */
int letter_template_expand(const struct letter_template *tpl,
			   const struct letter_values *vals,
			   struct letter_doc **doc_r, struct ogi_error *err);

/* The names tpl uses (placeholders, conditions and lists), each once, in
 * order of first use; list fields as "missing[].label".  Sets *names_r to an
 * array owned by tpl and returns its length. */
size_t letter_template_placeholders(const struct letter_template *tpl,
				    const char *const **names_r);

/* ---- letter kinds and sample data ----------------------------------------
 * The kinds of letter, one template each ("receipt", "correction",
 * "extension", "reply-published", ..., "form").  Returns a static array and
 * sets *n_r to its length. */
const char *const *letter_kinds(size_t *n_r);

/* Whether kind (not NULL) is one of letter_kinds().  Pure. */
bool letter_kind_known(const char *kind);

struct letter_legal;

/* Builds realistic sample values for a kind (a preview of its letter: the
 * application 2026-000017 of 王建国, received 2026-11-20, with the example
 * office of contrib/ogid.conf); the remedy sentences, document numbers and
 * exemption grounds come from legal (legal.h).  Returns 0 and a new root in
 * *vals_r, or -1 for an unknown kind. */
int letter_sample_values(const char *kind, const struct letter_legal *legal,
			 struct letter_values **vals_r, struct ogi_error *err);

/* ---- helpers for values --------------------------------------------------
 * All return 0 and a new string in *out_r (caller frees with g_free), or
 * -1. */

/* "2026-11-20" -> "2026年11月20日" (Arabic numerals, no zero padding, per
 * GB/T 9704).  -1 unless iso is a real calendar date. */
int letter_date_cn(const char *iso, char **out_r, struct ogi_error *err);

/* 15 -> "十五个工作日", 20 -> "二十个工作日", 7 -> "七个工作日"
 * (n from 1 to 9999). */
int letter_workdays_cn(int n, char **out_r, struct ogi_error *err);

/* n (0..9999) in Chinese numerals: 7 -> "七", 15 -> "十五", 105 -> "一百零五". */
int letter_number_cn(int n, char **out_r, struct ogi_error *err);

/* A document number from a pattern with {short}, {year} and {seq}:
 * ("{short}〔{year}〕{seq}号", "通人社", 2026, 12) -> "通人社〔2026〕12号"
 * (no zero padding).  short_name may be NULL when the pattern lacks
 * {short}.  -1 for an unknown {name}, year outside 1000..9999, seq < 1. */
int letter_docnum_format(const char *pattern, const char *short_name,
			 int year, int seq, char **out_r,
			 struct ogi_error *err);

/* The remedy sentence from a pattern with {review_body} and {court}: the
 * office's (config keys remedy, remedy_refusal) or legal.txt's.  -1 for an
 * unknown {name} or a name without a value. */
int letter_remedy_text(const char *pattern, const char *review_body,
		       const char *court, char **out_r, struct ogi_error *err);

#endif
