"""Settings shared by every environment. Tenant wiring (which app lives where) is kept here, in one place."""

import datetime
import os

from tenants.admin_urls import admin_base_url
from tenants.branding import admin_site_name
from villageweb.database import PROJECT_DIR, database_config
from villageweb.settings.stack import stack_setting

BASE_DIR = PROJECT_DIR

# --- The regency this installation serves -------------------------------------------------------
VILLAGEWEB_BASE_DOMAIN = os.environ.get("VILLAGEWEB_BASE_DOMAIN", "localhost")
VILLAGEWEB_REGENCY_NAME = os.environ.get("VILLAGEWEB_REGENCY_NAME", "Kabupaten Tuban")
# The portal's one brand name: its pages, feeds and API, the admin's title, the sender of e-mails.
VILLAGEWEB_PORTAL_NAME = os.environ.get("VILLAGEWEB_PORTAL_NAME", f"Portal Desa {VILLAGEWEB_REGENCY_NAME}")
VILLAGEWEB_REGENCY_CODE = os.environ.get("VILLAGEWEB_REGENCY_CODE", "35.23")
# How links to sites are written (the proxy in front terminates TLS in production).
VILLAGEWEB_URL_SCHEME = os.environ.get("VILLAGEWEB_URL_SCHEME", "http")
VILLAGEWEB_URL_PORT = int(os.environ.get("VILLAGEWEB_URL_PORT", "8000"))

