/* The application elements (bureau rules Art. 4) from a folded text.
 *
 * People send two layouts, often mixed in one message: the office's form
 * (label/value lines, HTML and .docx tables already turned into
 * "label：value" lines by the MIME module, labels spaced out to fill a cell,
 * values on the line below a bare label, several pairs on one line) and
 * free prose (我叫张三，身份证号码…，现住…，联系电话…。现申请公开…).  Both are
 * read by one scanner: every known label on a line is a "hit"; a hit that
 * stands where a form puts labels takes the text up to the next hit, one
 * inside a sentence takes the clause.  The labels live in the lexicon
 * (lexicon.h), not in code.
 *
 * Mail adds quoting: the newest text is read first, and what was quoted
 * (or sits in a mail signature) only fills elements the newest text lacks.
 * A quoted message that came from one of our own addresses is ignored: our
 * correction notice carries the office's address and telephone number, not
 * the applicant's.
 *
 * This file (assemble.c) is the entry: it splits the text into views (the
 * newest text, the quoted text), runs labels.c, prose.c and closing.c over
 * each, makes one record of them (validate.c checks it) and gives values
 * back as the applicant wrote them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "extract/extract-private.h"
#include "extract/fields-private.h"
#include "extract/lexicon.h"

static char *scan_text(const char *folded, char **written_r, GArray *layout_r);

/* Records that field fld of f now holds a value read by f->at. */
void
extract_assemble_noted(struct found *f, enum extract_field fld)
{
	f->prov[fld] = f->at;
	f->prov[fld].quoted = f->quoted;
}

/* Stores value in *slot, field fld of f, unless it holds one already. */
void
extract_assemble_keep(struct found *f, enum extract_field fld, char **slot,
		      char *value)
{
	if (*slot != NULL || value == NULL) {
		free(value);
		return;
	}
	*slot = value;
	extract_assemble_noted(f, fld);
}

void
extract_assemble_set_name(struct found *f, char *value, enum name_rank rank)
{
	if (value == NULL)
		return;
	if (f->name != NULL && f->name_rank <= rank) {
		free(value);
		return;
	}
	free(f->name);
	f->name = value;
	f->name_rank = rank;
	extract_assemble_noted(f, EXTRACT_FIELD_NAME);
}

void
extract_assemble_set_choice(struct found *f, enum extract_delivery d,
			    enum extract_medium m,
	   enum choice_level dlevel, enum choice_level mlevel)
{
	if (d != EXTRACT_DELIVERY_UNKNOWN && dlevel > f->delivery_level) {
		f->delivery = d;
		f->delivery_level = dlevel;
		extract_assemble_noted(f, EXTRACT_FIELD_DELIVERY);
	}
	if (m != EXTRACT_MEDIUM_UNKNOWN && mlevel > f->medium_level) {
		f->medium = m;
		f->medium_level = mlevel;
		extract_assemble_noted(f, EXTRACT_FIELD_MEDIUM);
	}
}

static void
found_init(struct found *f)
{
	memset(f, 0, sizeof(*f));
	f->name_rank = RANK_NONE;
	f->request_line = SIZE_MAX;
	f->agent_line = SIZE_MAX;
	f->applicants = g_array_new(FALSE, FALSE, sizeof(struct applicant_hit));
}

static void
found_clear(struct found *f)
{
	free(f->name);
	free(f->legal_rep);
	free(f->contact_person);
	free(f->agent);
	free(f->agent_phone);
	free(f->self_name);
	free(f->id_type_text);
	free(f->id_number);
	free(f->id_word);
	free(f->address);
	free(f->postcode);
	free(f->phone);
	free(f->email);
	free(f->fax);
	free(f->request);
	free(f->purpose);
	free(f->sig_text);
	free(f->date_text);
	for (guint i = 0; i < f->applicants->len; i++)
		free(g_array_index(f->applicants, struct applicant_hit, i).value);
	g_array_free(f->applicants, TRUE);
}

void
extract_assemble_reading(struct found *f, enum extract_source src,
	enum extract_confidence conf, const char *rule, const char *word,
	const struct line *ln)
{
	f->at = (struct prov){
		.src = src, .conf = conf, .rule = rule, .word = word,
		.line = ln != NULL ? ln->s : NULL,
		.len = ln != NULL ? ln->len : 0,
		.line_no = ln != NULL ? ln->no : 0,
	};
}

enum tier { TIER_OWN, TIER_QUOTED, TIER_DROP };

/* What the scanner reads for the character at p, or NULL when it reads the
 * byte at p as it is: characters that stand for a space, a colon or a cell
 * border in what word processors and mail clients produce.  *len_r: the
 * bytes replaced. */
static const char *
subst_at(const char *p, size_t *len_r)
{
	static const struct {
		const char *from, *to;
	} subst[] = {
		{ "\xC2\xA0", " " },          /* no-break space */
		{ "\xE2\x80\x82", " " },      /* en space */
		{ "\xE2\x80\x83", " " },      /* em space */
		{ "\xE2\x80\x89", " " },      /* thin space */
		{ "\xE2\x80\x8B", "" },       /* zero width space */
		{ "\xEF\xBB\xBF", "" },       /* BOM */
		{ "\xE2\x88\xB6", ":" },      /* ratio */
		{ "\xEF\xB9\x95", ":" },      /* small colon */
		{ "\xEF\xB8\xB0", ":" },      /* vertical two dots */
		{ "\xE2\x94\x82", "\t" },     /* box drawing │ */
		{ "|", "\t" },
	};

	/* Called for every byte of every message: the first byte is compared
	 * inline before anything costs a call. */
	for (size_t i = 0; i < G_N_ELEMENTS(subst); i++)
		if (*p == subst[i].from[0] &&
		    strncmp(p, subst[i].from, strlen(subst[i].from)) == 0) {
			*len_r = strlen(subst[i].from);
			return subst[i].to;
		}
	return NULL;
}

