"""The two log-in locks (django-axes): one account from one address, and a whole address.

A few wrong passwords lock only that account from that address, so nobody can lock a named member out
everywhere and one person's typos do not lock a shared office out. Only many failures from one address,
all accounts counted together, lock the address. Axes compares one number with one limit, so the handler
reports the failures of whichever lock applies, and the locked-out page is told which one it is.
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render

ACCOUNT_FROM_ADDRESS = "account"
ADDRESS = "address"


def client_address(request):
    """The visitor's address (AXES_CLIENT_IP_CALLABLE).

    Behind TRUSTED_PROXY_COUNT proxies it is the X-Forwarded-For entry the outermost proxy appended; the
    entries left of it are whatever the visitor sent, so forging them changes nothing.
    """
    remote_address = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if not proxies or len(forwarded) < proxies:
        return remote_address
    try:
        return str(ipaddress.ip_address(forwarded[-proxies]))
    except ValueError:  # a proxy that does not append: don't store the visitor's text as an address
        return remote_address


def _total_failures(attempts):
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LoginLockoutHandler(AxesDatabaseHandler):
    def filter_user_attempts(self, request, credentials=None):
        """This account's attempts from this address, then every account's attempts from this address."""
        from_address = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        account = get_client_username(request, credentials)
        return [from_address.filter(username=account), from_address]

    def failure_counts(self, request, credentials=None):
        """(this account from this address, every account from this address), within the cool-off."""
        account_attempts, address_attempts = self.get_user_attempts(request, credentials)
        return _total_failures(account_attempts), _total_failures(address_attempts)

    def lockout_scope(self, request, credentials=None):
        """ADDRESS, ACCOUNT_FROM_ADDRESS or None; the wider lock wins when both apply."""
        account_failures, address_failures = self.failure_counts(request, credentials)
        if address_failures >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return ADDRESS
        if account_failures >= get_failure_limit(request, credentials):
            return ACCOUNT_FROM_ADDRESS
        return None

    def get_failures(self, request, credentials=None):
        # Axes locks when this reaches AXES_FAILURE_LIMIT. A locked address reports its own count, which is
        # at least AXES_ADDRESS_FAILURE_LIMIT (set higher), so every account from there is refused.
        account_failures, address_failures = self.failure_counts(request, credentials)
        if address_failures >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return address_failures
        return account_failures

    def reset_user_attempts(self, request, credentials=None):
        # A successful log-in clears that account's failures from that address only: signing in to one's
        # own account must not wipe the address's count of failures on other accounts.
        account_attempts, _ = self.filter_user_attempts(request, credentials)
        count, _ = account_attempts.delete()
        return count


def lockout_response(request, original_response, credentials):
    """The Thai locked-out page, saying which lock applies (AXES_LOCKOUT_CALLABLE)."""
    cool_off = get_cool_off(request)
    context = {
        # None only if the failures expired in between: the narrower lock is then the truer message.
        "lockout_scope": LoginLockoutHandler().lockout_scope(request, credentials) or ACCOUNT_FROM_ADDRESS,
        "failure_limit": get_failure_limit(request, credentials),
        "address_failure_limit": settings.AXES_ADDRESS_FAILURE_LIMIT,
        "cooloff_minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "registration/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
