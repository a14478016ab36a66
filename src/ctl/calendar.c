#include "ctl/calendar.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "common/clock.h"
#include "common/fdio.h"
#include "common/spool.h"
#include "common/workdays.h"
#include "ctl/ogictl.h"
#include "registry/calendar.h"
#include "workflow/rules.h"
#include "workflow/workflow.h"

/* add-days takes at most a working year and a half: the longest period
 * the rules give (20 + 20 working days, a correction period on top) is far
 * below it, and a typo of an extra digit should not print pages. */
#define CTL_CALENDAR_MAX_DAYS 400
/* A year of holiday-cn data is a few kilobytes; anything near this is not
 * a calendar. */
#define CTL_CALENDAR_MAX_FILE (1 << 20)

static void
ctl_calendar_usage(void)
{
	fputs("usage: ogictl calendar add-days DATE N\n"
	      "       ogictl calendar show YEAR\n"
	      "       ogictl calendar import FILE.json\n", stderr);
}

static int
ctl_calendar_load(const struct config *cfg, struct workdays **wd_r)
{
	struct ogi_error err = { 0 };

	if (workdays_load_office(cfg->holidays_dir, cfg->state_dir, wd_r,
				 &err) != 0) {
		fprintf(stderr, "ogictl: calendar: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static void
ctl_calendar_gdate(const char *date, GDate *d)
{
	g_date_clear(d, 1);
	g_date_set_dmy(d, (GDateDay)atoi(date + 8), (GDateMonth)atoi(date + 5),
		       (GDateYear)atoi(date));
}

/* "Mon" .. "Sun" of a valid ISO date. */
static const char *
ctl_calendar_weekday(const char *date)
{
	static const char *const names[] = {
		"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun",
	};
	GDate d;

	ctl_calendar_gdate(date, &d);
	return names[g_date_get_weekday(&d)];
}

static guint32
ctl_calendar_julian(const char *date)
{
	GDate d;

	ctl_calendar_gdate(date, &d);
	return g_date_get_julian(&d);
}

/* One line for a run of days alike (kind and name): skipped or counted,
 * and, for counted ones, their place in the count. */
static void
ctl_calendar_run(const struct workdays_day *first, const struct workdays_day *last,
		 size_t n, int *counted)
{
	char span[32];

	if (n == 1)
		snprintf(span, sizeof(span), "%s %s", first->date,
			 ctl_calendar_weekday(first->date));
	else
		snprintf(span, sizeof(span), "%s..%s", first->date, last->date);
	printf("  %-22s ", span);
	switch (first->kind) {
	case WORKDAYS_WEEKEND:
		printf("skipped: weekend\n");
		return;
	case WORKDAYS_HOLIDAY:
		printf("skipped: %s (day%s off)\n", first->name, n == 1 ? "" : "s");
		return;
	case WORKDAYS_MAKEUP:
		printf("counted: make-up working day (%s)", first->name);
		break;
	case WORKDAYS_WORKING:
		printf("counted");
		break;
	}
	if (n == 1)
		printf(" #%d\n", *counted + 1);
	else
		printf(" #%d-#%d\n", *counted + 1, *counted + (int)n);
	*counted += (int)n;
}

/* Prints the trace, a run per line, and the years without data. */
static void
ctl_calendar_explain(const struct workdays_day *days, size_t n)
{
	GString *missing = g_string_new(NULL);
	char last[5] = "";
	int counted = 0;
	size_t i = 0;

	while (i < n) {
		size_t j = i + 1;

		while (j < n && days[j].kind == days[i].kind &&
		       g_strcmp0(days[j].name, days[i].name) == 0)
			j++;
		ctl_calendar_run(&days[i], &days[j - 1], j - i, &counted);
		i = j;
	}
	for (i = 0; i < n; i++)
		if (days[i].no_data && strncmp(last, days[i].date, 4) != 0) {
			g_string_append_printf(missing, "%s%.4s",
					       missing->len > 0 ? ", " : "",
					       days[i].date);
			memcpy(last, days[i].date, 4);
		}
	if (missing->len > 0)
		printf("provisional: no holiday calendar for %s; only weekends were "
		       "skipped there (import the year with `ogictl calendar "
		       "import`)\n", missing->str);
	g_string_free(missing, TRUE);
}

static int
ctl_calendar_add_days(const struct config *cfg, int argc, char **argv)
{
	struct workdays_day *days = NULL, from;
	struct ogi_error err = { 0 };
	struct workdays *wd;
	bool provisional;
	size_t n_days = 0;
	char out[11], *end;
	long n;
	int rc = 1;

	if (argc != 4) {
		ctl_calendar_usage();
		return 2;
	}
	errno = 0;
	n = strtol(argv[3], &end, 10);
	if (errno != 0 || end == argv[3] || *end != '\0' || n < 0 ||
	    n > CTL_CALENDAR_MAX_DAYS) {
		fprintf(stderr, "ogictl: calendar add-days: N must be a number of "
			"working days from 0 to %d\n", CTL_CALENDAR_MAX_DAYS);
		return 2;
	}
	if (ctl_calendar_load(cfg, &wd) != 0)
		return 1;
	if (workdays_day_info(wd, argv[2], &from, &err) != 0 ||
	    workdays_add_trace(wd, argv[2], (int)n, out, &provisional, &days,
			       &n_days, &err) != 0) {
		fprintf(stderr, "ogictl: calendar add-days: %s\n", err.msg);
		goto out;
	}
	printf("%s\n", out);
	printf("%ld working day%s after %s %s (the day itself not counted)%s\n",
	       n, n == 1 ? "" : "s", from.date, ctl_calendar_weekday(from.date),
	       n > 0 ? ":" : "");
	ctl_calendar_explain(days, n_days);
	rc = 0;
out:
	workdays_days_free(days);
	workdays_free(wd);
	return rc;
}

/* Parses a year 1..9999 or says why not. */
static int
ctl_calendar_year(const char *s, int *year_r)
{
	char *end;
	long y;

	errno = 0;
	y = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || y < 1 || y > 9999) {
		fprintf(stderr, "ogictl: calendar: \"%s\" is not a year\n", s);
		return -1;
	}
	*year_r = (int)y;
	return 0;
}

static int
ctl_calendar_show(const struct config *cfg, int argc, char **argv)
{
	static const struct {
		enum workdays_kind kind;
		const char *title;
	} sections[] = {
		{ WORKDAYS_HOLIDAY, "days off" },
		{ WORKDAYS_MAKEUP, "make-up working days" },
	};
	struct workdays_day *days;
	struct workdays *wd;
	size_t n;
	int year;

	if (argc != 3) {
		ctl_calendar_usage();
		return 2;
	}
	if (ctl_calendar_year(argv[2], &year) != 0)
		return 2;
	if (ctl_calendar_load(cfg, &wd) != 0)
		return 1;
	if (!workdays_has_year(wd, year)) {
		printf("%d: no calendar data; deadlines that run into it count "
		       "weekends only and are provisional until the year is "
		       "imported (ogictl calendar import FILE.json)\n", year);
		workdays_free(wd);
		return 0;
	}
	workdays_year_days(wd, year, &days, &n);
	printf("%d: holidays and make-up working days\n", year);
	for (size_t s = 0; s < G_N_ELEMENTS(sections); s++) {
		size_t shown = 0;

		printf("%s:\n", sections[s].title);
		for (size_t i = 0; i < n; i++) {
			size_t j = i;

			if (days[i].kind != sections[s].kind)
				continue;
			/* A holiday's days in one line: the list is by date,
			 * so its run is the entries that follow day by day. */
			while (j + 1 < n && days[j + 1].kind == days[i].kind &&
			       strcmp(days[j + 1].name, days[i].name) == 0 &&
			       ctl_calendar_julian(days[j + 1].date) ==
			       ctl_calendar_julian(days[j].date) + 1)
				j++;
			if (j == i)
				printf("  %s %s  %s\n", days[i].date,
				       ctl_calendar_weekday(days[i].date),
				       days[i].name);
			else
				printf("  %s..%s  %s (%zu days)\n", days[i].date,
				       days[j].date, days[i].name, j - i + 1);
			shown++;
			i = j;
		}
		if (shown == 0)
			printf("  (none)\n");
	}
	workdays_days_free(days);
	workdays_free(wd);
	return 0;
}

/* Writes len bytes to dir/YEAR.json through a hidden temporary file
 * (which the loader ignores) and a rename, so a reader sees the old year
 * or the new one, never a part.  The file is 0600, the directory 0700. */
static int
ctl_calendar_install(const char *dir, int year, const char *text, size_t len,
		     char **path_r, struct ogi_error *err)
{
	char *tmp = g_strdup_printf("%s/.%d.json.XXXXXX", dir, year);
	char *path = g_strdup_printf("%s/%d.json", dir, year);
	bool created = false;
	int fd = -1;

	*path_r = NULL;
	if (spool_mkdirs(dir, err) != 0)
		goto fail;
	if ((fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0600)) < 0) {
		error_set(err, "%s: %s", tmp, strerror(errno));
		goto fail;
	}
	created = true;
	if (fdio_write_all(fd, text, len) != 0) {
		error_set(err, "%s: %s", tmp, strerror(errno));
		goto fail;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		error_set(err, "%s: %s", tmp, strerror(errno));
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		error_set(err, "%s: %s", path, strerror(errno));
		goto fail;
	}
	created = false;
	g_free(tmp);
	*path_r = path;
	return spool_fsync_dir(dir, err);
fail:
	if (fd >= 0)
		close(fd);
	if (created)
		g_unlink(tmp);
	g_free(tmp);
	g_free(path);
	return -1;
}

/* Counts c's deadline again on wd, by the rules it was registered under,
 * from its recorded receipt day (or, for a case from before receipt days,
 * from when it was received). */
static int
ctl_calendar_recount_case(const struct config *cfg, const struct rules *office,
			  const struct workdays *wd,
			  const struct registry_provisional *c,
			  struct rules_deadline *dl_r, struct ogi_error *err)
{
	struct clock_local at;
	struct rules r;

	rules_for_case(office, c->rules, &r);
	if (c->receipt_date != NULL)
		return rules_recount(&r, wd, c->receipt_date, c->extended_days,
				     dl_r, err);
	clock_local(cfg->timezone, c->received_at, &at);
	return rules_reply_deadline(&r, wd, at.date, at.hour, at.minute, dl_r, err);
}

/* Counts every open provisional deadline again on wd and stores the
 * results in one transaction; prints the cases that changed. */
static int
ctl_calendar_recount(const struct config *cfg, const struct workdays *wd)
{
	struct registry_provisional *rows = NULL;
	struct registry_recount *rc_rows = NULL;
	struct rules_deadline *dls = NULL;
	struct ogi_error err = { 0 };
	struct registry *reg = NULL;
	struct rules office;
	size_t n = 0, k = 0, changed = 0;
	bool *done = NULL;
	int rc = 1;

	rules_from_config(cfg, &office);
	if (ogictl_registry_open_write(cfg, &reg, &err) != 0 ||
	    registry_calendar_provisional(reg, &rows, &n, &err) != 0)
		goto out;
	dls = g_new0(struct rules_deadline, n + 1);
	rc_rows = g_new0(struct registry_recount, n + 1);
	for (size_t i = 0; i < n; i++) {
		if (!workflow_state_open(rows[i].state))
			continue;
		if (ctl_calendar_recount_case(cfg, &office, wd, &rows[i], &dls[k],
					      &err) != 0) {
			error_prefix(&err, "case %s", rows[i].id);
			goto out;
		}
		rc_rows[k] = (struct registry_recount){
			.id = rows[i].id,
			.old_deadline = rows[i].deadline,
			.deadline = dls[k].deadline,
			.provisional = dls[k].provisional,
			.receipt_date = dls[k].receipt_date,
			.basis = dls[k].basis,
		};
		k++;
	}
	done = g_new0(bool, k + 1);
	if (registry_calendar_recount(reg, rc_rows, k, done, &err) != 0)
		goto out;
	for (size_t i = 0; i < k; i++) {
		if (!done[i])
			continue;
		if (changed++ == 0)
			printf("deadlines counted again:\n");
		printf("  %s  %s (provisional) → %s%s\n", rc_rows[i].id,
		       rc_rows[i].old_deadline, rc_rows[i].deadline,
		       rc_rows[i].provisional ? " (still provisional)" : "");
	}
	if (changed == 0)
		printf("no open case had a provisional deadline\n");
	rc = 0;
out:
	if (rc != 0)
		fprintf(stderr, "ogictl: calendar import: %s (the year is imported; "
			"run the import again to count the deadlines)\n", err.msg);
	for (size_t i = 0; i < k; i++)
		rules_deadline_clear(&dls[i]);
	g_free(dls);
	g_free(rc_rows);
	g_free(done);
	registry_provisional_free(rows, n);
	if (reg != NULL)
		registry_close(reg);
	return rc;
}

static int
ctl_calendar_import(const struct config *cfg, int argc, char **argv)
{
	struct ogi_error err = { 0 };
	struct workdays *wd = NULL;
	struct workdays_day *days;
	GError *gerr = NULL;
	char *text = NULL, *dir = NULL, *path = NULL;
	size_t n_days, off = 0;
	gsize len;
	int year, rc = 1;

	if (argc != 3) {
		ctl_calendar_usage();
		return 2;
	}
	if (!g_file_get_contents(argv[2], &text, &len, &gerr)) {
		fprintf(stderr, "ogictl: calendar import: %s\n", gerr->message);
		g_clear_error(&gerr);
		return 1;
	}
	if (len > CTL_CALENDAR_MAX_FILE) {
		fprintf(stderr, "ogictl: calendar import: %s: %zu bytes is too "
			"large for a year's calendar\n", argv[2], (size_t)len);
		goto out;
	}
	/* Checked against the rest of the calendar as it will stand: the
	 * neighbouring years' files may list days of this one. */
	if (ctl_calendar_load(cfg, &wd) != 0)
		goto out;
	if (workdays_replace_json(wd, text, len, argv[2], &year, &err) != 0) {
		fprintf(stderr, "ogictl: calendar import: %s; nothing imported\n",
			err.msg);
		goto out;
	}
	workdays_free(wd);
	wd = NULL;
	dir = workdays_state_dir(cfg->state_dir);
	if (ctl_calendar_install(dir, year, text, len, &path, &err) != 0) {
		fprintf(stderr, "ogictl: calendar import: %s\n", err.msg);
		goto out;
	}
	if (ctl_calendar_load(cfg, &wd) != 0)
		goto out;
	workdays_year_days(wd, year, &days, &n_days);
	for (size_t i = 0; i < n_days; i++)
		off += days[i].kind == WORKDAYS_HOLIDAY;
	workdays_days_free(days);
	printf("imported %d into %s: days off %zu, make-up working days %zu\n",
	       year, path, off, n_days - off);
	rc = ctl_calendar_recount(cfg, wd);
out:
	workdays_free(wd);
	g_free(text);
	g_free(dir);
	g_free(path);
	return rc;
}

int
ctl_calendar(const struct config *cfg, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "add-days") == 0)
		return ctl_calendar_add_days(cfg, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "show") == 0)
		return ctl_calendar_show(cfg, argc, argv);
	if (argc >= 2 && strcmp(argv[1], "import") == 0)
		return ctl_calendar_import(cfg, argc, argv);
	ctl_calendar_usage();
	return 2;
}
