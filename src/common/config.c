#include "common/config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

/* GKeyFile reports neither the line of a bad value nor unknown keys, so the
 * file is scanned once more to map every group and key to its line. */
struct config_lines {
	GHashTable *lines; /* "group\nkey" or "group" -> line number */
};

struct config_parse {
	const char *file;
	GKeyFile *kf;
	struct config_lines map;
	GString *problems;
	GString *warnings;
	char *password_group; /* first group with a password key */
	struct config *cfg;
};

enum config_type {
	CONFIG_STRING,
	CONFIG_PATH,
	CONFIG_INT,
	CONFIG_UINT,
	CONFIG_SIZE,
	CONFIG_LIST,
	CONFIG_CHANNEL,
	CONFIG_BOOL,
	CONFIG_REGEX,
};

/* A server that has not answered one command in a minute is not going
 * to; a large FETCH is many reads, each of which resets the clock. */
#define CONFIG_NET_TIMEOUT 60
/* Bounds one poll so that a backlog of thousands still lets the daemon
 * stop, reload and send between batches. */
#define CONFIG_MAX_MESSAGES 500
/* The spool's read cap: larger messages cannot be kept whole anyway. */
#define CONFIG_MAX_FETCH_SIZE ((size_t)256 << 20)

/* The digest is read when the office opens. */
#define CONFIG_DIGEST_TIME "08:30"

struct config_key {
	const char *key;
	enum config_type type;
	size_t offset;
	long min, max;
};

#define OGID_KEY(k, t, f, lo, hi) { k, t, offsetof(struct config, f), lo, hi }
static const struct config_key config_ogid_keys[] = {
	OGID_KEY("state_dir", CONFIG_PATH, state_dir, 0, 0),
	OGID_KEY("database", CONFIG_PATH, db_path, 0, 0),
	OGID_KEY("outbox", CONFIG_PATH, outbox, 0, 0),
	OGID_KEY("lock_dir", CONFIG_PATH, lock_dir, 0, 0),
	OGID_KEY("holidays_dir", CONFIG_PATH, holidays_dir, 0, 0),
	OGID_KEY("timezone", CONFIG_STRING, timezone, 0, 0),
	OGID_KEY("own_addresses", CONFIG_LIST, own_addresses, 0, 0),
	OGID_KEY("reply_days", CONFIG_INT, reply_days, 1, 60),
	OGID_KEY("rules", CONFIG_STRING, rules, 0, 0),
	OGID_KEY("cutoff_hour", CONFIG_INT, cutoff_hour, 1, CONFIG_NO_CUTOFF),
	OGID_KEY("correction_days", CONFIG_INT, correction_days, 1, 60),
	OGID_KEY("poll_interval", CONFIG_INT, poll_interval, 5, 86400),
	OGID_KEY("auto_reply_limit", CONFIG_INT, auto_reply_limit, 0, 1000),
	OGID_KEY("not_application_notice", CONFIG_BOOL, not_application_notice, 0, 0),
	OGID_KEY("digest_time", CONFIG_STRING, digest_time, 0, 0),
	{ NULL, 0, 0, 0, 0 },
};

#define LIMIT_KEY(k, t, f, lo, hi) \
	{ k, t, offsetof(struct config, limits) + offsetof(struct config_limits, f), lo, hi }
#define PARSER_KEY(k, t, f, lo, hi) \
	{ k, t, offsetof(struct config, parser) + offsetof(struct config_parser, f), lo, hi }
static const struct config_key config_limits_keys[] = {
	LIMIT_KEY("max_message_size", CONFIG_SIZE, max_message_size, 1024, 1L << 30),
	LIMIT_KEY("max_mime_depth", CONFIG_UINT, max_depth, 1, 1000),
	LIMIT_KEY("max_parts", CONFIG_UINT, max_parts, 1, 100000),
	LIMIT_KEY("max_attachment_size", CONFIG_SIZE, max_attachment_size, 1024, LONG_MAX),
	LIMIT_KEY("max_archive_size", CONFIG_SIZE, max_archive_size, 1024, LONG_MAX),
	PARSER_KEY("parse_timeout", CONFIG_INT, timeout_s, 1, 3600),
	PARSER_KEY("parse_cpu", CONFIG_INT, cpu_s, 1, 3600),
	PARSER_KEY("parse_memory", CONFIG_SIZE, memory, 64L << 20, LONG_MAX),
	PARSER_KEY("parse_jobs", CONFIG_UINT, jobs, 1, 100000),
	PARSER_KEY("ocr_max_pages", CONFIG_UINT, ocr_max_pages, 1, CONFIG_OCR_MAX_PAGES),
	PARSER_KEY("ocr_workers", CONFIG_UINT, ocr_workers, 1, 16),
	{ NULL, 0, 0, 0, 0 },
};

#define OFFICE_KEY(k, f) \
	{ k, CONFIG_STRING, offsetof(struct config, office) + offsetof(struct config_office, f), 0, 0 }
static const struct config_key config_office_keys[] = {
	OFFICE_KEY("name", name),
	OFFICE_KEY("short_name", short_name),
	OFFICE_KEY("address", address),
	OFFICE_KEY("postcode", postcode),
	OFFICE_KEY("phone", phone),
	OFFICE_KEY("email", email),
	OFFICE_KEY("fax", fax),
	OFFICE_KEY("docnum_format", docnum_format),
	OFFICE_KEY("review_body", review_body),
	OFFICE_KEY("court", court),
	OFFICE_KEY("remedy", remedy),
	OFFICE_KEY("remedy_refusal", remedy_refusal),
	{ "seal_image", CONFIG_PATH,
	  offsetof(struct config, office) + offsetof(struct config_office, seal_image), 0, 0 },
	{ NULL, 0, 0, 0, 0 },
};

