/* Letter values from the office's configuration and a registered case,
 * and a letter rendered from them with the configured templates and fonts.
 *
 * The bridge between the registry's view of an application and the names
 * templates use (letter/template.h's vocabulary), so that letter/ itself
 * stays "template and values in, PDF out" and knows nothing of the
 * registry.  Used by ogictl (previews, replies) and by ogid's letters
 * worker (delivery/letters.h).  The values are pure apart from reading the
 * structs they are given; rendering blocks on file I/O.
 */
#ifndef OGI_DELIVERY_CASE_VALUES_H
#define OGI_DELIVERY_CASE_VALUES_H

#include "common/config.h"
#include "common/error.h"
#include "letter/legal.h"
#include "letter/template.h"
#include "registry/registry.h"

/* Sets every office.* value (name, contacts, review body, court, both
 * remedy sentences with {review_body} and {court} filled in) and the
 * period.* values from cfg on vals.  A remedy sentence the office did not
 * configure (NULL or empty) is legal's.  Returns 0 or -1. */
int delivery_office_values(const struct config *cfg, const struct letter_legal *legal,
		      struct letter_values *vals, struct ogi_error *err);

/* Builds the values of a letter about case c: the office, applicant.*,
 * case.* (request, channel, medium, delivery in Chinese), dates.received
 * (the receipt day in cfg's time zone), dates.deadline, dates.letter
 * (letter_date, "YYYY-MM-DD", never NULL), case.docnum (docnum as given;
 * NULL sets a draft number, in the office's pattern or else legal's, with
 * "×" for the sequence) and the missing list: one item per missing or
 * invalid element, with what the applicant must send.  Returns 0 and a new
 * root in *vals_r (free with letter_values_free), or -1. */
int delivery_case_values(const struct registry_case *c, const struct config *cfg,
		    const struct letter_legal *legal, const char *letter_date,
		    const char *docnum, struct letter_values **vals_r,
		    struct ogi_error *err);

/* The template file of letter kind: templates_dir/KIND.tpl, a new string
 * (g_free). */
char *delivery_letter_template_path(const struct config *cfg, const char *kind);

/* Gives the values of one letter, the legal texts loaded: 0 and a new
 * root in *vals_r (letter_values_free), or -1. */
typedef int (*delivery_values_fn)(const struct letter_legal *legal, void *ctx,
				  struct letter_values **vals_r,
				  struct ogi_error *err);

/* Parses a font setting of [letters], "PATH" or "PATH:INDEX" (a face of a
 * collection), into a new path (g_free) and the face index (0 when none
 * is given). */
void delivery_letter_font(const char *spec, char **path_r, int *index_r);

/* Renders letter kind (templates_dir/KIND.tpl, the legal texts of
 * templates_dir) with the values fn gives into the PDF file outpath (a
 * temporary file renamed over it: mode 0600, never half written), in the
 * configured fonts.  title_r (may be NULL) receives the letter's title (a
 * new string, g_free; "" when it has none).  Returns 0 or -1.  Blocks on
 * file I/O. */
int delivery_letter_render(const struct config *cfg, const char *kind,
			   delivery_values_fn fn, void *ctx,
			   const char *outpath, char **title_r,
			   struct ogi_error *err);

#endif
