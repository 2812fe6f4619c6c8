"""Business actions on the platform and its villages. Commands, views and admin actions call these.

`platform` makes the platform ready, `validation` checks a new village's input, `villages` creates one.
Running villages after that (suspend, rename, domains, quota, passwords) is `lifecycle`; export,
restore and purge are `archive`. Every service that changes a village writes its own audit entry.
"""

from provisioning.services.platform import platform_init
from provisioning.services.validation import ProvisioningError, village_input_validate
from provisioning.services.villages import VILLAGE_ADMIN_USERNAME, ProvisionedVillage, village_provision

__all__ = [
    "VILLAGE_ADMIN_USERNAME",
    "ProvisionedVillage",
    "ProvisioningError",
    "platform_init",
    "village_input_validate",
    "village_provision",
]
