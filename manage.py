#!/usr/bin/env python
import os
import sys

from villageweb.settings.environment import ProductionEnvironmentNotLoaded, settings_module_default

if __name__ == "__main__":
    try:
        os.environ["DJANGO_SETTINGS_MODULE"] = settings_module_default(os.environ)
    except ProductionEnvironmentNotLoaded as refused:
        sys.exit(str(refused))
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
