"""Hostile documents: seeded mutations of real files, plus bombs and known parser hangs.

`write_corpus(folder, seed, count)` writes `count` mutants of real PDF, DOCX,
PPTX, HWPX and HTML files (made by tests/doc_fixtures.py), then every fixed
reproducer (bombs and known parser hangs: doc_reproducers.py). A mutant's name
says what was done to it ("017-docx-zip_rename.docx"), so a failure can be
traced to its recipe; the
same seed writes the same bytes. Mutations are byte-level (flips, cuts,
inserted garbage), container-level (zip entries corrupted, renamed,
duplicated, dropped, sizes and methods lying) and format-level (XML made
malformed or given a DTD, an entity bomb or deep nesting; PDF xref, trailer
and page tree broken; HTML nested without end).
"""

from __future__ import annotations

import io
import random
import re
import struct
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

from tests import doc_fixtures as fx

Mutation = Callable[[bytes, random.Random], bytes]
GiB = 1 << 30

# ---- the real files mutated -----------------------------------------------------------


def base_files(folder: Path) -> dict[str, bytes]:
    """One real file per format, as its usual producer writes it: suffix -> bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "pdf": fx.write_pdf(folder / "b.pdf", [
            "Maru X100 manual.\n\nCharge it for two hours.", "Warranty: 24 months."], title="M"),
        "docx": fx.write_docx(folder / "b.docx", [
            ("h1", "Minutes"), ("p", "The next meeting is on Friday."), ("li", "Budget")]),
        "pptx": fx.write_pptx(folder / "b.pptx", [
            ("Results", ["Revenue grew 12 percent"]), ("Costs", ["Costs fell"])]),
        "hwpx": fx.write_hwpx(folder / "b.hwpx", [["용역 계약서", "보증기간은 2년입니다."]]),
        "html": fx.write_html(folder / "b.html", "FAQ", [
            ("h1", "Questions"), ("p", "Batteries are replaced free of charge."),
            ("li", "One"), ("pre", "code")]),
    }
    return {suffix: path.read_bytes() for suffix, path in paths.items()}


# ---- byte-level mutations (every format) ------------------------------------------------


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 32)):
        out[rng.randrange(len(out))] ^= rng.randint(1, 255)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def insert_garbage(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + rng.randbytes(rng.randint(1, 4096)) + data[at:]


def overwrite_span(data: bytes, rng: random.Random) -> bytes:
    at, size = rng.randrange(len(data)), rng.randint(1, 512)
    fill = rng.choice([b"\x00" * size, b"\xff" * size, rng.randbytes(size)])
    return (data[:at] + fill + data[at + size:])[: max(len(data), at + size)]


def duplicate_span(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    span = data[start: start + rng.randint(1, 2048)]
    at = rng.randrange(len(data))
    return data[:at] + span * rng.randint(1, 8) + data[at:]


BYTE_MUTATIONS: list[Mutation] = [flip_bytes, truncate, insert_garbage, overwrite_span,
                                  duplicate_span]

# ---- XML mutations (inside a zip's entries) ---------------------------------------------

_LAUGHS = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
ENTITY_BOMB_DTD = f'<!DOCTYPE r [<!ENTITY l0 "lol">{_LAUGHS}]>'
_XML_DECL = re.compile(rb"^<\?xml[^>]*\?>")


def _after_declaration(xml: bytes, insert: bytes) -> bytes:
    match = _XML_DECL.match(xml)
    end = match.end() if match else 0
    return xml[:end] + insert + xml[end:]


def _first_text(xml: bytes, value: bytes) -> bytes:
    """The first element text ("...>text<") replaced by `value`, or `value` appended."""
    match = re.search(rb">([^<>]+)<", xml)
    if match is None:
        return xml + value
    return xml[: match.start(1)] + value + xml[match.end(1):]


def xml_cut(xml: bytes, rng: random.Random) -> bytes:
    return xml[: rng.randrange(1, max(len(xml), 2))]


def xml_unbalanced(xml: bytes, rng: random.Random) -> bytes:
    ends = [m.start() for m in re.finditer(rb"</", xml)]
    if not ends or rng.random() < 0.5:
        return xml.replace(b">", b"><stray>", 1)
    at = rng.choice(ends)
    return xml[:at] + xml[xml.index(b">", at) + 1:]


def xml_entity_bomb(xml: bytes, rng: random.Random) -> bytes:
    return _first_text(_after_declaration(xml, ENTITY_BOMB_DTD.encode()), b"&l9;")


def xml_external_entity(xml: bytes, rng: random.Random) -> bytes:
    dtd = b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    return _first_text(_after_declaration(xml, dtd), b"&x;")


def xml_utf16_bomb(xml: bytes, rng: random.Random) -> bytes:
    """The entity bomb in UTF-16, whose bytes do not spell "<!DOCTYPE"."""
    text = xml_entity_bomb(xml, rng).decode("utf-8", "replace")
    text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    return text.encode("utf-16")


def xml_deep(xml: bytes, rng: random.Random) -> bytes:
    depth = rng.choice([1_000, 50_000, 200_000])
    tag = rng.choice([b"x", b"w:sdt", b"hp:p", b"a:p"])
    nest = b"<%s>" % tag * depth + b"deep" + b"</%s>" % tag * depth
    root = re.search(rb"<[A-Za-z][^>]*>", xml)  # inside the root element
    return xml[: root.end()] + nest + xml[root.end():] if root else nest


def xml_bad_bytes(xml: bytes, rng: random.Random) -> bytes:
    return _first_text(xml, rng.choice([b"\xff\xfe\x00bad", b"\x00" * 8, b"\xed\xa0\x80", b"&#0;"]))


def xml_undefined_prefix(xml: bytes, rng: random.Random) -> bytes:
    return xml.replace(b"<", b"<nope:", 2)


XML_MUTATIONS: list[Mutation] = [xml_cut, xml_unbalanced, xml_entity_bomb, xml_external_entity,
                                 xml_utf16_bomb, xml_deep, xml_bad_bytes, xml_undefined_prefix]

# ---- zip mutations (DOCX, PPTX, HWPX) ---------------------------------------------------


def zip_entries(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    """The archive's entries and their inflated bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def zip_of(entries: list[tuple[str, bytes]]) -> bytes:
    """A deflated zip of (name, bytes), duplicates allowed."""
    out = io.BytesIO()
    with warnings.catch_warnings():  # "Duplicate name" is the point of one mutation
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, body in entries:
                archive.writestr(name, body)
    return out.getvalue()


