from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from core.compiled import CompiledPaginator, compiled, first_or_none, get_or_404
from core.files import content_disposition, content_type_of, download_name
from core.images import renditions
from core.models import can_preview
from core.reversing import reverse
from pages.models import Announcement, Attachment, Category, GalleryImage, Page

HOME_PHOTO_ITEMS = 4
HOME_LIST_ITEMS = 5


def home(request):
    """The organisation, its latest items per category chosen by the clerks, and links to every section.

    Three queries whatever the number of items: the home categories, their latest items (one window
    query), and the executives' greeting (its own template tag). The sections are read while the page's
    content renders, not before: kept rendered (core/parts.py), they are not read at all.
    """
    sections = SimpleLazyObject(_home_sections)
    return render(
        request,
        "pages/home.html",
        {
            "photo_sections": SimpleLazyObject(lambda: sections[0]),
            "list_sections": SimpleLazyObject(lambda: sections[1]),
            "feed_url": reverse("pages:feed"),
        },
    )


def _home_sections():
    """(photo sections, list sections): each a list of (category, its latest published items)."""
    categories = list(
        compiled(("pages.home.categories",), lambda: Category.objects.exclude(home_section=Category.HomeSection.HIDDEN))
    )
    latest = {category.pk: [] for category in categories}
    if categories:
        by_pk = {category.pk: category for category in categories}
        items = compiled(
            ("pages.home.latest", tuple(by_pk)),
            lambda: (
                Announcement.objects.published()
                .as_cards()
                .filter(category__in=categories)
                .latest_per_category(max(HOME_PHOTO_ITEMS, HOME_LIST_ITEMS))
            ),
        )
        for item in items:
            item.category = by_pk[item.category_id]
            latest[item.category_id].append(item)
    photo_sections, list_sections = [], []
    for category in categories:
        if category.home_section == Category.HomeSection.PHOTOS:
            photo_sections.append((category, latest[category.pk][:HOME_PHOTO_ITEMS]))
        else:
            list_sections.append((category, latest[category.pk][:HOME_LIST_ITEMS]))
    return photo_sections, list_sections


class AnnouncementListView(ListView):
    """Every published announcement, newest first (the "all news" page)."""

    template_name = "pages/announcement_list.html"
    context_object_name = "announcements"
    paginate_by = 12
    category = None

    def get_queryset(self):
        announcements = Announcement.objects.published().as_cards().select_related("category")
        if self.category is None:
            return announcements.order_by("-publish_at", "-pk")
        return announcements.filter(category=self.category).newest_first()

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        # The page's rows read with SQL compiled once per category and page (core/compiled.py).
        key = ("pages.announcements", self.category and self.category.pk)
        return CompiledPaginator(key, self.get_queryset, per_page, orphans=orphans, allow_empty_first_page=True)

    def paginate_queryset(self, queryset, page_size):
        # A stale or mistyped ?page= shows the nearest real page (as search, the board and the plan
        # do), never a 404.
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.category is None:
            title, feed_url = "ข่าวสารทั้งหมด", reverse("pages:feed")
            breadcrumbs = [(title, None)]
        else:
            title, feed_url = self.category.title, self.category.get_feed_url()
            breadcrumbs = [("ข่าวสารทั้งหมด", reverse("pages:news")), (title, None)]
        context.update(
            title=title,
            category=self.category,
            show_pin=self.category is not None,
            show_category=self.category is None,
            feed_url=feed_url,
            breadcrumbs=breadcrumbs,
        )
        return context


class CategoryView(AnnouncementListView):
    """One category's announcements: pinned on top, then newest first, 12 to a page."""

    def get(self, request, *args, **kwargs):
        slug = kwargs["category"]
        self.category = get_or_404(("pages.category",), lambda slug: Category.objects.filter(slug=slug), slug)
        return super().get(request, *args, **kwargs)


