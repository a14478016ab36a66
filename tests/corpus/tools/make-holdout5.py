#!/usr/bin/env python3
"""Writes the fifth hold-out set, messages 102-113: tests/corpus/NAME.eml
and NAME.expect.json, or with --truth DIR the same twelve messages as
DIR/mail/NAME.eml plus DIR/truth.json in the format of the external sets
(../shared/corpus/external-a/README.md), to be scored with
../shared/tools/score-corpus.sh DIR OGID OGICTL.

Run from anywhere: python3 tests/corpus/tools/make-holdout5.py [--truth DIR] [NAME ...]

Written without reading the extractor's rules or its rule cases, in styles
the earlier sets do not have, mixing forms and prose:
- a form copied out of Excel (102): three tab-separated columns (section,
  label, value) with the merged section cells and unused cells left empty,
  a trailing tab on every row, and the description cell holding a line
  break, so Excel wrapped it in double quotes (the description is one
  string, the quotes and the break taken out); date 2026/11/9;
- a reply-all thread (103): the applicant's new text on top redirects her
  own earlier mail to the district bureau, quoted below with "> " under
  Gmail's "… 于2026年11月3日周二 09:26写道：" line; the application is the
  quoted mail (its date 2026-11-03 is the application's date);
- a daughter writing for her 82-year-old father (104): he is the applicant
  with his 公民身份号码 and no telephone of his own, she is the agent and
  her mobile the agent's phone; "申请人：陈福山（本人口述，女儿陈晓梅代笔）";
- a company's HR department applying (105): 法定代表人, 经办人：人力资源部
  高雅琴 (contact person without her department), 单位公章：… line as the
  seal, the HR signature block repeating the phone;
- Hong Kong, traditional characters in UTF-8 from Outlook.com (106):
  港澳居民來往內地通行證 H60123475, a Hong Kong address without postcode,
  a +852 phone, 申請人簽署, 二〇二六年十一月十三日;
- a plain-text form with every label in 【】 and its value after it (107):
  an empty 【电子邮箱】 (→ From), 现场领取, date 十一月九日 without a year;
- a request that is a numbered list of three documents (108, 139 Mail):
  "1、《…》（通人社发〔2024〕31号）" …, the description is the three
  lines;
- the phone only in the mail signature block under "-- " (109,
  Thunderbird format=flowed), beside a workplace that is not the address;
- a form with "领取方式：现场领取（√）  邮寄（ ）" and "载体形式：纸质（√）
  电子（ ）" whose 通讯地址 is left empty (110: missing address);
- a question how to apply (111, Sina): a consultation, not an application;
- "我要申请公开你们的文件" (112): a request that names no information at
  all, otherwise complete (missing request);
- a prose letter with everything but an identity document (113: missing
  identity_proof).
Clients: Outlook 2016 (plain text), Gmail, QQ Mail, 163 企业邮 (Coremail),
Outlook.com, Foxmail, 139 Mail, Thunderbird, 126 and 163 Coremail, Sina,
iPhone Mail; charsets gb2312 (QP and base64), UTF-8 (base64, 8bit,
flowed), GB18030, GBK.  All received in November 2026.  Expected values
are hand-written as a clerk would record them (README "How the
expectations are written"); identity numbers carry correct GB 11643 /
GB 32100 check characters and deadlines were counted by hand.  Standard
library only.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mklib import (msg, mx, holdout_main, truth_entry, Msg, OFFICE, b64, qp, ew,
                   coremail_html, qq_html, expect_message, expect_case)
from clients import foxmail, qq, coremail, outlook2016, iphone, gmail, thunderbird


# ------------------------------------------------------------ local clients

def outlook_com(*, received, date, frm_name, frm, subject, mid, text):
    """Outlook.com web (Hotmail): UTF-8 base64 text/plain and a div-per-line
    text/html, Exchange Online transport headers."""
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>'
            '</head><body dir="ltr"><div style="font-family: Calibri, Arial, Helvetica, sans-serif; '
            'font-size: 12pt; color: rgb(0, 0, 0);">' +
            "".join("<div>%s</div>" % (l.replace("&", "&amp;").replace("<", "&lt;") if l else "<br>")
                    for l in text.split("\n")) + "</div></body></html>")
    b = "_000_TYZP286MB31452A7C9E1F0B4D8A6E21C5B3A9TYZP286MB3145JPNP_"
    m = Msg("\r\n")
    m.header_block(received)
    m.add("From: %s <%s>" % (ew(frm_name, "utf-8"), frm),
          "To: \"%s\" <%s>" % (OFFICE, OFFICE),
          "Subject: " + ew(subject, "utf-8"),
          "Thread-Topic: " + ew(subject, "utf-8"),
          "Thread-Index: AQHdVf7k2m9QxL3aXk+Yc1r8n0Rb4A==",
          "Date: " + date, "Message-ID: <%s>" % mid,
          "Accept-Language: zh-HK, en-US", "Content-Language: zh-HK",
          "X-MS-Has-Attach: ", "X-MS-TNEF-Correlator: ",
          "x-ms-exchange-messagesentrepresentingtype: 1",
          "Content-Type: multipart/alternative;", '\tboundary="%s"' % b,
          "MIME-Version: 1.0", "",
          "--" + b, 'Content-Type: text/plain; charset="utf-8"', "Content-Transfer-Encoding: base64", "",
          b64(text.replace("\n", "\r\n").encode("utf-8")), "",
          "--" + b, 'Content-Type: text/html; charset="utf-8"', "Content-Transfer-Encoding: base64", "",
          b64(html.encode("utf-8")), "", "--" + b + "--", "")
    return m.bytes()


def richmail(*, received, date, frm, subject, mid, text):
    """139 Mail (Richmail) web: UTF-8 base64 plain and HTML parts, LF."""
    b = "----=_Part_3_1386720593.1795310998011"
    html = "<div>" + "".join("<div>%s</div>" % (l.replace("&", "&amp;").replace("<", "&lt;") if l else "<br>")
                             for l in text.split("\n")) + "</div>"
    m = Msg("\n")
    m.header_block(received)
    m.add("X-RM-TRANSID: 2ee765a8b9e6c2b-4f2b0", "X-RM-TagInfo: emlType=0",
          "X-RM-SPAM-FLAG: 00000000",
          "Date: " + date, "From: " + frm, "To: " + OFFICE,
          "Message-ID: <%s>" % mid, "Subject: " + ew(subject, "UTF-8"),
          "MIME-Version: 1.0", "Content-Type: multipart/alternative; ",
          '\tboundary="%s"' % b, "X-Priority: 3", "X-RM-TRANSMITTER: webmail",
          "X-Mailer: Richmail Webmail Server(V2.0)", "",
          "--" + b, "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64", "",
          b64(text.encode("utf-8")), "",
          "--" + b, "Content-Type: text/html; charset=UTF-8", "Content-Transfer-Encoding: base64", "",
          b64(html.encode("utf-8")), "", "--" + b + "--", "")
    return m.bytes()


def sina(*, received, date, frm_name, frm, subject, mid, text):
    """Sina webmail: UTF-8 quoted-printable text/plain only, LF."""
    m = Msg("\n")
    m.header_block(received)
    m.add("Date: " + date,
          "From: %s <%s>" % (ew(frm_name, "UTF-8"), frm), "To: \"ogi\" <%s>" % OFFICE,
          "Subject: " + ew(subject, "UTF-8"), "Message-ID: <%s>" % mid,
          "MIME-Version: 1.0", "X-Priority: 3", "X-MessageID: 6a3c1f72.2b47.ad3e",
          "X-Originating-IP: [223.104.94.133]", "X-Mailer: Sina WebMail 4.0",
          "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: quoted-printable", "",
          qp(text.encode("utf-8")))
    return m.bytes()


# =============================================================== 102
@msg
def m102():
    # Excel: three columns; merged section cells repeat as empty cells, a
    # cell with Alt+Enter inside is quoted.  Complete.
    name = "102-outlook-excel-cells-quoted-multiline"
    rec = "2026-11-09T10:14:38+08:00"
    T = "\t"
    rows = [
        ["政府信息公开申请表", "", "", ""],
        ["申请人信息", "姓名", "李建军", ""],
        ["", "工作单位", "", ""],
        ["", "证件名称", "居民身份证", ""],
        ["", "证件号码", "150502197803045814", ""],
        ["", "通信地址", "通辽市科尔沁区建国路街道民主路36号2单元401室", ""],
        ["", "邮政编码", "028000", ""],
        ["", "联系电话", "13847501926", ""],
        ["", "传真", "", ""],
        ["", "电子邮箱", "lijianjun0304@163.com", ""],
        ["所需信息情况", "所需信息的内容描述",
         "\"科尔沁区2025年度企业职工养老保险补缴审批名单\n（含审批依据的文件名称和文号）\"", ""],
        ["", "所需信息的用途", "核对本人补缴审批结果", ""],
        ["", "指定提供方式", "纸面", ""],
        ["", "获取信息的方式", "邮寄", ""],
        ["申请人签名", "李建军", "申请日期", "2026/11/9"],
    ]
    paras = ["您好：", "",
             "按贵局网站上申请表的格式在Excel里填好了，直接粘贴如下，请受理。", ""]
    paras += "\n".join(T.join(r) for r in rows).split("\n")
    paras += ["", "李建军"]
    received = mx("lijj@tlrd.example.com", "mail.tlrd.example.com", "61.138.90.37",
                  "Mon, 09 Nov 2026 10:14:38 +0800", "4JkR2c7NvTz3Wb5")
    mid = "000a01dd7012$4b2e9c10$e18bd430$@tlrd.example.com"
    subj = "政府信息公开申请（李建军）"
    data = outlook2016(received=received, date="Mon, 9 Nov 2026 10:14:35 +0800", frm_name="李建军",
                       frm="lijj@tlrd.example.com", subject=subj, mid=mid, paras=paras,
                       thread_index="AddwEkuN4b2QpX7mRrK1c9Zf3a8W2Q==", plain_only=True)
    m = expect_message(name, mid, rec, "lijj@tlrd.example.com", subj, "application")
    c = expect_case(name, rec, "2026-11-30", applicant="李建军", id_type="resident_id",
                    id_label="居民身份证", id_number="150502197803045814",
                    address="通辽市科尔沁区建国路街道民主路36号2单元401室", postcode="028000",
                    phone="13847501926", email="lijianjun0304@163.com",
                    description="科尔沁区2025年度企业职工养老保险补缴审批名单（含审批依据的文件名称和文号）",
                    purpose="核对本人补缴审批结果", sig="李建军", date="2026-11-09",
                    method="post", medium="paper")
    return name, data, m, c


# =============================================================== 103
@msg
def m103():
    # Reply-all: the application is the applicant's own earlier mail to the
    # district bureau, quoted under the new text.  Complete.
    name = "103-gmail-reply-all-own-quoted-application"
    rec = "2026-11-10T08:52:41+08:00"
    text = """补充说明：下面这封申请11月3日发到了科尔沁区人社局的邮箱，区局今天打电话告诉我，这些文件是市局制发的，应当向市局申请，所以我回复全部，加上了市局信息公开的邮箱。申请内容和原邮件一样，麻烦市局受理，谢谢。

