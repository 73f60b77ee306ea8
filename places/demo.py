"""Demo content for the map page: sample places around ตำบลจอมทอง and a tambon map drawn with Pillow.

Every description says it is sample content; the coordinates are approximate and the village names that
were not found in public sources are neutral placeholders. Running this twice changes nothing, and a
clerk's later edits are never overwritten (rows are created once, looked up by name).
"""

import io
import math
from decimal import Decimal

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from core.demo_images import SAMPLE_LABEL, draw_label, scene_jpeg, thai_font
from places.models import MapSheet, Place

Kind = Place.Kind
SAMPLE_NOTE = "(ข้อมูลตัวอย่าง ตำแหน่งโดยประมาณ เจ้าหน้าที่แก้ไขได้ในระบบจัดการ)"
VILLAGE_NOTE = "ชื่อหมู่บ้านรอเจ้าหน้าที่ยืนยัน"

# name, kind, หมู่ที่, latitude, longitude, description, drawn photo (scene, caption) or None
PLACES = [
    (
        "ที่ทำการองค์การบริหารส่วนตำบลจอมทอง",
        Kind.GOVERNMENT,
        2,
        "16.912400",
        "100.259800",
        "สำนักงาน อบต.จอมทอง ติดต่อราชการได้วันจันทร์–ศุกร์ 08:30–16:30 น.",
        None,
    ),
    (
        "ศูนย์พัฒนาเด็กเล็ก อบต.จอมทอง",
        Kind.SCHOOL,
        2,
        "16.913600",
        "100.262100",
        "ศูนย์พัฒนาเด็กเล็กในความดูแลของ อบต. รับเด็กอายุ 2–5 ปี",
        None,
    ),
    (
        "โรงเรียนประจำตำบลจอมทอง",
        Kind.SCHOOL,
        3,
        "16.921500",
        "100.248200",
        "โรงเรียนระดับประถมศึกษา (ชื่อโรงเรียนเป็นชื่อตัวอย่าง)",
        None,
    ),
    (
        "วัดจูงนาง",
        Kind.TEMPLE,
        5,
        "16.895800",
        "100.266300",
        "วัดริมแม่น้ำน่าน ศูนย์รวมจิตใจของชาวบ้าน หน้าวัดเป็นเขตอนุรักษ์พันธุ์ปลา",
        None,
    ),
    (
        "วังปลาหน้าวัดจูงนาง",
        Kind.NATURE,
        5,
        "16.895200",
        "100.268900",
        "เขตอนุรักษ์พันธุ์ปลาในแม่น้ำน่านหน้าวัดจูงนาง ห้ามจับปลาตลอดปี ชาวบ้านและนักท่องเที่ยวมาให้อาหารปลาได้",
        ("outdoor", "วังปลาหน้าวัดจูงนาง"),
    ),
    (
        "พระปรางค์วัดจุฬามณี",
        Kind.LANDMARK,
        None,
        "16.873400",
        "100.264600",
        "พระปรางค์สมัยอยุธยาตอนต้นของวัดจุฬามณี วัดเก่าแก่ใกล้ตำบลจอมทอง (ตั้งอยู่ในตำบลท่าทองซึ่งอยู่ติดกัน)",
        ("outdoor", "พระปรางค์วัดจุฬามณี"),
    ),
    (
        "พระพุทธรูปหลวงพ่อขาว วัดจุฬามณี",
        Kind.LANDMARK,
        None,
        "16.875400",
        "100.261900",
        "พระพุทธรูปที่ชาวบ้านเคารพศรัทธา ประดิษฐานที่วัดจุฬามณี ใกล้พระปรางค์",
        None,
    ),
    (
        "บ้านปากโทก (หมู่ที่ 4)",
        Kind.VILLAGE,
        4,
        "16.935600",
        "100.276800",
        "หมู่บ้านริมฝั่งแม่น้ำ บริเวณที่แม่น้ำแควน้อยไหลมาบรรจบแม่น้ำน่าน",
        None,
    ),
]
VILLAGE_POSITIONS = {
    # หมู่ที่: (latitude, longitude); หมู่ 4 (บ้านปากโทก) is listed above with its name.
    1: ("16.944200", "100.252600"),
    2: ("16.915800", "100.256900"),
    3: ("16.925300", "100.243900"),
    5: ("16.898400", "100.262700"),
    6: ("16.884900", "100.248100"),
    7: ("16.903700", "100.236400"),
    8: ("16.928100", "100.287400"),
}

