/* A letter that cannot go the way the applicant asked goes another way
 * they gave (bureau rules Art. 8: 因技术原因无法满足的，也可以选择以符合该
 * 政府信息特点的形式提供), and the office hears of it. */
#include "delivery/channel.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "common/log.h"
#include "delivery/fax.h"
#include "registry/case.h"
#include "registry/letters.h"
#include "workflow/workflow.h"

/* Art. 8 names post, fax and email; the order tries the quickest first,
 * and a fallback only ever moves down it. */
static const char *const fallback_order[] = { "email", "fax", "post" };

static bool
fallback_reaches(const struct delivery_contact *c, const char *channel)
{
	char number[DELIVERY_FAX_NUMBER_SIZE];

	if (strcmp(channel, "email") == 0)
		return delivery_address_valid(c->email);
	if (strcmp(channel, "fax") == 0)
		return delivery_fax_number(c->fax, number, NULL) == 0;
	return c->address != NULL && c->address[0] != '\0';
}

const char *
delivery_fallback_next(const struct delivery_contact *c, const char *failed)
{
	size_t i = 0;

	for (size_t k = 0; k < G_N_ELEMENTS(fallback_order); k++)
		if (strcmp(failed, fallback_order[k]) == 0)
			i = k + 1;
	for (; i < G_N_ELEMENTS(fallback_order); i++)
		if (fallback_reaches(c, fallback_order[i]))
			return fallback_order[i];
	return NULL;
}

/* A letter in one of these states can still be failed: a delivered one
 * too, when a bounce arrives after the server had accepted it. */
static bool
fallback_can_fail(const char *state)
{
	return strcmp(state, "pending") == 0 || strcmp(state, "queued") == 0 ||
	       strcmp(state, "sent") == 0 || strcmp(state, "delivered") == 0;
}

/* Inside the batch: fails l, and adds it again in the next channel unless
 * a later letter of its kind on its case shows that was done.  *again_r:
 * this call did it (false: an earlier one had). */
static int
fallback_in_tx(const struct config *cfg, struct registry *reg,
	       const struct registry_letter *l, const struct registry_case *c,
	       const struct delivery_contact *contact, const char *detail,
	       int64_t now, int64_t *next_id_r, const char **next_r,
	       bool *again_r, struct ogi_error *err)
{
	struct registry_letter *rows = NULL;
	size_t n = 0;
	int rc = -1;

	*again_r = false;
	if (registry_letters_of_case(reg, l->case_id, &rows, &n, err) != 0)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].kind, l->kind) == 0 && rows[i].id > l->id) {
			*next_id_r = rows[i].id;
			*next_r = "";
			rc = 0;
			goto out;
		}
	if (fallback_can_fail(l->state) &&
	    registry_letter_transition_in_tx(reg, l->id, l->state, "failed",
					     detail, now, err) != 0)
		goto out;
	*again_r = true;
	*next_r = delivery_fallback_next(contact, l->channel);
	/* A way that leads to the office's own contact (a form's footer read
	 * as the applicant's) is no way to the applicant. */
	while (*next_r != NULL && cfg != NULL &&
	       delivery_letter_to_office(cfg, &c->rec, *next_r) != NULL)
		*next_r = delivery_fallback_next(contact, *next_r);
	if (*next_r != NULL) {
		struct registry_letter_file *files =
			g_new0(struct registry_letter_file, l->n_files + 1);
		const struct registry_letter_new nl = {
			.case_id = l->case_id, .kind = l->kind, .channel = *next_r,
			.values_json = l->values_json, .files = files,
			.n_files = l->n_files,
		};

		for (size_t i = 0; i < l->n_files; i++)
			files[i] = (struct registry_letter_file){
				.name = l->files[i].name, .path = l->files[i].path,
				.size = l->files[i].size,
			};
		rc = registry_letter_add_in_tx(reg, &nl, now, next_id_r, err);
		g_free(files);
	} else
		rc = 0;
out:
	registry_letters_free(rows, n);
	return rc;
}

/* The case hears of it: its reply failing moves an answered or delivered
 * case (a bounce after the server accepted it) to delivery_failed with the
 * event; any other letter gets the event alone (a receipt that failed
 * leaves the application registered, a late bounce of it says nothing
 * about the answer). */
