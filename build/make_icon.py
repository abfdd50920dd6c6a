"""Draw the program's icon: rising bars and a red marker on a blue tile (no font, no licence).

    uv run python build/make_icon.py

Writes resources/icons/app.png (256 px, the window icon) and app.ico (16–256 px, Windows).
"""

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZE = 256
BLUE, WHITE, RED, GOLD = (21, 79, 145), (255, 255, 255), (206, 32, 41), (246, 196, 68)
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]


def draw(size: int = SIZE) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    unit = size / 16
    pen.rounded_rectangle((0, 0, size - 1, size - 1), radius=3 * unit, fill=BLUE)
    baseline = 13 * unit
    for column, height in enumerate((4, 6.5, 9)):
        left = (3 + column * 3.5) * unit
        pen.rectangle((left, baseline - height * unit, left + 2.5 * unit, baseline), fill=WHITE)
    pen.rectangle((2.5 * unit, baseline, 13.5 * unit, baseline + 0.6 * unit), fill=GOLD)
    pen.ellipse((11.2 * unit, 1.8 * unit, 14 * unit, 4.6 * unit), fill=RED)
    return image


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    image = draw()
    image.save(ICONS / "app.png")
    image.save(ICONS / "app.ico", sizes=ICO_SIZES)
    print(f"已生成 {ICONS / 'app.png'} 和 {ICONS / 'app.ico'}")


if __name__ == "__main__":
    main()
