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
	char *password_file; /* absolute; config_load checked that it is a
	                        regular file neither group nor others can
	                        read; whoever reads it checks again (fstat) */
	char *folder;        /* IMAP folder, default INBOX */
	char *tls;           /* "implicit", "starttls" or "none"; NULL is
	                        implicit (net_tls_parse) */
	char *ca_file;       /* trust anchors instead of the system store */
	char *done;          /* what marking done does: imap "move:FOLDER",
	                        "delete" or "seen"; pop3 "delete" or "keep";
	                        NULL: the driver's safest (config_load checked
	                        the value against the driver) */
	bool idle;           /* imap: wait with IDLE when the server has it */
	int timeout;         /* seconds any one network command may take */
	unsigned max_messages; /* messages taken per poll; the rest wait for
	                        the next one */
	size_t max_fetch_size; /* network drivers: larger messages stay on the
	                        server, recorded for the office */
	enum config_channel channel;
	char *fax_from;      /* a mail intake's fax gateways by sender and */
	char *fax_subject;   /* by subject: GLib regular expressions matched
	                        without case (extract/fax.h); config_load
	                        compiled them; NULL: none */
	int line;            /* line of the section header, 0 if embedded */
};

/* The office as its letters name it.  Strings are UTF-8, NULL when unset. */
struct config_office {
	char *name;           /* 通辽市人力资源和社会保障局 */
	char *short_name;     /* used in document numbers: 通人社 */
	char *address;
	char *postcode;
	char *phone;
	char *email;
	char *fax;
	/* The three patterns below override the legal texts of
	 * templates/legal.txt (letter/legal.h); NULL: take those. */
	char *docnum_format;  /* document numbers: {short}, {year}, {seq} */
	char *review_body;    /* the body for administrative review */
	char *court;          /* the court named in the remedy sentence */
	char *remedy;         /* remedy sentence: {review_body}, {court} */
	char *remedy_refusal; /* remedy after a refusal (review first) */
	char *seal_image;     /* PNG placed over the date, NULL = none */
};

struct config_letters {
	char *templates_dir;  /* *.tpl files and legal.txt */
	char *font_body;      /* TrueType/TTC paths; "PATH" or "PATH:INDEX" */
	char *font_title;
	char *font_kai;
	char *font_fallback;
};

/* What one message may cost the MIME parser ([limits]). */
struct config_limits {
	size_t max_message_size;     /* raw bytes; larger: kept, not parsed */
	unsigned max_depth;          /* multipart / message/rfc822 nesting */
	unsigned max_parts;          /* leaf parts visited */
	size_t max_attachment_size;  /* decoded bytes of one part */
	size_t max_archive_size;     /* total uncompressed bytes read from a .docx */
};

/* Fills *lim with the defaults documented in contrib/ogid.conf. */
void config_limits_default(struct config_limits *lim);

/* The parser worker's bounds (see daemon/parser.h). */
struct config_parser {
	int timeout_s;        /* wall-clock seconds per message */
	int cpu_s;            /* CPU seconds per message */
	size_t memory;        /* the worker's address space, bytes */
	unsigned jobs;        /* messages per worker; 1 = a process each */
	unsigned ocr_max_pages; /* fax / scanned pages read by OCR per message;
	                           the rest are left to a clerk; 0: no OCR */
	unsigned ocr_workers; /* pages read in parallel (threads of the worker) */
};

/* CPU seconds one page of OCR may take, the figure parse_cpu must allow
 * for each of ocr_max_pages: over twice the 1.1-1.3 s a fax page takes on
 * this class of machine with chi_sim and HanS (ocr.c,
 * OCR_DEFAULT_LANGUAGE; fine or normal, clean or noisy: bench/ocr-pages,
 * one worker), for a harder page and the PDF or PostScript rendering
 * before it; parse_timeout, wall-clock, must allow as much. */
#define CONFIG_OCR_PAGE_CPU_S 3
/* Address space one OCR thread may need, what parse_memory must allow for
 * each of ocr_workers: 371 MB measured at peak (VmPeak, bench/ocr-pages
 * with 1 worker) reading a 40 Mpx grey page of the office form, framed
 * cells and all (OCR_DEFAULT_MAX_PIXELS), after a fax form that loaded
 * the HanS model which vouches for a frame's value (ocr/form.c) beside
 * the page's chi_sim and HanS (311 MB without it: it is loaded on a
 * thread's first frame that needs it; 261 MB with chi_sim alone for the
 * page).  400 MB leaves 8% to spare.  A colour photo of 40 Mpx decodes
 * at 32 bpp and needs more: such a page is bounded by parse_memory alone
 * and fails when over it. */
