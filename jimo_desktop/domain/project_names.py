"""Project names as people write them: which two names are the same name.

Full-width and half-width alike, spaces, brackets, quotes and dashes ignored, Latin letters
in lower case: "海洋生物医药产业园 项目" and "海洋生物医药产业园项目" are one name. The import
matches a row to a kept project by it, and the editor asks before a second project of a
区位 takes a name it already has.
"""

import re
import unicodedata

_IGNORED = re.compile(r"[\s()\[\]【】{}<>《》“”\"'‘’·,，、.。:：;；\-—_~/\\|!！?？]+")


def normalise_name(name: str) -> str:
    return _IGNORED.sub("", unicodedata.normalize("NFKC", name)).lower()