# --- The drawn map ---

MAP_WIDTH, MAP_HEIGHT = 1600, 1130
MAP_BOX = (16.862, 16.956, 100.218, 100.302)  # south, north, west, east
FRAME = (40, 120, 1130, 1090)  # left, top, right, bottom of the map area; the legend sits to its right
# The Nan river (north to south) and the Khwae Noi joining it from the east at Pak Thok.
NAN_RIVER = [(16.958, 100.262), (16.946, 100.266), (16.936, 100.272), (16.924, 100.266), (16.912, 100.263),
             (16.900, 100.268), (16.889, 100.265), (16.877, 100.269), (16.860, 100.266)]  # fmt: skip
KHWAE_NOI = [(16.950, 100.304), (16.944, 100.292), (16.939, 100.283), (16.936, 100.272)]
ROADS = [[(16.958, 100.240), (16.930, 100.246), (16.905, 100.250), (16.880, 100.252), (16.860, 100.255)],
         [(16.912, 100.219), (16.913, 100.240), (16.912, 100.259)],
         [(16.928, 100.288), (16.920, 100.300)]]  # fmt: skip
BOUNDARY = [(16.952, 100.230), (16.954, 100.262), (16.946, 100.296), (16.925, 100.298), (16.900, 100.284),
            (16.880, 100.272), (16.878, 100.242), (16.893, 100.226), (16.922, 100.224)]  # fmt: skip


def _to_pixels(latitude, longitude):
    south, north, west, east = MAP_BOX
    left, top, right, bottom = FRAME
    x = left + (float(longitude) - west) / (east - west) * (right - left)
    y = bottom - (float(latitude) - south) / (north - south) * (bottom - top)
    return round(x), round(y)


def _text(draw, xy, text, size, fill="#2b2b2b", fallback=None):
    font = thai_font(size)
    if font is None:  # no Thai font on this machine: Latin fallback, as core.demo_images does
        if fallback is None:
            return
        font, text = ImageFont.load_default(size=size), fallback
    draw.text(xy, text, font=font, fill=fill)


def _fit(draw, text, size, max_width):
    """``text`` shortened with an ellipsis until it fits ``max_width`` pixels at ``size``."""
    font = thai_font(size)
    if font is None or draw.textlength(text, font=font) <= max_width:
        return text
    while text and draw.textlength(text + "…", font=font) > max_width:
        text = text[:-1]
    return text + "…"


