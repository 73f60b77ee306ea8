"""The public site's own Thai log-in, log-out and password change; repeated failures lock (django-axes)."""

import pytest
from django.urls import reverse

from .conftest import make_member

LOGIN = "/accounts/login/"


@pytest.fixture
def councillor(db):
    user = make_member("councillor")
    user.set_password("correct-horse-2569")
    user.save()
    return user


def test_the_login_page_is_thai_and_sends_a_member_back_where_they_were(client, councillor):
    page = client.get(LOGIN + "?next=/forum/")
    html = page.content.decode()
    assert page.status_code == 200 and "เข้าสู่ระบบ" in html and "csrfmiddlewaretoken" in html
    assert "/admin/" not in html
    response = client.post(LOGIN, {"username": "councillor", "password": "correct-horse-2569", "next": "/forum/"})
    assert response.status_code == 302 and response["Location"] == "/forum/"


def test_a_wrong_password_gets_a_thai_message(client, councillor):
    response = client.post(LOGIN, {"username": "councillor", "password": "wrong"})
    assert response.status_code == 200
    assert "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง" in response.content.decode()


def test_without_next_a_login_lands_on_the_forum(client, councillor):
    response = client.post(LOGIN, {"username": "councillor", "password": "correct-horse-2569"})
    assert response["Location"] == reverse("forum:index")


def test_five_failed_logins_lock_the_account_from_this_address_with_a_thai_page(client, councillor):
    for _ in range(4):
        assert client.post(LOGIN, {"username": "councillor", "password": "wrong"}).status_code == 200
    locked = client.post(LOGIN, {"username": "councillor", "password": "wrong"})
    assert locked.status_code == 429
    html = locked.content.decode()
    assert "ระงับการเข้าสู่ระบบชั่วคราว" in html and "15 นาที" in html and 'lang="th"' in html
    # Even the right password is refused while locked.
    right = client.post(LOGIN, {"username": "councillor", "password": "correct-horse-2569"})
    assert right.status_code == 429 and "_auth_user_id" not in client.session
    # Another account from the same address is not locked (lockout is by username and address).
    other = make_member("someone-else")
    other.set_password("another-pass-2569")
    other.save()
    assert client.post(LOGIN, {"username": "someone-else", "password": "another-pass-2569"}).status_code == 302


def test_logout_is_a_post_and_returns_home(client, councillor):
    client.force_login(councillor)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and "_auth_user_id" not in client.session


def test_password_change_three_ways(client, councillor, reader):
    url = reverse("accounts:password_change")
    assert client.get(url)["Location"].startswith(LOGIN)
    for user in (reader, councillor):
        client.force_login(user)
        page = client.get(url)
        assert page.status_code == 200 and "เปลี่ยนรหัสผ่าน" in page.content.decode()
    response = client.post(
        url,
        {
            "old_password": "correct-horse-2569",
            "new_password1": "river-fields-2570",
            "new_password2": "river-fields-2570",
        },
    )
    assert response["Location"] == reverse("accounts:password_change_done")
    assert "รหัสผ่านใหม่ของคุณถูกบันทึกเรียบร้อย" in client.get(response["Location"]).content.decode()
    councillor.refresh_from_db()
    assert councillor.check_password("river-fields-2570")
