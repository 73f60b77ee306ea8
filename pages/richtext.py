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


def sanitize_html(html: str | None) -> str:
    """Return HTML with only the tags, attributes and URL schemes a clerk's page needs."""
    if not html:
        return ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


class SanitizedRichTextField(RichTextUploadingField):
    """CKEditor with its image uploader for clerks; the stored value is always nh3-clean."""

    def pre_save(self, model_instance, add):
        value = sanitize_html(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