# --- Tenancy: which apps live in the public schema, which in every village's schema --------------
# Never move an app between the two lists after its first migration.
SHARED_APPS = [
    "django_tenants",
    "tenants",
    # Public schema only: what is cached where and what makes it stale (docs/caching.md).
    "villageweb.freshness",
    # No models: the CSP and Permissions-Policy headers, `{% inline_style %}` (docs/security.md).
    "villageweb.security",
    # No models: storage backends, quota, full disk, photo metadata (villageweb/media/).
    "villageweb.media",
    # Public schema only: each village's activity and Kelengkapan score.
    "villageweb.health",
    # What a page's publish, unpublish, move or delete sets off (villageweb/publishing/changes.py).
    "villageweb.publishing",
    "provisioning",
    # Public schema only: the job queue (procrastinate's tables) and the jobs run across villages.
    "procrastinate.contrib.django",
    "provisioning.jobs",
    # Public schema only: the federated news index and regency announcements.
    "villageweb.portal.federation",
    "villageweb.cases",
    "villageweb.transparency",
    # Public schema only: the catalogue of every provider's public services (issue #29).
    "villageweb.services",
    # Page apps are in both lists: Wagtail's page tree joins every page type's table, so each
    # schema needs them all (empty where unused) for deletes and moves to work.
    "villageweb.portal",
    "villageweb.village",
    "villageweb.news",
    "villageweb.announcements",
    "villageweb.budget",
    "villageweb.accounts",
    # Failed log-in attempts, in every schema: each village (and the portal) counts its own
    # (docs/security.md, "Log-in throttling").
    "axes",
    "themes",
    # Public schema only: the regency's theme policy must never be shadowed by a village's table.
    "themes.regency",
    # Wagtail and Django apps are in both lists: the portal is a Wagtail site of its own.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

TENANT_APPS = [
    "villageweb.cases.inbox",
    # Village-only: each village's own details of the regency's village services (docs/services.md).
    "villageweb.services.local",
    "villageweb.portal",
    "villageweb.village",
    "villageweb.news",
    "villageweb.announcements",
    "villageweb.budget",
    "villageweb.accounts",
    # Village-only: the audit of Diskominfo's support log-ins, read by the village's own admins.
    "provisioning.support",
    # Village-only: which old-site item became which page or file (imports rerun without copies).
    "provisioning.site_import",
    "axes",
    "themes",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
]

INSTALLED_APPS = list(SHARED_APPS) + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.Village"
TENANT_DOMAIN_MODEL = "tenants.Domain"
PUBLIC_SCHEMA_NAME = "public"
PUBLIC_SCHEMA_URLCONF = "villageweb.urls_public"
ROOT_URLCONF = "villageweb.urls_tenants"
# New villages are cloned from this template schema instead of running every migration.
TENANT_BASE_SCHEMA = "village_template"
TENANT_CREATION_FAKES_MIGRATIONS = True
# Ready copies of the template kept for provisioning (renamed on demand; see provisioning/schema_clone.py).
VILLAGEWEB_SPARE_SCHEMAS = int(os.environ.get("VILLAGEWEB_SPARE_SCHEMAS", "4"))
# Worker processes of `import_villages` (each provisions whole villages, one transaction each). One more
# than the cores: a worker waiting on PostgreSQL's commit leaves a core to the others (measured on 2
# cores: 155 s with 2 workers, 130 s with 3, 139 s with 4 for all 328 Tuban villages).
VILLAGEWEB_IMPORT_WORKERS = int(
    os.environ.get("VILLAGEWEB_IMPORT_WORKERS", str(min((os.cpu_count() or 1) + 1, 4)))
)
# Schemas whose content types one process keeps (tenants/content_types.py): the most recently used
# ones, enough for every village of the largest regency (852) and the portal.
VILLAGEWEB_CONTENT_TYPE_CACHE_SCHEMAS = int(os.environ.get("VILLAGEWEB_CONTENT_TYPE_CACHE_SCHEMAS", "1000"))
# A database connection is closed after a request once it has visited more village schemas than
# this (0: never): each schema visited keeps ~0.86 MiB of catalog cache in its PostgreSQL backend
# (docs/scaling.md), so 100 bounds one connection near 90 MiB above its base. CONN_MAX_AGE
# (VILLAGEWEB_CONN_MAX_AGE, seconds) bounds its age as well.
VILLAGEWEB_CONN_MAX_SCHEMAS = int(os.environ.get("VILLAGEWEB_CONN_MAX_SCHEMAS", "100"))
TENANT_LIMIT_SET_CALLS = True
# Worker processes for `migrate_villages` and `migrate_schemas --executor=multiprocessing`.
TENANT_MULTIPROCESSING_MAX_PROCESSES = int(
    os.environ.get("VILLAGEWEB_MIGRATE_PROCESSES", os.cpu_count() or 2)
)
DEFAULT_NOT_FOUND_TENANT_VIEW = "tenants.views.unknown_host"
DATABASE_ROUTERS = ("django_tenants.routers.TenantSyncRouter",)

DATABASES = {"default": database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

MIDDLEWARE = [
    # Security headers (issue #13, docs/security.md), listed twice on purpose: here for the answers the
    # tenant router gives itself, and after the portal's page cache so cached pages keep their policy.
    "villageweb.security.headers.SecurityHeadersMiddleware",
    "tenants.middleware.VillageTenantMiddleware",
    # Right after routing: village hosts never open public-only screens (tenants/isolation.py).
    "tenants.isolation.PublicOnlyGateMiddleware",
    "villageweb.freshness.frontcache.PrivateResponseMiddleware",
    "villageweb.query_params.QueryStringCleanMiddleware",
    "villageweb.freshness.portal_cache.PortalPageCacheMiddleware",
    # Its counterpart on village hosts: the parts a village's pages share, under its content version.
    "villageweb.freshness.site_cache.VillageSiteCacheMiddleware",
    "villageweb.security.headers.SecurityHeadersMiddleware",  # second entry: see the first
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Indonesian for every public page; English only where an editor chose it (not LocaleMiddleware).
    "villageweb.locale_middleware.IndonesianLocaleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "villageweb.accounts.middleware.PasswordChangeRequiredMiddleware",
    "villageweb.accounts.throttle.LoginThrottleMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # An upload that meets a full disk: an Indonesian message, not a 500 (villageweb/media/disk_full.py).
    "villageweb.media.disk_full.StorageFullMiddleware",
    # Last, as django-axes asks: answers a locked-out log-in with 429 (docs/security.md).
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "villageweb" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "tenants.context_processors.village",
                "themes.context_processors.theme",
                # Upper layer plugging in: the banner of a Diskominfo support session in the admin.
                "provisioning.support.context_processors.support_banner",
            ],
            # `tanggal` and `waktu`: Indonesian dates in every template without a {% load %}.
            "builtins": ["villageweb.dates"],
        },
    },
]

