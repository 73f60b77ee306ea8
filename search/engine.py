"""Site-wide search over the segmented index, on PostgreSQL and on SQLite alike.

A query is segmented the same way as the index; every word must match the start of an indexed word
(so "ภูมิปัญญา" finds "ภูมิปัญญาท้องถิ่น"); a query of four letters or more is also looked for inside
words, ranked after. When nothing matches, the query is looked for anywhere (codes, parts of names),
then, on PostgreSQL, among similar spellings. Only what each model's ``visible_to()`` allows the public is
ever found. PostgreSQL answers from a tsvector (simple configuration, GIN index) with prefix queries,
and uses pg_trgm for misspellings; SQLite takes a simpler path over the same word columns that finds
the same items. Both rank the same way (``_ranked``): an item whose whole title is the query comes first
(the temple "วัดจูงนาง" before the project named after it), then items with more of the words in their
title, then the newest.
"""

import difflib
import html
import re
from collections import Counter
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.postgres.search import SearchQuery
from django.db import connection, transaction
from django.db.models import Case, F, Func, IntegerField, Q, TextField, Value, When
from django.db.models.functions import Concat, StrIndex
from django.db.models.lookups import GreaterThan
from django.utils.safestring import mark_safe

from core.compiled import compiled_sql
from core.searchable import KINDS
from core.segment import normalise, tokens
from search.models import SearchEntry

MAX_QUERY_LENGTH = 200
# The results page's length (search.views): search() reads the first page's ids along with the counts.
RESULTS_PER_PAGE = 10
SNIPPET_BEFORE, SNIPPET_LENGTH = 60, 220
FUZZY_THRESHOLD = 0.5


@dataclass
class Outcome:
    query: str
    words: list[str]
    # The results of the kind asked for, best first: a RankedIds when they were ranked by the database.
    ids: Sequence[int] = field(default_factory=list)
    kind_counts: dict[str, int] = field(default_factory=dict)
    suggestions: list[str] = field(default_factory=list)
    fuzzy: bool = False


def public_entries():
    """Entries whose item the public may see now, by each model's one visibility rule.

    Results are the same for everybody (and so can be cached): a clerk previews drafts on their own pages.
    """
    visible = Q(pk__in=[])
    for kind in KINDS.values():
        visible |= Q(kind=kind.kind, object_id__in=kind.visible_to(None).values("pk"))
    return SearchEntry.objects.filter(visible)


def _is_prefix(word):
    # One or two letters ("ก" of "ก.อบต.", "นา") as a prefix would match a great part of the language
    # ("นาย", "นาง", "หน้า"...): such a word must be matched whole.
    return len(word) > 2


def _tsquery(words):
    def lexeme(word):
        quoted = "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
        return f"{quoted}:*" if _is_prefix(word) else quoted

    return SearchQuery(" & ".join(lexeme(w) for w in words), search_type="raw", config="simple")


@contextmanager
def _index_scans(using_postgresql):
    """On PostgreSQL, asks the planner to answer from the word index. A word found in most items makes it
    scan the whole table instead, which decompresses every item's word vector: several times slower than
    the index's exact answer, which needs no vector at all."""
    if not using_postgresql:
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        # Turning scans off prices the plan so high that PostgreSQL would compile it (JIT, over a second).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL jit = off")
        yield
        # Only on success: after an error the transaction (or savepoint) rolls back, and these with it.
        cursor.execute("RESET enable_seqscan")
        cursor.execute("RESET jit")


def _word_matches(entries, words, on_postgresql):
    """Entries where every word of the query begins an indexed word."""
    if on_postgresql:
        return entries.filter(search_vector=_tsquery(words))
    condition = Q()
    for word in words:
        condition &= _word_starts("title_words", word) | _word_starts("text_words", word)
    return entries.filter(condition)


# Title hits are counted for the query's first distinct words only: a pasted paragraph ranks by its first
# words, as it always has.
RANKED_WORDS = 12


class FlatSum(Func):
    """a + b + c, written flat: nested additions as deep as a long query's words make SQLite's parser give up."""

    template = "(%(expressions)s)"
    arg_joiner = " + "
    output_field = IntegerField()


def _words_found(column, words):
    """How many of the words (each as often as it occurs) begin a word of the column; a short word must be a
    whole word of it (``_word_starts``)."""
    return FlatSum(
        *(Case(When(_word_starts(column, w), then=Value(n)), default=Value(0)) for w, n in Counter(words).items())
    )


