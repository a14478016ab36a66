#!/usr/bin/env python3
"""Writes the corpus: tests/corpus/NAME.eml and NAME.expect.json.

Run from anywhere: python3 tests/corpus/tools/make-corpus.py
The .eml bytes are written exactly (charsets, transfer encodings, line ends
as each client writes them).  The expected results are hand-written below,
as a clerk reading each message would record it; nothing here parses the
generated messages.  Deadlines were counted by hand on the 2026 calendar
(domain.md section 4) and checked with a throwaway script.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mklib import (msg, mx, write_registered, CORPUS, OFFICE, Msg, b64, qp, ew, ew_bytes, codec, esc, crlf, docx,
                   qq_html, coremail_html, expect_message, expect_case)
from clients import foxmail, qq, coremail, outlook2016, iphone, attachment_part

TOOLS = os.path.dirname(os.path.abspath(__file__))


# =============================================================== 001
@msg
def m001():
    name = "001-foxmail-form-complete"
    rec = "2026-11-20T09:29:58+08:00"
    text = """通辽市人力资源和社会保障局：

    根据《中华人民共和国政府信息公开条例》的规定，本人现向贵局提出政府信息公开申请，具体如下：

姓名：张伟
工作单位：通辽市顺达物流有限公司
证件名称：居民身份证
证件号码：150502198503124216
通信地址：内蒙古自治区通辽市科尔沁区永安街道和平路128号3单元502室
邮政编码：028000
联系电话：13904759876
传真：
电子邮箱：zhangwei1985@163.com

所需信息的内容描述：2026年度通辽市失业保险稳岗返还资金拟发放企业名单及各企业返还金额。
所需信息的用途：了解本人所在单位是否享受稳岗返还政策。
所需信息的指定提供方式：□纸面  √电子邮件  □光盘  □磁盘
获取信息的方式：□邮寄  □快递  √电子邮件  □传真  □自行领取/当场阅读、抄录

申请人签名（盖章）：张伟
申请时间：2026年11月20日"""
    received = mx("zhangwei1985@163.com", "m16.mail.163.com", "220.181.12.16",
                  "Fri, 20 Nov 2026 09:29:58 +0800", "4Fzq2Y0kNmz1Bq7") + """
Received: from DESKTOP-8K2M4QF (unknown [112.13.94.37])
	by smtp10 (Coremail) with SMTP id DsCowAD3_9mC6z1pHz0pBw--.5313S2;
	Fri, 20 Nov 2026 09:29:55 +0800 (CST)"""
    mid = "202611200929524107135@163.com"
    data = foxmail(received=received, date="Fri, 20 Nov 2026 09:29:52 +0800", frm_name="张伟",
                   frm="zhangwei1985@163.com", subject="政府信息公开申请", text=text, mid=mid,
                   cs="gb2312", to="通辽市人社局")
    m = expect_message(name, mid, rec, "zhangwei1985@163.com", "政府信息公开申请", "application")
    c = expect_case(name, rec, "2026-12-11", applicant="张伟", id_type="resident_id",
                    id_label="居民身份证",
                    id_number="150502198503124216",
                    address="内蒙古自治区通辽市科尔沁区永安街道和平路128号3单元502室",
                    postcode="028000", phone="13904759876", email="zhangwei1985@163.com",
                    description="2026年度通辽市失业保险稳岗返还资金拟发放企业名单及各企业返还金额",
                    purpose="了解本人所在单位是否享受稳岗返还政策", sig="张伟", date="2026-11-20",
                    method="email", medium="electronic")
    return name, data, m, c


# =============================================================== 002
QQ_TABLE_STYLE = 'border-collapse:collapse;width:620px;font-size:14px;font-family:宋体'
TD = '<td style="border:1px solid #000000;padding:4px">'


def table_html(rows):
    out = ['<table border="1" cellspacing="0" cellpadding="0" style="%s"><tbody>' % QQ_TABLE_STYLE]
    for row in rows:
        out.append("<tr>")
        for cell in row:
            attrs = ""
            if isinstance(cell, tuple):
                cell, attrs = cell
            out.append(TD.replace("<td ", "<td %s " % attrs if attrs else "<td ") + (esc(cell) if cell else "&nbsp;") + "</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


@msg
def m002():
    name = "002-qq-html-table-gb18030"
    rec = "2026-06-10T20:14:38+08:00"
    rows = [
        [("申请人信息", 'rowspan="6"'), ("公民", 'rowspan="6"'), "姓名", "白雪梅", "工作单位", "奈曼旗大沁他拉镇第二小学"],
        ["证件名称", "居民身份证", "证件号码", "150525199201153627"],
        ["联系电话", "15147590321", "邮政编码", "028300"],
        ["通信地址", ("内蒙古通辽市奈曼旗大沁他拉镇建设路东段15号", 'colspan="3"')],
        ["电子邮箱", "1037284561@qq.com", "传真", ""],
        ["申请人签名（盖章）", "白雪梅", "申请时间", "2026年6月10日"],
        [("所需信息情况", 'rowspan="4"'), ("所需信息的内容描述", 'colspan="2"'),
         ("2025年奈曼旗事业单位公开招聘工作人员（教育类）各岗位进入面试人员的笔试成绩、面试成绩、总成绩及排名。", 'colspan="3"')],
        [("所需信息的用途", 'colspan="2"'), ("核实本人报考岗位的成绩排名", 'colspan="3"')],
        [("所需信息的指定提供方式", 'colspan="2"'), ("☑纸面　□电子邮件　□光盘　□磁盘", 'colspan="3"')],
        [("获取信息的方式", 'colspan="2"'), ("☑邮寄　□快递　□电子邮件　□传真　□自行领取/当场阅读、抄录", 'colspan="3"')],
    ]
    intro = "<div>通辽市人社局：</div><div>&nbsp; &nbsp; 您好！我的政府信息公开申请表填好了，内容如下，麻烦办理，谢谢。</div><div><br></div>"
    html = ('<meta http-equiv="Content-Type" content="text/html; charset=GB18030">' + intro
            + '<div style="text-align:center"><b>政府信息公开申请表</b></div>' + table_html(rows)
            + "<div><br></div><div>白雪梅</div><div><br></div>")
    plain = """通辽市人社局：
    您好！我的政府信息公开申请表填好了，内容如下，麻烦办理，谢谢。

政府信息公开申请表
申请人信息	公民	姓名	白雪梅	工作单位	奈曼旗大沁他拉镇第二小学
证件名称	居民身份证	证件号码	150525199201153627
联系电话	15147590321	邮政编码	028300
通信地址	内蒙古通辽市奈曼旗大沁他拉镇建设路东段15号
电子邮箱	1037284561@qq.com	传真	 
申请人签名（盖章）	白雪梅	申请时间	2026年6月10日
所需信息情况	所需信息的内容描述	2025年奈曼旗事业单位公开招聘工作人员（教育类）各岗位进入面试人员的笔试成绩、面试成绩、总成绩及排名。
所需信息的用途	核实本人报考岗位的成绩排名
所需信息的指定提供方式	☑纸面　□电子邮件　□光盘　□磁盘
获取信息的方式	☑邮寄　□快递　□电子邮件　□传真　□自行领取/当场阅读、抄录

白雪梅
"""
    received = mx("1037284561@qq.com", "out203-205-221.mail.qq.com", "203.205.221.236",
                  "Wed, 10 Jun 2026 20:14:38 +0800", "4GbQ7t3Xr8z4wNp") + """
X-QQ-XMAILINFO: NONdw3/xYs5DVCU4lXyk8+Xu9xSA9zjnHPuU+Ao+QWxBeY9g5+I8Tyi2y6NCgu
	 5dQ8xkPDWQ+1FvGqVgTVnsvfs1XzWwPRiiDIkY7jJQ==
Received: from qq.com ( [117.136.24.188])
	by newxmesmtplogicsvrszb16-0.qq.com (NewEsmtp) with SMTP
	id 7A1B2C3D; Wed, 10 Jun 2026 20:14:33 +0800"""
    mid = "tencent_5C4B8F2D1E3A7B9C0D6E2F1A8B3C4D5E6F07@qq.com"
    data = qq(received=received, date="Wed, 10 Jun 2026 20:14:33 +0800", frm_name="雪梅",
              frm="1037284561@qq.com", subject="政府信息公开申请表（白雪梅）", mid=mid,
              text=plain, html=html, cs="gb18030")
    m = expect_message(name, mid, rec, "1037284561@qq.com", "政府信息公开申请表（白雪梅）", "application")
    c = expect_case(name, rec, "2026-07-02", applicant="白雪梅", id_type="resident_id",
                    id_label="居民身份证",
                    id_number="150525199201153627", address="内蒙古通辽市奈曼旗大沁他拉镇建设路东段15号",
                    postcode="028300", phone="15147590321", email="1037284561@qq.com",
                    description="2025年奈曼旗事业单位公开招聘工作人员（教育类）各岗位进入面试人员的笔试成绩、面试成绩、总成绩及排名",
                    purpose="核实本人报考岗位的成绩排名", sig="白雪梅", date="2026-06-10",
                    method="post", medium="paper")
    return name, data, m, c


# =============================================================== 003
@msg
def m003():
    name = "003-163-coremail-table-gbk"
    rec = "2026-03-16T10:05:14+08:00"
    rows = [
        ["申请人姓名", "赵国庆", "证件号码", "150523197909080011"],
        ["联系地址", "内蒙古通辽市开鲁县开鲁镇民主路西段97号", "邮编", "028400"],
        ["联系电话", "0475-6218833", "电子邮箱", "zhaoguoqing79@163.com"],
        ["所需信息的内容描述", ("开鲁县2025年度被征地农民养老保险补贴对象名单中开鲁镇东风村的人员名单及补贴标准", 'colspan="3"')],
        ["所需信息的用途", ("核实本人是否在补贴名单内", 'colspan="3"')],
        ["提供方式", ("√电子邮件　□纸面　□光盘", 'colspan="3"')],
        ["获取方式", ("□邮寄　√电子邮件　□自行领取", 'colspan="3"')],
        ["申请人签名", "赵国庆", "申请时间", "2026年3月16日"],
    ]
    html = coremail_html("你好！\n我要申请政府信息公开，申请内容见下表。\n", "宋体")[:-6] \
        + table_html(rows) + "<div><br></div></div><br><br><span title=\"neteasefooter\"><p>&nbsp;</p></span>"
    plain = "你好！\n我要申请政府信息公开，申请内容见下表。\n\n" + "\n".join(
        "\t".join(c[0] if isinstance(c, tuple) else c for c in r) for r in rows) + "\n"
    received = mx("zhaoguoqing79@163.com", "m15-112.126.com", "220.181.15.112",
                  "Mon, 16 Mar 2026 10:05:14 +0800", "4FmZ3x1bLqz9sTc") + """
Received: from zhaoguoqing79$163.com ( [223.104.94.21] ) by
 ajax-webmail-wmsvr-40-112 (Coremail) ; Mon, 16 Mar 2026 10:05:11 +0800
 (CST)"""
    mid = "4c8a7b2e.5f3d.19cf1a2b3c4.Coremail.zhaoguoqing79@163.com"
    subj = "申请公开被征地农民养老保险补贴名单"
    data = coremail(received=received, date="Mon, 16 Mar 2026 10:05:11 +0800", frm_name="赵国庆",
                    frm="zhaoguoqing79@163.com", subject=subj, mid=mid, text=plain, html=html, cs="GBK")
    m = expect_message(name, mid, rec, "zhaoguoqing79@163.com", subj, "application")
    c = expect_case(name, rec, "2026-04-07", applicant="赵国庆", id_type="resident_id",
                    id_label=None,
                    id_number="150523197909080011", address="内蒙古通辽市开鲁县开鲁镇民主路西段97号",
                    postcode="028400", phone="0475-6218833", email="zhaoguoqing79@163.com",
                    description="开鲁县2025年度被征地农民养老保险补贴对象名单中开鲁镇东风村的人员名单及补贴标准",
                    purpose="核实本人是否在补贴名单内", sig="赵国庆", date="2026-03-16",
                    method="email", medium="electronic")
    return name, data, m, c


# =============================================================== 004
@msg
def m004():
    name = "004-outlook-wordhtml-gb2312-gbkchars"
    rec = "2026-03-10T14:03:27+08:00"
    paras = ["通辽市人力资源和社会保障局：", "",
             "根据《政府信息公开条例》，本人申请公开下列政府信息，申请人信息如下。", "",
             "姓名：王喆", "证件名称：身份证", "证件号码：210102198807223517",
             "联系地址：内蒙古自治区通辽市科尔沁区明仁大街镕辉花园7号楼1单元301",
             "邮政编码：028000", "联系电话：18647501234", "电子邮箱：wangzhe@tlhuanneng.com.cn", "",
             "所需信息的内容描述：贵局作出的通人社工认〔2025〕318号工伤认定决定书所依据的调查材料目录。",
             "所需信息的用途：申请劳动能力鉴定使用。",
             "所需信息的指定提供方式：纸面",
             "获取信息的方式：自行领取", "",
             "申请人签名：王喆", "申请时间：2026年3月10日", "", "",
             "王喆", "通辽环能热电有限公司 安全环保部", "电话：0475-8351022"]
    received = mx("wangzhe@tlhuanneng.com.cn", "mail.tlhuanneng.com.cn", "218.21.93.40",
                  "Tue, 10 Mar 2026 14:03:27 +0800", "4FjL9n2wQbz7cXv") + """
Received: from DESKTOP-WZ01 (unknown [192.168.10.57])
	by mail.tlhuanneng.com.cn (Postfix) with ESMTPA id 3C1E21A0452
	for <ogi@example.gov.cn>; Tue, 10 Mar 2026 14:03:25 +0800 (CST)"""
    mid = "000601dcb05e$3f2a1c40$bd7e54c0$@tlhuanneng.com.cn"
    subj = "申请公开工伤认定调查材料目录"
    data = outlook2016(received=received, date="Tue, 10 Mar 2026 14:03:24 +0800", frm_name="王喆",
                       frm="wangzhe@tlhuanneng.com.cn", subject=subj, mid=mid, paras=paras, cs="gb2312")
    m = expect_message(name, mid, rec, "wangzhe@tlhuanneng.com.cn", subj, "application")
    c = expect_case(name, rec, "2026-03-31", applicant="王喆", id_type="resident_id",
                    id_label="身份证",
                    id_number="210102198807223517",
                    address="内蒙古自治区通辽市科尔沁区明仁大街镕辉花园7号楼1单元301",
                    postcode="028000", phone="18647501234", email="wangzhe@tlhuanneng.com.cn",
                    description="贵局作出的通人社工认〔2025〕318号工伤认定决定书所依据的调查材料目录",
                    purpose="申请劳动能力鉴定使用", sig="王喆", date="2026-03-10",
                    method="pickup", medium="paper")
    return name, data, m, c


# =============================================================== 005
@msg
def m005():
    name = "005-iphone-prose-utf8-8bit"
    rec = "2026-08-22T16:42:08+08:00"
    text = """市人社局信息公开办：

我叫刘洋，身份证号码150502198709194033，现住通辽市科尔沁区西门大街阳光小区12号楼2单元602，联系电话15804752266。

现申请公开通辽市2025年城乡居民基本养老保险基础养老金调整的文件及执行时间。我父亲今年69岁，一直不清楚基础养老金到底涨了多少。

请将信息的电子版发送到我的邮箱liuyang_tl@icloud.com，谢谢。

此致
敬礼

申请人：刘洋
2026年8月22日

发自我的iPhone"""
    received = mx("liuyang_tl@icloud.com", "qs51p00im-qukt01072101.me.com", "17.57.155.16",
                  "Sat, 22 Aug 2026 16:42:08 +0800", "4GvK1p6TfRz3mWd") + """
Received: from smtpclient.apple (qs51p00im-dlb-asmtp-mailmevip.me.com [17.42.251.41])
	by qs51p00im-qukt01072101.me.com (Postfix) with ESMTPSA id 8F2B31C0184
	for <ogi@example.gov.cn>; Sat, 22 Aug 2026 08:42:06 +0000 (UTC)"""
    mid = "3E7C1F2A-9B84-4D0E-A6C5-1F8E2D7B9A03@icloud.com"
    subj = "信息公开申请"
    data = iphone(received=received, date="Sat, 22 Aug 2026 16:42:01 +0800", frm_name="刘洋",
                  frm="liuyang_tl@icloud.com", subject=subj, mid=mid, text=text, eol="\n")
    m = expect_message(name, mid, rec, "liuyang_tl@icloud.com", subj, "application")
    c = expect_case(name, rec, "2026-09-11", applicant="刘洋", id_type="resident_id",
                    id_label="身份证",
                    id_number="150502198709194033",
                    address="通辽市科尔沁区西门大街阳光小区12号楼2单元602",
                    postcode=None, phone="15804752266", email="liuyang_tl@icloud.com",
                    description="通辽市2025年城乡居民基本养老保险基础养老金调整的文件及执行时间",
                    purpose=None, sig="刘洋", date="2026-08-22", method="email", medium="electronic")
    return name, data, m, c


# =============================================================== 006
@msg
def m006():
    name = "006-126-prose-terse-typos"
    rec = "2026-09-17T07:50:59+08:00"
    text = """你好
我是科左中旗保康镇的包金山，身分证150521196801045516，住科左中旗保康镇团结路南巷6号，邮编029300，电话13947523318。
申请公开保康镇2024年-2025年公益性岗位人员名单和每人每月补贴发放金额。
用途：监督补贴发放
请用邮政寄给我纸质的。
申请人 包金山
2026.9.17
"""
    received = mx("baojinshan1968@126.com", "m16-41.126.com", "220.181.16.41",
                  "Thu, 17 Sep 2026 07:50:59 +0800", "4GxR5c0VdNz2kPq") + """
