#!/usr/bin/python3
"""Writes the PDFs "from another program" that tests/pdf imports.

Each plan is written as a Word-style document (.fodt): the header and the
closing as borderless two-column tables, as offices lay them out, justified
body paragraphs with a first-line indent, bold and italic runs.  LibreOffice
converts it to .docx and the .docx to PDF, the way such a plan reaches an
office.  Next to each PDF goes NAME.json, the fields that must come back.

    tests/pdf/make-fixtures.py [OUTDIR]     (default: tests/fixtures/pdf)

The PDFs are kept in the repository: the test needs no LibreOffice, and the
fixtures do not change with its version.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Times New Roman" svg:font-family="'Times New Roman'" style:font-family-generic="roman"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm"/>
  <style:text-properties style:font-name="Times New Roman" fo:font-size="14pt" fo:language="vi" fo:country="VN"/>
 </style:default-style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pmP">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" style:print-orientation="portrait"
   fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="1.5cm"/>
 </style:page-layout>
 <style:page-layout style:name="pmL">
  <style:page-layout-properties fo:page-width="29.7cm" fo:page-height="21cm" style:print-orientation="landscape"
   fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
 </style:page-layout>
 <style:style style:name="Body" style:family="paragraph">
  <style:paragraph-properties fo:text-align="justify" fo:text-indent="1.27cm" fo:margin-bottom="0.21cm" fo:line-height="115%"/>
 </style:style>
 <style:style style:name="BodyB" style:family="paragraph">
  <style:paragraph-properties fo:text-align="justify" fo:text-indent="1.27cm" fo:margin-bottom="0.21cm" fo:line-height="115%"/>
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="0.4cm"/>
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Subject" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-bottom="0.5cm"/>
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="C" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="13pt"/>
 </style:style>
 <style:style style:name="CB" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="13pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="CB12" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="12pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="CI" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="0.2cm"/>
  <style:text-properties fo:font-size="13pt" fo:font-style="italic"/>
 </style:style>
 <style:style style:name="Sig" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="14pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="RecT" style:family="paragraph">
  <style:text-properties fo:font-size="12pt" fo:font-weight="bold" fo:font-style="italic"/>
 </style:style>
 <style:style style:name="Rec" style:family="paragraph">
  <style:paragraph-properties fo:text-align="start" fo:margin-left="0.25cm" fo:text-indent="-0.25cm"/>
  <style:text-properties fo:font-size="11pt"/>
 </style:style>
 <style:style style:name="Annex" style:family="paragraph" style:master-page-name="Landscape">
  <style:paragraph-properties fo:text-align="center" fo:break-before="page"/>
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Cell" style:family="paragraph">
  <style:text-properties fo:font-size="12pt"/>
 </style:style>
 <style:style style:name="CellB" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center"/>
  <style:text-properties fo:font-size="12pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
 <style:style style:name="Tab2" style:family="table">
  <style:table-properties style:width="16.5cm" table:align="left"/>
 </style:style>
 <style:style style:name="Tab2.A" style:family="table-column"><style:table-column-properties style:column-width="{LEFT}cm"/></style:style>
 <style:style style:name="Tab2.B" style:family="table-column"><style:table-column-properties style:column-width="{RIGHT}cm"/></style:style>
 <style:style style:name="None" style:family="table-cell">
  <style:table-cell-properties fo:border="none" fo:padding="0.05cm"/>
 </style:style>
 <style:style style:name="Grid" style:family="table">
  <style:table-properties style:width="25.7cm" table:align="left"/>
 </style:style>
 <style:style style:name="Grid.A" style:family="table-column"><style:table-column-properties style:column-width="1.5cm"/></style:style>
 <style:style style:name="Grid.B" style:family="table-column"><style:table-column-properties style:column-width="12cm"/></style:style>
 <style:style style:name="Grid.C" style:family="table-column"><style:table-column-properties style:column-width="7cm"/></style:style>
 <style:style style:name="Grid.D" style:family="table-column"><style:table-column-properties style:column-width="5.2cm"/></style:style>
 <style:style style:name="Line" style:family="table-cell">
  <style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.1cm"/>
 </style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pmP"/>
 <style:master-page style:name="Landscape" style:page-layout-name="pmL"/>
</office:master-styles>
<office:body><office:text>
"""
TAIL = "</office:text></office:body></office:document>\n"


