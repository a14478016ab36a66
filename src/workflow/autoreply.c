#include "workflow/autoreply.h"

#include <string.h>
#include <strings.h>

static const char *const autoreply_relevant[] = {
	"Auto-Submitted", "Precedence", "List-Id", "List-Unsubscribe",
	"Return-Path",
};

static const char *const autoreply_names[] = {
	[AUTOREPLY_ALLOWED] = "allowed",
	[AUTOREPLY_UNPARSED] = "unparsed message",
	[AUTOREPLY_AUTO_SUBMITTED] = "Auto-Submitted",
	[AUTOREPLY_AUTOMATIC] = "automatic mail (auto-reply or bounce)",
	[AUTOREPLY_LIST] = "list mail (List-Id/List-Unsubscribe)",
	[AUTOREPLY_BULK] = "Precedence bulk/list/junk",
	[AUTOREPLY_NULL_SENDER] = "null or robot sender",
	[AUTOREPLY_OWN] = "the office's own address",
	[AUTOREPLY_SPAM] = "spam",
	[AUTOREPLY_RATE] = "daily limit of automatic messages reached",
};

/* Local parts that are no one to answer (RFC 3834 §2: MAILER-DAEMON and
 * the addresses of list software; no-reply boxes nobody reads). */
static const char *const autoreply_robot_prefixes[] = {
	"mailer-daemon", "postmaster", "noreply", "no-reply", "no_reply",
	"donotreply", "do-not-reply", "do_not_reply", "owner-",
};
static const char autoreply_list_suffix[] = "-request";

bool
autoreply_header_relevant(const char *name)
{
	for (size_t i = 0; i < sizeof(autoreply_relevant) /
			       sizeof(autoreply_relevant[0]); i++)
		if (strcasecmp(name, autoreply_relevant[i]) == 0)
			return true;
	return false;
}

/* The value of header name among lines "Name: value", leading blanks
 * skipped; NULL when absent. */
static const char *
autoreply_header(const char *const *headers, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; headers != NULL && headers[i] != NULL; i++) {
		const char *h = headers[i];

		if (strncasecmp(h, name, n) != 0 || h[n] != ':')
			continue;
		h += n + 1;
		while (*h == ' ' || *h == '\t')
			h++;
		return h;
	}
	return NULL;
}

/* Whether value's first word (up to a blank, ';', ',' or '(') is word,
 * ignoring case. */
static bool
autoreply_token_is(const char *value, const char *word)
{
	size_t n = strcspn(value, " \t;,(");

	return n == strlen(word) && strncasecmp(value, word, n) == 0;
}

static bool
autoreply_null_return_path(const char *rp)
{
	size_t n = strcspn(rp, " \t");

	return n == 0 || (n == 2 && strncmp(rp, "<>", 2) == 0);
}

static bool
autoreply_robot_sender(const char *addr)
{
	const char *at = strrchr(addr, '@');
	size_t local = at != NULL ? (size_t)(at - addr) : strlen(addr);
	size_t suffix = sizeof(autoreply_list_suffix) - 1;

	if (local == 0)
		return true;
	for (size_t i = 0; i < sizeof(autoreply_robot_prefixes) /
			       sizeof(autoreply_robot_prefixes[0]); i++) {
		size_t p = strlen(autoreply_robot_prefixes[i]);

		if (local >= p &&
		    strncasecmp(addr, autoreply_robot_prefixes[i], p) == 0)
			return true;
	}
	return local > suffix &&
	       strncasecmp(addr + local - suffix, autoreply_list_suffix,
			   suffix) == 0;
}

static bool
autoreply_own(const char *addr, const char *const *own)
{
	for (size_t i = 0; own != NULL && own[i] != NULL; i++)
		if (strcasecmp(addr, own[i]) == 0)
			return true;
	return false;
}

enum autoreply_verdict
autoreply_check(const struct autoreply_message *m, const char *const *own)
{
	const char *v;

	if (!m->parsed)
		return AUTOREPLY_UNPARSED;
	v = autoreply_header(m->headers, "Auto-Submitted");
	if (v != NULL && !autoreply_token_is(v, "no"))
		return AUTOREPLY_AUTO_SUBMITTED;
	if (m->kind == EXTRACT_KIND_AUTO_REPLY || m->kind == EXTRACT_KIND_BOUNCE)
		return AUTOREPLY_AUTOMATIC;
	if (autoreply_header(m->headers, "List-Id") != NULL ||
	    autoreply_header(m->headers, "List-Unsubscribe") != NULL)
		return AUTOREPLY_LIST;
	v = autoreply_header(m->headers, "Precedence");
	if (v != NULL && (autoreply_token_is(v, "bulk") ||
			  autoreply_token_is(v, "list") ||
			  autoreply_token_is(v, "junk")))
		return AUTOREPLY_BULK;
	v = autoreply_header(m->headers, "Return-Path");
	if (m->from_addr == NULL || autoreply_robot_sender(m->from_addr) ||
	    (v != NULL && autoreply_null_return_path(v)))
		return AUTOREPLY_NULL_SENDER;
	if (autoreply_own(m->from_addr, own))
		return AUTOREPLY_OWN;
	if (m->kind == EXTRACT_KIND_SPAM)
		return AUTOREPLY_SPAM;
	return AUTOREPLY_ALLOWED;
}

enum autoreply_verdict
autoreply_rate(int sent_today, int limit)
{
	return sent_today < limit ? AUTOREPLY_ALLOWED : AUTOREPLY_RATE;
}

const char *
autoreply_verdict_name(enum autoreply_verdict v)
{
	return autoreply_names[v];
}