#define LETTERS_KEY(k, f) \
	{ k, CONFIG_PATH, offsetof(struct config, letters) + offsetof(struct config_letters, f), 0, 0 }
static const struct config_key config_letters_keys[] = {
	LETTERS_KEY("templates_dir", templates_dir),
	LETTERS_KEY("font_body", font_body),
	LETTERS_KEY("font_title", font_title),
	LETTERS_KEY("font_kai", font_kai),
	LETTERS_KEY("font_fallback", font_fallback),
	{ NULL, 0, 0, 0, 0 },
};

#define INTAKE_KEY(k, t, f, lo, hi) { k, t, offsetof(struct config_intake, f), lo, hi }
static const struct config_key config_intake_keys[] = {
	INTAKE_KEY("driver", CONFIG_STRING, driver, 0, 0),
	INTAKE_KEY("path", CONFIG_PATH, path, 0, 0),
	INTAKE_KEY("host", CONFIG_STRING, host, 0, 0),
	INTAKE_KEY("port", CONFIG_INT, port, 1, 65535),
	INTAKE_KEY("user", CONFIG_STRING, user, 0, 0),
	INTAKE_KEY("password", CONFIG_STRING, password, 0, 0),
	INTAKE_KEY("password_file", CONFIG_PATH, password_file, 0, 0),
	INTAKE_KEY("folder", CONFIG_STRING, folder, 0, 0),
	INTAKE_KEY("tls", CONFIG_STRING, tls, 0, 0),
	INTAKE_KEY("ca_file", CONFIG_PATH, ca_file, 0, 0),
	INTAKE_KEY("done", CONFIG_STRING, done, 0, 0),
	INTAKE_KEY("idle", CONFIG_BOOL, idle, 0, 0),
	INTAKE_KEY("timeout", CONFIG_INT, timeout, 5, 3600),
	INTAKE_KEY("max_messages", CONFIG_UINT, max_messages, 1, 1000000),
	INTAKE_KEY("max_fetch_size", CONFIG_SIZE, max_fetch_size, 1024, LONG_MAX),
	INTAKE_KEY("channel", CONFIG_CHANNEL, channel, 0, 0),
	INTAKE_KEY("fax_from", CONFIG_REGEX, fax_from, 0, 0),
	INTAKE_KEY("fax_subject", CONFIG_REGEX, fax_subject, 0, 0),
	{ NULL, 0, 0, 0, 0 },
};

#define SMTP_KEY(k, t, f, lo, hi) \
	{ k, t, offsetof(struct config, smtp) + offsetof(struct config_smtp, f), lo, hi }
static const struct config_key config_smtp_keys[] = {
	SMTP_KEY("host", CONFIG_STRING, host, 0, 0),
	SMTP_KEY("port", CONFIG_INT, port, 1, 65535),
	SMTP_KEY("tls", CONFIG_STRING, tls, 0, 0),
	SMTP_KEY("ca_file", CONFIG_PATH, ca_file, 0, 0),
	SMTP_KEY("user", CONFIG_STRING, user, 0, 0),
	SMTP_KEY("password", CONFIG_STRING, password, 0, 0),
	SMTP_KEY("password_file", CONFIG_PATH, password_file, 0, 0),
	SMTP_KEY("from", CONFIG_STRING, from, 0, 0),
	SMTP_KEY("retry", CONFIG_STRING, retry, 0, 0),
	SMTP_KEY("timeout", CONFIG_INT, timeout_s, 1, 3600),
	SMTP_KEY("max_attachments", CONFIG_SIZE, max_attachments, 1024, LONG_MAX),
	{ NULL, 0, 0, 0, 0 },
};

#define FAX_KEY(k, t, f, lo, hi) \
	{ k, t, offsetof(struct config, fax) + offsetof(struct config_fax, f), lo, hi }
static const struct config_key config_fax_keys[] = {
	FAX_KEY("gateway", CONFIG_STRING, gateway, 0, 0),
	FAX_KEY("command", CONFIG_STRING, command, 0, 0),
	FAX_KEY("timeout", CONFIG_INT, timeout_s, 1, 3600),
	{ NULL, 0, 0, 0, 0 },
};

/* The window must lie on a DL envelope (110 x 220 mm). */
#define POST_KEY(k, f, hi) \
	{ k, CONFIG_INT, offsetof(struct config, post) + offsetof(struct config_post, f), 0, hi }
static const struct config_key config_post_keys[] = {
	POST_KEY("window_left", window_left_mm, 130),
	POST_KEY("window_top", window_top_mm, 65),
	{ NULL, 0, 0, 0, 0 },
};

#define PICKUP_KEY(k, f) \
	{ k, CONFIG_STRING, offsetof(struct config, pickup) + offsetof(struct config_pickup, f), 0, 0 }
static const struct config_key config_pickup_keys[] = {
	PICKUP_KEY("address", address),
	PICKUP_KEY("hours", hours),
	{ NULL, 0, 0, 0, 0 },
};

/* A retry schedule longer than this is a typing error: 100 waits of the
 * longest allowed length would keep a message for years. */
#define CONFIG_RETRY_MAX_STEPS 100
/* One wait longer than a month would outlive the reason to send. */
#define CONFIG_RETRY_MAX_WAIT (30 * 86400L)