#define CONFIG_OCR_WORKER_MEMORY ((size_t)400 << 20)
/* Most pages ocr_max_pages may allow: the answer of the worker carries
 * each page's image (about 50-150 KB for a fax page) within its frame. */
#define CONFIG_OCR_MAX_PAGES 64
/* ocr_max_pages unless set: a long fax (domain.md §7: most are 1-5
 * pages) within the default parse_cpu of 60 s. */
#define CONFIG_OCR_PAGES_DEFAULT 20

/* Mail out ([smtp]).  With no host, composed messages go to the outbox
 * Maildir (struct config.outbox) instead: the embedded default. */
struct config_smtp {
	char *host;          /* NULL: no [smtp] server */
	int port;            /* default 587 (465 with tls = implicit) */
	char *tls;           /* "starttls" (default), "implicit" or "none" */
	char *ca_file;       /* extra trust anchors, NULL = system store */
	char *user;          /* NULL: no AUTH */
	char *password;      /* never logged */
	char *password_file; /* checked like config_intake's */
	char *from;          /* "Name <addr>" of the office's letters; NULL:
	                        [office] email */
	char *retry;         /* the retry schedule as written, NULL = default */
	int *retry_s;        /* waits after each temporary failure, seconds;
	                        when they are used up the message fails */
	size_t n_retry;
	int timeout_s;       /* per SMTP command */
	size_t max_attachments; /* a letter's PDF and files together, bytes:
	                        larger is refused before it is queued */
};

/* The default retry schedule: like an MTA's queue lifetime (Postfix's
 * maximal_queue_lifetime is 5 days), tries come quickly at first for a
 * server that is briefly away and then spread out; the waits add up to
 * just under 5 days. */
#define CONFIG_SMTP_RETRY_DEFAULT "5m 15m 30m 1h 2h 4h 8h 16h 24h 24h 24h 16h"
/* Per command: RFC 5321 4.5.3.2 asks clients for minutes (5 for MAIL, 10
 * for the end of DATA); a submission server answers in seconds, and a
 * hung one must not hold the sender for 10 minutes per message. */
#define CONFIG_SMTP_TIMEOUT_DEFAULT 120
/* What most mail servers take in one message (10 MiB, often the
 * default size limit of hosted mail) once base64 has grown the files by a
 * third, with room for the text. */
#define CONFIG_SMTP_MAX_ATTACHMENTS_DEFAULT (7L << 20)

/* Fax out ([fax]): at most one of gateway and command. */
struct config_fax {
	char *gateway;       /* "{number}@fax.example": the letter is mailed
	                        through the outbox to that address; NULL: none */
	char *command;       /* "sendfax -n -d {number} {pdf}" as written; NULL:
	                        none */
	char **argv;         /* command split like a shell would, but run
	                        without one; "{number}" and "{pdf}" stand as
	                        whole arguments (config_load checked) */
	int timeout_s;       /* the command's wall-clock limit */
};

/* HylaFAX's sendfax only queues a job; a command that has not returned in
 * this time is hung, not dialling. */
#define CONFIG_FAX_TIMEOUT_DEFAULT 120

/* The address sheet of a letter by post ([post]): where the envelope's
 * window is, millimetres from the left and top edges of a DL envelope
 * (110 x 220 mm).  The defaults are the usual DL window, 20 mm from the
 * left and 45 mm from the top. */
struct config_post {
	int window_left_mm;
	int window_top_mm;
};

#define CONFIG_POST_WINDOW_LEFT_DEFAULT 20
#define CONFIG_POST_WINDOW_TOP_DEFAULT 45

/* Collection at the office ([pickup]).  UTF-8; NULL: [office] address. */
struct config_pickup {
	char *address;       /* where the reply is handed over */
	char *hours;         /* when, as the notice says it */
};

