from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from core.images import image_size, renditions
from core.phones import tel_href

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
    nothing for a list of one page (most of a small site's), without rendering includes/pager.html."""
    paginator = page_obj.paginator
    if paginator.num_pages <= 1:
        return ""
    params = context["request"].GET.copy()

    def href(number):
        params["page"] = number
        return f"?{params.urlencode()}"

    numbers = paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    links = {
        "page_obj": page_obj,
        "label": label,
        "count_label": count_label,
        "pages": [(number, None if number == paginator.ELLIPSIS else href(number)) for number in numbers],
        "previous_href": href(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next_href": href(page_obj.next_page_number()) if page_obj.has_next() else "",
    }
    return context.template.engine.get_template("includes/pager.html").render(context.new(links))
