# VillageWeb front cache: every village site and the portal, in front of gunicorn.
#
# Contract: every answer carries X-Cache: HIT or MISS. Cached: anonymous GET/HEAD, keyed on the
# normalised host without port (a village's page is never served under another host), the path, the
# parameters pages read (sorted; any other parameter is dropped from the URL first) and the scheme.
# Never cached: other methods, /admin/ (previews included), /_tls/, requests with a well-formed session
# or messages cookie or Authorization, answers that set a cookie or say private/no-store (the app marks
# pages with a CSRF token and pages under view restrictions so).
# Freshness: the application BANs hosts after each commit (villageweb/freshness/frontcache.py) with
#   BAN / HTTP/1.1   X-Ban-Hosts: <anchored regex over host names>
# on the listener named "ban" (varnishd -a ban=127.0.0.1:6091), from the addresses in acl purgers.
# Caddy forwards visitors to the listener named "front" only, and behind Caddy every visitor comes
# from 127.0.0.1, so the address alone proves nothing: a BAN on "front" is refused whoever sends it.
# /_tls/ (Caddy's on-demand TLS ask) is never answered through Varnish: Caddy asks gunicorn directly.
# Public forms (every method but GET/HEAD outside /admin/: the case form on /kontak/ or wherever the
# village moved its contact page, the portal's /pengaduan/, /lacak/keberatan/, service feedback...) are
# counted here, before gunicorn, so that a flood of them is refused without costing a Django request:
# per client address and per host (see "Public forms" below; docs/cases.md, "Abuse limits").
# bin/serve rewrites the backend port when it is not 8000.
vcl 4.1;

import std;
# Debian's varnish-modules (apt-get install varnish-modules): token buckets per key, in Varnish's memory.
import vsthrottle;

