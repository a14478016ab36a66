#include "letter/template.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "letter/legal.h"

/* ---- memory ------------------------------------------------------------ */

/* Grows *v (n elements in use, *cap allocated) to hold one more. */
static void
grow(void **v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return;
	*cap = *cap ? *cap * 2 : 8;
	*v = g_realloc_n(*v, *cap, size);
}

/* ---- vocabulary ----------------------------------------------------------
 * The one list of names templates and callers share; a misspelt name is an
 * error on either side instead of a blank in a letter. */

struct vocab {
	const char *name;
	const char *meaning;
	const struct vocab *fields; /* a list: the fields of its items */
};

static const struct vocab missing_fields[] = {
	{ "label", "缺少或者不符合要求的要件（如“申请人身份证明”）", NULL },
	{ "what", "需要补正的内容和方式", NULL },
	{ NULL, NULL, NULL },
};

static const struct vocab files_fields[] = {
	{ "title", "提供的信息（文件）名称", NULL },
	{ NULL, NULL, NULL },
};

static const struct vocab attachments_fields[] = {
	{ "name", "附件名称（不带序号，如“政府信息公开申请表”）", NULL },
	{ NULL, NULL, NULL },
};

static const struct vocab published_fields[] = {
	{ "title", "已公开信息的名称", NULL },
	{ "where", "获取该信息的方式和途径（网址、栏目、场所）", NULL },
	{ NULL, NULL, NULL },
};

static const struct vocab withheld_fields[] = {
	{ "what", "不予公开的内容", NULL },
	{ "reason", "不予公开的具体理由（完整的句子，以句号结尾）", NULL },
	{ "ground", "不予公开的情形（由豁免代码生成）", NULL },
	{ "bureau_item", "依申请公开政务规定的条款（由豁免代码生成）", NULL },
	{ "regulation", "政府信息公开条例的条款（由豁免代码生成）", NULL },
	{ "consent", "非空：经权利人同意可以公开（由豁免代码生成）", NULL },
	{ NULL, NULL, NULL },
};

static const struct vocab vocabulary[] = {
	{ "office.name", "本机关名称", NULL },
	{ "office.short_name", "本机关简称（用于文号）", NULL },
	{ "office.address", "本机关通信地址", NULL },
	{ "office.postcode", "本机关邮政编码", NULL },
	{ "office.phone", "本机关联系电话", NULL },
	{ "office.email", "本机关电子邮箱", NULL },
	{ "office.fax", "本机关传真号码", NULL },
	{ "office.review_body", "行政复议机关", NULL },
	{ "office.court", "提起行政诉讼的人民法院", NULL },
	{ "office.remedy", "救济途径告知语（一般答复）", NULL },
	{ "office.remedy_refusal",
	  "救济途径告知语（不予公开、部分公开：先申请行政复议）", NULL },
	{ "office.seal_image", "印章图片（PNG）路径，不在正文中使用", NULL },
	{ "applicant.name", "申请人姓名或者名称", NULL },
	{ "applicant.address", "申请人通信地址", NULL },
	{ "applicant.postcode", "申请人邮政编码", NULL },
	{ "applicant.phone", "申请人联系电话", NULL },
	{ "applicant.email", "申请人电子邮箱", NULL },
	{ "applicant.fax", "申请人传真号码", NULL },
	{ "case.id", "登记号（如2026-000017）", NULL },
	{ "case.docnum", "本文书的文号", NULL },
	{ "case.request", "申请获取的信息内容", NULL },
	{ "case.channel", "申请方式（信函、传真、电子邮件）", NULL },
	{ "case.medium", "申请人要求的载体形式（纸面、电子邮件……）", NULL },
	{ "case.delivery", "提供信息的方式（邮寄、电子邮件、传真……）", NULL },
	{ "dates.received", "收到申请之日（2026年11月20日）", NULL },
	{ "dates.letter", "本文书落款日期", NULL },
	{ "dates.deadline", "答复期限届满之日", NULL },
	{ "dates.new_deadline", "延长后的答复期限届满之日", NULL },
	{ "period.reply", "答复期限（如十五个工作日）", NULL },
	{ "period.extension", "延长的答复期限", NULL },
	{ "period.correction", "补正期限", NULL },
	{ "extension.reason", "延期答复的理由", NULL },
	{ "info.proactive", "非空：属于主动公开范围但尚未主动公开", NULL },
	{ "refusal.ground", "不予公开的情形（由豁免代码生成）", NULL },
	{ "refusal.bureau_item", "依申请公开政务规定的条款（由豁免代码生成）",
	  NULL },
	{ "refusal.regulation", "政府信息公开条例的条款（由豁免代码生成）", NULL },
	{ "refusal.consent", "非空：经权利人同意可以公开（由豁免代码生成）",
	  NULL },
	{ "refusal.reason", "不予公开的具体理由（完整的句子，以句号结尾）", NULL },
	{ "outcome.basis", "办理结果的法律依据（legal.txt 的 [outcome.代码] basis）",
	  NULL },
	{ "outcome.text", "说明的情况（legal.txt 的 [outcome.代码] text）", NULL },
	{ "outcome.decision", "处理决定（legal.txt 的 [outcome.代码] decision）",
	  NULL },
	{ "outcome.reason", "具体理由（完整的句子，以句号结尾）", NULL },
	{ "outcome.where", "获取的途径（网址、场所、出版单位……）", NULL },
	{ "holder.name", "掌握该信息的机关名称（能够确定时）", NULL },
	{ "holder.contact", "该机关的联系方式", NULL },
	{ "holder.reason", "不属于本机关掌握的理由（完整的句子，以句号结尾）",
	  NULL },
	{ "search.scope", "检索的范围（档案、业务系统……）", NULL },
	{ "referral.kind", "事项的性质（如信访、投诉、举报；政策咨询）", NULL },
	{ "referral.consultation", "非空：属于咨询", NULL },
	{ "referral.channel", "应当通过的渠道及其联系方式", NULL },
	{ "previous.id", "此前相同申请的登记号", NULL },
	{ "previous.docnum", "此前答复书的文号", NULL },
	{ "previous.received", "此前相同申请的收到日期", NULL },
	{ "previous.replied", "此前作出答复的日期", NULL },
	{ "missing", "需要补正的事项（每项：label、what）", missing_fields },
	{ "files", "随答复提供的信息（每项：title）", files_fields },
	{ "attachments",
	  "随本文书附送的附件（每项：name），在“附件：”下逐项编号列出："
	  "办事员用 --attach 附上的文件、补正告知书所附的空白申请表等；"
	  "为空时不列附件说明，同名的附件只列一次",
	  attachments_fields },
	{ "published", "已主动公开的信息（每项：title、where）",
	  published_fields },
	{ "withheld", "不予公开的部分（每项：what、reason 及豁免字段）",
	  withheld_fields },
	{ NULL, NULL, NULL },
};

static const struct vocab *
vocab_find(const struct vocab *table, const char *name)
{
	for (; table->name != NULL; table++)
		if (strcmp(table->name, name) == 0)
			return table;
	return NULL;
}

const char *
letter_placeholder_meaning(const char *name)
{
	const struct vocab *v;
	const char *bracket = strstr(name, "[].");

	if (bracket == NULL) {
		v = vocab_find(vocabulary, name);
		return v ? v->meaning : NULL;
	}
	{
		char *list = g_strndup(name, (size_t)(bracket - name));

		v = vocab_find(vocabulary, list);
		g_free(list);
	}
	if (v == NULL || v->fields == NULL)
		return NULL;
	v = vocab_find(v->fields, bracket + 3);
	return v ? v->meaning : NULL;
}

/* ---- values --------------------------------------------------------------
 * Flat: the root maps full dotted names, an item maps its field names. */

struct value_entry {
	const struct vocab *v;
	char *str;
	struct letter_values **items;
	size_t n_items, cap_items;
};