Received: from baojinshan1968$126.com ( [39.170.22.81] ) by
 ajax-webmail-wmsvr-41-107 (Coremail) ; Thu, 17 Sep 2026 07:50:57 +0800
 (CST)"""
    mid = "7d1e3b9a.2c41.19e5a7c31b2.Coremail.baojinshan1968@126.com"
    subj = "申请"
    data = coremail(received=received, date="Thu, 17 Sep 2026 07:50:57 +0800", frm_name=None,
                    frm="baojinshan1968@126.com", subject=subj, mid=mid, text=text,
                    html=coremail_html(text), cs="UTF-8", eol="\n", domain="126com",
                    part="402197_1843206617.1789603857044")
    m = expect_message(name, mid, rec, "baojinshan1968@126.com", subj, "application")
    c = expect_case(name, rec, "2026-10-14", applicant="包金山", id_type="resident_id",
                    id_label="身份证",
                    id_number="150521196801045516", address="科左中旗保康镇团结路南巷6号",
                    postcode="029300", phone="13947523318", email="baojinshan1968@126.com",
                    description="保康镇2024年-2025年公益性岗位人员名单和每人每月补贴发放金额",
                    purpose="监督补贴发放", sig="包金山", date="2026-09-17",
                    method="post", medium="paper")
    return name, data, m, c


# =============================================================== 007
@msg
def m007():
    name = "007-foxmail-organisation-uscc"
    rec = "2026-04-27T15:20:41+08:00"
    text = """通辽市人力资源和社会保障局：

    我司现依据《中华人民共和国政府信息公开条例》申请公开以下政府信息，请予办理。

申请人类型：法人或其他组织
名称：福建省闽宏建设工程有限公司
统一社会信用代码：91350100M000100Y43
法定代表人：陈国栋
联系人：林晓峰
联系电话：13805012345
传真：0591-87654322
电子邮箱：linxf@minhong-jianshe.com
地址：福建省福州市鼓楼区五四路158号环球广场18层
邮编：350003

所需信息的内容描述：我司承建的通辽市科尔沁区第三中学教学楼项目的农民工工资专用账户备案及工资保证金缴存情况的相关文件。
所需信息的用途：核对项目工资保证金缴存信息，办理保证金返还手续。
获取信息的方式：□邮寄  √电子邮件  □自行领取

申请人签名（盖章）：福建省闽宏建设工程有限公司
申请时间：2026年4月27日

附：营业执照副本扫描件（另行邮寄）"""
    received = mx("linxf@minhong-jianshe.com", "smtpbgsg2.qq.com", "54.254.200.128",
                  "Mon, 27 Apr 2026 15:20:41 +0800", "4FqX0v8HnTz6cBm") + """
Received: from LINXF-PC (unknown [120.36.181.5])
	by smtp.qiye.163.com (Hmail) with ESMTPA id 2A1F54803A1;
	Mon, 27 Apr 2026 15:20:38 +0800 (CST)"""
    mid = "202604271520371803529@minhong-jianshe.com"
    subj = "福建省闽宏建设工程有限公司政府信息公开申请"
    data = foxmail(received=received, date="Mon, 27 Apr 2026 15:20:37 +0800", frm_name="林晓峰",
                   frm="linxf@minhong-jianshe.com", subject=subj, text=text, mid=mid, cs="gb2312",
                   guid="0D5E8A31-44C2-4B19-A8F0-73C6E2B95D14", nextpart="120394751820")
    m = expect_message(name, mid, rec, "linxf@minhong-jianshe.com", subj, "application")
    c = expect_case(name, rec, "2026-05-20", kind="organisation", applicant="福建省闽宏建设工程有限公司",
                    id_type="uscc", id_label="统一社会信用代码", id_number="91350100M000100Y43",
                    address="福建省福州市鼓楼区五四路158号环球广场18层", postcode="350003",
                    phone="13805012345", email="linxf@minhong-jianshe.com", fax="0591-87654322",
                    legal_rep="陈国栋", contact_person="林晓峰",
                    description="我司承建的通辽市科尔沁区第三中学教学楼项目的农民工工资专用账户备案及工资保证金缴存情况的相关文件",
                    purpose="核对项目工资保证金缴存信息，办理保证金返还手续",
                    sig="福建省闽宏建设工程有限公司", date="2026-04-27", method="email", medium=None)
    return name, data, m, c


# =============================================================== 008
@msg
def m008():
    name = "008-thunderbird-docx-rfc2231"
    rec = "2026-07-14T11:08:12+08:00"
    rows = [
        [("申请人信息", 1), "姓名", "萨仁高娃", "工作单位", "内蒙古民族大学"],
        ["", "证件名称", "居民身份证", "证件号码", "150102198304112720"],
        ["", "通信地址", ("内蒙古自治区呼和浩特市新城区海拉尔东路39号院5号楼1单元202", 3)],
        ["", "邮政编码", "010010", "联系电话", "15024951873"],
        ["", "电子邮箱", "sarangaowa@foxmail.com", "传真", ""],
        ["所需信息情况", "所需信息的内容描述",
         ("2026年通辽市市直事业单位公开招聘工作人员笔试合格分数线的确定依据，以及“通辽市蒙古族中学蒙古语授课数学教师”岗位的资格复审结果。", 3)],
        ["", "所需信息的用途", ("了解本人报考岗位的招聘结果", 3)],
        ["", "所需信息的指定提供方式", ("□纸面　☑电子邮件　□光盘　□磁盘", 3)],
        ["", "获取信息的方式", ("□邮寄　□快递　☑电子邮件　□传真　□自行领取/当场阅读、抄录", 3)],
        [("申请人签名（盖章）", 2), "萨仁高娃", "申请时间", "2026年7月14日"],
    ]
    rows = [[c[0] if isinstance(c, tuple) and c[1] == 1 else c for c in r] for r in rows]
    dx = docx(rows, "政府信息公开申请表", ["注：本表由申请人填写，可另附页。"])
    fname = "政府信息公开申请表（萨仁高娃）.docx"
    from urllib.parse import quote
    q = quote(fname.encode("utf-8"), safe="")
    att = {"ctype": ["Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;",
                     ' name="%s"' % ew(fname, "UTF-8")],
           "disp": ["Content-Disposition: attachment;",
                    " filename*0*=UTF-8''%s;" % q[:60],
                    " filename*1*=%s;" % q[60:120],
                    " filename*2*=%s" % q[120:]],
           "data": dx}
    b = "------------5WHpN0sAlJ3fEaq8Ti2u7Lk0"
    m_ = Msg("\n")
    m_.header_block(mx("sarangaowa@foxmail.com", "out162-62-57-87.mail.qq.com", "162.62.57.87",
                       "Tue, 14 Jul 2026 11:08:12 +0800", "4GdT3k9SmWz1xFh"))
    m_.add("Content-Type: multipart/mixed; boundary=\"%s\"" % b,
           "Message-ID: <6f1c2a9e-8b3d-4e57-a1c0-92d7f4e3b810@foxmail.com>",
           "Date: Tue, 14 Jul 2026 11:08:09 +0800", "MIME-Version: 1.0",
           "User-Agent: Mozilla Thunderbird", "Content-Language: zh-CN",
           "To: " + OFFICE, "From: %s <sarangaowa@foxmail.com>" % ew("萨仁高娃", "UTF-8"),
           "Subject: " + ew("政府信息公开申请（附申请表）", "UTF-8"), "",
           "This is a multi-part message in MIME format.", "--" + b,
           "Content-Type: text/plain; charset=UTF-8; format=flowed",
           "Content-Transfer-Encoding: 8bit", "",
           "您好：", "",
           "附件是我填写的《政府信息公开申请表》，请查收并办理。如有问题请联系我。", "",
           "谢谢！", "", "萨仁高娃", "", "--" + b)
    attachment_part(m_, att)
    m_.add("", "--" + b + "--", "")
    data = m_.bytes()
    mid = "6f1c2a9e-8b3d-4e57-a1c0-92d7f4e3b810@foxmail.com"
    m = expect_message(name, mid, rec, "sarangaowa@foxmail.com", "政府信息公开申请（附申请表）", "application")
    c = expect_case(name, rec, "2026-08-04", applicant="萨仁高娃", id_type="resident_id",
                    id_label="居民身份证",
                    id_number="150102198304112720",
                    address="内蒙古自治区呼和浩特市新城区海拉尔东路39号院5号楼1单元202",
                    postcode="010010", phone="15024951873", email="sarangaowa@foxmail.com",
                    description="2026年通辽市市直事业单位公开招聘工作人员笔试合格分数线的确定依据，以及“通辽市蒙古族中学蒙古语授课数学教师”岗位的资格复审结果",
                    purpose="了解本人报考岗位的招聘结果", sig="萨仁高娃", date="2026-07-14",
                    method="email", medium="electronic")
    return name, data, m, c


# =============================================================== 010
@msg
def m010():
    name = "010-foxmail-fullwidth-chinese-date"
    rec = "2026-02-12T19:36:02+08:00"
    text = """尊敬的通辽市人社局领导：
    您好！本人乌云其木格，公民身份号码：１５０５０２１９９３０７０５２２２１，家庭住址：通辽市科尔沁区钱家店镇钱家店村二组，邮编028021，手机13604758820。
    本人申请公开以下政府信息：钱家店镇2025年度被征地农民参加基本养老保险的人员名单及个人缴费补贴标准。
    本人系钱家店村村民，2024年家中承包地被征收，至今不清楚自己是否被纳入参保范围。
    希望以纸质形式邮寄至上述地址。
    此致
敬礼！
                                                申请人：乌云其木格
                                                二〇二六年二月十二日"""
    received = mx("wuyunqimuge93@163.com", "m16.mail.163.com", "220.181.12.17",
                  "Thu, 12 Feb 2026 19:36:02 +0800", "4Fd8Kq2ZpLz5vRw") + """
Received: from LAPTOP-QMG (unknown [116.113.40.22])
	by smtp9 (Coremail) with SMTP id DcCowAC3zXl_yY1pA7QeCg--.22071S2;
	Thu, 12 Feb 2026 19:35:59 +0800 (CST)"""
    mid = "202602121935581364527@163.com"
    subj = "申请公开被征地农民养老保险名单"
    data = foxmail(received=received, date="Thu, 12 Feb 2026 19:35:58 +0800", frm_name="乌云其木格",
                   frm="wuyunqimuge93@163.com", subject=subj, text=text, mid=mid, cs="gb2312",
                   guid="7C2A9E04-1D3B-4F6A-B5E8-0A9C3D2F71E6", nextpart="227405918364", eol="\n")
    m = expect_message(name, mid, rec, "wuyunqimuge93@163.com", subj, "application")
    c = expect_case(name, rec, "2026-03-11", applicant="乌云其木格", id_type="resident_id",
                    id_label="居民身份证",
                    id_number="150502199307052221", address="通辽市科尔沁区钱家店镇钱家店村二组",
                    postcode="028021", phone="13604758820", email="wuyunqimuge93@163.com",
                    description="钱家店镇2025年度被征地农民参加基本养老保险的人员名单及个人缴费补贴标准",
                    purpose=None, sig="乌云其木格", date="2026-02-12", method="post", medium="paper")
    return name, data, m, c


# =============================================================== 011
@msg
def m011():
    name = "011-outlook-big5-taiwan"
    rec = "2026-05-11T09:12:27+08:00"
    paras = ["通遼市人力資源和社會保障局 您好：", "",
             "本人陳冠宇，台灣居民，目前在通遼市經營一家農產品加工企業。依據《政府信息公開條例》，申請公開以下資訊：", "",
             "申請人姓名：陳冠宇",
             "證件名稱：臺灣居民來往大陸通行證",
             "證件號碼：08123456",
             "聯繫地址：內蒙古通遼市科爾沁區經濟技術開發區遼河大街18號",
             "郵遞區號：028000",
             "聯繫電話：15947506688",
             "電子郵件：kuanyu.chen@hinet.net", "",
             "所需資訊內容：2026年通遼市外商投資企業（含台資企業）招用本地員工的社會保險補貼政策文件及申請條件。",
             "用途：瞭解本公司可否申請相關補貼。",
             "獲取方式：電子郵件", "",
             "申請人：陳冠宇", "2026年5月11日", "",
             "陳冠宇 敬上"]
    received = mx("kuanyu.chen@hinet.net", "msr6.hinet.net", "168.95.4.106",
                  "Mon, 11 May 2026 09:12:27 +0800", "4FsB2w7QxHz8nKt") + """
Received: from KuanyuNB (220-133-48-61.hinet-ip.hinet.net [220.133.48.61])
	by msr6.hinet.net (8.15.2/8.15.2) with ESMTP id 64B1CPQs014522
	for <ogi@example.gov.cn>; Mon, 11 May 2026 09:12:25 +0800"""
    mid = "000001dce0c9$8a41b5e0$9ec521a0$@hinet.net"
    subj = "申請政府信息公開"
    data = outlook2016(received=received, date="Mon, 11 May 2026 09:12:25 +0800", frm_name="陳冠宇",
                       frm="kuanyu.chen@hinet.net", subject=subj, mid=mid, paras=paras, cs="big5",
                       thread_index="AdzgyYmSTj3Kq0xXRtOQ2mSW7L1pUQ==", np="000_0001_01DCE10C.98D2C5E0",
                       lang="zh-tw", font="新細明體", html_lang="ZH-TW")
    m = expect_message(name, mid, rec, "kuanyu.chen@hinet.net", subj, "application")
    c = expect_case(name, rec, "2026-06-01", applicant="陳冠宇", id_type="other", id_label="臺灣居民來往大陸通行證", id_number="08123456",
                    address="內蒙古通遼市科爾沁區經濟技術開發區遼河大街18號", postcode="028000",
                    phone="15947506688", email="kuanyu.chen@hinet.net",
                    description="2026年通遼市外商投資企業（含台資企業）招用本地員工的社會保險補貼政策文件及申請條件",
                    purpose="瞭解本公司可否申請相關補貼", sig="陳冠宇", date="2026-05-11",
                    method="email", medium=None)
    return name, data, m, c


# =============================================================== 012
@msg
def m012():
    name = "012-gmail-passport"
    rec = "2026-12-01T10:47:49+08:00"
    text = """尊敬的通辽市人力资源和社会保障局：

您好。我是蒙古国公民，在通辽工作。根据政府信息公开的规定，我提出以下申请：

申请人姓名：巴特额尔敦
护照姓名：BAT-ERDENE TSEND
国籍：蒙古国
证件名称：护照
证件号码：E2138456
联系地址：内蒙古通辽市科尔沁区霍林河大街东段汇丰小区3号楼2单元401
邮编：028000
联系电话：15174853206
电子邮箱：baterdene.ts@gmail.com

申请公开的信息：外国人在通辽市就业期间缴纳的基本养老保险，在离开中国时申请一次性支付个人账户储存额的办理依据、所需材料和办理流程。
用途：本人明年合同到期后回国，需要办理。
提供方式：电子邮件发送

申请人签名：巴特额尔敦
日期：2026年12月1日
"""
    html = '<div dir="ltr">' + "".join(
        "<div>%s</div>" % (esc(l) if l else "<br>") for l in text.rstrip("\n").split("\n")) + "</div>\n"
    b = "000000000000a3c29e061f4b7d20"
    m_ = Msg("\r\n")
    m_.header_block(mx("baterdene.ts@gmail.com", "mail-pl1-f176.google.com", "209.85.214.176",
                       "Tue, 01 Dec 2026 10:47:49 +0800", "4H1c6R0bTgz3yQs") + """
Received: by mail-pl1-f176.google.com with SMTP id d9443c01a7336-2a0c9a5e9f1so18273945ad.2
        for <ogi@example.gov.cn>; Mon, 30 Nov 2026 18:47:48 -0800 (PST)
DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;
        d=gmail.com; s=20230601; t=1796093268; x=1796698068; darn=example.gov.cn;
        h=to:subject:message-id:date:from:mime-version:from:to:cc:subject
         :date:message-id:reply-to;
        bh=Vq3xPz9c1sQb7WnRrL0mTg8yFhJk2uXeD4aN6oYiCvE=;
        b=Kf2Qm8Wn3pLx7Vb1Rz9Tc4Hy6Ju0Ns5Ed2Ga8Mk1Po3Lq7Iw9Xr4Sv6Bt0Yu2Zn8Ac5Df
         1Gh3Jk7Lm9Np2Qr4St6Uv8Wx0Yz1Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7Qr9St1Uv3Wx5Yz7A==
X-Google-Smtp-Source: AGHT+IF3kq9Yx2Lm7Vb8Nc4Pd1Rs6Tw0Ue5Hf3Jg==
X-Received: by 2002:a17:903:1d2:b0:2a1:4c7b:9e3f with SMTP id d9443c01a7336-2a2f0c8e1b4mr4518375ad.31.1796093268108;
        Mon, 30 Nov 2026 18:47:48 -0800 (PST)""")
    mid = "CAF7mQ2hXr5Lk9Pz3Vb1Nc8Wd4Tg6Ys0Ue2Jf7Hq3Rm9Ka@mail.gmail.com"
    subj = "政府信息公开申请（外国人养老保险）"
    m_.add("MIME-Version: 1.0", "From: %s <baterdene.ts@gmail.com>" % ew("Bat-Erdene Tsend", "UTF-8").replace(
        ew("Bat-Erdene Tsend", "UTF-8"), "Bat-Erdene Tsend"),
        "Date: Tue, 1 Dec 2026 10:47:36 +0800", "Message-ID: <%s>" % mid,
        "Subject: " + ew(subj, "UTF-8"), "To: " + OFFICE,
        'Content-Type: multipart/alternative; boundary="%s"' % b, "",
        "--" + b, 'Content-Type: text/plain; charset="UTF-8"', "Content-Transfer-Encoding: base64", "",
        b64(crlf(text).encode("utf-8")), "--" + b, 'Content-Type: text/html; charset="UTF-8"',
        "Content-Transfer-Encoding: base64", "", b64(html.encode("utf-8")), "--" + b + "--")
    data = m_.bytes()
    m = expect_message(name, mid, rec, "baterdene.ts@gmail.com", subj, "application")
    c = expect_case(name, rec, "2026-12-22", applicant="巴特额尔敦", id_type="passport", id_label="护照", id_number="E2138456",
                    address="内蒙古通辽市科尔沁区霍林河大街东段汇丰小区3号楼2单元401", postcode="028000",
                    phone="15174853206", email="baterdene.ts@gmail.com",
                    description="外国人在通辽市就业期间缴纳的基本养老保险，在离开中国时申请一次性支付个人账户储存额的办理依据、所需材料和办理流程",
                    purpose="本人明年合同到期后回国，需要办理", sig="巴特额尔敦", date="2026-12-01",
                    method="email", medium="electronic")
    return name, data, m, c


# =============================================================== 013
@msg
def m013():
    name = "013-coremail-subject-padded-words"
    rec = "2026-10-21T22:18:06+08:00"
    subj = "政府信息公开申请——关于科尔沁区2025年度就业补助资金使用情况"
    # Coremail folds a long subject into encoded words of at most 20 GBK bytes
    # each; every word carries its own base64 "=" padding (gmime#133).
    data_b = subj.encode("gbk")
    words, cur = [], b""
    for ch in subj:
        eb = ch.encode("gbk")
        if len(cur) + len(eb) > 20:
            words.append(cur)
            cur = b""
        cur += eb
    words.append(cur)
    assert any(len(w) % 3 for w in words[:-1])
    subject_hdr = "\r\n ".join(ew_bytes(w, "GBK") for w in words)
    text = """通辽市人力资源和社会保障局：
    我是吉林大学行政管理专业的研究生，正在撰写关于地方就业补助资金绩效的硕士论文，特向贵局申请公开政府信息。

