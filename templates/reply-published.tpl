# 政府信息公开申请答复书：已主动公开
# 依申请公开政务规定第七条第（一）项；政府信息公开条例第三十六条第（一）项
# （outcome.basis：legal.txt 的 [outcome.published]）。

@title 政府信息公开申请答复书
@docnum {{case.docnum}}
@to {{applicant.name}}：

本机关于{{dates.received}}收到您提出的关于“{{case.request}}”的政府信息公开申请（登记号：{{case.id}}）。

经审查，现答复如下：

您申请获取的信息已由本机关主动公开。根据{{outcome.basis}}的规定，现将获取该信息的方式和途径告知如下：

{{#each published}}
@item {{@index1}}. 《{{title}}》：{{where}}。
{{/each}}

如在获取过程中遇到困难，请致电{{office.phone}}，本机关将协助您获取。

{{office.remedy}}

特此告知。

@attachments
{{#each attachments}}{{name}}{{/each}}

@sign {{office.name}}
@date {{dates.letter}}