static char *
prepare(const char *text)
{
	GString *out = g_string_sized_new(strlen(text) + 1);

	for (const char *p = text; *p != '\0';) {
		size_t n;
		const char *to = subst_at(p, &n);

		if (to != NULL) {
			g_string_append(out, to);
			p += n;
		} else if (strncmp(p, "___", 3) == 0) {
			/* A form's line to write on (姓名______张三): the
			 * underscores separate like a cell border. */
			while (*p == '_')
				p++;
			g_string_append_c(out, '\t');
		} else {
			g_string_append_c(out, *p++);
		}
	}
	return g_string_free(out, FALSE);
}

bool
extract_assemble_has_own_address(const char *lower,
				 const struct extract_context *ctx)
{
	if (ctx == NULL || ctx->own_addresses == NULL)
		return false;
	for (const char *const *a = ctx->own_addresses; *a != NULL; a++)
		if (**a != '\0' && strstr(lower, *a) != NULL)
			return true;
	return false;
}

/* A line of a quoted message's header block: 发件人: …, Sent: …. */
static bool
is_quote_header(const char *l)
{
	for (size_t i = 0; i < extract_lexicon_quote_headers_n; i++) {
		size_t n = strlen(extract_lexicon_quote_headers[i]);
		const char *p = l + n;

		if (strncmp(l, extract_lexicon_quote_headers[i], n) != 0)
			continue;
		while (*p == ' ')
			p++;
		if (*p == ':')
			return true;
	}
	return false;
}

/* A line of underscores or dashes that separates a quoted message is this
 * long at least (shorter ones are a form's lines to write on). */
#define SEPARATOR_MIN_BYTES 10

/* Where a client starts the quoted original of a reply or a forward. */
static bool
is_quote_separator(const char *l, const char *next)
{
	if ((l[0] == '-' || l[0] == '_' || l[0] == '=' || l[0] == '*') &&
	    extract_text_contains_any(l, EXTRACT_LEXICON(quote_separators)))
		return true;
	if (strncmp(l, "发件人:", strlen("发件人:")) == 0 ||
	    strncmp(l, "发件人 :", strlen("发件人 :")) == 0)
		return true;
	if (next != NULL && is_quote_header(next) &&
	    (strncmp(l, "from:", 5) == 0 ||
	     (strlen(l) >= SEPARATOR_MIN_BYTES &&
	      strspn(l, "_-") == strlen(l))))
		return true;
	return false;
}

/* "在 2026年11月20日，张三 <a@b> 写道：", "On …, A <a@b> wrote:". */
static bool
is_attribution(const char *l)
{
	size_t n = strlen(l);

	return (n >= strlen("写道:") &&
		strcmp(l + n - strlen("写道:"), "写道:") == 0) ||
	       (n >= 6 && strcmp(l + n - 6, "wrote:") == 0);
}

/* A mail client's tagline (发自我的iPhone) is one short line; a longer
 * line that starts alike is the applicant's. */
#define CLIENT_LINE_MAX_BYTES 80

static bool
is_client_line(const char *l)
{
	return strlen(l) <= CLIENT_LINE_MAX_BYTES &&
	       extract_text_starts_with_any(l, EXTRACT_LEXICON(client_prefixes)) &&
	       extract_text_contains_any(l, EXTRACT_LEXICON(client_words));
}

/* Trimmed, ASCII-lowercased copy of a line for the tests above. */
static char *
lower_line(const char *s, size_t len)
{
	char *l = g_ascii_strdown(s, (gssize)len);

	return g_strstrip(l);
}

/* Lines where an attachment's text starts: quoting in the body does not
 * make the attachments quoted. */
static bool *
attachment_starts(const char *prepared, const GArray *raw_lines,
		  const struct mime_message *msg)
{
	bool *starts = g_new0(bool, raw_lines->len + 1);

	for (size_t i = 0; msg != NULL && i < msg->n_parts; i++) {
		const struct mime_part *part = &msg->parts[i];
		char *folded, *prep, *hit;

		if (part->role != MIME_PART_ATTACHMENT || part->text == NULL)
			continue;
		folded = extract_text_fold(part->text);
		prep = scan_text(folded, NULL, NULL);
		g_free(folded);
		hit = prep[0] != '\0' ? strstr(prepared, prep) : NULL;
		for (guint j = 0; hit != NULL && j < raw_lines->len; j++) {
			const struct line *ln =
				&g_array_index(raw_lines, struct line, j);

			if (ln->s + ln->len >= hit) {
				starts[j] = true;
				break;
			}
		}
		g_free(prep);
	}
	return starts;
}

/* A quoted message's header block (From, Sent, To, Cc, Subject, ...) has
 * at most this many lines after its separator. */
#define QUOTE_HEADER_LINES 10

/* The tier of each line: the newest text, quoted or signature text, or
 * dropped (quote headers, client taglines, our own quoted mail). */
