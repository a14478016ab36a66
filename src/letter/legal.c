#include "letter/legal.h"

#include <string.h>

#include <glib.h>

/* Indexed by enum letter_exemption_code. */
static const char *const legal_exemption_codes[LETTER_EXEMPTION_COUNT] = {
	"state_secret", "commercial_secret", "privacy", "in_process",
	"law_enforcement", "other_law",
};

static const char *const legal_exemption_keys[] = {
	"ground", "bureau_item", "regulation", "consent",
};

#define LEGAL_OUTCOME_PREFIX "outcome."

/* An outcome group's keys: its own, then a refusal's exemption keys. */
static const char *const legal_outcome_keys[] = {
	"letter", "basis", "text", "decision",
	"ground", "bureau_item", "regulation", "consent",
};

struct legal_parse {
	GKeyFile *kf;
	const char *name;
	struct letter_legal *legal;
	struct ogi_error *err;
};

static bool
legal_known(const char *const *keys, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(keys[i], key) == 0)
			return true;
	return false;
}

/* A group or key nobody reads is a typo that would otherwise go unseen. */
static int
legal_check_names(struct legal_parse *p)
{
	static const char *const remedy_keys[] = { "general", "refusal" };
	static const char *const docnum_keys[] = { "format" };
	char **groups = g_key_file_get_groups(p->kf, NULL);
	int rc = 0;

	for (size_t g = 0; groups[g] != NULL && rc == 0; g++) {
		const char *const *keys = NULL;
		size_t n_keys = 0;
		char **names;

		if (strcmp(groups[g], "remedy") == 0) {
			keys = remedy_keys;
			n_keys = G_N_ELEMENTS(remedy_keys);
		} else if (strcmp(groups[g], "docnum") == 0) {
			keys = docnum_keys;
			n_keys = G_N_ELEMENTS(docnum_keys);
		} else if (g_str_has_prefix(groups[g], LEGAL_OUTCOME_PREFIX) &&
			   groups[g][strlen(LEGAL_OUTCOME_PREFIX)] != '\0') {
			keys = legal_outcome_keys;
			n_keys = G_N_ELEMENTS(legal_outcome_keys);
		} else if (g_str_has_prefix(groups[g], "exemption.") &&
			   legal_known(legal_exemption_codes,
				       G_N_ELEMENTS(legal_exemption_codes),
				       groups[g] + strlen("exemption."))) {
			keys = legal_exemption_keys;
			n_keys = G_N_ELEMENTS(legal_exemption_keys);
		} else {
			error_set(p->err, "%s: [%s]: unknown section", p->name,
				  groups[g]);
			rc = -1;
			break;
		}
		names = g_key_file_get_keys(p->kf, groups[g], NULL, NULL);
		for (size_t k = 0; names[k] != NULL; k++)
			if (!legal_known(keys, n_keys, names[k])) {
				error_set(p->err, "%s: [%s] %s: unknown key",
					  p->name, groups[g], names[k]);
				rc = -1;
				break;
			}
		g_strfreev(names);
	}
	g_strfreev(groups);
	return rc;
}

static int
legal_string(struct legal_parse *p, const char *group, const char *key,
	     char **out_r)
{
	GError *gerr = NULL;
	char *v = g_key_file_get_string(p->kf, group, key, &gerr);

	if (v == NULL || *v == '\0') {
		/* GLib's own words for a value that is there but unreadable
		 * (not UTF-8); otherwise it is simply not there. */
		if (gerr != NULL &&
		    g_error_matches(gerr, G_KEY_FILE_ERROR,
				    G_KEY_FILE_ERROR_UNKNOWN_ENCODING))
			error_set(p->err, "%s: [%s] %s: %s", p->name, group, key,
				  gerr->message);
		else
			error_set(p->err, "%s: [%s] %s: missing", p->name, group,
				  key);
		g_clear_error(&gerr);
		g_free(v);
		return -1;
	}
	*out_r = v;
	return 0;
}

/* A pattern is tried once with stand-in values, so that a wrong {name}
 * shows when the file is read, not in the middle of a letter. */
static int
legal_pattern(struct legal_parse *p, const char *group, const char *key,
	      bool docnum, char **out_r)
{
	char *trial;
	int rc;

	if (legal_string(p, group, key, out_r) != 0)
		return -1;
	rc = docnum ? letter_docnum_format(*out_r, "甲", 2026, 1, &trial, p->err)
		    : letter_remedy_text(*out_r, "甲", "乙", &trial, p->err);
	if (rc != 0) {
		error_prefix(p->err, "%s: [%s] %s", p->name, group, key);
		return -1;
	}
	g_free(trial);
	return 0;
}

