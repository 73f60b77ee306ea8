"""One archive holds everything needed to bring the site back: the database, the media files and a manifest.

Layout of ``backup-<time>-<version>.tar.gz``:
    manifest.json        format, time, code version, database vendor, applied migrations, SHA-256 of every file
    database/db.dump     PostgreSQL: pg_dump's custom format      (or)
    database/db.sqlite3  SQLite: a copy made with SQLite's online backup API
    media/…              the uploaded files (MEDIA_ROOT)

A restore unpacks into a scratch folder and checks every checksum before it touches the database or MEDIA_ROOT.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from core import page_cache

FORMAT = 1
MANIFEST = "manifest.json"
PREFIX = "backup-"
SUFFIX = ".tar.gz"
CHUNK = 1024 * 1024
# Rows that a freshly migrated database already holds: they do not make it "non-empty".
SCAFFOLDING = {ContentType, Permission, Group, Group.permissions.through, Session}


class BackupError(Exception):
    """What went wrong, in words for the person running the command (Thai, with what to do)."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while block := stream.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def code_version() -> str:
    version_file = Path(settings.BASE_DIR) / "VERSION"
    if version_file.exists():
        return version_file.read_text().strip()
    try:
        found = subprocess.run(
            ["git", "describe", "--always", "--tags", "--dirty"],
            cwd=settings.BASE_DIR, capture_output=True, text=True, check=True, timeout=10,
        )  # fmt: skip
        return found.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def applied_migrations() -> dict[str, list[str]]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return {}
    state: dict[str, list[str]] = {}
    for app_label, name in sorted(recorder.applied_migrations()):
        state.setdefault(app_label, []).append(name)
    return state


def media_checksums(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): sha256_of(path)
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


# --- the database ----------------------------------------------------------------------------------------


def _pg_env_and_args():
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    args = []
    if db.get("HOST"):
        args += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", str(db["USER"])]
    return env, args, db["NAME"]


def _run(command, env):
    try:
        subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupError(f"ไม่พบโปรแกรม {command[0]} กรุณาติดตั้ง postgresql-client รุ่นเดียวกับเซิร์ฟเวอร์") from error
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} ทำงานไม่สำเร็จ: {error.stderr.strip()[-2000:]}") from error


def dump_database(target_dir: Path) -> Path:
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        env, args, name = _pg_env_and_args()
        target = target_dir / "db.dump"
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args, "--file", str(target), name], env)
        return target
    if connection.vendor == "sqlite":
        target = target_dir / "db.sqlite3"
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)  # SQLite's online backup API: consistent while the site runs
        finally:
            copy.close()
        return target
    raise BackupError(f"ยังสำรองฐานข้อมูลชนิด {connection.vendor} ไม่ได้ (รองรับ PostgreSQL และ SQLite)")


def restore_database(dump: Path, vendor: str):
    if vendor != connection.vendor:
        raise BackupError(f"ไฟล์สำรองนี้เป็นฐานข้อมูล {vendor} แต่เว็บไซต์นี้ใช้ {connection.vendor} กู้คืนข้ามชนิดไม่ได้")
    if vendor == "postgresql":
        connections.close_all()
        env, args, name = _pg_env_and_args()
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction"]
        _run([*command, *args, "--dbname", name, str(dump)], env)
    else:
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)  # replaces the whole database, page by page
        finally:
            source.close()
    connections.close_all()
    ContentType.objects.clear_cache()


def database_is_empty() -> bool:
    """True for a new database: no tables, or only what `migrate` itself creates (content types, permissions,
    the roles' groups). Any page, person, user, post or log entry makes it non-empty."""
    tables = set(connection.introspection.table_names())
    for model in apps.get_models(include_auto_created=True):
        if model in SCAFFOLDING or model._meta.proxy or not model._meta.managed:
            continue
        if model._meta.db_table in tables and model._base_manager.exists():
            return False
    return True


# --- the archive -------------------------------------------------------------------------------------------


@dataclass
class Created:
    path: Path
    manifest: dict
    pruned: list[Path]


def backup_dir() -> Path:
    return Path(settings.BACKUP_DIR)