孙丽娜

孙丽娜 <sunlina0916@gmail.com> 于2026年11月3日周二 09:26写道：
> 科尔沁区人力资源和社会保障局：
>
> 姓名：孙丽娜
> 身份证号码：150521198509163020
> 住址：通辽市科尔沁区永清街道西拉木伦小区7号楼3单元502室
> 邮编：028000
> 手机：15247516830
>
> 根据《中华人民共和国政府信息公开条例》，现申请公开通辽市2026年度灵活就业人员社会保险补贴的申领条件、补贴标准及发放程序文件。
> 用途：办理本人灵活就业社保补贴
> 获取方式：电子邮件（sunlina0916@gmail.com）
>
> 申请人：孙丽娜
> 2026年11月3日
>
"""
    received = mx("sunlina0916@gmail.com", "mail-pj1-f45.google.com", "209.85.216.45",
                  "Tue, 10 Nov 2026 08:52:41 +0800", "4JlT5f1QwXz6Hc2")
    mid = "CAK7dNq3Lr9vWm2Zb+H0xQe5pT1yFgS8uJcV4nA6oRiE=9kB3w@mail.gmail.com"
    orig = "CAK7dNq0Xz4bHf8Yc2Rm+J6pW1sTnLqE5vA9gUoK3iD7=Fh2tQ@mail.gmail.com"
    subj = "Re: 政府信息公开申请"
    data = gmail(frm_name="孙丽娜", frm="sunlina0916@gmail.com", date="Tue, 10 Nov 2026 08:52:37 +0800",
                 mid=mid, subj=subj, text=text, received=received, bnd="0000000000004f8e1c0623a9b7d1",
                 extra=["References: <%s>" % orig, "In-Reply-To: <%s>" % orig,
                        "Cc: kqrsj@example.gov.cn, %s <zhaolei1983@gmail.com>" % ew("赵磊", "UTF-8")])
    m = expect_message(name, mid, rec, "sunlina0916@gmail.com", subj, "application")
    c = expect_case(name, rec, "2026-12-01", applicant="孙丽娜", id_type="resident_id",
                    id_label="身份证", id_number="150521198509163020",
                    address="通辽市科尔沁区永清街道西拉木伦小区7号楼3单元502室", postcode="028000",
                    phone="15247516830", email="sunlina0916@gmail.com",
                    description="通辽市2026年度灵活就业人员社会保险补贴的申领条件、补贴标准及发放程序文件",
                    purpose="办理本人灵活就业社保补贴", sig="孙丽娜", date="2026-11-03",
                    method="email", medium=None)
    return name, data, m, c


# =============================================================== 104
@msg
def m104():
    # A daughter writes for her father: he is the applicant (his ID, his
    # address, no phone of his own), she is the agent.  Complete.
    name = "104-qq-daughter-for-elderly-father"
    rec = "2026-11-11T20:31:09+08:00"
    text = """通辽市人社局信息公开办公室：