int
config_parse_retry(const char *text, int **waits_r, size_t *n_r)
{
	char **items = g_strsplit_set(text, ",; \t", -1);
	GArray *waits = g_array_new(FALSE, FALSE, sizeof(int));
	bool ok = true;

	for (int i = 0; ok && items[i] != NULL; i++) {
		char *end;
		long v;

		if (*items[i] == '\0')
			continue;
		errno = 0;
		v = strtol(items[i], &end, 10);
		ok = errno == 0 && end != items[i] && v > 0 && v <= CONFIG_RETRY_MAX_WAIT;
		switch (ok ? *end : 0) {
		case 'd': v *= 24; /* fall through */
		case 'h': v *= 60; /* fall through */
		case 'm': v *= 60; end++; break;
		case 's': end++; break;
		default: break;
		}
		ok = ok && *end == '\0' && v <= CONFIG_RETRY_MAX_WAIT &&
		     waits->len < CONFIG_RETRY_MAX_STEPS;
		if (ok) {
			int w = (int)v;

			g_array_append_val(waits, w);
		}
	}
	g_strfreev(items);
	if (!ok || waits->len == 0) {
		g_array_free(waits, TRUE);
		return -1;
	}
	*n_r = waits->len;
	*waits_r = (int *)(void *)g_array_free(waits, FALSE);
	return 0;
}

void
config_limits_default(struct config_limits *lim)
{
	lim->max_message_size = (size_t)25 << 20;
	lim->max_depth = 20;
	lim->max_parts = 200;
	lim->max_attachment_size = (size_t)20 << 20;
	lim->max_archive_size = (size_t)50 << 20;
}

const char *
config_default_state_dir(void)
{
	static char *srcdir_spool;
	char exe[PATH_MAX], *dir;
	ssize_t n;
	bool installed;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return OGI_STATEDIR;
	exe[n] = '\0';
	dir = g_path_get_dirname(exe);
	installed = strcmp(dir, OGI_SBINDIR) == 0 || strcmp(dir, OGI_BINDIR) == 0;
	g_free(dir);
	if (installed)
		return OGI_STATEDIR;
	/* The build tree names the source tree as "build/.."; show it plainly. */
	if (srcdir_spool == NULL)
		srcdir_spool = g_canonicalize_filename(OGI_SRCDIR "/spool", NULL);
	return srcdir_spool;
}

/* Data files (holidays, templates) come from the source tree when the state
 * does (a build run in place), else from the installed data directory. */
static char *
config_default_data(const char *state_dir, const char *sub)
{
	char *joined = g_build_filename(strcmp(state_dir, OGI_STATEDIR) == 0 ?
					OGI_DATADIR : OGI_SRCDIR, sub, NULL);
	char *path = g_canonicalize_filename(joined, NULL);

	g_free(joined);
	return path;
}

static void
config_lines_scan(struct config_parse *p, const char *text)
{
	char **lines = g_strsplit(text, "\n", -1);
	char *group = g_strdup("");

	p->map.lines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (int i = 0; lines[i] != NULL; i++) {
		char *line = g_strstrip(lines[i]);
		char *eq;

		if (*line == '\0' || *line == '#' || *line == ';')
			continue;
		if (*line == '[') {
			char *end = strchr(line, ']');
			g_free(group);
			group = g_strndup(line + 1, end ? (gsize)(end - line - 1) : strlen(line + 1));
			g_hash_table_insert(p->map.lines, g_strdup(group), GINT_TO_POINTER(i + 1));
			continue;
		}
		eq = strchr(line, '=');
		if (eq == NULL) {
			g_string_append_printf(p->problems,
				"%s:%d: not a \"key = value\" line\n", p->file, i + 1);
			continue;
		}
		*eq = '\0';
		g_hash_table_insert(p->map.lines,
			g_strdup_printf("%s\n%s", group, g_strstrip(line)),
			GINT_TO_POINTER(i + 1));
	}
	g_free(group);
	g_strfreev(lines);
}

static int
config_line(const struct config_parse *p, const char *group, const char *key)
{
	char *k = key ? g_strdup_printf("%s\n%s", group, key) : g_strdup(group);
	int line = GPOINTER_TO_INT(g_hash_table_lookup(p->map.lines, k));

	g_free(k);
	return line;
}

static void
config_problem(struct config_parse *p, const char *group, const char *key,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
config_problem(struct config_parse *p, const char *group, const char *key,
	       const char *fmt, ...)
{
	va_list ap;

	g_string_append_printf(p->problems, "%s:%d: [%s]%s%s: ", p->file,
			       config_line(p, group, key), group,
			       key ? " " : "", key ? key : "");
	va_start(ap, fmt);
	g_string_append_vprintf(p->problems, fmt, ap);
	va_end(ap);
	g_string_append_c(p->problems, '\n');
}

/* "25M", "512k", "1G" or plain bytes. */
static bool
config_parse_size(const char *s, long *v_r)
{
	char *end;
	long long v;
	int shift = 0;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || v < 0)
		return false;
	switch (g_ascii_toupper(*end)) {
	case 'K': shift = 10; end++; break;
	case 'M': shift = 20; end++; break;
	case 'G': shift = 30; end++; break;
	default: break;
	}
	if (*end == 'B' || *end == 'b')
		end++;
	/* Checked before shifting: "99999999999999G" must be refused, not
	 * wrapped into a small limit. */
	if (*end != '\0' || v > (LONG_MAX >> shift))
		return false;
	v <<= shift;
	*v_r = (long)v;
	return true;
}

