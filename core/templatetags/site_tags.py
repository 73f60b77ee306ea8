from django import template

from core.images import image_size, renditions
from core.phones import tel_href

register = template.Library()

register.filter("tel_href", tel_href)


@register.inclusion_tag("includes/picture.html")
def picture(image, alt="", sizes="100vw", css_class="", eager=False):
    """A responsive <picture>: WebP and JPEG renditions with srcset, width, height and lazy loading."""
    copies = renditions(image) if image else []
    if not copies:  # no image, or its file is missing from storage
        return {"image": None}
    width, height = image_size(image)
    fallback = copies[min(1, len(copies) - 1)]
    return {
        "image": image,
        "alt": alt,
        "sizes": sizes,
        "css_class": css_class,
        "eager": eager,
        "webp_srcset": ", ".join(f"{c.webp_url} {c.width}w" for c in copies),
        "jpeg_srcset": ", ".join(f"{c.jpeg_url} {c.width}w" for c in copies),
        "src": fallback.jpeg_url,
        "width": width,
        "height": height,
    }


@register.inclusion_tag("includes/pager.html", takes_context=True)
def pager(context, page_obj, label="เลือกหน้า", count_label="รายการ"):
    """Numbered page links (the far ones elided) that keep the page's other query parameters (?q=, ?kind=)."""
    params = context["request"].GET.copy()

    def href(number):
        params["page"] = number
        return f"?{params.urlencode()}"

    paginator = page_obj.paginator
    numbers = paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    return {
        "page_obj": page_obj,
        "label": label,
        "count_label": count_label,
        "pages": [(number, None if number == paginator.ELLIPSIS else href(number)) for number in numbers],
        "previous_href": href(page_obj.previous_page_number()) if page_obj.has_previous() else "",
        "next_href": href(page_obj.next_page_number()) if page_obj.has_next() else "",
    }
