"""Demo accounts: two fictional council members and a clerk.

Accounts with known passwords exist only for local use: they are created with a password only when
settings.DEBUG is True (``make run``). Anywhere else (production, the test suite) the demo accounts get
an unusable password, and a demo account still carrying its known password is locked the same way.
A clerk sets a real password in the admin (or ``manage.py changepassword``) before anyone uses them.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts.roles import MEMBER_GROUP, clerk_group_ensure

ACCOUNTS = [
    # username, first name, last name, role, local-only password
    ("council_demo1", "สมมติ", "ใจดี (สมาชิกสภา ตัวอย่าง)", "member", "demo-council1-2569"),
    ("council_demo2", "ตัวอย่าง", "รักถิ่น (สมาชิกสภา ตัวอย่าง)", "member", "demo-council2-2569"),
    ("clerk_demo", "สมมุติ", "ดูแลดี (เจ้าหน้าที่ ตัวอย่าง)", "clerk", "demo-clerk-2569"),
]


def _account(username, first_name, last_name, role, password):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": last_name, "is_staff": role == "clerk"},
    )
    if created:
        if settings.DEBUG:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    elif not settings.DEBUG and user.has_usable_password() and user.check_password(password):
        # Never leave an account with a published password on a non-development site.
        user.set_unusable_password()
        user.save(update_fields=["password"])
    if role == "member":
        user.groups.add(Group.objects.get_or_create(name=MEMBER_GROUP)[0])
    else:
        # The same group a real clerk is put in: what the demo clerk may do is what a clerk may do.
        user.groups.add(clerk_group_ensure())
    return user


def demo_accounts():
    """The demo accounts by username, created or brought in line (idempotent)."""
    return {row[0]: _account(*row) for row in ACCOUNTS}


def load(stdout=None):
    demo_accounts()
    if stdout:
        stdout.write("accounts: บัญชีตัวอย่าง พร้อมแล้ว")
        if settings.DEBUG:
            stdout.write("  บัญชีตัวอย่างสำหรับใช้ในเครื่องนี้เท่านั้น (เข้าสู่ระบบที่ /accounts/login/):")
            for username, _first, _last, role, password in ACCOUNTS:
                label = "เจ้าหน้าที่ อบต.: ดูแลเนื้อหาและบัญชีผู้ใช้ที่ /admin/" if role == "clerk" else "สมาชิกสภา"
                stdout.write(f"    {username} / {password}  ({label})")
        else:
            stdout.write(
                "  บัญชีตัวอย่าง (council_demo1, council_demo2, clerk_demo) ไม่มีรหัสผ่านที่ใช้ได้ "
                "เพราะไม่ได้อยู่ในโหมดพัฒนา (DEBUG) ตั้งรหัสผ่านด้วย manage.py changepassword ก่อนใช้"
            )
