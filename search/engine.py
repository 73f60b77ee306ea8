"""Site-wide search over the segmented index, on PostgreSQL and on SQLite alike.

A query is segmented the same way as the index; every word must match the start of an indexed word
(so "ภูมิปัญญา" finds "ภูมิปัญญาท้องถิ่น"); a query of four letters or more is also looked for inside
words, ranked after. When nothing matches, the query is looked for anywhere (codes, parts of names),
then, on PostgreSQL, among similar spellings. Only what each model's ``visible_to()`` allows the public is
ever found. PostgreSQL uses a weighted tsvector (simple configuration, GIN index) with prefix
queries, and pg_trgm for misspellings; SQLite takes a simpler path over the same word columns that
finds the same items. On both, an item whose whole title is the query comes first (the temple
"วัดจูงนาง" before the project named after it).
"""

import difflib
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, Q, Value, When
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.searchable import KINDS
from search.models import SearchEntry
from search.segment import normalise, tokens

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


def _ranked_postgresql(entries, words, phrase):
    query = _tsquery(words)
    matches = entries.filter(Q(search_vector=query) | _inside_words(phrase))
    return list(
        matches.annotate(
            rank=SearchRank(F("search_vector"), query),
            is_named=Case(When(title__iexact=phrase, then=Value(1)), default=Value(0)),
            is_head=_is_head(),
        )
        .order_by("-is_named", "-rank", "-is_head", F("date").desc(nulls_last=True), "-pk")
        .values_list("pk", "kind", "group")
    )


def _is_head():
    """1 for the entry that stands for its whole group (a topic among its posts), which wins a tie."""
    return Case(When(~Q(group="") & Q(url=F("group")), then=Value(1)), default=Value(0))


def _word_starts(column, word):
    if not _is_prefix(word):
        return (
            Q(**{column: word})
            | Q(**{f"{column}__startswith": f"{word} "})
            | Q(**{f"{column}__endswith": f" {word}"})
            | Q(**{f"{column}__contains": f" {word} "})
        )
    return Q(**{f"{column}__startswith": word}) | Q(**{f"{column}__contains": f" {word}"})


def _ranked_sqlite(entries, words, phrase):
    condition = Q()
    for word in words:
        condition &= _word_starts("title_words", word) | _word_starts("text_words", word)
    matches = entries.filter(condition | _inside_words(phrase))
    rows = list(matches.values_list("pk", "kind", "title_words", "date", "title", "text_words", "group", "url"))

    def score(row):
        title_words, text_words = f" {row[2]}", f" {row[5]}"
        # Like PostgreSQL's weights: a word in the title counts 2, in the text 1, in both 3.
        matched = sum(2 * (f" {w}" in title_words) + (f" {w}" in text_words) for w in words)
        return (row[4].lower() == phrase, matched, bool(row[6]) and row[6] == row[7])

    rows.sort(key=lambda row: (row[3] is not None, row[3] or 0, row[0]), reverse=True)  # newest first
    rows.sort(key=score, reverse=True)  # stable: relevance first, recency within it
    return [(row[0], row[1], row[6]) for row in rows]


MIN_INSIDE_WORD_LENGTH = 4


def _inside_words(phrase):
    """A query of four letters or more also matches inside compounds ("อบรม" in "ฝึกอบรม"), ranked
    after items that hold it as a word; a shorter one ("นา", "มติ") sits inside far too many words."""
    if len(phrase) < MIN_INSIDE_WORD_LENGTH:
        return Q(pk__in=[])
    # The word columns are lower-cased already: a plain LIKE, which PostgreSQL's trigram indexes serve.
    return Q(title_words__contains=phrase) | Q(text_words__contains=phrase)


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
    ranked = (_ranked_postgresql if on_postgresql else _ranked_sqlite)(entries, words, phrase)
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
