"""Reading article files: bytes in, normalised text out, with errors an editor can act on."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from kb_builder.findings import Finding

BOM = "\ufeff"


@dataclass(frozen=True)
class SourceText:
    """The text of one file, decoded and with line endings normalised to LF."""

    text: str
    had_bom: bool
    newline: str
    """The file's own line ending (`\\n` or `\\r\\n`), so tools that rewrite it can keep it."""


def decode_source(data: bytes, shown_path: str) -> SourceText | Finding:
    """Decode UTF-8 (BOM optional) and normalise CRLF/CR to LF.

    A file that is not UTF-8 comes back as a finding with the line of the first bad byte,
    because a traceback from deep inside MkDocs tells an editor nothing.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return Finding(
            shown_path,
            line,
            f"the file is not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})",
            "Save the file as UTF-8 in your editor (for example 'Save with encoding: UTF-8')",
        )
    if "\0" in text:
        # Text editors never write one; a NUL is a binary file given a .md name, or damage.
        line = text[: text.index("\0")].count("\n") + 1
        return Finding(
            shown_path,
            line,
            "the file contains a NUL character (byte 0x00), so it is not text",
            "Remove the character, or save the file again as plain UTF-8 text",
        )
    had_bom = text.startswith(BOM)
    if had_bom:
        text = text[1:]
    newline = "\r\n" if "\r\n" in text else "\n"
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return SourceText(text=text, had_bom=had_bom, newline=newline)


def nfc(path: str) -> str:
    """Unicode NFC form of a path, so `é` typed on macOS (NFD) and Linux (NFC) are one file."""
    return unicodedata.normalize("NFC", path)
