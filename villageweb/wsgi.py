import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "villageweb.settings.production")

from villageweb.request_limits import RequestBodyLimit  # noqa: E402  (needs the settings set up above)
from villageweb.warmup import worker_warm  # noqa: E402  (needs the settings set up above)

# Bodies over the path's limit are answered 413 before Django reads a byte of them.
application = RequestBodyLimit(get_wsgi_application())

# Templates and URL resolvers are built now, at the worker's start, not in its first visitor's request.
worker_warm()
