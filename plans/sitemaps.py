from django.contrib.sitemaps import Sitemap

from plans.models import Plan, Project, Strategy


class PlanSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Plan.objects.published()

    def lastmod(self, plan):
        return plan.updated_at


class StrategySitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Strategy.objects.published().select_related("plan").order_by("plan__first_year", "number")

    def lastmod(self, strategy):
        return strategy.updated_at


class ProjectSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4
    limit = 1000

    def items(self):
        return Project.objects.published().select_related("strategy__plan").order_by("pk")

    def lastmod(self, project):
        return project.updated_at


sitemaps = {"plans": PlanSitemap, "plan-strategies": StrategySitemap, "plan-projects": ProjectSitemap}
