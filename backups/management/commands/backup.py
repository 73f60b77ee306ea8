"""`manage.py backup`: one archive with the database, the media files and a checksummed manifest."""

from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, create


class Command(BaseCommand):
    help = "สำรองฐานข้อมูลและไฟล์สื่อทั้งหมดเป็นไฟล์เดียว (.tar.gz) ใน BACKUP_DIR แล้วลบไฟล์เก่าเกิน BACKUP_KEEP ไฟล์"

    def add_arguments(self, parser):
        parser.add_argument("--dir", help="โฟลเดอร์ที่เก็บ (ค่าเริ่มต้น BACKUP_DIR)")
        parser.add_argument("--keep", type=int, help="เก็บไฟล์ล่าสุดกี่ไฟล์ (ค่าเริ่มต้น BACKUP_KEEP, 0 = ไม่ลบ)")

    def handle(self, *args, dir=None, keep=None, **options):
        try:
            created = create(dir, keep)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = created.manifest
        self.stdout.write(
            f"สำรองข้อมูลแล้ว: {created.path} ({created.path.stat().st_size:,} ไบต์, "
            f"ฐานข้อมูล {manifest['database']['vendor']}, ไฟล์สื่อ {len(manifest['media'])} ไฟล์, "
            f"รุ่นโปรแกรม {manifest['code_version']})"
        )
        for path in created.pruned:
            self.stdout.write(f"ลบไฟล์สำรองเก่า: {path.name}")
