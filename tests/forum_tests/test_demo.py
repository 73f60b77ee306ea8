"""Demo content: plausible boards and conversations; known passwords only on a development machine."""

import io

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.test import RequestFactory

from accounts import demo as accounts_demo
from forum import demo, permissions
from forum.models import Board, Post, Topic

USERNAMES = [row[0] for row in accounts_demo.ACCOUNTS]
PASSWORDS = {row[0]: row[4] for row in accounts_demo.ACCOUNTS}


def login_works(username):
    request = RequestFactory().post("/accounts/login/")
    return authenticate(request, username=username, password=PASSWORDS[username]) is not None


def run(settings, debug):
    settings.DEBUG = debug
    out = io.StringIO()
    accounts_demo.load(stdout=out)  # the board's demo stands on the demo accounts, as in load_demo
    demo.load(stdout=out)
    return out.getvalue()


@pytest.mark.django_db
class TestDemoContent:
    def test_boards_topics_and_replies_with_exact_counters(self, settings):
        run(settings, debug=False)
        assert list(Board.objects.values_list("title", flat=True)) == ["ประชุมสภา", "ข้อเสนอโครงการ", "ถาม-ตอบ"]
        assert Topic.objects.count() == len(demo.TOPICS)
        for topic in Topic.objects.all():
            assert topic.post_count == Post.objects.published().filter(topic=topic).count()
        assert Topic.objects.filter(is_pinned=True, is_locked=True).count() == 1
        assert Post.objects.filter(is_hidden=True).exclude(hidden_reason="").count() == 1

    def test_two_council_members_and_a_clerk_who_moderates_without_being_superuser(self, settings):
        run(settings, debug=False)
        members = [User.objects.get(username=name) for name in ("council_demo1", "council_demo2")]
        clerk = User.objects.get(username="clerk_demo")
        assert all(permissions.is_member(m) and not permissions.can_moderate(m) for m in members)
        assert all("ตัวอย่าง" in m.get_full_name() for m in [*members, clerk])
        assert clerk.is_staff and not clerk.is_superuser and permissions.can_moderate(clerk)

    def test_a_second_run_changes_nothing(self, settings):
        run(settings, debug=True)
        before = (list(Post.objects.values()), list(Topic.objects.values()), list(Board.objects.values()))
        users = list(User.objects.values())
        run(settings, debug=True)
        assert (list(Post.objects.values()), list(Topic.objects.values()), list(Board.objects.values())) == before
        assert list(User.objects.values()) == users


@pytest.mark.django_db
class TestDemoPasswords:
    def test_on_a_development_machine_the_passwords_are_printed_and_work(self, settings):
        output = run(settings, debug=True)
        for username in USERNAMES:
            assert f"{username} / {PASSWORDS[username]}" in output
            assert login_works(username)

    def test_under_production_settings_no_account_has_a_known_password(self, settings):
        output = run(settings, debug=False)
        for username in USERNAMES:
            assert not User.objects.get(username=username).has_usable_password()
            assert not login_works(username)
            assert PASSWORDS[username] not in output
        assert "ไม่มีรหัสผ่านที่ใช้ได้" in output

    def test_a_production_run_locks_demo_accounts_left_with_their_known_password(self, settings):
        run(settings, debug=True)
        assert login_works("council_demo1")
        run(settings, debug=False)
        assert not any(login_works(username) for username in USERNAMES)

    def test_a_real_password_set_by_a_clerk_is_kept(self, settings):
        run(settings, debug=False)
        clerk = User.objects.get(username="clerk_demo")
        clerk.set_password("a-real-secret-2569")
        clerk.save()
        run(settings, debug=False)
        assert User.objects.get(username="clerk_demo").check_password("a-real-secret-2569")
