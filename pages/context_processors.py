from django.utils.functional import SimpleLazyObject

from pages.models import MenuItem, SiteProfile


def site(request):
    """The organisation's identity and the main menu, for base.html on every page (one query each)."""
    return {
        "site_profile": SimpleLazyObject(SiteProfile.current),
        "main_menu": SimpleLazyObject(MenuItem.tree),
    }
