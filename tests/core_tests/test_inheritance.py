"""{% extends %} with the root template's blocks found once (core/templatetags/inheritance.py) renders what
Django's own tag renders."""

import pytest
from django.template import Context, Engine, engines
from django.template.loader_tags import ExtendsNode

from core.templatetags.inheritance import RememberedExtendsNode

TEMPLATES = {
    "root.html": "<title>{% block title %}ราก{% endblock %}</title>{% block body %}<p>เนื้อหาเดิม</p>{% endblock %}"
    "{% block footer %}<footer>{{ org }}</footer>{% endblock %}",
    "middle.html": "{% extends 'root.html' %}{% block title %}กลาง – {{ block.super }}{% endblock %}"
    "{% block body %}<main>{% block main %}ว่าง{% endblock %}</main>{% endblock %}",
    "leaf.html": "{% extends 'middle.html' %}{% block main %}<h1>{{ heading }}</h1>{{ block.super }}{% endblock %}",
    "by_variable.html": "{% extends parent %}{% block body %}<p>จากตัวแปร</p>{% endblock %}",
    "text_first.html": "\n\n{% extends 'root.html' %}{% block footer %}{% endblock %}",
}


def engine(builtins):
    return Engine(loaders=[("django.template.loaders.locmem.Loader", TEMPLATES)], builtins=builtins)


@pytest.mark.parametrize("name", ["leaf.html", "middle.html", "by_variable.html", "text_first.html"])
def test_a_page_renders_as_with_djangos_extends(name):
    ours, djangos = engine(["core.templatetags.inheritance"]), engine([])
    context = {"heading": "<ข่าว & กิจกรรม>", "org": "อบต.ทดสอบ"}
    for _ in range(3):  # the root's blocks kept after the first render
        expected = djangos.get_template(name).render(
            Context({**context, "parent": djangos.get_template("middle.html")})
        )
        rendered = ours.get_template(name).render(Context({**context, "parent": ours.get_template("middle.html")}))
        assert rendered == expected
    assert isinstance(ours.get_template(name).nodelist.get_nodes_by_type(ExtendsNode)[0], RememberedExtendsNode)
    assert "&lt;ข่าว &amp; กิจกรรม&gt;" in rendered or name != "leaf.html"


def test_the_sites_templates_use_it():
    page = engines["django"].get_template("pages/page_detail.html").template
    assert isinstance(page.nodelist[0], RememberedExtendsNode)