static void
assign_tiers(GArray *lines, const bool *attach, enum tier *tiers,
	     const struct extract_context *ctx)
{
	enum tier state = TIER_OWN, attr = TIER_QUOTED;
	bool header = false, sig = false;

	for (guint i = 0; i < lines->len; i++) {
		struct line *ln = &g_array_index(lines, struct line, i);
		char *l = lower_line(ln->s, ln->len);
		char *next = i + 1 < lines->len ?
			     lower_line(g_array_index(lines, struct line, i + 1).s,
					g_array_index(lines, struct line, i + 1).len) :
			     NULL;
		const char *q = ln->s;

		if (attach[i]) {
			state = TIER_OWN;
			attr = TIER_QUOTED;
			header = sig = false;
		}
		tiers[i] = state;
		if (header && l[0] != '\0' && is_quote_header(l)) {
			if (extract_assemble_has_own_address(l, ctx))
				state = TIER_DROP;
			tiers[i] = TIER_DROP;
		} else if (is_quote_separator(l, next)) {
			bool own = extract_assemble_has_own_address(l, ctx);

			for (guint j = i + 1; j < lines->len && j < i + QUOTE_HEADER_LINES;
			     j++) {
				const struct line *h =
					&g_array_index(lines, struct line, j);
				char *hl = lower_line(h->s, h->len);
				bool is_header = is_quote_header(hl);

				own |= is_header && extract_assemble_has_own_address(hl, ctx);
				g_free(hl);
				if (!is_header)
					break;
			}
			state = own ? TIER_DROP : TIER_QUOTED;
			header = true;
			tiers[i] = TIER_DROP;
		} else if (is_attribution(l)) {
			attr = extract_assemble_has_own_address(l, ctx) ? TIER_DROP : TIER_QUOTED;
			tiers[i] = TIER_DROP;
		} else if (is_client_line(l)) {
			tiers[i] = TIER_DROP;
		} else if (strcmp(l, "--") == 0 &&
			   (ln->len == 2 || (ln->len == 3 && ln->s[2] == ' '))) {
			sig = true;
			tiers[i] = TIER_DROP;
		} else {
			header = header && l[0] != '\0' && is_quote_header(l);
			if (sig && l[0] == '\0')
				sig = false;
			else if (sig && state == TIER_OWN)
				tiers[i] = TIER_QUOTED;
			while (q < ln->s + ln->len && extract_text_is_space(*q))
				q++;
			if (q < ln->s + ln->len && *q == '>') {
				while (q < ln->s + ln->len &&
				       (*q == '>' || extract_text_is_space(*q)))
					q++;
				ln->len -= (size_t)(q - ln->s);
				ln->s = q;
				tiers[i] = state == TIER_OWN ? attr :
					   (state > attr ? state : attr);
			}
		}
		ln->body = extract_layout_skip_bullet(ln->s, ln->s + ln->len);
		g_free(l);
		g_free(next);
	}
}

static void
read_view(struct view *v, const struct extract_context *ctx, struct found *f)
{
	v->hits = g_new0(GArray *, v->n + 1);
	v->consumed = g_new0(bool, v->n + 1);
	for (size_t i = 0; i < v->n; i++) {
		v->hits[i] = g_array_new(FALSE, FALSE, sizeof(struct hit));
		extract_labels_scan_line(&v->lines[i], v->hits[i]);
	}
	extract_labels_read(v, f);
	extract_prose_client(v, f);
	extract_prose_request(v, f);
	extract_prose_purpose(v, f);
	extract_prose_ticked_lines(v, f);
	extract_prose_delivery(v, f);
	extract_prose_org_before_code(v, f);
	extract_prose_read_shapes(v, f, ctx);
	extract_closing_read(v, f);
	extract_prose_spaced_words(v, f);
	extract_prose_agent_phone(v, f);
	for (size_t i = 0; i < v->n; i++)
		g_array_free(v->hits[i], TRUE);
	g_free(v->hits);
	g_free(v->consumed);
}

/* The provenance of field fld when no view gave it a value: a label seen
 * with nothing after it, in the newest text first. */
struct prov
extract_assemble_evidence(const struct found *a, const struct found *b,
			  enum extract_field fld)
{
	return a->prov[fld].src != EXTRACT_SRC_NONE ? a->prov[fld] : b->prov[fld];
}

/* Moves member of a (of b when a has none) to dst, and its provenance to
 * prov[fld]. */
#define TAKE(dst, a, b, member, prov, fld)                               \
	do {                                                             \
		struct found *src_ = (a)->member != NULL ? (a) : (b);     \
		(dst) = src_->member;                                     \
		src_->member = NULL;                                      \
		(prov)[fld] = (dst) != NULL ? src_->prov[fld] :           \
					      extract_assemble_evidence((a), (b), fld);    \
	} while (0)

/* Missing elements (bureau rules Art. 4): what a correction notice asks
 * for. */
static unsigned
missing_elements(const struct extract_record *rec)
{
	unsigned m = 0;

	if (rec->name == NULL)
		m |= EXTRACT_ELEM_NAME;
	if (rec->address == NULL)
		m |= EXTRACT_ELEM_ADDRESS;
	if (rec->id_number == NULL)
		m |= EXTRACT_ELEM_IDENTITY_PROOF;
	if (rec->phone == NULL && rec->email == NULL && rec->fax == NULL)
		m |= EXTRACT_ELEM_CONTACT;
	if (rec->request == NULL)
		m |= EXTRACT_ELEM_REQUEST;
	if (!rec->signature_present)
		m |= EXTRACT_ELEM_SIGNATURE;
	if (rec->date[0] == '\0')
		m |= EXTRACT_ELEM_DATE;
	return m;
}

/* A person or an organisation, from the fields that say so; a person when
 * nothing does, which is sure only with a person's document. */
