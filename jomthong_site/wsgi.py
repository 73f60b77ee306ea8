import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jomthong_site.settings.prod")
django.setup(set_prefix=False)  # as django.core.wsgi.get_wsgi_application() does

# Django's handler, with the pages the page cache keeps served before Django's request machinery (core/wsgi.py).
from core.wsgi import KeptPagesWSGIHandler  # noqa: E402  (needs the apps loaded above)

application = KeptPagesWSGIHandler()

# The Thai word segmenter builds its dictionary on first use (about half a second): do it while the
# worker starts, not during a resident's first search.
from core.segment import warm_up  # noqa: E402

warm_up()
