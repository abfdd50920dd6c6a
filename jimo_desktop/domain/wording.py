"""Text put together from pieces reads as one person wrote it: where a name ends with the word
the next piece starts with ("…综合体项目" + "项目地块…", "未分类" + "类"), the word is said once."""

_CJK = range(0x3400, 0xA000)


def joined(*parts: str) -> str:
    """The parts one after the other, a word at a seam said once: a shared run of two or
    more Chinese characters, or a one-character suffix the text already ends with."""
    text = ""
    for part in parts:
        text += part[_overlap(text, part) :]
    return text


def _overlap(text: str, part: str) -> int:
    for size in range(min(len(text), len(part)), 0, -1):
        piece = part[:size]
        if not all(ord(char) in _CJK for char in piece):
            continue
        if text.endswith(piece) and (size >= 2 or size == len(part)):
            return size
    return 0