/* The four keys of a ground for withholding, in an [exemption.CODE] group
 * or a refusal's [outcome.refused.CODE]. */
static int
legal_exemption_keys_read(struct legal_parse *p, const char *group,
			  struct letter_exemption *x)
{
	char *consent = NULL;
	int rc = -1;

	if (legal_string(p, group, "ground", &x->ground) != 0 ||
	    legal_string(p, group, "bureau_item", &x->bureau_item) != 0 ||
	    legal_string(p, group, "regulation", &x->regulation) != 0 ||
	    legal_string(p, group, "consent", &consent) != 0)
		goto out;
	if (strcmp(consent, "true") != 0 && strcmp(consent, "false") != 0) {
		error_set(p->err, "%s: [%s] consent: \"%s\" is not true or false",
			  p->name, group, consent);
		goto out;
	}
	x->consent = strcmp(consent, "true") == 0;
	rc = 0;
out:
	g_free(consent);
	return rc;
}

static int
legal_exemption(struct legal_parse *p, size_t i)
{
	char *group = g_strconcat("exemption.", legal_exemption_codes[i], NULL);
	int rc = legal_exemption_keys_read(p, group, &p->legal->exemptions[i]);

	g_free(group);
	return rc;
}

/* An optional key: absent is NULL, present must be readable and
 * non-empty. */
static int
legal_optional(struct legal_parse *p, const char *group, const char *key,
	       char **out_r)
{
	*out_r = NULL;
	if (!g_key_file_has_key(p->kf, group, key, NULL))
		return 0;
	return legal_string(p, group, key, out_r);
}

static int
legal_outcome(struct legal_parse *p, const char *group,
	      struct letter_outcome *o)
{
	o->code = g_strdup(group + strlen(LEGAL_OUTCOME_PREFIX));
	o->refusal = g_key_file_has_key(p->kf, group, "ground", NULL);
	if (legal_string(p, group, "letter", &o->letter) != 0 ||
	    legal_optional(p, group, "text", &o->text) != 0 ||
	    legal_optional(p, group, "decision", &o->decision) != 0)
		return -1;
	if (o->refusal)
		return legal_exemption_keys_read(p, group, &o->exemption);
	return legal_string(p, group, "basis", &o->basis);
}

static int
legal_outcomes(struct legal_parse *p)
{
	char **groups = g_key_file_get_groups(p->kf, NULL);
	int rc = 0;

	for (size_t g = 0; groups[g] != NULL && rc == 0; g++) {
		if (!g_str_has_prefix(groups[g], LEGAL_OUTCOME_PREFIX))
			continue;
		p->legal->outcomes = g_renew(struct letter_outcome,
					     p->legal->outcomes,
					     p->legal->n_outcomes + 1);
		memset(&p->legal->outcomes[p->legal->n_outcomes], 0,
		       sizeof p->legal->outcomes[0]);
		rc = legal_outcome(p, groups[g],
				   &p->legal->outcomes[p->legal->n_outcomes++]);
	}
	g_strfreev(groups);
	return rc;
}

int
letter_legal_parse(const char *name, const char *text, size_t len,
		   struct letter_legal **legal_r, struct ogi_error *err)
{
	struct legal_parse p = {
		.kf = g_key_file_new(), .name = name,
		.legal = g_new0(struct letter_legal, 1), .err = err,
	};
	GError *gerr = NULL;
	int rc = -1;

	if (!g_key_file_load_from_data(p.kf, text, len, G_KEY_FILE_NONE, &gerr)) {
		error_set(err, "%s: %s", name, gerr->message);
		g_error_free(gerr);
		goto out;
	}
	if (legal_check_names(&p) != 0 ||
	    legal_pattern(&p, "remedy", "general", false, &p.legal->remedy) != 0 ||
	    legal_pattern(&p, "remedy", "refusal", false,
			  &p.legal->remedy_refusal) != 0 ||
	    legal_pattern(&p, "docnum", "format", true,
			  &p.legal->docnum_format) != 0)
		goto out;
	for (size_t i = 0; i < LETTER_EXEMPTION_COUNT; i++)
		if (legal_exemption(&p, i) != 0)
			goto out;
	if (legal_outcomes(&p) != 0)
		goto out;
	*legal_r = p.legal;
	p.legal = NULL;
	rc = 0;
out:
	letter_legal_free(p.legal);
	g_key_file_free(p.kf);
	return rc;
}

int
letter_legal_load(const char *path, struct letter_legal **legal_r,
		  struct ogi_error *err)
{
	GError *gerr = NULL;
	char *text;
	gsize len;
	int rc;

