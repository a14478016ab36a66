/* Application elements (fields.c) through extract_message(): forms, prose
 * letters, table-derived lines, quoting and the sender as contact.  Every
 * case states every field a clerk checks, so a case fails when the feature
 * it shows is missing.  Values keep the applicant's punctuation (，；：
 * stay full-width); numbers and addresses come back ASCII. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "extract/extract.h"

#define M_NAME EXTRACT_ELEM_NAME
#define M_ADDR EXTRACT_ELEM_ADDRESS
#define M_ID EXTRACT_ELEM_IDENTITY_PROOF
#define M_CONTACT EXTRACT_ELEM_CONTACT
#define M_REQ EXTRACT_ELEM_REQUEST
#define M_SIG EXTRACT_ELEM_SIGNATURE
#define M_DATE EXTRACT_ELEM_DATE

struct expect {
	enum extract_kind kind;
	enum extract_applicant_kind applicant;
	const char *name, *legal_rep, *contact_person;
	enum extract_id_type id_type;
	const char *id_label, *id_number;
	const char *address, *postcode, *phone, *email, *fax;
	const char *request, *purpose;
	bool signature;
	const char *signature_text;
	const char *date;
	enum extract_delivery delivery;
	enum extract_medium medium;
	unsigned missing, invalid;
};

struct field_case {
	const char *title;
	const char *subject;
	const char *body;
	const char *attachment; /* text of an attached form, or NULL */
	bool sender_is_contact;
	struct expect want;
};

#define FROM "applicant@example.com"

