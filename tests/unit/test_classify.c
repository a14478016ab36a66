/* Message kinds: automatic mail by headers and structure (RFC 3834,
 * RFC 3464), and the kinds of human mail a disclosure office receives.
 * Each mail is built by hand as mime_parse() would leave it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include <glib.h>

#include "extract/extract-private.h"

#define MAX_HEADERS 8
#define MAX_PARTS 3

static const char *const own[] = { "ogi@example.gov.cn", "fax@example.gov.cn",
				   NULL };
static const struct extract_context ctx = {
	.own_addresses = own,
	.today = "2026-11-30",
	.sender_is_contact = true,
};

struct mail {
	const char *name;
	struct mime_header headers[MAX_HEADERS];
	const char *from;
	const char *subject;
	const char *content_type; /* NULL: text/plain */
	const char *report_type;
	const char *body;
	struct mime_part parts[MAX_PARTS];
	unsigned elements;        /* what extract_fields() would have found */
	bool automatic;
	enum extract_kind kind;
};

#define H(n, v) { (char *)(n), (char *)(v) }
#define PART(r, ct, txt) { .role = (r), .content_type = (char *)(ct), \
			   .text = (char *)(txt) }

static void
build(const struct mail *m, struct mime_message *msg,
      struct mime_header *headers, struct mime_part *parts)
{
	memset(msg, 0, sizeof(*msg));
	msg->headers = headers;
	for (size_t i = 0; i < MAX_HEADERS && m->headers[i].name != NULL; i++)
		headers[msg->n_headers++] = m->headers[i];
	msg->parts = parts;
	for (size_t i = 0; i < MAX_PARTS && m->parts[i].content_type != NULL; i++)
		parts[msg->n_parts++] = m->parts[i];
	msg->from_addr = (char *)m->from;
	msg->subject = (char *)(m->subject != NULL ? m->subject : "");
	msg->content_type = (char *)(m->content_type != NULL ? m->content_type
							     : "text/plain");
	msg->report_type = (char *)m->report_type;
	msg->body = (char *)m->body;
}

static void
check(const struct mail *m)
{
	struct mime_message msg;
	struct mime_header headers[MAX_HEADERS];
	struct mime_part parts[MAX_PARTS];
	const char *reason = NULL;
	char *text, ref[12];
	enum extract_kind kind;
	bool automatic;

	build(m, &msg, headers, parts);
	automatic = extract_is_automatic(&msg, &ctx, &reason);
	if (automatic != m->automatic)
		fail_msg("%s: automatic=%d (%s), want %d", m->name, automatic,
			 reason != NULL ? reason : "-", m->automatic);
	if (automatic)
		assert_non_null(reason);

	text = extract_text_fold(m->body);
	reason = NULL;
	kind = extract_classify(&msg, &ctx, text, m->elements,
				extract_find_case_ref(text, ref, sizeof(ref)) ?
				ref : NULL, &reason);
	g_free(text);
	if (kind != m->kind)
		fail_msg("%s: %s (%s), want %s", m->name, extract_kind_name(kind),
			 reason != NULL ? reason : "-", extract_kind_name(m->kind));
	assert_non_null(reason);
}

static const char postfix_dsn[] =
	"Reporting-MTA: dns; mail.example.gov.cn\n"
	"X-Postfix-Queue-ID: 4Fb2Xk0Zq9z9sWm\n"
	"Arrival-Date: Fri, 20 Nov 2026 10:12:01 +0800 (CST)\n\n"
	"Final-Recipient: rfc822; zhangsan@example.com\n"
	"Original-Recipient: rfc822;zhangsan@example.com\n"
	"Action: failed\n"
	"Status: 5.1.1\n"
	"Remote-MTA: dns; mx.example.com\n"
	"Diagnostic-Code: smtp; 550 5.1.1 <zhangsan@example.com>: Recipient "
	"address rejected: User unknown in virtual mailbox table\n";

