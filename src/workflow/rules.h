/* Rules profiles: the periods a case's deadlines are counted with, the
 * day of receipt they count from, and how each deadline was derived, in
 * words for `ogictl show`.
 *
 * Pure: no I/O, no clock.  The caller gives the local date and time a
 * message was received (the office's time zone) and the calendar.
 *
 * - bureau (default): reply within 15 working days of receipt, one
 *   extension of at most 15 more (bureau rules Art. 6); the bureau's rules
 *   set no period for the correction notice or for the correction.
 * - national-2019: 20 + 20 working days (Regulation on Open Government
 *   Information 2019, Art. 33); the correction notice within 7 working days
 *   of receipt and an application not corrected within the period the
 *   notice gives (config correction_days, default 15 working days) is
 *   abandoned (Art. 30).
 * - Receipt day: the local date the gateway received the message; one
 *   received on a day that is not a working day, or at or after the
 *   cut-off hour (config cutoff_hour, none by default), is received on the
 *   next working day.  The day of receipt is not counted (Civil Code
 *   Art. 201).
 */
#ifndef OGI_WORKFLOW_RULES_H
#define OGI_WORKFLOW_RULES_H

#include <stdbool.h>

#include "common/clock.h"
#include "common/config.h"
#include "common/error.h"
#include "common/workdays.h"

/* cutoff_hour when none is set: no hour of the day is after it. */
#define RULES_NO_CUTOFF CONFIG_NO_CUTOFF

struct rules_profile {
	const char *name;          /* "bureau", "national-2019" (config rules) */
	int reply_days;            /* working days to answer */
	int extension_days;        /* at most this many more, once */
	int notice_days;           /* the correction notice is due within this
	                              many working days of receipt; 0: the
	                              profile sets no period */
	bool abandon_uncorrected;  /* an application not corrected in time is
	                              abandoned (cases.correction_due) */
	const char *reply_basis;   /* where the periods are written */
	const char *notice_basis;  /* where the correction periods are
	                              written; NULL with notice_days 0 */
};

/* The profile named name, or NULL. */
const struct rules_profile *rules_profile_find(const char *name);

/* The office's rules: a profile and the settings that adjust it. */
struct rules {
	const struct rules_profile *profile;
	int reply_days;            /* the profile's, unless the configuration
	                              sets reply_days (an override) */
	bool reply_days_override;  /* reply_days came from the configuration */
	int cutoff_hour;           /* 1-23, or RULES_NO_CUTOFF */
	int correction_days;       /* working days the applicant has to
	                              correct (national-2019) */
};

/* The rules of cfg (rules, reply_days, cutoff_hour, correction_days; the
 * configuration has checked the profile's name). */
void rules_from_config(const struct config *cfg, struct rules *r_r);

/* The rules a case recorded under profile case_rules is counted with: the
 * office's when it names the office's profile, or is NULL or unknown (a
 * case from before profiles); else that profile's own periods with the
 * office's cut-off and correction period. */
void rules_for_case(const struct rules *office, const char *case_rules,
		    struct rules *r_r);

/* A deadline and how it was derived. */
struct rules_deadline {
	char receipt_date[11];     /* the day the count starts after */
	char deadline[11];
	bool provisional;          /* a year of the count has no calendar */
	char *basis;               /* in words (g_free) */
};

/* The receipt day of a message received on date (YYYY-MM-DD, local) at
 * hour:minute (local): date itself, or the next working day when date is
 * not a working day or hour is at or after r->cutoff_hour.  *why_r (may be
 * NULL): NULL when it is date, else a static phrase saying why it moved.
 * Returns 0, or -1 when date or the time is not one. */
int rules_receipt_day(const struct rules *r, const struct workdays *wd,
		      const char *date, int hour, int minute, char receipt_r[11],
		      const char **why_r, struct ogi_error *err);

/* The reply deadline of an application received on date at hour:minute
 * (local): r->reply_days working days after its receipt day.  Fills *dl_r
 * (free its basis with rules_deadline_clear).  Returns 0 or -1. */
