from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.static import serve

from core import health
from core import views as core_views
from jomthong_site.sitemaps import SITEMAPS

admin.site.site_header = "ระบบจัดการเว็บไซต์"
admin.site.site_title = "ระบบจัดการเว็บไซต์"
admin.site.index_title = "จัดการเนื้อหา"

urlpatterns = [
    path("", include("pages.urls")),
    path("map/", include("places.urls")),
    path("organisation/", include("staff.urls")),
    path("plans/", include("plans.urls")),
    path("forum/", include("forum.urls")),
    path("", include("documents.urls")),
    path("", include("procurement.urls")),
    path("services/", include("services.urls")),
    path("search/", include("search.urls")),
    path("faq/", include("faq.urls")),
    path("visitors/", include("visitors.urls")),
    path("accounts/", include("accounts.urls")),
    path("", include("core.urls")),
    path("ckeditor/", include("core.ckeditor_urls")),
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="django.contrib.sitemaps.views.sitemap"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    # For a load balancer and a monitor (core/health.py): never cached, never logged per hit.
    path("healthz", health.liveness, name="healthz"),
    path("readyz", health.readiness, name="readyz"),
    path("favicon.ico", RedirectView.as_view(url=f"{settings.STATIC_URL}img/favicon.svg", permanent=True)),
    # Uploaded files: in production the web server in front of gunicorn should serve /media/ itself;
    # this fallback keeps a single-process deploy and `make serve` working.
    path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}),
]

handler404 = "core.views.page_not_found"
handler403 = "core.views.permission_denied"
handler500 = "core.views.server_error"
