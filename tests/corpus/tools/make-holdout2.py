#!/usr/bin/env python3
"""Writes the second hold-out set, messages 065-074: tests/corpus/NAME.eml
and NAME.expect.json.

Run from anywhere: python3 tests/corpus/tools/make-holdout2.py [NAME ...]
Written after 001-064, in styles the corpus did not have yet (an elderly
writer's spaces instead of punctuation, underscore-filled form lines, a
one-line phone mail, a village committee, quoted document titles and
numbers, a name only in From and the closing, an English application, a
reply-all thread, fax plus a full-width e-mail address, a .docx table with
labels above values).  Expected values are hand-written as a clerk would
record them (README "How the expectations are written"); identity numbers
and deadlines computed by hand.  Standard library only.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mklib import msg, mx, write_registered, OFFICE, Msg, ew, coremail_html, qq_html, docx, expect_message, expect_case
from clients import foxmail, qq, coremail, outlook2016, iphone, gmail, attachment_part


# =============================================================== 065
@msg
def m065():
    name = "065-163-elderly-spaces-no-punctuation"
    rec = "2026-03-23T09:12:37+08:00"
    text = """通辽市人社局领导 你好
我叫王秀英 身份证150402195503120021 家住通辽市科尔沁区永清街道和平路北段17号院3排2号 电话0475-8234567 我想申请公开我老伴刘长福在通辽市农机修造厂工作时的养老保险缴费记录 用途是办遗属待遇 材料请邮寄到我家 谢谢领导
王秀英
2026年3月23日"""
    received = mx("wxy19550312@163.com", "m16.mail.163.com", "220.181.12.15",
                  "Mon, 23 Mar 2026 09:12:37 +0800", "4GhD2m7RkWz1Lp3")
    mid = "3d8a1f62.4b2c.19d1a7e5c3b.Coremail.wxy19550312@163.com"
    subj = "申请"
    data = coremail(received=received, date="Mon, 23 Mar 2026 09:12:34 +0800", frm_name="wxy19550312",
                    frm="wxy19550312@163.com", subject=subj, mid=mid, text=text,
                    html=coremail_html(text), part="227019_1203884561.1774228354201")
    m = expect_message(name, mid, rec, "wxy19550312@163.com", subj, "application")
    c = expect_case(name, rec, "2026-04-14", applicant="王秀英", id_type="resident_id",
                    id_label="身份证",
                    id_number="150402195503120021",
                    address="通辽市科尔沁区永清街道和平路北段17号院3排2号",
                    postcode=None, phone="0475-8234567", email="wxy19550312@163.com",
                    description="我老伴刘长福在通辽市农机修造厂工作时的养老保险缴费记录",
                    purpose="办遗属待遇", sig="王秀英", date="2026-03-23", method="post", medium=None)
    return name, data, m, c


# =============================================================== 066
@msg
def m066():
    name = "066-foxmail-underscore-filled-form"
    rec = "2026-05-18T15:40:19+08:00"
    text = """政府信息公开申请表

