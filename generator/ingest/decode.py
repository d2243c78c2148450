"""Bytes to text: UTF-8 first, then the legacy encodings real corpora contain."""

from __future__ import annotations

# Bytes that never occur in text: a file with them is treated as binary.
_BINARY_CONTROL = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31}


class Undecodable(ValueError):
    pass


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _BINARY_CONTROL)
    return bool(sample) and controls / len(sample) > 0.05


def decode(data: bytes) -> tuple[str, str | None]:
    """Return the text and, where it was not plain UTF-8, a warning naming the encoding used."""
    if looks_binary(data):
        raise Undecodable("binary file (contains NUL or control bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        # Windows-1252 is a superset of Latin-1's printable range and what most "Latin-1" files are.
        return data.decode("cp1252"), "not UTF-8; decoded as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not UTF-8; decoded as Latin-1"


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