static const struct mail automatic_mails[] = {
	{
		.name = "QQ Mail vacation reply (subject is the only signal)",
		.headers = { H("From", "\"小王\" <12345678@qq.com>"),
			     H("Subject", "自动回复: 政府信息公开申请"),
			     H("X-QQ-MIME", "TCMime 1.0 by Tencent"),
			     H("X-Mailer", "QQMail 2.x"),
			     H("X-QQ-Mailer", "QQMail 2.x") },
		.from = "12345678@qq.com",
		.subject = "自动回复: 政府信息公开申请",
		.body = "这是来自QQ邮箱的假期自动回复邮件。\n\n"
			"您好，我最近正在休假中，无法亲自回复您的邮件。"
			"我将在假期结束后，尽快给您回复。",
		.automatic = true,
		.kind = EXTRACT_KIND_AUTO_REPLY,
	},
	{
		.name = "Coremail auto-reply",
		.headers = { H("From", "李明 <liming@163.com>"),
			     H("Subject", "自动回复：关于申请公开2025年度预算的函"),
			     H("Auto-Submitted", "auto-replied"),
			     H("X-Coremail-Antispam", "1Uf129KBjvJXoW7Kr1kZr4"),
			     H("X-Originating-IP", "[10.1.2.3]") },
		.from = "liming@163.com",
		.subject = "自动回复：关于申请公开2025年度预算的函",
		.body = "您好！您的来信已收到，我会尽快处理并回复。",
		.automatic = true,
		.kind = EXTRACT_KIND_AUTO_REPLY,
	},
	{
		.name = "Sieve vacation: header only, misleading body",
		.headers = { H("Auto-Submitted", "auto-replied (vacation)"),
			     H("Precedence", "bulk") },
		.from = "zhaoliu@example.org",
		.subject = "Re: 政府信息公开申请",
		.body = "我于2026年11月20日至27日出差，申请公开事宜请联系办公室。",
		.automatic = true,
		.kind = EXTRACT_KIND_AUTO_REPLY,
	},
	{
		.name = "Exchange out-of-office",
		.headers = { H("Thread-Topic", "信息公开申请"),
			     H("Auto-Submitted", "auto-generated"),
			     H("X-Auto-Response-Suppress", "All"),
			     H("X-MS-Exchange-Inbox-Rules-Loop",
			       "li.si@corp.example.com"),
			     H("X-MS-Exchange-Organization-AutoReplyNotSent", "") },
		.from = "li.si@corp.example.com",
		.subject = "Automatic reply: 信息公开申请",
		.body = "I am out of the office until 1 December with limited "
			"access to email. 本人12月1日前休假。",
		.automatic = true,
		.kind = EXTRACT_KIND_AUTO_REPLY,
	},
	{
		.name = "Exchange system notice: X-Auto-Response-Suppress only",
		.headers = { H("X-Auto-Response-Suppress", "DR, RN, NRN, OOF, AutoReply") },
		.from = "helpdesk@corp.example.com",
		.subject = "您的邮箱即将满",
		.body = "您的邮箱已使用 95%，请及时清理。",
		.automatic = true,
		.kind = EXTRACT_KIND_AUTO_REPLY,
	},
	{
		.name = "read receipt (multipart/report disposition-notification)",
		.content_type = "multipart/report",
		.report_type = "disposition-notification",
		.from = "wangwu@example.com",
		.subject = "已读: 受理回执 2026-000123",
		.body = "您的邮件已被阅读。",
		.parts = { PART(MIME_PART_BODY, "text/plain", "您的邮件已被阅读。"),
			   PART(MIME_PART_REPORT, "message/disposition-notification",
				"Disposition: manual-action/MDN-sent-manually; displayed") },
		.automatic = true,
		.kind = EXTRACT_KIND_AUTO_REPLY,
	},
	{
		.name = "Postfix bounce",
		.headers = { H("Return-Path", "<>"),
			     H("From", "MAILER-DAEMON@mail.example.gov.cn (Mail Delivery System)"),
			     H("Subject", "Undelivered Mail Returned to Sender"),
			     H("Auto-Submitted", "auto-replied"),
			     H("Content-Type", "multipart/report; report-type=delivery-status") },
		.from = "MAILER-DAEMON@mail.example.gov.cn",
		.subject = "Undelivered Mail Returned to Sender",
		.content_type = "multipart/report",
		.report_type = "delivery-status",
		.body = "This is the mail system at host mail.example.gov.cn.\n\n"
			"I'm sorry to have to inform you that your message could not\n"
			"be delivered to one or more recipients. It's attached below.\n",
		.parts = { PART(MIME_PART_BODY, "text/plain", "This is the mail system"),
			   PART(MIME_PART_REPORT, "message/delivery-status", postfix_dsn),
			   PART(MIME_PART_ATTACHMENT, "message/rfc822", NULL) },
		.automatic = true,
		.kind = EXTRACT_KIND_BOUNCE,
	},
	{
		.name = "Exchange NDR quoting our receipt",
		.headers = { H("X-MS-Exchange-Message-Is-Ndr", ""),
			     H("Auto-Submitted", "auto-replied"),
			     H("Content-Language", "zh-CN") },
		.from = "postmaster@corp.example.com",
		.subject = "无法投递: 受理回执 2026-000123",
		.content_type = "multipart/report",
		.report_type = "delivery-status",
		.body = "无法将邮件传递到以下收件人或组:\n\nzhangsan@corp.example.com\n"
			"找不到收件人的电子邮件地址。\n\n"
			"Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound'",
		.parts = { PART(MIME_PART_REPORT, "message/delivery-status",
				"Final-Recipient: rfc822;zhangsan@corp.example.com\n"
				"Action: failed\nStatus: 5.1.10\n") },
		.automatic = true,
		.kind = EXTRACT_KIND_BOUNCE,
	},
	{
		.name = "qmail plain-text bounce",
		.from = "MAILER-DAEMON@mx.example.net",
		.subject = "failure notice",
		.body = "Hi. This is the qmail-send program at mx.example.net.\n"
			"I'm afraid I wasn't able to deliver your message to the "
			"following addresses.\nThis is a permanent error; I've "
			"given up. Sorry it didn't work out.\n\n"
			"<lisi@example.net>:\n550 5.1.1 user unknown\n",
		.automatic = true,
		.kind = EXTRACT_KIND_BOUNCE,
	},
	{
		.name = "Chinese plain-text bounce from an ordinary sender name",
		.from = "system-notice@mail.example.cn",
		.subject = "系统退信",
		.body = "抱歉，您的邮件无法送达以下收件人：\nzhangsan@example.cn\n"
			"退信原因：收件人地址不存在。\nStatus: 5.1.1\n",
		.automatic = true,
		.kind = EXTRACT_KIND_BOUNCE,
	},
	{
		.name = "exim bounce: X-Failed-Recipients",
		.headers = { H("X-Failed-Recipients", "wang@example.org") },
		.from = "root@relay.example.org",
		.subject = "Mail delivery failed: returning message to sender",
		.body = "This message was created automatically by mail delivery "
			"software.\n\nA message that you sent could not be delivered.",
		.automatic = true,
		.kind = EXTRACT_KIND_BOUNCE,
	},
	{
		.name = "newsletter with List-Unsubscribe",
		.headers = { H("List-Unsubscribe",
			       "<mailto:unsubscribe@mp.example.com?subject=unsub>, "
			       "<https://mp.example.com/u?id=88>"),
			     H("List-Unsubscribe-Post", "List-Unsubscribe=One-Click") },
		.from = "news@mp.example.com",
		.subject = "本周政策解读：如何申请政府信息公开",
		.body = "本期导读：申请公开政府信息的五个步骤。点击阅读全文。\n"
			"不想再收到此类邮件？退订",
		.automatic = true,
		.kind = EXTRACT_KIND_SPAM,
	},
	{
		.name = "bulk mail: Precedence: junk",
		.headers = { H("Precedence", "junk") },
		.from = "info@training.example.com",
		.subject = "2026年公文写作培训班招生",
		.body = "各单位：现举办公文写作培训班，欢迎报名。",
		.automatic = true,
		.kind = EXTRACT_KIND_SPAM,
	},
	{
		.name = "noreply notification",
		.from = "no-reply@notice.example.com",
		.subject = "您的快递已签收",
		.body = "您寄往XX局的邮件已于2026年11月20日签收。",
		.automatic = true,
		.kind = EXTRACT_KIND_AUTO_REPLY,
	},
	{
		.name = "our own address",
		.from = "OGI@example.gov.cn",
		.subject = "受理回执 2026-000123",
		.body = "本机关已于2026年11月20日收到您的政府信息公开申请。",
		.automatic = true,
		.kind = EXTRACT_KIND_AUTO_REPLY,
	},
	{
		.name = "our loop header",
		.headers = { H("X-OGI-Loop", "example.gov.cn") },
		.from = "relay@example.net",
		.subject = "补正告知书 2026-000124",
		.body = "经审查，您的申请缺少身份证明，请于15个工作日内补正。",
		.automatic = true,
		.kind = EXTRACT_KIND_AUTO_REPLY,
	},
};