申请人姓名：高秀兰
身份证号：220104199111302822
联系地址：吉林省长春市朝阳区红旗街1186号
邮编：130012
联系电话：13756012873
电子邮箱：gaoxiulan1991@163.com

所需信息的内容描述：科尔沁区2025年度就业补助资金的收支明细，包括职业培训补贴、社会保险补贴、公益性岗位补贴各项的支出金额。
所需信息的用途：学术研究（撰写硕士论文）
获取方式：电子邮件

申请人签名：高秀兰
申请时间：2026年10月21日

谢谢！"""
    received = mx("gaoxiulan1991@163.com", "m16-55.163.com", "220.181.16.55",
                  "Wed, 21 Oct 2026 22:18:06 +0800", "4GzM8s1DqVz4hLx") + """
Received: from gaoxiulan1991$163.com ( [175.30.113.9] ) by
 ajax-webmail-wmsvr-40-131 (Coremail) ; Wed, 21 Oct 2026 22:18:03 +0800
 (CST)"""
    mid = "31e0c5a2.6b7f.19f0b2e44d9.Coremail.gaoxiulan1991@163.com"
    data = coremail(received=received, date="Wed, 21 Oct 2026 22:18:03 +0800", frm_name="高秀兰",
                    frm="gaoxiulan1991@163.com", subject=subj, subject_hdr=subject_hdr, mid=mid,
                    text=text, html=coremail_html(text), cs="GBK", ip="175.30.113.9",
                    part="310028_552901374.1792592283517")
    m = expect_message(name, mid, rec, "gaoxiulan1991@163.com", subj, "application")
    c = expect_case(name, rec, "2026-11-11", applicant="高秀兰", id_type="resident_id",
                    id_label="身份证",
                    id_number="220104199111302822", address="吉林省长春市朝阳区红旗街1186号",
                    postcode="130012", phone="13756012873", email="gaoxiulan1991@163.com",
                    description="科尔沁区2025年度就业补助资金的收支明细，包括职业培训补贴、社会保险补贴、公益性岗位补贴各项的支出金额",
                    purpose="学术研究（撰写硕士论文）", sig="高秀兰", date="2026-10-21",
                    method="email", medium=None)
    return name, data, m, c


# =============================================================== 014
@msg
def m014():
    name = "014-sina-subject-split-utf8"
    rec = "2026-07-23T13:27:41+08:00"
    subj = "申请公开霍林郭勒市养老金调整计算办法"
    raw = subj.encode("utf-8")
    # Cut in the middle of a character: 霍 (e9 9c 8d) is split 2 + 1 bytes.
    cut = raw.index("霍".encode("utf-8")) + 2
    subject_hdr = ew_bytes(raw[:cut], "UTF-8") + "\r\n " + ew_bytes(raw[cut:], "UTF-8")
    text = """通辽市人社局：

    我叫马慧敏，身份证号码42010619890317481X，现住内蒙古通辽市霍林郭勒市珠斯花街道鑫源小区8号楼3单元201，邮编029200，手机13847517726。

    现申请公开霍林郭勒市2025年度企业职工基本养老保险退休人员基本养老金调整的计算办法，包括定额调整、挂钩调整和倾斜调整的具体标准。

    请将答复发送至本邮箱。

                                            申请人：马慧敏
                                            2026年7月23日
"""
    b = "=_NextPart_SinaMail_b7f3a2_1786253260"
    m_ = Msg("\r\n")
    m_.header_block(mx("mahuimin0317@sina.com", "mail3-163.sinamail.sina.com.cn", "202.108.3.163",
                       "Thu, 23 Jul 2026 13:27:41 +0800", "4GgW2n5JcBz6tVr") + """
Received: from unknown (HELO webmail.sinamail.sina.com.cn)([10.41.14.53])
	by sina.com with ESMTP
	23 Jul 2026 13:27:40 +0800 (CST)
X-Sender: mahuimin0317@sina.com
X-SMAIL-MID: 5F2E8A3D7B1C4
X-SMAIL-UIID: 0A1B2C3D4E5F60718293A4B5C6D7E8F9-20260723-132740-1""")
    mid = "20260723052740.8D1E7F2A0B@webmail.sinamail.sina.com.cn"
    m_.add("Date: Thu, 23 Jul 2026 13:27:40 +0800", "Message-Id: <%s>" % mid,
           "From: <mahuimin0317@sina.com>", "To: <%s>" % OFFICE, "Subject: " + subject_hdr,
           "MIME-Version: 1.0", "X-Mailer: SinaMail 3.0",
           'Content-Type: multipart/alternative; boundary="%s"' % b, "", "",
           "--" + b, "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64", "",
           b64(crlf(text).encode("utf-8")), "",
           "--" + b, "Content-Type: text/html; charset=UTF-8", "Content-Transfer-Encoding: base64", "",
           b64(("<html><body>" + "<br>".join(esc(l).replace("  ", "&nbsp;&nbsp;") for l in text.split("\n"))
                + "</body></html>").encode("utf-8")), "", "--" + b + "--", "")
    data = m_.bytes()
    m = expect_message(name, mid, rec, "mahuimin0317@sina.com", subj, "application")
    c = expect_case(name, rec, "2026-08-13", applicant="马慧敏", id_type="resident_id",
                    id_label="身份证",
                    id_number="42010619890317481X",
                    address="内蒙古通辽市霍林郭勒市珠斯花街道鑫源小区8号楼3单元201",
                    postcode="029200", phone="13847517726", email="mahuimin0317@sina.com",
                    description="霍林郭勒市2025年度企业职工基本养老保险退休人员基本养老金调整的计算办法，包括定额调整、挂钩调整和倾斜调整的具体标准",
                    purpose=None, sig="马慧敏", date="2026-07-23", method="email", medium=None)
    return name, data, m, c


# =============================================================== 015
@msg
def m015():
    name = "015-jmail-raw-gbk-subject-org"
    rec = "2026-08-03T08:45:27+08:00"
    subj = "关于申请公开失信名单认定依据的函"
    text = """通辽市人力资源和社会保障局：

    我公司于2026年7月收到通知，被列入通辽市拖欠农民工工资失信联合惩戒对象名单。现根据《政府信息公开条例》，申请公开以下信息。

单位名称：通辽市蒙东建材有限公司
统一社会信用代码：91150500MA13QW8R5L
法定代表人：刘建军
联系人：孙丽
联系电话：0475-8896512
电子邮箱：bgs@mengdongjc.com
单位地址：内蒙古通辽市科尔沁区木里图工业园区纬三路6号
邮政编码：028000

申请公开的内容：2026年第二季度我公司被列入通辽市拖欠农民工工资失信联合惩戒对象名单的认定依据及相关决定文书。
用途：申请信用修复
获取方式：■自行领取  □邮寄  □电子邮件

申请单位（盖章）：通辽市蒙东建材有限公司
申请日期：2026-08-03
"""
    m_ = Msg("\r\n")
    m_.header_block(mx("bgs@mengdongjc.com", "mail.mengdongjc.com", "218.21.88.132",
                       "Mon, 03 Aug 2026 08:45:27 +0800", "4GjZ6f3NpTz1wCq") + """
Received: from OA-SERVER ([192.168.1.20]) by mail.mengdongjc.com with MailEnable ESMTP;
	Mon, 3 Aug 2026 08:45:25 +0800""")
    m_.add("From: bgs@mengdongjc.com", "To: " + OFFICE)
    m_.add(b"Subject: " + subj.encode("gbk"))
    mid = "OA20260803084524.4471@mengdongjc.com"
    m_.add("Date: Mon, 3 Aug 2026 08:45:24 +0800", "Message-ID: <%s>" % mid,
           "X-Mailer: JMail 4.4.1", "MIME-Version: 1.0",
           'Content-Type: text/plain; charset="gb2312"', "Content-Transfer-Encoding: 8bit", "")
    m_.add(text.encode("gbk"))
    data = m_.bytes()
    m = expect_message(name, mid, rec, "bgs@mengdongjc.com", subj, "application")
    c = expect_case(name, rec, "2026-08-24", kind="organisation", applicant="通辽市蒙东建材有限公司",
                    id_type="uscc", id_label="统一社会信用代码", id_number="91150500MA13QW8R5L",
                    address="内蒙古通辽市科尔沁区木里图工业园区纬三路6号", postcode="028000",
                    phone="0475-8896512", email="bgs@mengdongjc.com",
                    legal_rep="刘建军", contact_person="孙丽",
                    description="2026年第二季度我公司被列入通辽市拖欠农民工工资失信联合惩戒对象名单的认定依据及相关决定文书",
                    purpose="申请信用修复", sig="通辽市蒙东建材有限公司", date="2026-08-03",
                    method="pickup", medium=None)
    return name, data, m, c


# =============================================================== 016
@msg
def m016():
    name = "016-alimail-chunked-base64"
    rec = "2026-05-29T17:55:00+08:00"
    chunks = [
        "通辽市人力资源和社会保障局：\n\n",
        "    本人李堃，男，汉族，居民身份证号码510107198602143313，四川成都人，2019年起在通辽市工作，现住内蒙古通辽市科尔沁区滨河大街东段锦绣城11号楼1单元1102室，邮政编码028000，联系电话13684753120，电子邮箱likun@tlzhiyuan.com。\n\n",
        "    本人去年在与原用人单位的劳动争议中，深感仲裁周期过长。为了解科尔沁区劳动人事争议仲裁的实际情况，依据《中华人民共和国政府信息公开条例》第二十七条、第二十九条之规定，特向贵局申请公开如下政府信息：\n\n",
        "    科尔沁区劳动人事争议仲裁院2025年度受理、结案的劳动人事争议案件数量，以及案件的平均审理天数。\n\n",
        "    所需信息的用途：个人研究及维权参考。\n    获取信息的方式：电子邮件。\n\n",
        "    以上申请，请依法予以答复。\n\n",
        "                                        申请人（签名）：李堃\n                                        2026年5月29日\n",
    ]
    text = "".join(chunks)
    received = mx("likun@tlzhiyuan.com", "out30-56.freemail.mail.aliyun.com", "115.124.30.56",
                  "Fri, 29 May 2026 17:55:00 +0800", "4GcP1r7KvXz2mNb") + """
X-Alimail-AntiSpam: AC=PASS;BC=-1|-1;BR=01201311R111e4;CH=green;DM=||false|;DS=||;FP=0|-1|-1|-1|0|-1|-1|-1;HT=maildocker-contentspam033037067112;MF=likun@tlzhiyuan.com;NM=1;PH=DS;RN=1;SR=0;TI=SMTPD_---0WbK3Lq1_1780048499;
Received: from 192.168.3.104(mailfrom:likun@tlzhiyuan.com fp:SMTPD_---0WbK3Lq1_1780048499)
          by smtp.aliyun-inc.com;
          Fri, 29 May 2026 17:54:59 +0800"""
    mid = "4a2b9c1e-7d3f-4e86-b510-c2f8a9d7e631.likun@tlzhiyuan.com"
    b = "----=ALIBOUNDARY_91452_4a7b3c1d_6656f3e3_8e21f"
    m_ = Msg("\r\n")
    m_.header_block(received)
    m_.add("Date: Fri, 29 May 2026 17:54:59 +0800",
           "From: %s <likun@tlzhiyuan.com>" % ew("李堃", "UTF-8"),
           "To: %s <%s>" % (ew("通辽市人社局", "UTF-8"), OFFICE),
           "Message-ID: <%s>" % mid, "Subject: " + ew("政府信息公开申请", "UTF-8"),
           "X-Mailer: Alimail-Mailagent revision 2847", "MIME-Version: 1.0",
           "x-aliyun-mail-creator: W4_5746286_v3xPKTe3MjPL0JdVGFzhbmsgTWFpbA==",
           'Content-Type: multipart/alternative; boundary="%s"' % b, "",
           "--" + b, "Content-Type: text/plain; charset=\"UTF-8\"", "Content-Transfer-Encoding: base64", "")
    from mklib import b64_chunked
    m_.add(b64_chunked([crlf(c).encode("utf-8") for c in chunks]), "",
           "--" + b, "Content-Type: text/html; charset=\"UTF-8\"", "Content-Transfer-Encoding: base64", "",
           b64_chunked([("<div class=\"__aliyun_email_body_block\"><div style=\"clear:both;\">"
                         + esc(c).replace("\n", "<br >") + "</div></div>").encode("utf-8") for c in chunks]),
           "", "--" + b + "--", "")
    data = m_.bytes()
    m = expect_message(name, mid, rec, "likun@tlzhiyuan.com", "政府信息公开申请", "application")
    c = expect_case(name, rec, "2026-06-22", applicant="李堃", id_type="resident_id",
                    id_label="居民身份证",
                    id_number="510107198602143313",
                    address="内蒙古通辽市科尔沁区滨河大街东段锦绣城11号楼1单元1102室",
                    postcode="028000", phone="13684753120", email="likun@tlzhiyuan.com",
                    description="科尔沁区劳动人事争议仲裁院2025年度受理、结案的劳动人事争议案件数量，以及案件的平均审理天数",
                    purpose="个人研究及维权参考", sig="李堃", date="2026-05-29", method="email", medium=None)
    return name, data, m, c


# =============================================================== 017
@msg
def m017():
    name = "017-forward-rfc822-attached"
    rec = "2026-09-08T10:02:09+08:00"
    inner_text = """通辽市人民政府：

    我叫韩永军，身份证号码150502197008261614，住通辽市科尔沁区红星街道光明社区民主路东段46号，邮编028000，电话13514759023，邮箱hanyj1970@126.com。

    我于2024年9月申请办理企业职工退休，审批时我1988年至1992年在通辽市第二毛纺厂工作的年限没有被认定为视同缴费年限。现申请公开对本人上述视同缴费年限不予认定的依据和审批意见。

    所需信息用途：办理退休待遇复核。
    请将纸质材料邮寄到上述地址。

    此致
敬礼

                                   申请人：韩永军
                                   2026年9月4日
"""
    inner = Msg("\r\n")
    inner.add("Date: Fri, 4 Sep 2026 20:31:16 +0800 (CST)",
              "From: %s <hanyj1970@126.com>" % ew("韩永军", "GBK"),
              "To: zwgk@tongliao.example.gov.cn",
              "Message-ID: <5a3e91c2.3b1d.19e6f0c7a21.Coremail.hanyj1970@126.com>",
              "Subject: " + ew("政府信息公开申请", "GBK"),
              "MIME-Version: 1.0",
              "Content-Type: text/plain; charset=GBK",
              "Content-Transfer-Encoding: base64",
              "X-Mailer: Coremail Webmail Server Version XT5.0.14 build 20230109(dcb5de15)",
              " Copyright (c) 2002-2026 www.mailtech.cn 126com", "",
              b64(crlf(inner_text).encode("gbk")))
    outer_text = """通辽市人力资源和社会保障局：

    附件是群众通过市政府门户网站信箱提交的政府信息公开申请，所申请信息属于你局职责范围，现转你局依法办理，请直接答复申请人。

通辽市人民政府办公室政务公开科
2026年9月8日
"""
    b = "----=_NextPart_000_0013_01DD3F5A.2B6C1E90"
    mid = "001301dd3f16$9a4c3f10$ceb4bd30$@tongliao.example.gov.cn"
    subj = "转发: 政府信息公开申请"
    m_ = Msg("\r\n")
    m_.header_block(mx("zwgk@tongliao.example.gov.cn", "mail.tongliao.example.gov.cn", "10.15.2.8",
                       "Tue, 08 Sep 2026 10:02:09 +0800", "4GwH4b6RsPz9qXk"))
    m_.add("From: \"%s\" <zwgk@tongliao.example.gov.cn>" % ew("市政府办政务公开科", "gb2312"),
           "To: <%s>" % OFFICE, "Subject: " + ew(subj, "gb2312"),
           "Date: Tue, 8 Sep 2026 10:02:07 +0800", "Message-ID: <%s>" % mid, "MIME-Version: 1.0",
           "Content-Type: multipart/mixed;", '\tboundary="%s"' % b,
           "X-Mailer: Microsoft Outlook 16.0", "Thread-Index: Ad0/Fo5WdQ3RbqkPQ1mJ0n3yC9uK2A==",
           "Content-Language: zh-cn", "", "This is a multipart message in MIME format.", "",
           "--" + b, "Content-Type: text/plain;", '\tcharset="gb2312"',
           "Content-Transfer-Encoding: base64", "", b64(crlf(outer_text).encode("gbk")), "",
           "--" + b, "Content-Type: message/rfc822", "Content-Disposition: attachment", "")
    m_.add(inner.lines)
    m_.add("", "--" + b + "--", "")
    data = m_.bytes()
    m = expect_message(name, mid, rec, "zwgk@tongliao.example.gov.cn", subj, "application")
    c = expect_case(name, rec, "2026-09-29", applicant="韩永军", id_type="resident_id",
                    id_label="身份证",
                    id_number="150502197008261614",
                    address="通辽市科尔沁区红星街道光明社区民主路东段46号", postcode="028000",
                    phone="13514759023", email="hanyj1970@126.com",
                    description="对本人上述视同缴费年限不予认定的依据和审批意见",
                    purpose="办理退休待遇复核", sig="韩永军", date="2026-09-04",
                    method="post", medium="paper")
    return name, data, m, c


# =============================================================== 018
@msg
def m018():
    name = "018-gmail-forward-inline"
    rec = "2026-04-01T08:20:35+08:00"
    text = """之前这封申请发错了邮箱，现转发给贵局，麻烦处理，谢谢！

---------- Forwarded message ---------
发件人： 周婷婷 <zhoutingting.gz@gmail.com>
Date: 2026年3月30日周一 21:16
Subject: 政府信息公开申请
To: <xxgk@tlrs.example.com>


通辽市人力资源和社会保障局：

