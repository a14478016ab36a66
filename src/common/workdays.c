#include "common/workdays.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

/* What a file said about one day. */
struct workdays_entry {
	bool off;		/* true: a day off; false: a make-up working day */
	int year;		/* the year of the file that said so */
	char *name;		/* the holiday's name */
};

struct workdays {
	GHashTable *days;	/* day number -> struct workdays_entry */
	GHashTable *years;	/* year -> 1: a file for it was loaded */
};

/* The subdirectory of the state directory `ogictl calendar import` writes. */
#define WORKDAYS_STATE_SUBDIR "holidays"

/* --- dates as day numbers (days since 1970-01-01, proleptic Gregorian) --- */

static int64_t
workdays_from_civil(int y, int m, int d)
{
	int64_t yy = m <= 2 ? y - 1 : y;
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static void
workdays_to_civil(int64_t z, int *y_r, int *m_r, int *d_r)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d_r = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m_r = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y_r = (int)(yoe + era * 400 + (*m_r <= 2));
}

/* 0 = Sunday .. 6 = Saturday; 1970-01-01 was a Thursday. */
static int
workdays_weekday(int64_t z)
{
	return (int)(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

static bool
workdays_is_weekend(int64_t z)
{
	int wd = workdays_weekday(z);

	return wd == 0 || wd == 6;
}

/* Parses exactly "YYYY-MM-DD" (years 0001-9999) into a day number. */
static bool
workdays_parse_date(const char *s, int64_t *day_r, int *year_r)
{
	int y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !g_ascii_isdigit(s[i]))
			return false;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (!g_date_valid_dmy((GDateDay)d, (GDateMonth)m, (GDateYear)y))
		return false;
	*day_r = workdays_from_civil(y, m, d);
	if (year_r != NULL)
		*year_r = y;
	return true;
}

/* --- a small strict JSON reader (RFC 8259) for the calendar files --- */

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jval {
	enum jtype type;
	int line, col;
	bool b;
	char *s;		/* J_STR: decoded text; J_NUM: the literal */
	GPtrArray *items;	/* J_ARR: values; J_OBJ: key, value, key, ... */
};

struct jparser {
	const char *s;
	size_t pos;
	int line;
	size_t line_start;
	int depth;
	const char *name;
	struct ogi_error *err;
};

#define JSON_DEPTH_LIMIT 64

static void
jval_free(gpointer p)
{
	struct jval *v = p;

	if (v == NULL)
		return;
	g_free(v->s);
	if (v->items != NULL)
		g_ptr_array_free(v->items, TRUE);
	g_free(v);
}

static int
jp_col(const struct jparser *p)
{
	return (int)g_utf8_strlen(p->s + p->line_start,
				  (gssize)(p->pos - p->line_start)) + 1;
}

static void
jp_error_at(const struct jparser *p, int line, int col, const char *what)
{
	error_set(p->err, "%s:%d:%d: %s", p->name, line, col, what);
}

static void
jp_error(const struct jparser *p, const char *what)
{
	jp_error_at(p, p->line, jp_col(p), what);
}

static void
jp_skip_ws(struct jparser *p)
{
	for (;;) {
		char c = p->s[p->pos];

		if (c == '\n') {
			p->pos++;
			p->line++;
			p->line_start = p->pos;
		} else if (c == ' ' || c == '\t' || c == '\r') {
			p->pos++;
		} else {
			return;
		}
	}
}

static struct jval *jp_value(struct jparser *p);

static int
jp_hex4(const char *s, unsigned *u_r)
{
	unsigned u = 0;

	for (int i = 0; i < 4; i++) {
		int h = g_ascii_xdigit_value(s[i]);

		if (h < 0)
			return -1;
		u = u * 16 + (unsigned)h;
	}
	*u_r = u;
	return 0;
}

/* At the opening quote; returns the decoded text or NULL. */
static char *
jp_string(struct jparser *p)
{
	static const char escapes[] = "\"\\/bfnrt", decoded[] = "\"\\/\b\f\n\r\t";
	GString *out = g_string_new(NULL);
	const char *esc;

	p->pos++;
	for (;;) {
		unsigned char c = (unsigned char)p->s[p->pos];
		unsigned u, lo;

		if (c == '"') {
			p->pos++;
			return g_string_free(out, FALSE);
		}
		if (c == '\0') {
			jp_error(p, "unterminated string");
			break;
		}
		if (c < 0x20) {
			jp_error(p, "control character in a string");
			break;
		}
		if (c != '\\') {
			g_string_append_c(out, (char)c);
			p->pos++;
			continue;
		}
		c = (unsigned char)p->s[p->pos + 1];
		esc = c != '\0' ? strchr(escapes, c) : NULL;
		if (esc != NULL) {
			g_string_append_c(out, decoded[esc - escapes]);
			p->pos += 2;
			continue;
		}
		if (c != 'u') {
			jp_error(p, "invalid escape in a string");
			break;
		}
		if (jp_hex4(p->s + p->pos + 2, &u) != 0) {
			jp_error(p, "invalid \\u escape");
			break;
		}
		if (u >= 0xDC00 && u <= 0xDFFF) {
			jp_error(p, "lone low surrogate in a \\u escape");
			break;
		}
		if (u >= 0xD800 && u <= 0xDBFF) {
			if (p->s[p->pos + 6] != '\\' || p->s[p->pos + 7] != 'u' ||
			    jp_hex4(p->s + p->pos + 8, &lo) != 0 ||
			    lo < 0xDC00 || lo > 0xDFFF) {
				jp_error(p, "high surrogate without its low half");
				break;
			}
			u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
			p->pos += 6;
		}
		g_string_append_unichar(out, u);
		p->pos += 6;
	}
	g_string_free(out, TRUE);
	return NULL;
}

static char *
jp_number(struct jparser *p)
{
	size_t start = p->pos;
	const char *s = p->s;

	if (s[p->pos] == '-')
		p->pos++;
	if (s[p->pos] == '0') {
		p->pos++;
	} else if (s[p->pos] >= '1' && s[p->pos] <= '9') {
		while (g_ascii_isdigit(s[p->pos]))
			p->pos++;
	} else {
		jp_error(p, "invalid number");
		return NULL;
	}
	if (s[p->pos] == '.') {
		p->pos++;
		if (!g_ascii_isdigit(s[p->pos])) {
			jp_error(p, "invalid number");
			return NULL;
		}
		while (g_ascii_isdigit(s[p->pos]))
			p->pos++;
	}
	if (s[p->pos] == 'e' || s[p->pos] == 'E') {
		p->pos++;
		if (s[p->pos] == '+' || s[p->pos] == '-')
			p->pos++;
		if (!g_ascii_isdigit(s[p->pos])) {
			jp_error(p, "invalid number");
			return NULL;
		}
		while (g_ascii_isdigit(s[p->pos]))
			p->pos++;
	}
	return g_strndup(s + start, p->pos - start);
}

/* At '[' or '{': the members up to the matching close. */
static bool
jp_container(struct jparser *p, struct jval *v)
{
	bool obj = v->type == J_OBJ;
	char close = obj ? '}' : ']';

	if (++p->depth > JSON_DEPTH_LIMIT) {
		jp_error(p, "nested too deeply");
		return false;
	}
	p->pos++;
	jp_skip_ws(p);
	if (p->s[p->pos] == close) {
		p->pos++;
		p->depth--;
		return true;
	}
	for (;;) {
		struct jval *item;

		jp_skip_ws(p);
		if (obj) {
			if (p->s[p->pos] != '"') {
				jp_error(p, "expected a string key");
				return false;
			}
			if ((item = jp_value(p)) == NULL)
				return false;
			for (guint i = 0; i < v->items->len; i += 2)
				if (strcmp(((struct jval *)v->items->pdata[i])->s, item->s) == 0) {
					jp_error_at(p, item->line, item->col,
						    "duplicate key");
					jval_free(item);
					return false;
				}
			g_ptr_array_add(v->items, item);
			jp_skip_ws(p);
			if (p->s[p->pos] != ':') {
				jp_error(p, "expected ':'");
				return false;
			}
			p->pos++;
		}
		if ((item = jp_value(p)) == NULL)
			return false;
		g_ptr_array_add(v->items, item);
		jp_skip_ws(p);
		if (p->s[p->pos] == close) {
			p->pos++;
			p->depth--;
			return true;
		}
		if (p->s[p->pos] != ',') {
			jp_error(p, obj ? "expected ',' or '}'" : "expected ',' or ']'");
			return false;
		}
		p->pos++;
	}
}

static struct jval *
jp_value(struct jparser *p)
{
	struct jval *v = g_new0(struct jval, 1);
	const char *s;
	bool ok = true;

	jp_skip_ws(p);
	v->line = p->line;
	v->col = jp_col(p);
	s = p->s + p->pos;
	if (*s == '{' || *s == '[') {
		v->type = *s == '{' ? J_OBJ : J_ARR;
		v->items = g_ptr_array_new_with_free_func(jval_free);
		ok = jp_container(p, v);
	} else if (*s == '"') {
		v->type = J_STR;
		ok = (v->s = jp_string(p)) != NULL;
	} else if (*s == '-' || g_ascii_isdigit(*s)) {
		v->type = J_NUM;
		ok = (v->s = jp_number(p)) != NULL;
	} else if (strncmp(s, "true", 4) == 0 || strncmp(s, "false", 5) == 0) {
		v->type = J_BOOL;
		v->b = *s == 't';
		p->pos += v->b ? 4 : 5;
	} else if (strncmp(s, "null", 4) == 0) {
		v->type = J_NULL;
		p->pos += 4;
	} else {
		jp_error(p, *s == '\0' ? "unexpected end of file" : "expected a value");
		ok = false;
	}
	if (!ok) {
		jval_free(v);
		return NULL;
	}
	return v;
}

/* The parser reads a NUL-terminated copy: len bytes of text that hold no
 * NUL (a NUL would end the document early without a word). */
static struct jval *
jp_document(const char *text, size_t len, const char *name,
	    struct ogi_error *err)
{
	struct jparser p = { .s = text, .line = 1, .name = name, .err = err };
	const char *bad;
	char *copy;
	struct jval *v = NULL;

	if (!g_utf8_validate_len(text, len, &bad)) {
		p.pos = (size_t)(bad - text);
		for (size_t i = 0; i < p.pos; i++)
			if (text[i] == '\n') {
				p.line++;
				p.line_start = i + 1;
			}
		jp_error(&p, *bad == '\0' ? "contains a NUL byte" : "not valid UTF-8");
		return NULL;
	}
	p.s = copy = g_strndup(len > 0 ? text : "", len);
	if (strncmp(copy, "\xEF\xBB\xBF", 3) == 0)
		p.pos = p.line_start = 3;
	if ((v = jp_value(&p)) != NULL) {
		jp_skip_ws(&p);
		if (p.s[p.pos] != '\0') {
			jp_error(&p, "text after the JSON value");
			jval_free(v);
			v = NULL;
		}
	}
	g_free(copy);
	return v;
}

static struct jval *
jv_member(const struct jval *obj, const char *key)
{
	for (guint i = 0; i + 1 < obj->items->len; i += 2)
		if (strcmp(((struct jval *)obj->items->pdata[i])->s, key) == 0)
			return obj->items->pdata[i + 1];
	return NULL;
}

/* --- the calendar --- */

static void
workdays_entry_free(gpointer p)
{
	struct workdays_entry *e = p;

	g_free(e->name);
	g_free(e);
}

struct workdays *
workdays_new(void)
{
	struct workdays *wd = g_new0(struct workdays, 1);

	wd->days = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
					 workdays_entry_free);
	wd->years = g_hash_table_new(g_direct_hash, g_direct_equal);
	return wd;
}