static void
record_kind(struct extract_record *rec, struct prov *prov, bool quoted_app)
{
	struct prov *p = &prov[EXTRACT_FIELD_APPLICANT_KIND];

	if (rec->id_type == EXTRACT_ID_USCC || rec->id_type == EXTRACT_ID_ORG_CODE ||
	    rec->legal_rep != NULL || extract_lexicon_org_name(rec->name)) {
		rec->applicant_kind = EXTRACT_APPLICANT_ORGANISATION;
		*p = prov[extract_lexicon_org_name(rec->name) ? EXTRACT_FIELD_NAME :
			  rec->legal_rep != NULL ? EXTRACT_FIELD_LEGAL_REP :
			  EXTRACT_FIELD_ID_TYPE];
		p->rule = "org-evidence";
		p->conf = EXTRACT_CONF_HIGH;
	} else {
		rec->applicant_kind = EXTRACT_APPLICANT_PERSON;
		*p = (struct prov){ .rule = "person-default", .quoted = quoted_app };
		p->conf = rec->id_type == EXTRACT_ID_RESIDENT ||
			  rec->id_type == EXTRACT_ID_PASSPORT ?
			  EXTRACT_CONF_HIGH : EXTRACT_CONF_LOW;
	}
	p->src = EXTRACT_SRC_INFERRED;
	p->word = NULL;
}

/* The record's extract_field_info from the provenance of its values, and
 * of each label seen with nothing after it in the application's text.  A
 * value from outside the application's text (app_quoted: the quoted text
 * holds the application) is LOW: quoted text under a new message, or the
 * cover note and headers of whoever forwarded it. */
static void
record_info(struct extract_record *rec, const struct prov *prov,
	    bool app_quoted)
{
	for (int k = 0; k < EXTRACT_FIELD_COUNT; k++) {
		const struct prov *p = &prov[k];
		char *value = extract_field_text(rec, (enum extract_field)k);
		bool outside = p->quoted != app_quoted;
		char *rule;

		if (p->src == EXTRACT_SRC_NONE ||
		    (value == NULL) != (strcmp(p->rule, "label-empty") == 0) ||
		    (value == NULL && outside)) {
			g_free(value);
			continue;
		}
		rule = g_strconcat(!outside ? "" : p->quoted ? "quoted:" :
				   "cover-note:", p->rule,
				   p->word != NULL ? "-" : "", p->word, NULL);
		extract_info_set(rec, (enum extract_field)k, p->src,
				 outside ? EXTRACT_CONF_LOW : p->conf, rule,
				 p->line, p->len, p->line_no);
		g_free(rule);
		g_free(value);
	}
}

/* A person's name without the title after it (包海峰律师). */
static char *
untitled(const char *name)
{
	static const char *const titles[] = { "律师", "先生", "女士", "同志" };
	char *v = g_strdup(name);

	for (size_t i = 0; i < G_N_ELEMENTS(titles); i++)
		if (strlen(v) > strlen(titles[i]) && extract_labels_strip_suffix(v, titles[i]))
			break;
	return v;
}

/* Moves the string *from and the provenance of field ffrom to *to and
 * field fto. */
static void
move_field(char **from, char **to, struct prov *prov, enum extract_field ffrom,
	   enum extract_field fto)
{
	*to = *from;
	*from = NULL;
	prov[fto] = prov[ffrom];
	memset(&prov[ffrom], 0, sizeof(struct prov));
}

/* Who writes for the applicant, once the applicant's kind is known: a
 * person's 经办人 is an agent (an organisation's is its contact); a
 * contact person who is the agent (本案联系人为包海峰律师) is not also a
 * contact; a writer who acts for a client and names no agent signs as
 * one; and a phone written on the agent's line is the agent's. */
static void
record_agent(struct extract_record *rec, bool handler, bool for_client,
	     struct prov *prov)
{
	bool person = rec->applicant_kind != EXTRACT_APPLICANT_ORGANISATION;
	const struct prov *pp = &prov[EXTRACT_FIELD_PHONE];

	if (rec->contact_person != NULL && rec->agent == NULL && person &&
	    (handler || for_client)) {
		char *v = untitled(rec->contact_person);

		g_free(rec->contact_person);
		rec->contact_person = v;
		move_field(&rec->contact_person, &rec->agent, prov,
			   EXTRACT_FIELD_CONTACT_PERSON, EXTRACT_FIELD_AGENT);
	}
	if (rec->contact_person != NULL && rec->agent != NULL) {
		char *v = untitled(rec->contact_person);

		if (extract_same_name(v, rec->agent)) {
			g_free(rec->contact_person);
			rec->contact_person = NULL;
			memset(&prov[EXTRACT_FIELD_CONTACT_PERSON], 0,
			       sizeof(struct prov));
		}
		g_free(v);
	}
	if (for_client && person && rec->agent == NULL &&
	    rec->signature_text != NULL &&
	    !extract_same_name(rec->signature_text, rec->name) &&
	    extract_closing_signer_plausible(rec->signature_text)) {
		rec->agent = g_strdup(rec->signature_text);
		prov[EXTRACT_FIELD_AGENT] = prov[EXTRACT_FIELD_SIGNATURE];
		prov[EXTRACT_FIELD_AGENT].rule = "agent-signer";
		prov[EXTRACT_FIELD_AGENT].word = NULL;
	}
	if (rec->agent != NULL && rec->phone != NULL && rec->agent_phone == NULL &&
	    (extract_prose_line_names(pp->line, pp->len, rec->agent) ||
	     (handler && person && extract_prose_line_names(pp->line, pp->len, "经办人"))))
		move_field(&rec->phone, &rec->agent_phone, prov,
			   EXTRACT_FIELD_PHONE, EXTRACT_FIELD_AGENT_PHONE);
}

