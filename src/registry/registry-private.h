/* What the files of src/registry/ beside registry.c need of a registry
 * handle.  Private to src/registry/: nothing outside it names SQLite. */
#ifndef OGI_REGISTRY_REGISTRY_PRIVATE_H
#define OGI_REGISTRY_REGISTRY_PRIVATE_H

#include <sqlite3.h>

#include "common/error.h"
#include "registry/registry.h"

/* The connection of reg; owned by reg, valid until registry_close. */
sqlite3 *registry_sqlite(struct registry *reg);

/* Sets err to "PATH: op: SQLite's message" with the scope registry.h
 * promises (store, temporary when busy, locked, full or I/O) and returns
 * -1. */
int registry_sqlite_fail(struct registry *reg, const char *op,
			 struct ogi_error *err);

#endif
