#!/usr/bin/env python3
"""Sanity checks of the corpus against its own expectations (not a test of
ogid): every expected deadline against the 2026 calendar of domain.md
section 4, identity-number checks (GB 11643, GB 32100, GB 11714) against
the invalid list, and that every expected value (name, ID, address, legal
representative, contact person ...) occurs in the decoded text of
its message (or in it with its line breaks removed, for values wrapped by
the client), so a typo in an expectation shows.  Decodes chunked base64
line group by line group, raw 8-bit GBK subjects, UTF-16 text with a BOM,
.docx tables and, when pdftotext is installed, PDF attachments (decode.py);
and that the "decoded" lines at the top of each expectation are current.  Prints one
line per message; exits 1 on any problem.
usage: python3 tests/corpus/tools/check-corpus.py
"""
import base64, email, json, glob, os, re, io, subprocess, sys, tempfile, zipfile, datetime, unicodedata
from email.header import decode_header, make_header
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from decode import texts, decoded_lines
D=os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def fold(s): return unicodedata.normalize("NFKC",s) if s else s
# calendar
off=set();work=set()
for a,b in [("01-01","01-03"),("02-15","02-23"),("04-04","04-06"),("05-01","05-05"),("06-19","06-21"),("09-25","09-27"),("10-01","10-07")]:
    d=datetime.date.fromisoformat("2026-"+a); e=datetime.date.fromisoformat("2026-"+b)
    while d<=e: off.add(d); d+=datetime.timedelta(1)
for w in ["01-04","02-14","02-28","05-09","09-20","10-10"]: work.add(datetime.date.fromisoformat("2026-"+w))
def isw(d): return d in work or (d.weekday()<5 and d not in off)
def dl(s):
    d=datetime.date.fromisoformat(s[:10]); n=0
    while n<15:
        d+=datetime.timedelta(1)
        if isw(d): n+=1
    return d.isoformat()
assert dl("2026-09-30")=="2026-10-27"
W=[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2]
def ridok(s): return len(s)==18 and s[17]=="10X98765432"[sum(int(c)*w for c,w in zip(s,W))%11]
A="0123456789ABCDEFGHJKLMNPQRTUWXY";WU=[1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28]
def usccok(s): return s[17]==A[(31-sum(A.index(c)*w for c,w in zip(s,WU))%31)%31]
WO=[3,7,9,10,5,8,4,2]
def orgok(s):
    c=11-sum((int(ch) if ch.isdigit() else ord(ch)-55)*w for ch,w in zip(s,WO))%11
    return len(s)==9 and s[8]=={10:"X",11:"0"}.get(c,str(c))
bad=False
for f in sorted(glob.glob(D+"/*.eml")):
    name=os.path.basename(f)[:-4]
    raw=open(f,"rb").read()
    exp=json.load(open(f[:-4]+".expect.json"))
    m=email.message_from_bytes(raw)
    prob=[]
    subj=m["Subject"]
    # gb2312 words often hold GBK-only characters: decode them as GB18030.
    ds=str(make_header([(w,"gb18030" if (cs or "").lower() in ("gb2312","gbk") else cs)
                        for w,cs in decode_header(subj)]))
    if "\ufffd" in ds or any(0xdc80<=ord(ch)<=0xdcff for ch in ds):
        ds=re.search(rb"\nSubject: ([^\r\n]*)",raw).group(1).decode("gb18030")
    em=exp["message"]
    if ds!=em["subject"]: prob.append("subject %r"%ds)
    mid=(m["Message-ID"] or m["Message-Id"] or "").strip()[1:-1]
    if mid!=em["message_id"]: prob.append("mid %r"%mid)
    if em["from"] not in str(m["From"]): prob.append("from %r"%m["From"])
    if exp.get("decoded")!=decoded_lines(raw): prob.append("decoded lines stale: run its generator")
    out=[]; texts(m,out); T=fold("\n".join(out))
    # A value wrapped by the client (hard breaks, format=flowed) is one
    # string in the expectation: look for it in the text with the line
    # breaks, and the blanks around them, taken out as well.
    T+="\n"+re.sub(r"[ \t\u3000]*\r?\n[ \t\u3000]*","",T)
    # English wrapped by format=flowed keeps the space of its soft break.
    T+="\n"+re.sub(r" \r?\n"," ",T)
    c=exp["case"]
    if c:
        if dl(exp["received_at"])!=c["deadline"]: prob.append("deadline %s != %s"%(c["deadline"],dl(exp["received_at"])))
        ap=c["applicant"]
        for k in ["name","id_number","address","postcode","phone","fax","legal_rep","contact_person","agent","agent_phone"]:
            v=ap.get(k)
            if v and fold(v) not in T: prob.append("%s %r not in text"%(k,v))
        if ap["email"] and ap["email"] not in T and ap["email"]!=em["from"]: prob.append("email")
        for k in ["description","purpose"]:
            v=c["request"][k]
            if v and fold(v) not in T: prob.append("%s not in text"%k)
        if c["signature"]["text"] and fold(c["signature"]["text"]) not in T: prob.append("sig")
        inv="id_number" in c["invalid"]
        if ap["id_type"]=="resident_id" and ridok(ap["id_number"])==inv: prob.append("id check mismatch")
        if ap["id_type"]=="uscc" and usccok(ap["id_number"])==inv: prob.append("uscc check mismatch")
        if ap["id_type"]=="org_code" and orgok(ap["id_number"])==inv: prob.append("org code check mismatch")
        if c["application_date"] and c["application_date"]>exp["received_at"][:10] and "date" not in c["invalid"]: prob.append("future date")
    # line endings
    crlf=raw.count(b"\r\n"); lf=raw.count(b"\n")
    eol="CRLF" if crlf==lf else ("LF" if crlf==0 else "MIXED")
    print(("ok   " if not prob else "BAD  ")+name, eol, "; ".join(prob))
    bad = bad or bool(prob)
sys.exit(1 if bad else 0)
