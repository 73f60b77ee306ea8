"""The ceiling for `make bench-http`: bare Django answering a fixed 20 KB page, no middleware, no database.

Run by the same gunicorn with the same settings as the site (`gunicorn bench.ceiling:application`), so the
ratio of a page's requests per second to this one's says what the site's own work costs.
"""

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

_HEAD = "<!DOCTYPE html><html lang='th'><head><meta charset='utf-8'><title>เพดาน</title></head><body><p>"
_TAIL = "</p></body></html>"
PAGE_SIZE = 20 * 1024
PAGE = (_HEAD + "ข่าวสาร " * (PAGE_SIZE // 22)).encode()[: PAGE_SIZE - len(_TAIL)].decode(errors="ignore").encode()
PAGE = PAGE + b" " * (PAGE_SIZE - len(PAGE) - len(_TAIL)) + _TAIL.encode()


def page(request):
    return HttpResponse(PAGE)


urlpatterns = [path("", page)]

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench-ceiling-not-secret",
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
    )
    django.setup()

application = get_wsgi_application()
