#!/usr/bin/python3
"""Small PDFs for the fuzz-pdf seed corpus: standard fonts (nothing
embedded), text placed as a plan's page is — two header columns, a title,
justified body lines, the closing in two columns — and a landscape page
with a table; one has an annotation over the signature, one an image only.
    fuzz/make-pdf-corpus.py   → fuzz/corpus/pdf/*.pdf"""
import os

def pdf(pages, annots=False):
    objs = []
    def add(s):
        objs.append(s)
        return len(objs)
    font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding >>")
    bold = add("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Bold /Encoding /WinAnsiEncoding >>")
    ital = add("<< /Type /Font /Subtype /Type1 /BaseFont /Times-Italic /Encoding /WinAnsiEncoding >>")
    kids = []
    pages_id = len(objs) + 1 + 2 * len(pages) + (1 if annots else 0)
    for w, h, items in pages:
        ops = []
        for f, size, x, y, text in items:
            t = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append("BT /F%d %g Tf %g %g Td (%s) Tj ET" % (f, size, x, h - y, t))
        stream = "\n".join(ops).encode("latin-1")
        c = add("<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream.decode("latin-1")))
        extra = ""
        if annots:
            a = add("<< /Type /Annot /Subtype /FreeText /Rect [330 60 560 140] /Contents (Ky boi: SO Y TE) /DA (/F1 9 Tf) >>")
            extra = " /Annots [%d 0 R]" % a
            annots = False
        p = add("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g] /Contents %d 0 R "
                "/Resources << /Font << /F1 %d 0 R /F2 %d 0 R /F3 %d 0 R >> >>%s >>"
                % (pages_id, w, h, c, font, bold, ital, extra))
        kids.append(p)
    assert add("<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join("%d 0 R" % k for k in kids), len(kids))) == pages_id
    cat = add("<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offs = []
    for i, o in enumerate(objs):
        offs.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o.encode("latin-1") + b"\nendobj\n"
    x = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, cat, x)
    return bytes(out)

A4 = (595.28, 841.89)
plan = [
    (1, 12, 110, 60, "UBND TINH DIEN BIEN"), (2, 12, 135, 74, "SO Y TE"),
    (2, 12, 300, 60, "CONG HOA XA HOI CHU NGHIA VIET NAM"), (2, 13, 340, 74, "Doc lap - Tu do - Hanh phuc"),
    (1, 13, 120, 100, "So: 215/KH-SYT"), (3, 13, 310, 100, "Dien Bien, ngay 08 thang 02 nam 2024"),
    (2, 14, 270, 140, "KE HOACH"), (2, 14, 150, 158, "To chuc phong trao thi dua nam 2024"),
    (1, 14, 121, 200, "Can cu Luat Thi dua, khen thuong ngay 15 thang 6 nam 2022 va cac van ban huong"),
    (1, 14, 85, 218, "dan thi hanh;"), (2, 14, 121, 242, "I. MUC DICH, YEU CAU"),
    (1, 14, 121, 266, "- Dong vien can bo thi dua hoan thanh xuat sac nhiem vu nam 2024./."),
    (2, 12, 85, 320, "Noi nhan:"), (2, 14, 380, 320, "KT. GIAM DOC"),
    (1, 11, 85, 336, "- UBND tinh (b/c);"), (2, 14, 370, 336, "PHO GIAM DOC"),
    (1, 11, 85, 350, "- Luu: VT, VP."), (2, 14, 380, 420, "Lo Van Thang"),
]
table = [
    (2, 14, 380, 60, "PHU LUC"),
    (2, 12, 60, 100, "STT"), (2, 12, 120, 100, "Noi dung"), (2, 12, 500, 100, "Don vi"),
    (1, 12, 60, 124, "1"), (1, 12, 120, 124, "Ty le hai long dat 90%"), (1, 12, 500, 124, "Benh vien"),
    (1, 12, 60, 148, "2"), (1, 12, 120, 148, "Benh an dien tu"), (1, 12, 500, 148, "So Y te"),
]
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "pdf")
os.makedirs(here, exist_ok=True)
corpus = {
    "plan.pdf": pdf([(A4[0], A4[1], plan)]),
    "plan-annex.pdf": pdf([(A4[0], A4[1], plan), (A4[1], A4[0], table)]),
    "plan-annot.pdf": pdf([(A4[0], A4[1], plan + [(1, 8, 335, 120 + 600, "Ky boi: SO Y TE")])], annots=True),
    "empty-page.pdf": pdf([(A4[0], A4[1], [])]),
    "pages.pdf": pdf([(A4[0], A4[1], plan[:8] + [(1, 14, 290, 30, "2")])] * 3),
}
for name, data in corpus.items():
    with open(os.path.join(here, name), "wb") as f:
        f.write(data)
