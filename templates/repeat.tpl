# 重复申请告知书
# 已就相同申请作出答复，申请人重复申请公开相同信息
# （政府信息公开条例第三十六条第（六）项）。

@title 政府信息公开申请答复书
@docnum {{case.docnum}}
@to {{applicant.name}}：

本机关于{{dates.received}}收到您提出的关于“{{case.request}}”的政府信息公开申请（登记号：{{case.id}}）。

经审查，现答复如下：

您本次申请获取的信息，与您于{{previous.received}}提出的政府信息公开申请（登记号：{{previous.id}}）内容相同，本机关已于{{previous.replied}}作出答复（{{previous.docnum}}）。根据《中华人民共和国政府信息公开条例》第三十六条第（六）项的规定，本机关不再重复处理。

如您未收到或者遗失了原答复，可以致电{{office.phone}}，本机关将再次寄送原答复。

{{office.remedy}}

特此告知。

@attachments
{{#each attachments}}{{name}}{{/each}}

@sign {{office.name}}
@date {{dates.letter}}