static char *
config_resolve_path(const struct config_parse *p, const char *value)
{
	char *dir, *path;

	if (g_path_is_absolute(value) || p->cfg->file == NULL)
		return g_canonicalize_filename(value, NULL);
	dir = g_path_get_dirname(p->cfg->file);
	path = g_canonicalize_filename(value, dir);
	g_free(dir);
	return path;
}

static void
config_read_key(struct config_parse *p, const char *group,
		const struct config_key *k, void *base)
{
	char *raw = g_key_file_get_value(p->kf, group, k->key, NULL);
	char *value;
	void *field = (char *)base + k->offset;
	long v;

	if (raw == NULL)
		return;
	value = g_strstrip(raw);
	switch (k->type) {
	case CONFIG_STRING:
		g_free(*(char **)field);
		*(char **)field = g_strdup(value);
		break;
	case CONFIG_PATH:
		g_free(*(char **)field);
		if (*value == '\0') {
			*(char **)field = g_strdup(value);
			config_problem(p, group, k->key, "empty path");
		} else
			*(char **)field = config_resolve_path(p, value);
		break;
	case CONFIG_INT:
	case CONFIG_UINT:
	case CONFIG_SIZE: {
		bool ok;
		char *end;

		if (k->type == CONFIG_SIZE)
			ok = config_parse_size(value, &v);
		else {
			errno = 0;
			v = strtol(value, &end, 10);
			ok = errno == 0 && end != value && *end == '\0';
		}
		if (!ok || v < k->min || v > k->max) {
			config_problem(p, group, k->key,
				       "\"%s\" is not a %s between %ld and %ld",
				       value, k->type == CONFIG_SIZE ? "size" : "number",
				       k->min, k->max);
			break;
		}
		if (k->type == CONFIG_SIZE)
			*(size_t *)field = (size_t)v;
		else if (k->type == CONFIG_UINT)
			*(unsigned *)field = (unsigned)v;
		else
			*(int *)field = (int)v;
		break;
	}
	case CONFIG_LIST: {
		char **items = g_strsplit_set(value, ",; ", -1);
		GPtrArray *list = g_ptr_array_new();

		for (int i = 0; items[i] != NULL; i++)
			if (*items[i] != '\0')
				g_ptr_array_add(list, g_ascii_strdown(items[i], -1));
		g_ptr_array_add(list, NULL);
		g_strfreev(*(char ***)field);
		*(char ***)field = (char **)g_ptr_array_free(list, FALSE);
		g_strfreev(items);
		break;
	}
	case CONFIG_CHANNEL:
		if (strcmp(value, "mail") == 0)
			*(enum config_channel *)field = CONFIG_CHANNEL_MAIL;
		else if (strcmp(value, "fax") == 0)
			*(enum config_channel *)field = CONFIG_CHANNEL_FAX;
		else
			config_problem(p, group, k->key,
				       "\"%s\" is neither mail nor fax", value);
		break;
	case CONFIG_REGEX: {
		/* Compiled as the extractor compiles it (extract/fax.c), so a
		 * pattern that loads is one that matches. */
		GError *gerr = NULL;
		GRegex *rx = *value != '\0' ?
			g_regex_new(value, G_REGEX_CASELESS, 0, &gerr) : NULL;

		if (rx == NULL)
			config_problem(p, group, k->key, "not a regular expression: %s",
				       gerr != NULL ? gerr->message : "empty");
		else {
			g_free(*(char **)field);
			*(char **)field = g_strdup(value);
			g_regex_unref(rx);
		}
		g_clear_error(&gerr);
		break;
	}
	case CONFIG_BOOL:
		if (strcmp(value, "yes") == 0 || strcmp(value, "true") == 0)
			*(bool *)field = true;
		else if (strcmp(value, "no") == 0 || strcmp(value, "false") == 0)
			*(bool *)field = false;
		else
			config_problem(p, group, k->key,
				       "\"%s\" is neither yes nor no", value);
		break;
	}
	g_free(raw);
}

static void
config_read_group(struct config_parse *p, const char *group,
		  const struct config_key *keys, void *base)
{
	char **names = g_key_file_get_keys(p->kf, group, NULL, NULL);

	for (int i = 0; names != NULL && names[i] != NULL; i++) {
		const struct config_key *k;

		for (k = keys; k->key != NULL; k++)
			if (strcmp(k->key, names[i]) == 0)
				break;
		if (k->key == NULL)
			config_problem(p, group, names[i], "unknown key");
		else
			config_read_key(p, group, k, base);
		if (strcmp(names[i], "password") == 0 && p->password_group == NULL)
			p->password_group = g_strdup(group);
	}
	g_strfreev(names);
}

static struct config_intake *
config_add_intake(struct config *cfg, const char *name)
{
	struct config_intake *in;

	cfg->intakes = g_renew(struct config_intake, cfg->intakes,
			       cfg->n_intakes + 1);
	in = &cfg->intakes[cfg->n_intakes++];
	memset(in, 0, sizeof(*in));
	in->name = g_strdup(name);
	in->channel = CONFIG_CHANNEL_MAIL;
	in->folder = g_strdup("INBOX");
	in->idle = true;
	in->timeout = CONFIG_NET_TIMEOUT;
	in->max_messages = CONFIG_MAX_MESSAGES;
	in->max_fetch_size = CONFIG_MAX_FETCH_SIZE;
	return in;
}

