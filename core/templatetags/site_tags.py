from django import template

from core.images import image_size, renditions
from core.models import tel_href as _tel_href

register = template.Library()


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


@register.filter
def tel_href(phone):
    """A phone number as typed by a clerk, as a link target that dials it ("" when it has no number)."""
    return _tel_href(phone)
