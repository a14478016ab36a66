/* Configuration: one INI file (GLib GKeyFile syntax), or the embedded
 * default when no file is given.  See contrib/ogid.conf for every key.
 *
 * config_load() reads and checks the whole file; problems are reported as
 * "FILE:LINE: text" lines.  The returned struct owns all its strings.
 * Loading blocks on the file read.
 */
#ifndef OGI_COMMON_CONFIG_H
#define OGI_COMMON_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "common/error.h"
#include "mime/mime.h"

enum config_channel {
	CONFIG_CHANNEL_MAIL,
	CONFIG_CHANNEL_FAX,
};

struct config_intake {
	char *name;          /* NAME of [intake.NAME] */
	char *driver;        /* "maildir" (later "imap", "pop3") */
	char *path;          /* maildir: absolute path */
	char *host;          /* network drivers */
	int port;
	char *user;
	char *password;      /* never logged */
	char *mailbox;       /* IMAP folder, default INBOX */
	char *tls;           /* "implicit", "starttls" or "none" */
	char *ca_file;       /* extra trust anchors, NULL = system store */
	enum config_channel channel;
	int line;            /* line of the section header, 0 if embedded */
};

struct config {
	char *file;          /* the file read, NULL for the embedded default */
	char *state_dir;     /* absolute */
	char *db_path;       /* state_dir/ogid.db unless set */
	char *outbox;        /* state_dir/outbox unless set */
	char *holidays_dir;  /* holiday-cn JSON files */
	char *timezone;      /* IANA name, default Asia/Shanghai */
	char **own_addresses; /* NULL-terminated, lowercase */
	int reply_days;      /* working days to answer, default 15 */
	int poll_interval;   /* seconds between polls in daemon mode */
	struct mime_limits limits;
	struct config_intake *intakes;
	size_t n_intakes;
};

/* Where the embedded default keeps its state: "<source tree>/spool" when the
 * running program is not the installed one (run from the build tree), else
 * the installed state directory.  Returns a static string. */
const char *config_default_state_dir(void);

/* Loads file, or the embedded default rooted at default_state_dir when file
 * is NULL.  Returns 0 and a new config in *cfg_r, or -1 with every problem
 * found, one per line, in *problems_r (caller frees with free()) and the
 * first in err. */
int config_load(const char *file, const char *default_state_dir,
		struct config **cfg_r, char **problems_r, struct ogi_error *err);

void config_free(struct config *cfg);

#endif
