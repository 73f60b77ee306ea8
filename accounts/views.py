"""The public site's own Thai log-in pages (the admin keeps its own)."""

from django.contrib.auth import views as auth_views
from django.template.response import TemplateResponse


class LogoutView(auth_views.LogoutView):
    """Logging out stays a POST with its CSRF token; opening the address shows a Thai page with the button
    instead of Django's blank 405, so a bookmarked or typed /accounts/logout/ still leads somewhere."""

    http_method_names = ["get", "post", "options"]

    def get(self, request, *args, **kwargs):
        context = {"next": self.get_redirect_url(), "breadcrumbs": [("ออกจากระบบ", None)]}
        return TemplateResponse(request, "registration/logout_confirm.html", context)