static void
fallback_tell(struct registry *reg, const struct registry_case *c,
	      const char *kind, const char *what)
{
	struct ogi_error err = { 0 };

	log_warning("case %s: %s", c->id, what);
	if (workflow_letter_is_reply(kind) &&
	    workflow_transition_check(c->state, "delivery_failed", NULL) == 0 &&
	    registry_case_transition(reg, c->id, c->state, "delivery_failed",
				     "delivery-failed", what, &err) == 0)
		return;
	if (registry_case_event(reg, c->id, "delivery-failed", what, &err) != 0)
		log_error("case %s: the delivery failure could not be recorded: %s",
			  c->id, err.msg);
}

/* Reads letter letter_id and its case into *l and *c_r (registry_letter_clear,
 * registry_case_free).  Returns 0, or -1 with err (no such letter or case,
 * a database error) and nothing to free. */
static int
fallback_load(struct registry *reg, int64_t letter_id, struct registry_letter *l,
	      struct registry_case **c_r, struct ogi_error *err)
{
	bool found;

	*c_r = NULL;
	if (registry_letter_get(reg, letter_id, l, &found, err) != 0)
		return -1;
	if (!found) {
		error_set(err, "no letter %" PRId64, letter_id);
		return -1;
	}
	if (registry_case_get(reg, l->case_id, c_r, err) == 0 && *c_r == NULL)
		error_set(err, "letter %" PRId64 ": no case %s", letter_id, l->case_id);
	if (*c_r == NULL) {
		registry_letter_clear(l);
		return -1;
	}
	return 0;
}

int
delivery_fallback(const struct config *cfg, struct registry *reg,
		  int64_t letter_id, const char *detail, int64_t now,
		  int64_t *next_id_r, struct ogi_error *err)
{
	struct registry_letter l;
	struct registry_case *c = NULL;
	struct delivery_contact contact;
	const char *next = NULL;
	bool again = false;
	int rc = -1;

	*next_id_r = 0;
	if (fallback_load(reg, letter_id, &l, &c, err) != 0)
		return -1;
	delivery_contact_of_case(c, &contact);
	if (registry_batch_begin(reg, err) != 0)
		goto out;
	if (fallback_in_tx(cfg, reg, &l, c, &contact, detail, now, next_id_r,
			   &next, &again, err) != 0) {
		registry_batch_abort(reg);
		*next_id_r = 0;
		goto out;
	}
	if (registry_batch_commit(reg, err) != 0) {
		*next_id_r = 0;
		goto out;
	}
	if (again) {
		char *what = next != NULL
			? g_strdup_printf("letter %" PRId64 " (%s by %s) failed: %s; "
					  "sent again by %s as letter %" PRId64,
					  l.id, l.kind, l.channel, detail, next,
					  *next_id_r)
			: g_strdup_printf("letter %" PRId64 " (%s by %s) failed: %s; "
					  "no other way to the applicant is known: "
					  "the office must act",
					  l.id, l.kind, l.channel, detail);

		fallback_tell(reg, c, l.kind, what);
		g_free(what);
	}
	rc = 0;
out:
	registry_case_free(c);
	registry_letter_clear(&l);
	return rc;
}

int
delivery_fallback_tell(const struct config *cfg, struct registry *reg,
		       int64_t letter_id, const char *detail, int64_t now,
		       struct ogi_error *err)
{
	struct registry_letter l;
	struct registry_case *c = NULL;
	char *what;
	int rc = -1;

	(void)cfg;
	if (fallback_load(reg, letter_id, &l, &c, err) != 0)
		return -1;
	if (!fallback_can_fail(l.state)) {
		rc = 0;
		goto out;
	}
	what = g_strdup_printf("letter %" PRId64 " (%s by %s) failed: %s; not sent "
			       "again another way, as it may have reached the "
			       "applicant: the office must check and act",
			       l.id, l.kind, l.channel, detail);
	/* Told before the letter is closed: a crash in between leaves it
	 * pending and marked, told again on the next pass, never re-sent. */
	fallback_tell(reg, c, l.kind, what);
	g_free(what);
	if (registry_batch_begin(reg, err) != 0)
		goto out;
	if (registry_letter_transition_in_tx(reg, l.id, l.state, "failed",
					     detail, now, err) != 0 ||
	    registry_letter_settle(reg, l.id, now, err) != 0) {
		registry_batch_abort(reg);
		goto out;
	}
	rc = registry_batch_commit(reg, err);
out:
	registry_case_free(c);
	registry_letter_clear(&l);
	return rc;
}