本人周婷婷，居民身份证号码440106199206283429，通信地址：广东省广州市天河区天河北路233号中信广场42楼，邮编510620，联系电话13922334455。

本人父亲周建国（已故）生前在通辽市参加企业职工基本养老保险。现申请公开：本人父亲周建国养老保险个人账户的余额，以及丧葬补助金、抚恤金的发放标准。
申请用途：办理继承手续。
请将电子版发送至本人邮箱。

申请人：周婷婷
2026年3月30日
"""
    html = '<div dir="ltr">' + "".join("<div>%s</div>" % (esc(l) or "<br>") for l in text.split("\n")) + "</div>\n"
    b = "0000000000007e1b4d061d2a5c91"
    mid = "CAH4sRt0pVq9Wm2Ly7Xk3Nb8Jc1Fd5Gz6He0Ua4Tw3Qs1Ok@mail.gmail.com"
    subj = "Fwd: 政府信息公开申请"
    m_ = Msg("\r\n")
    m_.header_block(mx("zhoutingting.gz@gmail.com", "mail-yw1-f170.google.com", "209.85.128.170",
                       "Wed, 01 Apr 2026 08:20:35 +0800", "4FpC7x2YnWz5rJd") + """
Received: by mail-yw1-f170.google.com with SMTP id 00721157ae682-6f2c8e1a9b3so4118237b3.1
        for <ogi@example.gov.cn>; Tue, 31 Mar 2026 17:20:34 -0700 (PDT)""")
    m_.add("MIME-Version: 1.0",
           "References: <CAH4sRt0pVq9Wm2Ly7Xk3Nb8Jc1Fd5Gz6He0Ua4Tw3Qs1Oj@mail.gmail.com>",
           "In-Reply-To: <CAH4sRt0pVq9Wm2Ly7Xk3Nb8Jc1Fd5Gz6He0Ua4Tw3Qs1Oj@mail.gmail.com>",
           "From: %s <zhoutingting.gz@gmail.com>" % ew("周婷婷", "UTF-8"),
           "Date: Wed, 1 Apr 2026 08:20:21 +0800", "Message-ID: <%s>" % mid,
           "Subject: " + ew(subj, "UTF-8"), "To: " + OFFICE,
           'Content-Type: multipart/alternative; boundary="%s"' % b, "",
           "--" + b, 'Content-Type: text/plain; charset="UTF-8"', "Content-Transfer-Encoding: base64", "",
           b64(crlf(text).encode("utf-8")), "--" + b, 'Content-Type: text/html; charset="UTF-8"',
           "Content-Transfer-Encoding: base64", "", b64(html.encode("utf-8")), "--" + b + "--")
    data = m_.bytes()
    m = expect_message(name, mid, rec, "zhoutingting.gz@gmail.com", subj, "application")
    c = expect_case(name, rec, "2026-04-23", applicant="周婷婷", id_type="resident_id",
                    id_label="居民身份证",
                    id_number="440106199206283429", address="广东省广州市天河区天河北路233号中信广场42楼",
                    postcode="510620", phone="13922334455", email="zhoutingting.gz@gmail.com",
                    description="本人父亲周建国养老保险个人账户的余额，以及丧葬补助金、抚恤金的发放标准",
                    purpose="办理继承手续", sig="周婷婷", date="2026-03-30", method="email", medium="electronic")
    return name, data, m, c


# =============================================================== 019
@msg
def m019():
    name = "019-qq-reply-quoted-application"
    rec = "2026-01-11T21:40:17+08:00"
    new = """您好，按照您说的格式，我把申请写好了：

姓名：孟凡东
身份证号码：150523198812123016
通信地址：内蒙古通辽市开鲁县大榆树镇大榆树村三组
邮政编码：028400
联系电话：15750496612
申请公开的信息：开鲁县2025年度农村劳动力转移就业培训补贴的发放名单（大榆树镇部分）及每人补贴金额。
用途：核实本人的培训补贴是否已经发放。
获取方式：邮寄纸质材料
申请人：孟凡东
时间：2026年1月11日
"""
    quote = """------------------ 原始邮件 ------------------
发件人: "通辽市人社局政务公开" <ogi@example.gov.cn>;
发送时间: 2026年1月9日(星期五) 下午4:20
收件人: "孟凡东"<2863451907@qq.com>;
主题: 关于咨询事项的回复

孟凡东您好：
    您咨询的培训补贴发放情况，可以通过依申请公开方式提出。申请应当包括：申请人姓名、身份证明、通信地址、联系电话；所需信息的内容描述；申请人签名；申请时间。可发送至本邮箱。
通辽市人力资源和社会保障局
"""
    plain = new + "\n\n" + quote
    html = ('<meta http-equiv="Content-Type" content="text/html; charset=GB18030">'
            + "".join("<div>%s</div>" % (esc(l) or "<br>") for l in new.split("\n"))
            + '<div><br></div><div><br></div><div style="font-size: 12px;font-family: Arial Narrow;padding:2px 0 2px 0;">'
              '------------------&nbsp;原始邮件&nbsp;------------------</div><div style="font-size: 12px;background:#efefef;padding:8px;">'
              '<div><b>发件人:</b>&nbsp;"通辽市人社局政务公开"&lt;ogi@example.gov.cn&gt;;</div>'
              '<div><b>发送时间:</b>&nbsp;2026年1月9日(星期五) 下午4:20</div>'
              '<div><b>收件人:</b>&nbsp;"孟凡东"&lt;2863451907@qq.com&gt;;<wbr></div>'
              '<div></div><div><b>主题:</b>&nbsp;关于咨询事项的回复</div></div><div><br></div>'
            + "".join("<div>%s</div>" % esc(l) for l in quote.split("\n")[6:] if l))
    received = mx("2863451907@qq.com", "out162-62-58-211.mail.qq.com", "162.62.58.211",
                  "Sun, 11 Jan 2026 21:40:17 +0800", "4FbK0t1PwQz2cHs") + """
Received: from qq.com ( [106.39.150.22])
	by newxmesmtplogicsvrszc5-0.qq.com (NewEsmtp) with SMTP
	id 3D8A5C21; Sun, 11 Jan 2026 21:40:13 +0800"""
    mid = "tencent_9E1F3A6B2C8D4E7F0A5B1C9D3E6F2A8B4C07@qq.com"
    subj = "回复：关于咨询事项的回复"
    data = qq(received=received, date="Sun, 11 Jan 2026 21:40:13 +0800", frm_name="东子",
              frm="2863451907@qq.com", subject=subj, mid=mid, text=plain, html=html,
              qqmid="webmail532t1768138813t4410582", ip="106.39.150.22", np="6963A80D_0E2F1B70_41C5A3E8",
              extra_headers=["In-Reply-To: <20260109162011.7F3A2B1C@example.gov.cn>",
                             "References: <20260109162011.7F3A2B1C@example.gov.cn>"])
    m = expect_message(name, mid, rec, "2863451907@qq.com", subj, "application")
    c = expect_case(name, rec, "2026-01-30", applicant="孟凡东", id_type="resident_id",
                    id_label="身份证",
                    id_number="150523198812123016", address="内蒙古通辽市开鲁县大榆树镇大榆树村三组",
                    postcode="028400", phone="15750496612", email="2863451907@qq.com",
                    description="开鲁县2025年度农村劳动力转移就业培训补贴的发放名单（大榆树镇部分）及每人补贴金额",
                    purpose="核实本人的培训补贴是否已经发放", sig="孟凡东", date="2026-01-11",
                    method="post", medium="paper")
    return name, data, m, c


# =============================================================== 020
@msg
def m020():
    name = "020-163-request-mentions-complaint"
    rec = "2026-10-19T12:10:45+08:00"
    text = """通辽市人力资源和社会保障局：

本人杨国峰，身份证号150502198201156917，住址：通辽市科尔沁区建国街道胜利路98号，邮编028000，电话18747509211。

本人于2026年8月12日向通辽市劳动保障监察支队投诉通辽市味之源餐饮管理有限公司拖欠本人工资。至今两个多月，没有任何书面答复。

现依据《政府信息公开条例》申请公开：本人上述投诉案件的立案情况、调查处理结果及处理决定书。

答复请发电子邮件。

申请人：杨国峰
2026年10月19日
"""
    received = mx("yangguofeng82@163.com", "m16-62.163.com", "220.181.16.62",
                  "Mon, 19 Oct 2026 12:10:45 +0800", "4GyQ3m7LsDz8pWn") + """
Received: from yangguofeng82$163.com ( [111.56.5.203] ) by
 ajax-webmail-wmsvr-40-118 (Coremail) ; Mon, 19 Oct 2026 12:10:43 +0800
 (CST)"""
    mid = "2b7d4e10.4a9c.19f02d1b6e8.Coremail.yangguofeng82@163.com"
    subj = "申请公开我投诉欠薪案件的处理结果"
    data = coremail(received=received, date="Mon, 19 Oct 2026 12:10:43 +0800", frm_name="杨国峰",
                    frm="yangguofeng82@163.com", subject=subj, mid=mid, text=text,
                    html=coremail_html(text), cs="GBK", ip="111.56.5.203",
                    part="98213_2075531980.1792383043905")
    m = expect_message(name, mid, rec, "yangguofeng82@163.com", subj, "application")
    c = expect_case(name, rec, "2026-11-09", applicant="杨国峰", id_type="resident_id",
                    id_label="身份证",
                    id_number="150502198201156917", address="通辽市科尔沁区建国街道胜利路98号",
                    postcode="028000", phone="18747509211", email="yangguofeng82@163.com",
                    description="本人上述投诉案件的立案情况、调查处理结果及处理决定书",
                    purpose=None, sig="杨国峰", date="2026-10-19", method="email", medium=None)
    return name, data, m, c


# =============================================================== 021
@msg
def m021():
    name = "021-126-angry-long"
    rec = "2026-04-30T23:05:09+08:00"
    text = """人社局的领导：

我是奈曼旗青龙山镇的于海涛，身份证150525197510012714，家住奈曼旗青龙山镇青龙山村四组，邮编028300，电话13474753309。

我们二十多个工友去年在奈曼旗青龙山镇风电场升压站工程干了八个月，到现在还有十几万工钱没拿到！！！打了三次12333，每次都说转给相关部门了，就再也没人管。包工头说保证金早就用完了，我们根本不信。

我现在正式申请政府信息公开，你们必须公开：奈曼旗青龙山镇风电场升压站工程项目的农民工工资保证金收缴金额、动用情况和动用明细（每次动用的时间、金额、发给了谁）。

用途：讨要被拖欠的工资。

请把材料邮寄给我，要纸质的，盖章的。十五个工作日不答复我就去市里、去自治区反映！

于海涛
2026年4月30日
"""
    received = mx("yuhaitao1975@126.com", "m16-33.126.com", "220.181.16.33",
                  "Thu, 30 Apr 2026 23:05:09 +0800", "4FrD5n8ZtKz3vGb") + """
Received: from yuhaitao1975$126.com ( [39.184.77.14] ) by
 ajax-webmail-wmsvr-41-102 (Coremail) ; Thu, 30 Apr 2026 23:05:07 +0800
 (CST)"""
    mid = "6e4f2a1d.7c3b.19de6f2a8c4.Coremail.yuhaitao1975@126.com"
    subj = "要求公开农民工工资保证金动用情况！！"
    data = coremail(received=received, date="Thu, 30 Apr 2026 23:05:07 +0800", frm_name="于海涛",
                    frm="yuhaitao1975@126.com", subject=subj, mid=mid, text=text,
                    html=coremail_html(text), cs="UTF-8", eol="\n", domain="126com", ip="39.184.77.14",
                    part="55109_103399817.1777561507311")
    m = expect_message(name, mid, rec, "yuhaitao1975@126.com", subj, "application")
    c = expect_case(name, rec, "2026-05-25", applicant="于海涛", id_type="resident_id",
                    id_label="身份证",
                    id_number="150525197510012714", address="奈曼旗青龙山镇青龙山村四组",
                    postcode="028300", phone="13474753309", email="yuhaitao1975@126.com",
                    description="奈曼旗青龙山镇风电场升压站工程项目的农民工工资保证金收缴金额、动用情况和动用明细（每次动用的时间、金额、发给了谁）",
                    purpose="讨要被拖欠的工资", sig="于海涛", date="2026-04-30", method="post", medium="paper")
    return name, data, m, c


# =============================================================== 022
@msg
def m022():
    name = "022-outlook365-organisation"
    rec = "2026-06-16T16:31:17+08:00"
    paras = ["通辽市人力资源和社会保障局：", "",
             "我院承担人力资源和社会保障部委托的“中西部地区工资价位信息比较研究”课题，现申请公开以下政府信息：", "",
             "申请人名称：北京华信人力资源研究院有限公司",
             "统一社会信用代码：91110000600037341L",
             "法定代表人：郑文博",
             "联系人：宋佳",
             "联系电话：010-65881234",
             "传真：010-65881235",
             "电子邮箱：songjia@huaxin-hr.com.cn",
             "通信地址：北京市朝阳区建国路88号SOHO现代城B座1203",
             "邮政编码：100022", "",
             "所需信息的内容描述：通辽市2025年度人力资源市场工资价位及行业人工成本信息（分职业、分行业的工资价位表）。",
             "所需信息的用途：课题研究",
             "所需信息的指定提供方式：电子文档",
             "获取信息的方式：电子邮件", "",
             "申请单位（盖章）：北京华信人力资源研究院有限公司",
             "申请时间：2026年6月16日", "",
             "宋佳 | 研究部", "北京华信人力资源研究院有限公司"]
    received = mx("songjia@huaxin-hr.com.cn", "mail-tycsgr01on2072.outbound.protection.partner.outlook.cn",
                  "40.95.60.72", "Tue, 16 Jun 2026 16:31:17 +0800", "4GcV8p2MwRz6sDy") + """
ARC-Seal: i=1; a=rsa-sha256; s=arcselector9901; d=microsoft.com; cv=none;
 b=Qm3Vn8bLx2pKr7Tc1Wz9Hy4Jd6Fs0Ge5Au2Nk8Mv3Rt7Yq1Ps9Lo6Ib4Ex0Cw5Uz2Dh8Gj3Ka==
