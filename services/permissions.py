"""Who may open a sealed corruption report: members of ผู้รับเรื่องทุจริต, and nobody else.

Not a permission a superuser holds by default: Django grants superusers every permission, so the rule
is membership of the group, checked here and nowhere else (the admin and the statistics both ask).
"""

from accounts.roles import CORRUPTION_GROUP


def can_open_sealed(user) -> bool:
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return False
    cached = getattr(user, "_services_sealed_member", None)
    if cached is None:
        cached = user.groups.filter(name=CORRUPTION_GROUP).exists()
        user._services_sealed_member = cached
    return cached