def create(directory: Path | None = None, keep: int | None = None) -> Created:
    directory = Path(directory or backup_dir())
    directory.mkdir(parents=True, exist_ok=True)
    version = code_version()
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    name = f"{PREFIX}{stamp}-{''.join(c if c.isalnum() or c in '.-' else '_' for c in version)}{SUFFIX}"
    with tempfile.TemporaryDirectory(prefix="jomthong-backup-", dir=directory) as scratch:
        scratch = Path(scratch)
        database = dump_database(scratch)
        media_root = Path(settings.MEDIA_ROOT)
        media = media_checksums(media_root)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "code_version": version,
            "django": django.get_version(),
            "database": {
                "vendor": connection.vendor,
                "file": f"database/{database.name}",
                "sha256": sha256_of(database),
            },
            "migrations": applied_migrations(),
            "media": media,
        }
        (scratch / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        partial = directory / f".{name}.partial"
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(scratch / MANIFEST, arcname=MANIFEST)
            tar.add(database, arcname=manifest["database"]["file"])
            for relative in media:
                tar.add(media_root / relative, arcname=f"media/{relative}", recursive=False)
        os.chmod(partial, 0o600)  # the database holds accounts and password hashes
        final = directory / name
        os.replace(partial, final)
    return Created(path=final, manifest=manifest, pruned=prune(directory, keep))


def prune(directory: Path, keep: int | None = None) -> list[Path]:
    keep = settings.BACKUP_KEEP if keep is None else keep
    archives = sorted(directory.glob(f"{PREFIX}*{SUFFIX}"), key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
    removed = archives[keep:] if keep > 0 else []
    for path in removed:
        path.unlink()
    return removed


def _safe_member(member: tarfile.TarInfo) -> bool:
    path = Path(member.name)
    return (member.isfile() or member.isdir()) and not path.is_absolute() and ".." not in path.parts


def unpack_and_verify(archive: Path, scratch: Path) -> dict:
    """Unpacks into ``scratch`` and checks the manifest against every file; raises BackupError on any doubt."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            unsafe = [m.name for m in members if not _safe_member(m)]
            if unsafe:
                raise BackupError(f"ไฟล์สำรองมีรายการที่ไม่ปลอดภัย ({unsafe[0]}) ไม่กู้คืน")
            tar.extractall(scratch, members=members, filter="data")
    except (tarfile.TarError, zlib.error, EOFError, OSError, ValueError) as error:
        raise BackupError(f"ไฟล์สำรองเสียหายหรือไม่ใช่ไฟล์สำรองของเว็บไซต์นี้ ({error}) ไม่ได้แตะข้อมูลใด") from error
    try:
        manifest = json.loads((scratch / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError("ไม่พบหรืออ่านรายการตรวจสอบ (manifest.json) ในไฟล์สำรองไม่ได้ ไม่ได้แตะข้อมูลใด") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"ไฟล์สำรองรูปแบบ {manifest.get('format')} ไม่รองรับ")
    expected = {manifest["database"]["file"]: manifest["database"]["sha256"]}
    expected |= {f"media/{name}": digest for name, digest in manifest["media"].items()}
    present = {
        path.relative_to(scratch).as_posix() for path in scratch.rglob("*") if path.is_file() and path.name != MANIFEST
    }
    if present != set(expected):
        odd = sorted(present ^ set(expected))[:3]
        raise BackupError(f"ไฟล์ในไฟล์สำรองไม่ตรงกับรายการตรวจสอบ ({', '.join(odd)}) ไม่ได้แตะข้อมูลใด")
    for name, digest in expected.items():
        if sha256_of(scratch / name) != digest:
            raise BackupError(f"ค่าตรวจสอบ SHA-256 ของ {name} ไม่ตรง ไฟล์สำรองเสียหาย ไม่ได้แตะข้อมูลใด")
    return manifest


def migration_problems(manifest) -> list[str]:
    """Migrations the archive's database has but this code does not know: restoring would break the site."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    installed = {config.label for config in apps.get_app_configs()}
    return sorted(
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if app in installed and (app, name) not in known
    )


def restore(archive: Path, force=False, log=lambda message: None) -> dict:
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"ไม่พบไฟล์ {archive}")
    with tempfile.TemporaryDirectory(prefix="jomthong-restore-") as scratch:
        scratch = Path(scratch)
        manifest = unpack_and_verify(archive, scratch)
        log(f"ตรวจค่า SHA-256 ครบ {len(manifest['media']) + 1} ไฟล์ ถูกต้อง (รุ่นโปรแกรม {manifest['code_version']})")
        unknown = migration_problems(manifest)
        if unknown:
            raise BackupError(
                "ฐานข้อมูลในไฟล์สำรองใหม่กว่าโปรแกรมนี้ (มี migration ที่โปรแกรมนี้ไม่รู้จัก: "
                f"{', '.join(unknown[:5])}) กรุณาติดตั้งโปรแกรมรุ่น {manifest['code_version']} ก่อนกู้คืน"
            )
        if manifest["database"]["vendor"] != connection.vendor:
            raise BackupError(f"ไฟล์สำรองนี้เป็นฐานข้อมูล {manifest['database']['vendor']} แต่เว็บไซต์นี้ใช้ {connection.vendor}")
        if not force and not database_is_empty():
            raise BackupError(
                "ฐานข้อมูลปลายทางมีข้อมูลอยู่แล้ว การกู้คืนจะเขียนทับทั้งหมด ถ้าแน่ใจ ให้สั่งใหม่พร้อม --force (ควรสำรองข้อมูลปัจจุบันไว้ก่อน)"
            )
        restore_database(scratch / manifest["database"]["file"], manifest["database"]["vendor"])
        log("กู้คืนฐานข้อมูลแล้ว")
        media_root = Path(settings.MEDIA_ROOT)
        for name in manifest["media"]:
            target = media_root / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(scratch / "media" / name, target)
        log(f"กู้คืนไฟล์สื่อ {len(manifest['media'])} ไฟล์แล้ว")
    # pg_restore and SQLite's backup API write past Django's connection, where the page cache watches
    # writes: no page, part or shell data kept before the restore may be served after it.
    page_cache.bump_generation()
    return manifest
