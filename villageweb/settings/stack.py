"""What `bash bin/serve` writes for the other processes on its machine (var/serve/stack.env: the
front cache to ban, the shared Redis), so that a management command run in another shell (a
`publish_news`) bans the pages it changed. The environment wins; the file exists only while the
stack runs."""

from pathlib import Path

STACK_ENV = Path(__file__).resolve().parents[2] / "var" / "serve" / "stack.env"


def stack_setting(name: str, environ) -> str:
    if environ.get(name):
        return environ[name]
    try:
        lines = STACK_ENV.read_text().splitlines()
    except OSError:
        return ""
    values = dict(line.split("=", 1) for line in lines if "=" in line)
    return values.get(name, "").strip()
