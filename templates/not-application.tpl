# 不作为政府信息公开申请处理告知书
# 以申请形式提出的信访、投诉、举报（政府信息公开条例第三十九条第一款）或者
# 咨询（不是申请获取条例第二条规定的政府信息）。
# referral.consultation 非空：咨询；为空：信访、投诉、举报。

@title 不作为政府信息公开申请处理告知书
@docnum {{case.docnum}}
@to {{applicant.name}}：

本机关于{{dates.received}}收到您提出的关于“{{case.request}}”的申请（登记号：{{case.id}}）。

经审查，现答复如下：

您提出的事项属于{{referral.kind}}，不是申请获取《中华人民共和国政府信息公开条例》第二条规定的政府信息，即行政机关在履行行政管理职能过程中制作或者获取的，以一定形式记录、保存的信息。
{{#if referral.consultation}}因此，本机关不将其作为政府信息公开申请处理。{{else}}根据该条例第三十九条第一款的规定，本机关不将其作为政府信息公开申请处理。{{/if}}

您可以{{referral.channel}}提出，有关部门将依照相应规定办理。

{{office.remedy}}

特此告知。

@attachments
{{#each attachments}}{{name}}{{/each}}

@sign {{office.name}}
@date {{dates.letter}}