void
workdays_free(struct workdays *wd)
{
	if (wd == NULL)
		return;
	g_hash_table_destroy(wd->days);
	g_hash_table_destroy(wd->years);
	g_free(wd);
}

static void
jv_error(const struct jval *v, const char *name, struct ogi_error *err,
	 const char *what)
{
	error_set(err, "%s:%d:%d: %s", name, v->line, v->col, what);
}

/* What the calendar says about day, leaving out what the file of year
 * `replaced` said (0: nothing left out). */
static const struct workdays_entry *
workdays_lookup(const struct workdays *wd, int64_t day, int replaced)
{
	const struct workdays_entry *e;

	if (wd == NULL)
		return NULL;
	e = g_hash_table_lookup(wd->days, GINT_TO_POINTER((gint)day));
	return e != NULL && e->year != replaced ? e : NULL;
}

/* Checks one entry of "days" and puts it into add; year is the file's.
 * replaced: the year whose earlier data this file replaces, or 0. */
static int
workdays_entry(const struct workdays *wd, GHashTable *add, const struct jval *e,
	       int year, int replaced, const char *name, struct ogi_error *err)
{
	const struct jval *nm, *date, *off;
	const struct workdays_entry *have;
	struct workdays_entry *want;
	char what[160];
	int64_t day;
	int y;

	if (e->type != J_OBJ) {
		jv_error(e, name, err, "each entry of \"days\" must be an object");
		return -1;
	}
	nm = jv_member(e, "name");
	date = jv_member(e, "date");
	off = jv_member(e, "isOffDay");
	if (nm == NULL || nm->type != J_STR) {
		jv_error(nm ? nm : e, name, err, "\"name\" must be a string");
		return -1;
	}
	if (date == NULL || date->type != J_STR ||
	    !workdays_parse_date(date->s, &day, &y)) {
		jv_error(date ? date : e, name, err,
			 "\"date\" must be a date string \"YYYY-MM-DD\"");
		return -1;
	}
	if (off == NULL || off->type != J_BOOL) {
		jv_error(off ? off : e, name, err, "\"isOffDay\" must be true or false");
		return -1;
	}
	if (y < year - 1 || y > year + 1) {
		snprintf(what, sizeof(what), "%s is not in %d or a neighbouring year",
			 date->s, year);
		jv_error(date, name, err, what);
		return -1;
	}
	if (!off->b && !workdays_is_weekend(day)) {
		snprintf(what, sizeof(what), "make-up working day %s is not a "
			 "Saturday or Sunday", date->s);
		jv_error(date, name, err, what);
		return -1;
	}
	have = g_hash_table_lookup(add, GINT_TO_POINTER((gint)day));
	if (have == NULL)
		have = workdays_lookup(wd, day, replaced);
	if (have != NULL && have->off != off->b) {
		snprintf(what, sizeof(what), "%s is listed both as a day off and "
			 "as a make-up working day", date->s);
		jv_error(date, name, err, what);
		return -1;
	}
	want = g_new0(struct workdays_entry, 1);
	want->off = off->b;
	want->year = year;
	want->name = g_strdup(nm->s);
	g_hash_table_insert(add, GINT_TO_POINTER((gint)day), want);
	return 0;
}