def announcement_detail(request, category, pk, slug=""):
    announcement = get_or_404(
        ("pages.announcement", can_preview(request.user, Announcement)),
        lambda pk: Announcement.objects.visible_to(request.user).select_related("category").filter(pk=pk),
        pk,
    )
    canonical = announcement.get_absolute_url()
    if request.path != canonical:
        # Old links (a changed title, a moved announcement) keep working; a draft's address may still change.
        return redirect(canonical, permanent=announcement.is_public)
    previous_item, next_item = neighbours(announcement)
    cover = renditions(announcement.cover_image)
    og_image = request.build_absolute_uri(cover[-1].jpeg_url) if cover else None
    return render(
        request,
        "pages/announcement_detail.html",
        {
            "announcement": announcement,
            "category": announcement.category,
            # Read as the prefetches would (Meta.ordering), with SQL compiled once (core/compiled.py).
            "gallery": compiled(
                ("pages.gallery",), lambda pk: GalleryImage.objects.filter(announcement_id=pk), announcement.pk
            ),
            "attachments": compiled(
                ("pages.attachments",), lambda pk: Attachment.objects.filter(announcement_id=pk), announcement.pk
            ),
            "previous_item": previous_item,
            "next_item": next_item,
            "og_image": og_image,
            "feed_url": announcement.category.get_feed_url(),
            "breadcrumbs": [
                (announcement.category.title, announcement.category.get_absolute_url()),
                (announcement.title, None),
            ],
        },
    )


@require_safe
def attachment_download(request, pk):
    """An announcement's document, under its Thai name, for whoever may see the announcement."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("announcement"),
        pk=pk,
        announcement__in=Announcement.objects.visible_to(request.user),
    )
    try:
        file = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as error:  # ValueError: no file at all
        raise Http404("ไม่พบไฟล์") from error
    fallback_stem = f"attachment-{attachment.pk}"
    name = download_name(attachment.display_title, attachment.file.name, fallback_stem=fallback_stem)
    response = FileResponse(file, content_type=content_type_of(attachment.file.name))
    response["Content-Disposition"] = content_disposition(name, fallback_stem=fallback_stem)
    response["X-Content-Type-Options"] = "nosniff"
    if not attachment.announcement.is_public:
        patch_cache_control(response, private=True, no_store=True)
    return response


def neighbours(announcement):
    """The published announcements just before (older) and after (newer) this one in its category."""
    category, at, pk = announcement.category_id, announcement.publish_at, announcement.pk

    def siblings(side, condition, *order):
        return first_or_none(
            ("pages.neighbour", side),
            lambda category, at, pk: (
                Announcement.objects.published()
                .as_cards()
                .filter(condition(at, pk), category_id=category)
                .order_by(*order)
            ),
            category,
            at,
            pk,
        )

    older = siblings("older", lambda at, pk: Q(publish_at__lt=at) | Q(publish_at=at, pk__lt=pk), "-publish_at", "-pk")
    newer = siblings("newer", lambda at, pk: Q(publish_at__gt=at) | Q(publish_at=at, pk__gt=pk), "publish_at", "pk")
    for item in (older, newer):
        if item is not None:
            item.category = announcement.category
    return older, newer


def page_detail(request, slug):
    page = get_or_404(
        ("pages.page", can_preview(request.user, Page)),
        lambda slug: Page.objects.visible_to(request.user).select_related("updated_by", "section").filter(slug=slug),
        slug,
    )
    breadcrumbs = [(page.title, None)]
    section_pages = []
    if page.section:
        breadcrumbs.insert(0, (page.section.title, page.section.url))
        section_pages = compiled(
            ("pages.section",),
            lambda section: Page.objects.published().filter(section_id=section).order_by("order", "title"),
            page.section_id,
        )
    cover = renditions(page.cover_image)
    return render(
        request,
        "pages/page_detail.html",
        {
            "page": page,
            "section_pages": section_pages,
            "breadcrumbs": breadcrumbs,
            "og_image": request.build_absolute_uri(cover[-1].jpeg_url) if cover else None,
        },
    )


def site_map(request):
    # Its lists are read in parts of their own (pages/templatetags/site_map_tags.py).
    return render(request, "pages/site_map.html", {"breadcrumbs": [("แผนผังเว็บไซต์", None)]})
