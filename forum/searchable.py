"""The board's topics in site-wide search (registered by forum.apps when the app is ready)."""

from core.searchable import Document, SearchKind, register


def register_kinds():
    register(_forum_topic())


def _forum_topic():

    def document(topic):
        posts = topic.posts.published().order_by("created_at", "pk")
        return Document(
            title=topic.title,
            text=" ".join(post.body for post in posts),
            url=topic.get_absolute_url(),
            date=topic.last_post_at or topic.created_at,
        )

    return SearchKind(
        kind="forum_topic",
        label="กระทู้ในกระดานสนทนา",
        model="forum.Topic",
        document=document,
        dependents={"forum.Post": lambda post: [post.topic] if post.topic_id else []},
    )
