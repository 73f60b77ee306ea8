"""People and places of the discussion board, built for each test."""

import pytest
from django.contrib.auth.models import Group, Permission, User

from accounts.roles import MEMBER_GROUP
from forum import services
from forum.models import Board


def make_member(username, **extra):
    user = User.objects.create_user(username=username, password="x-unused-x", first_name=username, **extra)
    # get_or_create: transactional tests flush the group the data migration made
    user.groups.add(Group.objects.get_or_create(name=MEMBER_GROUP)[0])
    return user


def make_clerk(username="clerk"):
    user = User.objects.create_user(username=username, password="x-unused-x", first_name="เจ้าหน้าที่", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="forum", codename__in=["change_topic", "change_post", "delete_topic"]
        )
    )
    return User.objects.get(pk=user.pk)  # fresh object: no stale permission cache


def start_topic(board, author, title="หัวข้อทดสอบ", body="ข้อความเปิดกระทู้", replies=0, repliers=None):
    topic = services.topic_create(board=board, author=author, title=title, body=body).post.topic
    repliers = repliers or [author]
    for number in range(replies):
        services.post_reply(topic=topic, author=repliers[number % len(repliers)], body=f"คำตอบที่ {number + 1}")
    topic.refresh_from_db()
    return topic


@pytest.fixture
def board(db):
    return Board.objects.create(title="ถาม-ตอบ", slug="questions", description="คำถามทั่วไป", order=1)


@pytest.fixture
def other_board(db):
    return Board.objects.create(title="ประชุมสภา", slug="council", order=2)


@pytest.fixture
def member(db):
    return make_member("member")


@pytest.fixture
def other_member(db):
    return make_member("member2")


@pytest.fixture
def reader(db):
    """Logged in, but neither a council member nor staff."""
    return User.objects.create_user(username="resident", password="x-unused-x")


@pytest.fixture
def clerk(db):
    return make_clerk()


@pytest.fixture
def topic(board, member):
    return start_topic(board, member, replies=2)
