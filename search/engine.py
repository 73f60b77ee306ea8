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
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery
from django.db import connection, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.searchable import KINDS
from core.segment import normalise, tokens
from search.models import SearchEntry

MAX_QUERY_LENGTH = 200
SNIPPET_BEFORE, SNIPPET_LENGTH = 60, 220
FUZZY_THRESHOLD = 0.5


@dataclass
class Outcome:
    query: str
    words: list[str]
    ids: list[int] = field(default_factory=list)
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


# Title hits are counted for the query's first distinct words only: a pasted paragraph must not nest a
# hundred additions (SQLite's parser gives up on them).
RANKED_WORDS = 12


def _ranked(matches, words, on_postgresql):
    """(pk, kind, group) of the matching entries, most relevant first: the item whose title is the query,
    then the items with more of the query's words in their title, then the newest. Worked out by the
    database from the small title columns, the same way on both databases."""
    title_hits = Value(0)
    for word in list(dict.fromkeys(words))[:RANKED_WORDS]:
        title_hits = title_hits + Case(When(_word_starts("title_words", word), then=Value(1)), default=Value(0))
    ordered = matches.annotate(
        # The whole title is the query: its words are the query's words (case and punctuation aside).
        is_named=Case(When(title_words=" ".join(words), then=Value(1)), default=Value(0)),
        title_hits=title_hits,
    ).order_by("-is_named", "-title_hits", F("date").desc(nulls_last=True), "-pk")
    # Run as compiled: with thousands of hits, Django's per-row handling of the rows cost more than the
    # search itself.
    sql, params = ordered.values_list("pk", "kind", "group").query.sql_with_params()
    with _index_scans(on_postgresql), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return _one_per_group(cursor.fetchall(), words)


def _words_in(words_column, words):
    """How many of the query's words begin a word of the column (short words: are a whole word of it)."""
    padded = f" {words_column} "
    return sum((f" {w}" in padded) if _is_prefix(w) else (f" {w} " in padded) for w in words)


def _one_per_group(ranked, words):
    """Each group (a topic and its posts) once, where its best-ranked entry stands, shown by the entry that
    holds the most of the words, in its title first, then in its text; the group's own entry (the topic)
    on a tie. The words are read for these entries only (a forum's): other items never need their text."""
    grouped = [pk for pk, _, group in ranked if group]
    if not grouped:
        return ranked
    best = {}
    entries = SearchEntry.objects.filter(pk__in=grouped)
    for pk, kind, group, url, title_words, text_words in entries.values_list(
        "pk", "kind", "group", "url", "title_words", "text_words"
    ):
        score = (_words_in(title_words, words), _words_in(text_words, words), url == group, pk)
        if group not in best or score > best[group][0]:
            best[group] = (score, (pk, kind, group))
    shown, seen = [], set()
    for row in ranked:
        group = row[2]
        if not group:
            shown.append(row)
        elif group not in seen:
            seen.add(group)
            shown.append(best[group][1])
    return shown


def _word_starts(column, word):
    if not _is_prefix(word):
        return (
            Q(**{column: word})
            | Q(**{f"{column}__startswith": f"{word} "})
            | Q(**{f"{column}__endswith": f" {word}"})
            | Q(**{f"{column}__contains": f" {word} "})
        )
    return Q(**{f"{column}__startswith": word}) | Q(**{f"{column}__contains": f" {word}"})


MIN_INSIDE_WORD_LENGTH = 4
# Matches inside compounds are looked for only while the words themselves found fewer items than this:
# past it they would rank on page ten and beyond, and looking inside every text of a large site is the
# slowest thing a search can do (a LIKE over every item's text).
INSIDE_WORDS_UNTIL = 100


def _inside_words(entries, phrase, found):
    """A query of four letters or more also matches inside compounds ("อบรม" in "ฝึกอบรม"), ranked after
    items that hold it as a word; a shorter one ("นา", "มติ") sits inside far too many words."""
    if len(phrase) < MIN_INSIDE_WORD_LENGTH or len(found) >= INSIDE_WORDS_UNTIL:
        return None
    # The word columns are lower-cased already: a plain LIKE, which PostgreSQL's trigram indexes serve.
    inside = entries.filter(Q(title_words__contains=phrase) | Q(text_words__contains=phrase))
    return inside.exclude(pk__in=[pk for pk, _, _ in found])


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


def search(query, kind=None) -> Outcome:
    query = " ".join((query or "").split())[:MAX_QUERY_LENGTH]
    words = tokens(query)
    outcome = Outcome(query=query, words=words)
    if not words:
        return outcome
    phrase = normalise(query)
    entries = public_entries()
    on_postgresql = connection.vendor == "postgresql"
    found = _ranked(_word_matches(entries, words, on_postgresql), words, on_postgresql)
    inside = _inside_words(entries, phrase, found)
    ranked = found + (_ranked(inside, words, on_postgresql) if inside is not None else [])
    if not ranked:
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


def highlight(text, words, whole=False):
    """Text (or, unless whole, a snippet around the first match) with every matched word wrapped in
    <mark>; everything else escaped."""
    if not text:
        return ""
    pattern = re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(text) if words else None
    start = max(0, first.start() - SNIPPET_BEFORE) if first and not whole else 0
    window = text if whole else text[start : start + SNIPPET_LENGTH]
    pieces, position = [], 0
    for match in pattern.finditer(window) if words else ():
        pieces.append(escape(window[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(escape(window[position:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if not whole and start + SNIPPET_LENGTH < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)