/* Returns whether the application is the quoted text's. */
static bool
fill_record(struct extract_record *rec, struct found *f0, struct found *f1,
	    const struct extract_context *ctx, struct prov *prov)
{
	/* A forward's cover note (现转你局依法办理 … 2026年9月8日) is not the
	 * application: when only the quoted text asks for information and
	 * the newest text is not signed by the same applicant (who would be
	 * updating it: 我的手机号换了), the applicant, signature and date
	 * written there come first. */
	bool quoted_app = f0->request == NULL && f1->request != NULL &&
			  !(f0->name != NULL && f1->name != NULL &&
			    strcmp(f0->name, f1->name) == 0);
	struct found *app = quoted_app ? f1 : f0, *other = quoted_app ? f0 : f1;
	struct found *sig = extract_closing_signed_already(app) ? app : other;
	struct found *d = f1->delivery_level > f0->delivery_level ? f1 : f0;
	struct found *m = f1->medium_level > f0->medium_level ? f1 : f0;
	TAKE(rec->name, app, other, name, prov, EXTRACT_FIELD_NAME);
	TAKE(rec->legal_rep, app, other, legal_rep, prov, EXTRACT_FIELD_LEGAL_REP);
	TAKE(rec->contact_person, app, other, contact_person, prov, EXTRACT_FIELD_CONTACT_PERSON);
	TAKE(rec->agent, app, other, agent, prov, EXTRACT_FIELD_AGENT);
	TAKE(rec->agent_phone, app, other, agent_phone, prov, EXTRACT_FIELD_AGENT_PHONE);
	TAKE(rec->address, app, other, address, prov, EXTRACT_FIELD_ADDRESS);
	TAKE(rec->postcode, app, other, postcode, prov, EXTRACT_FIELD_POSTCODE);
	TAKE(rec->phone, app, other, phone, prov, EXTRACT_FIELD_PHONE);
	TAKE(rec->email, app, other, email, prov, EXTRACT_FIELD_EMAIL);
	TAKE(rec->fax, app, other, fax, prov, EXTRACT_FIELD_FAX);
	TAKE(rec->request, app, other, request, prov, EXTRACT_FIELD_REQUEST);
	TAKE(rec->purpose, app, other, purpose, prov, EXTRACT_FIELD_PURPOSE);
	extract_validate_record_id(rec, f0, f1, prov);
	rec->signature_present = sig->sig_present;
	rec->signature_text = sig->sig_text;
	sig->sig_text = NULL;
	prov[EXTRACT_FIELD_SIGNATURE] = rec->signature_present ?
		sig->prov[EXTRACT_FIELD_SIGNATURE] :
		extract_assemble_evidence(app, other, EXTRACT_FIELD_SIGNATURE);
	extract_validate_record_date(rec, app, other, ctx, prov);
	rec->delivery = d->delivery;
	rec->medium = m->medium;
	prov[EXTRACT_FIELD_DELIVERY] = d->prov[EXTRACT_FIELD_DELIVERY];
	prov[EXTRACT_FIELD_MEDIUM] = m->prov[EXTRACT_FIELD_MEDIUM];
	extract_validate_record_contact(rec);
	/* A fax number with a letter in it is a misread (OCR prints 4 as J)
	 * or no number: a clerk looks before anything is faxed there. */
	if (rec->fax != NULL && strpbrk(rec->fax, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
					"abcdefghijklmnopqrstuvwxyz") != NULL) {
		prov[EXTRACT_FIELD_FAX].conf = EXTRACT_CONF_LOW;
		extract_review_add(rec, "the fax number %s has letters in it",
				   rec->fax);
	}
	record_kind(rec, prov, quoted_app);
	record_agent(rec, app->contact_handler, f0->for_client || f1->for_client,
		     prov);
	return quoted_app;
}

/* --- entry points ------------------------------------------------------------ */

/* A table cell that is a label and nothing else (申请人签名（盖章）). */
static bool
whole_label(const char *t)
{
	const char *end = t + strlen(t), *lend = NULL;
	enum extract_lexicon_field field;

	if (extract_lexicon_label_at(t, end, &lend) == NULL)
		return false;
	return extract_labels_label_bracket(lend, end, &field) == end;
}

/* The cells of a table row as the MIME module writes it: tab-separated,
 * a two-cell row as "cell:cell".  Empty cells are left out. */
static GPtrArray *
row_cells(const char *s, size_t len)
{
	GPtrArray *cells = g_ptr_array_new_with_free_func(g_free);
	char *line = g_strndup(s, len);
	char **parts = g_strsplit_set(line, "\t:", -1);

	for (char **q = parts; *q != NULL; q++) {
		char *c = extract_text_trim(*q);

		if (c != NULL)
			g_ptr_array_add(cells, c);
	}
	g_strfreev(parts);
	g_free(line);
	return cells;
}

/* Every cell a label, and none an option chosen in the cell before it
 * (获取方式:电子邮件 is a label and its value) or a document named after
 * 证件名称 (证件名称:居民身份证 too, though 居民身份证 is a label). */
static bool
all_labels(const GPtrArray *cells)
{
	for (guint k = 0; k < cells->len; k++) {
		const char *c = cells->pdata[k];
		const char *end = c + strlen(c), *lend;
		const struct extract_lexicon_label *prev;
		size_t n;

		if (!whole_label(c))
			return false;
		prev = k > 0 ? extract_lexicon_label_at(cells->pdata[k - 1],
					(char *)cells->pdata[k - 1] +
						strlen(cells->pdata[k - 1]),
					&lend) : NULL;
		if (prev != NULL && extract_labels_is_choice(prev->field) &&
		    extract_lexicon_option_at(c, end, &n) >= 0 && c + n == end)
			return false;
		if (prev != NULL && prev->field == FLD_ID_TYPE && extract_lexicon_document_word(c))
			return false;
	}
	return true;
}

