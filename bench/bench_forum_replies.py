"""A reply's cost at post 2 and at post 500 of one topic: time, SQL statements and search-index growth.

Each post is its own search document (forum/searchable.py), so the figures at the two sizes should agree
(within 20 %); before, the topic's whole text was re-segmented and rewritten on every reply.
The reply is timed as a member sends it: the service call, its commit and the indexing that runs on commit.
"""

import gc
import statistics
import time

from django.contrib.auth.models import User
from django.db.models import Count, Sum
from django.db.models.functions import Length

from bench.measure import queries_for
from core.segment import segmented
from forum import services
from forum.models import Board
from search.models import SearchEntry

BODY = (
    "เรียนท่านประธานสภา ขอเสนอให้ซ่อมแซมถนนลูกรังสายหมู่ที่ 6 ไปทุ่งนาก่อนฤดูฝน เพราะรถเกษตรสัญจรลำบาก "
    "และขอให้ติดตั้งไฟฟ้าส่องสว่างบริเวณทางโค้งหน้าโรงเรียน ชาวบ้านเดินทางกลับจากตลาดตอนค่ำเป็นประจำ"
)
BIG_TOPIC_POSTS = 500
SAMPLES = 15  # replies measured at each size, interleaved (a post-2 reply, then a post-500 one) so both
# sizes meet the same machine load; the post-500 ones make posts 500…514 of one topic


def index_size():
    """(rows, characters) of the search table's stored text."""
    totals = SearchEntry.objects.aggregate(
        rows=Count("pk"),
        chars=Sum(Length("title") + Length("text") + Length("title_words") + Length("text_words") + Length("url")),
    )
    return totals["rows"], totals["chars"] or 0


def timed_reply(topic, author):
    before = index_size()
    gc.collect()  # a collection set off by the previous step must not land inside this measurement
    began = time.perf_counter()
    _, queries = queries_for(lambda: services.post_reply(topic=topic, author=author, body=BODY, rate_limit=False))
    elapsed = (time.perf_counter() - began) * 1000
    after = index_size()
    return elapsed, queries, after[0] - before[0], after[1] - before[1]


def summary(samples):
    return (
        statistics.median(s[0] for s in samples),
        statistics.median(s[1] for s in samples),
        statistics.median(s[2] for s in samples),
        statistics.median(s[3] for s in samples),
    )


def run(report):
    segmented(BODY)  # PyThaiNLP builds its dictionary on the first call
    board = Board.objects.create(title="ห้องทดสอบความเร็ว", slug="bench-replies")
    author = User.objects.create_user(username="bench-member", password="x-unused-x", is_staff=True)

    def new_topic(number):
        return services.topic_create(
            board=board, author=author, title=f"กระทู้ทดสอบ {number:03d}", body=BODY, rate_limit=False
        ).post.topic

    big = new_topic(0)
    for _ in range(2, BIG_TOPIC_POSTS):
        services.post_reply(topic=big, author=author, body=BODY, rate_limit=False)
    at_2, at_500 = [], []
    for number in range(1, SAMPLES + 1):
        at_2.append(timed_reply(new_topic(number), author))  # makes post 2 of a fresh topic
        at_500.append(timed_reply(big, author))  # makes post 500, 501, …
    big.refresh_from_db()

    small, large = summary(at_2), summary(at_500)
    last = BIG_TOPIC_POSTS + SAMPLES - 1
    report(f"reply at post 2: time (median of {SAMPLES} topics)", f"{small[0]:.1f}", "ms")
    report(f"reply at post {BIG_TOPIC_POSTS}: time (median, posts {BIG_TOPIC_POSTS}–{last})", f"{large[0]:.1f}", "ms")
    report("reply time: post 500 against post 2", f"{(large[0] - small[0]) * 100 / small[0]:+.1f}", "%")
    report("reply at post 2: SQL statements", small[1], "queries")
    report(f"reply at post {BIG_TOPIC_POSTS}: SQL statements", large[1], "queries")
    report("reply at post 2: search index growth", f"{small[2]} row, {small[3]}", "chars")
    report(f"reply at post {BIG_TOPIC_POSTS}: search index growth", f"{large[2]} row, {large[3]}", "chars")
    report("index growth: post 500 against post 2", f"{(large[3] - small[3]) * 100 / small[3]:+.1f}", "%")
    report("posts in the long topic", big.post_count, "posts")
