"""Illustrations for the sample announcements, drawn with Pillow (no downloaded photos).

Each scene is a few flat shapes (sky, fields, river, people, a meeting table...) with a visible
"ภาพตัวอย่าง" label, so nobody mistakes it for a real photo. Thai text needs a Thai TrueType font
(Debian's fonts-thai-tlwg); without one the label falls back to "SAMPLE" and the scene is unchanged.
"""

import io
import random
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 800
THAI_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/tlwg/Loma-Bold.ttf",
    "/usr/share/fonts/truetype/tlwg/Garuda-Bold.ttf",
    "/usr/share/fonts/truetype/tlwg/Sawasdee-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansThai-Bold.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansThai-Bold.ttf",
)
SAMPLE_LABEL = "ภาพตัวอย่าง"


@lru_cache(maxsize=8)
def thai_font(size):
    """A Thai-capable font at ``size``, or None when the machine has none."""
    for candidate in THAI_FONT_CANDIDATES:
        if Path(candidate).exists():
            try:
                return ImageFont.truetype(candidate, size)
            except OSError:
                continue
    return None


def draw_label(draw, text, xy, size, fill="#ffffff", background="#1f5f3fcc"):
    """Draws ``text`` in a rounded box; Latin fallback when no Thai font exists."""
    font = thai_font(size)
    if font is None:
        font, text = ImageFont.load_default(size=size), "SAMPLE"
    left, top, right, bottom = draw.textbbox(xy, text, font=font)
    pad = size // 3
    draw.rounded_rectangle((left - pad, top - pad, right + pad, bottom + pad), radius=pad, fill=background)
    draw.text(xy, text, font=font, fill=fill)


def _sky_and_land(draw, rng, sky="#bfe3f5", land="#8cc063", horizon=0.55):
    y = int(HEIGHT * horizon)
    draw.rectangle((0, 0, WIDTH, y), fill=sky)
    draw.rectangle((0, y, WIDTH, HEIGHT), fill=land)
    sun_x = rng.randint(100, WIDTH - 100)
    draw.ellipse((sun_x - 50, 60, sun_x + 50, 160), fill="#ffd95a")
    for _ in range(3):
        cx, cy = rng.randint(0, WIDTH), rng.randint(40, y - 120)
        for dx in (-40, 0, 40):
            draw.ellipse((cx + dx - 45, cy - 25, cx + dx + 45, cy + 25), fill="#ffffff")
    return y


