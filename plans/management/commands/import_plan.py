from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from plans.models import Plan
from plans.services import plan_import_csv


class Command(BaseCommand):
    help = "นำเข้าโครงการของแผนพัฒนาจากไฟล์ CSV (UTF-8) ตรวจทุกบรรทัดก่อน ถ้ามีบรรทัดผิดจะไม่บันทึกอะไรเลย"

    def add_arguments(self, parser):
        parser.add_argument("file", help="ไฟล์ CSV เช่น plan-2553-2555.csv")
        parser.add_argument("--plan", required=True, help="ชื่อในลิงก์ของแผน เช่น 2553-2555")
        parser.add_argument("--title", help="ชื่อแผน ใช้เมื่อยังไม่มีแผนนี้ในระบบ (ระบบจะสร้างแผนฉบับร่างให้)")
        parser.add_argument("--replace", action="store_true", help="ลบโครงการของแผนที่ไม่มีในไฟล์")

    def handle(self, *args, file, plan, title, replace, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"ไม่พบไฟล์ {file}")
        target = Plan.objects.filter(slug=plan).first()
        if target is None:
            if not title:
                raise CommandError(f"ยังไม่มีแผน “{plan}” ในระบบ กรุณาใส่ --title เพื่อสร้างแผนใหม่ (ฉบับร่าง)")
            target = Plan(slug=plan, title=title, status=Plan.Status.DRAFT)
        result = plan_import_csv(plan=target, data=path.read_bytes(), replace=replace)
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"ไม่ได้บันทึกข้อมูล: พบปัญหา {len(result.problems)} รายการ กรุณาแก้ไฟล์แล้วนำเข้าใหม่")
        self.stdout.write(self.style.SUCCESS(result.summary()))