static gboolean
workdays_entry_of_year(gpointer key, gpointer value, gpointer year)
{
	(void)key;
	return ((struct workdays_entry *)value)->year == GPOINTER_TO_INT(year);
}

/* Reads a document into wd; with replace, its year's earlier data goes. */
static int
workdays_read_json(struct workdays *wd, const char *json, size_t len,
		   const char *name, bool replace, int *year_r,
		   struct ogi_error *err)
{
	struct jval *doc = jp_document(json, len, name, err);
	const struct jval *year, *days;
	GHashTable *add = NULL;
	GHashTableIter it;
	gpointer k, v;
	long y = 0;
	int rc = -1;

	if (doc == NULL)
		return -1;
	if (doc->type != J_OBJ) {
		jv_error(doc, name, err, "expected an object with \"year\" and \"days\"");
		goto out;
	}
	year = jv_member(doc, "year");
	if (year != NULL && year->type == J_NUM && strspn(year->s, "0123456789") ==
	    strlen(year->s) && strlen(year->s) <= 4)
		y = strtol(year->s, NULL, 10);
	if (y < 1) {
		jv_error(year ? year : doc, name, err,
			 "\"year\" must be a whole number from 1 to 9999");
		goto out;
	}
	days = jv_member(doc, "days");
	if (days == NULL || days->type != J_ARR) {
		jv_error(days ? days : doc, name, err, "\"days\" must be an array");
		goto out;
	}
	add = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
				    workdays_entry_free);
	for (guint i = 0; i < days->items->len; i++)
		if (workdays_entry(wd, add, days->items->pdata[i], (int)y,
				   replace ? (int)y : 0, name, err) != 0)
			goto out;
	/* All or nothing: a bad file leaves the calendar as it was. */
	if (replace)
		g_hash_table_foreach_remove(wd->days, workdays_entry_of_year,
					    GINT_TO_POINTER((gint)y));
	g_hash_table_iter_init(&it, add);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		g_hash_table_iter_steal(&it);
		g_hash_table_insert(wd->days, k, v);
	}
	g_hash_table_insert(wd->years, GINT_TO_POINTER((gint)y), GINT_TO_POINTER(1));
	if (year_r != NULL)
		*year_r = (int)y;
	rc = 0;
