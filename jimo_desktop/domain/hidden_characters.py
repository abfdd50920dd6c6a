"""Characters nobody can see, taken out of text that comes from outside or goes into a file.

A unit's spreadsheet may hold control characters (U+0001, stored in the file as _x0001_)
and format characters: zero-width spaces and joiners, the byte order mark, bidi embeddings,
overrides and isolates, soft hyphens, tag characters. None shows on screen or paper, yet
each makes a name differ from the one the officer reads, can reverse what is shown
(U+202E), or hide what a cell begins with (U+0001 before "="). Tab, line feed and carriage
return stay: they are the layout of the text, which each field's reading decides. What no
XML file may hold (lone surrogates, U+FFFE, U+FFFF) goes too, as a sheet holding it cannot
be opened again.
"""

import re

# Unicode's categories Cc (but tab, line feed, carriage return) and Cf as of Unicode 15.1,
# which a test checks against the running Python's tables; surrogates; U+FFFE and U+FFFF.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891"
    "\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\ufffe\uffff\ud800-\udfff\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def without_hidden(text: str) -> str:
    """`text` without the characters above; the same string when it has none."""
    # isprintable is false for every one of them (and for line breaks): the usual text of a
    # cell is let through by one call in C.
    if text.isprintable():
        return text
    return _HIDDEN.sub("", text)


def hidden_in(text: str) -> list[str]:
    """The characters `without_hidden` takes out of `text`, in order."""
    return [] if text.isprintable() else _HIDDEN.findall(text)


def code_points(characters: list[str], most: int = 3) -> str:
    """ "U+0001、U+200B": how a message names characters that cannot be shown."""
    distinct = list(dict.fromkeys(characters))
    named = "、".join(f"U+{ord(char):04X}" for char in distinct[:most])
    return f"{named}等" if len(distinct) > most else named