struct letter_values {
	const struct vocab *schema; /* the vocabulary, or a list's fields */
	struct value_entry *e;
	size_t n, cap;
};

struct letter_values *
letter_values_new(void)
{
	struct letter_values *vals = g_new0(struct letter_values, 1);

	vals->schema = vocabulary;
	return vals;
}

void
letter_values_free(struct letter_values *vals)
{
	if (vals == NULL)
		return;
	for (size_t i = 0; i < vals->n; i++) {
		g_free(vals->e[i].str);
		for (size_t j = 0; j < vals->e[i].n_items; j++)
			letter_values_free(vals->e[i].items[j]);
		g_free(vals->e[i].items);
	}
	g_free(vals->e);
	g_free(vals);
}

static struct value_entry *
values_entry(const struct letter_values *vals, const struct vocab *v)
{
	for (size_t i = 0; i < vals->n; i++)
		if (vals->e[i].v == v)
			return &vals->e[i];
	return NULL;
}

/* The entry for key, created when missing; NULL (err set) when key is not
 * in vals' schema or is of the other type. */
static struct value_entry *
values_slot(struct letter_values *vals, const char *key, bool list,
	    struct ogi_error *err)
{
	const struct vocab *v = vocab_find(vals->schema, key);
	struct value_entry *e;

	if (v == NULL) {
		error_set(err, "unknown letter value name \"%s\"", key);
		return NULL;
	}
	if ((v->fields != NULL) != list) {
		error_set(err, list ? "letter value \"%s\" is not a list"
				    : "letter value \"%s\" is a list",
			  key);
		return NULL;
	}
	e = values_entry(vals, v);
	if (e != NULL)
		return e;
	grow((void **)&vals->e, vals->n, &vals->cap, sizeof(*vals->e));
	e = &vals->e[vals->n++];
	memset(e, 0, sizeof(*e));
	e->v = v;
	return e;
}

int
letter_values_set(struct letter_values *vals, const char *key,
		  const char *value, struct ogi_error *err)
{
	struct value_entry *e;

	if (!g_utf8_validate(value, -1, NULL)) {
		error_set(err, "letter value \"%s\" is not valid UTF-8", key);
		return -1;
	}
	e = values_slot(vals, key, false, err);
	if (e == NULL)
		return -1;
	g_free(e->str);
	e->str = g_strdup(value);
	return 0;
}

int
letter_values_setf(struct letter_values *vals, const char *key,
		   struct ogi_error *err, const char *fmt, ...)
{
	va_list ap;
	char *s;
	int rc;

	va_start(ap, fmt);
	s = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	rc = letter_values_set(vals, key, s, err);
	g_free(s);
	return rc;
}

int
letter_values_append(struct letter_values *vals, const char *key,
		     struct letter_values **item_r, struct ogi_error *err)
{
	struct value_entry *e = values_slot(vals, key, true, err);
	struct letter_values *item;

	if (e == NULL)
		return -1;
	item = g_new0(struct letter_values, 1);
	item->schema = e->v->fields;
	grow((void **)&e->items, e->n_items, &e->cap_items, sizeof(*e->items));
	e->items[e->n_items++] = item;
	*item_r = item;
	return 0;
}

const char *
letter_values_get(const struct letter_values *vals, const char *key)
{
	const struct vocab *v = vocab_find(vals->schema, key);
	const struct value_entry *e = v ? values_entry(vals, v) : NULL;

	return e ? e->str : NULL;
}

/* ---- template structure -------------------------------------------------- */

enum node_kind {
	N_TEXT,     /* s: literal text */
	N_VAR,      /* {{name}} */
	N_INDEX1,   /* {{@index1}}: 1, 2, 3 */
	N_INDEX_CN, /* {{@index_cn}}: 一, 二, 三 */
	N_IF,       /* {{#if}} / {{#unless}}: a then, b else */
	N_EACH,     /* {{#each list}}: a body */
	N_BLOCK,    /* a paragraph etc.: a its text, parts the rest */
};

enum special_cond { COND_NAME, COND_FIRST, COND_LAST };

struct node;

struct list {
	struct node **v;
	size_t n, cap;
};

struct node {
	enum node_kind kind;
	int line;
	char *s;
	size_t len, cap;          /* N_TEXT: strlen(s), bytes allocated */
	const struct vocab *var;  /* N_VAR, N_IF, N_EACH on a name */
	int level;                /* -1: on the root; else the #each level */
	enum special_cond cond;   /* N_IF */
	bool negate;              /* N_IF: {{#unless}} */
	bool has_else;
	struct list a, b;
	enum letter_block_kind block;
	struct list *parts;       /* FORM_CHOICE options, ATTACHMENTS lines */
	size_t n_parts;
	int box_lines;
};

struct letter_template {
	char *name;
	struct list root;
	char **used;
	size_t n_used, cap_used;
};

static void list_free(struct list *l);

static void
node_free(struct node *n)
{
	g_free(n->s);
	list_free(&n->a);
	list_free(&n->b);
	for (size_t i = 0; i < n->n_parts; i++)
		list_free(&n->parts[i]);
	g_free(n->parts);
	g_free(n);
}

static void
list_free(struct list *l)
{
	for (size_t i = 0; i < l->n; i++)
		node_free(l->v[i]);
	g_free(l->v);
}

static struct node *
list_add(struct list *l, enum node_kind kind, int line)
{
	struct node *n = g_new0(struct node, 1);

	n->kind = kind;
	n->line = line;
	n->level = -1;
	grow((void **)&l->v, l->n, &l->cap, sizeof(*l->v));
	l->v[l->n++] = n;
	return n;
}

void
letter_template_free(struct letter_template *tpl)
{
	if (tpl == NULL)
		return;
	list_free(&tpl->root);
	for (size_t i = 0; i < tpl->n_used; i++)
		g_free(tpl->used[i]);
	g_free(tpl->used);
	g_free(tpl->name);
	g_free(tpl);
}

size_t
letter_template_placeholders(const struct letter_template *tpl,
			     const char *const **names_r)
{
	*names_r = (const char *const *)tpl->used;
	return tpl->n_used;
}

/* ---- parser ---------------------------------------------------------------
 * Lines are read one by one.  Blocks (paragraphs) end at blank lines and
 * directive lines.  {{#if}}/{{#unless}}/{{#each}} sections are either inline
 * (inside one block) or around whole blocks: a section tag alone on a line
 * where no block is open starts a block-level section. */

enum frame_kind { F_ROOT, F_SECTION, F_BLOCK, F_INLINE };

struct frame {
	enum frame_kind kind;
	struct node *node;  /* the section or block node; NULL for F_ROOT */
	struct list *list;  /* where content goes now */
};

#define MAX_DEPTH 32
#define MAX_EACH 4

struct parser {
	struct letter_template *tpl;
	const char *name;
	struct frame st[MAX_DEPTH];
	size_t depth;
	struct node *block;       /* the open block, NULL between blocks */
	bool single_line;         /* the open block takes no more lines */
	bool last_alnum;          /* the block's text ends in an ASCII word */
	struct ogi_error *err;
};

static struct frame *
top(struct parser *p)
{
	return &p->st[p->depth - 1];
}

static int
push(struct parser *p, enum frame_kind kind, struct node *node,
     struct list *list, int line)
{
	if (p->depth == MAX_DEPTH) {
		error_set(p->err, "%s:%d: sections nested too deeply", p->name,
			  line);
		return -1;
	}
	p->st[p->depth++] = (struct frame){ kind, node, list };
	return 0;
}

static const char *
section_tag(const struct node *n)
{
	if (n->kind == N_EACH)
		return "each";
	return n->negate ? "unless" : "if";
}

static int
unclosed(struct parser *p, const struct node *n)
{
	error_set(p->err, "%s:%d: unclosed {{#%s %s}}", p->name, n->line,
		  section_tag(n), n->s);
	return -1;
}

