#include "delivery/bounce.h"

#include <string.h>

#include <glib.h>

#include "registry/outbox.h"

static bool
bounce_row_exists(struct registry *reg, int64_t id, bool *found_r,
		  struct ogi_error *err)
{
	struct registry_outbox_row row;

	if (registry_outbox_get(reg, id, &row, found_r, err) != 0)
		return false;
	if (*found_r)
		registry_outbox_row_clear(&row);
	return true;
}

/* Whether id (a Message-ID without brackets) ends in "@domain". */
static bool
bounce_id_ours(const char *id, const char *domain)
{
	const char *at = id != NULL ? strrchr(id, '@') : NULL;

	return at != NULL && domain != NULL && g_ascii_strcasecmp(at + 1, domain) == 0;
}

int
delivery_bounce_match(struct registry *reg, const struct delivery_verp *v,
		      const char *domain, const struct extract_dsn *dsn,
		      struct delivery_bounce_match *m_r, struct ogi_error *err)
{
	const size_t plen = strlen(DELIVERY_VERP_PREFIX);
	int64_t id;
	bool found;

	*m_r = (struct delivery_bounce_match){ .id = 0 };
	for (size_t i = 0; i < dsn->n_envelope_to; i++) {
		const char *addr = dsn->envelope_to[i];

		if (g_ascii_strncasecmp(addr, DELIVERY_VERP_PREFIX, plen) != 0)
			continue;
		if (!delivery_verp_check(v, addr, &id)) {
			m_r->forged = true;
			continue;
		}
		if (!bounce_row_exists(reg, id, &found, err))
			return -1;
		if (found) {
			*m_r = (struct delivery_bounce_match){ .id = id,
							       .by = "return path" };
			return 0;
		}
	}
	/* A forged return path may come with a Message-ID copied from a
	 * letter its sender received: believe neither. */
	if (m_r->forged || !bounce_id_ours(dsn->original_id, domain))
		return 0;
	if (registry_outbox_find(reg, dsn->original_id, &id, err) != 0)
		return -1;
	if (id != 0)
		*m_r = (struct delivery_bounce_match){ .id = id, .by = "Message-ID" };
	return 0;
}

char *
delivery_bounce_status(const struct extract_dsn *dsn)
{
	const char *code = dsn->status[0] != '\0' ? dsn->status : NULL;

	if (code != NULL && dsn->diagnostic != NULL)
		return g_strdup_printf("%s %s", code, dsn->diagnostic);
	if (code != NULL || dsn->diagnostic != NULL)
		return g_strdup(code != NULL ? code : dsn->diagnostic);
	return g_strdup_printf("delivery report (%s) without a status",
			       extract_dsn_action_name(dsn->action));
}
