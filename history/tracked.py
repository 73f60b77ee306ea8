"""What keeps a history, by model label: the only list to edit when a new kind of content should.

TRACKED: the items a clerk edits, each with the child relations saved, compared and restored with it
(an announcement's gallery and attachments). A deleted item goes to the recycle bin with its children.
CHILDREN: the models behind those relations, and the field that points at their item.

To track a model of a new app, add one line to each list, e.g. for documents and their files:
    TRACKED["documents.Document"] = ("files",)   and   CHILDREN["documents.DocumentFile"] = "document"
(labels only: this app imports no other section's code).
"""

TRACKED: dict[str, tuple[str, ...]] = {
    "pages.Page": (),
    "pages.Announcement": ("gallery", "attachments"),
    "staff.Person": (),
    "plans.Project": ("budget_lines",),
    "core.SiteProfile": (),
    "documents.Document": ("files",),
}

CHILDREN: dict[str, str] = {
    "pages.GalleryImage": "announcement",
    "pages.Attachment": "announcement",
    "plans.BudgetLine": "project",
    "documents.DocumentFile": "document",
}
