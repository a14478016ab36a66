/* The parser worker: every byte a sender wrote is parsed in a separate
 * process, as Postfix and OpenSMTPD do it.
 *
 * ogid re-executes itself (/proc/self/exe --parse-worker) so the worker
 * starts from a clean image: it inherits no database handle, no mailbox
 * connection, no credential in memory and no descriptor but its two pipes
 * and stderr.  Before exec the parent sets RLIMIT_AS (memory), RLIMIT_CPU
 * (CPU seconds per message: the worker re-arms the soft limit before each
 * one), RLIMIT_FSIZE 0 and RLIMIT_NOFILE; the worker itself sets
 * no_new_privs and a seccomp filter that refuses network, process,
 * file-writing and privilege calls before it reads any message.  The
 * parent bounds each message by wall-clock time and kills the worker when
 * it is exceeded.  Jobs and results cross the pipes in the wire format of
 * wire.h; a worker that crashes, is killed, times out or answers garbage is
 * reaped and replaced for the next message, and the message it was given is
 * reported as not parsed, with the reason.
 *
 * Under AddressSanitizer builds RLIMIT_AS is not set (ASan reserves far
 * more address space than any sane limit) and the seccomp filter lets
 * LeakSanitizer's own clone and ptrace through.
 */
#ifndef OGI_DAEMON_PARSER_H
#define OGI_DAEMON_PARSER_H

#include <signal.h>
#include <stddef.h>

#include "common/config.h"
#include "common/error.h"
#include "daemon/wire.h"

struct parser;

/* Prepares a parser bounded by lim (copied); no process is started until
 * the first job.  Returns 0 and *p_r (free with parser_close). */
int parser_open(const struct config_parser *lim, struct parser **p_r,
		struct ogi_error *err);

/* Parses one message in the worker (started or replaced as needed).
 * Blocks up to lim->timeout_s, or until *stop is raised (checked every
 * second and on signals).  Returns 0 with *res_r filled (clear with
 * wire_result_clear): either a record, or parse_error saying why there is
 * none — the message could not be read as mail, or the worker crashed,
 * ran out of memory or CPU time, was killed after the timeout or answered
 * garbage.  Returns -1 (a temporary store-scope error) when no worker
 * could be started (out of processes or descriptors) or *stop was raised:
 * the message was not judged and must be parsed again later. */
int parser_run(struct parser *p, const struct wire_job *job,
	       volatile sig_atomic_t *stop, struct wire_result *res_r,
	       struct ogi_error *err);

/* parser_run in two halves, so that the caller works (or another worker
 * parses) while this one parses: parser_submit hands job to the worker
 * (started as needed) and returns once the worker has read it -- job and
 * the bytes it points to may go then; parser_collect waits for the answer
 * and returns as parser_run does.  One job at a time: each submit is
 * followed by its collect before the next submit.  parser_submit returns
 * -1 as parser_run does (no worker, or *stop), with nothing in flight; a
 * worker that fails while reading the job is reported by parser_collect.
 * The timeout counts from the submit. */
int parser_submit(struct parser *p, const struct wire_job *job,
		  volatile sig_atomic_t *stop, struct ogi_error *err);
int parser_collect(struct parser *p, volatile sig_atomic_t *stop,
		   struct wire_result *res_r, struct ogi_error *err);

/* The office's contacts a job's extraction never takes for an
 * applicant's (extract_context's own_contacts): [office] phone, fax,
 * email and address. */
#define PARSER_OWN_CONTACTS 4

/* The job ogid gives the worker for a message of intake in under cfg,
 * and ogictl for a file a clerk names (in NULL: read as mail, its sender
 * a contact, no fax patterns): the limits, the own addresses, the
 * office's contacts (collected into own_r, NULL-terminated), the channel,
 * the OCR bounds and the fax patterns; raw, raw_len and today are left
 * empty for the caller.  The job borrows own_r and cfg's and in's
 * strings.  Pure. */
void parser_job_init(const struct config *cfg, const struct config_intake *in,
		     char *own_r[PARSER_OWN_CONTACTS + 1],
		     struct wire_job *job_r);

/* Ends the worker (EOF, then SIGKILL after a second) and frees p; p may
 * be NULL. */
void parser_close(struct parser *p);

/* The worker's main: `ogid --parse-worker`.  Enters the sandbox
 * (parser_confine_sandbox), then answers jobs on fd 0 with results on
 * fd 1 until EOF.  Returns the exit status.  Only ogid's option parser
 * calls it. */
int parser_worker_main(void);

/* The worker's descriptors: its two pipes and stderr, and the few files
 * a library reads at once while it parses (iconv's and poppler's data,
 * Tesseract's traineddata); far fewer than a worker that got out of hand
 * would hoard. */
#define PARSER_WORKER_FILES 16

/* The worker's confinement, in the two halves the worker takes it; tests
 * that run a decoder "as the worker does" call both, in this order, in a
 * child they fork.  Neither can be undone by the process that calls it.
 *
 * parser_confine_limits sets the resource limits of lim on the calling
 * process: RLIMIT_AS lim->memory (not under AddressSanitizer), RLIMIT_CPU
 * lim->cpu_s soft with no hard limit (the worker re-arms the soft one per
 * message), RLIMIT_FSIZE 0, RLIMIT_CORE 0 and RLIMIT_NOFILE
 * PARSER_WORKER_FILES.  Only async-signal-safe calls: the spawn runs it between fork and exec, so
 * the limits also hold while the worker's image loads.  Every limit is
 * tried; returns 0, or -1 when one could not be set (above the caller's
 * own hard limit), the others set all the same.
 *
 * parser_confine_sandbox ignores SIGXFSZ (a write past RLIMIT_FSIZE, to a
 * stderr that is a file, fails instead of killing the process) and enters
 * sandbox_enter's seccomp filter.  Returns 0, or -1 when the kernel
 * refuses the filter (then SIGXFSZ is ignored already). */
int parser_confine_limits(const struct config_parser *lim);
int parser_confine_sandbox(struct ogi_error *err);

#endif
