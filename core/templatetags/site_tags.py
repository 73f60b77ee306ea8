from django import template
from django.conf import settings
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

from core.images import image_size, renditions
from core.phones import tel_href
from core.reversing import reverse

register = template.Library()

register.filter("tel_href", tel_href)


@register.simple_tag
def picture(image, alt="", sizes="100vw", css_class="", eager=False):
    """A responsive <picture>: WebP and JPEG renditions with srcset, width, height and lazy loading.

    Written out here rather than by an included template: a list of forty portraits drew it forty times, and
    an include's own machinery cost more than the markup (the same markup, character for character)."""
    copies = renditions(image) if image else []
    if not copies:  # no image, or its file is missing from storage
        return ""
    width, height = image_size(image)
    fallback = copies[min(1, len(copies) - 1)]
    sizes = conditional_escape(sizes)
    webp_srcset = conditional_escape(", ".join(f"{c.webp_url} {c.width}w" for c in copies))
    jpeg_srcset = conditional_escape(", ".join(f"{c.jpeg_url} {c.width}w" for c in copies))
    css = f' class="{conditional_escape(css_class)}"' if css_class else ""
    lazy = "" if eager else ' loading="lazy"'
    return mark_safe(  # noqa: S308 every value escaped above
        f'<picture{css}><source type="image/webp" srcset="{webp_srcset}" sizes="{sizes}">'
        f'<img src="{conditional_escape(fallback.jpeg_url)}" srcset="{jpeg_srcset}" sizes="{sizes}"'
        f' width="{width}" height="{height}" alt="{conditional_escape(alt)}"{lazy} decoding="async"></picture>'
    )


@register.simple_tag(takes_context=True)
def pager(context, page_obj, label="เลือกหน้า", count_label="รายการ"):
    """Numbered page links (the far ones elided) that keep the page's other query parameters (?q=, ?kind=);
    nothing for a list of one page (most of a small site's).

    Written out here, as ``picture`` is: its template, rendered for every list page rendered afresh (search's
    results, the news), cost several times the markup."""
    paginator = page_obj.paginator
    if paginator.num_pages <= 1:
        return ""
    others = context["request"].GET.copy()
    others.pop("page", None)
    # The other parameters encoded once; each link adds its page number.
    to_page = escape(f"?{others.urlencode()}&page=" if others else "?page=")

    def link(number, text, attributes):
        return f'<li><a class="pager__link" href="{to_page}{number}"{attributes}>{text}</a></li>'

    # As {{ number }} shows a number: grouped only when the settings ask for it (localize() cost 4 µs a call).
    shown = localize if settings.USE_THOUSAND_SEPARATOR else str
    current = page_obj.number
    items = []
    if page_obj.has_previous():
        items.append(link(current - 1, "‹ หน้าก่อน", ' rel="prev"'))
    for number in paginator.get_elided_page_range(current, on_each_side=1, on_ends=1):
        if number == paginator.ELLIPSIS:
            items.append('<li><span class="pager__gap">…</span></li>')
        elif number == current:
            items.append(f'<li><span class="pager__link is-current" aria-current="page">{shown(number)}</span></li>')
        else:
            items.append(link(number, shown(number), f' aria-label="หน้า {shown(number)}"'))
    if page_obj.has_next():
        items.append(link(current + 1, "หน้าถัดไป ›", ' rel="next"'))
    count = f" (ทั้งหมด {shown(paginator.count)} {escape(count_label)})" if count_label else ""
    return mark_safe(  # noqa: S308 what is not fixed markup is a number or escaped
        f'<nav class="pager" aria-label="{escape(label)}"><p class="pager__status">หน้า {shown(current)} จาก '
        f'{shown(paginator.num_pages)}{count}</p><ul class="pager__list">{"".join(items)}</ul></nav>'
    )


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """The trail from the home page to this one (the view's ``breadcrumbs``: (title, URL) pairs, the last the page
    itself), written out here as the pager is: its template was a twentieth of a page's content rendered again."""
    trail = context.get("breadcrumbs")
    if not trail:
        return ""
    items = [f'<li><a href="{conditional_escape(reverse("pages:home"))}">หน้าแรก</a></li>']
    last = len(trail) - 1
    for position, (title, url) in enumerate(trail):
        if url and position != last:
            items.append(f'<li><a href="{conditional_escape(url)}">{conditional_escape(title)}</a></li>')
        else:
            items.append(f'<li><span aria-current="page">{conditional_escape(title)}</span></li>')
    return mark_safe(  # noqa: S308 every value escaped above
        f'<nav class="breadcrumbs" aria-label="เส้นทางนำทาง"><ol>{"".join(items)}</ol></nav>'
    )
