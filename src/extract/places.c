/* Place names a fax misread: China's administrative divisions
 * (lexicon/places.txt, GB/T 2260) put right where OCR read one character
 * of a name wrong and a division next to it in the same run, read
 * exactly, says which name it is.  On faxes made for applicants of six
 * provinces (tests/fax's generator, another applicants file) chi_sim read
 * 岳条区 and 岳玫区 for 岳麓区, 可林省 for 吉林省, 潮南省 for 湖南省, 同族 for 回族
 * in 宁夏回族自治区: names it has seldom seen, in the address and again in
 * the request. */
#include <string.h>

#include <glib.h>

#include "extract/extract-private.h"
#include "extract/lexicon.h"

/* Longest name, in characters (the table's longest, 积石山保安族东乡族撒拉族
 * 自治县, has 15; a longer one would be left out). */
#define PLACE_MAX_CHARS 16
/* A run is a province, its prefecture and its county, or two of them. */
#define PLACE_MAX_LINKS 3
/* A name of fewer characters is never taken as misread: one of two is
 * half the name (城区, 和县). */
#define PLACE_FUZZY_MIN_CHARS 3

struct place {
	long code;
	gunichar u[PLACE_MAX_CHARS];
	size_t n;
};

static struct place *places;
static size_t n_places;

static gpointer
load_places(gpointer unused)
{
	(void)unused;
	places = g_new0(struct place, extract_lexicon_places_n);
	for (size_t i = 0; i < extract_lexicon_places_n; i++) {
		const struct extract_lexicon_place *lp = &extract_lexicon_places[i];
		struct place *p = &places[n_places];

		p->code = lp->code;
		p->n = 0;
		for (const char *c = lp->name; *c != '\0' && p->n < PLACE_MAX_CHARS;
		     c = g_utf8_next_char(c))
			p->u[p->n++] = g_utf8_get_char(c);
		n_places += p->n > 0 && g_utf8_strlen(lp->name, -1) == (glong)p->n;
	}
	return NULL;
}

/* 1 a province, 2 a prefecture, 3 a county. */
static int
level(long code)
{
	return code < 100 ? 1 : code < 10000 ? 2 : 3;
}

/* Whether c lies right under p: a prefecture in its province, a county
 * in its prefecture, or in its province with the prefecture left out (内蒙
 * 古自治区霍林郭勒市). */
static bool
under(long p, long c)
{
	switch (level(p) * 10 + level(c)) {
	case 12:
	case 23:
		return c / 100 == p;
	case 13:
		return c / 10000 == p;
	default:
		return false;
	}
}

/* How many characters of p differ from u[i..]: 0, 1, or 2 for more, or a
 * misread the rule does not allow (a short name, its last character). */
static int
misreads(const struct place *p, const gunichar *u, size_t n, size_t i)
{
	int d = 0;

	if (n - i < p->n)
		return 2;
	for (size_t k = 0; k < p->n && d < 2; k++)
		d += u[i + k] != p->u[k];
	if (d == 1 && (p->n < PLACE_FUZZY_MIN_CHARS || u[i + p->n - 1] != p->u[p->n - 1]))
		return 2;
	return d;
}

struct run {
	size_t link[PLACE_MAX_LINKS];  /* indexes in places */
	size_t n_links, len;
	int misread;                   /* characters off */
	bool exact;                    /* some link read exactly */
};

struct best {
	struct run run;
	bool found, tied;
};

/* Whether a and b put the same characters at the same places. */
static bool
same_fix(const struct run *a, const struct run *b)
{
	if (a->len != b->len || a->n_links != b->n_links)
		return false;
	for (size_t k = 0; k < a->n_links; k++)
		if (places[a->link[k]].code != places[b->link[k]].code)
			return false;
	return true;
}

static void
consider(const struct run *r, struct best *b)
{
	if (r->n_links < 2 || !r->exact)
		return;
	if (!b->found || r->n_links > b->run.n_links ||
	    (r->n_links == b->run.n_links && r->misread < b->run.misread)) {
		b->run = *r;
		b->found = true;
		b->tied = false;
	} else if (r->n_links == b->run.n_links && r->misread == b->run.misread &&
		   !same_fix(r, &b->run)) {
		b->tied = true;
	}
}

/* Extends run r (ending at u[i]) by each division under its last link. */
static void
extend(struct run *r, const gunichar *u, size_t n, size_t i, struct best *b)
{
	bool longer = false;

	for (size_t k = 0; r->n_links < PLACE_MAX_LINKS && k < n_places; k++) {
		bool was_exact = r->exact;
		int d;

		if (!under(places[r->link[r->n_links - 1]].code, places[k].code) ||
		    (d = misreads(&places[k], u, n, i)) > 1)
			continue;
		r->link[r->n_links++] = k;
		r->len += places[k].n;
		r->misread += d;
		r->exact = was_exact || d == 0;
		extend(r, u, n, i + places[k].n, b);
		r->exact = was_exact;
		r->misread -= d;
		r->len -= places[k].n;
		r->n_links--;
		longer = true;
	}
	if (!longer)
		consider(r, b);
}

size_t
extract_places_fix(const gunichar *u, size_t n, size_t i, gunichar *fix_r,
		   size_t fix_max)
{
	static GOnce once = G_ONCE_INIT;
	struct best b = { .found = false };
	size_t at = 0;

	g_once(&once, load_places, NULL);
	for (size_t k = 0; k < n_places && i < n; k++) {
		int d = misreads(&places[k], u, n, i);
		struct run r = { .link = { k }, .n_links = 1, .len = places[k].n,
				 .misread = d, .exact = d == 0 };

		if (d <= 1)
			extend(&r, u, n, i + places[k].n, &b);
	}
	if (!b.found || b.tied || b.run.misread == 0 || b.run.len > fix_max)
		return 0;
	for (size_t k = 0; k < b.run.n_links; k++) {
		const struct place *p = &places[b.run.link[k]];

		memcpy(fix_r + at, p->u, p->n * sizeof *p->u);
		at += p->n;
	}
	return b.run.len;
}