def _hit_rows(matches, words):
    """The matching entries as the rows that ranking reads (HIT_COLUMNS): what orders them (``is_named``, then
    ``title_hits``, then the date and the id) and, for an entry of a group, what picks the entry that shows the
    group (``_representative_order``). The group's columns are worked out for the entries of a group alone (a
    forum's): the others never need their text read."""

    def for_groups(expression):
        return Case(When(~Q(group=""), then=expression), default=Value(0))

    return (
        matches.annotate(
            entry_id=F("pk"),
            entry_kind=F("kind"),
            entry_group=F("group"),
            entry_date=F("date"),
            # The whole title is the query: its words are the query's words (case and punctuation aside).
            is_named=Case(When(title_words=" ".join(words), then=Value(1)), default=Value(0)),
            title_hits=_words_found("title_words", list(dict.fromkeys(words))[:RANKED_WORDS]),
            title_score=for_groups(_words_found("title_words", words)),
            text_score=for_groups(_words_found("text_words", words)),
            is_group_page=for_groups(Case(When(url=F("group"), then=Value(1)), default=Value(0))),
        )
        .order_by()
        .values(*HIT_COLUMNS)
    )


HIT_COLUMNS = (
    "entry_id",
    "entry_kind",
    "entry_group",
    "entry_date",
    "is_named",
    "title_hits",
    "title_score",
    "text_score",
    "is_group_page",
)
# Most relevant first: the item whose title is the query, then the items with more of the query's words in
# their title, then the newest. Written once for both databases (PostgreSQL, and SQLite since 3.30, read
# NULLS LAST alike).
RANK_ORDER = "is_named DESC, title_hits DESC, entry_date DESC NULLS LAST, {id} DESC"
# The entry that shows a group: the one holding the most of the words, in its title first, then in its text;
# the group's own entry (the topic) on a tie, then the newest.
REPRESENTATIVE_ORDER = "title_score DESC, text_score DESC, is_group_page DESC, entry_id DESC"

# The results, ranked: matches of the words (tier 1), then, when asked for, matches inside words (tier 2)
# that are not already tier 1. A group (a topic and its posts) shows once, where its best-ranked entry of its
# first tier stands, by its representative. The per-kind counts and one slice of the ranked ids come from the
# same rows, read once (``hits``): a common word matches most of the site, and the page shows ten. The
# entries of no group, nearly all of them, go straight from ``hits`` to the counts and to the slice; only a
# group's entries take the window functions.
STATEMENT = """
WITH word_hits AS ({word_hits}),
{inside_hits}
hits AS (
    SELECT 1 AS tier, word_hits.* FROM word_hits
    {inside_tier}
),
grouped AS (
    SELECT entry_id, tier, is_named, title_hits, entry_date,
        FIRST_VALUE(entry_id) OVER representative AS shown_id,
        FIRST_VALUE(entry_kind) OVER representative AS shown_kind,
        ROW_NUMBER() OVER (PARTITION BY tier, entry_group ORDER BY {rank_in_group}) AS place_in_group,
        MIN(tier) OVER (PARTITION BY entry_group) AS first_tier
    FROM hits
    WHERE entry_group <> ''
    WINDOW representative AS (PARTITION BY tier, entry_group ORDER BY {representative_order})
),
shown_groups AS (
    SELECT shown_id, shown_kind, tier, is_named, title_hits, entry_date, entry_id AS rank_id
    FROM grouped
    WHERE place_in_group = 1 AND tier = first_tier
)
SELECT entry_kind, COUNT(*), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT)
FROM hits WHERE entry_group = '' GROUP BY entry_kind
UNION ALL
SELECT shown_kind, COUNT(*), CAST(NULL AS BIGINT), CAST(NULL AS BIGINT) FROM shown_groups GROUP BY shown_kind
UNION ALL
SELECT shown_kind, NULL, shown_id, ROW_NUMBER() OVER (ORDER BY tier, {rank_order})
FROM (
    SELECT * FROM (
        SELECT entry_id AS shown_id, entry_kind AS shown_kind, tier, is_named, title_hits, entry_date,
            entry_id AS rank_id
        FROM hits
        WHERE entry_group = '' {and_of_kind}
        ORDER BY tier, {rank_order}
        LIMIT %s
    ) AS single_entries
    UNION ALL
    SELECT * FROM shown_groups {where_of_kind}
    ORDER BY tier, {rank_order}
    LIMIT %s OFFSET %s
) AS slice
"""
INSIDE_HITS = "inside_hits AS ({sql}),"
INSIDE_TIER = (
    "UNION ALL SELECT 2, inside_hits.* FROM inside_hits WHERE entry_id NOT IN (SELECT entry_id FROM word_hits)"
)


