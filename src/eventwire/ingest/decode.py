"""Turning bytes into text, refusing what is not text, with errors that name the input."""
from __future__ import annotations

from ..errors import BinaryInput, EmptyInput, EncodingError, InputTooLarge

DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def check_size(size: int, source: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    if size > max_bytes:
        raise InputTooLarge(f"{size:,} bytes, over the limit of {max_bytes:,}", source=source)


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text carries NULs legitimately
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return bool(head) and controls / len(head) > 0.1


def decode_bytes(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode article bytes: the given encoding, else UTF-8 (BOMs honoured)."""
    if not data.strip():
        raise EmptyInput("0 bytes of text" if not data else "only whitespace", source=source)
    if encoding:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise EncodingError(f"as {encoding}: {exc}", source=source) from None
    if looks_binary(data):
        raise BinaryInput("NUL or control bytes in the first 8 KB", source=source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}", source=source
        ) from None
