"""Protection of the public forms without outside services: a hidden field a person never fills, a
minimum time between showing a form and sending it, and a per-address limit kept in the cache.

Every refusal is a SpamRefusal with a Thai message; the view shows it above the form, with what the
resident typed kept, and stores nothing.
"""

import hashlib
import hmac
import math
import time
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.core.cache import cache

from accounts.lockout import client_address

HONEYPOT_FIELD = "website"
STARTED_FIELD = "form_started"
_STARTED_SALT = "services.form-started"


class SpamRefusal(Exception):
    def __init__(self, message, *, code, status=400):
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status


def min_fill_seconds():
    return getattr(settings, "SERVICES_MIN_FILL_SECONDS", 3)


def rate_limit():
    """(posts, seconds) one address may send."""
    return getattr(settings, "SERVICES_RATE_LIMIT", (5, 60))


@lru_cache(maxsize=2)
def _started_signer(secret_key):
    return signing.Signer(key=secret_key, salt=_STARTED_SALT, algorithm="sha256")


@lru_cache(maxsize=2)
def _started_hmac(secret_key):
    """The HMAC the signer signs with, its key derived once (django.utils.crypto.salted_hmac derives it again
    for every signature: a form from the page cache draws a token on every request)."""
    key = hashlib.sha256((_started_signer(secret_key).salt + "signer" + secret_key).encode()).digest()
    return hmac.new(key, digestmod=hashlib.sha256)


STARTED_MAX_AGE = 24 * 3600  # a form left open longer is sent again (with what was typed kept)


def started_token(at=None) -> str:
    """A signed "this form was shown at" for the hidden field: the resident cannot forge an older time.
    A plain signed number rather than signing.dumps(): a form from the page cache draws one on every
    request, and JSON and base64 tripled its cost. Signer.sign()'s token, made with its key derived once.

    Now, it is the next hundredth of a second (a form is never taken as shown earlier than it was), so that
    under load the forms served within one hundredth share one signature."""
    moment = math.ceil(time.time() * 100) / 100 if at is None else at
    return _signed_time(f"{moment:.3f}", settings.SECRET_KEY)


@lru_cache(maxsize=4)
def _signed_time(value, secret_key):
    signature = _started_hmac(secret_key).copy()
    signature.update(value.encode())
    return f"{value}{_started_signer(secret_key).sep}{signing.b64_encode(signature.digest()).decode()}"


def form_started_at(token):
    """The time a form was shown, from its token; None when forged, mangled or older than a day."""
    try:
        started = float(_started_signer(settings.SECRET_KEY).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return started if time.time() - started <= STARTED_MAX_AGE else None


def _address_key(request, scope):
    # The cache key is a digest: the cache never holds a visitor's address in clear.
    address = client_address(request) or "unknown"
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"services:{scope}:{digest}"


def hit_rate_limit(request, scope="post", limit=None) -> bool:
    """Counts this attempt; True when the address has gone over its limit within the window."""
    count_limit, window = limit or rate_limit()
    key = _address_key(request, scope)
    if cache.add(key, 1, timeout=window):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=window)
            count = 1
    return count > count_limit


def check_post(request):
    """Raises SpamRefusal for a post that a person filling in the form would not send."""
    if hit_rate_limit(request):
        raise SpamRefusal(
            "ส่งแบบฟอร์มจากเครื่องนี้บ่อยเกินไป กรุณารอประมาณ 1 นาทีแล้วกดส่งอีกครั้ง ข้อความที่พิมพ์ไว้ยังอยู่",
            code="rate_limited",
            status=429,
        )
    if request.POST.get(HONEYPOT_FIELD, "").strip():
        raise SpamRefusal(
            "ระบบไม่รับแบบฟอร์มนี้ เพราะมีการกรอกช่องที่ต้องเว้นว่าง กรุณาลบข้อความในช่อง “เว็บไซต์” แล้วกดส่งอีกครั้ง",
            code="honeypot",
        )
    started = form_started_at(request.POST.get(STARTED_FIELD, ""))
    if started is None:
        raise SpamRefusal("แบบฟอร์มนี้หมดอายุหรือส่งมาไม่ครบ กรุณาตรวจข้อความที่พิมพ์ไว้ แล้วกดส่งอีกครั้ง", code="form_expired")
    if time.time() - started < min_fill_seconds():
        raise SpamRefusal("ส่งเร็วเกินกว่าที่คนกรอกได้ กรุณาตรวจข้อความอีกครั้ง แล้วกดส่งใหม่", code="too_fast")
