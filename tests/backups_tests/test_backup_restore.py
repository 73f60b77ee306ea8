"""`backup` writes one archive (database, media, manifest with checksums); `restore` brings both back into an
empty database — identical `dumpdata` of every app and identical media checksums — and refuses a corrupted
archive or a non-empty database before anything is written.

The restore runs as a separate `manage.py` process pointed at a brand-new database (a SQLite file, or on
PostgreSQL a throw-away database named history_…), as an administrator would run it on a new machine.
"""

import gzip
import io
import json
import os
import subprocess
import sys
import tarfile
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from backups.archive import MANIFEST, media_checksums, prune
from core import page_cache
from forum.models import Board
from pages.models import Announcement, Page
from tests.forum_tests.conftest import make_member, start_topic
from tests.pages_tests.builders import announcement, attachment, gallery_image

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def content():
    Page.objects.create(title="วิสัยทัศน์", slug="vision", body="<p>ตำบลน่าอยู่</p>", status=Page.Status.PUBLISHED)
    item = announcement(title="งานวันเด็ก", cover=True)
    gallery_image(item, order=1, caption="เด็กเล่นเกม")
    attachment(item, name="กำหนดการ.pdf", title="กำหนดการ")
    start_topic(Board.objects.create(title="ถาม-ตอบ", slug="qa"), make_member("member"), replies=2)


def dump_every_app(env=None):
    if env is None:
        out = io.StringIO()
        call_command("dumpdata", stdout=out)
        return json.loads(out.getvalue())
    return json.loads(manage(["dumpdata"], env).stdout)


def manage(arguments, env, check=True):
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT, env=env, capture_output=True, text=True, check=check, timeout=300,
    )  # fmt: skip


def fresh_target(tmp_path):
    """Settings for a manage.py process on a new, empty database and an empty media folder."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jomthong_site.settings.dev", "MEDIA_ROOT": str(tmp_path / "media2")}
    if connection.vendor == "postgresql":
        name = f"history_rt_{uuid.uuid4().hex[:10]}"
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
        db = connection.settings_dict
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
        return env, name
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    return env, None


@pytest.fixture
def target(tmp_path):
    env, pg_name = fresh_target(tmp_path)
    yield env
    if pg_name:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')


def backup(tmp_path) -> Path:
    call_command("backup", dir=str(tmp_path / "archives"), stdout=io.StringIO())
    return next((tmp_path / "archives").glob("backup-*.tar.gz"))


def test_a_round_trip_into_an_empty_database_gives_identical_content_and_media(content, tmp_path, target):
    archive = backup(tmp_path)
    target["PAGE_CACHE_GENERATION_FILE"] = str(tmp_path / "generation")
    versions = page_cache.HostGeneration(target["PAGE_CACHE_GENERATION_FILE"])
    before = versions.read_many(range(page_cache.SLOTS))
    restored = manage(["restore", str(archive)], target)
    assert "กู้คืนเสร็จ" in restored.stdout
    # The restore wrote past the page cache's watch: it draws every version anew, so no page kept before
    # it is served after it.
    after = versions.read_many(range(page_cache.SLOTS))
    assert None not in after and not set(before) & set(after)
    assert dump_every_app(target) == dump_every_app()
    source_media = media_checksums(Path(settings.MEDIA_ROOT))
    assert source_media and media_checksums(Path(target["MEDIA_ROOT"])) == source_media


def test_the_manifest_records_checksums_migrations_and_the_code_version(content, tmp_path):
    archive = backup(tmp_path)
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile(MANIFEST))
        names = set(tar.getnames())
    assert manifest["database"]["vendor"] == connection.vendor
    assert len(manifest["database"]["sha256"]) == 64
    assert "0001_initial" in manifest["migrations"]["pages"] and manifest["migrations"]["history"]
    assert manifest["code_version"] and manifest["code_version"] != "unknown"
    assert {f"media/{name}" for name in manifest["media"]} <= names
    assert oct(archive.stat().st_mode & 0o777) == "0o600"


def test_restore_refuses_a_database_that_holds_data_unless_forced(content, tmp_path):
    archive = backup(tmp_path)
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive), stdout=io.StringIO())


def _corrupt_gzip(archive):
    data = bytearray(archive.read_bytes())
    for offset in range(len(data) // 2, len(data) // 2 + 64):
        data[offset] ^= 0xFF
    archive.write_bytes(bytes(data))


def _swap_a_media_file(archive):
    """A well-formed archive whose media file no longer matches the manifest's checksum."""
    with tarfile.open(archive) as tar:
        members = [(m, tar.extractfile(m).read() if m.isfile() else None) for m in tar.getmembers()]
    with tarfile.open(archive, "w:gz") as tar:
        for member, data in members:
            if member.name.startswith("media/") and member.name.endswith(".pdf"):
                data = b"%PDF-1.4 tampered"
                member.size = len(data)
            tar.addfile(member, io.BytesIO(data) if data is not None else None)


@pytest.mark.parametrize("damage", [_corrupt_gzip, _swap_a_media_file], ids=["corrupted-bytes", "wrong-checksum"])
def test_a_corrupted_archive_is_refused_before_anything_is_written(content, tmp_path, damage):
    archive = backup(tmp_path)
    damage(archive)
    before_rows, before_media = dump_every_app(), media_checksums(Path(settings.MEDIA_ROOT))
    Announcement.objects.update(title="แก้หลังสำรอง")  # a change the restore would undo, were it to run
    changed = dump_every_app()
    with pytest.raises(CommandError, match="ไม่ได้แตะข้อมูลใด"):
        call_command("restore", str(archive), force=True, stdout=io.StringIO())
    assert dump_every_app() == changed != before_rows
    assert media_checksums(Path(settings.MEDIA_ROOT)) == before_media


def test_a_corrupted_archive_leaves_an_empty_target_empty(content, tmp_path, target):
    archive = backup(tmp_path)
    _corrupt_gzip(archive)
    refused = manage(["restore", str(archive)], target, check=False)
    assert refused.returncode != 0 and "ไม่ได้แตะข้อมูลใด" in refused.stderr
    assert not Path(target["MEDIA_ROOT"]).exists()
    if target["DATABASE_URL"].startswith("sqlite"):
        path = Path(target["DATABASE_URL"].removeprefix("sqlite:///"))
        assert not path.exists() or path.stat().st_size == 0


def test_pruning_keeps_the_newest_archives(tmp_path):
    for number in range(5):
        path = tmp_path / f"backup-2026120{number}-000000-v{number}.tar.gz"
        path.write_bytes(gzip.compress(b"x"))
        os.utime(path, (time.time() - (5 - number) * 3600,) * 2)
    (tmp_path / "notes.txt").write_text("not a backup")
    removed = prune(tmp_path, keep=2)
    assert sorted(p.name for p in removed) == [f"backup-2026120{n}-000000-v{n}.tar.gz" for n in (0, 1, 2)]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "backup-20261203-000000-v3.tar.gz", "backup-20261204-000000-v4.tar.gz", "notes.txt",
    ]  # fmt: skip