static const struct field_case cases[] = {
	{
		"complete person form, ideographic spaces in labels",
		"政府信息公开申请",
		"政府信息公开申请表\n\n"
		"申请人信息\n"
		"姓\u3000\u3000名：张三\t工作单位：北京某某公司\n"
		"证件名称：居民身份证\t证件号码：11010519491231002X\n"
		"通信地址：北京市东城区东四十条1号\t邮政编码：100010\n"
		"联系电话：138 0013 8000\t传真：\n"
		"电子邮箱：zhangsan@163.com\n\n"
		"所需信息的内容描述：\n"
		"贵局2025年度就业专项资金的使用情况，\n"
		"包括资金分配明细。\n"
		"所需信息的用途：学术研究\n"
		"所需信息的指定提供方式：☑纸面 □电子邮件 □光盘 □磁盘\n"
		"获取信息的方式：☑邮寄 □快递 □电子邮件 □传真 □自行领取/当场阅读、抄录\n\n"
		"申请人签名（盖章）：张三\n"
		"申请时间：2026年11月20日\n",
		NULL, true,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "张三", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "居民身份证", "11010519491231002X",
		  "北京市东城区东四十条1号", "100010", "13800138000",
		  "zhangsan@163.com", NULL,
		  "贵局2025年度就业专项资金的使用情况，包括资金分配明细",
		  "学术研究", true, "张三", "2026-11-20",
		  EXTRACT_DELIVERY_POST, EXTRACT_MEDIUM_PAPER, 0, 0 },
	},
	{
		"organisation form with a USCC, bracket ticks and a seal",
		"信息公开申请",
		"法人或者其他组织\n"
		"名称：通辽市某某建筑工程有限公司\n"
		"统一社会信用代码：91350100M000100Y43\n"
		"法定代表人：吴一\n"
		"联系人：郑二\n"
		"联系电话：0475-8123456\n"
		"地址：通辽市科尔沁区和平路88号\n"
		"邮编：028000\n"
		"所需信息的内容描述：本公司2025年度社会保险缴费基数核定结果\n"
		"所需信息的用途：企业内部核对\n"
		"所需信息的指定提供方式（可选）：[ ]纸面 [x]电子邮件 [ ]光盘\n"
		"获取信息的方式（可选）：[ ]邮寄 [ ]快递 [x]电子邮件 [ ]传真 [ ]自行领取\n"
		"申请人签名（盖章）：通辽市某某建筑工程有限公司（盖章）\n"
		"申请时间：二〇二六年十一月十九日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_ORGANISATION,
		  "通辽市某某建筑工程有限公司", "吴一", "郑二", EXTRACT_ID_USCC,
		  "统一社会信用代码", "91350100M000100Y43",
		  "通辽市科尔沁区和平路88号", "028000", "0475-8123456", NULL, NULL,
		  "本公司2025年度社会保险缴费基数核定结果", "企业内部核对", true,
		  "通辽市某某建筑工程有限公司", "2026-11-19",
		  EXTRACT_DELIVERY_EMAIL, EXTRACT_MEDIUM_ELECTRONIC, 0, 0 },
	},
	{
		"prose letter with a closing block and a client tagline",
		"申请",
		"尊敬的通辽市人力资源和社会保障局：\n\n"
		"我叫李四，身份证号码150102198001011236，现住内蒙古通辽市科尔沁区建国路12号，"
		"联系电话13800138000。现申请公开贵局2025年发布的最低工资标准调整文件。"
		"请通过电子邮件发送给我。\n\n"
		"此致 敬礼 申请人：李四 2026年11月20日\n\n"
		"发自我的iPhone\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "李四", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "身份证", "150102198001011236",
		  "内蒙古通辽市科尔沁区建国路12号", NULL, "13800138000", NULL, NULL,
		  "贵局2025年发布的最低工资标准调整文件", NULL, true, "李四",
		  "2026-11-20", EXTRACT_DELIVERY_EMAIL, EXTRACT_MEDIUM_UNKNOWN,
		  0, 0 },
	},
	{
		"organisation letter: name before its code, list request, seal",
		"关于申请公开政府信息的函",
		"通辽市人力资源和社会保障局：\n\n"
		"北京某某科技有限公司（统一社会信用代码：91110000600037341L）系在北京注册的企业，"
		"法定代表人王五，联系人赵六，联系电话010-12345678，地址：北京市朝阳区建国门外大街1号。\n"
		"现依法申请公开以下信息：\n"
		"1. 2025年度劳动保障监察年报；\n"
		"2. 2025年度企业工资指导线文件。\n\n"
		"北京某某科技有限公司（盖章）\n"
		"2026年11月18日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_ORGANISATION,
		  "北京某某科技有限公司", "王五", "赵六", EXTRACT_ID_USCC,
		  "统一社会信用代码", "91110000600037341L",
		  "北京市朝阳区建国门外大街1号", NULL, "010-12345678", NULL, NULL,
		  "1. 2025年度劳动保障监察年报；\n2. 2025年度企业工资指导线文件",
		  NULL, true, "北京某某科技有限公司", "2026-11-18",
		  EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN, 0, 0 },
	},
	{
		"HTML table rows as tabs and label：value lines, ■ tick",
		"信息公开申请表",
		"政府信息公开申请表\n"
		"申请人\t公民\t姓名\t王小明\t工作单位\t某某学校\n"
		"证件名称\t居民身份证\t证件号码\t440304198506123455\n"
		"联系电话\t010-87654321\t邮政编码\t518000\n"
		"联系地址：广东省深圳市福田区深南大道1号\n"
		"电子邮箱：wangxm@qq.com\n"
		"所需信息的内容描述：2024年社保基金审计报告\n"
		"获取信息的方式：□邮寄 □快递 ■电子邮件 □传真\n"
		"申请人签名：王小明\n"
		"申请日期：2026年11月01日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "王小明",
		  NULL, NULL, EXTRACT_ID_RESIDENT, "居民身份证",
		  "440304198506123455", "广东省深圳市福田区深南大道1号", "518000",
		  "010-87654321", "wangxm@qq.com", NULL, "2024年社保基金审计报告",
		  NULL, true, "王小明", "2026-11-01", EXTRACT_DELIVERY_EMAIL,
		  EXTRACT_MEDIUM_UNKNOWN, 0, 0 },
	},
	{
		/* Prose patterns (本人, 单位) inside a form value do not end it;
		 * a purpose whose sentence ended does not take the next line;
		 * full-width punctuation is kept, a full-width phone stays ASCII;
		 * 提供方式 is the medium field. */
		"form values holding prose words, full-width punctuation",
		"信息公开申请",
		"姓名：乌兰\n"
		"身份证号码：150102199003071229\n"
		"通信地址：通辽市开鲁县东风镇（北街）18号\n"
		"联系电话：０４７５－６２１１８８０\n"
		"所需信息的内容描述：本人所在村2025年度草原生态补奖资金的发放名单；以及发放标准\n"
		"所需信息的用途：核实本人家庭是否在名单内。\n"
		"请将纸质材料寄到上述地址。\n"
		"提供方式：纸面\n"
		"申请人签名：乌兰\n"
		"申请时间：2026年10月3日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "乌兰",
		  NULL, NULL, EXTRACT_ID_RESIDENT, "身份证", "150102199003071229",
		  "通辽市开鲁县东风镇（北街）18号", NULL, "0475-6211880", NULL, NULL,
		  "本人所在村2025年度草原生态补奖资金的发放名单；以及发放标准",
		  "核实本人家庭是否在名单内", true, "乌兰", "2026-10-03",
		  EXTRACT_DELIVERY_POST, EXTRACT_MEDIUM_PAPER, 0, 0 },
	},
	{
		/* Letters: 住…, a lead-in before the colon, 发送至…邮箱 with
		 * 电子版, a courtesy tail, a bare signer named 向… */
		"letter: bare 住, lead-in colon, mailbox phrase, 向 signer",
		"申请",
		"人社局：\n"
		"我是开鲁县的向红梅，身份证号150102198807154228，住开鲁县开鲁镇新华街6号，电话13604756688。\n"
		"我正式申请政府信息公开，具体内容是：开鲁县2025年度公益性岗位人员名单及岗位补贴标准，谢谢。\n"
		"请将电子版发送至本人QQ邮箱。\n\n"
		"向红梅\n"
		"2026年5月6日\n",
		NULL, true,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "向红梅",
		  NULL, NULL, EXTRACT_ID_RESIDENT, "身份证", "150102198807154228",
		  "开鲁县开鲁镇新华街6号", NULL, "13604756688", FROM, NULL,
		  "开鲁县2025年度公益性岗位人员名单及岗位补贴标准", NULL, true,
		  "向红梅", "2026-05-06", EXTRACT_DELIVERY_EMAIL,
		  EXTRACT_MEDIUM_ELECTRONIC, 0, 0 },
	},
	{
		/* A verb announcing what follows (…，我的情况如下) is not the
		 * request; the description comes after a blank line. */
		"letter: request announced, then given below a blank line",
		"申请",
		"您好！我想申请公开一些信息，我的情况如下：\n"
		"姓名：包玉兰\n"
		"身分证：15052119770211332X\n"
		"家住科左后旗甘旗卡镇团结小区2号楼\n"
		"电话：15847561234\n"
		"特申请公开如下政府信息：\n\n"
		"甘旗卡镇2025年度城乡低保对象名单。\n\n"
		"申请人：包玉兰\n"
		"2026年4月2日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "包玉兰",
		  NULL, NULL, EXTRACT_ID_RESIDENT, "身份证", "15052119770211332X",
		  "科左后旗甘旗卡镇团结小区2号楼", NULL, "15847561234", NULL, NULL,
		  "甘旗卡镇2025年度城乡低保对象名单", NULL, true, "包玉兰",
		  "2026-04-02", EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN,
		  0, 0 },
	},
	{
		/* Traditional characters: labels read, values kept as written;
		 * 申請人 is a label, never the signer. */
		"traditional-character form",
		"政府資訊公開申請",
		"申請人姓名：林志明\n"
		"證件名稱：港澳居民來往內地通行證\n"
		"證件號碼：H01234567\n"
		"聯繫地址：香港九龍彌敦道238號\n"
		"郵遞區號：999077\n"
		"聯繫電話：85291234567\n"
		"所需資訊內容：通遼市2025年度港澳居民參加社會保險的辦理指南。\n"
		"用途：瞭解辦理條件\n"
		"獲取方式：郵寄\n"
		"申請人：林志明\n"
		"2026年6月8日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "林志明",
		  NULL, NULL, EXTRACT_ID_OTHER, "港澳居民來往內地通行證",
		  "H01234567", "香港九龍彌敦道238號", "999077", "85291234567",
		  NULL, NULL, "通遼市2025年度港澳居民參加社會保險的辦理指南",
		  "瞭解辦理條件", true, "林志明", "2026-06-08",
		  EXTRACT_DELIVERY_POST, EXTRACT_MEDIUM_UNKNOWN, 0,
		  EXTRACT_INVALID_PHONE },
	},
	{
		/* A forward's cover note has its own date; the application's
		 * is the one signed inside. */
		"forwarded application: the date inside, not the cover note's",
		"转：信息公开申请",
		"现将群众来信转你局办理。\n"
		"某某旗政务服务中心\n"
		"2026年7月20日\n\n"
		"---------- Forwarded message ---------\n"
		"发件人： 赵刚 <zhaogang@example.net>\n"
		"Date: 2026年7月15日\n"
		"Subject: 申请\n\n"
		"我叫赵刚，身份证号码150502197911053010，现住通辽市科尔沁区明仁大街5号，联系电话13947500001。\n"
		"现申请公开2025年度通辽市失业保险金发放标准。\n"
		"申请人：赵刚\n"
		"2026年7月15日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "赵刚",
		  NULL, NULL, EXTRACT_ID_RESIDENT, "身份证", "150502197911053010",
		  "通辽市科尔沁区明仁大街5号", NULL, "13947500001", NULL, NULL,
		  "2025年度通辽市失业保险金发放标准", NULL, true, "赵刚",
		  "2026-07-15", EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN,
		  0, 0 },
	},
	{
		"form with an empty signature field and a blank date",
		"申请表",
		"姓名：钱五\n"
		"证件号码：11010519491231002X\n"
		"联系地址：北京市西城区金融街1号\n"
		"手机：13600136000\n"
		"所需信息的内容描述：西城区2025年公租房轮候名单\n"
		"申请人签名：\n"
		"申请日期：    年   月   日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "钱五", NULL,
		  NULL, EXTRACT_ID_RESIDENT, NULL, "11010519491231002X",
		  "北京市西城区金融街1号", NULL, "13600136000", NULL, NULL,
		  "西城区2025年公租房轮候名单", NULL, false, NULL, NULL,
		  EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN,
		  M_SIG | M_DATE, 0 },
	},
	{
		"signed form without any date",
		"申请表",
		"姓名：钱五\n"
		"身份证号：11010519491231002X\n"
		"住址：北京市西城区金融街1号\n"
		"电话：13600136000\n"
		"申请内容：西城区2025年公租房轮候名单\n"
		"签字：钱五\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "钱五", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "身份证", "11010519491231002X",
		  "北京市西城区金融街1号", NULL, "13600136000", NULL, NULL,
		  "西城区2025年公租房轮候名单", NULL, true, "钱五", NULL,
		  EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN, M_DATE, 0 },
	},
	{
		"pairs on one line, bad ID checksum, extension, empty values",
		"申请",
		"姓名：孙十  性别：男  民族：汉  联系电话：(0471)6912345转801\n"
		"身份证号：150102198001011237  邮编：010000\n"
		"通讯地址：内蒙古呼和浩特市新城区新华大街1号，邮编010010\n"
		"电子邮箱：无   传真：/\n"
		"申请内容：关于2025年呼和浩特市最低工资标准的文件（文号）。\n"
		"用途：自身维权\n"
		"签名：孙十\n"
		"日期：2026年11月24日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "孙十", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "身份证", "150102198001011237",
		  "内蒙古呼和浩特市新城区新华大街1号", "010000",
		  "(0471)6912345转801", NULL, NULL,
		  "关于2025年呼和浩特市最低工资标准的文件（文号）", "自身维权", true,
		  "孙十", "2026-11-24", EXTRACT_DELIVERY_UNKNOWN,
		  EXTRACT_MEDIUM_UNKNOWN, 0, EXTRACT_INVALID_ID_NUMBER },
	},
	{
		"future date, short postcode, malformed address, bad mobile",
		"申请",
		"姓名：周一\n"
		"身份证号码：440304198506123455\n"
		"地址：广州市天河区体育西路1号\n"
		"邮编：51000\n"
		"手机号码：1234567890123\n"
		"电子邮箱：zhouyi#qq.com\n"
		"申请公开的内容：天河区2025年度城市更新项目清单\n"
		"申请人签名：周一\n"
		"申请时间：2026年12月01日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "周一", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "身份证", "440304198506123455",
		  "广州市天河区体育西路1号", "51000", "1234567890123",
		  "zhouyi#qq.com", NULL, "天河区2025年度城市更新项目清单", NULL,
		  true, "周一", "2026-12-01", EXTRACT_DELIVERY_UNKNOWN,
		  EXTRACT_MEDIUM_UNKNOWN, 0,
		  EXTRACT_INVALID_DATE | EXTRACT_INVALID_POSTCODE |
		  EXTRACT_INVALID_PHONE | EXTRACT_INVALID_EMAIL },
	},
	{
		"labels with spaces between characters, ASCII colons",
		"申请",
		"姓 名: 吴二\n"
		"公 民 身 份 号 码: 11010519491231002X\n"
		"通\u3000讯\u3000地\u3000址: 天津市和平区南京路1号\n"
		"联 系 电 话  022-23456789\n"
		"申 请 内 容: 和平区2025年老旧小区改造计划\n"
		"申请人(签名): 吴二\n"
		"日 期: 2026/11/21\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "吴二", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "居民身份证", "11010519491231002X",
		  "天津市和平区南京路1号", NULL, "022-23456789", NULL, NULL,
		  "和平区2025年老旧小区改造计划", NULL, true, "吴二", "2026-11-21",
		  EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN, 0, 0 },
	},
	{
		"values on the line after bare labels, ticks after options",
		"申请",
		"姓 名\n陈七\n"
		"联 系 电 话\n13912345678\n"
		"通 信 地 址\n江苏省南京市鼓楼区中山路1号\n"
		"身份证号\n150102198001011236\n"
		"申请内容\n南京市2025年度\n公共租赁住房分配名单\n"
		"申请时间\n2026年11月01日\n"
		"签名\n陈七\n"
		"获取方式\n邮寄( ) 传真( ) 自行领取(√)\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "陈七", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "身份证", "150102198001011236",
		  "江苏省南京市鼓楼区中山路1号", NULL, "13912345678", NULL, NULL,
		  "南京市2025年度公共租赁住房分配名单", NULL, true, "陈七",
		  "2026-11-01", EXTRACT_DELIVERY_PICKUP, EXTRACT_MEDIUM_UNKNOWN,
		  0, 0 },
	},
	{
		"passport applicant writing in English and Chinese, mail signature",
		"Application",
		"Dear Sir,\n\n"
		"我是外籍人士，护照号码：P1234567。\n"
		"申请公开2025年外国人就业许可审批统计数据，请邮寄纸质材料。\n"
		"Address: 100 Main Street, Beijing\n"
		"Tel: +86 138 0013 8000\n\n"
		"此致\n敬礼！\n"
		"John Smith\n"
		"2026-11-15\n\n"
		"-- \n"
		"John Smith | ACME Consulting\n"
		"Fax: 010-66668888\n"
		"Sent from my iPhone\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "John Smith",
		  NULL, NULL, EXTRACT_ID_PASSPORT, "护照", "P1234567",
		  "100 Main Street, Beijing", NULL, "+8613800138000", NULL,
		  "010-66668888",
		  "2025年外国人就业许可审批统计数据", NULL, true,
		  "John Smith", "2026-11-15", EXTRACT_DELIVERY_POST,
		  EXTRACT_MEDIUM_PAPER, 0, 0 },
	},
	{
		"reply: newest text first, quoted application fills the rest",
		"Re: 政府信息公开申请",
		"您好，我的手机号换了，新号码13911112222。其余信息见下方原申请。\n\n"
		"刘八\n"
		"2026年11月20日\n\n"
		"在 2026年11月19日 10:00，刘八 <liuba@example.com> 写道：\n"
		"> 姓名：刘八\n"
		"> 身份证号：440304198506123455\n"
		"> 通信地址：广东省深圳市福田区深南大道1号\n"
		"> 联系电话：13700137000\n"
		"> 所需信息的内容描述：深圳市2025年度人才补贴发放名单\n"
		"> 申请人签名：刘八\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "刘八", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "身份证", "440304198506123455",
		  "广东省深圳市福田区深南大道1号", NULL, "13911112222", NULL, NULL,
		  "深圳市2025年度人才补贴发放名单", NULL, true, "刘八",
		  "2026-11-20", EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN,
		  0, 0 },
	},
	{
		"correction reply quoting our own notice: our details ignored",
		"回复：补正告知书 2026-000123",
		"您好，补正材料如下：我的身份证号码是11010519491231002X，"
		"地址：北京市海淀区中关村大街27号。\n\n"
		"张三\n2026年11月22日\n\n"
		"------------------ 原始邮件 ------------------\n"
		"发件人: \"通辽市人社局\" <ogi@office.gov.cn>\n"
		"发送时间: 2026年11月21日(星期六) 上午9:00\n"
		"收件人: \"张三\" <zhangsan@163.com>\n"
		"主题: 补正告知书 2026-000123\n\n"
		"张三：\n本机关收到您的申请，缺少身份证明和通信地址。"
		"联系电话：0475-8888888，地址：通辽市科尔沁区霍林河大街1号。\n",
		NULL, false,
		{ EXTRACT_KIND_CORRECTION_REPLY, EXTRACT_APPLICANT_PERSON, "张三",
		  NULL, NULL, EXTRACT_ID_RESIDENT, "身份证", "11010519491231002X",
		  "北京市海淀区中关村大街27号", NULL, NULL, NULL, NULL, NULL, NULL,
		  true, "张三", "2026-11-22", EXTRACT_DELIVERY_UNKNOWN,
		  EXTRACT_MEDIUM_UNKNOWN, M_CONTACT | M_REQ, 0 },
	},
	{
		"sender address counts as contact on the email channel",
		"政府信息公开申请",
		"领导好：\n"
		"本人周九，身份证号码150102198001011236，家住内蒙古通辽市开鲁县幸福街5号。\n"
		"申请公开开鲁县2025年农民工工资保证金退还情况。\n"
		"周九\n"
		"2026年11月10日\n",
		NULL, true,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "周九", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "身份证", "150102198001011236",
		  "内蒙古通辽市开鲁县幸福街5号", NULL, NULL, FROM, NULL,
		  "开鲁县2025年农民工工资保证金退还情况", NULL, true, "周九",
		  "2026-11-10", EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN,
		  0, 0 },
	},
	{
		"the same letter by fax: no sender contact, contact missing",
		"Fax received from \"0475\"",
		"领导好：\n"
		"本人周九，身份证号码150102198001011236，家住内蒙古通辽市开鲁县幸福街5号。\n"
		"申请公开开鲁县2025年农民工工资保证金退还情况。\n"
		"周九\n"
		"2026年11月10日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "周九", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "身份证", "150102198001011236",
		  "内蒙古通辽市开鲁县幸福街5号", NULL, NULL, NULL, NULL,
		  "开鲁县2025年农民工工资保证金退还情况", NULL, true, "周九",
		  "2026-11-10", EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN,
		  M_CONTACT, 0 },
	},
	{
		"form in an attachment below a quoted body",
		"Re: 申请表",
		"附件是填好的申请表。\n\n"
		"-----原始邮件-----\n"
		"发件人: 某人 <someone@example.org>\n"
		"发送时间: 2026年11月1日\n\n"
		"联系电话：13000000000\n",
		"姓名：马六\n"
		"身份证号码：11010519491231002X\n"
		"通信地址：重庆市渝中区解放碑1号\n"
		"联系电话：13512345678\n"
		"所需信息的内容描述：渝中区2025年度低保名单\n"
		"申请人签名：马六\n"
		"申请日期：2026-11-23\n",
		false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "马六", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "身份证", "11010519491231002X",
		  "重庆市渝中区解放碑1号", NULL, "13512345678", NULL, NULL,
		  "渝中区2025年度低保名单", NULL, true, "马六", "2026-11-23",
		  EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN, 0, 0 },
	},
	{
		"a consultation keeps no application fields",
		"咨询",
		"请问如何申请政府信息公开？需要带身份证吗？我的电话13800138000。\n",
		NULL, true,
		{ EXTRACT_KIND_CONSULTATION, EXTRACT_APPLICANT_UNKNOWN, NULL, NULL,
		  NULL, EXTRACT_ID_NONE, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		  NULL, NULL, false, NULL, NULL, EXTRACT_DELIVERY_UNKNOWN,
		  EXTRACT_MEDIUM_UNKNOWN, 0, 0 },
	},
	{
		"labels in 【】 brackets, the closing bracket as separator",
		"政府信息公开申请",
		"通辽市人社局：\n"
		"【申请人】高娃\n"
		"【证件号码】150102198001011236\n"
		"【联系地址】通辽市科尔沁区永清大街9号\n"
		"【手\u3000\u3000机】13904751234\n"
		"【所需信息】科尔沁区2026年公益性岗位开发计划\n"
		"【获取方式】【电子邮件】\n"
		"【申请人签名】高娃\n"
		"【申请时间】2026年11月2日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "高娃", NULL,
		  NULL, EXTRACT_ID_RESIDENT, NULL, "150102198001011236",
		  "通辽市科尔沁区永清大街9号", NULL, "13904751234", NULL, NULL,
		  "科尔沁区2026年公益性岗位开发计划", NULL, true, "高娃",
		  "2026-11-02", EXTRACT_DELIVERY_EMAIL, EXTRACT_MEDIUM_UNKNOWN,
		  0, 0 },
	},
	{
		"pasted spreadsheet: a choice's value that is also a label (传真)",
		"申请",
		"姓名\t乔峰\n"
		"证件号码\t150102198001011236\n"
		"住址\t通辽市科尔沁区明仁大街3号\n"
		"联系电话\t13800138000\n"
		"所需信息的内容描述\t2025年度职业培训补贴发放名单\n"
		"获取方式\t传真\t\t\n"
		"传真号码\t0475-8123456\n"
		"申请人签名\t乔峰\n"
		"申请日期\t2026年11月3日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "乔峰", NULL,
		  NULL, EXTRACT_ID_RESIDENT, NULL, "150102198001011236",
		  "通辽市科尔沁区明仁大街3号", NULL, "13800138000", NULL,
		  "0475-8123456", "2025年度职业培训补贴发放名单", NULL, true, "乔峰",
		  "2026-11-03", EXTRACT_DELIVERY_FAX, EXTRACT_MEDIUM_UNKNOWN, 0, 0 },
	},
	{
		"lawyer-style 申请人 line: name to the comma, 住…, a birth date",
		"政府信息公开申请",
		"政府信息公开申请书\n"
		"申请人：苏日娜，女，1990年6月1日出生，蒙古族，住通辽市科尔沁区红旗路16号，"
		"身份证号码：150102198001011236，电话：13800138000。\n"
		"申请公开的内容：2025年度通辽市最低工资标准的测算依据。\n"
		"申请人：苏日娜\n"
		"2026年11月4日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "苏日娜", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "身份证", "150102198001011236",
		  "通辽市科尔沁区红旗路16号", NULL, "13800138000", NULL, NULL,
		  "2025年度通辽市最低工资标准的测算依据", NULL, true, "苏日娜",
		  "2026-11-04", EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN,
		  0, 0 },
	},
	{
		"company letter: 关于申请公开…的函 title, address inside brackets",
		"函",
		"通辽市某某商贸有限公司\n"
		"关于申请公开劳务派遣经营许可年检结果的函\n"
		"通辽市人力资源和社会保障局：\n"
		"    我公司（统一社会信用代码：91110000600037341L，地址：通辽市科尔沁区和平路88号）"
		"现申请公开贵局2025年度劳务派遣单位年度经营情况报告的核验名单。\n"
		"    联系人：白杨，联系电话：13800138000。\n"
		"通辽市某某商贸有限公司（盖章）\n"
		"2026年11月5日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_ORGANISATION,
		  "通辽市某某商贸有限公司", NULL, "白杨", EXTRACT_ID_USCC,
		  "统一社会信用代码", "91110000600037341L",
		  "通辽市科尔沁区和平路88号", NULL, "13800138000", NULL, NULL,
		  "贵局2025年度劳务派遣单位年度经营情况报告的核验名单", NULL, true,
		  "通辽市某某商贸有限公司", "2026-11-05", EXTRACT_DELIVERY_UNKNOWN,
		  EXTRACT_MEDIUM_UNKNOWN, 0, 0 },
	},
	{
		"date field with a year and a month only: invalid, kept as written",
		"申请",
		"姓名：马丽\n"
		"身份证号码：150102198001011236\n"
		"通信地址：通辽市科尔沁区胜利路7号\n"
		"联系电话：13800138000\n"
		"所需信息的内容描述：2025年度就业创业补贴资金发放明细\n"
		"申请人签名：马丽\n"
		"填表日期：2026年10月\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "马丽", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "身份证", "150102198001011236",
		  "通辽市科尔沁区胜利路7号", NULL, "13800138000", NULL, NULL,
		  "2025年度就业创业补贴资金发放明细", NULL, true, "马丽", "2026-10",
		  EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN, 0,
		  EXTRACT_INVALID_DATE },
	},
	{
		"form lines filled in on underscores",
		"申请表",
		"政府信息公开申请表\n"
		"申请人姓名______________刘桂芝\n"
		"身份证号码______________150521198703152421\n"
		"通信地址________________通辽市科尔沁左翼中旗保康镇新华路9号\n"
		"联系电话________________15804751234\n"
		"所需信息内容描述________保康镇2025年度城乡低保转入社保兜底人员名单\n"
		"申请人签名______________刘桂芝\n"
		"申请日期________________2026年11月2日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "刘桂芝", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "身份证", "150521198703152421",
		  "通辽市科尔沁左翼中旗保康镇新华路9号", NULL, "15804751234", NULL,
		  NULL, "保康镇2025年度城乡低保转入社保兜底人员名单", NULL, true,
		  "刘桂芝", "2026-11-02", EXTRACT_DELIVERY_UNKNOWN,
		  EXTRACT_MEDIUM_UNKNOWN, 0, 0 },
	},
	{
		"table in columns: a row of labels above a row of values",
		"申请表",
		"政府信息公开申请表\n"
		"姓名\t身份证号码\t联系电话\n"
		"高建国\t150102199005213315\t13604751122\n"
		"通信地址：邮政编码\n"
		"通辽市科尔沁区永安路16号：028000\n"
		"所需信息的内容描述\n"
		"2025年度通辽市职业培训补贴资金审计报告\n"
		"申请人签名：申请日期\n"
		"高建国：2026年10月30日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "高建国", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "身份证", "150102199005213315",
		  "通辽市科尔沁区永安路16号", "028000", "13604751122", NULL, NULL,
		  "2025年度通辽市职业培训补贴资金审计报告", NULL, true, "高建国",
		  "2026-10-30", EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN,
		  0, 0 },
	},
	{
		"prose with spaces for punctuation; bare name above the date",
		"申请",
		"人社局领导 您好\n"
		"我叫赵桂兰 身份证150421196208071021 家住通辽市科尔沁区明仁街道建国路22号 "
		"电话0475-8261234 我想申请公开我父亲赵德山在通辽市第一建筑公司的档案工资记录 "
		"用途是办理退休 材料请邮寄到我家\n"
		"赵桂兰\n"
		"2026年11月3日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "赵桂兰", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "身份证", "150421196208071021",
		  "通辽市科尔沁区明仁街道建国路22号", NULL, "0475-8261234", NULL,
		  NULL, "我父亲赵德山在通辽市第一建筑公司的档案工资记录", "办理退休",
		  true, "赵桂兰", "2026-11-03", EXTRACT_DELIVERY_POST,
		  EXTRACT_MEDIUM_UNKNOWN, 0, 0 },
	},
	{
		"English application: two-word labels, closing, English date",
		"Application for government information",
		"Dear Sir or Madam,\n\n"
		"Name: Anna Maria Schmidt\n"
		"Passport No.: C4RT71K92\n"
		"Address: Room 508, Unit 2, Building 9, Jianguo Road, Horqin District, Tongliao\n"
		"Postal Code: 028000\n"
		"Mobile: 13947561234\n"
		"Information requested: the 2025 annual report on social insurance "
		"for foreign employees in Tongliao.\n"
		"Purpose: to check my own insurance record.\n"
		"Please send the information by email.\n\n"
		"Yours sincerely,\n"
		"Anna Maria Schmidt\n"
		"5 November 2026\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON,
		  "Anna Maria Schmidt", NULL, NULL, EXTRACT_ID_PASSPORT, "护照",
		  "C4RT71K92",
		  "Room 508, Unit 2, Building 9, Jianguo Road, Horqin District, Tongliao",
		  "028000", "13947561234", NULL, NULL,
		  "the 2025 annual report on social insurance for foreign employees in Tongliao",
		  "to check my own insurance record", true, "Anna Maria Schmidt",
		  "2026-11-05", EXTRACT_DELIVERY_EMAIL, EXTRACT_MEDIUM_UNKNOWN, 0, 0 },
	},
	{
		"one spaced line: a name and a date standing alone, no signature",
		"申请公开",
		"申请公开科左后旗2025年度公益性岗位人员名单 王志强 15147561234 "
		"身份证150522198002153014 住甘旗卡镇胜利街12号 2026.11.4\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "王志强", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "身份证", "150522198002153014",
		  "甘旗卡镇胜利街12号", NULL, "15147561234", NULL, NULL,
		  "科左后旗2025年度公益性岗位人员名单", NULL, false, NULL,
		  "2026-11-04", EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN,
		  M_SIG, 0 },
	},
	/* Identity numbers: the type written wins (issue 6).  The numbers are
	 * checked in test_idnum_date.c: 131102198506120383 fails GB 11643 and
	 * is a well-formed credit code; 150502198703150010 fails GB 11643 and
	 * passes only GB 32100's check character; 91350100M000100Y56 passes
	 * that check, but its organisation code does not hold. */
	{
		"证件名称 above 证件号码; a resident ID failing GB 11643 that is a valid credit code",
		"政府信息公开申请",
		"姓名：李桂芳\n"
		"证件名称：居民身份证\n"
		"证件号码：131102198506120383\n"
		"通信地址：通辽市科尔沁区和平路8号\n"
		"联系电话：13904751234\n"
		"所需信息的内容描述：2025年度灵活就业人员社保补贴发放名单\n"
		"申请人签名：李桂芳\n"
		"申请时间：2026年11月20日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "李桂芳", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "居民身份证", "131102198506120383",
		  "通辽市科尔沁区和平路8号", NULL, "13904751234", NULL, NULL,
		  "2025年度灵活就业人员社保补贴发放名单", NULL, true, "李桂芳",
		  "2026-11-20", EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN, 0,
		  EXTRACT_INVALID_ID_NUMBER },
	},
	{
		"prose 我叫…身份证号…: a mistyped number passing GB 32100's check stays a resident ID",
		"申请",
		"人社局：\n"
		"我叫赵永刚，身份证号150502198703150010，住通辽市科尔沁区民主路3号，"
		"电话13847551234。现申请公开2025年度科尔沁区公益性岗位补贴发放标准。\n"
		"赵永刚\n"
		"2026年11月21日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "赵永刚", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "身份证", "150502198703150010",
		  "通辽市科尔沁区民主路3号", NULL, "13847551234", NULL, NULL,
		  "2025年度科尔沁区公益性岗位补贴发放标准", NULL, true, "赵永刚",
		  "2026-11-21", EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN, 0,
		  EXTRACT_INVALID_ID_NUMBER },
	},
	{
		"no type written: a well-formed credit code makes an organisation",
		"信息公开申请",
		"名称：科尔沁区草原书社\n"
		"证件号码：51150502MA0Q1H2L73\n"
		"地址：通辽市科尔沁区西拉木伦大街20号\n"
		"联系电话：0475-8225566\n"
		"所需信息的内容描述：2025年度社会组织年检结果公告\n"
		"申请人签名：科尔沁区草原书社\n"
		"申请时间：2026年11月19日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_ORGANISATION,
		  "科尔沁区草原书社", NULL, NULL, EXTRACT_ID_USCC, NULL,
		  "51150502MA0Q1H2L73", "通辽市科尔沁区西拉木伦大街20号", NULL,
		  "0475-8225566", NULL, NULL, "2025年度社会组织年检结果公告", NULL,
		  true, "科尔沁区草原书社", "2026-11-19", EXTRACT_DELIVERY_UNKNOWN,
		  EXTRACT_MEDIUM_UNKNOWN, 0, 0 },
	},
	{
		"no type written: a number passing only GB 32100's check is a mistyped resident ID",
		"信息公开申请",
		"姓名：赵永刚\n"
		"证件号码：150502198703150010\n"
		"通信地址：通辽市科尔沁区民主路3号\n"
		"联系电话：13847551234\n"
		"所需信息的内容描述：2025年度科尔沁区公益性岗位补贴发放标准\n"
		"申请人签名：赵永刚\n"
		"申请时间：2026年11月21日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "赵永刚", NULL,
		  NULL, EXTRACT_ID_RESIDENT, NULL, "150502198703150010",
		  "通辽市科尔沁区民主路3号", NULL, "13847551234", NULL, NULL,
		  "2025年度科尔沁区公益性岗位补贴发放标准", NULL, true, "赵永刚",
		  "2026-11-21", EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN, 0,
		  EXTRACT_INVALID_ID_NUMBER },
	},
	{
		"no type written: a code whose organisation code fails is no valid credit code",
		"信息公开申请",
		"名称：科尔沁区草原书社\n"
		"证件号码：91350100M000100Y56\n"
		"地址：通辽市科尔沁区西拉木伦大街20号\n"
		"联系电话：0475-8225566\n"
		"所需信息的内容描述：2025年度社会组织年检结果公告\n"
		"申请人签名：科尔沁区草原书社\n"
		"申请时间：2026年11月19日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_ORGANISATION,
		  "科尔沁区草原书社", NULL, NULL, EXTRACT_ID_USCC, NULL,
		  "91350100M000100Y56", "通辽市科尔沁区西拉木伦大街20号", NULL,
		  "0475-8225566", NULL, NULL, "2025年度社会组织年检结果公告", NULL,
		  true, "科尔沁区草原书社", "2026-11-19", EXTRACT_DELIVERY_UNKNOWN,
		  EXTRACT_MEDIUM_UNKNOWN, 0, EXTRACT_INVALID_ID_NUMBER },
	},
	{
		"no label at all: a code passing only GB 32100's check is not taken",
		"申请",
		"人社局：\n"
		"我叫韩梅，是草原书社的会员，书社的代码是91350100M000100Y56，"
		"现住通辽市科尔沁区西拉木伦大街20号，电话13947560011。"
		"现申请公开2025年度社会组织年检结果公告。\n"
		"韩梅\n"
		"2026年11月19日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "韩梅", NULL,
		  NULL, EXTRACT_ID_NONE, NULL, NULL,
		  "通辽市科尔沁区西拉木伦大街20号", NULL, "13947560011", NULL, NULL,
		  "2025年度社会组织年检结果公告", NULL, true, "韩梅", "2026-11-19",
		  EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN, M_ID, 0 },
	},
	{
		"first-generation 15-digit number: invalid, recorded as written",
		"申请",
		"姓名：吴凤兰\n"
		"身份证号码：150502 850312 421\n"
		"通信地址：通辽市科尔沁区胜利路7号\n"
		"联系电话：13800138000\n"
		"所需信息的内容描述：2025年度城乡居民养老保险缴费档次标准\n"
		"申请人签名：吴凤兰\n"
		"申请日期：2026年11月2日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "吴凤兰", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "身份证", "150502850312421",
		  "通辽市科尔沁区胜利路7号", NULL, "13800138000", NULL, NULL,
		  "2025年度城乡居民养老保险缴费档次标准", NULL, true, "吴凤兰",
		  "2026-11-02", EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN, 0,
		  EXTRACT_INVALID_ID_NUMBER },
	},
	{
		"证件名称：护照 on the line above 证件号码 is no row of labels",
		"申请",
		"姓名：Sarah Miller\n"
		"证件名称：护照\n"
		"证件号码：E12345678\n"
		"通信地址：通辽市科尔沁区建国路5号\n"
		"联系电话：13904759988\n"
		"所需信息的内容描述：外国人来华工作许可办理指南\n"
		"申请人签名：Sarah Miller\n"
		"申请日期：2026年11月3日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "Sarah Miller",
		  NULL, NULL, EXTRACT_ID_PASSPORT, "护照", "E12345678",
		  "通辽市科尔沁区建国路5号", NULL, "13904759988", NULL, NULL,
		  "外国人来华工作许可办理指南", NULL, true, "Sarah Miller",
		  "2026-11-03", EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN, 0, 0 },
	},
	{
		"证件名称 alone on its line, the document on the next",
		"申请",
		"姓名\n张三\n"
		"证件名称\n居民身份证\n"
		"证件号码\n150102198001011236\n"
		"通信地址\n北京市东城区东四十条1号\n"
		"联系电话\n13800138000\n"
		"所需信息的内容描述\n贵局2025年度就业专项资金的使用情况\n"
		"申请人签名：张三\n"
		"申请时间：2026年11月20日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_PERSON, "张三", NULL,
		  NULL, EXTRACT_ID_RESIDENT, "居民身份证", "150102198001011236",
		  "北京市东城区东四十条1号", NULL, "13800138000", NULL, NULL,
		  "贵局2025年度就业专项资金的使用情况", NULL, true, "张三",
		  "2026-11-20", EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN, 0, 0 },
	},
	{
		"organisation code failing GB 11714; a title after the representative",
		"申请",
		"申请单位：通辽市科尔沁区大林镇东艾力村村民委员会\n"
		"组织机构代码：55672931-4\n"
		"负责人：包金山（村委会主任）\n"
		"联系人：白玉兰(会计)\n"
		"地址：通辽市科尔沁区大林镇东艾力村\n"
		"联系电话：13947561122\n"
		"所需信息的内容描述：2025年度大林镇村级公益岗位补贴拨付明细\n"
		"申请单位（盖章）：通辽市科尔沁区大林镇东艾力村村民委员会\n"
		"申请日期：2026年11月5日\n",
		NULL, false,
		{ EXTRACT_KIND_APPLICATION, EXTRACT_APPLICANT_ORGANISATION,
		  "通辽市科尔沁区大林镇东艾力村村民委员会", "包金山", "白玉兰",
		  EXTRACT_ID_ORG_CODE, "组织机构代码", "556729314",
		  "通辽市科尔沁区大林镇东艾力村", NULL, "13947561122", NULL, NULL,
		  "2025年度大林镇村级公益岗位补贴拨付明细", NULL, true,
		  "通辽市科尔沁区大林镇东艾力村村民委员会", "2026-11-05",
		  EXTRACT_DELIVERY_UNKNOWN, EXTRACT_MEDIUM_UNKNOWN, 0,
		  EXTRACT_INVALID_ID_NUMBER },
	},
};

