"""Follow every link of an ITA year, as the assessor would, and report the ones that lead nowhere.

    manage.py check_ita_links 2569            # pages of this site, documents, and outside addresses
    manage.py check_ita_links 2569 --offline  # without outside addresses (no network)

Exits with status 1 when a link is broken, so a scheduled run can alert someone.
"""

import urllib.error
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from documents.models import AssessmentYear, Document
from documents.services import items_with_links

EXTERNAL_TIMEOUT_SECONDS = 10


def _host():
    hosts = [host.lstrip(".") for host in settings.ALLOWED_HOSTS if host not in ("*", "")]
    return hosts[0] if hosts else "localhost"


class Command(BaseCommand):
    help = "ตรวจลิงก์ทุกข้อของปีการประเมิน ITA และรายงานลิงก์ที่เสีย"

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="ปีงบประมาณ พ.ศ. เช่น 2569")
        parser.add_argument("--offline", action="store_true", help="ไม่ตรวจลิงก์ภายนอก (เช่น e-GP)")

    def handle(self, *args, year, offline, **options):
        assessment = AssessmentYear.objects.filter(year=year).first()
        if assessment is None:
            raise CommandError(f"ไม่พบปีการประเมิน {year}")
        client = Client(HTTP_HOST=_host())
        broken, checked = [], 0
        for item in items_with_links(assessment, public=False):
            if not item.links.all():
                broken.append((item, None, "ไม่มีลิงก์"))
            for link in item.links.all():
                if link.is_external and offline:
                    continue
                checked += 1
                problem = self.problem(link, client)
                if problem:
                    broken.append((item, link, problem))
        for item, link, problem in broken:
            label = link.display_label if link else "—"
            self.stdout.write(f"{item.code}\t{label}\t{link.href if link else ''}\t{problem}")
        self.stdout.write(f"ตรวจ {checked} ลิงก์ของปี {year}: เสีย {sum(1 for _, link, _ in broken if link)} ลิงก์")
        if broken:
            raise CommandError(f"พบ {len(broken)} รายการที่ผู้ประเมินเปิดไม่ได้")
        self.stdout.write(self.style.SUCCESS("ทุกลิงก์ใช้งานได้"))

    def problem(self, link, client):
        """Why the public cannot follow the link, or "" when it works."""
        if link.document_id:
            document = link.document
            if document.status != Document.Status.PUBLISHED:
                return "เอกสารยังเป็นฉบับร่าง"
            files = list(document.files.all())
            if not files:
                return "เอกสารยังไม่มีไฟล์"
            missing = [file.display_title for file in files if not file.file.storage.exists(file.file.name)]
            if missing:
                return f"ไม่พบไฟล์ในที่เก็บ: {', '.join(missing)}"
        href = link.href
        if not href:
            return "ยังไม่มีหน้านี้ในเว็บไซต์"
        if link.is_external:
            return self.external_problem(href)
        response = client.get(href, follow=True, secure=settings.SECURE_SSL_REDIRECT)
        if response.status_code != 200:
            return f"หน้าเว็บตอบ HTTP {response.status_code}"
        return ""

    def external_problem(self, url):
        request = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "ita-link-check"})
        try:
            with urllib.request.urlopen(request, timeout=EXTERNAL_TIMEOUT_SECONDS) as response:  # noqa: S310 - http(s) only
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            return f"เปิดไม่ได้: {error}"
        return "" if status < 400 else f"เว็บไซต์ภายนอกตอบ HTTP {status}"