int rules_reply_deadline(const struct rules *r, const struct workdays *wd,
			 const char *date, int hour, int minute,
			 struct rules_deadline *dl_r, struct ogi_error *err);

/* The reply deadline counted again from a recorded receipt day (the
 * calendar changed): r->reply_days plus extended_days working days after
 * it, or after the next working day when the new calendar makes the
 * recorded day a day off.  Returns 0 or -1. */
int rules_recount(const struct rules *r, const struct workdays *wd,
		  const char *receipt_date, int extended_days,
		  struct rules_deadline *dl_r, struct ogi_error *err);

/* The day the correction notice of an application with receipt day
 * receipt_date is due by (national-2019: 7 working days).  *applies_r is
 * false, and due_r empty, when the profile sets no period.  Returns 0 or
 * -1. */
int rules_notice_due(const struct rules *r, const struct workdays *wd,
		     const char *receipt_date, char due_r[11], bool *applies_r,
		     struct ogi_error *err);

/* The day after which an application whose correction was asked for on
 * asked_date (the notice's day) is abandoned when still uncorrected:
 * r->correction_days working days later (national-2019).  *applies_r is
 * false, and due_r empty, when the profile abandons nothing.
 * *provisional_r (may be NULL): counted without a year's calendar.
 * Returns 0 or -1. */
int rules_correction_due(const struct rules *r, const struct workdays *wd,
			 const char *asked_date, char due_r[11], bool *applies_r,
			 bool *provisional_r, struct ogi_error *err);

void rules_deadline_clear(struct rules_deadline *dl);

/* What a case's move does to its clock under r (the case's rules,
 * rules_for_case) where the profile abandons uncorrected applications
 * (national-2019, Regulation Art. 30; the bureau's changes nothing).  Both
 * the clerk's moves and the daemon's merged corrections ask it. */
struct rules_move_clock {
	bool restarts;            /* dl holds the new receipt and deadline */
	struct rules_deadline dl; /* free with rules_deadline_clear */
	char correction_due[11];  /* "" when the move sets none */
};

/* Fills *mc_r for a case's move to state `to` at the moment at (the
 * office's clock), whatever state it leaves:
 * - to "registered" with corrected not NULL -- the moment the corrected
 *   application was received, however the correction came (merged by
 *   ogid, read by a clerk after needs_review, or accepted by a clerk from
 *   incomplete, the command being the receipt then known) --: the reply
 *   period counts anew from corrected, as for an application received
 *   then (restarts, dl);
 * - to "incomplete": the correction is due r->correction_days working
 *   days after at's date (correction_due);
 * - nothing for any other move, nor to "registered" without corrected.
 * The date that counts (corrected's, at's) must be in wd's calendar
 * (rules_date_ok).  Pure: blocks on nothing.  Returns 0 (free mc_r->dl
 * with rules_deadline_clear), or -1 with err set and *mc_r zeroed,
 * holding nothing to free. */
int rules_move_clock(const struct rules *r, const struct workdays *wd,
		     const char *to, const struct clock_local *at,
		     const struct clock_local *corrected,
		     struct rules_move_clock *mc_r, struct ogi_error *err);

/* A case's deadline as the calendar warnings see it. */
struct rules_case_deadline {
	const char *id;
	const char *state;         /* only open states count
	                              (workflow_state_open) */
	const char *deadline;      /* YYYY-MM-DD */
	bool provisional;
};

/* What the office must hear about the calendar (ogid at start, the daily
 * digest): the open cases among cases whose deadline is provisional, and
 * whether an application received today (YYYY-MM-DD, local) would get a
 * provisional deadline, each naming the years without data and how to
 * import them.  Returns the warnings, one per line without a final
 * newline (g_free), or NULL when there is nothing to say. */
char *rules_calendar_warnings(const struct rules *r, const struct workdays *wd,
			      const char *today,
			      const struct rules_case_deadline *cases, size_t n);

#endif
