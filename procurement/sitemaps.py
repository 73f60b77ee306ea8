from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from procurement.models import BudgetOrdinance, Notice, ProcurementPlan


class ProcurementIndexSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return ["procurement:index", "procurement:ordinances"]

    def location(self, item):
        return reverse(item)


class ProcurementPlanSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ProcurementPlan.objects.published()

    def lastmod(self, plan):
        return plan.updated_at


class NoticeSitemap(Sitemap):
    changefreq = "monthly"
    limit = 1000

    def items(self):
        return Notice.objects.published().order_by("-announced_on", "-pk")

    def lastmod(self, notice):
        return notice.updated_at


class BudgetOrdinanceSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return BudgetOrdinance.objects.published()

    def lastmod(self, ordinance):
        return ordinance.updated_at


sitemaps = {
    "procurement": ProcurementIndexSitemap,
    "procurement-plans": ProcurementPlanSitemap,
    "procurement-notices": NoticeSitemap,
    "budget-ordinances": BudgetOrdinanceSitemap,
}