您好！我是陈晓梅，替我父亲陈福山申请政府信息公开。父亲今年82岁，腿脚不便，也不会用电脑，这封信是按他的意思由我代写的。

申请人姓名：陈福山
公民身份号码：150522194411082116
家庭住址：通辽市科左后旗甘旗卡镇胜利街北三委12号
邮政编码：028100
父亲没有手机，平时也不常在家，有事请打我的电话：13804758216（陈晓梅，申请人之女）

申请公开的内容：1993年至1999年科左后旗粮食局职工养老保险统筹缴费的相关文件，包括当年的缴费基数核定表和单位缴费名单
用途：核对父亲的视同缴费年限
获取方式：邮寄到上面的家庭住址，要纸质的

申请人：陈福山（本人口述，女儿陈晓梅代笔）
2026年11月11日"""
    received = mx("2713684052@qq.com", "out162-62-57-64.mail.qq.com", "162.62.57.64",
                  "Wed, 11 Nov 2026 20:31:09 +0800", "4JmV8h3SyZz1Kd7")
    mid = "tencent_5B8E2D71A4C93F06B1E7D2A8C45F9031B708@qq.com"
    subj = "替父亲申请信息公开"
    data = qq(received=received, date="Wed, 11 Nov 2026 20:31:05 +0800", frm_name="晓梅",
              frm="2713684052@qq.com", subject=subj, mid=mid, text=text, html=qq_html(text),
              qqmid="xmsaq0t1762864265t7302518", ip="111.225.148.90", np="6932F8A9_0D2E7C41_6E4B9F12")
    m = expect_message(name, mid, rec, "2713684052@qq.com", subj, "application")
    c = expect_case(name, rec, "2026-12-02", applicant="陈福山", id_type="resident_id",
                    id_label="居民身份证", id_number="150522194411082116",
                    address="通辽市科左后旗甘旗卡镇胜利街北三委12号", postcode="028100",
                    phone=None, email="2713684052@qq.com", agent="陈晓梅", agent_phone="13804758216",
                    review=["written by an agent for the applicant: 陈晓梅 for 陈福山"],
                    description="1993年至1999年科左后旗粮食局职工养老保险统筹缴费的相关文件，"
                                "包括当年的缴费基数核定表和单位缴费名单",
                    purpose="核对父亲的视同缴费年限", sig="陈福山", date="2026-11-11",
                    method="post", medium="paper")
    return name, data, m, c


# =============================================================== 105
@msg
def m105():
    # A company's HR department: the company is the applicant, 经办人 the
    # contact person, the 单位公章 line its seal.  Complete.
    name = "105-qiye163-hr-department-seal-jingbanren"
    rec = "2026-11-12T15:06:27+08:00"
    text = """关于申请公开稳岗返还相关信息的函

