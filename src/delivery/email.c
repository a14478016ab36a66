/* The email channel: the letter's PDF and its files by mail to the
 * applicant's address, through the outbox. */
#include "delivery/channel.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>

#include "delivery/letters.h"

/* The bytes the letter's files come to, the PDF included; -1 when one
 * cannot be read. */
static int64_t
email_files_size(const struct delivery_item *item)
{
	struct stat sb;
	int64_t total;

	if (stat(item->pdf_path, &sb) != 0)
		return -1;
	total = sb.st_size;
	for (size_t i = 0; i < item->n_attachments; i++) {
		if (stat(item->attachments[i].path, &sb) != 0)
			return -1;
		total += sb.st_size;
	}
	return total;
}

/* The letter itself, to the address the applicant gave: a short covering
 * text names it; the PDF is the letter. */
static int
email_submit(const struct config *cfg, struct registry *reg,
	     const struct delivery_item *item,
	     struct delivery_channel_result *res_r, struct ogi_error *err)
{
	const char *office = cfg->office.name != NULL ? cfg->office.name : "";
	char *title, *body;
	int64_t size;
	int rc;

	(void)reg;
	size = email_files_size(item);
	if (size < 0) {
		error_set(err, "letter %lld: %s", (long long)item->letter_id,
			  strerror(errno));
		error_scope(err, OGI_ERROR_STORE, false);
		return -1;
	}
	if (delivery_letters_check_size(cfg, &size, 1, err) != 0) {
		memset(&res_r->mail, 0, sizeof(res_r->mail));
		res_r->state = DELIVERY_CHANNEL_PERMANENT;
		snprintf(res_r->detail, sizeof(res_r->detail), "%s", err->msg);
		return 0;
	}
	/* The letter's title is its file's name (the worker names it so). */
	title = g_strdup(item->pdf_name != NULL ? item->pdf_name : "");
	if (g_str_has_suffix(title, ".pdf"))
		title[strlen(title) - strlen(".pdf")] = '\0';
	body = g_strdup_printf("您好：\n\n"
			       "本机关就您的政府信息公开申请（登记号：%s）出具的%s"
			       "见附件（PDF），请查收。\n\n"
			       "回复本邮件时请保留主题中的登记号。\n\n%s\n",
			       item->case_id != NULL ? item->case_id : "",
			       title, office);
	rc = delivery_channel_mail(cfg, item, item->contact.email, title, body,
				   true, res_r, err);
	g_free(body);
	g_free(title);
	return rc;
}

const struct delivery_channel delivery_channel_email = {
	.name = "email",
	.submit = email_submit,
};
