"""Make the faces bundled in resources/fonts/ from the Fandol OpenType faces.

    uv run python build/font_bundle.py FANDOL_FOLDER resources/fonts

(scripts/bundle-fonts fetches the faces from Debian and runs this.) Each face keeps the
characters of GB 2312, ASCII and every character the program's own texts use, and its CFF
outlines become TrueType (quadratic) ones: ReportLab embeds only TrueType outlines, and
Qt reads either.
"""

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

ROOT = Path(__file__).resolve().parent.parent
# FandolSong is left out: 宋体 only numbers the pages, every Windows has it, and 仿宋 stands in.
FACES = ("FandolFang-Regular", "FandolHei-Regular", "FandolKai-Regular")
# The program's own texts: messages, forms, schema and dictionaries, demo data, templates.
TEXT_FOLDERS = ("jimo_desktop", "ui", "db")
TEXT_SUFFIXES = (".py", ".ui", ".sql", ".qss", ".md")
# Curve error allowed when cubic outlines become quadratic, in font units (of 1,000).
MAX_CURVE_ERROR = 1.0


def gb2312_characters() -> set[str]:
    characters = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                characters.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return characters


def program_characters() -> set[str]:
    characters = set()
    for folder in TEXT_FOLDERS:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in TEXT_SUFFIXES and path.is_file():
                characters.update(path.read_text(encoding="utf-8"))
    return {c for c in characters if c.isprintable()}


def wanted_characters() -> set[str]:
    ascii_printable = {chr(code) for code in range(0x20, 0x7F)}
    return gb2312_characters() | program_characters() | ascii_printable


def subset_face(source: Path, characters: set[str]) -> TTFont:
    options = subset.Options()
    options.layout_features = ["vert", "vrt2", "kern"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in characters])
    subsetter.subset(font)
    return font


def to_truetype(font: TTFont) -> None:
    """Replace the CFF outlines by TrueType ones, with the tables TrueType needs."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_CURVE_ERROR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    metrics = font["hmtx"].metrics
    for name, glyph in glyf.glyphs.items():
        width, _ = metrics[name]
        metrics[name] = (width, getattr(glyph, "xMin", 0))
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def main(source_folder: str, target_folder: str) -> None:
    characters = wanted_characters()
    target = Path(target_folder)
    target.mkdir(parents=True, exist_ok=True)
    for face in FACES:
        font = subset_face(Path(source_folder) / f"{face}.otf", characters)
        to_truetype(font)
        out = target / f"{face}.ttf"
        font.save(out)
        print(f"{out}: {len(font.getGlyphOrder())} glyphs, {out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main(*sys.argv[1:3])