通辽市人力资源和社会保障局：

我公司因核对2026年度失业保险稳岗返还到账金额，现依据《中华人民共和国政府信息公开条例》，申请公开以下信息：通辽市2026年度失业保险稳岗返还企业名单（科尔沁区部分）及返还标准的核定依据。

申请单位名称：通辽市瑞丰食品有限公司
统一社会信用代码：91150502MA0N7R2Q50
法定代表人：郭振华
单位地址：通辽市科尔沁区工业园区创业大街18号
邮政编码：028000
经办人：人力资源部 高雅琴
经办人电话：0475-8316627
电子邮箱：hr@ruifengfood.example.com
所需信息用途：核对本公司稳岗返还到账金额
获取方式：电子邮件，电子版

单位公章：通辽市瑞丰食品有限公司（盖章）
2026年11月12日

——————————
高雅琴  人力资源部
通辽市瑞丰食品有限公司
电话：0475-8316627"""
    received = mx("hr@ruifengfood.example.com", "qiye163mx01.mxmail.netease.com", "220.181.97.201",
                  "Thu, 12 Nov 2026 15:06:27 +0800", "4JnX1k6UaBz4Mf9")
    mid = "4a7c2e91.3d5f.19f8a1c6b27.Coremail.hr@ruifengfood.example.com"
    subj = "通辽市瑞丰食品有限公司政府信息公开申请"
    data = coremail(received=received, date="Thu, 12 Nov 2026 15:06:24 +0800", frm_name="瑞丰食品人力资源部",
                    frm="hr@ruifengfood.example.com", subject=subj, mid=mid, text=text,
                    html=coremail_html(text, "微软雅黑"), part="318840_1629457013.1794467184309",
                    domain="qiye163", ip="60.31.204.117")
    m = expect_message(name, mid, rec, "hr@ruifengfood.example.com", subj, "application")
    c = expect_case(name, rec, "2026-12-03", kind="organisation", applicant="通辽市瑞丰食品有限公司",
                    id_type="uscc", id_label="统一社会信用代码", id_number="91150502MA0N7R2Q50",
                    address="通辽市科尔沁区工业园区创业大街18号", postcode="028000",
                    phone="0475-8316627", email="hr@ruifengfood.example.com",
                    legal_rep="郭振华", contact_person="高雅琴",
                    description="通辽市2026年度失业保险稳岗返还企业名单（科尔沁区部分）及返还标准的核定依据",
                    purpose="核对本公司稳岗返还到账金额", sig="通辽市瑞丰食品有限公司",
                    date="2026-11-12", method="email", medium="electronic")
    return name, data, m, c


# =============================================================== 106
@msg
def m106():
    # Hong Kong resident, traditional characters, home-return permit; no
    # postcode exists for the address.  Complete.
    name = "106-outlookcom-hongkong-traditional-permit"
    rec = "2026-11-13T22:47:52+08:00"
    text = """通遼市人力資源和社會保障局：

