/* The cmocka fixture of the registry's tests (test_registry, test_status):
 * a registry of its own in a new directory under /tmp for each test. */
#ifndef OGI_TESTS_REGISTRY_FIXTURE_H
#define OGI_TESTS_REGISTRY_FIXTURE_H

#include <stdint.h>

#include "registry/registry.h"

/* 2026-11-20T10:00+08:00 */
#define T0 INT64_C(1795140000)
#define TZ_SHANGHAI (8 * 3600)

struct registry_fixture {
	char dir[64];
	char path[128];       /* dir/ogi.db */
	struct registry *reg; /* open read-write */
	int serial;           /* the test's own count of the messages it made,
	                         so each is distinct; 0 at setup */
};

/* cmocka setup: *state becomes a new struct registry_fixture (freed by the
 * teardown).  Fails the test when the directory or registry cannot be
 * made. */
int registry_fixture_setup(void **state);
/* cmocka teardown: closes the registry, removes the directory, frees the
 * fixture.  Returns 0, or non-zero when the removal failed. */
int registry_fixture_teardown(void **state);

/* Records a message whose record is rec (an application) as a registered
 * case, received at T0, a distinct message each call; its tracking number
 * in id_r.  Fails the test when the registry refuses it. */
void registry_fixture_case(struct registry_fixture *f,
			   const struct extract_record *rec,
			   char id_r[REGISTRY_CASE_ID_SIZE]);

#endif
