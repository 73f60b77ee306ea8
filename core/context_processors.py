from dataclasses import dataclass
from functools import partial

from django.templatetags.static import static
from django.utils.functional import SimpleLazyObject

from core.display import PageDisplay
from core.models import MenuItem, SiteProfile
from core.page_cache import fragment, request_reads

# Drawn once with Pillow (see the comment in base.html); 1200x630 is the size Facebook and LINE ask for.
DEFAULT_SHARE_IMAGE = "img/og-default.png"
DEFAULT_SHARE_IMAGE_SIZE = (1200, 630)


@dataclass(frozen=True)
class ShareImage:
    url: str
    width: int | None
    height: int | None
    alt: str


def share_image(request, profile):
    """The picture a shared link shows when its page has none of its own: the logo, else the site's default.

    SiteProfile's logo is the organisation's emblem (ตราสัญลักษณ์); it has no other image field. Social
    networks fetch the picture from outside, so its URL is absolute.
    """
    if profile.logo:
        return ShareImage(
            url=request.build_absolute_uri(profile.logo.url),
            width=profile.logo_width,
            height=profile.logo_height,
            alt=profile.logo_alt or profile.name,
        )
    return ShareImage(request.build_absolute_uri(static(DEFAULT_SHARE_IMAGE)), *DEFAULT_SHARE_IMAGE_SIZE, alt="")


def _shell_data(request, name, compute):
    """A fragment of the shell's data, read once per request. Each isolated part of a page asks again
    (core/parts.py), so that the part notes what it depends on; while the page cache keeps the page, the
    fragment itself answers again from the request's own reads."""
    if request_reads() is not None:
        return fragment(name, compute)
    read = request.__dict__.setdefault("_shell_data", {})
    if name not in read:
        read[name] = fragment(name, compute)
    return read[name]


def site(request):
    """The organisation's identity and the main menu, for base.html on every page (one query each, none
    while no watched table has changed since another page asked: core/page_cache.py's fragments), and how
    the page is displayed (the visitor's text size and contrast, the site's mourning mode: no query of its own)."""
    # A callable, which templates call where it is used, rather than a lazy object: each of the shell's many
    # uses of the profile would go through the lazy object's proxy, a tenth of a shell part's render.
    profile = partial(_shell_data, request, "site-profile", SiteProfile.current)
    return {
        "site_profile": profile,
        "display": PageDisplay(request, profile),
        "main_menu": SimpleLazyObject(lambda: _shell_data(request, "main-menu", MenuItem.tree)),
        "share_image": SimpleLazyObject(lambda: share_image(request, profile())),
    }