本人何嘉欣，香港居民，現依據《中華人民共和國政府信息公開條例》，向貴局申請公開以下政府信息：

先父何志強於1985年至1992年在通遼市第二毛紡廠工作期間有關工齡認定的審批文件。

申請人資料如下：
姓名：何嘉欣
證件類型：港澳居民來往內地通行證
證件號碼：H60123475
通訊地址：香港九龍旺角彌敦道688號旺角中心一期15樓B室
聯絡電話：+852 9123 4567
電郵：kayan.ho@outlook.com
用途：辦理先父遺產繼承手續
獲取方式：電子郵件

申請人簽署：何嘉欣
二〇二六年十一月十三日

Get Outlook for iOS"""
    received = mx("kayan.ho@outlook.com", "HK2PR02CU002.outbound.protection.outlook.com",
                  "52.101.128.79", "Fri, 13 Nov 2026 22:47:52 +0800", "4JpZ4m9WcDz7Ph1")
    mid = "TYZP286MB31452A7C9E1F0B4D8A6E21C5B3A9@TYZP286MB3145.JPNP286.PROD.OUTLOOK.COM"
    subj = "申請公開政府信息（何嘉欣）"
    data = outlook_com(received=received, date="Fri, 13 Nov 2026 14:47:48 +0000", frm_name="Ho Ka Yan 何嘉欣",
                       frm="kayan.ho@outlook.com", subject=subj, mid=mid, text=text)
    m = expect_message(name, mid, rec, "kayan.ho@outlook.com", subj, "application")
    c = expect_case(name, rec, "2026-12-04", applicant="何嘉欣", id_type="other",
                    id_label="港澳居民來往內地通行證", id_number="H60123475",
                    address="香港九龍旺角彌敦道688號旺角中心一期15樓B室", postcode=None,
                    phone="+852 9123 4567", email="kayan.ho@outlook.com",
                    description="先父何志強於1985年至1992年在通遼市第二毛紡廠工作期間有關工齡認定的審批文件",
                    purpose="辦理先父遺產繼承手續", sig="何嘉欣", date="2026-11-13",
                    method="email", medium=None)
    return name, data, m, c


# =============================================================== 107
@msg
def m107():
    # 【label】value form; empty e-mail label; date without a year, written
    # the day before receipt.  Complete.
    name = "107-foxmail-bracket-form-chinese-month-day"
    rec = "2026-11-10T07:58:14+08:00"
    text = """政府信息公开申请

