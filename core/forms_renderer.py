"""The form renderer (FORM_RENDERER): Django's, with a <select> written out in Python.

Django renders a select through its template and two more template includes per option (the option, its
attributes): for the plan page's filter form, a few dozen options, that was a fifth of the page's render.
The HTML here is the templates' own, character for character (tests/core_tests/test_forms_renderer.py
compares the two for every kind of option); a widget that names other templates is rendered by them.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs):
    # django/forms/widgets/attrs.html
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(f"{value}")}"'
        for name, value in attrs.items()
        if value is not False
    )


def _option(option):
    # django/forms/widgets/select_option.html, its closing line break included
    value, label = conditional_escape(f"{option['value']}"), conditional_escape(option["label"])
    return f'<option value="{value}"{_attrs(option["attrs"])}>{label}</option>\n'


def render_select(widget):
    """What django/forms/widgets/select.html renders for the widget's context."""
    html = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        html.extend(f"\n  {_option(option)}" for option in group_choices)
        if group_name:
            html.append("\n  </optgroup>")
    html.append("\n</select>")
    return "".join(html).strip()  # as Django's renderers strip what their templates give


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if template_name == SELECT else None
        if widget is not None and all(
            option["template_name"] == OPTION for _name, options, _index in widget["optgroups"] for option in options
        ):
            return mark_safe(render_select(widget))
        return super().render(template_name, context, request)
