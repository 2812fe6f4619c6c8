"""Requests against the platform named by DATABASE_URL, from a process of their own (tests/citus, bench).

    python -m bench.citus_probe [--clear-cache] [--loop SECONDS] HOST/PATH [HOST/PATH ...]

Prints one JSON object per answer: the host and path, the status, the seconds, the page's <h1>s and its
body (the body only without --loop). The Django test client with the test settings (DEBUG off, no front
cache): what one web worker answers. --clear-cache empties every Django cache before each request (the
portal's page cache included: an uncached answer); --loop asks the targets again and again for that
many seconds (how a site answers during a shard move).
"""

import argparse
import json
import os
import re
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "villageweb.settings.test")


def _headings(body: str) -> list[str]:
    return [re.sub(r"<[^>]+>|\s+", " ", h).strip() for h in re.findall(r"<h1[^>]*>(.*?)</h1>", body, re.S)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clear-cache", action="store_true")
    parser.add_argument("--loop", type=float, default=0)
    parser.add_argument("targets", nargs="+")
    options = parser.parse_args()

    import django

    django.setup()
    from django.core.cache import caches
    from django.test import Client

    client = Client(raise_request_exception=False)
    until = time.monotonic() + options.loop
    while True:
        for target in options.targets:
            host, _, path = target.partition("/")
            if options.clear_cache:
                for alias in caches:
                    caches[alias].clear()
            started = time.monotonic()
            response = client.get("/" + path, HTTP_HOST=host)
            status = response.status_code
            body = "" if getattr(response, "streaming", False) else response.content.decode(errors="replace")
            answer = {
                "target": target,
                "at": round(time.time(), 3),
                "status": status,
                "seconds": round(time.monotonic() - started, 4),
                "h1": _headings(body),
            }
            if not options.loop:
                answer["body"] = body
            sys.stdout.write(json.dumps(answer) + "\n")
            sys.stdout.flush()
        if time.monotonic() >= until:
            break


if __name__ == "__main__":
    main()