申请人姓名__________________张国庆
身份证号码__________________150523198506174210
联系地址____________________通辽市开鲁县开鲁镇振兴路东段8号
邮政编码                    028400
联系电话                    13904751234
电子邮箱____________________zhangguoqing85@sina.cn
所需信息内容描述____________开鲁县2025年度就业见习基地名单及见习补贴拨付情况
所需信息用途________________了解见习补贴政策
获取信息方式________________邮寄
申请人签名__________________张国庆
申请日期____________________2026年5月18日"""
    received = mx("zhangguoqing85@sina.cn", "smtp.sina.com", "202.108.3.191",
                  "Mon, 18 May 2026 15:40:19 +0800", "4GkP6t1WnBz2Qx8")
    mid = "202605181540168830142@sina.cn"
    subj = "政府信息公开申请表"
    data = foxmail(received=received, date="Mon, 18 May 2026 15:40:16 +0800", frm_name="张国庆",
                   frm="zhangguoqing85@sina.cn", subject=subj, text=text, mid=mid, cs="gb2312",
                   guid="8B1D4F7A-2C6E-4A93-B05F-7E3C9A1D2B64", nextpart="318207465910")
    m = expect_message(name, mid, rec, "zhangguoqing85@sina.cn", subj, "application")
    c = expect_case(name, rec, "2026-06-08", applicant="张国庆", id_type="resident_id",
                    id_label="身份证",
                    id_number="150523198506174210", address="通辽市开鲁县开鲁镇振兴路东段8号",
                    postcode="028400", phone="13904751234", email="zhangguoqing85@sina.cn",
                    description="开鲁县2025年度就业见习基地名单及见习补贴拨付情况",
                    purpose="了解见习补贴政策", sig="张国庆", date="2026-05-18",
                    method="post", medium=None)
    return name, data, m, c


# =============================================================== 067
@msg
def m067():
    # One line, no labels but 身份证: everything is there except a
    # signature (the name is not signed at the end) -> incomplete.
    name = "067-iphone-one-line-mobile"
    rec = "2026-10-08T12:31:06+08:00"
    text = """申请公开通辽市2026年城镇公益性岗位补贴发放文件 赵志刚 13948751234 身份证150502198807153219 住科尔沁区西拉木伦大街66号 2026.10.8

发自我的iPhone"""
    received = mx("zzg880715@icloud.com", "qs51p00im-qukt01071302.me.com", "17.57.155.17",
                  "Thu, 08 Oct 2026 12:31:06 +0800", "4HbW3n8QpLz5Td1")
    mid = "A7C2E915-3F4B-4D8E-9C01-6B5E2F7A8D30@icloud.com"
    subj = "申请公开"
    data = iphone(received=received, date="Thu, 8 Oct 2026 12:31:01 +0800", frm_name="赵志刚",
                  frm="zzg880715@icloud.com", subject=subj, mid=mid, text=text)
    m = expect_message(name, mid, rec, "zzg880715@icloud.com", subj, "application")
    c = expect_case(name, rec, "2026-10-28", applicant="赵志刚", id_type="resident_id",
                    id_label="身份证",
                    id_number="150502198807153219", address="科尔沁区西拉木伦大街66号",
                    postcode=None, phone="13948751234", email="zzg880715@icloud.com",
                    description="通辽市2026年城镇公益性岗位补贴发放文件",
                    purpose=None, sig=None, date="2026-10-08", method=None, medium=None,
                    missing=["signature"])
    return name, data, m, c


# =============================================================== 068
@msg
def m068():
    name = "068-163-village-committee-org-code"
    rec = "2026-07-06T10:02:48+08:00"
    text = """政府信息公开申请书

申请单位：通辽市科尔沁区大林镇西艾力村村民委员会
组织机构代码：55672931-5
负责人：包金山（村委会主任）
联系人：白玉兰
联系电话：15847561122
地址：通辽市科尔沁区大林镇西艾力村村部
邮编：028014
申请公开的信息：2025年大林镇西艾力村纳入城乡居民基本养老保险集体补助的人员名单及补助标准
用途：村务公开
获取方式：到局领取

