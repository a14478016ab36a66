#include "delivery/channel.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "extract/fax.h"
#include "workflow/workflow.h"

static const struct delivery_channel *const channel_all[] = {
	&delivery_channel_email,
	&delivery_channel_fax,
	&delivery_channel_post,
	&delivery_channel_pickup,
};

void
delivery_contact_of_case(const struct registry_case *c,
			 struct delivery_contact *contact_r)
{
	*contact_r = (struct delivery_contact){
		.name = c->rec.name,
		.email = c->rec.email,
		.fax = c->rec.fax,
		.address = c->rec.address,
		.postcode = c->rec.postcode,
	};
}

bool
delivery_channel_automatic(const char *kind, bool with_letter)
{
	if (!with_letter || kind == NULL)
		return true;
	/* A reply or an extension a clerk decided and signed (ogictl reply,
	 * extend) is a person's answer, not an automatic response, so it goes
	 * without Auto-Submitted. */
	return !workflow_letter_is_reply(kind) && strcmp(kind, "extension") != 0;
}

const char *
delivery_letter_channel(const struct config *cfg,
			const struct extract_record *rec)
{
	const struct workflow_reach reach = {
		.email = rec->email != NULL && delivery_address_valid(rec->email),
		.fax = rec->fax != NULL && rec->fax[0] != '\0' &&
		       (cfg->fax.gateway != NULL || cfg->fax.command != NULL),
		.post = rec->address != NULL && rec->address[0] != '\0',
	};

	return workflow_letter_channel(rec->delivery, &reach);
}

bool
delivery_address_is_office(const struct config *cfg, const char *address)
{
	if (address == NULL)
		return false;
	if (cfg->office.email != NULL &&
	    g_ascii_strcasecmp(address, cfg->office.email) == 0)
		return true;
	for (char **a = cfg->own_addresses; a != NULL && *a != NULL; a++)
		if (g_ascii_strcasecmp(address, *a) == 0)
			return true;
	return false;
}

const char *
delivery_letter_to_office(const struct config *cfg,
			  const struct extract_record *rec, const char *channel)
{
	if (channel == NULL)
		return NULL;
	if (strcmp(channel, "fax") == 0)
		return extract_fax_same_number(rec->fax, cfg->office.fax) ?
		       rec->fax : NULL;
	if (strcmp(channel, "post") == 0)
		return extract_same_postal_address(rec->address,
						   cfg->office.address) ?
		       rec->address : NULL;
	if (strcmp(channel, "email") != 0 && strcmp(channel, "pickup") != 0)
		return NULL;
	return delivery_address_is_office(cfg, rec->email) ? rec->email : NULL;
}

int
delivery_letter_office_refuse(const struct config *cfg, const char *case_id,
			      const struct extract_record *rec,
			      const char *kind, const char *channel,
			      struct ogi_error *err)
{
	const char *office = delivery_letter_to_office(cfg, rec, channel);

	if (office == NULL)
		return 0;
	error_set(err, "%s: the %s would go by %s to %s, the office's own: "
		  "correct the applicant's contact first (ogictl set %s "
		  "email|fax|address|delivery ...)", case_id, kind, channel, office,
		  case_id);
	return -1;
}

const struct delivery_channel *
delivery_channel_find(const char *name)
{
	for (size_t i = 0; name != NULL && i < G_N_ELEMENTS(channel_all); i++)
		if (strcmp(channel_all[i]->name, name) == 0)
			return channel_all[i];
	return NULL;
}

int
delivery_channel_mail(const struct config *cfg, const struct delivery_item *item,
		      const char *to, const char *subject, const char *body,
		      bool with_letter, struct delivery_channel_result *res_r,
		      struct ogi_error *err)
{
	struct delivery_channel_mail *m = &res_r->mail;
	size_t n = with_letter ? 1 + item->n_attachments : 0;
	struct delivery_attachment *att = g_new0(struct delivery_attachment, n + 1);
	struct delivery_letter l = {
		.to = to,
		.to_name = item->contact.name,
		.subject = subject,
		.body = body,
		.attachments = att,
		.n_attachments = n,
		.case_id = item->case_id,
		.automatic = delivery_channel_automatic(item->kind, with_letter),
	};
	char *msgid = NULL;
	int rc = -1;

	memset(m, 0, sizeof(*m));
	if (!delivery_address_valid(to)) {
		res_r->state = DELIVERY_CHANNEL_PERMANENT;
		snprintf(res_r->detail, sizeof(res_r->detail),
			 "\"%s\" is not an address mail can go to", to ? to : "");
		g_free(att);
		return 0;
	}
	if (with_letter) {
		att[0] = (struct delivery_attachment){
			.path = item->pdf_path, .name = item->pdf_name,
			.content_type = "application/pdf",
		};
		for (size_t i = 0; i < item->n_attachments; i++)
			att[i + 1] = item->attachments[i];
	}
	if (delivery_compose_spool(cfg, &l, item->now, &msgid, m->spool_path,
				   sizeof(m->spool_path), err) == 0) {
		if (strlen(msgid) >= sizeof(m->message_id)) {
			char *path = g_build_filename(cfg->state_dir, m->spool_path,
						      NULL);

			/* Nothing will enqueue it: it must not stay behind. */
			unlink(path);
			g_free(path);
			error_set(err, "Message-ID %s is too long", msgid);
		} else {
			snprintf(m->recipient, sizeof(m->recipient), "%s", to);
			snprintf(m->message_id, sizeof(m->message_id), "%s", msgid);
			res_r->state = DELIVERY_CHANNEL_QUEUED;
			snprintf(res_r->detail, sizeof(res_r->detail),
				 "mail to %s", to);
			rc = 0;
		}
	}
	if (rc != 0)
		memset(m, 0, sizeof(*m));
	g_free(msgid);
	g_free(att);
	return rc;
}
