"""Every change a clerk makes in the admin becomes one revision: who, when, and the admin's own words."""

import reversion
from django.contrib.admin.models import LogEntry
from django.utils import timezone

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


class AdminRevisionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            request.method in SAFE_METHODS
            or not request.path.startswith("/admin/")
            or not user
            or not user.is_authenticated
        ):
            return self.get_response(request)
        started = timezone.now()
        with reversion.create_revision():
            reversion.set_user(user)
            response = self.get_response(request)
            logged = LogEntry.objects.filter(user_id=user.pk, action_time__gte=started).order_by("-pk").first()
            if logged:
                reversion.set_comment(logged.get_change_message() or logged.get_action_flag_display())
        return response
