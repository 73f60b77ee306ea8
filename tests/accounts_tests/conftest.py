import pytest
from django.contrib.auth.models import User


@pytest.fixture
def reader(db):
    """Logged in, but neither a council member nor staff."""
    return User.objects.create_user(username="resident", password="x-unused-x")
