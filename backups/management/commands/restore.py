"""`manage.py restore ARCHIVE`: checks every checksum first, then restores the database and the media files."""

from django.core.management.base import BaseCommand, CommandError

from backups.archive import BackupError, restore


class Command(BaseCommand):
    help = (
        "กู้คืนฐานข้อมูลและไฟล์สื่อจากไฟล์สำรอง ตรวจค่า SHA-256 ทุกไฟล์ก่อนแตะข้อมูลใด ไม่ยอมเขียนทับฐานข้อมูลที่มีข้อมูลอยู่แล้ว เว้นแต่สั่ง --force"
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="ไฟล์ backup-….tar.gz")
        parser.add_argument("--force", action="store_true", help="เขียนทับฐานข้อมูลที่มีข้อมูลอยู่แล้ว")

    def handle(self, *args, archive, force=False, **options):
        try:
            manifest = restore(archive, force=force, log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"กู้คืนเสร็จ: ข้อมูล ณ {manifest['created_at']} รุ่นโปรแกรม {manifest['code_version']} "
            "ถ้าโปรแกรมนี้ใหม่กว่า ให้สั่ง manage.py migrate ต่อ"
        )
