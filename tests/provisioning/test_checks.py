from provisioning.checks import allowed_hosts_gate_check


def test_wildcard_hosts_are_accepted_while_the_tenant_middleware_is_first(settings):
    settings.ALLOWED_HOSTS = ["*"]
    assert allowed_hosts_gate_check(None) == []


def test_wildcard_hosts_without_the_tenant_middleware_first_is_an_error(settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "VillageTenant" not in m]
    assert [error.id for error in allowed_hosts_gate_check(None)] == ["villageweb.E001"]


def test_only_header_only_middleware_may_stand_before_the_host_gate(settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.MIDDLEWARE = ["django.middleware.common.CommonMiddleware", *settings.MIDDLEWARE]
    assert [error.id for error in allowed_hosts_gate_check(None)] == ["villageweb.E001"]
