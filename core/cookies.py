"""Every cookie the site sets, declared next to the code that sets it: the cookie policy lists this, and a test
loads pages as a visitor and as a council member to check that nothing else is ever set.

All of them are strictly necessary (logging in, protecting forms, a message after an action, the display the
visitor asked for), so the site needs no cookie banner; `needs_consent()` turns one on the day a cookie that
is not strictly necessary is added here.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage

from core.display import DISPLAY_COOKIE


@dataclass(frozen=True)
class SiteCookie:
    name: str
    purpose: str
    lifetime: str
    who: str
    strictly_necessary: bool = True


def site_cookies():
    session_days = settings.SESSION_COOKIE_AGE // (24 * 60 * 60)
    return [
        SiteCookie(
            settings.SESSION_COOKIE_NAME,
            "จำว่าท่านเข้าสู่ระบบแล้ว (สมาชิกสภาและเจ้าหน้าที่)",
            f"จนออกจากระบบ หรือไม่เกิน {session_days} วัน",
            "ผู้ที่เข้าสู่ระบบเท่านั้น",
        ),
        SiteCookie(
            settings.CSRF_COOKIE_NAME,
            "ป้องกันการส่งแบบฟอร์มปลอมแทนท่าน (CSRF)",
            "1 ปี",
            "ผู้ที่เปิดหน้าที่มีแบบฟอร์ม เช่น หน้าเข้าสู่ระบบ",
        ),
        SiteCookie(
            CookieStorage.cookie_name,
            "แสดงข้อความแจ้งผลหลังทำรายการ เช่น “บันทึกเรียบร้อย” แล้วลบทิ้งทันที",
            "จนแสดงข้อความแล้ว",
            "ผู้ที่ทำรายการ",
        ),
        SiteCookie(
            DISPLAY_COOKIE,
            "จำขนาดตัวอักษรและสีที่ท่านเลือกด้วยเครื่องมือปรับการแสดงผล",
            "1 ปี",
            "ผู้ที่เลือกปรับการแสดงผลเท่านั้น",
        ),
    ]


def needs_consent():
    return any(not cookie.strictly_necessary for cookie in site_cookies())
