# 政府信息公开申请答复书：不属于本机关掌握（负责公开）
# 依申请公开政务规定第七条第（五）项；政府信息公开条例第三十六条第（五）项
# （outcome.basis：legal.txt 的 [outcome.unavailable.not_held]）。
# 能够确定掌握该信息的机关时，填写 holder.name 和 holder.contact。

@title 政府信息公开申请答复书
@docnum {{case.docnum}}
@to {{applicant.name}}：

本机关于{{dates.received}}收到您提出的关于“{{case.request}}”的政府信息公开申请（登记号：{{case.id}}）。

经审查，现答复如下：

您申请获取的信息不属于本机关掌握的政府信息。{{#if holder.reason}}{{holder.reason}}{{/if}}根据{{outcome.basis}}的规定，本机关无法向您提供该信息。

{{#if holder.name}}
经了解，该信息由{{holder.name}}掌握{{#if holder.contact}}（{{holder.contact}}）{{/if}}，您可以向该机关咨询或者提出政府信息公开申请。
{{/if}}

{{office.remedy}}

特此告知。

@attachments
{{#each attachments}}{{name}}{{/each}}

@sign {{office.name}}
@date {{dates.letter}}
