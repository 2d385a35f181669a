#!/usr/bin/python3
"""Writes the hostile-input corpus (tests/hostile/corpus/).  The files are
committed; this script says how each was made and makes them again.
Run: /usr/bin/python3 tests/hostile/make-corpus.py"""
import io
import os
import struct
import zipfile
import zlib

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")
os.makedirs(HERE, exist_ok=True)


def put(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


# ---- 1: targets --set with wrong types -------------------------------
put("d01-targets-measure-number.json", '[{"title":"LĐTT","measure":5}]')
put("d01-targets-title-number.json", '[{"title":5}]')
put("d01-targets-title-object.json", '[{"title":{}}]')
put("d01-targets-empty.json", "")
put("d01-targets-min-string.json", '[{"title":"LĐTT","min":"x"}]')
put("d01-targets-min-array.json", '[{"title":"LĐTT","min":[1]}]')
put("d01-targets-base-bool.json", '[{"title":"LĐTT","min":5,"base":true}]')
put("d01-targets-not-array.json", '{"title":"LĐTT"}')
put("d01-targets-element-string.json", '["LĐTT"]')
put("d01-targets-min-negative.json", '[{"title":"LĐTT","min":-5}]')

# ---- 2: nesting deeper than 64 ----------------------------------------
put("d02-deep-array.json", "[" * 80000 + "]" * 80000)
put("d02-deep-object.json", '{"a":' * 20000 + "1" + "}" * 20000)
put("d02-depth-65.json", '{"subject":' + "[" * 64 + "]" * 64 + "}")

# ---- 7: NUL in strings ------------------------------------------------
put("d07-nul-subject.json", '{"subject":"abc\\u0000def","body":"I. A\\u0000\\nII. B"}')
put("d07-nul-body.json", '{"body":"I. A\\u0000\\nII. B"}')
put("d07-nul-recipient.json", '{"recipients":["Như trên;","Lưu\\u0000: VT."]}')
put("d07-nul-key.json", '{"subj\\u0000ect":"x"}')
put("d07-nul-raw.json", b'{"subject":"a\x00b"}')

# ---- 8: numbers that do not fit ----------------------------------------
put("d08-day-negative-huge.json", '{"date":{"day":-99999999999999999999999}}')
put("d08-day-2p63.json", '{"date":{"day":9223372036854775808}}')
put("d08-day-huge.json", '{"date":{"day":99999999999}}')
put("d08-year-1e400.json", '{"date":{"year":1e400}}')
put("d08-day-fraction.json", '{"date":{"day":1.5}}')
put("d08-targets-min-1e400.json", '[{"title":"LĐTT","min":1e400}]')


# ---- workbooks ------------------------------------------------------------
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def sheet(rows_xml):
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}><sheetData>{rows_xml}</sheetData></worksheet>'


def xlsx(name, sheet_xml, shared=None, level=9, extra=None):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("[Content_Types].xml", CT)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
        for k, v in (extra or {}).items():
            z.writestr(k, v)
    put(name, buf.getvalue())
    return buf.getvalue()


HEADER = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c>'
          '<c r="B1" t="inlineStr"><is><t>Danh hiệu thi đua</t></is></c></row>')

# 3: column references past XFD
xlsx("d03-xlsx-column-overflow.xlsx", sheet(HEADER + '<row r="2"><c r="FXSHRXX2" t="inlineStr"><is><t>x</t></is></c></row>'))
xlsx("d03-xlsx-column-zzzzzz.xlsx", sheet(HEADER + '<row r="2"><c r="ZZZZZZ2" t="inlineStr"><is><t>x</t></is></c></row>'))
xlsx("d03-xlsx-column-xfe.xlsx", sheet(HEADER + '<row r="2"><c r="XFE2" t="inlineStr"><is><t>x</t></is></c></row>'))
xlsx("d03-xlsx-row-past-limit.xlsx", sheet(HEADER + '<row r="99999999999"><c t="inlineStr"><is><t>x</t></is></c></row>'))

# 4: zip64 sizes claiming 2^40 and 2^60 bytes
def zip64_claim(name, claim):
    """A zip written by hand: the sheet's central directory entry says its
    sizes are in a zip64 extra field, which claims CLAIM bytes unpacked."""
    entries = [("[Content_Types].xml", CT.encode(), None),
               ("xl/worksheets/sheet1.xml", sheet(HEADER).encode(), claim)]
    out = bytearray()
    central = bytearray()
    for fname, raw, fake in entries:
        comp = zlib.compressobj(9, zlib.DEFLATED, -15)
        data = comp.compress(raw) + comp.flush()
        crc = zlib.crc32(raw)
        offset = len(out)
        fn = fname.encode()
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, 0, 0, crc,
                           len(data), len(raw), len(fn), 0) + fn + data
        if fake is None:
            central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 8, 0, 0, crc,
                                   len(data), len(raw), len(fn), 0, 0, 0, 0, 0, offset) + fn
        else:
            extra = struct.pack("<HHQQ", 1, 16, fake, len(data))
            central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 8, 0, 0, crc,
                                   0xFFFFFFFF, 0xFFFFFFFF, len(fn), len(extra), 0, 0, 0, 0,
                                   offset) + fn + extra
    cd_offset = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries),
                       len(central), cd_offset, 0)
    put(name, bytes(out))