def runs(text):
    """**bold** and *italic* in the fixture's source to text spans."""
    out, i = [], 0
    while i < len(text):
        if text.startswith("**", i):
            j = text.index("**", i + 2)
            out.append('<text:span text:style-name="B">%s</text:span>' % escape(text[i + 2:j]))
            i = j + 2
        elif text[i] == "*" and text.find("*", i + 1) > i + 1 and not text.startswith("* ", i):
            j = text.index("*", i + 1)
            out.append('<text:span text:style-name="I">%s</text:span>' % escape(text[i + 1:j]))
            i = j + 1
        else:
            j = i + 1
            while j < len(text) and not (text[j] == "*" and not text.startswith("* ", j)):
                j += 1
            out.append(escape(text[i:j]))
            i = j
    return "".join(out)


def p(style, text):
    return '<text:p text:style-name="%s">%s</text:p>\n' % (style, runs(text))


def two_columns(left, right):
    """A borderless two-column table: lists of (style, text) per cell."""
    x = ['<table:table table:name="T%d" table:style-name="Tab2">' % id(left),
         '<table:table-column table:style-name="Tab2.A"/><table:table-column table:style-name="Tab2.B"/>',
         '<table:table-row>']
    for cell in (left, right):
        x.append('<table:table-cell table:style-name="None" office:value-type="string">')
        x.extend(p(s, t) for s, t in cell)
        x.append('</table:table-cell>')
    x.append('</table:table-row></table:table>\n')
    return "".join(x)


def grid(rows):
    x = ['<table:table table:name="Annex" table:style-name="Grid">']
    x.extend('<table:table-column table:style-name="Grid.%s"/>' % c for c in "ABCD")
    for r, row in enumerate(rows):
        x.append('<table:table-row>')
        for cell in row:
            x.append('<table:table-cell table:style-name="Line" office:value-type="string">')
            x.append(p("CellB" if r == 0 else "Cell", cell))
            x.append('</table:table-cell>')
        x.append('</table:table-row>')
    x.append('</table:table>\n')
    return "".join(x)


def document(plan, header_left, header_right, body, closing_left, closing_right, annex=None,
             left_cm=6.5):
    x = [HEAD.replace("{LEFT}", str(left_cm)).replace("{RIGHT}", str(16.5 - left_cm))]
    x.append(two_columns(header_left, header_right))
    x.append(p("Title", plan["type_name"]))
    x.append(p("Subject", plan["subject"]))
    for style, text in body:
        x.append(p(style, text))
    x.append(two_columns(closing_left, closing_right))
    if annex:
        title, rows = annex
        x.append(p("Annex", title))
        x.append(grid(rows))
    x.append(TAIL)
    return "".join(x)


def blank_signature_room(sig):
    return sig[:-1] + [("Sig", "")] * 3 + sig[-1:]


FIXTURES = []