【申请人姓名】王海燕
【证件类型】居民身份证
【证件号码】15050219750622156X
【联系地址】通辽市科尔沁区红星街道霍林河大街东段华联小区4号楼1单元302室
【邮政编码】028000
【手机号码】13514751807
【电子邮箱】
【申请公开的政府信息】通辽市2025年度公益性岗位安置人员名单中红星街道部分的公示材料
【信息用途】查询本人是否在安置名单内
【提供载体】纸质
【获取方式】现场领取
【申请人签字】王海燕
【申请时间】十一月九日"""
    received = mx("whylove0622@sohu.com", "mx-ob-p1.mail.sohu.com", "220.181.90.14",
                  "Tue, 10 Nov 2026 07:58:14 +0800", "4JlS3d8PvWz2Fb6")
    mid = "202611100758107364219@sohu.com"
    subj = "政府信息公开申请（王海燕）"
    data = foxmail(received=received, date="Tue, 10 Nov 2026 07:58:10 +0800", frm_name="王海燕",
                   frm="whylove0622@sohu.com", subject=subj, text=text, mid=mid, cs="gb2312",
                   guid="C2E71A9B-5D3F-4B86-A1C4-9F0E3D7B6A25", nextpart="604218739521")
    m = expect_message(name, mid, rec, "whylove0622@sohu.com", subj, "application")
    c = expect_case(name, rec, "2026-12-01", applicant="王海燕", id_type="resident_id",
                    id_label="居民身份证", id_number="15050219750622156X",
                    address="通辽市科尔沁区红星街道霍林河大街东段华联小区4号楼1单元302室",
                    postcode="028000", phone="13514751807", email="whylove0622@sohu.com",
                    description="通辽市2025年度公益性岗位安置人员名单中红星街道部分的公示材料",
                    purpose="查询本人是否在安置名单内", sig="王海燕", date="2026-11-09",
                    method="pickup", medium="paper")
    return name, data, m, c


# =============================================================== 108
@msg
def m108():
    # The request is a numbered list of three documents.  Complete.
    name = "108-139-numbered-three-documents"
    rec = "2026-11-16T09:30:22+08:00"
    text = """通辽市人力资源和社会保障局：

我叫刘婷，身份证号15052319900127072X，家住开鲁县开鲁镇新华街南段26号，邮编028400，手机18247506315。

依据《政府信息公开条例》，我申请公开以下三份文件：
1、《通辽市创业担保贷款实施办法》（通人社发〔2024〕31号）
2、《关于调整通辽市创业担保贷款额度和贴息标准的通知》
3、开鲁县2026年度创业担保贷款贴息资金拨付明细表

用途：申请创业担保贷款贴息时参考。
请把电子版发到我这个邮箱。

申请人：刘婷
2026年11月16日
"""
    received = mx("18247506315@139.com", "n139-e3.mail.10086.cn", "112.13.212.68",
                  "Mon, 16 Nov 2026 09:30:22 +0800", "4JrB6p2YeFz5Rk3")
    mid = "2ee765a8b9e6c2b-4f2b0@139.com"
    subj = "申请公开创业担保贷款相关文件"
    data = richmail(received=received, date="Mon, 16 Nov 2026 09:30:18 +0800 (CST)",
                    frm="\"%s\" <18247506315@139.com>" % ew("刘婷", "UTF-8"),
                    subject=subj, mid=mid, text=text)
    m = expect_message(name, mid, rec, "18247506315@139.com", subj, "application")
    c = expect_case(name, rec, "2026-12-07", applicant="刘婷", id_type="resident_id",
                    id_label="身份证", id_number="15052319900127072X",
                    address="开鲁县开鲁镇新华街南段26号", postcode="028400",
                    phone="18247506315", email="18247506315@139.com",
                    description="1、《通辽市创业担保贷款实施办法》（通人社发〔2024〕31号）\n"
                                "2、《关于调整通辽市创业担保贷款额度和贴息标准的通知》\n"
                                "3、开鲁县2026年度创业担保贷款贴息资金拨付明细表",
                    purpose="申请创业担保贷款贴息时参考", sig="刘婷", date="2026-11-16",
                    method="email", medium="electronic")
    return name, data, m, c


# =============================================================== 109
@msg
def m109():
    # The only phone is in the signature block under "-- ", beside a
    # workplace that is not the address.  Complete.
    name = "109-thunderbird-phone-in-signature-block"
    rec = "2026-11-17T16:20:05+08:00"
    text = """您好：

本人赵玉龙，居民身份证号码150525198804114032，现住奈曼旗大沁他拉镇兴隆街道育新小区9号楼2单元101室，邮编028300。