zip64_claim("d04-xlsx-zip64-2e40.xlsx", 1 << 40)
zip64_claim("d04-xlsx-zip64-2e60.xlsx", 1 << 60)

# 5: a zip bomb (200 MB of rows in about 200 kB), too many rows, cells,
# shared strings, a string too long, a DTD with entities
row = '<row><c t="inlineStr"><is><t>Nguyễn Văn A</t></is></c><c t="inlineStr"><is><t>LĐTT</t></is></c></row>'
big = sheet(HEADER + row * (200 * 1024 * 1024 // len(row.encode())))
xlsx("d05-xlsx-bomb-200mb.xlsx", big)
del big
xlsx("d05-xlsx-rows-150000.xlsx", sheet(HEADER + '<row><c><v>1</v></c></row>' * 150000))
xlsx("d05-xlsx-cells-xfd.xlsx", sheet(HEADER + '<row><c r="XFD1"><v>1</v></c></row>' * 200))
xlsx("d05-xlsx-shared-1100000.xlsx", sheet(HEADER),
     shared=f'<sst {NS}>' + "<si><t>a</t></si>" * 1100000 + "</sst>")
xlsx("d05-xlsx-long-string.xlsx", sheet(HEADER + '<row r="2"><c t="inlineStr"><is><t>' + "x" * (200 * 1024) + "</t></is></c></row>"))
xlsx("d05-xlsx-dtd-entities.xlsx",
     '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
     '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
     f'<worksheet {NS}><sheetData>' + HEADER + '<row r="2"><c t="inlineStr"><is><t>&d;&d;&d;</t></is></c></row></sheetData></worksheet>')
xlsx("d05-xlsx-deep-xml.xlsx", sheet(HEADER + "<x>" * 5000 + "</x>" * 5000))

# 15: CSV whose quote is never closed (the cells read before it leaked)
put("d15-csv-unclosed-quote.csv", "Họ và tên;Danh hiệu thi đua\nNguyễn Văn A;LĐTT\n\"Trần Thị B;LĐTT\nLê Văn C;CSTĐCS\n")
put("d15-csv-cells-2100000.csv", "Họ và tên;Danh hiệu thi đua\n" + ";" * 2100000 + "\n")
put("d15-csv-long-cell.csv", "Họ và tên;Danh hiệu thi đua\n" + "x" * (200 * 1024) + ";LĐTT\n")
# an XLS header with nothing behind it
put("d15-xls-truncated.xls", bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + b"\0" * 504)

put("d08-invalid-utf8-key.json", b'{"a\xff":1e400}')  # found by fuzz-plan-json: the key shown must be valid UTF-8

# ---- found by fuzz-xls: libfreexl 1.0.6 converts a directory entry's name
# with the length the entry states, up to 65535 bytes from a 64-byte field
# in a stack buffer (fuzz/findings/README.md).  The fuzzer's input as found,
# and the register fixture with only its root entry's name length changed.
TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
with open(os.path.join(TOP, "fuzz", "findings", "libfreexl-iconv-stack-underflow.xls"), "rb") as f:
    put("fz-xls-freexl-dir-name-found.xls", f.read())
with open(os.path.join(TOP, "tests", "fixtures", "register", "libreoffice", "dang-ky-2024.xls"), "rb") as f:
    xls = bytearray(f.read())
dir_start = struct.unpack_from("<I", xls, 48)[0]
struct.pack_into("<H", xls, (dir_start + 1) * 512 + 64, 26880)
put("fz-xls-freexl-dir-name-26880.xls", bytes(xls))
# a FORMAT record whose string claims 53,255 two-byte characters in a
# 12-byte record: libfreexl copied 106 kB past its record buffer
with open(os.path.join(TOP, "fuzz", "findings", "libfreexl-biff-heap-overread.xls"), "rb") as f:
    put("fz-xls-freexl-format-overread.xls", f.read())
# a mini stream whose chain runs past the file: libfreexl failed and kept it
with open(os.path.join(TOP, "fuzz", "findings", "libfreexl-ministream-leak.xls"), "rb") as f:
    put("fz-xls-freexl-ministream-chain.xls", f.read())
# found by fuzz-xls in Thi Đua's reader: a DIMENSIONS record ending at column 65,526
# columns made every row that wide (the format has 256)
with open(os.path.join(TOP, "fuzz", "findings", "xls-dimensions-65526-columns.xls"), "rb") as f:
    put("fz-xls-dimensions-65526-columns.xls", f.read())
