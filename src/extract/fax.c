/* Fax-to-mail recognition (fax.h).  The gateways' formats are in
 * domain.md §7; every value comes from text anyone can write, so each is
 * checked before it is kept and none is trusted as more than it claims. */
#include "extract/fax.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "extract/extract-private.h"

/* Gateways put their Key: value block at the top of the body; a block
 * further down is quoted or forwarded text, and stopping here bounds the
 * work a long body costs. */
#define FAX_SCAN_LINES 80
/* A key of a Key: value line is a word or three ("Time To Receive"). */
#define FAX_KEY_MAX 24
/* faxrcvd's block has a dozen keys; an ordinary mail that happens to
 * start two lines with "Pages:" and "Sender:" is not a fax, three keys
 * only HylaFAX writes are. */
#define FAX_HYLAFAX_MIN_KEYS 3
/* A mail script's message says what it has to say in a line or two. */
#define FAX_SCRIPT_LINES 5
/* A timestamp file name has a date (8 digits) or a Unix time (10). */
#define FAX_TIMESTAMP_MIN_DIGITS 8
/* A time the body gives is believed only near the mail's own Date: the
 * gateway mails a fax as it arrives (a queue may hold it a day), never
 * before. */
#define FAX_RECEIVED_MAX_BEFORE (7 * 86400)
#define FAX_RECEIVED_MAX_AFTER (15 * 60)

void
extract_fax_clear(struct extract_fax *fax)
{
	if (fax == NULL)
		return;
	g_free(fax->csid);
	g_free(fax->caller);
	memset(fax, 0, sizeof(*fax));
}

/* --- values ----------------------------------------------------------------- */

char *
extract_fax_number(const char *s)
{
	GString *digits;
	size_t n = 0;
	bool varied = false;

	if (s == NULL)
		return NULL;
	while (*s == ' ')
		s++;
	if (strlen(s) > EXTRACT_FAX_NUMBER_MAX_BYTES)
		return NULL;
	digits = g_string_new(NULL);
	if (*s == '+')
		g_string_append_c(digits, *s++);
	for (; *s != '\0'; s++) {
		if (g_ascii_isdigit(*s)) {
			varied |= n > 0 && *s != digits->str[digits->len - 1];
			g_string_append_c(digits, *s);
			n++;
		} else if (*s != ' ' && *s != '-' && *s != '(' && *s != ')') {
			n = 0;
			break;
		}
	}
	if (n < EXTRACT_FAX_NUMBER_MIN_DIGITS || n > EXTRACT_FAX_NUMBER_MAX_DIGITS ||
	    !varied) {
		g_string_free(digits, TRUE);
		return NULL;
	}
	return g_string_free(digits, FALSE);
}

/* Whether s is already what normalise makes of it: the worker's values
 * are checked by the function that made them. */
static bool
normal_form(const char *s, char *(*normalise)(const char *))
{
	char *n = normalise(s);
	bool same = n != NULL && strcmp(n, s) == 0;

	g_free(n);
	return same;
}

bool
extract_fax_number_valid(const char *s)
{
	return normal_form(s, extract_fax_number);
}

/* China's country code as dialled from abroad ("+86") or with the
 * international prefix ("0086"), and the trunk prefix a national number
 * is dialled with inside the country ("0475..."). */
#define FAX_COUNTRY_PLUS "+86"
#define FAX_COUNTRY_ZERO "0086"
#define FAX_TRUNK '0'

/* A landline's subscriber number has 7 or 8 digits, its area code (trunk
 * 0 dropped) 2 or 3 (10 Beijing, 475 Tongliao): a number of 7-8 digits
 * with no prefix is a local one, dialled without its area code. */
#define FAX_SUBSCRIBER_MIN_DIGITS 7
#define FAX_SUBSCRIBER_MAX_DIGITS 8
#define FAX_AREA_MIN_DIGITS 2
#define FAX_AREA_MAX_DIGITS 3

/* The national significant number of digits (extract_fax_number's
 * form): China's country code, then the trunk 0 ("+86 (0)475 ..."
 * writes both), dropped; a number abroad keeps its "+" (or the 0 left
 * of its "00") and never equals a Chinese one. */
static const char *
national_number(const char *digits)
{
	const char *p = digits;

	if (g_str_has_prefix(p, FAX_COUNTRY_PLUS))
		p += strlen(FAX_COUNTRY_PLUS);
	else if (g_str_has_prefix(p, FAX_COUNTRY_ZERO))
		p += strlen(FAX_COUNTRY_ZERO);
	return *p == FAX_TRUNK ? p + 1 : p;
}

/* Whether local, a number written with no prefix (neither country code
 * nor trunk 0), is the subscriber part of national, a national number
 * with its area code. */
static bool
same_subscriber(const char *local, const char *national)
{
	size_t ll = strlen(local), nl = strlen(national);

	return ll >= FAX_SUBSCRIBER_MIN_DIGITS &&
	       ll <= FAX_SUBSCRIBER_MAX_DIGITS &&
	       nl >= ll + FAX_AREA_MIN_DIGITS &&
	       nl <= ll + FAX_AREA_MAX_DIGITS &&
	       strcmp(national + nl - ll, local) == 0;
}

/* The words that put an extension after a number: 转 (the usual
 * Chinese), 分机, and the English ext / x. */
