"""``{% extends %}`` with the parent's blocks found once per template, for every template: a builtin of the
template engine (settings), which takes the place of Django's own tag of that name.

Django's ExtendsNode walks the whole node tree of the root template (base.html) for its blocks at every
render of every page. A compiled template never changes (the cached loader keeps it), so its blocks are
found once and kept beside it; a template compiled afresh (another loader) is a new object, found again.
Parsed by Django's tag; rendered as Django's ExtendsNode renders.
"""

from weakref import WeakKeyDictionary

from django import template
from django.template.base import TextNode
from django.template.loader_tags import BLOCK_CONTEXT_KEY, BlockContext, BlockNode, ExtendsNode
from django.template.loader_tags import do_extends as django_extends

register = template.Library()

# A compiled template -> its blocks when it extends nothing (a root), else None.
_ROOT_BLOCKS: WeakKeyDictionary = WeakKeyDictionary()


def root_blocks(compiled_parent):
    try:
        return _ROOT_BLOCKS[compiled_parent]
    except KeyError:
        pass
    blocks = None
    for node in compiled_parent.nodelist:
        # As Django's: the ExtendsNode has to be the first node that is not text.
        if not isinstance(node, TextNode):
            if not isinstance(node, ExtendsNode):
                blocks = {n.name: n for n in compiled_parent.nodelist.get_nodes_by_type(BlockNode)}
            break
    _ROOT_BLOCKS[compiled_parent] = blocks
    return blocks


class RememberedExtendsNode(ExtendsNode):
    def render(self, context):
        compiled_parent = self.get_parent(context)
        if BLOCK_CONTEXT_KEY not in context.render_context:
            context.render_context[BLOCK_CONTEXT_KEY] = BlockContext()
        block_context = context.render_context[BLOCK_CONTEXT_KEY]
        block_context.add_blocks(self.blocks)
        blocks = root_blocks(compiled_parent)
        if blocks is not None:
            block_context.add_blocks(blocks)
        with context.render_context.push_state(compiled_parent, isolated_context=False):
            return compiled_parent._render(context)


@register.tag("extends")
def extends(parser, token):
    node = django_extends(parser, token)
    return RememberedExtendsNode(node.nodelist, node.parent_name, node.template_dirs)