依据《中华人民共和国政府信息公开条例》第二十七条，申请公开奈曼旗2026年度乡村公益性岗位招聘的拟录用人员公示名单及考核评分办法。请通过电子邮件答复。

申请人：赵玉龙
2026年11月17日

-- 
赵玉龙
奈曼旗第三中学 后勤处
手机 15004756618
"""
    received = mx("zhaoyulong88@yeah.net", "m15-112.126.com", "220.181.15.112",
                  "Tue, 17 Nov 2026 16:20:05 +0800", "4JsD9r5ZgHz8Tm4")
    mid = "8c41e2f7-6b3a-4d95-a0e8-2f17c9b5d364@yeah.net"
    subj = "政府信息公开申请"
    data = thunderbird(received=received, date="Tue, 17 Nov 2026 16:20:01 +0800", frm_name="赵玉龙",
                       frm="zhaoyulong88@yeah.net", subject=subj, mid=mid, text=text, lang="zh-CN")
    m = expect_message(name, mid, rec, "zhaoyulong88@yeah.net", subj, "application")
    c = expect_case(name, rec, "2026-12-08", applicant="赵玉龙", id_type="resident_id",
                    id_label="居民身份证", id_number="150525198804114032",
                    address="奈曼旗大沁他拉镇兴隆街道育新小区9号楼2单元101室", postcode="028300",
                    phone="15004756618", email="zhaoyulong88@yeah.net",
                    description="奈曼旗2026年度乡村公益性岗位招聘的拟录用人员公示名单及考核评分办法",
                    purpose=None, sig="赵玉龙", date="2026-11-17", method="email", medium=None)
    return name, data, m, c


# =============================================================== 110
@msg
def m110():
    # （√）/（ ） after each option; the address line left empty ->
    # incomplete (address).
    name = "110-126-paren-tick-pickup-no-address"
    rec = "2026-11-18T11:05:47+08:00"
    text = """政府信息公开申请表

申请人：张桂芝
身份证号：150502196008151242
联系电话：13947586603
通讯地址：
电子邮箱：
所需信息内容：科尔沁区2026年城乡居民基本养老保险待遇调整后的发放标准
用途：核对本人养老金
领取方式：现场领取（√）  邮寄（ ）
载体形式：纸质（√）  电子（ ）

申请人签名：张桂芝
申请日期：2026年11月18日"""
    received = mx("zhangguizhi1960@126.com", "m15-114.126.com", "220.181.15.114",
                  "Wed, 18 Nov 2026 11:05:47 +0800", "4JtF2s8AhJz1Vn5")
    mid = "5e93b1c4.2f8a.19f9c3d7a58.Coremail.zhangguizhi1960@126.com"
    subj = "申请表"
    data = coremail(received=received, date="Wed, 18 Nov 2026 11:05:44 +0800", frm_name="zhangguizhi1960",
                    frm="zhangguizhi1960@126.com", subject=subj, mid=mid, text=text,
                    html=coremail_html(text), part="402917_880153624.1794970344512",
                    domain="126com", ip="223.104.95.48")
    m = expect_message(name, mid, rec, "zhangguizhi1960@126.com", subj, "application")
    c = expect_case(name, rec, "2026-12-09", applicant="张桂芝", id_type="resident_id",
                    id_label="身份证", id_number="150502196008151242", address=None, postcode=None,
                    phone="13947586603", email="zhangguizhi1960@126.com",
                    description="科尔沁区2026年城乡居民基本养老保险待遇调整后的发放标准",
                    purpose="核对本人养老金", sig="张桂芝", date="2026-11-18",
                    method="pickup", medium="paper", missing=["address"])
    return name, data, m, c


# =============================================================== 111
@msg
def m111():
    # Asks how to apply: a consultation, not an application.
    name = "111-sina-consultation-how-to-apply"
    rec = "2026-11-19T14:40:33+08:00"
    text = """你好，我想问一下，如果我想查我母亲以前在通辽市第一毛纺厂上班时的养老保险缴费记录，是不是要申请政府信息公开？申请书需要写哪些内容，要不要附身份证复印件？可以直接发邮件申请吗，还是必须到你们局里填表？麻烦告知，谢谢。

