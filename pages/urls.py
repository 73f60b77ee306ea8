from django.urls import path

from pages import feeds, views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("pages/<slug:slug>/", views.page_detail, name="page_detail"),
    path("sitemap/", views.site_map, name="site_map"),
    path("news/", views.AnnouncementListView.as_view(), name="news"),
    path("news/rss/", feeds.LatestAnnouncementsFeed(), name="feed"),
    # Before the category patterns: "attachment" is a reserved category slug (pages/models/announcements.py).
    path("news/attachment/<int:pk>/", views.attachment_download, name="attachment"),
    path("news/<slug:category>/", views.CategoryView.as_view(), name="category"),
    path("news/<slug:category>/rss/", feeds.CategoryFeed(), name="category_feed"),
    # The pk alone finds an announcement; the category and the slug are only there for people to read,
    # so a renamed title or a moved announcement redirects (301) to its current address.
    path("news/<slug:category>/<int:pk>/", views.announcement_detail, name="announcement_detail_pk"),
    path("news/<slug:category>/<int:pk>-<str:slug>/", views.announcement_detail, name="announcement_detail"),
]