申请单位（盖章）：通辽市科尔沁区大林镇西艾力村村民委员会
2026年7月6日"""
    received = mx("xailicun2020@163.com", "m16.mail.163.com", "220.181.12.22",
                  "Mon, 06 Jul 2026 10:02:48 +0800", "4GwL9c3HtRz4Kb6")
    mid = "6f2b9d14.1a8e.19f2b3c7e40.Coremail.xailicun2020@163.com"
    subj = "西艾力村委会信息公开申请"
    data = coremail(received=received, date="Mon, 06 Jul 2026 10:02:45 +0800", frm_name="西艾力村委会",
                    frm="xailicun2020@163.com", subject=subj, mid=mid, text=text,
                    html=coremail_html(text), part="91422_2086011379.1783303365180")
    m = expect_message(name, mid, rec, "xailicun2020@163.com", subj, "application")
    c = expect_case(name, rec, "2026-07-27", kind="organisation",
                    applicant="通辽市科尔沁区大林镇西艾力村村民委员会",
                    id_type="org_code", id_label="组织机构代码", id_number="556729315",
                    address="通辽市科尔沁区大林镇西艾力村村部", postcode="028014",
                    phone="15847561122", email="xailicun2020@163.com",
                    legal_rep="包金山", contact_person="白玉兰",
                    description="2025年大林镇西艾力村纳入城乡居民基本养老保险集体补助的人员名单及补助标准",
                    purpose="村务公开", sig="通辽市科尔沁区大林镇西艾力村村民委员会", date="2026-07-06",
                    method="pickup", medium=None)
    return name, data, m, c


# =============================================================== 069
@msg
def m069():
    name = "069-outlook-document-titles-numbers"
    rec = "2026-09-03T16:22:02+08:00"
    paras = [
        "通辽市人力资源和社会保障局：",
        "",
        "　　本人孙丽娟，身份证号15052219790804352X，住通辽市科尔沁左翼后旗甘旗卡镇朝鲁吐街3号，邮编028100，手机15947526688。",
        "　　现申请公开《关于调整通辽市最低工资标准的通知》（通人社发〔2025〕12号）及《关于做好2025年度企业职工工资指导线发布工作的通知》（通人社办发〔2025〕47号）的全文。",
        "　　所需信息用途：核对本单位工资发放是否合规。",
        "　　请将电子版发送至本邮箱。",
        "",
        "申请人：孙丽娟",
        "2026年9月3日",
    ]
    received = mx("sunlijuan_hq@126.com", "m15.mail.126.com", "220.181.15.118",
                  "Thu, 03 Sep 2026 16:22:02 +0800", "4H2T7v5KmQz3Np0")
    mid = "000a01dd3b7e$4c1f2a80$e45d7f80$@126.com"
    subj = "申请公开两份文件"
    data = outlook2016(received=received, date="Thu, 3 Sep 2026 16:21:58 +0800", frm_name="孙丽娟",
                       frm="sunlijuan_hq@126.com", subject=subj, mid=mid, paras=paras,
                       thread_index="Ad07fkxH2bT9mQpRS3cVa8n2LxE5Yg==",
                       np="000_000B_01DD3BC1.5A4B8E00")
    m = expect_message(name, mid, rec, "sunlijuan_hq@126.com", subj, "application")
    c = expect_case(name, rec, "2026-09-23", applicant="孙丽娟", id_type="resident_id",
                    id_label="身份证",
                    id_number="15052219790804352X",
                    address="通辽市科尔沁左翼后旗甘旗卡镇朝鲁吐街3号", postcode="028100",
                    phone="15947526688", email="sunlijuan_hq@126.com",
                    description="《关于调整通辽市最低工资标准的通知》（通人社发〔2025〕12号）及《关于做好2025年度企业职工工资指导线发布工作的通知》（通人社办发〔2025〕47号）的全文",
                    purpose="核对本单位工资发放是否合规", sig="孙丽娟", date="2026-09-03",
                    method="email", medium="electronic")
    return name, data, m, c


# =============================================================== 070
@msg
def m070():
    name = "070-qq-name-only-from-and-closing"
    rec = "2026-10-09T21:45:30+08:00"
    text = """通辽市人社局：
    本人身份证号码150502199111235317，现住通辽市科尔沁区霍林河大街西段明仁小区12号楼2单元501室，联系电话18804751357。
    现申请公开通辽市2026年第三季度失业保险金申领人数及发放总额。
    请将纸质材料邮寄至上述地址。
    此致
