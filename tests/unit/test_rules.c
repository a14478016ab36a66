/* The extraction rules, case by case, from plain-text tables in
 * tests/rules/NAME.txt (format in tests/rules/README).  Each case is a message
 * in UTF-8 and what a clerk would record from it; every field the case does
 * not name must come out empty, so a confident wrong value anywhere fails.
 * One cmocka test per file; a failing case prints its title, the key, the
 * value wanted and the value got, and every case of a file is run. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "extract/extract.h"
#include "ocr-words.h"

#define RULES_DIR OGI_SRCDIR "/tests/rules"
#define MAX_ATTACHMENTS 4
#define MAX_BOXES 16

/* An attachment's kind: text, or a picture with no text that the MIME
 * module marked as a possible form (part->image) or not (a logo). */
enum picture { PIC_NONE, PIC_FORM, PIC_LOGO };

/* Sizes a picture is given: over and under MIME_IMAGE_FORM_MIN_BYTES. */
#define PIC_FORM_BYTES (4 * MIME_IMAGE_FORM_MIN_BYTES)
#define PIC_LOGO_BYTES (MIME_IMAGE_FORM_MIN_BYTES / 4)

struct rule_case {
	char *title;
	unsigned line;          /* of the "===" line, for messages */
	char *subject, *from, *received;
	GString *body;
	GString *attach[MAX_ATTACHMENTS];
	char *attach_name[MAX_ATTACHMENTS];
	enum picture attach_picture[MAX_ATTACHMENTS];
	size_t n_attach;
	GPtrArray *expect;      /* "key: value" strings */
	GString *ocr;           /* the OCR words of its pages (ocr-words.h),
	                           NULL when it has none */
	bool ocr_attachment;    /* "ocr: attachment": pictures of an e-mail
	                           were read, not a fax */
	bool fax_intake;        /* "intake: fax": taken from a channel = fax
	                           intake, as parser_job_init sets its job */
	enum extract_ocr_ink ink; /* "ink: present|absent": the signature
	                           area's, as the OCR module measured it */
	struct extract_ocr_box boxes[MAX_BOXES]; /* "box: 传真 present", in
	                           order, on the first page */
	size_t n_boxes;
};

enum section { SEC_HEAD, SEC_BODY, SEC_ATTACH, SEC_IMAGE, SEC_OCR, SEC_EXPECT };

/* --- what a record says, by key ---------------------------------------- */

static char *
bits_text(unsigned bits, unsigned count, const char *(*name)(unsigned))
{
	GString *s = g_string_new(NULL);

	for (unsigned i = 0; i < count; i++)
		if (bits & (1u << i))
			g_string_append_printf(s, "%s%s", s->len ? " " : "",
					       name(1u << i));
	return g_string_free(s, s->len == 0);
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? g_strdup(s) : NULL;
}

/* The record's value for key as text, NULL when empty; *known_r false
 * for a key this runner does not know (a typo in a case file). */
