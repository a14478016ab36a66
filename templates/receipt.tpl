# 政府信息公开申请登记回执
# 收到申请并登记后出具（依申请公开政务规定第五条、第六条）。

@title 政府信息公开申请登记回执
@docnum {{case.docnum}}
@to {{applicant.name}}：

本机关于{{dates.received}}收到您通过{{case.channel}}提出的关于“{{case.request}}”的政府信息公开申请，已予登记，登记号为{{case.id}}。

根据《通辽市人社局依申请公开政务规定》第六条的规定，本机关将自收到申请之日起{{period.reply}}内，即于{{dates.deadline}}前作出答复。确因正当理由需要延长答复期限的，本机关将另行书面告知。

如经审查您的申请需要补正，本机关将一次性告知您需要补正的全部事项。

查询办理进度或者补充材料时，请注明登记号{{case.id}}。联系电话：{{office.phone}}{{#if office.fax}}；传真：{{office.fax}}{{/if}}{{#if office.email}}；电子邮箱：{{office.email}}{{/if}}；通信地址：{{office.address}}{{#if office.postcode}}（邮政编码：{{office.postcode}}）{{/if}}。

特此告知。

@attachments
{{#each attachments}}{{name}}{{/each}}

@sign {{office.name}}
@date {{dates.letter}}