/* The port a network intake connects to when none is given, set here
 * once: the drivers connect to it and the mailbox lock is keyed on it, so
 * "port = 993" and no port are the same mailbox. */
static void
config_default_port(struct config_intake *in)
{
	bool tls_first = in->tls == NULL || strcmp(in->tls, "implicit") == 0;

	if (in->port != 0)
		return;
	if (strcmp(in->driver, "imap") == 0)
		in->port = tls_first ? 993 : 143;
	else if (strcmp(in->driver, "pop3") == 0)
		in->port = tls_first ? 995 : 110;
}

/* What each driver can do to a message once it is recorded. */
static void
config_check_done(struct config_parse *p, const char *group,
		  const struct config_intake *in)
{
	const char *d = in->done;

	if (d == NULL)
		return;
	if (strcmp(in->driver, "imap") == 0) {
		if (strcmp(d, "delete") == 0 || strcmp(d, "seen") == 0 ||
		    (g_str_has_prefix(d, "move:") && d[5] != '\0'))
			return;
		config_problem(p, group, "done", "\"%s\" is not move:FOLDER, "
			       "delete or seen", d);
	} else if (strcmp(in->driver, "pop3") == 0) {
		if (strcmp(d, "delete") == 0 || strcmp(d, "keep") == 0)
			return;
		config_problem(p, group, "done", "\"%s\" is not delete or keep", d);
	} else {
		config_problem(p, group, "done", "driver %s marks messages done "
			       "itself (new/ to cur/): no done key", in->driver);
	}
}

/* Whoever can read the password can read the office's mail and send as
 * the office: only the account ogid runs as may. */
static void
config_check_password_file(struct config_parse *p, const char *group,
			   const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0)
		config_problem(p, group, "password_file", "%s: %s", path,
			       strerror(errno));
	else if (!S_ISREG(st.st_mode))
		config_problem(p, group, "password_file", "%s is not a regular file",
			       path);
	else if (st.st_mode & (S_IRGRP | S_IROTH))
		config_problem(p, group, "password_file", "%s is readable by group "
			       "or others (mode %04o): chmod 600 it", path,
			       (unsigned)(st.st_mode & 07777));
}

/* A password written in the file itself is allowed (some sites cannot have
 * a second file) but the file then needs the same care. */
static void
config_check_password_key(struct config_parse *p)
{
	struct stat st;

	if (p->password_group == NULL || stat(p->cfg->file, &st) != 0 ||
	    !(st.st_mode & (S_IRGRP | S_IROTH)))
		return;
	g_string_append_printf(p->warnings, "%s:%d: [%s] password: this file is "
			       "readable by group or others (mode %04o): chmod 600 "
			       "it, or move the password to a password_file\n",
			       p->file, config_line(p, p->password_group, "password"),
			       p->password_group, (unsigned)(st.st_mode & 07777));
}

static void
config_check_intake(struct config_parse *p, const char *group,
		    struct config_intake *in)
{
	if (in->driver == NULL) {
		config_problem(p, group, NULL, "no driver given");
		return;
	}
	if (strcmp(in->driver, "maildir") == 0) {
		if (in->path == NULL)
			config_problem(p, group, NULL, "driver maildir needs a path");
	} else if (strcmp(in->driver, "imap") == 0 ||
		   strcmp(in->driver, "pop3") == 0) {
		if (in->host == NULL || in->user == NULL)
			config_problem(p, group, NULL,
				       "driver %s needs host and user", in->driver);
	} else {
		config_problem(p, group, "driver", "unknown driver \"%s\"", in->driver);
	}
	if (in->tls != NULL && strcmp(in->tls, "implicit") != 0 &&
	    strcmp(in->tls, "starttls") != 0 && strcmp(in->tls, "none") != 0)
		config_problem(p, group, "tls",
			       "\"%s\" is not implicit, starttls or none", in->tls);
	if (in->password != NULL && in->password_file != NULL)
		config_problem(p, group, "password_file",
			       "give password or password_file, not both");
	else if (in->password_file != NULL)
		config_check_password_file(p, group, in->password_file);
	config_check_done(p, group, in);
	config_default_port(in);
}

static void
config_check_smtp(struct config_parse *p)
{
	struct config_smtp *s = &p->cfg->smtp;
	bool implicit;

	/* The retry schedule, the sender and the attachment limit mean
	 * something without a server (the outbox Maildir, a fax command's
	 * retries); the connection keys do not. */
	if (s->host == NULL && (s->port != 0 || s->tls != NULL ||
				s->ca_file != NULL || s->user != NULL ||
				s->password != NULL || s->password_file != NULL ||
				s->timeout_s != 0))
		config_problem(p, "smtp", NULL, "no host given for the server "
			       "keys (port, tls, ca_file, user, password, "
			       "password_file, timeout)");
	if (s->tls == NULL)
		s->tls = g_strdup("starttls");
	implicit = strcmp(s->tls, "implicit") == 0;
	if (!implicit && strcmp(s->tls, "starttls") != 0 &&
	    strcmp(s->tls, "none") != 0)
		config_problem(p, "smtp", "tls",
			       "\"%s\" is not implicit, starttls or none", s->tls);
	if (s->port == 0)
		s->port = implicit ? 465 : 587;
	if (s->password != NULL && s->password_file != NULL)
		config_problem(p, "smtp", "password_file",
			       "give password or password_file, not both");
	else if (s->password_file != NULL)
		config_check_password_file(p, "smtp", s->password_file);
	if (s->retry != NULL &&
	    config_parse_retry(s->retry, &s->retry_s, &s->n_retry) != 0)
		config_problem(p, "smtp", "retry", "\"%s\" is not a list of waits "
			       "like \"5m 1h 1d\" (each at most 30d, at most %d)",
			       s->retry, CONFIG_RETRY_MAX_STEPS);
}

