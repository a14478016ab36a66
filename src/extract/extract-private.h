/* Internal seams of the extract module; not for use outside src/extract/. */
#ifndef OGI_EXTRACT_PRIVATE_H
#define OGI_EXTRACT_PRIVATE_H

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

/* fields.c: fills the application fields of rec (names, numbers, request,
 * signature, date, delivery, medium) from text, a folded UTF-8 text, and
 * from msg's headers where the text says nothing (From as contact when
 * ctx->sender_is_contact).  Returns how many of the EXTRACT_ELEM_COUNT
 * elements were found; sets rec->missing and rec->invalid. */
unsigned extract_fields(const char *text, const struct mime_message *msg,
			const struct extract_context *ctx,
			struct extract_record *rec);

/* text.c: whether s contains, or starts with, one of the n words. */
bool extract_text_contains_any(const char *s, const char *const *words, size_t n);
bool extract_text_starts_with_any(const char *s, const char *const *words,
				  size_t n);

#endif
