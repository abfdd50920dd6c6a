"""The XML of one workbook part, read chunk by chunk in time and memory bounded by its size.

A part may unpack to hundreds of megabytes, so it is read in chunks, each cut after its last
'<' (or, in `tokens`, after its last complete token); the rest waits for the next chunk. The
rest may not outgrow MAX_REST_BYTES and no run without a '<' may reach MAX_TEXT_BYTES, so
no byte is scanned more than a few times, however the part is padded. Refused on the way:
NUL bytes and declarations of other encodings than UTF-8 (the reader would decode UTF-16,
where these byte patterns see nothing).

`pieces` yields (data, end) for the usual search of a few tags with regular expressions:
every '<' in data[:end] is followed by all of its tag, every cell by all of its content when
the piece is cut before cells. `tokens` also cuts the XML into whole tokens the way the
reader (quick-xml) does, passing over comments, CDATA and processing instructions whole (a
tag written inside one is not a tag) and refusing what is not well-formed: a tag holding a
'<', an unclosed quote, a DOCTYPE (entities). `count_tags` bounds a part the reader parses
whole, tag by tag.
"""

import re
from collections.abc import Iterable, Iterator

from jimo_desktop.excel.reading.limits import MAX_TEXT_BYTES, ExcelFileError, check_tags

MAX_REST_BYTES = 2 * MAX_TEXT_BYTES  # a tag, a comment or a run of text not yet ended

SKIPPED = (
    rb"<!--(?:[^-]++|-(?!->))*+-->"
    rb"|<!\[CDATA\[(?:[^\]]++|\](?!\]>))*+\]\]>"
    rb"|<\?(?:[^?]++|\?(?!>))*+\?>"
)
_TAG = rb"</?[^\s<>!?/\"'=][^<>\"']*+(?:(?:\"[^\"<]*+\"|'[^'<]*+')[^<>\"']*+)*+>"
_TOKENS = re.compile(rb"(?:[^<]{1,%d}+(?=<|\Z)|%s|%s)*+" % (MAX_TEXT_BYTES, SKIPPED, _TAG))
_DECLARED_ENCODING = re.compile(
    rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']"""
)


def pieces(chunks: Iterable[bytes], part: str, cut: bytes = b"<") -> Iterator[tuple[bytes, int]]:
    """`cut` starts the tag before which a piece ends when it can (a cell's <c, so that no
    cell is cut in two), else before the last '<'."""
    rest = b""
    for number, chunk in enumerate(chunks):
        data = _joined(rest, chunk, number, part)
        end = data.rfind(cut)
        if end < 0 or len(data) - end > MAX_REST_BYTES:
            end = data.rfind(b"<")
        if end < 0:
            end = len(data)
        _check_runs(data, end, part)
        rest = data[end:]
        if len(rest) > MAX_REST_BYTES:
            raise ExcelFileError(_malformed(rest, part))
        yield data, end
    if rest:
        _check_runs(rest, len(rest), part)
        yield rest, len(rest)


def count_tags(chunks: Iterable[bytes], part: str) -> int:
    """The tags of a part the reader parses whole, refused beyond MAX_TAGS."""
    tags = 0
    for data, end in pieces(chunks, part):
        tags += data.count(b"<", 0, end)
        check_tags(part, tags)
    return tags


def tokens(chunks: Iterable[bytes], part: str) -> Iterator[tuple[bytes, int]]:
    rest = b""
    for number, chunk in enumerate(chunks):
        data = _joined(rest, chunk, number, part)
        end = data.rfind(b"<")
        if end <= 0:  # all text, or one token still growing
            end = len(data) if end < 0 else 0
        done = _TOKENS.match(data, 0, end).end()
        rest = data[done:]
        if len(rest) > MAX_REST_BYTES:
            raise ExcelFileError(_malformed(rest, part))
        yield data, done
    if rest:
        done = _TOKENS.match(rest).end()
        if done < len(rest):
            raise ExcelFileError(_malformed(rest[done:], part))
        yield rest, done


def _joined(rest: bytes, chunk: bytes, number: int, part: str) -> bytes:
    if b"\x00" in chunk:
        raise ExcelFileError(f"{part}不是UTF-8编码的XML，文件可能已损坏，未导入")
    data = rest + chunk
    declared = _DECLARED_ENCODING.match(data) if number == 0 else None
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        encoding = declared.group(1).decode("ascii", "replace")
        raise ExcelFileError(f"{part}的XML声明为 {encoding} 编码，不是Excel写的文件，未导入")
    return data


def _check_runs(data: bytes, end: int, part: str) -> None:
    """No run without a '<' of MAX_TEXT_BYTES in data[:end]: such a run holds a whole window
    of half that size aligned at a multiple of it, so a few searches find it."""
    window = MAX_TEXT_BYTES // 2
    for start in range(0, end - window + 1, window):
        if data.find(b"<", start, start + window) < 0:
            first = data.rfind(b"<", 0, start) + 1
            last = data.find(b"<", start, end)
            if (last if last >= 0 else end) - first >= MAX_TEXT_BYTES:
                raise ExcelFileError(_malformed(data[first:], part))


def _malformed(rest: bytes, part: str) -> str:
    """What is wrong where the reading stopped, in the officer's words."""
    if rest.startswith(b"<!DOCTYPE"):
        what = "含有DTD声明"
    elif rest.startswith((b"<!--", b"<![CDATA[", b"<?")):
        what = "有未结束或过长的注释"
    elif rest.startswith(b"<") and b"<" not in rest[1:] and b">" in rest[:MAX_TEXT_BYTES]:
        what = f"有超过 {MAX_TEXT_BYTES // 1024} KB 的一段文字或空白"
    elif rest.startswith(b"<"):
        what = "有残缺或过长的标记"
    else:
        what = f"有超过 {MAX_TEXT_BYTES // 1024} KB 的一段文字或空白"
    return f"{part}的XML{what}，文件可能已损坏或被改动，未导入"