static void
note_used(struct parser *p, const char *name)
{
	struct letter_template *tpl = p->tpl;

	for (size_t i = 0; i < tpl->n_used; i++)
		if (strcmp(tpl->used[i], name) == 0)
			return;
	grow((void **)&tpl->used, tpl->n_used, &tpl->cap_used,
	     sizeof(*tpl->used));
	tpl->used[tpl->n_used++] = g_strdup(name);
}

/* The #each sections open around the current position, outermost first. */
static size_t
each_scopes(struct parser *p, const struct node **scopes)
{
	size_t n = 0;

	for (size_t i = 0; i < p->depth; i++)
		if (p->st[i].node != NULL && p->st[i].node->kind == N_EACH)
			scopes[n++] = p->st[i].node;
	return n;
}

enum want { WANT_TEXT, WANT_LIST, WANT_ANY };

/* Binds n->s to the vocabulary: a field of the innermost #each that has
 * it, else a root name. */
static int
resolve(struct parser *p, struct node *n, const char *shown, enum want want)
{
	const struct node *scopes[MAX_DEPTH];
	size_t n_scopes = each_scopes(p, scopes);
	char used[256];

	n->var = NULL;
	for (size_t i = n_scopes; i-- > 0 && n->var == NULL;) {
		n->var = vocab_find(scopes[i]->var->fields, n->s);
		if (n->var != NULL) {
			n->level = (int)i;
			snprintf(used, sizeof(used), "%s[].%s",
				 scopes[i]->var->name, n->s);
		}
	}
	if (n->var == NULL) {
		n->var = vocab_find(vocabulary, n->s);
		snprintf(used, sizeof(used), "%s", n->s);
	}
	if (n->var == NULL) {
		error_set(p->err, "%s:%d: unknown placeholder %s", p->name,
			  n->line, shown);
		return -1;
	}
	if (want == WANT_LIST && n->var->fields == NULL) {
		error_set(p->err, "%s:%d: %s: %s is not a list", p->name,
			  n->line, shown, n->s);
		return -1;
	}
	if (want == WANT_TEXT && n->var->fields != NULL) {
		error_set(p->err, "%s:%d: %s: %s is a list; use {{#each %s}}",
			  p->name, n->line, shown, n->s, n->s);
		return -1;
	}
	note_used(p, used);
	return 0;
}

static bool
valid_name(const char *s)
{
	bool start = true;

	if (*s == '\0')
		return false;
	for (; *s; s++) {
		if (*s == '.') {
			if (start)
				return false;
			start = true;
		} else if ((*s >= 'a' && *s <= 'z') || *s == '_' ||
			   (!start && *s >= '0' && *s <= '9')) {
			start = false;
		} else {
			return false;
		}
	}
	return !start;
}

static int
open_section(struct parser *p, const char *tag, const char *arg,
	     const char *shown, enum frame_kind kind, int line)
{
	const struct node *scopes[MAX_DEPTH];
	bool each = strcmp(tag, "each") == 0;
	struct node *n = list_add(top(p)->list, each ? N_EACH : N_IF, line);

	n->s = g_strdup(arg);
	n->negate = strcmp(tag, "unless") == 0;
	if (!each && (strcmp(arg, "@first") == 0 || strcmp(arg, "@last") == 0)) {
		if (each_scopes(p, scopes) == 0) {
			error_set(p->err, "%s:%d: %s outside {{#each}}", p->name,
				  line, shown);
			return -1;
		}
		n->cond = arg[1] == 'f' ? COND_FIRST : COND_LAST;
	} else if (!valid_name(arg)) {
		error_set(p->err, "%s:%d: bad name in %s", p->name, line, shown);
		return -1;
	} else if (resolve(p, n, shown, each ? WANT_LIST : WANT_ANY) < 0) {
		return -1;
	} else if (each && each_scopes(p, scopes) == MAX_EACH) {
		error_set(p->err, "%s:%d: {{#each}} nested too deeply", p->name,
			  line);
		return -1;
	}
	return push(p, kind, n, &n->a, line);
}

/* {{else}} or {{/tag}} for the section in the top frame. */
static int
close_or_else(struct parser *p, const char *tag, const char *shown, int line)
{
	struct frame *f = top(p);
	struct node *n = f->node;

	if (f->kind != F_SECTION && f->kind != F_INLINE) {
		error_set(p->err, "%s:%d: %s without a matching opening tag%s",
			  p->name, line, shown,
			  f->kind == F_BLOCK ? " (a tag closing a section around "
			  "paragraphs goes on a line of its own)" : "");
		return -1;
	}
	if (strcmp(tag, "else") == 0) {
		if (n->kind != N_IF || n->has_else) {
			error_set(p->err, "%s:%d: {{else}} not allowed here "
				  "({{#%s %s}} from line %d)", p->name, line,
				  section_tag(n), n->s, n->line);
			return -1;
		}
		n->has_else = true;
		f->list = &n->b;
		return 0;
	}
	if (strcmp(tag + 1, section_tag(n)) != 0) {
		error_set(p->err, "%s:%d: %s closes {{#%s %s}} from line %d",
			  p->name, line, shown, section_tag(n), n->s, n->line);
		return -1;
	}
	p->depth--;
	return 0;
}

/* Splits "{{ x y }}" contents into a tag word and its argument. */
static void
split_tag(char *inner, char **word_r, char **arg_r)
{
	char *s = inner, *e;

	while (*s == ' ')
		s++;
	e = s + strlen(s);
	while (e > s && e[-1] == ' ')
		*--e = '\0';
	*word_r = s;
	for (; *s && *s != ' '; s++)
		;
	if (*s == ' ') {
		*s++ = '\0';
		while (*s == ' ')
			s++;
	}
	*arg_r = s;
}

static bool
is_opener(const char *word)
{
	return strcmp(word, "#if") == 0 || strcmp(word, "#unless") == 0 ||
	       strcmp(word, "#each") == 0;
}

static bool
is_closer(const char *word)
{
	return strcmp(word, "else") == 0 || strcmp(word, "/if") == 0 ||
	       strcmp(word, "/unless") == 0 || strcmp(word, "/each") == 0;
}

/* One {{...}} tag inside a block. */
static int
inline_tag(struct parser *p, const char *tagtext, size_t len, int line)
{
	char *shown = g_strndup(tagtext, len);
	char *inner = g_strndup(tagtext + 2, len - 4);
	char *word, *arg;
	const struct node *scopes[MAX_DEPTH];
	struct node *n;
	int rc = -1;

	split_tag(inner, &word, &arg);
	if (is_opener(word)) {
		rc = open_section(p, word + 1, arg, shown, F_INLINE, line);
	} else if (is_closer(word) && *arg == '\0') {
		rc = close_or_else(p, word, shown, line);
	} else if (*arg != '\0') {
		error_set(p->err, "%s:%d: bad placeholder %s", p->name, line,
			  shown);
	} else if (strcmp(word, "@index1") == 0 ||
		   strcmp(word, "@index_cn") == 0) {
		if (each_scopes(p, scopes) == 0) {
			error_set(p->err, "%s:%d: %s outside {{#each}}", p->name,
				  line, shown);
		} else {
			list_add(top(p)->list, word[6] == '1' ? N_INDEX1
							      : N_INDEX_CN,
				 line);
			rc = 0;
		}
	} else if (!valid_name(word)) {
		error_set(p->err, "%s:%d: bad placeholder %s", p->name, line,
			  shown);
	} else {
		n = list_add(top(p)->list, N_VAR, line);
		n->s = g_strdup(word);
		rc = resolve(p, n, shown, WANT_TEXT);
	}
	g_free(inner);
	g_free(shown);
	return rc;
}

