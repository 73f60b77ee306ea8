"""The trail at the top of every page: home first, each step up a link, the page itself named but not linked."""

from django.template import Context, Template

TRAIL = Template("{% load site_tags %}{% breadcrumbs %}")


def trail(breadcrumbs):
    return TRAIL.render(Context({"breadcrumbs": breadcrumbs}))


def test_leads_home_then_up_the_sections_to_the_page_itself():
    html = trail([("ข่าวสาร", "/news/"), ("ประกาศทั่วไป", "/news/general/"), ("ประกาศรับสมัคร", None)])
    assert html.startswith('<nav class="breadcrumbs" aria-label="เส้นทางนำทาง"><ol>')
    assert '<li><a href="/">หน้าแรก</a></li>' in html
    assert '<li><a href="/news/">ข่าวสาร</a></li><li><a href="/news/general/">ประกาศทั่วไป</a></li>' in html
    assert html.endswith('<li><span aria-current="page">ประกาศรับสมัคร</span></li></ol></nav>')


def test_the_last_step_is_never_a_link_even_with_an_address():
    assert '<span aria-current="page">แผนที่ตำบล</span>' in trail([("แผนที่ตำบล", "/map/")])


def test_a_page_without_a_trail_shows_none():
    assert trail([]) == "" and TRAIL.render(Context({})) == ""


def test_a_hostile_title_stays_text():
    html = trail([('<script>alert("x")</script>', '/x/"onmouseover="alert(1)'), ("หน้า", None)])
    assert "<script>" not in html and "&lt;script&gt;" in html and '"onmouseover' not in html
