/* Identity numbers: resident ID (GB 11643-1999), unified social credit
 * code (GB 32100-2015) and organisation code (GB 11714-1997).  The
 * validators take the normalised form that extract_id_normalise() writes
 * (half-width, uppercase, no separators). */
#include <string.h>

#include <glib.h>

#include "extract/extract.h"

/* Length of a separator people type between groups of characters: white
 * space, ASCII hyphen, and the Unicode dashes U+2010..U+2015 and U+2212
 * that word processors substitute.  0 if none. */
static size_t
separator_len(const unsigned char *p)
{
	if (*p == ' ' || *p == '-' || (*p >= '\t' && *p <= '\r'))
		return 1;
	if (p[0] == 0xE2 && p[1] == 0x80 && p[2] >= 0x90 && p[2] <= 0x95)
		return 3;
	if (p[0] == 0xE2 && p[1] == 0x88 && p[2] == 0x92)
		return 3;
	return 0;
}

int
extract_id_normalise(const char *in, char *buf, size_t bufsize)
{
	char *folded;
	const unsigned char *p;
	size_t n = 0;
	int rc = 0;

	if (bufsize == 0)
		return -1;
	buf[0] = '\0';
	if (in == NULL)
		return 0;
	folded = extract_text_fold(in);
	p = (const unsigned char *)folded;
	while (*p != '\0') {
		size_t sep = separator_len(p);

		if (sep > 0) {
			p += sep;
			continue;
		}
		if (n + 1 >= bufsize) {
			rc = -1;
			n = 0;
			break;
		}
		buf[n++] = (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
		p++;
	}
	buf[n] = '\0';
	g_free(folded);
	return rc;
}

static bool
all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* The calendar check lives in date.c; a birth date written as
 * "YYYY-MM-DD" is exactly what extract_date_find() reads.  Nobody alive was
 * born before 1900. */
static bool
birth_date(const char *yyyy, const char *mmdd)
{
	char text[11], out[11];

	if (memcmp(yyyy, "19", 2) < 0)
		return false;
	memcpy(text, yyyy, 4);
	text[4] = '-';
	memcpy(text + 5, mmdd, 2);
	text[7] = '-';
	memcpy(text + 8, mmdd + 2, 2);
	text[10] = '\0';
	return extract_date_find(text, out) == 1;
}

bool
extract_resident_id_valid(const char *id)
{
	static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6,
					 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char checks[] = "10X98765432";
	size_t len;
	int sum = 0;

	/* The 15-digit first-generation number has no check character and
	 * has not been valid since 2013: it proves nothing. */
	if (id == NULL)
		return false;
	len = strlen(id);
	if (len != 18 || !all_digits(id, 17))
		return false;
	if (!birth_date(id + 6, id + 10))
		return false;
	for (size_t i = 0; i < 17; i++)
		sum += (id[i] - '0') * weights[i];
	return id[17] == checks[sum % 11];
}

bool
extract_uscc_valid(const char *code)
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20,
					 29, 25, 13, 8, 24, 10, 30, 28 };
	int values[18];
	int sum = 0;

	if (code == NULL || strlen(code) != 18)
		return false;
	for (size_t i = 0; i < 18; i++) {
		const char *hit = strchr(alphabet, code[i]);

		if (hit == NULL)
			return false;
		values[i] = (int)(hit - alphabet);
	}
	for (size_t i = 0; i < 17; i++)
		sum += values[i] * weights[i];
	return values[17] == (31 - sum % 31) % 31;
}

/* GB 11714: the nine characters at code (eight of digits and capitals,
 * then the check character) hold together. */
static bool
org_code_check(const char *code)
{
	static const int weights[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	int sum = 0, check;

	for (size_t i = 0; i < 8; i++) {
		if (code[i] >= '0' && code[i] <= '9')
			sum += (code[i] - '0') * weights[i];
		else if (code[i] >= 'A' && code[i] <= 'Z')
			sum += (code[i] - 'A' + 10) * weights[i];
		else
			return false;
	}
	check = 11 - sum % 11;
	return code[8] == (check == 10 ? 'X' : check == 11 ? '0' : '0' + check);
}

bool
extract_org_code_valid(const char *code)
{
	return code != NULL && strlen(code) == 9 && org_code_check(code);
}

/* GB 32100 Appendix A and its amendments: each registration authority
 * (机构编制 1, 外交 2, 司法行政 3, 文化 4, 民政 5, 旅游 6, 宗教 7, 工会 8,
 * 市场监管 9, 军队 A, 公安 G, 住建 J, 农业农村 N, 侨联 Q, 其他 Y) with the
 * category codes it assigns. */
static const struct {
	char authority;
	const char *categories;
} uscc_authorities[] = {
	{ '1', "1239" }, { '2', "19" }, { '3', "1234569" }, { '4', "19" },
	{ '5', "123459" }, { '6', "129" }, { '7', "129" }, { '8', "129" },
	{ '9', "1239" }, { 'A', "19" }, { 'G', "19" }, { 'J', "19" },
	{ 'N', "1239" }, { 'Q', "1239" }, { 'Y', "1" }, { '\0', NULL },
};

/* GB/T 2260 province-level codes, two digits each, and 10 for the
 * national registers. */
static const char uscc_provinces[] =
	"10111213141521222331323334353637414243444546505152535461626364657181"
	"82";

bool
extract_id_region_known(const char *id)
{
	if (id == NULL || strlen(id) < 2 || (id[0] == '1' && id[1] == '0'))
		return false;
	for (const char *p = uscc_provinces; *p != '\0'; p += 2)
		if (p[0] == id[0] && p[1] == id[1])
			return true;
	return false;
}

bool
extract_uscc_well_formed(const char *code)
{
	bool authority = false, province = false;

	if (!extract_uscc_valid(code))
		return false;
	for (size_t i = 0; uscc_authorities[i].authority != '\0'; i++)
		if (code[0] == uscc_authorities[i].authority)
			authority = strchr(uscc_authorities[i].categories,
					   code[1]) != NULL;
	for (const char *p = uscc_provinces; *p != '\0'; p += 2)
		province |= p[0] == code[2] && p[1] == code[3];
	return authority && province && all_digits(code + 2, 6) &&
	       org_code_check(code + 8);
}
