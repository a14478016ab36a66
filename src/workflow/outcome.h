/* Outcomes: what the office decided on an application.
 *
 * One code per row of section 三 of the annual report (国办公开办函〔2021〕
 * 30号, domain.md §6), so that every recorded decision counts in exactly one
 * row: `ogictl reply --outcome CODE` stores the code in cases.outcome and
 * the report counts the codes.  This table is the one source of the codes,
 * their report rows and the options a clerk must give with each; the letter
 * each one is answered with and its legal basis are data, in the
 * [outcome.CODE] sections of templates/legal.txt (letter/legal.h), so that
 * a change in the law is an edit of that file.
 *
 * Pure: no I/O, no clock.  Strings returned are static.  Nothing blocks.
 */
#ifndef OGI_WORKFLOW_OUTCOME_H
#define OGI_WORKFLOW_OUTCOME_H

#include <stdbool.h>
#include <stddef.h>

#include "common/error.h"

/* The report's six kinds of result, （一） to （六）. */
enum outcome_family {
	OUTCOME_DISCLOSED = 1,  /* （一）予以公开: published, provided */
	OUTCOME_PARTIAL,        /* （二）部分公开 */
	OUTCOME_REFUSED,        /* （三）不予公开, eight grounds */
	OUTCOME_UNAVAILABLE,    /* （四）无法提供 */
	OUTCOME_NOT_PROCESSED,  /* （五）不予处理 */
	OUTCOME_OTHER,          /* （六）其他处理 */
};

/* The options of `ogictl reply`, as bits. */
enum outcome_option {
	OUTCOME_OPT_REASON = 1 << 0,         /* --reason TEXT */
	OUTCOME_OPT_WHERE = 1 << 1,          /* --where TEXT */
	OUTCOME_OPT_HOLDER = 1 << 2,         /* --holder NAME */
	OUTCOME_OPT_HOLDER_CONTACT = 1 << 3, /* --holder-contact TEXT */
	OUTCOME_OPT_WITHHELD = 1 << 4,       /* --withheld GROUND:WHAT */
	OUTCOME_OPT_ATTACH = 1 << 5,         /* --attach FILE */
};

struct outcome_info {
	const char *code;       /* "published", "refused.third_party", ... */
	enum outcome_family family;
	int item;               /* the numbered line within its family
	                           (1 国家秘密 ...), 0 for a family without
	                           numbered lines; （一） counts published and
	                           provided together and numbers them 0 */
	const char *row;        /* its line of the report's table, as the
	                           national format prints it: "（一）予以公开",
	                           "（二）部分公开（区分处理的，只计这一情形，
	                           不计其他情形）" for the unnumbered families,
	                           "1.属于国家秘密" for a numbered line (under
	                           outcome_family_row) */
	unsigned required;      /* enum outcome_option bits a reply needs */
	unsigned allowed;       /* bits it may have (required included) */
};

/* Every outcome, in the report's row order.  Returns a static array and
 * sets *n_r to its length. */
const struct outcome_info *outcome_all(size_t *n_r);

/* The outcome code, or NULL when code is none of them. */
const struct outcome_info *outcome_find(const char *code);

/* The annual report's row label of code (struct outcome_info's row:
 * "4.保护第三方合法权益"), or NULL for an unknown code: the report and
 * `reply` share it. */
const char *outcome_report_row(const char *code);

/* The heading line of a family in the report ("（三）不予公开"). */
const char *outcome_family_row(enum outcome_family f);

/* The refusal grounds a withheld part of a partial disclosure may give:
 * the suffix of a refused.* code ("state_secret", "third_party", ...).
 * Returns the refused.* outcome, or NULL. */
const struct outcome_info *outcome_refusal_ground(const char *ground);

/* Whether a refusal's remedy applies: under the Administrative Review Law
 * (2023) Art. 23 a decision not to disclose, wholly or in part, must go to
 * administrative review first, and its letter says so. */
bool outcome_review_first(const struct outcome_info *o);

/* Checks the options given (enum outcome_option bits) against what the
 * outcome needs: 0, or -1 with err naming, in the clerk's words, the first
 * option missing or out of place ("--outcome published needs --where";
 * "--holder does not apply to --outcome provided"; "--holder-contact needs
 * --holder").  n_withheld and n_reasons count the repeated --withheld and
 * --reason: a partial disclosure gives one reason per withheld part, in
 * order; every other outcome takes at most one reason. */
int outcome_check_options(const struct outcome_info *o, unsigned given,
			  size_t n_withheld, size_t n_reasons,
			  struct ogi_error *err);

/* "--reason", "--where", ... for one option bit. */
const char *outcome_option_name(unsigned opt);

#endif
