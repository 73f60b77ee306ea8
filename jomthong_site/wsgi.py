import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jomthong_site.settings.prod")
django.setup(set_prefix=False)  # as django.core.wsgi.get_wsgi_application() does

# Django's handler, with the pages the page cache keeps served before Django's request machinery (core/wsgi.py).
from core.wsgi import KeptPagesWSGIHandler  # noqa: E402  (needs the apps loaded above)

application = KeptPagesWSGIHandler()

# A start may be a new release, whose templates and static addresses differ: nothing rendered before it
# (pages, their parts: core/parts.py) is served again; each is rendered afresh on its next request.
from core.page_cache import bump_generation  # noqa: E402

bump_generation()

# The Thai word segmenter builds its dictionary on first use (about half a second): do it while the
# worker starts, not during a resident's first search.
from core.segment import warm_up  # noqa: E402

warm_up()