static const struct mail human_mails[] = {
	{
		.name = "advertising: invoices",
		.from = "sales8@hotmail.example",
		.subject = "您好！代开各地增值税发票",
		.body = "本公司常年代开各地增值税专用发票、普通发票，税点优惠，"
			"验证后付款。\n联系电话：13912345678 加微信同号。\n"
			"如不需要请回复退订。",
		.kind = EXTRACT_KIND_SPAM,
	},
	{
		.name = "consultation about procedure",
		.from = "wang.fang@163.com",
		.subject = "咨询",
		.body = "您好，请问申请政府信息公开需要提供哪些材料？"
			"可以用电子邮件申请吗？谢谢！",
		.elements = 1,
		.kind = EXTRACT_KIND_CONSULTATION,
	},
	{
		.name = "consultation: how to complain",
		.from = "chen@126.com",
		.subject = "请教",
		.body = "单位拖欠社保，请问应该如何投诉？打哪个电话？",
		.elements = 1,
		.kind = EXTRACT_KIND_CONSULTATION,
	},
	{
		.name = "consultation signed with name and date",
		.from = "zhou@example.com",
		.subject = "关于失业保险金",
		.body = "你好，想了解一下失业保险金能否在网上申领？\n\n周七\n"
			"2026年11月20日",
		.elements = 3,
		.kind = EXTRACT_KIND_CONSULTATION,
	},
	{
		.name = "complaint",
		.from = "zhangsan@example.com",
		.subject = "投诉XX街道办事处工作人员",
		.body = "我要投诉XX街道办事处社保窗口工作人员王某。11月18日我去办理"
			"退休手续时，他态度恶劣，拒不受理。请你局依法查处，给我一个说法。\n"
			"张三 13800138000",
		.elements = 2,
		.kind = EXTRACT_KIND_COMPLAINT,
	},
	{
		.name = "complaint sent on the application form (Art. 39)",
		.from = "lisi@example.com",
		.subject = "政府信息公开申请",
		.body = "政府信息公开申请表\n姓名:李四\n联系电话:13900001111\n"
			"通信地址:通辽市科尔沁区XX路8号\n"
			"所需信息的内容描述:举报XX建筑公司拖欠农民工工资，要求你局"
			"立即查处并责令支付。\n申请人签名:李四\n申请时间:2026年11月20日",
		.elements = 6,
		.kind = EXTRACT_KIND_COMPLAINT,
	},
	{
		.name = "application asking for the outcome of a complaint",
		.from = "zhangsan@example.com",
		.subject = "政府信息公开申请",
		.body = "XX局：\n本人申请公开我于2026年3月投诉的处理结果。\n"
			"申请人：张三\n身份证号：11010519491231002X\n"
			"联系电话：13800138000\n2026年11月20日",
		.elements = 6,
		.kind = EXTRACT_KIND_APPLICATION,
	},
	{
		.name = "application about a report, without a subject",
		.from = "wangwu@example.com",
		.body = "申请公开贵局对XX化工厂举报线索的调查结果及处罚决定书。"
			"王五 2026年11月20日",
		.elements = 3,
		.kind = EXTRACT_KIND_APPLICATION,
	},
	{
		.name = "application and a separate complaint",
		.from = "sun@example.com",
		.subject = "信息公开申请",
		.body = "申请公开2025年度本局职工培训经费的使用明细。\n"
			"另外，我要投诉你局窗口人员上班时间玩手机。",
		.elements = 4,
		.kind = EXTRACT_KIND_APPLICATION,
	},
	{
		.name = "plain application",
		.from = "zhaoliu@example.org",
		.subject = "申请",
		.body = "通辽市人力资源和社会保障局：\n"
			"根据《政府信息公开条例》，本人申请公开贵局2025年度部门预算"
			"及“三公”经费决算。请以电子邮件方式提供。\n赵六\n2026年11月20日",
		.elements = 5,
		.kind = EXTRACT_KIND_APPLICATION,
	},
	{
		.name = "filled-in form without the word 申请",
		.from = "qian@example.org",
		.subject = "表格",
		.body = "姓名:钱八\n证件号码:150102198001011236\n联系电话:13700001234\n"
			"通信地址:通辽市XX路1号\n需要的文件:2025年最低工资标准调整通知\n"
			"钱八\n2026年11月20日",
		.elements = 6,
		.kind = EXTRACT_KIND_APPLICATION,
	},
	{
		.name = "forwarded application",
		.from = "secretary@example.org",
		.subject = "Fw: 政府信息公开申请",
		.body = "转给你们处理。\n\n------------------ 原始邮件 ------------------\n"
			"发件人: \"刘九\"<liujiu@example.com>\n"
			"申请公开XX区2025年棚户区改造补偿标准。",
		.elements = 2,
		.kind = EXTRACT_KIND_APPLICATION,
	},
	{
		.name = "correction reply to our notice",
		.from = "zhangsan@example.com",
		.subject = "Re: 补正告知书（2026-000123）",
		.body = "您好，按照补正告知书的要求，现补充身份证明：身份证号码 "
			"11010519491231002X，联系地址：北京市东城区XX路1号。\n\n张三\n"
			"2026年11月25日\n\n------------------ 原始邮件 ------------------\n"
			"发件人: \"XX局信息公开办\"<ogi@example.gov.cn>\n"
			"主题: 补正告知书（2026-000123）\n"
			"经审查，您的政府信息公开申请缺少身份证明，请补正。",
		.elements = 6,
		.kind = EXTRACT_KIND_CORRECTION_REPLY,
	},
	{
		.name = "correction with attachment, new subject",
		.from = "lisi@example.com",
		.subject = "关于2026-000130号申请的补充材料",
		.body = "附件为补正材料（身份证复印件），请查收。",
		.parts = { PART(MIME_PART_BODY, "text/plain", "附件为补正材料"),
			   PART(MIME_PART_ATTACHMENT, "image/jpeg", NULL) },
		.elements = 1,
		.kind = EXTRACT_KIND_CORRECTION_REPLY,
	},
	{
		.name = "status query quoting our receipt",
		.from = "zhangsan@example.com",
		.subject = "Re: 受理回执 2026-000123",
		.body = "你好，我于2026年11月3日提交的政府信息公开申请，至今已超过15个"
			"工作日，还没有收到答复，请问办理进展如何？\n张三\n\n"
			"> 本机关已于2026年11月4日受理您的政府信息公开申请"
			"（编号2026-000123）。\n> 申请公开2025年度预算。",
		.elements = 2,
		.kind = EXTRACT_KIND_STATUS_QUERY,
	},
	{
		.name = "status query without a case number",
		.from = "wuyi@example.com",
		.subject = "询问",
		.body = "我于11月1日通过邮件提交了信息公开申请，申请公开2025年"
			"医保基金支出情况，请问什么时候能答复？",
		.elements = 2,
		.kind = EXTRACT_KIND_STATUS_QUERY,
	},
	{
		/* 提交过 (experiential aspect) puts the application in the
		 * past; 怎么样了 asks how it stands. */
		.name = "status query: 递交过 an application, 怎么样了",
		.from = "sunli@example.com",
		.subject = "问一下",
		.body = "您好，我前段时间给你们递交过一份信息公开申请，申请公开的是"
			"开鲁县2025年度低保资金发放情况，现在办得怎么样了？\n孙立",
		.elements = 2,
		.kind = EXTRACT_KIND_STATUS_QUERY,
	},
	{
		.name = "status query: request told in the past, question apart",
		.from = "wuyi@example.com",
		.subject = "询问办理情况",
		.body = "我于11月1日提交了信息公开申请，申请公开2025年医保基金支出"
			"情况。请问什么时候能答复？",
		.elements = 2,
		.kind = EXTRACT_KIND_STATUS_QUERY,
	},
	{
		.name = "application with a polite question",
		.from = "feng@example.com",
		.subject = "政府信息公开",
		.body = "申请公开XX县2025年农村危房改造补助名单。"
			"请问能否以电子邮件方式提供？",
		.elements = 3,
		.kind = EXTRACT_KIND_APPLICATION,
	},
	{
		.name = "application for a complaint's outcome, minimal",
		.from = "jiang@example.com",
		.subject = "申请",
		.body = "申请公开我于2026年3月投诉的处理结果。",
		.elements = 3,
		.kind = EXTRACT_KIND_APPLICATION,
	},
	{
		.name = "corrected already, asks for progress",
		.from = "zheng@example.com",
		.subject = "2026-000140 进度",
		.body = "我已按要求补正，请问现在办理进度如何？",
		.elements = 1,
		.kind = EXTRACT_KIND_STATUS_QUERY,
	},
	{
		.name = "thanks for our reply letter",
		.from = "zhangsan@example.com",
		.subject = "Re: 政府信息公开申请答复书（2026-000123）",
		.body = "收到，谢谢。\n\n-----原始邮件-----\n"
			"发件人: XX局信息公开办 <ogi@example.gov.cn>\n"
			"张三：本机关于2026年11月20日收到您提出的申请公开2025年度预算的"
			"政府信息公开申请。",
		.elements = 1,
		.kind = EXTRACT_KIND_CONSULTATION,
	},
	{
		.name = "Auto-Submitted: no is a person",
		.headers = { H("Auto-Submitted", "no") },
		.from = "he@example.com",
		.subject = "信息公开申请",
		.body = "申请公开XX镇2025年低保名单。",
		.elements = 4,
		.kind = EXTRACT_KIND_APPLICATION,
	},
	{
		.name = "scanned application as an image only",
		.from = "fax-user@example.com",
		.subject = "见附件",
		.body = "",
		.parts = { PART(MIME_PART_ATTACHMENT, "image/tiff", NULL) },
		.elements = 1,
		.kind = EXTRACT_KIND_APPLICATION,
	},
	{
		.name = "forwarded bounce from a person is not a bounce",
		.from = "zhangsan@example.com",
		.subject = "Fw: Undelivered Mail Returned to Sender",
		.body = "我的申请好像没发出去，退回来了，我再发一次：申请公开"
			"2025年度预算。\n\nStatus: 5.1.1\nFinal-Recipient: rfc822; x@y",
		.elements = 3,
		.kind = EXTRACT_KIND_APPLICATION,
	},
};

