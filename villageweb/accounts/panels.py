"""The publishing schedule on a phone (issue #27, item 5).

Wagtail's schedule dialog offers go-live and expiry times in whole hours (the date-time picker's
default step is 60 minutes), so an official who wants news out at 07.30 could only type it. Every page
of the platform uses this panel instead of Wagtail's own (`settings_panels` of the page mixins in
villageweb/schemas.py, by dotted path as Wagtail itself does): the same fields, widgets and dialog, with
a quarter-hour step. The picker's position on a narrow screen is set in accounts/admin_phone.css.
"""

from wagtail.admin.panels import PublishingPanel
from wagtail.admin.widgets import AdminDateTimeInput

SCHEDULE_STEP_MINUTES = 15


class ScheduleDateTimeInput(AdminDateTimeInput):
    """Wagtail's date-time picker listing every quarter hour."""

    def get_config(self):
        return {**super().get_config(), "step": SCHEDULE_STEP_MINUTES}


class SchedulePanel(PublishingPanel):
    """Wagtail's PublishingPanel whose two date-time fields use ScheduleDateTimeInput."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for child in self.children:
            widget = child.widget
            if isinstance(widget, AdminDateTimeInput) and not isinstance(widget, ScheduleDateTimeInput):
                child.widget = ScheduleDateTimeInput(
                    attrs=widget.attrs, js_overlay_parent_selector=widget.js_overlay_parent_selector
                )
