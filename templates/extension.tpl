# 政府信息公开申请延期答复告知书
# 经本机关负责人同意延长答复期限时出具（依申请公开政务规定第六条第（二）项；
# 政府信息公开条例第三十三条第二款）。

@title 政府信息公开申请延期答复告知书
@docnum {{case.docnum}}
@to {{applicant.name}}：

本机关于{{dates.received}}收到您提出的关于“{{case.request}}”的政府信息公开申请（登记号：{{case.id}}）。

因{{extension.reason}}，本机关无法在{{dates.deadline}}前作出答复。根据《通辽市人社局依申请公开政务规定》第六条第（二）项和《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经本机关负责人同意，答复期限延长{{period.extension}}，本机关将于{{dates.new_deadline}}前作出答复。

感谢您的理解和支持。如有疑问，请致电{{office.phone}}，并注明登记号{{case.id}}。

特此告知。

@attachments
{{#each attachments}}{{name}}{{/each}}

@sign {{office.name}}
@date {{dates.letter}}