static unsigned failures;

static void
check_str(const char *title, const char *field, const char *got,
	  const char *want)
{
	if (want == NULL && got == NULL)
		return;
	if (want == NULL || got == NULL || strcmp(want, got) != 0) {
		print_error("%s: %s is \"%s\", want \"%s\"\n", title, field,
			    got != NULL ? got : "(null)",
			    want != NULL ? want : "(null)");
		failures++;
	}
}

static void
check_int(const char *title, const char *field, long got, long want)
{
	if (got != want) {
		print_error("%s: %s is %ld, want %ld\n", title, field, got, want);
		failures++;
	}
}

static void
run_case(const struct field_case *c)
{
	static const char *const own[] = { "ogi@office.gov.cn", NULL };
	struct extract_context ctx = { .own_addresses = own, .today = "2026-11-25",
				       .sender_is_contact = c->sender_is_contact };
	struct mime_part parts[2];
	struct mime_message msg;
	struct extract_record *rec;
	const struct expect *w = &c->want;

	memset(&msg, 0, sizeof(msg));
	memset(parts, 0, sizeof(parts));
	msg.subject = (char *)c->subject;
	msg.body = (char *)c->body;
	msg.from_addr = (char *)FROM;
	parts[0].role = MIME_PART_BODY;
	parts[0].content_type = (char *)"text/plain";
	parts[0].text = (char *)c->body;
	msg.parts = parts;
	msg.n_parts = 1;
	if (c->attachment != NULL) {
		parts[1].role = MIME_PART_ATTACHMENT;
		parts[1].content_type = (char *)"text/html";
		parts[1].filename = (char *)"申请表.html";
		parts[1].text = (char *)c->attachment;
		parts[1].depth = 1;
		msg.n_parts = 2;
	}
	rec = extract_message(&msg, &ctx);
	assert_non_null(rec);
	check_int(c->title, "kind", rec->kind, w->kind);
	assert_non_null(rec->kind_reason);
	check_int(c->title, "applicant_kind", rec->applicant_kind, w->applicant);
	check_str(c->title, "name", rec->name, w->name);
	check_str(c->title, "legal_rep", rec->legal_rep, w->legal_rep);
	check_str(c->title, "contact_person", rec->contact_person,
		  w->contact_person);
	check_int(c->title, "id_type", rec->id_type, w->id_type);
	check_str(c->title, "id_label", rec->id_label, w->id_label);
	check_str(c->title, "id_number", rec->id_number, w->id_number);
	check_str(c->title, "address", rec->address, w->address);
	check_str(c->title, "postcode", rec->postcode, w->postcode);
	check_str(c->title, "phone", rec->phone, w->phone);
	check_str(c->title, "email", rec->email, w->email);
	check_str(c->title, "fax", rec->fax, w->fax);
	check_str(c->title, "request", rec->request, w->request);
	check_str(c->title, "purpose", rec->purpose, w->purpose);
	check_int(c->title, "signature_present", rec->signature_present,
		  w->signature);
	check_str(c->title, "signature_text", rec->signature_text,
		  w->signature_text);
	check_str(c->title, "date", rec->date[0] != '\0' ? rec->date : NULL,
		  w->date);
	check_int(c->title, "delivery", rec->delivery, w->delivery);
	check_int(c->title, "medium", rec->medium, w->medium);
	check_int(c->title, "missing", rec->missing, w->missing);
	check_int(c->title, "invalid", rec->invalid, w->invalid);
	extract_record_free(rec);
}

