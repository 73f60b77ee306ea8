"""A strict Content-Security-Policy everywhere, relaxed only where CKEditor 4 must run."""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings


class PathAwareCSPMiddleware(CSPMiddleware):
    """CKEditor 4 cannot start without inline script and style, so the admin and the editor's
    own URLs get CONTENT_SECURITY_POLICY_RELAXED; every public page keeps the strict policy."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.CSP_RELAXED_PATH_PREFIXES)
        ):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_RELAXED["DIRECTIVES"])
        return parts