out:
	if (add != NULL)
		g_hash_table_destroy(add);
	jval_free(doc);
	return rc;
}

int
workdays_add_json(struct workdays *wd, const char *json, size_t len,
		  const char *name, struct ogi_error *err)
{
	return workdays_read_json(wd, json, len, name, false, NULL, err);
}

int
workdays_replace_json(struct workdays *wd, const char *json, size_t len,
		      const char *name, int *year_r, struct ogi_error *err)
{
	return workdays_read_json(wd, json, len, name, true, year_r, err);
}

static gint
workdays_cmp_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads every "*.json" of dir into wd (replacing years with replace).  A
 * missing directory is an error unless missing_ok. */
static int
workdays_read_dir(struct workdays *wd, const char *dir, bool replace,
		  bool missing_ok, struct ogi_error *err)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	struct dirent *de;
	DIR *d;
	int rc = -1;

	if ((d = opendir(dir)) == NULL) {
		if (missing_ok && errno == ENOENT)
			rc = 0;
		else
			error_set(err, "%s: %s", dir, strerror(errno));
		goto out;
	}
	/* Hidden files are editors' and packagers' leftovers, and the
	 * temporary files of an import in progress. */
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.' && g_str_has_suffix(de->d_name, ".json"))
			g_ptr_array_add(names, g_strdup(de->d_name));
	closedir(d);
	g_ptr_array_sort(names, workdays_cmp_names);
	for (guint i = 0; i < names->len; i++) {
		char *path = g_build_filename(dir, names->pdata[i], NULL);
		GError *gerr = NULL;
		char *text = NULL;
		gsize len;
		int frc = -1;

		if (!g_file_get_contents(path, &text, &len, &gerr))
			error_set(err, "%s", gerr->message);
		else
			frc = workdays_read_json(wd, text, len, path, replace, NULL, err);
		g_clear_error(&gerr);
		g_free(text);
		g_free(path);
		if (frc != 0)
			goto out;
	}
	rc = 0;
