"""The cookie list of the cookie policy is the list of cookies the site really sets: for a visitor who reads,
searches, uses the display tools and opens the log-in page, and for a council member who logs in and posts."""

import re

import pytest
from django.contrib.auth.models import User

from core.cookies import needs_consent, site_cookies
from forum.models import Topic
from tests.core_tests.test_public_urls import public_paths


class CookieRecorder:
    """Wraps the test client and keeps the name of every cookie any response sets."""

    def __init__(self, client):
        self.client = client
        self.names = set()

    def get(self, path, data=None, **extra):
        response = self.client.get(path, data, **extra)
        self.names |= set(response.cookies)
        return response

    def post(self, path, data, **extra):
        response = self.client.post(path, data, **extra)
        self.names |= set(response.cookies)
        return response

    def follow(self, response):
        while response.status_code in (301, 302, 303):
            response = self.get(response["Location"])
        return response


def csrf_of(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def test_the_cookies_listed_are_the_cookies_the_site_sets(demo_content, client):
    declared = {cookie.name for cookie in site_cookies()}

    visitor = CookieRecorder(client.__class__(enforce_csrf_checks=True))
    for path in public_paths(visitor.client):
        visitor.get(path)
    visitor.get("/search/", {"q": "ข่าว"})
    visitor.get("/accounts/login/")
    visitor.get("/display/", {"text": "large", "next": "/"})
    visitor.get("/no-such-page/")

    member = CookieRecorder(client.__class__(enforce_csrf_checks=True))
    user = User.objects.get(username="council_demo1")
    user.set_password("a-test-password-2569")
    user.save()
    login_page = member.get("/accounts/login/")
    credentials = {"username": "council_demo1", "password": "a-test-password-2569"}
    member.follow(member.post("/accounts/login/", {**credentials, "csrfmiddlewaretoken": csrf_of(login_page)}))
    topic_path = Topic.objects.filter(is_locked=False).order_by("pk").first().get_absolute_url()
    reply_page = member.get(topic_path + "reply/")
    token = re.search(r'name="token" value="([^"]*)"', reply_page.content.decode())
    reply = {"body": "ขอบคุณครับ", "csrfmiddlewaretoken": csrf_of(reply_page)}
    if token:
        reply["token"] = token.group(1)
    response = member.follow(member.post(topic_path + "reply/", reply))
    assert "ส่งคำตอบเรียบร้อยแล้ว" in response.content.decode()
    for path in public_paths(member.client)[:10]:
        member.get(path)

    assert visitor.names | member.names == declared
    assert "sessionid" not in visitor.names  # a visitor who does not log in gets no session


def test_the_cookie_page_lists_them_all_and_no_notice_is_needed(client, db):
    content = client.get("/cookies/").content.decode()
    for cookie in site_cookies():
        assert f'<code class="cookie-name">{cookie.name}</code>' in content
    assert not needs_consent()


@pytest.mark.django_db
def test_every_footer_links_the_four_policies(client):
    content = client.get("/sitemap/").content.decode()
    for slug in ("privacy-policy", "cookie-policy", "website-policy", "security-policy"):
        assert f'href="/pages/{slug}/"' in content
