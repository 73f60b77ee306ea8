import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jomthong_site.settings.prod")

application = get_wsgi_application()

# The Thai word segmenter builds its dictionary on first use (about half a second): do it while the
# worker starts, not during a resident's first search.
from search.segment import warm_up  # noqa: E402  (needs the apps loaded above)

warm_up()
