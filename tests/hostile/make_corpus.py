#!/usr/bin/env python3
"""Writes the hostile files of issue 23 into a directory (python3 stdlib only).

    python3 tests/hostile/make_corpus.py DIR

Deterministic: the same bytes on every run (fixed ZIP dates, a seeded random
generator). The large files (XLSX bombs that unpack to about 1.1 GB, a CSV of
200,000 columns, a 30 MB single line) are generated here at test time and
never checked in; the generator streams them, so it stays within a few MB of
memory. `tests/hostile/run_corpus.py` runs each file through the `credit`
command line; `MANIFEST` below says which command reads which file.
"""

import hashlib
import json
import os
import random
import struct
import sys
import zipfile

AS_OF = "2026-11-30"
HEADER = "Invoice No,Customer ID,Customer Name,Invoice Date,Due Date,Currency,Amount\n"
ZIP_DATE = (2026, 1, 1, 0, 0, 0)
# Unpacked size of each bomb's sheet: about 1.1 GB, as in the issue.
BOMB_BYTES = 1_100_000_000


def write(path, data):
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


# ---------------------------------------------------------------- CSV files


def amounts_csv(amounts):
    rows = [
        f"INV-{i + 1},C{i + 1},Buyer {i + 1},2026-10-01,2026-10-31,CNY,{a}\n"
        for i, a in enumerate(amounts)
    ]
    return HEADER + "".join(rows)


