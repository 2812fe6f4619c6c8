"""The publishing path's contributions to Wagtail's admin."""

from wagtail import hooks

from villageweb.publishing.retry import create_as_edit

hooks.register("before_create_page", create_as_edit)
