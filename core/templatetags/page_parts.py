"""``{% part "name" [vary ...] [only [name=value ...]] [as variable] %} ... {% endpart %}``: a part of the page
kept rendered until what it shows changes (core/parts.py).

- ``vary``: values the part's HTML differs by besides the host and the display choice, e.g.
  ``request.get_full_path`` for a part showing the current address;
- ``only``: rendered in a context of its own (the request, the visitor, the shell's data, and the values
  named after it), so that it depends on its own reads only (with values named, on what the page read
  before it too: they come from the page);
- ``as variable``: the HTML is put in the context rather than in the output, for base.html to render the
  page's own content before the head and the shell.

``{% shell "name" [vary ...] %} ... {% endshell %}``: a part of the page's shell (the header, the menu, the
footer, the organisation's name in the head): isolated, with no values but those its vary takes from the
request, and outside the page's own dependencies, so that an edit of the profile or the menu alone puts the
page together again from what it was and its shell parts (core/parts.py, page_cache.put_together).
``{% or_shell "name" %}page's own{% else %}the site's{% endor_shell %}``: what comes before ``else``, or,
when that comes out empty, what comes after, as the shell part "name" (a page's description, else the site's).

``{% memo name=value ... %} ... {% endmemo %}``: a piece rendered with only the values named, kept by what
they hold, so that a list rendered again after an edit renders only the items that changed (core/memo.py).
"""

from django import template
from django.template.base import token_kwargs

from core.memo import number_tag, render_memo
from core.parts import register_hole, register_shell, render_part

register = template.Library()


class PartNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name, vary, isolated, values, target, shell=False):
        self.nodelist, self.name, self.vary = nodelist, name, vary
        self.isolated, self.values, self.target, self.shell = isolated, values, target, shell
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
            shell=self.shell,
        )
        if self.target:
            context[self.target] = html
            return ""
        return html


def _quoted_name(tag, bits):
    if not bits or bits[0][0] not in "\"'" or bits[0][-1] != bits[0][0]:
        raise template.TemplateSyntaxError(f"{tag} takes a quoted name first")
    return bits.pop(0)[1:-1]


def _origin(parser):
    return getattr(parser.origin, "template_name", None) or ""


@register.tag("part")
def do_part(parser, token):
    bits = token.split_contents()
    tag = bits.pop(0)
    name = _quoted_name(tag, bits)
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
        register_hole(_origin(parser), name, node.render)
    return node


def _shell_node(parser, token, tag, bits, until):
    name = _quoted_name(tag, bits)
    vary = [parser.compile_filter(bit) for bit in bits]
    nodelist = parser.parse(until)
    node = PartNode(nodelist, name, vary, True, {}, None, shell=True)
    node.origin, node.token = parser.origin, token  # as the parser sets them on the nodes it is given
    register_shell(_origin(parser), name, node.render)
    if node.may_be_hole:
        register_hole(_origin(parser), name, node.render)
    return node


@register.tag("shell")
def do_shell(parser, token):
    bits = token.split_contents()
    node = _shell_node(parser, token, bits.pop(0), bits, ("endshell",))
    parser.delete_first_token()
    return node


class OrShellNode(template.Node):
    child_nodelists = ("nodelist", "fallback")

    def __init__(self, nodelist, fallback):
        self.nodelist, self.fallback = nodelist, fallback

    def render(self, context):
        return self.nodelist.render(context) or self.fallback.render(context)


@register.tag("or_shell")
def do_or_shell(parser, token):
    """``{% or_shell "name" %}page's own{% else %}the site's{% endor_shell %}``: what comes before {% else %},
    or, when that comes out empty, what comes after, as the shell part "name"."""
    bits = token.split_contents()
    tag = bits.pop(0)
    nodelist = parser.parse(("else",))
    parser.delete_first_token()
    fallback = template.NodeList([_shell_node(parser, token, tag, bits, ("endor_shell",))])
    parser.delete_first_token()
    return OrShellNode(nodelist, fallback)


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
