"""What each app offers to site-wide search: one SearchKind per kind of result.

Every object is indexed, whatever its state; what the public may find is decided when searching,
by the kind's ``public`` queryset (the model's own ``published()``), so a scheduled announcement
appears on its hour and a person who leaves office disappears at once, without re-indexing.
A kind's text holds only what its public page shows (a topic's hidden posts are left out).
"""

from django.apps import apps

from search.registry import Document, SearchKind, register


def register_all():
    for kind in (_page(), _announcement(), _person(), _plan_project(), _forum_topic(), _place()):
        register(kind)


def _page():
    Page = apps.get_model("pages", "Page")
    return SearchKind(
        kind="page",
        label="หน้าเนื้อหา",
        model="pages.Page",
        public=lambda: Page.objects.published(),
        document=lambda page: Document(
            title=page.title, text=f"{page.summary} {page.body}", url=page.get_absolute_url(), date=page.updated_at
        ),
    )


def _announcement():
    Announcement = apps.get_model("pages", "Announcement")

    def document(item):
        attachments = " ".join(attachment.display_title for attachment in item.attachments.all())
        captions = " ".join(image.caption for image in item.gallery.all())
        return Document(
            title=item.title,
            text=f"{item.category.title} {item.summary} {item.body} {captions} {attachments}",
            url=item.get_absolute_url(),
            date=item.publish_at,
        )

    return SearchKind(
        kind="announcement",
        label="ข่าวสารและประกาศ",
        model="pages.Announcement",
        public=lambda: Announcement.objects.published(),
        document=document,
        dependents={
            # The category's slug is part of the item's URL; captions and file titles are its text.
            "pages.Category": lambda category: category.announcements.all(),
            "pages.GalleryImage": lambda image: [image.announcement],
            "pages.Attachment": lambda attachment: [attachment.announcement],
        },
    )


def _person():
    Person = apps.get_model("staff", "Person")

    def document(person):
        village = f"หมู่ที่ {person.village}" if person.village else ""
        return Document(
            title=person.full_name,
            text=f"{person.position_title} {person.unit.name} {village}",
            url=person.get_absolute_url(),
            date=None,  # people are not news: no date beside their name
        )

    return SearchKind(
        kind="person",
        label="บุคลากร",
        model="staff.Person",
        public=lambda: Person.objects.published(),
        document=document,
        dependents={
            "staff.Unit": lambda unit: unit.people.all(),
            "staff.Position": lambda position: position.people.all(),
        },
    )


def _plan_project():
    Project = apps.get_model("plans", "Project")

    def document(project):
        strategy = project.strategy
        return Document(
            title=project.name,
            text=" ".join(
                [
                    str(strategy),
                    project.location,
                    project.village_label,
                    project.objective,
                    project.target,
                    project.expected_result,
                    strategy.plan.title,
                ]
            ),
            url=project.get_absolute_url(),
            date=project.updated_at,
        )

    return SearchKind(
        kind="plan_project",
        label="โครงการในแผนพัฒนา",
        model="plans.Project",
        public=lambda: Project.objects.published(),
        document=document,
        dependents={
            "plans.Strategy": lambda strategy: strategy.projects.all(),
            "plans.Plan": lambda plan: Project.objects.filter(strategy__plan=plan),
        },
    )


def _forum_topic():
    Topic = apps.get_model("forum", "Topic")

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
        public=lambda: Topic.objects.published(),
        document=document,
        dependents={"forum.Post": lambda post: [post.topic] if post.topic_id else []},
    )


def _place():
    Place = apps.get_model("places", "Place")

    def document(place):
        village = f"หมู่ที่ {place.village_number}" if place.village_number else ""
        return Document(
            title=place.name,
            text=f"{place.get_kind_display()} {village} {place.description}",
            url=place.get_absolute_url(),
            date=None,  # a temple or a school is not news
        )

    return SearchKind(
        kind="place",
        label="สถานที่ในแผนที่ตำบล",
        model="places.Place",
        public=lambda: Place.objects.published(),
        document=document,
    )
