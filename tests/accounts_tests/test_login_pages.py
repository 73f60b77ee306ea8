"""The public site's own Thai log-in, log-out and password change (lockouts: test_lockout.py)."""

import pytest
from django.urls import reverse

from tests.forum_tests.conftest import make_member

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


def test_logout_is_a_post_and_returns_home(client, councillor):
    client.force_login(councillor)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and "_auth_user_id" not in client.session


def test_opening_the_logout_address_shows_a_thai_page_with_a_logout_button(client, councillor):
    client.force_login(councillor)
    page = client.get(reverse("accounts:logout") + "?next=/forum/")
    html = page.content.decode()
    assert page.status_code == 200 and 'lang="th"' in html
    assert "ต้องการออกจากระบบ" in html
    form = html.split('<form method="post" action="/accounts/logout/"')[1].split("</form>")[0]
    assert "csrfmiddlewaretoken" in form and 'name="next" value="/forum/"' in form and "ออกจากระบบ</button>" in form
    assert "_auth_user_id" in client.session, "only the button logs out, never a link or a prefetch"
    response = client.post(reverse("accounts:logout"), {"next": "/forum/"})
    assert response["Location"] == "/forum/" and "_auth_user_id" not in client.session


def test_the_logout_page_tells_a_logged_out_visitor_so_and_never_sends_them_elsewhere(client, db):
    page = client.get(reverse("accounts:logout") + "?next=https://evil.example/")
    html = page.content.decode()
    assert page.status_code == 200 and "ไม่ได้เข้าสู่ระบบ" in html and 'href="/accounts/login/"' in html
    main = html[html.index("<main") : html.index("</main>")]
    assert "evil.example" not in main


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