/* A table in columns: a row of labels only, and below it a row of as many
 * values (姓名	身份证号码 / 张三	1501…).  Each pair becomes a
 * "label:value" line, as a form in rows reads. */
static char *
pair_columns(const char *text)
{
	GString *out = g_string_sized_new(strlen(text) + 1);
	const char *p = text;

	while (*p != '\0') {
		const char *eol = strchr(p, '\n');
		size_t len = eol != NULL ? (size_t)(eol - p) : strlen(p);
		const char *next = p + len + (eol != NULL);
		const char *eol2 = strchr(next, '\n');
		size_t len2 = eol2 != NULL ? (size_t)(eol2 - next) : strlen(next);
		GPtrArray *heads = row_cells(p, len);
		GPtrArray *vals = NULL;
		bool paired = false;

		if (eol != NULL && heads->len >= 2 && all_labels(heads)) {
			vals = row_cells(next, len2);
			paired = vals->len == heads->len && !all_labels(vals);
		}
		if (paired) {
			for (guint k = 0; k < heads->len; k++)
				g_string_append_printf(out, "%s:%s\n",
						       (char *)heads->pdata[k],
						       (char *)vals->pdata[k]);
			p = next + len2 + (eol2 != NULL);
		} else {
			g_string_append_len(out, p, (gssize)(next - p));
			p = next;
		}
		g_ptr_array_free(heads, TRUE);
		if (vals != NULL)
			g_ptr_array_free(vals, TRUE);
	}
	return g_string_free(out, FALSE);
}

/* The day the message arrived (Received:, else Date:, else today).  Unix
 * times are read in UTC: extract_date_find_month_day() allows for zones
 * ahead of it. */
static void
receipt_date(const struct mime_message *msg,
	     const struct extract_context *ctx, char out[11])
{
	int64_t t = msg == NULL ? 0 :
		    msg->received_date != 0 ? msg->received_date : msg->date;
	GDateTime *dt = t > 0 ? g_date_time_new_from_unix_utc(t) : NULL;

	out[0] = '\0';
	if (dt != NULL) {
		char *s = g_date_time_format(dt, "%Y-%m-%d");

		g_strlcpy(out, s, 11);
		g_free(s);
		g_date_time_unref(dt);
	}
	if (out[0] == '\0' && ctx != NULL && ctx->today != NULL)
		g_strlcpy(out, ctx->today, 11);
}

/* The text the scanner reads, from a folded one; *written_r (unless
 * written_r is NULL): the text layout.c read, to free with g_free(), and
 * layout_r what it did to each line (see extract_layout_normalise()). */
static char *
scan_text(const char *folded, char **written_r, GArray *layout_r)
{
	static const struct extract_layout_lexicon lexicon = { extract_labels_layout_label };
	char *prepared = prepare(folded);
	char *paired = pair_columns(prepared);
	char *laid_out = extract_layout_normalise(paired, &lexicon, layout_r);

	g_free(prepared);
	if (written_r != NULL)
		*written_r = paired;
	else
		g_free(paired);
	return laid_out;
}

/* A writer who acts for a client (代母亲李桂芝申请…) and names himself
 * nowhere in the text: the sender's display name is the agent's. */
static void
agent_from_header(struct extract_record *rec, const struct mime_message *msg,
		  bool for_client, struct prov *prov)
{
	if (!for_client || rec->agent != NULL || msg == NULL ||
	    rec->applicant_kind == EXTRACT_APPLICANT_ORGANISATION ||
	    msg->from_name == NULL || !extract_labels_name_plausible(msg->from_name) ||
	    extract_lexicon_org_name(msg->from_name) ||
	    extract_same_name(msg->from_name, rec->name))
		return;
	rec->agent = g_strdup(msg->from_name);
	prov[EXTRACT_FIELD_AGENT] = (struct prov){
		.src = EXTRACT_SRC_HEADER, .conf = EXTRACT_CONF_HIGH,
		.rule = "agent-from-header",
	};
}

/* A text that gives at most this many of the EXTRACT_ELEM_COUNT elements
 * beside a picture that may hold the form is a cover note for the
 * picture: a typed application gives most of them (a photo of the ID card
 * beside one takes at most the identity proof), a note saying the form is
 * attached gives none, or a name and the request. */
#define IMAGE_FORM_MAX_ELEMENTS 3

/* A form only in an image: until OCR reads it, a clerk does, and nothing
 * the text lacks is certainly missing (a correction notice asking for what
 * the photo shows would be wrong).  Returns whether it is one. */
static bool
form_in_image(struct extract_record *rec, const struct mime_message *msg,
	      unsigned found_in_text)
{
	bool image = false;

	if (msg == NULL || found_in_text > IMAGE_FORM_MAX_ELEMENTS)
		return false;
	for (size_t i = 0; i < msg->n_parts; i++)
		image |= msg->parts[i].image;
	if (!image)
		return false;
	extract_review_add(rec, "form in an image");
	rec->missing = 0;
	return true;
}

