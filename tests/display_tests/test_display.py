"""The accessibility tools (text size, high contrast, grayscale) and the site-wide mourning mode."""

import datetime
import re

import pytest
from django.utils import timezone

from core.display import DISPLAY_COOKIE, DisplayChoice
from core.models import SiteProfile
from tests.core_tests.test_public_urls import public_paths

HTML_CLASS = re.compile(r'<html lang="th"(?: class="([^"]*)")?>')


def html_classes(response):
    match = HTML_CLASS.search(response.content.decode())
    assert match, "no <html lang=th> at the top of the page"
    return set((match.group(1) or "").split())


class TestTheCookie:
    def test_an_unknown_or_forged_cookie_is_the_default(self):
        assert DisplayChoice.from_cookie("") == DisplayChoice()
        assert DisplayChoice.from_cookie('"><script>') == DisplayChoice()
        assert DisplayChoice.from_cookie("huge.contrast") == DisplayChoice(contrast=True)

    def test_a_choice_comes_back_from_its_cookie(self):
        choice = DisplayChoice(text="largest", contrast=True, grayscale=True)
        assert DisplayChoice.from_cookie(choice.cookie_value()) == choice

    def test_the_default_choice_stores_nothing(self):
        assert DisplayChoice().cookie_value() == ""


@pytest.mark.django_db
class TestTheToolLinks:
    def test_a_tool_sets_the_cookie_and_goes_back_to_the_same_page(self, client):
        response = client.get("/display/", {"text": "largest", "next": "/news/?page=2"})
        assert response.status_code == 303
        assert response["Location"] == "/news/?page=2"
        cookie = response.cookies[DISPLAY_COOKIE]
        assert cookie.value == "largest"
        assert cookie["httponly"] and cookie["samesite"] == "Lax"
        assert "no-store" in response["Cache-Control"]

    def test_each_tool_changes_only_its_own_part(self, client):
        client.get("/display/", {"text": "large", "next": "/"})
        client.get("/display/", {"contrast": "on", "next": "/"})
        client.get("/display/", {"grayscale": "on", "next": "/"})
        assert client.cookies[DISPLAY_COOKIE].value == "large.contrast.grayscale"
        client.get("/display/", {"contrast": "off", "next": "/"})
        assert client.cookies[DISPLAY_COOKIE].value == "large.grayscale"
        response = client.get("/display/", {"reset": "1", "next": "/"})
        assert response.cookies[DISPLAY_COOKIE].value == ""  # deleted

    @pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "", "javascript:alert(1)"])
    def test_it_never_sends_the_visitor_to_another_site(self, client, target):
        response = client.get("/display/", {"text": "large", "next": target})
        assert response["Location"] == "/"

    def test_the_page_is_drawn_with_the_choice_and_says_it_varies_by_cookie(self, client):
        client.cookies[DISPLAY_COOKIE] = "largest.contrast"
        response = client.get("/sitemap/")
        assert html_classes(response) == {"text-largest", "contrast-high"}
        assert "Cookie" in response["Vary"]
        assert 'aria-current="true"><span aria-hidden="true">ก++</span>' in response.content.decode()

    def test_a_visitor_without_a_choice_gets_the_plain_page(self, client):
        assert html_classes(client.get("/sitemap/")) == set()

    def test_the_tools_link_back_to_the_page_they_are_on(self, client):
        content = client.get("/sitemap/?x=1").content.decode()
        assert 'href="/display/?text=largest&amp;next=%2Fsitemap%2F%3Fx%3D1"' in content
        assert 'href="/display/?contrast=on&amp;next=%2Fsitemap%2F%3Fx%3D1"' in content


def set_mourning(enabled, starts_in_days=None, ends_in_days=None):
    today = timezone.localdate()
    profile = SiteProfile.objects.get(pk=1)
    profile.mourning_enabled = enabled
    profile.mourning_starts_on = today + datetime.timedelta(days=starts_in_days) if starts_in_days is not None else None
    profile.mourning_ends_on = today + datetime.timedelta(days=ends_in_days) if ends_in_days is not None else None
    profile.save()


MOURNING_CASES = [
    # (switched on, starts in days, ends in days, grey today)
    (True, -3, 3, True),  # between its dates
    (True, 0, 0, True),  # a single day, today
    (True, None, None, True),  # switched on, no dates: from now on
    (True, 1, 5, False),  # not started yet
    (True, -5, -1, False),  # over
    (False, -3, 3, False),  # switched off
]


class TestMourningMode:
    def test_every_public_page_is_grey_for_everyone_between_its_dates_only(self, demo_content, client):
        paths = public_paths(client)
        assert len(paths) > 20
        for enabled, starts, ends, grey in MOURNING_CASES:
            set_mourning(enabled, starts, ends)
            for path in paths:
                classes = html_classes(client.get(path))
                assert ("grayscale" in classes) is grey, (path, enabled, starts, ends)
                assert ("mourning" in classes) is grey, (path, enabled, starts, ends)

    def test_the_end_may_not_come_before_the_start(self, db):
        from django.core.exceptions import ValidationError

        profile = SiteProfile(name="x", short_name="x", mourning_enabled=True)
        profile.mourning_starts_on = datetime.date(2026, 10, 13)
        profile.mourning_ends_on = datetime.date(2026, 10, 1)
        with pytest.raises(ValidationError) as error:
            profile.full_clean()
        assert error.value.error_dict["mourning_ends_on"][0].code == "mourning_dates_reversed"
