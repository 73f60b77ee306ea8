from django.urls import path

from forum import feeds, views

app_name = "forum"

urlpatterns = [
    path("", views.index, name="index"),
    path("rss/", feeds.LatestTopicsFeed(), name="feed"),
    path("topic/<int:pk>/", views.topic_detail, name="topic"),
    path("topic/<int:pk>/last/", views.topic_last, name="topic_last"),
    path("topic/<int:pk>/reply/", views.post_reply, name="reply"),
    path("topic/<int:pk>/pin/", views.topic_pin, name="topic_pin"),
    path("topic/<int:pk>/lock/", views.topic_lock, name="topic_lock"),
    path("topic/<int:pk>/move/", views.topic_move, name="topic_move"),
    path("topic/<int:pk>/delete/", views.topic_delete, name="topic_delete"),
    path("post/<int:pk>/", views.post_permalink, name="post"),
    path("post/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("post/<int:pk>/hide/", views.post_hide, name="post_hide"),
    path("post/<int:pk>/restore/", views.post_restore, name="post_restore"),
    # Boards last: their slugs are clerks' words (see RESERVED_SLUGS in models.py).
    path("<slug:slug>/", views.board_detail, name="board"),
    path("<slug:slug>/new/", views.topic_create, name="topic_create"),
    path("<slug:slug>/rss/", feeds.BoardFeed(), name="board_feed"),
]