WSGI_APPLICATION = "villageweb.wsgi.application"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Language and time: Indonesian first ---------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "villageweb" / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("id", "Bahasa Indonesia")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]

# --- Static and media: media stays inside each schema's own folder -------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_ROOT = os.environ.get("VILLAGEWEB_MEDIA_ROOT", str(BASE_DIR / "media"))
# Village archives made from the Diskominfo admin: outside MEDIA_ROOT (never served) and, in
# production, outside the checkout (production.py). var/ is git-ignored.
VILLAGEWEB_EXPORT_ROOT = os.environ.get("VILLAGEWEB_EXPORT_ROOT", str(BASE_DIR / "var" / "exports"))
MEDIA_URL = "/media/"
MULTITENANT_RELATIVE_MEDIA_ROOT = "%s"
STORAGES = {
    # TenantFileSystemStorage that writes under a temporary name first: a full disk leaves nothing.
    "default": {"BACKEND": "villageweb.media.storage.VillageFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Village media in an S3-compatible bucket instead of MEDIA_ROOT (villageweb/media/storage.py: schema as the
# key prefix). Credentials come from the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables.
# Images are public objects the bucket (or the CDN named by VILLAGEWEB_S3_CUSTOM_DOMAIN) serves itself;
# documents are private objects behind signed, short-lived URLs (villageweb/media/storage.py).
VILLAGEWEB_MEDIA_STORAGE = os.environ.get("VILLAGEWEB_MEDIA_STORAGE", "local")
if VILLAGEWEB_MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "villageweb.media.storage.VillageS3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("VILLAGEWEB_S3_BUCKET", ""),
            "endpoint_url": os.environ.get("VILLAGEWEB_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("VILLAGEWEB_S3_REGION") or None,
            "custom_domain": os.environ.get("VILLAGEWEB_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }

# --- Caches: every key carries the schema, including Wagtail's renditions cache ------------------
_TENANT_KEYS = {
    "KEY_FUNCTION": "django_tenants.cache.make_key",
    "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
}
# Portal paths whose anonymous responses are cached under the portal's content version
# (villageweb/freshness/portal_cache.py): "Berita Desa" with its kecamatan pages and search, and the API.
VILLAGEWEB_PORTAL_CACHED_PATHS = ["/berita-desa/", "/api/v1/berita-desa/", "/layanan/", "/api/v1/layanan/"]
# Portal pages cached whole on their exact path only (a prefix "/" would take in every portal path).
VILLAGEWEB_PORTAL_CACHED_PAGES = ["/"]
# A village page an anonymous visitor may get from the front cache is also kept whole in the village's
# site cache (villageweb/freshness/site_cache.py), under its content version, for at most this many seconds
# (Varnish's TTL for what no ban tracks, deploy/varnish/villageweb.vcl); 0 turns it off.
VILLAGEWEB_VILLAGE_PAGE_CACHE_SECONDS = int(os.environ.get("VILLAGEWEB_VILLAGE_PAGE_CACHE_SECONDS", "300"))

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", **_TENANT_KEYS},
    "renditions": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "renditions",
        **_TENANT_KEYS,
    },
    # Platform-wide values read from the public schema by every site (the regency's theme policy),
    # and the portal's cached pages and page frame: deliberately not keyed by schema, so reading them
    # never switches the connection's schema. Room for the pages of many different searches before
    # LocMem culls entries at random (a culled frame piece costs the next visitor ~3 ms to redo).
    "platform": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "platform",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}

# --- Front cache (Varnish, deploy/varnish/villageweb.vcl; villageweb/freshness/frontcache.py) ------
# Where bans go after a commit, comma separated (e.g. http://127.0.0.1:8080/); empty: no front cache.
VILLAGEWEB_FRONTCACHE_URLS = [
    url for url in stack_setting("VILLAGEWEB_FRONTCACHE_URLS", os.environ).split(",") if url.strip()
]
# Models (app_label.model_name) or whole apps whose rows no visitor sees: a change bans nothing.
# Anything not listed bans (safe by default); rows written while serving pages must be listed.
VILLAGEWEB_FRONTCACHE_IGNORED = frozenset(
    {
        "sessions",
        "admin",
        "transparency",  # the disclosure snapshots: /transparansi/ is cached 5 minutes only
        "cases",  # cases: /lacak/ is never cached, /transparansi/ only briefly (docs/cases.md)
        "contenttypes",
        "auth.permission",
        "auth.user",
        "wagtailcore.revision",
        "wagtailcore.pagelogentry",
        "wagtailcore.modellogentry",
        "wagtailcore.referenceindex",
        "wagtailcore.pagesubscription",
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        "wagtailcore.workflowstate",
        "wagtailcore.taskstate",
        "wagtailcore.uploadedfile",
        "wagtailadmin.editingsession",
        "wagtailusers.userprofile",
        "wagtailsearch.indexentry",
        "wagtailimages.rendition",
        "wagtailembeds.embed",
        "wagtailforms.formsubmission",
        "tenants.contentversion",  # the versions themselves (villageweb/freshness/versions.py)
        "health.villageactivity",  # shown on Diskominfo's health page only
        "layanan.servicefeedback",  # counted on Diskominfo's catalogue dashboard only
        "accounts",  # one-time passwords and set-up links
        "support",  # audit of Diskominfo's support log-ins
        "provisioning.villageexport",
        "provisioning.supportgrant",
        "provisioning.auditentry",
        "axes",  # log-in attempts
        "procrastinate",  # the job queue
        "jobs",
    }
)
# Narrower (or wider) scopes than the default rule: "portal", "*" (every host) or "none".
VILLAGEWEB_FRONTCACHE_SCOPES = {
    # The federated index is shown by the portal only (its pages and API), not by village sites.
    "federation.federatednewsitem": "portal",
    # The completeness score (kept on publish when it changes, and daily): the portal's directory only.
    "health.villagecompleteness": "portal",
    # The catalogue: the portal's /layanan/ and API; a publish bans the provider's own hosts itself.
    "layanan.catalogueservice": "portal",
    "layanan.application": "portal",
    # A regency template shows on every village's /layanan/ and on the portal: every host (the default
    # for a public-only model, stated). A village's override is a row of its own schema: its hosts.
    "layanan.villageservicetemplate": "*",
}

# --- Sessions and CSRF: host-only cookies, never shared with a parent domain ---------------------
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Wagtail ----------------------------------------------------------------------------------
# Lazy: the village's own name in its admin, VILLAGEWEB_PORTAL_NAME on the portal.
WAGTAIL_SITE_NAME = admin_site_name
# Lazy: the portal's URL on the portal, the village's own primary domain on a village (mail links).
WAGTAILADMIN_BASE_URL = admin_base_url
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_USER_LOGIN_FORM = "villageweb.accounts.forms.LoginForm"
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "indonesian",
    }
}
# Alt text is required: the image form makes "description" (used as alt) mandatory.
WAGTAILIMAGES_IMAGE_FORM_BASE = "villageweb.village.forms.VillageImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Documents have a size limit like images (villageweb/village/forms.py, Indonesian message).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "villageweb.village.forms.VillageDocumentForm"
VILLAGEWEB_DOCUMENT_MAX_UPLOAD_SIZE = int(
    os.environ.get("VILLAGEWEB_DOCUMENT_MAX_UPLOAD_SIZE", 20 * 1024 * 1024)
)
# Each village's storage quota for the originals of its images and documents, in MB, unless Diskominfo
# gave it another (Village.storage_quota_mb; villageweb/media/quota.py, docs/security.md).
VILLAGEWEB_STORAGE_QUOTA_MB = int(os.environ.get("VILLAGEWEB_STORAGE_QUOTA_MB", "1024"))
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "csv", "txt", "zip"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# --- Request bodies (docs/security.md, "Request bodies") ------------------------------------------
# The largest body a request may send, by path prefix (first match wins; the last tier is the rest):
# the admin's image, document and Tulis Kabar uploads (4 photos of 10 MB, a 20 MB document), the rest
# of the admin (page edits, the village list import), and everything else (contact form, log-in
# forms, password pages). Caddy enforces the same tiers (deploy/caddy/Caddyfile,
# tests/security/test_request_body_limits.py keeps the two equal), gunicorn's application too
# (villageweb/request_limits.py); each upload form then checks its own file size with its own message.
VILLAGEWEB_REQUEST_BODY_LIMITS = [
    (("/admin/images/", "/admin/documents/", "/admin/tulis-kabar/"), 48 * 1024 * 1024),
    (("/admin/",), 10 * 1024 * 1024),
    (("/",), 64 * 1024),
]
# What Django keeps in memory: form fields (non-file) at most 2.5 MB, an uploaded file up to 2.5 MB
# before it goes to a temporary file; at most 100 files in one request (Django's defaults, stated).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 100
# Village archives: VILLAGEWEB_EXPORT_ROOT, declared with the media settings above.
# Complaint form: at most this many posts per visitor IP per this many seconds, per village.
VILLAGEWEB_CONTACT_RATE_LIMIT = (5, 600)
# Complaints and information requests (villageweb/cases, docs/cases.md).
VILLAGEWEB_CASE_CODE_PREFIX = os.environ.get("VILLAGEWEB_CASE_CODE_PREFIX", "TBN")
VILLAGEWEB_CASE_ANSWER_DAYS = {"pengaduan": 10, "informasi": 10}  # working days (PerKI 1/2018 art. 32)
VILLAGEWEB_CASE_EXTENSION_DAYS = 7  # once, with a reason
VILLAGEWEB_CASE_OBJECTION_DAYS = 30  # the superior's answer to an objection
VILLAGEWEB_CASE_REMIND_DAYS = 2  # working days before the deadline
VILLAGEWEB_CASE_RETENTION_DAYS = int(os.environ.get("VILLAGEWEB_CASE_RETENTION_DAYS", "365"))
VILLAGEWEB_CASE_PROVIDER_LIMIT = (300, 3600)  # accepted cases per provider per hour, every address together
VILLAGEWEB_CASE_TRACK_LIMIT = (20, 600)  # unknown codes per address per 10 minutes on /lacak/
# Models of apps in both SHARED_APPS and TENANT_APPS whose data exists only in villages: the gate in
# tenants/isolation.py keeps their admin screens and menu items off the portal.
VILLAGEWEB_VILLAGE_ONLY_MODELS = ["village.LegalProduct", "village.PublicInformation"]
# The daily link check of the service catalogue (villageweb/services/linkcheck.py) never opens an
# address inside the platform's network; tests open their own local server.
VILLAGEWEB_LINK_CHECK_PRIVATE_ALLOWED = False
# How long Diskominfo's support log-in into a village's admin lasts (provisioning/support).
VILLAGEWEB_SUPPORT_ACCESS_MINUTES = int(os.environ.get("VILLAGEWEB_SUPPORT_ACCESS_MINUTES", "30"))