static const char *const fax_extension_marks[] = { "转", "分机", "ext", "x" };
/* A PBX's extensions have 1 to 6 digits (the 3 to 6 of
 * EXTRACT_FAX_NUMBER_MIN_DIGITS' note, and 1-2 in a small office): more
 * digits after a hyphen are a part of the number itself. */
#define FAX_EXTENSION_MAX_DIGITS 6

/* Whether s, a tail of a number as written, is an extension's digits
 * alone (a '.' or ':' after ext, spaces). */
static bool
extension_digits(const char *s)
{
	size_t n = 0;

	s += strspn(s, " .:");
	for (; *s != '\0'; s++) {
		if (g_ascii_isdigit(*s))
			n++;
		else if (*s != ' ')
			return false;
	}
	return n >= 1 && n <= FAX_EXTENSION_MAX_DIGITS;
}

/* The length of s without an extension after it: "0475-8888888转123",
 * "0475-8888888 ext. 123" and "0475-8888888-123" (a hyphen after a whole
 * subscriber number of 7 or 8 digits: a hyphen within a number parts
 * groups shorter than that) all give "0475-8888888"'s; strlen(s) when no
 * extension follows. */
static size_t
without_extension(const char *s)
{
	const char *hyphen = strrchr(s, '-');

	for (size_t i = 0; i < G_N_ELEMENTS(fax_extension_marks); i++) {
		const char *m = fax_extension_marks[i];

		for (const char *p = s; *p != '\0'; p++)
			if (g_ascii_strncasecmp(p, m, strlen(m)) == 0 &&
			    extension_digits(p + strlen(m)))
				return (size_t)(p - s);
	}
	if (hyphen != NULL && extension_digits(hyphen + 1)) {
		const char *group = hyphen;
		size_t digits = 0;

		while (group > s && group[-1] == ' ')
			group--;
		for (; group > s && g_ascii_isdigit(group[-1]); group--)
			digits++;
		if (digits >= FAX_SUBSCRIBER_MIN_DIGITS &&
		    digits <= FAX_SUBSCRIBER_MAX_DIGITS)
			return (size_t)(hyphen - s);
	}
	return strlen(s);
}

/* extract_fax_number of s without its extension: the line a switchboard
 * answers, which is what makes a number the office's. */
static char *
line_number(const char *s)
{
	char *line, *n;

	if (s == NULL)
		return NULL;
	line = g_strndup(s, without_extension(s));
	n = extract_fax_number(line);
	g_free(line);
	return n;
}

bool
extract_fax_same_number(const char *a, const char *b)
{
	char *x = line_number(a), *y = line_number(b);
	bool same = false;

	if (x != NULL && y != NULL) {
		const char *nx = national_number(x), *ny = national_number(y);

		same = strcmp(nx, ny) == 0 ||
		       (nx == x && same_subscriber(x, ny)) ||
		       (ny == y && same_subscriber(y, nx));
	}
	g_free(x);
	g_free(y);
	return same;
}

/* A Chinese postcode has six digits (GB/T 7027). */
#define FAX_POSTCODE_DIGITS 6

/* Marks an address may carry or lose between one copy and the next (a
 * comma after the city, a final 。, a middle dot in a building's name)
 * without naming another place; full-width ，．；： fold to their ASCII
 * twins first.  Chinese numerals are letters of the address, not marks. */
static const char *const address_marks[] = {
	",", ".", ";", ":", "、", "。", "·", "・", "｡", "､",
};

/* Dashes (full-width － folds to '-'): dropped like the marks, but one
 * between two digits parts numbers ("3-2-101": building, unit, room), so
 * it stays, as '-' however it was written. */
static const char *const address_dashes[] = {
	"-", "‐", "‑", "–", "—",
};

/* Length of the string of set (n of them) at p, 0 if none. */
static size_t
address_mark(const char *p, const char *const *set, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(set[i]);

		if (strncmp(p, set[i], len) == 0)
			return len;
	}
	return 0;
}

/* The first character at or after p that is not white space. */
static char
next_unspaced(const char *p)
{
	while (g_ascii_isspace(*p))
		p++;
	return *p;
}

/* s as an address compares: folded (full-width digits, letters and
 * marks, traditional characters, U+3000), without white space, the marks
 * of address_marks and the dashes but one between two digits, and
 * without a postcode at its start or end ("028000 通辽市..." on an address
 * sheet, "...1号 028000" in a footer); NULL when s is NULL, not UTF-8 or
 * holds nothing else. */
static char *
address_key(const char *s)
{
	char *folded, *key, *k;
	size_t len, lead = 0;

	if (s == NULL || !g_utf8_validate(s, -1, NULL))
		return NULL;
	folded = extract_text_fold(s);
	key = g_malloc(strlen(folded) + 1);
	k = key;
	for (const char *p = folded; *p != '\0'; ) {
		size_t mark = address_mark(p, address_marks,
					   G_N_ELEMENTS(address_marks));
		size_t dash = address_mark(p, address_dashes,
					   G_N_ELEMENTS(address_dashes));

		if (dash > 0 && k > key && g_ascii_isdigit(k[-1]) &&
		    g_ascii_isdigit(next_unspaced(p + dash)))
			*k++ = '-';
		if (mark + dash > 0)
			p += mark + dash;
		else if (g_ascii_isspace(*p))
			p++;
		else
			*k++ = *p++;
	}
	*k = '\0';
	g_free(folded);
	len = strlen(key);
	while (lead < len && g_ascii_isdigit(key[lead]))
		lead++;
	if (lead == FAX_POSTCODE_DIGITS) {
		memmove(key, key + lead, len - lead + 1);
		len -= lead;
	}
	for (lead = 0; lead < len && g_ascii_isdigit(key[len - 1 - lead]); )
		lead++;
	if (lead == FAX_POSTCODE_DIGITS && lead < len)
		key[len - lead] = '\0';
	if (key[0] == '\0')
		g_clear_pointer(&key, g_free);
	return key;
}

