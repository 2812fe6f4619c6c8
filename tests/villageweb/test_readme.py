"""The README's folder table ("Where things are") names every top-level folder and module of the
repository and every module and folder of the Django project: a newcomer finds each in one place."""

import re
import subprocess
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _table() -> str:
    readme = (ROOT / "README.md").read_text()
    start = readme.index("## Where things are")
    return readme[start : readme.index("\n## ", start + 1)]


def _tracked() -> list[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    return listed.stdout.splitlines()


def test_every_top_level_folder_and_module_has_a_row():
    rows = set(re.findall(r"^\| `([^`]+)` \|", _table(), flags=re.MULTILINE))
    tracked = _tracked()
    folders = {path.split("/")[0] + "/" for path in tracked if "/" in path}
    modules = {path for path in tracked if "/" not in path and path.endswith(".py")}
    assert {"villageweb/", "tenants/", "manage.py"} <= folders | modules  # it reads the real tree
    missing = sorted((folders | modules) - rows)
    assert missing == [], f"README.md's folder table lacks rows for {missing}"


def test_every_module_and_folder_of_the_project_package_is_named():
    table = _table()
    names = {
        path.split("/")[1] for path in _tracked() if path.startswith("villageweb/") and path.count("/") >= 1
    }
    names.discard("__init__.py")
    assert {"settings", "freshness", "warmup.py"} <= names
    missing = sorted(name for name in names if f"`{name}" not in table and f"villageweb/{name}/" not in table)
    assert missing == [], f"README.md's folder table does not name villageweb/{missing}"
