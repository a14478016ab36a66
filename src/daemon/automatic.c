#include "daemon/automatic.h"

#include <stdbool.h>
#include <string.h>

#include "common/log.h"
#include "registry/holding.h"

/* A message for a clerk to file: it is no application, it joined no case,
 * and it is not robot mail (recorded and ignored). */
static bool
automatic_holds(const struct automatic_message *m)
{
	const struct extract_record *rec = m->res->rec;

	if (m->out->duplicate || m->out->case_id[0] != '\0')
		return false;
	if (rec == NULL)
		return true;
	switch (rec->kind) {
	case EXTRACT_KIND_CONSULTATION:
	case EXTRACT_KIND_COMPLAINT:
	case EXTRACT_KIND_STATUS_QUERY:
	case EXTRACT_KIND_CORRECTION_REPLY:
		return true;
	default:
		return false;
	}
}

int
automatic_after_record(const struct config *cfg, struct registry *reg,
		       const struct automatic_message *m, struct ogi_error *err)
{
	(void)cfg;
	if (automatic_holds(m)) {
		if (registry_holding_mark_in_tx(reg, m->msg->mailbox,
						m->msg->uid, err) != 0)
			return -1;
		log_info("%s: held for the office (ogictl holding)", m->where);
	}
	return 0;
}
