/* Schema of the registry database and its numbered migrations.
 *
 * Private to src/registry/: the only header besides registry.c that names
 * SQLite types.  Every function blocks on disk I/O; the migration functions
 * also wait for the connection's busy timeout on a concurrent writer.
 */
#ifndef OGI_REGISTRY_SCHEMA_H
#define OGI_REGISTRY_SCHEMA_H

#include <sqlite3.h>

#include "common/error.h"

/* The newest schema version this program knows. */
int registry_schema_latest(void);

/* Runs the static SQL text sql (one or more statements, no parameters)
 * through prepare_v2 and step.  Returns 0, or -1 with err naming op and
 * sqlite3_errmsg. */
int registry_schema_exec(sqlite3 *db, const char *sql, const char *op,
			 struct ogi_error *err);

/* Reads PRAGMA user_version into *version_r.  Returns 0 or -1. */
int registry_schema_user_version(sqlite3 *db, int *version_r,
				 struct ogi_error *err);

/* Applies every migration newer than the file's user_version, each in its
 * own BEGIN IMMEDIATE transaction that also sets user_version; stores the
 * resulting version in *version_r.  Fails (nothing changed by the failing
 * step) when a migration fails or when the file is newer than
 * registry_schema_latest().  Returns 0 or -1. */
int registry_schema_migrate(sqlite3 *db, int *version_r, struct ogi_error *err);

#endif
