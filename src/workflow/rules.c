#include "workflow/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "workflow/workflow.h"

/* The periods as the texts give them: bureau rules (second document)
 * Art. 5-6; Regulation on Open Government Information (2019) Art. 30, 33. */
static const struct rules_profile rules_profiles[] = {
	{
		.name = "bureau",
		.reply_days = 15,
		.extension_days = 15,
		.notice_days = 0,
		.abandon_uncorrected = false,
		.reply_basis = "bureau rules Art. 6",
		.notice_basis = NULL,
	},
	{
		.name = "national-2019",
		.reply_days = 20,
		.extension_days = 20,
		.notice_days = 7,
		.abandon_uncorrected = true,
		.reply_basis = "national-2019 rules (OGI Regulation 2019 Art. 33)",
		.notice_basis = "national-2019 rules (OGI Regulation 2019 Art. 30)",
	},
};

const struct rules_profile *
rules_profile_find(const char *name)
{
	for (size_t i = 0; name != NULL && i < G_N_ELEMENTS(rules_profiles); i++)
		if (strcmp(rules_profiles[i].name, name) == 0)
			return &rules_profiles[i];
	return NULL;
}

void
rules_from_config(const struct config *cfg, struct rules *r_r)
{
	const struct rules_profile *p = rules_profile_find(cfg->rules);

	if (p == NULL)
		p = &rules_profiles[0];
	*r_r = (struct rules){
		.profile = p,
		.reply_days = cfg->reply_days > 0 ? cfg->reply_days : p->reply_days,
		.reply_days_override = cfg->reply_days > 0,
		.cutoff_hour = cfg->cutoff_hour,
		.correction_days = cfg->correction_days,
	};
}

void
rules_for_case(const struct rules *office, const char *case_rules,
	       struct rules *r_r)
{
	const struct rules_profile *p = rules_profile_find(case_rules);

	*r_r = *office;
	if (p == NULL || p == office->profile)
		return;
	r_r->profile = p;
	r_r->reply_days = p->reply_days;
	r_r->reply_days_override = false;
}

static bool
rules_date_ok(const struct workdays *wd, const char *date,
	      struct ogi_error *err)
{
	struct workdays_day d;

	return workdays_day_info(wd, date, &d, err) == 0;
}

static const char rules_why_day_off[] = "not a working day";
static const char rules_why_cutoff[] = "at or after the cut-off";

int
rules_receipt_day(const struct rules *r, const struct workdays *wd,
		  const char *date, int hour, int minute, char receipt_r[11],
		  const char **why_r, struct ogi_error *err)
{
	const char *why = NULL;

	receipt_r[0] = '\0';
	if (why_r != NULL)
		*why_r = NULL;
	if (!rules_date_ok(wd, date, err))
		return -1;
	if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
		error_set(err, "%02d:%02d is not a time of day", hour, minute);
		return -1;
	}
	if (!workdays_is_working(wd, date))
		why = rules_why_day_off;
	else if (hour >= r->cutoff_hour)
		why = rules_why_cutoff;
	if (why == NULL) {
		memcpy(receipt_r, date, 11);
	} else if (workdays_add(wd, date, 1, receipt_r, NULL, err) != 0) {
		return -1;
	}
	if (why_r != NULL)
		*why_r = why;
	return 0;
}

/* "; provisional: no holiday calendar for 2027" for the years of the
 * count without data, or "". */
static char *
rules_provisional_note(const struct workdays *wd, const char *from,
		       const char *to)
{
	GString *s = g_string_new(NULL);
	int first = atoi(from), last = atoi(to);

	for (int y = first; y <= last; y++)
		if (!workdays_has_year(wd, y))
			g_string_append_printf(s, "%s%d", s->len > 0 ? ", " : "", y);
	if (s->len > 0)
		g_string_prepend(s, "; provisional: no holiday calendar for ");
	return g_string_free(s, FALSE);
}

/* "15 working days" or "20 working days (reply_days in the configuration;
 * bureau rules Art. 6 give 15)", plus an extension. */