static void
test_automatic_mail(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(automatic_mails); i++)
		check(&automatic_mails[i]);
}

static void
test_human_mail(void **state)
{
	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(human_mails); i++)
		check(&human_mails[i]);
}

/* Each never-answer signal of domain.md §8 on its own turns an otherwise
 * ordinary application into automatic mail. */
static void
test_single_signals(void **state)
{
	static const struct {
		struct mime_header header;
		const char *from;
		const char *content_type;
		const char *subject;
	} cases[] = {
		{ H("Auto-Submitted", "auto-generated"), NULL, NULL, NULL },
		{ H("auto-submitted", "Auto-Replied; owner-email=\"a@b\""), NULL, NULL, NULL },
		{ H("Precedence", "bulk"), NULL, NULL, NULL },
		{ H("Precedence", "list"), NULL, NULL, NULL },
		{ H("List-Id", "<office.lists.example.com>"), NULL, NULL, NULL },
		{ H("List-Post", "<mailto:office@lists.example.com>"), NULL, NULL, NULL },
		{ H("X-Auto-Response-Suppress", "OOF"), NULL, NULL, NULL },
		{ H("X-Autoreply", "yes"), NULL, NULL, NULL },
		{ H("X-Autorespond", "1"), NULL, NULL, NULL },
		{ H("Return-Path", "<>"), NULL, NULL, NULL },
		{ H("Return-Path", " <> "), NULL, NULL, NULL },
		{ H("X-OGI-Loop", "1"), NULL, NULL, NULL },
		{ H(NULL, NULL), "Mailer-Daemon@example.com", NULL, NULL },
		{ H(NULL, NULL), "postmaster@example.com", NULL, NULL },
		{ H(NULL, NULL), "noreply@example.com", NULL, NULL },
		{ H(NULL, NULL), "no-reply@example.com", NULL, NULL },
		{ H(NULL, NULL), "fax@example.gov.cn", NULL, NULL },
		{ H(NULL, NULL), NULL, "multipart/report", NULL },
		{ H(NULL, NULL), NULL, NULL, "自动回复: 信息公开申请" },
		{ H(NULL, NULL), NULL, NULL, "Out of Office: 信息公开申请" },
	};
	static const struct {
		struct mime_header header;
		const char *from;
	} human[] = {
		{ H("Auto-Submitted", "no"), NULL },
		{ H("Precedence", "first-class"), NULL },
		{ H("Return-Path", "<zhangsan@example.com>"), NULL },
		{ H("X-Mailer", "Foxmail 7.2"), NULL },
		{ H("Listed-In", "x"), NULL },
		{ H(NULL, NULL), "postmaster.zhang@example.com" },
		{ H(NULL, NULL), "ogi@example.gov.cn.evil.com" },
	};
	struct mime_header headers[1];
	struct mime_message msg = {
		.headers = headers,
		.from_addr = (char *)"zhangsan@example.com",
		.content_type = (char *)"text/plain",
		.body = (char *)"申请公开2025年度部门预算。张三 2026年11月20日",
	};
	const char *reason;

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		headers[0] = cases[i].header;
		msg.n_headers = cases[i].header.name != NULL;
		msg.from_addr = (char *)(cases[i].from != NULL ? cases[i].from
							       : "zhangsan@example.com");
		msg.content_type = (char *)(cases[i].content_type != NULL ?
					    cases[i].content_type : "text/plain");
		msg.subject = (char *)(cases[i].subject != NULL ? cases[i].subject
								: "信息公开申请");
		reason = NULL;
		if (!extract_is_automatic(&msg, &ctx, &reason))
			fail_msg("signal %zu (%s / %s) not recognised", i,
				 cases[i].header.name != NULL ? cases[i].header.name : "-",
				 msg.from_addr);
		assert_non_null(reason);
		if (extract_classify(&msg, &ctx, msg.body, 5, NULL, &reason) ==
		    EXTRACT_KIND_APPLICATION)
			fail_msg("signal %zu: automatic mail classified as application", i);
	}
	msg.content_type = (char *)"text/plain";
	msg.subject = (char *)"信息公开申请";
	for (size_t i = 0; i < G_N_ELEMENTS(human); i++) {
		headers[0] = human[i].header;
		msg.n_headers = human[i].header.name != NULL;
		msg.from_addr = (char *)(human[i].from != NULL ? human[i].from
							       : "zhangsan@example.com");
		if (extract_is_automatic(&msg, &ctx, &reason))
			fail_msg("human %zu taken as automatic: %s", i, reason);
		assert_int_equal(extract_classify(&msg, &ctx, msg.body, 5, NULL,
						  &reason),
				 EXTRACT_KIND_APPLICATION);
	}
}

/* extract_classify copes without text, reason pointer or sender. */
static void
test_defaults(void **state)
{
	struct mime_message msg = {
		.subject = (char *)"",
		.body = (char *)"",
	};
	const char *reason = NULL;

	(void)state;
	assert_false(extract_is_automatic(&msg, &ctx, NULL));
	assert_int_equal(extract_classify(&msg, &ctx, NULL, 0, NULL, &reason),
			 EXTRACT_KIND_CONSULTATION);
	assert_non_null(reason);
	msg.body = (char *)"申请公开2025年度部门预算。";
	assert_int_equal(extract_classify(&msg, NULL, NULL, 0, NULL, NULL),
			 EXTRACT_KIND_APPLICATION);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_automatic_mail),
		cmocka_unit_test(test_human_mail),
		cmocka_unit_test(test_single_signals),
		cmocka_unit_test(test_defaults),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
