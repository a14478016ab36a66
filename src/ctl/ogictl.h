/* What ogictl's commands share with its main program (ogictl.c). */
#ifndef OGI_CTL_OGICTL_H
#define OGI_CTL_OGICTL_H

#include "common/config.h"
#include "common/error.h"
#include "registry/registry.h"

/* The longest clerk name `--as` takes, in bytes: a login name or a
 * person's name, never a paragraph in the event log. */
#define OGICTL_ACTOR_MAX 64

/* The clerk this run of ogictl acts for: `--as NAME`, else the login name
 * of the effective user (its uid in digits when it has none).  A static
 * string, valid for the life of the process. */
const char *ogictl_actor(void);

/* Opens cfg's registry read-write (creating and migrating it like ogid)
 * with every event written on it naming ogictl_actor().  Every command
 * that writes opens its registry here.  Returns 0 and the handle in *reg_r
 * (registry_close), or -1.  Blocks like registry_open. */
int ogictl_registry_open_write(const struct config *cfg,
			       struct registry **reg_r, struct ogi_error *err);

#endif
