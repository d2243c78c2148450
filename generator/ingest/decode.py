"""Bytes to text: UTF-8 first, then the other encodings real corpora contain; invisible characters out."""

from __future__ import annotations

import codecs
import re
import unicodedata

# Bytes that never occur in text: a file with them is treated as binary.
_BINARY_CONTROL = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}
# What is left of a sample once every other byte is deleted (bytes.translate runs in C).
_TEXT_BYTES = bytes(b for b in range(256) if b not in _BINARY_CONTROL)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Format characters that change nothing a reader sees but split names for the parser (zero-width
# space, word joiner, BOM, soft hyphen) or reorder the display (bidi embeddings and overrides).
# ZWJ and ZWNJ stay: emoji sequences and Persian or Indic spelling need them.
_INVISIBLE = re.compile("[\u00ad\u200b\u200e\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069]")


class Undecodable(ValueError):
    pass


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample.translate(None, _TEXT_BYTES))
    return bool(sample) and controls / len(sample) > 0.05


def decode(data: bytes, truncated: bool = False) -> tuple[str, str | None]:
    """Return the text and, where it was not plain UTF-8, a warning naming the encoding used.

    `truncated`: the bytes are the head of a longer file, so a character cut at the end is dropped.
    """
    if data.startswith(_UTF16_BOMS):
        text = data.decode("utf-16", errors="replace")
        return text.rstrip("\ufffd") if truncated else text, "UTF-16 text; decoded"
    if looks_binary(data):
        raise Undecodable("binary file (contains NUL or control bytes)")
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        if truncated and exc.start >= len(data) - 3:
            try:
                return data[:exc.start].decode("utf-8"), None
            except UnicodeDecodeError:
                pass
    try:
        # Windows-1252 is a superset of Latin-1's printable range and what most "Latin-1" files are.
        return data.decode("cp1252"), "not UTF-8; decoded as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not UTF-8; decoded as Latin-1"


def normalise(text: str) -> tuple[str, int]:
    """One line-ending convention, composed accents (NFC), no invisible characters; how many were removed."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text, removed = _INVISIBLE.subn("", text)
    return text, removed
