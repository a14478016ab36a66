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

static int
legal_exemption(struct legal_parse *p, size_t i)
{
	struct letter_exemption *x = &p->legal->exemptions[i];
	char *group = g_strconcat("exemption.", legal_exemption_codes[i], NULL);
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
	g_free(group);
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

void
letter_legal_free(struct letter_legal *legal)
{
	if (legal == NULL)
		return;
	g_free(legal->remedy);
	g_free(legal->remedy_refusal);
	g_free(legal->docnum_format);
	for (size_t i = 0; i < LETTER_EXEMPTION_COUNT; i++) {
		g_free(legal->exemptions[i].ground);
		g_free(legal->exemptions[i].bureau_item);
		g_free(legal->exemptions[i].regulation);
	}
	g_free(legal);
}

int
letter_values_set_exemption(struct letter_values *vals,
			    const struct letter_legal *legal, const char *prefix,
			    const char *code, struct ogi_error *err)
{
	const struct letter_exemption *x = NULL;
	const char *values[G_N_ELEMENTS(legal_exemption_keys)];

	for (size_t i = 0; i < LETTER_EXEMPTION_COUNT; i++)
		if (strcmp(legal_exemption_codes[i], code) == 0)
			x = &legal->exemptions[i];
	if (x == NULL) {
		error_set(err, "unknown exemption \"%s\"", code);
		return -1;
	}
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