static void
test_cases(void **state)
{
	(void)state;
	failures = 0;
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
		run_case(&cases[i]);
	assert_int_equal(failures, 0);
}

/* The tracking number is found in the subject before the text. */
static void
test_case_ref(void **state)
{
	static const char *const own[] = { NULL };
	struct extract_context ctx = { .own_addresses = own, .today = "2026-11-25",
				       .sender_is_contact = true };
	struct mime_message msg;
	struct extract_record *rec;

	(void)state;
	memset(&msg, 0, sizeof(msg));
	msg.subject = (char *)"回复：补正告知书 2026-000123";
	msg.body = (char *)"现补正如下：身份证号码11010519491231002X。"
			   "另，案号2025-000001为旧案。\n张三\n2026年11月22日\n";
	msg.from_addr = (char *)FROM;
	rec = extract_message(&msg, &ctx);
	assert_string_equal(rec->case_ref, "2026-000123");
	extract_record_free(rec);
}

/* Hostile text: nothing but labels, marks and brackets. */
static void
test_degenerate(void **state)
{
	static const char *const bodies[] = {
		"",
		":::::",
		"姓名：\n\n\n",
		"姓名",
		"申请人签名（盖章）",
		"☑☑☑□□□[x][ ]( )(√)",
		"获取方式：",
		"此致\n敬礼",
		"> > > >\n>",
		"------------------ 原始邮件 ------------------",
		"((((((((((((((((((((((((((((((((((((((((",
		"现申请公开",
		"身份证号码1234567890123456789012345678901234567890123456789012345678901234567890",
	};
	struct extract_context ctx = { .own_addresses = NULL };

	(void)state;
	for (size_t i = 0; i < G_N_ELEMENTS(bodies); i++) {
		struct mime_message msg;
		struct extract_record *rec;

		memset(&msg, 0, sizeof(msg));
		msg.subject = (char *)"";
		msg.body = (char *)bodies[i];
		rec = extract_message(&msg, &ctx);
		assert_non_null(rec);
		extract_record_free(rec);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_case_ref),
		cmocka_unit_test(test_degenerate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
