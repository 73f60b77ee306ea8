"""Repeated failed log-ins lock one account from one address; only many failures from an address,
all accounts together, lock the address. Both on the public log-in and on the admin's."""

import pytest
from django.conf import settings
from django.test import Client

from tests.forum_tests.conftest import make_member

OFFICE = "203.0.113.10"  # address X: a shared office computer
HOME = "198.51.100.7"  # address Y
PASSWORD = "correct-horse-2569"

ACCOUNT_LOCK = "ระงับการเข้าสู่ระบบของบัญชีนี้จากเครื่องนี้"
ACCOUNT_LOCK_SCOPE = "บัญชีอื่นยังเข้าสู่ระบบจากเครื่องนี้ได้"
ADDRESS_LOCK = "หยุดรับการเข้าสู่ระบบทุกบัญชีจากเครื่องหรือเครือข่ายนี้"
ADDRESS_LOCK_REASON = "นับรวมทุกบัญชี"


@pytest.fixture(params=["/accounts/login/", "/admin/login/"], ids=["public", "admin"])
def login_url(request):
    return request.param


def make_account(username):
    # Staff, so that the right password opens the admin's log-in as well as the public one.
    user = make_member(username, is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def member_a(db):
    return make_account("councillor-a")


@pytest.fixture
def member_b(db):
    return make_account("councillor-b")


def log_in(url, username, password, address):
    client = Client(REMOTE_ADDR=address)
    response = client.post(url, {"username": username, "password": password})
    response.logged_in = "_auth_user_id" in client.session
    return response


def assert_logged_in(response):
    assert response.status_code == 302 and response.logged_in


def assert_locked(response, *, message):
    assert response.status_code == 429 and not response.logged_in
    html = response.content.decode()
    assert 'lang="th"' in html and "ระงับการเข้าสู่ระบบชั่วคราว" in html
    assert f"{settings.AXES_COOLOFF_TIME.total_seconds() / 60:.0f} นาที" in html
    if message == "account":
        assert ACCOUNT_LOCK in html and ACCOUNT_LOCK_SCOPE in html
        assert ADDRESS_LOCK not in html
    else:
        assert ADDRESS_LOCK in html and ADDRESS_LOCK_REASON in html
        assert ACCOUNT_LOCK not in html


def fail_five_times(url, username, address):
    responses = [log_in(url, username, "wrong", address) for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert [response.status_code for response in responses[:-1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    return responses[-1]


def test_five_wrong_passwords_lock_the_account_from_that_address_even_with_the_right_password(login_url, member_a):
    assert_locked(fail_five_times(login_url, "councillor-a", OFFICE), message="account")
    assert_locked(log_in(login_url, "councillor-a", PASSWORD, OFFICE), message="account")


def test_the_locked_account_still_logs_in_from_another_address(login_url, member_a):
    fail_five_times(login_url, "councillor-a", OFFICE)
    assert_logged_in(log_in(login_url, "councillor-a", PASSWORD, HOME))
    # Logging in elsewhere does not lift the lock where the guessing happened.
    assert_locked(log_in(login_url, "councillor-a", PASSWORD, OFFICE), message="account")


def test_other_accounts_still_log_in_from_the_address_of_the_locked_account(login_url, member_a, member_b):
    fail_five_times(login_url, "councillor-a", OFFICE)
    assert_logged_in(log_in(login_url, "councillor-b", PASSWORD, OFFICE))
    # Their success does not wipe the locked account's failures either.
    assert_locked(log_in(login_url, "councillor-a", PASSWORD, OFFICE), message="account")


def fail_across_accounts(url, address, failures):
    """`failures` wrong passwords spread over many accounts, never enough on one to lock that account."""
    per_account = settings.AXES_FAILURE_LIMIT - 1
    responses = [log_in(url, f"guess{number // per_account}", "wrong", address) for number in range(failures)]
    return responses


def test_many_failures_across_accounts_lock_the_address_with_its_own_message(login_url, member_a, member_b):
    limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT
    responses = fail_across_accounts(login_url, OFFICE, limit)
    assert {response.status_code for response in responses[:-1]} == {200}
    assert_locked(responses[-1], message="address")
    # Every account, right password or not, is refused from that address...
    assert_locked(log_in(login_url, "councillor-b", PASSWORD, OFFICE), message="address")
    assert_locked(log_in(login_url, "councillor-a", PASSWORD, OFFICE), message="address")
    # ...and from anywhere else they get in.
    assert_logged_in(log_in(login_url, "councillor-b", PASSWORD, HOME))
    assert_logged_in(log_in(login_url, "councillor-a", PASSWORD, HOME))


def test_a_successful_log_in_does_not_wipe_the_addresss_count_of_failures(login_url, member_b):
    fail_across_accounts(login_url, OFFICE, settings.AXES_ADDRESS_FAILURE_LIMIT - 1)
    assert_logged_in(log_in(login_url, "councillor-b", PASSWORD, OFFICE))
    assert_locked(log_in(login_url, "guess-again", "wrong", OFFICE), message="address")


def via_proxy(url, password, forwarded_for):
    """A log-in passing through one reverse proxy that appends the visitor's address to X-Forwarded-For."""
    client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded_for)
    response = client.post(url, {"username": "councillor-a", "password": password})
    response.logged_in = "_auth_user_id" in client.session
    return response


def test_behind_a_trusted_proxy_the_lock_follows_the_visitors_address_and_ignores_forged_entries(
    login_url, member_a, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    for number in range(settings.AXES_FAILURE_LIMIT):
        last = via_proxy(login_url, "wrong", f"192.0.2.{number}, {OFFICE}")
    assert_locked(last, message="account")
    assert_locked(via_proxy(login_url, PASSWORD, f"192.0.2.99, {OFFICE}"), message="account")
    assert_logged_in(via_proxy(login_url, PASSWORD, HOME))


def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(login_url, member_a, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for number in range(settings.AXES_FAILURE_LIMIT):
        via_proxy(login_url, "wrong", f"192.0.2.{number}")
    assert_locked(via_proxy(login_url, PASSWORD, HOME), message="account")