敬礼！
李明
二〇二六年十月九日"""
    received = mx("1837265540@qq.com", "smtpbg.qq.com", "183.62.104.44",
                  "Fri, 09 Oct 2026 21:45:30 +0800", "4HcA1f6PwXz2Gd5")
    mid = "tencent_2B7E4D9A1C3F5E8B0D6A2C4E7F1B3D5A9E08@qq.com"
    subj = "信息公开申请"
    data = qq(received=received, date="Fri, 09 Oct 2026 21:45:27 +0800", frm_name="李明",
              frm="1837265540@qq.com", subject=subj, mid=mid, text=text, html=qq_html(text),
              qqmid="webmail631t1791553527t5529813", np="6707A1F7_0A2D4C90_4E1B7F33")
    m = expect_message(name, mid, rec, "1837265540@qq.com", subj, "application")
    c = expect_case(name, rec, "2026-10-29", applicant="李明", id_type="resident_id",
                    id_label="身份证",
                    id_number="150502199111235317",
                    address="通辽市科尔沁区霍林河大街西段明仁小区12号楼2单元501室",
                    postcode=None, phone="18804751357", email="1837265540@qq.com",
                    description="通辽市2026年第三季度失业保险金申领人数及发放总额",
                    purpose=None, sig="李明", date="2026-10-09", method="post", medium="paper")
    return name, data, m, c


# =============================================================== 071
@msg
def m071():
    name = "071-gmail-english-foreign-passport"
    rec = "2026-10-12T11:03:44+08:00"
    text = """Dear Sir or Madam,

Application for Disclosure of Government Information

Name: Michael James Thompson
Nationality: United Kingdom
Passport No.: 548923176
Address: Room 1203, Building 5, Mingren Garden, Horqin District, Tongliao, Inner Mongolia
Postcode: 028000
Mobile: 13947526610
Email: m.j.thompson.tl@gmail.com

Information requested: the list of employers in Tongliao approved in 2025 to hire foreign nationals under the Foreigner's Work Permit system.
Purpose: to verify the work permit status of my employer.
Please send the information by email.

Sincerely,
Michael James Thompson
12 October 2026
"""
    received = mx("m.j.thompson.tl@gmail.com", "mail-pl1-f176.google.com", "209.85.214.176",
                  "Mon, 12 Oct 2026 11:03:44 +0800", "4HdE8k2RvMz6Wq9")
    mid = "CAK7vT2pL9mQx4Rb8nZc1Yd3fE6gH0jW5sUa2oN7iKq_Xt4eP1A@mail.gmail.com"
    subj = "Application for Disclosure of Government Information"
    data = gmail(frm_name="Michael Thompson", frm="m.j.thompson.tl@gmail.com",
                 date="Mon, 12 Oct 2026 11:03:39 +0800", mid=mid, subj=subj, text=text,
                 received=received, bnd="000000000000c41d2b065f7e8a13")
    m = expect_message(name, mid, rec, "m.j.thompson.tl@gmail.com", subj, "application")
    c = expect_case(name, rec, "2026-11-02", applicant="Michael James Thompson", id_type="passport",
                    id_label="护照",
                    id_number="548923176",
                    address="Room 1203, Building 5, Mingren Garden, Horqin District, Tongliao, Inner Mongolia",
                    postcode="028000", phone="13947526610", email="m.j.thompson.tl@gmail.com",
                    description="the list of employers in Tongliao approved in 2025 to hire foreign nationals under the Foreigner's Work Permit system",
                    purpose="to verify the work permit status of my employer", sig="Michael James Thompson",
                    date="2026-10-12", method="email", medium=None)
    return name, data, m, c


# =============================================================== 072
@msg
def m072():
    # The application is only in the quoted thread (level ">>"): the county
    # bureau answered it reply-all, and the applicant replies to all again.
    name = "072-gmail-reply-all-quoted-twice"
    rec = "2026-06-03T08:27:11+08:00"
    text = """好的，谢谢开鲁县人社局。请通辽市人社局按我下面的申请办理。

陈玉梅

