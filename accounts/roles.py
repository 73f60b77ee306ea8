"""The site's roles, declared in one place: the groups a clerk puts accounts in, and what each may do.

- สมาชิกสภา (MEMBER_GROUP): starts topics and replies on the discussion board.
- เจ้าหน้าที่ อบต. (CLERK_GROUP): runs the site's content in the admin (pages, news, places, the
  organisation, the plans, the discussion board) and the accounts of members and colleagues.
- ผู้รับเรื่องทุจริต (CORRUPTION_GROUP): the only people who may open sealed corruption reports
  (services app). Membership is the whole rule: neither a clerk nor a superuser sees a sealed report
  through the admin unless a superuser has put them in this group. Created by
  services/migrations/0002_groups.py.

Clerks add, change and view; they do not delete. A person who leaves office is deactivated and a page
or a piece of news is withdrawn, so the record stays (see staff.admin.OnlySuperusersDelete). The few
deletes below are rows that only make sense inside their parent's page (a gallery image, an attachment,
a budget line, a guideline), a position created by mistake (one with people cannot be deleted), and
deleting a topic, which the board's moderation needs.

accounts/migrations/ give a real site the groups at `migrate` time; `load_demo` calls
clerk_group_ensure() so the sample clerk is in it even after a database flush.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q

CLERK_GROUP = "เจ้าหน้าที่ อบต."
MEMBER_GROUP = "สมาชิกสภา"
CORRUPTION_GROUP = "ผู้รับเรื่องทุจริต"

EDIT = ("view", "add", "change")
EDIT_INSIDE_PARENT = (*EDIT, "delete")

CLERK_PERMISSIONS = {
    "core": {"siteprofile": ("view", "change"), "menuitem": EDIT},
    "pages": {
        "page": EDIT,
        "category": EDIT,
        "announcement": EDIT,
        "galleryimage": EDIT_INSIDE_PARENT,
        "attachment": EDIT_INSIDE_PARENT,
    },
    "places": {"place": EDIT, "mapsheet": EDIT},
    "staff": {"unit": EDIT, "position": EDIT_INSIDE_PARENT, "person": EDIT},
    "plans": {
        "plan": EDIT,
        "strategy": EDIT,
        "guideline": EDIT_INSIDE_PARENT,
        "project": EDIT,
        "budgetline": EDIT_INSIDE_PARENT,
    },
    "forum": {"board": EDIT, "topic": ("view", "change", "delete"), "post": ("view", "change")},
    "auth": {"user": EDIT, "group": ("view",)},
    # Content history and the recycle bin: "change" is the right to restore a version or a deleted item.
    "history": {"contentversion": ("view", "change"), "deleteditem": ("view", "change")},
    "documents": {
        "documenttype": EDIT,
        "document": EDIT,
        "documentfile": EDIT_INSIDE_PARENT,
        "assessmentyear": EDIT,
        "itaitem": EDIT_INSIDE_PARENT,
        "italink": EDIT_INSIDE_PARENT,
    },
    "procurement": {
        "procurementplan": EDIT,
        "notice": EDIT,
        "budgetordinance": EDIT,
        "budgetline": EDIT_INSIDE_PARENT,
    },
    "services": {
        "requestkind": EDIT,
        "kindfield": EDIT_INSIDE_PARENT,
        "servicerequest": ("view", "change"),
        "privacynotice": EDIT,
        "clerkunit": EDIT_INSIDE_PARENT,
        "surveyquestion": EDIT,
        "publishedquestion": EDIT,
    },
    "faq": {"faqtopic": EDIT, "question": EDIT},
    "visitors": {"dailyvisits": ("view",)},
    "frontpage": {"banner": EDIT, "quicklink": EDIT_INSIDE_PARENT},
}

# What a member of ผู้รับเรื่องทุจริต needs besides the group itself (services.permissions checks membership).
CORRUPTION_PERMISSIONS = {"services": {"sealedreport": ("view", "change")}}


def clerk_permission_names() -> set[str]:
    """The clerk's permissions as "app_label.codename", the form user.has_perm() takes."""
    return {
        f"{app_label}.{action}_{model}"
        for app_label, models in CLERK_PERMISSIONS.items()
        for model, actions in models.items()
        for action in actions
    }


def clerk_group_ensure() -> Group:
    """The clerks' group with at least its permissions: adds what is missing, never takes a permission away."""
    wanted = Q(pk__in=[])
    for name in clerk_permission_names():
        app_label, codename = name.split(".")
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    with transaction.atomic():
        group, _ = Group.objects.get_or_create(name=CLERK_GROUP)
        group.permissions.add(*Permission.objects.filter(wanted))
    return group


def corruption_group_ensure() -> Group:
    """The group ผู้รับเรื่องทุจริต with at least its permissions (the services migration creates it too)."""
    wanted = Q(pk__in=[])
    for app_label, models in CORRUPTION_PERMISSIONS.items():
        for model, actions in models.items():
            wanted |= Q(content_type__app_label=app_label, codename__in=[f"{action}_{model}" for action in actions])
    with transaction.atomic():
        group, _ = Group.objects.get_or_create(name=CORRUPTION_GROUP)
        group.permissions.add(*Permission.objects.filter(wanted))
    return group
