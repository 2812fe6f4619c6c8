# VillageWeb front cache: every village site and the portal, in front of gunicorn.
#
# Contract: every answer carries X-Cache: HIT or MISS. Cached: anonymous GET/HEAD, keyed on the
# normalised host (a village's page is never served under another host), the path and the scheme;
# tracking parameters (utm_*, fbclid, ...) are dropped from the URL first.
# Never cached: other methods, /admin/ (previews included), /_tls/, requests with a session or
# messages cookie or Authorization, answers that set a cookie or say private/no-store (the app marks
# pages with a CSRF token and pages under view restrictions so).
# Freshness: the application BANs hosts after each commit (villageweb/freshness/frontcache.py) with
#   BAN / HTTP/1.1   X-Ban-Hosts: <anchored regex over host names>
# from the addresses in acl purgers. bin/serve rewrites the backend port when it is not 8000.
vcl 4.1;

import std;

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

    if (req.url ~ "^/_tls/" && client.ip !~ purgers) {
        return (synth(404, "Not found"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|_tls)(/|\?|$)" || req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Links shared on WhatsApp, Facebook and the like carry tracking parameters that no page reads,
    # and fbclid differs on every click: without them a viral link is one cached copy instead of a
    # render per visitor. What a page does read (halaman, kategori, tag, tahun, q, ...) stays.
    if (req.url ~ "[?&](?i:utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|igshid|mc_cid|mc_eid)=") {
        set req.url = regsuball(req.url, "([?&])(?i:utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|igshid|mc_cid|mc_eid)=[^&]*", "\1");
        set req.url = regsuball(req.url, "&&+", "&");
        set req.url = regsub(req.url, "\?&", "?");
        set req.url = regsub(req.url, "[?&]$", "");
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
}
