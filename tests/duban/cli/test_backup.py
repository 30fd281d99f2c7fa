"""Issue 14, item 7: ``duban backup FILE`` / ``duban restore FILE``.

The round trip runs on the test run's database — SQLite or PostgreSQL — so it is tested on
both: the demo documents, users, a report with its evidence file and rows in the
many-to-many tables are backed up, the installation is emptied the way a new one is
(``flush``: no rows but what ``migrate`` writes itself), restored, and every row of every
table and every media file is compared with what was there. Hostile or foreign archives are
refused with one Chinese line and exit code 1, and a refused or failed restore leaves the
installation untouched.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command

from duban.cli import main
from duban.cli.demo import DEMO_FILES
from tests.duban.conftest import CORPUS
from tests.zipbombs import plain_member, write_zip, zeros_member

Rows = dict[str, list[tuple[Any, ...]]]


def _tables() -> Rows:
    """Every row of every table of every installed model (many-to-many tables included)."""
    out: Rows = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy or meta.swapped:
            continue
        columns = [f.attname for f in meta.concrete_fields]
        out[meta.label_lower] = list(model._base_manager.order_by("pk").values_list(*columns))
    return out


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _populate() -> None:
    """The demo site (its first notice), a report with its evidence, and rows in the many-to-many tables."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.sessions.backends.db import SessionStore

    from duban.accounts.models import User
    from duban.accounts.services import token_issue
    from duban.cli import demo
    from duban.orgs.models import CollectiveGroup, OrgUnit
    from duban.plans.models import Task
    from duban.progress import selectors, services
    from duban.progress.models import ReportingPeriod
    from duban.progress.services.evidence import Upload
    from duban.progress.services.reports import ReportInput

    demo._import(sorted(CORPUS.glob(DEMO_FILES[0] + ".txt"))[0])  # the larger notice, 2 lists
    demo._users()
    reporter = User.objects.get(username="reporter")
    unit = reporter.memberships.get().unit
    task = next(
        t
        for t in Task.objects.order_by("pk")
        if getattr(selectors.primary_unit(t), "pk", 0) == unit.pk
    )
    services.progress_report_save(
        task=task,
        period=ReportingPeriod.objects.filter(document=task.task_list.document).earliest(
            "due_date"
        ),
        unit=unit,
        data=ReportInput(progress="已完成选址，“开工”建设。\n第二行 ☆"),
        expected_version=None,
        submit=True,
        evidence=Upload("现场照片.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
        actor=reporter,
    )
    group = Group.objects.create(name="值班")
    group.permissions.add(*Permission.objects.order_by("pk")[:3])
    reporter.groups.add(group)
    CollectiveGroup.objects.order_by("pk").first().members.add(  # type: ignore[union-attr]
        *OrgUnit.objects.order_by("pk")[:2]
    )
    token_issue(username="office")
    session = SessionStore()
    session["note"] = "保留"
    session.create()


@pytest.mark.django_db(transaction=True)
def test_restore_into_an_empty_installation_gives_back_every_row_and_file(
    tmp_path: Path, settings: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    _populate()
    before, files_before = _tables(), _files(Path(settings.MEDIA_ROOT))
    filled = {label for label, rows in before.items() if rows}
    assert {
        "progress.evidence",
        "progress.progressreport",
        "accounts.user_groups",
        "auth.group_permissions",
        "orgs.collectivegroup_members",
        "authtoken.token",
        "sessions.session",
        "audit.auditevent",
    } <= filled
    assert len(filled) >= 30 and any(name.startswith("evidence/") for name in files_before)

    archive = tmp_path / "nightly.zip"
    assert main(["backup", str(archive)]) == 0
    assert "已备份" in capsys.readouterr().out
    assert archive.stat().st_mode & 0o077 == 0  # password hashes and sessions: owner only

    call_command("flush", interactive=False, verbosity=0)  # a freshly migrated installation
    settings.MEDIA_ROOT = tmp_path / "new-files"
    assert main(["restore", str(archive)]) == 0
    assert "已恢复" in capsys.readouterr().out

    after = _tables()
    restored = [e for e in after["audit.auditevent"] if e not in before["audit.auditevent"]]
    assert len(restored) == 1 and "backup.restore" in restored[0]  # the restore is audited
    after["audit.auditevent"].remove(restored[0])
    for label in sorted(before):
        assert after[label] == before[label], label
    assert _files(Path(settings.MEDIA_ROOT)) == files_before
    # the sequences start past the restored ids (PostgreSQL: sqlsequencereset)
    from duban.accounts.models import Role
    from duban.accounts.services import user_create

    newcomer = user_create(username="newcomer", password="pw-123456789", role=Role.AUDITOR)
    assert newcomer.pk > max(row[0] for row in before["accounts.user"])


@pytest.mark.django_db(transaction=True)
def test_a_refused_or_failed_restore_changes_nothing(
    tmp_path: Path, settings: Any, capsys: pytest.CaptureFixture[str], import_basic: Any
) -> None:
    import_basic()
    archive = tmp_path / "b.zip"
    assert main(["backup", str(archive)]) == 0
    assert main(["backup", str(archive)]) == 1  # an existing file is kept without --force
    assert "已存在" in capsys.readouterr().err
    before, files_before = _tables(), _files(Path(settings.MEDIA_ROOT))
    assert files_before

    assert main(["restore", str(archive)]) == 1
    err = capsys.readouterr().err
    assert "不是空的" in err and "--force" in err and err.count("\n") == 1

    # two rows of the last table change places (same size, valid rows, another checksum):
    # the tables before it were already emptied and refilled, and all of it must roll back
    damaged = tmp_path / "damaged.zip"
    _rewrite(archive, damaged, _last_table(archive), _swap_first_rows)
    assert main(["restore", "--force", str(damaged)]) == 1
    assert "已损坏" in capsys.readouterr().err
    assert _tables() == before
    assert _files(Path(settings.MEDIA_ROOT)) == files_before  # no staging folder left behind

    assert main(["restore", "--force", str(archive)]) == 0  # replaces every row and file
    after = _tables()
    events = after.pop("audit.auditevent")
    restores = [e for e in events if "backup.restore" in e]  # the restore's own record
    assert len(restores) == 1
    assert [e for e in events if e not in restores] == before.pop("audit.auditevent")
    assert after == before and _files(Path(settings.MEDIA_ROOT)) == files_before


def _last_table(archive: Path) -> str:
    with zipfile.ZipFile(archive) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    return str([t for t in manifest["tables"] if t["rows"] > 1][-1]["member"])


def _swap_first_rows(data: bytes) -> bytes:
    first, second, rest = data.split(b"\n", 2)
    return b"\n".join([second, first, rest])


def _rewrite(source: Path, target: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            new.writestr(info, change(data) if info.filename == member else data)


def _archive(path: Path, manifest: dict[str, Any], members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def _manifest(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "format": "duban-backup",
        "version": 1,
        "created_at": "2026-01-01T00:00:00+00:00",
        "database": "sqlite",
        "migrations": [],
        "tables": [],
        "files": [],
    }
    body.update(changes)
    return body


def _file_entry(path: str, data: bytes) -> dict[str, Any]:
    digest = hashlib.sha256(data).hexdigest()
    return {"path": path, "bytes": len(data), "sha256": digest, "mtime": 0}


def _refused(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["restore", str(path)]) == 1
    out = capsys.readouterr()
    assert out.out == "" and out.err.count("\n") == 1 and "Traceback" not in out.err
    assert out.err.startswith("恢复失败：")
    return out.err


def test_bad_archives_are_refused_in_one_chinese_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No database access at all (no django_db mark): each is refused before ``migrate``."""
    text = tmp_path / "notes.zip"
    text.write_text("这不是压缩包\n", encoding="utf-8")
    assert "不是督办的备份文件" in _refused(text, capsys)
    assert "不存在" in _refused(tmp_path / "missing.zip", capsys)
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("readme.txt", "别的压缩包")
    assert "缺少清单" in _refused(other, capsys)
    foreign = _archive(tmp_path / "foreign.zip", {"format": "x"}, {})
    assert "不是督办的备份文件" in _refused(foreign, capsys)
    newer = _archive(tmp_path / "v9.zip", _manifest(version=9), {})
    assert "版本 9 不受支持" in _refused(newer, capsys)
    broken = _archive(tmp_path / "broken.zip", _manifest(tables=[{"model": 1}]), {})
    assert "清单" in _refused(broken, capsys)


@pytest.mark.parametrize(
    "path", ["../../etc/cron.d/x", "/etc/passwd", "a/../../b", "C:/x", "a\\..\\b"]
)
def test_a_media_path_leaving_the_media_folder_is_refused(
    path: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = b"* * * * * root sh -c 'id'\n"
    listed = _archive(
        tmp_path / "listed.zip",
        _manifest(files=[_file_entry(path, data)]),
        {"media/" + path: data},
    )
    assert "路径不安全" in _refused(listed, capsys)
    unlisted = _archive(tmp_path / "unlisted.zip", _manifest(), {"media/" + path: data})
    assert "清单之外" in _refused(unlisted, capsys)
    assert not (tmp_path.parent / "etc").exists()


def test_a_decompression_bomb_is_refused_before_it_is_inflated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    member = "data/0001-auth.group.jsonl"
    bomb = zeros_member(2048)  # 2 GiB of zeros in about 2 MB
    table = {
        "model": "auth.group",
        "member": member,
        "rows": 0,
        "bytes": bomb[2],
        "sha256": "0" * 64,
    }
    manifest = json.dumps(_manifest(tables=[table])).encode()
    path = tmp_path / "bomb.zip"
    path.write_bytes(write_zip([("manifest.json", plain_member(manifest)), (member, bomb)]))
    assert path.stat().st_size < 4 * 1024 * 1024
    assert "压缩炸弹" in _refused(path, capsys)
    huge = tmp_path / "manifest-bomb.zip"
    huge.write_bytes(write_zip([("manifest.json", zeros_member(2048))]))
    assert "压缩炸弹" in _refused(huge, capsys)