# 1. State plan with a landscape annex (a table of targets).
plan = {
    "profile": "state", "superior_body": "UBND TỈNH ĐIỆN BIÊN", "issuing_body": "SỞ Y TẾ",
    "number": "215", "symbol": "KH-SYT", "place": "Điện Biên",
    "date": {"day": 8, "month": 2, "year": 2024}, "type_name": "KẾ HOẠCH",
    "subject": "Tổ chức phong trào thi đua “Ngành Y tế Điện Biên đoàn kết, đổi mới, nâng cao chất lượng khám bệnh, chữa bệnh” năm 2024",
    "recipients": ["UBND tỉnh (b/c);", "Ban Thi đua - Khen thưởng tỉnh;", "Các phòng, đơn vị trực thuộc;", "Lưu: VT, VP."],
    "signer": {"authority": "KT.", "on_behalf_of": "GIÁM ĐỐC", "position": "PHÓ GIÁM ĐỐC", "name": "Lò Văn Thắng"},
}
body = [
    ("Body", "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"),
    ("Body", "Thực hiện Kế hoạch số 12/KH-UBND ngày 15/01/2024 của UBND tỉnh Điện Biên về phát động phong trào thi đua năm 2024, Sở Y tế xây dựng Kế hoạch tổ chức phong trào thi đua như sau:"),
    ("BodyB", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("BodyB", "1. Mục đích"),
    ("Body", "- Động viên cán bộ, viên chức, người lao động toàn ngành thi đua hoàn thành xuất sắc nhiệm vụ năm 2024, trọng tâm là **nâng cao chất lượng khám bệnh, chữa bệnh** và sự hài lòng của người bệnh."),
    ("Body", "- Phát hiện, bồi dưỡng và nhân rộng các điển hình tiên tiến theo tinh thần *“mỗi cán bộ y tế là một tấm gương”* trong toàn ngành."),
    ("BodyB", "2. Yêu cầu"),
    ("Body", "- Phong trào thi đua được tổ chức thiết thực, hiệu quả, tránh hình thức; gắn với việc thực hiện nhiệm vụ chuyên môn của từng đơn vị."),
    ("BodyB", "II. CHỈ TIÊU THI ĐUA"),
    ("Body", "Các chỉ tiêu cụ thể của từng đơn vị tại Phụ lục kèm theo Kế hoạch này. Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị báo cáo về Sở Y tế (qua Văn phòng) để được hướng dẫn./."),
]
annex_rows = [
    ["STT", "Nội dung chỉ tiêu", "Đơn vị thực hiện", "Thời gian"],
    ["1", "Tỷ lệ người bệnh hài lòng với dịch vụ khám bệnh, chữa bệnh đạt từ 90% trở lên", "Các bệnh viện tuyến tỉnh", "Cả năm 2024"],
    ["2", "Triển khai bệnh án điện tử", "Bệnh viện Đa khoa tỉnh", "Quý IV/2024"],
    ["3", "Không để xảy ra sai sót chuyên môn nghiêm trọng", "Toàn ngành", "Cả năm 2024"],
]
annex_body = ("**PHỤ LỤC**\n| STT | Nội dung chỉ tiêu | Đơn vị thực hiện | Thời gian |\n|---|---|---|---|\n"
              + "\n".join("| %s |" % " | ".join(r) for r in annex_rows[1:]))
plan["body"] = "\n".join(t for _, t in body) + "\n" + annex_body
FIXTURES.append(("word-state-annex", plan, document(
    plan,
    [("C", plan["superior_body"]), ("CB", plan["issuing_body"]), ("C", ""), ("C", "Số: 215/KH-SYT")],
    [("CB12", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("CB", "Độc lập - Tự do - Hạnh phúc"), ("C", ""),
     ("CI", "Điện Biên, ngày 08 tháng 02 năm 2024")],
    body,
    [("RecT", "Nơi nhận:")] + [("Rec", "- " + r) for r in plan["recipients"]],
    blank_signature_room([("Sig", "KT. GIÁM ĐỐC"), ("Sig", "PHÓ GIÁM ĐỐC"), ("Sig", "Lò Văn Thắng")]),
    annex=("PHỤ LỤC", annex_rows))))

# 2. Party plan whose recipients are long enough to wrap in their column.
plan = {
    "profile": "party", "superior_body": "ĐẢNG BỘ TỈNH LAI CHÂU", "issuing_body": "ĐẢNG ỦY TRƯỜNG CHÍNH TRỊ",
    "number": "100", "symbol": "KH/ĐU", "place": "Lai Châu",
    "date": {"day": 2, "month": 3, "year": 2022}, "type_name": "KẾ HOẠCH",
    "subject": "Triển khai phong trào thi đua năm 2022",
    "recipients": [
        "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh, Ban Tổ chức Tỉnh ủy, Ban Tuyên giáo Tỉnh ủy (để báo cáo);",
        "Các đồng chí Đảng ủy viên, bí thư các chi bộ trực thuộc Đảng bộ Trường Chính trị tỉnh (để thực hiện);",
        "Lưu Văn phòng Đảng ủy.",
    ],
    "signer": {"authority": "T/M", "on_behalf_of": "ĐẢNG ỦY", "position": "BÍ THƯ", "name": "Nguyễn Văn An"},
}
body = [
    ("Body", "Căn cứ Hướng dẫn số 30-HD/HVCTQG, ngày 03/02/2021 của Học viện Chính trị quốc gia Hồ Chí Minh về tổ chức hoạt động và bình xét thi đua của Cụm thi đua các trường chính trị;"),
    ("BodyB", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("Body", "- Tổ chức, triển khai phong trào thi đua năm 2022 sôi nổi, rộng khắp trong toàn trường; thiết thực lập thành tích chào mừng các ngày lễ lớn của đất nước và của tỉnh."),
    ("BodyB", "II. NỘI DUNG"),
    ("Body", "Các chi bộ căn cứ Kế hoạch này xây dựng kế hoạch cụ thể, tổ chức thực hiện và báo cáo kết quả về Đảng ủy trước ngày 15/12/2022./."),
]
plan["body"] = "\n".join(t for _, t in body)
FIXTURES.append(("word-party-wrap", plan, document(
    plan,
    [("C", plan["superior_body"]), ("CB", plan["issuing_body"]), ("C", "*"), ("C", "Số 100-KH/ĐU")],
    [("CB", "ĐẢNG CỘNG SẢN VIỆT NAM"), ("C", ""), ("C", ""), ("CI", "Lai Châu, ngày 02 tháng 3 năm 2022")],
    body,
    [("RecT", "Nơi nhận:")] + [("Rec", "- " + r) for r in plan["recipients"]],
    blank_signature_room([("Sig", "T/M ĐẢNG ỦY"), ("Sig", "BÍ THƯ"), ("Sig", "Nguyễn Văn An")]),
    left_cm=7.0)))

# 3. Union plan with the number and the day and month left blank for the
# clerk (the year typed).
plan = {
    "profile": "union", "superior_body": "LĐLĐ TỈNH LAI CHÂU", "issuing_body": "CÔNG ĐOÀN VIÊN CHỨC TỈNH",
    "number": "", "symbol": "KH-CĐVC", "place": "Lai Châu",
    "date": {"day": None, "month": None, "year": 2026}, "type_name": "KẾ HOẠCH",
    "subject": "Tổ chức phong trào thi đua “Giỏi việc nước, đảm việc nhà” năm 2026",
    "recipients": ["LĐLĐ tỉnh (b/c);", "Các công đoàn cơ sở trực thuộc;", "Lưu: VT."],
    "signer": {"authority": "TM.", "on_behalf_of": "BAN THƯỜNG VỤ", "position": "CHỦ TỊCH", "name": "Lường Thị Hoa"},
}
body = [
    ("Body", "Thực hiện Chương trình công tác năm 2026 của Liên đoàn Lao động tỉnh, Ban Thường vụ Công đoàn Viên chức tỉnh xây dựng Kế hoạch như sau:"),
    ("BodyB", "I. MỤC ĐÍCH"),
    ("Body", "- Động viên nữ đoàn viên, công chức, viên chức thi đua hoàn thành tốt nhiệm vụ chuyên môn, xây dựng gia đình no ấm, bình đẳng, tiến bộ, hạnh phúc."),
    ("BodyB", "II. TỔ CHỨC THỰC HIỆN"),
    ("Body", "Các công đoàn cơ sở triển khai Kế hoạch này và báo cáo kết quả trước ngày 30/11/2026./."),
]
plan["body"] = "\n".join(t for _, t in body)
FIXTURES.append(("word-union-blank", plan, document(
    plan,
    [("C", plan["superior_body"]), ("CB", plan["issuing_body"]), ("C", ""), ("C", "Số:        /KH-CĐVC")],
    [("CB12", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("CB", "Độc lập - Tự do - Hạnh phúc"), ("C", ""),
     ("CI", "Lai Châu, ngày       tháng       năm 2026")],
    body,
    [("RecT", "Nơi nhận:")] + [("Rec", "- " + r) for r in plan["recipients"]],
    blank_signature_room([("Sig", "TM. BAN THƯỜNG VỤ"), ("Sig", "CHỦ TỊCH"), ("Sig", "Lường Thị Hoa")]))))


def convert(src, fmt, outdir):
    profile = tempfile.mkdtemp(prefix="thidua-lo-")
    try:
        subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless",
                        "--convert-to", fmt, "--outdir", outdir, src],
                       check=True, stdout=subprocess.DEVNULL)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def sign(src, dst):
    """Appends (an incremental update, as signing software does) a signature
    field whose appearance shows the signer's certificate over the
    signature block, as digitally signed plans look."""
    data = open(src, "rb").read()
    m = re.search(rb"(\d+) 0 obj\s*<<\s*/Type\s*/Page\b(.*?)>>\s*endobj", data, re.S)
    page, body = int(m.group(1)), m.group(2)
    size = int(re.findall(rb"/Size (\d+)", data)[-1])
    prev = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    root = re.findall(rb"/Root (\d+ 0 R)", data)[-1]
    font, ap, annot = size, size + 1, size + 2
    stream = (b"BT /F1 9 Tf 5 40 Td (SO Y TE DIEN BIEN) Tj 0 -12 Td (Ky boi: Nguyen Van Binh) Tj "
              b"0 -12 Td (Thoi gian ky: 08.02.2024 10:20:30 +07:00) Tj ET")
    objs = {
        font: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ap: b"<< /Type /XObject /Subtype /Form /BBox [0 0 220 60] /Resources << /Font << /F1 %d 0 R >> >>"
            b" /Length %d >>\nstream\n" % (font, len(stream)) + stream + b"\nendstream",
        annot: b"<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature1) /F 4 /Rect [330 560 550 620]"
               b" /P %d 0 R /AP << /N %d 0 R >> >>" % (page, ap),
        page: b"<< /Type /Page" + body + b" /Annots [%d 0 R] >>" % annot,
    }
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets = {}
    for k in sorted(objs):
        offsets[k] = len(out)
        out += b"%d 0 obj\n" % k + objs[k] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n" + b"".join(b"%d 1\n%010d 00000 n \n" % (k, offsets[k]) for k in sorted(offsets))
    out += b"trailer\n<< /Size %d /Root %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (annot + 1, root, prev, xref)
    open(dst, "wb").write(out)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "fixtures", "pdf")
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, plan, fodt in FIXTURES:
            src = os.path.join(tmp, name + ".fodt")
            with open(src, "w", encoding="utf-8") as f:
                f.write(fodt)
            convert(src, "docx", tmp)
            convert(os.path.join(tmp, name + ".docx"), "pdf", tmp)
            shutil.copy(os.path.join(tmp, name + ".pdf"), os.path.join(out, name + ".pdf"))
            with open(os.path.join(out, name + ".json"), "w", encoding="utf-8") as f:
                json.dump(plan, f, ensure_ascii=False, indent=1)
                f.write("\n")
            print(name)
        # the union plan, digitally signed
        sign(os.path.join(out, "word-union-blank.pdf"), os.path.join(out, "word-union-signed.pdf"))
        shutil.copy(os.path.join(out, "word-union-blank.json"), os.path.join(out, "word-union-signed.json"))
        print("word-union-signed")
        # the same plan, encrypted: with a password to open it, and with
        # only an owner password (it opens, copying is restricted)
        src = os.path.join(tmp, "word-party-wrap.docx")
        for name, options in (
                ("encrypted-open-password", '"EncryptFile":{"type":"boolean","value":"true"},'
                 '"DocumentOpenPassword":{"type":"string","value":"thidua"}'),
                ("encrypted-restrictions", '"RestrictPermissions":{"type":"boolean","value":"true"},'
                 '"PermissionPassword":{"type":"string","value":"thidua"},'
                 '"EnableCopyingOfContent":{"type":"boolean","value":"false"}')):
            sub = os.path.join(tmp, name)
            os.makedirs(sub)
            convert(src, "pdf:writer_pdf_Export:{%s}" % options, sub)
            shutil.copy(os.path.join(sub, "word-party-wrap.pdf"), os.path.join(out, name + ".pdf"))
            print(name)


if __name__ == "__main__":
    main()
