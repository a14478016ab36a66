# 政府信息公开申请表（空白表格，随补正告知书附送，也可以在门户网站下载）
# 依申请公开政务规定第四条：申请人基本情况、请求公开的内容、签名或者盖章、申请时间。

@title 政府信息公开申请表
@heading 受理机关：{{office.name}}

@heading 一、申请人信息（公民填写）
@field 姓名
@field 工作单位
@field 证件名称
@field 证件号码
@field 通信地址
@field 邮政编码
@field 联系电话
@field 传真
@field 电子邮箱

@heading 二、申请人信息（法人或者其他组织填写）
@field 名称
@field 统一社会信用代码
@field 法定代表人
@field 联系人
@field 联系电话
@field 电子邮箱
@field 传真
@field 地址
@field 邮政编码

@heading 三、所需信息
@field 所需信息的内容描述（必填：请写明信息的名称、文号或者其他特征描述） 5
@field 所需信息的用途 2
@field 索取号（选填）

@heading 四、提供方式
@choice 所需信息的载体形式（请在方框内打“√”） | 纸面 | 电子邮件 | 光盘 | 磁盘
@choice 获取信息的方式（请在方框内打“√”） | 自行领取 | 当场阅读、抄录 | 邮寄 | 快递 | 电子邮件 | 传真

@heading 五、申请人签名
@field 申请人签名（盖章） 2
@field 申请时间

填表说明：公民填写第一部分，法人或者其他组织填写第二部分，并请附身份证明（居民身份证复印件，或者营业执照等登记证书复印件）。本表可以通过信函、传真或者电子邮件提交：
邮寄地址{{office.address}}{{#if office.postcode}}（邮政编码：{{office.postcode}}）{{/if}}
{{#if office.fax}}，传真{{office.fax}}{{/if}}
{{#if office.email}}，电子邮箱{{office.email}}{{/if}}。本机关提供政府信息不收取任何费用。
