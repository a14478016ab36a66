#include "workflow/digest.h"

#include <glib.h>

static const char *const digest_titles[DIGEST_SECTIONS] = {
	[DIGEST_NEW] = "新登记的申请",
	[DIGEST_AWAITING] = "等待补正或审核",
	[DIGEST_DUE_SOON] = "3个工作日内到期",
	[DIGEST_OVERDUE] = "已超过答复期限",
	[DIGEST_FAILED] = "送达失败",
	[DIGEST_HOLDING] = "待处理邮件（ogictl holding）",
	[DIGEST_CALENDAR] = "节假日日历提醒",
};

/* The table's column heads. */
static const char *const digest_heads[] = { "事项", "状态", "期限", "说明" };

const char *
workflow_digest_title(enum digest_section s)
{
	return digest_titles[s];
}

static const char *
digest_cell(const char *v)
{
	return v != NULL && v[0] != '\0' ? v : "-";
}

static void
digest_text(GString *t, const struct digest *d)
{
	g_string_append_printf(t, "%s 政府信息公开申请每日提醒（%s）\n",
			       digest_cell(d->office), d->date);
	for (int s = 0; s < DIGEST_SECTIONS; s++) {
		g_string_append_printf(t, "\n%s：%zu\n", digest_titles[s], d->n[s]);
		for (size_t i = 0; i < d->n[s]; i++) {
			const struct digest_row *r = &d->rows[s][i];

			g_string_append_printf(t, "  %s  %s  %s  %s\n",
					       digest_cell(r->what),
					       digest_cell(r->state),
					       digest_cell(r->deadline),
					       digest_cell(r->note));
		}
	}
}

static void
digest_html_cell(GString *h, const char *tag, const char *v)
{
	char *e = g_markup_escape_text(digest_cell(v), -1);

	g_string_append_printf(h, "<%s>%s</%s>", tag, e, tag);
	g_free(e);
}

static void
digest_html(GString *h, const struct digest *d)
{
	char *office = g_markup_escape_text(digest_cell(d->office), -1);

	g_string_append_printf(h, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
			       "<title>%s %s</title></head><body>\n"
			       "<h1>%s 政府信息公开申请每日提醒（%s）</h1>\n",
			       office, d->date, office, d->date);
	for (int s = 0; s < DIGEST_SECTIONS; s++) {
		g_string_append_printf(h, "<h2>%s：%zu</h2>\n", digest_titles[s],
				       d->n[s]);
		if (d->n[s] == 0)
			continue;
		g_string_append(h, "<table border=\"1\" cellpadding=\"4\">\n<tr>");
		for (size_t c = 0; c < G_N_ELEMENTS(digest_heads); c++)
			digest_html_cell(h, "th", digest_heads[c]);
		g_string_append(h, "</tr>\n");
		for (size_t i = 0; i < d->n[s]; i++) {
			const struct digest_row *r = &d->rows[s][i];

			g_string_append(h, "<tr>");
			digest_html_cell(h, "td", r->what);
			digest_html_cell(h, "td", r->state);
			digest_html_cell(h, "td", r->deadline);
			digest_html_cell(h, "td", r->note);
			g_string_append(h, "</tr>\n");
		}
		g_string_append(h, "</table>\n");
	}
	g_string_append(h, "</body></html>\n");
	g_free(office);
}

void
workflow_digest_render(const struct digest *d, char **subject_r,
		       char **text_r, char **html_r)
{
	GString *t = g_string_new(NULL), *h = g_string_new(NULL);

	digest_text(t, d);
	digest_html(h, d);
	*subject_r = g_strdup_printf("政府信息公开每日提醒 %s：超期 %zu，即将到期 %zu，"
				     "送达失败 %zu，待处理邮件 %zu", d->date,
				     d->n[DIGEST_OVERDUE], d->n[DIGEST_DUE_SOON],
				     d->n[DIGEST_FAILED], d->n[DIGEST_HOLDING]);
	*text_r = g_string_free(t, FALSE);
	*html_r = g_string_free(h, FALSE);
}
