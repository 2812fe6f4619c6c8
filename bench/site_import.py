"""Issue 31's benchmark: a WordPress export of N posts with 2 images each (2N image files) imported
into one village by `site_import`, as `import_site --wordpress --media` does. Target: 1,000 posts with
2,000 images in under 2 minutes, memory flat (the resident size after each quarter of the posts).

Baseline in the same run: a tenth of the posts into another village, so the ratio of the time per
post shows whether the cost grows with the site's size. Runs in a scratch database
(`villageweb_bench_site_import`).

Usage: python bench/site_import.py [N] [--profile]
"""

import cProfile
import pstats
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from scratch import scratch_django_setup, scratch_drop

HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Desa Bench</title><link>http://bench.desa.id</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>http://bench.desa.id</wp:base_site_url>
<wp:base_blog_url>http://bench.desa.id</wp:base_blog_url>
<wp:author>
<wp:author_login><![CDATA[admin]]></wp:author_login>
<wp:author_display_name><![CDATA[Admin Desa]]></wp:author_display_name></wp:author>
<wp:category>
<wp:term_id>3</wp:term_id>
<wp:category_nicename><![CDATA[kegiatan]]></wp:category_nicename>
<wp:cat_name><![CDATA[Kegiatan]]></wp:cat_name></wp:category>
"""
ATTACHMENT = """<item><title><![CDATA[foto-{n}]]></title><link>http://bench.desa.id/?attachment_id={n}</link>
<wp:post_id>{n}</wp:post_id>
<wp:status><![CDATA[inherit]]></wp:status>
<wp:post_type><![CDATA[attachment]]></wp:post_type>
<wp:attachment_url><![CDATA[http://bench.desa.id/wp-content/uploads/2024/05/foto-{n}.jpg]]></wp:attachment_url></item>
"""
POST = """<item><title><![CDATA[Kegiatan warga nomor {n}]]></title><link>http://bench.desa.id/2024/05/kegiatan-{n}/</link>
<dc:creator><![CDATA[admin]]></dc:creator><guid isPermaLink="false">http://bench.desa.id/?p={n}</guid>
<content:encoded><![CDATA[<!-- wp:paragraph -->
<p>Warga dusun bergotong royong pada kegiatan ke-{n}. {text}</p>
<!-- /wp:paragraph -->
[caption id="attachment_{a}" width="300"]<img src="http://bench.desa.id/wp-content/uploads/2024/05/foto-{a}-300x200.jpg"
alt="" /> Foto kegiatan[/caption]
<p>Lihat juga <a href="http://bench.desa.id/?p={prev}">kegiatan sebelumnya</a>.</p>]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded><wp:post_id>{n}</wp:post_id>
<wp:post_date><![CDATA[2024-05-06 09:00:00]]></wp:post_date>
<wp:post_date_gmt><![CDATA[2024-05-06 02:00:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[kegiatan-{n}]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status>
<wp:post_type><![CDATA[post]]></wp:post_type><wp:post_password><![CDATA[]]></wp:post_password>
<category domain="category" nicename="kegiatan"><![CDATA[Kegiatan]]></category>
<wp:postmeta>
<wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key>
<wp:meta_value><![CDATA[{b}]]></wp:meta_value></wp:postmeta>
</item>
"""
FILLER = "Kegiatan dihadiri perangkat desa, BPD, PKK dan karang taruna. " * 8


def export_build(folder: Path, posts: int) -> tuple[Path, Path]:
    from PIL import Image

    uploads = folder / "uploads" / "2024" / "05"
    uploads.mkdir(parents=True)
    sample = folder / "sample.jpg"
    Image.new("RGB", (640, 400), (40, 120, 60)).save(sample, quality=80)
    data = sample.read_bytes()
    parts = [HEADER]
    for number in range(1, posts + 1):
        first, second = 100_000 + 2 * number, 100_001 + 2 * number
        for attachment in (first, second):
            (uploads / f"foto-{attachment}.jpg").write_bytes(data)
            parts.append(ATTACHMENT.format(n=attachment))
        parts.append(POST.format(n=number, a=first, b=second, prev=max(number - 1, 1), text=FILLER))
    parts.append("</channel></rss>\n")
    export = folder / "export.xml"
    export.write_text("".join(parts), encoding="utf-8")
    return export, folder / "uploads"


def resident_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def import_timed(code: str, posts: int, *, profile: bool) -> tuple[float, list[float], int]:
    from django.db import connection

    from provisioning.site_import.services import site_import
    from provisioning.site_import.sources import site_read

    memory: list[float] = []
    quarter = max(posts // 4, 1)

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "konten" and done % quarter == 0:
            memory.append(resident_mb())

    with tempfile.TemporaryDirectory() as folder:
        export, media = export_build(Path(folder), posts)
        profiler = cProfile.Profile() if profile else None
        queries = [0]
        kinds: Counter = Counter()
        samples: Counter = Counter()

        def count(execute, sql, params, many, context):
            queries[0] += 1
            if profile:
                words = sql.split()
                table = next((word for word in words if word.startswith('"') and word != '"id"'), "")
                kinds[f"{words[0]} {table.split('.')[0]}"] += 1
                if table in ('"a"', '"public"') and samples[table] < 3:
                    samples[table] += 1
                    print("SAMPLE", sql[:300])
            return execute(sql, params, many, context)

        began = time.monotonic()
        if profiler:
            profiler.enable()
        site = site_read(wordpress=export)
        with connection.execute_wrapper(count):
            report = site_import(village_code=code, site=site, media_dir=media, progress=progress)
        if profiler:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
            for kind, number in kinds.most_common(40):
                print(f"{number:6d} {kind}")
        elapsed = time.monotonic() - began
    assert report.counts["news"] == posts and report.counts["image"] == 2 * posts, report.counts
    return elapsed, memory, queries[0]


def main() -> None:
    arguments = [argument for argument in sys.argv[1:] if not argument.startswith("--")]
    posts = int(arguments[0]) if arguments else 1000
    profile = "--profile" in sys.argv
    scratch_django_setup("villageweb_bench_site_import")
    from django.db import connection

    from provisioning.services import platform_init, village_provision

    platform_init(migrate=True)
    for code in ("35.23.99.3001", "35.23.99.3002"):
        village_provision(
            code=code, name=f"Bench {code[-4:]}", district_name="Bench", setup_link=True, actor="bench"
        )
        connection.set_schema_to_public()
    baseline_posts = max(posts // 10, 1)
    baseline, _memory, _queries = import_timed("35.23.99.3001", baseline_posts, profile=False)
    elapsed, memory, queries = import_timed("35.23.99.3002", posts, profile=profile)
    print(f"baseline: {baseline_posts} posts, {2 * baseline_posts} images in {baseline:.1f} s")
    print(f"import: {posts} posts, {2 * posts} images in {elapsed:.1f} s (target < 120 s)")
    print(
        f"time per post: {elapsed / posts * 1000:.0f} ms, ratio to the baseline's "
        f"{baseline / baseline_posts * 1000:.0f} ms: {(elapsed / posts) / (baseline / baseline_posts):.2f}x"
    )
    print(f"queries: {queries} ({queries / posts:.0f} per post with its 2 images)")
    print("resident memory after each quarter (MB): " + ", ".join(f"{value:.0f}" for value in memory))
    scratch_drop("villageweb_bench_site_import")


if __name__ == "__main__":
    main()
