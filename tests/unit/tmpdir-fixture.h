/* A scratch directory for the files a test program makes (test_ocr,
 * test_photo): made by a cmocka group setup, removed with everything in it
 * by the group teardown. */
#ifndef OGI_TESTS_TMPDIR_FIXTURE_H
#define OGI_TESTS_TMPDIR_FIXTURE_H

/* The directory, /tmp/ogi-PROGRAM.XXXXXX, between tmpdir_fixture_setup and
 * tmpdir_fixture_teardown; NULL outside. */
extern const char *tmpdir_fixture;

/* cmocka group setup: makes tmpdir_fixture.  Returns 0, or -1. */
int tmpdir_fixture_setup(void **state);
/* cmocka group teardown: removes tmpdir_fixture and all in it.  Returns 0,
 * or -1 when it could not. */
int tmpdir_fixture_teardown(void **state);

#endif
