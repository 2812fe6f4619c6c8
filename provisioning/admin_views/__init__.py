"""Diskominfo's pages in the portal's Wagtail admin (the "Desa" menu, provisioning/wagtail_hooks.py).

- `access`: who may open them (Diskominfo staff on the portal only) and who acts in them.
- `villages`: the village list, the form that makes a village, a village's page.
- `actions`: every lifecycle step on a village's page, through one dispatcher (`village_action`).
- `exports`: where archives are written and their audited download.
- `jobs`: imports, the schema update, and each job's page and file.
- `health`: the regency's health screen, log-in locks, the service catalogue's dashboard.
- `forms`: their forms.

Views stay thin: the services (provisioning.services, provisioning.jobs) do the work and write
the audit log.
"""

from provisioning.admin_views.access import DISKOMINFO_GROUP, diskominfo_only, is_diskominfo_staff

__all__ = ["DISKOMINFO_GROUP", "diskominfo_only", "is_diskominfo_staff"]