	if (!g_file_get_contents(path, &text, &len, &gerr)) {
		error_set(err, "%s", gerr->message);
		g_error_free(gerr);
		return -1;
	}
	rc = letter_legal_parse(path, text, len, legal_r, err);
	g_free(text);
	return rc;
}

static void
legal_exemption_clear(struct letter_exemption *x)
{
	g_free(x->ground);
	g_free(x->bureau_item);
	g_free(x->regulation);
}

void
letter_legal_free(struct letter_legal *legal)
{
	if (legal == NULL)
		return;
	g_free(legal->remedy);
	g_free(legal->remedy_refusal);
	g_free(legal->docnum_format);
	for (size_t i = 0; i < LETTER_EXEMPTION_COUNT; i++)
		legal_exemption_clear(&legal->exemptions[i]);
	for (size_t i = 0; i < legal->n_outcomes; i++) {
		struct letter_outcome *o = &legal->outcomes[i];

		g_free(o->code);
		g_free(o->letter);
		g_free(o->basis);
		g_free(o->text);
		g_free(o->decision);
		legal_exemption_clear(&o->exemption);
	}
	g_free(legal->outcomes);
	g_free(legal);
}

/* Sets the exemption's fields under prefix (NULL: on an item). */
static int
legal_set_exemption_fields(struct letter_values *vals, const char *prefix,
			   const struct letter_exemption *x,
			   struct ogi_error *err)
{
	const char *values[G_N_ELEMENTS(legal_exemption_keys)];

	values[0] = x->ground;
	values[1] = x->bureau_item;
	values[2] = x->regulation;
	values[3] = x->consent ? "1" : "";
	for (size_t i = 0; i < G_N_ELEMENTS(legal_exemption_keys); i++) {
		char *key = prefix ? g_strconcat(prefix, ".", legal_exemption_keys[i], NULL)
				   : g_strdup(legal_exemption_keys[i]);
		int rc = letter_values_set(vals, key, values[i], err);

		g_free(key);
		if (rc < 0)
			return -1;
	}
	return 0;
}

int
letter_values_set_exemption(struct letter_values *vals,
			    const struct letter_legal *legal, const char *prefix,
			    const char *code, struct ogi_error *err)
{
	for (size_t i = 0; i < LETTER_EXEMPTION_COUNT; i++)
		if (strcmp(legal_exemption_codes[i], code) == 0)
			return legal_set_exemption_fields(vals, prefix,
							  &legal->exemptions[i],
							  err);
	error_set(err, "unknown exemption \"%s\"", code);
	return -1;
}

const struct letter_outcome *
letter_legal_outcome(const struct letter_legal *legal, const char *code)
{
	for (size_t i = 0; i < legal->n_outcomes; i++)
		if (strcmp(legal->outcomes[i].code, code) == 0)
			return &legal->outcomes[i];
	return NULL;
}

static const struct letter_outcome *
legal_outcome_needed(const struct letter_legal *legal, const char *code,
		     struct ogi_error *err)
{
	const struct letter_outcome *o = letter_legal_outcome(legal, code);

	if (o == NULL)
		error_set(err, "%s: [%s%s]: missing", LETTER_LEGAL_FILE,
			  LEGAL_OUTCOME_PREFIX, code);
	return o;
}

int
letter_values_set_outcome(struct letter_values *vals,
			  const struct letter_legal *legal, const char *code,
			  struct ogi_error *err)
{
	const struct letter_outcome *o = legal_outcome_needed(legal, code, err);
	const struct {
		const char *key;
		const char *value;
	} plain[] = {
		{ "outcome.basis", o ? o->basis : NULL },
		{ "outcome.text", o ? o->text : NULL },
		{ "outcome.decision", o ? o->decision : NULL },
	};

	if (o == NULL)
		return -1;
	for (size_t i = 0; i < G_N_ELEMENTS(plain); i++)
		if (plain[i].value != NULL &&
		    letter_values_set(vals, plain[i].key, plain[i].value, err) != 0)
			return -1;
	if (o->refusal)
		return legal_set_exemption_fields(vals, "refusal", &o->exemption,
						  err);
	return 0;
}

int
letter_values_set_withheld(struct letter_values *item,
			   const struct letter_legal *legal, const char *code,
			   struct ogi_error *err)
{
	const struct letter_outcome *o = legal_outcome_needed(legal, code, err);

	if (o == NULL)
		return -1;
	if (!o->refusal) {
		error_set(err, "%s: [%s%s]: not a ground for withholding",
			  LETTER_LEGAL_FILE, LEGAL_OUTCOME_PREFIX, code);
		return -1;
	}
	return legal_set_exemption_fields(item, NULL, &o->exemption, err);
}
