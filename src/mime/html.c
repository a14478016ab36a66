/* HTML → text with libxml2's forgiving HTML parser.  Webmail HTML (QQ Mail,
 * NetEase, Outlook's Word HTML) puts forms in tables and paragraphs in
 * <p class=MsoNormal>; a form row must stay one "label：value" line for
 * field extraction, while layout tables (a cell holding a table) are read
 * as ordinary blocks. */
#include "mime/mime.h"
#include "mime/mime-private.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

/* libxml2 stops nesting far earlier; this only keeps our recursion bounded
 * whatever it does. */
#define MAX_HTML_DEPTH 1000

struct render {
	GString *out;
	bool line_start;   /* nothing on the current line yet */
	bool space;        /* white space seen since the last character */
	unsigned newlines; /* newlines at the end of out */
	unsigned pre;      /* inside <pre> */
	bool blank_line;   /* the line holds only &nbsp;: a visible blank line */
};

static const char *const skipped[] = {
	"script", "style", "head", "template", "xml", "select", "object",
};

static const char *const blocks[] = {
	"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl",
	"dt", "dd", "blockquote", "pre", "address", "center", "section",
	"article", "header", "footer", "nav", "aside", "form", "fieldset",
	"legend", "caption", "figure", "figcaption", "main", "table", "hr",
	"body", "html", "td", "th", "tr", "title",
};

static bool
name_in(const xmlNode *n, const char *const *names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (g_ascii_strcasecmp((const char *)n->name, names[i]) == 0)
			return true;
	return false;
}

static bool
is_elem(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       g_ascii_strcasecmp((const char *)n->name, name) == 0;
}

static void
render_newline(struct render *r)
{
	while (r->out->len > 0 && r->out->str[r->out->len - 1] == ' ')
		g_string_truncate(r->out, r->out->len - 1);
	if (r->out->len > 0 && r->newlines < 2) {
		g_string_append_c(r->out, '\n');
		r->newlines++;
	}
	r->line_start = true;
	r->space = false;
	r->blank_line = false;
}

/* Outlook writes blank lines as <p>&nbsp;</p>; an empty block is nothing. */
static void
render_break(struct render *r)
{
	if (!r->line_start || r->blank_line)
		render_newline(r);
}

static void
render_text(struct render *r, const char *t)
{
	for (; *t != '\0'; t = g_utf8_next_char(t)) {
		gunichar c = g_utf8_get_char(t);

		if (r->pre > 0 && c == '\n') {
			render_newline(r);
			continue;
		}
		if (r->pre == 0 && (g_unichar_isspace(c) || c == 0xA0)) {
			r->space = true;
			r->blank_line |= c == 0xA0 && r->line_start;
			continue;
		}
		if (c == 0xA0 || c == '\t' || c == '\r')
			c = ' ';
		if (r->space && !r->line_start)
			g_string_append_c(r->out, ' ');
		g_string_append_unichar(r->out, c);
		r->space = false;
		r->line_start = false;
		r->newlines = 0;
	}
}

static bool
has_table(const xmlNode *n, unsigned depth)
{
	if (depth > MAX_HTML_DEPTH)
		return false;
	for (const xmlNode *c = n->children; c != NULL; c = c->next)
		if (is_elem(c, "table") || has_table(c, depth + 1))
			return true;
	return false;
}

static void render_node(struct render *r, const xmlNode *n, unsigned depth);

static void
render_children(struct render *r, const xmlNode *n, unsigned depth)
{
	for (const xmlNode *c = n->children; c != NULL; c = c->next)
		render_node(r, c, depth + 1);
}

/* A cell's text on one line. */
static char *
cell_text(const xmlNode *cell, unsigned depth)
{
	struct render r = { .out = g_string_new(NULL), .line_start = true };

	render_children(&r, cell, depth);
	for (char *p = r.out->str; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	g_strstrip(r.out->str);
	return g_string_free(r.out, FALSE);
}

static void
render_row(struct render *r, const xmlNode *tr, unsigned depth)
{
	GPtrArray *cells;
	size_t before;

	for (const xmlNode *c = tr->children; c != NULL; c = c->next)
		if ((is_elem(c, "td") || is_elem(c, "th")) && has_table(c, depth + 1)) {
			/* A layout row: its cells are blocks. */
			render_children(r, tr, depth);
			return;
		}
	cells = g_ptr_array_new_with_free_func(g_free);
	for (const xmlNode *c = tr->children; c != NULL; c = c->next)
		if (is_elem(c, "td") || is_elem(c, "th"))
			g_ptr_array_add(cells, cell_text(c, depth + 1));
	render_break(r);
	before = r->out->len;
	mime_text_row(r->out, cells);
	if (r->out->len > before) {
		r->line_start = true;
		r->space = false;
		r->newlines = 1;
	}
	g_ptr_array_free(cells, TRUE);
}

static void
render_node(struct render *r, const xmlNode *n, unsigned depth)
{
	if (depth > MAX_HTML_DEPTH)
		return;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content != NULL)
			render_text(r, (const char *)n->content);
		return;
	}
	if (n->type != XML_ELEMENT_NODE) {
		if (n->type == XML_HTML_DOCUMENT_NODE || n->type == XML_DOCUMENT_NODE)
			render_children(r, n, depth);
		return;
	}
	if (name_in(n, skipped, G_N_ELEMENTS(skipped)))
		return;
	if (is_elem(n, "br")) {
		render_newline(r);
		return;
	}
	if (is_elem(n, "tr")) {
		render_row(r, n, depth);
		return;
	}
	if (!name_in(n, blocks, G_N_ELEMENTS(blocks))) {
		render_children(r, n, depth);
		return;
	}
	render_break(r);
	if (is_elem(n, "pre"))
		r->pre++;
	render_children(r, n, depth);
	if (is_elem(n, "pre"))
		r->pre--;
	render_break(r);
}

