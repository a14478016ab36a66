/* The fax channel's parts (delivery_channel_fax in channel.h is made of
 * them): the number as dialled, the gateway address and the command's
 * argv built from it, and running the command.
 *
 * An applicant's fax number reaches a gateway address or a command line
 * only as delivery_fax_number gives it back: digits and at most a leading
 * +, never an option, a path or a shell word.
 */
#ifndef OGI_DELIVERY_FAX_H
#define OGI_DELIVERY_FAX_H

#include <stddef.h>

#include "common/error.h"
#include "delivery/channel.h"

/* An extension on the office's own exchange has three digits; E.164
 * allows 15 after the country code, and an international prefix (00) and
 * a line prefix (9) make the longest dialled number 18: 20 leaves room
 * without letting prose through. */
#define DELIVERY_FAX_DIGITS_MIN 3
#define DELIVERY_FAX_DIGITS_MAX 20
/* The number, a leading + and the NUL. */
#define DELIVERY_FAX_NUMBER_SIZE (DELIVERY_FAX_DIGITS_MAX + 2)

/* The number to dial for written: spaces and hyphens between groups are
 * dropped; what is left must be an optional leading + and
 * DELIVERY_FAX_DIGITS_MIN..MAX digits, and written must not start with a
 * hyphen.  Returns 0 with it in number_r, or -1 saying why (the text
 * quotes written, cut short).  Pure. */
int delivery_fax_number(const char *written,
			char number_r[DELIVERY_FAX_NUMBER_SIZE],
			struct ogi_error *err);

/* The gateway's address for number (as delivery_fax_number gave it):
 * pattern ([fax] gateway) with its one "{number}" replaced.  A new string
 * (g_free), or NULL when the result is no address mail can go to.
 * Pure. */
char *delivery_fax_gateway_address(const char *pattern, const char *number);

/* The command's argv ([fax] command, split by config_load) with each
 * argument that is exactly "{number}" replaced by number and each that is
 * exactly "{pdf}" by the n_files files, one argument each; no other
 * argument is touched.  A new NULL-terminated vector (g_strfreev).
 * Pure. */
char **delivery_fax_argv(char *const *argv, const char *number,
			 const char *const *files, size_t n_files);

/* Runs argv (argv[0] looked up in PATH), without a shell, its standard
 * input /dev/null and its output and errors read (the last lines kept), in
 * a process group of its own, killed with the group after timeout_s
 * seconds.  Fills *res_r: exit 0 is DELIVERY_CHANNEL_SENT; EX_TEMPFAIL
 * (75) DELIVERY_CHANNEL_TEMPORARY; a timeout or a signal
 * DELIVERY_CHANNEL_UNCERTAIN (it may have gone); any other exit
 * status DELIVERY_CHANNEL_PERMANENT; the detail gives the status and the
 * last line of output.  Returns 0, or -1 when the command could not be
 * started (not found, not executable: the configuration's fault, not the
 * letter's).  Blocks up to timeout_s; the caller must not have SIGCHLD
 * ignored (the child is reaped with waitpid). */
int delivery_fax_run(char *const *argv, int timeout_s,
		     struct delivery_channel_result *res_r,
		     struct ogi_error *err);

#endif