static char *
rules_period(const struct rules *r, int extended_days)
{
	GString *s = g_string_new(NULL);

	g_string_printf(s, "%d", r->reply_days);
	if (extended_days > 0)
		g_string_append_printf(s, " + %d (extension)", extended_days);
	g_string_append(s, " working days");
	return g_string_free(s, FALSE);
}

static char *
rules_citation(const struct rules *r)
{
	if (r->reply_days_override)
		return g_strdup_printf("reply_days = %d in the configuration "
				       "(%s: %d)", r->reply_days,
				       r->profile->reply_basis,
				       r->profile->reply_days);
	return g_strdup(r->profile->reply_basis);
}

/* Counts the period from receipt and writes the basis; received says how
 * the receipt day came about (without the parentheses). */
static int
rules_count(const struct rules *r, const struct workdays *wd,
	    const char *receipt, int extended_days, const char *received,
	    struct rules_deadline *dl_r, struct ogi_error *err)
{
	char *period, *citation, *note;

	memcpy(dl_r->receipt_date, receipt, 11);
	if (workdays_add(wd, receipt, r->reply_days + extended_days,
			 dl_r->deadline, &dl_r->provisional, err) != 0)
		return -1;
	period = rules_period(r, extended_days);
	citation = rules_citation(r);
	note = rules_provisional_note(wd, receipt, dl_r->deadline);
	dl_r->basis = g_strdup_printf("%s from %s (%s), %s%s", period, receipt,
				      received, citation, note);
	g_free(period);
	g_free(citation);
	g_free(note);
	return 0;
}

int
rules_reply_deadline(const struct rules *r, const struct workdays *wd,
		     const char *date, int hour, int minute,
		     struct rules_deadline *dl_r, struct ogi_error *err)
{
	char receipt[11], *received;
	const char *why;
	int rc;

	*dl_r = (struct rules_deadline){ 0 };
	if (rules_receipt_day(r, wd, date, hour, minute, receipt, &why, err) != 0)
		return -1;
	if (why == NULL)
		received = g_strdup_printf("received %s %02d:%02d", date, hour,
					   minute);
	else if (why == rules_why_cutoff)
		received = g_strdup_printf("received %s %02d:%02d, after the "
					   "%02d:00 cut-off → next working day",
					   date, hour, minute, r->cutoff_hour);
	else
		received = g_strdup_printf("received %s %02d:%02d, %s → next "
					   "working day", date, hour, minute, why);
	rc = rules_count(r, wd, receipt, 0, received, dl_r, err);
	g_free(received);
	return rc;
}

int
rules_recount(const struct rules *r, const struct workdays *wd,
	      const char *receipt_date, int extended_days,
	      struct rules_deadline *dl_r, struct ogi_error *err)
{
	char receipt[11];
	const char *received = "receipt day as recorded";

	*dl_r = (struct rules_deadline){ 0 };
	if (!rules_date_ok(wd, receipt_date, err))
		return -1;
	if (extended_days < 0) {
		error_set(err, "a negative extension (%d)", extended_days);
		return -1;
	}
	memcpy(receipt, receipt_date, 11);
	if (!workdays_is_working(wd, receipt_date)) {
		if (workdays_add(wd, receipt_date, 1, receipt, NULL, err) != 0)
			return -1;
		received = "the recorded receipt day is now a day off → next "
			   "working day";
	}
	return rules_count(r, wd, receipt, extended_days, received, dl_r, err);
}

int
rules_notice_due(const struct rules *r, const struct workdays *wd,
		 const char *receipt_date, char due_r[11], bool *applies_r,
		 struct ogi_error *err)
{
	due_r[0] = '\0';
	*applies_r = r->profile->notice_days > 0;
	if (!rules_date_ok(wd, receipt_date, err))
		return -1;
	if (!*applies_r)
		return 0;
	return workdays_add(wd, receipt_date, r->profile->notice_days, due_r,
			    NULL, err);
}