def tambon_map_png(places) -> bytes:
    """A flat, drawn map of the tambon: river, roads, boundary and one numbered dot per place, with a legend.

    Drawn from the same coordinates as the interactive map, so the two agree; clearly labelled as a sample.
    """
    image = Image.new("RGB", (MAP_WIDTH, MAP_HEIGHT), "#f6f1e3")
    draw = ImageDraw.Draw(image, "RGBA")
    left, top, right, bottom = FRAME
    draw.rectangle(FRAME, fill="#eef2df", outline="#6b6b6b", width=3)
    for row in range(6):  # rice fields: a quiet grid of paddies
        for col in range(9):
            if (row * 7 + col * 3) % 4:
                x0, y0 = left + 20 + col * 120, top + 30 + row * 160
                draw.rectangle((x0, y0, x0 + 96, y0 + 120), fill="#dfe9c6")
    draw.polygon([_to_pixels(*point) for point in BOUNDARY], outline="#b3261e", width=5)
    for road in ROADS:
        draw.line([_to_pixels(*point) for point in road], fill="#ffffff", width=12, joint="curve")
        draw.line([_to_pixels(*point) for point in road], fill="#b9a27a", width=6, joint="curve")
    draw.line([_to_pixels(*point) for point in KHWAE_NOI], fill="#5aa9d6", width=22, joint="curve")
    draw.line([_to_pixels(*point) for point in NAN_RIVER], fill="#5aa9d6", width=34, joint="curve")
    _text(draw, _to_pixels(16.955, 100.2705), "แม่น้ำน่าน", 26, fill="#1d5f86")
    _text(draw, _to_pixels(16.9395, 100.2865), "แม่น้ำแควน้อย", 24, fill="#1d5f86")

    for number, place in enumerate(places, start=1):
        x, y = _to_pixels(place.latitude, place.longitude)
        draw.ellipse((x - 17, y - 17, x + 17, y + 17), fill="#1f5f3f", outline="#ffffff", width=3)
        label = str(number)
        font = ImageFont.load_default(size=20)
        width = draw.textlength(label, font=font)
        draw.text((x - width / 2, y - 12), label, font=font, fill="#ffffff")

    # North arrow and a scale bar of 1 km (at this latitude one degree of longitude is about 106.5 km).
    draw.polygon([(left + 60, top + 30), (left + 40, top + 90), (left + 60, top + 78), (left + 80, top + 90)],
                 fill="#2b2b2b")  # fmt: skip
    _text(draw, (left + 38, top + 92), "เหนือ", 22, fallback="N")
    km = (right - left) / ((MAP_BOX[3] - MAP_BOX[2]) * 111.32 * math.cos(math.radians(16.9)))
    draw.rectangle((left + 30, bottom - 40, left + 30 + km, bottom - 30), fill="#2b2b2b")
    _text(draw, (left + 30, bottom - 78), "1 กิโลเมตร", 22, fallback="1 km")

    _text(draw, (40, 30), "แผนที่ตำบลจอมทอง อำเภอเมืองพิษณุโลก จังหวัดพิษณุโลก", 40, fill="#143f2a",
          fallback="Tambon Chom Thong (sample map)")  # fmt: skip
    draw_label(draw, SAMPLE_LABEL, (1330, 36), 34)
    _text(draw, (1160, 130), "สถานที่สำคัญ", 28, fill="#143f2a", fallback="Places")
    for number, place in enumerate(places, start=1):
        y = 180 + (number - 1) * 52
        draw.ellipse((1160, y, 1192, y + 32), fill="#1f5f3f")
        font = ImageFont.load_default(size=18)
        label = str(number)
        draw.text((1176 - draw.textlength(label, font=font) / 2, y + 5), label, font=font, fill="#ffffff")
        _text(draw, (1204, y - 1), _fit(draw, place.name, 20, MAP_WIDTH - 1214), 20)
    _text(draw, (1160, MAP_HEIGHT - 70), "เส้นสีแดง: แนวเขตตำบลโดยประมาณ", 20, fill="#b3261e")
    output = io.BytesIO()
    image.save(output, "PNG", optimize=True)
    return output.getvalue()


def _place_rows():
    rows = [
        (f"หมู่บ้าน หมู่ที่ {number}", Kind.VILLAGE, number, latitude, longitude, VILLAGE_NOTE, None)
        for number, (latitude, longitude) in VILLAGE_POSITIONS.items()
    ]
    return PLACES + rows


def load(stdout=None):
    created = 0
    for order, (name, kind, village, latitude, longitude, description, drawing) in enumerate(_place_rows(), start=1):
        if Place.objects.filter(name=name).exists():
            continue
        place = Place(
            name=name,
            kind=kind,
            village_number=village,
            latitude=Decimal(latitude),
            longitude=Decimal(longitude),
            description=f"{description} {SAMPLE_NOTE}",
            status=Place.Status.PUBLISHED,
            order=order * 10,
        )
        if drawing:
            scene, caption = drawing
            place.photo.save(f"place-{order}.jpg", ContentFile(scene_jpeg(scene, 900 + order, caption)), save=False)
            place.photo_alt = f"ภาพวาดตัวอย่าง: {caption} (ไม่ใช่ภาพถ่ายจริง)"
        place.full_clean()
        place.save()
        created += 1

    title = "แผนที่ตำบลจอมทอง (ภาพตัวอย่าง)"
    if not MapSheet.objects.filter(title=title).exists():
        sheet = MapSheet(
            title=title,
            alt="แผนที่วาดตัวอย่างของตำบลจอมทอง แสดงแม่น้ำน่าน แม่น้ำแควน้อย ถนน แนวเขตตำบล และหมุดหมายเลขของสถานที่สำคัญ",
            caption="ภาพตัวอย่างที่ระบบวาดขึ้นจากพิกัดของสถานที่ เจ้าหน้าที่เปลี่ยนเป็นภาพสแกนแผนที่จริงได้ในระบบจัดการ",
            status=MapSheet.Status.PUBLISHED,
            order=10,
        )
        places = list(Place.objects.published())
        sheet.image.save("tambon-map-sample.png", ContentFile(tambon_map_png(places)), save=False)
        sheet.full_clean()
        sheet.save()
        created += 1
    if stdout:
        stdout.write(f"places: สถานที่บนแผนที่และภาพแผนที่ตำบลพร้อมแล้ว (สร้างใหม่ {created} รายการ)")
