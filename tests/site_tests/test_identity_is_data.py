"""The organisation's identity is data: no code or template outside demo content names it."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
IDENTITY = ("จอมทอง", "พิษณุโลก")


def is_demo_or_test(path: str) -> bool:
    parts = Path(path).parts
    return parts[0] == "tests" or any("demo" in part for part in parts)


def test_no_python_file_or_template_hard_codes_the_organisation():
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py", "*.html"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    offenders = [
        path
        for path in files
        if not is_demo_or_test(path)
        and (ROOT / path).exists()
        and any(name in (ROOT / path).read_text(encoding="utf-8") for name in IDENTITY)
    ]
    assert offenders == []