int
rules_correction_due(const struct rules *r, const struct workdays *wd,
		     const char *asked_date, char due_r[11], bool *applies_r,
		     bool *provisional_r, struct ogi_error *err)
{
	due_r[0] = '\0';
	*applies_r = r->profile->abandon_uncorrected;
	if (provisional_r != NULL)
		*provisional_r = false;
	if (!rules_date_ok(wd, asked_date, err))
		return -1;
	if (!*applies_r)
		return 0;
	return workdays_add(wd, asked_date, r->correction_days, due_r,
			    provisional_r, err);
}

void
rules_deadline_clear(struct rules_deadline *dl)
{
	g_free(dl->basis);
	dl->basis = NULL;
}

int
rules_move_clock(const struct rules *r, const struct workdays *wd,
		 const char *to, const struct clock_local *at,
		 const struct clock_local *corrected,
		 struct rules_move_clock *mc_r, struct ogi_error *err)
{
	bool applies = false;
	int rc = 0;

	memset(mc_r, 0, sizeof(*mc_r));
	if (!r->profile->abandon_uncorrected)
		return 0;
	if (strcmp(to, "registered") == 0 && corrected != NULL) {
		rc = rules_reply_deadline(r, wd, corrected->date, corrected->hour,
					  corrected->minute, &mc_r->dl, err);
		mc_r->restarts = rc == 0;
	} else if (strcmp(to, "incomplete") == 0)
		rc = rules_correction_due(r, wd, at->date, mc_r->correction_due,
					  &applies, NULL, err);
	if (rc != 0) {
		rules_deadline_clear(&mc_r->dl);
		memset(mc_r, 0, sizeof(*mc_r));
	}
	return rc;
}

/* A warning names at most this many cases: it is a line in a log and in
 * the digest, and the office needs the count and a few to look at, not a
 * list `ogictl due` gives better. */
#define RULES_WARN_MAX_CASES 10

/* Adds to years (g_string) the years from..to without data not in it. */
static void
rules_missing_years(const struct workdays *wd, int from, int to, GString *years)
{
	for (int y = from; y <= to; y++) {
		char ys[8];

		snprintf(ys, sizeof(ys), "%d", y);
		if (!workdays_has_year(wd, y) && strstr(years->str, ys) == NULL)
			g_string_append_printf(years, "%s%s", years->len > 0 ? ", " : "",
					       ys);
	}
}

char *
rules_calendar_warnings(const struct rules *r, const struct workdays *wd,
			const char *today, const struct rules_case_deadline *cases,
			size_t n)
{
	GString *out = g_string_new(NULL), *years = g_string_new(NULL);
	GString *list = g_string_new(NULL);
	size_t open = 0;
	char due[11];
	bool prov = false;

	for (size_t i = 0; i < n; i++) {
		if (!cases[i].provisional || cases[i].deadline == NULL ||
		    !workflow_state_open(cases[i].state))
			continue;
		if (open < RULES_WARN_MAX_CASES)
			g_string_append_printf(list, "%s%s due %s", open > 0 ? ", " : "",
					       cases[i].id, cases[i].deadline);
		open++;
		rules_missing_years(wd, atoi(today), atoi(cases[i].deadline), years);
	}
	if (open > RULES_WARN_MAX_CASES)
		g_string_append_printf(list, " and %zu more",
				       open - RULES_WARN_MAX_CASES);
	if (open > 0)
		g_string_append_printf(out, "%zu open case%s with a provisional "
				       "deadline (no holiday calendar for %s): %s; "
				       "import the year with `ogictl calendar import "
				       "FILE.json`", open, open == 1 ? "" : "s",
				       years->len > 0 ? years->str : "a year",
				       list->str);
	if (workdays_add(wd, today, r->reply_days, due, &prov, NULL) == 0 && prov) {
		g_string_truncate(years, 0);
		rules_missing_years(wd, atoi(today), atoi(due), years);
		g_string_append_printf(out, "%san application received today would "
				       "be due %s, counted without a holiday "
				       "calendar for %s (provisional); import the "
				       "year with `ogictl calendar import FILE.json`",
				       out->len > 0 ? "\n" : "", due, years->str);
	}
	g_string_free(years, TRUE);
	g_string_free(list, TRUE);
	if (out->len == 0) {
		g_string_free(out, TRUE);
		return NULL;
	}
	return g_string_free(out, FALSE);
}
