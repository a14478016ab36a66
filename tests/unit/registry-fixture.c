/* The registry's test fixture (registry-fixture.h). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "registry-fixture.h"

int
registry_fixture_setup(void **state)
{
	struct registry_fixture *f = g_new0(struct registry_fixture, 1);
	struct ogi_error err = { 0 };

	strcpy(f->dir, "/tmp/ogi-registry-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/ogi.db", f->dir);
	if (registry_open(f->path, false, &f->reg, &err) != 0)
		fail_msg("open: %s", err.msg);
	*state = f;
	return 0;
}

int
registry_fixture_teardown(void **state)
{
	struct registry_fixture *f = *state;
	char cmd[128];
	int rc;

	registry_close(f->reg);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	rc = system(cmd);
	g_free(f);
	return rc;
}

void
registry_fixture_case(struct registry_fixture *f, const struct extract_record *rec,
		      char id_r[REGISTRY_CASE_ID_SIZE])
{
	const struct registry_decision d = {
		.disposition = "case", .state = "registered", .reason = "complete",
	};
	struct registry_message m = {
		.mailbox = "mail", .raw_path = "raw/x.eml", .received_at = T0,
		.channel = "mail", .from_addr = rec->email,
	};
	struct registry_outcome out;
	struct ogi_error err = { 0 };
	char sha[65], uid[32];

	snprintf(sha, sizeof(sha), "%064x", ++f->serial);
	snprintf(uid, sizeof(uid), "u%d", f->serial);
	m.sha256 = sha;
	m.uid = uid;
	if (registry_record(f->reg, &m, rec, &d, TZ_SHANGHAI, &out, &err) != 0)
		fail_msg("record: %s", err.msg);
	memcpy(id_r, out.case_id, REGISTRY_CASE_ID_SIZE);
}
