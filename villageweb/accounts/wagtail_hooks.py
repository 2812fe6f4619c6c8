"""The "Pengingat" panel of a user's account page, the admin's own password-change page, and the
admin's phone-size corrections (accounts/admin_phone.css)."""

from django import forms
from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab

from villageweb.accounts.middleware import SESSION_KEY
from villageweb.accounts.models import ReminderPreference
from villageweb.accounts.roles import village_roles_prepare
from villageweb.accounts.services import permission_names_translate
from villageweb.accounts.views import password_change


class ReminderPreferenceForm(forms.ModelForm):
    class Meta:
        model = ReminderPreference
        fields = ["weekly_reminder"]


@hooks.register("register_account_settings_panel")
class ReminderSettingsPanel(BaseSettingsPanel):
    name = "reminders"
    title = "Pengingat"
    tab = notifications_tab
    order = 400
    form_class = ReminderPreferenceForm

    def get_form(self):
        instance = ReminderPreference.objects.filter(user=self.user).first() or ReminderPreference(
            user=self.user
        )
        if self.request.method == "POST":
            return self.form_class(self.request.POST, instance=instance, prefix=self.name)
        return self.form_class(instance=instance, prefix=self.name)


@hooks.register("construct_main_menu")
def hide_menu_while_password_change_pending(request, menu_items):
    """Until an issued password is replaced every admin link leads back to the change page, so the
    sidebar offers none (the account menu keeps log-out)."""
    if request.session.get(SESSION_KEY):
        menu_items.clear()


@hooks.register("register_admin_urls")
def register_password_change_url():
    return [path("ganti-kata-sandi/", password_change, name="accounts_password_change")]


@hooks.register("insert_global_admin_css")
def admin_phone_css():
    return format_html('<link rel="stylesheet" href="{}">', static("accounts/admin_phone.css"))


# Provisioning's extension points (provisioning/hooks.py): the groups before the pages that grant them
# rights; the permission names last, once every builder has made its permissions.
hooks.register("villageweb_template_build", village_roles_prepare, order=20)
hooks.register("villageweb_template_build", permission_names_translate, order=1000)
