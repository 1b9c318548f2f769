"""Byte-level helpers for tests/attacks/make.py: read objects of the golden signed PDF and append
incremental updates with hand-written cross-reference sections (classic tables, hybrid
/XRefStm, cross-reference streams, object streams). Deterministic: no randomness, no clocks.
"""

import re
import zlib

ID = b"/ID[(5ELUg8BIOvb8m41QMCB/1w==)(7lE4RVUNn0fYd9RGYesylg==)]"


def last_startxref(data):
    """The offset named by the last `startxref` of `data`."""
    at = data.rindex(b"startxref")
    return int(re.match(rb"startxref\s+(\d+)", data[at:]).group(1))


def byte_ranges(data):
    """Every /ByteRange of `data` as a list of four ints, in file order."""
    return [
        [int(x) for x in m.group(1).split()]
        for m in re.finditer(rb"/ByteRange\s*\[([^\]]*)\]", data)
    ]


def obj_span(data, num, gen=0):
    """(start, end) of the last `num gen obj ... endobj` in `data` (start at the header)."""
    matches = list(re.finditer(rb"(?<![0-9])%d %d obj" % (num, gen), data))
    if not matches:
        raise KeyError(num)
    start = matches[-1].start()
    end = data.index(b"endobj", start) + len(b"endobj")
    return start, end


def obj_body(data, num, gen=0):
    """What is between `num gen obj` and `endobj` (the last copy in `data`), stripped."""
    start, end = obj_span(data, num, gen)
    head = re.match(rb"\d+ \d+ obj", data[start:]).end()
    return data[start + head : end - len(b"endobj")].strip()


def split_stream(body):
    """(dictionary bytes, raw stream data) of an object body that is a stream."""
    m = re.search(rb"/Length (\d+)", body)
    at = body.index(b"stream")
    s = at + len(b"stream")
    if body[s : s + 2] == b"\r\n":
        s += 2
    elif body[s : s + 1] in (b"\n", b"\r"):
        s += 1
    return body[:at].strip(), body[s : s + int(m.group(1))]


def stream_data(body):
    """The decoded data of a stream object body (FlateDecode or none)."""
    head, raw = split_stream(body)
    return zlib.decompress(raw) if b"FlateDecode" in head else raw


def stream(data, extra=b""):
    """An uncompressed stream object body."""
    return b"<</Length %d%s>>stream\n" % (len(data), extra) + data + b"\nendstream"


def xref_line(offset, gen=0, kind=b"n"):
    return b"%010d %05d %s \n" % (offset, gen, kind)


class Update:
    """One incremental update appended to `base`."""

    def __init__(self, base):
        self.base = bytes(base)
        self.buf = bytearray()
        self.offsets = {}  # object number -> (offset, gen), in the order written

    def pos(self):
        return len(self.base) + len(self.buf)

    def raw(self, data):
        self.buf += data

    def obj(self, num, body, gen=0, header=None, listed=True):
        """Writes `num gen obj body endobj` (or `header` instead of the number) and returns its
        offset; `listed` objects go into the default cross-reference section."""
        self.buf += b"\n"
        at = self.pos()
        head = header if header is not None else b"%d %d obj" % (num, gen)
        self.buf += head + b"\n" + body + b"\nendobj"
        if listed:
            self.offsets[num] = (at, gen)
        return at

    def default_entries(self):
        rows = [(0, 0, 65535, b"f")]
        rows += [(n, off, g, b"n") for n, (off, g) in sorted(self.offsets.items())]
        return rows

    def xref(self, entries=None):
        """A classic table, one subsection per entry (so an entry may repeat); returns its offset."""
        rows = self.default_entries() if entries is None else entries
        self.buf += b"\n"
        at = self.pos()
        self.buf += b"xref\n"
        for num, off, gen, kind in rows:
            self.buf += b"%d 1\n" % num + xref_line(off, gen, kind)
        return at

    def trailer(self, prev=None, size=None, info=None, extra=b"", root=b"23 0 R"):
        prev = last_startxref(self.base) if prev is None else prev
        if size is None:
            size = max([40] + [n + 1 for n in self.offsets])
        self.buf += b"trailer\n<</Size %d/Root %s%s" % (size, root, ID)
        if prev is not False:
            self.buf += b"/Prev %d" % prev
        if info is not None:
            self.buf += b"/Info %d 0 R" % info
        self.buf += extra + b">>\n"

    def finish(self, xref_at, delta=0, eof=b"%%EOF"):
        if not self.buf.endswith(b"\n"):
            self.buf += b"\n"
        self.buf += b"startxref\n%d\n" % (xref_at + delta) + eof
        return self.base + bytes(self.buf)

    def simple(self, info=None, extra=b"", size=None, delta=0):
        """Default table and trailer, then `startxref` and `%%EOF`."""
        at = self.xref()
        self.trailer(info=info, extra=extra, size=size)
        return self.finish(at, delta)

    def xref_stream(self, num, rows, prev=None, size=None, extra=b""):
        """A cross-reference stream object `num` with rows (number, type, field2, field3);
        returns its offset."""
        prev = last_startxref(self.base) if prev is None else prev
        rows = sorted(rows)
        data = b"".join(
            bytes([t]) + f2.to_bytes(4, "big") + f3.to_bytes(2, "big") for _, t, f2, f3 in rows
        )
        index = b" ".join(b"%d 1" % n for n, _, _, _ in rows)
        size = max([40] + [n + 1 for n, _, _, _ in rows]) if size is None else size
        head = b"/Type/XRef/W[1 4 2]/Index[%s]/Size %d/Root 23 0 R%s/Prev %d%s" % (
            index,
            size,
            ID,
            prev,
            extra,
        )
        return self.obj(num, stream(data, head), listed=False)


def object_stream(pairs, bodies, n=None):
    """An object stream body: `pairs` is [(number, index into bodies)], `bodies` the objects;
    /N is `n` or the number of pairs."""
    offsets, blob = [], b""
    for body in bodies:
        offsets.append(len(blob))
        blob += body + b"\n"
    header = b" ".join(b"%d %d" % (num, offsets[i]) for num, i in pairs) + b"\n"
    n = len(pairs) if n is None else n
    return stream(header + blob, b"/Type/ObjStm/N %d/First %d" % (n, len(header)))