Received: from SHXPR01MB0621.CHNPR01.prod.partner.outlook.cn (2406:e500:c120:1a::15)
 by SHXPR01MB0622.CHNPR01.prod.partner.outlook.cn (2406:e500:c120:1a::16) with
 Microsoft SMTP Server (version=TLS1_2,
 cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8632.25; Tue, 16 Jun
 2026 08:31:15 +0000"""
    mid = "SHXPR01MB06212B7E4C9D1A3F5E8B0C72D4A1@SHXPR01MB0621.CHNPR01.prod.partner.outlook.cn"
    subj = "政府信息公开申请-北京华信人力资源研究院有限公司"
    text = "\n".join(paras) + "\n"
    b = "_000_SHXPR01MB06212B7E4C9D1A3F5E8B0C72D4A1SHXPR01MB0621CHNP_"
    m_ = Msg("\r\n")
    m_.header_block(received)
    m_.add("From: %s <songjia@huaxin-hr.com.cn>" % ew("宋佳", "gb2312"),
           "To: \"ogi@example.gov.cn\" <ogi@example.gov.cn>",
           "Subject: " + ew(subj, "utf-8"),
           "Thread-Topic: " + ew(subj, "utf-8"),
           "Thread-Index: AdzfM1k4qZx8nE7cSh2yOq0mE5Vb3Q==",
           "Date: Tue, 16 Jun 2026 08:31:14 +0000", "Message-ID: <%s>" % mid,
           "Accept-Language: zh-CN, en-US", "Content-Language: zh-CN",
           "X-MS-Has-Attach:", "X-MS-TNEF-Correlator:", "msip_labels:",
           "x-ms-publictraffictype: Email",
           'Content-Type: multipart/alternative;', '\tboundary="%s"' % b, "MIME-Version: 1.0", "",
           "--" + b, 'Content-Type: text/plain; charset="utf-8"', "Content-Transfer-Encoding: base64", "",
           b64(crlf(text).encode("utf-8")), "",
           "--" + b, 'Content-Type: text/html; charset="utf-8"', "Content-Transfer-Encoding: quoted-printable", "")
    from mklib import word_html
    m_.add(qp(word_html(paras, "ZH-CN", "等线", "utf-8").encode("utf-8")), "", "--" + b + "--", "")
    data = m_.bytes()
    m = expect_message(name, mid, rec, "songjia@huaxin-hr.com.cn", subj, "application")
    c = expect_case(name, rec, "2026-07-08", kind="organisation", applicant="北京华信人力资源研究院有限公司",
                    id_type="uscc", id_label="统一社会信用代码", id_number="91110000600037341L",
                    address="北京市朝阳区建国路88号SOHO现代城B座1203", postcode="100022",
                    phone="010-65881234", email="songjia@huaxin-hr.com.cn", fax="010-65881235",
                    legal_rep="郑文博", contact_person="宋佳",
                    description="通辽市2025年度人力资源市场工资价位及行业人工成本信息（分职业、分行业的工资价位表）",
                    purpose="课题研究", sig="北京华信人力资源研究院有限公司", date="2026-06-16",
                    method="email", medium="electronic")
    return name, data, m, c


# =============================================================== 023
@msg
def m023():
    name = "023-qiye163-table-organisation"
    rec = "2026-01-22T09:57:59+08:00"
    rows = [
        [("申请人（法人或其他组织）", 'colspan="4" style="text-align:center"')],
        ["名称", ("通辽市科尔沁区惠民家政服务有限公司", 'colspan="3"')],
        ["统一社会信用代码", "91150502MA0N3K7X2X", "法定代表人", "包红梅"],
        ["联系人", "包红梅", "联系电话", "15848575566"],
        ["电子邮箱", "hmjz2018@163.com", "邮编", "028000"],
        ["地址", ("通辽市科尔沁区霍林河大街西段昆都仑小区底商7号", 'colspan="3"')],
        ["所需信息的内容描述", ("2025年度科尔沁区家政服务业从业人员职业技能培训补贴申领的审核结果，以及我公司申报的32人中未通过审核人员的名单和原因。", 'colspan="3"')],
        ["所需信息的用途", ("补正材料，重新申报", 'colspan="3"')],
        ["获取信息的方式", ("√电子邮件　□邮寄　□自行领取", 'colspan="3"')],
        ["申请人签名（盖章）", "包红梅", "申请时间", "2026年1月22日"],
    ]
    html = coremail_html("您好：\n我公司的政府信息公开申请如下。\n", "微软雅黑")[:-6] + table_html(rows) \
        + "<div><br></div><div>通辽市科尔沁区惠民家政服务有限公司</div></div>"
    plain = "您好：\n我公司的政府信息公开申请如下。\n\n" + "\n".join(
        "\t".join(c[0] if isinstance(c, tuple) else c for c in r) for r in rows) + "\n\n通辽市科尔沁区惠民家政服务有限公司\n"
    received = mx("hmjz2018@163.com", "m16-12.163.com", "220.181.16.12",
                  "Thu, 22 Jan 2026 09:57:59 +0800", "4FcN2q8VxBz7kMt") + """
Received: from hmjz2018$163.com ( [116.113.41.90] ) by
 ajax-webmail-wmsvr-40-125 (Coremail) ; Thu, 22 Jan 2026 09:57:57 +0800
 (CST)"""
    mid = "1f6a3c9e.2e7d.19be3a0c512.Coremail.hmjz2018@163.com"
    subj = "惠民家政公司信息公开申请"
    data = coremail(received=received, date="Thu, 22 Jan 2026 09:57:57 +0800", frm_name="惠民家政",
                    frm="hmjz2018@163.com", subject=subj, mid=mid, text=plain, html=html, cs="GBK",
                    ip="116.113.41.90", part="118027_1950437761.1769047077362", eol="\n")
    m = expect_message(name, mid, rec, "hmjz2018@163.com", subj, "application")
    c = expect_case(name, rec, "2026-02-12", kind="organisation", applicant="通辽市科尔沁区惠民家政服务有限公司",
                    id_type="uscc", id_label="统一社会信用代码", id_number="91150502MA0N3K7X2X",
                    address="通辽市科尔沁区霍林河大街西段昆都仑小区底商7号", postcode="028000",
                    phone="15848575566", email="hmjz2018@163.com",
                    legal_rep="包红梅", contact_person="包红梅",
                    description="2025年度科尔沁区家政服务业从业人员职业技能培训补贴申领的审核结果，以及我公司申报的32人中未通过审核人员的名单和原因",
                    purpose="补正材料，重新申报", sig="包红梅", date="2026-01-22", method="email", medium=None)
    return name, data, m, c


# =============================================================== 024
@msg
def m024():
    name = "024-outlook-plain-social-org"
    rec = "2026-11-04T10:20:30+08:00"
    paras = ["通辽市人力资源和社会保障局：", "",
             "根据《中华人民共和国政府信息公开条例》，我中心申请公开以下政府信息。", "",
             "一、申请人情况",
             "名称：通辽市科尔沁区阳光社会工作服务中心",
             "统一社会信用代码：52150502MA0Q1H2L3K",
             "法定代表人：吴敏",
             "联系人：吴敏",
             "联系电话：0475-8226105",
             "电子邮箱：sgzx_tl@126.com",
             "地址：通辽市科尔沁区和平路街道办事处二楼",
             "邮编：028000", "",
             "二、所需信息",
             "内容描述：科尔沁区2026年政府购买就业援助服务项目的招标文件、中标结果及合同金额。",
             "用途：了解项目情况，准备参加2027年度项目申报。",
             "提供方式：纸面",
             "获取方式：邮寄", "",
             "申请人签名（盖章）：通辽市科尔沁区阳光社会工作服务中心",
             "申请时间：2026年11月4日"]
    received = mx("sgzx_tl@126.com", "m16-19.126.com", "220.181.16.19",
                  "Wed, 04 Nov 2026 10:20:30 +0800", "4H0B7c3RkLz1nQw") + """
Received: from DESKTOP-SGZX (unknown [116.113.44.18])
	by smtp2 (Coremail) with SMTP id C8mowAAHb0tJYgpp8v5aAg--.49531S2;
	Wed, 04 Nov 2026 10:20:28 +0800 (CST)"""
    mid = "000b01dd4c37$1e5a9f20$5b0fdd60$@126.com"
    subj = "政府信息公开申请（阳光社工中心）"
    data = outlook2016(received=received, date="Wed, 4 Nov 2026 10:20:27 +0800", frm_name="阳光社工",
                       frm="sgzx_tl@126.com", subject=subj, mid=mid, paras=paras, cs="gb2312",
                       thread_index="Ad1MNx5Yqw3cUeT0SiGxK1fLm2dC8A==", plain_only=True, eol="\n")
    m = expect_message(name, mid, rec, "sgzx_tl@126.com", subj, "application")
    c = expect_case(name, rec, "2026-11-25", kind="organisation", applicant="通辽市科尔沁区阳光社会工作服务中心",
                    id_type="uscc", id_label="统一社会信用代码", id_number="52150502MA0Q1H2L3K", address="通辽市科尔沁区和平路街道办事处二楼",
                    postcode="028000", phone="0475-8226105", email="sgzx_tl@126.com",
                    legal_rep="吴敏", contact_person="吴敏",
                    description="科尔沁区2026年政府购买就业援助服务项目的招标文件、中标结果及合同金额",
                    purpose="了解项目情况，准备参加2027年度项目申报", sig="通辽市科尔沁区阳光社会工作服务中心",
                    date="2026-11-04", method="post", medium="paper")
    return name, data, m, c


# =============================================================== 025
@msg
def m025():
    name = "025-163-mailmaster-prose"
    rec = "2026-02-02T12:33:47+08:00"
    text = """人社局你好，我叫何晓东，身份证150581199506230030，住霍林郭勒市沙尔呼热街道怡馨园小区5号楼，电话17604759920。想申请公开霍林郭勒市2025年冬季“春风行动”招聘会的参会企业名单和岗位信息，谢谢。
何晓东
2026-2-2

发自网易邮箱大师"""
    html = ("<div>" + "".join(esc(l) + "<br>" for l in text.split("\n")[:-2]) + "</div><br>"
            '<div style="font-size:12px;color:#999">发自<a href="https://mail.163.com/dashi/" style="color:#2a83f2">网易邮箱大师</a></div>')
    received = mx("hexiaodong0623@163.com", "m16-77.163.com", "220.181.16.77",
                  "Mon, 02 Feb 2026 12:33:47 +0800", "4FdQ1x5BrMz4tNh") + """
Received: from [10.120.34.7] (unknown [117.136.57.20])
	by smtp3 (Coremail) with SMTP id GdxpCgDXd3hpKYBpLm8NAw--.37512S2;
	Mon, 02 Feb 2026 12:33:45 +0800 (CST)"""
    mid = "5D2F8A1B.3C4E.4F60.9A7B.2E1D0C9B8A76@163.com"
    subj = "申请信息公开"
    b = "NetEase-FlashMail-003-7a3f1c2e-8b4d-4e59-a6c0-d1f2e3b4c5a6"
    m_ = Msg("\r\n")
    m_.header_block(received)
    m_.add("Date: Mon, 2 Feb 2026 12:33:44 +0800", "From: %s <hexiaodong0623@163.com>" % ew("何晓东", "UTF-8"),
           "To: " + OFFICE, "Message-ID: <%s>" % mid, "Subject: " + ew(subj, "UTF-8"),
           "X-Mailer: NetEase FlashMail 2.4.1.32", "X-Priority: 3 (Normal)", "MIME-Version: 1.0",
           'Content-Type: multipart/alternative; boundary="%s"' % b, "",
           "--" + b, "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64", "",
           b64(crlf(text).encode("utf-8")), "", "--" + b, "Content-Type: text/html; charset=UTF-8",
           "Content-Transfer-Encoding: base64", "", b64(html.encode("utf-8")), "", "--" + b + "--", "")
    data = m_.bytes()
    m = expect_message(name, mid, rec, "hexiaodong0623@163.com", subj, "application")
    c = expect_case(name, rec, "2026-02-28", applicant="何晓东", id_type="resident_id",
                    id_label="身份证",
                    id_number="150581199506230030", address="霍林郭勒市沙尔呼热街道怡馨园小区5号楼",
                    postcode=None, phone="17604759920", email="hexiaodong0623@163.com",
                    description="霍林郭勒市2025年冬季“春风行动”招聘会的参会企业名单和岗位信息",
                    purpose=None, sig="何晓东", date="2026-02-02", method=None, medium=None)
    return name, data, m, c


# =============================================================== 026
@msg
def m026():
    name = "026-applemail-qp-form"
    rec = "2026-10-08T14:11:06+08:00"
    text = """您好！

本人曾在通辽市工作，现因失业保险关系转移需要，申请公开以下政府信息，个人信息如下：

申请人姓名：陈思远
身份证号：33010619850508282X
联系地址：浙江省杭州市西湖区文三路259号昌地火炬大厦1号楼
邮编：310012
手机：13857136620
邮箱：chensiyuan@me.com

所需信息：本人2012年7月至2018年3月在通辽市工作期间的失业保险参保缴费记录，以及办理失业保险关系转出的经办机构和时间。
用途：办理失业保险关系转移接续
提供方式：电子版发至邮箱

申请人（签名）：陈思远
2026年10月8日

陈思远
"""
    html = ('<html aria-label="邮件正文"><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
            '<body style="overflow-wrap: break-word; -webkit-nbsp-mode: space; line-break: after-white-space;">'
            + "".join("<div>%s</div>" % (esc(l) or "<br>") for l in text.rstrip("\n").split("\n")) + "</body></html>")
    b = "Apple-Mail=_5E8D6C1A-3B2F-4C9D-9A7E-21F04B8C6D13"
    mid = "8C41E7D2-5A93-4F1B-B2E6-7D0A9C3F1E58@me.com"
    m_ = Msg("\n")
    m_.header_block(mx("chensiyuan@me.com", "mr85p00im-ztdg06021801.me.com", "17.58.23.195",
                       "Thu, 08 Oct 2026 14:11:06 +0800", "4GyC0h4TnXz5bWm"))
    m_.add("From: %s <chensiyuan@me.com>" % ew("陈思远", "utf-8"),
           "Content-Type: multipart/alternative;", '\tboundary="%s"' % b,
           "Mime-Version: 1.0 (Mac OS X Mail 16.0 \\(3774.600.62\\))",
           "Subject: " + ew("政府信息公开申请（失业保险缴费记录）", "utf-8"),
           "Message-Id: <%s>" % mid, "Date: Thu, 8 Oct 2026 14:11:01 +0800",
           "To: " + OFFICE, "X-Mailer: Apple Mail (2.3774.600.62)", "", "",
           "--" + b, "Content-Transfer-Encoding: quoted-printable", "Content-Type: text/plain;",
           "\tcharset=utf-8", "", qp(text.encode("utf-8")), "",
           "--" + b, "Content-Transfer-Encoding: quoted-printable", "Content-Type: text/html;",
           "\tcharset=utf-8", "", qp(html.encode("utf-8")), "", "--" + b + "--", "")
    data = m_.bytes()
    subj = "政府信息公开申请（失业保险缴费记录）"
    m = expect_message(name, mid, rec, "chensiyuan@me.com", subj, "application")
    c = expect_case(name, rec, "2026-10-28", applicant="陈思远", id_type="resident_id",
                    id_label="身份证",
                    id_number="33010619850508282X", address="浙江省杭州市西湖区文三路259号昌地火炬大厦1号楼",
                    postcode="310012", phone="13857136620", email="chensiyuan@me.com",
                    description="本人2012年7月至2018年3月在通辽市工作期间的失业保险参保缴费记录，以及办理失业保险关系转出的经办机构和时间",
                    purpose="办理失业保险关系转移接续", sig="陈思远", date="2026-10-08",
                    method="email", medium="electronic")
    return name, data, m, c


# =============================================================== 027
@msg
def m027():
    name = "027-foxmail-missing-signature"
    rec = "2026-02-10T10:44:09+08:00"
    text = """政府信息公开申请表

申请人姓名：曹丽娜
证件名称：居民身份证
证件号码：350102199002184528
联系地址：内蒙古通辽市科尔沁区大林镇大林村四组
邮政编码：028000
联系电话：13214756083
电子邮箱：caolina0218@foxmail.com

所需信息的内容描述：科尔沁区2026年度城乡居民基本养老保险个人缴费档次标准及各档次对应的政府补贴标准。
所需信息的用途：为家里老人选择缴费档次
所需信息的指定提供方式：√纸面  □电子邮件
获取信息的方式：√邮寄  □自行领取

申请人签名（盖章）：
申请时间：2026年2月10日"""
    received = mx("caolina0218@foxmail.com", "out203-205-251.mail.qq.com", "203.205.251.66",
                  "Tue, 10 Feb 2026 10:44:09 +0800", "4Fd5Sg6WqKz2xTp") + """
Received: from DESKTOP-CLN (unknown [27.191.34.57])
	by newxmesmtplogicsvrszb9-1.qq.com (NewEsmtp) with SMTP
	id 6B7D2E3F; Tue, 10 Feb 2026 10:44:05 +0800"""
    mid = "202602101044051952813@foxmail.com"
    subj = "申请公开城乡居民养老保险缴费档次"
    data = foxmail(received=received, date="Tue, 10 Feb 2026 10:44:05 +0800", frm_name="曹丽娜",
                   frm="caolina0218@foxmail.com", subject=subj, text=text, mid=mid, cs="gb2312",
                   guid="2E4F6A81-93B5-4C7D-8E0F-1A2B3C4D5E6F", nextpart="761029384756")
    m = expect_message(name, mid, rec, "caolina0218@foxmail.com", subj, "application")
    c = expect_case(name, rec, "2026-03-09", applicant="曹丽娜", id_type="resident_id",
                    id_label="居民身份证",
                    id_number="350102199002184528", address="内蒙古通辽市科尔沁区大林镇大林村四组",
                    postcode="028000", phone="13214756083", email="caolina0218@foxmail.com",
                    description="科尔沁区2026年度城乡居民基本养老保险个人缴费档次标准及各档次对应的政府补贴标准",
                    purpose="为家里老人选择缴费档次", sig=None, date="2026-02-10",
                    method="post", medium="paper", missing=["signature"])
    return name, data, m, c


# =============================================================== 028
@msg
def m028():
    name = "028-qq-html-only-missing-date"
    rec = "2026-05-06T15:02:25+08:00"
    lines = ["领导您好：", "",
             "我想申请公开一些信息，我的情况如下：",
             "姓名：张玉珍",
             "身份证号：150522198604112543",
             "住址：通辽市科尔沁区清河镇新胜屯村",
             "电话：18204758867", "",
             "我要申请公开的是：清河镇2025年度城乡居民养老保险待遇领取人员中因死亡停发待遇的人员名单，以及停发后丧葬补助金的发放情况。",
             "用途：我婆婆去年去世，丧葬补助金一直没领到，想核实一下。", "",
             "签名：张玉珍"]
    html = qq_html("\n".join(lines), "GB18030")
    received = mx("2473918805@qq.com", "out162-62-57-49.mail.qq.com", "162.62.57.49",
                  "Wed, 06 May 2026 15:02:25 +0800", "4FrT8d2NcQz6mKv") + """
Received: from qq.com ( [223.104.10.177])
	by newxmesmtplogicsvrsza29-0.qq.com (NewEsmtp) with SMTP
	id 0A9C3E51; Wed, 06 May 2026 15:02:21 +0800"""
    mid = "tencent_2B7E4C1A9D3F6E8B0C5A2D7F1E4B9C3A6D08@qq.com"
    subj = "信息公开申请"
    data = qq(received=received, date="Wed, 06 May 2026 15:02:21 +0800", frm_name="玉珍",
              frm="2473918805@qq.com", subject=subj, mid=mid, text=None, html=html,
              qqmid="webmail740t1778050941t2071536", ip="223.104.10.177", eol="\n")
    m = expect_message(name, mid, rec, "2473918805@qq.com", subj, "application")
    c = expect_case(name, rec, "2026-05-26", applicant="张玉珍", id_type="resident_id",
                    id_label="身份证",
                    id_number="150522198604112543", address="通辽市科尔沁区清河镇新胜屯村",
                    postcode=None, phone="18204758867", email="2473918805@qq.com",
                    description="清河镇2025年度城乡居民养老保险待遇领取人员中因死亡停发待遇的人员名单，以及停发后丧葬补助金的发放情况",
                    purpose="我婆婆去年去世，丧葬补助金一直没领到，想核实一下", sig="张玉珍", date=None,
                    method=None, medium=None, missing=["date"])
    return name, data, m, c


# =============================================================== 029
@msg
def m029():
    name = "029-163-missing-id"
    rec = "2026-09-24T16:55:37+08:00"
    text = """通辽市人力资源和社会保障局：

本人娜仁，住通辽市科尔沁区科尔沁大街西段民族小区9号楼3单元402，邮编028000，联系电话15847581290。

现申请公开2026年通辽市“三支一扶”计划招募人员体检合格名单及递补人员名单。

所需信息用途：了解本人是否进入递补名单。
获取方式：电子邮件。

申请人：娜仁
2026年9月24日
"""
    received = mx("naren_1995@163.com", "m16-90.163.com", "220.181.16.90",
                  "Thu, 24 Sep 2026 16:55:37 +0800", "4GxY9k1PmRz8cJw") + """
Received: from naren_1995$163.com ( [116.113.47.62] ) by
 ajax-webmail-wmsvr-40-109 (Coremail) ; Thu, 24 Sep 2026 16:55:35 +0800
 (CST)"""
    mid = "3c9b1e7f.5d2a.19e7c4f8b06.Coremail.naren_1995@163.com"
    subj = "申请公开三支一扶递补名单"
    data = coremail(received=received, date="Thu, 24 Sep 2026 16:55:35 +0800", frm_name="娜仁",
                    frm="naren_1995@163.com", subject=subj, mid=mid, text=text,
                    html=coremail_html(text), cs="GBK", ip="116.113.47.62", part="87342_981277431.1790240135519")
    m = expect_message(name, mid, rec, "naren_1995@163.com", subj, "application")
    c = expect_case(name, rec, "2026-10-22", applicant="娜仁", id_type=None, id_label=None, id_number=None,
                    address="通辽市科尔沁区科尔沁大街西段民族小区9号楼3单元402", postcode="028000",
                    phone="15847581290", email="naren_1995@163.com",
                    description="2026年通辽市“三支一扶”计划招募人员体检合格名单及递补人员名单",
                    purpose="了解本人是否进入递补名单", sig="娜仁", date="2026-09-24",
                    method="email", medium=None, missing=["identity_proof"])
    return name, data, m, c


# =============================================================== 030
@msg
def m030():
    name = "030-outlook-missing-address"
    rec = "2026-06-01T08:36:12+08:00"
    paras = ["通辽市人力资源和社会保障局：", "",
             "申请人：吴振华",
             "身份证号码：15050219630707331X",
             "联系电话：13904751862",
             "电子邮箱：wuzhenhua63@sina.com", "",
             "申请公开内容：本人1981年参加工作至2001年在原通辽市第一机械厂的档案中记载的工龄认定材料及招工审批表。",
             "用途：办理退休。",
             "获取方式：本人到贵局自行领取。", "",
             "申请人签名：吴振华",
             "2026年6月1日"]
    received = mx("wuzhenhua63@sina.com", "mail3-166.sinamail.sina.com.cn", "202.108.3.166",
                  "Mon, 01 Jun 2026 08:36:12 +0800", "4GbB3w9LtVz1qRn") + """
Received: from WZH-PC (unknown [111.56.12.4])
	by smtp-5-123.smtpsmail.fmail.xd.sinanode.com (Postfix) with ESMTPA id 66E1D800044;
	Mon,  1 Jun 2026 08:36:10 +0800 (CST)"""
    mid = "000001dcf1a3$8b2e6c10$a18b4430$@sina.com"
    subj = "申请公开工龄认定材料"
    data = outlook2016(received=received, date="Mon, 1 Jun 2026 08:36:10 +0800", frm_name="吴振华",
                       frm="wuzhenhua63@sina.com", subject=subj, mid=mid, paras=paras, cs="gb2312",
                       thread_index="AdzxozgE9l0Zf3tVQ2Kq8W6Lr1Nm5A==", np="000_0001_01DCF1E6.994F3B10")
    m = expect_message(name, mid, rec, "wuzhenhua63@sina.com", subj, "application")
    c = expect_case(name, rec, "2026-06-23", applicant="吴振华", id_type="resident_id",
                    id_label="身份证",
                    id_number="15050219630707331X", address=None, postcode=None,
                    phone="13904751862", email="wuzhenhua63@sina.com",
                    description="本人1981年参加工作至2001年在原通辽市第一机械厂的档案中记载的工龄认定材料及招工审批表",
                    purpose="办理退休", sig="吴振华", date="2026-06-01", method="pickup", medium=None,
                    missing=["address"])
    return name, data, m, c


# =============================================================== 031
@msg
def m031():
    name = "031-foxmail-missing-request"
    rec = "2026-07-31T17:20:52+08:00"
    text = """通辽市人社局：

姓名：孙立军
证件名称：身份证
证件号码：150502197605301813
通信地址：通辽市科尔沁区交通路南段铁路小区22栋5号
邮政编码：028000
联系电话：13847547720
电子邮箱：slj1976@163.com

所需信息的内容描述：
所需信息的用途：
获取信息的方式：√邮寄  □电子邮件  □自行领取

申请人签名：孙立军
申请时间：2026年7月31日"""
    received = mx("slj1976@163.com", "m16.mail.163.com", "220.181.12.18",
                  "Fri, 31 Jul 2026 17:20:52 +0800", "4GhW1n3DsKz7pLv") + """
Received: from USER-20200315QX (unknown [110.18.201.35])
	by smtp7 (Coremail) with SMTP id C1UQrAD3vzEtabtp5hAxBw--.10873S2;
	Fri, 31 Jul 2026 17:20:50 +0800 (CST)"""
    mid = "202607311720493726104@163.com"
    subj = "信息公开申请"
    data = foxmail(received=received, date="Fri, 31 Jul 2026 17:20:49 +0800", frm_name="孙立军",
                   frm="slj1976@163.com", subject=subj, text=text, mid=mid, cs="gb2312",
                   guid="5A6B7C8D-9E0F-4A1B-8C2D-3E4F5A6B7C8D", nextpart="380172649513")
    m = expect_message(name, mid, rec, "slj1976@163.com", subj, "application")
    c = expect_case(name, rec, "2026-08-21", applicant="孙立军", id_type="resident_id",
                    id_label="身份证",
                    id_number="150502197605301813", address="通辽市科尔沁区交通路南段铁路小区22栋5号",
                    postcode="028000", phone="13847547720", email="slj1976@163.com",
                    description=None, purpose=None, sig="孙立军", date="2026-07-31",
                    method="post", medium=None, missing=["request"])
    return name, data, m, c


# =============================================================== 032
@msg
def m032():
    name = "032-iphone-several-missing"
    rec = "2026-03-03T07:14:46+08:00"
    text = """你好，申请公开2025年度通辽市失业保险基金的支出明细。手机13904751234

发自我的iPhone"""
    received = mx("tl_laoli@icloud.com", "qs51p00im-qukt01071502.me.com", "17.57.155.21",
                  "Tue, 03 Mar 2026 07:14:46 +0800", "4FjA2c8XpNz3rWs") + """
Received: from smtpclient.apple (qs51p00im-dlb-asmtp-mailmevip.me.com [17.42.251.41])
	by qs51p00im-qukt01071502.me.com (Postfix) with ESMTPSA id 2D4F1B80321
	for <ogi@example.gov.cn>; Mon,  2 Mar 2026 23:14:44 +0000 (UTC)"""
    mid = "B7E2C9A1-4F3D-4A8B-9C6E-0D1F2A3B4C5D@icloud.com"
    data = iphone(received=received, date="Tue, 3 Mar 2026 07:14:38 +0800", frm_name="老李",
                  frm="tl_laoli@icloud.com", subject="申请公开", mid=mid, text=text, eol="\r\n",
                  build="21D61")
    m = expect_message(name, mid, rec, "tl_laoli@icloud.com", "申请公开", "application")
    c = expect_case(name, rec, "2026-03-24", applicant=None, id_type=None, id_label=None, id_number=None,
                    address=None, postcode=None, phone="13904751234", email="tl_laoli@icloud.com",
                    description="2025年度通辽市失业保险基金的支出明细", purpose=None, sig=None, date=None,
                    method=None, medium=None,
                    missing=["name", "address", "identity_proof", "signature", "date"])
    return name, data, m, c


# =============================================================== 033
@msg
def m033():
    name = "033-qq-invalid-id-checksum"
    rec = "2026-08-12T11:25:34+08:00"
    text = """通辽市人力资源和社会保障局：
    
    本人陈浩，身份证号码：150502198808156218，现住通辽市科尔沁区永清大街东段金桥花园6号楼2单元301，邮编028000，联系电话13674751529，邮箱chenhao_88@qq.com。
    现申请公开：通辽市2026年度企业职工基本养老保险缴费基数上下限的核定文件。
    用途：核对单位为本人申报的缴费基数。
    获取方式：电子邮件。
    
    申请人：陈浩
    2026年8月12日"""
    received = mx("chenhao_88@qq.com", "out203-205-221.mail.qq.com", "203.205.221.173",
                  "Wed, 12 Aug 2026 11:25:34 +0800", "4GlN6v0RtBz2dQm") + """
Received: from qq.com ( [111.121.53.8])
	by newxmesmtplogicsvrszb1-0.qq.com (NewEsmtp) with SMTP
	id 4F2A7B90; Wed, 12 Aug 2026 11:25:30 +0800"""
    mid = "tencent_7A3C9E1F5B2D8A4C6E0F3B7D1A9C5E2F8B04@qq.com"
    subj = "申请公开缴费基数核定文件"
    data = qq(received=received, date="Wed, 12 Aug 2026 11:25:30 +0800", frm_name="浩",
              frm="chenhao_88@qq.com", subject=subj, mid=mid, text=text, html=qq_html(text),
              qqmid="webmail609t1786505130t9926108", ip="111.121.53.8", np="66B980AA_0F3A6C58_2E7D41B9")
    m = expect_message(name, mid, rec, "chenhao_88@qq.com", subj, "application")
    c = expect_case(name, rec, "2026-09-02", applicant="陈浩", id_type="resident_id",
                    id_label="身份证",
                    id_number="150502198808156218",
                    address="通辽市科尔沁区永清大街东段金桥花园6号楼2单元301", postcode="028000",
                    phone="13674751529", email="chenhao_88@qq.com",
                    description="通辽市2026年度企业职工基本养老保险缴费基数上下限的核定文件",
                    purpose="核对单位为本人申报的缴费基数", sig="陈浩", date="2026-08-12",
                    method="email", medium=None, invalid=["id_number"])
    return name, data, m, c


# =============================================================== 034
@msg
def m034():
    name = "034-126-invalid-date-future"
    rec = "2026-03-09T09:02:39+08:00"
    text = """通辽市人社局：

申请人：高宇航
身份证号码：150502200002292035
地址：通辽市科尔沁区新工三路东段和谐家园15号楼1单元101
邮编：028000
电话：15560478813
申请公开的信息内容：2026年通辽市高校毕业生就业见习基地名单及各基地见习岗位数量。
用途：找见习单位
获取方式：电子邮件

申请人签名：高宇航
申请日期：2026年3月19日
"""
    received = mx("gaoyuhang_0229@126.com", "m16-28.126.com", "220.181.16.28",
                  "Mon, 09 Mar 2026 09:02:39 +0800", "4FjG5p7XqHz9mVc") + """
Received: from gaoyuhang_0229$126.com ( [117.136.83.61] ) by
 ajax-webmail-wmsvr-41-115 (Coremail) ; Mon, 9 Mar 2026 09:02:37 +0800
 (CST)"""
    mid = "63ab91f4.1e8c.19cd0a4b7e2.Coremail.gaoyuhang_0229@126.com"
    subj = "申请公开就业见习基地名单"
    data = coremail(received=received, date="Mon, 9 Mar 2026 09:02:37 +0800", frm_name="高宇航",
                    frm="gaoyuhang_0229@126.com", subject=subj, mid=mid, text=text,
                    html=coremail_html(text), cs="UTF-8", domain="126com", ip="117.136.83.61",
                    part="21984_1675310028.1773018157641")
    m = expect_message(name, mid, rec, "gaoyuhang_0229@126.com", subj, "application")
    c = expect_case(name, rec, "2026-03-30", applicant="高宇航", id_type="resident_id",
                    id_label="身份证",
                    id_number="150502200002292035",
                    address="通辽市科尔沁区新工三路东段和谐家园15号楼1单元101", postcode="028000",
                    phone="15560478813", email="gaoyuhang_0229@126.com",
                    description="2026年通辽市高校毕业生就业见习基地名单及各基地见习岗位数量",
                    purpose="找见习单位", sig="高宇航", date="2026-03-19", method="email", medium=None,
                    invalid=["date"])
    return name, data, m, c


# =============================================================== 035
@msg
def m035():
    name = "035-foxmail-invalid-postcode-phone"
    rec = "2026-01-09T14:48:17+08:00"
    text = """通辽市人力资源和社会保障局：

姓名：刘春梅
证件名称：居民身份证
证件号码：150502199009231029
通信地址：通辽市科尔沁区建国路南段华府小区3号楼4单元502
邮政编码：02800
联系电话：1347475286
电子邮箱：liuchunmei0923@163.com

所需信息的内容描述：2025年通辽市职业技能提升行动中“育婴员”培训项目的定点培训机构名单及补贴标准。
所需信息的用途：选择培训机构
获取信息的方式：□邮寄  √电子邮件  □自行领取

申请人签名：刘春梅
申请时间：2026年1月9日"""
    received = mx("liuchunmei0923@163.com", "m16.mail.163.com", "220.181.12.15",
                  "Fri, 09 Jan 2026 14:48:17 +0800", "4FbC8r2TwLz5nPx") + """
Received: from DESKTOP-LCM0923 (unknown [116.113.38.147])
	by smtp12 (Coremail) with SMTP id EdxpCgDXF3Y9m2Bp2Z5uAw--.61208S2;
	Fri, 09 Jan 2026 14:48:14 +0800 (CST)"""
    mid = "202601091448132517038@163.com"
    subj = "政府信息公开申请"
    data = foxmail(received=received, date="Fri, 9 Jan 2026 14:48:13 +0800", frm_name="刘春梅",
                   frm="liuchunmei0923@163.com", subject=subj, text=text, mid=mid, cs="gb2312",
                   guid="8F9A0B1C-2D3E-4F5A-9B6C-7D8E9F0A1B2C", nextpart="914263058271", eol="\n")
    m = expect_message(name, mid, rec, "liuchunmei0923@163.com", subj, "application")
    c = expect_case(name, rec, "2026-01-30", applicant="刘春梅", id_type="resident_id",
                    id_label="居民身份证",
                    id_number="150502199009231029", address="通辽市科尔沁区建国路南段华府小区3号楼4单元502",
                    postcode="02800", phone="1347475286", email="liuchunmei0923@163.com",
                    description="2025年通辽市职业技能提升行动中“育婴员”培训项目的定点培训机构名单及补贴标准",
                    purpose="选择培训机构", sig="刘春梅", date="2026-01-09", method="email", medium=None,
                    invalid=["postcode", "phone"])
    return name, data, m, c


# =============================================================== 036
@msg
def m036():
    name = "036-coremail-invalid-email"
    rec = "2026-11-12T20:29:59+08:00"
    text = """通辽市人社局：
申请人姓名：李淑芬
身份证号：150526197703021269
联系地址：通辽市扎鲁特旗鲁北镇罕山东街12号
邮编：029100
联系电话：13848559031
电子邮箱：lishufen1977@163
所需信息的内容描述：扎鲁特旗2026年城镇公益性岗位招聘的岗位数量、录用人员名单及工资标准。
所需信息的用途：了解招聘情况
获取信息的方式：邮寄
申请人签名：李淑芬
申请时间：2026年11月12日
"""
    received = mx("zlt_lsf@163.com", "m16-45.163.com", "220.181.16.45",
                  "Thu, 12 Nov 2026 20:29:59 +0800", "4H0K1w6QnDz2xZb") + """
Received: from zlt_lsf$163.com ( [39.172.18.240] ) by
 ajax-webmail-wmsvr-40-103 (Coremail) ; Thu, 12 Nov 2026 20:29:57 +0800
 (CST)"""
    mid = "4d8e2b6a.3f1c.19f7d1a9c35.Coremail.zlt_lsf@163.com"
    subj = "信息公开申请"
    data = coremail(received=received, date="Thu, 12 Nov 2026 20:29:57 +0800", frm_name="李淑芬",
                    frm="zlt_lsf@163.com", subject=subj, mid=mid, text=text, html=coremail_html(text),
                    cs="GBK", ip="39.172.18.240", part="63120_811273554.1794486597013")
    m = expect_message(name, mid, rec, "zlt_lsf@163.com", subj, "application")
    c = expect_case(name, rec, "2026-12-03", applicant="李淑芬", id_type="resident_id",
                    id_label="身份证",
                    id_number="150526197703021269", address="通辽市扎鲁特旗鲁北镇罕山东街12号",
                    postcode="029100", phone="13848559031", email="lishufen1977@163",
                    description="扎鲁特旗2026年城镇公益性岗位招聘的岗位数量、录用人员名单及工资标准",
                    purpose="了解招聘情况", sig="李淑芬", date="2026-11-12", method="post", medium=None,
                    invalid=["email"])
    return name, data, m, c


def other(name, rec, mid, frm, subj, kind):
    return expect_message(name, mid, rec, frm, subj, kind), None


# =============================================================== 037
@msg
def m037():
    name = "037-foxmail-correction-reply"
    rec = "2026-11-23T09:12:37+08:00"
    text = """您好：

    收到贵局的补正告知书，现按要求补充如下：

    身份证号码：150523196612030027
    申请人签名：李秀珍
    申请时间：2026年11月23日

    原申请内容不变，请继续办理。

李秀珍

发件人： 通辽市人力资源和社会保障局
发送时间： 2026-11-20 15:02
收件人： lixiuzhen1966@163.com
主题： 补正告知书（受理编号2026-000017）
李秀珍：
    本机关于2026年11月18日收到您提出的政府信息公开申请（受理编号2026-000017）。经审查，您的申请缺少以下内容：身份证明；申请人签名；申请时间。请于收到本告知书之日起15个工作日内补正。
    特此告知。
通辽市人力资源和社会保障局
2026年11月20日"""
    received = mx("lixiuzhen1966@163.com", "m16.mail.163.com", "220.181.12.19",
                  "Mon, 23 Nov 2026 09:12:37 +0800", "4H1R2t5MwCz8kNq") + """
Received: from DESKTOP-LXZ66 (unknown [116.113.40.91])
	by smtp11 (Coremail) with SMTP id FsCowAD3hUP9XyJpLq4eBw--.20411S2;
	Mon, 23 Nov 2026 09:12:35 +0800 (CST)"""
    mid = "202611230912346218507@163.com"
    subj = "回复: 补正告知书（受理编号2026-000017）"
    data = foxmail(received=received, date="Mon, 23 Nov 2026 09:12:34 +0800", frm_name="李秀珍",
                   frm="lixiuzhen1966@163.com", subject=subj, text=text, mid=mid, cs="gb2312",
                   guid="C1D2E3F4-A5B6-4C7D-8E9F-0A1B2C3D4E5F", nextpart="502817364920")
    data = data.replace(b"X-Priority: 3\r\n", b"In-Reply-To: <20261120150211.3A7F9C2E1B@example.gov.cn>\r\n"
                        b"References: <20261120150211.3A7F9C2E1B@example.gov.cn>\r\nX-Priority: 3\r\n", 1)
    return (name, data) + other(name, rec, mid, "lixiuzhen1966@163.com", subj, "correction_reply")


# =============================================================== 038
@msg
def m038():
    name = "038-qq-correction-reply"
    rec = "2026-06-15T19:48:24+08:00"
    new = """您好，补正的材料如下：
我的通信地址是：通辽市开鲁县东风镇东风村五组，邮编028400。
需要公开的信息具体是：开鲁县2025年度东风镇城乡居民养老保险代缴对象（低保户、重度残疾人）的名单。
谢谢！"""
    quote = """------------------ 原始邮件 ------------------
发件人: "通辽市人社局政务公开" <ogi@example.gov.cn>;
发送时间: 2026年6月12日(星期五) 上午10:05
收件人: "1569027734"<1569027734@qq.com>;
主题: 政府信息公开申请补正告知书（2026-000023）

您的申请缺少通信地址，且所需信息的内容描述不明确，请补正。"""
    plain = new + "\n\n\n" + quote + "\n"
    html = (qq_html(new) + '<div><br></div><div style="font-size: 12px;font-family: Arial Narrow;padding:2px 0 2px 0;">'
            '------------------&nbsp;原始邮件&nbsp;------------------</div>'
            '<div style="font-size: 12px;background:#efefef;padding:8px;"><div><b>发件人:</b>&nbsp;"通辽市人社局政务公开"&lt;ogi@example.gov.cn&gt;;</div>'
            '<div><b>发送时间:</b>&nbsp;2026年6月12日(星期五) 上午10:05</div>'
            '<div><b>收件人:</b>&nbsp;"1569027734"&lt;1569027734@qq.com&gt;;<wbr></div>'
            '<div><b>主题:</b>&nbsp;政府信息公开申请补正告知书（2026-000023）</div></div><div><br></div>'
            '<div>您的申请缺少通信地址，且所需信息的内容描述不明确，请补正。</div>')
    received = mx("1569027734@qq.com", "out162-62-57-137.mail.qq.com", "162.62.57.137",
                  "Mon, 15 Jun 2026 19:48:24 +0800", "4GcZ0m3RpTz6wHd") + """
Received: from qq.com ( [39.170.85.14])
	by newxmesmtplogicsvrszc13-0.qq.com (NewEsmtp) with SMTP
	id 2E6A1C74; Mon, 15 Jun 2026 19:48:20 +0800"""
    mid = "tencent_1C5E9A3F7B2D6E0A4C8F2B6D0A3E7C1F5B09@qq.com"
    subj = "回复：政府信息公开申请补正告知书（2026-000023）"
    data = qq(received=received, date="Mon, 15 Jun 2026 19:48:20 +0800", frm_name="春风",
              frm="1569027734@qq.com", subject=subj, mid=mid, text=plain, html=html,
              qqmid="webmail812t1781524100t3358127", ip="39.170.85.14", np="666F8184_0D1E2F30_6A7B8C9D",
              extra_headers=["In-Reply-To: <20260612100512.5E2B8D4A1C@example.gov.cn>",
                             "References: <20260612100512.5E2B8D4A1C@example.gov.cn>"])
    return (name, data) + other(name, rec, mid, "1569027734@qq.com", subj, "correction_reply")


# =============================================================== 039
@msg
def m039():
    name = "039-163-status-query-number"
    rec = "2026-11-16T10:31:52+08:00"
    text = """你好：

我于10月28日通过邮件提交了政府信息公开申请（登记编号：2026-000031），当时收到了登记回执。到现在已经半个多月了，还没有收到答复，请问办理到哪一步了？什么时候能答复？

谢谢！
郭建平
13947582210
"""
    received = mx("guojianping@163.com", "m16-71.163.com", "220.181.16.71",
                  "Mon, 16 Nov 2026 10:31:52 +0800", "4H0P4k7WsBz1mLr") + """
Received: from guojianping$163.com ( [116.113.45.17] ) by
 ajax-webmail-wmsvr-40-133 (Coremail) ; Mon, 16 Nov 2026 10:31:50 +0800
 (CST)"""
    mid = "5e1a8c3d.4b2f.19f8e3c7a01.Coremail.guojianping@163.com"
    subj = "询问2026-000031号申请的办理进度"
    data = coremail(received=received, date="Mon, 16 Nov 2026 10:31:50 +0800", frm_name="郭建平",
                    frm="guojianping@163.com", subject=subj, mid=mid, text=text, html=coremail_html(text),
                    cs="GBK", ip="116.113.45.17", part="41733_1180227563.1794803510822")
    return (name, data) + other(name, rec, mid, "guojianping@163.com", subj, "status_query")


# =============================================================== 040
@msg
def m040():
    name = "040-iphone-status-query-no-number"
    rec = "2026-07-20T12:06:31+08:00"
    text = """你好，我6月中旬通过这个邮箱提交过一份政府信息公开申请，申请公开的是科尔沁区2025年公益性岗位补贴的发放情况。到现在一个多月了，一直没收到任何回复，也没收到受理的通知。麻烦帮我查一下办理进度，是不是没收到？

王春生

发自我的iPhone"""
    received = mx("wangchunsheng1971@163.com", "m16-88.163.com", "220.181.16.88",
                  "Mon, 20 Jul 2026 12:06:31 +0800", "4GfR7b2NvKz3sXp") + """
Received: from smtpclient.apple (unknown [223.104.9.38])
	by smtp8 (Coremail) with SMTP id DsCowADHj0kMoF1p9P0xBw--.27304S2;
	Mon, 20 Jul 2026 12:06:29 +0800 (CST)"""
    mid = "4C2E6A8B-1D3F-4B5A-9E7C-2F4A6B8D0C1E@163.com"
    subj = "咨询申请进度"
    data = iphone(received=received, date="Mon, 20 Jul 2026 12:06:21 +0800", frm_name="王春生",
                  frm="wangchunsheng1971@163.com", subject=subj, mid=mid, text=text, eol="\n")
    return (name, data) + other(name, rec, mid, "wangchunsheng1971@163.com", subj, "status_query")


# =============================================================== 041
@msg
def m041():
    name = "041-exchange-automatic-reply"
    rec = "2026-11-24T14:05:06+08:00"
    subj = "Automatic reply: 政府信息公开申请登记回执（2026-000042）"
    text = """您好，

本人11月23日至11月27日休假，期间不能及时回复邮件。如有急事请联系部门同事李娜（0475-8351066）。

I am out of office from Nov 23 to Nov 27 with limited access to email.

王磊
"""
    b = "_000_TYZPR01MB5521C0E7A39B4F1D8E2A6C37B1F0TYZPR01MB5521apcp_"
    mid = "TYZPR01MB5521C0E7A39B4F1D8E2A6C37B1F0@TYZPR01MB5521.apcprd01.prod.exchangelabs.com"
    m_ = Msg("\r\n")
    m_.header_block(mx("", "mail-tyzapc01on2102.outbound.protection.outlook.com", "40.107.117.102",
                       "Tue, 24 Nov 2026 14:05:06 +0800", "4H1V9c4KsPz7qJm") + """
Received: from TYZPR01MB5521.apcprd01.prod.exchangelabs.com
 ([fe80::5a3c:2d1e:9f7b:40a6]) by TYZPR01MB5521.apcprd01.prod.exchangelabs.com
 ([fe80::5a3c:2d1e:9f7b:40a6%4]) with mapi id 15.20.8654.009; Tue, 24 Nov 2026
 06:05:04 +0000""")
    m_.add("From: Wang Lei <wanglei@tlhuanneng.com>", "To: \"ogi@example.gov.cn\" <ogi@example.gov.cn>",
           "Subject: " + ew(subj, "utf-8"),
           "Thread-Topic: " + ew("政府信息公开申请登记回执（2026-000042）", "utf-8"),
           "Thread-Index: AQHdXbXyL8c6fJq2T0mRkNw3Vb1x5A==",
           "Date: Tue, 24 Nov 2026 06:05:04 +0000", "Message-ID: <%s>" % mid,
           "References: <20261124140455.6D3E2A1B9F@example.gov.cn>",
           "In-Reply-To: <20261124140455.6D3E2A1B9F@example.gov.cn>",
           "Auto-Submitted: auto-generated", "X-MS-Has-Attach:", "X-Auto-Response-Suppress: All",
           "X-MS-Exchange-Inbox-Rules-Loop: wanglei@tlhuanneng.com",
           "X-MS-TNEF-Correlator:", "Content-Language: zh-CN",
           'Content-Type: multipart/alternative;', '\tboundary="%s"' % b, "MIME-Version: 1.0", "",
           "--" + b, 'Content-Type: text/plain; charset="utf-8"', "Content-Transfer-Encoding: base64", "",
           b64(crlf(text).encode("utf-8")), "",
           "--" + b, 'Content-Type: text/html; charset="utf-8"', "Content-Transfer-Encoding: base64", "",
           b64(('<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>'
                + "".join("<p>%s</p>" % esc(l) for l in text.split("\n") if l) + "</body></html>").encode("utf-8")),
           "", "--" + b + "--", "")
    data = m_.bytes().replace(b"Return-Path: <>", b"Return-Path: <>", 1)
    return (name, data) + other(name, rec, mid, "wanglei@tlhuanneng.com", subj, "auto_reply")


# =============================================================== 042
@msg
def m042():
    name = "042-qq-auto-reply"
    rec = "2026-05-08T10:15:29+08:00"
    subj = "自动回复: 政府信息公开申请答复书（2026-000011）"
    html = ('<meta http-equiv="Content-Type" content="text/html; charset=GB18030">'
            "<div>您好，您的邮件我已收到，我会尽快给您回复。</div><div><br></div>"
            "<div>--------------------------------</div><div>这是一封QQ邮箱自动回复邮件。</div>")
    text = "您好，您的邮件我已收到，我会尽快给您回复。\n\n--------------------------------\n这是一封QQ邮箱自动回复邮件。\n"
    received = mx("809214356@qq.com", "out203-205-221.mail.qq.com", "203.205.221.190",
                  "Fri, 08 May 2026 10:15:29 +0800", "4FsK2d6YwNz5pCv") + """
Received: from qq.com ( [127.0.0.1])
	by newxmesmtplogicsvrszb6-0.qq.com (NewEsmtp) with SMTP
	id 9C1E5A37; Fri, 08 May 2026 10:15:27 +0800"""
    mid = "tencent_4E8A2C6F0B3D7A1E5C9F4B8D2A6E0C3F7B05@qq.com"
    data = qq(received=received, date="Fri, 08 May 2026 10:15:27 +0800", frm_name="小雨",
              frm="809214356@qq.com", subject=subj, mid=mid, text=text, html=html,
              qqmid="bizmail6t1778206527t6620318", ip="127.0.0.1", np="669C9E3F_0A7B2C1D_3E4F5A6B",
              to_name="ogi")
    return (name, data) + other(name, rec, mid, "809214356@qq.com", subj, "auto_reply")


# =============================================================== 043
@msg
def m043():
    name = "043-sina-x-autoreply"
    rec = "2026-09-02T16:40:10+08:00"
    subj = "Re:政府信息公开申请补正告知书（2026-000029）"
    text = "您好！我已收到您的来信，这几天出差在外，回来后会尽快处理。谢谢！\n"
    mid = "20260902084011.1C3E5A7B9D@sinamail.sina.com.cn"
    m_ = Msg("\n")
    m_.header_block(mx("lili_tongliao@sina.com", "mail3-165.sinamail.sina.com.cn", "202.108.3.165",
                       "Wed, 02 Sep 2026 16:40:10 +0800", "4GtM5r1XqWz8dKp"))
    m_.add("Date: Wed, 02 Sep 2026 16:40:11 +0800", "Message-Id: <%s>" % mid,
           "From: <lili_tongliao@sina.com>", "To: <%s>" % OFFICE, "Subject: " + ew(subj, "GBK"),
           "X-Autoreply: yes", "X-Mailer: SinaMail 3.0", "MIME-Version: 1.0",
           "Content-Type: text/plain; charset=GBK", "Content-Transfer-Encoding: base64", "",
           b64(crlf(text).encode("gbk")))
    data = m_.bytes()
    return (name, data) + other(name, rec, mid, "lili_tongliao@sina.com", subj, "auto_reply")


# =============================================================== 044
@msg
def m044():
    name = "044-postfix-dsn-bounce"
    rec = "2026-10-12T15:22:47+08:00"
    b = "7B2C41A0E33.1791790967/mx.example.gov.cn"
    mid = "20261012072247.8A1F41A0E35@mx.example.gov.cn"
    m_ = Msg("\n")
    m_.add("Return-Path: <>", "Delivered-To: " + OFFICE,
           "Received: by mx.example.gov.cn (Postfix)", "\tid 8A1F41A0E35; Mon, 12 Oct 2026 15:22:47 +0800 (CST)",
           "Date: Mon, 12 Oct 2026 15:22:47 +0800 (CST)",
           "From: MAILER-DAEMON@mx.example.gov.cn (Mail Delivery System)",
           "Subject: Undelivered Mail Returned to Sender", "To: " + OFFICE,
           "Auto-Submitted: auto-replied", "MIME-Version: 1.0",
           "Content-Type: multipart/report; report-type=delivery-status;",
           '\tboundary="%s"' % b, "Content-Transfer-Encoding: 8bit", "Message-Id: <%s>" % mid, "",
           "This is a MIME-encapsulated message.", "",
           "--" + b, "Content-Description: Notification",
           "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit", "",
           "This is the mail system at host mx.example.gov.cn.", "",
           "I'm sorry to have to inform you that your message could not",
           "be delivered to one or more recipients. It's attached below.", "",
           "For further assistance, please send mail to postmaster.", "",
           "If you do so, please include this problem report. You can",
           "delete your own text from the attached returned message.", "",
           "                   The mail system", "",
           "<zhangliang_1988@126.com>: host mx3.126.net[220.181.15.112] said: 550 User not",
           "    found: zhangliang_1988@126.com (in reply to RCPT TO command)", "",
           "--" + b, "Content-Description: Delivery report", "Content-Type: message/delivery-status", "",
           "Reporting-MTA: dns; mx.example.gov.cn", "X-Postfix-Queue-ID: 7B2C41A0E33",
           "X-Postfix-Sender: rfc822; ogi@example.gov.cn",
           "Arrival-Date: Mon, 12 Oct 2026 15:22:45 +0800 (CST)", "",
           "Final-Recipient: rfc822; zhangliang_1988@126.com",
           "Original-Recipient: rfc822;zhangliang_1988@126.com",
           "Action: failed", "Status: 5.1.1",
           "Remote-MTA: dns; mx3.126.net",
           "Diagnostic-Code: smtp; 550 User not found: zhangliang_1988@126.com", "",
           "--" + b, "Content-Description: Undelivered Message Headers",
           "Content-Type: text/rfc822-headers", "Content-Transfer-Encoding: 8bit", "",
           "Return-Path: <ogi@example.gov.cn>",
           "Received: from localhost (localhost [127.0.0.1])",
           "\tby mx.example.gov.cn (Postfix) with ESMTP id 7B2C41A0E33",
           "\tfor <zhangliang_1988@126.com>; Mon, 12 Oct 2026 15:22:45 +0800 (CST)",
           "Date: Mon, 12 Oct 2026 15:22:45 +0800",
           "From: =?UTF-8?B?6YCa6L695biC5Lq656S+5bGA?= <ogi@example.gov.cn>",
           "To: zhangliang_1988@126.com",
           "Subject: =?UTF-8?B?5pS/5bqc5L+h5oGv5YWs5byA55Sz6K+355m76K6w5Zue5omn77yIMjAyNi0wMDAwMzjvvIk=?=",
           "Message-ID: <20261012152245.2B8D4F6A1C@example.gov.cn>",
           "Auto-Submitted: auto-replied", "", "--" + b + "--", "")
    data = m_.bytes()
    return (name, data) + other(name, rec, mid, "MAILER-DAEMON@mx.example.gov.cn",
                                "Undelivered Mail Returned to Sender", "bounce")


# =============================================================== 045
@msg
def m045():
    name = "045-exchange-ndr"
    rec = "2026-03-20T11:02:17+08:00"
    subj = "Undeliverable: 政府信息公开申请答复书（2026-000006）"
    b = "64f3a2b1-7c9d-4e8f-a0b1-c2d3e4f5a6b7"
    mid = "4c9e2f1a-3b7d-4e6a-9f08-1d2c3b4a5e6f@SG2PR06MB5287.apcprd06.prod.outlook.com"
    human = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>
<p><b><font color="#000066" size="3" face="Arial">Delivery has failed to these recipients or groups:</font></b></p>
<font color="#000000" size="2" face="Tahoma"><p><a href="mailto:zhao.min@tlkj-example.com">zhao.min@tlkj-example.com</a><br>
</font><font color="#000000" size="2" face="Tahoma">The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message. If the problem continues, please contact your helpdesk.<br>
</font></p>
<p><font color="#808080" size="2" face="Tahoma">Diagnostic information for administrators:</font></p>
<font color="#808080" size="2" face="Tahoma"><p>Generating server: SG2PR06MB5287.apcprd06.prod.outlook.com<br>
</font><font color="#808080" size="2" face="Tahoma">zhao.min@tlkj-example.com<br>
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'<br>
</font></p>
</body></html>
"""
    m_ = Msg("\r\n")
    m_.header_block(mx("", "mail-sgaapc01on2109.outbound.protection.outlook.com", "40.107.215.109",
                       "Fri, 20 Mar 2026 11:02:17 +0800", "4FkM0p3RvWz6tNb"))
    m_.add("From: postmaster@tlkj-example.com", "To: <%s>" % OFFICE,
           "Date: Fri, 20 Mar 2026 03:02:15 +0000", "Content-Type: multipart/report;",
           '\treport-type=delivery-status;', '\tboundary="%s"' % b, "X-MS-Exchange-Message-Is-Ndr:",
           "Content-Language: en-US", "Message-ID: <%s>" % mid,
           "In-Reply-To: <20260320110209.4E7A1C3B5D@example.gov.cn>",
           "References: <20260320110209.4E7A1C3B5D@example.gov.cn>",
           "Subject: " + ew(subj, "utf-8"), "Auto-Submitted: auto-replied", "MIME-Version: 1.0", "",
           "--" + b, 'Content-Type: multipart/alternative; differences=Content-Type;',
           '\tboundary="a1b2c3d4-e5f6-4789-abcd-ef0123456789"', "", "",
           "--a1b2c3d4-e5f6-4789-abcd-ef0123456789", "Content-Type: text/plain; charset=\"us-ascii\"",
           "Content-Transfer-Encoding: quoted-printable", "",
           "Delivery has failed to these recipients or groups:", "", "zhao.min@tlkj-example.com",
           "The email address you entered couldn't be found. Please check the recipien=",
           "t's email address and try to resend the message. If the problem continues,=",
           " please contact your helpdesk.", "",
           "--a1b2c3d4-e5f6-4789-abcd-ef0123456789", 'Content-Type: text/html; charset="utf-8"',
           "Content-Transfer-Encoding: quoted-printable", "", qp(human.encode("utf-8")), "",
           "--a1b2c3d4-e5f6-4789-abcd-ef0123456789--", "",
           "--" + b, "Content-Type: message/delivery-status", "",
           "Reporting-MTA: dns;SG2PR06MB5287.apcprd06.prod.outlook.com",
           "Received-From-MTA: dns;mx.example.gov.cn",
           "Arrival-Date: Fri, 20 Mar 2026 03:02:12 +0000", "",
           "Final-Recipient: rfc822;zhao.min@tlkj-example.com", "Action: failed", "Status: 5.1.10",
           "Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup", "",
           "--" + b, "Content-Type: text/rfc822-headers", "",
           "Return-Path: <ogi@example.gov.cn>", "Date: Fri, 20 Mar 2026 11:02:09 +0800",
           "From: =?UTF-8?B?6YCa6L695biC5Lq656S+5bGA?= <ogi@example.gov.cn>",
           "To: zhao.min@tlkj-example.com",
           "Message-ID: <20260320110209.4E7A1C3B5D@example.gov.cn>",
           "Subject: " + ew("政府信息公开申请答复书（2026-000006）", "utf-8"), "",
           "--" + b + "--", "")
    data = m_.bytes()
    return (name, data) + other(name, rec, mid, "postmaster@tlkj-example.com", subj, "bounce")


# =============================================================== 046
@msg
def m046():
    name = "046-chinese-plain-bounce"
    rec = "2026-08-18T09:40:04+08:00"
    subj = "系统退信"
    text = """您好，这是QQ邮箱系统投递失败的通知：

您于2026年8月18日上午9:39发出的邮件《政府信息公开申请登记回执（2026-000035）》投递失败，未能送达以下收件人：

    43920178@qq.com

原因：收件人邮箱空间已满，无法接收新邮件（550 Mailbox is full）。

此邮件为系统自动发送，请勿直接回复。
"""
    mid = "tencent_sysbounce_20260818094003_6F2A8C@qq.com"
    m_ = Msg("\r\n")
    m_.header_block(mx("", "out203-205-221.mail.qq.com", "203.205.221.239",
                       "Tue, 18 Aug 2026 09:40:04 +0800", "4GmB8t1XkPz2wRv"))
    m_.add("From: \"%s\" <MAILER-DAEMON@qq.com>" % ew("系统退信", "gb18030"), "To: " + OFFICE,
           "Subject: " + ew(subj, "gb18030"), "Date: Tue, 18 Aug 2026 09:40:03 +0800",
           "Message-ID: <%s>" % mid, "MIME-Version: 1.0",
           'Content-Type: text/plain; charset="gb18030"', "Content-Transfer-Encoding: base64", "",
           b64(crlf(text).encode("gb18030")))
    data = m_.bytes()
    return (name, data) + other(name, rec, mid, "MAILER-DAEMON@qq.com", subj, "bounce")


# =============================================================== 047
@msg
def m047():
    name = "047-spam-fapiao"
    rec = "2026-04-15T03:17:50+08:00"
    subj = "您好！代开各地正规发票（增值税、普通）点数优惠"
    text = """尊敬的财务负责人：您好！

本公司因进项较多，现有部分业务可对外代开各地正规发票：
  增值税专用发票、普通发票、建筑安装、运输、广告、餐饮、住宿、会议费、材料费等。
  点数优惠，可先验票后付款，网上可查询真伪。

联系人：陈经理
电话：13926587413（微信同号）
QQ：2590318477

本公司信守承诺，长期合作，欢迎来电咨询！
"""
    mid = "20260415031749712938@fjksx.com"
    m_ = Msg("\r\n")
    m_.header_block(mx("nkr@fjksx.com", "fjksx.com", "45.124.66.203",
                       "Wed, 15 Apr 2026 03:17:50 +0800", "4FqA9d4ZsHz1cMb"))
    m_.add("From: \"%s\" <nkr@fjksx.com>" % ew("财务部陈经理", "gb2312"), "To: " + OFFICE,
           "Subject: " + ew(subj, "gb2312"), "Date: Wed, 15 Apr 2026 03:17:49 +0800",
           "Message-ID: <%s>" % mid, "MIME-Version: 1.0", "X-Priority: 3", "X-Mailer: Foxmail 7, 2, 9, 116[cn]",
           'Content-Type: text/html; charset="gb2312"', "Content-Transfer-Encoding: base64", "",
           b64(("<html><body><font size=4 color=red>" + "<br>".join(esc(l) for l in text.split("\n"))
                + "</font></body></html>").encode("gbk")))
    data = m_.bytes()
    return (name, data) + other(name, rec, mid, "nkr@fjksx.com", subj, "spam")


# =============================================================== 048
@msg
def m048():
    name = "048-newsletter-bulk"
    rec = "2026-06-05T08:00:12+08:00"
    subj = "劳动法宝周刊 第237期：2026年各地最低工资标准汇总"
    text = """劳动法宝周刊 第237期

本期导读
1. 2026年全国各地最低工资标准汇总（截至6月1日）
2. 人社部：进一步规范劳务派遣用工
3. 案例：未签劳动合同，二倍工资怎么算？

阅读全文：https://news.laodongfabao.example.com/weekly/237

您收到这封邮件，是因为您订阅了劳动法宝周刊。
退订：https://news.laodongfabao.example.com/unsubscribe?u=ogi%40example.gov.cn
"""
    mid = "0100018f2c9a1b3e-5d7f9a2c-4e6b-4a8d-b1c3-e5f7a9b2c4d6-000000@email.laodongfabao.example.com"
    b = "----=_Part_2376_1093842651.1780617612054"
    m_ = Msg("\n")
    m_.header_block(mx("bounce+ogi=example.gov.cn@email.laodongfabao.example.com", "a48-112.smtp-out.example.net",
                       "54.240.48.112", "Fri, 05 Jun 2026 08:00:12 +0800", "4GbJ6x0MpRz4nQw") + """
DKIM-Signature: v=1; a=rsa-sha256; q=dns/txt; c=relaxed/simple;
	s=k1; d=email.laodongfabao.example.com; t=1780617612;
	h=From:To:Subject:MIME-Version:Content-Type:List-Unsubscribe:List-Unsubscribe-Post;
	bh=3kP9Qx7Vb2Nc8Wd4Tg6Ys0Ue2Jf7Hq3Rm9Ka1Lz5Xo=;
	b=Lq7Iw9Xr4Sv6Bt0Yu2Zn8Ac5Df1Gh3Jk7Lm9Np2Qr4St6Uv8Wx0Yz1Ab3Cd5Ef7Gh9Ij1Kl3Mn5Op7Qr9St1Uv3=""")
    m_.add("From: =?UTF-8?B?5Yqz5Yqo5rOV5a6d?= <weekly@email.laodongfabao.example.com>",
           "To: " + OFFICE, "Subject: " + ew(subj, "UTF-8"),
           "MIME-Version: 1.0", 'Content-Type: multipart/alternative; boundary="%s"' % b,
           "Date: Fri, 5 Jun 2026 00:00:12 +0000", "Message-ID: <%s>" % mid,
           "Precedence: bulk",
           "List-Unsubscribe: <https://news.laodongfabao.example.com/unsubscribe?u=ogi%40example.gov.cn>,",
           " <mailto:unsubscribe@email.laodongfabao.example.com?subject=unsubscribe>",
           "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
           "List-Id: <weekly.laodongfabao.example.com>",
           "Feedback-ID: 1.us-east-1.weekly:laodongfabao", "",
           "--" + b, "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64", "",
           b64(text.encode("utf-8")), "",
           "--" + b, "Content-Type: text/html; charset=UTF-8", "Content-Transfer-Encoding: base64", "",
           b64(("<html><body><table width=600><tr><td>" + "<br>".join(esc(l) for l in text.split("\n"))
                + "</td></tr></table></body></html>").encode("utf-8")), "", "--" + b + "--", "")
    data = m_.bytes()
    return (name, data) + other(name, rec, mid, "weekly@email.laodongfabao.example.com", subj, "spam")


# =============================================================== 049
@msg
def m049():
    name = "049-consultation-how-to-apply"
    rec = "2026-02-26T09:33:15+08:00"
    text = """您好！

我想了解一下我父亲以前在国营农场的工龄怎么认定，听说可以向你们申请政府信息公开。请问：
1、申请信息公开需要准备什么材料？有没有申请表可以下载？
2、可以直接发邮件申请吗？还是必须本人到现场？
3、一般多长时间能答复？收费吗？

麻烦告知，谢谢！

苏文静
"""
    received = mx("suwenjing_tl@163.com", "m16-23.163.com", "220.181.16.23",
                  "Thu, 26 Feb 2026 09:33:15 +0800", "4FhB3m8TqXz5pDk") + """
Received: from suwenjing_tl$163.com ( [223.104.9.201] ) by
 ajax-webmail-wmsvr-40-126 (Coremail) ; Thu, 26 Feb 2026 09:33:13 +0800
 (CST)"""
    mid = "7a2c5e9b.1d4f.19c98e2b7f3.Coremail.suwenjing_tl@163.com"
    subj = "咨询：如何申请政府信息公开"
    data = coremail(received=received, date="Thu, 26 Feb 2026 09:33:13 +0800", frm_name="苏文静",
                    frm="suwenjing_tl@163.com", subject=subj, mid=mid, text=text, html=coremail_html(text),
                    cs="GBK", ip="223.104.9.201", part="30455_692011348.1772069593871")
    return (name, data) + other(name, rec, mid, "suwenjing_tl@163.com", subj, "consultation")


# =============================================================== 050
@msg
def m050():
    name = "050-consultation-policy"
    rec = "2026-07-07T13:50:42+08:00"
    text = """你好，我今年45岁，去年从单位辞职后一直灵活就业，想问一下：
灵活就业人员的社保补贴怎么申请？需要什么条件？在哪里办理？
我是科尔沁区户口。谢谢。"""
    received = mx("2195530712@qq.com", "out162-62-58-69.mail.qq.com", "162.62.58.69",
                  "Tue, 07 Jul 2026 13:50:42 +0800", "4GdK2v7PnWz3sBf") + """
Received: from qq.com ( [117.136.43.12])
	by newxmesmtplogicsvrsza9-0.qq.com (NewEsmtp) with SMTP
	id 5D3F1A92; Tue, 07 Jul 2026 13:50:38 +0800"""
    mid = "tencent_3D7F1B5A9C2E6D0F4A8B3C7E1D5F9A2B6C08@qq.com"
    subj = "灵活就业社保补贴"
    data = qq(received=received, date="Tue, 07 Jul 2026 13:50:38 +0800", frm_name="平安是福",
              frm="2195530712@qq.com", subject=subj, mid=mid, text=text, html=qq_html(text),
              qqmid="webmail733t1783403438t5518204", ip="117.136.43.12", np="668A2C2E_0B4D6F81_7C9E1A3B")
    return (name, data) + other(name, rec, mid, "2195530712@qq.com", subj, "consultation")


# =============================================================== 051
@msg
def m051():
    name = "051-complaint-wages"
    rec = "2026-09-15T21:12:27+08:00"
    text = """举报信

通辽市人力资源和社会保障局劳动监察部门：

我们是通辽市鑫盛房地产开发有限公司“鑫盛·御景湾”项目的农民工，共37人。该项目总包单位拖欠我们2025年7月至12月的工资共计86万余元，多次讨要无果，项目负责人刘某一直躲着不见。

现实名举报通辽市鑫盛房地产开发有限公司及其总包单位恶意拖欠农民工工资，请求劳动监察部门立即调查处理，责令其支付工资，并依法追究责任。

举报人：赵铁柱（农民工代表）
电话：15004756218
2026年9月15日
"""
    received = mx("zhaotiezhu1980@163.com", "m16-49.163.com", "220.181.16.49",
                  "Tue, 15 Sep 2026 21:12:27 +0800", "4GvT1c5RkMz7pXn") + """
Received: from zhaotiezhu1980$163.com ( [39.184.71.33] ) by
 ajax-webmail-wmsvr-41-120 (Coremail) ; Tue, 15 Sep 2026 21:12:25 +0800
 (CST)"""
    mid = "2f8b4d1c.6e3a.19e9b5c2d17.Coremail.zhaotiezhu1980@163.com"
    subj = "实名举报鑫盛房地产拖欠农民工工资"
    data = coremail(received=received, date="Tue, 15 Sep 2026 21:12:25 +0800", frm_name="赵铁柱",
                    frm="zhaotiezhu1980@163.com", subject=subj, mid=mid, text=text, html=coremail_html(text),
                    cs="GBK", ip="39.184.71.33", part="72281_301146692.1789477945600")
    return (name, data) + other(name, rec, mid, "zhaotiezhu1980@163.com", subj, "complaint")


# =============================================================== 052
@msg
def m052():
    name = "052-complaint-staff"
    rec = "2026-12-01T16:05:07+08:00"
    text = """投诉

11月30日下午我到市社保中心三号窗口办理养老保险转移，工作人员（工号0317）态度恶劣，材料看都不看就说不全，让我回去等通知，我问缺什么她也不说，还说“你自己上网查”。我是请了假从开鲁赶过来的，白跑一趟。

我要投诉这名工作人员，请局里严肃处理并给我一个答复。

投诉人：钱德胜  手机13804753396"""
    received = mx("qiandesheng@139.com", "n169-114.mail.139.com", "120.232.169.114",
                  "Tue, 01 Dec 2026 16:05:07 +0800", "4H1b2k9WsQz6tLm")
    mid = "2b3e6a98d1c4f57-1a2b3@n169-114.mail.139.com"
    m_ = Msg("\n")
    m_.header_block(received)
    m_.add("Date: Tue, 1 Dec 2026 16:05:06 +0800 (CST)",
           "From: %s <qiandesheng@139.com>" % ew("钱德胜", "UTF-8"), "To: " + OFFICE,
           "Message-ID: <%s>" % mid, "Subject: " + ew("投诉社保中心窗口工作人员态度恶劣", "UTF-8"),
           "MIME-Version: 1.0", "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: base64",
           "X-Priority: 3", "X-RM-TRANSID: 2b3e6a98d1c4f57-1a2b3", "X-RM-SPAM-FLAG: 00000000",
           "X-Mailer: Richmail_Webapp(V3.2.0)", "", b64(text.encode("utf-8")))
    data = m_.bytes()
    return (name, data) + other(name, rec, mid, "qiandesheng@139.com", "投诉社保中心窗口工作人员态度恶劣",
                                "complaint")

# =============================================================== 009
@msg
def m009():
    name = "009-outlook-pdf-attached"
    rec = "2026-01-07T08:52:23+08:00"
    paras = ["您好：", "", "附件为本人的政府信息公开申请书（PDF格式），请查收。", "", "白乌力吉", "13654756631"]
    pdf = open(os.path.join(TOOLS, "application-form.pdf"), "rb").read()
    fname = "政府信息公开申请书.pdf"
    mid = "000a01dc7f5c$2b9e4d70$82dae850$@163.com"
    subj = "政府信息公开申请书"
    mixed = "----=_NextPart_000_000B_01DC7F9F.39C18D70"
    alt = "----=_NextPart_001_000C_01DC7F9F.39C18D70"
    from mklib import word_html
    m_ = Msg("\r\n")
    m_.header_block(mx("bailiji1980@163.com", "m16.mail.163.com", "220.181.12.14",
                       "Wed, 07 Jan 2026 08:52:23 +0800", "4FZy3q7LnTz2vBk") + """
Received: from DESKTOP-BWLJ (unknown [116.113.36.205])
	by smtp4 (Coremail) with SMTP id HNxpCgD3_3WGrl1pYv9vBA--.6120S2;
	Wed, 07 Jan 2026 08:52:21 +0800 (CST)""")
    m_.add('From: "%s" <bailiji1980@163.com>' % ew("白乌力吉", "gb2312"), "To: <%s>" % OFFICE,
           "Subject: " + ew(subj, "gb2312"), "Date: Wed, 7 Jan 2026 08:52:20 +0800",
           "Message-ID: <%s>" % mid, "MIME-Version: 1.0", "Content-Type: multipart/mixed;",
           '\tboundary="%s"' % mixed, "X-Mailer: Microsoft Outlook 16.0",
           "Thread-Index: Adx/XCiK4mTqzJ0eQ3a7Vt9sUw1PKg==", "Content-Language: zh-cn", "",
           "This is a multipart message in MIME format.", "",
           "--" + mixed, "Content-Type: multipart/alternative;", '\tboundary="%s"' % alt, "", "",
           "--" + alt, "Content-Type: text/plain;", '\tcharset="gb2312"',
           "Content-Transfer-Encoding: base64", "", b64(crlf("\n".join(paras) + "\n").encode("gbk")), "",
           "--" + alt, "Content-Type: text/html;", '\tcharset="gb2312"',
           "Content-Transfer-Encoding: quoted-printable", "", qp(word_html(paras).encode("gbk")), "",
           "--" + alt + "--", "",
           "--" + mixed, "Content-Type: application/pdf;", '\tname="%s"' % ew(fname, "gb2312"),
           "Content-Transfer-Encoding: base64", "Content-Disposition: attachment;",
           '\tfilename="%s"' % ew(fname, "gb2312"), "", b64(pdf), "", "--" + mixed + "--", "")
    data = m_.bytes()
    m = expect_message(name, mid, rec, "bailiji1980@163.com", subj, "application")
    c = expect_case(name, rec, "2026-01-28", applicant="白乌力吉", id_type="resident_id",
                    id_label="居民身份证",
                    id_number="150525198004174715", address="内蒙古通辽市奈曼旗八仙筒镇八仙筒村二组",
                    postcode="028300", phone="13654756631", email="bailiji1980@163.com",
                    description="奈曼旗八仙筒镇2025年度返乡创业担保贷款贴息的审批名单及每户贴息金额",
                    purpose="了解本人贷款贴息为何未获批准", sig="白乌力吉", date="2026-01-06",
                    method="post", medium="paper")
    return name, data, m, c


def main():
    only = set(sys.argv[1:])
    write_registered(only)
    if not only:
        samples = os.path.normpath(os.path.join(CORPUS, "..", "..", "samples"))
        os.makedirs(samples, exist_ok=True)
        for dst, src in SAMPLES:
            with open(os.path.join(CORPUS, src + ".eml"), "rb") as f:
                data = f.read()
            with open(os.path.join(samples, dst + ".eml"), "wb") as f:
                f.write(data)
        print("wrote %d samples to %s" % (len(SAMPLES), samples))


# The README's Quick start demo: copies of corpus messages.
SAMPLES = [
    ("01-form-complete", "001-foxmail-form-complete"),
    ("02-prose-letter", "005-iphone-prose-utf8-8bit"),
    ("03-organisation", "007-foxmail-organisation-uscc"),
    ("04-incomplete", "027-foxmail-missing-signature"),
    ("05-qq-html-table", "002-qq-html-table-gb18030"),
    ("06-auto-reply", "041-exchange-automatic-reply"),
]


if __name__ == "__main__":
    main()
