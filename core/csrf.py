"""CSRF secrets and masks drawn with one system call each, instead of one per character.

Django draws them with django.utils.crypto.get_random_string(), which calls secrets.choice() once per
character: 64 os.urandom() system calls for a new visitor's secret and the mask of the form's token. A form
served from the page cache draws both on every request (the token is a live part, core/page_cache.py),
and those calls were a third of what serving it cost. ``random_string`` draws the same thing, every
character uniform over the allowed ones from the operating system's CSPRNG, from one os.urandom() call.
"""

import os

from django.middleware import csrf


def random_string(length, allowed_chars):
    """As get_random_string(length, allowed_chars): for up to 256 allowed characters."""
    count = len(allowed_chars)
    # A byte at or above `limit` is drawn again: keeping it (byte % count) would favour the first characters.
    limit = 256 - 256 % count
    chars = []
    while len(chars) < length:
        chars += [allowed_chars[byte % count] for byte in os.urandom(length) if byte < limit]
    return "".join(chars[:length])


def install():
    """Called by CoreConfig.ready(): Django's CSRF middleware draws its strings with random_string()."""
    csrf.get_random_string = random_string
