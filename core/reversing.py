"""django.urls.reverse() for the addresses of the site's items, each worked out once per process.

A page lists items by their addresses (get_absolute_url): the home page asks for two dozen each time it is
rendered, and reverse() works each out by matching the URL patterns again (about 30 µs apiece). An address
depends on the URL name, its arguments, the current application (an admin site's name), the URL
configuration and the script prefix the site is served under, which are all in the key; a call with any
other option is Django's own. Templates' ``{% url %}`` is the same (core/templatetags/addresses.py).
"""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse

# The site's items and their pages: a few thousand addresses of some 100 bytes each at most.
ADDRESSES_KEPT = 4096


def reverse(viewname, args=None, kwargs=None, current_app=None, **options):
    if options:
        return django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app, **options)
    try:
        return _reversed(
            viewname,
            tuple(args or ()),
            tuple(sorted((kwargs or {}).items())),
            current_app,
            get_script_prefix(),
            get_urlconf() or settings.ROOT_URLCONF,
        )
    except TypeError:  # an argument that cannot be a key (unhashable): worked out afresh
        return django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)


@lru_cache(maxsize=ADDRESSES_KEPT)
def _reversed(viewname, args, kwargs, current_app, prefix, urlconf):
    # reverse() reads the script prefix itself; it is in the key so that another prefix is another entry.
    return django_reverse(
        viewname, urlconf=urlconf, args=args or None, kwargs=dict(kwargs) or None, current_app=current_app
    )