/* The command is split once here, so a command that cannot be run as
 * configured is a problem at start, not a failed letter; an argument is a
 * placeholder whole or holds none, so a fax number is always one argument
 * of its own and never part of an option or a path. */
static void
config_check_fax_command(struct config_parse *p, struct config_fax *f)
{
	GError *gerr = NULL;
	bool number = false, pdf = false;

	if (!g_shell_parse_argv(f->command, NULL, &f->argv, &gerr)) {
		config_problem(p, "fax", "command", "%s", gerr->message);
		g_clear_error(&gerr);
		return;
	}
	for (int i = 0; f->argv[i] != NULL; i++) {
		if (strcmp(f->argv[i], "{number}") == 0 && i > 0)
			number = true;
		else if (strcmp(f->argv[i], "{pdf}") == 0 && i > 0)
			pdf = true;
		else if (strchr(f->argv[i], '{') != NULL || strchr(f->argv[i], '}') != NULL)
			config_problem(p, "fax", "command", "\"%s\": {number} and "
				       "{pdf} must stand as whole arguments after "
				       "the program", f->argv[i]);
	}
	if (!number || !pdf)
		config_problem(p, "fax", "command",
			       "the command must name {number} and {pdf}");
}

static void
config_check_fax(struct config_parse *p)
{
	struct config_fax *f = &p->cfg->fax;

	if (f->gateway != NULL && f->command != NULL)
		config_problem(p, "fax", NULL, "give gateway or command, not both");
	if (f->command != NULL)
		config_check_fax_command(p, f);
	if (f->gateway != NULL) {
		const char *at = strchr(f->gateway, '@');
		const char *ph = strstr(f->gateway, "{number}");

		if (ph == NULL || at == NULL || ph > at ||
		    strstr(ph + 1, "{number}") != NULL ||
		    strchr(at + 1, '@') != NULL || at[1] == '\0')
			config_problem(p, "fax", "gateway", "\"%s\" is not an "
				       "address with {number} once before the @, "
				       "like {number}@fax.example", f->gateway);
	}
}

static void
config_read_file(struct config_parse *p)
{
	char **groups = g_key_file_get_groups(p->kf, NULL);

	for (int i = 0; groups[i] != NULL; i++) {
		const char *g = groups[i];

		if (strcmp(g, "ogid") == 0)
			config_read_group(p, g, config_ogid_keys, p->cfg);
		else if (strcmp(g, "limits") == 0)
			config_read_group(p, g, config_limits_keys, p->cfg);
		else if (strcmp(g, "office") == 0)
			config_read_group(p, g, config_office_keys, p->cfg);
		else if (strcmp(g, "letters") == 0)
			config_read_group(p, g, config_letters_keys, p->cfg);
		else if (strcmp(g, "smtp") == 0) {
			config_read_group(p, g, config_smtp_keys, p->cfg);
			config_check_smtp(p);
		}
		else if (strcmp(g, "fax") == 0) {
			config_read_group(p, g, config_fax_keys, p->cfg);
			config_check_fax(p);
		} else if (strcmp(g, "post") == 0)
			config_read_group(p, g, config_post_keys, p->cfg);
		else if (strcmp(g, "pickup") == 0)
			config_read_group(p, g, config_pickup_keys, p->cfg);
		else if (g_str_has_prefix(g, "intake.") && g[7] != '\0') {
			struct config_intake *in = config_add_intake(p->cfg, g + 7);

			in->line = config_line(p, g, NULL);
			config_read_group(p, g, config_intake_keys, in);
			config_check_intake(p, g, in);
		} else
			config_problem(p, g, NULL, "unknown section");
	}
	g_strfreev(groups);
}

static void
config_default_string(char **field, const char *value)
{
	if (*field == NULL)
		*field = g_strdup(value);
}

/* An unconfigured office still gets letters that read right; the
 * placeholders show the clerk what to set.  The remedy sentences and the
 * document number pattern stay NULL: the letters then take the legal
 * texts of templates/legal.txt. */
static void
config_default_office(struct config_office *o, struct config_letters *l)
{
	config_default_string(&o->name, "（机关名称）");
	config_default_string(&o->short_name, "（简称）");
	config_default_string(&o->review_body, "（复议机关）");
	config_default_string(&o->court, "（人民法院）");
	config_default_string(&l->font_body, "/usr/share/fonts/truetype/arphic/uming.ttc:0");
	config_default_string(&l->font_title, "/usr/share/fonts/truetype/arphic/uming.ttc:0");
	config_default_string(&l->font_kai, "/usr/share/fonts/truetype/arphic/ukai.ttc:0");
	config_default_string(&l->font_fallback, "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc:0");
}

