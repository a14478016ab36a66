# 政府信息公开申请答复书：予以公开并提供
# info.proactive 非空：属于主动公开范围但尚未主动公开（第七条第（二）项）；
# 为空：属于依申请公开范围（第七条第（三）项）。
# 政府信息公开条例第三十六条第（二）项（outcome.basis：legal.txt 的
# [outcome.provided]）。

@title 政府信息公开申请答复书
@docnum {{case.docnum}}
@to {{applicant.name}}：

本机关于{{dates.received}}收到您提出的关于“{{case.request}}”的政府信息公开申请（登记号：{{case.id}}）。

经审查，现答复如下：

您申请获取的信息
{{#if info.proactive}}
属于本机关主动公开范围，但尚未主动公开。
{{else}}
属于依申请公开的政府信息。
{{/if}}
根据{{outcome.basis}}的规定，本机关决定予以公开，现以{{case.delivery}}方式向您提供（见附件）。
{{#if info.proactive}}本机关将同时按照规定主动公开该信息。{{/if}}

根据《通辽市人社局依申请公开政务规定》第九条的规定，本机关提供上述信息不收取任何费用。

{{office.remedy}}

特此告知。

@attachments
{{#each files}}{{title}}{{/each}}
{{#each attachments}}{{name}}{{/each}}

@sign {{office.name}}
@date {{dates.letter}}