static void
add_text(struct parser *p, const char *s, size_t n, int line)
{
	struct list *l = top(p)->list;
	struct node *last = l->n ? l->v[l->n - 1] : NULL;

	if (n == 0)
		return;
	/* A paragraph of many lines grows one text node: keep its length and
	 * grow it geometrically, or a long template parses in quadratic time. */
	if (last == NULL || last->kind != N_TEXT)
		last = list_add(l, N_TEXT, line);
	if (last->len + n + 1 > last->cap) {
		last->cap = (last->len + n + 1) * 2;
		last->s = g_realloc(last->s, last->cap);
	}
	memcpy(last->s + last->len, s, n);
	last->len += n;
	last->s[last->len] = '\0';
}

/* Text with tags, appended to the top frame. */
static int
parse_inline(struct parser *p, const char *s, size_t n, int line)
{
	const char *end = s + n;

	while (s < end) {
		const char *open = memmem(s, (size_t)(end - s), "{{", 2);
		const char *close;

		if (open == NULL) {
			add_text(p, s, (size_t)(end - s), line);
			break;
		}
		add_text(p, s, (size_t)(open - s), line);
		close = memmem(open + 2, (size_t)(end - open - 2), "}}", 2);
		if (close == NULL) {
			error_set(p->err, "%s:%d: \"{{\" without \"}}\" on the "
				  "same line", p->name, line);
			return -1;
		}
		if (inline_tag(p, open, (size_t)(close + 2 - open), line) < 0)
			return -1;
		s = close + 2;
	}
	return 0;
}

/* Parses one piece of a block that must not leave sections open. */
static int
parse_part(struct parser *p, struct list *into, const char *s, size_t n,
	   int line)
{
	size_t depth = p->depth;

	if (push(p, F_BLOCK, p->block, into, line) < 0)
		return -1;
	if (parse_inline(p, s, n, line) < 0)
		return -1;
	if (p->depth != depth + 1)
		return unclosed(p, top(p)->node);
	p->depth = depth;
	return 0;
}

static int
close_block(struct parser *p)
{
	if (p->block == NULL)
		return 0;
	if (top(p)->kind == F_INLINE)
		return unclosed(p, top(p)->node);
	p->depth--;
	p->block = NULL;
	return 0;
}

static const struct {
	const char *name;
	enum letter_block_kind kind;
} directives[] = {
	{ "title", LETTER_BLOCK_TITLE },
	{ "docnum", LETTER_BLOCK_DOCNUM },
	{ "to", LETTER_BLOCK_ADDRESSEE },
	{ "p", LETTER_BLOCK_PARAGRAPH },
	{ "heading", LETTER_BLOCK_HEADING },
	{ "item", LETTER_BLOCK_LIST_ITEM },
	{ "sign", LETTER_BLOCK_SIGNATURE },
	{ "date", LETTER_BLOCK_DATE },
	{ "attachments", LETTER_BLOCK_ATTACHMENTS },
	{ "field", LETTER_BLOCK_FORM_FIELD },
	{ "choice", LETTER_BLOCK_FORM_CHOICE },
	{ "pagebreak", LETTER_BLOCK_PAGE_BREAK },
};

static int
open_block(struct parser *p, enum letter_block_kind kind, int line)
{
	struct node *n = list_add(top(p)->list, N_BLOCK, line);

	n->block = kind;
	p->block = n;
	p->single_line = kind == LETTER_BLOCK_FORM_FIELD ||
			 kind == LETTER_BLOCK_FORM_CHOICE ||
			 kind == LETTER_BLOCK_PAGE_BREAK;
	p->last_alnum = false;
	return push(p, F_BLOCK, n, &n->a, line);
}

static struct list *
new_part(struct node *n)
{
	n->parts = g_renew(struct list, n->parts, n->n_parts + 1);
	memset(&n->parts[n->n_parts], 0, sizeof(*n->parts));
	return &n->parts[n->n_parts++];
}

static bool
ascii_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* A line of text for the open block. */
static int
block_line(struct parser *p, const char *s, size_t n, int line)
{
	struct node *b = p->block;

	if (b->block == LETTER_BLOCK_ATTACHMENTS)
		return parse_part(p, new_part(b), s, n, line);
	if (b->block == LETTER_BLOCK_PAGE_BREAK && n > 0) {
		error_set(p->err, "%s:%d: @pagebreak takes no text", p->name,
			  line);
		return -1;
	}
	/* Chinese text is joined as is; two ASCII words get a space. */
	if (p->last_alnum && n > 0 && ascii_alnum(s[0]))
		add_text(p, " ", 1, line);
	if (n > 0)
		p->last_alnum = ascii_alnum(s[n - 1]);
	return parse_inline(p, s, n, line);
}

