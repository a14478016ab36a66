/* Place names a fax misread: China's administrative divisions
 * (lexicon/places.txt, GB/T 2260, down to townships and street offices)
 * put right where OCR read one character of a name wrong and a division
 * next to it in the same run, read exactly, says which name it is.  A
 * run starts at a province, a prefecture or a county; a township only
 * follows its county.  On faxes made for applicants of six
 * provinces (tests/fax's generator, another applicants file) chi_sim read
 * 岳条区 and 岳玫区 for 岳麓区, 可林省 for 吉林省, 潮南省 for 湖南省, 同族 for 回族
 * in 宁夏回族自治区: names it has seldom seen, in the address and again in
 * the request. */
#include <string.h>

#include <glib.h>

#include "extract/extract-private.h"
#include "extract/lexicon.h"

/* Longest name, in characters (the table's longest has 24; a longer one
 * would be left out). */
#define PLACE_MAX_CHARS 32
/* A run is a province, its prefecture, its county and a township of the
 * county, or a part of that. */
#define PLACE_MAX_LINKS 4
/* A name of fewer characters is never taken as misread: one of two is
 * half the name (城区, 和县). */
#define PLACE_FUZZY_MIN_CHARS 3
/* Nor does an address start at one: 城区, 郊区, 和县 are words as often. */
#define PLACE_AT_MIN_CHARS 3

struct place {
	long code;
	gunichar u[PLACE_MAX_CHARS];
	size_t n;
};

static struct place *places;
static size_t n_places;
/* places[0..n_upper) are provinces, prefectures and counties; the rest
 * townships, by code (the table is sorted by the code's length, then the
 * code). */
static size_t n_upper;

static gpointer
load_places(gpointer unused)
{
	(void)unused;
	places = g_new0(struct place, extract_lexicon_places_n);
	for (size_t i = 0; i < extract_lexicon_places_n; i++) {
		const struct extract_lexicon_place *lp = &extract_lexicon_places[i];
		struct place *p = &places[n_places];
		const char *c = lp->name;

		p->code = lp->code;
		for (p->n = 0; *c != '\0' && p->n < PLACE_MAX_CHARS; c = g_utf8_next_char(c))
			p->u[p->n++] = g_utf8_get_char(c);
		n_places += p->n > 0 && *c == '\0';
	}
	while (n_upper < n_places && places[n_upper].code < 1000000)
		n_upper++;
	return NULL;
}

/* 1 a province, 2 a prefecture, 3 a county, 4 a township. */
static int
level(long code)
{
	return code < 100 ? 1 : code < 10000 ? 2 : code < 1000000 ? 3 : 4;
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
	case 34:
		return c / 1000 == p;
	default:
		return false;
	}
}

/* How many characters of p differ from u[i..]: 0, 1, or 2 for more, or a
 * misread the rule does not allow (a short name, its last character, a
 * character read sure). */
static int
misreads(const struct place *p, const gunichar *u, const bool *sure, size_t n, size_t i)
{
	int d = 0;

	if (n - i < p->n)
		return 2;
	for (size_t k = 0; k < p->n && d < 2; k++)
		if (u[i + k] != p->u[k])
			d += sure != NULL && sure[i + k] ? 2 : 1;
	if (d == 1 && (p->n < PLACE_FUZZY_MIN_CHARS || u[i + p->n - 1] != p->u[p->n - 1]))
		return 2;
	return d;
}

struct run {
	size_t link[PLACE_MAX_LINKS];  /* indexes in places */
	int off[PLACE_MAX_LINKS];      /* each link's characters misread */
	size_t n_links;
};

/* The characters misread in the first n links of r; *exact_r: whether
 * one of them was read exactly. */
static int
run_misread(const struct run *r, size_t n, bool *exact_r)
{
	int m = 0;

	*exact_r = false;
	for (size_t k = 0; k < n; k++) {
		m += r->off[k];
		*exact_r |= r->off[k] == 0;
	}
	return m;
}