backend gunicorn {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    unset req.http.X-Front-Host;
    if (req.http.host) {
        # Host names are case-insensitive and may end in a dot; default ports say nothing.
        set req.http.host = std.tolower(req.http.host);
        set req.http.host = regsub(req.http.host, "\.(:[0-9]+)?$", "\1");
        set req.http.host = regsub(req.http.host, ":(80|443)$", "");
        set req.http.X-Front-Host = regsub(req.http.host, ":[0-9]+$", "");
    }

    if (local.socket == "ban") {
        if (req.method != "BAN") {
            return (synth(404, "Not found"));
        }
    } else if (req.method == "BAN") {
        return (synth(403, "Forbidden"));
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # A regular expression over host names only (no spaces: the ban string is split on them).
        if (req.http.X-Ban-Hosts !~ "^[a-z0-9.|()^$\[\]-]+$") {
            return (synth(400, "X-Ban-Hosts missing or invalid"));
        }
        ban("obj.http.X-Front-Host ~ " + req.http.X-Ban-Hosts);
        return (synth(200, "Banned"));
    }

    # A request line in absolute form ("GET http://host/path") names its host there; the rules below
    # read the path.
    if (req.url ~ "^(?i)https?://") {
        set req.http.host = regsub(req.url, "^(?i)https?://([^/?#]*).*$", "\1");
        set req.url = regsub(req.url, "^(?i)https?://[^/?#]*", "");
        if (req.url !~ "^/") {
            set req.url = "/" + req.url;
        }
    }
    # Also when written %5Ftls or /_TLS: gunicorn decodes the path before Django reads it.
    if (req.url ~ "^/+(?i:_|%5f)tls(/|\?|$)") {
        return (synth(404, "Not found"));
    }
    # Public forms. The application's own limits (5 accepted cases per address per provider in 10
    # minutes, 300 per provider an hour) give the citizen a readable answer; these stop what would
    # otherwise cost a Django request each: 30 posts per address in 10 minutes over every host, and
    # 30 a minute to one host from every address together (a flood from many addresses). Both are
    # token buckets, and a full bucket lets its 30 through at once: half a second of both gunicorn
    # workers, which slowed every other village's uncached pages for that long; so a third bucket
    # lets at most 3 posts a second reach one host (a flood then costs a worker at most ~60 ms of
    # every second; bench/faults.py --only complaints). And one address may send one host at most
    # 10 in 10 minutes (twice the application's own allowance, for a citizen's corrected retries),
    # so that no single address can spend a village's minute for everyone else. The client's address is the one Caddy wrote: Caddy (on this machine) replaces any
    # X-Forwarded-For a visitor sends, and varnishd appends Caddy's own address, so the entry left
    # after dropping the loopback ones at the end is the visitor's. From anywhere else (no Caddy in
    # front), the connection's own address. /admin/ (written exactly so) is left to the log-in
    # throttle: any other spelling is counted here, which is the safe side.
    if (req.method != "GET" && req.method != "HEAD" && req.url !~ "^/admin/") {
        if (client.ip ~ purgers && req.http.X-Forwarded-For) {
            set req.http.X-Edge-Client = regsub(req.http.X-Forwarded-For, "(\s*,\s*(127\.0\.0\.1|::1))+\s*$", "");
            set req.http.X-Edge-Client = regsub(req.http.X-Edge-Client, "^.*,\s*", "");
            if (req.http.X-Edge-Client !~ "^[0-9a-fA-F.:]+$" || req.http.X-Edge-Client ~ "^(127\.0\.0\.1|::1)$") {
                set req.http.X-Edge-Client = client.ip;
            }
        } else {
            set req.http.X-Edge-Client = client.ip;
        }
        if (vsthrottle.is_denied("form-address:" + req.http.X-Edge-Client, 30, 10m) ||
            vsthrottle.is_denied("form-address-host:" + req.http.X-Edge-Client + " " + req.http.X-Front-Host, 10, 10m) ||
            vsthrottle.is_denied("form-host-burst:" + req.http.X-Front-Host, 3, 1s) ||
            vsthrottle.is_denied("form-host:" + req.http.X-Front-Host, 30, 1m)) {
            unset req.http.X-Edge-Client;
            return (synth(429, "Too Many Requests"));
        }
        unset req.http.X-Edge-Client;
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|_tls)(/|\?|$)" || req.http.Authorization) {
        return (pass);
    }
    # Only the cookies the platform sets, in the shape it sets them, take a request past the cache: a
    # Django session key (32 lower-case letters and digits) or a signed messages cookie. Anything else
    # (a made-up session value, another site's or an analytics cookie) is dropped below, so a flood of
    # bogus cookies is served from the cache like everybody else.
    if (req.http.Cookie ~ "(^|;)\s*sessionid=[a-z0-9]{32}\s*(;|$)" ||
        req.http.Cookie ~ "(^|;)\s*messages=[A-Za-z0-9._:-]*:[A-Za-z0-9_-]{40,}\s*(;|$)") {
        return (pass);
    }
    # The query string keeps only the parameters pages read, sorted, so that neither tracking
    # parameters (fbclid differs on every click from Facebook) nor made-up ones make a new copy:
    #   halaman, kategori, tag: news index, search (village and portal lists: halaman)
    #   tahun, jenis: legal products (Produk Hukum); q: search, portal, /layanan/; kecamatan, desa:
    #   portal lists and API; page, page_size: API; p: sitemap.xml; token: support log-in link;
    #   kode: /lacak/; provider, event: /layanan/; urut, format (=csv only): /transparansi/;
    #   p, page_id, cat, attachment_id, m, author: old WordPress/OpenSID links an imported site
    #   redirects (provisioning/site_import/wagtail_hooks.py).
    # Numbers must be numbers: halaman=<random> would otherwise be a copy per value.
    # Keep this list with the views that read request.GET (docs/deployment.md, "What the front cache keeps").
    set req.url = regsub(req.url, "#.*$", "");
    if (req.url ~ "\?") {
        set req.url = regsuball(req.url, "([?&])(?:halaman|tahun|page|page_size|p|page_id|attachment_id|m)=(?![0-9]{1,8}(?:&|$))[^&]*", "\1");
        set req.url = regsuball(req.url, "([?&])format=(?!csv(?:&|$))[^&]*", "\1");
        set req.url = regsuball(req.url, "([?&])(?!(?:halaman|kategori|tag|tahun|jenis|q|kecamatan|desa|page|page_size|p|token|kode|provider|event|urut|format|page_id|cat|attachment_id|m|author)=)[^&]*", "\1");
        set req.url = regsuball(req.url, "&&+", "&");
        set req.url = regsub(req.url, "\?&+", "?");
        set req.url = regsub(req.url, "[?&]+$", "");
        set req.url = std.querysort(req.url);
    }
    # One copy per host: a port in Host (":1234", or none) makes no new entry, and the page is
    # rendered for the bare host name, so no link in it carries a port a visitor made up.
    set req.http.host = req.http.X-Front-Host;
    # Caddy says https; anything else a client writes is plain http (one copy, not one per spelling).
    if (req.http.X-Forwarded-Proto ~ "^(?i)\s*https\s*$") {
        set req.http.X-Forwarded-Proto = "https";
    } else {
        unset req.http.X-Forwarded-Proto;
    }
    # Anonymous: no other cookie changes the answer (a CSRF cookie only matters to forms, which
    # are never cached), so dropping them lets all visitors share one copy.
    unset req.http.Cookie;
    # Django picks the language from Accept-Language and answers Vary: Accept-Language; two
    # variants instead of one per browser's exact header.
    if (req.http.Accept-Language ~ "^\s*en") {
        set req.http.Accept-Language = "en";
    } else {
        set req.http.Accept-Language = "id";
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_response {
    # Kept on the object so that bans can find it by host (and the ban lurker can work on it).
    set beresp.http.X-Front-Host = bereq.http.X-Front-Host;
    if (beresp.status == 404 || (beresp.status == 503 && beresp.http.Retry-After)) {
        # Unknown hosts, archived and suspended villages: a short TTL, so reopening shows at once
        # even if a ban were lost.
        set beresp.ttl = 10s;
        set beresp.grace = 0s;
    } else if (beresp.status == 200 && !beresp.http.Cache-Control && !beresp.http.Expires) {
        # Freshness comes from bans; the TTL bounds what no ban tracks (dates on agenda pages).
        set beresp.ttl = 300s;
        set beresp.grace = 1h;
    }
    # Falls through to the built-in rules: Set-Cookie, private, no-store or no-cache are not cached.
}

sub vcl_deliver {
    unset resp.http.X-Front-Host;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

sub vcl_synth {
    set resp.http.X-Cache = "MISS";
    if (resp.status == 429) {
        # The answer of the public-forms limit above: readable without a script, in Indonesian.
        set resp.http.Content-Type = "text/html; charset=utf-8";
        set resp.http.Retry-After = "600";
        set resp.http.Cache-Control = "no-store";
        synthetic({"<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Terlalu banyak kiriman</title></head>
<body style="font-family: sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">
<h1>Terlalu banyak kiriman</h1>
<p>Dari alamat internet Anda sudah terlalu banyak formulir dikirim dalam waktu singkat, atau situs ini
sedang menerima terlalu banyak kiriman. Kiriman ini belum diterima.</p>
<p>Silakan kembali ke halaman sebelumnya dan coba lagi sekitar 10 menit lagi. Isian Anda masih ada di
halaman sebelumnya (tombol Kembali pada peramban).</p>
</body></html>
"});
        return (deliver);
    }
}