# --- Content-Security-Policy and Permissions-Policy (villageweb/security/headers.py, docs/security.md)
# Where media is served from besides this origin: the S3 bucket or its CDN.
_MEDIA_SOURCES = []
if VILLAGEWEB_MEDIA_STORAGE == "s3":
    _s3 = STORAGES["default"]["OPTIONS"]
    if _s3["custom_domain"]:
        _MEDIA_SOURCES.append(f"https://{_s3['custom_domain']}")
    elif _s3["endpoint_url"]:
        _MEDIA_SOURCES.append(_s3["endpoint_url"].rstrip("/"))
    else:
        _MEDIA_SOURCES.append(f"https://{_s3['bucket_name']}.s3.amazonaws.com")
# Images the portal shows from the villages' own hosts (Berita Desa thumbnails live on each village's
# primary domain): every subdomain of the base domain on any port, and any https origin for villages
# with a custom domain. An image cannot run code; scripts and styles stay on this origin only.
_VILLAGE_IMAGE_SOURCES = ["https:", f"*.{VILLAGEWEB_BASE_DOMAIN}:*"]
# Public sites and the portal: nothing inline but the <style> elements allowed by hash
# ({% inline_style %}), nothing from other origins but media and the villages' images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_MEDIA_SOURCES, *_VILLAGE_IMAGE_SOURCES],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
# The Wagtail admin (and its previews): Wagtail 8 still writes inline scripts (date pickers, inline
# panels, modal choosers) and inline styles (wagtail/wagtail#1288), so 'unsafe-inline' for both; no
# 'unsafe-eval', no other origin (WAGTAIL_GRAVATAR_PROVIDER_URL is off).
VILLAGEWEB_ADMIN_PATH_PREFIXES = ["/admin/"]
VILLAGEWEB_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *_MEDIA_SOURCES],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
# Features no page uses, refused for the page and every frame in it. A file input with
# capture="environment" (the phone's camera for a news photo) opens the camera app through the file
# picker and needs no "camera" permission (that governs getUserMedia).
VILLAGEWEB_PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "serial": [],
    "bluetooth": [],
    "midi": [],
    "magnetometer": [],
    "gyroscope": [],
    "accelerometer": [],
    "display-capture": [],
    "browsing-topics": [],
}
# Avatars are never fetched from gravatar.com: a privacy leak of every admin's e-mail hash, and
# another origin in the admin's policy.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Client address and log-in throttling (docs/security.md) ------------------------------------
# Reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For is believed.
# Empty: REMOTE_ADDR is the client and X-Forwarded-For is ignored.
VILLAGEWEB_TRUSTED_PROXIES = [
    entry.strip() for entry in os.environ.get("VILLAGEWEB_TRUSTED_PROXIES", "").split(",") if entry.strip()
]
AXES_ENABLED = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("VILLAGEWEB_LOGIN_FAILURE_LIMIT", "5"))
# Short on purpose: a stranger who types a village admin's username wrong five times locks it for
# minutes, not for a day, while guessing stays at a few tries per cool-off.
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("VILLAGEWEB_LOGIN_COOLOFF_MINUTES", "15")))
# Locked per (username, address) pair (counted in the village's own schema) and per address: a
# stranger's failures on "admin" never lock the owner out on another address (docs/security.md).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
# axes' reset would clear the address too; a success clears only its own pair
# (villageweb.accounts.throttle.attempts_reset_on_login).
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "villageweb.security.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "villageweb.accounts.throttle.lockout_response"
AXES_VERBOSE = False

