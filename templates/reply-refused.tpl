# 政府信息公开申请答复书：不予公开
# 依申请公开政务规定第三条、第七条第（四）项；政府信息公开条例第十四条至
# 第十六条、第三十六条第（三）项。不予公开的理由由 refusal.reason 说明。
# 救济途径：先申请行政复议（行政复议法第二十三条），用 office.remedy_refusal。

@title 政府信息公开申请答复书
@docnum {{case.docnum}}
@to {{applicant.name}}：

本机关于{{dates.received}}收到您提出的关于“{{case.request}}”的政府信息公开申请（登记号：{{case.id}}）。

经审查，现答复如下：

您申请获取的信息{{refusal.ground}}。{{refusal.reason}}

根据《通辽市人社局依申请公开政务规定》{{refusal.bureau_item}}、第七条第（四）项和《中华人民共和国政府信息公开条例》{{refusal.regulation}}、第三十六条第（三）项的规定，本机关决定不予公开。

{{#if refusal.consent}}
根据《通辽市人社局依申请公开政务规定》第三条第二款的规定，如有关权利人同意公开，本机关可以依法予以公开。
{{/if}}

{{office.remedy_refusal}}

特此告知。

@attachments
{{#each attachments}}{{name}}{{/each}}

@sign {{office.name}}
@date {{dates.letter}}