于2026年6月2日周二 16:48，开鲁县人社局 <klxrsj@example.gov.cn> 写道：
> 陈玉梅您好：
> 您申请的信息由通辽市人力资源和社会保障局制作并保存，本局已将邮件抄送市局，请向市局申请。
> 开鲁县人力资源和社会保障局
>
> 于2026年6月1日周一 20:30，陈玉梅 <chenyumei86@gmail.com> 写道：
>> 开鲁县人社局、通辽市人社局：
>>
>> 姓名：陈玉梅
>> 身份证号：150525198602216145
>> 联系地址：通辽市开鲁县东风镇东风村五组
>> 联系电话：13514756602
>> 申请公开的信息：2025年度通辽市被征地农民养老保障资金的分配方案（开鲁县部分）
>> 获取方式：电子邮件
>>
>> 申请人：陈玉梅
>> 2026年6月1日
"""
    received = mx("chenyumei86@gmail.com", "mail-pf1-f182.google.com", "209.85.210.182",
                  "Wed, 03 Jun 2026 08:27:11 +0800", "4GpZ5r9CkTz1Hm4")
    mid = "CAF2pQ8xR4nW7mLz9Tb3kYc6dE1gH5jV0sUa8oN2iKp_Wr6eQ3B@mail.gmail.com"
    subj = "Re: 政府信息公开申请"
    data = gmail(frm_name="陈玉梅", frm="chenyumei86@gmail.com",
                 date="Wed, 03 Jun 2026 08:27:06 +0800", mid=mid, subj=subj, text=text,
                 received=received, bnd="000000000000e83a5c0652d41b77",
                 extra=("In-Reply-To: <6f3a1c2e9b8d4@example.gov.cn>",
                        "References: <CAF2pQ8xR4nW7mLz9Tb3kYc6dE1gH5jV0sUa8oN2iKp_Aa1bB2c@mail.gmail.com> "
                        "<6f3a1c2e9b8d4@example.gov.cn>",
                        "Cc: klxrsj@example.gov.cn"))
    m = expect_message(name, mid, rec, "chenyumei86@gmail.com", subj, "application")
    c = expect_case(name, rec, "2026-06-25", applicant="陈玉梅", id_type="resident_id",
                    id_label="身份证",
                    id_number="150525198602216145", address="通辽市开鲁县东风镇东风村五组",
                    postcode=None, phone="13514756602", email="chenyumei86@gmail.com",
                    description="2025年度通辽市被征地农民养老保障资金的分配方案（开鲁县部分）",
                    purpose=None, sig="陈玉梅", date="2026-06-01", method="email", medium=None)
    return name, data, m, c


# =============================================================== 073
@msg
def m073():
    name = "073-foxmail-fax-fullwidth-email"
    rec = "2026-11-16T14:09:55+08:00"
    text = """政府信息公开申请

姓名：赵丽
身份证号码：150502197703092621
通信地址：通辽市科尔沁区和平路街道胜利路128号
邮政编码：028000
联系电话：0475-8321456　　传真：0475-8321457
邮箱：ｚｈａｏｌｉ７７＠ｔｌｍａｉｌ．ｃｎ
所需信息的内容描述：2026年通辽市企业职工基本养老保险个人账户记账利率的文件
所需信息的用途：核算本人养老金
获取信息的方式：传真

