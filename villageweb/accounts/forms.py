"""Admin log-in form whose every label goes through gettext."""

from django.utils.translation import gettext_lazy
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    """Wagtail leaves the password label to Django's field-name fallback ("Password"), which no
    catalogue can translate; give it the msgid Django and we translate."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = gettext_lazy("Password")
