"""The form renderer (FORM_RENDERER): Django's, with selects, inputs and textareas written out in Python.

Django renders a select through its template and two more template includes per option (the option, its
attributes): for the plan page's filter form, a few dozen options, that was a fifth of the page's render.
An input is three templates (its type's, input.html, attrs.html): a request form's dozen fields, about a
millisecond. The HTML here is the templates' own, character for character
(tests/core_tests/test_forms_renderer.py compares the two for every kind of option, input, value and
attribute); a widget that names other templates is rendered by them.
"""

import operator

from django.forms.renderers import DjangoTemplates
from django.template import Context
from django.template.base import render_value_in_context
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"
# Radio buttons and checkboxes (multiple_input.html), each with the template of its options.
MULTIPLE_INPUTS = {
    "django/forms/widgets/radio.html": "django/forms/widgets/radio_option.html",
    "django/forms/widgets/checkbox_select.html": "django/forms/widgets/checkbox_option.html",
}
TEXTAREA = "django/forms/widgets/textarea.html"
# The widgets whose template is input.html alone (each includes it, and nothing else).
INPUTS = frozenset(
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "email",
        "number",
        "search",
        "tel",
        "url",
        "hidden",
        "password",
        "checkbox",
        "file",
        "date",
        "datetime",
        "time",
    )
)
_TEMPLATE_CONTEXT = Context()  # autoescaped, localised as a form's template is


def _shown(value):
    # {{ value }}: localised, then escaped unless safe
    return render_value_in_context(value, _TEMPLATE_CONTEXT)


def _as_text(value):
    # {{ value|stringformat:'s' }}: the filter keeps a safe value safe (is_safe), so it is not escaped again
    if isinstance(value, tuple):
        value = str(value)
    try:
        text = "%s" % value  # noqa: UP031 (the filter's own formatting)
    except (ValueError, TypeError):
        return ""
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs):
    # django/forms/widgets/attrs.html
    return "".join(
        f" {_shown(name)}" if value is True else f' {_shown(name)}="{_as_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def render_input(widget):
    """What django/forms/widgets/input.html renders for the widget's context."""
    value = widget["value"]
    shown = f' value="{_as_text(value)}"' if operator.ne(value, None) else ""  # {% if widget.value != None %}
    return f'<input type="{_shown(widget["type"])}" name="{_shown(widget["name"])}"{shown}{_attrs(widget["attrs"])}>'


def _input_option(option):
    # input_option.html (with input.html's line break and its own), as radio_option.html and
    # checkbox_option.html include it, and their own line break
    html = render_input(option) + "\n"
    if option["wrap_label"]:
        for_id = option["attrs"].get("id")
        opened = f'<label for="{_shown(for_id)}">' if for_id else "<label>"
        html = f"{opened}{html} {_shown(option['label'])}</label>"
    return html + "\n\n"


# How a widget's named group of options opens and closes, and what is around each option: a select's
# (select.html) and radio buttons' and checkboxes' (multiple_input.html).
SELECT_GROUPS = (
    lambda group: f'\n  <optgroup label="{_shown(group)}">',
    lambda option: f"\n  {_option(option)}",
    "\n  </optgroup>",
)
INPUT_GROUPS = (
    lambda group: f"\n  <div><label>{_shown(group)}</label>",
    lambda option: f"<div>\n    {_input_option(option)}</div>",
    "\n  </div>",
)


def _in_groups(optgroups, markup):
    """The HTML of a widget's options, in their groups."""
    opened, option, closed = markup
    html = []
    for group, options, _index in optgroups:
        if group:
            html.append(opened(group))
        html.extend(option(each) for each in options)
        if group:
            html.append(closed)
    return html


def render_multiple_input(widget):
    """What django/forms/widgets/multiple_input.html renders (radio buttons, checkboxes) for the widget's context."""
    attrs = widget["attrs"]
    html = ["<div"]
    if attrs.get("id"):
        html.append(f' id="{_shown(attrs["id"])}"')
    if attrs.get("class"):
        html.append(f' class="{_shown(attrs["class"])}"')
    html.append(">")
    html += _in_groups(widget["optgroups"], INPUT_GROUPS)
    html.append("\n</div>")
    return "".join(html)


def render_textarea(widget):
    """What django/forms/widgets/textarea.html renders for the widget's context."""
    value = _shown(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def _option(option):
    # django/forms/widgets/select_option.html, its closing line break included
    return f'<option value="{_as_text(option["value"])}"{_attrs(option["attrs"])}>{_shown(option["label"])}</option>\n'


def render_select(widget):
    """What django/forms/widgets/select.html renders for the widget's context."""
    html = [f'<select name="{_shown(widget["name"])}"{_attrs(widget["attrs"])}>']
    html += _in_groups(widget["optgroups"], SELECT_GROUPS)
    html.append("\n</select>")
    return "".join(html).strip()  # as Django's renderers strip what their templates give


def _written_out(template_name, widget):
    """What writes this widget's template out in Python, or None: a widget (or its options) with a template of
    its own names that template, none of these, and Django's templates draw it."""
    if template_name in INPUTS:
        return render_input
    if template_name == TEXTAREA:
        return render_textarea
    if template_name in MULTIPLE_INPUTS and _options_drawn_by(widget, MULTIPLE_INPUTS[template_name]):
        return render_multiple_input
    if template_name == SELECT and _options_drawn_by(widget, OPTION):
        return render_select
    return None


def _options_drawn_by(widget, template_name):
    return all(
        option["template_name"] == template_name for _name, options, _index in widget["optgroups"] for option in options
    )


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        write_out = widget is not None and _written_out(template_name, widget)
        if write_out:
            return mark_safe(write_out(widget))
        return super().render(template_name, context, request)
