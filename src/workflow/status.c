#include "workflow/status.h"

#include <stddef.h>
#include <string.h>

static const struct {
	const char *state;
	struct workflow_status s;
} workflow_statuses[] = {
	{ "received", { "已收到，正在登记", "登记后本机关将向您发送登记回执。" } },
	{ "needs_review", { "已收到，正在由工作人员审核",
			    "审核后本机关将向您发送登记回执或者补正告知书。" } },
	{ "incomplete", { "申请内容不完整，等待您补正",
			  "请按照补正告知书的要求补充材料；收到补正后本机关将继续办理。" } },
	{ "registered", { "已登记，正在办理", "本机关将在答复期限内作出答复。" } },
	{ "extended", { "已登记，答复期限已延长", "本机关将在延长后的期限内作出答复。" } },
	{ "answered", { "已作出答复", "答复书正在按您选择的方式送达。" } },
	{ "delivered", { "答复已送达", "本申请已办理完毕。" } },
	{ "delivery_failed", { "答复未能按原方式送达",
			       "本机关将改用您提供的其他方式送达。" } },
	{ "closed", { "已办结", "本申请已办理完毕。" } },
	{ "abandoned", { "未在补正期限内补正，视为放弃申请",
			 "如仍需获取该信息，可以重新提出申请。" } },
	{ "withdrawn", { "已撤回", "本申请不再办理。" } },
	{ "not_application", { "不作为政府信息公开申请处理",
			       "具体原因见本机关发出的告知书。" } },
	{ "duplicate", { "与您此前提出的申请重复", "本机关将在原申请中一并办理。" } },
};

const struct workflow_status *
workflow_status_of(const char *state)
{
	for (size_t i = 0; state != NULL &&
			   i < sizeof(workflow_statuses) / sizeof(workflow_statuses[0]); i++)
		if (strcmp(state, workflow_statuses[i].state) == 0)
			return &workflow_statuses[i].s;
	return NULL;
}
