import pytest
from django.contrib.auth.models import Group, User

from accounts.roles import CLERK_GROUP, clerk_group_ensure

CLERK_PASSWORD = "clerk-history-2569"


def make_clerk(username="history_clerk"):
    """A clerk as a real site has one: staff, in the group เจ้าหน้าที่ อบต. and nothing more."""
    user = User.objects.create_user(username, password=CLERK_PASSWORD, first_name="สมหญิง", is_staff=True)
    clerk_group_ensure()
    user.groups.add(Group.objects.get(name=CLERK_GROUP))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def history_clerk(db):
    return make_clerk()
