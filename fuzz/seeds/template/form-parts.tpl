@title 政府信息公开申请表
@field 姓名
@field 所需信息的内容描述 5
@choice 获取方式 | 邮寄 | {{office.fax}} | 电子邮件
@pagebreak
@attachments
{{#each files}}{{title}}{{/each}}
{{#if office.fax}}传真{{/if}}
@heading 一、{{office.name}}
@sign {{office.name}}
@date {{dates.letter}}