class RankedIds(Sequence):
    """The ids of the ranked results (of the kind asked for), best first, read from the database a slice at a
    time: the slice that ``search()`` was asked for came with the counts; any other slice costs one statement.

    Otherwise it is the list of them all: ``len()`` (known from the counts), iteration and equality with a list
    (which read them all, once)."""

    def __init__(self, read, length, start, prefetched):
        self._read = read  # (offset, limit) -> ids
        self._length = length
        self._start, self._prefetched = start, prefetched
        self._all = None

    def __len__(self):
        return self._length

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self._everything()[index]
        start, stop, step = index.indices(self._length)
        if step != 1 or self._all is not None:
            return self._everything()[index]
        if stop <= start:
            return []
        if self._start <= start and stop <= self._start + len(self._prefetched):
            return self._prefetched[start - self._start : stop - self._start]
        return self._read(start, stop - start)

    def _everything(self):
        if self._all is None:
            self._all = self._read(0, self._length) if self._length else []
        return self._all

    def __iter__(self):
        return iter(self._everything())

    def __eq__(self, other):
        if isinstance(other, list | tuple | RankedIds):
            return self._everything() == list(other)
        return NotImplemented

    __hash__ = None

    def __repr__(self):
        return f"<RankedIds {len(self)} ids>"


def _ranked(word_hits, inside_hits, kind, window, on_postgresql):
    """(counts per kind, RankedIds) of the ranked results; the ``window`` slice of the ids comes with the counts.
    ``word_hits``, ``inside_hits``: the (sql, params) of _hit_rows()."""
    sql, params = word_hits
    parts = {"word_hits": sql, "inside_hits": "", "inside_tier": ""}
    if inside_hits is not None:
        sql, inside_params = inside_hits
        parts.update(inside_hits=INSIDE_HITS.format(sql=sql), inside_tier=INSIDE_TIER)
        params = (*params, *inside_params)
    sql = STATEMENT.format(
        **parts,
        rank_in_group=RANK_ORDER.format(id="entry_id"),
        representative_order=REPRESENTATIVE_ORDER,
        rank_order=RANK_ORDER.format(id="rank_id"),
        and_of_kind="AND entry_kind = %s" if kind else "",
        where_of_kind="WHERE shown_kind = %s" if kind else "",
    )
    of_kind = (kind,) if kind else ()

    def run(offset, limit):
        """(counts per kind, the ids of the slice in rank order)."""
        with _index_scans(on_postgresql), connection.cursor() as cursor:
            cursor.execute(sql, (*params, *of_kind, offset + limit, *of_kind, limit, offset))
            rows = cursor.fetchall()
        counts = Counter()
        for entry_kind, count, pk, _ in rows:
            if pk is None:
                counts[entry_kind] += count
        # A row of the slice holds its place in it (the order of a UNION's rows is not promised).
        return counts, [pk for _, pk in sorted((place, pk) for _, _, pk, place in rows if pk is not None)]

    start = window.start or 0
    counts, prefetched = run(start, window.stop - start)
    shown = counts.get(kind, 0) if kind else sum(counts.values())
    return dict(counts), RankedIds(lambda offset, limit: run(offset, limit)[1], shown, start, prefetched)


def _word_starts(column, word):
    """The column (words between single spaces) holds a word that begins with ``word``, or, for a short word,
    ``word`` itself. Written as the place of one text in another (a space put before, and after, the column),
    not with LIKE: SQLite compiles a statement again every time it runs when a LIKE's pattern is a parameter,
    which was two thirds of a search's statement."""
    if not _is_prefix(word):
        return Q(
            GreaterThan(
                StrIndex(Concat(Value(" "), column, Value(" "), output_field=TextField()), Value(f" {word} ")), 0
            )
        )
    return Q(GreaterThan(StrIndex(Concat(Value(" "), column, output_field=TextField()), Value(f" {word}")), 0))


MIN_INSIDE_WORD_LENGTH = 4
# Matches inside compounds are looked for only while the words themselves found fewer items than this:
# past it they would rank on page ten and beyond, and looking inside every text of a large site is the
# slowest thing a search can do (a LIKE over every item's text).
INSIDE_WORDS_UNTIL = 100


def _looks_inside_words(phrase, found):
    """A query of four letters or more also matches inside compounds ("อบรม" in "ฝึกอบรม"), ranked after
    items that hold it as a word (the statement leaves those out of this tier); a shorter one ("นา", "มติ")
    sits inside far too many words. ``found``: how many results the words themselves gave."""
    return len(phrase) >= MIN_INSIDE_WORD_LENGTH and found < INSIDE_WORDS_UNTIL


def _inside_words(entries, phrase):
    # The word columns are lower-cased already: a plain LIKE, which PostgreSQL's trigram indexes serve.
    return entries.filter(Q(title_words__contains=phrase) | Q(text_words__contains=phrase))