out:
	g_ptr_array_free(names, TRUE);
	return rc;
}

int
workdays_load_dir(const char *dir, struct workdays **wd_r,
		  struct ogi_error *err)
{
	struct workdays *wd = workdays_new();

	*wd_r = NULL;
	if (workdays_read_dir(wd, dir, false, false, err) != 0) {
		workdays_free(wd);
		return -1;
	}
	*wd_r = wd;
	return 0;
}

char *
workdays_state_dir(const char *state_dir)
{
	return g_build_filename(state_dir, WORKDAYS_STATE_SUBDIR, NULL);
}

int
workdays_load_office(const char *holidays_dir, const char *state_dir,
		     struct workdays **wd_r, struct ogi_error *err)
{
	char *imported = workdays_state_dir(state_dir);
	int rc;

	rc = workdays_load_dir(holidays_dir, wd_r, err);
	if (rc == 0 && workdays_read_dir(*wd_r, imported, true, true, err) != 0) {
		workdays_free(*wd_r);
		*wd_r = NULL;
		rc = -1;
	}
	g_free(imported);
	return rc;
}

bool
workdays_has_year(const struct workdays *wd, int year)
{
	return wd != NULL &&
	       g_hash_table_contains(wd->years, GINT_TO_POINTER(year));
}

/* What kind of day it is, and the holiday's name when the calendar has it. */
static enum workdays_kind
workdays_day_kind(const struct workdays *wd, int64_t day, const char **name_r)
{
	const struct workdays_entry *e = workdays_lookup(wd, day, 0);

	*name_r = e != NULL ? e->name : NULL;
	if (e != NULL)
		return e->off ? WORKDAYS_HOLIDAY : WORKDAYS_MAKEUP;
	return workdays_is_weekend(day) ? WORKDAYS_WEEKEND : WORKDAYS_WORKING;
}

