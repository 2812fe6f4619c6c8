"""Running provisioning's extension points: named Wagtail hooks that each app registers in its own
wagtail_hooks.py, `hooks.register("villageweb_template_build", fn, order=N)`, run in `order` across
every app (a grep for the name finds every contributor and its place).

- `villageweb_template_build`, run by `init_platform` in the template schema as `fn()`: the pages,
  groups and settings every new village starts with;
- `villageweb_portal_build`, run by `init_platform` in the public schema as `fn()`: the portal's pages;
- `villageweb_village_setup`, run by `provision_village` and `import_villages` in the new village's
  schema as `fn(village=)`: personalise the clone;
- `villageweb_demo_fill`, run by `seed_demo` in each demo village's schema as `fn(village=, demo=)`:
  demo content (idempotent).

(`villageweb_village_contact`, read by the suspended village's 503 page, is tenants/views.py's.)
"""

from wagtail import hooks

TEMPLATE_BUILD = "villageweb_template_build"
PORTAL_BUILD = "villageweb_portal_build"
VILLAGE_SETUP = "villageweb_village_setup"
DEMO_FILL = "villageweb_demo_fill"


def hooks_run(name: str, **kwargs) -> None:
    for fn in hooks.get_hooks(name):
        fn(**kwargs)