# --- Extension points: named Wagtail hooks in each app's wagtail_hooks.py, not settings -------------
# (villageweb_template_build, _portal_build, _village_setup, _demo_fill: provisioning/hooks.py;
# villageweb_village_contact: tenants/views.py).

# --- Jobs (provisioning/jobs, docs/jobs.md) ---------------------------------------------------------
# A worker silent this long (no heartbeat; procrastinate beats every 10 s) is taken for dead and its
# running jobs are queued again by the next `run_jobs`.
VILLAGEWEB_JOBS_STALLED_SECONDS = float(os.environ.get("VILLAGEWEB_JOBS_STALLED_SECONDS", "60"))
# Page revisions older than this are pruned daily (the latest, live and scheduled ones always stay).
VILLAGEWEB_REVISIONS_KEEP_DAYS = int(os.environ.get("VILLAGEWEB_REVISIONS_KEEP_DAYS", "90"))
# Export archives older than this are deleted daily (each village's newest export always stays).
VILLAGEWEB_EXPORT_RETENTION_DAYS = int(os.environ.get("VILLAGEWEB_EXPORT_RETENTION_DAYS", "30"))
# Regency announcements are deleted this many days after their last day.
VILLAGEWEB_ANNOUNCEMENT_RETENTION_DAYS = int(os.environ.get("VILLAGEWEB_ANNOUNCEMENT_RETENTION_DAYS", "365"))

# Weekly reminder when a village has had no news for this many days (Diskominfo sets it).
VILLAGEWEB_REMINDER_QUIET_DAYS = int(os.environ.get("VILLAGEWEB_REMINDER_QUIET_DAYS", "30"))
# Where the monthly activity summary goes (comma-separated addresses; none: not sent).
VILLAGEWEB_DISKOMINFO_EMAILS = [
    address.strip()
    for address in os.environ.get("VILLAGEWEB_DISKOMINFO_EMAILS", "").split(",")
    if address.strip()
]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", f"{VILLAGEWEB_PORTAL_NAME} <noreply@localhost>")
# The From of contact-form mail, for every village (the citizen's address goes in Reply-To).
VILLAGEWEB_CONTACT_FROM_EMAIL = os.environ.get("VILLAGEWEB_CONTACT_FROM_EMAIL", DEFAULT_FROM_EMAIL)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
