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


class TestTheUrlTag:
    """Templates' {% url %} (core/templatetags/addresses.py, a builtin) renders what Django's tag renders."""

    @staticmethod
    def both(source, **values):
        from django.template import Context, Engine, Template

        django_engine = Engine(builtins=[])  # Django's own tags alone
        ours = Template(source).render(Context(values))
        theirs = Template(source, engine=django_engine).render(Context(values))
        return ours, theirs

    @pytest.mark.parametrize(
        "source",
        [
            "{% url 'pages:home' %}",
            "{% url 'forum:topic' 7 %}",
            "{% url 'forum:topic' pk=topic %}",
            "{% url 'pages:announcement_detail' category='general' pk=10 slug=slug %}",
            "{% url name topic %}",
            "{% url 'pages:no-such-page' as missing %}[{{ missing }}]",
            "{% url 'forum:topic' 7 as address %}<a href='{{ address }}'>",
            "{% autoescape off %}{% url 'search:results' %}{% endautoescape %}",
        ],
    )
    def test_renders_what_django_s_renders(self, source):
        ours, theirs = self.both(source, topic=7, slug="แจ้งข่าว", name="forum:topic")
        assert ours == theirs != ""

    def test_is_the_tag_every_template_gets_and_remembers_each_address(self):
        from django.template import Context, Template

        from core.templatetags.addresses import RememberedURLNode

        assert isinstance(Template("{% url 'pages:home' %}").nodelist[0], RememberedURLNode)
        Template("{% url 'forum:topic' 7 %}").render(Context())
        assert _reversed.cache_info().currsize == 1

    def test_a_name_that_does_not_exist_is_refused_as_by_django(self):
        from django.template import Context, Template

        with pytest.raises(NoReverseMatch):
            Template("{% url 'pages:no-such-page' %}").render(Context())

    def test_the_admin_site_s_addresses_follow_the_current_application(self, rf):
        from django.template import RequestContext, Template

        request = rf.get("/")
        request.current_app = "admin"
        assert Template("{% url 'admin:index' %}").render(RequestContext(request)) == django_reverse(
            "admin:index", current_app="admin"
        )
