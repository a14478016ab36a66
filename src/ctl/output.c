#include "ctl/output.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "common/clock.h"
#include "common/json.h"
#include "common/log.h"
#include "workflow/workflow.h"

char *
output_time(const struct output *o, int64_t t)
{
	return clock_format(o->tz, t, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
output_json_time(struct json_writer *w, const struct output *o, int64_t t)
{
	char *s = output_time(o, t);

	json_string(w, s);
	g_free(s);
}

static void
output_json_names(struct json_writer *w, unsigned bits, unsigned count,
		  const char *(*name)(unsigned))
{
	json_begin_array(w);
	for (unsigned i = 0; i < count; i++)
		if (bits & (1u << i))
			json_string(w, name(1u << i));
	json_end_array(w);
}

#define KV(w, k, v) do { json_key(w, k); json_string(w, v); } while (0)

/* The strings of an application (extract.h) with their places in the JSON
 * and in `ogictl show`. */
static const struct {
	size_t offset;
	const char *object, *key, *label;
} output_strings[] = {
#define OUTPUT_STRING(field, object, key, label, ...) \
	{ offsetof(struct extract_record, field), object, key, label },
	EXTRACT_APPLICATION_STRINGS(OUTPUT_STRING)
#undef OUTPUT_STRING
};

static const char *
output_string(const struct extract_record *r, size_t i)
{
	return *(char *const *)((const char *)r + output_strings[i].offset);
}

/* The strings the JSON of a case puts in its object `object`. */
static void
output_json_strings(struct json_writer *w, const struct extract_record *r,
		    const char *object)
{
	for (size_t i = 0; i < G_N_ELEMENTS(output_strings); i++)
		if (strcmp(output_strings[i].object, object) == 0)
			KV(w, output_strings[i].key, output_string(r, i));
}

/* A list kept as one line per entry (problems, review reasons) as a JSON
 * array; NULL is the empty array. */
static void
output_json_lines(struct json_writer *w, const char *lines)
{
	char **v = lines != NULL ? g_strsplit(lines, "\n", -1) : NULL;

	json_begin_array(w);
	for (size_t k = 0; v != NULL && v[k] != NULL; k++)
		json_string(w, v[k]);
	json_end_array(w);
	g_strfreev(v);
}

static void output_json_time_or_null(struct json_writer *w,
				     const struct output *o, int64_t t);

/* The fax a gateway mailed, only for a case that came by one: a case
 * from mail reads as it always did. */
static void
output_fax_json(struct json_writer *w, const struct output *o,
		const struct extract_fax *fax)
{
	if (!fax->is_fax)
		return;
	json_key(w, "incoming_fax");
	json_begin_object(w);
	KV(w, "style", extract_fax_style_name(fax->style));
	KV(w, "caller", fax->caller);
	KV(w, "station_id", fax->csid);
	json_key(w, "pages");
	if (fax->pages > 0)
		json_int(w, fax->pages);
	else
		json_null(w);
	KV(w, "quality", extract_fax_quality_name(fax->quality));
	json_key(w, "received_at");
	output_json_time_or_null(w, o, fax->received);
	json_end_object(w);
}

/* "hylafax from 04758123456 (ZHANG), 2 pages, fine, received TIME". */
static char *
output_fax_line(const struct output *o, const struct extract_fax *fax)
{
	GString *line;

	if (!fax->is_fax)
		return NULL;
	line = g_string_new(extract_fax_style_name(fax->style));
	g_string_append_printf(line, " from %s", fax->caller != NULL ? fax->caller
			       : "an unknown number");
	if (fax->csid != NULL)
		g_string_append_printf(line, " (%s)", fax->csid);
	if (fax->pages > 0)
		g_string_append_printf(line, ", %u page%s", fax->pages,
				       fax->pages == 1 ? "" : "s");
	if (fax->quality != EXTRACT_FAX_QUALITY_UNKNOWN)
		g_string_append_printf(line, ", %s",
				       extract_fax_quality_name(fax->quality));
	if (fax->received > 0) {
		char *when = output_time(o, fax->received);

		g_string_append_printf(line, ", received %s", when);
		g_free(when);
	}
	return g_string_free(line, FALSE);
}

static void
output_case_json(struct json_writer *w, const struct output *o,
		 const struct registry_case *c)
{
	const struct extract_record *r = &c->rec;

	json_begin_object(w);
	KV(w, "id", c->id);
	KV(w, "state", c->state);
	KV(w, "channel", c->channel);
	json_key(w, "received_at");
	output_json_time(w, o, c->received_at);
	KV(w, "received_source", c->received_source);
	KV(w, "deadline", c->deadline);
	json_key(w, "deadline_provisional");
	json_bool(w, c->deadline_provisional);
	output_fax_json(w, o, &r->incoming_fax);
	/* Only when set: a case not yet answered reads as it always did. */
	if (c->outcome != NULL)
		KV(w, "outcome", c->outcome);
	if (c->outcome_detail != NULL)
		KV(w, "outcome_detail", c->outcome_detail);
	if (c->extended_days > 0) {
		json_key(w, "extended_days");
		json_int(w, c->extended_days);
	}
	if (c->concluded_at != 0) {
		json_key(w, "concluded_at");
		output_json_time(w, o, c->concluded_at);
	}
	json_key(w, "applicant");
	json_begin_object(w);
	KV(w, "kind", extract_applicant_kind_name(r->applicant_kind));
	KV(w, "id_type", extract_id_type_name(r->id_type));
	output_json_strings(w, r, "applicant");
	json_end_object(w);
	json_key(w, "request");
	json_begin_object(w);
	output_json_strings(w, r, "request");
	json_end_object(w);
	json_key(w, "signature");
	json_begin_object(w);
	json_key(w, "present");
	json_bool(w, r->signature_present);
	output_json_strings(w, r, "signature");
	json_end_object(w);
	KV(w, "application_date", r->date[0] ? r->date : NULL);
	json_key(w, "delivery");
	json_begin_object(w);
	KV(w, "method", extract_delivery_name(r->delivery));
	KV(w, "medium", extract_medium_name(r->medium));
	json_end_object(w);
	json_key(w, "missing");
	output_json_names(w, r->missing, EXTRACT_ELEM_COUNT, extract_element_name);
	json_key(w, "invalid");
	output_json_names(w, r->invalid, EXTRACT_INVALID_COUNT, extract_invalid_name);
	json_key(w, "review");
	output_json_lines(w, r->review);
	json_key(w, "messages");
	json_begin_array(w);
	for (size_t i = 0; i < c->n_messages; i++)
		json_string(w, c->messages[i]);
	json_end_array(w);
	json_end_object(w);
}

size_t
output_width(const char *s)
{
	size_t w = 0;

	for (const char *p = s; *p; p = g_utf8_next_char(p))
		w += g_unichar_iswide(g_utf8_get_char(p)) ? 2 : 1;
	return w;
}

/* Prints s padded to width columns, cut with "…" when wider. */
static void
output_cell(FILE *out, const char *text, size_t width, bool last)
{
	char *s = log_scrub(g_strdup(text ? text : "-"));
	size_t w = 0;
	const char *p;

	if (output_width(s) > width) {
		for (p = s; *p; p = g_utf8_next_char(p)) {
			size_t cw = g_unichar_iswide(g_utf8_get_char(p)) ? 2 : 1;

			if (w + cw + 1 > width)
				break;
			w += cw;
		}
		fprintf(out, "%.*s…", (int)(p - s), s);
		w++;
	} else {
		fputs(s, out);
		w = output_width(s);
	}
	if (!last)
		for (; w < width + 2; w++)
			fputc(' ', out);
	g_free(s);
}

/* Frees each row cell by cell: any cell may be NULL (printed "-"), so
 * g_strfreev, which stops at the first NULL, cannot. */
void
output_table_emit(FILE *out, struct output_table *t)
{
	size_t *w = g_new0(size_t, t->ncols);

	for (size_t c = 0; c < t->ncols; c++)
		w[c] = output_width(t->head[c]);
	for (size_t r = 0; r < t->rows->len; r++) {
		char **row = g_ptr_array_index(t->rows, r);

		for (size_t c = 0; c < t->ncols; c++) {
			size_t cw = output_width(row[c] ? row[c] : "-");

			if (cw > w[c])
				w[c] = cw;
		}
	}
	for (size_t c = 0; c < t->ncols; c++)
		if (w[c] > t->maxw[c])
			w[c] = t->maxw[c];
	for (size_t c = 0; c < t->ncols; c++)
		output_cell(out, t->head[c], w[c], c + 1 == t->ncols);
	fputc('\n', out);
	for (size_t r = 0; r < t->rows->len; r++) {
		char **row = g_ptr_array_index(t->rows, r);

		for (size_t c = 0; c < t->ncols; c++) {
			output_cell(out, row[c], w[c], c + 1 == t->ncols);
			g_free(row[c]);
		}
		g_free(row);
		fputc('\n', out);
	}
	g_ptr_array_free(t->rows, TRUE);
	g_free(w);
}

void
output_messages(const struct output *o, const struct registry_message_row *rows,
		size_t n)
{
	if (o->json) {
		struct json_writer w;

		json_init(&w, o->out, true);
		json_begin_array(&w);
		for (size_t i = 0; i < n; i++) {
			const struct registry_message_row *m = &rows[i];

			json_begin_object(&w);
			KV(&w, "file", m->uid);
			KV(&w, "mailbox", m->mailbox);
			KV(&w, "message_id", m->message_id);
			json_key(&w, "received_at");
			output_json_time(&w, o, m->received_at);
			KV(&w, "from", m->from_addr);
			KV(&w, "subject", m->subject);
			KV(&w, "kind", m->kind);
			KV(&w, "case", m->case_id);
			KV(&w, "disposition", m->disposition);
			json_key(&w, "problems");
			output_json_lines(&w, m->problems);
			json_end_object(&w);
		}
		json_end_array(&w);
		json_finish(&w);
		return;
	}
	static const char *head[] = { "RECEIVED", "FROM", "KIND", "CASE",
				      "DISPOSITION", "SUBJECT" };
	static const size_t maxw[] = { 16, 30, 16, 11, 12, 40 };
	struct output_table t = { 6, head, maxw, g_ptr_array_new() };

	for (size_t i = 0; i < n; i++) {
		char **row = g_new0(char *, 7);
		char *when = output_time(o, rows[i].received_at);

		row[0] = g_strndup(when, 16);
		row[0][10] = ' ';
		row[1] = g_strdup(rows[i].from_addr);
		row[2] = g_strdup(rows[i].kind);
		row[3] = g_strdup(rows[i].case_id);
		row[4] = g_strdup(rows[i].disposition);
		row[5] = g_strdup(rows[i].subject);
		g_ptr_array_add(t.rows, row);
		g_free(when);
	}
	output_table_emit(o->out, &t);
}

void
output_cases(const struct output *o, struct registry_case *const *cases, size_t n)
{
	if (o->json) {
		struct json_writer w;

		json_init(&w, o->out, true);
		json_begin_array(&w);
		for (size_t i = 0; i < n; i++)
			output_case_json(&w, o, cases[i]);
		json_end_array(&w);
		json_finish(&w);
		return;
	}
	static const char *head[] = { "CASE", "STATE", "RECEIVED", "DEADLINE",
				      "APPLICANT", "REQUEST" };
	static const size_t maxw[] = { 11, 10, 10, 11, 24, 44 };
	struct output_table t = { 6, head, maxw, g_ptr_array_new() };
	bool provisional = false;

	for (size_t i = 0; i < n; i++) {
		const struct registry_case *c = cases[i];
		char **row = g_new0(char *, 7);
		char *when = output_time(o, c->received_at);

		row[0] = g_strdup(c->id);
		row[1] = g_strdup(c->state);
		row[2] = g_strndup(when, 10);
		row[3] = c->deadline_provisional
			 ? g_strdup_printf("%s*", c->deadline) : g_strdup(c->deadline);
		provisional |= c->deadline_provisional;
		row[4] = g_strdup(c->rec.name);
		row[5] = c->rec.request ? g_strdelimit(g_strdup(c->rec.request), "\n", ' ') : NULL;
		g_ptr_array_add(t.rows, row);
		g_free(when);
	}
	output_table_emit(o->out, &t);
	if (n == 0)
		fputs("(no applications)\n", o->out);
	if (provisional)
		fputs("* provisional deadline: counted without the holiday "
		      "calendar of a year it spans (weekends only)\n", o->out);
}

static void
output_field(FILE *out, const char *label, const char *value)
{
	char *v = log_scrub(g_strdup(value && *value ? value : "-"));
	size_t w = output_width(label);

	fputs(label, out);
	for (; w < 14; w++)
		fputc(' ', out);
	fprintf(out, "%s\n", v);
	g_free(v);
}

/* A field kept as one line per entry (review reasons): the first beside
 * the label, the others below it. */
static void
output_field_lines(FILE *out, const char *label, const char *lines)
{
	char **v;

	if (lines == NULL || *lines == '\0') {
		output_field(out, label, NULL);
		return;
	}
	/* Not empty: g_strsplit gives at least one string. */
	v = g_strsplit(lines, "\n", -1);
	output_field(out, label, v[0]);
	for (size_t k = 1; v[k] != NULL; k++)
		output_field(out, "", v[k]);
	g_strfreev(v);
}

/* How ogictl show explains where a receipt time comes from. */
static const char *
output_received_source(const char *source)
{
	static const struct {
		const char *name, *text;
	} sources[] = {
		{ "delivery", "mailbox delivery time" },
		{ "received-header", "Received: header; file time not trusted" },
		{ "mtime", "file time: check it if the mailbox was copied" },
		{ "fetch", "time of fetch: the mailbox (POP3) keeps no delivery time" },
	};

	for (size_t i = 0; source != NULL && i < G_N_ELEMENTS(sources); i++)
		if (strcmp(source, sources[i].name) == 0)
			return sources[i].text;
	return "source not recorded";
}

static char *
output_names(unsigned bits, unsigned count, const char *(*name)(unsigned))
{
	GString *s = g_string_new(NULL);

	for (unsigned i = 0; i < count; i++)
		if (bits & (1u << i))
			g_string_append_printf(s, "%s%s", s->len ? ", " : "", name(1u << i));
	return g_string_free(s, FALSE);
}

/* "Outcome": the code, with its detail and when it was recorded. */
static void
output_outcome(const struct output *o, const struct registry_case *c)
{
	GString *s;
	char *when;

	if (c->outcome == NULL)
		return;
	s = g_string_new(c->outcome);
	if (c->outcome_detail != NULL)
		g_string_append_printf(s, " (%s)", c->outcome_detail);
	if (c->concluded_at != 0) {
		when = output_time(o, c->concluded_at);
		g_string_append_printf(s, ", concluded %s", when);
		g_free(when);
	}
	output_field(o->out, "Outcome", s->str);
	g_string_free(s, TRUE);
}

/* "Letter": kind, channel, state and document number, one line each; a
 * pending letter also says whether its channel has it now, or how many
 * tries failed and when the next is. */
static void
output_letters(const struct output *o, const struct registry_letter *letters,
	       size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct registry_letter *l = &letters[i];
		GString *line = g_string_new(NULL);

		g_string_printf(line, "%s by %s, %s, %s", l->kind, l->channel,
				l->state, l->docnum != NULL ? l->docnum
							    : "no number yet");
		if (strcmp(l->state, "pending") == 0 && l->sending_at != 0) {
			char *when = output_time(o, l->sending_at);

			g_string_append_printf(line, ", being sent since %s", when);
			g_free(when);
		} else if (strcmp(l->state, "pending") == 0 && l->attempts > 0) {
			char *when = output_time(o, l->next_attempt_at);

			g_string_append_printf(line, ", %d %s failed, next try %s (%s)",
					       l->attempts, l->attempts == 1
					       ? "try" : "tries", when,
					       l->detail != NULL ? l->detail : "-");
			g_free(when);
		}
		output_field(o->out, "Letter", line->str);
		g_string_free(line, TRUE);
	}
}

void
output_case(const struct output *o, const struct registry_case *c,
	    const struct registry_letter *letters, size_t n_letters)
{
	const struct extract_record *r = &c->rec;
	char *when, *missing, *invalid, *msgs, *received, *deadline;

	if (o->json) {
		struct json_writer w;

		json_init(&w, o->out, true);
		output_case_json(&w, o, c);
		json_finish(&w);
		return;
	}
	when = output_time(o, c->received_at);
	missing = output_names(r->missing, EXTRACT_ELEM_COUNT, extract_element_name);
	invalid = output_names(r->invalid, EXTRACT_INVALID_COUNT, extract_invalid_name);
	msgs = g_strjoinv(", ", c->messages ? c->messages : (char *[]){ NULL });
	output_field(o->out, "Case", c->id);
	output_field(o->out, "State", c->state);
	output_field(o->out, "Letter owed", workflow_letter(c->state));
	output_field(o->out, "Channel", c->channel);
	if (r->incoming_fax.is_fax) {
		char *fax = output_fax_line(o, &r->incoming_fax);

		output_field(o->out, "Came by fax", fax);
		g_free(fax);
	}
	received = g_strdup_printf("%s (%s)", when,
				   output_received_source(c->received_source));
	deadline = c->deadline_provisional
		   ? g_strdup_printf("%s (provisional: no holiday calendar for "
				     "a year it spans; weekends only)", c->deadline)
		   : g_strdup(c->deadline);
	output_field(o->out, "Received", received);
	output_field(o->out, "Deadline", deadline);
	output_field(o->out, "Counted", c->deadline_basis);
	if (c->extended_days > 0) {
		char *ext = g_strdup_printf("%d working days", c->extended_days);

		output_field(o->out, "Extended", ext);
		g_free(ext);
	}
	output_outcome(o, c);
	output_field(o->out, "Applicant", extract_applicant_kind_name(r->applicant_kind));
	if (r->applicant_kind == EXTRACT_APPLICANT_ORGANISATION) {
		char *org = c->org_kind != NULL ? g_strdup(c->org_kind) :
			g_strdup_printf("unknown — set with `ogictl set %s %s KIND`",
					c->id, EXTRACT_ORG_KIND_FIELD);

		output_field(o->out, "Org kind", org);
		g_free(org);
	}
	output_field(o->out, "ID type", extract_id_type_name(r->id_type));
	for (size_t i = 0; i < G_N_ELEMENTS(output_strings); i++)
		if (output_strings[i].label != NULL)
			output_field(o->out, output_strings[i].label,
				     output_string(r, i));
	output_field(o->out, "Signature", r->signature_present ?
		     (r->signature_text ? r->signature_text : "yes") : NULL);
	output_field(o->out, "Dated", r->date);
	output_field(o->out, "Delivery", extract_delivery_name(r->delivery));
	output_field(o->out, "Medium", extract_medium_name(r->medium));
	output_field(o->out, "Missing", missing);
	output_field(o->out, "Invalid", invalid);
	output_field_lines(o->out, "Review", r->review);
	output_field(o->out, "Messages", msgs);
	output_letters(o, letters, n_letters);
	g_free(received);
	g_free(deadline);
	g_free(when);
	g_free(missing);
	g_free(invalid);
	g_free(msgs);
}

void
output_review(const struct output *o, struct registry_case *const *cases,
	      size_t n)
{
	if (o->json) {
		output_cases(o, cases, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct registry_case *c = cases[i];
		char *when = output_time(o, c->received_at);
		char **why = g_strsplit(c->rec.review != NULL ? c->rec.review
					: "(no reason recorded)", "\n", -1);
		char *name = log_scrub(g_strdup(c->rec.name ? c->rec.name : "-"));

		fprintf(o->out, "%s  received %.10s  deadline %s%s  %s\n", c->id,
			when, c->deadline ? c->deadline : "-",
			c->deadline_provisional ? "*" : "", name);
		for (size_t k = 0; why[k] != NULL; k++) {
			char *line = log_scrub(g_strdup(why[k]));

			fprintf(o->out, "    - %s\n", line);
			g_free(line);
		}
		g_free(name);
		g_strfreev(why);
		g_free(when);
	}
	if (n == 0)
		fputs("(no application waits for a clerk)\n", o->out);
	else
		fputs("ogictl show ID: the case; ogictl explain FILE: where each "
		      "value came from\n", o->out);
}

/* The pages OCR read, for the clerk who checks the fields against them:
 * where each image is, how sure OCR was, and its text line by line
 * (control characters made spaces, as everywhere ogictl prints text a
 * sender controls; JSON escapes them). */
static void
output_pages(const struct output *o, const struct output_explain *e,
	     struct json_writer *w)
{
	if (w != NULL) {
		json_key(w, "pages");
		json_begin_array(w);
	}
	for (size_t i = 0; i < e->n_pages; i++) {
		const struct registry_page *pg = &e->pages[i];
		char *image = pg->path != NULL
			? g_build_filename(e->state_dir, pg->path, NULL) : NULL;
		char **lines;

		if (w != NULL) {
			json_begin_object(w);
			KV(w, "message", pg->sha256);
			json_key(w, "page");
			json_int(w, pg->page);
			KV(w, "image", image);
			json_key(w, "mean_confidence");
			json_int(w, pg->mean_conf);
			json_key(w, "xres");
			json_int(w, pg->src_xres);
			json_key(w, "yres");
			json_int(w, pg->src_yres);
			json_key(w, "skew_mdeg");
			json_int(w, pg->skew_mdeg);
			KV(w, "text", pg->text);
			json_end_object(w);
			g_free(image);
			continue;
		}
		fprintf(o->out, "\nPage %-11u%s\n", pg->page,
			image != NULL ? image : "(image not kept)");
		if (pg->src_xres > 0 && pg->src_yres > 0)
			fprintf(o->out, "%16smean confidence %u, received at %ux%u "
				"dpi, deskewed %.2f degrees\n", "", pg->mean_conf,
				pg->src_xres, pg->src_yres, pg->skew_mdeg / 1000.0);
		else
			fprintf(o->out, "%16smean confidence %u, resolution not "
				"stated, deskewed %.2f degrees\n", "", pg->mean_conf,
				pg->skew_mdeg / 1000.0);
		lines = g_strsplit(pg->text != NULL ? pg->text : "", "\n", -1);
		for (size_t k = 0; lines[k] != NULL; k++)
			if (log_scrub(lines[k])[0] != '\0')
				fprintf(o->out, "%16s| %s\n", "", lines[k]);
		g_strfreev(lines);
		g_free(image);
	}
	if (w != NULL)
		json_end_array(w);
}

void
output_explain(const struct output *o, const struct output_explain *e)
{
	if (o->json) {
		struct json_writer w;

		json_init(&w, o->out, true);
		json_begin_object(&w);
		KV(&w, "message", e->what);
		KV(&w, "kind", e->kind);
		KV(&w, "case", e->case_id);
		KV(&w, "verdict", e->verdict);
		json_key(&w, "review");
		output_json_lines(&w, e->review);
		json_key(&w, "fields");
		json_begin_object(&w);
		for (unsigned f = 0; f < EXTRACT_FIELD_COUNT; f++) {
			const struct extract_field_info *in = &e->info[f];

			if (e->values[f] == NULL && in->source == EXTRACT_SRC_NONE)
				continue;
			json_key(&w, extract_field_name(f));
			json_begin_object(&w);
			KV(&w, "value", e->values[f]);
			KV(&w, "source", extract_source_name(in->source));
			KV(&w, "confidence", extract_confidence_name(in->confidence));
			KV(&w, "rule", in->rule);
			KV(&w, "line", in->line);
			json_key(&w, "line_no");
			json_int(&w, in->line_no);
			json_end_object(&w);
		}
		json_end_object(&w);
		if (e->n_pages > 0)
			output_pages(o, e, &w);
		json_end_object(&w);
		json_finish(&w);
		return;
	}
	output_field(o->out, "Message", e->what);
	output_field(o->out, "Kind", e->kind);
	if (e->case_id != NULL)
		output_field(o->out, "Case", e->case_id);
	output_field(o->out, "Verdict", e->verdict);
	output_field_lines(o->out, "Review", e->review);
	for (unsigned f = 0; f < EXTRACT_FIELD_COUNT; f++) {
		const struct extract_field_info *in = &e->info[f];
		char *value, *line;

		if (e->values[f] == NULL && in->source == EXTRACT_SRC_NONE)
			continue;
		value = log_scrub(g_strdup(e->values[f] ? e->values[f] : "-"));
		g_strdelimit(value, "\n", ' ');
		fprintf(o->out, "\n%-16s%s\n", extract_field_name(f), value);
		fprintf(o->out, "%16s%s, %s confidence, rule %s\n", "",
			in->source != EXTRACT_SRC_NONE
			? extract_source_name(in->source) : "no source recorded",
			in->confidence != EXTRACT_CONF_NONE
			? extract_confidence_name(in->confidence) : "no",
			in->rule != NULL ? in->rule : "-");
		if (in->line != NULL) {
			line = log_scrub(g_strdup(in->line));
			fprintf(o->out, "%16sline %u: %s\n", "", in->line_no, line);
			g_free(line);
		}
		g_free(value);
	}
	output_pages(o, e, NULL);
}

/* A moment of the status table, "never" for none. */
static char *
output_status_time(const struct output *o, int64_t t)
{
	char *full, *s;

	if (t == 0)
		return g_strdup("never");
	full = output_time(o, t);
	s = g_strndup(full, 19);
	s[10] = ' ';
	g_free(full);
	return s;
}

static void
output_json_time_or_null(struct json_writer *w, const struct output *o,
			 int64_t t)
{
	if (t == 0)
		json_null(w);
	else
		output_json_time(w, o, t);
}

void
output_status(const struct output *o, const struct output_intake *intakes,
	      size_t n, const struct registry_outbox_counts *outbox)
{
	static const struct registry_intake_status never = { .intake = NULL };

	if (o->json) {
		struct json_writer w;

		json_init(&w, o->out, true);
		json_begin_object(&w);
		json_key(&w, "intakes");
		json_begin_array(&w);
		for (size_t i = 0; i < n; i++) {
			const struct registry_intake_status *st =
				intakes[i].status != NULL ? intakes[i].status : &never;

			json_begin_object(&w);
			KV(&w, "name", intakes[i].name);
			KV(&w, "driver", intakes[i].driver);
			KV(&w, "channel", intakes[i].channel);
			json_key(&w, "last_poll");
			output_json_time_or_null(&w, o, st->last_poll_at);
			json_key(&w, "backlog");
			json_int(&w, st->backlog);
			json_key(&w, "errors");
			json_int(&w, st->errors);
			KV(&w, "last_error", st->last_error);
			json_key(&w, "last_error_at");
			output_json_time_or_null(&w, o, st->last_error_at);
			json_end_object(&w);
		}
		json_end_array(&w);
		json_key(&w, "outbox");
		json_begin_object(&w);
		json_key(&w, "queued");
		json_int(&w, (int64_t)outbox->queued);
		json_key(&w, "delayed");
		json_int(&w, (int64_t)outbox->delayed);
		json_key(&w, "failed");
		json_int(&w, (int64_t)outbox->failed);
		json_key(&w, "sent");
		json_int(&w, (int64_t)outbox->sent);
		json_end_object(&w);
		json_end_object(&w);
		json_finish(&w);
		return;
	}
	static const char *head[] = { "INTAKE", "DRIVER", "LAST POLL", "BACKLOG",
				      "ERRORS", "LAST ERROR" };
	static const size_t maxw[] = { 20, 8, 19, 7, 6, 70 };
	struct output_table t = { 6, head, maxw, g_ptr_array_new() };

	for (size_t i = 0; i < n; i++) {
		const struct registry_intake_status *st =
			intakes[i].status != NULL ? intakes[i].status : &never;
		char **row = g_new0(char *, 7);

		row[0] = g_strdup(intakes[i].name);
		row[1] = g_strdup(intakes[i].driver);
		row[2] = output_status_time(o, st->last_poll_at);
		row[3] = g_strdup_printf("%" G_GINT64_FORMAT, st->backlog);
		row[4] = g_strdup_printf("%" G_GINT64_FORMAT, st->errors);
		row[5] = g_strdup(st->last_error);
		g_ptr_array_add(t.rows, row);
	}
	output_table_emit(o->out, &t);
	fprintf(o->out, "\nOUTBOX  %zu queued, %zu delayed, %zu failed, %zu sent\n",
		outbox->queued, outbox->delayed, outbox->failed, outbox->sent);
}

/* A text column; NULL and "" (nothing recorded yet) are both null. */
static void
output_json_text(struct json_writer *w, const char *key, const char *v)
{
	json_key(w, key);
	json_string(w, v != NULL && v[0] != '\0' ? v : NULL);
}

void
output_outbox(const struct output *o, const struct registry_outbox_row *rows,
	      size_t n)
{
	if (o->json) {
		struct json_writer w;

		json_init(&w, o->out, true);
		json_begin_array(&w);
		for (size_t i = 0; i < n; i++) {
			const struct registry_outbox_row *r = &rows[i];

			json_begin_object(&w);
			json_key(&w, "id");
			json_int(&w, r->id);
			output_json_text(&w, "case", r->case_id);
			output_json_text(&w, "kind", r->kind);
			output_json_text(&w, "recipient", r->recipient);
			output_json_text(&w, "state", r->state);
			json_key(&w, "attempts");
			json_int(&w, r->attempts);
			output_json_text(&w, "message_id", r->message_id);
			output_json_text(&w, "in_reply_to", r->in_reply_to);
			output_json_text(&w, "return_path", r->return_path);
			json_key(&w, "created");
			output_json_time_or_null(&w, o, r->created_at);
			json_key(&w, "next_attempt");
			output_json_time_or_null(&w, o, r->next_attempt_at);
			json_key(&w, "sent");
			output_json_time_or_null(&w, o, r->sent_at);
			output_json_text(&w, "last_status", r->last_status);
			json_end_object(&w);
		}
		json_end_array(&w);
		json_finish(&w);
		return;
	}
	static const char *head[] = { "ID", "STATE", "TRY", "KIND", "CASE",
				      "CREATED", "RECIPIENT", "LAST STATUS" };
	/* The server's reply whole: it is what the office acts on. */
	static const size_t maxw[] = { 8, 8, 3, 10, 12, 19, 32, SIZE_MAX };
	struct output_table t = { 8, head, maxw, g_ptr_array_new() };

	for (size_t i = 0; i < n; i++) {
		const struct registry_outbox_row *r = &rows[i];
		char **row = g_new0(char *, 9);

		row[0] = g_strdup_printf("%" G_GINT64_FORMAT, r->id);
		row[1] = g_strdup(r->state);
		row[2] = g_strdup_printf("%d", r->attempts);
		row[3] = g_strdup(r->kind);
		row[4] = g_strdup(r->case_id);
		row[5] = output_status_time(o, r->created_at);
		row[6] = g_strdup(r->recipient);
		row[7] = g_strdup(r->last_status);
		g_ptr_array_add(t.rows, row);
	}
	output_table_emit(o->out, &t);
}