包其其格
"""
    received = mx("qiqige_bao@sina.com", "mail3-166.sinamail.sina.com.cn", "202.108.3.166",
                  "Thu, 19 Nov 2026 14:40:33 +0800", "4JvH5u1CkLz4Xp6")
    mid = "20261119064029.6A3C1F7200012B47@sina.com"
    subj = "咨询：怎么申请信息公开"
    data = sina(received=received, date="Thu, 19 Nov 2026 14:40:29 +0800", frm_name="包其其格",
                frm="qiqige_bao@sina.com", subject=subj, mid=mid, text=text)
    m = expect_message(name, mid, rec, "qiqige_bao@sina.com", subj, "consultation")
    return name, data, m, None


# =============================================================== 112
@msg
def m112():
    # "你们的文件" names no information: a clerk decides whether to ask for
    # the request (issue 7: missing request or review); the rest is there.
    # Saturday receipt.
    name = "112-iphone-request-just-your-documents"
    rec = "2026-11-21T18:12:56+08:00"
    text = """你好
我是包青松，身份证150526198307023611，住扎鲁特旗鲁北镇幸福街3号，电话13634750921。
我要申请公开你们的文件，材料寄到我家。
申请人：包青松
2026年11月21日

发自我的iPhone"""
    received = mx("bqs830702@icloud.com", "qs51p00im-qukt01080702.me.com", "17.57.155.31",
                  "Sat, 21 Nov 2026 18:12:56 +0800", "4JwK8w4DmNz7Zr8")
    mid = "E1B7C3A9-4D2F-4E86-8B15-9C0A7F3D2E61@icloud.com"
    subj = "申请公开"
    data = iphone(received=received, date="Sat, 21 Nov 2026 18:12:50 +0800", frm_name="包青松",
                  frm="bqs830702@icloud.com", subject=subj, mid=mid, text=text)
    m = expect_message(name, mid, rec, "bqs830702@icloud.com", subj, "application")
    c = expect_case(name, rec, "2026-12-11", applicant="包青松", id_type="resident_id",
                    id_label="身份证", id_number="150526198307023611",
                    address="扎鲁特旗鲁北镇幸福街3号", postcode=None, phone="13634750921",
                    email="bqs830702@icloud.com", description="你们的文件，材料寄到我家",
                    purpose=None, sig="包青松", date="2026-11-21", method="post", medium=None,
                    review=["request names no particular information: 你们的文件，材料寄到我家"])
    return name, data, m, c


# =============================================================== 113
@msg
def m113():
    # A complete-looking letter with no identity document -> incomplete
    # (identity_proof).
    name = "113-163-prose-no-id-number"
    rec = "2026-11-23T10:30:16+08:00"
    text = """尊敬的通辽市人社局领导：

我叫韩秀芬，家住库伦旗库伦镇东街18号，邮编028200，联系电话0475-6523178。我丈夫前年在工地上受了伤，申请工伤认定时不清楚要准备哪些材料、多长时间能办完，走了不少弯路。

现申请公开库伦旗工伤认定的办事指南及办理时限的规定。请将材料邮寄到上面的地址。

申请人：韩秀芬
2026年11月23日"""
    received = mx("hanxiufen66@163.com", "m16.mail.163.com", "220.181.12.17",
                  "Mon, 23 Nov 2026 10:30:16 +0800", "4JxM1y7FpQz2Bs9")
    mid = "7b2e4d91.5c3a.19fa8e2b6c1.Coremail.hanxiufen66@163.com"
    subj = "政府信息公开申请"
    data = coremail(received=received, date="Mon, 23 Nov 2026 10:30:13 +0800", frm_name="韩秀芬",
                    frm="hanxiufen66@163.com", subject=subj, mid=mid, text=text,
                    html=coremail_html(text), part="560382_1147028395.1795401013728",
                    ip="117.136.81.203")
    m = expect_message(name, mid, rec, "hanxiufen66@163.com", subj, "application")
    c = expect_case(name, rec, "2026-12-14", applicant="韩秀芬", id_type=None, id_label=None,
                    id_number=None, address="库伦旗库伦镇东街18号", postcode="028200",
                    phone="0475-6523178", email="hanxiufen66@163.com",
                    description="库伦旗工伤认定的办事指南及办理时限的规定", purpose=None,
                    sig="韩秀芬", date="2026-11-23", method="post", medium=None,
                    missing=["identity_proof"])
    return name, data, m, c


# What the external sets count as missing where a case here waits for a
# clerk: 112 names no information, so its request is missing there.
REVIEW_MISSING = {"112-iphone-request-just-your-documents": ["request"]}


def entry(name, message, case):
    return truth_entry(name, message, case, extra_missing=REVIEW_MISSING.get(name, []))


if __name__ == "__main__":
    holdout_main(entry=entry)
