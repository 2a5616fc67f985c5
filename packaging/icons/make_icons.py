"""Draws the application icon and writes lawdesk.png, lawdesk.ico (Windows) and lawdesk.icns (macOS).

Run again after changing the drawing: `python packaging/icons/make_icons.py` (needs Pillow only).
The letter is Noto Serif Bold from resources/fonts (SIL Open Font License).
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONT = HERE.parent.parent / "resources" / "fonts" / "NotoSerif-Bold.ttf"
SIZE = 1024
NAVY, GOLD, PAPER = (27, 46, 86, 255), (214, 170, 74, 255), (250, 248, 242, 255)


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    margin = SIZE // 16
    pen.rounded_rectangle((margin, margin, SIZE - margin, SIZE - margin), radius=SIZE // 5, fill=NAVY)
    # A sheet of paper with a folded corner, the dossier.
    left, top, right, bottom = SIZE * 0.27, SIZE * 0.2, SIZE * 0.73, SIZE * 0.8
    fold = SIZE * 0.12
    pen.polygon([(left, top), (right - fold, top), (right, top + fold), (right, bottom), (left, bottom)], fill=PAPER)
    pen.polygon([(right - fold, top), (right - fold, top + fold), (right, top + fold)], fill=(200, 196, 186, 255))
    font = ImageFont.truetype(str(FONT), int(SIZE * 0.42))
    pen.text((SIZE * 0.5, SIZE * 0.53), "§", font=font, fill=NAVY, anchor="mm")
    pen.rectangle((left, bottom - SIZE * 0.06, right, bottom), fill=GOLD)
    return image


def main() -> None:
    image = draw()
    image.resize((512, 512), Image.LANCZOS).save(HERE / "lawdesk.png")
    image.save(HERE / "lawdesk.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    image.save(HERE / "lawdesk.icns")


if __name__ == "__main__":
    main()