unsigned
extract_fields(const char *text, const struct mime_message *msg,
	       const struct extract_context *ctx, struct extract_record *rec)
{
	GArray *layout = g_array_new(FALSE, FALSE,
				     sizeof(struct extract_layout_line));
	char *written;
	char *prepared = scan_text(text != NULL ? text : "", &written, layout);
	GArray *raw = g_array_new(FALSE, FALSE, sizeof(struct line));
	GArray *views[2];
	struct found found[2];
	struct prov prov[EXTRACT_FIELD_COUNT];
	enum tier *tiers;
	bool *attach;
	unsigned found_in_text;
	char receipt[11];
	bool app_quoted;

	receipt_date(msg, ctx, receipt);
	for (char *p = prepared;;) {
		char *eol = strchr(p, '\n');
		struct line ln = { p, eol != NULL ? (size_t)(eol - p) : strlen(p), p,
				   raw->len + 1 };

		g_array_append_val(raw, ln);
		if (eol == NULL)
			break;
		p = eol + 1;
	}
	memset(prov, 0, sizeof(prov));
	attach = attachment_starts(prepared, raw, msg);
	tiers = g_new0(enum tier, raw->len + 1);
	assign_tiers(raw, attach, tiers, ctx);
	for (int t = 0; t < 2; t++) {
		struct view v;

		views[t] = g_array_new(FALSE, FALSE, sizeof(struct line));
		for (guint i = 0; i < raw->len; i++)
			if (tiers[i] == (enum tier)t)
				g_array_append_val(views[t],
						   g_array_index(raw, struct line, i));
		v.lines = (struct line *)(void *)views[t]->data;
		v.n = views[t]->len;
		v.receipt = receipt;
		v.layout = layout;
		v.written = written;
		found_init(&found[t]);
		found[t].quoted = t == TIER_QUOTED;
		read_view(&v, ctx, &found[t]);
	}
	app_quoted = fill_record(rec, &found[0], &found[1], ctx, prov);
	extract_validate_question_request(rec, prov);
	/* An invalid field is there, just wrong: it is not also missing.
	 * The sender's address is not in the text: classify counts what the
	 * applicant wrote. */
	rec->missing = missing_elements(rec);
	found_in_text = EXTRACT_ELEM_COUNT - (unsigned)__builtin_popcount(rec->missing);
	if (rec->email == NULL && ctx != NULL && ctx->sender_is_contact &&
	    msg != NULL && msg->from_addr != NULL && msg->from_addr[0] != '\0') {
		rec->email = g_strdup(msg->from_addr);
		rec->missing &= ~(unsigned)EXTRACT_ELEM_CONTACT;
		prov[EXTRACT_FIELD_EMAIL] = (struct prov){
			.src = EXTRACT_SRC_HEADER, .conf = EXTRACT_CONF_HIGH,
			.rule = "from-header",
		};
	}
	agent_from_header(rec, msg, found[0].for_client || found[1].for_client,
			  prov);
	if (!form_in_image(rec, msg, found_in_text) && found_in_text == 0)
		rec->applicant_kind = EXTRACT_APPLICANT_UNKNOWN;
	/* A name guessed from the text that the sender's display name
	 * repeats: two places that agree. */
	if (prov[EXTRACT_FIELD_NAME].conf == EXTRACT_CONF_LOW && !app_quoted &&
	    msg != NULL && extract_same_name(rec->name, msg->from_name)) {
		prov[EXTRACT_FIELD_NAME].conf = EXTRACT_CONF_HIGH;
		prov[EXTRACT_FIELD_NAME].rule = "name-matches-from";
		prov[EXTRACT_FIELD_NAME].word = NULL;
	}
	record_info(rec, prov, app_quoted);

	for (int t = 0; t < 2; t++) {
		found_clear(&found[t]);
		g_array_free(views[t], TRUE);
	}
	g_free(tiers);
	g_free(attach);
	g_array_free(raw, TRUE);
	g_array_free(layout, TRUE);
	g_free(written);
	g_free(prepared);
	return found_in_text;
}

/* --- values as written ------------------------------------------------------ */

/* How the scanner reads the character of the unfolded text at p: full-width
 * ASCII as ASCII and traditional characters as simplified ones
 * (extract_text_fold), white space as one space, then subst_at().  Writes it to out (NUL-terminated, "" for a character the
 * scanner drops); returns the length of the character at p. */
static size_t
read_as_folded(const char *p, const char *end, char out[8])
{
	gunichar c = extract_text_char_at(p, end);
	size_t len = (size_t)(extract_text_next_char(p, end) - p), n;
	const char *to;

	if (len > 4)
		len = 1; /* stray continuation bytes */

	if (c >= 0xFF01 && c <= 0xFF5E) {
		out[0] = (char)(c - 0xFEE0);
		out[1] = '\0';
	} else if (c == 0x3000 || c == '\r' || c == '\n') {
		strcpy(out, " ");
	} else if ((to = extract_text_simplified(p, end, &n)) != NULL ||
		   (to = subst_at(p, &n)) != NULL) {
		g_strlcpy(out, to, 8);
		len = n;
	} else {
		memcpy(out, p, len);
		out[len] = '\0';
	}
	if (out[0] == '\t')
		out[0] = ' ';
	return len;
}

/* Keep the written form of a folded character?  Letters and digits stay
 * ASCII (numbers are compared and checked), and so does punctuation between
 * two of them (0475－8123456, a＠b．cn); other punctuation and traditional
 * characters are kept as the applicant wrote them (，（）：；). */
static bool
keep_written(const char *folded, const char *out_so_far, size_t out_len,
	     const char *v_next)
{
	if (folded[0] == '\0' || folded[1] != '\0')
		return true;
	if (extract_text_is_alnum(folded[0]))
		return false;
	return !(out_len > 0 && extract_text_is_alnum(out_so_far[out_len - 1]) &&
		 extract_text_is_alnum(*v_next));
}

/* Matches value against the written text from o on; white space may differ
 * (lines joined, spaces collapsed).  Returns the value with the written
 * characters put back, or NULL when the text there is something else. */
