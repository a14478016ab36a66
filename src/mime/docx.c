/* .docx text: word/document.xml out of the zip, read with a running count
 * (a zip's declared sizes are the attacker's), then w:p, w:t, w:tab, w:br
 * and table rows as "label：value" lines. */
#include "mime/mime.h"
#include "mime/mime-private.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

/* DEFLATE tops out near 1032:1; real document.xml files compress 5-30:1.
 * Past this much output, a ratio above the limit is a bomb. */
#define BOMB_RATIO 200
#define BOMB_RATIO_AFTER (1024 * 1024)
#define MAX_XML_DEPTH 1000

static bool
w_elem(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static void docx_block(GString *out, const xmlNode *n, unsigned depth);

/* Text of a run container: w:t, w:tab, w:br/w:cr, nested runs. */
static void
docx_inline(GString *out, const xmlNode *n, unsigned depth)
{
	if (depth > MAX_XML_DEPTH)
		return;
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (w_elem(c, "t")) {
			xmlChar *t = xmlNodeGetContent(c);

			if (t != NULL)
				g_string_append(out, (const char *)t);
			xmlFree(t);
		} else if (w_elem(c, "tab")) {
			g_string_append_c(out, '\t');
		} else if (w_elem(c, "br") || w_elem(c, "cr")) {
			g_string_append_c(out, '\n');
		} else if (w_elem(c, "tbl") || w_elem(c, "p")) {
			docx_block(out, c, depth + 1);
		} else if (!w_elem(c, "instrText") && !w_elem(c, "delText") &&
			   !w_elem(c, "rPr") && !w_elem(c, "pPr")) {
			docx_inline(out, c, depth + 1);
		}
	}
}

static void
docx_row(GString *out, const xmlNode *tr, unsigned depth)
{
	GPtrArray *cells = g_ptr_array_new_with_free_func(g_free);

	for (const xmlNode *tc = tr->children; tc != NULL; tc = tc->next) {
		GString *cell;

		if (!w_elem(tc, "tc"))
			continue;
		cell = g_string_new(NULL);
		docx_block(cell, tc, depth + 1);
		g_strdelimit(cell->str, "\n\t", ' ');
		g_ptr_array_add(cells, g_string_free(cell, FALSE));
	}
	mime_text_row(out, cells);
	g_ptr_array_free(cells, TRUE);
}

/* Paragraphs and tables below n. */
static void
docx_block(GString *out, const xmlNode *n, unsigned depth)
{
	if (depth > MAX_XML_DEPTH)
		return;
	if (w_elem(n, "p")) {
		docx_inline(out, n, depth + 1);
		g_string_append_c(out, '\n');
		return;
	}
	for (const xmlNode *c = n->children; c != NULL; c = c->next) {
		if (w_elem(c, "tr"))
			docx_row(out, c, depth + 1);
		else if (c->type == XML_ELEMENT_NODE)
			docx_block(out, c, depth + 1);
	}
}

/* Reads entry idx whole, or NULL with *problem_r on a bomb or error. */
static GByteArray *
docx_read(zip_t *za, zip_uint64_t idx, size_t zip_len, size_t max_archive,
	  size_t *inflated_r, char **problem_r)
{
	zip_stat_t st;
	zip_file_t *zf;
	GByteArray *buf;
	char chunk[65536];
	zip_int64_t n;

	zip_stat_init(&st);
	if (zip_stat_index(za, idx, 0, &st) != 0 || (zf = zip_fopen_index(za, idx, 0)) == NULL) {
		*problem_r = g_strdup(".docx attachment: word/document.xml unreadable");
		return NULL;
	}
	if ((st.valid & ZIP_STAT_SIZE) && st.size > max_archive) {
		*problem_r = g_strdup_printf(
			".docx attachment declares %llu uncompressed bytes, over "
			"the limit of %zu (zip bomb?): text not read",
			(unsigned long long)st.size, max_archive);
		zip_fclose(zf);
		return NULL;
	}
	buf = g_byte_array_new();
	while ((n = zip_fread(zf, chunk, sizeof(chunk))) > 0) {
		/* The entry's compressed size is the archive's own claim; it
		 * cannot really exceed the archive. */
		size_t comp = (st.valid & ZIP_STAT_COMP_SIZE) && st.comp_size > 0 &&
			      st.comp_size < zip_len ? (size_t)st.comp_size : zip_len;

		g_byte_array_append(buf, (const guint8 *)chunk, (guint)n);
		*inflated_r += (size_t)n;
		if (buf->len > max_archive ||
		    (buf->len > BOMB_RATIO_AFTER && buf->len / comp > BOMB_RATIO)) {
			*problem_r = g_strdup_printf(
				".docx attachment inflates past %zu bytes from %zu "
				"compressed (zip bomb?): text not read",
				(size_t)buf->len, comp);
			break;
		}
	}
	if (n < 0 && *problem_r == NULL)
		*problem_r = g_strdup(".docx attachment: word/document.xml is corrupt");
	zip_fclose(zf);
	if (*problem_r != NULL) {
		g_byte_array_unref(buf);
		return NULL;
	}
	return buf;
}

char *
mime_docx_text(const void *data, size_t len, size_t max_archive,
	       size_t *inflated_r, char **problem_r)
{
	zip_error_t zerr;
	zip_source_t *src;
	zip_t *za;
	zip_int64_t idx;
	GByteArray *xml = NULL;
	xmlDocPtr doc = NULL;
	GString *out;
	char *res = NULL;

	*problem_r = NULL;
	zip_error_init(&zerr);
	src = zip_source_buffer_create(data, len, 0, &zerr);
	if (src == NULL || (za = zip_open_from_source(src, ZIP_RDONLY, &zerr)) == NULL) {
		*problem_r = g_strdup(".docx attachment is not a readable zip archive");
		zip_source_free(src);
		zip_error_fini(&zerr);
		return NULL;
	}
	zip_error_fini(&zerr);
	idx = zip_name_locate(za, "word/document.xml", 0);
	if (idx < 0)
		*problem_r = g_strdup(".docx attachment has no word/document.xml");
	else
		xml = docx_read(za, (zip_uint64_t)idx, len, max_archive, inflated_r,
				problem_r);
	zip_discard(za);
	if (xml == NULL)
		return NULL;

	if (xml->len <= G_MAXINT)
		doc = xmlReadMemory((const char *)xml->data, (int)xml->len,
				    "document.xml", NULL,
				    XML_PARSE_NONET | XML_PARSE_NOERROR |
				    XML_PARSE_NOWARNING | XML_PARSE_RECOVER);
	g_byte_array_unref(xml);
	if (doc == NULL) {
		*problem_r = g_strdup(".docx attachment: word/document.xml is not XML");
		return NULL;
	}
	out = g_string_new(NULL);
	if (xmlDocGetRootElement(doc) != NULL)
		docx_block(out, xmlDocGetRootElement(doc), 0);
	xmlFreeDoc(doc);
	g_strstrip(out->str);
	if (out->str[0] != '\0')
		res = mime_charset_decode(out->str, strlen(out->str), "UTF-8", NULL);
	g_string_free(out, TRUE);
	return res;
}
