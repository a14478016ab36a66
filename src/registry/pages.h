/* The pages OCR read of a message (a fax, a photographed form): what a
 * clerk reviewing its case looks at beside the fields -- each page's text,
 * its mean word confidence, how it was received and straightened, and
 * where its image is in the spool.  Calls block on disk I/O and the busy
 * timeout like registry.h's; strings handed out belong to the returned
 * rows.
 */
#ifndef OGI_REGISTRY_PAGES_H
#define OGI_REGISTRY_PAGES_H

#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "registry/registry.h"

struct registry_page {
	char *sha256;          /* the message's (rows read back only) */
	unsigned page;         /* from 1, within the message */
	char *path;            /* the PNG, relative to the state directory;
	                          NULL when it was not kept */
	char *text;            /* as OCR read it; NULL when none */
	unsigned mean_conf;    /* 0..100 */
	unsigned src_xres, src_yres;  /* dpi as received, 0 unknown */
	int skew_mdeg;         /* deskew applied, thousandths of a degree */
};

/* Stores the n pages of the message recorded under sha256, inside the
 * caller's transaction (a batch: they commit or are undone with the
 * message).  Pages already stored for it are kept as they are (a message
 * recorded again is a duplicate).  Returns 0 or -1. */
int registry_pages_add_in_tx(struct registry *reg, const char *sha256,
			     const struct registry_page *pages, size_t n,
			     struct ogi_error *err);

/* The pages of every message of case case_id, by message then page.
 * Returns 0 and *n_r rows in *rows_r (registry_pages_free; NULL when
 * none), or -1. */
int registry_pages_of_case(struct registry *reg, const char *case_id,
			   struct registry_page **rows_r, size_t *n_r,
			   struct ogi_error *err);

void registry_pages_free(struct registry_page *rows, size_t n);

#endif