static void
config_set_defaults(struct config *cfg, const char *default_state_dir)
{
	if (cfg->state_dir == NULL)
		cfg->state_dir = g_strdup(default_state_dir);
	if (cfg->db_path == NULL)
		cfg->db_path = g_build_filename(cfg->state_dir, "ogid.db", NULL);
	if (cfg->outbox == NULL)
		cfg->outbox = g_build_filename(cfg->state_dir, "outbox", NULL);
	if (cfg->holidays_dir == NULL)
		cfg->holidays_dir = config_default_data(cfg->state_dir,
			strcmp(cfg->state_dir, OGI_STATEDIR) == 0 ? "holidays" : "data/holidays");
	if (cfg->letters.templates_dir == NULL)
		cfg->letters.templates_dir = config_default_data(cfg->state_dir, "templates");
	config_default_office(&cfg->office, &cfg->letters);
	if (cfg->timezone == NULL)
		cfg->timezone = g_strdup("Asia/Shanghai");
	if (cfg->rules == NULL)
		cfg->rules = g_strdup(CONFIG_RULES_DEFAULT);
	if (cfg->own_addresses == NULL)
		cfg->own_addresses = g_new0(char *, 1);
	if (cfg->smtp.retry_s == NULL &&
	    config_parse_retry(CONFIG_SMTP_RETRY_DEFAULT, &cfg->smtp.retry_s,
			       &cfg->smtp.n_retry) != 0)
		g_error("CONFIG_SMTP_RETRY_DEFAULT does not parse");
	if (cfg->smtp.timeout_s == 0)
		cfg->smtp.timeout_s = CONFIG_SMTP_TIMEOUT_DEFAULT;
	if (cfg->fax.timeout_s == 0)
		cfg->fax.timeout_s = CONFIG_FAX_TIMEOUT_DEFAULT;
	if (cfg->smtp.max_attachments == 0)
		cfg->smtp.max_attachments = CONFIG_SMTP_MAX_ATTACHMENTS_DEFAULT;
}

/* The names workflow/rules.c has profiles for (common/ cannot call it). */
static void
config_check_rules(struct config_parse *p)
{
	static const char *const names[] = { CONFIG_RULES_DEFAULT, "national-2019" };

	for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
		if (strcmp(p->cfg->rules, names[i]) == 0)
			return;
	config_problem(p, "ogid", "rules", "\"%s\" is not bureau or national-2019",
		       p->cfg->rules);
}

/* digest_time: "HH:MM" on the 24-hour clock, or "off". */
static void
config_check_digest_time(struct config_parse *p)
{
	struct config *cfg = p->cfg;
	unsigned h, m;
	char end;

	if (cfg->digest_time == NULL)
		cfg->digest_time = g_strdup(CONFIG_DIGEST_TIME);
	if (strcmp(cfg->digest_time, "off") == 0)
		cfg->digest_minute = CONFIG_DIGEST_OFF;
	else if (sscanf(cfg->digest_time, "%2u:%2u%c", &h, &m, &end) != 2 ||
	    h > 23 || m > 59 || strlen(cfg->digest_time) != 5)
		config_problem(p, "ogid", "digest_time",
			       "\"%s\" is not a time HH:MM or off",
			       cfg->digest_time);
	else
		cfg->digest_minute = (int)(h * 60 + m);
}

/* A fax of ocr_max_pages pages must fit the worker's CPU and wall-clock
 * bounds, which count per message; otherwise every long fax would be
 * killed and recorded unparsed.  Unset, it is CONFIG_OCR_PAGES_DEFAULT
 * or what the bounds allow, if fewer (0: no OCR). */
static void
config_check_ocr(struct config_parse *p)
{
	struct config_parser *w = &p->cfg->parser;
	unsigned need;

	if ((double)w->ocr_workers * CONFIG_OCR_WORKER_MEMORY > (double)w->memory)
		config_problem(p, "limits", "ocr_workers", "%u pages read at once "
			       "need parse_memory of %u MB (%zu MB)", w->ocr_workers,
			       w->ocr_workers * (unsigned)(CONFIG_OCR_WORKER_MEMORY >> 20),
			       w->memory >> 20);
	if (w->ocr_max_pages == 0) {
		int s = w->cpu_s < w->timeout_s ? w->cpu_s : w->timeout_s;

		w->ocr_max_pages = MIN(CONFIG_OCR_PAGES_DEFAULT,
				       (unsigned)s / CONFIG_OCR_PAGE_CPU_S);
		return;
	}
	need = w->ocr_max_pages * CONFIG_OCR_PAGE_CPU_S;
	if ((unsigned)w->cpu_s < need || (unsigned)w->timeout_s < need)
		config_problem(p, "limits", "ocr_max_pages", "%u pages need "
			       "parse_cpu and parse_timeout of %u s (%d s, %d s)",
			       w->ocr_max_pages, need, w->cpu_s, w->timeout_s);
}

static void
config_check_timezone(struct config_parse *p)
{
	GTimeZone *tz = g_time_zone_new_identifier(p->cfg->timezone);

	if (tz == NULL)
		config_problem(p, "ogid", "timezone", "unknown time zone \"%s\"",
			       p->cfg->timezone);
	else
		g_time_zone_unref(tz);
}

int
config_load(const char *file, const char *default_state_dir,
	    struct config **cfg_r, char **problems_r, struct ogi_error *err)
{
	struct config_parse p = { 0 };
	struct config *cfg = g_new0(struct config, 1);
	GError *gerr = NULL;
	char *text = NULL;
	gsize len;

