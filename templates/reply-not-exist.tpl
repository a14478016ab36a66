# 政府信息公开申请答复书：信息不存在
# 依申请公开政务规定第七条第（六）项；政府信息公开条例第三十六条第（四）项。

@title 政府信息公开申请答复书
@docnum {{case.docnum}}
@to {{applicant.name}}：

本机关于{{dates.received}}收到您提出的关于“{{case.request}}”的政府信息公开申请（登记号：{{case.id}}）。

经审查，现答复如下：

经检索{{#if search.scope}}{{search.scope}}{{/if}}，本机关未制作、获取过您申请获取的信息，该信息不存在。根据《通辽市人社局依申请公开政务规定》第七条第（六）项和《中华人民共和国政府信息公开条例》第三十六条第（四）项的规定，本机关无法向您提供该信息。

{{office.remedy}}

特此告知。

@attachments
{{#each attachments}}{{name}}{{/each}}

@sign {{office.name}}
@date {{dates.letter}}
