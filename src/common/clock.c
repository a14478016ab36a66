#include "common/clock.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

/* The zone named tz_name (UTC when unknown or NULL), a new reference.
 * GLib forgets a zone when its last reference goes, and reading the zone
 * file for every timestamp was most of `ogictl list`'s time: the zone
 * last asked for is kept for the life of the process (one name is used
 * per process, so one is enough). */
static GTimeZone *
clock_zone(const char *tz_name)
{
	static GMutex lock;
	static char *kept_name;
	static GTimeZone *kept;
	GTimeZone *tz;

	g_mutex_lock(&lock);
	if (kept == NULL || g_strcmp0(kept_name, tz_name) != 0) {
		g_clear_pointer(&kept, g_time_zone_unref);
		g_free(kept_name);
		kept_name = g_strdup(tz_name);
		kept = tz_name != NULL ? g_time_zone_new_identifier(tz_name) : NULL;
		/* config_load checked the name; UTC only for a zone gone since. */
		if (kept == NULL)
			kept = g_time_zone_new_utc();
	}
	tz = g_time_zone_ref(kept);
	g_mutex_unlock(&lock);
	return tz;
}

/* t in tz_name as a GDateTime (unref it). */
static GDateTime *
clock_at(const char *tz_name, int64_t t)
{
	GTimeZone *tz = clock_zone(tz_name);
	GDateTime *utc = g_date_time_new_from_unix_utc(t), *local;

	local = g_date_time_to_timezone(utc, tz);
	g_date_time_unref(utc);
	g_time_zone_unref(tz);
	return local;
}

void
clock_local(const char *tz_name, int64_t t, struct clock_local *local_r)
{
	GDateTime *local = clock_at(tz_name, t);

	local_r->year = g_date_time_get_year(local);
	local_r->month = g_date_time_get_month(local);
	local_r->day = g_date_time_get_day_of_month(local);
	local_r->weekday = g_date_time_get_day_of_week(local);
	local_r->hour = g_date_time_get_hour(local);
	local_r->minute = g_date_time_get_minute(local);
	local_r->second = g_date_time_get_second(local);
	local_r->utc_offset = (int)(g_date_time_get_utc_offset(local) /
				    G_TIME_SPAN_SECOND);
	local_r->day_start = t - (local_r->hour * 3600 + local_r->minute * 60 +
				  local_r->second);
	snprintf(local_r->date, sizeof(local_r->date), "%04d-%02d-%02d",
		 local_r->year, local_r->month, local_r->day);
	g_date_time_unref(local);
}

void
clock_date(const char *tz_name, int64_t t, char date[11])
{
	struct clock_local l;

	clock_local(tz_name, t, &l);
	memcpy(date, l.date, sizeof(l.date));
}

int64_t
clock_midnight(const char *tz_name, int year, int month, int day)
{
	GTimeZone *tz = clock_zone(tz_name);
	GDateTime *local = g_date_time_new(tz, year, month, day, 0, 0, 0);
	int64_t t = local != NULL ? g_date_time_to_unix(local) : -1;

	if (local != NULL)
		g_date_time_unref(local);
	g_time_zone_unref(tz);
	return t;
}

char *
clock_format(const char *tz_name, int64_t t, const char *format)
{
	GDateTime *local = clock_at(tz_name, t);
	char *s = g_date_time_format(local, format);

	g_date_time_unref(local);
	return s;
}