static bool
workdays_kind_working(enum workdays_kind k)
{
	return k == WORKDAYS_WORKING || k == WORKDAYS_MAKEUP;
}

bool
workdays_is_working(const struct workdays *wd, const char *date)
{
	const char *name;
	int64_t day;

	return workdays_parse_date(date, &day, NULL) &&
	       workdays_kind_working(workdays_day_kind(wd, day, &name));
}

static void
workdays_fill_day(const struct workdays *wd, int64_t day,
		  struct workdays_day *out)
{
	int y, m, d;

	workdays_to_civil(day, &y, &m, &d);
	snprintf(out->date, sizeof(out->date), "%04d-%02d-%02d", y, m, d);
	out->kind = workdays_day_kind(wd, day, &out->name);
	out->no_data = !workdays_has_year(wd, y);
}

int
workdays_day_info(const struct workdays *wd, const char *date,
		  struct workdays_day *day_r, struct ogi_error *err)
{
	int64_t day;

	if (!workdays_parse_date(date, &day, NULL)) {
		error_set(err, "\"%.32s\" is not a date (YYYY-MM-DD)",
			  date != NULL ? date : "");
		return -1;
	}
	workdays_fill_day(wd, day, day_r);
	return 0;
}

int
workdays_add_trace(const struct workdays *wd, const char *from, int n,
		   char out[11], bool *estimated_r, struct workdays_day **days_r,
		   size_t *n_days_r, struct ogi_error *err)
{
	GArray *trace = NULL;
	bool estimated = false;
	int64_t day;
	int y, m, d;

	out[0] = '\0';
	if (estimated_r != NULL)
		*estimated_r = false;
	if (days_r != NULL) {
		*days_r = NULL;
		*n_days_r = 0;
	}
	if (!workdays_parse_date(from, &day, NULL)) {
		error_set(err, "\"%.32s\" is not a date (YYYY-MM-DD)",
			  from != NULL ? from : "");
		return -1;
	}
	if (n < 0) {
		error_set(err, "a negative number of working days (%d)", n);
		return -1;
	}
	if (days_r != NULL)
		trace = g_array_new(FALSE, TRUE, sizeof(struct workdays_day));
	workdays_to_civil(day, &y, &m, &d);
	for (int counted = 0; counted < n;) {
		struct workdays_day info;

		workdays_to_civil(++day, &y, &m, &d);
		if (y > 9999) {
			error_set(err, "%s + %d working days is after the year 9999",
				  from, n);
			if (trace != NULL)
				g_array_free(trace, TRUE);
			return -1;
		}
		workdays_fill_day(wd, day, &info);
		estimated |= info.no_data;
		if (workdays_kind_working(info.kind))
			counted++;
		if (trace != NULL)
			g_array_append_val(trace, info);
	}
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	if (estimated_r != NULL)
		*estimated_r = estimated;
	if (trace != NULL) {
		*n_days_r = trace->len;
		*days_r = (struct workdays_day *)(void *)g_array_free(trace, FALSE);
	}
	return 0;
}

int
workdays_add(const struct workdays *wd, const char *from, int n,
	     char out[11], bool *estimated_r, struct ogi_error *err)
{
	return workdays_add_trace(wd, from, n, out, estimated_r, NULL, NULL, err);
}

static gint
workdays_cmp_days(gconstpointer a, gconstpointer b)
{
	return strcmp(((const struct workdays_day *)a)->date,
		      ((const struct workdays_day *)b)->date);
}

void
workdays_year_days(const struct workdays *wd, int year,
		   struct workdays_day **days_r, size_t *n_r)
{
	GArray *list = g_array_new(FALSE, TRUE, sizeof(struct workdays_day));
	GHashTableIter it;
	gpointer k, v;

	g_hash_table_iter_init(&it, wd->days);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		struct workdays_day info;

		workdays_fill_day(wd, GPOINTER_TO_INT(k), &info);
		if (strtol(info.date, NULL, 10) == year)
			g_array_append_val(list, info);
	}
	g_array_sort(list, workdays_cmp_days);
	*n_r = list->len;
	*days_r = (struct workdays_day *)(void *)g_array_free(list, FALSE);
}

void
workdays_days_free(struct workdays_day *days)
{
	g_free(days);
}
