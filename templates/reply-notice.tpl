# 政府信息公开申请答复书：无法提供、不予处理、其他处理
# 说明的情况（outcome.text）、法律依据（outcome.basis）和处理决定
# （outcome.decision）写在 legal.txt 的 [outcome.代码] 各节中；
# outcome.reason 是经办人写明的具体理由，outcome.where 是获取的途径。

@title 政府信息公开申请答复书
@docnum {{case.docnum}}
@to {{applicant.name}}：

本机关于{{dates.received}}收到您提出的关于“{{case.request}}”的政府信息公开申请（登记号：{{case.id}}）。

经审查，现答复如下：

{{outcome.text}}{{#if outcome.reason}}{{outcome.reason}}{{/if}}根据{{outcome.basis}}的规定，{{outcome.decision}}。

{{#if outcome.where}}
获取的途径：{{outcome.where}}。
{{/if}}

{{office.remedy}}

特此告知。

@attachments
{{#each attachments}}{{name}}{{/each}}

@sign {{office.name}}
@date {{dates.letter}}