/* "@field LABEL [LINES]": a trailing number is the height of the box. */
static int
field_args(struct parser *p, const char *s, size_t n, int line)
{
	size_t i = n;
	long lines = 1;

	while (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
		i--;
	if (i < n && i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t')) {
		lines = strtol(s + i, NULL, 10);
		if (lines < 1 || lines > 40) {
			error_set(p->err, "%s:%d: @field: box of %ld lines "
				  "(1 to 40)", p->name, line, lines);
			return -1;
		}
		n = i;
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
	}
	p->block->box_lines = (int)lines;
	return parse_part(p, &p->block->a, s, n, line);
}

/* "@choice LABEL | opt1 | opt2": split at "|" before placeholders are
 * filled in, so a value containing "|" stays one option. */
static int
choice_args(struct parser *p, const char *s, size_t n, int line)
{
	const char *end = s + n;
	bool first = true;

	for (;;) {
		const char *bar = memchr(s, '|', (size_t)(end - s));
		const char *e = bar ? bar : end;
		const char *a = s;

		while (a < e && (*a == ' ' || *a == '\t'))
			a++;
		while (e > a && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (parse_part(p, first ? &p->block->a : new_part(p->block), a,
			       (size_t)(e - a), line) < 0)
			return -1;
		first = false;
		if (bar == NULL)
			break;
		s = bar + 1;
	}
	if (p->block->n_parts == 0) {
		error_set(p->err, "%s:%d: @choice needs options: "
			  "@choice LABEL | OPTION | OPTION", p->name, line);
		return -1;
	}
	return 0;
}

static int
directive_line(struct parser *p, const char *s, size_t n, int line)
{
	size_t w = 1;
	size_t i;

	while (w < n && s[w] != ' ' && s[w] != '\t')
		w++;
	for (i = 0; i < G_N_ELEMENTS(directives); i++)
		if (strlen(directives[i].name) == w - 1 &&
		    memcmp(directives[i].name, s + 1, w - 1) == 0)
			break;
	if (i == G_N_ELEMENTS(directives)) {
		error_set(p->err, "%s:%d: unknown directive %.*s", p->name, line,
			  (int)w, s);
		return -1;
	}
	if (close_block(p) < 0 || open_block(p, directives[i].kind, line) < 0)
		return -1;
	while (w < n && (s[w] == ' ' || s[w] == '\t'))
		w++;
	s += w;
	n -= w;
	if (directives[i].kind == LETTER_BLOCK_FORM_FIELD)
		return field_args(p, s, n, line);
	if (directives[i].kind == LETTER_BLOCK_FORM_CHOICE)
		return choice_args(p, s, n, line);
	return n > 0 ? block_line(p, s, n, line) : 0;
}

/* A line holding nothing but one section tag. */
static bool
control_line(const char *s, size_t n, char **word_r, char **arg_r,
	     char **inner_r)
{
	char *inner;

	if (n < 5 || memcmp(s, "{{", 2) != 0 || memcmp(s + n - 2, "}}", 2) != 0 ||
	    memmem(s + 2, n - 4, "{{", 2) != NULL ||
	    memmem(s + 2, n - 4, "}}", 2) != NULL)
		return false;
	inner = g_strndup(s + 2, n - 4);
	split_tag(inner, word_r, arg_r);
	if (!is_opener(*word_r) && !is_closer(*word_r)) {
		g_free(inner);
		return false;
	}
	*inner_r = inner;
	return true;
}

/* Returns true for a section tag line that acts on whole blocks. */
static bool
block_level(struct parser *p, const char *word)
{
	if (p->block == NULL)
		return true;
	return is_closer(word) && top(p)->kind == F_BLOCK;
}

static int
section_line(struct parser *p, const char *s, size_t n, int line,
	     const char *word, const char *arg)
{
	char *shown = g_strndup(s, n);
	int rc;

	if (close_block(p) < 0)
		rc = -1;
	else if (is_opener(word))
		rc = open_section(p, word + 1, arg, shown, F_SECTION, line);
	else if (*arg != '\0') {
		error_set(p->err, "%s:%d: bad tag %s", p->name, line, shown);
		rc = -1;
	} else
		rc = close_or_else(p, word, shown, line);
	g_free(shown);
	return rc;
}

static bool
space_at(const char *s, size_t n, size_t *len_r)
{
	if (n >= 1 && (s[0] == ' ' || s[0] == '\t')) {
		*len_r = 1;
		return true;
	}
	/* U+3000 ideographic space: clerks indent paragraphs with it. */
	if (n >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0) {
		*len_r = 3;
		return true;
	}
	return false;
}

static void
trim(const char **s, size_t *n)
{
	size_t k;

	while (space_at(*s, *n, &k)) {
		*s += k;
		*n -= k;
	}
	for (;;) {
		if (*n >= 1 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
			*n -= 1;
		else if (*n >= 3 && memcmp(*s + *n - 3, "\xe3\x80\x80", 3) == 0)
			*n -= 3;
		else
			break;
	}
}

static int
parse_line(struct parser *p, const char *s, size_t n, int line)
{
	char *word, *arg, *inner;
	int rc;

	trim(&s, &n);
	if (n == 0)
		return close_block(p);
	if (s[0] == '#')
		return 0;
	if (s[0] == '@')
		return directive_line(p, s, n, line);
	if (control_line(s, n, &word, &arg, &inner)) {
		if (block_level(p, word) || p->single_line)
			rc = section_line(p, s, n, line, word, arg);
		else
			rc = block_line(p, s, n, line);
		g_free(inner);
		return rc;
	}
	if (p->single_line && close_block(p) < 0)
		return -1;
	if (p->block == NULL && open_block(p, LETTER_BLOCK_PARAGRAPH, line) < 0)
		return -1;
	return block_line(p, s, n, line);
}

/* The line starting at s: sets *n_r to its length without the line end
 * and returns where the next line starts.  A line ends at LF, CRLF or a
 * lone CR (old Mac editors), or at the end of the text. */
static const char *
next_line(const char *s, size_t *n_r)
{
	size_t n = strcspn(s, "\r\n");

	*n_r = n;
	if (s[n] == '\r' && s[n + 1] == '\n')
		return s + n + 2;
	return s[n] != '\0' ? s + n + 1 : s + n;
}

/* The line number of at, a byte of text before its end. */
static int
line_of(const char *text, const char *at)
{
	int line = 1;
	size_t n;

	for (const char *s = next_line(text, &n); s <= at;
	     s = next_line(s, &n))
		line++;
	return line;
}

static int
parse_text(struct parser *p, const char *text)
{
	const char *s = text, *bad;
	int line = 0;
	size_t n;

	if (!g_utf8_validate(text, -1, &bad)) {
		error_set(p->err, "%s:%d: not valid UTF-8 (save the file as "
			  "UTF-8)", p->name, line_of(text, bad));
		return -1;
	}
	if (strncmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	while (*s) {
		const char *next = next_line(s, &n);

		line++;
		if (parse_line(p, s, n, line) < 0)
			return -1;
		s = next;
	}
	if (close_block(p) < 0)
		return -1;
	if (p->depth > 1)
		return unclosed(p, top(p)->node);
	return 0;
}

int
letter_template_parse(const char *name, const char *text,
		      struct letter_template **tpl_r, struct ogi_error *err)
{
	struct parser p = { 0 };

	p.tpl = g_new0(struct letter_template, 1);
	p.tpl->name = g_strdup(name);
	p.name = p.tpl->name;
	p.err = err;
	p.st[0] = (struct frame){ F_ROOT, NULL, &p.tpl->root };
	p.depth = 1;
	if (parse_text(&p, text) < 0) {
		letter_template_free(p.tpl);
		return -1;
	}
	*tpl_r = p.tpl;
	return 0;
}

#define MAX_TEMPLATE_SIZE (1 << 20)

int
letter_template_load(const char *path, struct letter_template **tpl_r,
		     struct ogi_error *err)
{
	FILE *f = fopen(path, "rb");
	char *text;
	size_t n;
	int rc;

	if (f == NULL) {
		error_set(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	text = g_malloc(MAX_TEMPLATE_SIZE + 1);
	n = fread(text, 1, MAX_TEMPLATE_SIZE + 1, f);
	if (ferror(f)) {
		error_set(err, "%s: read error", path);
		rc = -1;
	} else if (n > MAX_TEMPLATE_SIZE) {
		error_set(err, "%s: larger than %d bytes", path,
			  MAX_TEMPLATE_SIZE);
		rc = -1;
	} else if (memchr(text, '\0', n) != NULL) {
		error_set(err, "%s: contains a NUL byte (not a text file)",
			  path);
		rc = -1;
	} else {
		text[n] = '\0';
		rc = letter_template_parse(path, text, tpl_r, err);
	}
	fclose(f);
	g_free(text);
	return rc;
}

/* ---- expansion ----------------------------------------------------------- */

struct expander {
	const struct letter_template *tpl;
	const struct letter_values *root;
	const struct letter_values *item[MAX_EACH];
	const struct node *each[MAX_EACH];
	size_t index[MAX_EACH], count[MAX_EACH];
	size_t n_each;
	int in_cond;              /* inside an {{#if}} / {{#unless}} */
	struct letter_doc *doc;
	size_t cap_blocks;
	struct ogi_error *err;
};

static const struct value_entry *
lookup(const struct expander *ex, const struct node *n)
{
	const struct letter_values *vals =
		n->level < 0 ? ex->root : ex->item[n->level];

	return values_entry(vals, n->var);
}

static int expand_list(struct expander *ex, const struct list *l,
		       GString *out);

static bool
truthy(const struct expander *ex, const struct node *n)
{
	const struct value_entry *e;
	size_t level = ex->n_each - 1;

	if (n->cond == COND_FIRST)
		return ex->index[level] == 0;
	if (n->cond == COND_LAST)
		return ex->index[level] + 1 == ex->count[level];
	e = lookup(ex, n);
	if (e == NULL)
		return false;
	return n->var->fields ? e->n_items > 0 : e->str && *e->str;
}

static int
expand_if(struct expander *ex, const struct node *n, GString *out)
{
	int rc;

	ex->in_cond++;
	rc = expand_list(ex, truthy(ex, n) != n->negate ? &n->a : &n->b, out);
	ex->in_cond--;
	return rc;
}

/* Takes s as an item of b unless it is empty, or an attachment b already
 * lists (the template's own and the same name in the list of attachments
 * the letter was given). */
static void
block_add_item(struct letter_block *b, char *s)
{
	bool dup = false;

	for (size_t i = 0; b->kind == LETTER_BLOCK_ATTACHMENTS && i < b->n_items; i++)
		dup |= strcmp(b->items[i], s) == 0;
	if (*s == '\0' || dup) {
		g_free(s);
		return;
	}
	b->items = g_renew(char *, b->items, b->n_items + 1);
	b->items[b->n_items++] = s;
}

/* Runs body once per item of n's list; attach (when not NULL) collects one
 * string per item instead of expanding into out. */
static int
expand_each(struct expander *ex, const struct node *n, GString *out,
	    struct letter_block *attach)
{
	const struct value_entry *e = lookup(ex, n);
	size_t count = e ? e->n_items : 0;
	size_t level = ex->n_each;

	if (count == 0 && ex->in_cond == 0) {
		error_set(ex->err, "%s:%d: the list {{#each %s}} is empty",
			  ex->tpl->name, n->line, n->s);
		return -1;
	}
	ex->n_each++;
	ex->count[level] = count;
	ex->each[level] = n;
	for (size_t i = 0; i < count; i++) {
		GString *one = attach ? g_string_new(NULL) : NULL;

		ex->item[level] = e->items[i];
		ex->index[level] = i;
		if (expand_list(ex, &n->a, attach ? one : out) < 0) {
			if (one != NULL)
				g_string_free(one, TRUE);
			ex->n_each--;
			return -1;
		}
		if (attach != NULL)
			block_add_item(attach, g_string_free(one, FALSE));
	}
	ex->n_each--;
	return 0;
}

/* A value is one run of text: line breaks and other control characters
 * (an applicant's wrapped mail text) become one space, so no value adds a
 * line or a paragraph to the letter. */
static bool
is_control(char c)
{
	return c != '\0' && ((unsigned char)c < 0x20 || c == 0x7f);
}

static void
add_value(GString *out, const char *s)
{
	while (*s) {
		size_t n = 0;

		while (s[n] != '\0' && !is_control(s[n]))
			n++;
		g_string_append_len(out, s, (gssize)n);
		s += n;
		if (*s == '\0')
			break;
		while (is_control(*s))
			s++;
		g_string_append_c(out, ' ');
	}
}

static int
expand_var(struct expander *ex, const struct node *n, GString *out)
{
	const struct value_entry *e = lookup(ex, n);

	if (e != NULL && e->str != NULL && *e->str != '\0') {
		add_value(out, e->str);
		return 0;
	}
	if (ex->in_cond > 0)
		return 0;
	if (n->level < 0)
		error_set(ex->err, "%s:%d: no value for {{%s}}", ex->tpl->name,
			  n->line, n->s);
	else
		error_set(ex->err, "%s:%d: no value for {{%s}} in item %zu of "
			  "{{#each %s}}", ex->tpl->name, n->line, n->s,
			  ex->index[n->level] + 1, ex->each[n->level]->s);
	return -1;
}

static void
expand_index(const struct expander *ex, const struct node *n,
	     GString *out)
{
	size_t i = ex->index[ex->n_each - 1] + 1;
	char *cn;

	if (n->kind == N_INDEX1 || letter_number_cn((int)i, &cn, NULL) < 0) {
		g_string_append_printf(out, "%zu", i);
		return;
	}
	g_string_append(out, cn);
	g_free(cn);
}

static char *
expand_to_string(struct expander *ex, const struct list *l)
{
	GString *b = g_string_new(NULL);

	if (expand_list(ex, l, b) < 0) {
		g_string_free(b, TRUE);
		return NULL;
	}
	return g_string_free(b, FALSE);
}

static void
block_clear(struct letter_block *b)
{
	g_free(b->text);
	for (size_t i = 0; i < b->n_items; i++)
		g_free(b->items[i]);
	g_free(b->items);
}

/* The one list an {{#each}} may go over empty outside a condition: most
 * letters go without attachments, and an @attachments line
 * {{#each attachments}} then lists nothing (other lists stay strict: a
 * reply that provides files must name them). */
#define OPTIONAL_LIST "attachments"

/* Attachments and choice options: one item per part; an attachments line
 * that is a single {{#each}} gives one item per list item. */
static int
expand_parts(struct expander *ex, const struct node *n, struct letter_block *b)
{
	for (size_t i = 0; i < n->n_parts; i++) {
		const struct list *part = &n->parts[i];
		char *s;

		if (n->block == LETTER_BLOCK_ATTACHMENTS && part->n == 1 &&
		    part->v[0]->kind == N_EACH) {
			const struct node *each = part->v[0];
			const struct value_entry *e = lookup(ex, each);

			if ((e == NULL || e->n_items == 0) &&
			    strcmp(each->var->name, OPTIONAL_LIST) == 0)
				continue;
			if (expand_each(ex, each, NULL, b) < 0)
				return -1;
			continue;
		}
		s = expand_to_string(ex, part);
		if (s == NULL)
			return -1;
		block_add_item(b, s);
	}
	return 0;
}

static int
expand_block(struct expander *ex, const struct node *n)
{
	struct letter_block b = { .kind = n->block, .box_lines = n->box_lines };
	struct letter_doc *doc = ex->doc;

	/* The items of @attachments are its parts, one per line. */
	b.text = n->block == LETTER_BLOCK_ATTACHMENTS
			 ? g_strdup("附件")
			 : expand_to_string(ex, &n->a);
	if (b.text == NULL || expand_parts(ex, n, &b) < 0)
		goto fail;
	if (n->block == LETTER_BLOCK_ADDRESSEE && *b.text != '\0' &&
	    !g_str_has_suffix(b.text, "：")) {
		char *text = b.text;
		size_t len = strlen(text);

		if (text[len - 1] == ':')
			text[len - 1] = '\0';
		b.text = g_strconcat(text, "：", NULL);
		g_free(text);
	}
	/* A block whose text all sat in false conditions is left out. */
	if ((n->block == LETTER_BLOCK_ATTACHMENTS && b.n_items == 0) ||
	    (n->block != LETTER_BLOCK_ATTACHMENTS &&
	     n->block != LETTER_BLOCK_PAGE_BREAK && *b.text == '\0')) {
		block_clear(&b);
		return 0;
	}
	if (n->block == LETTER_BLOCK_TITLE && doc->title == NULL)
		doc->title = g_strdup(b.text);
	grow((void **)&doc->blocks, doc->n_blocks, &ex->cap_blocks,
	     sizeof(*doc->blocks));
	doc->blocks[doc->n_blocks++] = b;
	return 0;
fail:
	block_clear(&b);
	return -1;
}

/* out NULL: block level (the list holds blocks and sections); else inline. */
static int
expand_list(struct expander *ex, const struct list *l, GString *out)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct node *n = l->v[i];
		int rc = 0;

		switch (n->kind) {
		case N_TEXT:
			g_string_append(out, n->s);
			break;
		case N_VAR:
			rc = expand_var(ex, n, out);
			break;
		case N_INDEX1:
		case N_INDEX_CN:
			expand_index(ex, n, out);
			break;
		case N_IF:
			rc = expand_if(ex, n, out);
			break;
		case N_EACH:
			rc = expand_each(ex, n, out, NULL);
			break;
		case N_BLOCK:
			rc = expand_block(ex, n);
			break;
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

static char *
value_or_null(const struct letter_values *vals, const char *key)
{
	const char *s = letter_values_get(vals, key);

	return s && *s ? g_strdup(s) : NULL;
}

int
letter_template_expand(const struct letter_template *tpl,
		       const struct letter_values *vals,
		       struct letter_doc **doc_r, struct ogi_error *err)
{
	struct expander ex = { .tpl = tpl, .root = vals, .err = err };

	ex.doc = g_new0(struct letter_doc, 1);
	if (expand_list(&ex, &tpl->root, NULL) < 0) {
		letter_doc_free(ex.doc);
		return -1;
	}
	ex.doc->author = value_or_null(vals, "office.name");
	ex.doc->seal_png = value_or_null(vals, "office.seal_image");
	*doc_r = ex.doc;
	return 0;
}

void
letter_doc_free(struct letter_doc *doc)
{
	if (doc == NULL)
		return;
	for (size_t i = 0; i < doc->n_blocks; i++)
		block_clear(&doc->blocks[i]);
	g_free(doc->blocks);
	g_free(doc->title);
	g_free(doc->author);
	g_free(doc->seal_png);
	g_free(doc);
}

/* ---- helpers for values -------------------------------------------------- */

static bool
parse_iso_date(const char *iso, int *y, int *m, int *d)
{
	if (iso == NULL || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (iso[i] < '0' || iso[i] > '9'))
			return false;
	*y = atoi(iso);
	*m = atoi(iso + 5);
	*d = atoi(iso + 8);
	return *y >= 1000 &&
	       g_date_valid_dmy((GDateDay)*d, (GDateMonth)*m, (GDateYear)*y);
}

int
letter_date_cn(const char *iso, char **out_r, struct ogi_error *err)
{
	int y, m, d;

	if (!parse_iso_date(iso, &y, &m, &d)) {
		error_set(err, "\"%s\" is not a date (YYYY-MM-DD)",
			  iso ? iso : "(null)");
		return -1;
	}
	*out_r = g_strdup_printf("%d年%d月%d日", y, m, d);
	return 0;
}

int
letter_number_cn(int n, char **out_r, struct ogi_error *err)
{
	static const char *const digit[] = { "零", "一", "二", "三", "四",
					     "五", "六", "七", "八", "九" };
	static const char *const unit[] = { "千", "百", "十", "" };
	GString *b;
	bool started = false, zero = false;
	int div = 1000;

	if (n < 0 || n > 9999) {
		error_set(err, "%d: out of range for Chinese numerals", n);
		return -1;
	}
	b = g_string_new(n == 0 ? digit[0] : NULL);
	for (int pos = 0; pos < 4; pos++, div /= 10) {
		int dg = n / div % 10;

		if (dg == 0) {
			zero = started;
			continue;
		}
		if (zero)
			g_string_append(b, digit[0]);
		/* 10..19 read 十, 十五: no leading 一. */
		if (!(pos == 2 && dg == 1 && !started))
			g_string_append(b, digit[dg]);
		g_string_append(b, unit[pos]);
		started = true;
		zero = false;
	}
	*out_r = g_string_free(b, FALSE);
	return 0;
}

int
letter_workdays_cn(int n, char **out_r, struct ogi_error *err)
{
	char *num;

	if (n < 1) {
		error_set(err, "%d working days: must be at least 1", n);
		return -1;
	}
	if (letter_number_cn(n, &num, err) < 0)
		return -1;
	*out_r = g_strdup_printf("%s个工作日", num);
	g_free(num);
	return 0;
}

/* Replaces each {name} of pattern with the value of the same index; a
 * NULL value or an unknown name is an error naming `what`. */
static int
fill_braces(const char *what, const char *pattern, const char *const *names,
	    const char *const *values, size_t n, char **out_r,
	    struct ogi_error *err)
{
	GString *b = g_string_new(NULL);
	const char *s = pattern;

	while (*s) {
		const char *open = strchr(s, '{'), *close;
		size_t i;

		if (open == NULL) {
			g_string_append(b, s);
			break;
		}
		g_string_append_len(b, s, open - s);
		close = strchr(open, '}');
		if (close == NULL) {
			error_set(err, "%s \"%s\": \"{\" without \"}\"", what,
				  pattern);
			goto fail;
		}
		for (i = 0; i < n; i++)
			if (strlen(names[i]) == (size_t)(close - open - 1) &&
			    memcmp(names[i], open + 1, strlen(names[i])) == 0)
				break;
		if (i == n) {
			error_set(err, "%s \"%s\": unknown %.*s", what, pattern,
				  (int)(close - open + 1), open);
			goto fail;
		}
		if (values[i] == NULL || *values[i] == '\0') {
			error_set(err, "%s \"%s\": no value for {%s}", what,
				  pattern, names[i]);
			goto fail;
		}
		g_string_append(b, values[i]);
		s = close + 1;
	}
	*out_r = g_string_free(b, FALSE);
	return 0;
fail:
	g_string_free(b, TRUE);
	return -1;
}

int
letter_docnum_format(const char *pattern, const char *short_name, int year,
		     int seq, char **out_r, struct ogi_error *err)
{
	static const char *const names[] = { "short", "year", "seq" };
	char y[16], q[16];
	const char *values[] = { short_name, y, q };

	if (year < 1000 || year > 9999 || seq < 1) {
		error_set(err, "document number: year %d / sequence %d out of "
			  "range", year, seq);
		return -1;
	}
	snprintf(y, sizeof(y), "%d", year);
	snprintf(q, sizeof(q), "%d", seq);
	return fill_braces("document number pattern", pattern, names, values,
			   3, out_r, err);
}

int
letter_remedy_text(const char *pattern, const char *review_body,
		   const char *court, char **out_r, struct ogi_error *err)
{
	static const char *const names[] = { "review_body", "court" };
	const char *values[] = { review_body, court };

	return fill_braces("remedy sentence", pattern, names, values, 2, out_r,
			   err);
}

/* ---- letter kinds and sample data ---------------------------------------- */

static const char *const kinds[] = {
	"receipt", "correction", "extension", "reply-published",
	"reply-provided", "reply-partial", "reply-refused", "reply-not-held",
	"reply-not-exist", "reply-notice", "not-application", "repeat", "form",
};

const char *const *
letter_kinds(size_t *n_r)
{
	*n_r = G_N_ELEMENTS(kinds);
	return kinds;
}

bool
letter_kind_known(const char *kind)
{
	for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++)
		if (strcmp(kinds[i], kind) == 0)
			return true;
	return false;
}

/* Sample data, as (name, value) pairs: "+list" starts a new item of list,
 * a name without "." is a field of that item; from the legal texts,
 * "=exemption" applies an exemption code (to the item, or to refusal.* on
 * the root), "=outcome" the values of an outcome code, and "=NAME" sets
 * NAME to the document number of sequence value. */
static const char *const sample_common[] = {
	"office.name", "通辽市人力资源和社会保障局",
	"office.short_name", "通人社",
	"office.address", "内蒙古自治区通辽市科尔沁区建国路",
	"office.postcode", "028000",
	"office.phone", "0475-8888888",
	"office.email", "ogi@example.gov.cn",
	"office.fax", "0475-8888889",
	"office.review_body", "通辽市人民政府",
	"office.court", "通辽市科尔沁区人民法院",
	"applicant.name", "王建国",
	"applicant.address", "内蒙古自治区通辽市科尔沁区和平路58号3单元502室",
	"applicant.postcode", "028000",
	"applicant.phone", "139 0475 0000",
	"applicant.email", "wangjianguo@example.com",
	"case.id", "2026-000017",
	"case.request", "2025年度通辽市本级失业保险基金收支情况及稳岗返还资金"
			"发放企业名单",
	"case.channel", "电子邮件",
	"case.medium", "电子邮件",
	"case.delivery", "电子邮件",
	"dates.received", "2026年11月20日",
	"dates.deadline", "2026年12月11日",
	"dates.letter", "2026年12月8日",
	NULL,
};

static const char *const sample_receipt[] = {
	"dates.letter", "2026年11月20日",
	NULL,
};

static const char *const sample_correction[] = {
	"dates.letter", "2026年11月24日",
	"+missing", "",
	"label", "申请人身份证明",
	"what", "请提供申请人居民身份证复印件（正反面）或者清晰的扫描件、照片。",
	"+missing", "",
	"label", "申请人签名",
	"what", "来信未签名。请在申请书或者所附政府信息公开申请表的"
		"“申请人签名（盖章）”处签名，并注明申请日期。",
	"+missing", "",
	"label", "所需信息的内容描述",
	"what", "“稳岗返还资金发放企业名单”未写明所指的年度和发放批次。"
		"请写明所需名单的年度、批次，或者公布该名单的文件名称、文号。",
	NULL,
};

static const char *const sample_extension[] = {
	"dates.letter", "2026年12月9日",
	"extension.reason", "您申请的信息涉及2025年度分四个批次发放的稳岗返还资金，"
			    "数据量较大，需要会同通辽市就业服务中心逐项核对",
	"dates.new_deadline", "2027年1月4日",
	NULL,
};

static const char *const sample_published[] = {
	"=outcome", "published",
	"case.request", "2025年度通辽市社会保险基金决算情况",
	"+published", "",
	"title", "通辽市2025年度社会保险基金决算情况",
	"where", "本机关已于2026年6月30日在门户网站“政府信息公开—财政资金”"
		 "栏目公开，网址：https://rsj.example.gov.cn/xxgk/czzj/",
	"+published", "",
	"title", "关于2025年度社会保险基金决算的说明",
	"where", "与上述决算情况同时公开，也可以在本机关政务服务大厅公开查阅点"
		 "查阅",
	NULL,
};

static const char *const sample_provided[] = {
	"=outcome", "provided",
	"+files", "",
	"title", "2025年度通辽市本级失业保险基金收支情况表",
	"+files", "",
	"title", "2025年度失业保险稳岗返还资金发放企业名单",
	NULL,
};

static const char *const sample_partial[] = {
	"=outcome", "partial",
	"+files", "",
	"title", "2025年度通辽市本级失业保险基金收支情况表",
	"+files", "",
	"title", "2025年度失业保险稳岗返还资金发放企业名单（已作区分处理）",
	"+withheld", "",
	"what", "发放企业名单中各企业的银行账户信息",
	"=exemption", "commercial_secret",
	"reason", "本机关已书面征求有关企业的意见，有关企业不同意公开。",
	"+withheld", "",
	"what", "名单中个体工商户经营者的身份证件号码和手机号码",
	"=exemption", "privacy",
	"reason", "上述号码涉及第三方自然人的身份信息和联系方式，"
		  "公开会对其合法权益造成损害。",
	NULL,
};

static const char *const sample_refused[] = {
	"case.request", "2027年度通辽市失业保险费率调整方案（讨论稿）及相关会议"
			"讨论记录",
	"=exemption", "in_process",
	"refusal.reason", "该方案目前仍在研究论证中，尚未形成正式决定，"
			  "您申请的讨论稿和会议讨论记录属于过程性信息。",
	NULL,
};

static const char *const sample_not_held[] = {
	"=outcome", "unavailable.not_held",
	"case.request", "2025年度通辽市社会保险基金财政专户存款利息收入情况",
	"holder.reason", "社会保险基金财政专户由财政部门管理，专户的存款利息"
			 "收入情况不由本机关制作或者保存。",
	"holder.name", "通辽市财政局",
	"holder.contact", "通辽市科尔沁区西拉木伦大街，联系电话0475-8000000",
	NULL,
};

static const char *const sample_not_exist[] = {
	"case.request", "1998年通辽市再就业服务中心托管下岗职工名册",
	"search.scope", "本机关文书档案、人事档案目录和就业失业业务经办系统",
	NULL,
};

static const char *const sample_notice[] = {
	"case.request", "2016年至2025年通辽市各旗县失业保险金领取人数按年龄段、"
			"行业汇总的统计分析报告",
	"=outcome", "unavailable.new_info",
	"outcome.reason", "本机关掌握的是逐月的失业保险金发放明细，没有按年龄段、"
			  "行业汇总的统计分析报告。",
	NULL,
};

static const char *const sample_not_application[] = {
	"case.request", "要求查处通辽市某物业服务公司拖欠本人2026年8月至10月"
			"工资的问题并答复处理结果",
	"referral.kind", "投诉举报",
	"referral.channel", "向通辽市劳动保障监察支队投诉（地址：通辽市科尔沁区"
			    "建国路，投诉电话12333），或者通过12345政务服务便民热线",
	NULL,
};

static const char *const sample_repeat[] = {
	"previous.id", "2026-000009",
	"=previous.docnum", "9",
	"previous.received", "2026年10月12日",
	"previous.replied", "2026年10月30日",
	NULL,
};

static const struct {
	const char *kind;
	const char *const *pairs;
	int docnum_seq;
} samples[] = {
	{ "receipt", sample_receipt, 41 },
	{ "correction", sample_correction, 42 },
	{ "extension", sample_extension, 45 },
	{ "reply-published", sample_published, 46 },
	{ "reply-provided", sample_provided, 46 },
	{ "reply-partial", sample_partial, 46 },
	{ "reply-refused", sample_refused, 46 },
	{ "reply-not-held", sample_not_held, 46 },
	{ "reply-not-exist", sample_not_exist, 46 },
	{ "reply-notice", sample_notice, 46 },
	{ "not-application", sample_not_application, 43 },
	{ "repeat", sample_repeat, 44 },
	{ "form", NULL, 0 },
};

/* Sets key to the document number of sequence seq, unless seq is 0. */
static int
sample_docnum(struct letter_values *vals, const struct letter_legal *legal,
	      const char *key, int seq, struct ogi_error *err)
{
	char *s;
	int rc;

	if (seq == 0)
		return 0;
	if (letter_docnum_format(legal->docnum_format,
				 letter_values_get(vals, "office.short_name"),
				 2026, seq, &s, err) < 0)
		return -1;
	rc = letter_values_set(vals, key, s, err);
	g_free(s);
	return rc;
}

static int
sample_apply(struct letter_values *vals, const struct letter_legal *legal,
	     const char *const *pairs, struct ogi_error *err)
{
	struct letter_values *item = NULL;

	for (; pairs != NULL && *pairs != NULL; pairs += 2) {
		const char *key = pairs[0], *value = pairs[1];
		int rc;

		if (key[0] == '+')
			rc = letter_values_append(vals, key + 1, &item, err);
		else if (strcmp(key, "=exemption") == 0)
			rc = letter_values_set_exemption(item ? item : vals, legal,
							 item ? NULL : "refusal",
							 value, err);
		else if (strcmp(key, "=outcome") == 0)
			rc = letter_values_set_outcome(vals, legal, value, err);
		else if (key[0] == '=')
			rc = sample_docnum(vals, legal, key + 1, atoi(value), err);
		else
			rc = letter_values_set(strchr(key, '.') ? vals : item,
					       key, value, err);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int
sample_derived(struct letter_values *vals, const struct letter_legal *legal,
	       int seq, struct ogi_error *err)
{
	const char *review = letter_values_get(vals, "office.review_body");
	const char *court = letter_values_get(vals, "office.court");
	static const struct {
		const char *key;
		int days;
	} periods[] = {
		{ "period.reply", 15 },
		{ "period.extension", 15 },
		{ "period.correction", 15 },
	};
	char *s;

	for (size_t i = 0; i < G_N_ELEMENTS(periods); i++) {
		if (letter_workdays_cn(periods[i].days, &s, err) < 0)
			return -1;
		letter_values_set(vals, periods[i].key, s, NULL);
		g_free(s);
	}
	if (letter_remedy_text(legal->remedy, review, court, &s, err) < 0)
		return -1;
	letter_values_set(vals, "office.remedy", s, NULL);
	g_free(s);
	if (letter_remedy_text(legal->remedy_refusal, review, court, &s, err) < 0)
		return -1;
	letter_values_set(vals, "office.remedy_refusal", s, NULL);
	g_free(s);
	return sample_docnum(vals, legal, "case.docnum", seq, err);
}

int
letter_sample_values(const char *kind, const struct letter_legal *legal,
		     struct letter_values **vals_r, struct ogi_error *err)
{
	struct letter_values *vals;

	for (size_t i = 0; i < G_N_ELEMENTS(samples); i++) {
		if (strcmp(samples[i].kind, kind) != 0)
			continue;
		vals = letter_values_new();
		if (sample_apply(vals, legal, sample_common, err) < 0 ||
		    sample_apply(vals, legal, samples[i].pairs, err) < 0 ||
		    sample_derived(vals, legal, samples[i].docnum_seq, err) < 0) {
			error_prefix(err, "sample values for %s", kind);
			letter_values_free(vals);
			return -1;
		}
		*vals_r = vals;
		return 0;
	}
	error_set(err, "unknown letter kind \"%s\"", kind);
	return -1;
}
