import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "villageweb.settings.production")

application = get_asgi_application()

from villageweb.warmup import worker_warm  # noqa: E402  (needs the settings set up above)

# Templates and URL resolvers are built now, at the worker's start, not in its first visitor's request.
worker_warm()
