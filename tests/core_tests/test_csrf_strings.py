"""CSRF secrets and masks are drawn from one system call (core/csrf.py), as securely as Django draws them."""

from collections import Counter

from django.middleware import csrf

from core.csrf import random_string


def test_djangos_csrf_middleware_draws_its_strings_this_way():
    assert csrf.get_random_string is random_string
    secret = csrf._get_new_csrf_string()
    assert len(secret) == csrf.CSRF_SECRET_LENGTH and set(secret) <= set(csrf.CSRF_ALLOWED_CHARS)


def test_strings_have_the_length_and_characters_asked_for():
    for length in (1, 32, 64, 500):
        drawn = random_string(length, "abc")
        assert len(drawn) == length and set(drawn) <= set("abc")


def test_every_character_is_equally_likely():
    # 62 characters do not divide 256: without redrawing the high bytes, the first eight characters would come
    # up 5/4 as often as the others (about 1,290 against 1,030 times in 64,000 draws).
    chars = csrf.CSRF_ALLOWED_CHARS
    counts = Counter(random_string(64_000, chars))
    expected = 64_000 / len(chars)
    assert set(counts) == set(chars)
    assert max(counts.values()) < expected * 1.15 and min(counts.values()) > expected * 0.85
    first_eight = sum(counts[c] for c in chars[:8]) / 8
    assert first_eight < expected * 1.08


def test_no_two_draws_are_the_same():
    assert len({random_string(32, csrf.CSRF_ALLOWED_CHARS) for _ in range(1000)}) == 1000