def _text_entry(entries: list[tuple[zipfile.ZipInfo, bytes]], rng: random.Random) -> int:
    """Index of an XML entry, most often the one that holds the text."""
    main = [i for i, (info, _) in enumerate(entries)
            if re.search(r"document\.xml|slide\d+\.xml|section\d+\.xml", info.filename)]
    xml = [i for i, (info, _) in enumerate(entries) if info.filename.endswith((".xml", ".rels"))]
    return rng.choice(main if main and rng.random() < 0.7 else xml or [0])


def zip_xml(data: bytes, rng: random.Random) -> bytes:
    entries = zip_entries(data)
    target = _text_entry(entries, rng)
    mutation = rng.choice(XML_MUTATIONS)
    return zip_of([(info.filename, mutation(body, rng) if i == target else body)
                   for i, (info, body) in enumerate(entries)])


def zip_rename(data: bytes, rng: random.Random) -> bytes:
    entries = zip_entries(data)
    target = _text_entry(entries, rng)
    new = rng.choice(["{}".format, str.upper, lambda n: "/" + n, lambda n: "../" + n,
                      lambda n: n.replace("/", "\\"), lambda n: n + "\x00.x"])
    return zip_of([(new(info.filename) if i == target else info.filename, body)
                   for i, (info, body) in enumerate(entries)])


