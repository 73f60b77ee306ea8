"""The board in site-wide search (registered by forum.apps when the app is ready).

Each post is its own document, so a reply indexes one post — the same work at post 2 and at post 500 —
and the search table grows by that post alone. A topic's own document holds only its title. A topic and
its posts share a group, so a topic shows once in the results: as the best-matching post (linked to its
permalink), or as the topic itself when only its title matched.
"""

from core.searchable import Document, SearchKind, register


def register_kinds():
    register(_forum_topic(), _forum_post())


def _forum_topic():
    def document(topic):
        url = topic.get_absolute_url()
        return Document(title=topic.title, text="", url=url, date=topic.created_at, group=url)

    return SearchKind(
        kind="forum_topic",
        label="กระทู้ในกระดานสนทนา",
        model="forum.Topic",
        document=document,
        # Counter updates (post_count, last_post…) on every reply change nothing searchable.
        fields=frozenset({"title", "created_at"}),
    )


def _forum_post():
    def document(post):
        topic = post.topic
        return Document(
            title=topic.title,
            text=post.body,
            url=post.get_absolute_url(),
            date=post.created_at,
            group=topic.get_absolute_url(),
        )

    return SearchKind(
        kind="forum_post",
        label="ข้อความในกระดานสนทนา",
        model="forum.Post",
        document=document,
        # Hiding or restoring a post changes who may find it (its visible_to), not its document.
        fields=frozenset({"body", "topic", "created_at"}),
        # A renamed topic renames the documents of its posts; a recount of its counters does not.
        dependents={"forum.Topic": lambda topic: topic.posts.only("pk") if topic.pk else []},
        dependent_fields={"forum.Topic": frozenset({"title"})},
    )
