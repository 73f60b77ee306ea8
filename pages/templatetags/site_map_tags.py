"""What the site map shows, read inside its own parts (templates/pages/site_map.html): each is kept apart
from the page (core/parts.py), so that an edit of a category renders the list of categories alone again,
and an edit of a page the menu's sections alone."""

from django import template

from core.compiled import compiled
from core.models import MenuItem
from pages.models import Category, Page

register = template.Library()


@register.simple_tag
def site_map_sections():
    """The menu's items, each with the pages filed under it as ``section_pages``, and the pages filed under
    none: {"menu": [...], "pages": [...]}."""
    menu = MenuItem.tree()
    pages = list(compiled(("pages.site_map",), lambda: Page.objects.published().order_by("order", "title")))
    sections = {item.pk for item in menu}
    for item in menu:
        item.section_pages = [page for page in pages if page.section_id == item.pk]
    return {"menu": menu, "pages": [page for page in pages if page.section_id not in sections]}


@register.simple_tag
def news_categories():
    return list(compiled(("pages.categories",), lambda: Category.objects.all()))
