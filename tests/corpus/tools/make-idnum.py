#!/usr/bin/env python3
"""Writes messages 075-077, identity numbers and ID labels:
tests/corpus/NAME.eml and NAME.expect.json.

Run from anywhere: python3 tests/corpus/tools/make-idnum.py [NAME ...]
Written for issue 6: a resident ID the applicant typed that fails GB 11643
but happens to pass the credit-code checks must stay a person's invalid ID
(never a valid credit code, never "complete"); a first-generation 15-digit
number is invalid and kept as written; 证件名称 alone on a line with the
document's name on the next must still give the ID label.  The numbers
were checked with the weights of GB 11643, GB 32100 and GB 11714 (see
check-corpus.py).  Expected values are hand-written as a clerk would record
them (README "How the expectations are written").  Standard library only.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mklib import msg, mx, write_registered, coremail_html, expect_message, expect_case
from clients import foxmail, coremail, iphone


# =============================================================== 075
@msg
def m075():
    name = "075-foxmail-typed-id-fails-check"
    # 131102198506120383: a teacher born in Hengshui (131102); GB 11643
    # wants X as the check character, but the number is also a credit code
    # by every rule of GB 32100 (authority 1, category 3, division 110219,
    # organisation code 850612038).
    rec = "2026-09-08T16:21:09+08:00"
    text = """通辽市人力资源和社会保障局：

    本人依据《中华人民共和国政府信息公开条例》向贵局申请公开政府信息，具体如下：

姓名：董立新
工作单位：通辽市第五中学
证件名称：居民身份证
证件号码：131102198506120383
通信地址：内蒙古通辽市科尔沁区科尔沁大街东段华联小区3号楼2单元401
邮政编码：028000
联系电话：13847592216
电子邮箱：donglixin85@163.com

所需信息的内容描述：2025年度通辽市中小学教师中级职称评审通过人员名单及量化积分标准
所需信息的用途：核对本人评审积分
获取信息的方式：√电子邮件 □邮寄 □自行领取

申请人签名（盖章）：董立新
申请时间：2026年9月8日"""
    received = mx("donglixin85@163.com", "m16.mail.163.com", "220.181.12.18",
                  "Tue, 08 Sep 2026 16:21:09 +0800", "4GrT8k2XpLz5Mn7")
    mid = "202609081621057426318@163.com"
    subj = "政府信息公开申请（董立新）"
    data = foxmail(received=received, date="Tue, 8 Sep 2026 16:21:05 +0800", frm_name="董立新",
                   frm="donglixin85@163.com", subject=subj, text=text, mid=mid, cs="gb2312",
                   guid="5C2E9B7D-1F3A-4D86-A0B4-6E8F2C1D9A53", nextpart="702418395561")
    m = expect_message(name, mid, rec, "donglixin85@163.com", subj, "application")
    c = expect_case(name, rec, "2026-09-29", applicant="董立新", id_type="resident_id",
                    id_label="居民身份证", id_number="131102198506120383",
                    address="内蒙古通辽市科尔沁区科尔沁大街东段华联小区3号楼2单元401",
                    postcode="028000", phone="13847592216", email="donglixin85@163.com",
                    description="2025年度通辽市中小学教师中级职称评审通过人员名单及量化积分标准",
                    purpose="核对本人评审积分", sig="董立新", date="2026-09-08",
                    method="email", medium=None, invalid=["id_number"])
    return name, data, m, c


# =============================================================== 076
@msg
def m076():
    name = "076-iphone-prose-old-15-digit-id"
    # The number on his first-generation card (born 1957-06-11), void since
    # 2013: invalid, recorded as he wrote it.
    rec = "2026-06-15T20:37:52+08:00"
    text = """人社局领导你好：
我叫马福山，身份证号码150502570611301，今年69岁，住通辽市科尔沁区大林镇大林村三组，联系电话0475-8351122。我想申请公开大林镇2025年度高龄津贴的发放名单和发放标准。材料请邮寄给我。
马福山
2026年6月15日

发自我的iPhone"""
    received = mx("mafushan1957@126.com", "m16-42.126.com", "220.181.16.42",
                  "Mon, 15 Jun 2026 20:37:52 +0800", "4GnW3c8YtRz6Kp1")
    mid = "8E3B1C52-7A4F-4D19-9C60-2F5A8D7E4B13@126.com"
    subj = "申请公开高龄津贴名单"
    data = iphone(received=received, date="Mon, 15 Jun 2026 20:37:48 +0800", frm_name="马福山",
                  frm="mafushan1957@126.com", subject=subj, mid=mid, text=text)
    m = expect_message(name, mid, rec, "mafushan1957@126.com", subj, "application")
    c = expect_case(name, rec, "2026-07-07", applicant="马福山", id_type="resident_id",
                    id_label="身份证", id_number="150502570611301",
                    address="通辽市科尔沁区大林镇大林村三组", postcode=None,
                    phone="0475-8351122", email="mafushan1957@126.com",
                    description="大林镇2025年度高龄津贴的发放名单和发放标准",
                    purpose=None, sig="马福山", date="2026-06-15", method="post", medium=None,
                    invalid=["id_number"])
    return name, data, m, c


# =============================================================== 077
@msg
def m077():
    name = "077-163-labels-above-values"
    # The office's web form copied from a phone: every label alone on its
    # line, its value on the next; 居民身份证 under 证件名称 is a value,
    # though it is a label elsewhere.
    rec = "2026-10-19T11:05:31+08:00"
    text = """通辽市人社局：
您好，网上申请没有提交成功，我把填写的内容发过来：

申请人姓名
阿拉坦仓
证件名称
居民身份证
证件号码
150525199204183311
联系地址
通辽市奈曼旗大沁他拉镇团结路18号
邮政编码
028300
联系电话
15148752233
所需信息的内容描述
奈曼旗2025年度创业担保贷款贴息资金发放名单
申请人签名
阿拉坦仓
申请日期
2026年10月19日"""
    received = mx("alatancang92@163.com", "m16.mail.163.com", "220.181.12.19",
                  "Mon, 19 Oct 2026 11:05:31 +0800", "4GsV9d3ZqMz7Lw2")
    mid = "5b7e2c91.3d4a.19f9c2e7a1d.Coremail.alatancang92@163.com"
    subj = "政府信息公开申请"
    data = coremail(received=received, date="Mon, 19 Oct 2026 11:05:27 +0800", frm_name="阿拉坦仓",
                    frm="alatancang92@163.com", subject=subj, mid=mid, text=text,
                    html=coremail_html(text), ip="110.16.73.52",
                    part="305527_1467219835.1792379127514")
    m = expect_message(name, mid, rec, "alatancang92@163.com", subj, "application")
    c = expect_case(name, rec, "2026-11-09", applicant="阿拉坦仓", id_type="resident_id",
                    id_label="居民身份证", id_number="150525199204183311",
                    address="通辽市奈曼旗大沁他拉镇团结路18号", postcode="028300",
                    phone="15148752233", email="alatancang92@163.com",
                    description="奈曼旗2025年度创业担保贷款贴息资金发放名单",
                    purpose=None, sig="阿拉坦仓", date="2026-10-19", method=None, medium=None)
    return name, data, m, c


def main():
    write_registered(set(sys.argv[1:]))


if __name__ == "__main__":
    main()