char *
mime_html_to_text(const char *html, size_t len)
{
	struct render r = { .out = g_string_new(NULL), .line_start = true };
	htmlDocPtr doc = NULL;
	char *utf8 = mime_charset_decode(html, html != NULL ? len : 0, "UTF-8", NULL);
	size_t n = strlen(utf8);
	char *res;

	/* The text is UTF-8 now (no NULs, no BOM to sniff): a <meta charset>
	 * in it must not make libxml2 switch encodings. */
	if (n > 0 && n <= G_MAXINT)
		doc = htmlReadMemory(utf8, (int)n, NULL, "UTF-8",
				     HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
				     HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
				     HTML_PARSE_IGNORE_ENC);
	if (doc != NULL) {
		render_node(&r, (const xmlNode *)doc, 0);
		xmlFreeDoc(doc);
	}
	g_free(utf8);
	while (r.out->len > 0 && r.out->str[r.out->len - 1] == '\n')
		g_string_truncate(r.out, r.out->len - 1);
	/* libxml2 passes bad bytes through in recovery mode. */
	res = mime_charset_decode(r.out->str, r.out->len, "UTF-8", NULL);
	g_string_free(r.out, TRUE);
	return res;
}

void
mime_text_row(GString *out, GPtrArray *cells)
{
	GPtrArray *kept = g_ptr_array_new();

	for (guint i = 0; i < cells->len; i++) {
		char *c = g_strstrip((char *)g_ptr_array_index(cells, i));

		/* "label：" with an empty value stays: the field is missing. */
		if (c[0] != '\0' || (cells->len == 2 && i == 1 && kept->len == 1))
			g_ptr_array_add(kept, c);
	}
	if (kept->len == 2) {
		char *label = kept->pdata[0];
		size_t n = strlen(label);

		/* The label may bring its own colon. */
		for (;;) {
			if (n >= 3 && memcmp(label + n - 3, "\xEF\xBC\x9A", 3) == 0)
				n -= 3;
			else if (n >= 1 && (label[n - 1] == ':' || label[n - 1] == ' '))
				n--;
			else
				break;
		}
		g_string_append_len(out, label, (gssize)n);
		g_string_append(out, "\xEF\xBC\x9A");
		g_string_append(out, kept->pdata[1]);
		g_string_append_c(out, '\n');
	} else if (kept->len > 0) {
		for (guint i = 0; i < kept->len; i++) {
			if (i > 0)
				g_string_append_c(out, '\t');
			g_string_append(out, kept->pdata[i]);
		}
		g_string_append_c(out, '\n');
	}
	g_ptr_array_free(kept, TRUE);
}

char *
mime_html_charset(const char *html, size_t len)
{
	char *head, *res = NULL;
	const char *meta;

	/* An empty part's bytes are (NULL, 0): g_ascii_strdown() would
	 * return NULL and strstr() crash on it. */
	if (html == NULL || len == 0)
		return NULL;
	head = g_ascii_strdown(html, (gssize)MIN(len, 4096));
	for (meta = strstr(head, "<meta"); meta != NULL; meta = strstr(meta + 5, "<meta")) {
		const char *end = strchr(meta, '>');
		const char *cs = strstr(meta, "charset");
		size_t n = 0;

		if (cs == NULL || (end != NULL && cs > end))
			continue;
		cs += strlen("charset");
		while (*cs == ' ' || *cs == '=' || *cs == '"' || *cs == '\'')
			cs++;
		while (g_ascii_isalnum(cs[n]) || cs[n] == '-' || cs[n] == '_' ||
		       cs[n] == '.' || cs[n] == ':')
			n++;
		if (n > 0) {
			res = g_strndup(cs, n);
			break;
		}
	}
	g_free(head);
	return res;
}
