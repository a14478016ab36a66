/* The legal texts letters quote: templates/legal.txt.
 *
 * The wording that comes from the law rather than from one letter -- the
 * two remedy sentences, the document number pattern, the grounds for
 * withholding information with their articles -- is data in one file
 * beside the templates (a GKeyFile: [group], key = value, # comments;
 * described for clerks in the file itself), so that a change in the law is
 * one edit and no program repeats it.  An office's configuration may
 * override the remedy sentences and the pattern (config.h); nothing else
 * supplies them.
 *
 * Nothing here blocks except letter_legal_load (one file read).
 */
#ifndef OGI_LETTER_LEGAL_H
#define OGI_LETTER_LEGAL_H

#include <stdbool.h>
#include <stddef.h>

#include "common/error.h"
#include "letter/template.h"

/* The file's name in the templates directory. */
#define LETTER_LEGAL_FILE "legal.txt"

/* The grounds for withholding information (bureau rules Art. 3; 2019
 * Regulation Art. 14-16), one [exemption.CODE] group each. */
enum letter_exemption_code {
	LETTER_EXEMPTION_STATE_SECRET,      /* "state_secret" */
	LETTER_EXEMPTION_COMMERCIAL_SECRET, /* "commercial_secret" */
	LETTER_EXEMPTION_PRIVACY,           /* "privacy" */
	LETTER_EXEMPTION_IN_PROCESS,        /* "in_process" */
	LETTER_EXEMPTION_LAW_ENFORCEMENT,   /* "law_enforcement" */
	LETTER_EXEMPTION_OTHER_LAW,         /* "other_law" */
	LETTER_EXEMPTION_COUNT
};

struct letter_exemption {
	char *ground;         /* ground: "属于个人隐私，……" */
	char *bureau_item;    /* bureau_item: "第三条第一款第（三）项" */
	char *regulation;     /* regulation: "第十五条" */
	bool consent;         /* consent: the person concerned may agree to
	                         disclosure */
};

/* What the office answers for one outcome code (workflow/outcome.h), an
 * [outcome.CODE] group.  A refusal (a group with a ground) gives the
 * exemption's fields instead of a basis. */
struct letter_outcome {
	char *code;           /* "published", "refused.third_party", ... */
	char *letter;         /* letter: the template kind ("reply-refused") */
	char *basis;          /* basis: the articles the letter cites; NULL
	                         for a refusal */
	char *text;           /* text: the finding, a full sentence; NULL if
	                         none */
	char *decision;       /* decision: what the office does; NULL if none */
	bool refusal;         /* the group gives ground, bureau_item,
	                         regulation and consent */
	struct letter_exemption exemption; /* a refusal's; zero otherwise */
};

/* Every string is non-empty UTF-8; the patterns hold only the names
 * letter_remedy_text and letter_docnum_format know. */
struct letter_legal {
	char *remedy;         /* [remedy] general: {review_body}, {court} */
	char *remedy_refusal; /* [remedy] refusal: administrative review first */
	char *docnum_format;  /* [docnum] format: {short}, {year}, {seq} */
	struct letter_exemption exemptions[LETTER_EXEMPTION_COUNT];
	struct letter_outcome *outcomes; /* in the file's order */
	size_t n_outcomes;
};

/* Reads the legal texts at path.  Returns 0 and a new struct in *legal_r
 * (free with letter_legal_free), or -1 with an error naming path and, when
 * one is at fault, the group and key: "PATH: [remedy] refusal: missing",
 * an unknown group or key, a consent other than true or false, a pattern
 * naming an unknown {name}, an unreadable file or one that is not a key
 * file in UTF-8.  An [outcome.CODE] group needs a letter, and either a
 * basis or all four exemption keys; which codes there are is the
 * workflow's (workflow/outcome.h), checked by those who use them. */
int letter_legal_load(const char *path, struct letter_legal **legal_r,
		      struct ogi_error *err);

/* Same, from len bytes of text; name stands for the path in errors. */
int letter_legal_parse(const char *name, const char *text, size_t len,
		       struct letter_legal **legal_r, struct ogi_error *err);

/* NULL is fine. */
void letter_legal_free(struct letter_legal *legal);

/* Sets, under prefix ("refusal" on the root, NULL on a "withheld" item),
 * the fields ground, bureau_item, regulation and consent (non-empty when
 * the person concerned may consent) of the exemption code ("state_secret",
 * "commercial_secret", "privacy", "in_process", "law_enforcement",
 * "other_law") from legal.  -1 for an unknown code. */
int letter_values_set_exemption(struct letter_values *vals,
				const struct letter_legal *legal,
				const char *prefix, const char *code,
				struct ogi_error *err);

/* The [outcome.CODE] group of code, or NULL when the file has none.  The
 * struct belongs to legal. */
const struct letter_outcome *letter_legal_outcome(const struct letter_legal *legal,
						  const char *code);

/* Sets the values a letter for outcome code takes from legal: outcome.basis,
 * outcome.text, outcome.decision (those the group has), and for a refusal
 * refusal.ground, refusal.bureau_item, refusal.regulation and
 * refusal.consent.  -1, naming the file's group, when legal has no group
 * for code. */
int letter_values_set_outcome(struct letter_values *vals,
			      const struct letter_legal *legal,
			      const char *code, struct ogi_error *err);

/* Sets ground, bureau_item, regulation and consent of a "withheld" item
 * from the refusal outcome code ("refused.third_party").  -1 when legal
 * has no such group or it is no refusal. */
int letter_values_set_withheld(struct letter_values *item,
			       const struct letter_legal *legal,
			       const char *code, struct ogi_error *err);

#endif