def _containing(entries, phrase):
    """Items whose title or text holds the query anywhere (a code, part of a name): asked only when
    nothing else matched."""
    matches = entries.filter(Q(title__icontains=phrase) | Q(text__icontains=phrase))
    return list(matches.order_by(F("date").desc(nulls_last=True), "-pk").values_list("pk", "kind", "group")[:100])


def _fuzzy_postgresql(entries, phrase):
    from django.contrib.postgres.search import TrigramWordSimilarity
    from django.db.models.functions import Greatest

    # Runs only when the exact search found nothing. The raw phrase, not its words: a misspelt word
    # segments into meaningless pieces.
    return list(
        entries.annotate(
            similarity=Greatest(
                TrigramWordSimilarity(phrase, "title_words"), TrigramWordSimilarity(phrase, "text_words")
            )
        )
        .filter(similarity__gte=FUZZY_THRESHOLD)
        .order_by("-similarity", "-pk")
        .values_list("pk", "kind", "group")[:50]
    )


def suggestions_for(phrase, words, entries, limit=5):
    """Indexed words that look like the query's words: "did you mean" for a query with no hits."""
    vocabulary = set()
    for title_words, text_words in entries.values_list("title_words", "text_words")[:2000]:
        vocabulary.update(title_words.split())
        vocabulary.update(text_words.split())
    found = []
    for word in [phrase.replace(" ", ""), *words]:
        for match in difflib.get_close_matches(word, vocabulary, n=3, cutoff=0.6):
            if match not in found and match != word:
                found.append(match)
    return found[:limit]


def once_per_group(ranked):
    """(pk, kind) of the ranked (pk, kind, group) rows, keeping only the best-ranked entry of each group:
    a topic whose title and twenty posts match shows once."""
    seen, kept = set(), []
    for pk, entry_kind, group in ranked:
        if group:
            if group in seen:
                continue
            seen.add(group)
        kept.append((pk, entry_kind))
    return kept


def search(query, kind=None, window=slice(0, RESULTS_PER_PAGE)) -> Outcome:
    """The results of the query (of one kind, when asked), with the counts of every kind. ``window``: the
    slice of ``ids`` the caller reads first (a results page), read along with the counts."""
    query = " ".join((query or "").split())[:MAX_QUERY_LENGTH]
    words = tokens(query)
    outcome = Outcome(query=query, words=words)
    if not words:
        return outcome
    phrase = normalise(query)
    on_postgresql = connection.vendor == "postgresql"
    # The statements of a query asked again (the same words, after an edit) are compiled once (core/compiled.py).
    word_hits = compiled_sql(
        ("search.word_hits", tuple(words), on_postgresql),
        lambda: _hit_rows(_word_matches(public_entries(), words, on_postgresql), words),
    )
    counts, ids = _ranked(word_hits, None, kind, window, on_postgresql)
    if _looks_inside_words(phrase, sum(counts.values())):
        # Few results: ranked again with the matches inside words after them.
        inside_hits = compiled_sql(
            ("search.inside_hits", tuple(words), phrase),
            lambda: _hit_rows(_inside_words(public_entries(), phrase), words),
        )
        counts, ids = _ranked(word_hits, inside_hits, kind, window, on_postgresql)
    if counts:
        outcome.kind_counts, outcome.ids = counts, ids
        return outcome
    entries = public_entries()
    ranked = _containing(entries, phrase)
    if not ranked and on_postgresql:
        ranked = _fuzzy_postgresql(entries, phrase)
        outcome.fuzzy = bool(ranked)
    ranked = once_per_group(ranked)
    for _, entry_kind in ranked:
        outcome.kind_counts[entry_kind] = outcome.kind_counts.get(entry_kind, 0) + 1
    outcome.ids = [pk for pk, entry_kind in ranked if not kind or entry_kind == kind]
    if not ranked:
        outcome.suggestions = suggestions_for(phrase, words, entries)
    return outcome


@lru_cache(maxsize=256)
def _words_pattern(words):
    """The words of a search as one pattern, the longest first (so a word is marked whole, not a part of it)."""
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)), re.IGNORECASE)


def highlight(text, words, whole=False):
    """Text (or, unless whole, a snippet around the first match) with every matched word wrapped in
    <mark>; everything else escaped (html.escape, which django.utils.html.escape wraps: twenty of these a
    page of results, each a few pieces)."""
    if not text:
        return ""
    pattern = _words_pattern(tuple(words)) if words else None
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - SNIPPET_BEFORE) if first and not whole else 0
    window = text if whole else text[start : start + SNIPPET_LENGTH]
    pieces, position = [], 0
    for match in pattern.finditer(window) if pattern else ():
        pieces.append(html.escape(window[position : match.start()]))
        pieces.append(f"<mark>{html.escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(html.escape(window[position:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if not whole and start + SNIPPET_LENGTH < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # noqa: S308 every piece of the text escaped above
