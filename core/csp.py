"""A strict Content-Security-Policy everywhere, relaxed only where CKEditor 4 must run."""

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse

# What a view or a decorator may set on a response to change its policy (django-csp's decorators).
_PER_RESPONSE = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt",
                 "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro", "_csp_exempt_ro")  # fmt: skip
_HEADERS = {}  # (relaxed?, path excluded?, path excluded from report-only?, status) -> {header: policy}


@receiver(setting_changed)
def _forget_headers(setting, **kwargs):
    if setting.startswith(("CONTENT_SECURITY_POLICY", "CSP_", "DEBUG")):
        _HEADERS.clear()


class PathAwareCSPMiddleware(CSPMiddleware):
    """CKEditor 4 cannot start without inline script and style, so the admin and the editor's
    own URLs get CONTENT_SECURITY_POLICY_RELAXED; every public page keeps the strict policy.

    The headers depend on the settings and the path alone unless a view asked for a nonce or changed its
    response's policy: they are built once for each kind of path (django-csp builds them again for each
    response, a fortieth of a page rendered afresh after an edit), by django-csp's own process_response."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.CSP_RELAXED_PATH_PREFIXES)
        ):
            parts.config = default_config(settings.CONTENT_SECURITY_POLICY_RELAXED["DIRECTIVES"])
        return parts

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(hasattr(response, name) for name in _PER_RESPONSE):
            return super().process_response(request, response)
        path = request.path_info
        kind = (
            path.startswith(settings.CSP_RELAXED_PATH_PREFIXES),
            path.startswith(_excluded("CONTENT_SECURITY_POLICY")),
            path.startswith(_excluded("CONTENT_SECURITY_POLICY_REPORT_ONLY")),
            response.status_code,  # django-csp leaves a 404 and a 500 alone while DEBUG
        )
        headers = _HEADERS.get(kind)
        if headers is None:
            probe = HttpResponse(status=response.status_code)
            super().process_response(request, probe)
            headers = _HEADERS[kind] = {name: probe[name] for name in (HEADER, HEADER_REPORT_ONLY) if name in probe}
        for name, policy in headers.items():
            response.headers.setdefault(name, policy)
        # As django-csp does: a template that asks for a nonce after the header went out is told so.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


def _excluded(setting):
    return tuple((getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())