def wide_csv(path, columns):
    """One header row and one data row of `columns` columns."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(",".join(f"c{i}" for i in range(columns)) + "\n")
        f.write(",".join("1" for _ in range(columns)) + "\n")


def single_line(path, size, piece):
    """A file of one line, `size` bytes of `piece` repeated, no line break."""
    block = piece * ((1 << 20) // len(piece))
    with open(path, "w", encoding="ascii") as f:
        left = size
        while left > 0:
            f.write(block[:left])
            left -= min(left, len(block))


def ids_csv():
    ids = ["A/B", "A?x=1", "A#f", "..", "../etc/passwd", "%2e%2e%2f", "A B"]
    rows = []
    for i, cid in enumerate(ids):
        rows.append(f"{cid}-INV,{cid},Buyer {i},2026-09-01,2026-10-01,CNY,{100 * (i + 1)}\n")
    return HEADER + "".join(rows)


# ---------------------------------------------------------------- XLSX files

CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
WORKBOOK_RELS_SST = WORKBOOK_RELS.replace(
    "</Relationships>",
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>",
)
SHEET_HEAD = (
    '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    "<sheetData>"
)
SHEET_TAIL = "</sheetData></worksheet>"


def zinfo(name):
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    # The level's attribute was renamed in Python 3.13.
    for attr in ("compress_level", "_compresslevel"):
        try:
            setattr(info, attr, 9)
            break
        except AttributeError:
            pass
    return info


def small_entries(zf, rels=WORKBOOK_RELS):
    for name, body in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", rels),
    ]:
        zf.writestr(zinfo(name), body)


def xlsx_cells(path, cells):
    """A workbook whose first sheet holds these (reference, text) cells."""
    rows = "".join(
        f'<row r="{"".join(c for c in at if c.isdigit())}"><c r="{at}" t="inlineStr"><is><t>{v}</t></is></c></row>'
        for at, v in cells
    )
    with zipfile.ZipFile(path, "w") as zf:
        small_entries(zf)
        zf.writestr(zinfo("xl/worksheets/sheet1.xml"), SHEET_HEAD + rows + SHEET_TAIL)


def stream_entry(zf, name, head, pieces, tail):
    """Writes an entry of head + pieces + tail, one piece at a time."""
    with zf.open(zinfo(name), "w", force_zip64=True) as w:
        w.write(head.encode())
        for p in pieces:
            w.write(p)
        w.write(tail.encode())


def repeated(unit, total):
    """`unit` repeated to about `total` bytes, in blocks of about 1 MB."""
    block = unit * max(1, (1 << 20) // len(unit))
    for _ in range(max(1, total // len(block))):
        yield block


def xlsx_bomb(path, kind):
    """A workbook whose sheet (or shared strings) unpack to about 1.1 GB."""
    with zipfile.ZipFile(path, "w", allowZip64=True) as zf:
        if kind == "sst":
            small_entries(zf, WORKBOOK_RELS_SST)
            stream_entry(
                zf,
                "xl/sharedStrings.xml",
                '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
                repeated(b"<si><t>x</t></si>", BOMB_BYTES),
                "</sst>",
            )
            zf.writestr(
                zinfo("xl/worksheets/sheet1.xml"),
                SHEET_HEAD + '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + SHEET_TAIL,
            )
            return
        small_entries(zf)
        if kind == "cells":
            pieces = repeated(b'<row><c t="inlineStr"><is><t>x</t></is></c></row>', BOMB_BYTES)
        elif kind == "blank":
            # Whitespace between the rows: no cell at all.
            pieces = repeated(b" " * 1024, BOMB_BYTES)
        else:
            raise ValueError(kind)
        stream_entry(zf, "xl/worksheets/sheet1.xml", SHEET_HEAD, pieces, SHEET_TAIL)


def lie_about_sizes(path):
    """Rewrites the unpacked size of the bomb's file (the one over 1 MB) in
    the ZIP's headers (central and local, zip64 extras included) to its
    compressed size: the directory then says the workbook unpacks to about
    its own size. Walks the central directory (a signature search could
    match inside compressed data)."""
    with zipfile.ZipFile(path) as z:
        big = {i.filename for i in z.infolist() if i.file_size > 1 << 20}
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        eocd = data.rfind(b"PK\x05\x06")
        entries, _, cd_at = struct.unpack_from("<HII", data, eocd + 10)
        at = cd_at
        for _ in range(entries):
            assert data[at : at + 4] == b"PK\x01\x02"
            n, m, k = struct.unpack_from("<HHH", data, at + 28)
            local = struct.unpack_from("<I", data, at + 42)[0]
            name = bytes(data[at + 46 : at + 46 + n]).decode()
            if name in big:
                rewrite_sizes(data, at + 20, at + 46 + n, m)
                ln, lm = struct.unpack_from("<HH", data, local + 26)
                rewrite_sizes(data, local + 18, local + 30 + ln, lm)
            at += 46 + n + m + k
        f.seek(0)
        f.write(data)


def rewrite_sizes(data, sizes_at, extra_at, extra_len):
    """The compressed size (at `sizes_at`, the unpacked size after it) as the
    unpacked size, in the header and in a zip64 extra field."""
    csize, usize = struct.unpack_from("<II", data, sizes_at)
    if usize != 0xFFFFFFFF:
        struct.pack_into("<I", data, sizes_at + 4, csize)
    e = extra_at
    while e + 4 <= extra_at + extra_len:
        eid, elen = struct.unpack_from("<HH", data, e)
        if eid == 1 and elen >= 16 and usize == 0xFFFFFFFF:
            # Unpacked, then compressed size.
            _, c = struct.unpack_from("<QQ", data, e + 4)
            struct.pack_into("<Q", data, e + 4, c)
        e += 4 + elen


# ---------------------------------------------------------------- binaries


def png():
    """A valid 1×1 PNG."""
    import zlib

    def chunk(kind, body):
        c = kind + body
        return struct.pack(">I", len(body)) + c + struct.pack(">I", zlib.crc32(c))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0\xff"))
        + chunk(b"IEND", b"")
    )


# ---------------------------------------------------------------- backups


def invoice(**edit):
    inv = {
        "id": "INV-1",
        "customer_id": "C1",
        "issue_date": "2026-01-31",
        "due_date": "2026-03-02",
        "currency": "EUR",
        "gross": "1190",
        "vat": "190",
        "payments": [{"date": "2026-02-20", "amount": "500"}],
        "dispute": None,
    }
    inv.update(edit)
    return inv


def customer(cid, name):
    return {
        "id": cid,
        "name": name,
        "country": "DE",
        "industry": "",
        "year_founded": None,
        "terms_days": 30,
        "credit_limit": None,
        "insured_limit": None,
        "status": "active",
    }


def portfolio(invoices=None, customers=None):
    return {
        "name": "Hostile",
        "fx": {"base": "EUR", "rates": []},
        "customers": customers if customers is not None else [customer("C1", "Acme")],
        "invoices": invoices if invoices is not None else [invoice()],
        "settings": {
            "ageing": {"basis": "due_date", "edges": [30, 60, 90, 120]},
            "kpi": {"period_days": 90, "countback_months": 24, "at_risk_days": 90},
        },
    }


def backup(p):
    """The app's backup format (core/src/backup.rs) with its checksum
    recomputed: the SHA-256 of the exact bytes of `data`."""
    data = json.dumps({"portfolio": p, "extras": {}}, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(data.encode("utf-8")).hexdigest()
    return (
        f'{{"format":"credit-assistant-backup","schema":2,'
        f'"checksum":"sha256:{digest}","data":{data}}}'
    )


def encrypted_backup(iterations):
    """The encrypted backup format (core/src/envelope.rs), its KDF asking
    for `iterations`; the ciphertext is random (it is never reached)."""
    rng = random.Random(23)
    blob = bytes(rng.getrandbits(8) for _ in range(64))
    import base64

    return json.dumps(
        {
            "format": "credit-assistant-backup-encrypted",
            "version": 1,
            "kdf": {"name": "PBKDF2-SHA256", "iterations": iterations, "salt": "00" * 16},
            "cipher": "AES-256-GCM",
            "iv": "00" * 12,
            "data": base64.b64encode(blob).decode(),
        }
    )


# ---------------------------------------------------------------- the corpus


def make(out):
    os.makedirs(out, exist_ok=True)
    p = lambda name: os.path.join(out, name)  # noqa: E731

    # Case 1: overflowing amounts.
    write(p("amount_1e27.csv"), amounts_csv(["1000000000000000000000000000"]))
    write(p("amount_decimal_max_x2.csv"), amounts_csv(["79228162514264337593543950335"] * 2))
    # At the limit (10^15) and far in the past: accepted, no report overflows.
    write(
        p("amount_at_limit.csv"),
        HEADER
        + "".join(
            f"INV-{i},C{i % 7},Buyer,1900-01-0{1 + i % 9},1900-02-01,CNY,{'-' if i % 5 == 0 else ''}1000000000000000\n"
            for i in range(2000)
        ),
    )

    # Case 2: XLSX far-apart cells and bombs.
    xlsx_cells(p("far_cells.xlsx"), [("A1", "invoice"), ("XFD1048576", "x")])
    # Within the column and row limits, but a rectangle of a billion cells.
    xlsx_cells(p("far_rectangle.xlsx"), [("A1", "invoice"), ("ALL1", "x"), ("A1048576", "y")])
    for kind in ["cells", "sst", "blank"]:
        xlsx_bomb(p(f"bomb_{kind}.xlsx"), kind)
    # The same bombs, their ZIP headers claiming a small unpacked size.
    for kind in ["cells", "sst", "blank"]:
        src, dst = p(f"bomb_{kind}.xlsx"), p(f"bomb_{kind}_lying.xlsx")
        with open(src, "rb") as a, open(dst, "wb") as b:
            b.write(a.read())
        lie_about_sizes(dst)

    # Case 3: 200,000 columns; 30 MB on one line.
    wide_csv(p("columns_200k.csv"), 200_000)
    single_line(p("one_line_30mb_commas.csv"), 30 * 1024 * 1024, "1,")
    single_line(p("one_line_30mb_cell.csv"), 30 * 1024 * 1024, "a")

    # Not a CSV: a PNG, random bytes.
    write(p("image.png"), png())
    write(p("png_named.csv"), png())
    rng = random.Random(2023)
    write(p("random.csv"), bytes(rng.getrandbits(8) for _ in range(64 * 1024)))

    # Case 7: backups with a recomputed checksum breaking the import's rules.
    pay = lambda a: [{"date": "2026-02-20", "amount": a}]  # noqa: E731
    backups = {
        "negative_payment": portfolio([invoice(payments=pay("-500"))]),
        "paid_above_gross": portfolio([invoice(payments=pay("5000"))]),
        "due_before_issue": portfolio([invoice(due_date="2026-01-30")]),
        "empty_customer_id": portfolio(
            [invoice(customer_id="")], [customer("", "Acme")]
        ),
        "vat_above_gross": portfolio([invoice(vat="2000")]),
        "name_100k": portfolio(None, [customer("C1", "N" * 100_000)]),
        "amount_1e28": portfolio([invoice(gross="10000000000000000000000000000")]),
        "amount_decimal_max": portfolio([invoice(gross="79228162514264337593543950335")]),
        "ids_special": portfolio(
            [invoice(id=f"{c}-INV", customer_id=c) for c in ["A/B", "A?x=1", "A#f", ".."]],
            [customer(c, c) for c in ["A/B", "A?x=1", "A#f", ".."]],
        ),
    }
    for name, body in backups.items():
        write(p(f"backup_{name}.json"), backup(body))

    # Case 8: an encrypted backup asking for 4,294,967,295 KDF iterations.
    write(p("backup_encrypted_kdf_max.json"), encrypted_backup(4294967295))

    # Case 10: ids with /, ?, # and ..
    write(p("ids_special.csv"), ids_csv())


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: make_corpus.py DIR")
    make(sys.argv[1])