bool
extract_same_postal_address(const char *a, const char *b)
{
	char *x = address_key(a), *y = address_key(b);
	bool same = x != NULL && y != NULL && strcmp(x, y) == 0;

	g_free(x);
	g_free(y);
	return same;
}

char *
extract_fax_display(const char *s)
{
	if (s == NULL || !g_utf8_validate(s, -1, NULL))
		return NULL;
	return extract_display_line(s, EXTRACT_FAX_CSID_MAX_CHARS, SIZE_MAX);
}

bool
extract_fax_display_valid(const char *s)
{
	return normal_form(s, extract_fax_display);
}

/* A page count as written: digits alone, in range; anything else is
 * unknown (0), never clamped. */
static unsigned
parse_pages(const char *s)
{
	unsigned v = 0;
	size_t n = 0;

	while (*s == ' ')
		s++;
	for (; g_ascii_isdigit(s[n]); n++) {
		if (n >= 4)
			return 0;
		v = v * 10 + (unsigned)(s[n] - '0');
	}
	if (n == 0 || v < 1 || v > EXTRACT_FAX_MAX_PAGES)
		return 0;
	return v;
}

/* "Fine", "Normal", "Standard", "196 lines/inch", "204x98". */
static enum extract_fax_quality
parse_quality(const char *s)
{
	static const char *const fine[] = { "fine", "superfine", "high", "photo" };
	static const char *const normal[] = { "normal", "standard", "low" };
	const char *p = s;
	unsigned long v = 0;

	while (*p == ' ')
		p++;
	for (size_t i = 0; i < G_N_ELEMENTS(fine); i++)
		if (g_ascii_strncasecmp(p, fine[i], strlen(fine[i])) == 0)
			return EXTRACT_FAX_QUALITY_FINE;
	for (size_t i = 0; i < G_N_ELEMENTS(normal); i++)
		if (g_ascii_strncasecmp(p, normal[i], strlen(normal[i])) == 0)
			return EXTRACT_FAX_QUALITY_NORMAL;
	/* A resolution: the last number of "204x196" or the only one. */
	for (; *p != '\0'; p++) {
		if (!g_ascii_isdigit(*p))
			continue;
		v = 0;
		for (size_t n = 0; g_ascii_isdigit(*p); p++, n++)
			v = n < 5 ? v * 10 + (unsigned long)(*p - '0') : 0;
		if (*p == '\0')
			break;
	}
	if (v >= 50 && v < EXTRACT_FAX_FINE_MIN_YRES)
		return EXTRACT_FAX_QUALITY_NORMAL;
	if (v >= EXTRACT_FAX_FINE_MIN_YRES && v <= 1200)
		return EXTRACT_FAX_QUALITY_FINE;
	return EXTRACT_FAX_QUALITY_UNKNOWN;
}

/* The zone of the Date header ("... +0800"), in seconds east of UTC; false
 * when it has none that can be read. */