static char *
record_value(const struct extract_record *r, const char *key, bool *known_r)
{
	enum extract_field f;

	*known_r = true;
#define RULE_STRING(field, ...) \
	if (strcmp(key, #field) == 0) \
		return dup_or_null(r->field);
	EXTRACT_RECORD_STRINGS(RULE_STRING)
#undef RULE_STRING
	if (strcmp(key, "kind") == 0)
		return dup_or_null(extract_kind_name(r->kind));
	if (strcmp(key, "verdict") == 0)
		return dup_or_null(extract_verdict_name(r->verdict));
	if (strcmp(key, "applicant") == 0)
		return dup_or_null(extract_applicant_kind_name(r->applicant_kind));
	if (strcmp(key, "id_type") == 0)
		return dup_or_null(extract_id_type_name(r->id_type));
	if (strcmp(key, "signature") == 0)
		return !r->signature_present ? NULL
		       : g_strdup(r->signature_text != NULL ? r->signature_text
							    : "yes");
	if (strcmp(key, "date") == 0)
		return r->date[0] != '\0' ? g_strdup(r->date) : NULL;
	if (strcmp(key, "delivery") == 0)
		return dup_or_null(extract_delivery_name(r->delivery));
	if (strcmp(key, "medium") == 0)
		return dup_or_null(extract_medium_name(r->medium));
	if (strcmp(key, "missing") == 0)
		return bits_text(r->missing, EXTRACT_ELEM_COUNT,
				 extract_element_name);
	if (strcmp(key, "invalid") == 0)
		return bits_text(r->invalid, EXTRACT_INVALID_COUNT,
				 extract_invalid_name);
	if (g_str_has_prefix(key, "source.") &&
	    extract_field_from_name(key + 7, &f) == 0)
		return dup_or_null(extract_source_name(r->info[f].source));
	if (g_str_has_prefix(key, "confidence.") &&
	    extract_field_from_name(key + 11, &f) == 0)
		return dup_or_null(extract_confidence_name(r->info[f].confidence));
	if (g_str_has_prefix(key, "rule.") &&
	    extract_field_from_name(key + 5, &f) == 0)
		return dup_or_null(r->info[f].rule);
	if (g_str_has_prefix(key, "line.") &&
	    extract_field_from_name(key + 5, &f) == 0)
		return dup_or_null(r->info[f].line);
	*known_r = false;
	return NULL;
}

/* Keys checked in every case, empty unless the case names them.  kind
 * defaults to application; review is checked by substring (below). */
static const char *const strict_keys[] = {
	"verdict", "applicant", "name", "legal_rep", "contact_person", "agent",
	"agent_phone", "id_type", "id_label", "id_number", "address",
	"postcode", "phone", "email", "fax", "request", "purpose", "signature",
	"date", "delivery", "medium", "missing", "invalid", "case_ref",
};

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sets of names (missing, invalid) compare in any order. */
static char *
sorted_words(const char *s)
{
	char **w = g_strsplit_set(s, " ,", -1);
	GPtrArray *keep = g_ptr_array_new();
	char *res;

	for (size_t i = 0; w[i] != NULL; i++)
		if (w[i][0] != '\0')
			g_ptr_array_add(keep, w[i]);
	g_ptr_array_sort(keep, compare_strings);
	g_ptr_array_add(keep, NULL);
	res = g_strjoinv(" ", (char **)keep->pdata);
	g_ptr_array_free(keep, TRUE);
	g_strfreev(w);
	return res;
}

static bool
same_value(const char *key, const char *want, const char *got)
{
	bool same;

	if (want == NULL || got == NULL)
		return want == got;
	if (strcmp(key, "missing") == 0 || strcmp(key, "invalid") == 0) {
		char *a = sorted_words(want), *b = sorted_words(got);

		same = strcmp(a, b) == 0;
		g_free(a);
		g_free(b);
		return same;
	}
	return strcmp(want, got) == 0;
}

/* --- running a case ------------------------------------------------------ */

/* "\n" in an expected value is a line break. */
static char *
unescape(const char *v)
{
	GString *s = g_string_new(NULL);

	for (const char *p = v; *p; p++) {
		if (p[0] == '\\' && p[1] == 'n') {
			g_string_append_c(s, '\n');
			p++;
		} else {
			g_string_append_c(s, *p);
		}
	}
	return g_string_free(s, FALSE);
}

static int64_t
day_time(const char *ymd)
{
	GDateTime *t;
	GTimeZone *tz = g_time_zone_new_offset(8 * 3600);
	int y, m, d;
	int64_t res = 0;

	if (sscanf(ymd, "%d-%d-%d", &y, &m, &d) == 3 &&
	    (t = g_date_time_new(tz, y, m, d, 10, 0, 0)) != NULL) {
		res = g_date_time_to_unix(t);
		g_date_time_unref(t);
	}
	g_time_zone_unref(tz);
	return res;
}

static void
split_from(const char *from, char **name_r, char **addr_r)
{
	const char *lt = strchr(from, '<'), *gt = strrchr(from, '>');

	if (lt != NULL && gt != NULL && gt > lt) {
		*name_r = g_strstrip(g_strndup(from, lt - from));
		*addr_r = g_strndup(lt + 1, gt - lt - 1);
	} else {
		*name_r = NULL;
		*addr_r = g_strdup(from);
	}
}

/* With "review-only:": every reason of review (one a line) must hold one
 * of the listed substrings; returns the number of reasons that do not,
 * each printed. */
static unsigned
unlisted_reasons(const char *file, const struct rule_case *c,
		 const char *review, const GPtrArray *listed)
{
	char **reasons = g_strsplit(review, "\n", -1);
	unsigned failed = 0;

	for (size_t i = 0; reasons[i] != NULL; i++) {
		bool found = reasons[i][0] == '\0';

		for (size_t j = 0; j < listed->len && !found; j++)
			found = strstr(reasons[i], g_ptr_array_index(listed, j)) != NULL;
		if (!found) {
			print_error("%s:%u: %s\n    review-only: a reason not listed: \"%s\"\n",
				    file, c->line, c->title, reasons[i]);
			failed++;
		}
	}
	g_strfreev(reasons);
	return failed;
}

/* Returns the number of failed checks, each printed. */
static unsigned
run_case(const char *file, const struct rule_case *c)
{
	static const char *const own[] = { "ogi@example.gov.cn", NULL };
	static const char *const contacts[] = { "0475-8888888", "0475-8888889",
						"ysqgk@example.gov.cn",
						"0475-8886666转8001",
						"通辽市科尔沁区民主路1号", NULL };
	struct extract_context ctx = { .own_addresses = own, .today = "2026-12-01",
				       .own_contacts = contacts };
	struct mime_part parts[1 + MAX_ATTACHMENTS];
	struct mime_message msg;
	struct extract_record *rec;
	GHashTable *want = g_hash_table_new_full(g_str_hash, g_str_equal,
						 g_free, g_free);
	GPtrArray *reviews = g_ptr_array_new_with_free_func(g_free);
	char *from_name = NULL, *from_addr = NULL;
	unsigned failed = 0;
	bool review_only = false;

	ctx.fax_channel = c->fax_intake;
	ctx.sender_is_contact = !c->fax_intake;
	memset(&msg, 0, sizeof(msg));
	memset(parts, 0, sizeof(parts));
	msg.subject = c->subject != NULL ? c->subject : (char *)"政府信息公开申请";
	if (c->from != NULL)
		split_from(c->from, &from_name, &from_addr);
	msg.from_name = from_name;
	msg.from_addr = from_addr;
	msg.received_date = day_time(c->received != NULL ? c->received
							 : "2026-11-20");
	msg.date = msg.received_date;
	msg.body = c->body->str;
	parts[0].role = MIME_PART_BODY;
	parts[0].content_type = (char *)"text/plain";
	parts[0].text = c->body->str;
	for (size_t i = 0; i < c->n_attach; i++) {
		parts[1 + i].role = MIME_PART_ATTACHMENT;
		parts[1 + i].content_type = (char *)"text/plain";
		parts[1 + i].filename = c->attach_name[i];
		parts[1 + i].text = c->attach[i]->str;
		parts[1 + i].size = c->attach[i]->len;
		parts[1 + i].depth = 1;
		if (c->attach_picture[i] != PIC_NONE) {
			parts[1 + i].content_type = (char *)"image/jpeg";
			parts[1 + i].text = NULL;
			parts[1 + i].image = c->attach_picture[i] == PIC_FORM;
			parts[1 + i].size = c->attach_picture[i] == PIC_FORM ?
					    PIC_FORM_BYTES : PIC_LOGO_BYTES;
		}
	}
	msg.parts = parts;
	msg.n_parts = 1 + c->n_attach;

	for (size_t i = 0; i < c->expect->len; i++) {
		const char *kv = g_ptr_array_index(c->expect, i);
		const char *colon = strchr(kv, ':');
		char *key = g_strstrip(g_strndup(kv, colon - kv));
		char *raw = g_strstrip(g_strdup(colon + 1));
		char *val = unescape(raw);

		g_free(raw);

		if (strcmp(key, "review") == 0 ||
		    strcmp(key, "review-only") == 0) {
			review_only |= strcmp(key, "review-only") == 0;
			g_ptr_array_add(reviews, val);
			g_free(key);
		} else {
			g_hash_table_replace(want, key, val);
		}
	}
	if (!g_hash_table_contains(want, "kind"))
		g_hash_table_insert(want, g_strdup("kind"), g_strdup("application"));

	if (c->ocr != NULL) {
		size_t n;
		struct extract_ocr_word *w = ocr_words_parse(c->ocr->str, &n);
		const struct extract_ocr_input in = {
			.words = w, .n_words = n, .gateway_text = !c->ocr_attachment,
			.signature = c->ink, .boxes = c->boxes, .n_boxes = c->n_boxes,
		};

		rec = extract_message_ocr(&msg, &in, &ctx);
		ocr_words_free(w, n);
	} else {
		rec = extract_message(&msg, &ctx);
	}

	GHashTableIter it;
	gpointer k, v;
	g_hash_table_iter_init(&it, want);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		bool known;
		char *got = record_value(rec, k, &known);

		if (!known) {
			print_error("%s:%u: %s: unknown key \"%s\"\n", file,
				    c->line, c->title, (char *)k);
			failed++;
		} else if (!same_value(k, v, got)) {
			print_error("%s:%u: %s\n    %s: want \"%s\"\n    %*s  got  \"%s\"\n",
				    file, c->line, c->title, (char *)k,
				    (char *)v, (int)strlen(k), "",
				    got != NULL ? got : "(empty)");
			failed++;
		}
		g_free(got);
	}
	for (size_t i = 0; i < G_N_ELEMENTS(strict_keys); i++) {
		bool known;
		char *got;

		if (g_hash_table_contains(want, strict_keys[i]))
			continue;
		got = record_value(rec, strict_keys[i], &known);
		if (got != NULL) {
			print_error("%s:%u: %s\n    %s: want nothing, got \"%s\"\n",
				    file, c->line, c->title, strict_keys[i], got);
			failed++;
		}
		g_free(got);
	}
	for (size_t i = 0; i < reviews->len; i++) {
		const char *r = g_ptr_array_index(reviews, i);

		if (rec->review == NULL || strstr(rec->review, r) == NULL) {
			print_error("%s:%u: %s\n    review: want a reason with \"%s\", got \"%s\"\n",
				    file, c->line, c->title, r,
				    rec->review != NULL ? rec->review : "(none)");
			failed++;
		}
	}
	if (reviews->len == 0 && rec->review != NULL) {
		print_error("%s:%u: %s\n    review: want none, got \"%s\"\n", file,
			    c->line, c->title, rec->review);
		failed++;
	}
	if (review_only && rec->review != NULL)
		failed += unlisted_reasons(file, c, rec->review, reviews);
	extract_record_free(rec);
	g_ptr_array_free(reviews, TRUE);
	g_hash_table_destroy(want);
	g_free(from_name);
	g_free(from_addr);
	return failed;
}

/* --- reading a file ------------------------------------------------------ */

static void
case_free(struct rule_case *c)
{
	g_free(c->title);
	g_free(c->subject);
	g_free(c->from);
	g_free(c->received);
	g_string_free(c->body, TRUE);
	for (size_t i = 0; i < c->n_attach; i++) {
		g_string_free(c->attach[i], TRUE);
		g_free(c->attach_name[i]);
	}
	g_ptr_array_free(c->expect, TRUE);
	if (c->ocr != NULL)
		g_string_free(c->ocr, TRUE);
	for (size_t i = 0; i < c->n_boxes; i++)
		g_free((char *)c->boxes[i].label);
	g_free(c);
}

static void
append_line(GString *s, const char *line)
{
	g_string_append(s, line);
	g_string_append_c(s, '\n');
}

/* A head line "key: value" of the message; anything else is a mistake. */
static bool
head_line(struct rule_case *c, const char *line)
{
	static const struct {
		const char *key;
		size_t offset;
	} heads[] = {
		{ "subject:", offsetof(struct rule_case, subject) },
		{ "from:", offsetof(struct rule_case, from) },
		{ "received:", offsetof(struct rule_case, received) },
	};

	static const char *const marks[] = { "unknown", "absent", "present" };

	if (strcmp(line, "ocr: attachment") == 0) {
		c->ocr_attachment = true;
		return true;
	}
	if (strcmp(line, "intake: fax") == 0) {
		c->fax_intake = true;
		return true;
	}
	for (size_t i = 0; i < G_N_ELEMENTS(marks); i++) {
		const char *mark = strrchr(line, ' ');

		if (g_str_has_prefix(line, "ink: ") &&
		    strcmp(line + strlen("ink: "), marks[i]) == 0) {
			c->ink = (enum extract_ocr_ink)i;
			return true;
		}
		if (g_str_has_prefix(line, "box: ") && mark != NULL &&
		    strcmp(mark + 1, marks[i]) == 0 && c->n_boxes < MAX_BOXES) {
			c->boxes[c->n_boxes++] = (struct extract_ocr_box){
				.label = g_strndup(line + strlen("box: "),
						   (gsize)(mark - line - strlen("box: "))),
				.mark = (enum extract_ocr_ink)i,
			};
			return true;
		}
	}
	for (size_t i = 0; i < G_N_ELEMENTS(heads); i++)
		if (g_str_has_prefix(line, heads[i].key)) {
			char **slot = (char **)((char *)c + heads[i].offset);

			g_free(*slot);
			*slot = g_strstrip(g_strdup(line + strlen(heads[i].key)));
			return true;
		}
	return line[0] == '\0';
}

/* Parses path into cases; a syntax error fails the test with its line. */
static GPtrArray *
read_cases(const char *path)
{
	char *text = NULL, **lines;
	GPtrArray *cases = g_ptr_array_new_with_free_func((GDestroyNotify)case_free);
	struct rule_case *c = NULL;
	enum section sec = SEC_HEAD;

	assert_true(g_file_get_contents(path, &text, NULL, NULL));
	lines = g_strsplit(text, "\n", -1);
	for (unsigned n = 0; lines[n] != NULL; n++) {
		const char *l = lines[n];

		if (g_str_has_prefix(l, "=== ")) {
			c = g_new0(struct rule_case, 1);
			c->title = g_strdup(l + 4);
			c->line = n + 1;
			c->body = g_string_new(NULL);
			c->expect = g_ptr_array_new_with_free_func(g_free);
			g_ptr_array_add(cases, c);
			sec = SEC_HEAD;
		} else if (c == NULL) {
			if (l[0] != '#' && l[0] != '\0')
				fail_msg("%s:%u: text before the first case", path, n + 1);
		} else if (strcmp(l, "--- body") == 0) {
			sec = SEC_BODY;
		} else if (g_str_has_prefix(l, "--- attachment") ||
			   g_str_has_prefix(l, "--- image")) {
			bool image = g_str_has_prefix(l, "--- image");
			char *name = g_strstrip(g_strdup(l + strlen(
				image ? "--- image" : "--- attachment")));

			if (c->n_attach == MAX_ATTACHMENTS)
				fail_msg("%s:%u: more than %d attachments", path,
					 n + 1, MAX_ATTACHMENTS);
			c->attach_picture[c->n_attach] = !image ? PIC_NONE :
				g_str_has_suffix(name, " logo") ? PIC_LOGO : PIC_FORM;
			if (c->attach_picture[c->n_attach] == PIC_LOGO)
				name[strlen(name) - strlen(" logo")] = '\0';
			c->attach_name[c->n_attach] = name;
			c->attach[c->n_attach++] = g_string_new(NULL);
			sec = image ? SEC_IMAGE : SEC_ATTACH;
		} else if (strcmp(l, "--- ocr") == 0) {
			/* A page of words; the next one starts a page. */
			if (c->ocr == NULL)
				c->ocr = g_string_new(NULL);
			else
				g_string_append(c->ocr, "\f\n");
			sec = SEC_OCR;
		} else if (strcmp(l, "--- expect") == 0) {
			sec = SEC_EXPECT;
		} else if (sec == SEC_BODY) {
			append_line(c->body, l);
		} else if (sec == SEC_ATTACH) {
			append_line(c->attach[c->n_attach - 1], l);
		} else if (sec == SEC_OCR) {
			if (l[0] != '#')
				append_line(c->ocr, l);
		} else if (sec == SEC_IMAGE) {
			if (l[0] != '\0' && l[0] != '#')
				fail_msg("%s:%u: a picture has no text", path, n + 1);
		} else if (sec == SEC_EXPECT) {
			if (l[0] == '#' || l[0] == '\0')
				continue;
			if (strchr(l, ':') == NULL)
				fail_msg("%s:%u: expectation without \"key:\"", path,
					 n + 1);
			g_ptr_array_add(c->expect, g_strdup(l));
		} else if (l[0] != '#' && !head_line(c, l)) {
			fail_msg("%s:%u: unknown header line \"%s\"", path, n + 1, l);
		}
	}
	g_strfreev(lines);
	g_free(text);
	return cases;
}

static void
test_file(void **state)
{
	const char *path = *state;
	const char *file = strrchr(path, '/') + 1;
	GPtrArray *cases = read_cases(path);
	unsigned failed = 0, bad_cases = 0;

	if (cases->len == 0)
		fail_msg("%s: no cases", path);
	for (size_t i = 0; i < cases->len; i++) {
		const struct rule_case *c = g_ptr_array_index(cases, i);
		unsigned f;

		if (c->expect->len == 0)
			fail_msg("%s:%u: %s: no expectations", file, c->line,
				 c->title);
		f = run_case(file, c);
		failed += f;
		bad_cases += f > 0;
	}
	if (bad_cases > 0)
		print_error("%s: %u of %u cases failed\n", file, bad_cases,
			    cases->len);
	g_ptr_array_free(cases, TRUE);
	assert_int_equal(failed, 0);
}

int
main(void)
{
	GPtrArray *paths = g_ptr_array_new_with_free_func(g_free);
	struct CMUnitTest *tests;
	GDir *dir = g_dir_open(RULES_DIR, 0, NULL);
	const char *name;
	int rc;

	if (dir == NULL) {
		fprintf(stderr, "cannot open %s\n", RULES_DIR);
		return 1;
	}
	while ((name = g_dir_read_name(dir)) != NULL)
		if (g_str_has_suffix(name, ".txt"))
			g_ptr_array_add(paths, g_build_filename(RULES_DIR, name, NULL));
	g_dir_close(dir);
	g_ptr_array_sort(paths, compare_strings);
	if (paths->len == 0) {
		fprintf(stderr, "no rule files in %s\n", RULES_DIR);
		return 1;
	}
	tests = g_new0(struct CMUnitTest, paths->len);
	for (size_t i = 0; i < paths->len; i++) {
		char *path = g_ptr_array_index(paths, i);

		tests[i].name = strrchr(path, '/') + 1;
		tests[i].test_func = test_file;
		tests[i].initial_state = path;
	}
	rc = _cmocka_run_group_tests("rules", tests, paths->len, NULL, NULL);
	g_free(tests);
	g_ptr_array_free(paths, TRUE);
	return rc;
}
