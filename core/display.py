"""How a visitor chose to read the site (text size, high contrast, grayscale), and the site-wide mourning mode.

The choice lives in one cookie that the server reads on every page, so the right class is on <html> in the
HTML itself: nothing waits for JavaScript, so nothing flashes in the default style first. The tools in the
header are plain links to `display/`, which sets the cookie and sends the visitor back to the same page,
so they work with JavaScript off.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.cache import patch_vary_headers

DISPLAY_COOKIE = "display"
DISPLAY_COOKIE_MAX_AGE = 365 * 24 * 60 * 60

# The three text sizes, smallest first: (value in the cookie and the URL, CSS class on <html>, label).
TEXT_SIZES = [
    ("normal", "", "ขนาดตัวอักษรปกติ"),
    ("large", "text-large", "ขนาดตัวอักษรใหญ่"),
    ("largest", "text-largest", "ขนาดตัวอักษรใหญ่ที่สุด"),
]
TEXT_SIZE_CLASSES = {value: css for value, css, _ in TEXT_SIZES}
CONTRAST = "contrast"
GRAYSCALE = "grayscale"


@dataclass(frozen=True)
class DisplayChoice:
    text: str = "normal"
    contrast: bool = False
    grayscale: bool = False

    @classmethod
    def from_cookie(cls, value):
        """Whatever the cookie holds, a valid choice: unknown parts are ignored, never trusted."""
        parts = set((value or "").split("."))
        text = next((size for size in TEXT_SIZE_CLASSES if size in parts and size != "normal"), "normal")
        return cls(text=text, contrast=CONTRAST in parts, grayscale=GRAYSCALE in parts)

    @classmethod
    def of(cls, request):
        return cls.from_cookie(request.COOKIES.get(DISPLAY_COOKIE))

    def cookie_value(self):
        parts = [self.text] if self.text != "normal" else []
        parts += [name for name, on in ((CONTRAST, self.contrast), (GRAYSCALE, self.grayscale)) if on]
        return ".".join(parts)

    def changed(self, query):
        """The choice after following one of the header's links (?text=large, ?contrast=on, ?reset=1)."""
        if query.get("reset"):
            return DisplayChoice()
        text = query.get("text")
        if text not in TEXT_SIZE_CLASSES:
            text = self.text
        contrast = {"on": True, "off": False}.get(query.get("contrast"), self.contrast)
        grayscale = {"on": True, "off": False}.get(query.get("grayscale"), self.grayscale)
        return DisplayChoice(text=text, contrast=contrast, grayscale=grayscale)

    @property
    def is_default(self):
        return self == DisplayChoice()


def set_display_cookie(response, choice):
    value = choice.cookie_value()
    if not value:
        response.delete_cookie(DISPLAY_COOKIE, samesite="Lax")
        return
    response.set_cookie(
        DISPLAY_COOKIE,
        value,
        max_age=DISPLAY_COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


class PageDisplay:
    """What base.html needs: the class of <html>, and the state of each tool for the header."""

    def __init__(self, request, profile):  # profile: a callable that reads the profile (core.context_processors)
        self.request = request
        self.profile = profile
        self.choice = DisplayChoice.of(request)

    @property
    def mourning(self):
        return self.profile().mourning_is_on()

    @property
    def html_class(self):
        self.request.display_cookie_read = True
        classes = [TEXT_SIZE_CLASSES[self.choice.text]]
        if self.choice.contrast:
            classes.append("contrast-high")
        if self.choice.grayscale or self.mourning:
            classes.append("grayscale")
        if self.mourning:
            classes.append("mourning")
        return " ".join(css for css in classes if css)

    @property
    def text_sizes(self):
        return [
            {"value": value, "label": label, "step": step, "current": value == self.choice.text}
            for step, (value, _, label) in enumerate(TEXT_SIZES, start=1)
        ]

    @property
    def contrast(self):
        return self.choice.contrast

    @property
    def grayscale(self):
        return self.choice.grayscale

    @property
    def is_default(self):
        return self.choice.is_default


class DisplayVaryMiddleware:
    """A page drawn with the visitor's display choice differs by cookie: say so (Vary: Cookie), so that no
    cache hands one visitor's large-text, high-contrast page to the next visitor."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "display_cookie_read", False):
            patch_vary_headers(response, ("Cookie",))
        return response
