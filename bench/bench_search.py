"""Search latency over 10,000 generated items (p50 and p95), on whatever DATABASE_URL names.

Run on PostgreSQL for the production figure:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/jomthong make bench
"""

import random
import statistics
import time

from django.db import connection
from django.test import Client

ITEMS = 10_000
WORDS = [
    "ถนน",
    "คอนกรีต",
    "เสริมเหล็ก",
    "ประปา",
    "หมู่บ้าน",
    "ไฟฟ้า",
    "ส่องสว่าง",
    "การศึกษา",
    "โรงเรียน",
    "อนามัย",
    "สุขภาพ",
    "อาชีพ",
    "เกษตร",
    "ประมง",
    "แม่น้ำ",
    "ภูมิปัญญาท้องถิ่น",
    "อาหาร",
    "ตำนาน",
    "วัด",
    "เจดีย์",
    "ท่องเที่ยว",
    "ความปลอดภัย",
    "ยาเสพติด",
    "ชุมชน",
    "ผู้สูงอายุ",
    "เด็ก",
    "เยาวชน",
    "งบประมาณ",
    "โครงการ",
    "ก่อสร้าง",
    "ซ่อมแซม",
    "ปรับปรุง",
    "ขุดลอก",
    "คลอง",
    "สะพาน",
    "ตลาด",
    "กีฬา",
    "ฝึกอบรม",
    "ประชุม",
    "สภา",
]
QUERIES = ["ถนน", "ภูมิปัญญา", "ประปา หมู่บ้าน", "ยาเสพติด", "ขุดลอก คลอง", "ท่องเที่ยว วัด", "ฝึกอบรม", "สะพาน"]


def sentence(rng, length):
    return "".join(rng.choice(WORDS) for _ in range(length))  # Thai: no spaces between words


def run(report):
    from pages.models import Page
    from search.engine import search

    rng = random.Random(2569)
    started = time.perf_counter()
    for start in range(0, ITEMS, 500):
        for number in range(start, min(start + 500, ITEMS)):
            Page.objects.create(
                title=f"{sentence(rng, 4)} {number}",
                slug=f"bench-{number}",
                body=f"<p>{sentence(rng, 60)}</p><p>{sentence(rng, 40)}</p>",
                status=Page.Status.PUBLISHED if number % 10 else Page.Status.DRAFT,
            )
    report("items indexed", ITEMS, "items")
    report("indexing time per item", f"{(time.perf_counter() - started) * 1000 / ITEMS:.2f}", "ms")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_searchentry")

    client = Client()
    for label, call in (
        ("engine", search),
        ("results page (HTTP, first page)", lambda q: client.get("/search/", {"q": q})),
    ):
        timings = []
        for _ in range(5):
            for query in QUERIES:
                began = time.perf_counter()
                call(query)
                timings.append((time.perf_counter() - began) * 1000)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        report(f"{label} p50 ({connection.vendor})", f"{statistics.median(timings):.1f}", "ms")
        report(f"{label} p95 ({connection.vendor})", f"{p95:.1f}", "ms")
    report("hits for ถนน", len(search("ถนน").ids), "items")
