#include "ctl/letter.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "common/clock.h"
#include "delivery/case-values.h"
#include "letter/legal.h"
#include "letter/template.h"
#include "registry/registry.h"

static void
ctl_letter_usage(void)
{
	fputs("usage: ogictl letter kinds\n"
	      "       ogictl letter preview KIND [--case ID] [-o FILE.pdf]\n", stderr);
}

static int
ctl_letter_kinds(const struct config *cfg)
{
	size_t n;
	const char *const *kinds = letter_kinds(&n);
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		struct ogi_error err = { 0 };
		struct letter_template *tpl;
		const char *const *names;
		char *path = delivery_letter_template_path(cfg, kinds[i]);
		size_t nn;

		if (letter_template_load(path, &tpl, &err) != 0) {
			fprintf(stderr, "ogictl: %s\n", err.msg);
			rc = 1;
			g_free(path);
			continue;
		}
		printf("%s  (%s)\n", kinds[i], path);
		nn = letter_template_placeholders(tpl, &names);
		for (size_t k = 0; k < nn; k++) {
			const char *meaning = letter_placeholder_meaning(names[k]);

			printf("    %-24s %s\n", names[k], meaning ? meaning : "");
		}
		letter_template_free(tpl);
		g_free(path);
	}
	return rc;
}

static int
ctl_letter_values(const struct config *cfg, const struct letter_legal *legal,
		  const char *kind, const char *case_id,
		  struct letter_values **vals_r, struct ogi_error *err)
{
	struct registry *reg;
	struct registry_case *c;
	char today[11];
	int rc;

	if (case_id == NULL) {
		if (letter_sample_values(kind, legal, vals_r, err) != 0)
			return -1;
		return delivery_office_values(cfg, legal, *vals_r, err);
	}
	if (registry_open(cfg->db_path, true, &reg, err) != 0)
		return -1;
	rc = registry_case_get(reg, case_id, &c, err);
	registry_close(reg);
	if (rc != 0)
		return -1;
	if (c == NULL) {
		error_set(err, "no application %s", case_id);
		return -1;
	}
	clock_date(cfg->timezone, (int64_t)time(NULL), today);
	rc = delivery_case_values(c, cfg, legal, today, NULL, vals_r, err);
	registry_case_free(c);
	return rc;
}

struct ctl_letter_args {
	const struct config *cfg;
	const char *kind;
	const char *case_id;
};

static int
ctl_letter_values_fn(const struct letter_legal *legal, void *ctx,
		     struct letter_values **vals_r, struct ogi_error *err)
{
	const struct ctl_letter_args *a = ctx;

	return ctl_letter_values(a->cfg, legal, a->kind, a->case_id, vals_r, err);
}

int
ctl_letter_render(const struct config *cfg, const char *kind,
		  const char *case_id, const char *outpath, struct ogi_error *err)
{
	struct ctl_letter_args a = { .cfg = cfg, .kind = kind, .case_id = case_id };

	return delivery_letter_render(cfg, kind, ctl_letter_values_fn, &a, outpath,
				      NULL, err);
}

static int
ctl_letter_preview(const struct config *cfg, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "case", required_argument, NULL, 'c' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 },
	};
	const char *case_id = NULL, *out = NULL, *kind;
	struct ogi_error err = { 0 };
	char *outpath;
	int c, rc = 1;

	/* 0, not 1: GNU getopt then forgets the "+" mode of the global options. */
	optind = 0;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c == 'c')
			case_id = optarg;
		else if (c == 'o')
			out = optarg;
		else {
			ctl_letter_usage();
			return 2;
		}
	}
	if (optind + 1 != argc) {
		ctl_letter_usage();
		return 2;
	}
	kind = argv[optind];
	if (!letter_kind_known(kind)) {
		fprintf(stderr, "ogictl: unknown letter kind %s (see: ogictl letter kinds)\n", kind);
		return 2;
	}
	outpath = out ? g_strdup(out) : g_strdup_printf("%s.pdf", kind);
	if (ctl_letter_render(cfg, kind, case_id, outpath, &err) == 0) {
		printf("%s\n", outpath);
		rc = 0;
	} else {
		fprintf(stderr, "ogictl: letter %s: %s\n", kind, err.msg);
	}
	g_free(outpath);
	return rc;
}

int
ctl_letter(const struct config *cfg, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "kinds") == 0 && argc == 2)
		return ctl_letter_kinds(cfg);
	if (argc >= 2 && strcmp(argv[1], "preview") == 0)
		return ctl_letter_preview(cfg, argc - 1, argv + 1);
	ctl_letter_usage();
	return 2;
}