def _river(draw, y):
    draw.polygon([(0, y + 90), (WIDTH, y + 40), (WIDTH, y + 140), (0, y + 200)], fill="#5aa9d6")
    for x in range(40, WIDTH, 160):
        draw.line((x, y + 130 - x // 30, x + 60, y + 128 - x // 30), fill="#d8eef9", width=4)


def _tree(draw, x, base, scale=1.0):
    trunk_w, trunk_h = int(18 * scale), int(70 * scale)
    draw.rectangle((x - trunk_w // 2, base - trunk_h, x + trunk_w // 2, base), fill="#7a5230")
    radius = int(60 * scale)
    draw.ellipse((x - radius, base - trunk_h - radius * 2 + 20, x + radius, base - trunk_h + 20), fill="#2f7d3a")


def _person(draw, x, base, rng, scale=1.0):
    shirt = rng.choice(["#e4572e", "#f3a712", "#4a7c59", "#2e86ab", "#a23b72", "#f0f0f0"])
    h = int(150 * scale)
    head = int(22 * scale)
    draw.rounded_rectangle((x - int(28 * scale), base - h + 2 * head, x + int(28 * scale), base - int(50 * scale)),
                           radius=int(10 * scale), fill=shirt)  # fmt: skip
    draw.rectangle((x - int(22 * scale), base - int(52 * scale), x - 3, base), fill="#3b3b58")
    draw.rectangle((x + 3, base - int(52 * scale), x + int(22 * scale), base), fill="#3b3b58")
    draw.ellipse((x - head, base - h, x + head, base - h + 2 * head), fill="#c68b59")
    draw.chord((x - head, base - h - 2, x + head, base - h + head), 180, 360, fill="#2b2b2b")


def _outdoor(draw, rng):
    y = _sky_and_land(draw, rng)
    _river(draw, y)
    for x in range(60, WIDTH, rng.randint(170, 230)):
        _tree(draw, x + rng.randint(-20, 20), y + 20, scale=rng.uniform(0.7, 1.0))
    for x in range(160, WIDTH - 100, rng.randint(120, 170)):
        _person(draw, x, HEIGHT - rng.randint(40, 90), rng, scale=rng.uniform(1.2, 1.5))


def _meeting(draw, rng):
    draw.rectangle((0, 0, WIDTH, HEIGHT), fill="#efe6d8")
    draw.rectangle((0, int(HEIGHT * 0.62), WIDTH, HEIGHT), fill="#b98b5e")
    draw.rectangle((350, 70, 850, 330), fill="#ffffff", outline="#7a7a7a", width=6)  # a projector screen
    for i, color in enumerate(["#2e86ab", "#f3a712", "#4a7c59", "#e4572e"]):
        draw.rectangle((400 + i * 100, 290 - (i + 2) * 40, 460 + i * 100, 290), fill=color)
    for x in range(130, WIDTH - 80, 150):
        _person(draw, x, int(HEIGHT * 0.78), rng, scale=1.1)
    draw.rounded_rectangle((60, int(HEIGHT * 0.70), WIDTH - 60, int(HEIGHT * 0.84)), radius=16, fill="#8a5a34")


def _award(draw, rng):
    draw.rectangle((0, 0, WIDTH, HEIGHT), fill="#1f5f3f")
    for i in range(16):
        ray_x = WIDTH // 2 + int(900 * ((i % 8) - 3.5) / 4)
        ray_y = 0 if i < 8 else HEIGHT
        draw.polygon([(WIDTH // 2, 380), (ray_x - 40, ray_y), (ray_x + 40, ray_y)], fill="#28774f")
    draw.pieslice((470, 170, 730, 460), 0, 180, fill="#e0b232")
    draw.rectangle((585, 440, 615, 560), fill="#e0b232")
    draw.rounded_rectangle((500, 560, 700, 610), radius=10, fill="#c8941d")
    draw.ellipse((400, 220, 480, 330), outline="#e0b232", width=14)
    draw.ellipse((720, 220, 800, 330), outline="#e0b232", width=14)
    for _ in range(30):
        x, y = rng.randint(0, WIDTH), rng.randint(0, HEIGHT)
        draw.rectangle((x, y, x + 10, y + 18), fill=rng.choice(["#f3a712", "#ffffff", "#e4572e"]))


def _classroom(draw, rng):
    draw.rectangle((0, 0, WIDTH, HEIGHT), fill="#e8eef2")
    draw.rectangle((150, 60, 1050, 380), fill="#24543d", outline="#8a5a34", width=14)  # blackboard
    for row in range(5):
        draw.line((210, 120 + row * 50, 210 + rng.randint(300, 760), 120 + row * 50), fill="#e8f0e8", width=6)
    for x in range(120, WIDTH, 190):
        _person(draw, x, HEIGHT - 30, rng, scale=1.25)
        draw.rectangle((x - 70, HEIGHT - 140, x + 70, HEIGHT - 120), fill="#c08a52")


def _food(draw, rng):
    draw.rectangle((0, 0, WIDTH, HEIGHT), fill="#f6e7c8")
    for x in range(0, WIDTH, 80):
        draw.line((x, 0, x + 200, HEIGHT), fill="#efd9ad", width=20)
    draw.ellipse((260, 180, 940, 720), fill="#ffffff", outline="#d0c4ad", width=8)  # the plate
    draw.ellipse((360, 260, 840, 640), fill="#f3efe6")
    colors = ["#d1495b", "#edae49", "#66a182", "#00798c", "#8f5e3b"]
    for _ in range(26):
        x, y = rng.randint(420, 760), rng.randint(310, 580)
        r = rng.randint(18, 38)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=rng.choice(colors))
    for i in range(4):
        draw.ellipse((60 + i * 40, 560 - i * 30, 200 + i * 40, 640 - i * 30), fill="#7fb069")  # leaves


def _weaving(draw, rng):
    draw.rectangle((0, 0, WIDTH, HEIGHT), fill="#f2e3c6")
    palette = [("#c8941d", "#8a5a34"), ("#b5651d", "#f3d7a1"), ("#6f8f3a", "#e0c27a")]
    warp, weft = rng.choice(palette)
    cell = 40
    for row in range(0, HEIGHT, cell):
        for col in range(0, WIDTH, cell):
            over = ((row // cell) + (col // cell)) % 2 == 0
            draw.rectangle((col, row, col + cell - 2, row + cell - 2), fill=warp if over else weft)
    draw.ellipse((360, 160, 840, 700), fill="#8a5a34")  # a basket seen from above
    draw.ellipse((400, 200, 800, 660), fill="#c8941d")
    for r in range(40, 240, 30):
        draw.ellipse((600 - r, 430 - r, 600 + r, 430 + r), outline="#8a5a34", width=6)


SCENES = {
    "outdoor": _outdoor,
    "meeting": _meeting,
    "award": _award,
    "classroom": _classroom,
    "food": _food,
    "weaving": _weaving,
}


def scene_jpeg(scene: str, seed: int, caption: str = "") -> bytes:
    """A drawn illustration as JPEG bytes; the same (scene, seed) always gives the same picture."""
    rng = random.Random(f"{scene}-{seed}")
    image = Image.new("RGB", (WIDTH, HEIGHT), "#ffffff")
    draw = ImageDraw.Draw(image, "RGBA")
    SCENES[scene](draw, rng)
    draw_label(draw, SAMPLE_LABEL, (36, 28), 44)
    if caption and thai_font(30):
        draw_label(draw, caption, (36, HEIGHT - 70), 30, background="#000000aa")
    output = io.BytesIO()
    image.save(output, "JPEG", quality=80)
    return output.getvalue()


def sample_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page A4 PDF (an image of the page, made by Pillow's own PDF writer: no new dependency)."""
    page = Image.new("L", (827, 1169), 255)  # A4 at 100 dpi
    draw = ImageDraw.Draw(page)
    title_font, text_font = thai_font(30), thai_font(22)
    if title_font is None:
        title_font, text_font = ImageFont.load_default(size=30), ImageFont.load_default(size=22)
        title, lines = "SAMPLE DOCUMENT", ["Sample content generated for the demonstration site."]
    draw.rectangle((40, 40, 787, 1129), outline=0, width=2)
    draw.text((80, 90), title, font=title_font, fill=0)
    draw.line((80, 150, 747, 150), fill=0, width=2)
    y = 190
    for line in lines:
        draw.text((80, y), line, font=text_font, fill=40)
        y += 44
    draw.text((80, 1060), SAMPLE_LABEL if thai_font(22) else "SAMPLE", font=text_font, fill=120)
    output = io.BytesIO()
    page.save(output, "PDF", resolution=100.0, title=title)
    return output.getvalue()