def zip_duplicate(data: bytes, rng: random.Random) -> bytes:
    entries = [(info.filename, body) for info, body in zip_entries(data)]
    name, body = entries[_text_entry(zip_entries(data), rng)]
    twin = (name, rng.choice([b"", body[: len(body) // 2], b"<x>" * 1000, body]))
    entries.insert(rng.randrange(len(entries) + 1), twin)
    return zip_of(entries)


def zip_drop(data: bytes, rng: random.Random) -> bytes:
    entries = zip_entries(data)
    drop = _text_entry(entries, rng) if rng.random() < 0.5 else rng.randrange(len(entries))
    return zip_of([(info.filename, body) for i, (info, body) in enumerate(entries) if i != drop])


def _local_data(data: bytes, info: zipfile.ZipInfo) -> tuple[int, int]:
    """(start, end) of an entry's stored bytes in the raw archive."""
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    return start, start + info.compress_size


def zip_corrupt_entry(data: bytes, rng: random.Random) -> bytes:
    entries = zip_entries(data)
    info = entries[_text_entry(entries, rng)][0]
    start, end = _local_data(data, info)
    out = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        if end > start:
            out[rng.randrange(start, end)] ^= rng.randint(1, 255)
    return bytes(out)


def _central_records(data: bytes) -> list[int]:
    return [m.start() for m in re.finditer(rb"PK\x01\x02", data)]


def zip_header_lies(data: bytes, rng: random.Random) -> bytes:
    """A central-directory field of one entry set to a lie: sizes, method, flags, offset."""
    out = bytearray(data)
    record = rng.choice(_central_records(data))
    field, value = rng.choice([
        (24, rng.choice([0, 1, 0xFFFFFFFF, 60 * 1024**2])),  # uncompressed size
        (20, rng.choice([0, 1, 0xFFFFFFFF])),  # compressed size
        (42, rng.choice([0, 0xFFFFFFF0, len(data) - 1])),  # local header offset
        (10, rng.choice([1, 9, 12, 14, 99])),  # method: stored, deflate64, bzip2, lzma, AES
        (8, rng.choice([1, 0x41, 0x0800])),  # flags: encrypted, strong encryption, UTF-8
        (16, rng.getrandbits(32)),  # CRC
    ])
    fmt = "<H" if field in (8, 10) else "<I"
    struct.pack_into(fmt, out, record + field, value)
    return bytes(out)


ZIP_MUTATIONS: list[Mutation] = [zip_xml, zip_xml, zip_xml, zip_rename, zip_duplicate, zip_drop,
                                 zip_corrupt_entry, zip_header_lies]

# ---- PDF mutations ----------------------------------------------------------------------


def pdf_xref_shift(data: bytes, rng: random.Random) -> bytes:
    def shift(match: re.Match) -> bytes:
        value = max(0, int(match[1]) + rng.randint(-40, 40))
        return b"%010d %s" % (value, match[2])
    return re.sub(rb"(\d{10}) (\d{5} n)", shift, data)


def pdf_startxref(data: bytes, rng: random.Random) -> bytes:
    value = rng.choice([b"0", b"-1", b"99999999999", b"%d" % rng.randrange(len(data)), b"x"])
    return re.sub(rb"startxref\s+\d+", b"startxref\n" + value, data)


def pdf_no_trailer(data: bytes, rng: random.Random) -> bytes:
    cut = data.rfind(b"xref" if rng.random() < 0.5 else b"trailer")
    return data[:cut] if cut > 0 else data


def pdf_prev_loop(data: bytes, rng: random.Random) -> bytes:
    """An incremental update whose trailer's /Prev is its own xref: an xref loop."""
    xref = len(data)
    update = (b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Root 1 0 R /Prev %d >>\n"
              b"startxref\n%d\n%%%%EOF\n" % (xref, xref))
    return data + update


def pdf_pages_loop(data: bytes, rng: random.Random) -> bytes:
    """The page tree's /Kids made to hold the page tree itself."""
    match = re.search(rb"(\d+) 0 obj\s*<<\s*/Type\s*/Pages", data)
    if match is None:
        return data
    kids = b"/Kids [%s 0 R %s 0 R]" % (match[1], match[1])
    return re.sub(rb"/Kids\s*\[[^\]]*\]", kids, data, count=1)


def pdf_count_lie(data: bytes, rng: random.Random) -> bytes:
    value = rng.choice([b"0", b"-1", b"2147483647", b"99999999999999999999"])
    return re.sub(rb"/Count \d+", b"/Count " + value, data, count=1)


def pdf_length_lie(data: bytes, rng: random.Random) -> bytes:
    value = rng.choice([b"0", b"999999999", b"-5", b"5 0 R"])
    return re.sub(rb"/Length \d+", b"/Length " + value, data, count=rng.randint(0, 3))


def pdf_deep_nesting(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice([1_000, 100_000])
    opener, closer = rng.choice([(b"[", b"]"), (b"<<", b">>"), (b"<< /A ", b" >>")])
    deep = opener * depth + closer * depth
    return re.sub(rb"/Type\s*/Catalog", b"/Type /Catalog /Deep " + deep, data, count=1)


def pdf_keywords(data: bytes, rng: random.Random) -> bytes:
    word = rng.choice([b"endobj", b"endstream", b" obj", b"stream", b"/Root", b"/Pages"])
    return data.replace(word, rng.choice([b"", b"xx", word[::-1]]), rng.randint(1, 3))


PDF_MUTATIONS: list[Mutation] = [pdf_xref_shift, pdf_startxref, pdf_no_trailer, pdf_prev_loop,
                                 pdf_pages_loop, pdf_count_lie, pdf_length_lie, pdf_deep_nesting,
                                 pdf_keywords]

# ---- HTML mutations ---------------------------------------------------------------------


def _into_body(data: bytes, insert: bytes) -> bytes:
    at = data.find(b"<body>")
    return data[: at + 6] + insert + data[at + 6:] if at >= 0 else data + insert


def html_nesting(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice([1_000, 20_000, 100_000])
    tag = rng.choice([b"div", b"ul", b"li", b"table", b"pre", b"svg", b"b", b"td"])
    closed = rng.random() < 0.5
    return _into_body(data, b"<%s>" % tag * depth + b"deep"
                      + (b"</%s>" % tag * depth if closed else b""))


def html_unclosed(data: bytes, rng: random.Random) -> bytes:
    opener = rng.choice([b"<!--", b"<![CDATA[", b"<script>", b"<a href=\"", b"<", b"</", b"<?",
                         b"<!"])
    return _into_body(data, opener + b"x" * rng.choice([10, 100_000]))


def html_many(data: bytes, rng: random.Random) -> bytes:
    piece = rng.choice([b"&amp;", b"&#x1F600;", b"&#99999999999;", b"<br>", b"</p>", b"<!---->",
                        b"<p>", b"<tr><td>x"])
    return _into_body(data, piece * rng.choice([1_000, 200_000]))


def html_charset(data: bytes, rng: random.Random) -> bytes:
    label = rng.choice([b"utf-7", b"punycode", b"idna", b"rot13", b"base64", b"x-nonsense",
                        b"utf-16", b"utf-32", b"uu", b"zlib", b"cp037", b"unicode_escape"])
    return re.sub(rb'charset="[^"]*"', b'charset="' + label + b'"', data)


HTML_MUTATIONS: list[Mutation] = [html_nesting, html_unclosed, html_many, html_charset]

FORMAT_MUTATIONS: dict[str, list[Mutation]] = {
    "pdf": PDF_MUTATIONS, "docx": ZIP_MUTATIONS, "pptx": ZIP_MUTATIONS, "hwpx": ZIP_MUTATIONS,
    "html": HTML_MUTATIONS,
}


def mutate(suffix: str, data: bytes, rng: random.Random) -> tuple[str, bytes]:
    """(recipe, bytes): one to three mutations, format-aware more often than not."""
    names = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        pool = FORMAT_MUTATIONS[suffix] if rng.random() < 0.6 else BYTE_MUTATIONS
        mutation = rng.choice(pool)
        try:
            data = mutation(data, rng) or data
        except Exception:  # zlib, zipfile, struct...: an earlier mutation already broke
            continue  # what this one edits
        names.append(mutation.__name__)
    return "+".join(names) or "none", data


def write_corpus(folder: Path, seed: int, count: int, with_reproducers: bool = True
                 ) -> dict[str, str]:
    """Write the unmutated originals, `count` mutants and (unless told not to) the fixed
    reproducers into `folder`; return file name -> recipe ("original", "reproducer")."""
    folder.mkdir(parents=True, exist_ok=True)
    bases = base_files(folder.parent / "bases")
    rng = random.Random(seed)
    recipes: dict[str, str] = {}
    for suffix, data in bases.items():
        (folder / f"000-original.{suffix}").write_bytes(data)
        recipes[f"000-original.{suffix}"] = "original"
    suffixes = sorted(bases)
    for i in range(count):
        suffix = suffixes[i % len(suffixes)]
        recipe, data = mutate(suffix, bases[suffix], rng)
        name = f"{i + 1:03d}-{suffix}-{recipe.replace('+', '-')}.{suffix}"
        (folder / name).write_bytes(data)
        recipes[name] = recipe
    from tests.chaos.doc_reproducers import reproducers  # it builds on this module

    for name, writer in reproducers(bases).items() if with_reproducers else ():
        (folder / f"r-{name}").write_bytes(writer())
        recipes[f"r-{name}"] = "reproducer"
    return recipes
