/* Collection at the office: a reply waits there, and the applicant is
 * told where and when by a notice in the first channel they gave that
 * reaches a person -- email, else post (a sheet in the print queue that
 * carries the notice); `ogictl handed-over` records the hand-over.  Any
 * other letter travels the same way itself. */
#include "delivery/channel.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "delivery/post.h"
#include "workflow/workflow.h"

#define PICKUP_SUBJECT "政府信息公开答复领取通知"
/* A letter that does not wait for collection, by mail. */
#define PICKUP_LETTER_SUBJECT "政府信息公开函件"
#define PICKUP_LETTER_BODY "您的政府信息公开申请的有关函件见附件。\n"
/* What a notice says when the office configured no hours. */
#define PICKUP_HOURS_DEFAULT "工作日办公时间"

/* The notice, one paragraph a line. */
static char **
pickup_notice(const struct config *cfg, const struct delivery_item *item)
{
	const char *where = cfg->pickup.address ? cfg->pickup.address
			  : cfg->office.address ? cfg->office.address : cfg->office.name;
	const char *when = cfg->pickup.hours ? cfg->pickup.hours : PICKUP_HOURS_DEFAULT;
	GPtrArray *l = g_ptr_array_new();

	g_ptr_array_add(l, g_strdup_printf("%s：", item->contact.name && *item->contact.name
					   ? item->contact.name : "申请人"));
	g_ptr_array_add(l, g_strdup_printf("　　您的政府信息公开申请%s%s%s的答复已备妥，"
					   "请携带本人身份证件前来领取。",
					   item->case_id ? "（" : "",
					   item->case_id ? item->case_id : "",
					   item->case_id ? "）" : ""));
	g_ptr_array_add(l, g_strdup_printf("　　领取地点：%s", where));
	g_ptr_array_add(l, g_strdup_printf("　　领取时间：%s", when));
	if (cfg->office.phone != NULL)
		g_ptr_array_add(l, g_strdup_printf("　　联系电话：%s", cfg->office.phone));
	g_ptr_array_add(l, g_strdup(cfg->office.name));
	g_ptr_array_add(l, NULL);
	return (char **)g_ptr_array_free(l, FALSE);
}

bool
delivery_pickup_waits(const char *kind)
{
	return workflow_letter_is_reply(kind);
}

static int
pickup_submit(const struct config *cfg, struct registry *reg,
	      const struct delivery_item *item,
	      struct delivery_channel_result *res_r, struct ogi_error *err)
{
	bool waits = delivery_pickup_waits(item->kind);
	char **notice = pickup_notice(cfg, item);
	const char *what = waits ? "pickup notice" : "letter";
	int rc;

	(void)reg;
	memset(res_r, 0, sizeof(*res_r));
	if (item->contact.email != NULL && *item->contact.email != '\0') {
		char *body = g_strjoinv("\n\n", notice);
		char *text = g_strconcat(body, "\n", NULL);

		rc = delivery_channel_mail(cfg, item, item->contact.email,
					   waits ? PICKUP_SUBJECT : PICKUP_LETTER_SUBJECT,
					   waits ? text : PICKUP_LETTER_BODY, !waits,
					   res_r, err);
		if (rc == 0 && res_r->state == DELIVERY_CHANNEL_QUEUED)
			snprintf(res_r->detail, sizeof(res_r->detail),
				 "%s by mail to %s", what, item->contact.email);
		g_free(text);
		g_free(body);
	} else {
		rc = delivery_print_submit(cfg, item, (const char *const *)notice,
					   waits ? g_strv_length(notice) : 0, !waits,
					   res_r, err);
		if (rc == 0 && res_r->state == DELIVERY_CHANNEL_QUEUED)
			snprintf(res_r->detail, sizeof(res_r->detail),
				 "%s in the print queue as letter %" PRId64, what,
				 item->letter_id);
	}
	g_strfreev(notice);
	return rc;
}

const struct delivery_channel delivery_channel_pickup = {
	.name = "pickup",
	.submit = pickup_submit,
};