/* The best run so far; when another fits as well, only the links they
 * share from the start (common) are known. */
struct best {
	struct run run;
	size_t common;
	bool found;
};

static size_t
shared_links(const struct run *a, const struct run *b)
{
	size_t k = 0;

	while (k < a->n_links && k < b->n_links && a->link[k] == b->link[k])
		k++;
	return k;
}

static void
consider(const struct run *r, struct best *b)
{
	bool exact, best_exact;
	int m = run_misread(r, r->n_links, &exact), best_m;

	if (r->n_links < 2 || !exact)
		return;
	best_m = b->found ? run_misread(&b->run, b->run.n_links, &best_exact) : 0;
	if (!b->found || r->n_links > b->run.n_links ||
	    (r->n_links == b->run.n_links && m < best_m)) {
		b->run = *r;
		b->common = r->n_links;
		b->found = true;
	} else if (r->n_links == b->run.n_links && m == best_m) {
		b->common = MIN(b->common, shared_links(r, &b->run));
	}
}

/* The first township at or after code `from` (townships are sorted). */
static size_t
township_from(long from)
{
	size_t lo = n_upper, hi = n_places;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (places[mid].code < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Extends run r (ending at u[i]) by each division under its last link. */
static void
extend(struct run *r, const gunichar *u, const bool *sure, size_t n, size_t i,
       struct best *b)
{
	long last = places[r->link[r->n_links - 1]].code;
	size_t from = level(last) == 3 ? township_from(last * 1000) : 0;
	size_t to = level(last) == 3 ? township_from((last + 1) * 1000) : n_upper;
	bool longer = false;

	for (size_t k = from; r->n_links < PLACE_MAX_LINKS && k < to; k++) {
		int d;

		if (!under(last, places[k].code) ||
		    (d = misreads(&places[k], u, sure, n, i)) > 1)
			continue;
		r->link[r->n_links] = k;
		r->off[r->n_links++] = d;
		extend(r, u, sure, n, i + places[k].n, b);
		r->n_links--;
		longer = true;
	}
	if (!longer)
		consider(r, b);
}

static GOnce places_once = G_ONCE_INIT;

size_t
extract_places_fix(const gunichar *u, const bool *sure, size_t n, size_t i,
		   gunichar *fix_r, size_t fix_max)
{
	struct best b = { .found = false };
	size_t at = 0;
	bool exact;

	g_once(&places_once, load_places, NULL);
	for (size_t k = 0; k < n_upper && i < n; k++) {
		int d = misreads(&places[k], u, sure, n, i);
		struct run r = { .link = { k }, .off = { d }, .n_links = 1 };

		if (d <= 1)
			extend(&r, u, sure, n, i + places[k].n, &b);
	}
	/* Runs that fit as well and part after their first links (two
	 * townships one character from what was read) agree on those. */
	if (!b.found || b.common < 2 || run_misread(&b.run, b.common, &exact) == 0 || !exact)
		return 0;
	for (size_t k = 0; k < b.common; k++) {
		const struct place *p = &places[b.run.link[k]];

		if (at + p->n > fix_max)
			return 0;
		memcpy(fix_r + at, p->u, p->n * sizeof *p->u);
		at += p->n;
	}
	return at;
}

bool
extract_places_at(const char *s, const char *end)
{
	gunichar u[PLACE_MAX_CHARS];
	size_t n = 0;

	g_once(&places_once, load_places, NULL);
	for (const char *p = s; p < end && n < PLACE_MAX_CHARS; p = g_utf8_next_char(p))
		u[n++] = g_utf8_get_char(p);
	for (size_t k = 0; k < n_upper; k++)
		if (places[k].n >= PLACE_AT_MIN_CHARS && places[k].n <= n &&
		    memcmp(places[k].u, u, places[k].n * sizeof *u) == 0)
			return true;
	return false;
}