#define CONFIG_RULES_DEFAULT "bureau"
/* No hour of the day reaches it: no cut-off. */
#define CONFIG_NO_CUTOFF 24
/* The period most offices give in the correction notice; the Regulation
 * (Art. 30) asks only for a reasonable one. */
#define CONFIG_CORRECTION_DAYS 15

/* Automatic messages one address may receive in one day (the office's
 * calendar date) unless configured (`auto_reply_limit`): a receipt, a
 * correction notice, a second one after a correction reply and a status
 * reply or two are what an honest applicant causes in a day; more is a
 * loop with a robot or someone using the gateway to mail a third party. */
#define CONFIG_AUTO_REPLY_LIMIT_DEFAULT 5
/* digest_time = off: no daily digest. */
#define CONFIG_DIGEST_OFF (-1)

struct config {
	char *file;          /* the file read, NULL for the embedded default */
	char *state_dir;     /* absolute */
	char *db_path;       /* state_dir/ogid.db unless set */
	char *outbox;        /* state_dir/outbox unless set */
	char *lock_dir;      /* network mailboxes' locks (intake/lock.h);
	                        NULL: the machine-wide default */
	char *holidays_dir;  /* holiday-cn JSON files */
	char *timezone;      /* IANA name, default Asia/Shanghai */
	char **own_addresses; /* NULL-terminated, lowercase */
	int reply_days;      /* working days to answer; 0 (default): the rules
	                        profile's (workflow/rules.h) */
	char *rules;         /* the rules profile: "bureau" (default) or
	                        "national-2019" */
	int cutoff_hour;     /* a message received at or after this local
	                        hour is received on the next working day;
	                        CONFIG_NO_CUTOFF (default): none */
	int correction_days; /* working days an applicant has to correct
	                        (national-2019), default CONFIG_CORRECTION_DAYS */
	int poll_interval;   /* seconds between polls in daemon mode */
	int auto_reply_limit; /* automatic messages to one address a day
	                        (workflow/autoreply.h; default 5) */
	bool not_application_notice; /* a consultation or complaint gets the
	                        not-an-application notice; default false:
	                        it is only listed for the office */
	char *digest_time;   /* "HH:MM", office time, of the daily digest, or
	                        "off" */
	int digest_minute;   /* the same as minutes after midnight, or
	                        CONFIG_DIGEST_OFF */
	struct config_limits limits;
	struct config_parser parser;
	struct config_office office;
	struct config_letters letters;
	struct config_smtp smtp;
	struct config_fax fax;
	struct config_post post;
	struct config_pickup pickup;
	struct config_intake *intakes;
	size_t n_intakes;
	char *warnings;      /* "FILE:LINE: text" lines for the administrator
	                        (a password in a file others can read), NULL
	                        when none; never holds a password */
};

/* Where the embedded default keeps its state: "<source tree>/spool" when the
 * running program is not the installed one (run from the build tree), else
 * the installed state directory.  Returns a static string. */
const char *config_default_state_dir(void);

/* Loads file, or the embedded default rooted at default_state_dir when file
 * is NULL.  Returns 0 and a new config in *cfg_r, or -1 with every problem
 * found, one per line, in *problems_r (caller frees with g_free()) and the
 * first in err; on failure the warnings follow the problems there.
 * A password_file that is not a regular file or that group or others can
 * read is a problem; a `password` key in a file that group or others can
 * read is a warning (cfg->warnings).  Neither text holds a password. */
int config_load(const char *file, const char *default_state_dir,
		struct config **cfg_r, char **problems_r, struct ogi_error *err);

void config_free(struct config *cfg);

/* Overwrites and frees the password of every intake but the keep'th (any
 * value past the last: all of them), for a process that works one
 * mailbox and must not hold the others' credentials. */
void config_forget_passwords(struct config *cfg, size_t keep);
/* (keep < n_intakes also forgets [smtp] password: only the sender, which
 * works no intake, keeps it.) */

/* Parses a retry schedule: waits separated by spaces, commas or
 * semicolons, each a positive number with an optional unit s, m, h or d
 * (none: seconds), at most 30 days each and 100 in all.  Returns 0 and a
 * new array of seconds (g_free) in *waits_r with its length in *n_r, or -1
 * for anything else (an empty list too). */
int config_parse_retry(const char *text, int **waits_r, size_t *n_r);

#endif
