"""The four numbers of a Windows version resource, from the package's version string.

Windows keeps a version as four numbers of 0-65535. The release numbers fill them from the
left; a post-release (1.2.0.post3) puts its number in the fourth place when the release
leaves it free, and pre-releases, development releases and local labels (1.2.0rc1,
1.2.0.dev4, 1.2.0+site) keep their release's numbers: the text of the version names them.
"""

from packaging.version import InvalidVersion, Version

WINDOWS_PARTS = 4
LARGEST_PART = 0xFFFF


def version_numbers(text: str) -> tuple[int, int, int, int]:
    try:
        version = Version(text)
    except InvalidVersion as error:
        raise ValueError(f"the version {text!r} is not a version number") from error
    numbers = list(version.release[:WINDOWS_PARTS])
    numbers += [0] * (WINDOWS_PARTS - len(numbers))
    if version.post is not None and len(version.release) < WINDOWS_PARTS:
        numbers[WINDOWS_PARTS - 1] = version.post
    if any(number > LARGEST_PART for number in numbers):
        raise ValueError(f"the version {text!r} has a part above {LARGEST_PART}")
    return tuple(numbers)
