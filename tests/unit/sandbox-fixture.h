/* What the tests that decode inside the parser worker's confinement share
 * (test_photo, test_pages): the confinement itself, taken from parser.h
 * rather than copied, so that a change to what the worker runs under
 * (another limit, a call the filter refuses) reaches these tests too. */
#ifndef OGI_TESTS_SANDBOX_FIXTURE_H
#define OGI_TESTS_SANDBOX_FIXTURE_H

#include "common/error.h"

/* Puts the calling process -- a child the test forked -- under what ogid's
 * parser worker runs under with the default configuration's limits:
 * parser_confine_limits, then parser_confine_sandbox.  Cannot be undone.
 * Returns 0, or -1 with err set when a limit or the filter could not be
 * set. */
int sandbox_fixture_enter(struct ogi_error *err);

#endif
