"""Bytes to text for one input: byte-order marks, binary files, invalid UTF-8, NUL bytes.

Everything a reader must decide before a document's text exists, kept apart
from walking and JSONL parsing. Nothing here prints; problems come back as
``InputError`` (the document is lost) or as warning strings (it is kept,
changed in a way the user should hear about).
"""

from __future__ import annotations

import codecs

#: What ``--encoding-errors`` takes: the document fails (strict), bad bytes become
#: U+FFFD (replace), or bad bytes are dropped (skip).
ENCODING_ERRORS = ("strict", "replace", "skip")
#: The Python codec error handler of each policy.
CODEC_ERRORS = {"strict": "strict", "replace": "replace", "skip": "ignore"}

#: Byte-order marks, longest first (UTF-32 LE starts like UTF-16 LE). The
#: encodings named are the ones that read what follows the mark.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: High bytes of the characters of Persian and Arabic text in UTF-16: ASCII,
#: the Arabic blocks, general punctuation (ZWNJ), presentation forms.
_UTF16_HIGH_BYTES = frozenset(b"\x00\x06\x07\x08\x20\xfb\xfc\xfd\xfe")

#: First bytes of common non-text files found beside a corpus (checked after the
#: compression formats, which are read).
_BINARY_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP image, WAV audio or AVI video)"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 or HEIC file"),
    (b"\x00\x00\x00\x1cftyp", "an MP4 or HEIC file"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 or HEIC file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
)


def encoding_from_bom(head: bytes) -> tuple[str, int]:
    """(encoding, BOM length) from a file's first bytes; UTF-8 with no BOM."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding, len(bom)
    return "utf-8", 0


def binary_kind(head: bytes) -> str | None:
    """What a file is when its first bytes say it is not text, else None.

    ``head`` is the start of the (decompressed) stream. A file with a UTF-16 or
    UTF-32 BOM is text. Otherwise NUL bytes in more than a tenth of the head mean
    binary data (or UTF-16 without a BOM, which cannot be told apart safely); a
    few NUL bytes in text are removed by the reader with a warning.
    """
    for magic, kind in _BINARY_MAGIC:
        if head.startswith(magic):
            return kind
    if encoding_from_bom(head)[0] != "utf-8" or len(head) < 8:
        return None
    if _looks_like_utf16(head[1::2], head[0::2]) or _looks_like_utf16(head[0::2], head[1::2]):
        return "UTF-16 text without a byte-order mark (save it as UTF-8, or with a BOM)"
    # JSONL whose tail a crash filled with NUL bytes is still JSONL: its bad
    # lines are reported one by one.
    if head.count(0) * 10 > len(head) and not head.lstrip().startswith(b"{"):
        return "binary data, not text"
    return None


def _looks_like_utf16(high: bytes, low: bytes) -> bool:
    """Every other byte is the high byte of an ASCII, Arabic-script or
    punctuation character, and the others are not mostly NUL."""
    in_range = sum(byte in _UTF16_HIGH_BYTES for byte in high)
    return high.count(0) > 0 and in_range * 10 >= len(high) * 9 and low.count(0) * 2 < len(low)


def decode(data: bytes, encoding: str, errors: str) -> tuple[str, list[str]]:
    """Decode ``data`` with ``--encoding-errors`` policy ``errors``.

    Returns the text and warnings for what was changed. Raises ``ValueError``
    with a message for the user when ``errors`` is ``strict`` and a byte is bad.
    """
    try:
        return _without_nul(data.decode(encoding))
    except UnicodeDecodeError as error:
        if errors == "strict":
            bad = data[error.start : error.start + 1]
            raise ValueError(
                f"not valid {label(encoding)} (byte {error.start}: {bad!r}); "
                "--encoding-errors replace or skip reads it anyway"
            ) from None
    text = data.decode(encoding, CODEC_ERRORS[errors])
    bad_bytes = _count_bad_bytes(data, encoding)
    action = "replaced by U+FFFD" if errors == "replace" else "dropped"
    text, warnings = _without_nul(text)
    return text, [f"{bad_bytes} invalid {label(encoding)} byte(s) {action}", *warnings]


def _without_nul(text: str) -> tuple[str, list[str]]:
    # NUL is no character of any text, and JSON consumers (PostgreSQL among
    # them) refuse it: a stray NUL is a defect of the file, like a BOM.
    count = text.count("\x00")
    if not count:
        return text, []
    return text.replace("\x00", ""), [f"{count} NUL byte(s) removed"]


def _count_bad_bytes(data: bytes, encoding: str) -> int:
    _bad_bytes.clear()
    data.decode(encoding, "corpuskit-count")
    return sum(_bad_bytes)


#: Sizes of the bad byte runs met by the last ``_count_bad_bytes`` (a codec error
#: handler is registered by name, once, so it reports through a module list).
_bad_bytes: list[int] = []


def _note_bad_bytes(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    _bad_bytes.append(error.end - error.start)
    return "", error.end


codecs.register_error("corpuskit-count", _note_bad_bytes)


def label(encoding: str) -> str:
    """The encoding's name for a message: utf-16-le -> UTF-16."""
    return encoding.upper()[:6]
