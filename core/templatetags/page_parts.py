"""``{% part "name" [vary ...] [only [name=value ...]] [as variable] %} ... {% endpart %}``: a part of the page
kept rendered until what it shows changes (core/parts.py).

- ``vary``: values the part's HTML differs by besides the host and the display choice, e.g.
  ``request.get_full_path`` for a part showing the current address;
- ``only``: rendered in a context of its own (the request, the visitor, the shell's data, and the values
  named after it), so that it depends on its own reads only (with values named, on what the page read
  before it too: they come from the page);
- ``as variable``: the HTML is put in the context rather than in the output, for base.html to render the
  page's own content before the head and the shell.

``{% memo name=value ... %} ... {% endmemo %}``: a piece rendered with only the values named, kept by what
they hold, so that a list rendered again after an edit renders only the items that changed (core/memo.py).
"""

from django import template
from django.template.base import token_kwargs

from core.memo import number_tag, render_memo
from core.parts import register_hole, render_part

register = template.Library()


class PartNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name, vary, isolated, values, target):
        self.nodelist, self.name, self.vary = nodelist, name, vary
        self.isolated, self.values, self.target = isolated, values, target
        # Kept apart from a part around it, and filled in each time that one is served (core/parts.py).
        self.may_be_hole = isolated and not values and not vary and not target

    def render(self, context):
        html = render_part(
            context,
            origin=getattr(self.origin, "template_name", None) or "",
            name=self.name,
            vary=[value.resolve(context) for value in self.vary],
            isolated=self.isolated,
            may_be_hole=self.may_be_hole,
            values={name: value.resolve(context) for name, value in self.values.items()},
            render=self.nodelist.render,
        )
        if self.target:
            context[self.target] = html
            return ""
        return html


@register.tag("part")
def do_part(parser, token):
    bits = token.split_contents()
    tag = bits.pop(0)
    if not bits or bits[0][0] not in "\"'" or bits[0][-1] != bits[0][0]:
        raise template.TemplateSyntaxError(f"{tag} takes a quoted name first")
    name = bits.pop(0)[1:-1]
    target = None
    if len(bits) >= 2 and bits[-2] == "as":
        target = bits.pop()
        bits.pop()
    isolated, values = False, {}
    if "only" in bits:
        position = bits.index("only")
        isolated, rest, bits = True, bits[position + 1 :], bits[:position]
        values = token_kwargs(rest, parser)
        if rest:
            raise template.TemplateSyntaxError(f"{tag}: only name=value pairs may follow 'only'")
    vary = [parser.compile_filter(bit) for bit in bits]
    nodelist = parser.parse(("endpart",))
    parser.delete_first_token()
    node = PartNode(nodelist, name, vary, isolated, values, target)
    if node.may_be_hole:
        register_hole(getattr(parser.origin, "template_name", None) or "", name, node.render)
    return node


class MemoNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, values):
        self.nodelist, self.values, self.number = nodelist, values, number_tag()

    def render(self, context):
        return render_memo(
            context,
            tag=self.number,
            values={name: value.resolve(context) for name, value in self.values.items()},
            render=self.nodelist.render,
        )


@register.tag("memo")
def do_memo(parser, token):
    bits = token.split_contents()
    tag = bits.pop(0)
    values = token_kwargs(bits, parser)
    if bits or not values:
        raise template.TemplateSyntaxError(f"{tag} takes name=value pairs only, at least one")
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, values)
