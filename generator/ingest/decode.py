"""Bytes to text: UTF-8 first, then UTF-16 without its byte-order mark, then the encoding
charset-normalizer finds among those news archives hold; invisible characters out."""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

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
    order = _utf16_without_mark(data)
    if order is not None:
        text = data[: len(data) - len(data) % 2].decode(f"utf-16-{order}", errors="replace")
        return (
            text.rstrip("\ufffd") if truncated else text,
            f"UTF-16 ({'little' if order == 'le' else 'big'}-endian) text without a byte-order mark; decoded",
        )
    if looks_binary(data):
        raise Undecodable("binary file (contains NUL or control bytes)")
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        if truncated and exc.start >= len(data) - 3:
            try:
                return data[: exc.start].decode("utf-8"), None
            except UnicodeDecodeError:
                pass
    return _detected(data)


# The legacy encodings of news text, most common first: a tie between two goes to the earlier.
# Windows-1252 is a superset of Latin-1's printable range and what most "Latin-1" files are.
_LEGACY = [
    "cp1252",
    "cp1250",
    "cp1251",
    "koi8_r",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "iso8859_2",
    "iso8859_5",
    "iso8859_7",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_jp",
    "iso2022_jp",
    "euc_kr",
    "latin_1",
]
_NAMES = {
    "cp1252": "Windows-1252",
    "cp1250": "Windows-1250 (Central European)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "koi8_r": "KOI8-R (Cyrillic)",
    "cp1253": "Windows-1253 (Greek)",
    "cp1254": "Windows-1254 (Turkish)",
    "cp1255": "Windows-1255 (Hebrew)",
    "cp1256": "Windows-1256 (Arabic)",
    "cp1257": "Windows-1257 (Baltic)",
    "iso8859_2": "ISO-8859-2",
    "iso8859_5": "ISO-8859-5",
    "iso8859_7": "ISO-8859-7",
    "gb18030": "GB18030 (Chinese)",
    "big5": "Big5 (Chinese)",
    "shift_jis": "Shift JIS (Japanese)",
    "euc_jp": "EUC-JP (Japanese)",
    "iso2022_jp": "ISO-2022-JP (Japanese)",
    "euc_kr": "EUC-KR (Korean)",
    "latin_1": "Latin-1",
}


def _detected(data: bytes) -> tuple[str, str]:
    """The text in the legacy encoding charset-normalizer finds least garbled and most like a
    language; a warning names it."""
    matches = list(from_bytes(data, cp_isolation=_LEGACY))
    if not matches:
        return data.decode("latin-1"), "not UTF-8; decoded as Latin-1"
    least = min(m.chaos for m in matches)
    calm = [m for m in matches if m.chaos <= least + 0.01]
    most = max(m.coherence for m in calm)
    best = min(
        (m for m in calm if m.coherence >= most - 0.01),
        key=lambda m: _LEGACY.index(m.encoding) if m.encoding in _LEGACY else len(_LEGACY),
    )
    encoding = best.encoding
    text = data.decode(encoding, errors="replace")
    if encoding != "cp1252":
        try:
            if data.decode("cp1252") == text:
                encoding = "cp1252"  # the same text either way: say the common one
        except UnicodeDecodeError:
            pass
    return text, f"not UTF-8; decoded as {_NAMES.get(encoding, encoding)} (detected)"


def _utf16_without_mark(data: bytes) -> str | None:
    """ "le" or "be" where the bytes are UTF-16 text without a byte-order mark: mostly Latin
    characters, so every other byte is zero."""
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "be"
    return None


def normalise(text: str) -> tuple[str, int]:
    """One line-ending convention, composed accents (NFC), no invisible characters; how many were removed."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text, removed = _INVISIBLE.subn("", text)
    return text, removed
