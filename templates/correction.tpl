# 政府信息公开申请补正告知书
# 申请内容不明确或者要件不完整时，一次性告知全部补正事项
# （依申请公开政务规定第四条、第五条；政府信息公开条例第二十九条、第三十条）。

@title 政府信息公开申请补正告知书
@docnum {{case.docnum}}
@to {{applicant.name}}：

本机关于{{dates.received}}收到您提出的{{#if case.request}}关于“{{case.request}}”的{{/if}}政府信息公开申请（登记号：{{case.id}}）。

经审查，您的申请内容不明确或者要件不完整。根据《通辽市人社局依申请公开政务规定》第四条、第五条和《中华人民共和国政府信息公开条例》第二十九条、第三十条的规定，现一次性告知您需要补正的事项如下：

{{#each missing}}
@item {{@index1}}. {{label}}：{{what}}
{{/each}}

请您自收到本告知书之日起{{period.correction}}内，按照上述要求补正，并通过以下任一方式提交本机关：
邮寄至{{office.address}}{{#if office.postcode}}（邮政编码：{{office.postcode}}）{{/if}}
{{#if office.fax}}；传真至{{office.fax}}{{/if}}
{{#if office.email}}；发送电子邮件至{{office.email}}{{/if}}。
提交时请在信函、传真或者电子邮件主题中注明登记号“{{case.id}}”。您也可以填写本告知书所附的政府信息公开申请表，与补正材料一并提交。

答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关将不再处理该政府信息公开申请。

如有疑问，请致电{{office.phone}}。

特此告知。

@attachments
政府信息公开申请表
{{#each attachments}}{{name}}{{/each}}

@sign {{office.name}}
@date {{dates.letter}}
