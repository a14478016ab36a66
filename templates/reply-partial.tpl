# 政府信息公开申请答复书：部分公开
# 依申请公开政务规定第三条第三款；政府信息公开条例第三十七条
# （outcome.basis：legal.txt 的 [outcome.partial]）。
# 不予公开的部分：救济途径用 office.remedy_refusal（先申请行政复议）。

@title 政府信息公开申请答复书
@docnum {{case.docnum}}
@to {{applicant.name}}：

本机关于{{dates.received}}收到您提出的关于“{{case.request}}”的政府信息公开申请（登记号：{{case.id}}）。

经审查，现答复如下：

您申请获取的信息中含有不予公开的内容，但能够作区分处理。根据{{outcome.basis}}的规定，本机关对可以公开的内容予以公开，现以{{case.delivery}}方式向您提供（见附件）；对下列内容不予公开：

{{#each withheld}}
@item {{@index1}}. {{what}}。该部分内容{{ground}}。{{reason}}根据《通辽市人社局依申请公开政务规定》{{bureau_item}}和《中华人民共和国政府信息公开条例》{{regulation}}的规定，不予公开。{{#if consent}}如有关权利人同意公开，本机关可以依法予以公开。{{/if}}
{{/each}}

根据《通辽市人社局依申请公开政务规定》第九条的规定，本机关提供上述信息不收取任何费用。

{{office.remedy_refusal}}

特此告知。

@attachments
{{#each files}}{{title}}{{/each}}
{{#each attachments}}{{name}}{{/each}}

@sign {{office.name}}
@date {{dates.letter}}
