/* Shared by every libFuzzer target (linked into each by Makefile.am): at
 * start-up, a GLib error, critical or warning that reaches GLib's writer
 * is printed and then abort()s the process.
 *
 * A GLib warning or critical is a finding: API misuse (a NULL where none
 * may be) or a library's complaint about state our code set up.  GLib
 * ends a fatal message with a breakpoint (SIGTRAP), which libFuzzer does
 * not take for a crash: it writes no crash-* file and the input is lost.
 * SIGABRT is one libFuzzer catches, so the input is kept.
 *
 * Handlers a module sets for a domain (g_log_set_handler, e.g. the .doc
 * reader counting libgsf's complaints about a damaged file) still take
 * their messages first: only what would have been logged aborts. */
#include <stdlib.h>

#include <glib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_FATAL_LEVELS (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | \
			   G_LOG_LEVEL_WARNING)

static GLogWriterOutput
fatal_writer(GLogLevelFlags level, const GLogField *fields, gsize n_fields,
	     gpointer data)
{
	GLogWriterOutput out = g_log_writer_default(level, fields, n_fields,
						     data);

	if (level & FUZZ_FATAL_LEVELS)
		abort();
	return out;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	g_log_set_writer_func(fatal_writer, NULL, NULL);
	return 0;
}
