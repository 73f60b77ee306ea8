"""The guarded user admin: clerks make accounts, nobody raises their own privileges."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group

from accounts.roles import CLERK_GROUP, MEMBER_GROUP

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    """Clerks make the accounts of council members and colleagues (issue 6) and put them in the site's two
    groups. Changing users must not be a way up: only a superuser makes a superuser, hands out single
    permissions or other groups, or touches a superuser's account (and so their password)."""

    SUPERUSER_ONLY_FIELDS = ("is_superuser", "user_permissions")
    readonly_fields = ["last_login", "date_joined"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or request.user.is_superuser:
            return fieldsets
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in self.SUPERUSER_ONLY_FIELDS]})
            for name, options in fieldsets
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=[MEMBER_GROUP, CLERK_GROUP])
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)
