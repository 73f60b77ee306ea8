"""core.reversing.reverse gives Django's reverse()'s address, worked out once per URL name, arguments and
script prefix."""

import pytest
from django.urls import NoReverseMatch, clear_script_prefix, set_script_prefix
from django.urls import reverse as django_reverse

from core.reversing import _reversed, reverse


@pytest.fixture(autouse=True)
def nothing_remembered():
    _reversed.cache_clear()
    yield
    _reversed.cache_clear()
    clear_script_prefix()


def test_gives_django_s_address_and_works_it_out_once():
    kwargs = {"category": "general", "pk": 10, "slug": "dengue-prevention"}
    address = reverse("pages:announcement_detail", kwargs=kwargs)
    assert (
        address == django_reverse("pages:announcement_detail", kwargs=kwargs) == "/news/general/10-dengue-prevention/"
    )
    assert reverse("pages:announcement_detail", kwargs=dict(reversed(kwargs.items()))) == address
    assert reverse("forum:topic", args=[7]) == django_reverse("forum:topic", args=[7])
    assert _reversed.cache_info().misses == 2 and _reversed.cache_info().hits == 1


def test_another_script_prefix_is_another_address():
    assert reverse("forum:topic", kwargs={"pk": 7}) == "/forum/topic/7/"
    set_script_prefix("/jomthong/")
    assert reverse("forum:topic", kwargs={"pk": 7}) == "/jomthong/forum/topic/7/"


def test_a_name_that_does_not_exist_is_refused_every_time():
    for _ in range(2):
        with pytest.raises(NoReverseMatch):
            reverse("pages:no-such-page")


class Seven:
    """An argument that cannot be a dictionary's key."""

    __hash__ = None

    def __str__(self):
        return "7"


def test_other_options_and_arguments_that_cannot_be_keys_are_django_s_own():
    assert reverse("forum:topic", kwargs={"pk": 7}, query={"page": 2}) == "/forum/topic/7/?page=2"
    assert reverse("forum:topic", args=[Seven()]) == "/forum/topic/7/"
    assert _reversed.cache_info().currsize == 0