static bool
date_zone(const struct mime_message *msg, int *offset_r)
{
	const char *date = mime_header_get(msg, "Date");
	const char *z;
	int h, m;

	if (date == NULL)
		return false;
	z = strrchr(date, ' ');
	z = z != NULL ? z + 1 : date;
	if ((z[0] != '+' && z[0] != '-') || strlen(z) < 5)
		return false;
	for (int i = 1; i <= 4; i++)
		if (!g_ascii_isdigit(z[i]))
			return false;
	h = (z[1] - '0') * 10 + (z[2] - '0');
	m = (z[3] - '0') * 10 + (z[4] - '0');
	if (h > 14 || m > 59)
		return false;
	*offset_r = (z[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
	return true;
}

/* HylaFAX's "2026:12:05 09:12:33" or "2026-12-05 09:12:33", in the zone of
 * the mail's Date header (the gateway wrote both), believed only near
 * that Date; 0 otherwise. */
static int64_t
parse_received(const struct mime_message *msg, const char *s)
{
	int y, mo, d, h, mi, sec, offset;
	char sep1, sep2;
	GTimeZone *tz;
	GDateTime *dt;
	int64_t t;

	if (msg->date == 0 || !date_zone(msg, &offset) ||
	    sscanf(s, "%4d%c%2d%c%2d %2d:%2d:%2d", &y, &sep1, &mo, &sep2, &d, &h,
		   &mi, &sec) != 8 || sep1 != sep2 || (sep1 != ':' && sep1 != '-' &&
						       sep1 != '/'))
		return 0;
	tz = g_time_zone_new_offset(offset);
	dt = g_date_time_new(tz, y, mo, d, h, mi, sec);
	g_time_zone_unref(tz);
	if (dt == NULL)
		return 0;
	t = g_date_time_to_unix(dt);
	g_date_time_unref(dt);
	if (t < msg->date - FAX_RECEIVED_MAX_BEFORE ||
	    t > msg->date + FAX_RECEIVED_MAX_AFTER)
		return 0;
	return t;
}

/* Keeps the first value each field is given: the gateway's own line wins
 * over anything later. */
static void
set_csid(struct extract_fax *fax, const char *s)
{
	if (fax->csid == NULL)
		fax->csid = extract_fax_display(s);
}

static void
set_caller(struct extract_fax *fax, const char *s)
{
	if (fax->caller == NULL)
		fax->caller = extract_fax_number(s);
}

static void
set_pages(struct extract_fax *fax, const char *s)
{
	if (fax->pages == 0)
		fax->pages = parse_pages(s);
}

/* --- the body's Key: value block -------------------------------------------- */

enum fax_key {
	KEY_OTHER,
	KEY_SENDER,      /* HylaFAX: the TSI */
	KEY_PAGES,
	KEY_QUALITY,
	KEY_RECEIVED,
	KEY_CALLID1,     /* HylaFAX: the calling number */
	KEY_CALLID2,     /* HylaFAX: the caller's name */
	KEY_HYLAFAX,     /* a key only faxrcvd writes, no value kept */
	KEY_CALLER,      /* other gateways' caller ID */
	KEY_CSID,        /* other gateways' station ID */
};

static const struct {
	const char *key;  /* lowercase, without spaces or hyphens */
	enum fax_key id;
	bool hylafax;     /* counts towards FAX_HYLAFAX_MIN_KEYS */
} fax_keys[] = {
	{ "sender", KEY_SENDER, true },
	{ "pages", KEY_PAGES, true },
	{ "quality", KEY_QUALITY, true },
	{ "received", KEY_RECEIVED, true },
	{ "callid1", KEY_CALLID1, true },
	{ "callid2", KEY_CALLID2, true },
	{ "commid", KEY_HYLAFAX, true },
	/* faxrcvd's template spells them out, faxinfo's output does not. */
	{ "timetoreceive", KEY_HYLAFAX, true },
	{ "timetorecv", KEY_HYLAFAX, true },
	{ "signalrate", KEY_HYLAFAX, true },
	{ "dataformat", KEY_HYLAFAX, true },
	{ "errorcorrect", KEY_HYLAFAX, true },
	{ "errcorrect", KEY_HYLAFAX, true },
	{ "receivedon", KEY_HYLAFAX, true },
	{ "resolution", KEY_QUALITY, false },
	{ "callerid", KEY_CALLER, false },
	{ "callernumber", KEY_CALLER, false },
	{ "cid", KEY_CALLER, false },
	{ "fromnumber", KEY_CALLER, false },
	{ "csid", KEY_CSID, false },
	{ "tsi", KEY_CSID, false },
	{ "remoteid", KEY_CSID, false },
	{ "stationid", KEY_CSID, false },
	{ "remotestation", KEY_CSID, false },
};

/* The key of a "  Key: value" line, lowercase without spaces or hyphens
 * in key; *value_r after the colon.  KEY_OTHER when the line is not one. */
static enum fax_key
line_key(const char *line, char key[FAX_KEY_MAX + 1], const char **value_r,
	 bool *hylafax_r)
{
	size_t n = 0;
	const char *p = line;

	while (*p == ' ' || *p == '\t')
		p++;
	for (; *p != '\0' && *p != ':'; p++) {
		if (*p == ' ' || *p == '-' || *p == '_')
			continue;
		if (!g_ascii_isalnum(*p) || n >= FAX_KEY_MAX)
			return KEY_OTHER;
		key[n++] = g_ascii_tolower(*p);
	}
	if (*p != ':' || n == 0)
		return KEY_OTHER;
	key[n] = '\0';
	*value_r = p + 1;
	for (size_t i = 0; i < G_N_ELEMENTS(fax_keys); i++)
		if (strcmp(fax_keys[i].key, key) == 0) {
			*hylafax_r = fax_keys[i].hylafax;
			return fax_keys[i].id;
		}
	return KEY_OTHER;
}

/* Reads the body's Key: value lines into fax.  Returns how many distinct
 * keys only faxrcvd writes it has (by name: KEY_HYLAFAX stands for
 * several). */
static unsigned
read_keys(const struct mime_message *msg, struct extract_fax *fax)
{
	char **lines = g_strsplit(msg->body != NULL ? msg->body : "", "\n",
				  FAX_SCAN_LINES + 1);
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	unsigned n;

	for (int i = 0; lines[i] != NULL && i < FAX_SCAN_LINES; i++) {
		const char *value = NULL;
		char key[FAX_KEY_MAX + 1];
		bool hylafax = false;
		enum fax_key k;
		char *v, *number;

		g_strdelimit(lines[i], "\r", ' ');
		k = line_key(lines[i], key, &value, &hylafax);
		if (k == KEY_OTHER)
			continue;
		if (hylafax)
			g_hash_table_add(seen, g_strdup(key));
		v = g_strstrip(g_strdup(value));
		switch (k) {
		case KEY_SENDER:
		case KEY_CSID:
			set_csid(fax, v);
			break;
		case KEY_CALLID1:
		case KEY_CALLER:
			set_caller(fax, v);
			break;
		case KEY_CALLID2:
			/* The caller's name: display text where no TSI came;
			 * a number there is no name. */
			number = extract_fax_number(v);
			if (number == NULL)
				set_csid(fax, v);
			g_free(number);
			break;
		case KEY_PAGES:
			set_pages(fax, v);
			break;
		case KEY_QUALITY:
			if (fax->quality == EXTRACT_FAX_QUALITY_UNKNOWN)
				fax->quality = parse_quality(v);
			break;
		case KEY_RECEIVED:
			if (fax->received == 0)
				fax->received = parse_received(msg, v);
			break;
		case KEY_HYLAFAX:
		case KEY_OTHER:
			break;
		}
		g_free(v);
	}
	n = g_hash_table_size(seen);
	g_hash_table_destroy(seen);
	g_strfreev(lines);
	return n;
}

/* --- subjects ---------------------------------------------------------------- */

/* Each built-in subject, as a GLib regular expression matched without
 * case: the style it shows, and which groups hold the CSID, the caller
 * and the page count (0: none).  need_document: the words are common
 * enough that only a fax's document attached makes it one. */
static const struct {
	const char *re;
	enum extract_fax_style style;
	int csid, caller, pages;
	bool need_document;
} fax_subjects[] = {
	/* HylaFAX faxrcvd. */
	{ "^\\s*(?:fax|facsimile) received from\\s+\"?([^\"]*)\"?\\s*$",
	  EXTRACT_FAX_STYLE_HYLAFAX, 1, 0, 0, false },
	/* FreePBX (Fax Configuration Professional and the fax module). */
	{ "^\\s*new fax from:?\\s*(?:\"([^\"]*)\"\\s*)?<([^>]*)>",
	  EXTRACT_FAX_STYLE_FREEPBX, 1, 2, 0, false },
	{ "^\\s*new fax received\\b(?:\\s+from:?\\s*(?:\"([^\"]*)\"\\s*)?"
	  "<?(\\+?[0-9][0-9 ()-]*[0-9])?>?)?",
	  EXTRACT_FAX_STYLE_FREEPBX, 1, 2, 0, true },
	/* Hosted services: eFax and those that copy its subject. */
	{ "^\\s*e-?fax(?: message)? from\\s+\"?(.*?)\"?\\s+-\\s+([0-9]+)\\s+"
	  "pages?(?:\\(s\\))?(?:\\s*,\\s*caller[- ]?id:?\\s*(.*?))?\\s*$",
	  EXTRACT_FAX_STYLE_EFAX, 1, 3, 2, false },
};

/* The Asterisk scripts' subjects vary; these are what they say of the
 * caller when they say anything.  A number is taken whole or not at all:
 * the tail of a longer one is someone else's. */
static const char fax_any_caller_re[] =
	"\\b(?:from|caller(?:[- ]?id)?|cid)\\b:?\\s*(?:\"[^\"]*\"\\s*)?<?"
	"(\\+?[0-9][0-9 ()-]{5,30}[0-9])(?![0-9])";
static const char fax_any_pages_re[] = "\\b([0-9]{1,10})\\s*pages?\\b";

static char *
group(GMatchInfo *mi, int n)
{
	char *s;

	if (n <= 0)
		return NULL;
	s = g_match_info_fetch(mi, n);
	if (s != NULL && *s == '\0') {
		g_free(s);
		s = NULL;
	}
	return s;
}

/* A file name Asterisk's mail scripts give the TIFF ReceiveFAX wrote. */
static const char fax_timestamp_re[] =
	"^(?:[a-z]{1,10}[-_]?)?([0-9][0-9._-]*)\\.tiff?$";

/* The built-in expressions: the subjects' in their order, then these. */
enum {
	RX_TIMESTAMP = G_N_ELEMENTS(fax_subjects),
	RX_ANY_CALLER,
	RX_ANY_PAGES,
	RX_COUNT
};

static GRegex *
compile(const char *re)
{
	return g_regex_new(re, G_REGEX_CASELESS, 0, NULL);
}

/* Built-in expression i, compiled once for the process: every message
 * used to compile them all again.  A compiled GRegex is immutable and
 * may be matched from several threads at once. */
static GRegex *
builtin(size_t i)
{
	static gsize once;
	static GRegex *rx[RX_COUNT];

	if (g_once_init_enter(&once)) {
		for (size_t k = 0; k < G_N_ELEMENTS(fax_subjects); k++)
			rx[k] = compile(fax_subjects[k].re);
		rx[RX_TIMESTAMP] = compile(fax_timestamp_re);
		rx[RX_ANY_CALLER] = compile(fax_any_caller_re);
		rx[RX_ANY_PAGES] = compile(fax_any_pages_re);
		g_once_init_leave(&once, 1);
	}
	return rx[i];
}

/* Whether rx (NULL: none, no match) matches text; *mi_r (when mi_r is
 * not NULL) holds the match, freed by the caller, only when it does. */
static bool
regex_match(const GRegex *rx, const char *text, GMatchInfo **mi_r)
{
	bool hit;

	if (rx == NULL || text == NULL)
		return false;
	hit = g_regex_match(rx, text, 0, mi_r);
	if (!hit && mi_r != NULL) {
		g_match_info_free(*mi_r);
		*mi_r = NULL;
	}
	return hit;
}

static void
take_groups(struct extract_fax *fax, GMatchInfo *mi, int csid, int caller,
	    int pages)
{
	char *s;

	if ((s = group(mi, csid)) != NULL)
		set_csid(fax, s);
	g_free(s);
	if ((s = group(mi, caller)) != NULL)
		set_caller(fax, s);
	g_free(s);
	if ((s = group(mi, pages)) != NULL)
		set_pages(fax, s);
	g_free(s);
}

static enum extract_fax_style
read_subject(const char *subject, bool document, struct extract_fax *fax)
{
	for (size_t i = 0; i < G_N_ELEMENTS(fax_subjects); i++) {
		GMatchInfo *mi = NULL;

		if (fax_subjects[i].need_document && !document)
			continue;
		if (!regex_match(builtin(i), subject, &mi))
			continue;
		take_groups(fax, mi, fax_subjects[i].csid, fax_subjects[i].caller,
			    fax_subjects[i].pages);
		g_match_info_free(mi);
		return fax_subjects[i].style;
	}
	return EXTRACT_FAX_STYLE_NONE;
}

/* --- attachments ------------------------------------------------------------- */

static bool
has_suffix(const char *name, const char *const *suffixes, size_t n)
{
	for (size_t i = 0; name != NULL && i < n; i++)
		if (g_str_has_suffix(name, suffixes[i]))
			return true;
	return false;
}

static bool
part_is_tiff(const struct mime_part *p, const char *lower_name)
{
	static const char *const ext[] = { ".tif", ".tiff" };

	return strcmp(p->content_type, "image/tiff") == 0 ||
	       has_suffix(lower_name, ext, G_N_ELEMENTS(ext));
}

/* A fax's document as gateways attach it: TIFF, PDF or PostScript. */
static bool
part_is_document(const struct mime_part *p, const char *lower_name)
{
	static const char *const types[] = { "application/pdf",
		"application/postscript" };
	static const char *const ext[] = { ".pdf", ".ps" };

	if (p->role != MIME_PART_ATTACHMENT)
		return false;
	for (size_t i = 0; i < G_N_ELEMENTS(types); i++)
		if (strcmp(p->content_type, types[i]) == 0)
			return true;
	return part_is_tiff(p, lower_name) ||
	       has_suffix(lower_name, ext, G_N_ELEMENTS(ext));
}

/* "1733390000.tif", "fax-20261205-091233.tiff", "rx_20261205091233.tif":
 * what Asterisk's mail scripts name the file ReceiveFAX wrote. */
static bool
timestamp_name(const char *lower_name)
{
	GMatchInfo *mi = NULL;
	unsigned digits = 0;
	bool hit = regex_match(builtin(RX_TIMESTAMP), lower_name, &mi);

	if (hit) {
		char *stamp = g_match_info_fetch(mi, 1);

		for (const char *p = stamp; *p != '\0'; p++)
			digits += g_ascii_isdigit(*p) != 0;
		g_free(stamp);
		g_match_info_free(mi);
	}
	return hit && digits >= FAX_TIMESTAMP_MIN_DIGITS;
}

/* The sender of a script's mail names a fax machine or a PBX. */
static bool
fax_sender(const struct mime_message *msg)
{
	static const char *const words[] = { "fax", "asterisk", "pbx", "传真" };
	char *who = g_ascii_strdown(msg->from_addr != NULL ? msg->from_addr : "", -1);
	char *name = g_ascii_strdown(msg->from_name != NULL ? msg->from_name : "", -1);
	bool hit = false;

	for (size_t i = 0; i < G_N_ELEMENTS(words) && !hit; i++)
		hit = strstr(who, words[i]) != NULL || strstr(name, words[i]) != NULL;
	g_free(who);
	g_free(name);
	return hit;
}

/* Whether a fax's document is attached (*document_r) and whether one is
 * a TIFF an Asterisk script named by its time. */
static bool
read_attachments(const struct mime_message *msg, bool *document_r)
{
	bool asterisk = false;

	*document_r = false;
	for (size_t i = 0; i < msg->n_parts; i++) {
		const struct mime_part *p = &msg->parts[i];
		char *name = p->filename != NULL ? g_ascii_strdown(p->filename, -1) : NULL;

		if (part_is_document(p, name)) {
			*document_r = true;
			asterisk |= part_is_tiff(p, name) && name != NULL &&
				    timestamp_name(name);
		}
		g_free(name);
	}
	return asterisk;
}

/* --- configured patterns ----------------------------------------------------- */

struct extract_fax_patterns {
	char *from_text, *subject_text;  /* what was compiled; NULL none */
	GRegex *from, *subject;          /* NULL: none, or did not compile */
};

void
extract_fax_patterns_free(struct extract_fax_patterns *pat)
{
	if (pat == NULL)
		return;
	g_free(pat->from_text);
	g_free(pat->subject_text);
	if (pat->from != NULL)
		g_regex_unref(pat->from);
	if (pat->subject != NULL)
		g_regex_unref(pat->subject);
	g_free(pat);
}

void
extract_fax_patterns_set(struct extract_fax_patterns **pat_r,
			 const char *from, const char *subject)
{
	struct extract_fax_patterns *pat = *pat_r;

	if (pat != NULL && g_strcmp0(pat->from_text, from) == 0 &&
	    g_strcmp0(pat->subject_text, subject) == 0)
		return;
	extract_fax_patterns_free(pat);
	pat = g_new0(struct extract_fax_patterns, 1);
	pat->from_text = g_strdup(from);
	pat->subject_text = g_strdup(subject);
	pat->from = from != NULL ? compile(from) : NULL;
	pat->subject = subject != NULL ? compile(subject) : NULL;
	*pat_r = pat;
}

static char *
from_text(const struct mime_message *msg)
{
	if (msg->from_name != NULL && msg->from_addr != NULL)
		return g_strdup_printf("%s <%s>", msg->from_name, msg->from_addr);
	return g_strdup(msg->from_addr != NULL ? msg->from_addr :
			msg->from_name != NULL ? msg->from_name : "");
}

static bool
configured(const struct mime_message *msg, const struct extract_fax_patterns *pat)
{
	char *from;
	bool hit;

	if (pat == NULL)
		return false;
	from = from_text(msg);
	hit = regex_match(pat->from, from, NULL) ||
	      regex_match(pat->subject, msg->subject, NULL);
	g_free(from);
	return hit;
}

/* --- recognition ------------------------------------------------------------- */

/* What a text in no built-in wording may still say (Asterisk scripts,
 * configured gateways): a caller after "from" or "caller ID", pages. */
static void
read_any(const char *text, struct extract_fax *fax)
{
	GMatchInfo *mi = NULL;

	if (fax->caller == NULL && regex_match(builtin(RX_ANY_CALLER), text, &mi)) {
		take_groups(fax, mi, 0, 1, 0);
		g_match_info_free(mi);
	}
	mi = NULL;
	if (fax->pages == 0 && regex_match(builtin(RX_ANY_PAGES), text, &mi)) {
		take_groups(fax, mi, 0, 0, 1);
		g_match_info_free(mi);
	}
}

/* The first lines of a script's or a configured gateway's body, which
 * its program wrote ("Fax from 04757212340 received, 1 page(s)."); the
 * body of any other message may be the applicant's own words. */
static void
read_script_body(const struct mime_message *msg, struct extract_fax *fax)
{
	char **lines = g_strsplit(msg->body != NULL ? msg->body : "", "\n",
				  FAX_SCRIPT_LINES + 1);
	char *head;

	/* The last piece holds the rest of the body. */
	if (g_strv_length(lines) > FAX_SCRIPT_LINES) {
		g_free(lines[FAX_SCRIPT_LINES]);
		lines[FAX_SCRIPT_LINES] = NULL;
	}
	head = g_strjoinv("\n", lines);
	read_any(head, fax);
	g_free(head);
	g_strfreev(lines);
}

void
extract_fax_recognise(const struct mime_message *msg, bool fax_channel,
		      const struct extract_fax_patterns *pat,
		      struct extract_fax *fax_r)
{
	struct extract_fax f = { 0 };
	const char *subject = msg->subject != NULL ? msg->subject : "";
	enum extract_fax_style style;
	unsigned hylafax_keys;
	bool document, asterisk, own;

	memset(fax_r, 0, sizeof(*fax_r));
	asterisk = read_attachments(msg, &document);
	style = read_subject(subject, document, &f);
	hylafax_keys = read_keys(msg, &f);
	if (hylafax_keys >= FAX_HYLAFAX_MIN_KEYS ||
	    (style == EXTRACT_FAX_STYLE_HYLAFAX && hylafax_keys > 0))
		style = EXTRACT_FAX_STYLE_HYLAFAX;
	else if (style == EXTRACT_FAX_STYLE_HYLAFAX && !document)
		/* Only the subject's words, and nothing a gateway sends. */
		style = EXTRACT_FAX_STYLE_NONE;
	own = configured(msg, pat);
	f.vouched = fax_channel || own;
	/* What the office configured says more than a file name does. */
	if (style == EXTRACT_FAX_STYLE_NONE && own)
		style = EXTRACT_FAX_STYLE_CONFIGURED;
	if (style == EXTRACT_FAX_STYLE_NONE && asterisk && fax_sender(msg))
		style = EXTRACT_FAX_STYLE_ASTERISK;
	if (style == EXTRACT_FAX_STYLE_NONE && fax_channel)
		style = EXTRACT_FAX_STYLE_INTAKE;
	if (style == EXTRACT_FAX_STYLE_NONE) {
		extract_fax_clear(&f);
		return;
	}
	read_any(subject, &f);
	if (style == EXTRACT_FAX_STYLE_ASTERISK || style == EXTRACT_FAX_STYLE_CONFIGURED)
		read_script_body(msg, &f);
	if (f.received == 0 && msg->date > 0 && msg->date <= EXTRACT_FAX_RECEIVED_MAX)
		f.received = msg->date;
	f.is_fax = true;
	f.style = style;
	*fax_r = f;
}

void
extract_fax_merge_tiff(struct extract_fax *fax, const struct extract_fax_tiff *tiff)
{
	if (fax == NULL || tiff == NULL || !fax->is_fax)
		return;
	set_csid(fax, tiff->description);
	if (tiff->pages >= 1 && tiff->pages <= EXTRACT_FAX_MAX_PAGES)
		fax->pages = tiff->pages;
	if (tiff->yres > 0 && tiff->yres <= 1200)
		fax->quality = tiff->yres >= EXTRACT_FAX_FINE_MIN_YRES ?
			       EXTRACT_FAX_QUALITY_FINE : EXTRACT_FAX_QUALITY_NORMAL;
}

/* --- the reply channel ------------------------------------------------------- */

/* A number dialled abroad: "+" or "00" and a country other than China's
 * (86).  Letters carry the applicant's personal data, so a caller ID
 * pointing abroad is never dialled without a clerk. */
static bool
caller_abroad(const char *n)
{
	if (g_str_has_prefix(n, "+"))
		return !g_str_has_prefix(n + 1, "86");
	if (g_str_has_prefix(n, "00"))
		return !g_str_has_prefix(n + 2, "86");
	return false;
}

/* Whether info says rule "fax-caller" set it. */
static bool
by_caller(const struct extract_field_info *in)
{
	return in->rule != NULL && strcmp(in->rule, "fax-caller") == 0;
}

/* Why the form's own word on delivery leaves the caller's number in
 * doubt; NULL when the application states no way and nothing about its
 * delivery is uncertain, and when it states another way than fax (the
 * caller's number answers nothing then).  A fax's way is read from check
 * boxes: a way stated may be misread, and fax stated without its number
 * does not say the number calling is the one to answer. */
static const char *
delivery_doubt(const struct extract_record *rec)
{
	const struct extract_field_info *in = &rec->info[EXTRACT_FIELD_DELIVERY];
	const char *name = extract_field_name(EXTRACT_FIELD_DELIVERY);
	size_t len = strlen(name);

	if (by_caller(in))
		in = NULL;
	if (in != NULL && rec->delivery == EXTRACT_DELIVERY_FAX)
		return "the form asks for fax but gives no number";
	if (in != NULL && rec->delivery != EXTRACT_DELIVERY_UNKNOWN)
		return NULL;
	if (in != NULL && in->confidence == EXTRACT_CONF_LOW)
		return "the form's delivery could not be read";
	for (const char *r = rec->review; r != NULL && *r != '\0';
	     r = strchr(r, '\n') != NULL ? strchr(r, '\n') + 1 : NULL)
		if (strncmp(r, name, len) == 0 && !g_ascii_isalnum(r[len]) &&
		    r[len] != '_')
			return "the form's delivery is in doubt";
	return NULL;
}

/* Why the caller's number is in doubt although the form states no way of
 * reply: the form gives an e-mail address to answer at, and the machine
 * that sent the page may be a copy shop's or an employer's, where a
 * letter with the applicant's identity number must not go unasked.  A
 * postal address is not such a sign: every complete application gives
 * one (bureau rules Art. 4), so counting it would leave no fax to which
 * the default applies.  NULL when nothing else to answer at is given. */
static const char *
contact_doubt(const struct extract_record *rec)
{
	if (rec->email != NULL)
		return "the form gives an e-mail address but no way of reply";
	/* A fax number the form gave was left out (the office's own read
	 * as the applicant's): what the applicant meant is for a clerk. */
	if (rec->fax == NULL &&
	    rec->info[EXTRACT_FIELD_FAX].source != EXTRACT_SRC_NONE &&
	    !by_caller(&rec->info[EXTRACT_FIELD_FAX]))
		return "the fax number the form gives was left out";
	return NULL;
}

void
extract_fax_reply_default(struct extract_record *rec)
{
	const struct extract_fax *fax = &rec->incoming_fax;
	/* Decided again when what the form says changed (the OCR front's
	 * check boxes): what this rule set before is judged anew. */
	bool stated = rec->delivery != EXTRACT_DELIVERY_UNKNOWN &&
		      !by_caller(&rec->info[EXTRACT_FIELD_DELIVERY]);
	const char *why;
	enum extract_confidence conf;

	if (!fax->is_fax || fax->caller == NULL ||
	    rec->kind != EXTRACT_KIND_APPLICATION)
		return;
	if (caller_abroad(fax->caller))
		why = "the fax came from abroad";
	else if (!fax->vouched)
		why = "this intake is not configured to receive faxes";
	else if ((why = delivery_doubt(rec)) == NULL && !stated)
		why = contact_doubt(rec);
	conf = why == NULL ? EXTRACT_CONF_HIGH : EXTRACT_CONF_LOW;
	if (!stated) {
		rec->delivery = EXTRACT_DELIVERY_FAX;
		extract_info_set(rec, EXTRACT_FIELD_DELIVERY, EXTRACT_SRC_INFERRED,
				 conf, "fax-caller", NULL, 0, 0);
	}
	if (rec->delivery != EXTRACT_DELIVERY_FAX ||
	    (rec->fax != NULL && !by_caller(&rec->info[EXTRACT_FIELD_FAX])))
		return;
	if (rec->fax == NULL)
		rec->fax = g_strdup(fax->caller);
	rec->missing &= ~(unsigned)EXTRACT_ELEM_CONTACT;
	extract_info_set(rec, EXTRACT_FIELD_FAX, EXTRACT_SRC_HEADER,
			 conf, "fax-caller", NULL, 0, 0);
	if (conf == EXTRACT_CONF_LOW)
		extract_review_add(rec, "the reply fax number %s is the fax's "
				   "caller ID (%s): check it before anything is "
				   "sent to it", fax->caller, why);
}