申请人签名：赵丽
申请时间：2026年11月16日"""
    received = mx("zhaoli77@tlmail.cn", "mail.tlmail.cn", "110.16.70.51",
                  "Mon, 16 Nov 2026 14:09:55 +0800", "4HjS4d2NwQz7Bv3")
    mid = "202611161409526617308@tlmail.cn"
    subj = "政府信息公开申请"
    data = foxmail(received=received, date="Mon, 16 Nov 2026 14:09:52 +0800", frm_name="赵丽",
                   frm="zhaoli77@tlmail.cn", subject=subj, text=text, mid=mid, cs="gb2312",
                   guid="3E7A9C12-5B4D-4F08-A6E1-0C9D2B7F4A55", nextpart="602418339174")
    m = expect_message(name, mid, rec, "zhaoli77@tlmail.cn", subj, "application")
    c = expect_case(name, rec, "2026-12-07", applicant="赵丽", id_type="resident_id",
                    id_label="身份证",
                    id_number="150502197703092621", address="通辽市科尔沁区和平路街道胜利路128号",
                    postcode="028000", phone="0475-8321456", email="zhaoli77@tlmail.cn",
                    fax="0475-8321457",
                    description="2026年通辽市企业职工基本养老保险个人账户记账利率的文件",
                    purpose="核算本人养老金", sig="赵丽", date="2026-11-16",
                    method="fax", medium=None)
    return name, data, m, c


# =============================================================== 074
@msg
def m074():
    # Column form: each label row has its values in the row below.
    name = "074-thunderbird-docx-label-row-above"
    rec = "2026-01-05T10:44:09+08:00"
    rows = [
        ["姓名", "身份证号码", "联系电话", "邮政编码"],
        ["吴雅琴", "150502199111235421", "15504752468", "028000"],
        [("通信地址", 2), ("电子邮箱", 2)],
        [("通辽市科尔沁区建国路街道团结小区7号楼3单元302", 2), ("wuyaqin91@foxmail.com", 2)],
        [("所需信息的内容描述", 4)],
        [("2025年通辽市市直机关事业单位工作人员养老保险个人缴费基数核定办法", 4)],
        [("所需信息的用途", 2), ("获取信息的方式", 2)],
        [("了解缴费基数核定依据", 2), ("电子邮件", 2)],
        [("申请人签名", 2), ("申请日期", 2)],
        [("吴雅琴", 2), ("2026年1月5日", 2)],
    ]
    dx = docx(rows, "政府信息公开申请表")
    fname = "申请表.docx"
    att = {"ctype": ["Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;",
                     ' name="%s"' % ew(fname, "UTF-8")],
           "disp": ["Content-Disposition: attachment;", ' filename="%s"' % ew(fname, "UTF-8")],
           "data": dx}
    b = "------------Xq7Lm2Pz9Rt4Wv1Nb8Kc3Hd6"
    mid = "3b9e7a21-5c4d-4f18-b2e0-81c6d5a4f937@foxmail.com"
    subj = "政府信息公开申请"
    m_ = Msg("\n")
    m_.header_block(mx("wuyaqin91@foxmail.com", "out162-62-57-88.mail.qq.com", "162.62.57.88",
                       "Mon, 05 Jan 2026 10:44:09 +0800", "4FgR1n5MzKz3Yt2"))
    m_.add("Content-Type: multipart/mixed; boundary=\"%s\"" % b,
           "Message-ID: <%s>" % mid,
           "Date: Mon, 5 Jan 2026 10:44:05 +0800", "MIME-Version: 1.0",
           "User-Agent: Mozilla Thunderbird", "Content-Language: zh-CN",
           "To: " + OFFICE, "From: %s <wuyaqin91@foxmail.com>" % ew("吴雅琴", "UTF-8"),
           "Subject: " + ew(subj, "UTF-8"), "",
           "This is a multi-part message in MIME format.", "--" + b,
           "Content-Type: text/plain; charset=UTF-8; format=flowed",
           "Content-Transfer-Encoding: 8bit", "",
           "您好，申请表在附件里，请查收。", "", "--" + b)
    attachment_part(m_, att)
    m_.add("", "--" + b + "--", "")
    data = m_.bytes()
    m = expect_message(name, mid, rec, "wuyaqin91@foxmail.com", subj, "application")
    c = expect_case(name, rec, "2026-01-26", applicant="吴雅琴", id_type="resident_id",
                    id_label="身份证",
                    id_number="150502199111235421",
                    address="通辽市科尔沁区建国路街道团结小区7号楼3单元302",
                    postcode="028000", phone="15504752468", email="wuyaqin91@foxmail.com",
                    description="2025年通辽市市直机关事业单位工作人员养老保险个人缴费基数核定办法",
                    purpose="了解缴费基数核定依据", sig="吴雅琴", date="2026-01-05",
                    method="email", medium=None)
    return name, data, m, c


def main():
    write_registered(set(sys.argv[1:]))


if __name__ == "__main__":
    main()
