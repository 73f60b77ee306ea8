"""How an app offers its models to site-wide search, without knowing the search app.

Each app declares its kinds in its own ``searchable.py`` and registers them when it is ready; the
search app indexes whatever is registered. A kind names its model, what the public may find (the
model's own ``visible_to()``), how one object becomes a document, the fields whose change alters
that document, and the other models whose change alters it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps


@dataclass(frozen=True)
class Document:
    title: str
    text: str
    url: str
    date: object = None
    # Documents that share a group (a topic and its posts) show once in the results: the best-ranked one,
    # or, on a tie, the one whose url is the group (the topic itself). Empty: a group of its own.
    group: str = ""


@dataclass
class SearchKind:
    kind: str
    label: str
    model: str  # "app_label.ModelName"
    document: Callable[[object], Document]
    # Fields of the model that its document reads: a save whose update_fields name none of them is skipped.
    # None: every save counts.
    fields: frozenset[str] | None = None
    # Other models whose change alters this kind's documents: label -> obj -> objects of this kind.
    dependents: dict[str, Callable[[object], Iterable]] = field(default_factory=dict)
    # For a dependent model: the fields whose change alters this kind's documents (a save whose
    # update_fields name none of them is skipped). Absent: every save of that model counts.
    dependent_fields: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def model_class(self):
        return apps.get_model(self.model)

    def visible_to(self, user):
        """The objects of this kind that this user may find: the model's one visibility rule."""
        return self.model_class._default_manager.visible_to(user)


KINDS: dict[str, SearchKind] = {}


def register(*kinds: SearchKind):
    for kind in kinds:
        KINDS[kind.kind] = kind