static char *
match_written(const char *value, const char *o, const char *end)
{
	GString *out = g_string_new(NULL);
	const char *v = value;

	while (*v != '\0') {
		char f[8];
		size_t n, fl;

		if (*v == ' ' || *v == '\n') {
			g_string_append_c(out, *v++);
			while (o < end && (n = read_as_folded(o, end, f)) > 0 &&
			       (f[0] == ' ' || f[0] == '\0'))
				o += n;
			continue;
		}
		if (o >= end)
			break;
		n = read_as_folded(o, end, f);
		fl = strlen(f);
		if (fl == 0 || f[0] == ' ') {
			o += n;
			continue;
		}
		if (strncmp(v, f, fl) != 0)
			break;
		if (keep_written(f, out->str, out->len, v + fl))
			g_string_append_len(out, o, (gssize)n);
		else
			g_string_append_len(out, f, (gssize)fl);
		v += fl;
		o += n;
	}
	if (*v != '\0') {
		g_string_free(out, TRUE);
		return NULL;
	}
	return g_string_free(out, FALSE);
}

/* The scanner reads a folded text, so a value comes out with ",", "(" and
 * simplified characters where the applicant wrote "，", "（" and 申請.  The
 * first place in the written text that folds to the value gives it back as
 * written; a value pieced together from several places stays as read. */
static void
restore_written(char **slot, const char *written)
{
	const char *end = written + strlen(written);
	char first[8];

	if (*slot == NULL)
		return;
	for (const char *o = written; o < end; o = extract_text_next_char(o, end)) {
		char *w;

		read_as_folded(o, end, first);
		if (first[0] == '\0' || strncmp(first, *slot, strlen(first)) != 0)
			continue;
		w = match_written(*slot, o, end);
		if (w != NULL) {
			g_free(*slot);
			*slot = w;
			return;
		}
	}
}

static void
restore_record(struct extract_record *rec, const char *written)
{
	char **texts[] = {
		&rec->name, &rec->legal_rep, &rec->contact_person, &rec->agent,
		&rec->id_label, &rec->address, &rec->request, &rec->purpose,
		&rec->signature_text,
	};

	for (size_t i = 0; i < G_N_ELEMENTS(texts); i++)
		restore_written(texts[i], written);
}

/* Keeps what every kind of message has; the application fields mean
 * nothing for a bounce or a consultation. */
static void
clear_application(struct extract_record *rec)
{
	enum extract_kind kind = rec->kind;
	char *reason = rec->kind_reason, *ref = rec->case_ref;
	struct extract_fax fax = rec->incoming_fax;

	rec->kind_reason = NULL;
	rec->case_ref = NULL;
	memset(&rec->incoming_fax, 0, sizeof(rec->incoming_fax));
	extract_record_clear(rec);
	rec->kind = kind;
	rec->kind_reason = reason;
	rec->case_ref = ref;
	rec->incoming_fax = fax;
}

void
extract_recheck(struct extract_record *rec)
{
	rec->kind = EXTRACT_KIND_APPLICATION;
	rec->missing = missing_elements(rec);
	g_free(rec->review);
	rec->review = NULL;
	extract_verdict_decide(rec);
}

/* The message as its kind is judged: a fax's headers and From are its
 * gateway's, a machine's (Auto-Submitted, a no-reply or even one of our
 * own addresses), while the fax came from a person; its structure and
 * words still count (a delivery report is one whoever sends it). */
static const struct mime_message *
fax_sender_view(const struct mime_message *msg, const struct extract_fax *fax,
		struct mime_message *view)
{
	if (!fax->is_fax)
		return msg;
	*view = *msg;
	view->headers = NULL;
	view->n_headers = 0;
	view->from_addr = NULL;
	view->from_name = NULL;
	return view;
}

struct extract_record *
extract_message(const struct mime_message *msg,
		const struct extract_context *ctx)
{
	return extract_message_as(msg, msg, ctx);
}

struct extract_record *
extract_message_as(const struct mime_message *msg,
		   const struct mime_message *arrived,
		   const struct extract_context *ctx)
{
	GString *all = g_string_new(msg->body != NULL ? msg->body : "");
	struct extract_record *rec = g_new0(struct extract_record, 1);
	struct extract_context fctx;
	struct mime_message human;
	const char *reason = NULL;
	char *text, ref[12];
	unsigned elements;

	if (ctx != NULL) {
		extract_fax_recognise(arrived, ctx->fax_channel, ctx->fax_patterns,
				      &rec->incoming_fax);
		/* A fax's From is its gateway, no way to reach the sender. */
		fctx = *ctx;
		fctx.sender_is_contact &= !rec->incoming_fax.is_fax;
		ctx = &fctx;
	}

	for (size_t i = 0; i < msg->n_parts; i++) {
		const struct mime_part *part = &msg->parts[i];

		if (part->role != MIME_PART_ATTACHMENT || part->text == NULL)
			continue;
		if (all->len > 0)
			g_string_append(all, "\n\n");
		g_string_append(all, part->text);
	}
	text = extract_text_fold(all->str);
	if (extract_find_case_tag(msg->subject, ref, sizeof(ref)) ||
	    extract_find_case_ref(msg->subject, ref, sizeof(ref)) ||
	    extract_find_case_ref(text, ref, sizeof(ref)))
		rec->case_ref = g_strdup(ref);
	elements = extract_fields(text, msg, ctx, rec);
	restore_record(rec, all->str);
	g_string_free(all, TRUE);
	rec->kind = extract_classify(fax_sender_view(msg, &rec->incoming_fax, &human),
				     ctx, text, elements, rec->case_ref, &reason);
	rec->kind_reason = g_strdup(reason != NULL ? reason : "");
	if (rec->kind != EXTRACT_KIND_APPLICATION &&
	    rec->kind != EXTRACT_KIND_CORRECTION_REPLY)
		clear_application(rec);
	extract_fax_reply_default(rec);
	extract_verdict_decide(rec);
	g_free(text);
	return rec;
}
