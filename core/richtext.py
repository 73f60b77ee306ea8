"""Rich text from CKEditor is cleaned on the server, before it is saved, whatever path saved it."""

import nh3
from ckeditor_uploader.fields import RichTextUploadingField

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "small", "mark", "blockquote", "q", "cite", "ul", "ol", "li", "dl", "dt", "dd", "a", "img",
    "figure", "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    "colgroup", "col", "span", "div", "pre", "code", "abbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "title"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type"},
    "abbr": {"title"},
    "*": {"lang"},
}
# No data: (SVG with script, phishing pages) and no javascript: anywhere.
URL_SCHEMES = {"http", "https", "mailto", "tel"}


# Every picture in a body waits until the reader scrolls near it, and decodes off the main thread.
# nh3 appends the attributes it sets in hash order, so one pass would shuffle them from save to save;
# setting one per pass keeps a clean body byte for byte the same when it is saved again.
_COMMON = {"tags": ALLOWED_TAGS, "url_schemes": URL_SCHEMES, "strip_comments": True}
_CLEAN_AND_LAZY_LOAD = nh3.Cleaner(
    **_COMMON,
    attributes=ALLOWED_ATTRIBUTES,
    link_rel="noopener noreferrer",
    set_tag_attribute_values={"img": {"loading": "lazy"}},
)
_ASYNC_DECODE = nh3.Cleaner(
    **_COMMON,
    attributes=ALLOWED_ATTRIBUTES | {"a": ALLOWED_ATTRIBUTES["a"] | {"rel"}},
    link_rel=None,
    tag_attribute_values={"img": {"loading": {"lazy"}}},
    set_tag_attribute_values={"img": {"decoding": "async"}},
)


def sanitize_html(html: str | None) -> str:
    """Return HTML with only the tags, attributes and URL schemes a clerk's page needs; images load lazily."""
    if not html:
        return ""
    return _ASYNC_DECODE.clean(_CLEAN_AND_LAZY_LOAD.clean(html)).strip()


class SanitizedRichTextField(RichTextUploadingField):
    """CKEditor with its image uploader for clerks; the stored value is always nh3-clean."""

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