	*cfg_r = NULL;
	*problems_r = NULL;
	config_limits_default(&cfg->limits);
	cfg->parser = (struct config_parser){
		.timeout_s = 120, .cpu_s = 60, .memory = (size_t)2 << 30, .jobs = 100,
		.ocr_workers = 1,
	};
	cfg->post = (struct config_post){
		.window_left_mm = CONFIG_POST_WINDOW_LEFT_DEFAULT,
		.window_top_mm = CONFIG_POST_WINDOW_TOP_DEFAULT,
	};
	cfg->cutoff_hour = CONFIG_NO_CUTOFF;
	cfg->correction_days = CONFIG_CORRECTION_DAYS;
	cfg->poll_interval = 60;
	cfg->auto_reply_limit = CONFIG_AUTO_REPLY_LIMIT_DEFAULT;
	p.cfg = cfg;
	p.problems = g_string_new(NULL);
	p.warnings = g_string_new(NULL);
	p.kf = g_key_file_new();
	p.file = file ? file : "(embedded default)";

	if (file != NULL) {
		cfg->file = g_canonicalize_filename(file, NULL);
		if (!g_file_get_contents(file, &text, &len, &gerr)) {
			g_string_append_printf(p.problems, "%s: %s\n", file, gerr->message);
			g_clear_error(&gerr);
		} else {
			config_lines_scan(&p, text);
			if (p.problems->len == 0 &&
			    !g_key_file_load_from_data(p.kf, text, len, G_KEY_FILE_NONE, &gerr)) {
				g_string_append_printf(p.problems, "%s: %s\n", file, gerr->message);
				g_clear_error(&gerr);
			} else if (p.problems->len == 0) {
				config_read_file(&p);
				config_check_password_key(&p);
			}
		}
	}
	config_set_defaults(cfg, default_state_dir);
	if (file == NULL) {
		struct config_intake *in = config_add_intake(cfg, "mail");

		in->driver = g_strdup("maildir");
		in->path = g_build_filename(cfg->state_dir, "inbox", NULL);
	} else if (text != NULL && cfg->n_intakes == 0 && p.problems->len == 0) {
		g_string_append_printf(p.problems, "%s: no [intake.NAME] section\n", file);
	}
	if (p.map.lines != NULL) {
		config_check_timezone(&p);
		config_check_rules(&p);
	}
	config_check_digest_time(&p);
	config_check_ocr(&p);

	g_free(text);
	g_free(p.password_group);
	g_key_file_free(p.kf);
	if (p.map.lines != NULL)
		g_hash_table_destroy(p.map.lines);
	if (p.problems->len > 0) {
		char *nl = strchr(p.problems->str, '\n');

		error_set(err, "%.*s", (int)(nl ? nl - p.problems->str : (long)p.problems->len),
			  p.problems->str);
		g_string_append(p.problems, p.warnings->str);
		*problems_r = g_string_free(p.problems, FALSE);
		g_string_free(p.warnings, TRUE);
		config_free(cfg);
		return -1;
	}
	g_string_free(p.problems, TRUE);
	cfg->warnings = g_string_free(p.warnings, p.warnings->len == 0);
	*cfg_r = cfg;
	return 0;
}

void
config_free(struct config *cfg)
{
	if (cfg == NULL)
		return;
	for (size_t i = 0; i < cfg->n_intakes; i++) {
		struct config_intake *in = &cfg->intakes[i];

		g_free(in->name);
		g_free(in->driver);
		g_free(in->path);
		g_free(in->host);
		g_free(in->user);
		g_free(in->password);
		g_free(in->password_file);
		g_free(in->folder);
		g_free(in->done);
		g_free(in->tls);
		g_free(in->ca_file);
		g_free(in->fax_from);
		g_free(in->fax_subject);
	}
	g_free(cfg->intakes);
	g_free(cfg->smtp.host);
	g_free(cfg->smtp.tls);
	g_free(cfg->smtp.ca_file);
	g_free(cfg->smtp.user);
	g_free(cfg->smtp.password);
	g_free(cfg->smtp.password_file);
	g_free(cfg->smtp.from);
	g_free(cfg->smtp.retry);
	g_free(cfg->smtp.retry_s);
	g_free(cfg->fax.gateway);
	g_free(cfg->fax.command);
	g_strfreev(cfg->fax.argv);
	g_free(cfg->pickup.address);
	g_free(cfg->pickup.hours);
	g_free(cfg->warnings);
	g_free(cfg->file);
	g_free(cfg->state_dir);
	g_free(cfg->db_path);
	g_free(cfg->outbox);
	g_free(cfg->lock_dir);
	g_free(cfg->holidays_dir);
	g_free(cfg->timezone);
	g_free(cfg->rules);
	g_strfreev(cfg->own_addresses);
	g_free(cfg->digest_time);
	for (char **f = (char **)&cfg->office; f < (char **)(&cfg->office + 1); f++)
		g_free(*f);
	g_free(cfg->letters.templates_dir);
	g_free(cfg->letters.font_body);
	g_free(cfg->letters.font_title);
	g_free(cfg->letters.font_kai);
	g_free(cfg->letters.font_fallback);
	g_free(cfg);
}

void
config_forget_passwords(struct config *cfg, size_t keep)
{
	for (size_t i = 0; i < cfg->n_intakes; i++) {
		struct config_intake *in = &cfg->intakes[i];

		if (i == keep || in->password == NULL)
			continue;
		memset(in->password, 0, strlen(in->password));
		g_free(in->password);
		in->password = NULL;
	}
	/* The SMTP password is the sender's, which works no intake. */
	if (keep < cfg->n_intakes && cfg->smtp.password != NULL) {
		memset(cfg->smtp.password, 0, strlen(cfg->smtp.password));
		g_clear_pointer(&cfg->smtp.password, g_free);
	}
}
